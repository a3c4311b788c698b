/* test_suggest: the edit distance (case folded, swaps of neighbours, the bound), the limit
 * relative to the length, and the suggestions: at most three, the nearest first, ties by
 * bytes whatever the order of offering, only the nearest, one per shown name, the text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/suggest.h"
#include <string.h>

static unsigned dist(const char *a, const char *b, unsigned limit)
{
	return suggest_distance(a, strlen(a), b, strlen(b), limit);
}

static void distance(void **state)
{
	(void)state;
	assert_int_equal(dist("DIV3", "DIV3", 3), 0);
	assert_int_equal(dist("div3", "DIV3", 3), 0);      /* case is folded */
	assert_int_equal(dist("DIV9", "DIV3", 3), 1);      /* substitution */
	assert_int_equal(dist("unit", "units", 3), 1);     /* insertion */
	assert_int_equal(dist("plannned", "planned", 3), 1); /* deletion */
	assert_int_equal(dist("palnned", "planned", 3), 1); /* two neighbours swapped */
	assert_int_equal(dist("", "abc", 3), 3);
	assert_int_equal(dist("kitten", "sitting", 3), 3);
	/* above the limit: limit + 1, however far */
	assert_int_equal(dist("kitten", "sitting", 2), 3);
	assert_int_equal(dist("a", "abcdefgh", 2), 3);
	char longer[SUGGEST_LEN_MAX + 2];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	assert_int_equal(dist(longer, longer, 5), 6); /* too long to compare */
}

static void limit(void **state)
{
	(void)state;
	assert_int_equal(suggest_limit(1), 0);
	assert_int_equal(suggest_limit(2), 1);
	assert_int_equal(suggest_limit(4), 1);
	assert_int_equal(suggest_limit(5), 2);
	assert_int_equal(suggest_limit(9), 3);
}

/* TEXT(s): suggest_text of s in a buffer of the calling block. */
#define TEXT(s) suggest_text((s), (char[128]){0}, 128)

static void nothing_near(void **state)
{
	(void)state;
	suggest s;
	suggest_init(&s, "XYZQ", 4);
	suggest_offer(&s, "DIV1", NULL);
	suggest_offer(&s, "LUMC", NULL);
	assert_int_equal(s.n, 0);
	assert_string_equal(TEXT(&s), "");
}

static void one_and_many(void **state)
{
	(void)state;
	suggest s;
	suggest_init(&s, "DIV9", 4);
	suggest_offer(&s, "LUMC", NULL);
	suggest_offer(&s, "DIV3", NULL);
	assert_string_equal(TEXT(&s), "did you mean 'DIV3'?");
	/* ties in byte order, whatever the order of offering; at most three */
	suggest_offer(&s, "DIV2", NULL);
	suggest_offer(&s, "DIV4", NULL);
	suggest_offer(&s, "DIV1", NULL);
	assert_int_equal(s.n, 3);
	assert_string_equal(TEXT(&s), "did you mean one of 'DIV1', 'DIV2', 'DIV3'?");
	/* a farther one is not kept; a nearer one hides the others */
	suggest_offer(&s, "DV", NULL);
	assert_int_equal(s.n, 3);
	suggest_offer(&s, "div9", "DIV9X");
	assert_string_equal(TEXT(&s), "did you mean 'DIV9X'?");
}

static void names_show_codes(void **state)
{
	(void)state;
	suggest s;
	suggest_init(&s, "Divisie 3", 9);
	suggest_offer(&s, "DIV3", NULL);
	suggest_offer(&s, "Divisie 3", "DIV3");
	suggest_offer(&s, "Divisie 2", "DIV2");
	/* the exact name hides its neighbour; DIV3 is kept once */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.best[0].dist, 0);
	assert_string_equal(TEXT(&s), "did you mean 'DIV3'?");
	suggest_init(&s, "Divisie 5", 9);
	suggest_offer(&s, "Divisie 3", "DIV3");
	suggest_offer(&s, "DIV3", NULL);
	suggest_offer(&s, "Divisie 2", "DIV2");
	assert_string_equal(TEXT(&s), "did you mean one of 'DIV2', 'DIV3'?");
}

static void cut_text(void **state)
{
	(void)state;
	suggest s;
	char buf[16];
	suggest_init(&s, "DIV9", 4);
	suggest_offer(&s, "DIV3", NULL);
	suggest_text(&s, buf, sizeof buf);
	assert_int_equal(strlen(buf), sizeof buf - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distance),     cmocka_unit_test(limit),
		cmocka_unit_test(nothing_near), cmocka_unit_test(one_and_many),
		cmocka_unit_test(names_show_codes), cmocka_unit_test(cut_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
