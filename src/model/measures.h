/* measures: loading the measures folder of a model version (see measures.c). Internal to
 * model_load. */
#ifndef FP_MODEL_MEASURES_H
#define FP_MODEL_MEASURES_H
#include "model.h"

/* measures_load: read every measures/<name>.csv of m->dir (by name, in byte order) into
 * m->measures, mfiles and measure_ix, registering each file, with up to threads threads
 * (at least one: the calling thread reads too). File names that a case-insensitive file
 * system would take for one are refused. Every problem is reported to d, in the same order
 * and with the same result for any thread count; FP_ENOINPUT without the folder, FP_EDATA
 * when a problem was reported, else what reading the files gave. Needs the units and
 * categories. */
fp_status measures_load(model *m, diag *d, unsigned threads);

/* candidates_load: as measures_load, for the optional folder candidates/ (no folder: FP_OK
 * and none) into m->candidates and candidate_ix, its files appended to m->mfiles after the
 * measure files (m->ncfiles of them). The same columns, plus the optional
 * one_off_cost_eur; an id of a measure or of an earlier candidate is reported. Needs the
 * measures loaded. */
fp_status candidates_load(model *m, diag *d, unsigned threads);

#endif
