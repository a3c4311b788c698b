/* consolidate: see consolidate.h. Two passes: each measure is added to its own unit (in
 * file and row order; for a large plan in shares on threads, used only when no order of
 * the additions can overflow), then units are folded into their parents in reverse
 * pre-order, so every child is complete before its parent takes it. The order is fixed,
 * so an overflow, if any, is found at the same place on every run. */
#include "consolidate.h"
#include "../core/xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A plan this large has its measures' pass split over the model's threads: below, the
 * threads would cost more than they save. */
#define CONSOLIDATE_PARALLEL_MIN 65536
/* The most threads of the measures' pass. */
#define CONSOLIDATE_MAX_THREADS 16

static bool add_cell(unit_year *to, const unit_year *from)
{
	bool ok = money_add(&to->structural_cents, from->structural_cents) &&
		  money_add(&to->incidental_cents, from->incidental_cents);
	for (int s = 0; s < STATUS_COUNT; s++)
		ok = ok && money_add(&to->by_status_cents[s], from->by_status_cents[s]);
	for (int p = 0; p < PILLAR_COUNT; p++)
		ok = ok && money_add(&to->by_pillar_cents[p], from->by_pillar_cents[p]);
	return ok;
}

static bool add_measure(unit_year *cell, const measure *ms, int64_t v)
{
	if (ms->nature == NATURE_INCIDENTAL)
		return money_add(&cell->incidental_cents, v);
	return money_add(&cell->structural_cents, v) &&
	       money_add(&cell->by_status_cents[ms->status], v) &&
	       money_add(&cell->by_pillar_cents[ms->pillar - 1], v);
}

/* The measures' pass on one thread, in plan order: each measure added to its own unit's
 * row, checked, an overflow reported where it happens. c's arrays are zero. */
static fp_status measures_pass(const model *m, plan p, consolidation *c, diag *d)
{
	int ny = m->nyears;
	fp_status st = FP_OK;
	for (size_t i = 0; i < p.nmeasures; i++) {
		const measure *ms = &p.measures[i];
		unit_year *row = cons_cell(c, ms->unit, 0);
		for (int y = 0; y < ny; y++) {
			if (ms->amounts[y] && !add_measure(&row[y], ms, ms->amounts[y])) {
				diag_error(d, plan_pos_file(m, p, ms->pos), ms->pos.line, 0,
					   "measure '%s' makes the savings of unit '%s' in %d "
					   "overflow",
					   ms->id, m->units[ms->unit].code, m->base_year + 1 + y);
				st = FP_EDATA;
			}
		}
		if (!money_add(&c->fte_reduction_centi[ms->unit], ms->fte_centi)) {
			diag_error(d, plan_pos_file(m, p, ms->pos), ms->pos.line, 0,
				   "measure '%s' makes the fte reduction of unit '%s' overflow",
				   ms->id, m->units[ms->unit].code);
			st = FP_EDATA;
		}
		c->measure_count[ms->unit]++;
	}
	return st;
}

/* One thread's share of the measures' pass: measures [from, to) of p summed into its own
 * cells, and per cell (and per unit for the fte) the sum of the magnitudes added, which
 * bounds every partial sum of every field in any order. A bound that leaves uint64 sets
 * overflow; the sums themselves wrap unchecked (unsigned), to be used only when every
 * bound fits. */
typedef struct cons_share {
	const model *m;
	plan p;
	size_t from, to;
	consolidation part;
	uint64_t *bound;     /* nunits * nyears */
	uint64_t *fte_bound; /* nunits */
	bool overflow;
} cons_share;

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

static void wrap_add(int64_t *to, int64_t v)
{
	*to = (int64_t)((uint64_t)*to + (uint64_t)v);
}

static void *share_pass(void *arg)
{
	cons_share *sh = arg;
	int ny = sh->m->nyears;
	bool over = false;
	for (size_t i = sh->from; i < sh->to; i++) {
		const measure *ms = &sh->p.measures[i];
		unit_year *row = cons_cell(&sh->part, ms->unit, 0);
		uint64_t *bound = &sh->bound[(size_t)ms->unit * (size_t)ny];
		for (int y = 0; y < ny; y++) {
			int64_t v = ms->amounts[y];
			if (!v)
				continue;
			over |= __builtin_add_overflow(bound[y], magnitude(v), &bound[y]);
			if (ms->nature == NATURE_INCIDENTAL) {
				wrap_add(&row[y].incidental_cents, v);
			} else {
				wrap_add(&row[y].structural_cents, v);
				wrap_add(&row[y].by_status_cents[ms->status], v);
				wrap_add(&row[y].by_pillar_cents[ms->pillar - 1], v);
			}
		}
		over |= __builtin_add_overflow(sh->fte_bound[ms->unit], magnitude(ms->fte_centi),
					       &sh->fte_bound[ms->unit]);
		wrap_add(&sh->part.fte_reduction_centi[ms->unit], ms->fte_centi);
		sh->part.measure_count[ms->unit]++;
	}
	sh->overflow = over;
	return NULL;
}

/* The shares' bounds added up, cell by cell: true when each fits in int64 (into the
 * first share's, which the shares' sums then cannot leave). */
static bool bounds_fit(cons_share *s, unsigned n, size_t cells, size_t units)
{
	for (unsigned t = 0; t < n; t++)
		if (s[t].overflow)
			return false;
	for (unsigned t = 1; t < n; t++) {
		for (size_t i = 0; i < cells; i++)
			if (__builtin_add_overflow(s[0].bound[i], s[t].bound[i], &s[0].bound[i]))
				return false;
		for (size_t u = 0; u < units; u++)
			if (__builtin_add_overflow(s[0].fte_bound[u], s[t].fte_bound[u],
						   &s[0].fte_bound[u]))
				return false;
	}
	for (size_t i = 0; i < cells; i++)
		if (s[0].bound[i] > INT64_MAX)
			return false;
	for (size_t u = 0; u < units; u++)
		if (s[0].fte_bound[u] > INT64_MAX)
			return false;
	return true;
}

/* The shares' sums into c, whose arrays are zero (exact: every bound fits). */
static void add_shares(consolidation *c, const cons_share *s, unsigned n)
{
	size_t cells = c->nunits * (size_t)c->nyears;
	for (unsigned t = 0; t < n; t++) {
		const consolidation *q = &s[t].part;
		for (size_t i = 0; i < cells; i++)
			add_cell(&c->cells[i], &q->cells[i]);
		for (size_t u = 0; u < c->nunits; u++) {
			money_add(&c->fte_reduction_centi[u], q->fte_reduction_centi[u]);
			c->measure_count[u] += q->measure_count[u];
		}
	}
}

/* The measures' pass split into threads contiguous shares; false (c untouched) when a
 * bound does not fit or no thread starts, so that one thread does the pass instead. */
static bool measures_pass_shared(const model *m, plan p, consolidation *c, unsigned threads)
{
	size_t n = m->nunits, cells = n * (size_t)m->nyears;
	cons_share s[CONSOLIDATE_MAX_THREADS];
	pthread_t tid[CONSOLIDATE_MAX_THREADS];
	bool started[CONSOLIDATE_MAX_THREADS] = {false};
	for (unsigned t = 0; t < threads; t++) {
		s[t] = (cons_share){.m = m, .p = p, .from = p.nmeasures * t / threads,
				    .to = p.nmeasures * (t + 1) / threads};
		s[t].part = (consolidation){n, m->nyears, xcalloc(cells, sizeof(unit_year)),
					    xcalloc(n, sizeof(int64_t)),
					    xcalloc(n, sizeof(int64_t))};
		s[t].bound = xcalloc(cells, sizeof *s[t].bound);
		s[t].fte_bound = xcalloc(n, sizeof *s[t].fte_bound);
	}
	for (unsigned t = 1; t < threads; t++)
		started[t] = pthread_create(&tid[t], NULL, share_pass, &s[t]) == 0;
	share_pass(&s[0]);
	for (unsigned t = 1; t < threads; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			share_pass(&s[t]); /* the system refused the thread: this one does it */
	}
	bool ok = bounds_fit(s, threads, cells, n);
	if (ok)
		add_shares(c, s, threads);
	for (unsigned t = 0; t < threads; t++) {
		consolidation_release(&s[t].part);
		free(s[t].bound);
		free(s[t].fte_bound);
	}
	return ok;
}

fp_status consolidate(const model *m, plan p, consolidation *c, diag *d)
{
	unsigned threads = p.nmeasures >= CONSOLIDATE_PARALLEL_MIN ? m->threads : 1;
	return consolidate_threads(m, p, c, d, threads);
}

fp_status consolidate_threads(const model *m, plan p, consolidation *c, diag *d,
			      unsigned threads)
{
	size_t n = m->nunits;
	int ny = m->nyears;
	fp_status st = FP_OK;
	c->nunits = n;
	c->nyears = ny;
	c->cells = xcalloc(n * (size_t)ny, sizeof *c->cells);
	c->fte_reduction_centi = xcalloc(n, sizeof *c->fte_reduction_centi);
	c->measure_count = xcalloc(n, sizeof *c->measure_count);
	if (threads > CONSOLIDATE_MAX_THREADS)
		threads = CONSOLIDATE_MAX_THREADS;
	if (threads > p.nmeasures)
		threads = (unsigned)p.nmeasures;
	if (threads < 2 || !measures_pass_shared(m, p, c, threads))
		st = measures_pass(m, p, c, d);
	for (size_t k = n; k-- > 1;) {
		int32_t u = m->preorder[k];
		int32_t par = m->units[u].parent;
		bool ok = money_add(&c->fte_reduction_centi[par], c->fte_reduction_centi[u]);
		for (int y = 0; y < ny; y++)
			ok = add_cell(cons_cell(c, par, y), cons_cell(c, u, y)) && ok;
		c->measure_count[par] += c->measure_count[u];
		if (!ok) {
			diag_error(d, p.script, 0, 0, "the savings of unit '%s' overflow when its unit "
						  "'%s' is added",
				   m->units[par].code, m->units[u].code);
			st = FP_EDATA;
		}
	}
	/* Targets: the last row for a (unit, year) wins, then each holds until the next. */
	for (size_t i = 0; i < p.ntargets; i++) {
		const target_row *t = &p.targets[i];
		int yi = model_year_index(m, t->year);
		if (yi < 0)
			continue;
		unit_year *cell = cons_cell(c, t->unit, yi);
		cell->has_target = true;
		cell->target_cents = t->amount_cents;
	}
	/* The explicit rows are marked; carry them forward year by year. */
	for (size_t u = 0; u < n; u++) {
		unit_year *row = cons_cell(c, (int32_t)u, 0);
		for (int y = 1; y < ny; y++) {
			if (!row[y].has_target && row[y - 1].has_target) {
				row[y].has_target = true;
				row[y].target_cents = row[y - 1].target_cents;
			}
		}
		for (int y = 0; y < ny; y++)
			if (row[y].has_target &&
			    __builtin_sub_overflow(row[y].target_cents, row[y].structural_cents,
						   &row[y].gap_cents)) {
				diag_error(d, p.script, 0, 0, "the gap of unit '%s' in %d overflows",
					   m->units[u].code, m->base_year + 1 + y);
				st = FP_EDATA;
			}
	}
	return st;
}

void consolidation_release(consolidation *c)
{
	free(c->cells);
	free(c->fte_reduction_centi);
	free(c->measure_count);
	memset(c, 0, sizeof *c);
}

rag rag_of(const model *m, const unit_year *cell)
{
	if (!cell->has_target)
		return RAG_NONE;
	__int128 have = (__int128)cell->structural_cents * 100;
	if (have >= (__int128)cell->target_cents * m->rag_green_pct)
		return RAG_GREEN;
	if (have >= (__int128)cell->target_cents * m->rag_amber_pct)
		return RAG_AMBER;
	return RAG_RED;
}

const char *rag_word(rag r)
{
	switch (r) {
	case RAG_GREEN: return "green";
	case RAG_AMBER: return "amber";
	case RAG_RED: return "red";
	case RAG_NONE: break;
	}
	return "-";
}

fp_status baseline_consolidate(const model *m, baseline_totals *bt, diag *d)
{
	size_t n = m->nunits, nc = m->ncats;
	fp_status st = FP_OK;
	bt->by_kind_cents = xcalloc(n * KIND_COUNT, sizeof *bt->by_kind_cents);
	bt->by_cat_cents = xcalloc(n * (nc ? nc : 1), sizeof *bt->by_cat_cents);
	bt->fte_centi = xcalloc(n, sizeof *bt->fte_centi);
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *r = &m->baseline[i];
		category_kind k = m->cats[r->category].kind;
		if (!money_add(&bt->by_cat_cents[(size_t)r->unit * nc + (size_t)r->category],
			       r->amount_cents) ||
		    !money_add(&bt->by_kind_cents[(size_t)r->unit * KIND_COUNT + k],
			       r->amount_cents) ||
		    !money_add(&bt->fte_centi[r->unit], r->fte_centi)) {
			diag_error(d, model_pos_file(m, r->pos), r->pos.line, 0,
				   "this row makes the baseline of unit '%s' overflow",
				   m->units[r->unit].code);
			st = FP_EDATA;
		}
	}
	for (size_t k = n; k-- > 1;) {
		int32_t u = m->preorder[k];
		int32_t par = m->units[u].parent;
		bool ok = money_add(&bt->fte_centi[par], bt->fte_centi[u]);
		for (size_t j = 0; j < KIND_COUNT; j++)
			ok = money_add(&bt->by_kind_cents[(size_t)par * KIND_COUNT + j],
				       bt->by_kind_cents[(size_t)u * KIND_COUNT + j]) && ok;
		for (size_t j = 0; j < nc; j++)
			ok = money_add(&bt->by_cat_cents[(size_t)par * nc + j],
				       bt->by_cat_cents[(size_t)u * nc + j]) && ok;
		if (!ok) {
			diag_error(d, NULL, 0, 0, "the baseline of unit '%s' overflows when its "
						  "unit '%s' is added",
				   m->units[par].code, m->units[u].code);
			st = FP_EDATA;
		}
	}
	return st;
}

void baseline_totals_release(baseline_totals *bt)
{
	free(bt->by_kind_cents);
	free(bt->by_cat_cents);
	free(bt->fte_centi);
	memset(bt, 0, sizeof *bt);
}

bool baseline_result(const baseline_totals *bt, int32_t u, int64_t *out)
{
	const int64_t *k = &bt->by_kind_cents[(size_t)u * KIND_COUNT];
	int64_t r = k[KIND_REVENUE];
	return !__builtin_sub_overflow(r, k[KIND_PERSONNEL], &r) &&
	       !__builtin_sub_overflow(r, k[KIND_PROCUREMENT], &r) &&
	       !__builtin_sub_overflow(r, k[KIND_OTHER_COST], &r) &&
	       !__builtin_sub_overflow(r, k[KIND_DEPRECIATION], &r) && r != INT64_MIN &&
	       ((*out = r), true);
}

size_t target_gaps(const model *m, const consolidation *c, int32_t year, target_gap **out)
{
	int yi = model_year_index(m, year);
	size_t count = 0, cap = 0;
	*out = NULL;
	if (yi < 0)
		return 0;
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		const unit_year *pc = cons_cell(c, u, yi);
		if (!pc->has_target || m->units[u].first_child < 0)
			continue;
		target_gap g = {u, year, pc->target_cents, 0, 0, 0};
		bool overflow = false;
		for (int32_t ch = m->units[u].first_child; ch >= 0; ch = m->units[ch].next_sibling) {
			const unit_year *cc = cons_cell(c, ch, yi);
			g.children++;
			if (!cc->has_target)
				continue;
			g.children_with_target++;
			overflow |= !money_add(&g.children_cents, cc->target_cents);
		}
		if (g.children_with_target == 0 || overflow || g.children_cents == g.parent_cents)
			continue;
		VEC_GROW(*out, count, cap);
		(*out)[count++] = g;
	}
	return count;
}
