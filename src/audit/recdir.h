/* recdir: reading a run record as it lies on disk. A record holds regular files and folders
 * only; anything else (a symbolic link, a FIFO, a socket, a device) is reported as what it
 * is and never opened: opening a FIFO blocks, a link may lead out of the record or to
 * /dev/zero. Paths are opened from the record's folder one part at a time with O_NOFOLLOW,
 * and a file, once open, is checked to be the regular file that was looked at. */
#ifndef FP_RECDIR_H
#define FP_RECDIR_H
#include "../core/status.h"
#include "../io/walk.h"
#include <stdbool.h>
#include <stddef.h>

/* Folders nested deeper than this below the record are not entered (a record's own go
 * four or five deep). */
#define RECDIR_MAX_DEPTH 32

/* recdir_open: open a record's folder for the calls below. A symbolic link to a folder is
 * followed here, for the folder itself only (verify reports/latest). A descriptor, or -1
 * with errno (ENOENT, ENOTDIR, EACCES...); the caller closes it. */
int recdir_open(const char *run_dir);

/* recdir_open_file: open rel, a relative path without empty, "." or ".." parts, below the
 * folder open as root, for reading. FP_OK with *fd (the caller closes it); FP_ENOINPUT
 * when it is not there or a part on the way is not a folder (a link is not followed);
 * FP_EDATA when it is there but is not a regular file, *kind saying what it is (it was not
 * opened); FP_EIO with errno on any other error. */
fp_status recdir_open_file(int root, const char *rel, int *fd, walk_kind *kind);

typedef struct recdir_entry {
	char *rel;        /* "inputs/budgets/units.csv" */
	walk_kind kind;
	int err;          /* a folder that could not be read (errno), or 0 */
	bool too_deep;    /* a folder RECDIR_MAX_DEPTH deep: not entered */
} recdir_entry;

typedef struct recdir_list {
	recdir_entry *e;
	size_t n, cap;
} recdir_list;

/* recdir_list_all: every entry below the folder open as root, at any depth (links are
 * listed, not followed), sorted by the bytes of rel. An entry that cannot be looked at is
 * listed as WALK_OTHER with err set, a folder that cannot be read with err set. Returns
 * 0, or errno when the root itself cannot be read. Release with recdir_list_release in
 * any case. */
int recdir_list_all(int root, recdir_list *l);
void recdir_list_release(recdir_list *l);

/* recdir_find: the entry named rel in a sorted list, or NULL. */
const recdir_entry *recdir_find(const recdir_list *l, const char *rel);

#endif
