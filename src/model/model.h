/* model: one model version in memory: the organisation tree, categories, base-year
 * baseline, savings targets and measures, as loaded from a folder of CSV files (see
 * docs/formats.md). Everything lives in the arena given to model_load; indexes (int32)
 * refer into the model's arrays. Money is int64 cents, FTE int64 hundredths. Pure C: no
 * third-party headers. */
#ifndef FP_MODEL_H
#define FP_MODEL_H
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/money.h"
#include "../core/strmap.h"
#include "../io/hash.h"
#include "enums.h"
#include <stdbool.h>
#include <stdint.h>

#define MODEL_MAX_YEARS 50
#define MODEL_CODE_MAX 64
/* Distinct extra columns over all measure files: the workbooks' register puts them beside
 * its own (at most 113) columns, within the 16,384 of a sheet. */
#define MODEL_MAX_EXTRA_COLUMNS 4096

/* Where a row came from: an index into model.files and a line. */
typedef struct src_pos {
	uint32_t file;
	uint32_t line;
} src_pos;

/* The file of a row a scenario script made (measure{}, target{}, a lever's measures): its
 * line is the script's, its file the plan's script (plan_pos_file). */
#define SRC_SCRIPT UINT32_MAX

typedef struct unit {
	const char *code, *name;
	unit_type type;
	int32_t parent;                    /* -1 for the root */
	int32_t first_child, next_sibling; /* children in code order; -1 ends */
	int32_t depth;                     /* 0 for the root */
	int32_t pre;                       /* position in pre-order */
	int32_t subtree_end;               /* pre-order position after the last descendant */
	src_pos pos;
} unit;

typedef struct category {
	const char *code, *label;
	category_kind kind;
	src_pos pos;
	bool hired; /* personnel not on the payroll (staff "hired"): no attrition, no CAO */
} category;

/* category_is_cost: a cost of the result (personnel, procurement, other cost and
 * depreciation); revenue is the one kind that is not. */
static inline bool category_is_cost(category_kind k)
{
	return k != KIND_REVENUE;
}

/* category_under_cao: the category's cost follows the CAO wage raises: personnel on the
 * payroll (staff "employed"), not hired staff. */
static inline bool category_under_cao(const category *c)
{
	return c->kind == KIND_PERSONNEL && !c->hired;
}

typedef struct baseline_row {
	int32_t unit, category;
	int64_t amount_cents;
	int64_t fte_centi; /* 0 when the cell was empty */
	src_pos pos;
} baseline_row;

typedef struct target_row {
	int32_t unit;
	int32_t year;
	int64_t amount_cents;
	src_pos pos;
} target_row;

typedef struct control_row {
	int32_t unit, category;
	int64_t amount_cents;
	int32_t col; /* the amount's column, for messages */
	src_pos pos;
} control_row;

typedef struct measure_file {
	const char *path;
	size_t nextra;
	const char **extra_names; /* extra columns in header order */
	const int32_t *extra_cols; /* their columns (1-based), for messages */
	int32_t one_off_col;       /* one_off_cost_eur's column (1-based), 0: none */
} measure_file;

typedef struct measure {
	const char *id, *title;
	int32_t unit, category;
	uint8_t pillar; /* 1, 2 or 3 */
	uint8_t nature; /* measure_nature */
	uint8_t status; /* measure_status */
	int32_t file;   /* index into model.mfiles, -1 for a measure added by a scenario */
	int64_t fte_centi;
	int64_t *amounts;   /* model.nyears savings, [0] is base_year + 1 */
	const int32_t *phasing; /* 12 monthly shares in millionths (model/phasing.h), or
				 * NULL: linear */
	const char **extra; /* mfiles[file].nextra values, or NULL */
	const char *origin; /* "script.lua:12" for a scenario's measure, NULL from the CSV */
	/* A candidate's one_off_cost_eur (>= 0; 0 when empty or for any other measure): an
	 * incidental cost in its first year with a saving once adopted (docs/scenarios.md). */
	int64_t one_off_cents;
	int32_t lever_no;   /* 1 + the index of the lever that made it, 0 for none */
	src_pos pos;
} measure;

/* A reporting period: a year ("2023"), a quarter ("2023-Q1") or a month ("2023-06"). */
typedef struct period {
	const char *name;
	int32_t year;
	int32_t first_month, last_month; /* 1 to 12 */
} period;

/* One row of actuals/<period>.csv: what a measure realised in the period and its current
 * full-year forecast, maybe a new status. */
typedef struct actual_row {
	int32_t measure; /* index into model.measures */
	int32_t period;  /* index into model.periods */
	bool has_realised, has_forecast;
	int64_t realised_cents;
	int64_t forecast_cents;
	int status; /* -1: unchanged */
	const char *comment;
	src_pos pos;
	int32_t realised_col, forecast_col; /* the amounts' columns, for messages */
} actual_row;

/* The measures and targets that are consolidated: the model's own, or a scenario's. */
typedef struct plan {
	const measure *measures;
	size_t nmeasures;
	const target_row *targets;
	size_t ntargets;
	const char *script; /* the path of the scenario's script, for SRC_SCRIPT; or NULL */
} plan;

typedef struct model {
	arena *a;
	const char *dir;
	const char **files; /* paths of the files read, for src_pos */
	size_t nfiles;
	/* model_load_hashed: the SHA-256 of each file in files as it was read ("" for one not
	 * read); NULL after model_load. See model/digest.h. */
	char (*file_sha256)[HASH_HEX];

	/* model.csv */
	const char *name;
	int32_t base_year, target_year, horizon_year;
	int32_t nyears; /* horizon_year - base_year: the plan years base_year+1 .. horizon_year */
	const char *currency;
	money_notation notation;
	/* Where the notation was declared, for the note on a number written in the other one
	 * (model_notation_note): model.csv's path, the line and column of decimal_separator (0
	 * when it is not given); and whether the note was given, so that it comes once. */
	const char *notation_file;
	long notation_line, notation_col;
	bool notation_noted;
	int32_t rag_green_pct, rag_amber_pct;
	/* the status of the probability of reaching the target (with --iterations): green
	 * from probability_green, amber from probability_amber, in thousandths */
	int32_t probability_green_permille, probability_amber_permille;
	int64_t document_time; /* seconds since 1970 UTC, for workbooks: never the clock */

	unit *units;
	size_t nunits;
	int32_t root;
	int32_t *preorder; /* unit indexes in tree pre-order, children by code */
	int32_t units_parent_col; /* the parent column of units.csv, for messages */
	category *cats;
	size_t ncats;
	baseline_row *baseline;
	size_t nbaseline;
	target_row *targets;
	size_t ntargets;
	control_row *controls;
	size_t ncontrols;
	/* The measure files, then the candidate files: mfiles[nmfiles .. nmfiles + ncfiles). */
	measure_file *mfiles;
	size_t nmfiles;
	size_t ncfiles;
	period *periods; /* in time order: by last month, then first month */
	size_t nperiods;
	actual_row *actuals; /* in period order, then file order */
	size_t nactuals;
	measure *measures;
	size_t nmeasures;
	/* candidates/ (optional): ideas in the measure-file format, never in the plan unless
	 * a scenario adopts them; ids unique over measures and candidates together. */
	measure *candidates;
	size_t ncandidates;

	strmap unit_ix, cat_ix;
	strmap_sharded measure_ix, candidate_ix; /* the files' merge fills them on every thread */
	unsigned threads; /* the threads that read the measure files; consolidate takes as many */
	/* The codes of the rows of units.csv and categories.csv that were rejected: a later
	 * reference to one is not answered with a neighbour's code (names.c). */
	strmap unit_rejected, cat_rejected;
} model;

/* model_plan: the model's own measures and targets. */
plan model_plan(const model *m);

/* model_year_index: year - (base_year + 1), or -1 when year is not a plan year. */
int model_year_index(const model *m, int32_t year);

/* model_pos_file: the path of a src_pos. */
const char *model_pos_file(const model *m, src_pos p);

/* plan_pos_file: the path of a src_pos of a row of plan p: the script for SRC_SCRIPT. */
const char *plan_pos_file(const model *m, plan p, src_pos pos);

/* model_unit / model_category / model_measure: index by code, or -1. */
int32_t model_unit(const model *m, const char *code);
int32_t model_category(const model *m, const char *code);
int32_t model_measure(const model *m, const char *code);
/* model_candidate: the index in m->candidates of the candidate of id, or -1. */
int32_t model_candidate(const model *m, const char *id);

/* model_first_depreciation: the first category of kind depreciation, or -1 when the model
 * has none (then the liquidity takes depreciation from treasury.csv: docs/treasury.md). */
int32_t model_first_depreciation(const model *m);

/* model_is_ancestor: a is u or one of u's ancestors (O(1) with pre-order ranges). */
bool model_is_ancestor(const model *m, int32_t a, int32_t u);

/* model_parse_time: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC) as seconds since 1970. */
bool model_parse_time(const char *s, int64_t *out);

/* model_code_valid: letters, digits, '-', '_' and '.', 1 to MODEL_CODE_MAX bytes, not
 * starting with '-'. A code is written as it is into every CSV file fitplan writes; one that
 * starts with '-' (or '=', '+', '@', which no code holds) is a formula to a spreadsheet
 * that opens the file, so no code may be one. */
bool model_code_valid(const char *s, size_t len);

/* Why a code that starts with '-' is refused, for messages. */
#define MODEL_CODE_MINUS_WHY "must not start with '-', which a spreadsheet reads as a formula"

#endif
