/* manifest: reading a run record's manifest.json back (jansson), checked for shape, and
 * checking the record against it: every input and output present with the recorded
 * SHA-256, no unrecorded file among the inputs. */
#ifndef FP_MANIFEST_H
#define FP_MANIFEST_H
#include "../core/diag.h"
#include "../io/hash.h"
#include "runopts.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct manifest_file {
	char *path;
	char *role; /* inputs only */
	char sha256[HASH_HEX];
} manifest_file;

typedef struct manifest_scenario {
	char *name;
	char *script; /* inputs/scenarios/x.lua */
} manifest_scenario;

typedef struct manifest {
	char *tool_version, *tool_commit;
	char **lib_names, **lib_versions;
	size_t nlibs;
	char *model_name;
	char *document_time; /* "2023-01-01T00:00:00Z": the model version's date; NULL if none */
	runopts opts; /* threads: 0 (not read: a re-run uses every processor) */
	char *run_hash;
	bool run_hash_ok; /* the run hash matches the manifest's contents */
	manifest_file *inputs, *outputs;
	size_t ninputs, noutputs;
	manifest_scenario *scenarios;
	size_t nscenarios;
	int root_fd; /* the record's folder, open: every file is read through it */
} manifest;

/* manifest_read: open the record's folder (a link to it is followed, nothing inside it is),
 * load its manifest.json and check its run hash against its contents. A missing folder
 * gives FP_ENOINPUT; a missing or malformed manifest, or one of the wrong
 * shape, is reported (with line and column where jansson knows them) and gives FP_EDATA. A
 * run hash that does not match is reported and leaves run_hash_ok false, which makes
 * manifest_check fail after it has reported every file too. manifest_release in any case. */
fp_status manifest_read(manifest *mf, const char *run_dir, diag *d);
void manifest_release(manifest *mf);

/* manifest_check: every input and output file of the record exists, as a regular file,
 * with its recorded hash; the folder holds no file the manifest does not list, nothing but
 * files and folders, and under inputs/ no folder without a listed input. Every difference
 * is reported, each path as run_dir (the folder as the user named it) and the path in the
 * record; nothing that is not a regular file is opened and no link is followed (recdir.h).
 * The files are read through the folder manifest_read opened. FP_EDATA when the record
 * was changed. */
fp_status manifest_check(const manifest *mf, const char *run_dir, diag *d);

/* manifest_copy_inputs: copy every input of the record to dest/<its path>, hashing the
 * bytes copied against the manifest, so that what is re-run is exactly what was checked
 * (the record may change after manifest_check). FP_EDATA when an input changed (reported
 * like manifest_check), FP_ECANTCREAT or FP_EIO when the copy cannot be written. */
fp_status manifest_copy_inputs(const manifest *mf, const char *run_dir, const char *dest,
			       diag *d);

/* manifest_output: the output of the record listed as rel ("base/monitor.xlsx"), or
 * NULL. */
const manifest_file *manifest_output(const manifest *mf, const char *rel);

/* manifest_copy_output: copy the output f of the record (one of mf->outputs) to the new
 * file to (its folder made), hashing the bytes copied against the manifest, so that what
 * is used is exactly what was checked. FP_EDATA when it changed (reported like
 * manifest_check), FP_ECANTCREAT or FP_EIO when the copy cannot be written. */
fp_status manifest_copy_output(const manifest *mf, const char *run_dir,
			       const manifest_file *f, const char *to, diag *d);

/* manifest_scenario_index: the index of the record's scenario named name, or -1. */
int manifest_scenario_index(const manifest *mf, const char *name);

/* manifest_scenario_names: the names of mf's scenarios in the record's order, each quoted
 * and escaped (text_quotez: a record may name them anything), ", " between, for a message;
 * only those also_in holds too when also_in is not NULL. "" when none. malloc'ed. */
char *manifest_scenario_names(const manifest *mf, const manifest *also_in);

/* manifest_join: "run_dir/rel" (malloc'ed). */
char *manifest_join(const char *run_dir, const char *rel);

#endif
