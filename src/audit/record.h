/* record: the run record that makes a run folder self-contained and verifiable: a copy of
 * every input under inputs/ and manifest.json with the tool and library versions, the
 * command line and options, the model version (and its git commit), SHA-256 of every input
 * and output, the document time, and each scenario's levers with their script lines. JSON
 * is written with jansson, keys sorted, so the same run gives the same bytes.
 *
 * The run hash is the SHA-256 of the manifest without its outputs, command line and
 * machine-specific fields (see record_hash_json); it is what the committee's workbook shows
 * on its Audit sheet, so an output never has to contain its own hash. */
#ifndef FP_RECORD_H
#define FP_RECORD_H
#include "../io/outdir.h"
#include "../io/hash.h"
#include "../model/scenario.h"
#include "runopts.h"

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
	const model *m;         /* for the ids of the candidates the scenario adopted */
} record_scenario;

/* An input of a run as the run read it: the SHA-256 of the bytes it computed from. */
typedef struct record_source {
	const char *path;   /* as read: budgets/units.csv, scenarios/x.lua */
	bool script;        /* a scenario's script; else a file of the model version */
	const char *sha256; /* of the bytes read */
} record_source;

/* The versions that a run depends on, as "name" -> "version" pairs ended by NULL. */
typedef struct record_version {
	const char *name, *version;
} record_version;

/* What a run record is begun with. */
typedef struct record_run {
	const model *m;
	const char *model_dir;          /* the folder as given on the command line (its git
					 * commit is recorded) */
	const record_source *inputs;    /* the model version's files, then the scripts */
	size_t ninputs;
	const runopts *opts;            /* threads: the number of threads the run used */
	const record_version *versions; /* the libraries the run used */
	int argc;                       /* the command line */
	char **argv;
	const char *run_id;             /* the run id (64 hex digits), which the workbooks'
					 * page headers show; NULL: none recorded */
} record_run;

typedef struct run_record {
	void *json; /* json_t *: the manifest being built */
	record_input *inputs;
	size_t ninputs;
	char run_hash[HASH_HEX];
} run_record;

/* record_begin: start the manifest and copy every input into od's inputs/ folder, hashing
 * the bytes copied: each must be the bytes the run read (run->inputs[i].sha256). Every
 * input that is not (changed, or gone, since it was read) is reported, "changed while the
 * run computed", and the result is FP_EIO: the record must hold what made its results.
 * FP_ECANTCREAT or FP_EIO (reported) when a copy cannot be written. record_release in any
 * case. */
fp_status record_begin(run_record *rec, outdir *od, const record_run *run, diag *d);

/* record_inputs_unchanged: every input is still the bytes the run read; each that is not
 * (or is gone, or is no longer a file) is reported as record_begin reports it: FP_EIO. For
 * a run that finds an earlier record of the same inputs and writes none. */
fp_status record_inputs_unchanged(const record_source *in, size_t n, diag *d);

/* record_scenarios: add each scenario's name, script and levers; then compute the run
 * hash (rec->run_hash). */
void record_scenarios(run_record *rec, const record_scenario *s, size_t n);

/* record_finish: hash every file written into od (besides inputs/ and manifest.json), add
 * them and write manifest.json. */
fp_status record_finish(run_record *rec, outdir *od, diag *d);

void record_release(run_record *rec);

/* record_hash_json: the run hash of a manifest (a json_t *): SHA-256 of its compact,
 * key-sorted text without command, machine, tool.commit, libraries, model.folder,
 * model.git, outputs and run_hash. verify recomputes it to catch an edited manifest. */
void record_hash_json(void *manifest_json, char hex[HASH_HEX]);

/* record_script_rel: "inputs/scenarios/<base name>" for a script path (malloc'ed). */
char *record_script_rel(const char *path);

/* record_jansson_version: the version of the JSON library the record is written with. */
const char *record_jansson_version(void);

#endif
