/* xlsxread_int: what the files of the xlsx reader share (internal to src/io/): the book
 * as opened, and one pass of expat over one part of the archive, counted against the
 * workbook's budget of inflated bytes (xlsxread_part.c). xlsxread.c opens a workbook,
 * xlsxread_sheet.c reads a sheet's cells. The only place besides them with zip.h, expat.h. */
#ifndef FP_XLSXREAD_INT_H
#define FP_XLSXREAD_INT_H
#include "xlsxread.h"
#include "../core/arena.h"
#include "../core/strmap.h"
#include <expat.h>
#include <zip.h>

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

/* xlsxr_local_name: name without its namespace ("ns|c" -> "c"). */
const char *xlsxr_local_name(const char *name);

/* xlsxr_attr: the value of the attribute name (without a namespace) in atts, or NULL. */
const char *xlsxr_attr(const char **atts, const char *name);

/* xlsxr_pass_fail: report a problem at the parser's position (the first of the pass only)
 * and stop the pass with FP_EDATA. */
__attribute__((format(printf, 2, 3))) void xlsxr_pass_fail(xml_pass *x, const char *fmt, ...);

/* xlsxr_text_reset: empty the character data being collected. */
void xlsxr_text_reset(xml_pass *x);

/* xlsxr_locate: the index of part in the archive (part names are case-insensitive), or -1. */
zip_int64_t xlsxr_locate(xlsxr_book *b, const char *part);

/* xlsxr_parse_index: parse the archive's entry ix, called part, with the handlers (state is
 * the pass's own); every chunk counted against the entry's declared size and the budget
 * left before expat sees it. Problems are reported to d: FP_EDATA. */
fp_status xlsxr_parse_index(xlsxr_book *b, zip_uint64_t ix, const char *part,
			    XML_StartElementHandler start, XML_EndElementHandler end, void *state,
			    diag *d);

/* xlsxr_parse_part: xlsxr_parse_index of the part named part; a missing part is FP_OK
 * when it is not required, else reported (FP_EDATA). */
fp_status xlsxr_parse_part(xlsxr_book *b, const char *part, bool required,
			   XML_StartElementHandler start, XML_EndElementHandler end, void *state,
			   diag *d);

#endif
