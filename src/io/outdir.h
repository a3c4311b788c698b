/* outdir: output folders that appear whole or not at all. Everything is written into a
 * temporary folder beside the target ("<target>.tmp-XXXXXX") and renamed into place when
 * all of it succeeded; a failed run removes its temporary folder, so a reader never sees a
 * partial run, and an earlier run is replaced only on request. */
#ifndef FP_OUTDIR_H
#define FP_OUTDIR_H
#include "../core/diag.h"
#include <stdbool.h>
#include <stdio.h>

typedef struct outdir {
	char *target; /* the final path */
	char *tmp;    /* the temporary folder being written */
	char *lock;   /* "<target>.lock", held with flock while the run writes */
	int lock_fd;
	bool lock_made; /* the lock file is fitplan's (made now, or empty): removed after */
	char *parents;  /* the folder the target is made in */
	size_t made;    /* its first made-now folder: parents[0..made); 0: none was made */
} outdir;

/* outdir_begin: make the parents of target, take the lock "<target>.lock" (a second run
 * into the same folder fails at once: "another fitplan run is writing ...") and make a
 * fresh temporary folder beside it. The lock is a file: a symbolic link (never followed),
 * a folder or anything else at that name is refused. It is removed after, when this run
 * made it or it was empty (a killed run's); a file with something in it (the user's) is
 * locked and left as it is. FP_ECANTCREAT (reported) on failure, with nothing left (the parents it made removed too). A
 * caller that handles signals says it is writing (interrupt_writing) before it calls
 * this, so that no signal comes between making the two and saying so. */
fp_status outdir_begin(outdir *o, const char *target, diag *d);

/* outdir_path: "<tmp>/<rel>" in a static-free malloc'ed string; creates the parent
 * folders of rel inside tmp. NULL (reported) on failure. */
char *outdir_path(outdir *o, const char *rel, diag *d);

/* outdir_open: fopen of outdir_path(rel) for writing; NULL (reported) on failure. */
FILE *outdir_open(outdir *o, const char *rel, diag *d);

/* outdir_close: fclose that reports a write error (e.g. a full disk) as FP_EIO. */
fp_status outdir_close(FILE *f, const char *rel, diag *d);

/* outdir_replace_fn: whether the existing target may be replaced (what --force may
 * replace is the caller's rule): FP_OK, or a status after reporting why not. */
typedef fp_status (*outdir_replace_fn)(const char *target, void *ctx, diag *d);

/* outdir_commit: move the temporary folder to the target. An existing target is replaced
 * only when may_replace (NULL: never) accepts it, asked here, under the lock, just before:
 * it is moved aside, the new folder moved into place, and the old one removed after. A
 * target refused, or one that cannot be moved aside, is left exactly as it was, with
 * nothing beside it, and the temporary folder removed: FP_ECANTCREAT (reported). Frees
 * o's strings in any case. */
fp_status outdir_commit(outdir *o, outdir_replace_fn may_replace, void *ctx, diag *d);

/* outdir_abort: remove the temporary folder and everything in it, the lock file when it
 * is fitplan's and the parent folders outdir_begin made; frees o's strings. */
void outdir_abort(outdir *o);

/* path_exists: something is at path. */
bool path_exists(const char *path);

/* remove_tree: remove path and everything below it (io/walk.h: a symbolic link is removed,
 * never followed); 0, or -1 at the first entry that cannot be removed. */
int remove_tree(const char *path);

/* mkdir_parents: make path's folders like mkdir -p; 0 or -1 with errno. */
int mkdir_parents(const char *path);

/* mkdir_parents_made: mkdir_parents, and *made (when not NULL) the length of the prefix of
 * path that names the first folder it made, 0 when it made none; with it, a caller that
 * fails can remove what it made (rmdir, deepest first). */
int mkdir_parents_made(const char *path, size_t *made);

#endif
