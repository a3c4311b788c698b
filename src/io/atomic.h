/* atomic: one file that appears whole or not at all. It is written beside its place under a
 * dot name, synced and then moved there, so a reader sees the old file or the new one, never
 * part of one, and a crash leaves at most a dot file that readers of the folder skip. An
 * existing file is replaced only when the caller's rule accepts it. */
#ifndef FP_ATOMIC_H
#define FP_ATOMIC_H
#include "outdir.h"

/* atomic_fill_fn: write the file's content to f. A write error need not be returned: it
 * shows in f (ferror) and is reported by atomic_write_file. A status other than FP_OK
 * (reported by the function) abandons the file. */
typedef fp_status (*atomic_fill_fn)(FILE *f, void *ctx, diag *d);

/* atomic_write_file: write target through fill. Makes target's folder (with its parents),
 * writes "<folder>/.<name of target>.tmp-XXXXXX" with mode 0666 less the umask, syncs it to
 * disk and links it to target, so that a target that appears meanwhile is never replaced;
 * when something is at target (or the file system has no hard links and something is
 * there), may_replace (NULL: never) is asked just before, and only when it accepts is the
 * file renamed over target. The folder is synced so that the new name survives a crash.
 * Nothing is left beside the target in any case. FP_OK; else reported: FP_ECANTCREAT (the
 * folder, the temporary file or the target cannot be made; a target that exists when
 * may_replace is NULL), FP_EIO (a write error), or the status of fill or may_replace. */
fp_status atomic_write_file(const char *target, atomic_fill_fn fill, void *fill_ctx,
			    outdir_replace_fn may_replace, void *replace_ctx, diag *d);

#endif
