/* runopts: the options of a run that decide its outputs, and the range of each: one
 * definition for the command line (cmd/run.c) and for the run record's reader
 * (manifest.c), so that a manifest can carry nothing the command line would refuse (a
 * forged manifest with its run hash recomputed passes the hash check). Every upper bound
 * fits a JSON integer (int64), so whatever `run` records, `verify` can read back. */
#ifndef FP_RUNOPTS_H
#define FP_RUNOPTS_H
#include "../export/xlsx.h"
#include "../model/uncertainty.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum runopt {
	RUNOPT_SEED,
	RUNOPT_MAX_INSTRUCTIONS,
	RUNOPT_MAX_MEMORY_MB,
	RUNOPT_ITERATIONS,
	RUNOPT_THREADS,
	RUNOPT_COUNT
} runopt;

typedef struct runopt_range {
	const char *flag; /* on the command line: "--max-memory" */
	const char *key;  /* in manifest.json: "max_memory_mb" (threads: machine.threads) */
	uint64_t min, max;
	const char *unit; /* "megabytes" or NULL, said in the hint */
} runopt_range;

/* At most this many --solve requests in one run. */
#define RUNOPT_MAX_SOLVES 16

/* The probability recorded for a goal-seek of a median result of zero (GOAL_RESULT). */
#define RUNOPT_RESULT_PROBABILITY 0.5

/* runopt_range_of: the range of an option. */
const runopt_range *runopt_range_of(runopt o);

/* runopt_in_range: min <= v <= max. */
bool runopt_in_range(runopt o, uint64_t v);

/* runopt_parse: s is a whole number in decimal digits only (no sign, space or prefix) within
 * o's range; its value in *out. */
bool runopt_parse(runopt o, const char *s, uint64_t *out);

/* runopt_hint: "(1 to 64)" or "(megabytes, 1 to 65536)" into buf; returns buf. */
const char *runopt_hint(runopt o, char *buf, size_t cap);

/* runopt_lang: "nl" or "en" in *out; false for any other word. */
bool runopt_lang(const char *word, xlsx_lang *out);
const char *runopt_lang_word(xlsx_lang lang);

/* The words of a goal seek: "amount", "procurement_cut"; "target", "result". The parsers
 * take word[0..n) and return false for any other word. */
bool runopt_solve_lever(const char *word, size_t n, solve_lever *out);
bool runopt_solve_goal(const char *word, size_t n, solve_goal *out);
const char *runopt_solve_lever_word(solve_lever l);
const char *runopt_solve_goal_word(solve_goal g);

/* runopt_solve_probability_ok: a target probability lies strictly between 0 and 1; a
 * result's is RUNOPT_RESULT_PROBABILITY. */
bool runopt_solve_probability_ok(solve_goal g, double p);

#endif
