/* test_changes: versions parse strictly, the changes between two versions are those after
 * the older and up to the newer (either way round), and the tool's own table is in order,
 * parses and goes no further than this version. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "audit/changes.h"
#include "version.h"
#include <string.h>

static void versions_parse_strictly(void **state)
{
	(void)state;
	unsigned v[3] = {7, 7, 7};
	assert_true(changes_version_parse("0.1.0", v));
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], 1);
	assert_int_equal(v[2], 0);
	assert_true(changes_version_parse("12.34.56789", v));
	assert_int_equal(v[2], 56789);
	const char *bad[] = {"", "1", "1.2", "1.2.", "1.2.3.", "1.2.3.4", "v1.2.3", "1.2.3 ",
			     "1..3", "1.2.x", "-1.2.3", "1.2.123456", "1.2.3\n"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		v[0] = v[1] = v[2] = 9;
		assert_false(changes_version_parse(bad[i], v));
		assert_int_equal(v[0], 9); /* untouched */
	}
}

static const fig_change table[] = {
	{"0.2.0", "a", "first", ".csv .xlsx"},
	{"0.2.1", "b", "second", "monitor.xlsx"},
	{"0.10.0", "c", "third (0.10 comes after 0.2, not before)", "/tornado.csv"},
	{NULL, NULL, NULL, NULL},
};

static const char *const all_outputs[] = {"s/tornado.csv", "s/monitor.xlsx"};

static void between_two_versions(void **state)
{
	(void)state;
	const fig_change *out[4];
	assert_int_equal(changes_between(table, "0.1.0", "0.2.0", out, 4), 1);
	assert_string_equal(out[0]->id, "a");
	assert_int_equal(changes_between(table, "0.2.0", "0.2.0", out, 4), 0);
	assert_int_equal(changes_between(table, "0.2.0", "0.10.0", out, 4), 2);
	assert_string_equal(out[0]->id, "b");
	assert_string_equal(out[1]->id, "c");
	/* either way round: a record from a newer version differs by the same changes */
	assert_int_equal(changes_between(table, "0.10.0", "0.1.0", out, 4), 3);
	assert_string_equal(out[0]->id, "a");
	assert_string_equal(out[2]->id, "c");
	/* more than max: the count is all of them, out holds the first max */
	assert_int_equal(changes_between(table, "0.0.1", "9.0.0", out, 1), 3);
	assert_string_equal(out[0]->id, "a");
	/* an unknown version: nothing can be said */
	assert_int_equal(changes_between(table, "forged", "0.10.0", out, 4), 0);
	assert_int_equal(changes_between(table, "0.1.0", "", out, 4), 0);
}

static int vcmp(const unsigned a[3], const unsigned b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static void the_tools_own_table(void **state)
{
	(void)state;
	unsigned prev[3] = {0, 0, 0}, now[3], v[3];
	assert_true(changes_version_parse(FITPLAN_VERSION, now));
	for (const fig_change *c = changes_table; c->version; c++) {
		assert_true(changes_version_parse(c->version, v));
		assert_non_null(c->id);
		assert_true(strlen(c->what) > 0);
		assert_true(c->outputs && strlen(c->outputs) > 0);
		/* oldest first, none later than this build */
		assert_true(vcmp(prev, v) <= 0);
		assert_true(vcmp(v, now) <= 0);
		memcpy(prev, v, sizeof v);
	}
}

static void explain_says_nothing_within_a_version(void **state)
{
	(void)state;
	char buf[256] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	assert_false(changes_explain(f, changes_table, FITPLAN_VERSION, FITPLAN_VERSION,
				     all_outputs, 2));
	assert_false(changes_explain(f, table, "0.2.1", "0.2.9", all_outputs, 2));
	assert_false(changes_explain(f, table, "not a version", "0.2.1", all_outputs, 2));
	/* a change that cannot change the outputs that differ is not named */
	const char *const manifest_only[] = {"manifest.json"};
	assert_false(changes_explain(f, table, "0.1.0", "0.2.1", manifest_only, 1));
	fclose(f);
	assert_string_equal(buf, "");
}

/* Only the changes that can change the outputs that differ are named. */
static void explain_only_what_touches(void **state)
{
	(void)state;
	char buf[1024] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	const char *const csv_only[] = {"plan/projection.csv"};
	assert_true(changes_explain(f, table, "0.1.0", "0.10.0", csv_only, 1));
	fclose(f);
	assert_string_equal(buf,
		"by design: the record was made by fitplan 0.1.0; since then, figures were "
		"changed on purpose by\n"
		"  0.2.0 a: first\n"
		"see docs/changes.md; fitplan 0.1.0 re-runs the record's own figures\n");
}

static void explain_names_each_change(void **state)
{
	(void)state;
	char buf[1024] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	assert_true(changes_explain(f, table, "0.1.0", "0.2.1", all_outputs, 2));
	fclose(f);
	assert_string_equal(buf,
		"by design: the record was made by fitplan 0.1.0; since then, figures were "
		"changed on purpose by\n"
		"  0.2.0 a: first\n"
		"  0.2.1 b: second\n"
		"see docs/changes.md; fitplan 0.1.0 re-runs the record's own figures\n");
	memset(buf, 0, sizeof buf);
	f = fmemopen(buf, sizeof buf, "w");
	assert_true(changes_explain(f, table, "0.10.0", "0.2.1", all_outputs, 2));
	fclose(f);
	assert_string_equal(buf,
		"by design: the record was made by fitplan 0.10.0, newer than this fitplan 0.2.1, "
		"which lacks\n"
		"  0.10.0 c: third (0.10 comes after 0.2, not before)\n"
		"see docs/changes.md; fitplan 0.10.0 re-runs the record's own figures\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(versions_parse_strictly),
		cmocka_unit_test(between_two_versions),
		cmocka_unit_test(the_tools_own_table),
		cmocka_unit_test(explain_says_nothing_within_a_version),
		cmocka_unit_test(explain_names_each_change),
		cmocka_unit_test(explain_only_what_touches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
