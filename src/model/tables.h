/* tables: loading the flat tables of a model version (see tables.c). Internal to model_load,
 * which calls them in this order. Each registers its file, reports every problem to d and
 * gives FP_EDATA when there was one, else what reading the file gave (FP_OK, FP_ENOINPUT,
 * FP_EIO). */
#ifndef FP_MODEL_TABLES_H
#define FP_MODEL_TABLES_H
#include "model.h"

/* tables_load_categories: categories.csv into m->cats and cat_ix; a file with only a header
 * is an error. */
fp_status tables_load_categories(model *m, diag *d);

/* tables_load_baseline: baseline.csv into m->baseline. Needs the units and categories. */
fp_status tables_load_baseline(model *m, diag *d);

/* tables_load_targets: targets.csv into m->targets; the root must have a target in force in
 * target_year. Needs the units (and the root). */
fp_status tables_load_targets(model *m, diag *d);

/* tables_load_controls: controls.csv, when there is one, into m->controls (FP_OK without
 * it). Needs the units and categories. */
fp_status tables_load_controls(model *m, diag *d);

#endif
