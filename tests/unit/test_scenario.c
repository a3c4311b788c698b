/* test_scenario: the levers of a scenario against figures computed by hand from the
 * formulas of docs/scenarios.md: procurement cuts (rate, phase-in, scope), hiring freezes
 * (month by month in millionths of an FTE, incidental before the year of `to`, structural
 * from it, exempt subtrees), the no-double-counting rule, adjust (scale, status,
 * shift_years, where), added measures, target overrides and the reconciliation of a
 * scenario's consolidation. The specs are filled in C, without Lua, over small models
 * written to a temporary folder and loaded with model_load.
 *
 * The second half runs Lua scripts through script_run and run_folder: determinism of
 * math.random under --seed, deterministic messages, the sandbox's limits (a script must
 * not outlive its instruction budget or memory cap by catching the error) and "nothing
 * written" for a failed run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "model/load.h"
#include "model/scenario.h"
#include "scenario/script.h"
#include "run/write.h"
#include "core/xalloc.h"
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

/* ---- a small model in a temporary folder ----
 *
 * Years: base 2021, target 2023, horizon 2025, so the plan years are 2022 .. 2025 and a
 * measure's amounts[0..3] are 2022, 2023, 2024, 2025.
 *
 *   LUMC (organisation)
 *     DIV1 (division)
 *       AFD1 (department)
 *         KP1 (cost centre)
 *         KP2 (cost centre)
 *       AFD2 (department)
 *     DIV2 (division)
 */
#define Y2022 0
#define Y2023 1
#define Y2024 2
#define Y2025 3

typedef struct fx {
	char *dir;
	arena a;
	model m;
	msgs ms;
} fx;

static const char MEASURES_HEADER[] =
	"measure,unit,title,pillar,category,nature,status,fte,2022,2023,2024,2025\n";

static const char DEFAULT_CATEGORIES[] = "category,kind,label\n"
					 "PERS,personnel,Personeel\n"
					 "PERS2,personnel,Personeel overig\n"
					 "MED,procurement,Medische middelen\n"
					 "MAT,procurement,Materiaal\n"
					 "OVK,other_cost,Overige kosten\n"
					 "OPB,revenue,Opbrengsten\n"
					 "BBAZ,revenue,BBAZ\n";

/* fx_load_cats: the small model with categories.csv as given. */
static void fx_load_cats(fx *f, const char *categories, const char *baseline_rows,
			 const char *measure_rows, const char *target_rows)
{
	f->dir = tmpdir_make();
	write_text(f->dir, "model.csv", "key,value\nname,Small\nbase_year,2021\n"
					"target_year,2023\nhorizon_year,2025\n");
	write_text(f->dir, "units.csv", "unit,name,parent,type\n"
					"LUMC,Leids Universitair Medisch Centrum,,organisation\n"
					"DIV1,Divisie 1,LUMC,division\n"
					"AFD1,Afdeling 1,DIV1,department\n"
					"AFD2,Afdeling 2,DIV1,department\n"
					"DIV2,Divisie 2,LUMC,division\n"
					"KP1,Kostenplaats 1,AFD1,cost_centre\n"
					"KP2,Kostenplaats 2,AFD1,cost_centre\n");
	write_text(f->dir, "categories.csv", categories);
	char buf[4096];
	snprintf(buf, sizeof buf, "unit,category,amount_eur,fte\n%s", baseline_rows);
	write_text(f->dir, "baseline.csv", buf);
	snprintf(buf, sizeof buf, "unit,year,target_eur\n%s",
		 target_rows ? target_rows : "LUMC,2023,100000\n");
	write_text(f->dir, "targets.csv", buf);
	snprintf(buf, sizeof buf, "%s%s", MEASURES_HEADER, measure_rows ? measure_rows : "");
	write_text(f->dir, "measures/plans.csv", buf);
	arena_init(&f->a);
	msgs_init(&f->ms);
	fp_status st = model_load(&f->m, f->dir, &f->a, &f->ms.d);
	assert_string_equal(msgs_text(&f->ms), "");
	assert_int_equal(st, FP_OK);
}

static void fx_load(fx *f, const char *baseline_rows, const char *measure_rows,
		    const char *target_rows)
{
	fx_load_cats(f, DEFAULT_CATEGORIES, baseline_rows, measure_rows, target_rows);
}

static void fx_release(fx *f)
{
	model_release(&f->m);
	arena_release(&f->a);
	msgs_release(&f->ms);
	tmpdir_remove(f->dir);
}

static int32_t U(const fx *f, const char *code)
{
	int32_t u = model_unit(&f->m, code);
	assert_true(u >= 0);
	return u;
}

static int32_t C(const fx *f, const char *code)
{
	int32_t c = model_category(&f->m, code);
	assert_true(c >= 0);
	return c;
}

/* A scope of one unit's subtree, less up to two exempt subtrees (NULL: none). */
static unit_scope scope1(fx *f, const char *unit_code, const char *ex1, const char *ex2)
{
	unit_scope s = {0};
	s.units = arena_zalloc(&f->a, 1, sizeof *s.units);
	s.units[0] = U(f, unit_code);
	s.nunits = 1;
	s.exempt = arena_zalloc(&f->a, 2, sizeof *s.exempt);
	if (ex1)
		s.exempt[s.nexempt++] = U(f, ex1);
	if (ex2)
		s.exempt[s.nexempt++] = U(f, ex2);
	return s;
}

/* The category set of one category. */
static category_set cats1(fx *f, const char *code)
{
	category_set cs = {false, NULL};
	cs.member = arena_zalloc(&f->a, f->m.ncats, sizeof *cs.member);
	cs.member[C(f, code)] = true;
	return cs;
}

static void spec_init(scenario_spec *s)
{
	memset(s, 0, sizeof *s);
	s->name = "t";
	s->script = "scenarios/t.lua";
}

/* procurement_cut{units=unit, categories={cat}, rate=rate_ppm/1e6, from=, phase_in=} */
static lever *add_cut(fx *f, scenario_spec *s, int line, const char *unit_code, const char *cat,
		      int64_t rate_ppm, int32_t from, int32_t phase)
{
	lever *l = scenario_add_lever(s, LEVER_PROCUREMENT_CUT, "scenarios/t.lua", line);
	l->u.cut.scope = scope1(f, unit_code, NULL, NULL);
	l->u.cut.cats = cats1(f, cat);
	l->u.cut.rate_ppm = rate_ppm;
	l->u.cut.from_year = from;
	l->u.cut.phase_in_years = phase;
	l->u.cut.status = STATUS_PLANNED;
	l->u.cut.pillar = 3;
	return l;
}

/* hiring_freeze{} with the default categories (personnel rows with FTE). Months as
 * year * 12 + month - 1. */
static lever *add_freeze(scenario_spec *s, int line, unit_scope scope, int32_t from_y,
			 int from_m, int32_t to_y, int to_m, int64_t attrition_ppm)
{
	lever *l = scenario_add_lever(s, LEVER_HIRING_FREEZE, "scenarios/t.lua", line);
	l->u.freeze.scope = scope;
	l->u.freeze.cats = (category_set){false, NULL};
	l->u.freeze.from_month = from_y * 12 + from_m - 1;
	l->u.freeze.until_month = to_y * 12 + to_m - 1;
	l->u.freeze.attrition_ppm = attrition_ppm;
	l->u.freeze.status = STATUS_PLANNED;
	l->u.freeze.pillar = 3;
	return l;
}

static lever *add_adjust(scenario_spec *s, int line, int32_t measure_ix)
{
	lever *l = scenario_add_lever(s, LEVER_ADJUST, "scenarios/t.lua", line);
	l->measure = measure_ix;
	l->u.adjust.status = -1;
	l->u.adjust.where_unit = -1;
	l->u.adjust.where_status = -1;
	l->u.adjust.where_nature = -1;
	l->u.adjust.where_pillar = 0;
	l->u.adjust.where_category = -1;
	return l;
}

/* measure{} as the script adds it. */
static void add_measure(fx *f, scenario_spec *s, int line, const char *id, const char *unit_code,
			const char *cat, int64_t fte_centi, const int64_t amounts[4])
{
	measure ms = {0};
	ms.id = id;
	ms.title = id;
	ms.unit = U(f, unit_code);
	ms.category = C(f, cat);
	ms.pillar = 2;
	ms.nature = NATURE_STRUCTURAL;
	ms.status = STATUS_PLANNED;
	ms.file = -1;
	ms.fte_centi = fte_centi;
	ms.amounts = arena_zalloc(&f->a, 4, sizeof *ms.amounts);
	memcpy(ms.amounts, amounts, 4 * sizeof *ms.amounts);
	ms.pos = (src_pos){UINT32_MAX, (uint32_t)line};
	lever *l = scenario_add_lever(s, LEVER_MEASURE, "scenarios/t.lua", line);
	l->measure = (int32_t)s->nadded;
	VEC_GROW(s->added, s->nadded, s->added_cap);
	s->added[s->nadded++] = ms;
}

static const measure *find(const scenario_result *r, const char *id)
{
	for (size_t i = 0; i < r->nmeasures; i++)
		if (strcmp(r->measures[i].id, id) == 0)
			return &r->measures[i];
	return NULL;
}

static void assert_amounts(const measure *ms, int64_t y2022, int64_t y2023, int64_t y2024,
			   int64_t y2025)
{
	assert_non_null(ms);
	assert_int_equal(ms->amounts[Y2022], y2022);
	assert_int_equal(ms->amounts[Y2023], y2023);
	assert_int_equal(ms->amounts[Y2024], y2024);
	assert_int_equal(ms->amounts[Y2025], y2025);
}

static void apply_ok(fx *f, const scenario_spec *s, scenario_result *r)
{
	assert_int_equal(scenario_apply(&f->m, s, r, &f->ms.d), FP_OK);
	assert_string_equal(msgs_text(&f->ms), "");
}

/* ---- procurement_cut ---- */

/* 5% from 2023 on a baseline of 1,000,000.00 (100,000,000 cents):
 * saving(y) = round(B * rate * min(y - from + 1, 1) / 1) = 100,000,000 * 0.05
 *           = 5,000,000 cents = 50,000.00 in 2023 and every later year, 0 in 2022. */
static void cut_five_percent(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\nAFD1,MAT,400000.00,\n", NULL, "LUMC,2023,100000\n");
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 3, "LUMC", "MED", 50000, 2023, 1);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 1); /* MAT is not in the categories */
	assert_int_equal(r.lever_measures, 1);
	const measure *ms = find(&r, "procurement_cut.1.AFD1.MED");
	assert_amounts(ms, 0, 5000000, 5000000, 5000000);
	assert_int_equal(ms->unit, U(&f, "AFD1"));
	assert_int_equal(ms->category, C(&f, "MED"));
	assert_int_equal(ms->nature, NATURE_STRUCTURAL);
	assert_int_equal(ms->status, STATUS_PLANNED);
	assert_int_equal(ms->pillar, 3);
	assert_int_equal(ms->fte_centi, 0);
	assert_int_equal(ms->lever_no, 1);
	assert_string_equal(ms->origin, "scenarios/t.lua:3");

	/* consolidated: 50,000.00 structural in 2023 against a target of 100,000.00 */
	consolidation c;
	assert_int_equal(consolidate(&f.m, scenario_plan(&r), &c, &f.ms.d), FP_OK);
	const unit_year *y = cons_cell(&c, U(&f, "LUMC"), Y2023);
	assert_int_equal(y->structural_cents, 5000000);
	assert_int_equal(y->by_status_cents[STATUS_PLANNED], 5000000);
	assert_int_equal(y->by_pillar_cents[2], 5000000);
	assert_int_equal(y->gap_cents, 10000000 - 5000000);
	assert_int_equal(cons_cell(&c, U(&f, "LUMC"), Y2022)->structural_cents, 0);
	consolidation_release(&c);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* phase_in: saving(y) = round(B * rate * min(y - from + 1, phase) / phase).
 * AFD1 MED, B = 100,000,000 cents, 5% from 2023, phase_in 2:
 *   2023: 100,000,000 * 0.05 * 1/2 = 2,500,000 (25,000.00); 2024, 2025: 5,000,000.
 * AFD2 MED, B = 100,000,000, 5% from 2023, phase_in 3:
 *   2023: 5,000,000 * 1/3 = 1,666,666.67 -> 1,666,667; 2024: * 2/3 = 3,333,333.33 ->
 *   3,333,333; 2025: 5,000,000.
 * DIV2 MED, B = 333,333.33 (33,333,333 cents), 5% from 2022, phase_in 2:
 *   2022: 33,333,333 * 0.05 / 2 = 833,333.325 -> 833,333; from 2023: 1,666,666.65 ->
 *   1,666,667. */
static void cut_phase_in(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\nAFD2,MED,1000000.00,\nDIV2,MED,333333.33,\n", NULL,
		NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 1, "AFD1", "MED", 50000, 2023, 2);
	add_cut(&f, &s, 2, "AFD2", "MED", 50000, 2023, 3);
	add_cut(&f, &s, 3, "DIV2", "MED", 50000, 2022, 2);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.lever_measures, 3);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 0, 2500000, 5000000, 5000000);
	assert_amounts(find(&r, "procurement_cut.2.AFD2.MED"), 0, 1666667, 3333333, 5000000);
	assert_amounts(find(&r, "procurement_cut.3.DIV2.MED"), 833333, 1666667, 1666667, 1666667);
	assert_int_equal(find(&r, "procurement_cut.2.AFD2.MED")->lever_no, 2);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* Scope: units=DIV1 with AFD2 exempt reaches AFD1 and DIV1's own rows, not AFD2, not
 * DIV2. */
static void cut_scope_exempt(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\nAFD2,MED,1000000.00,\nDIV1,MED,200000.00,\n"
		    "DIV2,MED,1000000.00,\n",
		NULL, NULL);
	scenario_spec s;
	spec_init(&s);
	lever *l = add_cut(&f, &s, 1, "DIV1", "MED", 100000, 2022, 1);
	l->u.cut.scope = scope1(&f, "DIV1", "AFD2", NULL);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 2);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 10000000, 10000000, 10000000,
		       10000000);
	assert_amounts(find(&r, "procurement_cut.1.DIV1.MED"), 2000000, 2000000, 2000000, 2000000);
	assert_null(find(&r, "procurement_cut.1.AFD2.MED"));
	assert_null(find(&r, "procurement_cut.1.DIV2.MED"));
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* An exemption outside the lever's units does nothing, which is what the example scripts
 * did for years (SEH and IC exempt from a freeze of another division): the scenario still
 * runs, and scenario_warn warns at the lever's line of each such exemption. DIV1 less AFD2 (inside:
 * no warning) and less DIV2 (outside: a warning); a cut of AFD1 with DIV1 exempt (the
 * exemption holds the whole scope: it reaches, no warning); units AFD1 and AFD2 with DIV2
 * exempt names both units. unit_scope_exempt_reaches says which exemption reaches. */
static void exempt_outside_units_warns(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\nAFD2,MED,1000000.00,\nDIV2,MED,1000000.00,\n", NULL,
		NULL);
	scenario_spec s;
	spec_init(&s);
	lever *l = add_cut(&f, &s, 4, "DIV1", "MED", 100000, 2022, 1);
	l->u.cut.scope = scope1(&f, "DIV1", "AFD2", "DIV2");
	assert_true(unit_scope_exempt_reaches(&f.m, &l->u.cut.scope, 0));
	assert_false(unit_scope_exempt_reaches(&f.m, &l->u.cut.scope, 1));
	l = add_cut(&f, &s, 5, "AFD1", "MED", 100000, 2022, 1);
	l->u.cut.scope = scope1(&f, "AFD1", "DIV1", NULL);
	assert_true(unit_scope_exempt_reaches(&f.m, &l->u.cut.scope, 0));
	l = add_freeze(&s, 6, scope1(&f, "AFD1", "DIV2", NULL), 2022, 1, 2022, 12, 120000);
	l->u.freeze.scope.units = arena_zalloc(&f.a, 2, sizeof *l->u.freeze.scope.units);
	l->u.freeze.scope.units[0] = U(&f, "AFD1");
	l->u.freeze.scope.units[1] = U(&f, "AFD2");
	l->u.freeze.scope.nunits = 2;
	scenario_warn(&f.m, &s, &f.ms.d);
	scenario_result r;
	assert_int_equal(scenario_apply(&f.m, &s, &r, &f.ms.d), FP_OK);
	assert_string_equal(msgs_text(&f.ms),
			    "fitplan: scenarios/t.lua:4: warning: procurement_cut{}: exempt unit "
			    "'DIV2' lies outside the lever's units ('DIV1'), so the exemption does "
			    "nothing\n"
			    "fitplan: scenarios/t.lua:6: warning: hiring_freeze{}: exempt unit "
			    "'DIV2' lies outside the lever's units ('AFD1', 'AFD2'), so the "
			    "exemption does nothing\n");
	assert_int_equal(f.ms.d.warnings, 2);
	assert_int_equal(f.ms.d.errors, 0);
	/* the cut of DIV1 less AFD2 still reaches AFD1 alone */
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 10000000, 10000000, 10000000,
		       10000000);
	assert_null(find(&r, "procurement_cut.1.AFD2.MED"));
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- no double counting ----
 *
 * A 5% cut from 2023 on AFD1 MED (1,000,000.00 -> 50,000.00 a year, structural) next to
 * the model's measures:
 *   M20  AFD1 MED, incidental idea, 20,000.00 in 2023: another nature -> 2023: 50,000.00
 *   M60  AFD1 MED, 60,000.00 in 2024                  -> 2024: 50,000 - 60,000 < 0 -> 0
 *   MNEG AFD1 MED, -10,000.00 in 2025 (only positive amounts claim)
 *   MOTH AFD1 MAT, 20,000.00 in 2025 (another category) -> no effect
 *   MPAR DIV1 MED, 20,000.00 in 2025: anchored at DIV1, whose only MED row is AFD1's, so it
 *        claims all of it                              -> 2025: 50,000 - 20,000 = 30,000.00 */
static const char OVERLAP_MEASURES[] =
	"M20,AFD1,twintig,1,MED,incidental,idea,,,20000,,\n"
	"M60,AFD1,zestig,1,MED,structural,planned,,,,60000,\n"
	"MNEG,AFD1,negatief,1,MED,structural,planned,,,,,-10000\n"
	"MOTH,AFD1,ander,1,MAT,structural,planned,,,,,20000\n"
	"MPAR,DIV1,ouder,1,MED,structural,planned,,,,,20000\n";

static void overlap_model_measures(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\nAFD1,MAT,1000000.00,\n", OVERLAP_MEASURES, NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 1, "AFD1", "MED", 50000, 2023, 1);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 5 + 1);
	assert_int_equal(r.lever_measures, 1);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 0, 5000000, 0, 3000000);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* The plan's order is fixed whatever the call order: adjustments, then added measures,
 * then the levers in call order. The cut is called first here, yet:
 *   adjust M60 scale 0.5  -> M60 saves 30,000.00 in 2024 -> cut 2024: 20,000.00;
 *   measure{} on AFD1 MED 5,000.00 in 2025 and MPAR's 20,000.00 -> cut 2025: 25,000.00;
 *   2023: M20 is incidental                             -> 50,000.00.
 * A second cut of 8% (80,000.00 a year) is net of the first: 2023: 80,000 - 50,000 =
 * 30,000.00; 2024: 80,000 - 30,000 - 20,000 = 30,000.00; 2025: 80,000 - 5,000 - 20,000 -
 * 25,000 = 30,000.00. A third cut of 5% finds everything taken and makes no measure. */
static void overlap_order_and_levers(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\n", OVERLAP_MEASURES, NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 1, "AFD1", "MED", 50000, 2023, 1);
	lever *adj = add_adjust(&s, 2, model_measure(&f.m, "M60"));
	adj->u.adjust.has_scale = true;
	adj->u.adjust.scale_ppm = 500000;
	add_measure(&f, &s, 3, "TD1", "AFD1", "MED", 0, (int64_t[]){0, 0, 0, 500000});
	add_cut(&f, &s, 4, "AFD1", "MED", 80000, 2023, 1);
	add_cut(&f, &s, 5, "AFD1", "MED", 50000, 2023, 1);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 5 + 1 + 2);
	assert_int_equal(r.lever_measures, 2);
	assert_amounts(find(&r, "M60"), 0, 0, 3000000, 0);
	assert_amounts(find(&r, "TD1"), 0, 0, 0, 500000);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 0, 5000000, 2000000, 2500000);
	assert_amounts(find(&r, "procurement_cut.2.AFD1.MED"), 0, 3000000, 3000000, 3000000);
	assert_null(find(&r, "procurement_cut.3.AFD1.MED"));
	/* lever_no is 1 + the lever's index in call order */
	assert_int_equal(find(&r, "procurement_cut.1.AFD1.MED")->lever_no, 1);
	assert_int_equal(find(&r, "procurement_cut.2.AFD1.MED")->lever_no, 4);
	/* the summaries: one per cut, in call order; the third is netted to nothing */
	assert_int_equal(r.nsummaries, 3);
	assert_int_equal(r.summaries[2].lever, 4);
	assert_int_equal(r.summaries[2].no, 3);
	assert_int_equal(r.summaries[2].gross_cents[Y2024], 5000000);
	assert_int_equal(r.summaries[2].netted_cents[Y2024], 5000000);
	assert_int_equal(r.summaries[2].net_cents[Y2024], 0);
	/* the model's own measure is not changed by the scenario */
	int32_t m60 = model_measure(&f.m, "M60");
	assert_int_equal(f.m.measures[m60].amounts[Y2024], 6000000);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* A theme on the root: LUMC-wide purchasing, structural, on MED, 30,000.02 (3,000,002
 * cents) in 2023 and 30,000.00 in 2024, booked on LUMC, which has no MED row of its own.
 * It is anchored at LUMC and spread over every MED row of the organisation, pro rata to
 * the base year: AFD1 1,000,000.00, AFD2 500,000.00, DIV2 1,500,000.00 (total
 * 3,000,000.00; shares 1/3, 1/6, 1/2).
 *   2023: 3,000,002 / 3 = 1,000,000.67, / 6 = 500,000.33, / 2 = 1,500,001.00; the floors
 *         1,000,000 + 500,000 + 1,500,001 = 3,000,001 leave 1 cent, which goes to the
 *         largest remainder (AFD1's .67): claims AFD1 1,000,001, AFD2 500,000, DIV2
 *         1,500,001 (DIV2 lies outside the cut, and keeps its share of the theme).
 *   2024: claims AFD1 1,000,000, AFD2 500,000, DIV2 1,500,000 (exact).
 * A 5% cut from 2023 on DIV1: gross AFD1 5,000,000, AFD2 2,500,000 a year.
 *   2023: AFD1 5,000,000 - 1,000,001 = 3,999,999; AFD2 2,500,000 - 500,000 = 2,000,000
 *   2024: AFD1 4,000,000; AFD2 2,000,000; 2025 (no theme): 5,000,000 and 2,500,000.
 * The summary: gross 7,500,000 a year from 2023; netted 1,500,001 in 2023, 1,500,000 in
 * 2024, 0 in 2025; net 5,999,999, 6,000,000, 7,500,000. */
static void theme_on_root(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "DIV2,MED,1500000.00,\nAFD2,MED,500000.00,\nAFD1,MED,1000000.00,\n",
		"TH1,LUMC,inkoopthema,2,MED,structural,planned,,,30000.02,30000,\n", NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 9, "DIV1", "MED", 50000, 2023, 1);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 0, 3999999, 4000000, 5000000);
	assert_amounts(find(&r, "procurement_cut.1.AFD2.MED"), 0, 2000000, 2000000, 2500000);
	assert_null(find(&r, "procurement_cut.1.DIV2.MED"));
	assert_int_equal(r.nsummaries, 1);
	const lever_summary *ls = &r.summaries[0];
	assert_int_equal(ls->lever, 0);
	assert_int_equal(ls->no, 1);
	int64_t gross[] = {0, 7500000, 7500000, 7500000}, netted[] = {0, 1500001, 1500000, 0},
		net[] = {0, 5999999, 6000000, 7500000};
	for (int y = 0; y < 4; y++) {
		assert_int_equal(ls->gross_cents[y], gross[y]);
		assert_int_equal(ls->netted_cents[y], netted[y]);
		assert_int_equal(ls->net_cents[y], net[y]);
		assert_int_equal(ls->fte_centi[y], 0);
	}
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* A department measure whose spend is booked on its cost centres: AFD1 has no MED row;
 * KP1 has 600,000.00 and KP2 400,000.00. The department's measure D1 saves 20,000.00 a
 * year on MED from 2022; it is anchored at AFD1 and claims 12,000.00 on KP1 and 8,000.00
 * on KP2. A 5% cut on KP1 alone (30,000.00 a year from 2022) adds 30,000 - 12,000 =
 * 18,000.00 a year; a second cut of 5% on the whole of AFD1 then finds KP1 taken (claims
 * 12,000 + 18,000 = 30,000) and adds on KP2 20,000 - 8,000 = 12,000.00 a year. */
static void department_on_cost_centres(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "KP1,MED,600000.00,\nKP2,MED,400000.00,\n",
		"D1,AFD1,afdelingsplan,1,MED,structural,decided,,20000,20000,20000,20000\n",
		NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 1, "KP1", "MED", 50000, 2022, 1);
	add_cut(&f, &s, 2, "AFD1", "MED", 50000, 2022, 1);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "procurement_cut.1.KP1.MED"), 1800000, 1800000, 1800000, 1800000);
	assert_null(find(&r, "procurement_cut.2.KP1.MED"));
	assert_amounts(find(&r, "procurement_cut.2.KP2.MED"), 1200000, 1200000, 1200000, 1200000);
	assert_int_equal(r.summaries[1].gross_cents[Y2022], 5000000);
	assert_int_equal(r.summaries[1].netted_cents[Y2022], 3800000);
	assert_int_equal(r.summaries[1].net_cents[Y2022], 1200000);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* A structural lever next to an incidental quick win: QW1 saves 50,000.00 once in 2023
 * (incidental), S1 10,000.00 a year (structural), both on AFD1 MED (1,000,000.00). A 5%
 * cut from 2023 (50,000.00, structural) is netted against S1 only: 40,000.00 a year; the
 * quick win does not zero it. */
static void structural_next_to_quick_win(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\n",
		"QW1,AFD1,eenmalig,3,MED,incidental,realised,,,50000,,\n"
		"S1,AFD1,structureel,1,MED,structural,planned,,,10000,10000,10000\n",
		NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 1, "AFD1", "MED", 50000, 2023, 1);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 0, 4000000, 4000000, 4000000);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- hiring_freeze ----
 *
 * AFD1 PERS: C = 1,200,000.00 = 120,000,000 cents, F0 = 10.00 FTE = 10,000,000 micro-FTE,
 * attrition 0.12: k = 1,000,000 - 120,000 / 12 = 990,000 ppm. Freeze 2023-07 .. 2024-06.
 * Every month from `from` to `to`: F = round(F * 990,000 / 1e6); the month's saving is
 * round(C * (F0 - F) / (F0 * 12)) = round(120,000,000 * (F0 - F) / 120,000,000) = F0 - F.
 *   2023-07 F = 9,900,000                 saving   100,000  (the first month: 1,000.00)
 *   2023-08 F = 9,801,000                          199,000
 *   2023-09 F = 9,702,990                          297,010
 *   2023-10 F = 9,605,960.1   -> 9,605,960         394,040
 *   2023-11 F = 9,509,900.4   -> 9,509,900         490,100
 *   2023-12 F = 9,414,801                          585,199
 *                                        2023 total 2,065,349 (20,653.49), incidental
 *   2024-01 F = 9,320,652.99  -> 9,320,653         679,347
 *   2024-02 F = 9,227,446.47  -> 9,227,446         772,554
 *   2024-03 F = 9,135,171.54  -> 9,135,172         864,828
 *   2024-04 F = 9,043,820.28  -> 9,043,820         956,180
 *   2024-05 F = 8,953,381.80  -> 8,953,382       1,046,618
 *   2024-06 F = 8,863,848.18  -> 8,863,848       1,136,152
 *   2024-07 .. 2024-12 F stays                 6 x 1,136,152 = 6,816,912
 *                                        2024 total 12,272,591 (122,725.91), structural
 *   2025: 12 x 1,136,152 = 13,633,824 (136,338.24), structural
 * The FTE reduction F0 - F = 1,136,152 micro-FTE = 1.136152 FTE -> 114 centi-FTE. */
static void freeze_year_totals(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1200000.00,10\n", NULL, NULL);
	scenario_spec s;
	spec_init(&s);
	add_freeze(&s, 7, scope1(&f, "AFD1", NULL, NULL), 2023, 7, 2024, 6, 120000);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 2);
	assert_int_equal(r.lever_measures, 2);
	const measure *st = find(&r, "hiring_freeze.1.AFD1.PERS");
	const measure *once = find(&r, "hiring_freeze.1.AFD1.PERS.once");
	assert_amounts(st, 0, 0, 12272591, 13633824);
	assert_amounts(once, 0, 2065349, 0, 0);
	assert_int_equal(st->nature, NATURE_STRUCTURAL);
	assert_int_equal(once->nature, NATURE_INCIDENTAL);
	assert_int_equal(st->fte_centi, 114);
	assert_int_equal(once->fte_centi, 0);
	assert_int_equal(st->status, STATUS_PLANNED);
	assert_int_equal(st->pillar, 3);
	assert_string_equal(st->origin, "scenarios/t.lua:7");
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* The first month, with rounding. DIV2 PERS: C = 987,654.32 = 98,765,432 cents, F0 = 12.34
 * FTE = 12,340,000 micro-FTE, attrition 0.08: k = 1,000,000 - round(80,000 / 12) =
 * 1,000,000 - 6,667 = 993,333 ppm. A one-month freeze, 2023-12 .. 2023-12:
 *   F = round(12,340,000 * 993,333 / 1,000,000) = round(12,257,729.22) = 12,257,729
 *   F0 - F = 82,271
 *   saving = round(98,765,432 * 82,271 / (12,340,000 * 12))
 *          = round(8,125,530,856,072 / 148,080,000) = round(54,872.57) = 54,873 (548.73)
 * F stays after `to`: 2024 and 2025 are 12 x 54,873 = 658,476. `to` is in 2023, so
 * 2023 is structural already and there is no incidental part. FTE: 82,271 micro-FTE ->
 * 8 centi-FTE. */
static void freeze_first_month(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "DIV2,PERS,987654.32,12.34\n", NULL, NULL);
	scenario_spec s;
	spec_init(&s);
	add_freeze(&s, 1, scope1(&f, "LUMC", NULL, NULL), 2023, 12, 2023, 12, 80000);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 1);
	const measure *st = find(&r, "hiring_freeze.1.DIV2.PERS");
	assert_amounts(st, 0, 54873, 658476, 658476);
	assert_int_equal(st->fte_centi, 8);
	assert_null(find(&r, "hiring_freeze.1.DIV2.PERS.once"));
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* A freeze over the whole tree with DIV1 exempt: AFD1 (below DIV1) gets nothing, DIV2
 * does; PERS2 without FTE and procurement rows are not frozen. DIV2 PERS: 600,000.00,
 * 5.00 FTE, attrition 0.12 (k = 990,000), a freeze of 2022-01 .. 2022-02:
 *   2022-01 F = 4,950,000, saving round(60,000,000 * 50,000 / 60,000,000) = 50,000
 *   2022-02 F = 4,900,500, saving 99,500; then 10 more months of 99,500
 *   2022: 50,000 + 11 x 99,500 = 1,144,500; 2023 .. 2025: 12 x 99,500 = 1,194,000.
 * `to` lies in 2022, so every year is structural. FTE: 99,500 micro -> 9.95 -> 10 centi. */
static void freeze_exempt(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1200000.00,10\nDIV2,PERS,600000.00,5\nDIV2,PERS2,100000.00,\n"
		    "DIV2,MED,100000.00,\n",
		NULL, NULL);
	scenario_spec s;
	spec_init(&s);
	add_freeze(&s, 1, scope1(&f, "LUMC", "DIV1", NULL), 2022, 1, 2022, 2, 120000);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 1);
	assert_null(find(&r, "hiring_freeze.1.AFD1.PERS"));
	assert_null(find(&r, "hiring_freeze.1.AFD1.PERS.once"));
	const measure *st = find(&r, "hiring_freeze.1.DIV2.PERS");
	assert_amounts(st, 1144500, 1194000, 1194000, 1194000);
	assert_int_equal(st->fte_centi, 10);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* A freeze that ends after the horizon (to = 2026-06) is incidental in every plan year:
 * the reduction is not reached within the plan. Same row and k as freeze_year_totals,
 * from 2025-01: 2025 = sum over 12 months of F0 - F with F = 10,000,000 * 0.99^n rounded
 * each month. */
static void freeze_beyond_horizon(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1200000.00,10\n", NULL, NULL);
	scenario_spec s;
	spec_init(&s);
	add_freeze(&s, 1, scope1(&f, "AFD1", NULL, NULL), 2025, 1, 2026, 6, 120000);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 1);
	assert_null(find(&r, "hiring_freeze.1.AFD1.PERS"));
	/* the first 12 months of the table in freeze_year_totals: 2,065,349 + 5,455,679 */
	assert_amounts(find(&r, "hiring_freeze.1.AFD1.PERS.once"), 0, 0, 0, 2065349 + 5455679);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* The freeze is net of the plan too, nature by nature: M1 saves 10,000.00 a year on
 * AFD1 PERS, structural, so the freeze of freeze_year_totals keeps its incidental 2023
 * whole (2,065,349) and adds 2024: 12,272,591 - 1,000,000 = 11,272,591 and 2025:
 * 13,633,824 - 1,000,000 = 12,633,824. Its FTE reduction (114 centi-FTE gross) scales with
 * net over gross in the target year 2023, 2,065,349 / 2,065,349: 114. (Scaled by the last
 * plan year, as before, it would be 114 * 12,633,824 / 13,633,824 = 105.6 -> 106.)
 *
 * With M2 saving 5,000.00 once in 2023 (incidental) as well, the 2023 part is 1,565,349
 * and the FTE reduction 114 * 1,565,349 / 2,065,349 = 86.4 -> 86. */
static void freeze_overlap(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1200000.00,10\n",
		"M1,AFD1,inhuur,1,PERS,structural,decided,,10000,10000,10000,10000\n", NULL);
	scenario_spec s;
	spec_init(&s);
	add_freeze(&s, 1, scope1(&f, "AFD1", NULL, NULL), 2023, 7, 2024, 6, 120000);
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "hiring_freeze.1.AFD1.PERS"), 0, 0, 11272591, 12633824);
	assert_amounts(find(&r, "hiring_freeze.1.AFD1.PERS.once"), 0, 2065349, 0, 0);
	assert_int_equal(find(&r, "hiring_freeze.1.AFD1.PERS")->fte_centi, 114);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);

	fx_load(&f, "AFD1,PERS,1200000.00,10\n",
		"M1,AFD1,inhuur,1,PERS,structural,decided,,10000,10000,10000,10000\n"
		"M2,AFD1,eenmalig,3,PERS,incidental,decided,,,5000,,\n",
		NULL);
	spec_init(&s);
	add_freeze(&s, 1, scope1(&f, "AFD1", NULL, NULL), 2023, 7, 2024, 6, 120000);
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "hiring_freeze.1.AFD1.PERS.once"), 0, 1565349, 0, 0);
	assert_int_equal(find(&r, "hiring_freeze.1.AFD1.PERS")->fte_centi, 86);
	/* the summary's FTE per year, as the projection counts the structural measure: its
	 * 86 centi-FTE scaled by the year's amount over the target year's, which is 0 (the
	 * 2023 part is incidental), so over the largest: 2024 86 * 11,272,591 / 12,633,824 =
	 * 76.7 -> 77, 2025 86 */
	assert_int_equal(r.summaries[0].fte_centi[Y2023], 0);
	assert_int_equal(r.summaries[0].fte_centi[Y2024], 77);
	assert_int_equal(r.summaries[0].fte_centi[Y2025], 86);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* Hired staff (categories.csv staff "hired") have no natural attrition: a freeze's default
 * scope leaves them out; categories= still reaches them. INH: 500,000.00, 5 FTE, hired;
 * PERS: 1,200,000.00, 10 FTE. The freeze of freeze_year_totals finds PERS only; the same
 * freeze with categories={INH} reaches INH: F0 = 5,000,000 micro-FTE, C = 50,000,000
 * cents, month by month as in freeze_year_totals (tests/handcalc/levers.py): 2023
 * 860,562 (incidental), 2024 5,113,572, 2025 5,680,752, FTE 57 centi. */
static void freeze_leaves_hired_staff(void **state)
{
	(void)state;
	fx f;
	fx_load_cats(&f,
		     "category,kind,label,staff\n"
		     "PERS,personnel,Personeel,\n"
		     "INH,personnel,Inhuur,hired\n",
		     "AFD1,PERS,1200000.00,10\nAFD1,INH,500000.00,5\n", NULL, NULL);
	assert_true(f.m.cats[C(&f, "INH")].hired);
	assert_false(f.m.cats[C(&f, "PERS")].hired);
	scenario_spec s;
	spec_init(&s);
	add_freeze(&s, 1, scope1(&f, "AFD1", NULL, NULL), 2023, 7, 2024, 6, 120000);
	lever *l = add_freeze(&s, 2, scope1(&f, "AFD1", NULL, NULL), 2023, 7, 2024, 6, 120000);
	l->u.freeze.cats = cats1(&f, "INH");
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "hiring_freeze.1.AFD1.PERS"), 0, 0, 12272591, 13633824);
	assert_null(find(&r, "hiring_freeze.1.AFD1.INH"));
	assert_null(find(&r, "hiring_freeze.1.AFD1.INH.once"));
	assert_amounts(find(&r, "hiring_freeze.2.AFD1.INH"), 0, 0, 5113572, 5680752);
	assert_amounts(find(&r, "hiring_freeze.2.AFD1.INH.once"), 0, 860562, 0, 0);
	assert_int_equal(find(&r, "hiring_freeze.2.AFD1.INH")->fte_centi, 57);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* categories.csv: staff is employed or hired, on personnel only. */
static void staff_column_checked(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_text(dir, "model.csv", "key,value\nname,Small\nbase_year,2021\n"
				     "target_year,2023\nhorizon_year,2025\n");
	write_text(dir, "units.csv", "unit,name,parent,type\nLUMC,L,,organisation\n");
	write_text(dir, "categories.csv", "category,kind,label,staff\n"
					  "PERS,personnel,P,employed\n"
					  "INH,personnel,I,Hired\n"
					  "X,personnel,X,agency\n"
					  "MED,procurement,M,hired\n"
					  "AFS,depreciation,A,\n");
	write_text(dir, "baseline.csv", "unit,category,amount_eur\nLUMC,PERS,1\n");
	write_text(dir, "targets.csv", "unit,year,target_eur\nLUMC,2023,1\n");
	write_text(dir, "measures/m.csv", MEASURES_HEADER);
	arena a;
	arena_init(&a);
	msgs ms;
	msgs_init(&ms);
	model m;
	assert_int_equal(model_load(&m, dir, &a, &ms.d), FP_EDATA);
	char want[1024];
	snprintf(want, sizeof want,
		 "fitplan: %s/categories.csv:4:4: error: unknown staff 'agency' (expected employed "
		 "or hired) (column D, 'staff')\n"
		 "fitplan: %s/categories.csv:5:4: error: staff 'hired' on a category of kind procurement "
		 "(staff belongs on personnel categories only) (column D, 'staff')\n",
		 dir, dir);
	assert_string_equal(msgs_text(&ms), want);
	model_release(&m);
	arena_release(&a);
	msgs_release(&ms);
	tmpdir_remove(dir);
}

/* ---- adjust ----
 *
 * M1: AFD1 MED, idea, 2.00 FTE, 10,000.00 / 20,000.00 / 30,000.00 / 40,000.00.
 * M2: AFD1 MED, planned, 1.00 FTE, 1,000.00 a year.
 * M3: DIV2 MAT, idea, 3,000.00 in 2022. */
static const char ADJUST_MEASURES[] =
	"M1,AFD1,een,1,MED,structural,idea,2,10000,20000,30000,40000\n"
	"M2,AFD1,twee,2,MED,structural,planned,1,1000,1000,1000,1000\n"
	"M3,DIV2,drie,3,MAT,incidental,idea,,3000,,,\n";

static void adjust_scale_status_shift(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\n", ADJUST_MEASURES, NULL);
	int32_t m1 = model_measure(&f.m, "M1"), m2 = model_measure(&f.m, "M2"),
		m3 = model_measure(&f.m, "M3");
	scenario_spec s;
	spec_init(&s);
	/* M1 at half: 5,000 / 10,000 / 15,000 / 20,000, FTE 1.00, status decided */
	lever *l = add_adjust(&s, 1, m1);
	l->u.adjust.has_scale = true;
	l->u.adjust.scale_ppm = 500000;
	l->u.adjust.status = STATUS_DECIDED;
	/* M2 a third (333,333 ppm): 100,000 cents * 0.333333 = 33,333.3 -> 33,333 cents;
	 * FTE 100 * 0.333333 = 33.33 -> 33 centi; then a year later: 2022 becomes 0, the
	 * 2025 amount is dropped */
	l = add_adjust(&s, 2, m2);
	l->u.adjust.has_scale = true;
	l->u.adjust.scale_ppm = 333333;
	l->u.adjust.shift_years = 1;
	/* M3 a year earlier: its 2022 amount moves before the plan years and is dropped */
	l = add_adjust(&s, 3, m3);
	l->u.adjust.shift_years = -1;
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.nmeasures, 3);
	assert_int_equal(r.lever_measures, 0);
	const measure *a1 = find(&r, "M1"), *a2 = find(&r, "M2"), *a3 = find(&r, "M3");
	assert_amounts(a1, 500000, 1000000, 1500000, 2000000);
	assert_int_equal(a1->fte_centi, 100);
	assert_int_equal(a1->status, STATUS_DECIDED);
	assert_string_equal(a1->origin, "scenarios/t.lua:1");
	assert_amounts(a2, 0, 33333, 33333, 33333);
	assert_int_equal(a2->fte_centi, 33);
	assert_int_equal(a2->status, STATUS_PLANNED);
	assert_amounts(a3, 0, 0, 0, 0);
	assert_int_equal(a3->status, STATUS_IDEA);
	/* the model as loaded is untouched */
	assert_int_equal(f.m.measures[m1].amounts[Y2022], 1000000);
	assert_int_equal(f.m.measures[m1].fte_centi, 200);
	assert_int_equal(f.m.measures[m1].status, STATUS_IDEA);
	assert_null(f.m.measures[m1].origin);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* shift_years=1 without scale: 10,000 / 20,000 / 30,000 / 40,000 becomes
 * 0 / 10,000 / 20,000 / 30,000 (the 2025 amount passes the horizon); -1 gives
 * 20,000 / 30,000 / 40,000 / 0. */
static void adjust_shift(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\n", ADJUST_MEASURES, NULL);
	scenario_spec s;
	spec_init(&s);
	add_adjust(&s, 1, model_measure(&f.m, "M1"))->u.adjust.shift_years = 1;
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "M1"), 0, 1000000, 2000000, 3000000);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	spec_init(&s);
	add_adjust(&s, 1, model_measure(&f.m, "M1"))->u.adjust.shift_years = -1;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "M1"), 2000000, 3000000, 4000000, 0);
	assert_int_equal(find(&r, "M1")->fte_centi, 200);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* adjust{where={status="idea"}, scale=0.5}: M1 and M3 (ideas) at half, M2 (planned) as
 * it is. Then where={unit="DIV1"} (a subtree: M1 and M2 on AFD1) to decided. */
static void adjust_where(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\n", ADJUST_MEASURES, NULL);
	scenario_spec s;
	spec_init(&s);
	lever *l = add_adjust(&s, 1, -1);
	l->u.adjust.where_status = STATUS_IDEA;
	l->u.adjust.has_scale = true;
	l->u.adjust.scale_ppm = 500000;
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "M1"), 500000, 1000000, 1500000, 2000000);
	assert_int_equal(find(&r, "M1")->fte_centi, 100);
	assert_amounts(find(&r, "M2"), 100000, 100000, 100000, 100000);
	assert_int_equal(find(&r, "M2")->fte_centi, 100);
	assert_null(find(&r, "M2")->origin);
	assert_amounts(find(&r, "M3"), 150000, 0, 0, 0);
	/* the consolidated idea savings halve, the planned ones do not */
	consolidation c;
	assert_int_equal(consolidate(&f.m, scenario_plan(&r), &c, &f.ms.d), FP_OK);
	const unit_year *y = cons_cell(&c, U(&f, "LUMC"), Y2023);
	assert_int_equal(y->by_status_cents[STATUS_IDEA], 1000000);
	assert_int_equal(y->by_status_cents[STATUS_PLANNED], 100000);
	consolidation_release(&c);
	scenario_result_release(&r);
	scenario_spec_release(&s);

	spec_init(&s);
	l = add_adjust(&s, 1, -1);
	l->u.adjust.where_unit = U(&f, "DIV1");
	l->u.adjust.status = STATUS_DECIDED;
	apply_ok(&f, &s, &r);
	assert_int_equal(find(&r, "M1")->status, STATUS_DECIDED);
	assert_int_equal(find(&r, "M2")->status, STATUS_DECIDED);
	assert_int_equal(find(&r, "M3")->status, STATUS_IDEA);
	assert_amounts(find(&r, "M1"), 1000000, 2000000, 3000000, 4000000);
	scenario_result_release(&r);
	scenario_spec_release(&s);

	/* where={category="MAT", nature="incidental"}: only M3 */
	spec_init(&s);
	l = add_adjust(&s, 1, -1);
	l->u.adjust.where_category = C(&f, "MAT");
	l->u.adjust.where_nature = NATURE_INCIDENTAL;
	l->u.adjust.has_scale = true;
	l->u.adjust.scale_ppm = 0;
	apply_ok(&f, &s, &r);
	assert_amounts(find(&r, "M3"), 0, 0, 0, 0);
	assert_amounts(find(&r, "M1"), 1000000, 2000000, 3000000, 4000000);
	assert_amounts(find(&r, "M2"), 100000, 100000, 100000, 100000);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- targets ----
 *
 * The model: LUMC 100,000.00 from 2022, 50,000.00 from 2025. target{unit="LUMC",
 * year=2023, amount=300,000} holds 2023 and 2024, the model's 2025 row still follows;
 * target{unit="DIV2", year=2024, amount=1234.56} gives DIV2 a target from 2024. */
static void target_overrides(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\n",
		"M1,DIV2,een,1,MED,structural,planned,,10000,10000,10000,10000\n",
		"LUMC,2022,100000\nLUMC,2025,50000\n");
	scenario_spec s;
	spec_init(&s);
	lever *l = scenario_add_lever(&s, LEVER_TARGET, "scenarios/t.lua", 1);
	l->u.target = (target_row){U(&f, "LUMC"), 2023, 30000000, {UINT32_MAX, 1}};
	l = scenario_add_lever(&s, LEVER_TARGET, "scenarios/t.lua", 2);
	l->u.target = (target_row){U(&f, "DIV2"), 2024, 123456, {UINT32_MAX, 2}};
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_int_equal(r.ntargets, 4);
	consolidation c;
	assert_int_equal(consolidate(&f.m, scenario_plan(&r), &c, &f.ms.d), FP_OK);
	int32_t lumc = U(&f, "LUMC"), div2 = U(&f, "DIV2");
	assert_int_equal(cons_cell(&c, lumc, Y2022)->target_cents, 10000000);
	assert_int_equal(cons_cell(&c, lumc, Y2023)->target_cents, 30000000);
	assert_int_equal(cons_cell(&c, lumc, Y2024)->target_cents, 30000000);
	assert_int_equal(cons_cell(&c, lumc, Y2025)->target_cents, 5000000);
	assert_int_equal(cons_cell(&c, lumc, Y2024)->gap_cents, 30000000 - 1000000);
	assert_false(cons_cell(&c, div2, Y2023)->has_target);
	assert_true(cons_cell(&c, div2, Y2024)->has_target);
	assert_int_equal(cons_cell(&c, div2, Y2025)->target_cents, 123456);
	assert_int_equal(cons_cell(&c, div2, Y2025)->gap_cents, 123456 - 1000000);
	consolidation_release(&c);
	scenario_result_release(&r);
	scenario_spec_release(&s);

	/* an override on the model's own row (LUMC 2022) replaces it */
	spec_init(&s);
	l = scenario_add_lever(&s, LEVER_TARGET, "scenarios/t.lua", 1);
	l->u.target = (target_row){lumc, 2022, 7700, {UINT32_MAX, 1}};
	apply_ok(&f, &s, &r);
	assert_int_equal(consolidate(&f.m, scenario_plan(&r), &c, &f.ms.d), FP_OK);
	assert_int_equal(cons_cell(&c, lumc, Y2022)->target_cents, 7700);
	assert_int_equal(cons_cell(&c, lumc, Y2024)->target_cents, 7700);
	assert_int_equal(cons_cell(&c, lumc, Y2025)->target_cents, 5000000);
	consolidation_release(&c);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- reconciliation ----
 *
 * A scenario with every kind of lever over a model with measures on several units: the
 * consolidation of its plan adds up exactly. Root structural (incidental) savings per
 * year = the sum of every plan measure's structural (incidental) amounts; each unit = the
 * sum over the measures in its subtree; by status and by pillar add up to structural;
 * FTE and counts add up. */
static void scenario_reconciles(void **state)
{
	(void)state;
	fx f;
	fx_load(&f,
		"AFD1,PERS,1200000.00,10\nAFD1,MED,1000000.00,\nAFD2,PERS,800000.00,9.5\n"
		"AFD2,MAT,123456.78,\nDIV2,PERS,987654.32,12.34\nDIV2,MED,333333.33,\n"
		"LUMC,OVK,300000.00,\nLUMC,OPB,5000000.00,\n",
		"M1,AFD1,een,1,PERS,structural,decided,1.5,10000,20000,30000,30000\n"
		"M2,AFD2,twee,2,MAT,incidental,idea,,5000,5000,,\n"
		"M3,DIV2,drie,3,MED,structural,realised,,1234.56,2345.67,3456.78,4567.89\n"
		"M4,DIV1,vier,1,PERS,structural,idea,0.5,,,7000,7000\n",
		"LUMC,2023,500000\nDIV1,2024,100000\n");
	scenario_spec s;
	spec_init(&s);
	lever *l = add_adjust(&s, 1, -1);
	l->u.adjust.where_status = STATUS_IDEA;
	l->u.adjust.has_scale = true;
	l->u.adjust.scale_ppm = 500000;
	add_measure(&f, &s, 2, "TD1", "LUMC", "OVK", 350, (int64_t[]){0, 1500000, 3000000, 3000000});
	add_freeze(&s, 3, scope1(&f, "LUMC", "AFD2", NULL), 2023, 7, 2024, 6, 80000);
	add_cut(&f, &s, 4, "LUMC", "MED", 50000, 2023, 2);
	add_cut(&f, &s, 5, "DIV1", "MAT", 30000, 2022, 1);
	l = scenario_add_lever(&s, LEVER_TARGET, "scenarios/t.lua", 6);
	l->u.target = (target_row){U(&f, "DIV2"), 2023, 2000000, {UINT32_MAX, 6}};
	scenario_result r;
	apply_ok(&f, &s, &r);
	assert_true(r.lever_measures >= 5);
	consolidation c;
	assert_int_equal(consolidate(&f.m, scenario_plan(&r), &c, &f.ms.d), FP_OK);
	for (size_t u = 0; u < f.m.nunits; u++) {
		int64_t fte = 0, count = 0;
		for (size_t i = 0; i < r.nmeasures; i++) {
			if (!model_is_ancestor(&f.m, (int32_t)u, r.measures[i].unit))
				continue;
			fte += r.measures[i].fte_centi;
			count++;
		}
		assert_int_equal(c.fte_reduction_centi[u], fte);
		assert_int_equal(c.measure_count[u], count);
		for (int y = 0; y < f.m.nyears; y++) {
			int64_t st = 0, inc = 0, by_status[STATUS_COUNT] = {0}, by_pillar[3] = {0};
			for (size_t i = 0; i < r.nmeasures; i++) {
				const measure *ms = &r.measures[i];
				if (!model_is_ancestor(&f.m, (int32_t)u, ms->unit))
					continue;
				if (ms->nature == NATURE_STRUCTURAL) {
					st += ms->amounts[y];
					by_status[ms->status] += ms->amounts[y];
					by_pillar[ms->pillar - 1] += ms->amounts[y];
				} else {
					inc += ms->amounts[y];
				}
			}
			const unit_year *cell = cons_cell(&c, (int32_t)u, y);
			assert_int_equal(cell->structural_cents, st);
			assert_int_equal(cell->incidental_cents, inc);
			int64_t sum_status = 0, sum_pillar = 0;
			for (int k = 0; k < STATUS_COUNT; k++) {
				assert_int_equal(cell->by_status_cents[k], by_status[k]);
				sum_status += cell->by_status_cents[k];
			}
			for (int k = 0; k < 3; k++) {
				assert_int_equal(cell->by_pillar_cents[k], by_pillar[k]);
				sum_pillar += cell->by_pillar_cents[k];
			}
			assert_int_equal(sum_status, st);
			assert_int_equal(sum_pillar, st);
			if (cell->has_target)
				assert_int_equal(cell->gap_cents, cell->target_cents - st);
		}
	}
	/* the root is also the sum of its children plus its own measures */
	int32_t lumc = U(&f, "LUMC");
	for (int y = 0; y < f.m.nyears; y++) {
		int64_t sum = cons_cell(&c, U(&f, "DIV1"), y)->structural_cents +
			      cons_cell(&c, U(&f, "DIV2"), y)->structural_cents;
		const measure *td = find(&r, "TD1");
		sum += td->amounts[y];
		assert_int_equal(cons_cell(&c, lumc, y)->structural_cents, sum);
	}
	assert_int_equal(cons_cell(&c, U(&f, "DIV2"), Y2023)->target_cents, 2000000);
	assert_int_equal(c.measure_count[lumc], (int64_t)r.nmeasures);
	consolidation_release(&c);
	scenario_result_release(&r);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- scripts ---- */

typedef struct sfx {
	fx f;
	baseline_totals bt;
	consolidation c;
} sfx;

static void sfx_load(sfx *s)
{
	fx_load(&s->f, "AFD1,PERS,1200000.00,10\nAFD1,MED,1000000.00,\nDIV2,MED,250000.00,\n",
		"M1,AFD1,een,1,MED,structural,idea,,10000,20000,30000,40000\n",
		"LUMC,2023,200000\n");
	assert_int_equal(baseline_consolidate(&s->f.m, &s->bt, &s->f.ms.d), FP_OK);
	assert_int_equal(consolidate(&s->f.m, model_plan(&s->f.m), &s->c, &s->f.ms.d), FP_OK);
}

static void sfx_release(sfx *s)
{
	consolidation_release(&s->c);
	baseline_totals_release(&s->bt);
	fx_release(&s->f);
}

/* run_script: write text as dir/scenarios/NAME and run it with seed and limits; *printed
 * gets what print() wrote and *msg the diagnostics (both malloc'ed). */
static fp_status run_script(sfx *s, const char *name, const char *text, uint64_t seed,
			    uint64_t max_instr, uint64_t max_mem_mb, scenario_spec *spec,
			    char **printed, char **msg)
{
	char rel[256], path[4096];
	snprintf(rel, sizeof rel, "scenarios/%s", name);
	write_text(s->f.dir, rel, text);
	snprintf(path, sizeof path, "%s/%s", s->f.dir, rel);
	char *pbuf = NULL;
	size_t plen = 0;
	FILE *pf = open_memstream(&pbuf, &plen);
	assert_non_null(pf);
	script_env env = {&s->f.m, &s->bt, &s->c, seed, {max_instr, max_mem_mb << 20, 0}, pf, NULL};
	msgs m;
	msgs_init(&m);
	spec_init(spec);
	fp_status st = script_run(&env, path, spec, &m.d);
	fclose(pf);
	*printed = pbuf ? pbuf : strdup("");
	/* the message names the path as given: cut the temporary folder off */
	const char *t = msgs_text(&m);
	const char *cut = strstr(t, s->f.dir);
	char *out = xmalloc(strlen(t) + 1);
	if (cut) {
		size_t pre = (size_t)(cut - t);
		memcpy(out, t, pre);
		strcpy(out + pre, cut + strlen(s->f.dir) + 1);
	} else {
		strcpy(out, t);
	}
	*msg = out;
	msgs_release(&m);
	return st;
}

#define DEFAULT_INSTR SCRIPT_DEFAULT_MAX_INSTRUCTIONS
#define DEFAULT_MEM SCRIPT_DEFAULT_MAX_MEMORY_MB

/* math.random is seeded from --seed: the same seed gives the same numbers (and the same
 * levers), another seed other numbers. */
static const char RANDOM_SCRIPT[] =
	"local xs = {}\n"
	"for i = 1, 5 do xs[i] = math.random(1, 1000000) end\n"
	"print(table.concat(xs, ' '))\n"
	"print(math.random())\n"
	"procurement_cut{categories = {'MED'}, rate = math.random(1, 100) / 1000}\n";

static void random_is_seeded(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a, b, c;
	char *pa, *pb, *pc, *ma, *mb, *mc;
	assert_int_equal(run_script(&s, "r.lua", RANDOM_SCRIPT, 7, DEFAULT_INSTR, DEFAULT_MEM, &a,
				    &pa, &ma),
			 FP_OK);
	assert_int_equal(run_script(&s, "r.lua", RANDOM_SCRIPT, 7, DEFAULT_INSTR, DEFAULT_MEM, &b,
				    &pb, &mb),
			 FP_OK);
	assert_int_equal(run_script(&s, "r.lua", RANDOM_SCRIPT, 8, DEFAULT_INSTR, DEFAULT_MEM, &c,
				    &pc, &mc),
			 FP_OK);
	assert_string_equal(ma, "");
	assert_true(strlen(pa) > 20);
	assert_string_equal(pa, pb);
	assert_string_not_equal(pa, pc);
	assert_int_equal(a.nlevers, 1);
	assert_int_equal(b.nlevers, 1);
	assert_int_equal(a.levers[0].u.cut.rate_ppm, b.levers[0].u.cut.rate_ppm);
	assert_int_equal(a.levers[0].line, 5);
	/* math.randomseed(n) inside the script resets the sequence the same way */
	scenario_spec d;
	char *pd, *md;
	assert_int_equal(run_script(&s, "r2.lua",
				    "math.randomseed(7)\nprint(math.random(1, 1000000))\n"
				    "math.randomseed(7)\nprint(math.random(1, 1000000))\n",
				    1, DEFAULT_INSTR, DEFAULT_MEM, &d, &pd, &md),
			 FP_OK);
	char *nl = strchr(pd, '\n');
	assert_non_null(nl);
	assert_int_equal(strncmp(pd, nl + 1, (size_t)(nl - pd)), 0);
	free(pa), free(pb), free(pc), free(pd), free(ma), free(mb), free(mc), free(md);
	scenario_spec_release(&a);
	scenario_spec_release(&b);
	scenario_spec_release(&c);
	scenario_spec_release(&d);
	sfx_release(&s);
}

/* pairs() iterates in sorted key order: numbers ascending, then strings by bytes. */
static void pairs_sorted(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a;
	char *p, *m;
	assert_int_equal(run_script(&s, "p.lua",
				    "local t = {zeta = 1, alpha = 2, [10] = 3, [2] = 4, [-1.5] = 5,"
				    " Beta = 6, [\"10\"] = 7}\n"
				    "for k, v in pairs(t) do print(k, v) end\n"
				    "for k in sorted({b = 1, a = 2}) do print(k) end\n",
				    1, DEFAULT_INSTR, DEFAULT_MEM, &a, &p, &m),
			 FP_OK);
	assert_string_equal(m, "");
	assert_string_equal(p, "-1.5\t5\n2\t4\n10\t3\n10\t7\nBeta\t6\nalpha\t2\nzeta\t1\na\nb\n");
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* Every message must be the same from run to run. Lua seeds its string hashes from the
 * clock and addresses, so anything that reports "the first bad key" in lua_next order
 * differs between runs; check_fields reports the first in sorted order, and so must the
 * other table walks (measure{amounts=}, rates=). */
static void messages_do_not_depend_on_hash_order(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	static const char *const scripts[] = {
		"measure{id = 'X', unit = 'LUMC', title = 'x', category = 'MED',\n"
		"        amounts = {foo = 1, bar = 2, baz = 3, qux = 4, quux = 5, corge = 6}}\n",
		"procurement_cut{rat = 0.05, rte = 1, rata = 2, ratee = 3, xrate = 4}\n",
		"cao{rates = {[2031] = 0.1, [2040] = 0.2, [1999] = 0.3, [2000] = 0.4}}\n",
	};
	for (size_t k = 0; k < sizeof scripts / sizeof *scripts; k++) {
		char *first = NULL;
		for (int i = 0; i < 40; i++) {
			scenario_spec a;
			char *p, *m;
			assert_int_equal(run_script(&s, "h.lua", scripts[k], 1, DEFAULT_INSTR,
						    DEFAULT_MEM, &a, &p, &m),
					 FP_EDATA);
			if (!first)
				first = strdup(m);
			else
				assert_string_equal(m, first);
			free(p), free(m);
			scenario_spec_release(&a);
		}
		free(first);
	}
	sfx_release(&s);
}

/* ---- rates that cannot be what the user meant (docs/scenarios.md, "Rates") ----
 *
 * Each script is refused at the line of the call, exit 65 (FP_EDATA), with the fraction
 * the user probably meant; the old code ran every one of them (a 400% cut, a 300% CAO, a
 * negative cut that saved nothing). */
static void rates_refused(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	static const struct {
		const char *script, *msg;
	} cases[] = {
		{"scenario{name='r'}\nprocurement_cut{categories = 'MED', rate = 4}\n",
		 "fitplan: scenarios/r.lua:2: error: procurement_cut{}: rate 4 is 400%; write 0.04 "
		 "for 4%\n"},
		{"scenario{name='r'}\n\nprocurement_cut{rate = -0.04}\n",
		 "fitplan: scenarios/r.lua:3: error: procurement_cut{}: rate -0.04 is -4%, but a cut "
		 "rate is above 0; write 0.04 for 4%\n"},
		{"cao{rates = {[2023] = 3}}\n",
		 "fitplan: scenarios/r.lua:1: error: cao{}: rate 3 for 2023 is 300%; write 0.03 for "
		 "3%\n"},
		/* a whole number is never a CAO or index rate, allow_large or not */
		{"cao{rates = {[2023] = 1}, allow_large = true}\n",
		 "fitplan: scenarios/r.lua:1: error: cao{}: rate 1 for 2023 is 100%; write 0.01 for "
		 "1%\n"},
		{"index{kind = 'procurement', rates = {[2024] = 0.3}}\n",
		 "fitplan: scenarios/r.lua:1: error: index{}: rate 0.3 for 2024 is 30%, outside -10% "
		 "to 25% a year; write allow_large=true in the call if it is meant\n"},
		{"procurement_cut{rate = 0.8}\n",
		 "fitplan: scenarios/r.lua:1: error: procurement_cut{}: rate 0.8 is 80%, outside 0% "
		 "to 50%; write allow_large=true in the call if it is meant\n"},
		{"procurement_cut{rate = 1.5, allow_large = true}\n",
		 "fitplan: scenarios/r.lua:1: error: procurement_cut{}: rate 1.5 is 150%; write 0.015 "
		 "for 1.5%\n"},
		{"hiring_freeze{from = '2023-07', attrition = 8}\n",
		 "fitplan: scenarios/r.lua:1: error: hiring_freeze{}: attrition 8 is 800%; write 0.08 "
		 "for 8%\n"},
		{"hiring_freeze{from = '2023-07', attrition = 0}\n",
		 "fitplan: scenarios/r.lua:1: error: hiring_freeze{}: attrition 0 does nothing: a "
		 "yearly attrition is a fraction above 0 (write 0.04 for 4%)\n"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		scenario_spec a;
		char *p, *m;
		assert_int_equal(run_script(&s, "r.lua", cases[k].script, 1, DEFAULT_INSTR,
					    DEFAULT_MEM, &a, &p, &m),
				 FP_EDATA);
		assert_string_equal(m, cases[k].msg);
		free(p), free(m);
		scenario_spec_release(&a);
	}
	sfx_release(&s);
}

/* The edges of the rate bands: a rate that is no number (0/0, 1/0 in rates=) is refused as
 * such, not as "rate -nan is -nan%" or "write inf for inf%"; a cut or attrition so small
 * that it rounds to nothing in millionths does nothing, as a rate of 0, and is refused like
 * it (it used to run and save nothing without a word); and the fraction suggested for a
 * percentage is one that would be accepted (150 is not "write 1.5 for 150%": 1.5 is
 * refused too). */
static void rates_refused_edges(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	static const struct {
		const char *script, *msg;
	} cases[] = {
		{"cao{rates = {[2023] = 0/0}}\n",
		 "fitplan: scenarios/r.lua:1: error: cao{}: the rate for 2023 must be a finite "
		 "number\n"},
		{"index{kind = 'procurement', rates = {[2024] = -1/0}}\n",
		 "fitplan: scenarios/r.lua:1: error: index{}: the rate for 2024 must be a finite "
		 "number\n"},
		{"procurement_cut{rate = 1e-300}\n",
		 "fitplan: scenarios/r.lua:1: error: procurement_cut{}: rate 1e-300 does nothing: "
		 "rates are held in millionths and it rounds to 0 (write 0.04 for 4%)\n"},
		/* 5 ppm a year is 0 ppm a month (the freeze works month by month) */
		{"hiring_freeze{from = 2023, attrition = 0.000005}\n",
		 "fitplan: scenarios/r.lua:1: error: hiring_freeze{}: attrition 5e-06 does nothing: "
		 "rates are held in millionths and it rounds to 0 a month (write 0.04 for 4%)\n"},
		{"cao{rates = {[2023] = 150}}\n",
		 "fitplan: scenarios/r.lua:1: error: cao{}: rate 150 for 2023 is 15000%, outside -50% "
		 "to 100% a year even with allow_large=true\n"},
		{"cao{rates = {[2023] = 100}}\n",
		 "fitplan: scenarios/r.lua:1: error: cao{}: rate 100 for 2023 is 10000%, outside -50% "
		 "to 100% a year even with allow_large=true\n"},
		{"procurement_cut{rate = 250}\n",
		 "fitplan: scenarios/r.lua:1: error: procurement_cut{}: rate 250 is 25000%, outside 0% "
		 "to 100% even with allow_large=true\n"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		scenario_spec a;
		char *p, *m;
		assert_int_equal(run_script(&s, "r.lua", cases[k].script, 1, DEFAULT_INSTR,
					    DEFAULT_MEM, &a, &p, &m),
				 FP_EDATA);
		assert_string_equal(m, cases[k].msg);
		free(p), free(m);
		scenario_spec_release(&a);
	}
	/* The smallest rates that do something still run: 1 ppm cut, 6 ppm attrition. */
	static const char *const ok[] = {"procurement_cut{rate = 0.000001}\n",
					 "hiring_freeze{from = 2023, attrition = 0.000006}\n"};
	for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
		scenario_spec a;
		char *p, *m;
		assert_int_equal(run_script(&s, "r.lua", ok[k], 1, DEFAULT_INSTR, DEFAULT_MEM, &a,
					    &p, &m),
				 FP_OK);
		free(p), free(m);
		scenario_spec_release(&a);
	}
	sfx_release(&s);
}

/* allow_large=true accepts a real but unusual value (a cut of 80%, a CAO of -30%) and the
 * lever carries the flag; without it the lever is not flagged. A cut of 80% on AFD1 MED
 * (1,000,000.00) from 2022: 800,000.00 a year, less M1's 10,000.00 .. 40,000.00 on the same
 * row (no double counting): 790,000.00, 780,000.00, 770,000.00, 760,000.00. */
static void rates_allow_large(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a;
	char *p, *m;
	assert_int_equal(run_script(&s, "r.lua",
				    "procurement_cut{units = 'AFD1', rate = 0.8, allow_large = true}\n"
				    "cao{rates = {[2023] = -0.3}, allow_large = true}\n"
				    "procurement_cut{units = 'DIV2', rate = 0.5}\n",
				    1, DEFAULT_INSTR, DEFAULT_MEM, &a, &p, &m),
			 FP_OK);
	assert_string_equal(m, "");
	assert_int_equal(a.nlevers, 3);
	assert_true(a.levers[0].allow_large);
	assert_int_equal(a.levers[0].u.cut.rate_ppm, 800000);
	assert_true(a.levers[1].allow_large);
	assert_int_equal(a.levers[1].u.cao.rate_ppm[Y2023], -300000);
	assert_false(a.levers[2].allow_large);
	assert_int_equal(a.levers[2].u.cut.rate_ppm, 500000);
	scenario_result r;
	apply_ok(&s.f, &a, &r);
	assert_amounts(find(&r, "procurement_cut.1.AFD1.MED"), 79000000, 78000000, 77000000,
		       76000000);
	scenario_result_release(&r);
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* ---- time words (docs/scenarios.md, hiring_freeze) ----
 *
 * A bare year is the whole year: from=2023, to=2023 is 2023-01 .. 2023-12. AFD1 PERS as in
 * freeze_year_totals (C = 120,000,000 cents, F0 = 10,000,000 micro-FTE, attrition 0.12,
 * k = 990,000; a month's saving is F0 - F):
 *   2023-01 .. 2023-06: 100,000 199,000 297,010 394,040 490,100 585,199 (that table's
 *     2023-07 .. 2023-12: the same months of compounding)
 *   2023-07 .. 2023-12: 679,347 772,554 864,828 956,180 1,046,618 1,136,152
 *   2023: 7,521,028 (75,210.28), structural (`to` lies in 2023); F = 8,863,848
 *   2024, 2025: 12 x 1,136,152 = 13,633,824 (136,338.24)
 *   FTE reduction 1,136,152 micro-FTE -> 114 centi-FTE.
 * The old code read to=2023 as 2023-01: a one-month freeze, 100,000 a month (1,200,000 in
 * 2023) and 10 centi-FTE. */
static void freeze_bare_year(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a;
	char *p, *m;
	assert_int_equal(run_script(&s, "f.lua",
				    "hiring_freeze{units = 'AFD1', from = 2023, to = 2023, "
				    "attrition = 0.12}\n",
				    1, DEFAULT_INSTR, DEFAULT_MEM, &a, &p, &m),
			 FP_OK);
	assert_string_equal(m, "");
	assert_int_equal(a.levers[0].u.freeze.from_month, 2023 * 12);
	assert_int_equal(a.levers[0].u.freeze.until_month, 2023 * 12 + 11);
	scenario_result r;
	apply_ok(&s.f, &a, &r);
	const measure *st = find(&r, "hiring_freeze.1.AFD1.PERS");
	assert_amounts(st, 0, 7521028, 13633824, 13633824);
	assert_int_equal(st->fte_centi, 114);
	assert_null(find(&r, "hiring_freeze.1.AFD1.PERS.once"));
	scenario_result_release(&r);
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* A lever's month is "YYYY-MM", four digits, a dash and two, nothing around it: " 2024-01",
 * "2024-1", "2024-+1" and "2024- 1" used to pass sscanf as January, so a typo ran as some
 * month. A year written as a float with a whole value (2024.0, what arithmetic in a script
 * gives) is that year, as procurement_cut{from=} takes it; 2024.5 is refused as no whole
 * year rather than as "not number". */
static void freeze_month_forms(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	static const struct {
		const char *script, *msg;
	} cases[] = {
		{"hiring_freeze{from = ' 2024-01', attrition = 0.1}\n",
		 "fitplan: scenarios/f.lua:1: error: hiring_freeze{}: 'from' must be a month like "
		 "\"2023-07\"\n"},
		{"hiring_freeze{from = '2024-1', attrition = 0.1}\n",
		 "fitplan: scenarios/f.lua:1: error: hiring_freeze{}: 'from' must be a month like "
		 "\"2023-07\"\n"},
		{"hiring_freeze{from = '2024-+1', attrition = 0.1}\n",
		 "fitplan: scenarios/f.lua:1: error: hiring_freeze{}: 'from' must be a month like "
		 "\"2023-07\"\n"},
		{"hiring_freeze{from = 2023, to = '2024- 1', attrition = 0.1}\n",
		 "fitplan: scenarios/f.lua:1: error: hiring_freeze{}: 'to' must be a month like "
		 "\"2023-07\"\n"},
		{"hiring_freeze{from = 2024.5, attrition = 0.1}\n",
		 "fitplan: scenarios/f.lua:1: error: hiring_freeze{}: 'from' 2024.5 is not a whole "
		 "year: write a month like \"2023-07\" or a year\n"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		scenario_spec a;
		char *p, *m;
		assert_int_equal(run_script(&s, "f.lua", cases[k].script, 1, DEFAULT_INSTR,
					    DEFAULT_MEM, &a, &p, &m),
				 FP_EDATA);
		assert_string_equal(m, cases[k].msg);
		free(p), free(m);
		scenario_spec_release(&a);
	}
	scenario_spec a;
	char *p, *m;
	assert_int_equal(run_script(&s, "f.lua",
				    "hiring_freeze{from = 2023.0, to = 2024.0, attrition = 0.1}\n",
				    1, DEFAULT_INSTR, DEFAULT_MEM, &a, &p, &m),
			 FP_OK);
	assert_int_equal(a.levers[0].u.freeze.from_month, 2023 * 12);
	assert_int_equal(a.levers[0].u.freeze.until_month, 2024 * 12 + 11);
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* Months stay as they are: from="2023-07", to="2024-06" is freeze_year_totals exactly; a
 * bare year as from= starts in January (from=2023 without to= is 2023-01 .. 2023-12, the
 * default one-year freeze). */
static void freeze_months_unchanged(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a;
	char *p, *m;
	assert_int_equal(run_script(&s, "f.lua",
				    "hiring_freeze{units = 'AFD1', from = '2023-07', to = '2024-06', "
				    "attrition = 0.12}\n"
				    "hiring_freeze{units = 'DIV2', from = 2023, attrition = 0.12}\n",
				    1, DEFAULT_INSTR, DEFAULT_MEM, &a, &p, &m),
			 FP_OK);
	assert_string_equal(m, "");
	assert_int_equal(a.levers[0].u.freeze.from_month, 2023 * 12 + 6);
	assert_int_equal(a.levers[0].u.freeze.until_month, 2024 * 12 + 5);
	assert_int_equal(a.levers[1].u.freeze.from_month, 2023 * 12);
	assert_int_equal(a.levers[1].u.freeze.until_month, 2023 * 12 + 11);
	scenario_result r;
	apply_ok(&s.f, &a, &r);
	const measure *st = find(&r, "hiring_freeze.1.AFD1.PERS");
	assert_amounts(st, 0, 0, 12272591, 13633824);
	assert_int_equal(st->fte_centi, 114);
	assert_amounts(find(&r, "hiring_freeze.1.AFD1.PERS.once"), 0, 2065349, 0, 0);
	scenario_result_release(&r);
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* The overflow guard of a cut stays, though a script can no longer reach it (a cut rate is
 * at most 1, so no saving exceeds its row): a spec filled in C with a cut of 200% on the
 * largest amount is refused at the lever's line. */
static void cut_overflow_guard(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,92233720368547758.07,\n", NULL, NULL);
	scenario_spec s;
	spec_init(&s);
	add_cut(&f, &s, 4, "AFD1", "MED", 2000000, 2025, 1);
	scenario_result r;
	assert_int_equal(scenario_apply(&f.m, &s, &r, &f.ms.d), FP_EDATA);
	assert_string_equal(msgs_text(&f.ms),
			    "fitplan: scenarios/t.lua:4: error: procurement_cut{}: the savings on "
			    "unit 'AFD1' in category 'MED' overflow the limit of "
			    "92,233,720,368,547,758.07\n");
	scenario_result_release(&r); /* the caller's, failed or not (run/pipeline.c) */
	scenario_spec_release(&s);
	fx_release(&f);
}

/* Run a script in a child process with a time limit; returns the child's exit status, or
 * -1 when it had to be killed. */
static int run_script_child(sfx *s, const char *name, const char *text, uint64_t max_instr,
			    uint64_t max_mem_mb, int seconds)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		scenario_spec a;
		char *p, *m;
		fp_status st = run_script(s, name, text, 1, max_instr, max_mem_mb, &a, &p, &m);
		_exit((int)st);
	}
	for (int i = 0; i < seconds * 100; i++) {
		int ws;
		pid_t w = waitpid(pid, &ws, WNOHANG);
		if (w == pid)
			return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

/* The instruction budget stops the script (in a child process with a time limit of 5 s:
 * 100,000 instructions take milliseconds). */
static void budget_stops_loop(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	assert_int_equal(run_script_child(&s, "l.lua", "while true do end\n", 100000, 16, 5),
			 FP_EDATA);
	sfx_release(&s);
}

/* Catching the budget's error must not let the script run on: after pcall, the next loop
 * must still be stopped, not run for ever. */
static void budget_pcall_escape(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	assert_int_equal(run_script_child(&s, "l.lua",
					  "pcall(function() while true do end end)\n"
					  "while true do end\n",
					  100000, 16, 5),
			 FP_EDATA);
	sfx_release(&s);
}

/* The same through finalizers: an error in __gc is only a warning in Lua 5.4, so the first
 * looping finalizer swallows the budget's error and the second one must still be
 * stopped. */
static void budget_gc_escape(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	assert_int_equal(run_script_child(&s, "l.lua",
					  "setmetatable({}, {__gc = function() while true do end end})\n"
					  "setmetatable({}, {__gc = function() while true do end end})\n",
					  100000, 16, 5),
			 FP_EDATA);
	sfx_release(&s);
}

/* A script that catches the budget or the memory cap error and ends normally still ran
 * past its limit: it fails with the limit's message. */
static void limits_hold_after_pcall(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a;
	char *p, *m;
	fp_status st = run_script(&s, "b.lua",
				  "print(pcall(function() while true do end end))\n", 1, 100000,
				  16, &a, &p, &m);
	assert_string_equal(m, "fitplan: scenarios/b.lua:1: error: instruction budget of 100000 "
			       "exhausted (see --max-instructions)\n");
	assert_int_equal(st, FP_EDATA);
	free(p), free(m);
	scenario_spec_release(&a);

	st = run_script(&s, "m.lua",
			"local t = {}\n"
			"print(pcall(function() for i = 1, 1e9 do t[i] = string.rep('x', 1000) end end))\n"
			"t = nil\n",
			1, DEFAULT_INSTR, 16, &a, &p, &m);
	assert_string_equal(m, "fitplan: scenarios/m.lua:2: error: memory cap of 16 MB exceeded "
			       "(see --max-memory)\n");
	assert_int_equal(st, FP_EDATA);
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* The CPU-time limit: 30 s, or 1 s per 10 million instructions of the budget if that is
 * more, or what the limits set (the test-only FITPLAN_TEST_CPU_SECONDS). */
static void cpu_limit_follows_budget(void **state)
{
	(void)state;
	script_limits l = {SCRIPT_DEFAULT_MAX_INSTRUCTIONS, 16u << 20, 0};
	assert_int_equal(script_cpu_limit_seconds(&l), 30);
	l.max_instructions = 1000;
	assert_int_equal(script_cpu_limit_seconds(&l), 30);
	l.max_instructions = 1000000000;
	assert_int_equal(script_cpu_limit_seconds(&l), 100);
	l.max_instructions = UINT64_MAX;
	assert_true(script_cpu_limit_seconds(&l) > 1000000000000ULL);
	l.max_cpu_seconds = 2;
	assert_int_equal(script_cpu_limit_seconds(&l), 2);
}

/* The instruction budget's message: script, the loop's line, the budget. */
static void budget_message(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	scenario_spec a;
	char *p, *m;
	fp_status st = run_script(&s, "b.lua",
				  "local function spin()\n"
				  "  local x = 0\n"
				  "  while true do x = x + 1 end\n"
				  "end\n"
				  "spin()\n",
				  1, 100000, 16, &a, &p, &m);
	assert_int_equal(st, FP_EDATA);
	assert_string_equal(m, "fitplan: scenarios/b.lua:3: error: instruction budget of 100000 "
			       "exhausted (see --max-instructions)\n");
	free(p), free(m);
	scenario_spec_release(&a);
	sfx_release(&s);
}

/* ---- nothing written ---- */

static bool exists_with_prefix(const char *dir, const char *prefix)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	struct dirent *e;
	bool found = false;
	while ((e = readdir(dp)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			found = true;
	closedir(dp);
	return found;
}

/* run_folder with stdout silenced (its messages stay on stderr, where a sanitizer's report
 * would be seen too). */
static fp_status quiet_run(run_opts *o)
{
	fflush(NULL);
	int so = dup(1), null = open("/dev/null", O_WRONLY);
	dup2(null, 1);
	fp_status st = run_folder(o, NULL);
	fflush(NULL);
	dup2(so, 1);
	close(so), close(null);
	return st;
}

/* A write error that depends on the scripts: the run folder lies so deep that the record's
 * copy of a script with a long file name, inputs/scenarios/<name>, passes PATH_MAX
 * (ENAMETOOLONG), while everything a run with short names writes fits. (A scenario named
 * comparison.csv did it before; such names are refused at the script now.) *deep gets the
 * folder to put "out" in (malloc'ed, inside root); *long_name the script's file name. */
#define DEEP_LEN 3900
static char *deep_folder(const char *root)
{
	char *deep = malloc(DEEP_LEN + 256);
	assert_non_null(deep);
	size_t n = (size_t)snprintf(deep, DEEP_LEN + 256, "%s", root);
	while (n < DEEP_LEN - 210) {
		deep[n++] = '/';
		memset(deep + n, 'd', 200);
		n += 200;
		deep[n] = '\0';
		assert_int_equal(mkdir(deep, 0777), 0);
	}
	return deep;
}

static void failed_run_writes_nothing(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	char budgets[4096], good[4096], bad[4096], cmp[4096], out[4096], marker[8192];
	char long_name[260];
	memset(long_name, 'c', 240);
	snprintf(long_name + 240, sizeof long_name - 240, ".lua");
	snprintf(budgets, sizeof budgets, "%s", s.f.dir);
	write_text(s.f.dir, "s/good.lua", "scenario{name = 'good'}\n");
	write_text(s.f.dir, "s/bad.lua", "scenario{name = 'bad'}\nerror('no')\n");
	char rel[300];
	snprintf(rel, sizeof rel, "s/%s", long_name);
	write_text(s.f.dir, rel, "scenario{name = 'cmp'}\n");
	snprintf(good, sizeof good, "%s/s/good.lua", s.f.dir);
	snprintf(bad, sizeof bad, "%s/s/bad.lua", s.f.dir);
	snprintf(cmp, sizeof cmp, "%s/s/%s", s.f.dir, long_name);
	char *root = tmpdir_make();
	char *deep = deep_folder(root);
	snprintf(out, sizeof out, "%s/out", deep);
	assert_true(strlen(out) + strlen(".tmp-XXXXXX/inputs/scenarios/") + strlen(long_name) >=
		    PATH_MAX);

	run_opts o;
	run_opts_defaults(&o);
	o.dir = budgets;
	o.out = out;
	o.opts.workbooks = false;
	/* a script error after a good script: no out, no out.tmp-* */
	char *scripts1[] = {good, bad};
	o.scripts = scripts1;
	o.nscripts = 2;
	assert_int_equal(quiet_run(&o), FP_EDATA);
	assert_false(path_exists(out));
	assert_false(exists_with_prefix(deep, "out"));
	/* a write error (a file name too long for the file system): the same */
	char *scripts2[] = {good, cmp};
	o.scripts = scripts2;
	assert_int_equal(quiet_run(&o), FP_ECANTCREAT);
	assert_false(path_exists(out));
	assert_false(exists_with_prefix(deep, "out"));
	/* a good run writes out; a failed --force run leaves it as it was */
	o.scripts = scripts1;
	o.nscripts = 1;
	assert_int_equal(quiet_run(&o), FP_OK);
	snprintf(marker, sizeof marker, "%s/good/consolidated.csv", out);
	assert_true(path_exists(marker));
	o.force = true;
	o.scripts = scripts1 + 1;
	assert_int_equal(quiet_run(&o), FP_EDATA);
	assert_true(path_exists(marker));
	o.scripts = scripts2;
	o.nscripts = 2;
	assert_int_equal(quiet_run(&o), FP_ECANTCREAT);
	assert_true(path_exists(marker));
	/* only "out" itself is there: no out.tmp-* and no moved-aside copy */
	DIR *dp = opendir(deep);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.') {
			assert_string_equal(e->d_name, "out");
			n++;
		}
	closedir(dp);
	assert_int_equal(n, 1);
	free(deep);
	tmpdir_remove(root);
	sfx_release(&s);
}

/* A scenario's name becomes a folder of the run: it must stay inside the run folder.
 * scenario{name=".."} passed the name check (letters, digits, '-', '_', '.') and wrote
 * <out>/../consolidated.csv, beside the run folder; so does a script file named "...lua"
 * without scenario{}, whose name defaults to "..". Both must be refused (exit 65) and
 * nothing may appear outside --out. */
static void scenario_name_stays_inside(void **state)
{
	(void)state;
	sfx s;
	sfx_load(&s);
	static const struct {
		const char *file, *text;
	} cases[] = {
		{"s/dots.lua", "scenario{name = '..'}\n"},
		{"s/...lua", "procurement_cut{rate = 0.05}\n"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		char path[4096], out[4096];
		write_text(s.f.dir, cases[k].file, cases[k].text);
		snprintf(path, sizeof path, "%s/%s", s.f.dir, cases[k].file);
		char *root = tmpdir_make();
		snprintf(out, sizeof out, "%s/run/out", root);
		char *scripts[] = {path};
		run_opts o;
		run_opts_defaults(&o);
		o.dir = s.f.dir;
		o.out = out;
		o.opts.workbooks = false;
		o.scripts = scripts;
		o.nscripts = 1;
		fp_status st = quiet_run(&o);
		char outside[8192];
		snprintf(outside, sizeof outside, "%s/run/consolidated.csv", root);
		bool leaked = path_exists(outside);
		tmpdir_remove(root);
		if (leaked)
			fail_msg("%s wrote consolidated.csv beside the run folder", cases[k].file);
		if (st != FP_EDATA)
			fail_msg("%s: status %d, expected 65", cases[k].file, (int)st);
	}
	sfx_release(&s);
}

/* scenario_name_check: a scenario's name is a folder beside manifest.json, comparison.csv
 * and inputs/ in the run folder, on whatever file system the run is copied to: the run's
 * own names in any case, names that are no folder, and Windows' device names are refused;
 * every other code is a name. (comparison.csv as a name failed at the write, exit 73;
 * Inputs and COMPARISON.CSV passed.) */
static void scenario_names(void **state)
{
	(void)state;
	static const char *const refused[] = {
		"manifest.json", "MANIFEST.JSON", "Manifest.Json", "comparison.csv", "COMPARISON.CSV",
		"inputs", "Inputs", "INPUTS", "", ".", "..", "...", ".hidden", "plan.", "a/b", "a b",
		"con", "CON", "nul.csv", "Aux", "prn.x", "com1", "LPT9", "lpt1.txt",
	};
	static const char *const allowed[] = {
		"base", "combined", "plan.v2", "a-b_c", "manifest", "manifest.jsonx", "comparison",
		"inputs2", "input", "com", "com0", "com10", "lpt", "console", "nul_plan", "x.y.z",
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		if (!scenario_name_check(refused[i]))
			fail_msg("'%s' was allowed", refused[i]);
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
		const char *why = scenario_name_check(allowed[i]);
		if (why)
			fail_msg("'%s' was refused: %s", allowed[i], why);
	}
	char name[MODEL_CODE_MAX + 2];
	memset(name, 'x', sizeof name - 1);
	name[MODEL_CODE_MAX] = '\0';
	assert_null(scenario_name_check(name));
	name[MODEL_CODE_MAX] = 'x';
	name[MODEL_CODE_MAX + 1] = '\0';
	assert_non_null(scenario_name_check(name));
}

/* scenario_adopt and scenario_adopted: the first adoption of a candidate wins and is
 * returned on a repeat; adopt{} takes a failed call's adoptions back by cutting nadopted,
 * after which those candidates are free again while the earlier ones stay adopted; any
 * candidate index, in any order (adopt{} of 100,000 ids must not scan the list per id). */
static void adopt_once_each(void **state)
{
	(void)state;
	scenario_spec s;
	spec_init(&s);
	const int32_t n = 20000;
	for (int32_t c = n - 1; c >= 0; c -= 2) /* the odd ones, from the top down */
		assert_null(scenario_adopt(&s, c, "scenarios/t.lua", 3));
	assert_int_equal(s.nadopted, (size_t)n / 2);
	for (int32_t c = 0; c < n; c++) {
		const adoption *a = scenario_adopted(&s, c);
		if (c % 2) {
			assert_non_null(a);
			assert_int_equal(a->candidate, c);
		} else {
			assert_null(a);
		}
	}
	const adoption *again = scenario_adopt(&s, 7, "scenarios/t.lua", 9);
	assert_non_null(again);
	assert_int_equal(again->line, 3);
	assert_int_equal(s.nadopted, (size_t)n / 2);

	/* A call that adopts 0, 2, 4 and then fails: its adoptions taken back. */
	size_t before = s.nadopted;
	for (int32_t c = 0; c <= 4; c += 2)
		assert_null(scenario_adopt(&s, c, "scenarios/t.lua", 5));
	assert_non_null(scenario_adopted(&s, 2));
	s.nadopted = before;
	assert_null(scenario_adopted(&s, 0));
	assert_null(scenario_adopted(&s, 2));
	assert_non_null(scenario_adopted(&s, 1));
	assert_null(scenario_adopt(&s, 4, "scenarios/t.lua", 6)); /* free again */
	assert_null(scenario_adopt(&s, 2, "scenarios/t.lua", 6));
	assert_int_equal(scenario_adopt(&s, 4, "scenarios/t.lua", 7)->line, 6);
	assert_int_equal(s.adopted[before].candidate, 4);
	assert_int_equal(s.adopted[before + 1].candidate, 2);
	assert_null(scenario_adopted(&s, 0));
	/* A candidate far beyond the others, then one below it. */
	assert_null(scenario_adopt(&s, 1000000, "scenarios/t.lua", 8));
	assert_null(scenario_adopt(&s, n, "scenarios/t.lua", 8));
	assert_int_equal(scenario_adopted(&s, 1000000)->line, 8);
	assert_null(scenario_adopted(&s, 999999));
	scenario_spec_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cut_five_percent),
		cmocka_unit_test(cut_phase_in),
		cmocka_unit_test(cut_scope_exempt),
		cmocka_unit_test(exempt_outside_units_warns),
		cmocka_unit_test(overlap_model_measures),
		cmocka_unit_test(overlap_order_and_levers),
		cmocka_unit_test(theme_on_root),
		cmocka_unit_test(department_on_cost_centres),
		cmocka_unit_test(structural_next_to_quick_win),
		cmocka_unit_test(freeze_year_totals),
		cmocka_unit_test(freeze_first_month),
		cmocka_unit_test(freeze_exempt),
		cmocka_unit_test(freeze_beyond_horizon),
		cmocka_unit_test(freeze_overlap),
		cmocka_unit_test(freeze_leaves_hired_staff),
		cmocka_unit_test(staff_column_checked),
		cmocka_unit_test(adjust_scale_status_shift),
		cmocka_unit_test(adjust_shift),
		cmocka_unit_test(adjust_where),
		cmocka_unit_test(target_overrides),
		cmocka_unit_test(scenario_reconciles),
		cmocka_unit_test(random_is_seeded),
		cmocka_unit_test(pairs_sorted),
		cmocka_unit_test(messages_do_not_depend_on_hash_order),
		cmocka_unit_test(rates_refused),
		cmocka_unit_test(rates_refused_edges),
		cmocka_unit_test(rates_allow_large),
		cmocka_unit_test(freeze_bare_year),
		cmocka_unit_test(freeze_month_forms),
		cmocka_unit_test(freeze_months_unchanged),
		cmocka_unit_test(cut_overflow_guard),
		cmocka_unit_test(budget_stops_loop),
		cmocka_unit_test(budget_pcall_escape),
		cmocka_unit_test(budget_gc_escape),
		cmocka_unit_test(limits_hold_after_pcall),
		cmocka_unit_test(budget_message),
		cmocka_unit_test(cpu_limit_follows_budget),
		cmocka_unit_test(failed_run_writes_nothing),
		cmocka_unit_test(scenario_name_stays_inside),
		cmocka_unit_test(scenario_names),
		cmocka_unit_test(adopt_once_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
