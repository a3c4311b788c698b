/* pipeline: one run of scenario scripts over a model version, computed in full and nothing
 * written: the model loaded once (hashing what it reads), then per script: the script,
 * its levers applied, the consolidation, the projection, the realisation (with actuals),
 * the liquidity (with a treasury) and the Monte Carlo risk (with iterations). "run" writes
 * the result (write.h), "verify" and "diff" re-run a record's checked copy (rerun.h). */
#ifndef FP_RUN_PIPELINE_H
#define FP_RUN_PIPELINE_H
#include "context.h"
#include "../audit/runopts.h"
#include "../export/xlsx.h"
#include "../model/actuals.h"
#include "../model/choice.h"
#include "../model/risk_result.h"

#define RUN_DEFAULT_SEED 20240101ULL

typedef struct run_opts {
	const char *dir;          /* the model version folder */
	char *const *scripts;     /* as given */
	int nscripts;
	const char *out;          /* the run folder; NULL: reports/<model>/<run id> */
	runopts opts;             /* what the run record keeps (audit/runopts.h) */
	uint64_t max_cpu_seconds; /* a script's CPU-time limit; 0: script.h's default */
	bool force;
	bool quiet;               /* nothing on stdout: no summary, no print() */
	int argc;                 /* the command line, for the record */
	char **argv;
} run_opts;

/* run_opts_defaults: budgets/, the default seed, limits and language, workbooks on. */
void run_opts_defaults(run_opts *o);

/* What one scenario produced. */
typedef struct run_scenario {
	scenario_spec spec;
	scenario_result res;
	consolidation cons;
	projection proj;
	risk_result risk;                /* iterations == 0 when not simulated */
	liquidity liq, liq_p10, liq_p90; /* nyears == 0: none */
	realisation real;                /* cells == NULL when the model has no actuals */
	char sha256[HASH_HEX];           /* of the script as it was read */
	choice_result choice;            /* what optimise{} chose; !present: not called */
} run_scenario;

typedef struct run_result {
	run_ctx ctx;
	run_scenario *s;
	size_t n; /* scenarios computed */
} run_result;

/* run_compute: load the model version (hashing what it reads) and run every script in
 * turn; nothing is written. Scripts' print() goes to stdout unless o->quiet. On failure
 * every problem has been reported. run_result_release in any case. */
fp_status run_compute(run_result *res, const run_opts *o);
void run_result_release(run_result *res);

/* run_scenario_view: what s produced, as the export writers take it. */
xlsx_scenario run_scenario_view(const run_scenario *s);

/* run_lang: the workbooks' language of the options. */
xlsx_lang run_lang(const runopts *o);

#endif
