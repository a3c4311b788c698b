/* summary: the text summary of a scenario's results that `fitplan run` prints: the target
 * year's target, structural savings by status, gap and RAG, result, levers, liquidity and,
 * with Monte Carlo draws, the risk and the goal seeks. Amounts in euros with thousands
 * separators, exact from the cents. */
#ifndef FP_SUMMARY_H
#define FP_SUMMARY_H
#include "xlsx.h"
#include <stdio.h>

/* summary_scenario: the summary of scenario s (as the workbooks take it; liq and liq_p10
 * not NULL) on f, its script named script (the path the user gave), or when NULL as the
 * record names it (s->spec->script). Write errors show in ferror(f). */
void summary_scenario(FILE *f, const model *m, const xlsx_scenario *s, const char *script);

#endif
