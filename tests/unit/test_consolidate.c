/* test_consolidate: the roll-up of measures up the tree, exact to the cent: a worked
 * example, targets that persist until the next target row, gap = target - structural,
 * RAG thresholds, top-down gaps, overflow reports, the baseline roll-up, a model loaded
 * from files, and a property test over many seeded random trees and measures proving
 * that every total reconciles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testmodel.h"
#include "model/consolidate.h"
#include "export/csvout.h"

/* tm_measure: append a measure at line (index + 2) of measures/m.csv; amounts has
 * m->nyears values. Returns its index. */
static size_t measures_cap;
static size_t tm_measure(tmodel *t, const char *id, int32_t unit_ix, measure_nature nature,
			 measure_status status, int pillar, int64_t fte_centi,
			 const int64_t *amounts)
{
	model *m = &t->m;
	if (m->nmeasures == 0)
		measures_cap = 0;
	VEC_GROW(m->measures, m->nmeasures, measures_cap);
	measure *ms = &m->measures[m->nmeasures];
	memset(ms, 0, sizeof *ms);
	ms->id = arena_strdup(&t->a, id);
	ms->title = ms->id;
	ms->unit = unit_ix;
	ms->category = 0;
	ms->nature = (uint8_t)nature;
	ms->status = (uint8_t)status;
	ms->pillar = (uint8_t)pillar;
	ms->file = 0;
	ms->fte_centi = fte_centi;
	ms->amounts = arena_alloc(&t->a, (size_t)m->nyears * sizeof *ms->amounts);
	memcpy(ms->amounts, amounts, (size_t)m->nyears * sizeof *ms->amounts);
	ms->pos = (src_pos){1, (uint32_t)m->nmeasures + 2};
	return m->nmeasures++;
}

static size_t targets_cap;
static void tm_target(tmodel *t, int32_t unit_ix, int32_t year, int64_t cents)
{
	model *m = &t->m;
	if (m->ntargets == 0)
		targets_cap = 0;
	VEC_GROW(m->targets, m->ntargets, targets_cap);
	m->targets[m->ntargets++] = (target_row){unit_ix, year, cents, {2, (uint32_t)m->ntargets + 2}};
}

static void build_tree(tmodel *t)
{
	msgs ms;
	msgs_init(&ms);
	assert_true(tree_build(&t->m, &ms.d));
	msgs_release(&ms);
}

/* The model of the golden case good-check: LUMC > DIV1 > AFD1, LUMC > DIV2; 2025-2027. */
static void tiny_model(tmodel *t)
{
	tm_init(t, 4, 2024, 3);
	t->m.target_year = 2026;
	tm_unit(t, 0, "LUMC", -1);
	tm_unit(t, 1, "DIV1", 0);
	tm_unit(t, 2, "DIV2", 0);
	tm_unit(t, 3, "AFD1", 1);
	build_tree(t);
	tm_measure(t, "M1", 3, NATURE_STRUCTURAL, STATUS_DECIDED, 1, 150,
		   (int64_t[]){1000000, 2000000, 3000000});
	tm_measure(t, "M2", 1, NATURE_INCIDENTAL, STATUS_IDEA, 2, 0, (int64_t[]){500000, 0, 0});
	tm_measure(t, "M3", 2, NATURE_STRUCTURAL, STATUS_REALISED, 3, 50,
		   (int64_t[]){1234567, 2345678, 2345678});
	tm_target(t, 0, 2026, 10000000);
	tm_target(t, 1, 2025, 4000000);
	tm_target(t, 2, 2026, 5000000);
}

static void worked_example(void **state)
{
	(void)state;
	tmodel t;
	tiny_model(&t);
	consolidation c;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	assert_int_equal(c.nunits, 4);
	assert_int_equal(c.nyears, 3);

	const unit_year *y;
	/* LUMC */
	y = cons_cell(&c, 0, 0);
	assert_false(y->has_target);
	assert_int_equal(y->structural_cents, 2234567);
	assert_int_equal(y->incidental_cents, 500000);
	y = cons_cell(&c, 0, 1);
	assert_true(y->has_target);
	assert_int_equal(y->target_cents, 10000000);
	assert_int_equal(y->structural_cents, 4345678);
	assert_int_equal(y->incidental_cents, 0);
	assert_int_equal(y->gap_cents, 5654322);
	assert_int_equal(y->by_status_cents[STATUS_REALISED], 2345678);
	assert_int_equal(y->by_status_cents[STATUS_DECIDED], 2000000);
	assert_int_equal(y->by_status_cents[STATUS_PLANNED], 0);
	assert_int_equal(y->by_status_cents[STATUS_IDEA], 0); /* M2 is incidental */
	assert_int_equal(y->by_pillar_cents[0], 2000000);
	assert_int_equal(y->by_pillar_cents[1], 0);
	assert_int_equal(y->by_pillar_cents[2], 2345678);
	y = cons_cell(&c, 0, 2);
	assert_true(y->has_target);
	assert_int_equal(y->target_cents, 10000000);
	assert_int_equal(y->structural_cents, 5345678);
	assert_int_equal(y->gap_cents, 4654322);
	/* DIV1: its target of 2025 holds in 2026 and 2027 */
	y = cons_cell(&c, 1, 0);
	assert_true(y->has_target);
	assert_int_equal(y->target_cents, 4000000);
	assert_int_equal(y->structural_cents, 1000000);
	assert_int_equal(y->incidental_cents, 500000);
	assert_int_equal(y->gap_cents, 3000000);
	y = cons_cell(&c, 1, 2);
	assert_int_equal(y->target_cents, 4000000);
	assert_int_equal(y->gap_cents, 1000000);
	/* AFD1: no target */
	y = cons_cell(&c, 3, 1);
	assert_false(y->has_target);
	assert_int_equal(y->structural_cents, 2000000);
	/* DIV2 */
	y = cons_cell(&c, 2, 0);
	assert_false(y->has_target);
	y = cons_cell(&c, 2, 1);
	assert_int_equal(y->gap_cents, 5000000 - 2345678);
	/* FTE and counts per subtree */
	assert_int_equal(c.fte_reduction_centi[0], 200);
	assert_int_equal(c.fte_reduction_centi[1], 150);
	assert_int_equal(c.fte_reduction_centi[2], 50);
	assert_int_equal(c.fte_reduction_centi[3], 150);
	assert_int_equal(c.measure_count[0], 3);
	assert_int_equal(c.measure_count[1], 2);
	assert_int_equal(c.measure_count[2], 1);
	assert_int_equal(c.measure_count[3], 1);

	/* top-down gaps in 2026: DIV1 (persisted) and DIV2 add up to 9,000,000 */
	target_gap *gaps;
	assert_int_equal(target_gaps(&t.m, &c, 2026, &gaps), 1);
	assert_int_equal(gaps[0].unit, 0);
	assert_int_equal(gaps[0].year, 2026);
	assert_int_equal(gaps[0].parent_cents, 10000000);
	assert_int_equal(gaps[0].children_cents, 9000000);
	assert_int_equal(gaps[0].children_with_target, 2);
	assert_int_equal(gaps[0].children, 2);
	free(gaps);
	assert_int_equal(target_gaps(&t.m, &c, 2025, &gaps), 0); /* LUMC has none yet */
	free(gaps);
	assert_int_equal(target_gaps(&t.m, &c, 2024, &gaps), 0); /* not a plan year */
	assert_null(gaps);

	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

/* The CSV of consolidate --format csv for the worked example (docs/formats.md). */
static void csv_output(void **state)
{
	(void)state;
	tmodel t;
	tiny_model(&t);
	consolidation c;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_OK);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	csvout_consolidated(f, &t.m, &c);
	fclose(f);
	assert_string_equal(buf,
		"unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,fte_reduction\n"
		"LUMC,,organisation,2025,,22345.67,5000.00,,2.00\n"
		"LUMC,,organisation,2026,100000.00,43456.78,0.00,56543.22,2.00\n"
		"LUMC,,organisation,2027,100000.00,53456.78,0.00,46543.22,2.00\n"
		"DIV1,LUMC,department,2025,40000.00,10000.00,5000.00,30000.00,1.50\n"
		"DIV1,LUMC,department,2026,40000.00,20000.00,0.00,20000.00,1.50\n"
		"DIV1,LUMC,department,2027,40000.00,30000.00,0.00,10000.00,1.50\n"
		"AFD1,DIV1,department,2025,,10000.00,0.00,,1.50\n"
		"AFD1,DIV1,department,2026,,20000.00,0.00,,1.50\n"
		"AFD1,DIV1,department,2027,,30000.00,0.00,,1.50\n"
		"DIV2,LUMC,department,2025,,12345.67,0.00,,0.50\n"
		"DIV2,LUMC,department,2026,50000.00,23456.78,0.00,26543.22,0.50\n"
		"DIV2,LUMC,department,2027,50000.00,23456.78,0.00,26543.22,0.50\n");
	free(buf);
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

/* A target holds from its year until the unit's next target row; none before the first;
 * rows may come in any order; gap = target - structural, negative when saving more. */
static void targets_persist(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 2, 2024, 6); /* 2025 .. 2030 */
	tm_unit(&t, 0, "ROOT", -1);
	tm_unit(&t, 1, "KID", 0);
	build_tree(&t);
	tm_measure(&t, "M1", 1, NATURE_STRUCTURAL, STATUS_PLANNED, 2, 0,
		   (int64_t[]){10, 20, 30, 400, 50, -60});
	tm_target(&t, 0, 2027, 300);
	tm_target(&t, 0, 2025, 100);
	tm_target(&t, 0, 2030, 0);
	tm_target(&t, 1, 2028, 7);
	tm_target(&t, 1, 2041, 99); /* outside the plan years: ignored */
	consolidation c;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_OK);
	static const int64_t root_target[] = {100, 100, 300, 300, 300, 0};
	static const int64_t structural[] = {10, 20, 30, 400, 50, -60};
	for (int y = 0; y < 6; y++) {
		const unit_year *r = cons_cell(&c, 0, y), *k = cons_cell(&c, 1, y);
		assert_true(r->has_target);
		assert_int_equal(r->target_cents, root_target[y]);
		assert_int_equal(r->structural_cents, structural[y]);
		assert_int_equal(r->gap_cents, root_target[y] - structural[y]);
		assert_int_equal(k->structural_cents, structural[y]);
		if (y < 3) {
			assert_false(k->has_target);
			assert_int_equal(k->target_cents, 0);
			assert_int_equal(k->gap_cents, 0);
		} else {
			assert_true(k->has_target);
			assert_int_equal(k->target_cents, 7);
			assert_int_equal(k->gap_cents, 7 - structural[y]);
		}
	}
	assert_int_equal(cons_cell(&c, 0, 3)->gap_cents, -100);
	assert_int_equal(cons_cell(&c, 0, 5)->gap_cents, 60);
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

static void rag_thresholds(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 1, 2024, 1);
	tm_unit(&t, 0, "ROOT", -1);
	static const struct {
		bool has_target;
		int64_t target, structural;
		int green, amber;
		rag want;
	} cases[] = {
		{false, 0, 0, 100, 90, RAG_NONE},
		{false, 100, 1000, 100, 90, RAG_NONE},
		{true, 1000, 1000, 100, 90, RAG_GREEN},
		{true, 1000, 1001, 100, 90, RAG_GREEN},
		{true, 1000, 999, 100, 90, RAG_AMBER},
		{true, 1000, 900, 100, 90, RAG_AMBER},
		{true, 1000, 899, 100, 90, RAG_RED},
		{true, 1000, -5, 100, 90, RAG_RED},
		{true, 0, 0, 100, 90, RAG_GREEN},
		{true, 0, -1, 100, 90, RAG_RED},
		{true, 3, 2, 67, 50, RAG_AMBER}, /* 200 >= 201? no; 200 >= 150: amber */
		{true, 3, 2, 66, 50, RAG_GREEN}, /* 200 >= 198 */
		{true, 1000, 1100, 110, 100, RAG_GREEN},
		{true, 1000, 1099, 110, 100, RAG_AMBER},
		{true, INT64_MAX, INT64_MAX, 1000, 90, RAG_AMBER}, /* exact, no overflow */
		{true, INT64_MAX, INT64_MAX, 100, 100, RAG_GREEN},
		{true, INT64_MAX, INT64_MAX - 1, 100, 100, RAG_RED},
		{true, 1, INT64_MAX, 1000, 1000, RAG_GREEN},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		unit_year cell = {0};
		cell.has_target = cases[i].has_target;
		cell.target_cents = cases[i].target;
		cell.structural_cents = cases[i].structural;
		t.m.rag_green_pct = cases[i].green;
		t.m.rag_amber_pct = cases[i].amber;
		rag got = rag_of(&t.m, &cell);
		if (got != cases[i].want)
			fail_msg("case %zu: rag %s, expected %s", i, rag_word(got),
				 rag_word(cases[i].want));
	}
	assert_string_equal(rag_word(RAG_GREEN), "green");
	assert_string_equal(rag_word(RAG_AMBER), "amber");
	assert_string_equal(rag_word(RAG_RED), "red");
	assert_string_equal(rag_word(RAG_NONE), "-");
	tm_release(&t);
}

/* Three units: ROOT > A, ROOT > B, one plan year (2025). */
static void three_units(tmodel *t)
{
	tm_init(t, 3, 2024, 1);
	tm_unit(t, 0, "ROOT", -1);
	tm_unit(t, 1, "A", 0);
	tm_unit(t, 2, "B", 0);
	build_tree(t);
}

static void overflow_on_one_unit(void **state)
{
	(void)state;
	tmodel t;
	three_units(&t);
	tm_measure(&t, "M1", 1, NATURE_STRUCTURAL, STATUS_IDEA, 1, INT64_MAX,
		   (int64_t[]){INT64_MAX});
	tm_measure(&t, "M2", 1, NATURE_STRUCTURAL, STATUS_IDEA, 1, 1, (int64_t[]){1});
	tm_measure(&t, "M3", 2, NATURE_INCIDENTAL, STATUS_IDEA, 1, 0, (int64_t[]){-INT64_MAX});
	tm_measure(&t, "M4", 2, NATURE_INCIDENTAL, STATUS_IDEA, 1, 0, (int64_t[]){-1});
	consolidation c;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_EDATA);
	assert_string_equal(msgs_text(&ms),
		"fitplan: measures/m.csv:3: error: measure 'M2' makes the savings of unit 'A' in 2025 overflow\n"
		"fitplan: measures/m.csv:3: error: measure 'M2' makes the fte reduction of unit 'A' overflow\n"
		"fitplan: measures/m.csv:5: error: measure 'M4' makes the savings of unit 'B' in 2025 overflow\n");
	assert_int_equal(ms.d.status, FP_EDATA);
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

static void overflow_while_rolling_up(void **state)
{
	(void)state;
	tmodel t;
	three_units(&t);
	tm_measure(&t, "M1", 1, NATURE_STRUCTURAL, STATUS_IDEA, 1, 0, (int64_t[]){INT64_MAX});
	tm_measure(&t, "M2", 2, NATURE_STRUCTURAL, STATUS_IDEA, 1, 0, (int64_t[]){1});
	consolidation c;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_EDATA);
	/* B is added to ROOT first (reverse pre-order), then A overflows it */
	assert_string_equal(msgs_text(&ms),
		"fitplan: error: the savings of unit 'ROOT' overflow when its unit 'A' is added\n");
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);

	/* the negative limit: INT64_MIN is refused as well */
	three_units(&t);
	tm_measure(&t, "M1", 1, NATURE_INCIDENTAL, STATUS_IDEA, 1, 0, (int64_t[]){-INT64_MAX});
	tm_measure(&t, "M2", 2, NATURE_INCIDENTAL, STATUS_IDEA, 1, 0, (int64_t[]){-1});
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_EDATA);
	assert_string_equal(msgs_text(&ms),
		"fitplan: error: the savings of unit 'ROOT' overflow when its unit 'A' is added\n");
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

/* A random plan for the thread tests: amounts small, or (kind 1) some near the int64
 * limit so that a share's bound leaves int64 while no sum does (they cancel), or (kind 2)
 * sums that overflow on some units. */
static void threads_plan(tmodel *t, rng *r, int kind)
{
	size_t n = (size_t)rng_range(r, 1, 40);
	int32_t ny = (int32_t)rng_range(r, 1, 4);
	tm_init(t, n, 2020, ny);
	tm_random_tree(t, r, n);
	build_tree(t);
	size_t nm = (size_t)rng_range(r, 0, 400);
	int64_t *amounts = xmalloc((size_t)ny * sizeof *amounts);
	for (size_t i = 0; i < nm; i++) {
		bool big = kind && rng_below(r, 20) == 0;
		int64_t sign = kind == 1 && i % 2 ? -1 : 1;
		for (int y = 0; y < ny; y++)
			amounts[y] = big ? sign * (INT64_MAX / 2 - rng_range(r, 0, 1000))
					 : rng_range(r, -1000000, 1000000);
		char id[32];
		snprintf(id, sizeof id, "M%zu", i);
		tm_measure(t, id, (int32_t)rng_below(r, n),
			   rng_below(r, 3) ? NATURE_STRUCTURAL : NATURE_INCIDENTAL,
			   (measure_status)rng_below(r, STATUS_COUNT), (int)rng_range(r, 1, 3),
			   big ? sign * (INT64_MAX / 2) : rng_range(r, -500, 5000), amounts);
	}
	free(amounts);
}

/* consolidate_threads with 2, 3 and 8 threads gives the cells, totals, messages and status
 * of one thread, with or without overflows, over many random plans. */
static void threads_same_roll_up(void **state)
{
	(void)state;
	unsigned overflowed = 0;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		rng r;
		rng_seed(&r, seed);
		tmodel t;
		threads_plan(&t, &r, (int)(seed % 3));
		model *m = &t.m;
		consolidation one;
		msgs ms1;
		msgs_init(&ms1);
		fp_status st1 = consolidate_threads(m, model_plan(m), &one, &ms1.d, 1);
		overflowed += st1 != FP_OK;
		static const unsigned counts[] = {2, 3, 8};
		for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
			consolidation c;
			msgs ms;
			msgs_init(&ms);
			fp_status st = consolidate_threads(m, model_plan(m), &c, &ms.d, counts[k]);
			if (st != st1 || strcmp(msgs_text(&ms), msgs_text(&ms1)) != 0)
				fail_msg("seed %llu, %u threads: status %d, messages:\n%s\nagainst %d:\n%s",
					 (unsigned long long)seed, counts[k], st, msgs_text(&ms), st1,
					 msgs_text(&ms1));
			size_t cells = m->nunits * (size_t)m->nyears;
			assert_memory_equal(c.cells, one.cells, cells * sizeof *c.cells);
			assert_memory_equal(c.fte_reduction_centi, one.fte_reduction_centi,
					    m->nunits * sizeof *c.fte_reduction_centi);
			assert_memory_equal(c.measure_count, one.measure_count,
					    m->nunits * sizeof *c.measure_count);
			consolidation_release(&c);
			msgs_release(&ms);
		}
		consolidation_release(&one);
		msgs_release(&ms1);
		tm_release(&t);
	}
	assert_true(overflowed > 10); /* the overflow reports were compared too */
}

static void gap_overflow(void **state)
{
	(void)state;
	tmodel t;
	three_units(&t);
	tm_measure(&t, "M1", 1, NATURE_STRUCTURAL, STATUS_IDEA, 1, 0, (int64_t[]){-1});
	tm_target(&t, 0, 2025, INT64_MAX);
	tm_target(&t, 1, 2025, INT64_MAX - 1);
	consolidation c;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(consolidate(&t.m, model_plan(&t.m), &c, &ms.d), FP_EDATA);
	assert_string_equal(msgs_text(&ms),
			    "fitplan: error: the gap of unit 'ROOT' in 2025 overflows\n");
	assert_int_equal(cons_cell(&c, 1, 0)->gap_cents, INT64_MAX);
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

/* The baseline per subtree, by kind and by category, and the result. */
static void baseline_roll_up(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 3, 2024, 1);
	tm_unit(&t, 0, "LUMC", -1);
	tm_unit(&t, 1, "DIV1", 0);
	tm_unit(&t, 2, "AFD1", 1);
	build_tree(&t);
	model *m = &t.m;
	m->ncats = 4;
	m->cats = xcalloc(4, sizeof *m->cats);
	m->cats[0] = (category){"PERS", "Personeel", KIND_PERSONNEL, {0, 2}, false};
	m->cats[1] = (category){"MAT", "Materiaal", KIND_PROCUREMENT, {0, 3}, false};
	m->cats[2] = (category){"OTH", "Overig", KIND_OTHER_COST, {0, 4}, false};
	m->cats[3] = (category){"OPB", "Opbrengsten", KIND_REVENUE, {0, 5}, false};
	m->nbaseline = 5;
	m->baseline = xcalloc(5, sizeof *m->baseline);
	m->baseline[0] = (baseline_row){2, 0, 10000000, 1250, {0, 2}};
	m->baseline[1] = (baseline_row){2, 1, 2500050, 0, {0, 3}};
	m->baseline[2] = (baseline_row){1, 2, 50000, 0, {0, 4}};
	m->baseline[3] = (baseline_row){0, 3, 20000000, 0, {0, 5}};
	m->baseline[4] = (baseline_row){1, 0, -1, 50, {0, 6}};
	baseline_totals bt;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(baseline_consolidate(m, &bt, &ms.d), FP_OK);
	const int64_t *k = &bt.by_kind_cents[0 * KIND_COUNT];
	assert_int_equal(k[KIND_PERSONNEL], 9999999);
	assert_int_equal(k[KIND_PROCUREMENT], 2500050);
	assert_int_equal(k[KIND_OTHER_COST], 50000);
	assert_int_equal(k[KIND_REVENUE], 20000000);
	k = &bt.by_kind_cents[1 * KIND_COUNT];
	assert_int_equal(k[KIND_PERSONNEL], 9999999);
	assert_int_equal(k[KIND_REVENUE], 0);
	assert_int_equal(bt.by_cat_cents[2 * 4 + 0], 10000000);
	assert_int_equal(bt.by_cat_cents[1 * 4 + 0], 9999999);
	assert_int_equal(bt.by_cat_cents[0 * 4 + 2], 50000);
	assert_int_equal(bt.fte_centi[0], 1300);
	assert_int_equal(bt.fte_centi[1], 1300);
	assert_int_equal(bt.fte_centi[2], 1250);
	int64_t r = 0;
	assert_true(baseline_result(&bt, 0, &r));
	assert_int_equal(r, 20000000 - 9999999 - 2500050 - 50000);
	assert_true(baseline_result(&bt, 2, &r));
	assert_int_equal(r, -12500050);
	/* a result of INT64_MIN is refused */
	bt.by_kind_cents[2 * KIND_COUNT + KIND_REVENUE] = 0;
	bt.by_kind_cents[2 * KIND_COUNT + KIND_PERSONNEL] = INT64_MAX;
	bt.by_kind_cents[2 * KIND_COUNT + KIND_PROCUREMENT] = 1;
	bt.by_kind_cents[2 * KIND_COUNT + KIND_OTHER_COST] = 0;
	r = 42;
	assert_false(baseline_result(&bt, 2, &r));
	assert_int_equal(r, 42);
	baseline_totals_release(&bt);
	msgs_release(&ms);
	tm_release(&t);
}

/* ---- the property test ---- */

typedef struct expect {
	int64_t structural, incidental, by_status[STATUS_COUNT], by_pillar[PILLAR_COUNT];
} expect;

static void add_to(expect *e, const measure *ms, int64_t v)
{
	if (ms->nature == NATURE_INCIDENTAL) {
		e->incidental += v;
	} else {
		e->structural += v;
		e->by_status[ms->status] += v;
		e->by_pillar[ms->pillar - 1] += v;
	}
}

static void check_cell(uint64_t seed, const model *m, int32_t u, int y, const unit_year *got,
		       const expect *want, const char *what)
{
	bool ok = got->structural_cents == want->structural &&
		  got->incidental_cents == want->incidental;
	for (int s = 0; s < STATUS_COUNT; s++)
		ok = ok && got->by_status_cents[s] == want->by_status[s];
	for (int p = 0; p < PILLAR_COUNT; p++)
		ok = ok && got->by_pillar_cents[p] == want->by_pillar[p];
	if (!ok)
		fail_msg("seed %llu, unit %s, year %d (%s): structural %lld, expected %lld; "
			 "incidental %lld, expected %lld",
			 (unsigned long long)seed, m->units[u].code, m->base_year + 1 + y, what,
			 (long long)got->structural_cents, (long long)want->structural,
			 (long long)got->incidental_cents, (long long)want->incidental);
}

static void one_random_plan(uint64_t seed)
{
	rng r;
	rng_seed(&r, seed);
	size_t n = (size_t)rng_range(&r, 1, seed % 25 == 0 ? 2000 : 60);
	int32_t ny = (int32_t)rng_range(&r, 1, 7);
	tmodel t;
	tm_init(&t, n, 2020, ny);
	tm_random_tree(&t, &r, n);
	build_tree(&t);
	model *m = &t.m;

	size_t nm = (size_t)rng_range(&r, 0, seed % 25 == 0 ? 5000 : 300);
	int64_t *amounts = xmalloc((size_t)ny * sizeof *amounts);
	for (size_t i = 0; i < nm; i++) {
		for (int y = 0; y < ny; y++) {
			switch (rng_below(&r, 4)) {
			case 0: amounts[y] = 0; break;
			case 1: amounts[y] = rng_range(&r, -100000, 100000); break;
			default: amounts[y] = rng_range(&r, -1000000000000, 1000000000000); break;
			}
		}
		char id[32];
		snprintf(id, sizeof id, "M%zu", i);
		tm_measure(&t, id, (int32_t)rng_below(&r, n),
			   rng_below(&r, 3) ? NATURE_STRUCTURAL : NATURE_INCIDENTAL,
			   (measure_status)rng_below(&r, STATUS_COUNT), (int)rng_range(&r, 1, 3),
			   rng_range(&r, -500, 5000), amounts);
	}
	free(amounts);
	/* targets: unique (unit, year) pairs, in random order */
	size_t nt = (size_t)rng_range(&r, 0, (int64_t)(n * (size_t)ny < 200 ? n * (size_t)ny : 200));
	bool *taken = xcalloc(n * (size_t)ny, sizeof *taken);
	for (size_t i = 0; i < nt; i++) {
		int32_t u = (int32_t)rng_below(&r, n), y = (int32_t)rng_below(&r, (uint64_t)ny);
		if (taken[(size_t)u * (size_t)ny + (size_t)y])
			continue;
		taken[(size_t)u * (size_t)ny + (size_t)y] = true;
		tm_target(&t, u, m->base_year + 1 + y, rng_range(&r, 0, 5000000000000));
	}
	free(taken);

	consolidation c;
	msgs ms;
	msgs_init(&ms);
	fp_status st = consolidate(m, model_plan(m), &c, &ms.d);
	if (st != FP_OK)
		fail_msg("seed %llu: status %d: %s", (unsigned long long)seed, st, msgs_text(&ms));
	assert_string_equal(msgs_text(&ms), "");

	/* 1. brute force: every measure counts for its unit and every ancestor (walked
	 * through the parents, independent of the pre-order) */
	expect *want = xcalloc(n * (size_t)ny, sizeof *want);
	expect *own = xcalloc(n * (size_t)ny, sizeof *own);
	expect *total = xcalloc((size_t)ny, sizeof *total);
	int64_t *fte = xcalloc(n, sizeof *fte), *count = xcalloc(n, sizeof *count);
	int64_t fte_total = 0;
	for (size_t i = 0; i < m->nmeasures; i++) {
		const measure *mm = &m->measures[i];
		for (int y = 0; y < ny; y++) {
			add_to(&own[(size_t)mm->unit * (size_t)ny + (size_t)y], mm, mm->amounts[y]);
			add_to(&total[y], mm, mm->amounts[y]);
		}
		fte_total += mm->fte_centi;
		for (int32_t a = mm->unit; a >= 0; a = m->units[a].parent) {
			for (int y = 0; y < ny; y++)
				add_to(&want[(size_t)a * (size_t)ny + (size_t)y], mm, mm->amounts[y]);
			fte[a] += mm->fte_centi;
			count[a]++;
		}
	}
	for (size_t u = 0; u < n; u++) {
		for (int y = 0; y < ny; y++)
			check_cell(seed, m, (int32_t)u, y, cons_cell(&c, (int32_t)u, y),
				   &want[u * (size_t)ny + (size_t)y], "subtree");
		assert_int_equal(c.fte_reduction_centi[u], fte[u]);
		assert_int_equal(c.measure_count[u], count[u]);
	}

	/* 2. the recurrence: own measures plus the children's totals; the splits add up */
	for (size_t u = 0; u < n; u++) {
		for (int y = 0; y < ny; y++) {
			expect e = own[u * (size_t)ny + (size_t)y];
			for (int32_t ch = m->units[u].first_child; ch >= 0;
			     ch = m->units[ch].next_sibling) {
				const unit_year *cc = cons_cell(&c, ch, y);
				e.structural += cc->structural_cents;
				e.incidental += cc->incidental_cents;
				for (int s = 0; s < STATUS_COUNT; s++)
					e.by_status[s] += cc->by_status_cents[s];
				for (int p = 0; p < PILLAR_COUNT; p++)
					e.by_pillar[p] += cc->by_pillar_cents[p];
			}
			const unit_year *cell = cons_cell(&c, (int32_t)u, y);
			check_cell(seed, m, (int32_t)u, y, cell, &e, "own + children");
			int64_t s_sum = 0, p_sum = 0;
			for (int s = 0; s < STATUS_COUNT; s++)
				s_sum += cell->by_status_cents[s];
			for (int p = 0; p < PILLAR_COUNT; p++)
				p_sum += cell->by_pillar_cents[p];
			assert_int_equal(s_sum, cell->structural_cents);
			assert_int_equal(p_sum, cell->structural_cents);
		}
	}

	/* 3. the root holds the sum of all measures, in every year and split */
	for (int y = 0; y < ny; y++)
		check_cell(seed, m, m->root, y, cons_cell(&c, m->root, y), &total[y], "root");
	assert_int_equal(c.fte_reduction_centi[m->root], fte_total);
	assert_int_equal(c.measure_count[m->root], (int64_t)m->nmeasures);

	/* 4. targets: the latest row at or before the year; gap = target - structural */
	for (size_t u = 0; u < n; u++) {
		for (int y = 0; y < ny; y++) {
			int32_t year = m->base_year + 1 + y, best = -1;
			int64_t tc = 0;
			for (size_t i = 0; i < m->ntargets; i++) {
				const target_row *tr = &m->targets[i];
				if (tr->unit == (int32_t)u && tr->year <= year && tr->year > best) {
					best = tr->year;
					tc = tr->amount_cents;
				}
			}
			const unit_year *cell = cons_cell(&c, (int32_t)u, y);
			if (cell->has_target != (best >= 0))
				fail_msg("seed %llu, unit %s, %d: has_target %d", (unsigned long long)seed,
					 m->units[u].code, year, cell->has_target);
			if (best >= 0) {
				assert_int_equal(cell->target_cents, tc);
				assert_int_equal(cell->gap_cents, tc - cell->structural_cents);
			}
		}
	}

	free(want);
	free(own);
	free(total);
	free(fte);
	free(count);
	consolidation_release(&c);
	msgs_release(&ms);
	tm_release(&t);
}

static void random_plans_reconcile(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 400; seed++)
		one_random_plan(seed);
}

/* ---- a model loaded from files ---- */

static void loaded_model(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_text(dir, "model.csv", "key,value\nname,Tiny\nbase_year,2024\ntarget_year,2026\n"
					 "horizon_year,2028\n");
	write_text(dir, "units.csv", "unit,name,parent,type\nDIV2,D2,LUMC,division\n"
					 "AFD1,A1,DIV1,department\nLUMC,L,,organisation\n"
					 "DIV1,D1,LUMC,division\n");
	write_text(dir, "categories.csv", "category,kind,label\nPERS,personnel,P\nMAT,procurement,\n");
	write_text(dir, "baseline.csv", "unit,category,amount_eur,fte\nAFD1,PERS,1000.50,2.5\n"
					    "DIV2,MAT,99.99,\n");
	write_text(dir, "targets.csv", "unit,year,target_eur\nLUMC,2026,500\nLUMC,2028,10\n"
					   "DIV1,2025,100.01\n");
	write_text(dir, "measures/b.csv", "measure,unit,title,pillar,category,nature,status,2026,2025\n"
					      "B1,DIV2,x,2,MAT,structural,idea,0.02,0.01\n");
	write_text(dir, "measures/a.csv", "measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027,2028\n"
					      "A1,AFD1,y,1,PERS,structural,planned,1.25,100,200,300,\n"
					      "A2,AFD1,z,3,PERS,incidental,decided,,1,2,3,4\n");
	arena a;
	arena_init(&a);
	model m;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(model_load(&m, dir, &a, &ms.d), FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	assert_int_equal(m.nunits, 4);
	assert_int_equal(m.nyears, 4);
	assert_string_equal(m.units[m.root].code, "LUMC");
	assert_string_equal(m.units[m.preorder[1]].code, "DIV1");
	assert_string_equal(m.units[m.preorder[2]].code, "AFD1");
	assert_string_equal(m.units[m.preorder[3]].code, "DIV2");
	/* measure files in byte order of their names */
	assert_int_equal(m.nmeasures, 3);
	assert_string_equal(m.measures[0].id, "A1");
	assert_string_equal(m.measures[2].id, "B1");
	assert_int_equal(model_measure(&m, "B1"), 2);
	assert_int_equal(m.measures[0].fte_centi, 125);

	consolidation c;
	assert_int_equal(consolidate(&m, model_plan(&m), &c, &ms.d), FP_OK);
	int32_t lumc = model_unit(&m, "LUMC"), div1 = model_unit(&m, "DIV1");
	assert_int_equal(cons_cell(&c, lumc, 0)->structural_cents, 10001);
	assert_int_equal(cons_cell(&c, lumc, 1)->structural_cents, 20002);
	assert_int_equal(cons_cell(&c, lumc, 3)->structural_cents, 0);
	assert_int_equal(cons_cell(&c, lumc, 3)->incidental_cents, 400);
	assert_false(cons_cell(&c, lumc, 0)->has_target);
	assert_int_equal(cons_cell(&c, lumc, 1)->target_cents, 50000);
	assert_int_equal(cons_cell(&c, lumc, 2)->target_cents, 50000);
	assert_int_equal(cons_cell(&c, lumc, 2)->gap_cents, 50000 - 30000);
	assert_int_equal(cons_cell(&c, lumc, 3)->target_cents, 1000);
	assert_int_equal(cons_cell(&c, div1, 3)->target_cents, 10001);
	assert_int_equal(cons_cell(&c, div1, 3)->gap_cents, 10001);
	assert_int_equal(c.fte_reduction_centi[lumc], 125);

	baseline_totals bt;
	assert_int_equal(baseline_consolidate(&m, &bt, &ms.d), FP_OK);
	assert_int_equal(bt.by_kind_cents[(size_t)lumc * KIND_COUNT + KIND_PERSONNEL], 100050);
	assert_int_equal(bt.by_kind_cents[(size_t)lumc * KIND_COUNT + KIND_PROCUREMENT], 9999);
	assert_int_equal(bt.fte_centi[lumc], 250);
	assert_string_equal(msgs_text(&ms), "");

	baseline_totals_release(&bt);
	consolidation_release(&c);
	msgs_release(&ms);
	model_release(&m);
	arena_release(&a);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worked_example),
		cmocka_unit_test(csv_output),
		cmocka_unit_test(targets_persist),
		cmocka_unit_test(rag_thresholds),
		cmocka_unit_test(overflow_on_one_unit),
		cmocka_unit_test(overflow_while_rolling_up),
		cmocka_unit_test(gap_overflow),
		cmocka_unit_test(threads_same_roll_up),
		cmocka_unit_test(baseline_roll_up),
		cmocka_unit_test(random_plans_reconcile),
		cmocka_unit_test(loaded_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
