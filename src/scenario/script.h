/* script: runs one Lua 5.4 scenario script in a sandbox and turns its calls into a
 * scenario_spec (model/scenario.h). Only the base, table, string, math and utf8 libraries
 * are there, without dofile, loadfile, load, require, collectgarbage, string.dump and the
 * string metatable; pairs and next iterate in sorted key order; math.random is seeded from
 * the run's seed; an instruction budget, a memory cap, caps on the library functions whose
 * C work is unbounded and a CPU-time backstop stop runaway scripts (sandbox.c). Every error
 * names the script and line: "fitplan: scenarios/x.lua:12: error: ...". This module and
 * its .c files (script*.c, sandbox*.c) are the only place that includes lua.h. */
#ifndef FP_SCRIPT_H
#define FP_SCRIPT_H
#include "../model/scenario.h"
#include <stdint.h>
#include <stdio.h>

#define SCRIPT_DEFAULT_MAX_INSTRUCTIONS 200000000ULL /* 2e8 VM instructions */
#define SCRIPT_DEFAULT_MAX_MEMORY_MB 512
#define SCRIPT_MAX_BYTES (16u << 20)
/* The most of a script's error message that is shown (a message of error() may be of any
 * length): cut on a character, with how long it was. */
#define SCRIPT_MESSAGE_MAX 4096
/* The CPU-time backstop: 30 s, or 1 s per 10 million instructions of the budget if that
 * is more (see script_cpu_limit_seconds). */
#define SCRIPT_DEFAULT_MAX_CPU_SECONDS 30
#define SCRIPT_CPU_INSTRUCTIONS_PER_SECOND 10000000ULL

typedef struct script_limits {
	uint64_t max_instructions;
	uint64_t max_memory_bytes;
	uint64_t max_cpu_seconds; /* 0: the default of script_cpu_limit_seconds */
} script_limits;

typedef struct script_env {
	const model *m;
	const baseline_totals *bt;
	const consolidation *c; /* the model's own consolidation, for targets in force */
	uint64_t seed;
	script_limits limits;
	FILE *print_out; /* where print() writes */
	char *sha256;    /* NULL, or HASH_HEX bytes: the SHA-256 of the script as it was read */
} script_env;

/* script_run: run the script at path and fill spec (spec->name defaults to the file name
 * without ".lua"; spec->script and the levers' file are "scenarios/<file name>", the
 * script's name in a run record, whatever folder it was run from). The script is read
 * once, whole; with env->sha256 its digest is taken from those bytes (what the run
 * records). Returns FP_OK, FP_ENOINPUT (cannot read the script) or FP_EDATA (any error in
 * the script, reported to d with its line). */
fp_status script_run(const script_env *env, const char *path, scenario_spec *spec, diag *d);

/* script_cpu_limit_seconds: the CPU time one script may use: l->max_cpu_seconds if set, or
 * else SCRIPT_DEFAULT_MAX_CPU_SECONDS or one second per SCRIPT_CPU_INSTRUCTIONS_PER_SECOND
 * instructions of the budget, whichever is more. The one limit whose effect depends on
 * the machine: a backstop for C work that the instruction budget does not count. */
uint64_t script_cpu_limit_seconds(const script_limits *l);

/* script_name_ok: whether the script path can be named in a run record and in messages
 * (valid UTF-8); else reported to d, with the bad bytes escaped. Called for every script
 * before anything is read. */
bool script_name_ok(const char *path, diag *d);

/* script_lua_version: "Lua 5.4.4", for the run record. */
const char *script_lua_version(void);

#endif
