/* write: a run written to its folder with its record. The run is computed in full first
 * (pipeline.h); the folder is named by a run id (a hash of the tool version, the inputs as
 * they were read and the options) unless --out names it, written beside its place (the
 * CSV files and workbooks by export/, the record by audit/) and renamed into place only
 * when every file is complete. reports/latest points at the newest run. */
#ifndef FP_RUN_WRITE_H
#define FP_RUN_WRITE_H
#include "pipeline.h"
#include "../audit/record.h"

/* The run id's length in a folder name: reports/<model>/<12 hex digits>. */
#define RUN_ID_HEX 12

/* run_model_folder: the model's name made safe as a folder name, the <model> of
 * reports/<model>/<run id>: runs of other characters become one '_' ("model" when nothing is
 * left). malloc'ed. */
char *run_model_folder(const char *name);

/* What run_write did. */
typedef struct run_written {
	run_result res; /* what was computed */
	char *target;   /* the run folder written, or found; NULL when there is none */
	bool found;     /* an earlier run of the same run id was there: nothing written */
	char id[HASH_HEX]; /* the run id: inputs, scripts and options hashed (its first 12
			    * digits name the run folder without --out) */
} run_written;

/* run_write: compute the run (run_compute), then write its folder with its record; without
 * --out, find an earlier run of the same run id instead (unless --force) and point
 * reports/latest at the run. Every input copied into the record must be what was read,
 * else nothing is written (FP_EIO). An existing folder is replaced only with --force and
 * only when run_replaceable accepts it. Every problem is reported. run_written_release in
 * any case. */
fp_status run_write(run_written *w, const run_opts *o);
void run_written_release(run_written *w);

/* run_folder: run_write with nothing kept but the folder's name: *target (may be NULL)
 * gets it (malloc'ed) on success. */
fp_status run_folder(const run_opts *o, char **target);

/* run_csv_name: the name of scenario s's CSV file k (0 <= k < RUN_CSV_FILES, in the order
 * they are written: consolidated.csv, projection.csv, levers.csv, ...) when the run writes
 * it for s, else NULL. The one list both the writer and run's summary go by, so that the
 * summary names every file written and no other. */
enum { RUN_CSV_FILES = 12 };
const char *run_csv_name(const run_scenario *s, int k);

/* The library versions a run records. */
enum { RUN_NLIBS = 7 };
typedef struct run_versions {
	record_version v[RUN_NLIBS + 1]; /* ended by a NULL name */
	char nettle[HASH_VERSION_MAX];
} run_versions;

/* run_versions_get: the versions of the libraries this build runs with, in the order the
 * record lists and verify compares them. */
void run_versions_get(run_versions *rv);

/* run_install_signals: SIGINT, SIGTERM and SIGHUP leave no half-written run folder and no
 * scratch folder (core/interrupt.h). */
void run_install_signals(void);

#endif
