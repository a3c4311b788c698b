/* rerun: how verify and diff re-run a run record. Every input of the checked record is
 * copied into a scratch folder while it is hashed again (manifest_copy_inputs), and the
 * copy is what is re-run, with the record's own options: so what runs is exactly what was
 * checked, whatever happens to the record meanwhile. The scratch folder is removed at the
 * end, and by SIGINT, SIGTERM or SIGHUP too (core/interrupt.h). */
#ifndef FP_RUN_RERUN_H
#define FP_RUN_RERUN_H
#include "pipeline.h"
#include "../audit/manifest.h"

typedef struct rerun {
	const char *who;  /* "verify", "diff": in the scratch folder's name and in messages */
	char *scratch;    /* $TMPDIR/fitplan-<who>-XXXXXX (/tmp without TMPDIR) */
	void **owned;     /* what the run_opts handed out point to, freed by rerun_end */
	size_t nowned;
} rerun;

/* rerun_begin: make the scratch folder, which a signal removes before the process dies of
 * it. FP_ECANTCREAT (reported) when it cannot be made; rerun_end in any case. */
fp_status rerun_begin(rerun *rr, const char *who, diag *d);

/* rerun_prepare: copy the inputs of the record mf (read from run_dir and checked by
 * manifest_check) into the scratch folder, in sub/ (NULL: the folder itself), and set o to
 * re-run that copy with the recorded options, into sub/run, quietly. FP_EDATA when an input
 * changed since it was checked (reported, then "the run record changed while WHO read it;
 * not re-run"), FP_ECANTCREAT or FP_EIO when the copy cannot be written. o's strings belong
 * to rr until rerun_end. */
fp_status rerun_prepare(rerun *rr, const manifest *mf, const char *run_dir, const char *sub,
			run_opts *o, diag *d);

/* rerun_end: remove the scratch folder and everything in it; free what rr holds. */
void rerun_end(rerun *rr);

/* How one output of a re-run compares with the record: rerun_compare's callback. */
typedef void (*rerun_output_fn)(void *ctx, const char *path, bool same, bool extra);

/* rerun_compare: each output the record mf lists against the re-run's folder out (the
 * same SHA-256, or not, or missing), in the record's order, then every file the re-run
 * wrote that the record does not list (extra), sorted by bytes; fn is told of each.
 * Returns how many differ (the extra files too). */
size_t rerun_compare(const manifest *mf, const char *out, rerun_output_fn fn, void *ctx);

#endif
