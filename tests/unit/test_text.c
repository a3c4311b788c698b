/* test_text: values quoted for messages (quotes, escapes, the 60-byte cut), UTF-8
 * validation with the offset of the first bad byte, widths in code points, the one rule for
 * text (XML 1.0's characters, lengths as Excel counts them) and xlsx's _xHHHH_ escapes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/text.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define Q(lit) text_quote((lit), sizeof(lit) - 1)

static void quote_plain_and_escaped(void **state)
{
	(void)state;
	assert_string_equal(Q("DIV9"), "'DIV9'");
	assert_string_equal(Q(""), "''");
	assert_string_equal(Q("1.234,5"), "'1.234,5'");
	assert_string_equal(Q("it's"), "'it\\x27s'");
	assert_string_equal(Q("a\\b"), "'a\\x5cb'");
	assert_string_equal(Q("tab\there"), "'tab\\x09here'");
	assert_string_equal(Q("new\nline"), "'new\\x0aline'");
	assert_string_equal(Q("cr\r"), "'cr\\x0d'");
	assert_string_equal(Q("nul\0x"), "'nul\\x00x'");
	assert_string_equal(Q("del\x7f"), "'del\\x7f'");
	assert_string_equal(Q("\"q\""), "'\"q\"'");
	/* valid UTF-8 is kept, invalid bytes are escaped one by one */
	assert_string_equal(Q("Afdeling \xc3\x89\xc3\xa9n"), "'Afdeling \xc3\x89\xc3\xa9n'");
	assert_string_equal(Q("\xe2\x82\xac 5"), "'\xe2\x82\xac 5'");
	assert_string_equal(Q("\xff"), "'\\xff'");
	assert_string_equal(Q("a\xc3"), "'a\\xc3'");
	assert_string_equal(Q("\xc9\xe9n"), "'\\xc9\\xe9n'");
	assert_string_equal(Q("\xed\xa0\x80"), "'\\xed\\xa0\\x80'"); /* a surrogate */
	/* C1 controls and U+FFFE/U+FFFF too, byte by byte; U+00A0 and U+FFFD are kept */
	assert_string_equal(Q("csi\xc2\x9b"), "'csi\\xc2\\x9b'");
	assert_string_equal(Q("\xc2\x80\xc2\xa0"), "'\\xc2\\x80\xc2\xa0'");
	assert_string_equal(Q("\xef\xbf\xbf\xef\xbf\xbe\xef\xbf\xbd"),
			    "'\\xef\\xbf\\xbf\\xef\\xbf\\xbe\xef\xbf\xbd'");
}

static void escape_whole_or_cut(void **state)
{
	(void)state;
	char *e = text_escape("plan/\x1b[2J.csv", 13, 0);
	assert_string_equal(e, "plan/\\x1b[2J.csv");
	free(e);
	/* the quote and a backslash are kept, C1 controls and invalid UTF-8 are escaped */
	const char *t = "it's a\\b \xc2\x9b \xc3\xa9 \xff\r\x07";
	e = text_escape(t, strlen(t), 0);
	assert_string_equal(e, "it's a\\b \\xc2\\x9b \xc3\xa9 \\xff\\x0d\\x07");
	free(e);
	/* whole beyond 60 bytes; with max, cut on a character with "..." */
	char s[200];
	memset(s, 'x', sizeof s);
	e = text_escape(s, sizeof s, 0);
	assert_int_equal(strlen(e), 200);
	free(e);
	e = text_escape(s, sizeof s, 10);
	assert_string_equal(e, "xxxxxxxxxx...");
	free(e);
	memcpy(s + 9, "\xe2\x82\xac", 3);
	e = text_escape(s, 12, 10);
	assert_string_equal(e, "xxxxxxxxx\xe2\x82\xac");
	free(e);
	e = text_escape(s, 13, 10);
	assert_string_equal(e, "xxxxxxxxx\xe2\x82\xac...");
	free(e);
	/* the worst case fits: every byte escaped, a cut after a character */
	memset(s, '\x1b', sizeof s);
	e = text_escape(s, sizeof s, 199);
	assert_int_equal(strlen(e), 199 * 4 + 3);
	free(e);
}

static void quote_cut_after_60_bytes(void **state)
{
	(void)state;
	char s[100];
	memset(s, 'X', sizeof s);
	char want[80];
	want[0] = '\'';
	memset(want + 1, 'X', 60);
	strcpy(want + 61, "'");
	assert_string_equal(text_quote(s, 60), want);
	strcpy(want + 61, "...'");
	assert_string_equal(text_quote(s, 61), want);
	assert_string_equal(text_quote(s, 100), want);
	/* a character is not cut in two: one that starts at byte 59 is kept whole */
	memset(s, 'a', 59);
	memcpy(s + 59, "\xe2\x82\xac\xe2\x82\xac", 6);
	char got[80];
	strcpy(got, text_quote(s, 65));
	assert_int_equal(strlen(got), 1 + 59 + 3 + 3 + 1);
	assert_memory_equal(got + 60, "\xe2\x82\xac...'", 7);
	/* escapes of the full 60 bytes fit */
	memset(s, '\n', 60);
	const char *all = text_quote(s, 60);
	assert_int_equal(strlen(all), 2 + 60 * 4);
	assert_memory_equal(all + 1, "\\x0a\\x0a", 8);
}

/* Any number of quotes can be used in one message: each has its own buffer in the
 * caller's block (before: 8 per-thread buffers used in turn, so a ninth overwrote the first). */
static void quotes_in_one_message(void **state)
{
	(void)state;
	char msg[128];
	snprintf(msg, sizeof msg, "%s%s%s%s%s%s%s%s%s%s", text_quotez("a"), text_quotez("b"),
		 text_quotez("c"), text_quotez("d"), text_quotez("e"), text_quotez("f"),
		 text_quotez("g"), text_quotez("h"), text_quotez("i"), text_quotez("j"));
	assert_string_equal(msg, "'a''b''c''d''e''f''g''h''i''j'");
	char buf[TEXT_QUOTE_SIZE];
	assert_ptr_equal(text_quote_into(buf, "LUMC", 4), buf);
	assert_string_equal(buf, "'LUMC'");
	/* the longest quote fits: 60 escaped bytes, "..." and both quotes */
	char s[70];
	memset(s, 1, sizeof s);
	assert_int_equal(strlen(text_quote(s, sizeof s)), 1 + 60 * 4 + 3 + 1);
	assert_true(1 + 60 * 4 + 3 + 1 < TEXT_QUOTE_SIZE);
}

static void utf8_validation(void **state)
{
	(void)state;
	size_t bad = 12345;
	assert_true(text_valid_utf8("", 0, &bad));
	assert_true(text_valid_utf8("plain", 5, &bad));
	assert_true(text_valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, &bad));
	assert_int_equal(bad, 12345); /* untouched when valid */
	assert_false(text_valid_utf8("ab\xff", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(text_valid_utf8("Afdeling \xc9\xe9n", 12, &bad));
	assert_int_equal(bad, 9);
	assert_false(text_valid_utf8("\xc0\xaf", 2, &bad)); /* overlong '/' */
	assert_int_equal(bad, 0);
	assert_false(text_valid_utf8("x\xed\xa0\x80", 4, &bad)); /* surrogate */
	assert_int_equal(bad, 1);
	assert_false(text_valid_utf8("xy\xe2\x82", 4, &bad)); /* cut short */
	assert_int_equal(bad, 2);
	assert_false(text_valid_utf8("\xf4\x90\x80\x80", 4, NULL)); /* above U+10FFFF */
	/* NUL is valid UTF-8; the CSV reader refuses it on its own */
	assert_true(text_valid_utf8("a\0b", 3, NULL));
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(text_width("", 0), 0);
	assert_int_equal(text_width("LUMC", 4), 4);
	assert_int_equal(text_width("\xc3\x89\xc3\xa9n", 5), 3);
	assert_int_equal(text_width("\xe2\x82\xac", 3), 1);
	assert_int_equal(text_prefix_bytes("Afdeling", 8, 3), 3);
	assert_int_equal(text_prefix_bytes("\xc3\x89\xc3\xa9n", 5, 1), 2);
	assert_int_equal(text_prefix_bytes("\xc3\x89\xc3\xa9n", 5, 2), 4);
	assert_int_equal(text_prefix_bytes("\xc3\x89\xc3\xa9n", 5, 10), 5);
	assert_int_equal(text_prefix_bytes("abc", 3, 0), 0);
}

#define CHECK(lit, max, p) text_check((lit), sizeof(lit) - 1, (max), (p))

static void text_rule(void **state)
{
	(void)state;
	text_problem p;
	char buf[80];
	/* Tab, LF, CR, DEL, C1 controls, U+FFFD and characters beyond the BMP are text. */
	assert_true(CHECK("", 0, &p));
	assert_true(CHECK("tab\there\r\nline\x7f\xc2\x85\xef\xbf\xbd\xf0\x9f\x98\x80", 0, &p));
	assert_true(CHECK("x", 1, NULL));
	/* the first problem: NUL before invalid UTF-8 before a character before the length */
	assert_false(CHECK("\xff" "a\0", 1, &p));
	assert_int_equal(p.fault, TEXT_NUL);
	assert_int_equal(p.at, 2);
	assert_string_equal(text_problem_str(&p, buf, sizeof buf), "NUL byte at byte 3");
	assert_false(CHECK("ab\x01\xff", 1, &p));
	assert_int_equal(p.fault, TEXT_BAD_UTF8);
	assert_string_equal(text_problem_str(&p, buf, sizeof buf), "invalid UTF-8 at byte 4");
	assert_false(CHECK("lone \xed\xa0\x80", 0, &p)); /* a surrogate is invalid UTF-8 */
	assert_int_equal(p.fault, TEXT_BAD_UTF8);
	assert_false(CHECK("abc\x1b[0m\x01", 2, &p));
	assert_int_equal(p.fault, TEXT_CONTROL);
	assert_int_equal(p.cp, 0x1b);
	assert_string_equal(text_problem_str(&p, buf, sizeof buf),
			    "control character U+001B at byte 4");
	for (int c = 1; c < 0x20; c++) {
		char one[2] = {(char)c, 0};
		bool text = c == '\t' || c == '\n' || c == '\r';
		assert_int_equal(text_check(one, 1, 0, NULL), text);
	}
	assert_false(CHECK("\xc3\xa9\xef\xbf\xbe", 0, &p));
	assert_int_equal(p.fault, TEXT_NONCHAR);
	assert_string_equal(text_problem_str(&p, buf, sizeof buf), "noncharacter U+FFFE at byte 3");
	assert_false(CHECK("\xef\xbf\xbf", 0, &p));
	assert_int_equal(p.cp, 0xffff);
	assert_true(CHECK("\xef\xbf\xbd\xef\xb7\x90", 0, &p)); /* U+FFFD, U+FDD0: XML allows */
	/* the length in UTF-16 code units: an emoji is two */
	assert_true(CHECK("\xf0\x9f\x98\x80\xc3\xa9", 3, &p));
	assert_false(CHECK("\xf0\x9f\x98\x80\xc3\xa9", 2, &p));
	assert_int_equal(p.fault, TEXT_TOO_LONG);
	assert_int_equal(p.units, 3);
	assert_int_equal(p.max, 2);
	assert_string_equal(text_problem_str(&p, buf, sizeof buf),
			    "3 characters (as Excel counts them), the limit is 2");
	/* a name shown as it is: no tab, LF, CR, DEL or C1 control either */
	assert_true(text_check_name("budgets/a \xc3\xa9.csv", 16, &p));
	assert_false(text_check_name("a\tb", 3, &p));
	assert_int_equal(p.cp, 9);
	assert_false(text_check_name("a\x7f", 2, &p));
	assert_int_equal(p.cp, 0x7f);
	assert_false(text_check_name("ab\xc2\x9b", 4, &p));
	assert_int_equal(p.fault, TEXT_CONTROL);
	assert_int_equal(p.cp, 0x9b);
	assert_int_equal(p.at, 2);
	assert_false(text_check_name("a\xff", 2, &p));
	assert_int_equal(p.fault, TEXT_BAD_UTF8);
	/* as stored in a workbook: a literal "_x0041_" is "_x005F_x0041_", 13 */
	assert_true(CHECK("a_x0041_", 14, &p));
	assert_false(CHECK("a_x0041_", 13, &p));
	assert_int_equal(p.units, 14);
}

static void units_and_cuts(void **state)
{
	(void)state;
	assert_int_equal(text_units("", 0), 0);
	assert_int_equal(text_units("abc", 3), 3);
	assert_int_equal(text_units("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9), 4);
	/* never a character cut in two, an emoji never cut between its two units */
	assert_int_equal(text_prefix_units("\xc3\xa9\xf0\x9f\x98\x80x", 7, 0), 0);
	assert_int_equal(text_prefix_units("\xc3\xa9\xf0\x9f\x98\x80x", 7, 1), 2);
	assert_int_equal(text_prefix_units("\xc3\xa9\xf0\x9f\x98\x80x", 7, 2), 2);
	assert_int_equal(text_prefix_units("\xc3\xa9\xf0\x9f\x98\x80x", 7, 3), 6);
	assert_int_equal(text_prefix_units("\xc3\xa9\xf0\x9f\x98\x80x", 7, 4), 7);
	assert_int_equal(text_prefix_units("\xc3\xa9\xf0\x9f\x98\x80x", 7, 99), 7);
}

static void xstring_escapes(void **state)
{
	(void)state;
	char s[64];
	strcpy(s, "a_x000D_\nb_x0009_c_x005F_x000D_");
	size_t n = text_xstring_decode(s, strlen(s));
	assert_int_equal(n, strlen(s));
	assert_string_equal(s, "a\r\nb\tc_x000D_");
	/* only control characters and '_' are decoded: others stay as written */
	strcpy(s, "_x0041_ _x0000_ _x00e9_ _x000d_ _x00G1_ _x001F");
	n = text_xstring_decode(s, strlen(s));
	assert_string_equal(s, "_x0041_ _x0000_ _x00e9_ \r _x00G1_ _x001F");
	assert_int_equal(n, strlen(s));
	/* what fitplan writes (text_xstring_escape) reads back as it was */
	static const char *const typed[] = {"_x0041_", "a_x0001_b", "_x005F_", "_x005f_x0043_",
					    "__x0041__", "_X0042_ _x12_ _x004G_", "plain"};
	for (size_t k = 0; k < sizeof typed / sizeof *typed; k++) {
		char *e = text_xstring_escape(typed[k], strlen(typed[k]));
		strcpy(s, e ? e : typed[k]);
		n = text_xstring_decode(s, strlen(s));
		assert_string_equal(s, typed[k]);
		free(e);
	}
	char *e = text_xstring_escape("a_x0041_b", 9);
	assert_string_equal(e, "a_x005F_x0041_b");
	free(e);
	assert_null(text_xstring_escape("_X0042_ _x12_ _x004G_", 21));
	/* stored lengths: 13 for each "_xHHHH_", which a cut keeps whole or leaves out */
	assert_int_equal(text_stored_units("a_x0041_b", 9), 15);
	assert_int_equal(text_prefix_stored("a_x0041_b", 9, 14), 8);
	assert_int_equal(text_prefix_stored("a_x0041_b", 9, 13), 1);
	assert_int_equal(text_prefix_stored("a_x0041_b", 9, 15), 9);
	/* not NUL-terminated input stays so: only len bytes are written */
	memcpy(s, "_x000A_XY", 9);
	assert_int_equal(text_xstring_decode(s, 7), 1);
	assert_memory_equal(s, "\n", 1);
	assert_memory_equal(s + 7, "XY", 2);
}

/* text_plain_copy (the CSV reader's copy of a field into its record, tested as it goes,
 * the last bytes as one word) copies the bytes and agrees with text_plain for every byte
 * value at every position of lengths 0 to 24, whatever lies past the end (plain, not
 * plain, or the NUL). */
static void plain_copy_agrees(void **state)
{
	(void)state;
	static const unsigned char past[] = {'a', 0, '_', 0x80, 0x1f, 0xff};
	char buf[32 + 8], to[32 + 8];
	for (size_t len = 0; len <= 24; len++)
		for (size_t at = 0; at < (len ? len : 1); at++)
			for (unsigned b = 0; b < 256; b++)
				for (size_t k = 0; k < sizeof past; k++) {
					memset(buf, 'x', len);
					memset(buf + len, past[k], sizeof buf - len);
					if (len)
						buf[at] = (char)b;
					memset(to, '?', sizeof to);
					bool want = text_plain(buf, len);
					if (text_plain_copy(to, buf, len) != want)
						fail_msg("len %zu, byte 0x%02x at %zu, 0x%02x past: "
							 "copy says %d", len, b, at, past[k], !want);
					assert_memory_equal(to, buf, len);
				}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_plain_and_escaped),
		cmocka_unit_test(escape_whole_or_cut),
		cmocka_unit_test(quote_cut_after_60_bytes),
		cmocka_unit_test(quotes_in_one_message),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(widths),
		cmocka_unit_test(text_rule),
		cmocka_unit_test(units_and_cuts),
		cmocka_unit_test(xstring_escapes),
		cmocka_unit_test(plain_copy_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
