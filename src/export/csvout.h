/* csvout: CSV renderings of model results, in the column orders that docs/formats.md makes
 * public. */
#ifndef FP_CSVOUT_H
#define FP_CSVOUT_H
#include "../model/consolidate.h"
#include <stdio.h>

/* consolidate_write_csv: header and one row per unit (pre-order) per plan year:
 * unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,fte_reduction.
 * target_eur and gap_eur are empty where no target is in force. Write errors show in
 * ferror(out). */
void consolidate_write_csv(FILE *out, const model *m, const consolidation *c);

#endif
