/* walk: the one directory walker. Every entry below a folder, depth first, each folder
 * opened relative to its parent (openat with O_NOFOLLOW, fdopendir): a symbolic link is
 * reported as a link and never followed, one descriptor is open per level. What a caller
 * keeps lives in its own context (callback + void *ctx), never in statics. Entries come in
 * readdir's order, which is the file system's: a caller that shows or records them sorts. */
#ifndef FP_WALK_H
#define FP_WALK_H
#include <stdbool.h>
#include <sys/stat.h>

typedef enum walk_kind {
	WALK_FILE,
	WALK_FOLDER,
	WALK_LINK,
	WALK_FIFO,
	WALK_SOCKET,
	WALK_DEVICE,
	WALK_OTHER /* also: an entry that could not be looked at (err set) */
} walk_kind;

/* walk_kind_of: the kind of a file of mode m (as lstat gives it). */
walk_kind walk_kind_of(mode_t m);

/* walk_kind_words: "a file", "a folder", "a symbolic link", "a FIFO", "a socket",
 * "a device", "an unknown kind of file", for messages. */
const char *walk_kind_words(walk_kind k);

/* One entry, as the callback sees it; valid during the call only. */
typedef struct walk_entry {
	int dirfd;        /* the folder that holds it, for the *at() calls */
	const char *name; /* its name in that folder */
	const char *rel;  /* its path below the walk's root: "inputs/budgets/units.csv" */
	int depth;        /* 0 for the entries of the root itself */
	walk_kind kind;
	const struct stat *sb; /* lstat of it; NULL when it could not be looked at */
	int err;          /* errno: it could not be looked at; at post, the folder could not
			   * be opened or read to its end (0: it was read whole) */
	bool post;        /* a folder, after its entries (it was entered) */
} walk_entry;

/* What the callback says: go on (entering a folder), do not enter this folder, or stop
 * the walk here. */
typedef enum walk_next { WALK_NEXT, WALK_SKIP, WALK_STOP } walk_next;

typedef walk_next (*walk_fn)(const walk_entry *e, void *ctx);

/* walk_at: call fn(e, ctx) for every entry below the folder open as root (the descriptor
 * stays the caller's), "." and ".." left out. A folder is given to fn before its entries;
 * unless fn says WALK_SKIP it is entered, and given to fn again after them with post set
 * (and err, when it could not be opened or read). Returns 0, or errno when the root itself
 * cannot be opened or read to its end; a walk that fn stopped returns 0 (fn's context says
 * why). */
int walk_at(int root, walk_fn fn, void *ctx);

#endif
