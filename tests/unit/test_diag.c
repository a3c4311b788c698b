/* test_diag: the message forms (FILE:LINE:COL, shorter ones), the cap and its count, and
 * the worst status of a run (core/diag and core/status). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "core/status.h"

static void message_forms(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	diag_error(&m.d, "budgets/units.csv", 14, 3, "unknown parent '%s'", "DIV9");
	diag_error(&m.d, "budgets/units.csv", 1, 0, "missing required column '%s'", "type");
	diag_error(&m.d, "budgets/targets.csv", 0, 0, "the root has no target");
	diag_error(&m.d, "budgets/targets.csv", 0, 5, "col without line is left out");
	diag_error(&m.d, NULL, 0, 0, "the savings of unit '%s' overflow", "LUMC");
	diag_warning(&m.d, "x.csv", 2, 1, "a warning");
	diag_report(&m.d, DIAG_NOTE, FP_OK, NULL, 0, 0, "a note");
	assert_string_equal(msgs_text(&m),
			    "fitplan: budgets/units.csv:14:3: error: unknown parent 'DIV9'\n"
			    "fitplan: budgets/units.csv:1: error: missing required column 'type'\n"
			    "fitplan: budgets/targets.csv: error: the root has no target\n"
			    "fitplan: budgets/targets.csv: error: col without line is left out\n"
			    "fitplan: error: the savings of unit 'LUMC' overflow\n"
			    "fitplan: x.csv:2:1: warning: a warning\n"
			    "fitplan: note: a note\n");
	assert_int_equal(m.d.errors, 5);
	assert_int_equal(m.d.warnings, 1);
	assert_int_equal(m.d.status, FP_EDATA);
	msgs_release(&m);
}

/* With nothing held back, diag_finish says nothing, also after a note (a note is shown
 * but counted neither as an error nor as a warning). */
static void finish_without_hidden_messages(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	diag_error(&m.d, "a.csv", 1, 1, "an error");
	diag_warning(&m.d, "a.csv", 2, 1, "a warning");
	diag_finish(&m.d);
	assert_string_equal(msgs_text(&m), "fitplan: a.csv:1:1: error: an error\n"
					   "fitplan: a.csv:2:1: warning: a warning\n");
	diag_report(&m.d, DIAG_NOTE, FP_OK, "a.csv", 3, 0, "a note");
	diag_finish(&m.d);
	assert_string_equal(msgs_text(&m), "fitplan: a.csv:1:1: error: an error\n"
					   "fitplan: a.csv:2:1: warning: a warning\n"
					   "fitplan: a.csv:3: note: a note\n");
	msgs_release(&m);
}

static void warnings_keep_status(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	diag_warning(&m.d, "x.csv", 1, 1, "just a warning");
	assert_int_equal(m.d.status, FP_OK);
	assert_int_equal(m.d.errors, 0);
	diag_report(&m.d, DIAG_ERROR, FP_ENOINPUT, "budgets", 0, 0, "cannot open");
	diag_error(&m.d, "a.csv", 1, 1, "bad data");
	assert_int_equal(m.d.status, FP_ENOINPUT); /* the worse one stays */
	diag_report(&m.d, DIAG_ERROR, FP_OK, "a.csv", 1, 1, "an error is never ok");
	assert_int_equal(m.d.status, FP_ENOINPUT);
	msgs_release(&m);

	msgs_init(&m);
	diag_report(&m.d, DIAG_ERROR, FP_OK, "a.csv", 1, 1, "an error is never ok");
	assert_int_equal(m.d.status, FP_EDATA);
	msgs_release(&m);
}

static void cap_counts_the_rest(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	m.d.cap = 3;
	for (int i = 1; i <= 5; i++)
		diag_error(&m.d, "b.csv", i, 1, "error %d", i);
	diag_warning(&m.d, "b.csv", 9, 1, "warning");
	diag_finish(&m.d);
	assert_string_equal(msgs_text(&m),
			    "fitplan: b.csv:1:1: error: error 1\n"
			    "fitplan: b.csv:2:1: error: error 2\n"
			    "fitplan: b.csv:3:1: error: error 3\n"
			    "fitplan: 3 more messages not shown (5 errors in all)\n");
	/* a second finish says only what is new */
	diag_finish(&m.d);
	diag_error(&m.d, "b.csv", 10, 1, "error 6");
	diag_finish(&m.d);
	const char *text = msgs_text(&m);
	const char *last = "fitplan: 1 more messages not shown (6 errors in all)\n";
	assert_string_equal(text + strlen(text) - strlen(last), last);
	assert_int_equal(m.d.shown, 3);
	assert_int_equal(m.d.errors, 6);
	msgs_release(&m);
}

/* Warnings that fill the cap must not hide the error that fails the run: 100,000 adopted
 * candidates in a freeze's scope warned 200 times, then "cannot create" went unsaid. The
 * first error is shown past the cap; later ones are only counted. */
static void first_error_shown_past_the_cap(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	m.d.cap = 2;
	for (int i = 1; i <= 3; i++)
		diag_warning(&m.d, "s.lua", i, 0, "warning %d", i);
	diag_error(&m.d, "out", 0, 0, "cannot create");
	diag_error(&m.d, "out", 0, 0, "second");
	diag_finish(&m.d);
	assert_string_equal(msgs_text(&m),
			    "fitplan: s.lua:1: warning: warning 1\n"
			    "fitplan: s.lua:2: warning: warning 2\n"
			    "fitplan: out: error: cannot create\n"
			    "fitplan: 2 more messages not shown (2 errors in all)\n");
	msgs_release(&m);
}

static void default_cap_is_200(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	assert_int_equal(m.d.cap, 200);
	for (int i = 0; i < 1000; i++)
		diag_error(&m.d, "b.csv", i + 1, 1, "e");
	diag_finish(&m.d);
	const char *text = msgs_text(&m);
	size_t lines = 0;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 201);
	const char *last = "fitplan: 800 more messages not shown (1000 errors in all)\n";
	assert_string_equal(text + strlen(text) - strlen(last), last);
	msgs_release(&m);
}

static void status_order(void **state)
{
	(void)state;
	/* most severe first: 70, 74, 73, 69, 66, 65, 64, 1, 0 */
	static const fp_status order[] = {FP_ESOFTWARE, FP_EIO, FP_ECANTCREAT, FP_EUNAVAILABLE,
					  FP_ENOINPUT, FP_EDATA, FP_EUSAGE, FP_DIFFERENT, FP_OK};
	size_t n = sizeof order / sizeof *order;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			fp_status want = order[i < j ? i : j];
			assert_int_equal(status_worse(order[i], order[j]), want);
		}
	assert_int_equal(FP_OK, 0);
	assert_int_equal(FP_DIFFERENT, 1);
	assert_int_equal(FP_EUSAGE, 64);
	assert_int_equal(FP_EDATA, 65);
	assert_int_equal(FP_ENOINPUT, 66);
	assert_int_equal(FP_EUNAVAILABLE, 69);
	assert_int_equal(FP_ESOFTWARE, 70);
	assert_int_equal(FP_ECANTCREAT, 73);
	assert_int_equal(FP_EIO, 74);
	assert_string_equal(status_str(FP_OK), "success");
	assert_string_equal(status_str(FP_EDATA), "data error");
	assert_string_equal(status_str(FP_ENOINPUT), "cannot open input");
	assert_string_equal(status_str(FP_EUNAVAILABLE), "service unavailable");
	assert_string_equal(status_str((fp_status)12), "unknown status");
}

/* Two holders (as the two unit workbook threads): their messages come out in the order of
 * their keys, whichever holder kept them, counted and capped as the run's own; what a
 * holder only counted (past its cap) is counted too. */
static void held_messages_merged_in_key_order(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	m.d.cap = 4;
	diag_error(&m.d, "run.csv", 0, 0, "before");
	diag a, b;
	diag_init(&a, stderr);
	diag_init(&b, stderr);
	a.cap = b.cap = 3;
	diag_hold(&a);
	diag_hold(&b);
	/* b, with the odd keys, reports all of its first; each keeps its first three */
	for (long i = 0; i < 10; i++) {
		long k = i < 5 ? 2 * i + 1 : 2 * (i - 5);
		diag *d = k % 2 ? &b : &a;
		d->key = k;
		diag_report(d, k == 2 ? DIAG_WARNING : DIAG_ERROR, k == 1 ? FP_EIO : FP_ECANTCREAT,
			    "unit.xlsx", 0, 0, "item %ld", k);
	}
	assert_int_equal(a.nheld, 3);
	assert_int_equal(b.nheld, 3);
	diag *held[] = {&a, &b};
	diag_merge(&m.d, held, 2);
	assert_int_equal(a.nheld, 0);
	assert_null(b.held);
	diag_finish(&m.d);
	assert_string_equal(msgs_text(&m), "fitplan: run.csv: error: before\n"
					   "fitplan: unit.xlsx: error: item 0\n"
					   "fitplan: unit.xlsx: error: item 1\n"
					   "fitplan: unit.xlsx: warning: item 2\n"
					   "fitplan: 7 more messages not shown (10 errors in all)\n");
	assert_int_equal(m.d.errors, 10);
	assert_int_equal(m.d.warnings, 1);
	assert_int_equal(m.d.status, FP_EIO);
	msgs_release(&m);
}

/* A note past the cap is neither shown nor counted: it belongs to a message that was not
 * shown either, and diag_full lets a caller skip the work of one (a did-you-mean against
 * 100,000 units for each of 100,000 bad rows took minutes, for notes nobody saw). */
static void notes_past_the_cap_not_counted(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	m.d.cap = 2;
	assert_false(diag_full(&m.d));
	for (int i = 1; i <= 3; i++) {
		diag_error(&m.d, "c.csv", i, 1, "error %d", i);
		diag_report(&m.d, DIAG_NOTE, FP_OK, "c.csv", i, 1, "note %d", i);
	}
	assert_true(diag_full(&m.d));
	diag_finish(&m.d);
	assert_string_equal(msgs_text(&m), "fitplan: c.csv:1:1: error: error 1\n"
					   "fitplan: c.csv:1:1: note: note 1\n"
					   "fitplan: 2 more messages not shown (3 errors in all)\n");
	assert_int_equal(m.d.notes, 1);
	msgs_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(held_messages_merged_in_key_order),
		cmocka_unit_test(message_forms),
		cmocka_unit_test(finish_without_hidden_messages),
		cmocka_unit_test(warnings_keep_status),
		cmocka_unit_test(cap_counts_the_rest),
		cmocka_unit_test(notes_past_the_cap_not_counted),
		cmocka_unit_test(first_error_shown_past_the_cap),
		cmocka_unit_test(default_cap_is_200),
		cmocka_unit_test(status_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
