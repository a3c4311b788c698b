/* actuals_csv: the actuals file of a reporting period, actuals/<P>.csv (docs/formats.md,
 * actuals), as fitplan import writes it: measure,realised_eur,forecast_eur,status,comment.
 * It is read back by model/actuals.c, so what is written is what that loader accepts. */
#ifndef FP_ACTUALS_CSV_H
#define FP_ACTUALS_CSV_H
#include "../model/model.h"
#include <stdio.h>

/* actuals_csv_write: the header and rows[0..n) in their order (their period and positions
 * are not written). Amounts with two decimals in m's notation (its decimal separator, no
 * thousands separator), empty where a row has none; the status word or empty; the comment
 * as csvw_text writes free text, never a formula for a spreadsheet to run. Write errors show
 * in ferror(out). */
void actuals_csv_write(FILE *out, const model *m, const actual_row *rows, size_t n);

#endif
