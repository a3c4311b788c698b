/* actuals: loading actuals/<period>.csv, what the measures realised through the year, into
 * the model (see actuals.c); realisation.h computes the realisation against plan from it. */
#ifndef FP_ACTUALS_H
#define FP_ACTUALS_H
#include "model.h"

/* period_parse: "2023", "2023-Q1" or "2023-06" into p (p->name points at s). */
bool period_parse(const char *s, period *p);

/* actuals_load: read the model version's actuals/ folder, if there is one; add_file
 * registers each file for src_pos. Needs the measures loaded. */
fp_status actuals_load(model *m, uint32_t (*add_file)(model *, const char *), diag *d);

#endif
