/* consolidate: exact roll-up of a plan from each unit's own measures to every ancestor,
 * per plan year, in int64 cents with checked additions: structural and incidental savings,
 * structural by status and by pillar, FTE reduction, the target in force and the gap.
 * Also the base-year baseline per unit subtree, and where children's targets do not add up
 * to their parent's (the board's top-down gap). */
#ifndef FP_CONSOLIDATE_H
#define FP_CONSOLIDATE_H
#include "model.h"

typedef struct unit_year {
	bool has_target;      /* a target is in force this year */
	int64_t target_cents; /* the latest target row at or before this year */
	int64_t structural_cents, incidental_cents;
	int64_t by_status_cents[STATUS_COUNT]; /* structural only */
	int64_t by_pillar_cents[PILLAR_COUNT]; /* structural only, [0] is pillar 1 */
	int64_t gap_cents;                     /* target - structural, when has_target */
} unit_year;

typedef struct consolidation {
	size_t nunits;
	int32_t nyears;
	unit_year *cells;             /* nunits * nyears, unit-major */
	int64_t *fte_reduction_centi; /* per unit, its subtree's measures' fte */
	int64_t *measure_count;       /* per unit, measures in its subtree */
} consolidation;

/* consolidate: roll p up the tree of m into c (allocated here; consolidation_release frees
 * it). A total that would overflow int64 cents is reported to d and gives FP_EDATA. */
fp_status consolidate(const model *m, plan p, consolidation *c, diag *d);
void consolidation_release(consolidation *c);

/* consolidate_threads: consolidate with the measures' pass split over up to threads
 * threads (consolidate takes m->threads for a large plan, one for a small one). The same
 * c, messages and status for any thread count: each thread sums its share of the
 * measures and bounds each cell by the sum of the amounts' magnitudes; only when every
 * bound fits in int64 cents, where no order of the additions can overflow, are the
 * shares added up; otherwise the pass is done again on one thread, in plan order, and
 * reports the overflow where one thread finds it. */
fp_status consolidate_threads(const model *m, plan p, consolidation *c, diag *d,
			      unsigned threads);

static inline unit_year *cons_cell(const consolidation *c, int32_t u, int year_ix)
{
	return &c->cells[(size_t)u * (size_t)c->nyears + (size_t)year_ix];
}

typedef enum rag { RAG_NONE, RAG_RED, RAG_AMBER, RAG_GREEN } rag;

/* rag_of: green when savings reach rag_green_pct of the target, amber when they reach
 * rag_amber_pct, else red; RAG_NONE without a target. Exact (128-bit products). */
rag rag_of(const model *m, const unit_year *cell);
/* rag_word: "green", "amber", "red" or "-". */
const char *rag_word(rag r);

/* The base year per unit subtree. */
typedef struct baseline_totals {
	int64_t *by_kind_cents; /* nunits * KIND_COUNT */
	int64_t *by_cat_cents;  /* nunits * ncats */
	int64_t *fte_centi;     /* nunits */
} baseline_totals;

fp_status baseline_consolidate(const model *m, baseline_totals *bt, diag *d);
void baseline_totals_release(baseline_totals *bt);

/* The base-year result of a subtree: revenue minus personnel, procurement and other cost;
 * false on overflow. */
bool baseline_result(const baseline_totals *bt, int32_t u, int64_t *out);

/* A unit whose children's targets for a year do not add up to its own. */
typedef struct target_gap {
	int32_t unit;
	int32_t year;
	int64_t parent_cents;
	int64_t children_cents; /* the sum over the children that have a target */
	int32_t children_with_target, children;
} target_gap;

/* target_gaps: for year, every unit with a target and at least one child with a target
 * whose children's targets differ from its own, in pre-order. Returns the count; *out is
 * malloc'ed (free it). */
size_t target_gaps(const model *m, const consolidation *c, int32_t year, target_gap **out);

#endif
