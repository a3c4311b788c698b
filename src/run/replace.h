/* replace: what `run --force` may replace: an empty folder, or a fitplan run folder (its
 * manifest.json reads as a run record and every file in it is one the record lists).
 * Anything else (a file, a symbolic link, a project or model version folder, a run folder
 * with a file of the user's added) is refused and left as it is. */
#ifndef FP_RUN_REPLACE_H
#define FP_RUN_REPLACE_H
#include "../core/diag.h"

/* run_replaceable (an outdir_replace_fn; ctx unused): FP_OK when target is not there or may
 * be replaced; else reported at target, FP_ECANTCREAT. */
fp_status run_replaceable(const char *target, void *ctx, diag *d);

#endif
