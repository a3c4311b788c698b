/* snapshot: the hashes of a run's inputs taken as they are read (the model version's files
 * once it is loaded, each script just before it runs), so that an input changed while the
 * run computes (a measures file or a script saved again in an editor) is found out before
 * the run is recorded: the run record must hold the bytes that made its results. */
#ifndef FP_SNAPSHOT_H
#define FP_SNAPSHOT_H
#include "../io/hash.h"
#include "../audit/record.h"
#include "../core/diag.h"

typedef struct snapshot_entry {
	char *path;
	char hash[HASH_HEX];
} snapshot_entry;

typedef struct snapshot {
	snapshot_entry *e;
	size_t n;
} snapshot;

/* snapshot_add: hash path, a regular file, now and keep it; FP_OK, or FP_EIO reported
 * (not a file, or unreadable). */
fp_status snapshot_add(snapshot *s, const char *path, diag *d);

/* snapshot_check: hash every kept path again; each that changed (or cannot be read) is
 * reported, and the result is FP_EIO. */
fp_status snapshot_check(const snapshot *s, diag *d);

/* snapshot_matches: the record's inputs (in the order they were added here, as
 * record_begin copies them) are as many and hold the bytes kept; each that does not, or a
 * count that differs, is reported: FP_EIO. */
fp_status snapshot_matches(const snapshot *s, const record_input *in, size_t n, diag *d);

void snapshot_release(snapshot *s);

#endif
