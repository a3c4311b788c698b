/* stats: the statistics of fitplan, on the GNU Scientific Library (stats/ is the only place
 * that includes GSL headers). Money is int64 cents everywhere; the Monte Carlo draws in
 * doubles here, and its results stay doubles in euros (model/risk_result.h) that every
 * reader turns into cents by one rule, risk_round_cents, so nothing out of range is ever
 * rounded. The other doubles are not money: a script's distribution parameters and goal
 * probabilities (model/uncertainty.h, filled by scenario/, checked by audit/runopts.c),
 * and numbers drawn in the workbooks (export/: ratios, chart scales, cents / 100). */
#ifndef FP_STATS_H
#define FP_STATS_H
#include "../model/risk_result.h"
#include <stdbool.h>
#include <stdint.h>

/* stats_gsl_version: the GSL library's version ("2.7.1"), for the run record. */
const char *stats_gsl_version(void);

/* stats_euros: an amount in euros as cents (euros * 100 rounded to the cent by
 * risk_round_cents); false, and *out left alone, when it does not convert. */
bool stats_euros(double euros, int64_t *out);

#endif
