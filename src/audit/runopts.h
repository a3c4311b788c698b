/* runopts: the options of a run that the run record keeps, in one table: each option's
 * flag on the command line, its key in manifest.json, its range or words and its place in
 * the run id. The command line (cmd/run.c), the record writer (record.c), the manifest
 * reader (manifest.c) and the run id (run/write.c) all go through it, so that none of
 * them can forget or misread an option, and a manifest can carry nothing the command line
 * would refuse (a forged manifest with its run hash recomputed passes the hash check).
 * Every upper bound fits a JSON integer (int64): whatever `run` records, `verify` reads. */
#ifndef FP_RUNOPTS_H
#define FP_RUNOPTS_H
#include "../io/hash.h"
#include "../model/uncertainty.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many --solve requests in one run. */
#define RUNOPT_MAX_SOLVES 16

/* The probability recorded for a goal-seek of a median result of zero (GOAL_RESULT). */
#define RUNOPT_RESULT_PROBABILITY 0.5

/* The longest period name and its NUL ("2023-Q2"). */
#define RUNOPT_PERIOD_MAX 8

/* The language of the workbooks, by its place among the words of RUNOPT_LANG. */
typedef enum runopt_lang { RUNOPT_LANG_NL, RUNOPT_LANG_EN } runopt_lang;

/* The values of a run's options. */
typedef struct runopts {
	uint64_t seed;
	uint64_t max_instructions;
	uint64_t max_memory_mb;
	uint64_t iterations;      /* Monte Carlo draws; 0 for none */
	uint64_t lang;            /* a runopt_lang */
	bool workbooks;
	solve_spec solves[RUNOPT_MAX_SOLVES];
	size_t nsolves;
	uint64_t threads;         /* 0 on the command line: every processor */
	/* --period P: a hand-out run for reporting period P ("2023", "2023-Q2", "2023-06",
	 * period_parse); "" for a run that hands nothing out (runopts_is_handout). */
	char period[RUNOPT_PERIOD_MAX];
	/* --precision SE: draw until the standard error of the organisation's P(target) is at
	 * most SE, in millionths (0.005 is 5000); 0 for none (then absent from the record and
	 * the run id, as before the option existed). */
	uint64_t precision_ppm;
} runopts;

/* The options, in the order the manifest reader checks them (and reports them). */
typedef enum runopt_id {
	RUNOPT_SEED,
	RUNOPT_MAX_INSTRUCTIONS,
	RUNOPT_MAX_MEMORY_MB,
	RUNOPT_ITERATIONS,
	RUNOPT_LANG,
	RUNOPT_WORKBOOKS,
	RUNOPT_SOLVE,
	RUNOPT_THREADS,
	RUNOPT_PERIOD,
	RUNOPT_PRECISION,
	RUNOPT_COUNT
} runopt_id;

typedef enum runopt_type {
	RUNOPT_NUMBER, /* a whole number in decimal digits within [min, max] */
	RUNOPT_WORD,   /* one of words (its index is the value) */
	RUNOPT_SWITCH, /* true unless the flag (--no-workbooks) is given */
	RUNOPT_SOLVES, /* --solve LEVER[:P], repeatable: a list of goal seeks */
	RUNOPT_A_PERIOD /* --period P: a reporting period, absent from the record when not given */
} runopt_type;

typedef struct runopt {
	const char *flag;         /* on the command line: "--max-memory" */
	const char *key;          /* in manifest.json: "max_memory_mb" */
	bool machine;             /* under "machine" (no output depends on it), not "options";
				   * not read back: a re-run uses every processor of its own */
	runopt_type type;
	size_t offset;            /* of its value in runopts */
	uint64_t min, max;        /* RUNOPT_NUMBER */
	const char *unit;         /* RUNOPT_NUMBER: "megabytes" or NULL, said in the hint */
	const char *const *words; /* RUNOPT_WORD: by value, ended by NULL */
	bool required;            /* the manifest must hold it; else it is 0 or empty */
	int id_place;             /* its place in the run id's list of options; -1: not there */
	unsigned id_shift;        /* the run id holds the value << id_shift (bytes for MB) */
	unsigned decimals;        /* RUNOPT_NUMBER: the command line gives value / 10^decimals
				   * as a decimal ("0.005"), the record the whole number */
} runopt;

/* runopt_of: the table's entry of an option. */
const runopt *runopt_of(runopt_id id);

/* runopt_in_range: a RUNOPT_NUMBER value within the option's [min, max]. */
bool runopt_in_range(runopt_id id, uint64_t v);

/* runopt_number / runopt_set_number: a RUNOPT_NUMBER, RUNOPT_WORD or RUNOPT_SWITCH value
 * of o (a switch as 0 or 1). */
uint64_t runopt_number(const runopts *o, runopt_id id);
void runopt_set_number(runopts *o, runopt_id id, uint64_t v);

/* runopt_parse_arg: the command line's value arg of option id into o (RUNOPT_SWITCH: arg
 * is ignored, the flag clears it; RUNOPT_SOLVES: one more request). false, and o as it
 * was, when arg is not a value the option takes (or one --solve too many). */
bool runopt_parse_arg(runopts *o, runopt_id id, const char *arg);

/* runopt_bad_arg: the message for a value runopt_parse_arg refused, into buf: "bad
 * --max-memory '0' (megabytes, 1 to 65536)". Returns buf. */
const char *runopt_bad_arg(runopt_id id, const char *arg, char *buf, size_t cap);

/* runopt_hint: a number's range, "(1 to 64)" or "(megabytes, 1 to 65536)"; or a word's
 * choices, "nl or en"; into buf, which is returned. */
const char *runopt_hint(runopt_id id, char *buf, size_t cap);

/* runopt_word: the word of a RUNOPT_WORD value; runopt_word_index: the value of word[0..n),
 * or -1. */
const char *runopt_word(runopt_id id, uint64_t v);
int runopt_word_index(runopt_id id, const char *word, size_t n);

/* The words of a goal seek: "amount", "procurement_cut"; "target", "result". The parsers
 * take word[0..n) and return false for any other word. */
bool runopt_solve_lever(const char *word, size_t n, solve_lever *out);
bool runopt_solve_goal(const char *word, size_t n, solve_goal *out);
const char *runopt_solve_lever_word(solve_lever l);
const char *runopt_solve_goal_word(solve_goal g);

/* runopt_solve_probability_ok: a target probability lies strictly between 0 and 1; a
 * result's is RUNOPT_RESULT_PROBABILITY. */
bool runopt_solve_probability_ok(solve_goal g, double p);

/* runopts_is_handout: o is the run of a hand-out (--period): its unit workbooks are
 * returns that import takes back, not read-only views. */
bool runopts_is_handout(const runopts *o);

/* runopt_period_ok: s is a period as --period takes it (period_parse) that fits
 * RUNOPT_PERIOD_MAX. */
bool runopt_period_ok(const char *s);

/* runopts_hash: add the options that make the run id to h, in their id_place order: one
 * string "SEED/MAX_INSTRUCTIONS/MAX_MEMORY_BYTES/LANG/WORKBOOKS/ITERATIONS", then one
 * "solve/LEVER/GOAL/PROBABILITY" per goal seek, the probability exactly (17 digits), then
 * "period/P" for a hand-out run only and "precision/PPM" for a run with --precision only:
 * a run without them keeps the id it had before the options existed. */
void runopts_hash(hash_ctx *h, const runopts *o);

#endif
