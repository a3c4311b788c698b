/* liquidity_text: the liquidity of a run as text, for liquidity.csv and the run's summary on
 * stdout (see docs/treasury.md for the columns). Write errors show in ferror(f). */
#ifndef FP_LIQUIDITY_TEXT_H
#define FP_LIQUIDITY_TEXT_H
#include "../model/liquidity.h"
#include <stdio.h>

/* liquidity_write_csv: one row per year, then per month: the figures of liquidity_period
 * with two decimals, ratios with six, breaches as covenant words joined by ';'. */
void liquidity_write_csv(FILE *f, const liquidity *l);

/* liquidity_print_summary: two lines for a run's summary: the target year's cash and
 * ratios, and each covenant's first breach (or "met through HORIZON"). */
void liquidity_print_summary(FILE *f, const model *m, const liquidity *l);

#endif
