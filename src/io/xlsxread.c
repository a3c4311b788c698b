/* xlsxread: see xlsxread.h. Opening a workbook: the package's relationships, the workbook
 * part (sheet names and parts), the shared strings and the custom properties, each read by
 * one pass of xlsxread_part.c; names are matched on their local name, so a prefixed
 * document ("x:c") reads like a plain one, and looked up through hash maps. */
#include "xlsxread_int.h"
#include "../core/xalloc.h"
#include "text.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Shared string offsets are 32-bit: all the text is within the budget. */
_Static_assert(XLSXR_INFLATE_MAX < UINT32_MAX / 2, "shared string offsets are uint32_t");

/* The relationship id of a <sheet>: an "id" attribute in some namespace (r:id). */
static const char *attr_rel_id(const char **atts)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strchr(atts[i], NS_SEP) && strcmp(xlsxr_local_name(atts[i]), "id") == 0)
			return atts[i + 1];
	return NULL;
}

/* ---- relationships ---- */

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_pass *x = ud;
	rels *r = x->state;
	if (strcmp(xlsxr_local_name(name), "Relationship") != 0)
		return;
	const char *id = xlsxr_attr(atts, "Id"), *type = xlsxr_attr(atts, "Type"), *target = xlsxr_attr(atts, "Target");
	const char *mode = xlsxr_attr(atts, "TargetMode");
	if (!id || !type || !target)
		return;
	VEC_GROW(r->v, r->n, r->cap);
	const char *key = arena_strdup(&x->b->a, id);
	strmap_put(&r->ids, key, strlen(key), (int32_t)r->n);
	r->v[r->n++] = (rel){key, arena_strdup(&x->b->a, type), arena_strdup(&x->b->a, target),
			     mode && strcmp(mode, "External") == 0};
}

static void ignore_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/* The relationship type's last segment ("worksheet", "officeDocument"), so that the
 * transitional and the strict namespaces read alike. */
static bool rel_is(const rel *r, const char *kind)
{
	const char *s = strrchr(r->type, '/');
	return strcmp(s ? s + 1 : r->type, kind) == 0;
}

static const rel *rels_find_type(const rels *r, const char *kind)
{
	for (size_t i = 0; i < r->n; i++)
		if (!r->v[i].external && rel_is(&r->v[i], kind))
			return &r->v[i];
	return NULL;
}

static const rel *rels_find_id(const rels *r, const char *id)
{
	int32_t i = strmap_get(&r->ids, id, strlen(id));
	return i >= 0 ? &r->v[i] : NULL;
}

/* The part a relationship of source points at: targets are relative to the source's folder
 * unless they start with '/'; "." and ".." segments are resolved. */
static const char *resolve(arena *a, const char *source, const char *target)
{
	const char *slash = strrchr(source, '/');
	int dl = slash ? (int)(slash - source + 1) : 0;
	char *joined = target[0] == '/' ? arena_strdup(a, target + 1)
					: arena_printf(a, "%.*s%s", dl, source, target);
	/* Normalise in place: segments are copied down, ".." drops the last one. */
	char *out = joined, *p = joined;
	while (*p) {
		char *seg = p;
		size_t n = strcspn(p, "/");
		p += n;
		if (*p == '/')
			p++;
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out > joined) {
				out--; /* the '/' after the last segment */
				while (out > joined && out[-1] != '/')
					out--;
			}
			continue;
		}
		if (out != seg)
			memmove(out, seg, n);
		out += n;
		if (seg[n] == '/')
			*out++ = '/';
	}
	*out = '\0';
	return joined;
}

/* "xl/_rels/workbook.xml.rels" for "xl/workbook.xml". */
static const char *rels_part(arena *a, const char *source)
{
	const char *slash = strrchr(source, '/');
	int dl = slash ? (int)(slash - source + 1) : 0;
	return arena_printf(a, "%.*s_rels/%s.rels", dl, source, source + dl);
}

/* ---- the workbook part: sheet names and their relationship ids ---- */

typedef struct sheet_ref {
	const char *name, *rid;
} sheet_ref;

typedef struct wb_state {
	sheet_ref *v;
	size_t n, cap;
} wb_state;

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_pass *x = ud;
	wb_state *w = x->state;
	const char *ln = xlsxr_local_name(name);
	if (strcmp(ln, "calcPr") == 0) {
		const char *full = xlsxr_attr(atts, "fullCalcOnLoad");
		x->b->full_calc = full && (strcmp(full, "1") == 0 || strcmp(full, "true") == 0);
		return;
	}
	if (strcmp(ln, "sheet") != 0)
		return;
	const char *sname = xlsxr_attr(atts, "name"), *rid = attr_rel_id(atts);
	if (!sname || !rid) {
		xlsxr_pass_fail(x, "a sheet without a name or relationship id");
		return;
	}
	VEC_GROW(w->v, w->n, w->cap);
	w->v[w->n++] = (sheet_ref){arena_strdup(&x->b->a, sname), arena_strdup(&x->b->a, rid)};
}

/* ---- shared strings ---- */

typedef struct sst_state {
	bool in_si;
	int rph; /* depth inside phonetic runs, whose text is not the cell's */
} sst_state;

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	xml_pass *x = ud;
	sst_state *s = x->state;
	const char *ln = xlsxr_local_name(name);
	if (strcmp(ln, "si") == 0) {
		s->in_si = true;
		s->rph = 0;
		xlsxr_text_reset(x);
	} else if (strcmp(ln, "rPh") == 0) {
		s->rph++;
	} else if (strcmp(ln, "t") == 0) {
		x->collecting = s->in_si && s->rph == 0;
	}
}

static void sst_end(void *ud, const XML_Char *name)
{
	xml_pass *x = ud;
	sst_state *s = x->state;
	xlsxr_book *b = x->b;
	const char *ln = xlsxr_local_name(name);
	if (strcmp(ln, "t") == 0) {
		x->collecting = false;
	} else if (strcmp(ln, "rPh") == 0) {
		s->rph--;
	} else if (strcmp(ln, "si") == 0 && s->in_si) {
		/* Text and NUL within the part's bytes, which are within the budget. */
		s->in_si = false;
		if (x->text) /* "_x000D_": a CR, as libxlsxwriter and Excel write it */
			x->len = text_xstring_decode(x->text, x->len);
		VEC_GROW(b->sst_off, b->nsst, b->sst_cap);
		b->sst_off[b->nsst++] = (uint32_t)b->sst_len;
		if (b->sst_len + x->len + 1 > b->sst_text_cap) {
			b->sst_text_cap = b->sst_text_cap ? b->sst_text_cap : 4096;
			while (b->sst_len + x->len + 1 > b->sst_text_cap)
				b->sst_text_cap *= 2;
			b->sst_text = xrealloc(b->sst_text, b->sst_text_cap);
		}
		if (x->len)
			memcpy(b->sst_text + b->sst_len, x->text, x->len);
		b->sst_len += x->len;
		b->sst_text[b->sst_len++] = '\0';
	}
}

/* ---- custom document properties ---- */

typedef struct props_state {
	const char *name; /* of the property being read, or NULL */
	int depth;        /* 1 inside <property>, 2 inside its value (vt:lpwstr, ...) */
} props_state;

static void props_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_pass *x = ud;
	props_state *s = x->state;
	if (s->depth > 0) {
		if (++s->depth == 2) {
			xlsxr_text_reset(x);
			x->collecting = s->name != NULL;
		} else {
			x->collecting = false; /* a vector's elements: not a text value */
		}
		return;
	}
	if (strcmp(xlsxr_local_name(name), "property") != 0)
		return;
	const char *pname = xlsxr_attr(atts, "name");
	s->name = pname ? arena_strdup(&x->b->a, pname) : NULL;
	s->depth = 1;
	xlsxr_text_reset(x);
}

static void props_end(void *ud, const XML_Char *name)
{
	(void)name;
	xml_pass *x = ud;
	props_state *s = x->state;
	xlsxr_book *b = x->b;
	if (s->depth == 0)
		return;
	if (--s->depth == 1)
		x->collecting = false;
	if (s->depth > 0 || !s->name)
		return;
	VEC_GROW(b->props, b->nprops, b->props_cap);
	b->props[b->nprops++] = (prop){s->name, arena_strndup(&b->a, x->text ? x->text : "", x->len)};
	s->name = NULL;
}

/* ---- opening ---- */

/* The archive at path, or NULL with the reason reported to d and its status in *st. */
static zip_t *open_zip(const char *path, diag *d, fp_status *st)
{
	int ze = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
	if (z)
		return z;
	zip_error_t e;
	zip_error_init_with_code(&e, ze);
	*st = FP_EDATA;
	if (ze == ZIP_ER_NOENT) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, path, 0, 0, "cannot open: no such file");
		*st = FP_ENOINPUT;
	} else if (ze == ZIP_ER_OPEN) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, path, 0, 0, "cannot open: %s",
			    strerror(zip_error_code_system(&e)));
		*st = FP_ENOINPUT;
	} else if (ze == ZIP_ER_NOZIP) {
		diag_error(d, path, 0, 0, "not an xlsx workbook (not a zip archive)");
	} else if (ze == ZIP_ER_INCONS) {
		diag_error(d, path, 0, 0, "not an xlsx workbook (a damaged zip archive)");
	} else if (ze == ZIP_ER_READ || ze == ZIP_ER_SEEK) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "cannot read: %s",
			    zip_error_strerror(&e));
		*st = FP_EIO;
	} else {
		diag_error(d, path, 0, 0, "cannot open the workbook: %s", zip_error_strerror(&e));
	}
	zip_error_fini(&e);
	return NULL;
}

/* A book over the open archive z, with its budget of inflated bytes from the file's size. */
static xlsxr_book *book_new(zip_t *z, const char *path)
{
	xlsxr_book *b = xcalloc(1, sizeof *b);
	b->zip = z;
	arena_init(&b->a);
	strmap_init(&b->lower);
	strmap_init(&b->sheet_ix);
	b->path = arena_strdup(&b->a, path);
	struct stat fs;
	b->file_bytes = stat(path, &fs) == 0 && fs.st_size > 0 ? (uint64_t)fs.st_size : 0;
	b->budget = b->file_bytes > XLSXR_INFLATE_MAX / XLSXR_INFLATE_RATIO
			    ? XLSXR_INFLATE_MAX
			    : b->file_bytes * XLSXR_INFLATE_RATIO;
	if (b->budget < XLSXR_INFLATE_MIN)
		b->budget = XLSXR_INFLATE_MIN;
	return b;
}

/* The sheets the workbook part wb_part names (wb) through its relationships (wbrels):
 * every worksheet is a part of its own, so that a workbook cannot name more sheets than
 * its file holds parts; chart and dialog sheets (no cells) are left out. */
static fp_status read_sheets(xlsxr_book *b, const char *wb_part, const wb_state *wb,
			     const rels *wbrels, diag *d)
{
	zip_t *z = b->zip;
	fp_status st = FP_OK;
	int32_t *owner = NULL; /* per zip entry: 1 + the sheet that is that part, 0 for none */
	for (size_t i = 0; i < wb->n && st == FP_OK; i++) {
		const rel *sr = rels_find_id(wbrels, wb->v[i].rid);
		if (!sr || sr->external) {
			diag_error(d, b->path, 0, 0, "not an xlsx workbook: sheet %s has no part",
				   text_quotez(wb->v[i].name));
			st = FP_EDATA;
			break;
		}
		if (!rel_is(sr, "worksheet"))
			continue;
		const char *part = resolve(&b->a, wb_part, sr->target);
		zip_int64_t ix = xlsxr_locate(b, part);
		if (ix < 0) {
			diag_error(d, b->path, 0, 0, "not an xlsx workbook: it has no part %s", part);
			st = FP_EDATA;
			break;
		}
		if (!owner)
			owner = xcalloc((size_t)zip_get_num_entries(z, 0) + 1, sizeof *owner);
		if (owner[ix]) {
			diag_error(d, b->path, 0, 0,
				   "not an xlsx workbook: sheets %s and %s are one part, %s",
				   text_quotez(b->sheets[owner[ix] - 1].name),
				   text_quotez(wb->v[i].name), zip_get_name(z, (zip_uint64_t)ix, 0));
			st = FP_EDATA;
			break;
		}
		VEC_GROW(b->sheets, b->nsheets, b->sheets_cap);
		b->sheets[b->nsheets] = (sheet_part){wb->v[i].name, part, (zip_uint64_t)ix};
		strmap_put(&b->sheet_ix, wb->v[i].name, strlen(wb->v[i].name), (int32_t)b->nsheets);
		owner[ix] = (int32_t)++b->nsheets;
	}
	free(owner);
	return st;
}

fp_status xlsxr_open(const char *path, xlsxr_book **out, diag *d)
{
	*out = NULL;
	fp_status st = FP_OK;
	zip_t *z = open_zip(path, d, &st);
	if (!z)
		return st;
	xlsxr_book *b = book_new(z, path);
	rels root = {0}, wbrels = {0};
	strmap_init(&root.ids);
	strmap_init(&wbrels.ids);
	wb_state wb = {0};
	/* The package's relationships name the workbook and the custom properties; a package
	 * without them is read at the usual places. */
	st = xlsxr_parse_part(b, "_rels/.rels", false, rels_start, ignore_end, &root, d);
	if (st != FP_OK)
		goto out;
	const rel *r = rels_find_type(&root, "officeDocument");
	const char *wb_part = r ? resolve(&b->a, "", r->target) : "xl/workbook.xml";
	r = rels_find_type(&root, "custom-properties");
	const char *custom_part = r ? resolve(&b->a, "", r->target) : "docProps/custom.xml";
	st = xlsxr_parse_part(b, wb_part, true, wb_start, ignore_end, &wb, d);
	if (st != FP_OK)
		goto out;
	st = xlsxr_parse_part(b, rels_part(&b->a, wb_part), true, rels_start, ignore_end, &wbrels,
			      d);
	if (st != FP_OK)
		goto out;
	st = read_sheets(b, wb_part, &wb, &wbrels, d);
	if (st != FP_OK)
		goto out;
	r = rels_find_type(&wbrels, "sharedStrings");
	if (r) {
		sst_state ss = {0};
		st = xlsxr_parse_part(b, resolve(&b->a, wb_part, r->target), true, sst_start,
				      sst_end, &ss, d);
		if (st != FP_OK)
			goto out;
	}
	props_state ps = {0};
	st = xlsxr_parse_part(b, custom_part, false, props_start, props_end, &ps, d);
out:
	free(root.v);
	free(wbrels.v);
	strmap_release(&root.ids);
	strmap_release(&wbrels.ids);
	free(wb.v);
	if (st != FP_OK) {
		xlsxr_free(b);
		return st;
	}
	*out = b;
	return FP_OK;
}

void xlsxr_free(xlsxr_book *b)
{
	if (!b)
		return;
	if (b->zip)
		zip_discard(b->zip);
	free(b->props);
	free(b->sheets);
	strmap_release(&b->sheet_ix);
	strmap_release(&b->lower);
	free(b->sst_text);
	free(b->sst_off);
	arena_release(&b->a);
	free(b);
}

const char *xlsxr_property(const xlsxr_book *b, const char *name)
{
	for (size_t i = 0; i < b->nprops; i++)
		if (strcmp(b->props[i].name, name) == 0)
			return b->props[i].value;
	return NULL;
}

size_t xlsxr_nsheets(const xlsxr_book *b)
{
	return b->nsheets;
}

const char *xlsxr_sheet_name(const xlsxr_book *b, size_t i)
{
	return i < b->nsheets ? b->sheets[i].name : NULL;
}

long xlsxr_sheet_find(const xlsxr_book *b, const char *name)
{
	return strmap_get(&b->sheet_ix, name, strlen(name));
}

/* ---- references and numbers ---- */

char *xlsxr_cell_ref(char buf[16], uint32_t row, uint32_t col)
{
	char letters[4];
	size_t n = 0;
	uint32_t c = col + 1;
	while (c && n < 3) {
		uint32_t rem = (c - 1) % 26;
		letters[n++] = (char)('A' + rem);
		c = (c - 1) / 26;
	}
	size_t o = 0;
	while (n)
		buf[o++] = letters[--n];
	snprintf(buf + o, 16 - o, "%lu", (unsigned long)row + 1);
	return buf;
}

char *xlsxr_sheet_ref(char *buf, size_t cap, const char *sheet)
{
	bool plain = *sheet != '\0';
	for (const char *p = sheet; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
			plain = false;
	if (plain) {
		snprintf(buf, cap, "%s", sheet);
		return buf;
	}
	size_t o = 0;
	if (cap < 3) {
		if (cap)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '\'';
	for (const char *p = sheet; *p && o + 3 < cap; p++) {
		if (*p == '\'')
			buf[o++] = '\'';
		buf[o++] = *p;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

/* digits[0..n) * 10^scale as cents, when that is a whole number of cents. */
static xlsxr_num digits_cents(const char *digits, size_t n, long scale, bool neg, int64_t *cents)
{
	/* Trailing zeros go into the scale, so that "1000" and "1E3" read alike. */
	while (n && digits[n - 1] == '0') {
		n--;
		scale++;
	}
	if (n == 0) {
		*cents = 0;
		return XLSXR_NUM_OK;
	}
	if (scale + 2 < 0)
		return XLSXR_NUM_FRACTION;
	if (n + (size_t)(scale + 2) > 19)
		return XLSXR_NUM_RANGE;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (uint64_t)(digits[i] - '0');
	for (long k = 0; k < scale + 2; k++)
		if (__builtin_mul_overflow(v, 10, &v))
			return XLSXR_NUM_RANGE;
	if (v > (uint64_t)INT64_MAX)
		return XLSXR_NUM_RANGE;
	*cents = neg ? -(int64_t)v : (int64_t)v;
	return XLSXR_NUM_OK;
}

xlsxr_num xlsxr_number_cents(const char *s, size_t len, int64_t *cents)
{
	size_t i = 0;
	bool neg = false;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	/* The significant digits (leading zeros dropped) and the power of ten of the last. */
	char digits[64];
	size_t n = 0, mant = 0;
	long scale = 0;
	bool point = false, tail = false; /* tail: non-zero digits past the 64 kept */
	for (; i < len; i++) {
		char c = s[i];
		if (c == '.' && !point) {
			point = true;
			continue;
		}
		if (c < '0' || c > '9')
			break;
		mant++;
		if (n == 0 && c == '0') {
			if (point)
				scale--;
			continue;
		}
		if (n < sizeof digits) {
			digits[n++] = c;
			if (point)
				scale--;
		} else if (!point) {
			scale++; /* a digit past the 64 kept is a power of ten more */
		} else if (c != '0') {
			tail = true;
		}
	}
	if (mant == 0)
		return XLSXR_NUM_SYNTAX;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool eneg = false;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		long e = 0;
		size_t k = i;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		if (i == k)
			return XLSXR_NUM_SYNTAX;
		scale += eneg ? -e : e;
	}
	if (i != len)
		return XLSXR_NUM_SYNTAX;
	xlsxr_num r = tail ? XLSXR_NUM_FRACTION : digits_cents(digits, n, scale, neg, cents);
	if (r != XLSXR_NUM_FRACTION || n <= 15)
		return r;
	/* More digits than a double holds: round to 15, half away from zero, and judge again. */
	bool up = digits[15] >= '5';
	scale += (long)(n - 15);
	n = 15;
	for (size_t k = n; up && k-- > 0;) {
		if (digits[k] == '9') {
			digits[k] = '0';
		} else {
			digits[k]++;
			up = false;
		}
	}
	if (up) { /* 999...9 became 1000...0 */
		memmove(digits + 1, digits, n);
		digits[0] = '1';
		n++;
	}
	return digits_cents(digits, n, scale, neg, cents);
}
