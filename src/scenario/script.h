/* script: runs one Lua 5.4 scenario script in a sandbox and turns its calls into a
 * scenario_spec (model/scenario.h). Only the base, table, string, math and utf8 libraries
 * are there, without dofile, loadfile, load, require, collectgarbage, string.dump and the
 * string metatable; pairs iterates in sorted key order; math.random is seeded from the
 * run's seed; an instruction budget and a memory cap stop runaway scripts. Every error
 * names the script and line: "fitplan: scenarios/x.lua:12: error: ...". This module and
 * its .c are the only place that includes lua.h. */
#ifndef FP_SCRIPT_H
#define FP_SCRIPT_H
#include "../model/scenario.h"
#include <stdint.h>
#include <stdio.h>

#define SCRIPT_DEFAULT_MAX_INSTRUCTIONS 200000000ULL /* 2e8 VM instructions */
#define SCRIPT_DEFAULT_MAX_MEMORY_MB 512
#define SCRIPT_MAX_BYTES (16u << 20)

typedef struct script_limits {
	uint64_t max_instructions;
	uint64_t max_memory_bytes;
} script_limits;

typedef struct script_env {
	const model *m;
	const baseline_totals *bt;
	const consolidation *c; /* the model's own consolidation, for targets in force */
	uint64_t seed;
	script_limits limits;
	FILE *print_out; /* where print() writes */
} script_env;

/* script_run: run the script at path and fill spec (spec->name defaults to the file name
 * without ".lua"; spec->script and the levers' file are "scenarios/<file name>", the
 * script's name in a run record, whatever folder it was run from). Returns FP_OK, FP_ENOINPUT (cannot read the script) or FP_EDATA (any
 * error in the script, reported to d with its line). */
fp_status script_run(const script_env *env, const char *path, scenario_spec *spec, diag *d);

/* script_name_ok: whether the script path can be named in a run record and in messages
 * (valid UTF-8); else reported to d, with the bad bytes escaped. Called for every script
 * before anything is read. */
bool script_name_ok(const char *path, diag *d);

/* script_lua_version: "Lua 5.4.4", for the run record. */
const char *script_lua_version(void);

#endif
