/* xlsxread: see xlsxread.h. Every XML part is fed to expat in 64 KiB chunks straight from
 * libzip, each chunk counted against the part's declared size and the workbook's budget of
 * inflated bytes before expat sees it; names are parsed with namespaces (separator '|') and
 * matched on their local name, so a prefixed document ("x:c") reads like a plain one.
 * Document type declarations are refused: OOXML never has one, and refusing them closes the
 * door on entity expansion and external entities. Lookups go through hash maps, so the time
 * too stays in proportion to the bytes read. */
#include "xlsxread.h"
#include "../core/arena.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "text.h"
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

/* Shared string offsets are 32-bit: all the text is within the budget. */
_Static_assert(XLSXR_INFLATE_MAX < UINT32_MAX / 2, "shared string offsets are uint32_t");

#define CHUNK ((size_t)1 << 16)
#define NS_SEP '|'

typedef struct prop {
	const char *name, *value;
} prop;

typedef struct sheet_part {
	const char *name, *part;
	zip_uint64_t entry; /* the part's index in the zip archive */
} sheet_part;

typedef struct rel {
	const char *id, *type, *target;
	bool external;
} rel;

typedef struct rels {
	rel *v;
	size_t n, cap;
	strmap ids; /* id -> index into v; the first of an id wins */
} rels;

struct xlsxr_book {
	zip_t *zip;
	const char *path;
	arena a;
	/* The inflated bytes this workbook may take (XLSXR_INFLATE_*), and those taken. */
	uint64_t file_bytes, budget, inflated;
	/* Entry names folded to lower case, made on the first name not found as it is. */
	strmap lower;
	bool lower_made;
	bool full_calc; /* calcPr fullCalcOnLoad: the cached results of formulas are stale */
	prop *props;
	size_t nprops, props_cap;
	sheet_part *sheets;
	size_t nsheets, sheets_cap;
	strmap sheet_ix; /* name -> index into sheets; the first of a name wins */
	/* Shared string i is sst_text + sst_off[i], NUL-terminated: an empty one costs 5
	 * bytes, as "<si/>" does. */
	char *sst_text;
	size_t sst_len, sst_text_cap;
	uint32_t *sst_off;
	size_t nsst, sst_cap;
};

/* ---- one pass of expat over one part ---- */

typedef struct xml_pass {
	XML_Parser p;
	xlsxr_book *b;
	const char *part;
	diag *d;
	fp_status st;  /* set by a handler that found a problem (already reported) */
	bool stopped;  /* a callback asked to stop: not a problem */
	bool collecting;
	char *text;    /* the character data being collected, NUL-terminated */
	size_t len, cap;
	void *state;   /* the part's own state */
} xml_pass;

static const char *local_name(const char *name)
{
	const char *s = strrchr(name, NS_SEP);
	return s ? s + 1 : name;
}

/* An attribute without a namespace. */
static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

/* The relationship id of a <sheet>: an "id" attribute in some namespace (r:id). */
static const char *attr_rel_id(const char **atts)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strchr(atts[i], NS_SEP) && strcmp(local_name(atts[i]), "id") == 0)
			return atts[i + 1];
	return NULL;
}

static const char *part_where(xml_pass *x)
{
	return arena_printf(&x->b->a, "%s:%s", x->b->path, x->part);
}

/* Report a problem at the parser's position and stop the pass. */
__attribute__((format(printf, 2, 3))) static void pass_fail(xml_pass *x, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (x->st == FP_OK)
		diag_error(x->d, part_where(x), (long)XML_GetCurrentLineNumber(x->p),
			   (long)XML_GetCurrentColumnNumber(x->p) + 1, "%s", msg);
	x->st = FP_EDATA;
	XML_StopParser(x->p, XML_FALSE);
}

static void text_reset(xml_pass *x)
{
	x->len = 0;
	if (x->text)
		x->text[0] = '\0';
}

static void on_chars(void *ud, const XML_Char *s, int len)
{
	xml_pass *x = ud;
	if (!x->collecting || x->st != FP_OK || x->stopped || len <= 0)
		return;
	if (x->len + (size_t)len > XLSXR_MAX_TEXT) {
		pass_fail(x, "text of more than %zu bytes", XLSXR_MAX_TEXT);
		return;
	}
	if (x->len + (size_t)len + 1 > x->cap) {
		x->cap = x->cap ? x->cap : 256;
		while (x->len + (size_t)len + 1 > x->cap)
			x->cap *= 2;
		x->text = xrealloc(x->text, x->cap);
	}
	memcpy(x->text + x->len, s, (size_t)len);
	x->len += (size_t)len;
	x->text[x->len] = '\0';
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	pass_fail(ud, "document type declarations are not allowed in a workbook");
}

/* ---- finding parts and the budget of inflated bytes ---- */

static char *fold(arena *a, const char *s)
{
	char *f = arena_strdup(a, s);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

/* The index of part in the archive, or -1. The name as it is first (libzip's own hash
 * table); then in any case, as part names are case-insensitive in the Open Packaging
 * Conventions, through a map of the folded names made once (libzip's own case-insensitive
 * lookup is a scan of every entry, and many lookups would take time in the square). */
static zip_int64_t locate(xlsxr_book *b, const char *part)
{
	zip_int64_t ix = zip_name_locate(b->zip, part, 0);
	if (ix >= 0)
		return ix;
	if (!b->lower_made) {
		b->lower_made = true;
		zip_int64_t n = zip_get_num_entries(b->zip, 0);
		for (zip_int64_t i = 0; i < n && i <= INT32_MAX; i++) {
			const char *name = zip_get_name(b->zip, (zip_uint64_t)i, 0);
			if (name) {
				char *f = fold(&b->a, name);
				strmap_put(&b->lower, f, strlen(f), (int32_t)i);
			}
		}
	}
	char *f = fold(&b->a, part);
	return strmap_get(&b->lower, f, strlen(f));
}

/* Report that part (size bytes when known, else 0) passes the left bytes of the budget. */
static void budget_fail(xlsxr_book *b, const char *part, uint64_t size, uint64_t left, diag *d)
{
	char head[80] = "the part inflates to more than", of[48] = "";
	if (size)
		snprintf(head, sizeof head, "the part inflates to %llu bytes, more than",
			 (unsigned long long)size);
	if (left != b->budget)
		snprintf(of, sizeof of, " left of the %llu", (unsigned long long)b->budget);
	diag_error(d, arena_printf(&b->a, "%s:%s", b->path, part), 0, 0,
		   "%s the %llu bytes of XML%s this workbook may hold (%u times its %llu bytes, at "
		   "least %llu MiB, at most %llu MiB)",
		   head, (unsigned long long)left, of, XLSXR_INFLATE_RATIO,
		   (unsigned long long)b->file_bytes, (unsigned long long)(XLSXR_INFLATE_MIN >> 20),
		   (unsigned long long)(XLSXR_INFLATE_MAX >> 20));
}

/* Parse the archive's entry ix, called part, with the handlers. Every chunk is counted
 * before expat sees it: against the size the entry declares (a zip bomb may declare less
 * than it holds, and libzip checks the size only at the end of the stream) and against
 * what is left of the workbook's budget. */
static fp_status parse_index(xlsxr_book *b, zip_uint64_t ix, const char *part,
			     XML_StartElementHandler start, XML_EndElementHandler end, void *state,
			     diag *d)
{
	zip_stat_t zs;
	zip_stat_init(&zs);
	if (zip_stat_index(b->zip, ix, 0, &zs) != 0) {
		diag_error(d, b->path, 0, 0, "cannot read part %s: %s", part,
			   zip_error_strerror(zip_get_error(b->zip)));
		return FP_EDATA;
	}
	uint64_t left = b->budget - b->inflated;
	uint64_t declared = (zs.valid & ZIP_STAT_SIZE) ? (uint64_t)zs.size : UINT64_MAX;
	if (declared != UINT64_MAX && declared > left) {
		budget_fail(b, part, declared, left, d);
		return FP_EDATA;
	}
	zip_file_t *f = zip_fopen_index(b->zip, ix, 0);
	if (!f) {
		diag_error(d, b->path, 0, 0, "cannot read part %s: %s", part,
			   zip_error_strerror(zip_get_error(b->zip)));
		return FP_EDATA;
	}
	xml_pass x = {.b = b, .part = part, .d = d, .state = state};
	x.p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!x.p)
		xnomem();
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, start, end);
	XML_SetCharacterDataHandler(x.p, on_chars);
	XML_SetStartDoctypeDeclHandler(x.p, on_doctype);
	fp_status st = FP_OK;
	uint64_t got = 0;
	for (;;) {
		void *buf = XML_GetBuffer(x.p, (int)CHUNK);
		if (!buf)
			xnomem();
		zip_int64_t n = zip_fread(f, buf, CHUNK);
		if (n < 0) {
			diag_error(d, b->path, 0, 0, "cannot read part %s: %s", part,
				   zip_error_strerror(zip_file_get_error(f)));
			st = FP_EDATA;
			break;
		}
		got += (uint64_t)n;
		if (got > declared) {
			diag_error(d, arena_printf(&b->a, "%s:%s", b->path, part), 0, 0,
				   "the part inflates to more than the %llu bytes its zip entry "
				   "declares: a damaged or doctored zip archive",
				   (unsigned long long)declared);
			st = FP_EDATA;
			break;
		}
		if (got > left) {
			budget_fail(b, part, 0, left, d);
			st = FP_EDATA;
			break;
		}
		if (XML_ParseBuffer(x.p, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (x.st == FP_OK && !x.stopped) {
				diag_error(d, part_where(&x), (long)XML_GetCurrentLineNumber(x.p),
					   (long)XML_GetCurrentColumnNumber(x.p) + 1,
					   "malformed XML: %s", XML_ErrorString(XML_GetErrorCode(x.p)));
				st = FP_EDATA;
			}
			break;
		}
		if (n == 0)
			break;
	}
	b->inflated += got < left ? got : left;
	XML_ParserFree(x.p);
	zip_fclose(f);
	free(x.text);
	return status_worse(st, x.st);
}

/* Parse part (a name inside the package) with the handlers; a missing part is FP_OK when
 * it is optional. */
static fp_status parse_part(xlsxr_book *b, const char *part, bool required,
			    XML_StartElementHandler start, XML_EndElementHandler end, void *state,
			    diag *d)
{
	zip_int64_t ix = locate(b, part);
	if (ix < 0) {
		if (!required)
			return FP_OK;
		diag_error(d, b->path, 0, 0, "not an xlsx workbook: it has no part %s", part);
		return FP_EDATA;
	}
	return parse_index(b, (zip_uint64_t)ix, part, start, end, state, d);
}

/* ---- relationships ---- */

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_pass *x = ud;
	rels *r = x->state;
	if (strcmp(local_name(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
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
	const char *ln = local_name(name);
	if (strcmp(ln, "calcPr") == 0) {
		const char *full = attr(atts, "fullCalcOnLoad");
		x->b->full_calc = full && (strcmp(full, "1") == 0 || strcmp(full, "true") == 0);
		return;
	}
	if (strcmp(ln, "sheet") != 0)
		return;
	const char *sname = attr(atts, "name"), *rid = attr_rel_id(atts);
	if (!sname || !rid) {
		pass_fail(x, "a sheet without a name or relationship id");
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
	const char *ln = local_name(name);
	if (strcmp(ln, "si") == 0) {
		s->in_si = true;
		s->rph = 0;
		text_reset(x);
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
	const char *ln = local_name(name);
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
			text_reset(x);
			x->collecting = s->name != NULL;
		} else {
			x->collecting = false; /* a vector's elements: not a text value */
		}
		return;
	}
	if (strcmp(local_name(name), "property") != 0)
		return;
	const char *pname = attr(atts, "name");
	s->name = pname ? arena_strdup(&x->b->a, pname) : NULL;
	s->depth = 1;
	text_reset(x);
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

fp_status xlsxr_open(const char *path, xlsxr_book **out, diag *d)
{
	*out = NULL;
	int ze = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
	if (!z) {
		zip_error_t e;
		zip_error_init_with_code(&e, ze);
		fp_status st = FP_EDATA;
		if (ze == ZIP_ER_NOENT) {
			diag_report(d, DIAG_ERROR, FP_ENOINPUT, path, 0, 0, "cannot open: no such file");
			st = FP_ENOINPUT;
		} else if (ze == ZIP_ER_OPEN) {
			diag_report(d, DIAG_ERROR, FP_ENOINPUT, path, 0, 0, "cannot open: %s",
				    strerror(zip_error_code_system(&e)));
			st = FP_ENOINPUT;
		} else if (ze == ZIP_ER_NOZIP) {
			diag_error(d, path, 0, 0, "not an xlsx workbook (not a zip archive)");
		} else if (ze == ZIP_ER_INCONS) {
			diag_error(d, path, 0, 0, "not an xlsx workbook (a damaged zip archive)");
		} else if (ze == ZIP_ER_READ || ze == ZIP_ER_SEEK) {
			diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "cannot read: %s",
				    zip_error_strerror(&e));
			st = FP_EIO;
		} else {
			diag_error(d, path, 0, 0, "cannot open the workbook: %s", zip_error_strerror(&e));
		}
		zip_error_fini(&e);
		return st;
	}
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
	fp_status st;
	rels root = {0}, wbrels = {0};
	strmap_init(&root.ids);
	strmap_init(&wbrels.ids);
	wb_state wb = {0};
	int32_t *owner = NULL; /* per zip entry: 1 + the sheet that is that part, 0 for none */
	/* The package's relationships name the workbook and the custom properties; a package
	 * without them is read at the usual places. */
	st = parse_part(b, "_rels/.rels", false, rels_start, ignore_end, &root, d);
	if (st != FP_OK)
		goto out;
	const rel *r = rels_find_type(&root, "officeDocument");
	const char *wb_part = r ? resolve(&b->a, "", r->target) : "xl/workbook.xml";
	r = rels_find_type(&root, "custom-properties");
	const char *custom_part = r ? resolve(&b->a, "", r->target) : "docProps/custom.xml";
	st = parse_part(b, wb_part, true, wb_start, ignore_end, &wb, d);
	if (st != FP_OK)
		goto out;
	st = parse_part(b, rels_part(&b->a, wb_part), true, rels_start, ignore_end, &wbrels, d);
	if (st != FP_OK)
		goto out;
	for (size_t i = 0; i < wb.n; i++) {
		const rel *sr = rels_find_id(&wbrels, wb.v[i].rid);
		if (!sr || sr->external) {
			diag_error(d, b->path, 0, 0, "not an xlsx workbook: sheet %s has no part",
				   text_quotez(wb.v[i].name));
			st = FP_EDATA;
			goto out;
		}
		if (!rel_is(sr, "worksheet"))
			continue; /* a chart sheet or a dialog sheet: no cells */
		/* Every worksheet is a part of its own, so that a workbook cannot name more
		 * sheets than its file holds parts. */
		const char *part = resolve(&b->a, wb_part, sr->target);
		zip_int64_t ix = locate(b, part);
		if (ix < 0) {
			diag_error(d, b->path, 0, 0, "not an xlsx workbook: it has no part %s", part);
			st = FP_EDATA;
			goto out;
		}
		if (!owner)
			owner = xcalloc((size_t)zip_get_num_entries(z, 0) + 1, sizeof *owner);
		if (owner[ix]) {
			diag_error(d, b->path, 0, 0,
				   "not an xlsx workbook: sheets %s and %s are one part, %s",
				   text_quotez(b->sheets[owner[ix] - 1].name), text_quotez(wb.v[i].name),
				   zip_get_name(z, (zip_uint64_t)ix, 0));
			st = FP_EDATA;
			goto out;
		}
		VEC_GROW(b->sheets, b->nsheets, b->sheets_cap);
		b->sheets[b->nsheets] = (sheet_part){wb.v[i].name, part, (zip_uint64_t)ix};
		strmap_put(&b->sheet_ix, wb.v[i].name, strlen(wb.v[i].name), (int32_t)b->nsheets);
		owner[ix] = (int32_t)++b->nsheets;
	}
	r = rels_find_type(&wbrels, "sharedStrings");
	if (r) {
		sst_state ss = {0};
		st = parse_part(b, resolve(&b->a, wb_part, r->target), true, sst_start, sst_end,
				&ss, d);
		if (st != FP_OK)
			goto out;
	}
	props_state ps = {0};
	st = parse_part(b, custom_part, false, props_start, props_end, &ps, d);
out:
	free(owner);
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

/* ---- a sheet's cells ---- */

typedef struct sheet_state {
	xlsxr_cell_fn fn;
	void *ctx;
	int64_t row;      /* the current row, -1 before the first */
	int64_t last_col; /* of the row's last cell, -1 before its first */
	uint32_t next_col; /* the column of a cell without a reference */
	bool in_cell, has_value, formula, in_is;
	int rph;
	uint32_t cell_row, cell_col;
	char type; /* 'n', 's', 'b', 'e', 'd', 'S' (str) or 'i' (inlineStr) */
} sheet_state;

/* "B7" into row 6, column 1; false when it is not a cell reference within Excel's limits. */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
	uint32_t c = 0, r = 0;
	size_t i = 0;
	while (s[i] >= 'A' && s[i] <= 'Z' && i < 3)
		c = c * 26 + (uint32_t)(s[i++] - 'A' + 1);
	if (i == 0 || c > XLSXR_MAX_COLS)
		return false;
	size_t k = i;
	while (s[i] >= '0' && s[i] <= '9' && i - k < 7)
		r = r * 10 + (uint32_t)(s[i++] - '0');
	if (i == k || s[i] || s[k] == '0' || r > XLSXR_MAX_ROWS)
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

/* A row number ("7") into 6. */
static bool parse_row(const char *s, int64_t *row)
{
	uint32_t r = 0;
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 7)
		r = r * 10 + (uint32_t)(s[i++] - '0');
	if (i == 0 || s[i] || s[0] == '0' || r > XLSXR_MAX_ROWS)
		return false;
	*row = (int64_t)r - 1;
	return true;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_pass *x = ud;
	sheet_state *s = x->state;
	const char *ln = local_name(name);
	if (strcmp(ln, "row") == 0) {
		/* Rows in ascending order, as spreadsheet programs write and require them. */
		const char *r = attr(atts, "r");
		int64_t row;
		if (r && !parse_row(r, &row)) {
			pass_fail(x, "bad row number %s", text_quotez(r));
			return;
		}
		if (r && row <= s->row) {
			pass_fail(x, "rows out of order: row %s after row %lld", r,
				  (long long)s->row + 1);
			return;
		}
		if (!r && (row = s->row + 1) >= (int64_t)XLSXR_MAX_ROWS) {
			pass_fail(x, "more than %u rows", XLSXR_MAX_ROWS);
			return;
		}
		s->row = row;
		s->next_col = 0;
		s->last_col = -1;
	} else if (strcmp(ln, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t");
		if (s->row < 0)
			s->row = 0;
		if (r) {
			/* In its row and right of the cell before: each cell comes once. */
			char ref[16];
			if (!parse_ref(r, &s->cell_row, &s->cell_col)) {
				pass_fail(x, "bad cell reference %s", text_quotez(r));
				return;
			}
			if ((int64_t)s->cell_row != s->row) {
				pass_fail(x, "cell %s in row %lld", r, (long long)s->row + 1);
				return;
			}
			if ((int64_t)s->cell_col <= s->last_col) {
				pass_fail(x, "cells out of order: %s after %s", r,
					  xlsxr_cell_ref(ref, (uint32_t)s->row, (uint32_t)s->last_col));
				return;
			}
		} else {
			if (s->next_col >= XLSXR_MAX_COLS) {
				pass_fail(x, "more than %u columns", XLSXR_MAX_COLS);
				return;
			}
			s->cell_row = (uint32_t)s->row;
			s->cell_col = s->next_col;
		}
		s->next_col = s->cell_col + 1;
		s->last_col = s->cell_col;
		if (!t || strcmp(t, "n") == 0)
			s->type = 'n';
		else if (strcmp(t, "s") == 0 || strcmp(t, "b") == 0 || strcmp(t, "e") == 0 ||
			 strcmp(t, "d") == 0)
			s->type = t[0];
		else if (strcmp(t, "str") == 0)
			s->type = 'S';
		else if (strcmp(t, "inlineStr") == 0)
			s->type = 'i';
		else {
			pass_fail(x, "unknown cell type %s", text_quotez(t));
			return;
		}
		s->in_cell = true;
		s->has_value = s->formula = s->in_is = false;
		s->rph = 0;
		text_reset(x);
	} else if (!s->in_cell) {
		return;
	} else if (strcmp(ln, "v") == 0) {
		if (!s->in_is) {
			text_reset(x);
			s->has_value = true;
			x->collecting = true;
		}
	} else if (strcmp(ln, "f") == 0) {
		s->formula = true;
	} else if (strcmp(ln, "is") == 0) {
		s->in_is = true;
		s->has_value = true;
		text_reset(x);
	} else if (strcmp(ln, "rPh") == 0) {
		s->rph++;
	} else if (strcmp(ln, "t") == 0 && s->in_is) {
		x->collecting = s->rph == 0;
	}
}

/* Hand the finished cell on. */
static void sheet_cell(xml_pass *x, sheet_state *s)
{
	const char *text = x->text ? x->text : "";
	size_t len = x->len;
	xlsxr_cell cell = {.row = s->cell_row, .col = s->cell_col, .formula = s->formula};
	/* A formula's result is known when the file holds one that is not stale; an empty
	 * number is none (an empty text is a result: ="" gives it). */
	cell.uncalculated = s->formula && (x->b->full_calc || !s->has_value ||
					   ((s->type == 'n' || s->type == 's') && len == 0));
	if (cell.uncalculated) {
		text = "";
		len = 0;
	}
	switch (cell.uncalculated ? (s->type == 's' ? 'S' : s->type) : s->type) {
	case 's': {
		uint64_t ix = 0;
		size_t i = 0;
		while (i < len && text[i] >= '0' && text[i] <= '9' && ix <= UINT32_MAX)
			ix = ix * 10 + (uint64_t)(text[i++] - '0');
		if (i == 0 || i != len || ix >= x->b->nsst) {
			char ref[16];
			pass_fail(x, "cell %s: shared string %s does not exist (%zu shared strings)",
				  xlsxr_cell_ref(ref, s->cell_row, s->cell_col), text_quote(text, len),
				  x->b->nsst);
			return;
		}
		cell.type = XLSXR_STRING;
		text = x->b->sst_text + x->b->sst_off[ix];
		len = (ix + 1 < x->b->nsst ? x->b->sst_off[ix + 1] : x->b->sst_len) -
		      x->b->sst_off[ix] - 1;
		break;
	}
	case 'i':
	case 'S':
		cell.type = XLSXR_STRING;
		if (x->text) /* "_x000D_": a CR, as libxlsxwriter and Excel write it */
			len = text_xstring_decode(x->text, len);
		break;
	case 'b': cell.type = XLSXR_BOOL; break;
	case 'e': cell.type = XLSXR_ERROR; break;
	case 'd': cell.type = XLSXR_DATE; break;
	default:
		if (len == 0 && !cell.uncalculated)
			return; /* <v/>: no value after all */
		cell.type = XLSXR_NUMBER;
		break;
	}
	cell.text = text;
	cell.len = len;
	if (!s->fn(s->ctx, &cell)) {
		x->stopped = true;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void sheet_end(void *ud, const XML_Char *name)
{
	xml_pass *x = ud;
	sheet_state *s = x->state;
	if (!s->in_cell || x->st != FP_OK || x->stopped)
		return;
	const char *ln = local_name(name);
	if (strcmp(ln, "v") == 0 || strcmp(ln, "t") == 0) {
		x->collecting = false;
	} else if (strcmp(ln, "rPh") == 0) {
		s->rph--;
	} else if (strcmp(ln, "is") == 0) {
		s->in_is = false;
	} else if (strcmp(ln, "c") == 0) {
		s->in_cell = false;
		x->collecting = false;
		if (s->has_value || s->formula)
			sheet_cell(x, s);
	}
}

fp_status xlsxr_read_sheet(xlsxr_book *b, size_t i, xlsxr_cell_fn fn, void *ctx, diag *d)
{
	if (i >= b->nsheets) {
		diag_report(d, DIAG_ERROR, FP_ESOFTWARE, b->path, 0, 0, "no sheet %zu", i + 1);
		return FP_ESOFTWARE;
	}
	sheet_state s = {.fn = fn, .ctx = ctx, .row = -1, .last_col = -1};
	return parse_index(b, b->sheets[i].entry, b->sheets[i].part, sheet_start, sheet_end, &s, d);
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
