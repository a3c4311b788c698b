/* test_text: values quoted for messages (quotes, escapes, the 60-byte cut), UTF-8
 * validation with the offset of the first bad byte, widths in code points. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/text.h"
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

/* Up to 8 quotes can be used in one message. */
static void quote_buffers_rotate(void **state)
{
	(void)state;
	const char *q[8];
	char word[2] = "a";
	for (int i = 0; i < 8; i++) {
		word[0] = (char)('a' + i);
		q[i] = text_quote(word, 1);
	}
	for (int i = 0; i < 8; i++) {
		char want[4] = {'\'', (char)('a' + i), '\'', '\0'};
		assert_string_equal(q[i], want);
	}
	assert_string_equal(text_quotez("LUMC"), "'LUMC'");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_plain_and_escaped),
		cmocka_unit_test(quote_cut_after_60_bytes),
		cmocka_unit_test(quote_buffers_rotate),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(widths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
