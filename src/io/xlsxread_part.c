/* xlsxread_part: one pass of expat over one part of the archive, fed in 64 KiB chunks
 * straight from libzip, each chunk counted against the part's declared size and the
 * workbook's budget of inflated bytes before expat sees it. Document type declarations are
 * refused: OOXML never has one, and refusing them closes the door on entity expansion. */
#include "xlsxread_int.h"
#include "../core/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CHUNK ((size_t)1 << 16)

const char *xlsxr_local_name(const char *name)
{
	const char *s = strrchr(name, NS_SEP);
	return s ? s + 1 : name;
}

/* An attribute without a namespace. */
const char *xlsxr_attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

static const char *part_where(xml_pass *x)
{
	return arena_printf(&x->b->a, "%s:%s", x->b->path, x->part);
}

/* Report a problem at the parser's position and stop the pass. */
__attribute__((format(printf, 2, 3))) void xlsxr_pass_fail(xml_pass *x, const char *fmt, ...)
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

void xlsxr_text_reset(xml_pass *x)
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
		xlsxr_pass_fail(x, "text of more than %zu bytes", XLSXR_MAX_TEXT);
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
	xlsxr_pass_fail(ud, "document type declarations are not allowed in a workbook");
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
zip_int64_t xlsxr_locate(xlsxr_book *b, const char *part)
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
fp_status xlsxr_parse_index(xlsxr_book *b, zip_uint64_t ix, const char *part,
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
fp_status xlsxr_parse_part(xlsxr_book *b, const char *part, bool required,
			    XML_StartElementHandler start, XML_EndElementHandler end, void *state,
			    diag *d)
{
	zip_int64_t ix = xlsxr_locate(b, part);
	if (ix < 0) {
		if (!required)
			return FP_OK;
		diag_error(d, b->path, 0, 0, "not an xlsx workbook: it has no part %s", part);
		return FP_EDATA;
	}
	return xlsxr_parse_index(b, (zip_uint64_t)ix, part, start, end, state, d);
}
