/* load: read a model version, a folder of CSV files (docs/formats.md), into a model: the
 * settings, the organisation tree, categories, baseline, targets, controls, measures and
 * actuals, each file by its own loader, every problem reported with its file, line and
 * column. */
#ifndef FP_MODEL_LOAD_H
#define FP_MODEL_LOAD_H
#include "model.h"

/* model_load: read the model version in dir into m, allocating from a. Every problem is
 * reported to d with its file, line and column; the result is FP_OK, FP_EDATA (bad data),
 * FP_ENOINPUT (a required file missing) or FP_EIO. On failure m is still safe to pass to
 * model_release. */
fp_status model_load(model *m, const char *dir, arena *a, diag *d);

/* model_load_hashed: model_load, hashing every file as it is read into m->file_sha256
 * (the bytes the model was made of: a run records and copies those; model/digest.h). */
fp_status model_load_hashed(model *m, const char *dir, arena *a, diag *d);

/* model_load_threads: model_load (model_load_hashed when hashed) with the measure files
 * read by up to threads threads (0: as many as the machine has processors online). The
 * model and every message are the same for any thread count. */
fp_status model_load_threads(model *m, const char *dir, arena *a, diag *d, bool hashed,
			     unsigned threads);

/* model_release: free what the model holds outside its arena. */
void model_release(model *m);

#endif
