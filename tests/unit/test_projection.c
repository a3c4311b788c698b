/* test_projection: the projection of a scenario against figures computed by hand from
 * docs/scenarios.md: CAO raises compounding per year (rounded to ppm at each step),
 * several cao{} calls multiplying, compensation returning as revenue, index{} on one
 * category or kind and multiplying with the CAO, revenue savings, the FTE of a year
 * (measure_fte_in_year) and the projection's totals reconciling with the baseline and the
 * plan. The specs are filled in C, without Lua, over small models written to a temporary
 * folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "model/load.h"
#include "model/projection.h"
#include "model/scenario.h"
#include "core/xalloc.h"

/* Years: base 2021, target 2023, horizon 2025. Projection rows run from the base year:
 * [0] 2021, [1] 2022, [2] 2023, [3] 2024, [4] 2025; measure amounts from 2022: [0] .. [3].
 *
 *   LUMC > DIV1 > AFD1, AFD2; LUMC > DIV2 */
#define P2021 0
#define P2022 1
#define P2023 2
#define P2024 3
#define P2025 4

typedef struct fx {
	char *dir;
	arena a;
	model m;
	msgs ms;
} fx;

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
			 const char *measure_rows)
{
	f->dir = tmpdir_make();
	write_text(f->dir, "model.csv", "key,value\nname,Small\nbase_year,2021\n"
					"target_year,2023\nhorizon_year,2025\n");
	write_text(f->dir, "units.csv", "unit,name,parent,type\n"
					"LUMC,Leids Universitair Medisch Centrum,,organisation\n"
					"DIV1,Divisie 1,LUMC,division\n"
					"AFD1,Afdeling 1,DIV1,department\n"
					"AFD2,Afdeling 2,DIV1,department\n"
					"DIV2,Divisie 2,LUMC,division\n");
	write_text(f->dir, "categories.csv", categories);
	char buf[4096];
	snprintf(buf, sizeof buf, "unit,category,amount_eur,fte\n%s", baseline_rows);
	write_text(f->dir, "baseline.csv", buf);
	write_text(f->dir, "targets.csv", "unit,year,target_eur\nLUMC,2023,100000\n");
	snprintf(buf, sizeof buf,
		 "measure,unit,title,pillar,category,nature,status,fte,2022,2023,2024,2025\n%s",
		 measure_rows ? measure_rows : "");
	write_text(f->dir, "measures/plans.csv", buf);
	arena_init(&f->a);
	msgs_init(&f->ms);
	fp_status st = model_load(&f->m, f->dir, &f->a, &f->ms.d);
	assert_string_equal(msgs_text(&f->ms), "");
	assert_int_equal(st, FP_OK);
}

static void fx_load(fx *f, const char *baseline_rows, const char *measure_rows)
{
	fx_load_cats(f, DEFAULT_CATEGORIES, baseline_rows, measure_rows);
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

static void spec_init(scenario_spec *s)
{
	memset(s, 0, sizeof *s);
	s->name = "t";
	s->script = "scenarios/t.lua";
}

/* cao{rates={[2022]=r0, [2023]=r1, [2024]=r2, [2025]=r3}, compensation=} in ppm */
static void add_cao(scenario_spec *s, const int64_t rates[4], int64_t compensation_ppm)
{
	lever *l = scenario_add_lever(s, LEVER_CAO, "scenarios/t.lua", 1);
	memcpy(l->u.cao.rate_ppm, rates, 4 * sizeof *rates);
	l->u.cao.compensation_ppm = compensation_ppm;
}

/* index{categories={cat}, rates=} (cat NULL: kind) */
static void add_index(fx *f, scenario_spec *s, const char *cat, int kind, const int64_t rates[4])
{
	lever *l = scenario_add_lever(s, LEVER_INDEX, "scenarios/t.lua", 2);
	l->u.index.cats.member = arena_zalloc(&f->a, f->m.ncats, sizeof(bool));
	for (size_t c = 0; c < f->m.ncats; c++)
		l->u.index.cats.member[c] = cat ? (int32_t)c == C(f, cat)
						: f->m.cats[c].kind == (category_kind)kind;
	memcpy(l->u.index.rate_ppm, rates, 4 * sizeof *rates);
}

typedef struct run {
	scenario_result r;
	projection p;
} run;

static void project(fx *f, const scenario_spec *s, run *out)
{
	assert_int_equal(scenario_apply(&f->m, s, &out->r, &f->ms.d), FP_OK);
	assert_int_equal(projection_compute(&f->m, scenario_plan(&out->r), &out->r, &out->p,
					    &f->ms.d),
			 FP_OK);
	assert_string_equal(msgs_text(&f->ms), "");
	assert_int_equal(out->p.nyears, 5);
}

static void run_release(run *x)
{
	projection_release(&x->p);
	scenario_result_release(&x->r);
}

/* ---- CAO ---- */

/* Personnel 1,000,000.00 (100,000,000 cents), no savings, CAO 3% in 2022 and 3.5% in 2023:
 *   f(2022) = round(1,000,000 * 1,030,000 / 1e6) = 1,030,000 -> 1,030,000.00
 *   f(2023) = round(1,030,000 * 1,035,000 / 1e6) = 1,066,050 -> 1,066,050.00
 *   f(2024) = f(2025) = 1,066,050 (no rate)
 * compensation 0.6: revenue round((amount - B) * 0.6):
 *   2022: 3,000,000 * 0.6 = 1,800,000 (18,000.00); 2023: 6,605,000 * 0.6 = 3,963,000
 *   (39,630.00). Result AFD1 2022 = 1,800,000 - 103,000,000 = -101,200,000. */
static void cao_compounds_and_compensates(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1000000.00,10\nDIV2,MED,50000.00,\n", NULL);
	scenario_spec s;
	spec_init(&s);
	add_cao(&s, (int64_t[]){30000, 35000, 0, 0}, 600000);
	run x;
	project(&f, &s, &x);
	int32_t afd1 = U(&f, "AFD1"), div2 = U(&f, "DIV2"), lumc = U(&f, "LUMC");
	assert_int_equal(x.r.factor_ppm[(size_t)C(&f, "PERS") * 5 + 1], 1030000);
	assert_int_equal(x.r.factor_ppm[(size_t)C(&f, "PERS") * 5 + 2], 1066050);
	assert_int_equal(x.r.factor_ppm[(size_t)C(&f, "MED") * 5 + 2], 1000000);
	assert_int_equal(x.r.compensation_ppm[C(&f, "PERS")], 600000);
	assert_int_equal(x.r.compensation_ppm[C(&f, "MED")], 0);
	static const int64_t pers[5] = {100000000, 103000000, 106605000, 106605000, 106605000};
	static const int64_t rev[5] = {0, 1800000, 3963000, 3963000, 3963000};
	for (int y = 0; y < 5; y++) {
		const projection_row *pr = proj_row(&x.p, afd1, y);
		assert_int_equal(pr->personnel_cents, pers[y]);
		assert_int_equal(pr->revenue_cents, rev[y]);
		assert_int_equal(pr->procurement_cents, 0);
		assert_int_equal(pr->result_cents, rev[y] - pers[y]);
		assert_int_equal(pr->fte_centi, 1000);
		/* procurement is not raised by the CAO */
		assert_int_equal(proj_row(&x.p, div2, y)->procurement_cents, 5000000);
		/* the root holds both */
		const projection_row *root = proj_row(&x.p, lumc, y);
		assert_int_equal(root->personnel_cents, pers[y]);
		assert_int_equal(root->procurement_cents, 5000000);
		assert_int_equal(root->revenue_cents, rev[y]);
		assert_int_equal(root->result_cents, rev[y] - pers[y] - 5000000);
	}
	assert_int_equal(proj_row(&x.p, afd1, P2022)->result_cents, -101200000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* Two cao{} calls multiply, the last compensation holds: 3% and 2% in 2022 give
 * m = round(1,000,000 * 1,030,000 / 1e6) = 1,030,000, then round(1,030,000 * 1,020,000 /
 * 1e6) = 1,050,600: personnel 105,060,000; compensation 0.5 of 5,060,000 = 2,530,000. */
static void cao_calls_multiply(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1000000.00,10\n", NULL);
	scenario_spec s;
	spec_init(&s);
	add_cao(&s, (int64_t[]){30000, 0, 0, 0}, 600000);
	add_cao(&s, (int64_t[]){20000, 0, 0, 0}, 500000);
	run x;
	project(&f, &s, &x);
	const projection_row *pr = proj_row(&x.p, U(&f, "AFD1"), P2022);
	assert_int_equal(pr->personnel_cents, 105060000);
	assert_int_equal(pr->revenue_cents, 2530000);
	assert_int_equal(proj_row(&x.p, U(&f, "AFD1"), P2025)->personnel_cents, 105060000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* With savings: M1 saves 100,000.00 on AFD1 PERS in 2022 and 2023. CAO 3% in 2022:
 *   2022: (100,000,000 - 10,000,000) * 1.03 = 92,700,000; compensation 0.6 * (92,700,000
 *         - 90,000,000) = 1,620,000
 *   2023: the same factor (no rate in 2023), same amounts
 *   2024: no saving: 103,000,000, compensation 1,800,000.
 * A PERS2 row (no CAO difference: every personnel category is raised) of 10,000.00:
 *   2022: 1,030,000, compensation 18,000. */
static void cao_with_savings(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1000000.00,10\nAFD1,PERS2,10000.00,\n",
		"M1,AFD1,inhuur,1,PERS,structural,decided,,100000,100000,,\n");
	scenario_spec s;
	spec_init(&s);
	add_cao(&s, (int64_t[]){30000, 0, 0, 0}, 600000);
	run x;
	project(&f, &s, &x);
	int32_t afd1 = U(&f, "AFD1");
	assert_int_equal(proj_row(&x.p, afd1, P2021)->personnel_cents, 101000000);
	assert_int_equal(proj_row(&x.p, afd1, P2021)->revenue_cents, 0);
	assert_int_equal(proj_row(&x.p, afd1, P2022)->personnel_cents, 92700000 + 1030000);
	assert_int_equal(proj_row(&x.p, afd1, P2022)->revenue_cents, 1620000 + 18000);
	assert_int_equal(proj_row(&x.p, afd1, P2023)->personnel_cents, 92700000 + 1030000);
	assert_int_equal(proj_row(&x.p, afd1, P2024)->personnel_cents, 103000000 + 1030000);
	assert_int_equal(proj_row(&x.p, afd1, P2024)->revenue_cents, 1800000 + 18000);
	assert_int_equal(proj_row(&x.p, afd1, P2024)->result_cents,
			 1800000 + 18000 - 103000000 - 1030000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- index ---- */

/* index{categories={"MED"}, rates={[2022]=0.02, [2023]=0.02}} on AFD1 MED 1,000,000.00:
 *   2022: 102,000,000; 2023: f = round(1,020,000 * 1,020,000 / 1e6) = 1,040,400 ->
 *   104,040,000. MAT (procurement too) is not indexed: 50,000,000.
 * index{kind="revenue"...} is not given; BBAZ alone, -1.5% in 2022 and 2023, on LUMC BBAZ
 * 4,000,000.00 with a revenue measure of 100,000.00 in 2023 (savings add to revenue):
 *   2022: f = 985,000: 400,000,000 * 0.985 = 394,000,000
 *   2023: f = round(985,000 * 985,000 / 1e6) = 970,225: (400,000,000 + 10,000,000) *
 *         0.970225 = 397,792,250
 * OPB (revenue, not indexed) stays 1,000,000.00. */
static void index_one_category(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,MED,1000000.00,\nAFD1,MAT,500000.00,\nLUMC,BBAZ,4000000.00,\n"
		    "LUMC,OPB,1000000.00,\n",
		"R1,LUMC,meer BBAZ,2,BBAZ,structural,planned,,,100000,,\n");
	scenario_spec s;
	spec_init(&s);
	add_index(&f, &s, "MED", 0, (int64_t[]){20000, 20000, 0, 0});
	add_index(&f, &s, "BBAZ", 0, (int64_t[]){-15000, -15000, 0, 0});
	run x;
	project(&f, &s, &x);
	int32_t afd1 = U(&f, "AFD1"), lumc = U(&f, "LUMC");
	assert_int_equal(proj_row(&x.p, afd1, P2022)->procurement_cents, 102000000 + 50000000);
	assert_int_equal(proj_row(&x.p, afd1, P2023)->procurement_cents, 104040000 + 50000000);
	assert_int_equal(proj_row(&x.p, afd1, P2025)->procurement_cents, 104040000 + 50000000);
	assert_int_equal(x.r.factor_ppm[(size_t)C(&f, "BBAZ") * 5 + 2], 970225);
	assert_int_equal(x.r.factor_ppm[(size_t)C(&f, "MAT") * 5 + 2], 1000000);
	/* LUMC's own revenue (its subtree has no other revenue) */
	assert_int_equal(proj_row(&x.p, lumc, P2021)->revenue_cents, 400000000 + 100000000);
	assert_int_equal(proj_row(&x.p, lumc, P2022)->revenue_cents, 394000000 + 100000000);
	assert_int_equal(proj_row(&x.p, lumc, P2023)->revenue_cents, 397792250 + 100000000);
	assert_int_equal(proj_row(&x.p, lumc, P2024)->revenue_cents, 388090000 + 100000000);
	assert_int_equal(proj_row(&x.p, lumc, P2024)->result_cents,
			 388090000 + 100000000 - 104040000 - 50000000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* index and CAO on the same category multiply, in call order, rounded to ppm at each
 * step: CAO 3% then index 1% on personnel in 2022: m = round(1,030,000 * 1,010,000 / 1e6)
 * = 1,040,300: 1,000,000.00 -> 1,040,300.00. Compensation (0.6) is taken on the whole
 * difference amount(y) - (B - S(y)) = 4,030,000: 2,418,000. index{kind="procurement"}
 * covers MED and MAT: 2% each. */
static void index_and_cao_multiply(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1000000.00,10\nAFD1,MED,100000.00,\nAFD1,MAT,200000.00,\n", NULL);
	scenario_spec s;
	spec_init(&s);
	add_cao(&s, (int64_t[]){30000, 0, 0, 0}, 600000);
	add_index(&f, &s, "PERS", 0, (int64_t[]){10000, 0, 0, 0});
	add_index(&f, &s, NULL, KIND_PROCUREMENT, (int64_t[]){20000, 0, 0, 0});
	run x;
	project(&f, &s, &x);
	const projection_row *pr = proj_row(&x.p, U(&f, "AFD1"), P2022);
	assert_int_equal(pr->personnel_cents, 104030000);
	assert_int_equal(pr->revenue_cents, 2418000);
	assert_int_equal(pr->procurement_cents, 10200000 + 20400000);
	assert_int_equal(pr->result_cents, 2418000 - 104030000 - 30600000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- FTE ---- */

/* A measure's FTE in a year: fte * amount(y) / amount(target year), at most fte; the
 * largest amount when the target year's is 0; fte from the target year without amounts. */
static void fte_in_year(void **state)
{
	(void)state;
	fx f;
	fx_load(&f, "AFD1,PERS,1000000.00,10\n",
		/* target year 2023 is amounts[1] */
		"F1,AFD1,a,1,PERS,structural,planned,2,10000,20000,30000,20000\n"
		"F2,AFD1,b,1,PERS,structural,planned,2,10000,,40000,20000\n"
		"F3,AFD1,c,1,PERS,structural,planned,2,,,,\n"
		"F4,AFD1,d,1,PERS,structural,planned,1,0.01,0.03,0.02,-0.01\n"
		"F5,AFD1,e,1,PERS,structural,planned,,10000,20000,30000,40000\n");
	const model *m = &f.m;
	const measure *f1 = &m->measures[model_measure(m, "F1")];
	const measure *f2 = &m->measures[model_measure(m, "F2")];
	const measure *f3 = &m->measures[model_measure(m, "F3")];
	const measure *f4 = &m->measures[model_measure(m, "F4")];
	const measure *f5 = &m->measures[model_measure(m, "F5")];
	/* F1: ref 20,000: 200 * 10,000 / 20,000 = 100; 200; 30,000 >= ref: 200; 200 */
	assert_int_equal(measure_fte_in_year(m, f1, 0), 100);
	assert_int_equal(measure_fte_in_year(m, f1, 1), 200);
	assert_int_equal(measure_fte_in_year(m, f1, 2), 200);
	assert_int_equal(measure_fte_in_year(m, f1, 3), 200);
	/* F2: target year 0, ref = largest = 40,000: 200 * 1/4 = 50; 0; 200; 100 */
	assert_int_equal(measure_fte_in_year(m, f2, 0), 50);
	assert_int_equal(measure_fte_in_year(m, f2, 1), 0);
	assert_int_equal(measure_fte_in_year(m, f2, 2), 200);
	assert_int_equal(measure_fte_in_year(m, f2, 3), 100);
	/* F3: no amounts: its fte from the target year on */
	assert_int_equal(measure_fte_in_year(m, f3, 0), 0);
	assert_int_equal(measure_fte_in_year(m, f3, 1), 200);
	assert_int_equal(measure_fte_in_year(m, f3, 3), 200);
	/* F4: ref 3 cents: 100 * 1/3 = 33.3 -> 33; 100; 100 * 2/3 = 66.7 -> 67; a negative
	 * amount reduces nothing */
	assert_int_equal(measure_fte_in_year(m, f4, 0), 33);
	assert_int_equal(measure_fte_in_year(m, f4, 1), 100);
	assert_int_equal(measure_fte_in_year(m, f4, 2), 67);
	assert_int_equal(measure_fte_in_year(m, f4, 3), 0);
	/* F5: no fte */
	assert_int_equal(measure_fte_in_year(m, f5, 2), 0);

	/* the projection's FTE: 1,000 centi less every measure's FTE of the year:
	 * 2022: 100 + 50 + 0 + 33 = 183; 2023: 200 + 0 + 200 + 100 = 500;
	 * 2024: 200 + 200 + 200 + 67 = 667; 2025: 200 + 100 + 200 + 0 = 500 */
	scenario_spec s;
	spec_init(&s);
	run x;
	project(&f, &s, &x);
	int32_t afd1 = U(&f, "AFD1");
	assert_int_equal(proj_row(&x.p, afd1, P2021)->fte_centi, 1000);
	assert_int_equal(proj_row(&x.p, afd1, P2022)->fte_centi, 1000 - 183);
	assert_int_equal(proj_row(&x.p, afd1, P2023)->fte_centi, 1000 - 500);
	assert_int_equal(proj_row(&x.p, afd1, P2024)->fte_centi, 1000 - 667);
	assert_int_equal(proj_row(&x.p, afd1, P2025)->fte_centi, 1000 - 500);
	assert_int_equal(proj_row(&x.p, U(&f, "LUMC"), P2024)->fte_centi, 1000 - 667);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- reconciliation ----
 *
 * Without price levers the projection is the baseline less the plan: for every unit and
 * year, personnel (procurement, other cost) = the subtree's base-year amount of that kind
 * minus the plan's savings of that kind in the subtree, revenue = base plus the revenue
 * savings, and result = revenue - costs. The base year is the baseline itself. */
static void projection_reconciles(void **state)
{
	(void)state;
	fx f;
	fx_load(&f,
		"AFD1,PERS,1200000.00,10\nAFD1,MED,1000000.00,\nAFD2,PERS,800000.00,9.5\n"
		"AFD2,MAT,123456.78,\nDIV2,PERS,987654.32,12.34\nDIV2,MED,333333.33,\n"
		"LUMC,OVK,300000.00,\nLUMC,OPB,5000000.00,\nDIV1,BBAZ,10.01,\n",
		"M1,AFD1,een,1,PERS,structural,decided,1.5,10000,20000,30000,30000\n"
		"M2,AFD2,twee,2,MAT,incidental,idea,,5000,5000,,\n"
		"M3,DIV2,drie,3,MED,structural,realised,,1234.56,2345.67,3456.78,4567.89\n"
		"M4,DIV1,vier,1,BBAZ,structural,idea,,,,7000,7000\n"
		"M5,LUMC,vijf,2,OVK,structural,planned,,-100,200,300,400\n");
	scenario_spec s;
	spec_init(&s);
	lever *l = scenario_add_lever(&s, LEVER_PROCUREMENT_CUT, "scenarios/t.lua", 1);
	l->u.cut.scope.units = arena_zalloc(&f.a, 1, sizeof(int32_t));
	l->u.cut.scope.units[0] = U(&f, "LUMC");
	l->u.cut.scope.nunits = 1;
	l->u.cut.cats.member = arena_zalloc(&f.a, f.m.ncats, sizeof(bool));
	l->u.cut.cats.member[C(&f, "MED")] = true;
	l->u.cut.rate_ppm = 50000;
	l->u.cut.from_year = 2023;
	l->u.cut.phase_in_years = 2;
	l->u.cut.status = STATUS_PLANNED;
	l->u.cut.pillar = 3;
	run x;
	project(&f, &s, &x);
	const model *m = &f.m;
	for (size_t u = 0; u < m->nunits; u++) {
		for (int y = 0; y < 5; y++) {
			int64_t kind[KIND_COUNT] = {0};
			for (size_t i = 0; i < m->nbaseline; i++)
				if (model_is_ancestor(m, (int32_t)u, m->baseline[i].unit))
					kind[m->cats[m->baseline[i].category].kind] +=
						m->baseline[i].amount_cents;
			for (size_t i = 0; y > 0 && i < x.r.nmeasures; i++) {
				const measure *ms = &x.r.measures[i];
				if (!model_is_ancestor(m, (int32_t)u, ms->unit))
					continue;
				category_kind k = m->cats[ms->category].kind;
				kind[k] += k == KIND_REVENUE ? ms->amounts[y - 1] : -ms->amounts[y - 1];
			}
			const projection_row *pr = proj_row(&x.p, (int32_t)u, y);
			assert_int_equal(pr->personnel_cents, kind[KIND_PERSONNEL]);
			assert_int_equal(pr->procurement_cents, kind[KIND_PROCUREMENT]);
			assert_int_equal(pr->other_cost_cents, kind[KIND_OTHER_COST]);
			assert_int_equal(pr->revenue_cents, kind[KIND_REVENUE]);
			assert_int_equal(pr->result_cents,
					 pr->revenue_cents - pr->personnel_cents -
						 pr->procurement_cents - pr->other_cost_cents);
		}
	}
	/* spot check by hand, LUMC 2024: personnel 2,987,654.32 - 30,000.00 (M1) = 295,765,432;
	 * procurement 1,456,790.11 - 3,456.78 (M3) - cut (AFD1 MED 50,000.00 + DIV2 MED
	 * round(33,333,333 * 0.05) = 1,666,667 cents, less M3's 345,678 = 1,320,989) =
	 * 145,679,011 - 345,678 - 5,000,000 - 1,320,989 = 139,012,344 (M2 saves nothing in
	 * 2024); other cost 300,000.00 - 300.00 = 29,970,000; revenue 5,000,010.01 + 7,000.00
	 * = 500,701,001. */
	const projection_row *pr = proj_row(&x.p, U(&f, "LUMC"), P2024);
	assert_int_equal(pr->personnel_cents, 295765432);
	assert_int_equal(pr->procurement_cents, 139012344);
	assert_int_equal(pr->other_cost_cents, 29970000);
	assert_int_equal(pr->revenue_cents, 500701001);
	/* 2022: M5 is a negative saving: other cost rises by 100.00 */
	assert_int_equal(proj_row(&x.p, U(&f, "LUMC"), P2022)->other_cost_cents, 30010000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* ---- the cost base (issue 13) ---- */

/* CAO on a model with hired staff: PERS 1,000,000.00 on the payroll, INH 200,000.00 hired
 * (agency, PNIL), CAO 3% in 2022, 60% compensated. Hired staff are not paid under the CAO:
 *   PERS 2022: 100,000,000 * 1.03 = 103,000,000; compensation 3,000,000 * 0.6 = 1,800,000
 *   INH: 20,000,000 in every year, no compensation
 *   personnel 2022 = 123,000,000; revenue 1,800,000; result -121,200,000.
 * (Without the staff column INH would rise to 20,600,000 and bring 360,000 of revenue.) */
static void cao_leaves_hired_staff(void **state)
{
	(void)state;
	fx f;
	fx_load_cats(&f,
		     "category,kind,label,staff\n"
		     "PERS,personnel,Personeel,employed\n"
		     "INH,personnel,Inhuur,hired\n",
		     "AFD1,PERS,1000000.00,10\nAFD1,INH,200000.00,2\n", NULL);
	scenario_spec s;
	spec_init(&s);
	add_cao(&s, (int64_t[]){30000, 0, 0, 0}, 600000);
	run x;
	project(&f, &s, &x);
	assert_int_equal(x.r.factor_ppm[(size_t)C(&f, "INH") * 5 + 1], 1000000);
	assert_int_equal(x.r.compensation_ppm[C(&f, "INH")], 0);
	const projection_row *pr = proj_row(&x.p, U(&f, "LUMC"), P2022);
	assert_int_equal(pr->personnel_cents, 123000000);
	assert_int_equal(pr->revenue_cents, 1800000);
	assert_int_equal(pr->result_cents, -121200000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

/* An index on other cost with depreciation: OVK 100,000.00 (other_cost), AFS 50,000.00
 * (depreciation), index{kind="other_cost"} 10% in 2022, and a measure saving 5,000.00 of
 * depreciation in 2023. Depreciation is not other_cost to the index, but it is inside the
 * projection's other costs:
 *   other cost 2022 = 10,000,000 * 1.10 + 5,000,000 = 16,000,000
 *   other cost 2023 = 11,000,000 + (5,000,000 - 500,000) = 15,500,000
 * and kept apart as depreciation: 5,000,000 and 4,500,000. */
static void index_other_cost_not_depreciation(void **state)
{
	(void)state;
	fx f;
	fx_load_cats(&f,
		     "category,kind,label\n"
		     "OVK,other_cost,Overige kosten\n"
		     "AFS,depreciation,Afschrijvingen\n",
		     "AFD1,OVK,100000.00,\nAFD1,AFS,50000.00,\n",
		     "A1,AFD1,langer gebruik,1,AFS,structural,planned,,,5000,,\n");
	scenario_spec s;
	spec_init(&s);
	add_index(&f, &s, NULL, KIND_OTHER_COST, (int64_t[]){100000, 0, 0, 0});
	run x;
	project(&f, &s, &x);
	int32_t lumc = U(&f, "LUMC");
	assert_int_equal(proj_row(&x.p, lumc, P2021)->other_cost_cents, 15000000);
	assert_int_equal(proj_row(&x.p, lumc, P2022)->other_cost_cents, 16000000);
	assert_int_equal(proj_row(&x.p, lumc, P2023)->other_cost_cents, 15500000);
	assert_int_equal(proj_row(&x.p, lumc, P2024)->other_cost_cents, 16000000);
	assert_int_equal(proj_row(&x.p, lumc, P2022)->depreciation_cents, 5000000);
	assert_int_equal(proj_row(&x.p, lumc, P2023)->depreciation_cents, 4500000);
	assert_int_equal(proj_row(&x.p, lumc, P2023)->result_cents, -15500000);
	run_release(&x);
	scenario_spec_release(&s);
	fx_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cao_compounds_and_compensates),
		cmocka_unit_test(cao_calls_multiply),
		cmocka_unit_test(cao_with_savings),
		cmocka_unit_test(index_one_category),
		cmocka_unit_test(index_and_cao_multiply),
		cmocka_unit_test(cao_leaves_hired_staff),
		cmocka_unit_test(index_other_cost_not_depreciation),
		cmocka_unit_test(fte_in_year),
		cmocka_unit_test(projection_reconciles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
