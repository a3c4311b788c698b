/* xlsxread: reading xlsx workbooks (Office Open XML spreadsheets) with libzip and expat, the
 * only place that includes <zip.h> and <expat.h>: no zip or XML is parsed by hand. Opening a
 * workbook reads its custom document properties, its sheet names (found through the package
 * relationships) and its shared strings; a sheet's cells are then streamed to a callback in
 * document order, so a sheet of a million rows needs the memory of one cell, not of the
 * sheet. Values are handed on as the file holds them, as text: no number is converted. A
 * workbook comes from outside: the bytes it inflates to, and with them every count and all
 * the memory, are bounded by its size (XLSXR_INFLATE_*). */
#ifndef FP_XLSXREAD_H
#define FP_XLSXREAD_H
#include "../core/diag.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Excel's limits, which a cell reference may not pass. */
#define XLSXR_MAX_ROWS 1048576u
#define XLSXR_MAX_COLS 16384u
/* The longest text of one cell or shared string (Excel's own limit is 32,767 characters). */
#define XLSXR_MAX_TEXT ((size_t)1 << 20)
/* The most XML a workbook is inflated to, all the parts read together (a part read twice
 * counts twice): XLSXR_INFLATE_RATIO times the size of the file, but at least
 * XLSXR_INFLATE_MIN and at most XLSXR_INFLATE_MAX. The XML of a spreadsheet compresses
 * about 5 to 10 times; a part that would pass the limit is a zip bomb, refused before it is
 * inflated when its zip entry says how large it is, and as soon as it passes that size when
 * the entry says less. Every count the reader keeps (shared strings, sheets, relationships,
 * properties) and all its memory are bounded by these bytes. */
#define XLSXR_INFLATE_RATIO 100u
#define XLSXR_INFLATE_MIN ((uint64_t)1 << 20)
#define XLSXR_INFLATE_MAX ((uint64_t)1 << 27)

typedef struct xlsxr_book xlsxr_book;

/* A cell's type as the file declares it. A string is a shared string ("s", resolved), an
 * inline string ("inlineStr") or a formula's string result ("str"): the reader does not
 * tell them apart, because spreadsheet programs write either for the same content. */
typedef enum xlsxr_type {
	XLSXR_NUMBER, /* text as written: "1234", "0.1", "1.5E-3" */
	XLSXR_STRING,
	XLSXR_BOOL,   /* "0" or "1" */
	XLSXR_ERROR,  /* "#N/A", "#DIV/0!", ... */
	XLSXR_DATE,   /* ISO 8601 text ("d" cells, rare) */
} xlsxr_type;

/* One cell with a value or a formula. Cells with neither (only a style, as the input cells
 * of a returned workbook are) are not handed on. */
typedef struct xlsxr_cell {
	uint32_t row, col; /* 0-based: A1 is row 0, column 0 */
	xlsxr_type type;
	const char *text;  /* the value, NUL-terminated, valid during the callback only */
	size_t len;
	bool formula;      /* the cell has a formula; text is its cached result */
	/* A formula whose result the file does not hold: no cached value, an empty one for a
	 * number, or any cached value in a workbook that asks to be calculated when it is
	 * opened (calcPr fullCalcOnLoad, as libraries write formulas with a stand-in 0). text is
	 * then "": the value is unknown, neither 0 nor the formula. */
	bool uncalculated;
} xlsxr_cell;

/* Called for every cell with a value or a formula, in document order, which is sheet order:
 * the reader refuses rows and cells out of order, so a cell comes at most once. Return
 * false to stop reading. */
typedef bool (*xlsxr_cell_fn)(void *ctx, const xlsxr_cell *cell);

/* xlsxr_open: open the workbook at path and read its package relationships, workbook part,
 * shared strings and custom properties. Problems are reported to d with path (and the part
 * with its line and column for malformed XML). FP_ENOINPUT when the file cannot be opened,
 * FP_EDATA when it is not a readable xlsx workbook (also: more XML than XLSXR_INFLATE_*
 * allow, a worksheet without a part of its own), FP_EIO on a read error. On success *out
 * is the workbook, owned by the caller (xlsxr_free); on failure it is NULL. */
fp_status xlsxr_open(const char *path, xlsxr_book **out, diag *d);

/* xlsxr_free: close the file and free everything; NULL is fine. */
void xlsxr_free(xlsxr_book *b);

/* xlsxr_property: the custom document property name (docProps/custom.xml) as text, or NULL
 * when the workbook has none of that name. Valid until xlsxr_free. */
const char *xlsxr_property(const xlsxr_book *b, const char *name);

/* The worksheets in workbook order (chart sheets are left out). */
size_t xlsxr_nsheets(const xlsxr_book *b);
const char *xlsxr_sheet_name(const xlsxr_book *b, size_t i);
/* xlsxr_sheet_find: the index of the sheet called name (exactly), or -1. */
long xlsxr_sheet_find(const xlsxr_book *b, const char *name);

/* xlsxr_read_sheet: stream the cells of sheet i to fn. FP_OK also when fn stopped the
 * reading; FP_EDATA (reported) for malformed XML, a bad cell reference, rows or cells out of
 * order, a shared string index out of range, a text over XLSXR_MAX_TEXT or a part that
 * passes what is left of the workbook's XLSXR_INFLATE_* bytes; FP_EIO on a read error. */
fp_status xlsxr_read_sheet(xlsxr_book *b, size_t i, xlsxr_cell_fn fn, void *ctx, diag *d);

/* xlsxr_cell_ref: "A1" for row 0, column 0; "XFD1048576" at the far corner. Returns buf. */
char *xlsxr_cell_ref(char buf[16], uint32_t row, uint32_t col);

/* xlsxr_sheet_ref: sheet written as in a formula reference: the name, in single quotes
 * (a quote doubled) unless it is letters, digits, '_' and '.' only. Returns buf, cut to cap. */
char *xlsxr_sheet_ref(char *buf, size_t cap, const char *sheet);

typedef enum xlsxr_num {
	XLSXR_NUM_OK,
	XLSXR_NUM_SYNTAX,   /* not a number as a spreadsheet writes one */
	XLSXR_NUM_FRACTION, /* a fraction of a cent */
	XLSXR_NUM_RANGE,    /* beyond int64 cents */
} xlsxr_num;

/* xlsxr_number_cents: the text of a number cell ("1234", "-0.5", "1.2345E+5") as exact
 * cents, in integer arithmetic. A number is stored as a binary double, so a program may
 * write 0.1 + 0.2 as "0.30000000000000004": text that is not a whole number of cents as
 * written, but has more than 15 significant digits (more than a double holds), is rounded
 * to 15 significant digits (half away from zero) before it is judged. */
xlsxr_num xlsxr_number_cents(const char *s, size_t len, int64_t *cents);

#endif
