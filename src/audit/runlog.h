/* runlog: the run records under a reports folder, for "fitplan runs": each read from its
 * manifest and checked cheaply (every file re-hashed against the manifest, nothing re-run),
 * newest first. Both layouts a run writes are found: reports/<model>/<run id>/ (the
 * default) and reports/<name>/ (--out reports/<name>). Nothing here depends on readdir's
 * order: the list is sorted. */
#ifndef FP_RUNLOG_H
#define FP_RUNLOG_H
#include "../core/diag.h"
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* What the cheap check says of a record. */
typedef enum runlog_state {
	RUNLOG_INTACT,     /* every listed file there with its hash, nothing else, run hash ok */
	RUNLOG_CHANGED,    /* the manifest reads, but a file differs, is missing or is extra */
	RUNLOG_INCOMPLETE, /* no manifest.json (a record cut short, or a copy without it) */
	RUNLOG_UNREADABLE  /* a manifest.json that cannot be read or is not a record's */
} runlog_state;

typedef struct runlog_entry {
	char *folder;          /* relative to the reports folder: "Tiny/f2c11bdd1857", "mine" */
	char *shown;           /* folder made safe to show (text_escape): a name may hold an
				* escape sequence or a newline */
	struct timespec mtime; /* the record folder's: when the run was written */
	char *date;            /* the model version's date, "2023-01-01"; NULL: unknown */
	char *model;           /* the model's name, escaped; NULL: unknown */
	char *scenarios;       /* the scenario names, escaped, ", " between; NULL: unknown */
	uint64_t iterations;   /* Monte Carlo draws, 0 for none */
	runlog_state state;
	char *note;            /* not intact: the first problem found, as verify says it */
	bool latest, previous; /* reports/latest, reports/previous point at it */
} runlog_entry;

typedef struct runlog {
	runlog_entry *e;
	size_t n, cap;
} runlog;

/* runlog_read: every record under reports, newest first: by the record folder's
 * modification time (the manifest holds no clock time: a record is the same bytes
 * whenever it is made), equal times by folder name (bytes). A folder that cannot be read
 * as a record is listed with its state and note, never skipped. FP_ENOINPUT (reported)
 * when reports is not a folder that can be opened, FP_OK otherwise. runlog_release in any
 * case. */
fp_status runlog_read(runlog *l, const char *reports, diag *d);
void runlog_release(runlog *l);

/* runlog_state_word: "intact", "changed", "incomplete" or "unreadable". */
const char *runlog_state_word(runlog_state s);

#endif
