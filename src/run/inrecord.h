/* inrecord: whether a path about to be written lies inside a fitplan run record (a folder
 * whose manifest.json reads as a run record). A record holds exactly what its run wrote:
 * a run folder or a bridge workbook written into one is a file its manifest does not list,
 * and the record no longer verifies. */
#ifndef FP_INRECORD_H
#define FP_INRECORD_H
#include "../core/diag.h"

/* inrecord_find: the run record that path (which need not exist) would lie inside,
 * malloc'ed, or NULL. Its folders as written are looked at first (a record is named as the
 * user named it), then, for a relative path, the current folder and those above it. */
char *inrecord_find(const char *path);

/* inrecord_refuse: FP_OK when path lies inside no run record; else reported at path (the
 * record named), FP_ECANTCREAT. */
fp_status inrecord_refuse(const char *path, diag *d);

#endif
