/* scenario: what a scenario asks for, in pure C (the Lua layer in src/scenario fills it),
 * and how it is applied to a model: added and adjusted measures, levers that become
 * measures of their own (hiring freeze, procurement cut), target overrides, and the price
 * paths (CAO, indexations) of the projection. All amounts int64 cents, all rates int64
 * parts per million (1e-6), all arithmetic integer with explicit rounding (half away from
 * zero), so a scenario gives the same cents on every machine. See docs/scenarios.md. */
#ifndef FP_SCENARIO_H
#define FP_SCENARIO_H
#include "consolidate.h"
#include "uncertainty.h"

#define PPM 1000000

typedef enum lever_kind {
	LEVER_MEASURE,
	LEVER_ADJUST,
	LEVER_TARGET,
	LEVER_HIRING_FREEZE,
	LEVER_PROCUREMENT_CUT,
	LEVER_CAO,
	LEVER_INDEX,
} lever_kind;

/* A set of unit subtrees, less some exempt subtrees. */
typedef struct unit_scope {
	int32_t *units;
	size_t nunits;
	int32_t *exempt;
	size_t nexempt;
} unit_scope;

/* A set of categories; every category when all is set. */
typedef struct category_set {
	bool all;
	bool *member; /* model.ncats flags */
} category_set;

typedef struct lever {
	lever_kind kind;
	const char *file; /* the script's label and the line that asked for it (outputs name
			   * it so; a message names scenario_file) */
	int line;
	bool allow_large; /* allow_large=true: a rate beyond the usual band, flagged in outputs */
	int32_t measure; /* LEVER_MEASURE: index into scenario_spec.added; ADJUST: model
			  * measure, or -1 for every measure that matches the adjust's where */
	union {
		struct {
			unit_scope scope;
			category_set cats;   /* personnel categories with FTE by default */
			int32_t from_month;  /* year * 12 + month - 1 */
			int32_t until_month; /* inclusive */
			int64_t attrition_ppm;
			uint8_t status, pillar;
		} freeze;
		struct {
			unit_scope scope;
			category_set cats;
			int64_t rate_ppm;
			int32_t from_year;
			int32_t phase_in_years; /* the rate is reached linearly over these years */
			uint8_t status, pillar;
		} cut;
		struct {
			int64_t rate_ppm[MODEL_MAX_YEARS]; /* per plan year */
			int64_t compensation_ppm;
		} cao;
		struct {
			category_set cats;
			int64_t rate_ppm[MODEL_MAX_YEARS];
		} index;
		struct {
			bool has_scale;
			int64_t scale_ppm;
			int status; /* -1 to keep */
			int shift_years;
			/* With measure == -1, every model measure matching all of these: */
			int32_t where_unit;     /* subtree, or -1 */
			int where_status;       /* or -1 */
			int where_nature;       /* or -1 */
			int where_pillar;       /* or 0 */
			int32_t where_category; /* or -1 */
		} adjust;
		target_row target;
	} u;
} lever;

/* A candidate taken into a scenario's plan by adopt{} (or, later, optimise{}). */
typedef struct adoption {
	int32_t candidate; /* index into model.candidates */
	const char *file;  /* the script's label and the line that adopted it (the origin in
			    * outputs; a message names scenario_file) */
	int line;
} adoption;

/* The patient_impact words optimise{}'s impact_cost prices (docs/scenarios.md). */
enum { IMPACT_GEEN, IMPACT_LAAG, IMPACT_MIDDEN, IMPACT_HOOG, IMPACT_COUNT };
extern const char *const impact_words[IMPACT_COUNT + 1]; /* NULL-ended */

#define OPTIMISE_DEFAULT_PROBABILITY 0.8
#define OPTIMISE_DEFAULT_ITERATIONS 2000
#define OPTIMISE_DEFAULT_NODE_LIMIT 0 /* per solve; 0: by the programme's size (optim_node_limit) */
#define OPTIMISE_DEFAULT_GAP_PPM 0        /* relative gap to prove: 0, optimal */
#define OPTIMISE_CHECK_DRAWS 10000        /* the out-of-sample check's draws */
#define OPTIMISE_MAX_AMOUNTS (1ULL << 27) /* the draws' amounts (plan and candidates x draws x years): 1 GiB */

/* optimise{}: choose among the candidates (run/optimise.c); present when the script
 * called it. Ids are indexes into model.candidates. */
typedef struct optimise_spec {
	bool present;
	const char *file; /* the script as given (scenario_file) and line of the call, for
			   * messages; an output names the script by its label */
	int line;
	int64_t probability_ppm;     /* 0 < p < PPM */
	int32_t unit;                /* whose target */
	int64_t iterations;          /* the optimisation's draws */
	int64_t fte_cost_cents;      /* per FTE, >= 0 */
	int64_t impact_cents[IMPACT_COUNT]; /* per patient_impact word, >= 0 */
	int64_t one_off_weight_ppm;  /* >= 0 */
	bool all_candidates;         /* candidates=nil: every one not adopted */
	int32_t *candidates;         /* else these, in the script's order (arena) */
	size_t ncandidates;
	bool has_max_fte;
	int64_t max_fte_centi;
	int32_t *must, *never;       /* (arena) */
	size_t nmust, nnever;
	int64_t node_limit;          /* per solve; 0: by size (optim_node_limit) */
	int64_t gap_ppm;             /* the relative gap to prove, 0 .. PPM */
} optimise_spec;

typedef struct scenario_spec {
	const char *name;
	const char *description;
	const char *script; /* its label in outputs and the record: "scenarios/<file name>" */
	const char *path;   /* the script as given, for messages; NULL: the label */
	lever *levers; /* in the order the script called them */
	size_t nlevers, levers_cap;
	measure *added; /* measures added by measure{} */
	size_t nadded, added_cap;
	/* The candidates adopted, in the order asked, each once: scenario_adopt. A caller
	 * may take adoptions back by lowering nadopted (adopt{} does for a failed call). */
	adoption *adopted;
	size_t nadopted, adopted_cap;
	/* adopted_at[c]: where candidate c may stand in adopted, for c < nadopted_at; it
	 * stands there when that position is below nadopted and holds c (so lowering
	 * nadopted needs no clean-up). Found in constant time: adopt{} of 100,000 ids. */
	size_t *adopted_at;
	size_t nadopted_at;
	uncertainty_spec uncertainty; /* uncertainty{}, spreads on levers, solve{} */
	optimise_spec optimise;       /* optimise{} */
} scenario_spec;

/* lever_kind_word: the lever's function name in the Lua API ("hiring_freeze"). */
const char *lever_kind_word(lever_kind k);

/* scenario_file: the file a message about s names: its path as given, else its label. */
static inline const char *scenario_file(const scenario_spec *s)
{
	return s->path ? s->path : s->script;
}

/* scenario_name_check: NULL when name can be a scenario's folder in a run folder, else what
 * is wrong with it, to follow "name 'X' " in a message. A name is 1 to MODEL_CODE_MAX
 * letters, digits, '-', '_' and '.', does not start with '-' (a formula to a spreadsheet
 * opening comparison.csv), neither starts nor ends with '.' (hidden; Windows drops
 * a trailing dot), and is none of the names a run writes beside its scenarios
 * (manifest.json, comparison.csv, inputs/: run/write.c, audit/record.c) nor a device name of
 * Windows (con, nul, com1, ...), compared ignoring case: a case-insensitive file system (a
 * USB stick, a Windows share) would take COMPARISON.CSV for comparison.csv. */
const char *scenario_name_check(const char *name);

/* scenario_add_lever: append a zeroed lever of kind and return it. */
lever *scenario_add_lever(scenario_spec *s, lever_kind kind, const char *file, int line);
void scenario_spec_release(scenario_spec *s);

/* scenario_adopt: append candidate c (an index into m->candidates) to s->adopted, asked
 * at file:line (file must outlive s), and return NULL; or, when c was adopted before,
 * return that adoption and leave s as it was. The caller checks that c is a candidate. */
const adoption *scenario_adopt(scenario_spec *s, int32_t c, const char *file, int line);

/* scenario_adopted: candidate c's adoption in s, or NULL when s has not adopted it. */
const adoption *scenario_adopted(const scenario_spec *s, int32_t c);

/* scenario_adopted_in_scope: the first lever of s (a hiring freeze or procurement cut)
 * whose units and categories reach candidate ms's unit and category, or NULL: their
 * savings may overlap, which adopt{} warns of. */
const lever *scenario_adopted_in_scope(const model *m, const scenario_spec *s,
				       const measure *ms);

/* What one lever that makes measures (a hiring freeze, a procurement cut) saves per plan
 * year ([0] is base_year + 1) before and after the netting of docs/scenarios.md ("No
 * double counting"): gross is the sum over its rows of G(r, y), net the sum of N(r, y),
 * which its measures save, netted = gross - net; fte the FTE reduction of its measures in
 * the year as the projection counts it (measure_fte_in_year). */
typedef struct lever_summary {
	size_t lever; /* index into the spec's levers */
	size_t no;    /* its number among the levers of its kind: the N of hiring_freeze.N */
	int64_t gross_cents[MODEL_MAX_YEARS];
	int64_t netted_cents[MODEL_MAX_YEARS];
	int64_t net_cents[MODEL_MAX_YEARS];
	int64_t fte_centi[MODEL_MAX_YEARS];
} lever_summary;

/* A scenario applied: its plan (the model's measures as adjusted, the added measures and
 * the levers' measures, then the adopted candidates, then the targets with overrides) and
 * its price paths. */
typedef struct scenario_result {
	measure *measures;
	size_t nmeasures;
	target_row *targets;
	size_t ntargets;
	int64_t *factor_ppm;        /* ncats * (nyears + 1): cumulative price factor, [0] base */
	int64_t *compensation_ppm;  /* ncats: share of the CAO rise that returns as revenue */
	size_t lever_measures;      /* how many measures the levers made */
	size_t adopted_from;        /* measures[adopted_from ..] are the adopted candidates, in
				     * the order of the spec's adopted (nadopted of them) */
	lever_summary *summaries;   /* the freezes and cuts, in call order */
	size_t nsummaries;
	const char *script;         /* scenario_file of the spec: the file of SRC_SCRIPT rows */
} scenario_result;

/* scenario_apply: build the plan of s over m (allocating measures' amounts from m's arena).
 * Errors (an overflow) are reported to d at the script line of the lever that caused them,
 * every one of them; FP_EDATA then. */
fp_status scenario_apply(const model *m, const scenario_spec *s, scenario_result *r, diag *d);
void scenario_result_release(scenario_result *r);

/* scenario_warn: warn, at the line of each lever, of what in s is allowed but almost
 * certainly not meant: an exempt unit that lies wholly outside its lever's units
 * (unit_scope_exempt_reaches), which exempts nothing. Only warnings (d's status stays);
 * apart from scenario_apply, so that a re-run of a record (verify, diff) need not say
 * again what the run said. */
void scenario_warn(const model *m, const scenario_spec *s, diag *d);

static inline plan scenario_plan(const scenario_result *r)
{
	return (plan){r->measures, r->nmeasures, r->targets, r->ntargets, r->script};
}

/* unit_in_scope: u lies in one of the scope's subtrees and in none of its exempt ones. */
bool unit_in_scope(const model *m, const unit_scope *s, int32_t u);

/* unit_scope_exempt_reaches: the exempt subtree s->exempt[i] shares a unit with one of s's
 * subtrees (it lies inside one, or holds one), so that exempting it can change what the
 * lever reaches; false when it lies wholly outside them and the exemption does nothing
 * (scenario_warn says so at the lever's line). */
bool unit_scope_exempt_reaches(const model *m, const unit_scope *s, size_t i);

/* scenario_lever_scan_steps: the steps scenario_apply takes to find the baseline rows or
 * measures that lever l reaches (rows times the subtrees of its scope, or every model
 * measure for an adjust over a filter), known without looking; 0 for other levers. */
uint64_t scenario_lever_scan_steps(const model *m, const lever *l);

/* scenario_lever_cost: what applying l will cost beyond that scan (it looks at the rows,
 * so take the scan's steps first): *steps for the months or years it computes (for an
 * adjust, every year of every measure it may reach), *bytes for the measures it may make
 * (each row it reaches: one for a cut, two for a freeze; an adjust makes none: it copies a
 * measure's amounts once, however many adjusts reach it).
 * Charged to the script that asks for the lever, so that scenario_apply, which runs after
 * the script, stays within the script's instruction budget and memory cap. */
void scenario_lever_cost(const model *m, const lever *l, uint64_t *steps, uint64_t *bytes);

/* adjust_matches: ms is selected by the where-filter of an adjust lever. */
bool adjust_matches(const model *m, const lever *l, const measure *ms);

#endif
