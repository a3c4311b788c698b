/* test_csvread: the CSV reader on files written byte for byte: BOM, CRLF, delimiter
 * detection, quoting, the line of every field (also after quoted line breaks and blank
 * lines), skipped empty rows, and every reported problem with its exact message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "io/csvread.h"
#include "io/text.h"

/* Every record as one line "LINE:field@line|field@line", control bytes as \n, \r, \0. */
typedef struct collect {
	char *text;
	size_t len, cap;
	size_t calls;
	size_t stop_after; /* return false after this many calls; 0 never */
	size_t last_index;
	const char *last_file;
} collect;

static void put(collect *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		c->text = realloc(c->text, c->cap);
		assert_non_null(c->text);
	}
	memcpy(c->text + c->len, s, n);
	c->len += n;
	c->text[c->len] = '\0';
}

static void putf(collect *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(collect *c, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(c, buf, (size_t)n);
}

static bool collect_cb(void *ctx, const csv_record *rec)
{
	collect *c = ctx;
	c->calls++;
	c->last_index = rec->index;
	c->last_file = rec->file;
	putf(c, "%ld:", rec->line);
	for (size_t i = 0; i < rec->nfields; i++) {
		const csv_field *f = &rec->fields[i];
		if (i)
			put(c, "|", 1);
		if (f->len > 64) {
			putf(c, "<%zu bytes>", f->len);
		} else {
			for (size_t k = 0; k < f->len; k++) {
				char ch = f->s[k];
				if (ch == '\n')
					put(c, "\\n", 2);
				else if (ch == '\r')
					put(c, "\\r", 2);
				else if (ch == '\0')
					put(c, "\\0", 2);
				else
					put(c, &ch, 1);
			}
		}
		putf(c, "@%ld", f->line);
	}
	put(c, "\n", 1);
	return !(c->stop_after && c->calls >= c->stop_after);
}

typedef struct result {
	fp_status st;
	csv_info info;
	collect c;
	msgs m;
} result;

/* Write data to t.csv in the test folder (the current directory) and read it. */
static void read_bytes(result *r, const char *data, size_t len, size_t stop_after)
{
	memset(r, 0, sizeof *r);
	write_bytes(".", "t.csv", data, len);
	msgs_init(&r->m);
	r->c.stop_after = stop_after;
	memset(&r->info, 0x55, sizeof r->info);
	r->st = csv_read("t.csv", collect_cb, &r->c, &r->m.d, &r->info);
}

#define READ(r, lit) read_bytes((r), (lit), sizeof(lit) - 1, 0)

static const char *records(result *r)
{
	return r->c.text ? r->c.text : "";
}

static void result_release(result *r)
{
	free(r->c.text);
	msgs_release(&r->m);
}

static char *test_dir, *old_dir;

static int group_setup(void **state)
{
	(void)state;
	old_dir = getcwd(NULL, 0);
	test_dir = tmpdir_make();
	return chdir(test_dir);
}

static int group_teardown(void **state)
{
	(void)state;
	int rc = chdir(old_dir);
	free(old_dir);
	tmpdir_remove(test_dir);
	return rc;
}

static void plain_file(void **state)
{
	(void)state;
	result r;
	READ(&r, "unit,name\nA,x\nB,y\n");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(records(&r), "1:unit@1|name@1\n2:A@2|x@2\n3:B@3|y@3\n");
	assert_string_equal(msgs_text(&r.m), "");
	assert_int_equal(r.info.delimiter, ',');
	assert_false(r.info.bom);
	assert_false(r.info.crlf);
	assert_int_equal(r.info.records, 2);
	assert_int_equal(r.c.last_index, 2);
	assert_string_equal(r.c.last_file, "t.csv");
	assert_int_equal(r.m.d.errors, 0);
	result_release(&r);
}

static void header_index_zero(void **state)
{
	(void)state;
	result r;
	read_bytes(&r, "h\n1\n2\n3\n", 8, 1);
	assert_int_equal(r.st, FP_OK);
	assert_int_equal(r.c.calls, 1);
	assert_int_equal(r.c.last_index, 0);
	assert_string_equal(records(&r), "1:h@1\n");
	result_release(&r);
}

static void bom_crlf_semicolon(void **state)
{
	(void)state;
	result r;
	READ(&r, "\xef\xbb\xbfunit;name;amount\r\nA;x;1.234,5\r\nB;\"y;z\";2\r\n");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(records(&r),
			    "1:unit@1|name@1|amount@1\n2:A@2|x@2|1.234,5@2\n3:B@3|y;z@3|2@3\n");
	assert_int_equal(r.info.delimiter, ';');
	assert_true(r.info.bom);
	assert_true(r.info.crlf);
	assert_int_equal(r.info.records, 2);
	assert_string_equal(msgs_text(&r.m), "");
	result_release(&r);
}

/* ';' only when the header has more semicolons than commas outside quotes. */
static void delimiter_detection(void **state)
{
	(void)state;
	result r;
	READ(&r, "\"a;b;c\",d\n1,2\n");
	assert_int_equal(r.info.delimiter, ',');
	assert_string_equal(records(&r), "1:a;b;c@1|d@1\n2:1@2|2@2\n");
	result_release(&r);

	READ(&r, "a;b;c,d\n1;2;3,4\n");
	assert_int_equal(r.info.delimiter, ';');
	assert_string_equal(records(&r), "1:a@1|b@1|c,d@1\n2:1@2|2@2|3,4@2\n");
	result_release(&r);

	READ(&r, "a,b;c\n1,2;3\n");
	assert_int_equal(r.info.delimiter, ',');
	assert_string_equal(records(&r), "1:a@1|b;c@1\n2:1@2|2;3@2\n");
	result_release(&r);

	READ(&r, "single\nx\n");
	assert_int_equal(r.info.delimiter, ',');
	assert_string_equal(records(&r), "1:single@1\n2:x@2\n");
	result_release(&r);
}

/* The header is the first non-blank line, and the delimiter is detected from it
 * (docs/formats.md: "detected per file from its header line"). */
static void delimiter_after_blank_lines(void **state)
{
	(void)state;
	result r;
	READ(&r, "\n\r\nunit;name\r\nA;x\r\n");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(msgs_text(&r.m), "");
	assert_int_equal(r.info.delimiter, ';');
	assert_string_equal(records(&r), "3:unit@3|name@3\n4:A@4|x@4\n");
	result_release(&r);
}

static void quoted_line_breaks(void **state)
{
	(void)state;
	result r;
	READ(&r, "unit,name,type\n"
		 "A,\"two\nlines\",x\n"
		 "B,y,\"three\n\nlines\"\n"
		 "\"C\nC\",z,w\n"
		 "D,\"\",\"\"\"q\"\"\"\n");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(records(&r), "1:unit@1|name@1|type@1\n"
					 "2:A@2|two\\nlines@2|x@3\n"
					 "4:B@4|y@4|three\\n\\nlines@4\n"
					 "7:C\\nC@7|z@8|w@8\n"
					 "9:D@9|@9|\"q\"@9\n");
	result_release(&r);

	/* the field values: "" is empty, """q""" is "q" in quotes */
	READ(&r, "a,b\n\"\",\"\"\"q\"\"\"\n\"x\r\ny\",z\r\n");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(records(&r), "1:a@1|b@1\n2:@2|\"q\"@2\n3:x\\r\\ny@3|z@4\n");
	result_release(&r);
}

static void spaces_around_fields(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b,c\n  x , \" y \" ,\tz\t\n");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(records(&r), "1:a@1|b@1|c@1\n2:x@2| y @2|z@2\n");
	result_release(&r);
}

/* Blank lines are skipped but counted; rows whose fields are all empty are skipped; the
 * last line needs no line feed. */
static void blank_and_empty_rows(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b\n"
		 "\n"
		 "1,2\n"
		 ",\n"
		 "  \n"
		 "\"\",\"\"\n"
		 "\r\n"
		 "3,4");
	assert_int_equal(r.st, FP_OK);
	assert_string_equal(records(&r), "1:a@1|b@1\n3:1@3|2@3\n8:3@8|4@8\n");
	assert_int_equal(r.info.records, 2);
	assert_string_equal(msgs_text(&r.m), "");
	result_release(&r);
}

static void unterminated_quote(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b\n1,\"open\n2,3\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1|b@1\n");
	assert_string_equal(msgs_text(&r.m), "fitplan: t.csv:2:2: error: unterminated quoted field "
					     "(the closing quote is missing) (column B, 'b')\n");
	assert_int_equal(r.m.d.errors, 1);
	assert_int_equal(r.m.d.status, FP_EDATA);
	result_release(&r);
}

static void malformed_quote_stops_the_file(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b\n1,x\"y\n2,3\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1|b@1\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:2:2: error: malformed quoting (a quote inside an unquoted "
			    "field, or text after a closing quote) (column B, 'b')\n");
	result_release(&r);

	READ(&r, "a,b\n1,2\n\"ab\"c,3\n4,5\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1|b@1\n2:1@2|2@2\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:3:1: error: malformed quoting (a quote inside an unquoted "
			    "field, or text after a closing quote) (column A, 'a')\n");
	result_release(&r);
}

static void field_count_mismatch(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b,c\n1,2\n1,2,3,4\n5,6,7\n,,,\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1|b@1|c@1\n4:5@4|6@4|7@4\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:2:3: error: row has 2 fields, the header has 3 (column C, 'c')\n"
			    "fitplan: t.csv:3:4: error: row has 4 fields, the header has 3\n");
	assert_int_equal(r.m.d.errors, 2);
	result_release(&r);
}

static void bad_bytes(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b\n1,\xff\n2,x\0y\n3,ok\n4,\"\xc3\xa9\xc3\"\n5,\xc3\xa9\xe2\x82\xac\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1|b@1\n4:3@4|ok@4\n6:5@6|\xc3\xa9\xe2\x82\xac@6\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:2:2: error: invalid UTF-8 at byte 1 of field '\\xff' (column B, 'b')\n"
			    "fitplan: t.csv:3:2: error: NUL byte in field 'x\\x00y' (column B, 'b')\n"
			    "fitplan: t.csv:5:2: error: invalid UTF-8 at byte 3 of field "
			    "'\xc3\xa9\\xc3' (column B, 'b')\n");
	result_release(&r);
}

/* Without a good header the rest of the file cannot be read. */
static void bad_header_stops(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,\xfe\n1,2\n3,4\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_int_equal(r.c.calls, 0);
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:1:2: error: invalid UTF-8 at byte 1 of field '\\xfe'\n");
	result_release(&r);
}

static void empty_files(void **state)
{
	(void)state;
	static const struct {
		const char *data;
		size_t len;
	} cases[] = {
		{"", 0},
		{"\xef\xbb\xbf", 3},
		{"\n\n", 2},
		{"\r\n \t\n", 5},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		result r;
		read_bytes(&r, cases[i].data, cases[i].len, 0);
		assert_int_equal(r.st, FP_EDATA);
		assert_int_equal(r.c.calls, 0);
		assert_string_equal(msgs_text(&r.m),
				    "fitplan: t.csv: error: empty file, expected a header line\n");
		result_release(&r);
	}
}

static void missing_file(void **state)
{
	(void)state;
	msgs m;
	msgs_init(&m);
	collect c = {0};
	fp_status st = csv_read("no-such.csv", collect_cb, &c, &m.d, NULL);
	assert_int_equal(st, FP_ENOINPUT);
	assert_int_equal(c.calls, 0);
	assert_string_equal(msgs_text(&m),
			    "fitplan: no-such.csv: error: cannot open: No such file or directory\n");
	assert_int_equal(m.d.status, FP_ENOINPUT);
	msgs_release(&m);
}

static void stop_from_callback(void **state)
{
	(void)state;
	result r;
	read_bytes(&r, "a\n1\n2\n3\n", 8, 2);
	assert_int_equal(r.st, FP_OK);
	assert_int_equal(r.c.calls, 2);
	assert_string_equal(records(&r), "1:a@1\n2:1@2\n");
	result_release(&r);
}

static void field_limits(void **state)
{
	(void)state;
	size_t big = CSV_MAX_FIELD_BYTES;
	size_t len = 4 + 2 + (big + 1) + 1 + 2 + big + 1;
	char *data = malloc(len), *p = data;
	assert_non_null(data);
	memcpy(p, "a,b\n", 4), p += 4;
	memcpy(p, "x,", 2), p += 2;
	memset(p, 'z', big + 1), p += big + 1;
	*p++ = '\n';
	memcpy(p, "y,", 2), p += 2;
	memset(p, 'w', big), p += big;
	*p++ = '\n';
	result r;
	read_bytes(&r, data, (size_t)(p - data), 0);
	free(data);
	assert_int_equal(r.st, FP_EDATA);
	/* A field within the byte limit is still more than a workbook cell can hold. */
	assert_string_equal(records(&r), "1:a@1|b@1\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:2:2: error: field of 1048577 bytes, the limit is 1048576 (column B, 'b')\n"
			    "fitplan: t.csv:3:2: error: field of 1048576 characters (as Excel counts "
			    "them), the limit is 32767 (column B, 'b')\n");
	result_release(&r);
}

/* Text fields hold what a workbook can: XML 1.0's characters, 32,767 of them in a cell (as
 * Excel counts: an emoji is two), 255 in a column name. Tab, LF and CR are text. */
static void text_limits(void **state)
{
	(void)state;
	size_t cell = TEXT_CELL_MAX, name = TEXT_NAME_MAX;
	size_t cap = 2 * name + 64 + 3 * (cell + 1) + 4 * (cell / 2 + 1) + 64;
	char *data = malloc(cap), *p = data;
	assert_non_null(data);
	memset(p, 'h', name), p += name; /* a column name of 255: good */
	*p++ = ',';
	memset(p, 'H', name + 1), p += name + 1; /* of 256: the header is bad */
	*p++ = '\n';
	result r;
	read_bytes(&r, data, (size_t)(p - data), 0);
	assert_int_equal(r.st, FP_EDATA);
	assert_int_equal(r.c.calls, 0);
	assert_string_equal(msgs_text(&r.m), "fitplan: t.csv:1:2: error: column name of 256 "
					     "characters (as Excel counts them), the limit is 255\n");
	result_release(&r);

	p = data;
	memcpy(p, "a,b\n", 4), p += 4;
	memcpy(p, "x,", 2), p += 2;
	memset(p, 'z', cell), p += cell; /* 32,767 characters: good */
	*p++ = '\n';
	memcpy(p, "y,", 2), p += 2;
	for (size_t i = 0; i < cell / 2; i++) /* 16,383 emoji (32,766) and an e-acute: good */
		memcpy(p, "\xf0\x9f\x98\x80", 4), p += 4;
	memcpy(p, "\xc3\xa9\n", 3), p += 3;
	memcpy(p, "w,", 2), p += 2;
	for (size_t i = 0; i < cell / 2 + 1; i++) /* 16,384 emoji: 32,768, one too many */
		memcpy(p, "\xf0\x9f\x98\x80", 4), p += 4;
	*p++ = '\n';
	memcpy(p, "v,\"tab\there\r\nCRLF\"\n", 19), p += 19; /* good */
	read_bytes(&r, data, (size_t)(p - data), 0);
	free(data);
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1|b@1\n2:x@2|<32767 bytes>@2\n"
					 "3:y@3|<65534 bytes>@3\n5:v@5|tab\there\\r\\nCRLF@5\n");
	assert_string_equal(msgs_text(&r.m), "fitplan: t.csv:4:2: error: field of 32768 "
					     "characters (as Excel counts them), the limit is 32767 (column B, 'b')\n");
	result_release(&r);
}

/* Characters XML 1.0 cannot hold are refused in any field, the header's too. */
static void xml_characters(void **state)
{
	(void)state;
	result r;
	READ(&r, "a,b\n1,\"bell\a\"\n2,esc\x1b\n3,\xef\xbf\xbf\n4,\xef\xbf\xbe!\n"
		 "5,\xef\xbf\xbd\n6,\xc2\x85\x7f\n");
	assert_int_equal(r.st, FP_EDATA);
	/* U+FFFD, U+0085 and U+007F are XML characters */
	assert_string_equal(records(&r), "1:a@1|b@1\n6:5@6|\xef\xbf\xbd@6\n7:6@7|\xc2\x85\x7f@7\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:2:2: error: control character U+0007 at byte 5 of field "
			    "'bell\\x07' (column B, 'b')\n"
			    "fitplan: t.csv:3:2: error: control character U+001B at byte 4 of field "
			    "'esc\\x1b' (column B, 'b')\n"
			    "fitplan: t.csv:4:2: error: noncharacter U+FFFF at byte 1 of field "
			    "'\\xef\\xbf\\xbf' (column B, 'b')\n"
			    "fitplan: t.csv:5:2: error: noncharacter U+FFFE at byte 1 of field "
			    "'\\xef\\xbf\\xbe!' (column B, 'b')\n");
	result_release(&r);
	READ(&r, "a,b\x0c\n1,2\n");
	assert_int_equal(r.st, FP_EDATA);
	assert_int_equal(r.c.calls, 0);
	assert_string_equal(msgs_text(&r.m), "fitplan: t.csv:1:2: error: control character U+000C "
					     "at byte 2 of field 'b\\x0c'\n");
	result_release(&r);
}

static void too_many_fields(void **state)
{
	(void)state;
	size_t n = CSV_MAX_FIELDS + 1;
	char *data = malloc(2 + 2 * n + 8), *p = data;
	assert_non_null(data);
	memcpy(p, "a\n", 2), p += 2;
	for (size_t i = 0; i < n; i++) {
		*p++ = 'x';
		*p++ = i + 1 < n ? ',' : '\n';
	}
	memcpy(p, "ok\n", 3), p += 3;
	result r;
	read_bytes(&r, data, (size_t)(p - data), 0);
	free(data);
	assert_int_equal(r.st, FP_EDATA);
	assert_string_equal(records(&r), "1:a@1\n3:ok@3\n");
	assert_string_equal(msgs_text(&r.m),
			    "fitplan: t.csv:2:4097: error: more than 4096 fields in one row\n");
	result_release(&r);
}

static void field_is(void **state)
{
	(void)state;
	csv_field f = {"Unit", 4, 1};
	assert_true(csv_field_is(&f, "unit"));
	assert_true(csv_field_is(&f, "UNIT"));
	assert_false(csv_field_is(&f, "units"));
	assert_false(csv_field_is(&f, "uni"));
	csv_field g = {"unit ", 5, 1};
	assert_false(csv_field_is(&g, "unit"));
	csv_field e = {"", 0, 1};
	assert_true(csv_field_is(&e, ""));
	assert_false(csv_field_is(&e, "unit"));
}

static void header_map(void **state)
{
	(void)state;
	csv_field fields[] = {{"Unit", 4, 1}, {"name", 4, 1}, {"UNIT", 4, 1}, {"extra", 5, 1}};
	csv_record hdr = {"h.csv", 1, 0, 4, fields};
	static const char *const names[] = {"unit", "name", "parent", "type"};
	bool required[] = {true, true, false, true};
	int idx[4];
	bool claimed[4];
	msgs m;
	msgs_init(&m);
	assert_false(csv_header_map(&hdr, names, required, 4, idx, claimed, &m.d));
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], -1);
	assert_int_equal(idx[3], -1);
	assert_true(claimed[0]);
	assert_true(claimed[1]);
	assert_false(claimed[2]);
	assert_false(claimed[3]);
	assert_string_equal(msgs_text(&m),
			    "fitplan: h.csv:1:3: error: column 'unit' given twice (also column 1)\n"
			    "fitplan: h.csv:1: error: missing required column 'type'\n");
	msgs_release(&m);

	/* all there: true, nothing said */
	csv_field ok[] = {{"type", 4, 2}, {"NAME", 4, 2}, {"unit", 4, 2}};
	csv_record hdr2 = {"h.csv", 2, 0, 3, ok};
	msgs_init(&m);
	assert_true(csv_header_map(&hdr2, names, required, 4, idx, NULL, &m.d));
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], -1);
	assert_int_equal(idx[3], 0);
	assert_string_equal(msgs_text(&m), "");
	msgs_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_file),
		cmocka_unit_test(header_index_zero),
		cmocka_unit_test(bom_crlf_semicolon),
		cmocka_unit_test(delimiter_detection),
		cmocka_unit_test(delimiter_after_blank_lines),
		cmocka_unit_test(quoted_line_breaks),
		cmocka_unit_test(spaces_around_fields),
		cmocka_unit_test(blank_and_empty_rows),
		cmocka_unit_test(unterminated_quote),
		cmocka_unit_test(malformed_quote_stops_the_file),
		cmocka_unit_test(field_count_mismatch),
		cmocka_unit_test(bad_bytes),
		cmocka_unit_test(bad_header_stops),
		cmocka_unit_test(empty_files),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(stop_from_callback),
		cmocka_unit_test(field_limits),
		cmocka_unit_test(text_limits),
		cmocka_unit_test(xml_characters),
		cmocka_unit_test(too_many_fields),
		cmocka_unit_test(field_is),
		cmocka_unit_test(header_map),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
