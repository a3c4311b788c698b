/* test_register: the workbook register's contract (model/register.h), which the writer
 * (export/) and the reader of returned workbooks (returns/) share: the columns, their
 * headers in both languages made unique as Excel's tables need, the head's sheet (its years
 * and at most 16 columns), the sheet names and the status words in both languages. The workbooks themselves are checked end to end by tests/workbooks. */
#include "testutil.h"
#include "model/register.h"
#include "io/text.h"

/* A model with plan years 2023..2025 and two measures files with extra columns; only what
 * the layout reads is set. */
typedef struct fixture {
	model m;
	measure_file mf[2];
	const char *extra0[2], *extra1[3];
} fixture;

static void fixture_init(fixture *f)
{
	memset(f, 0, sizeof *f);
	f->m.base_year = 2022;
	f->m.nyears = 3;
	f->extra0[0] = "owner";
	f->extra0[1] = "notes";
	f->extra1[0] = "notes"; /* the same column as file 0's: one register column */
	f->extra1[1] = "Titel"; /* equal to a header, ignoring case: renamed */
	f->extra1[2] = "EXPECTED 2024";
	f->mf[0] = (measure_file){.path = "a.csv", .nextra = 2, .extra_names = f->extra0};
	f->mf[1] = (measure_file){.path = "b.csv", .nextra = 3, .extra_names = f->extra1};
	f->m.mfiles = f->mf;
	f->m.nmfiles = 2;
}

static void test_columns(void **state)
{
	(void)state;
	fixture f;
	fixture_init(&f);
	register_layout l;
	register_layout_init(&l, &f.m);
	assert_int_equal(l.nyears, 3);
	assert_int_equal(l.c_extra, REGISTER_Y0 + 3);
	assert_int_equal(l.nextra, 4); /* owner, notes, Titel, EXPECTED 2024 */
	assert_int_equal(l.c_origin, l.c_extra + 4);
	assert_int_equal(l.ncols, l.c_origin + 1);
	assert_int_equal(register_extra_col(&l, 0, 0), l.c_extra);
	assert_int_equal(register_extra_col(&l, 0, 1), l.c_extra + 1);
	assert_int_equal(register_extra_col(&l, 1, 0), l.c_extra + 1);
	assert_int_equal(register_extra_col(&l, 1, 1), l.c_extra + 2);
	assert_int_equal(register_extra_col(&l, 1, 2), l.c_extra + 3);
	register_layout_release(&l);
}

static void test_headers(void **state)
{
	(void)state;
	fixture f;
	fixture_init(&f);
	register_layout l;
	register_layout_init(&l, &f.m);
	static const char *const nl[] = {
		"Maatregel", "Eenheid", "Naam", "Titel", "Pijler", "Categorie", "Aard", "Status",
		"FTE", "2023", "2024", "2025", "owner", "notes", "Titel (extra)", "EXPECTED 2024",
		"Herkomst"};
	static const char *const en[] = {
		"Measure", "Unit", "Name", "Title", "Pillar", "Category", "Nature", "Status",
		"FTE", "2023", "2024", "2025", "owner", "notes", "Titel (extra)", "EXPECTED 2024",
		"Origin"};
	assert_int_equal(l.ncols, (int)(sizeof nl / sizeof *nl));
	for (int c = 0; c < l.ncols; c++) {
		assert_string_equal(l.head[REGISTER_NL][c], nl[c]);
		assert_string_equal(l.head[REGISTER_EN][c], en[c]);
	}
	register_layout_release(&l);
}

/* A renamed header stays within what libxlsxwriter takes (TEXT_NAME_MAX): its name is cut
 * to make room for the column number. */
static void test_long_header(void **state)
{
	(void)state;
	fixture f;
	fixture_init(&f);
	char name[TEXT_NAME_MAX + 1], upper[TEXT_NAME_MAX + 1];
	memset(name, 'a', TEXT_NAME_MAX);
	name[TEXT_NAME_MAX] = '\0';
	memcpy(upper, name, sizeof name);
	upper[0] = 'A'; /* another column, the same header ignoring case */
	const char *extra[2] = {name, upper};
	f.mf[0].nextra = 0;
	f.mf[1] = (measure_file){.path = "b.csv", .nextra = 2, .extra_names = extra};
	register_layout l;
	register_layout_init(&l, &f.m);
	assert_int_equal(l.nextra, 2);
	assert_string_equal(l.head[REGISTER_NL][l.c_extra], name);
	const char *h = l.head[REGISTER_NL][l.c_extra + 1];
	char want[TEXT_NAME_MAX + 16];
	snprintf(want, sizeof want, "A%.*s (extra)", TEXT_NAME_MAX - 9, name);
	assert_int_equal(strlen(want), TEXT_NAME_MAX);
	assert_string_equal(h, want);
	register_layout_release(&l);
}

/* Extra columns never take a header of fitplan's own, in either language and any case
 * (both languages name the column alike), nor one another's: a clash gets " (extra)", then
 * " (extra 2)", ..., whatever is free; fitplan's own headers keep their words. */
static void test_extra_collisions(void **state)
{
	(void)state;
	fixture f;
	fixture_init(&f);
	const char *extra[] = {"owner", "Owner", "OWNER", "owner (extra)", "Herkomst", "origin",
			       "MAATREGEL", "Naam", "name", "pijler", "Categorie", "AARD", "fte (1)",
			       "Eenheid", "Titel", "titel (extra)", "Ownér", "OWNÉR", "notes"};
	const char *want[] = {"owner", "Owner (extra)", "OWNER (extra 2)", "owner (extra) (extra)",
			      "Herkomst (extra)", "origin (extra)", "MAATREGEL (extra)",
			      "Naam (extra)", "name (extra)", "pijler (extra)",
			      "Categorie (extra)", "AARD (extra)", "fte (1)", "Eenheid (extra)",
			      "Titel (extra)", "titel (extra) (extra)", "Ownér", "OWNÉR (extra)",
			      "notes"};
	size_t n = sizeof extra / sizeof *extra;
	f.mf[0].nextra = 0;
	f.mf[1] = (measure_file){.path = "b.csv", .nextra = n, .extra_names = extra};
	register_layout l;
	register_layout_init(&l, &f.m);
	assert_int_equal(l.nextra, n);
	for (size_t e = 0; e < n; e++) {
		assert_string_equal(l.head[REGISTER_NL][l.c_extra + (int)e], want[e]);
		assert_string_equal(l.head[REGISTER_EN][l.c_extra + (int)e], want[e]);
	}
	assert_string_equal(l.head[REGISTER_NL][l.c_origin], "Herkomst");
	assert_string_equal(l.head[REGISTER_EN][l.c_origin], "Origin");
	assert_string_equal(l.head[REGISTER_NL][REGISTER_ID], "Maatregel");
	/* Every header of a language unique ignoring case. */
	for (int lang = 0; lang < REGISTER_NLANGS; lang++)
		for (int a = 0; a < l.ncols; a++)
			for (int b = a + 1; b < l.ncols; b++)
				assert_int_not_equal(text_foldcmp(l.head[lang][a], l.head[lang][b]), 0);
	register_layout_release(&l);
}

static void test_sheets_and_choices(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(register_sheet_name(buf, sizeof buf, REGISTER_NL, 0), "Maatregelen");
	assert_string_equal(register_sheet_name(buf, sizeof buf, REGISTER_NL, 1),
			    "Maatregelen (2)");
	assert_string_equal(register_sheet_name(buf, sizeof buf, REGISTER_EN, 2), "Measures (3)");
	assert_string_equal(register_sheet_word(REGISTER_EN), "Measures");
	assert_string_equal(register_update_sheet_name(buf, sizeof buf, REGISTER_NL, 0),
			    "Voortgang");
	assert_string_equal(register_update_sheet_name(buf, sizeof buf, REGISTER_EN, 1),
			    "Update (2)");
	const char *choices[STATUS_COUNT + 1];
	register_status_choices(REGISTER_EN, choices);
	assert_string_equal(choices[0], "idea");
	assert_string_equal(choices[1], "planned");
	assert_string_equal(choices[2], "decided");
	assert_string_equal(choices[3], "realised");
	assert_null(choices[STATUS_COUNT]);
	for (int s = 0; s < STATUS_COUNT; s++) {
		/* The English choices are the data files' words. */
		assert_int_equal(measure_status_parse(choices[s], strlen(choices[s])), s);
		assert_int_equal(register_status_parse(choices[s], strlen(choices[s])), s);
	}
	register_status_choices(REGISTER_NL, choices);
	assert_string_equal(choices[0], "idee");
	assert_string_equal(choices[1], "gepland");
	assert_string_equal(choices[2], "besloten");
	assert_string_equal(choices[3], "gerealiseerd");
	assert_null(choices[STATUS_COUNT]);
	for (int s = 0; s < STATUS_COUNT; s++) {
		assert_int_equal(register_status_parse(choices[s], strlen(choices[s])), s);
		assert_int_equal(measure_status_parse(choices[s], strlen(choices[s])), -1);
	}
	assert_int_equal(register_status_parse("BESLOTEN", 8), STATUS_DECIDED);
	assert_int_equal(register_status_parse("besloten ", 9), -1); /* the caller trims */
	assert_int_equal(register_status_parse("done", 4), -1);
}

/* The head's sheet: the reporting year from the document time, the expected amounts from
 * it to the target year, never more than 16 columns, and a document time outside the plan
 * years clamped to them. */
static void test_update(void **state)
{
	(void)state;
	fixture f;
	fixture_init(&f);
	f.m.target_year = 2024;
	f.m.document_time = 1688126400; /* 2023-06-30T12:00:00Z */
	register_update u;
	register_update_init(&u, &f.m);
	assert_int_equal(u.year, 2023);
	assert_int_equal(u.year_ix, 0);
	assert_int_equal(u.nexpected, 2);
	assert_int_equal(u.c_comment, UPDATE_EXPECTED + 2);
	assert_int_equal(u.ncols, 10);
	/* A view (no hand-out period): the headers name the reporting year. */
	assert_string_equal(u.period, "");
	assert_string_equal(u.period_label, "2023");
	assert_int_equal(u.period_month, 12);
	static const char *const nl[] = {"Maatregel", "Titel", "Status", "Nieuwe status",
					 "Plan 2023", "Plan t/m 2023", "Gerealiseerd in 2023",
					 "Verwacht 2023", "Verwacht 2024", "Toelichting"};
	static const char *const en[] = {"Measure", "Title", "Status", "New status",
					 "Plan 2023", "Plan to date 2023", "Realised in 2023",
					 "Expected 2023", "Expected 2024", "Comment"};
	for (int c = 0; c < u.ncols; c++) {
		assert_string_equal(u.head[REGISTER_NL][c], nl[c]);
		assert_string_equal(u.head[REGISTER_EN][c], en[c]);
	}
	register_update_release(&u);

	/* After the target year: that year only. */
	f.m.target_year = 2023;
	f.m.document_time = 1735689600; /* 2025-01-01 */
	register_update_init(&u, &f.m);
	assert_int_equal(u.year, 2025);
	assert_int_equal(u.year_ix, 2);
	assert_int_equal(u.nexpected, 1);
	register_update_release(&u);

	/* Before the plan years: the first plan year. */
	f.m.document_time = 0;
	f.m.target_year = 2025;
	register_update_init(&u, &f.m);
	assert_int_equal(u.year, 2023);
	assert_int_equal(u.nexpected, 3);
	register_update_release(&u);

	/* A target far away: later years are cut at 16 columns in all. */
	f.m.base_year = 2000;
	f.m.nyears = 40;
	f.m.target_year = 2040;
	f.m.document_time = 978307200; /* 2001-01-01 */
	register_update_init(&u, &f.m);
	assert_int_equal(u.year, 2001);
	assert_int_equal(u.ncols, REGISTER_UPDATE_MAX_COLS);
	assert_int_equal(u.nexpected, REGISTER_UPDATE_MAX_COLS - UPDATE_EXPECTED - 1);
	assert_string_equal(u.head[REGISTER_NL][u.c_comment], "Toelichting");
	register_update_release(&u);
}

/* A hand-out's head's sheet: the period's year is the reporting year, whatever the
 * document time; its label names the period; a view's the year. The fingerprints of a
 * measure change with the field they are of, and only with it. */
static void test_update_period(void **state)
{
	(void)state;
	fixture f;
	fixture_init(&f);
	f.m.target_year = 2025;
	f.m.document_time = 1688126400; /* 2023-06-30T12:00:00Z */
	register_update u;
	register_update_init_period(&u, &f.m, "2024-Q2");
	assert_true(register_update_is_handout(&u));
	assert_string_equal(u.period, "2024-Q2");
	assert_int_equal(u.year, 2024);
	assert_int_equal(u.year_ix, 1);
	assert_int_equal(u.nexpected, 2);
	assert_string_equal(u.head[REGISTER_NL][UPDATE_PLAN], "Plan 2024");
	/* The hand-out's period names the plan to date and the realisation, through June. */
	assert_string_equal(u.period_label, "2024-Q2");
	assert_int_equal(u.period_month, 6);
	assert_string_equal(u.head[REGISTER_NL][UPDATE_PLAN_TD], "Plan t/m 2024-Q2");
	assert_string_equal(u.head[REGISTER_NL][UPDATE_REALISED], "Gerealiseerd in 2024-Q2");
	assert_string_equal(u.head[REGISTER_EN][UPDATE_REALISED], "Realised in 2024-Q2");
	char buf[64];
	assert_string_equal(register_update_label(&u, REGISTER_NL, buf, sizeof buf),
			    "Voortgang 2024-Q2");
	assert_string_equal(register_update_label(&u, REGISTER_EN, buf, sizeof buf),
			    "Update 2024-Q2");

	int64_t amounts[3] = {100000, 200000, 300000};
	measure ms = {.id = "A-1", .title = "Minder inhuur", .status = STATUS_PLANNED,
		      .amounts = amounts};
	char a[REGISTER_FP_NCOLS][REGISTER_FP_HEX], b[REGISTER_FP_NCOLS][REGISTER_FP_HEX];
	register_fp_measure(&u, &ms, "AFD", a);
	assert_int_equal(strlen(a[REGISTER_FP_ALL]), REGISTER_FP_HEX - 1);
	ms.title = "Minder inhuur!";
	register_fp_measure(&u, &ms, "AFD", b);
	assert_string_not_equal(a[REGISTER_FP_TITLE], b[REGISTER_FP_TITLE]);
	assert_string_equal(a[REGISTER_FP_PLAN], b[REGISTER_FP_PLAN]);
	assert_string_not_equal(a[REGISTER_FP_ALL], b[REGISTER_FP_ALL]);
	ms.title = "Minder inhuur";
	amounts[0] = 1; /* 2023: not on a sheet of 2024 */
	register_fp_measure(&u, &ms, "AFD", b);
	assert_string_equal(a[REGISTER_FP_ALL], b[REGISTER_FP_ALL]);
	amounts[2] = 1; /* 2025: a later year asked for */
	register_fp_measure(&u, &ms, "AFD", b);
	assert_string_equal(a[REGISTER_FP_PLAN], b[REGISTER_FP_PLAN]);
	assert_string_not_equal(a[REGISTER_FP_YEARS], b[REGISTER_FP_YEARS]);
	register_update_release(&u);

	register_update_init_period(&u, &f.m, NULL);
	assert_false(register_update_is_handout(&u));
	assert_int_equal(u.year, 2023);
	assert_string_equal(register_update_label(&u, REGISTER_NL, buf, sizeof buf),
			    "Voortgang 2023");
	register_update_release(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_long_header),
		cmocka_unit_test(test_extra_collisions),
		cmocka_unit_test(test_sheets_and_choices),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_update_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
