/* levers_csv: <scenario>/levers.csv, what each hiring freeze and procurement cut of a
 * scenario saves per plan year before and after the netting against the plan
 * (docs/scenarios.md, "No double counting"; columns in docs/formats.md). */
#ifndef FP_LEVERS_CSV_H
#define FP_LEVERS_CSV_H
#include "../model/scenario.h"
#include <stdio.h>

/* levers_csv_write: the header lever,line,year,gross_eur,netted_eur,net_eur,fte, then for
 * every summary of r (spec's freezes and cuts, in call order) one row per plan year: the
 * lever as its measures are named (hiring_freeze.1), its script line, the year, and its
 * summary's amounts (two decimals, '.') and FTE (two decimals). Write errors show in
 * ferror(out). */
void levers_csv_write(FILE *out, const model *m, const scenario_spec *spec,
		      const scenario_result *r);

#endif
