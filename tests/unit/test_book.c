/* test_book: the formats of a workbook (src/export/book.c). Each must carry its own xf
 * index once used: libxlsxwriter stores the index only in the first of equal formats and
 * looks an equal copy up again for every cell that uses it (a copy and a hash of the whole
 * format struct per cell: a fifth of a run with all workbooks, issue 17). */
#include "testutil.h"
#include "export/book.h"

static void test_formats_own_their_index(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char path[4200];
	snprintf(path, sizeof path, "%s/b.xlsx", dir);
	model m;
	memset(&m, 0, sizeof m);
	m.name = "Tiny";
	m.document_time = 1704067200;
	xlsx_opts o = {.lang = LANG_EN};
	diag d;
	diag_init(&d, stderr);
	book b;
	assert_int_equal(book_open(&b, path, "b.xlsx", &m, &o, "base", "Title", "AFD1", false, &d),
			 FP_OK);
	lxw_format *all[] = {b.title,    b.subtitle,   b.header,     b.header_num,
			     b.header_num_top, b.text, b.wrap,     b.money,
			     b.money_bold, b.pct,        b.fte,        b.fte_bold,
			     b.year,     b.rag[RAG_NONE], b.rag[RAG_RED], b.rag[RAG_AMBER],
			     b.rag[RAG_GREEN], b.in_text, b.in_money, b.gap,
			     b.gap_bold};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		lxw_format_get_xf_index(all[i]); /* as writing a cell with it does */
		if (all[i]->xf_index == LXW_PROPERTY_UNSET)
			fail_msg("format %zu is an equal copy of another: looked up per cell", i);
	}
	assert_int_equal(book_close(&b, "b.xlsx", &d), FP_OK);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats_own_their_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
