/* units: loading units.csv, the organisation tree (see units.c). Internal to model_load. */
#ifndef FP_MODEL_UNITS_H
#define FP_MODEL_UNITS_H
#include "model.h"

/* units_load: read <m->dir>/units.csv into m->units, unit_ix, root and units_parent_col,
 * registering the file, and build the tree (tree_build). Every problem is reported to d;
 * FP_EDATA when any was (the units read are kept, so that what refers to them is not
 * reported as well), else what reading the file gave. Needs settings_load's FP_OK. */
fp_status units_load(model *m, diag *d);

#endif
