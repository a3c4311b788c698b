/* fuzz_xlsx: the xlsx reader (src/io/xlsxread.c) on arbitrary workbooks. An input that
 * starts like a zip archive ("PK\3\4" or "PK\5\6") is the workbook itself, so that the
 * fuzzer mutates real (deflated) packages; any other input is a bundle (see fuzz.h) of the
 * package's parts, "%% NAME" naming the part that follows (any name: it goes into the zip,
 * not onto the disk), "%%" alone the next of the usual parts, stored in a zip by libzip.
 * Then xlsxr_open, the properties, and every sheet read to the end, as fitplan import does.
 * Checked beyond the sanitizers: the status agrees with what was reported; every sheet is
 * found by its name; cells come in sheet order, each once, within Excel's grid, with
 * NUL-terminated valid UTF-8 text within XLSXR_MAX_TEXT; a formula without a result has no
 * text; every number reads as cents or is refused, without a crash. */
#include "fuzz.h"
#include "io/text.h"
#include "io/xlsxread.h"
#include <zip.h>

static const char *const parts[] = {
	"_rels/.rels",		"xl/workbook.xml",	    "xl/_rels/workbook.xml.rels",
	"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "docProps/custom.xml",
	"xl/worksheets/sheet2.xml",
};
enum { NPARTS = sizeof parts / sizeof parts[0] };

/* The bundle data[0..size) as a zip archive at path (stored entries); false when libzip
 * would not write it (no part at all, for one). */
static bool zip_bundle(const char *path, const uint8_t *data, size_t size)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z)
		abort();
	const char *p = (const char *)data, *end = p + size, *start = p;
	char name[256];
	snprintf(name, sizeof name, "%s", parts[0]);
	bool have_name = true;
	size_t k = 0;
	for (;;) {
		const char *sep = NULL;
		for (const char *q = start; q < end;) {
			if (end - q >= 2 && q[0] == '%' && q[1] == '%' && (q == p || q[-1] == '\n')) {
				sep = q;
				break;
			}
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			if (!nl)
				break;
			q = nl + 1;
		}
		const char *body_end = sep ? sep : end;
		if (have_name && name[0] && !(sep == p && body_end == start)) {
			zip_source_t *src = zip_source_buffer(z, start, (zip_uint64_t)(body_end - start), 0);
			if (!src)
				abort();
			zip_int64_t ix = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
			if (ix < 0)
				zip_source_free(src); /* a name given twice */
			else
				zip_set_file_compression(z, (zip_uint64_t)ix, ZIP_CM_STORE, 0);
		}
		if (!sep)
			break;
		const char *nl = memchr(sep, '\n', (size_t)(end - sep));
		const char *line_end = nl ? nl : end;
		k++;
		if (line_end - sep > 2) {
			const char *s = sep + 2;
			size_t n = (size_t)(line_end - s);
			while (n && (*s == ' ' || *s == '\t'))
				s++, n--;
			while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
				n--;
			have_name = n > 0 && n < sizeof name && !memchr(s, '\0', n);
			if (have_name) {
				memcpy(name, s, n);
				name[n] = '\0';
			}
		} else if ((have_name = k < NPARTS)) {
			snprintf(name, sizeof name, "%s", parts[k]);
		}
		if (!nl)
			break;
		start = nl + 1;
	}
	/* The data stays in the fuzzer's buffer until zip_close has written it. */
	bool some = zip_get_num_entries(z, 0) > 0;
	if (zip_close(z) != 0) {
		zip_discard(z);
		return false;
	}
	return some;
}

typedef struct seen {
	int64_t row, col; /* of the last cell, -1 before the first */
	unsigned sum;
} seen;

static bool on_cell(void *ctx, const xlsxr_cell *c)
{
	seen *s = ctx;
	if (c->row >= XLSXR_MAX_ROWS || c->col >= XLSXR_MAX_COLS)
		abort();
	if ((int64_t)c->row < s->row || ((int64_t)c->row == s->row && (int64_t)c->col <= s->col))
		abort(); /* out of sheet order, or a cell twice */
	s->row = c->row;
	s->col = c->col;
	if (!c->text || c->text[c->len] != '\0' || strlen(c->text) != c->len ||
	    c->len > XLSXR_MAX_TEXT || !text_valid_utf8(c->text, c->len, NULL))
		abort();
	if ((int)c->type < XLSXR_NUMBER || c->type > XLSXR_DATE)
		abort();
	if (c->uncalculated && (!c->formula || c->len != 0))
		abort();
	for (size_t i = 0; i < c->len; i++)
		s->sum += (unsigned char)c->text[i];
	int64_t cents = 0;
	xlsxr_num r = xlsxr_number_cents(c->text, c->len, &cents);
	if (r != XLSXR_NUM_OK && r != XLSXR_NUM_SYNTAX && r != XLSXR_NUM_FRACTION &&
	    r != XLSXR_NUM_RANGE)
		abort();
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[300];
	snprintf(path, sizeof path, "%s/input.xlsx", fuzz_dir());
	unlink(path);
	if (size >= 4 && data[0] == 'P' && data[1] == 'K' &&
	    ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6))) {
		if (!fuzz_write(path, data, size))
			abort();
	} else if (!zip_bundle(path, data, size)) {
		return 0;
	}
	diag d;
	diag_init(&d, fuzz_devnull());
	xlsxr_book *b = (xlsxr_book *)1;
	fp_status st = xlsxr_open(path, &b, &d);
	if ((st == FP_OK) != (d.errors == 0))
		abort(); /* a failure said why, a success said nothing */
	if (st != FP_OK) {
		if (b)
			abort();
		return 0;
	}
	static const char *const props[] = {"fitplan.model_hash", "fitplan.unit", "fitplan.model"};
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
		const char *v = xlsxr_property(b, props[i]);
		if (v && !text_valid_utf8(v, strlen(v), NULL))
			abort();
	}
	size_t n = xlsxr_nsheets(b);
	if (xlsxr_sheet_name(b, n) != NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		const char *name = xlsxr_sheet_name(b, i);
		long j = xlsxr_sheet_find(b, name);
		if (j < 0 || (size_t)j > i || strcmp(xlsxr_sheet_name(b, (size_t)j), name) != 0)
			abort(); /* found by its name: itself, or an earlier sheet of that name */
		seen s = {.row = -1, .col = -1};
		unsigned long before = d.errors;
		fp_status rs = xlsxr_read_sheet(b, i, on_cell, &s, &d);
		if ((rs == FP_OK) != (d.errors == before))
			abort();
	}
	xlsxr_free(b);
	return 0;
}
