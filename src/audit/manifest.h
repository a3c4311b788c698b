/* manifest: reading a run record's manifest.json back (jansson), checked for shape, and
 * checking the record against it: every input and output present with the recorded
 * SHA-256, no unrecorded file among the inputs. */
#ifndef FP_MANIFEST_H
#define FP_MANIFEST_H
#include "../core/diag.h"
#include "hash.h"
#include "../stats/spec.h"
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
	uint64_t seed, max_instructions, max_memory_mb;
	char *lang;
	bool workbooks;
	uint64_t iterations;
	solve_spec *solves;
	size_t nsolves;
	char *run_hash;
	bool run_hash_ok; /* the run hash matches the manifest's contents */
	manifest_file *inputs, *outputs;
	size_t ninputs, noutputs;
	manifest_scenario *scenarios;
	size_t nscenarios;
} manifest;

/* manifest_read: load RUN/manifest.json and check its run hash against its contents. A
 * missing folder gives FP_ENOINPUT; a missing or malformed manifest, or one of the wrong
 * shape, is reported (with line and column where jansson knows them) and gives FP_EDATA. A
 * run hash that does not match is reported and leaves run_hash_ok false, which makes
 * manifest_check fail after it has reported every file too. manifest_release in any case. */
fp_status manifest_read(manifest *mf, const char *run_dir, diag *d);
void manifest_release(manifest *mf);

/* manifest_check: every input and output file of the record exists with its recorded
 * hash, and the folder holds no file the manifest does not list; every difference is
 * reported. FP_EDATA when the record was changed. */
fp_status manifest_check(const manifest *mf, const char *run_dir, diag *d);

/* manifest_join: "run_dir/rel" (malloc'ed). */
char *manifest_join(const char *run_dir, const char *rel);

#endif
