/* record: the run record that makes a run folder self-contained and verifiable: a copy of
 * every input under inputs/ and manifest.json with the tool and library versions, the
 * command line and options, the model version (and its git commit), SHA-256 of every input
 * and output, the document time, and each scenario's levers with their script lines. JSON
 * is written with jansson, keys sorted, so the same run gives the same bytes.
 *
 * The run hash is the SHA-256 of the manifest without its outputs, command line and
 * machine-specific fields (see record_run_hash); it is what the committee's workbook shows
 * on its Audit sheet, so an output never has to contain its own hash. */
#ifndef FP_RECORD_H
#define FP_RECORD_H
#include "../io/outdir.h"
#include "../model/scenario.h"
#include "../io/hash.h"

#define RECORD_FORMAT "fitplan-run/1"
#define RECORD_MANIFEST "manifest.json"
/* The largest manifest.json a run writes and verify reads: a run's is tens of kilobytes
 * (45 KB with 300 unit workbooks), while 8 MiB of JSON already makes jansson hold some
 * 640 MB of memory (a forged manifest of empty objects). */
#define RECORD_MANIFEST_MAX (8u << 20)
#define RECORD_MANIFEST_MAX_WORDS "8 MiB"

typedef struct record_input {
	char *rel;  /* path inside the run folder: inputs/budgets/units.csv */
	char *role; /* "model" or "scenario" */
	char hash[HASH_HEX];
} record_input;

typedef struct record_scenario {
	const scenario_spec *spec;
	const char *script_rel; /* inputs/scenarios/x.lua */
} record_scenario;

typedef struct record_opts {
	unsigned long long seed, max_instructions, max_memory_mb;
	const char *lang;
	bool workbooks;
	size_t iterations;
	unsigned threads; /* recorded, but not part of the run hash: results do not depend on it */
	const solve_spec *solves;
	size_t nsolves;
} record_opts;

typedef struct run_record {
	void *json; /* json_t *: the manifest being built */
	record_input *inputs;
	size_t ninputs;
	char run_hash[HASH_HEX];
} run_record;

/* record_begin: start the manifest and copy every file the model version loaded, and every
 * script, into od's inputs/ folder, hashing each. model_dir is the folder as given on the
 * command line (to find its git commit). */
fp_status record_begin(run_record *rec, outdir *od, const model *m, const char *model_dir,
		       char *const *scripts, int nscripts, const record_opts *o, int argc,
		       char **argv, diag *d);

/* record_scenarios: add each scenario's name, script and levers; then compute the run
 * hash (rec->run_hash). */
void record_scenarios(run_record *rec, const record_scenario *s, size_t n);

/* record_finish: hash every file written into od (besides manifest.json), add them and
 * write manifest.json. */
fp_status record_finish(run_record *rec, outdir *od, diag *d);

void record_release(run_record *rec);

/* record_model_hash: the hash of a model version's plan data: SHA-256 over the name and
 * SHA-256 of every file it loaded but, unless with_actuals, the actuals (which change
 * every reporting period without making it another version). Workbooks carry it so that import can refuse a
 * sheet from another version. FP_ENOINPUT/FP_EIO when a file cannot be read again. */
fp_status record_model_hash(const model *m, bool with_actuals, char hex[HASH_HEX]);

/* record_hash_json: the run hash of a manifest (a json_t *): SHA-256 of its compact,
 * key-sorted text without command, machine, tool.commit, libraries, model.folder,
 * model.git, outputs and run_hash. verify recomputes it to catch an edited manifest. */
void record_hash_json(void *manifest_json, char hex[HASH_HEX]);

/* record_script_rel: "inputs/scenarios/<base name>" for a script path (malloc'ed). */
char *record_script_rel(const char *path);

/* The versions that a run depends on, as "name" -> "version" pairs ended by NULL. */
typedef struct record_version {
	const char *name, *version;
} record_version;
const record_version *record_versions(void);

#endif
