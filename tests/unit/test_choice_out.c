/* test_choice_out: the outputs of a scenario's optimise{} (issue #18) from a choice_result
 * made by hand, before the solver exists: optimise.csv, optimise_summary.csv and
 * optimise_tradeoff.csv byte for byte (figures worked out by hand below), the run's list
 * of files, and the sheets Keuzes of the committee's and the units' workbooks (present only
 * with a choice, and in a unit's workbook only over its own subtree). The candidates stand
 * in as measures of the model (their file has the extra column patient_impact), two of
 * them with hostile text. With FITPLAN_CHOICE_OUT set to a folder, the workbooks and CSV
 * files are left there for tests/workbooks/choices (LibreOffice recalculation,
 * confidentiality, rendering). */
#include "testrun.h"
#include "core/xalloc.h"
#include "export/book.h"
#include "export/choice_csv.h"
#include "io/xlsxread.h"
#include "run/write.h"
#include <sys/stat.h>

/* LUMC > DIV1 > AFD1, AFD2; LUMC > DIV2 > AFD3, AFD4. The candidates C1-C5 (AFD1, AFD2,
 * AFD2, AFD3, DIV1; none on AFD4) with patient_impact; C1's title is a formula, C2's is
 * over two lines (its rows must be tall enough), C4's holds a literal _x0041_ and its
 * impact starts with '+'. */
static void write_model(const char *dir)
{
	write_text(dir, "budgets/model.csv",
		   "key,value\nname,Tiny\nbase_year,2024\ntarget_year,2026\nhorizon_year,2027\n"
		   "document_time,2024-01-01T00:00:00Z\n");
	write_text(dir, "budgets/units.csv",
		   "unit,name,parent,type\n"
		   "LUMC,Organisatie,,organisation\n"
		   "DIV1,Divisie Een,LUMC,division\n"
		   "DIV2,Divisie Twee,LUMC,division\n"
		   "AFD1,Afdeling Een,DIV1,department\n"
		   "AFD2,Afdeling Twee,DIV1,department\n"
		   "AFD3,Afdeling Drie,DIV2,department\n"
		   "AFD4,Afdeling Vier,DIV2,department\n");
	write_text(dir, "budgets/categories.csv", "category,kind,label\nPERS,personnel,Personeel\n");
	write_text(dir, "budgets/baseline.csv",
		   "unit,category,amount_eur,fte\nAFD1,PERS,1000000,10\nAFD2,PERS,1000000,10\n"
		   "AFD3,PERS,1000000,10\nAFD4,PERS,1000000,10\n");
	write_text(dir, "budgets/targets.csv", "unit,year,target_eur\nLUMC,2026,1000000\n");
	write_text(dir, "budgets/measures/a.csv",
		   "measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027,"
		   "patient_impact\n"
		   "M1,AFD4,Minder inhuur,1,PERS,structural,decided,1.5,10000,20000,30000,geen\n"
		   "C1,AFD1,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",1,PERS,structural,idea,2.5,"
		   "0,150000,150000,laag; minder wachttijd\n"
		   "C2,AFD2,\"Inkoop\nbundelen\",3,PERS,structural,idea,0,0,80000.50,80000.50,geen\n"
		   "C3,AFD2,Nachtdienst samenvoegen,1,PERS,structural,idea,4,0,200000,200000,"
		   "midden; langere reistijd\n"
		   "C4,AFD3,Poli sluiten _x0041_,2,PERS,structural,idea,1.25,0,120000.25,120000.25,"
		   "+hoog\n"
		   "C5,DIV1,Divisiestaf halveren,1,PERS,structural,idea,0.5,0,60000,60000,\n");
	write_text(dir, "s.lua", "scenario{name=\"plan\"}\n");
}

/* The choice, by hand: fte_cost 50,000 per FTE, impact_cost laag 10,000, midden 50,000,
 * hoog 100,000. Costs: C1 2.5 x 50,000 + 10,000 + 25,000 = 160,000.00; C2 0; C3 4 x 50,000
 * + 50,000 = 250,000.00; C4 1.25 x 50,000 + 100,000 + 10,000.10 = 172,500.10; C5 0.5 x
 * 50,000 = 25,000.00. Adopted C1, C2, C4, C5: cost 357,500.10, expected 410,000.75,
 * FTE 4.25, one-off 35,000.10. */
static void make_choice(const model *m, choice_result *c, choice_row rows[5])
{
	static const struct {
		const char *id;
		int64_t expected, one_off, cost;
		const char *impact;
		bool adopted;
	} h[5] = {
		{"C1", 15000000, 2500000, 16000000, "laag", true},
		{"C2", 8000050, 0, 0, "geen", true},
		{"C3", 20000000, 0, 25000000, "midden", false},
		{"C4", 12000025, 1000010, 17250010, "hoog", true},
		{"C5", 6000000, 0, 2500000, "", true},
	};
	for (int i = 0; i < 5; i++) {
		int32_t k = model_measure(m, h[i].id);
		assert_true(k >= 0);
		rows[i] = (choice_row){&m->measures[k], h[i].expected, h[i].one_off, h[i].cost,
				       h[i].impact, h[i].adopted};
	}
	memset(c, 0, sizeof *c);
	c->present = true;
	c->unit = m->root;
	c->file = "s.lua";
	c->line = 3;
	c->probability = 0.8;
	c->reached_in = 0.815;
	c->reached_out = 0.8032;
	c->reached_out_se = 0.003975; /* sqrt(0.8032 x 0.1968 / 10,000) */
	c->draws_in = 2000;
	c->draws_out = 10000;
	c->seed_in = 20240101;
	c->seed_out = 20240102;
	c->gap = 0.0042;
	c->cost_cents = 35750010;
	c->rows = rows;
	c->nrows = 5;
	c->curve[0] = (choice_point){0.5, true, 12000000, 0.52, 0};
	c->curve[1] = (choice_point){0.7, true, 25000000, 0.7105, 0.001};
	c->curve[2] = (choice_point){0.8, true, 35750010, 0.815, 0.0042};
	c->curve[3] = (choice_point){0.9, false, 0, 0.8735, 0};
	c->ncurve = 4;
	c->solver = "GLPK 5.0";
}

static const char rows_csv[] =
	"candidate,unit,title,expected_eur,fte,patient_impact,one_off_cost_eur,cost,adopted\n"
	"C1,AFD1,\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",150000.00,2.50,"
	"laag; minder wachttijd,25000.00,160000.00,yes\n"
	"C2,AFD2,\"Inkoop\nbundelen\",80000.50,0.00,geen,0.00,0.00,yes\n"
	"C3,AFD2,Nachtdienst samenvoegen,200000.00,4.00,midden; langere reistijd,0.00,250000.00,no\n"
	"C4,AFD3,Poli sluiten _x0041_,120000.25,1.25,'+hoog,10000.10,172500.10,yes\n"
	"C5,DIV1,Divisiestaf halveren,60000.00,0.50,,0.00,25000.00,yes\n";

static const char summary_csv[] =
	"key,value\n"
	"unit,LUMC\n"
	"probability,0.8000\n"
	"reached_in_sample,0.8150\n"
	"reached_out_of_sample,0.8032\n"
	"reached_out_of_sample_se,0.0040\n"
	"gap,0.004200\n"
	"cost_eur,357500.10\n"
	"adopted,4\n"
	"candidates,5\n"
	"expected_eur,410000.75\n"
	"fte,4.25\n"
	"one_off_cost_eur,35000.10\n"
	"draws_in_sample,2000\n"
	"draws_out_of_sample,10000\n"
	"seed_in_sample,20240101\n"
	"seed_out_of_sample,20240102\n"
	"solver,GLPK 5.0\n"
	"line,3\n";

static const char tradeoff_csv[] =
	"probability,feasible,cost_eur,reached,gap\n"
	"0.5000,yes,120000.00,0.5200,0.000000\n"
	"0.7000,yes,250000.00,0.7105,0.001000\n"
	"0.8000,yes,357500.10,0.8150,0.004200\n"
	"0.9000,no,,0.8735,\n";

/* What fn writes for the choice, as a string (malloc'ed). */
static char *written(void (*rows_fn)(FILE *, const model *, const choice_result *),
		     void (*curve_fn)(FILE *, const choice_result *), const model *m,
		     const choice_result *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (rows_fn)
		rows_fn(f, m, c);
	else
		curve_fn(f, c);
	fclose(f);
	return buf;
}

typedef struct fixture {
	char *dir;
	const char *keep; /* FITPLAN_CHOICE_OUT, or NULL */
	char out[4200];
	run_result res;
	testrun t;
	choice_row rows[5];
} fixture;

static int setup(void **state)
{
	fixture *fx = xcalloc(1, sizeof *fx);
	fx->dir = tmpdir_make();
	fx->keep = getenv("FITPLAN_CHOICE_OUT");
	snprintf(fx->out, sizeof fx->out, "%s", fx->keep && *fx->keep ? fx->keep : fx->dir);
	write_model(fx->dir);
	if (fx->keep && *fx->keep) /* the model beside the files, for the checks that read them */
		write_model(fx->keep);
	testrun_init(&fx->t, fx->dir);
	assert_int_equal(run_compute(&fx->res, &fx->t.o), FP_OK);
	make_choice(&fx->res.ctx.m, &fx->res.s[0].choice, fx->rows);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	/* The rows are the fixture's, not malloc'ed as optimise_run's, which the release
	 * frees. */
	fx->res.s[0].choice.rows = NULL;
	run_result_release(&fx->res);
	tmpdir_remove(fx->dir);
	free(fx);
	return 0;
}

static void test_csv_bytes(void **state)
{
	fixture *fx = *state;
	const model *m = &fx->res.ctx.m;
	const choice_result *c = &fx->res.s[0].choice;
	char *s = written(choice_csv_rows, NULL, m, c);
	assert_string_equal(s, rows_csv);
	free(s);
	s = written(choice_csv_summary, NULL, m, c);
	assert_string_equal(s, summary_csv);
	free(s);
	s = written(NULL, choice_csv_tradeoff, m, c);
	assert_string_equal(s, tradeoff_csv);
	free(s);
}

/* The run lists (and so writes and its summary names) the three files only with a choice. */
static void test_run_lists_files(void **state)
{
	fixture *fx = *state;
	run_scenario *s = &fx->res.s[0];
	const char *want[] = {"optimise.csv", "optimise_summary.csv", "optimise_tradeoff.csv"};
	size_t found = 0;
	for (int k = 0; k < RUN_CSV_FILES; k++) {
		const char *name = run_csv_name(s, k);
		for (size_t i = 0; name && i < 3; i++)
			if (strcmp(name, want[i]) == 0) {
				assert_int_equal(found, i); /* in this order */
				found++;
			}
	}
	assert_int_equal(found, 3);
	s->choice.present = false;
	for (int k = 0; k < RUN_CSV_FILES; k++) {
		const char *name = run_csv_name(s, k);
		assert_true(!name || strncmp(name, "optimise", 8) != 0);
	}
	assert_null(run_scenario_view(s).choice);
	s->choice.present = true;
	assert_ptr_equal(run_scenario_view(s).choice, &s->choice);
}

/* Whether the workbook at path has a sheet named name. */
static bool has_sheet(const char *path, const char *name)
{
	diag d;
	diag_init(&d, stderr);
	xlsxr_book *b = NULL;
	assert_int_equal(xlsxr_open(path, &b, &d), FP_OK);
	bool yes = xlsxr_sheet_find(b, name) >= 0;
	xlsxr_free(b);
	return yes;
}

/* The committee's and every unit's workbook into dir (lang: nl or en); the CSV files too. */
static void write_books(fixture *fx, const char *dir, xlsx_lang lang, bool with_choice)
{
	const model *m = &fx->res.ctx.m;
	xlsx_scenario xs = run_scenario_view(&fx->res.s[0]);
	if (!with_choice)
		xs.choice = NULL;
	xlsx_opts o = {.lang = lang, .run_id = "0123456789abcdef", .run_hash = "feed"};
	diag d;
	diag_init(&d, stderr);
	char path[8400];
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/departments", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/monitor.xlsx", dir);
	assert_int_equal(xlsx_monitor(path, path, m, &xs, 1, 0, &o, &d), FP_OK);
	uint32_t *order = xlsx_tree_order(m, xs.res);
	for (size_t k = 0; k < m->nunits; k++) {
		if (!xlsx_wants_book(m, (int32_t)k))
			continue;
		snprintf(path, sizeof path, "%s/departments/%s.xlsx", dir, m->units[k].code);
		assert_int_equal(xlsx_unit_book(path, path, m, &xs, (int32_t)k, order, &o, &d),
				 FP_OK);
	}
	free(order);
	if (!with_choice)
		return;
	void (*fns[])(FILE *, const model *, const choice_result *) = {choice_csv_rows,
								       choice_csv_summary};
	const char *names[] = {"optimise.csv", "optimise_summary.csv", "optimise_tradeoff.csv"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		if (i < 2)
			fns[i](f, m, xs.choice);
		else
			choice_csv_tradeoff(f, xs.choice);
		assert_int_equal(fclose(f), 0);
	}
}

static void test_books(void **state)
{
	fixture *fx = *state;
	const char *sh[] = {"Keuzes", "Choices"};
	char dir[8400], path[8600];
	for (int lang = 0; lang < 2; lang++) {
		snprintf(dir, sizeof dir, "%s/%s", fx->out, lang ? "en" : "nl");
		write_books(fx, dir, lang ? LANG_EN : LANG_NL, true);
		snprintf(path, sizeof path, "%s/monitor.xlsx", dir);
		assert_true(has_sheet(path, sh[lang]));
		/* A unit's sheet only where its subtree has candidates: not AFD4's. */
		static const char *const with[] = {"AFD1", "AFD2", "AFD3", "DIV1", "DIV2"};
		for (size_t i = 0; i < 5; i++) {
			snprintf(path, sizeof path, "%s/departments/%s.xlsx", dir, with[i]);
			assert_true(has_sheet(path, sh[lang]));
		}
		snprintf(path, sizeof path, "%s/departments/AFD4.xlsx", dir);
		assert_false(has_sheet(path, sh[lang]));
	}
	/* Without a choice: no sheet anywhere. */
	snprintf(dir, sizeof dir, "%s/none", fx->out);
	write_books(fx, dir, LANG_NL, false);
	snprintf(path, sizeof path, "%s/monitor.xlsx", dir);
	assert_false(has_sheet(path, "Keuzes"));
	snprintf(path, sizeof path, "%s/departments/DIV1.xlsx", dir);
	assert_false(has_sheet(path, "Keuzes"));
}

/* The cells of one sheet: the number of cells read and whether D6 (the certainty asked,
 * the first rows) and G49 (the total cost, a formula in the last row, below the chart's
 * rows) were among them. */
typedef struct seen {
	size_t cells;
	bool asked, total;
} seen;

static bool on_cell(void *ctx, const xlsxr_cell *cell)
{
	seen *s = ctx;
	s->cells++;
	if (cell->row == 5 && cell->col == 3 && strcmp(cell->text, "0.8") == 0)
		s->asked = true;
	if (cell->formula && cell->row == 48 && cell->col == 6) /* the Totaal's cost */
		s->total = true;
	return true;
}

/* A workbook written in constant-memory mode (a register above XLSX_TABLE_LIMIT) keeps no
 * row once a later one is written: the Keuzes sheet must be filled from top to bottom, or
 * its question and answer would be lost without a word. */
static void test_streamed_sheet_keeps_every_row(void **state)
{
	fixture *fx = *state;
	char path[8400];
	snprintf(path, sizeof path, "%s/streamed.xlsx", fx->dir);
	xlsx_scenario xs = run_scenario_view(&fx->res.s[0]);
	xlsx_opts o = {.lang = LANG_NL};
	diag d;
	diag_init(&d, stderr);
	book b;
	assert_int_equal(book_open(&b, path, path, &fx->res.ctx.m, &o, "plan", "t", NULL, true, &d),
			 FP_OK);
	choices_sheet(&b, &xs);
	assert_int_equal(book_close(&b, path, &d), FP_OK);
	xlsxr_book *xb = NULL;
	assert_int_equal(xlsxr_open(path, &xb, &d), FP_OK);
	long k = xlsxr_sheet_find(xb, "Keuzes");
	assert_true(k >= 0);
	seen sn = {0};
	assert_int_equal(xlsxr_read_sheet(xb, (size_t)k, on_cell, &sn, &d), FP_OK);
	xlsxr_free(xb);
	assert_true(sn.asked);
	assert_true(sn.total);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_bytes),
		cmocka_unit_test(test_run_lists_files),
		cmocka_unit_test(test_books),
		cmocka_unit_test(test_streamed_sheet_keeps_every_row),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
