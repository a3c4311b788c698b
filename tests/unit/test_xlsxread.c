/* test_xlsxread: the xlsx reader. Workbooks that fitplan itself writes (a run of a tiny
 * model through run_folder, in Dutch and in English), packages made by hand to reach what
 * other programs write (namespace prefixes, inline and rich-text strings, cells and rows
 * without references, relative and absolute relationship targets, chart sheets), broken
 * packages, and the reading of numbers as exact cents. */
#include "testutil.h"
#include "audit/record.h"
#include "run/write.h"
#include "io/csvwrite.h"
#include "io/xlsxread.h"
#include "model/digest.h"
#include "model/load.h"
#include "model/register.h"
#include <fcntl.h>
#include <time.h>
#include <zlib.h>

/* ---- numbers ---- */

static void number_cents(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		xlsxr_num r;
		int64_t cents;
	} cases[] = {
		{"0", XLSXR_NUM_OK, 0},
		{"-0", XLSXR_NUM_OK, 0},
		{"1234", XLSXR_NUM_OK, 123400},
		{"+7", XLSXR_NUM_OK, 700},
		{"0.1", XLSXR_NUM_OK, 10},
		{".5", XLSXR_NUM_OK, 50},
		{"5.", XLSXR_NUM_OK, 500},
		{"-0.05", XLSXR_NUM_OK, -5},
		{"50000.01", XLSXR_NUM_OK, 5000001},
		{"1E3", XLSXR_NUM_OK, 100000},
		{"1.2345E+5", XLSXR_NUM_OK, 12345000},
		{"12345e-2", XLSXR_NUM_OK, 12345},
		{"0.000", XLSXR_NUM_OK, 0},
		/* binary noise past the 15 significant digits a double holds */
		{"0.30000000000000004", XLSXR_NUM_OK, 30},
		{"100000.02000000001", XLSXR_NUM_OK, 10000002},
		{"9876543.2099999991", XLSXR_NUM_OK, 987654321},
		{"99999.999999999999", XLSXR_NUM_OK, 10000000},
		/* sixteen significant digits that are whole cents as written */
		{"12345678901234.56", XLSXR_NUM_OK, 1234567890123456},
		{"92233720368547758.07", XLSXR_NUM_OK, INT64_MAX},
		{"-92233720368547758.07", XLSXR_NUM_OK, -INT64_MAX},
		{"1234.005", XLSXR_NUM_FRACTION, 0},
		{"1.5E-3", XLSXR_NUM_FRACTION, 0},
		{"0.12345678901234567", XLSXR_NUM_FRACTION, 0},
		{"0.0000000000000000001", XLSXR_NUM_FRACTION, 0},
		{"92233720368547758.08", XLSXR_NUM_RANGE, 0},
		{"1E+300", XLSXR_NUM_RANGE, 0},
		{"", XLSXR_NUM_SYNTAX, 0},
		{"-", XLSXR_NUM_SYNTAX, 0},
		{".", XLSXR_NUM_SYNTAX, 0},
		{"abc", XLSXR_NUM_SYNTAX, 0},
		{"1e", XLSXR_NUM_SYNTAX, 0},
		{"1,5", XLSXR_NUM_SYNTAX, 0},
		{" 1", XLSXR_NUM_SYNTAX, 0},
		{"1.2.3", XLSXR_NUM_SYNTAX, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -1;
		xlsxr_num r = xlsxr_number_cents(cases[i].s, strlen(cases[i].s), &v);
		if (r != cases[i].r || (r == XLSXR_NUM_OK && v != cases[i].cents))
			fail_msg("'%s': result %d, cents %lld; expected %d, %lld", cases[i].s, (int)r,
				 (long long)v, (int)cases[i].r, (long long)cases[i].cents);
	}
}

static void references(void **state)
{
	(void)state;
	char buf[16], sb[64];
	assert_string_equal(xlsxr_cell_ref(buf, 0, 0), "A1");
	assert_string_equal(xlsxr_cell_ref(buf, 3, 25), "Z4");
	assert_string_equal(xlsxr_cell_ref(buf, 0, 26), "AA1");
	assert_string_equal(xlsxr_cell_ref(buf, 9, 701), "ZZ10");
	assert_string_equal(xlsxr_cell_ref(buf, 9, 702), "AAA10");
	assert_string_equal(xlsxr_cell_ref(buf, XLSXR_MAX_ROWS - 1, XLSXR_MAX_COLS - 1), "XFD1048576");
	assert_string_equal(xlsxr_sheet_ref(sb, sizeof sb, "Maatregelen"), "Maatregelen");
	assert_string_equal(xlsxr_sheet_ref(sb, sizeof sb, "Maatregelen (2)"), "'Maatregelen (2)'");
	assert_string_equal(xlsxr_sheet_ref(sb, sizeof sb, "Scenario's"), "'Scenario''s'");
}

/* ---- packages made by hand: a zip with stored entries ---- */

typedef struct zentry {
	const char *name, *data;
} zentry;

/* How an entry is stored: deflated or not, and the uncompressed size it claims. */
typedef struct zopts {
	bool deflate;
	uint32_t declared; /* 0: the true one */
} zopts;

static void put16(FILE *f, unsigned v)
{
	putc((int)(v & 0xff), f);
	putc((int)((v >> 8) & 0xff), f);
}

static void put32(FILE *f, uint32_t v)
{
	put16(f, v & 0xffff);
	put16(f, v >> 16);
}

/* e->data, deflated when asked; *clen is the size written. Owned by the caller. */
static unsigned char *zdata(const zentry *e, size_t len, bool packed, size_t *clen)
{
	if (!packed) {
		unsigned char *p = malloc(len ? len : 1);
		assert_non_null(p);
		memcpy(p, e->data, len);
		*clen = len;
		return p;
	}
	z_stream z = {0};
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&z, (uLong)len);
	unsigned char *p = malloc(cap);
	assert_non_null(p);
	z.next_in = (Bytef *)(uintptr_t)e->data;
	z.avail_in = (uInt)len;
	z.next_out = p;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*clen = z.total_out;
	deflateEnd(&z);
	return p;
}

/* A zip archive of the entries, stored unless o (NULL or one per entry) says otherwise. */
static void write_zip_opts(const char *path, const zentry *e, size_t n, const zopts *o)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_true(n <= 65535);
	uint32_t *offs = calloc(n, sizeof *offs), *crcs = calloc(n, sizeof *crcs);
	size_t *clens = calloc(n, sizeof *clens);
	assert_true(offs && crcs && clens);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].data);
		bool packed = o && o[i].deflate;
		unsigned char *c = zdata(&e[i], len, packed, &clens[i]);
		uint32_t usize = o && o[i].declared ? o[i].declared : (uint32_t)len;
		offs[i] = (uint32_t)ftell(f);
		crcs[i] = (uint32_t)crc32(0, (const Bytef *)e[i].data, (uInt)len);
		put32(f, 0x04034b50);
		put16(f, 20), put16(f, 0), put16(f, packed ? 8 : 0), put16(f, 0), put16(f, 0x21);
		put32(f, crcs[i]), put32(f, (uint32_t)clens[i]), put32(f, usize);
		put16(f, (unsigned)strlen(e[i].name)), put16(f, 0);
		fputs(e[i].name, f);
		fwrite(c, 1, clens[i], f);
		free(c);
	}
	uint32_t cd = (uint32_t)ftell(f);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].data);
		uint32_t usize = o && o[i].declared ? o[i].declared : (uint32_t)len;
		put32(f, 0x02014b50);
		put16(f, 20), put16(f, 20), put16(f, 0), put16(f, o && o[i].deflate ? 8 : 0), put16(f, 0);
		put16(f, 0x21);
		put32(f, crcs[i]), put32(f, (uint32_t)clens[i]), put32(f, usize);
		put16(f, (unsigned)strlen(e[i].name)), put16(f, 0), put16(f, 0), put16(f, 0);
		put16(f, 0), put32(f, 0), put32(f, offs[i]);
		fputs(e[i].name, f);
	}
	uint32_t cd_size = (uint32_t)ftell(f) - cd;
	put32(f, 0x06054b50);
	put16(f, 0), put16(f, 0), put16(f, (unsigned)n), put16(f, (unsigned)n);
	put32(f, cd_size), put32(f, cd), put16(f, 0);
	assert_int_equal(fclose(f), 0);
	free(offs);
	free(crcs);
	free(clens);
}

static void write_zip(const char *path, const zentry *e, size_t n)
{
	write_zip_opts(path, e, n, NULL);
}

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS "http://schemas.openxmlformats.org/package/2006/relationships"

static const char root_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Relationships xmlns=\"" PKG_NS "\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_NS "/officeDocument\" Target=\"/xl/wb.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL_NS "/custom-properties\" Target=\"docProps/custom.xml\"/>"
	"</Relationships>";
static const char wb_rels[] =
	"<Relationships xmlns=\"" PKG_NS "\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"sheets/../worksheets/./s1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/s2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_NS "/sharedStrings\" Target=\"strings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL_NS "/chartsheet\" Target=\"chartsheets/c1.xml\"/>"
	"<Relationship Id=\"rId9\" Type=\"" REL_NS "/hyperlink\" Target=\"https://example.org/\" TargetMode=\"External\"/>"
	"</Relationships>";
static const char wb_xml[] =
	"<x:workbook xmlns:x=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><x:sheets>"
	"<x:sheet name=\"E\xc3\xa9n\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<x:sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId4\"/>"
	"<x:sheet name=\"Two's\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</x:sheets></x:workbook>";
static const char sst_xml[] =
	"<sst xmlns=\"" MAIN_NS "\" count=\"3\" uniqueCount=\"3\"><si><t>plain</t></si>"
	"<si><r><rPr><b/></rPr><t xml:space=\"preserve\">rich </t></r>\n <r><t>text</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
	"<si><t>a &amp; b &lt;c&gt;</t></si></sst>";
static const char s1_xml[] =
	"<x:worksheet xmlns:x=\"" MAIN_NS "\"><x:sheetData>"
	"<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C1\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
	"<x:row r=\"3\"><x:c r=\"B3\"><x:v>1.5</x:v></x:c>"
	"<x:c t=\"inlineStr\"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c>"
	"<x:c t=\"b\"><x:v>1</x:v></x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c>"
	"<x:c t=\"str\"><x:f>A1&amp;\"x\"</x:f><x:v>plainx</x:v></x:c>"
	"<x:c r=\"H3\" s=\"2\"/><x:c r=\"I3\"><x:v></x:v></x:c></x:row>"
	"<x:row><x:c><x:v>7</x:v></x:c></x:row>"
	"</x:sheetData></x:worksheet>";
static const char s2_xml[] =
	"<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"2\"><c r=\"AA2\" t=\"s\"><v>2</v></c>"
	"</row></sheetData></worksheet>";
static const char custom_xml[] =
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
	"xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\n"
	"  <property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"fitplan.unit\">\n"
	"    <vt:lpwstr>AFD &amp; co</vt:lpwstr>\n  </property>\n"
	"  <property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"count\">"
	"<vt:i4>42</vt:i4></property>\n</Properties>";

/* The cells of a sheet as lines "A1 s plain" ('n', 's', 'b', 'e', 'd'; '=' after the
 * type for a formula, "=?" for one without a calculated value). */
typedef struct collect {
	char buf[4096];
	size_t len;
	int stop_after; /* 0: never */
	int n;
} collect;

static bool collect_cell(void *ctx, const xlsxr_cell *c)
{
	collect *k = ctx;
	static const char types[] = "nsbed";
	char ref[16];
	k->len += (size_t)snprintf(k->buf + k->len, sizeof k->buf - k->len, "%s %c%s %s\n",
				   xlsxr_cell_ref(ref, c->row, c->col), types[c->type],
				   c->uncalculated ? "=?" : c->formula ? "=" : "", c->text);
	assert_int_equal(strlen(c->text), c->len);
	return ++k->n != k->stop_after;
}

static char *handmade(const char *dir)
{
	char *path = malloc(4200);
	snprintf(path, 4200, "%s/hand.xlsx", dir);
	const zentry e[] = {
		{"_rels/.rels", root_rels},	  {"xl/_rels/wb.xml.rels", wb_rels},
		{"xl/wb.xml", wb_xml},		  {"xl/strings.xml", sst_xml},
		{"xl/worksheets/s1.xml", s1_xml}, {"xl/worksheets/s2.xml", s2_xml},
		{"docProps/custom.xml", custom_xml},
	};
	write_zip(path, e, sizeof e / sizeof e[0]);
	return path;
}

static void handmade_package(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char *path = handmade(dir);
	msgs ms;
	msgs_init(&ms);
	xlsxr_book *b;
	assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	assert_string_equal(xlsxr_property(b, "fitplan.unit"), "AFD & co");
	assert_string_equal(xlsxr_property(b, "count"), "42");
	assert_null(xlsxr_property(b, "fitplan.model_hash"));
	assert_int_equal(xlsxr_nsheets(b), 2); /* the chart sheet has no cells */
	assert_string_equal(xlsxr_sheet_name(b, 0), "E\xc3\xa9n");
	assert_string_equal(xlsxr_sheet_name(b, 1), "Two's");
	assert_null(xlsxr_sheet_name(b, 2));
	assert_int_equal(xlsxr_sheet_find(b, "Two's"), 1);
	assert_int_equal(xlsxr_sheet_find(b, "Chart"), -1);
	collect k = {.len = 0};
	assert_int_equal(xlsxr_read_sheet(b, 0, collect_cell, &k, &ms.d), FP_OK);
	assert_string_equal(k.buf, "A1 s plain\n"
				   "C1 s rich text\n"
				   "B3 n 1.5\n"
				   "C3 s inline\n"
				   "D3 b 1\n"
				   "E3 e #N/A\n"
				   "F3 s= plainx\n"
				   "A4 n 7\n");
	collect k2 = {.len = 0};
	assert_int_equal(xlsxr_read_sheet(b, 1, collect_cell, &k2, &ms.d), FP_OK);
	assert_string_equal(k2.buf, "AA2 s a & b <c>\n");
	/* the callback stops the reading: not an error */
	collect k3 = {.len = 0, .stop_after = 2};
	assert_int_equal(xlsxr_read_sheet(b, 0, collect_cell, &k3, &ms.d), FP_OK);
	assert_int_equal(k3.n, 2);
	assert_string_equal(msgs_text(&ms), "");
	xlsxr_free(b);
	msgs_release(&ms);
	free(path);
	tmpdir_remove(dir);
}

/* ---- broken packages ---- */

/* Open (and read the first sheet of) entries as a package; the status and the messages,
 * with the folder replaced by "T". */
static fp_status try_package(const zentry *e, size_t n, char *out, size_t cap)
{
	char *dir = tmpdir_make();
	char path[4200];
	snprintf(path, sizeof path, "%s/b.xlsx", dir);
	write_zip(path, e, n);
	msgs ms;
	msgs_init(&ms);
	xlsxr_book *b;
	fp_status st = xlsxr_open(path, &b, &ms.d);
	if (st == FP_OK) {
		collect k = {.len = 0};
		st = xlsxr_read_sheet(b, 0, collect_cell, &k, &ms.d);
		xlsxr_free(b);
	} else {
		assert_null(b);
	}
	const char *t = msgs_text(&ms);
	size_t o = 0, dl = strlen(dir);
	for (const char *p = t; *p && o + 2 < cap;) {
		if (strncmp(p, dir, dl) == 0) {
			out[o++] = 'T';
			p += dl;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	msgs_release(&ms);
	tmpdir_remove(dir);
	return st;
}

#define PLAIN_WB "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><sheets>" \
		 "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define PLAIN_RELS "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"rId1\" " \
		   "Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"

static fp_status try_sheet(const char *sheet_xml, char *out, size_t cap)
{
	const zentry e[] = {{"xl/workbook.xml", PLAIN_WB},
			    {"xl/_rels/workbook.xml.rels", PLAIN_RELS},
			    {"xl/worksheets/sheet1.xml", sheet_xml}};
	return try_package(e, 3, out, cap);
}

static void broken_packages(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char path[4200], want[4400], got[2048];
	msgs ms;
	xlsxr_book *b = (xlsxr_book *)1;

	snprintf(path, sizeof path, "%s/missing.xlsx", dir);
	msgs_init(&ms);
	assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_ENOINPUT);
	assert_null(b);
	snprintf(want, sizeof want, "fitplan: %s: error: cannot open: no such file\n", path);
	assert_string_equal(msgs_text(&ms), want);
	msgs_release(&ms);

	write_text(dir, "text.xlsx", "measure,realised_eur\nA-1,100\n");
	snprintf(path, sizeof path, "%s/text.xlsx", dir);
	msgs_init(&ms);
	assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_EDATA);
	snprintf(want, sizeof want, "fitplan: %s: error: not an xlsx workbook (not a zip archive)\n",
		 path);
	assert_string_equal(msgs_text(&ms), want);
	msgs_release(&ms);
	tmpdir_remove(dir);

	const zentry other[] = {{"hello.txt", "hello"}};
	assert_int_equal(try_package(other, 1, got, sizeof got), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx: error: not an xlsx workbook: it has no part "
				 "xl/workbook.xml\n");

	const zentry doctype[] = {{"xl/workbook.xml", "<!DOCTYPE lol [<!ENTITY a \"aaaa\">]>"
						      "<workbook>&a;</workbook>"}};
	assert_int_equal(try_package(doctype, 1, got, sizeof got), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/workbook.xml:1:15: error: document type "
				 "declarations are not allowed in a workbook\n");
	/* Billion laughs: refused at the declaration, before any entity is expanded. */
	const zentry laughs[] = {
		{"xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
				    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
				    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
				    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
				    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
				    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
				    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
				    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
				    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
				    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
				    "]><workbook>&lol9;</workbook>"}};
	assert_int_equal(try_package(laughs, 1, got, sizeof got), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/workbook.xml:1:37: error: document type "
				 "declarations are not allowed in a workbook\n");
	/* An external entity or an external DTD: refused the same way, nothing is fetched. */
	const zentry external[] = {
		{"xl/workbook.xml", "<!DOCTYPE w SYSTEM \"file:///etc/passwd\"><workbook/>"}};
	assert_int_equal(try_package(external, 1, got, sizeof got), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/workbook.xml:1:40: error: document type "
				 "declarations are not allowed in a workbook\n");

	const zentry no_part[] = {{"xl/workbook.xml", PLAIN_WB},
				  {"xl/_rels/workbook.xml.rels", "<Relationships/>"}};
	assert_int_equal(try_package(no_part, 2, got, sizeof got), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx: error: not an xlsx workbook: sheet 'S' has no "
				 "part\n");

	assert_int_equal(try_sheet("<worksheet><sheetData><row><c><v>1</v></row>", got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:41: error: malformed "
				 "XML: mismatched tag\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row>"
				   "</sheetData></worksheet>", got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:45: error: cell A1: "
				 "shared string '0' does not exist (0 shared strings)\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row><c r=\"A0\"><v>1</v></c></row>"
				   "</sheetData></worksheet>", got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:28: error: bad cell "
				 "reference 'A0'\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row>"
				   "</sheetData></worksheet>", got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:28: error: bad cell "
				 "reference 'XFE1'\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row><c t=\"x\"><v>1</v></c></row>"
				   "</sheetData></worksheet>", got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:28: error: unknown "
				 "cell type 'x'\n");
}

/* ---- bounds: zip bombs, parts, order, many sheets ---- */

/* The messages of opening dir/b.xlsx made of e (stored as o says) and reading its first
 * sheet reads times,
 * with the folder replaced by "T"; the status of the last step. */
static fp_status read_times(const zentry *e, size_t n, const zopts *opts, int reads,
			    char *out, size_t cap, long *file_bytes)
{
	char *dir = tmpdir_make();
	char path[4200];
	snprintf(path, sizeof path, "%s/b.xlsx", dir);
	write_zip_opts(path, e, n, opts);
	struct stat stt;
	assert_int_equal(stat(path, &stt), 0);
	*file_bytes = (long)stt.st_size;
	msgs ms;
	msgs_init(&ms);
	xlsxr_book *b;
	fp_status st = xlsxr_open(path, &b, &ms.d);
	for (int i = 0; st == FP_OK && i < reads; i++) {
		collect k = {.len = 0};
		st = xlsxr_read_sheet(b, 0, collect_cell, &k, &ms.d);
	}
	xlsxr_free(b);
	const char *t = msgs_text(&ms);
	size_t o = 0, dl = strlen(dir);
	for (const char *p = t; *p && o + 2 < cap;) {
		if (strncmp(p, dir, dl) == 0) {
			out[o++] = 'T';
			p += dl;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	msgs_release(&ms);
	tmpdir_remove(dir);
	return st;
}

/* text repeated times, between head and tail; owned by the caller. */
static char *repeat(const char *head, const char *text, size_t times, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(text), el = strlen(tail);
	char *s = malloc(hl + tl * times + el + 1);
	assert_non_null(s);
	memcpy(s, head, hl);
	for (size_t i = 0; i < times; i++)
		memcpy(s + hl + i * tl, text, tl);
	memcpy(s + hl + tl * times, tail, el + 1);
	return s;
}

#define SST_RELS "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"rId1\" " \
		 "Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
		 "<Relationship Id=\"rId2\" Type=\"" REL_NS "/sharedStrings\" " \
		 "Target=\"sharedStrings.xml\"/></Relationships>"
#define EMPTY_SHEET "<worksheet><sheetData/></worksheet>"

static void zip_bombs(void **state)
{
	(void)state;
	char got[2048], want[2048];
	long size;
	/* 1,000,000 empty shared strings: 5 MB of XML in a file of a few KB. Before, every
	 * one was kept (a 230 KB workbook took 387 MB); now the part is refused before it is
	 * read, by the size its entry declares. */
	char *sst = repeat("<sst>", "<si/>", 1000000, "</sst>");
	const zentry honest[] = {{"xl/workbook.xml", PLAIN_WB},
				 {"xl/_rels/workbook.xml.rels", SST_RELS},
				 {"xl/worksheets/sheet1.xml", EMPTY_SHEET},
				 {"xl/sharedStrings.xml", sst}};
	const zopts deflated[] = {{false, 0}, {false, 0}, {false, 0}, {true, 0}};
	assert_int_equal(read_times(honest, 4, deflated, 1, got, sizeof got, &size), FP_EDATA);
	long budget = size * 100 > 1048576 ? size * 100 : 1048576;
	snprintf(want, sizeof want,
		 "fitplan: T/b.xlsx:xl/sharedStrings.xml: error: the part inflates to 5000011 "
		 "bytes, more than the %ld bytes of XML left of the %ld this workbook may hold "
		 "(100 times its %ld bytes, at least 1 MiB, at most 128 MiB)\n",
		 budget - (long)strlen(PLAIN_WB) - (long)strlen(SST_RELS), budget, size);
	assert_string_equal(got, want);

	/* The same part with a declared size of 1000 bytes: refused when the inflated bytes
	 * pass what the entry declares, not at the end of the stream. */
	const zopts lying[] = {{false, 0}, {false, 0}, {false, 0}, {true, 1000}};
	assert_int_equal(read_times(honest, 4, lying, 1, got, sizeof got, &size), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/sharedStrings.xml: error: the part inflates "
				 "to more than the 1000 bytes its zip entry declares: a damaged or "
				 "doctored zip archive\n");
	free(sst);

	/* A sheet of 400,000 bytes that compresses to almost nothing can be read twice; the
	 * third reading passes the 1 MiB such a small workbook may inflate to in all. */
	char *sheet = repeat("<worksheet><sheetData>", " ", 400000 - 22 - 24,
			     "</sheetData></worksheet>");
	assert_int_equal(strlen(sheet), 400000);
	const zentry reread[] = {{"xl/workbook.xml", PLAIN_WB},
				 {"xl/_rels/workbook.xml.rels", PLAIN_RELS},
				 {"xl/worksheets/sheet1.xml", sheet}};
	assert_int_equal(read_times(reread, 3, deflated + 1, 2, got, sizeof got, &size), FP_OK);
	assert_string_equal(got, "");
	assert_int_equal(read_times(reread, 3, deflated + 1, 3, got, sizeof got, &size), FP_EDATA);
	snprintf(want, sizeof want,
		 "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml: error: the part inflates to 400000 "
		 "bytes, more than the %d bytes of XML left of the 1048576 this workbook may hold "
		 "(100 times its %ld bytes, at least 1 MiB, at most 128 MiB)\n",
		 1048576 - 800000 - (int)strlen(PLAIN_WB) - (int)strlen(PLAIN_RELS), size);
	assert_string_equal(got, want);
	free(sheet);
}

static void sheet_parts(void **state)
{
	(void)state;
	char got[2048];
	long size;
	/* Two sheets on one part: every sheet is a part of its own, so a workbook cannot
	 * name more sheets than its file holds parts. */
	const zentry shared[] = {
		{"xl/workbook.xml", "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><sheets>"
				    "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
				    "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
		{"xl/_rels/workbook.xml.rels",
		 "<Relationships xmlns=\"" PKG_NS "\">"
		 "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/s.xml\"/>"
		 "<Relationship Id=\"rId2\" Type=\"" REL_NS "/worksheet\" Target=\"/xl/worksheets/s.xml\"/>"
		 "</Relationships>"},
		{"xl/worksheets/s.xml", EMPTY_SHEET}};
	assert_int_equal(read_times(shared, 3, NULL, 0, got, sizeof got, &size), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx: error: not an xlsx workbook: sheets 'A' and 'B' "
				 "are one part, xl/worksheets/s.xml\n");
	/* A sheet whose part is missing: refused when the workbook is opened. */
	const zentry missing[] = {{"xl/workbook.xml", PLAIN_WB},
				  {"xl/_rels/workbook.xml.rels", PLAIN_RELS}};
	assert_int_equal(read_times(missing, 2, NULL, 0, got, sizeof got, &size), FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx: error: not an xlsx workbook: it has no part "
				 "xl/worksheets/sheet1.xml\n");
	/* Part names are found whatever their case, as in the Open Packaging Conventions. */
	const zentry upper[] = {{"xl/workbook.xml", PLAIN_WB},
				{"xl/_rels/workbook.xml.rels", PLAIN_RELS},
				{"XL/Worksheets/Sheet1.xml", EMPTY_SHEET}};
	assert_int_equal(read_times(upper, 3, NULL, 1, got, sizeof got, &size), FP_OK);
	assert_string_equal(got, "");
}

static void cell_order(void **state)
{
	(void)state;
	char got[2048];
	assert_int_equal(try_sheet("<worksheet><sheetData><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
				   "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>",
				   got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:62: error: rows out of "
				 "order: row 1 after row 2\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"B1\"><v>1</v></c>"
				   "<c r=\"A1\"><v>2</v></c></row></sheetData></worksheet>",
				   got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:56: error: cells out of "
				 "order: A1 after B1\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
				   "<c r=\"A1\"><v>2</v></c></row></sheetData></worksheet>",
				   got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:56: error: cells out of "
				 "order: A1 after A1\n");
	assert_int_equal(try_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A2\"><v>1</v></c></row>"
				   "</sheetData></worksheet>", got, sizeof got),
			 FP_EDATA);
	assert_string_equal(got, "fitplan: T/b.xlsx:xl/worksheets/sheet1.xml:1:34: error: cell A2 in "
				 "row 1\n");
	/* Rows without a number follow the one before; cells without a reference too. */
	assert_int_equal(try_sheet("<worksheet><sheetData><row r=\"2\"><c><v>1</v></c></row><row>"
				   "<c r=\"B3\"><v>2</v></c><c><v>3</v></c></row></sheetData></worksheet>",
				   got, sizeof got),
			 FP_OK);
	assert_string_equal(got, "");
}

/* A formula's cached result is its value; without one (or when the workbook asks to be
 * calculated when it is opened, as workbooks written by libraries do) it is handed on as
 * uncalculated, with no text. */
static void formula_cells(void **state)
{
	(void)state;
	static const char sheet[] =
		"<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\">"
		"<c r=\"A1\"><f>125000*0.5</f><v>62500</v></c>"
		"<c r=\"B1\"><f>125000*0.5</f></c>"
		"<c r=\"C1\"><f>125000*0.5</f><v></v></c>"
		"<c r=\"D1\" t=\"str\"><f>\"\"</f><v></v></c>"
		"<c r=\"E1\" t=\"str\"><f>\"a\"</f><v>a</v></c>"
		"<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
		"</row></sheetData></worksheet>";
	char *dir = tmpdir_make();
	char path[4200];
	for (int full = 0; full < 2; full++) {
		snprintf(path, sizeof path, "%s/f%d.xlsx", dir, full);
		const char *wb = full ? "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><sheets>"
					"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
					"<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>"
				      : PLAIN_WB;
		const zentry e[] = {{"xl/workbook.xml", wb},
				    {"xl/_rels/workbook.xml.rels", PLAIN_RELS},
				    {"xl/worksheets/sheet1.xml", sheet}};
		write_zip(path, e, 3);
		msgs ms;
		msgs_init(&ms);
		xlsxr_book *b;
		assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_OK);
		collect k = {.len = 0};
		assert_int_equal(xlsxr_read_sheet(b, 0, collect_cell, &k, &ms.d), FP_OK);
		if (full)
			assert_string_equal(k.buf, "A1 n=? \nB1 n=? \nC1 n=? \nD1 s=? \nE1 s=? \n"
						   "F1 e=? \n");
		else
			assert_string_equal(k.buf, "A1 n= 62500\nB1 n=? \nC1 n=? \nD1 s= \nE1 s= a\n"
						   "F1 e= #DIV/0!\n");
		assert_string_equal(msgs_text(&ms), "");
		xlsxr_free(b);
		msgs_release(&ms);
	}
	tmpdir_remove(dir);
}

/* A workbook of n sheets, each its own part, opened, every sheet found by name and read
 * (the last first): the CPU seconds that took. */
static double sheets_cpu(int n)
{
	const int N = n;
	size_t cap = (size_t)N * 160 + 1024;
	char *wb = malloc(cap), *rels = malloc(cap);
	char(*names)[40] = malloc(sizeof *names * N);
	assert_true(wb && rels && names);
	size_t wo = (size_t)snprintf(wb, cap, "<workbook xmlns=\"%s\" xmlns:r=\"%s\"><sheets>", MAIN_NS,
				     REL_NS);
	size_t ro = (size_t)snprintf(rels, cap, "<Relationships xmlns=\"%s\">", PKG_NS);
	zentry *e = calloc(N + 2, sizeof *e);
	assert_non_null(e);
	for (int i = 0; i < N; i++) {
		wo += (size_t)snprintf(wb + wo, cap - wo, "<sheet name=\"S %d\" sheetId=\"%d\" "
					"r:id=\"rId%d\"/>", i, i + 1, i);
		ro += (size_t)snprintf(rels + ro, cap - ro, "<Relationship Id=\"rId%d\" "
					"Type=\"%s/worksheet\" Target=\"worksheets/s%d.xml\"/>", i,
					REL_NS, i);
		snprintf(names[i], sizeof names[i], "xl/worksheets/s%d.xml", i);
		e[i + 2] = (zentry){names[i], EMPTY_SHEET};
	}
	snprintf(wb + wo, cap - wo, "</sheets></workbook>");
	snprintf(rels + ro, cap - ro, "</Relationships>");
	e[0] = (zentry){"xl/workbook.xml", wb};
	e[1] = (zentry){"xl/_rels/workbook.xml.rels", rels};
	char *dir = tmpdir_make();
	char path[4200];
	snprintf(path, sizeof path, "%s/many.xlsx", dir);
	write_zip(path, e, N + 2);
	clock_t t0 = clock();
	msgs ms;
	msgs_init(&ms);
	xlsxr_book *b;
	assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_OK);
	assert_int_equal(xlsxr_nsheets(b), N);
	for (int i = N - 1; i >= 0; i--) {
		char name[32];
		snprintf(name, sizeof name, "S %d", i);
		long s = xlsxr_sheet_find(b, name);
		assert_int_equal(s, i);
		collect k = {.len = 0};
		assert_int_equal(xlsxr_read_sheet(b, (size_t)s, collect_cell, &k, &ms.d), FP_OK);
	}
	char past[32];
	snprintf(past, sizeof past, "S %d", N);
	assert_int_equal(xlsxr_sheet_find(b, past), -1);
	xlsxr_free(b);
	double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_string_equal(msgs_text(&ms), "");
	msgs_release(&ms);
	tmpdir_remove(dir);
	free(e);
	free(names);
	free(wb);
	free(rels);
	return cpu;
}

/* 60,000 sheets: opening, finding every sheet by name and reading it take time in
 * proportion to the sheets (they took time in the square: 7 s for 30,000 sheets). Measured
 * against 6,000 sheets on the same build and machine, not against a clock's seconds (a
 * sanitizer's build or a loaded machine is slower, not steeper: under AddressSanitizer
 * the 60,000 took 5-15 s of CPU): ten times the sheets may take at most 40 times the CPU
 * (in proportion 10, in the square 100). */
static void many_sheets(void **state)
{
	(void)state;
	double small = sheets_cpu(6000), big = sheets_cpu(60000);
	if (big > 40 * (small > 0.02 ? small : 0.02))
		fail_msg("60,000 sheets took %.2f s of CPU time, 6,000 took %.2f s: more than in "
			 "proportion", big, small);
}

/* ---- workbooks that fitplan writes ---- */

static const char model_csv[] = "key,value\nname,Import test model\nbase_year,2022\n"
				 "target_year,2024\nhorizon_year,2025\ndecimal_separator,.\n"
				 "rag_green_pct,100\nrag_amber_pct,90\n"
				 "document_time,2023-06-30T12:00:00Z\n";
static const char units_csv[] = "unit,name,parent,type\nORG,Testziekenhuis,,organisation\n"
				 "DIV,Divisie Een,ORG,division\nAFD,Afdeling A,DIV,department\n"
				 "AFD2,Afdeling B,DIV,department\n";
static const char measures_csv[] =
	"measure,unit,title,pillar,category,nature,status,fte,2023,2024,2025,owner\n"
	"A-1,AFD,Minder inhuur,1,PERS,structural,planned,1.5,10000,20000,20000,hoofd A\n"
	"A-2,AFD,\"Inkoop, gebundeld\",1,INK,structural,idea,,5000.50,10000,10000,\n"
	"B-1,AFD2,Roosters,1,PERS,structural,decided,0.5,,15000,15000,hoofd B\n"
	"D-1,DIV,Divisiebreed,2,INK,incidental,planned,,3000,,,\n";

/* The tiny model in dir/m. */
static void tiny_model(const char *dir)
{
	write_text(dir, "m/model.csv", model_csv);
	write_text(dir, "m/units.csv", units_csv);
	write_text(dir, "m/categories.csv",
		   "category,kind,label\nPERS,personnel,Personeel\nINK,procurement,Inkoop\n");
	write_text(dir, "m/baseline.csv", "unit,category,amount_eur,fte\nAFD,PERS,1000000,10\n"
					  "AFD,INK,500000,\nAFD2,PERS,800000,8\n");
	write_text(dir, "m/targets.csv", "unit,year,target_eur\nORG,2024,100000\n");
	write_text(dir, "m/measures/m.csv", measures_csv);
}

/* A run of base.lua over the tiny model into dir/run, in lang. */
static void tiny_run(const char *dir, xlsx_lang lang)
{
	tiny_model(dir);
	write_text(dir, "base.lua", "scenario{name = 'base'}\n");
	char budgets[4200], script[4200], out[4200];
	snprintf(budgets, sizeof budgets, "%s/m", dir);
	snprintf(script, sizeof script, "%s/base.lua", dir);
	snprintf(out, sizeof out, "%s/run", dir);
	char *scripts[] = {script};
	run_opts o;
	run_opts_defaults(&o);
	o.dir = budgets;
	o.scripts = scripts;
	o.nscripts = 1;
	o.out = out;
	o.quiet = true;
	o.opts.lang = lang == LANG_EN ? RUNOPT_LANG_EN : RUNOPT_LANG_NL;
	fflush(NULL);
	int so = dup(1), null = open("/dev/null", O_WRONLY);
	dup2(null, 1);
	fp_status st = run_folder(&o, NULL);
	fflush(NULL);
	dup2(so, 1);
	close(so), close(null);
	assert_int_equal(st, FP_OK);
}

/* The cells of one sheet by reference, for looking up. */
typedef struct grid {
	char ref[256][8];
	char text[256][64];
	xlsxr_type type[256];
	int n;
} grid;

static bool grid_cell(void *ctx, const xlsxr_cell *c)
{
	grid *g = ctx;
	if (g->n < 256 && c->row < 9) {
		xlsxr_cell_ref(g->ref[g->n], c->row, c->col);
		snprintf(g->text[g->n], sizeof g->text[0], "%s", c->text);
		g->type[g->n] = c->type;
		g->n++;
	}
	return true;
}

/* "s:text" or "n:text" of the cell at ref, "-" for none. */
static const char *grid_at(const grid *g, const char *ref)
{
	static char buf[80];
	for (int i = 0; i < g->n; i++)
		if (strcmp(g->ref[i], ref) == 0) {
			snprintf(buf, sizeof buf, "%c:%s", g->type[i] == XLSXR_STRING ? 's' : 'n',
				 g->text[i]);
			return buf;
		}
	return "-";
}

static void generated_workbook(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tiny_run(dir, LANG_NL);
	char path[4200], budgets[4200];
	snprintf(path, sizeof path, "%s/run/base/departments/AFD.xlsx", dir);
	snprintf(budgets, sizeof budgets, "%s/m", dir);
	msgs ms;
	msgs_init(&ms);
	xlsxr_book *b;
	assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_OK);
	assert_string_equal(xlsxr_property(b, "fitplan.model"), "Import test model");
	assert_string_equal(xlsxr_property(b, "fitplan.scenario"), "base");
	assert_string_equal(xlsxr_property(b, "fitplan.unit"), "AFD");
	/* the model hash is the one import compares with */
	arena a;
	arena_init(&a);
	model m;
	assert_int_equal(model_load_hashed(&m, budgets, &a, &ms.d), FP_OK);
	char hash[HASH_HEX];
	assert_true(model_digest(&m, false, hash));
	assert_string_equal(xlsxr_property(b, "fitplan.model_hash"), hash);
	model_release(&m);
	arena_release(&a);

	/* The hidden identity sheet last: the reader finds it like any other. */
	assert_int_equal(xlsxr_nsheets(b), 4);
	assert_string_equal(xlsxr_sheet_name(b, 0), "Opdracht");
	assert_int_equal(xlsxr_sheet_find(b, "Voortgang"), 1);
	assert_int_equal(xlsxr_sheet_find(b, "Maatregelen"), 2);
	assert_int_equal(xlsxr_sheet_find(b, REGISTER_ID_SHEET), 3);
	/* The full register, read-only: header row 3; columns: 9 fixed, 3 years (J-L), owner
	 * (M), origin (N); statuses and natures in Dutch. */
	grid g = {.n = 0};
	assert_int_equal(xlsxr_read_sheet(b, 2, grid_cell, &g, &ms.d), FP_OK);
	assert_string_equal(grid_at(&g, "A3"), "s:Maatregel");
	assert_string_equal(grid_at(&g, "J3"), "s:2023");
	assert_string_equal(grid_at(&g, "M3"), "s:owner");
	assert_string_equal(grid_at(&g, "N3"), "s:Herkomst");
	assert_string_equal(grid_at(&g, "O3"), "-"); /* no input columns */
	assert_string_equal(grid_at(&g, "A4"), "s:A-1");
	assert_string_equal(grid_at(&g, "B4"), "s:AFD");
	assert_string_equal(grid_at(&g, "E4"), "n:1");
	assert_string_equal(grid_at(&g, "G4"), "s:structureel");
	assert_string_equal(grid_at(&g, "H4"), "s:gepland");
	assert_string_equal(grid_at(&g, "I4"), "n:1.5");
	assert_string_equal(grid_at(&g, "M4"), "s:hoofd A");
	assert_string_equal(grid_at(&g, "A5"), "s:A-2");
	assert_string_equal(grid_at(&g, "D5"), "s:Inkoop, gebundeld");
	assert_string_equal(grid_at(&g, "M5"), "-"); /* empty extra: no value */
	assert_string_equal(grid_at(&g, "A6"), "-"); /* the subtree only */
	/* amounts: exact cents */
	const char *j5 = grid_at(&g, "J5");
	int64_t cents;
	assert_int_equal(xlsxr_number_cents(j5 + 2, strlen(j5 + 2), &cents), XLSXR_NUM_OK);
	assert_int_equal(cents, 500050);
	/* The head's sheet: id, title, status, new status (D), plan 2023 (the document time's
	 * year) and plan to date (E-F, locked), then realised in the period (G), expected
	 * 2023-2024 (H-I, to the target year), comment (J); nothing beyond. */
	grid h = {.n = 0};
	assert_int_equal(xlsxr_read_sheet(b, 1, grid_cell, &h, &ms.d), FP_OK);
	assert_string_equal(grid_at(&h, "A3"), "s:Maatregel");
	assert_string_equal(grid_at(&h, "B3"), "s:Titel");
	assert_string_equal(grid_at(&h, "C3"), "s:Status");
	assert_string_equal(grid_at(&h, "D3"), "s:Nieuwe status");
	assert_string_equal(grid_at(&h, "E3"), "s:Plan 2023");
	assert_string_equal(grid_at(&h, "F3"), "s:Plan t/m 2023");
	assert_string_equal(grid_at(&h, "G3"), "s:Gerealiseerd in 2023");
	assert_string_equal(grid_at(&h, "H3"), "s:Verwacht 2023");
	assert_string_equal(grid_at(&h, "I3"), "s:Verwacht 2024");
	assert_string_equal(grid_at(&h, "J3"), "s:Toelichting");
	assert_string_equal(grid_at(&h, "K3"), "-");
	assert_string_equal(grid_at(&h, "A4"), "s:A-1");
	assert_string_equal(grid_at(&h, "C4"), "s:gepland");
	assert_string_equal(grid_at(&h, "E4"), "n:10000");
	assert_string_equal(grid_at(&h, "F4"), "n:10000"); /* the whole year: period 2023 */
	assert_string_equal(grid_at(&h, "B5"), "s:Inkoop, gebundeld");
	assert_string_equal(grid_at(&h, "D5"), "-"); /* the input cells are blank */
	assert_string_equal(grid_at(&h, "G5"), "-");
	assert_string_equal(grid_at(&h, "J5"), "-");
	assert_string_equal(grid_at(&h, "A6"), "-"); /* the subtree only */
	/* the prefilled expected amounts to the cent */
	const char *h5 = grid_at(&h, "H5");
	assert_int_equal(xlsxr_number_cents(h5 + 2, strlen(h5 + 2), &cents), XLSXR_NUM_OK);
	assert_int_equal(cents, 500050);
	assert_string_equal(grid_at(&h, "I4"), "n:20000");
	xlsxr_free(b);
	assert_string_equal(msgs_text(&ms), "");
	msgs_release(&ms);
	tmpdir_remove(dir);
}

static void generated_workbook_english(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tiny_run(dir, LANG_EN);
	char path[4200];
	snprintf(path, sizeof path, "%s/run/base/departments/DIV.xlsx", dir);
	msgs ms;
	msgs_init(&ms);
	xlsxr_book *b;
	assert_int_equal(xlsxr_open(path, &b, &ms.d), FP_OK);
	assert_string_equal(xlsxr_property(b, "fitplan.unit"), "DIV");
	assert_true(xlsxr_sheet_find(b, "Measures") >= 0);
	long s = xlsxr_sheet_find(b, "Update");
	assert_true(s >= 0);
	grid g = {.n = 0};
	assert_int_equal(xlsxr_read_sheet(b, (size_t)s, grid_cell, &g, &ms.d), FP_OK);
	assert_string_equal(grid_at(&g, "A3"), "s:Measure");
	assert_string_equal(grid_at(&g, "D3"), "s:New status");
	assert_string_equal(grid_at(&g, "F3"), "s:Plan to date 2023");
	assert_string_equal(grid_at(&g, "G3"), "s:Realised in 2023");
	assert_string_equal(grid_at(&g, "H3"), "s:Expected 2023");
	/* a division's head's sheet: its own measure and its departments', each once */
	char ids[64] = "";
	static const char *const want[] = {"s:A-1", "s:A-2", "s:B-1", "s:D-1"};
	for (int w = 0; w < 4; w++) {
		int found = 0;
		for (int r = 4; r <= 7; r++) {
			char ref[16];
			snprintf(ref, sizeof ref, "A%d", r);
			found += strcmp(grid_at(&g, ref), want[w]) == 0;
		}
		strcat(ids, found == 1 ? "1" : "0");
	}
	assert_string_equal(ids, "1111");
	assert_string_equal(grid_at(&g, "A8"), "-");
	xlsxr_free(b);
	assert_string_equal(msgs_text(&ms), "");
	msgs_release(&ms);
	tmpdir_remove(dir);
}

/* ---- comments in the actuals file ---- */

/* Read by the loader (src/model/actuals.c): a leading "'" is dropped, whatever follows. */
static void actuals_comment_read(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tiny_model(dir);
	write_text(dir, "m/actuals/2023.csv",
		   "measure,realised_eur,forecast_eur,status,comment\n"
		   "A-1,,,,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"
		   "A-2,,,,''quoted\n"
		   "B-1,,,,plain 'text'\n"
		   "D-1,,,,=typed by hand\n");
	char budgets[4200];
	snprintf(budgets, sizeof budgets, "%s/m", dir);
	msgs ms;
	msgs_init(&ms);
	arena a;
	arena_init(&a);
	model m;
	assert_int_equal(model_load(&m, budgets, &a, &ms.d), FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	assert_int_equal(m.nactuals, 4);
	assert_string_equal(m.actuals[0].comment, "=HYPERLINK(\"http://x\",\"y\")");
	assert_string_equal(m.actuals[1].comment, "'quoted");
	assert_string_equal(m.actuals[2].comment, "plain 'text'");
	assert_string_equal(m.actuals[3].comment, "=typed by hand");
	model_release(&m);
	arena_release(&a);
	msgs_release(&ms);
	tmpdir_remove(dir);
}

/* Written by csvw_text (as fitplan import writes comments) and read back by the loader:
 * what a spreadsheet would run gets a leading "'", and the round trip is exact. */
static void actuals_comment_round_trip(void **state)
{
	(void)state;
	static const struct {
		const char *text, *csv;
	} cases[] = {
		{"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(1+1)", "'@SUM(1+1)"},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{"'quoted'", "''quoted'"},
		{"''", "'''"},
		{"plain, with = and - inside", "\"plain, with = and - inside\""},
	};
	enum { N = sizeof cases / sizeof cases[0] };
	static const char *const ids[] = {"A-1", "A-2", "B-1", "D-1"};
	for (size_t i = 0; i < N; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_non_null(f);
		csvw_text(f, cases[i].text, true);
		fclose(f);
		char want[256];
		snprintf(want, sizeof want, "%s\n", cases[i].csv);
		if (strcmp(buf, want) != 0)
			fail_msg("csvw_text(\"%s\") wrote \"%s\", expected \"%s\"", cases[i].text, buf,
				 want);
		free(buf);
	}
	/* Four at a time, one per measure of the tiny model. */
	char *dir = tmpdir_make();
	tiny_model(dir);
	for (size_t base = 0; base < N; base += 4) {
		char path[4200], budgets[4200];
		snprintf(path, sizeof path, "%s/m/actuals", dir);
		mkdir(path, 0777);
		snprintf(path, sizeof path, "%s/m/actuals/2023.csv", dir);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("measure,realised_eur,forecast_eur,status,comment\n", f);
		for (size_t i = base; i < N && i < base + 4; i++) {
			fprintf(f, "%s,,,,", ids[i - base]);
			csvw_text(f, cases[i].text, true);
		}
		assert_int_equal(fclose(f), 0);
		snprintf(budgets, sizeof budgets, "%s/m", dir);
		msgs ms;
		msgs_init(&ms);
		arena a;
		arena_init(&a);
		model m;
		assert_int_equal(model_load(&m, budgets, &a, &ms.d), FP_OK);
		assert_string_equal(msgs_text(&ms), "");
		for (size_t i = base; i < N && i < base + 4; i++)
			assert_string_equal(m.actuals[i - base].comment, cases[i].text);
		model_release(&m);
		arena_release(&a);
		msgs_release(&ms);
	}
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(number_cents),
		cmocka_unit_test(references),
		cmocka_unit_test(handmade_package),
		cmocka_unit_test(broken_packages),
		cmocka_unit_test(zip_bombs),
		cmocka_unit_test(sheet_parts),
		cmocka_unit_test(cell_order),
		cmocka_unit_test(formula_cells),
		cmocka_unit_test(many_sheets),
		cmocka_unit_test(generated_workbook),
		cmocka_unit_test(generated_workbook_english),
		cmocka_unit_test(actuals_comment_read),
		cmocka_unit_test(actuals_comment_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
