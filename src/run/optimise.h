/* optimise: a scenario's optimise{} carried out (issue #18, docs/scenarios.md): the
 * candidates it may choose and their costs, the sample-average choice and its trade-off
 * curve (stats/optim.h), the out-of-sample check, and the chosen set adopted into the
 * scenario's spec, so that the plan applied again shows it everywhere. */
#ifndef FP_RUN_OPTIMISE_H
#define FP_RUN_OPTIMISE_H
#include "../core/diag.h"
#include "../model/choice.h"
#include "../model/scenario.h"

/* optimise_run: carry out spec->optimise over res (the scenario applied without the
 * choice) and cons (its consolidation): fill out (rows owned: choice_release) and adopt
 * the chosen candidates into spec at the optimise{} line. Errors (a patient_impact word
 * impact_cost does not price, at the candidate's line; no set reaching the probability,
 * at the optimise{} line with the best probability any set reaches; a draw beyond the
 * limit of money) are reported to d: FP_EDATA, and spec is left as it was. seed is the
 * run's; threads as --threads (the figures do not depend on it). */
fp_status optimise_run(const model *m, scenario_spec *spec, const scenario_result *res,
		       const consolidation *cons, uint64_t seed, unsigned threads,
		       choice_result *out, diag *d);

/* choice_release: free what optimise_run allocated in c. */
void choice_release(choice_result *c);

#endif
