/* settings: loading model.csv, the settings of a model version (see settings.c). Internal
 * to model_load. */
#ifndef FP_MODEL_SETTINGS_H
#define FP_MODEL_SETTINGS_H
#include "model.h"

/* settings_load: read <m->dir>/model.csv into m's name, years, currency, notation, RAG
 * thresholds and document_time (the first of January of the target year when not given:
 * never the clock), registering the file. Every problem is reported to d; FP_EDATA when
 * any was, else what reading the file gave (FP_OK, FP_ENOINPUT, FP_EIO). Nothing else of
 * the version can be read unless this gives FP_OK. */
fp_status settings_load(model *m, diag *d);

#endif
