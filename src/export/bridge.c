/* bridge: the workbook of "fitplan diff --xlsx": the bridge from one run's gap to another's
 * as a table whose last line is a live SUM, and as a waterfall chart. libxlsxwriter has no
 * waterfall type: the chart stacks an invisible base under each visible bar (separately
 * above and below zero), and colours the bars point by point. */
#include "xlsx.h"
#include "book.h"
#include "../core/xalloc.h"
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

/* The bridge workbook's own words, in Dutch and English (the steps and the change rows
 * come translated from audit/diff.c). */
#define BRIDGE_LABELS(X)                                                                   \
	X(B_SHEET, "Brug", "Bridge")                                                       \
	X(B_CHANGES, "Wijzigingen", "Changes")                                             \
	X(B_TITLE, "Brug van het gat in", "Bridge of the gap in")                          \
	X(B_TWO_SCENARIOS, "(twee scenario's)", "(two scenarios)")                         \
	X(B_STEP, "stap", "step")                                                          \
	X(B_AMOUNT, "bedrag (EUR)", "amount (EUR)")                                        \
	X(B_BASE_ABOVE, "basis boven 0", "base above 0")                                   \
	X(B_ABOVE, "boven 0", "above 0")                                                   \
	X(B_BASE_BELOW, "basis onder 0", "base below 0")                                   \
	X(B_BELOW, "onder 0", "below 0")                                                   \
	X(B_GAP_A, "gat in A", "gap in A")                                                 \
	X(B_GAP_B, "gat in B", "gap in B")                                                 \
	X(B_NOTE, "De stappen tellen precies op tot het verschil tussen de twee gaten; "   \
		  "de kolommen D-G dienen alleen voor de grafiek.",                         \
	  "The steps add up exactly to the difference between the two gaps; "           \
	  "columns D-G only draw the chart.")                                              \
	X(B_SECTION, "onderdeel", "section")                                               \
	X(B_CHANGE, "wijziging", "change")                                                 \
	X(B_ITEM, "onderwerp", "item")                                                     \
	X(B_FIELD, "veld", "field")                                                        \
	X(B_PAGE, "Pagina &P van &N", "Page &P of &N")

#define BRIDGE_ENUM(name, nl, en) name,
typedef enum bridge_label_id { BRIDGE_LABELS(BRIDGE_ENUM) B_COUNT } bridge_label_id;
#undef BRIDGE_ENUM

static const char *const bridge_words[B_COUNT][2] = {
#define BRIDGE_TEXT(name, nl, en) {nl, en},
	BRIDGE_LABELS(BRIDGE_TEXT)
#undef BRIDGE_TEXT
};

static const char *bw(xlsx_lang lang, bridge_label_id l)
{
	return bridge_words[l][lang == LANG_EN];
}

/* The formats of the bridge workbook. */
typedef struct bridge_fmt {
	lxw_format *bold, *head, *money, *money_bold, *hidden;
} bridge_fmt;

static bridge_fmt bridge_formats(lxw_workbook *wb)
{
	bridge_fmt f;
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_bg_color(f.head, 0xDDEBF7);
	format_set_bottom(f.head, LXW_BORDER_THIN);
	f.money = workbook_add_format(wb);
	format_set_num_format(f.money, "#,##0.00;[Red]-#,##0.00");
	f.money_bold = workbook_add_format(wb);
	format_set_num_format(f.money_bold, "#,##0.00;[Red]-#,##0.00");
	format_set_bold(f.money_bold);
	format_set_top(f.money_bold, LXW_BORDER_THIN);
	f.hidden = workbook_add_format(wb);
	format_set_font_color(f.hidden, 0x808080);
	format_set_num_format(f.hidden, "#,##0.00");
	return f;
}

/* The chart's columns of a bar from s to e (cents): an invisible base and the visible bar,
 * above and below zero, in columns D-G of row r. */
static void bar_columns(lxw_worksheet *ws, int r, int64_t s, int64_t e, lxw_format *hidden)
{
	int64_t lo = s < e ? s : e, hi = s < e ? e : s;
	int64_t v[4] = {0, 0, 0, 0}; /* base+, visible+, base-, visible- */
	if (lo >= 0) {
		v[0] = lo;
		v[1] = hi - lo;
	} else if (hi <= 0) {
		v[2] = hi;
		v[3] = lo - hi;
	} else {
		v[1] = hi;
		v[3] = lo;
	}
	for (int k = 0; k < 4; k++)
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(3 + k), (double)v[k] / 100.0,
				       hidden);
}

/* The bars from row first: gap A, the steps, gap B (=SUM), with each bar's colour in
 * fills[0..nsteps + 2). */
static void bridge_rows(lxw_worksheet *ws, const bridge_fmt *fm, int first, const char *label_a,
			int64_t gap_a, const char *label_b, int64_t gap_b, const xlsx_step *steps,
			size_t nsteps, lxw_chart_fill *fills)
{
	size_t nbars = nsteps + 2;
	int last = first + (int)nbars - 1;
	int64_t run = 0;
	for (size_t i = 0; i < nbars; i++) {
		int r = first + (int)i;
		int64_t s, e;
		bool total = i == 0 || i == nbars - 1;
		if (i == 0) {
			book_put_text(ws, (lxw_row_t)r, 0, label_a, fm->bold);
			worksheet_write_number(ws, (lxw_row_t)r, 1, (double)gap_a / 100.0,
					       fm->money_bold);
			s = 0;
			e = run = gap_a;
		} else if (i == nbars - 1) {
			char f[64];
			snprintf(f, sizeof f, "=SUM(B%d:B%d)", first + 1, last);
			book_put_text(ws, (lxw_row_t)r, 0, label_b, fm->bold);
			worksheet_write_formula_num(ws, (lxw_row_t)r, 1, f, fm->money_bold,
						    (double)gap_b / 100.0);
			s = 0;
			e = gap_b;
		} else {
			const xlsx_step *st = &steps[i - 1];
			book_put_text(ws, (lxw_row_t)r, 0, st->label, NULL);
			worksheet_write_number(ws, (lxw_row_t)r, 1, (double)st->cents / 100.0,
					       fm->money);
			s = run;
			e = run = run + st->cents;
		}
		bar_columns(ws, r, s, e, fm->hidden);
		/* Totals blue; a step that widens the gap red, one that narrows it green. */
		fills[i].color = total ? 0x1F4E79 : (e > s ? 0xC62828 : 0x2E7D32);
	}
}

/* The waterfall over rows first..last of sheet, at row at: bases unfilled, bars coloured
 * point by point (pp, NULL-terminated). */
static void bridge_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
			 const char *title, int first, int last, lxw_chart_point **pp, int at)
{
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_COLUMN_STACKED);
	for (int k = 0; k < 4; k++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sheet, (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, sheet, (lxw_row_t)first, (lxw_col_t)(3 + k),
					(lxw_row_t)last, (lxw_col_t)(3 + k));
		chart_series_set_name_range(se, sheet, 2, (lxw_col_t)(3 + k));
		if (k % 2 == 0) {
			lxw_chart_fill none = {.none = LXW_TRUE};
			chart_series_set_fill(se, &none);
		} else {
			chart_series_set_points(se, pp);
		}
	}
	chart_title_set_name(ch, title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	chart_set_series_gap(ch, 50);
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), "#,##0");
	lxw_chart_options co = {.x_scale = 1.8, .y_scale = 1.4};
	worksheet_insert_chart_opt(ws, (lxw_row_t)at, 0, ch, &co);
}

/* The print set-up of the book's sheets (book_print), the title in the page header and
 * the sheet's name and page numbers in the footer, as on the run's own workbooks; a page
 * break above row brk (-1: none). */
static void bridge_print(lxw_worksheet *ws, xlsx_lang lang, const char *title,
			 print_kind kind, int head, int brk)
{
	book_print(ws, kind, head, &brk, brk >= 0 ? 1 : 0);
	char t[200], hf[256];
	book_hf_escape(t, sizeof t, title);
	snprintf(hf, sizeof hf, "&L%s", t);
	worksheet_set_header(ws, hf);
	snprintf(hf, sizeof hf, "&L&A&R%s", bw(lang, B_PAGE));
	worksheet_set_footer(ws, hf);
}

/* The sheet "Changes": every change between the runs, one per row, with an autofilter. */
static void changes_sheet(lxw_workbook *wb, xlsx_lang lang, const char *title,
			  lxw_format *head, const xlsx_change_row *rows, size_t nrows)
{
	lxw_worksheet *cs = workbook_add_worksheet(wb, bw(lang, B_CHANGES));
	bridge_print(cs, lang, title, PRINT_REGISTER, 0, -1);
	const char *const heads[] = {bw(lang, B_SECTION), bw(lang, B_CHANGE), bw(lang, B_ITEM),
				     bw(lang, B_FIELD), "A", "B"};
	static const double widths[] = {10, 10, 30, 14, 40, 40};
	for (int c = 0; c < 6; c++) {
		worksheet_set_column(cs, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		book_put_text(cs, 0, (lxw_col_t)c, heads[c], head);
	}
	worksheet_freeze_panes(cs, 1, 0);
	for (size_t i = 0; i < nrows; i++)
		for (int c = 0; c < 6; c++)
			if (rows[i].cell[c] && *rows[i].cell[c])
				book_put_text(cs, (lxw_row_t)(i + 1), (lxw_col_t)c, rows[i].cell[c],
					      NULL);
	if (nrows)
		worksheet_autofilter(cs, 0, 0, (lxw_row_t)nrows, 5);
}

fp_status xlsx_bridge(const char *path, xlsx_lang lang, int32_t year, const char *scen,
		      int64_t document_time, int64_t gap_a, int64_t gap_b,
		      const xlsx_step *steps, size_t nsteps, const xlsx_change_row *rows,
		      size_t nrows, diag *d)
{
	char title[512];
	book_snprintf(title, sizeof title, "%s %d, scenario %s", bw(lang, B_TITLE), (int)year,
		      scen ? scen : bw(lang, B_TWO_SCENARIOS));
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0, "cannot create the workbook");
		return FP_ECANTCREAT;
	}
	lxw_doc_properties props = {.title = (char *)title, .author = "fitplan",
				    .created = (time_t)document_time};
	workbook_set_properties(wb, &props);
	workbook_set_custom_property_string(wb, XLSX_KIND_PROPERTY, XLSX_BRIDGE_KIND);
	bridge_fmt fm = bridge_formats(wb);

	const char *sheet = bw(lang, B_SHEET);
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, 6, 16, NULL);
	book_put_text(ws, 0, 0, title, fm.bold);
	book_put_text(ws, 2, 0, bw(lang, B_STEP), fm.head);
	book_put_text(ws, 2, 1, bw(lang, B_AMOUNT), fm.head);
	const char *const chart_heads[] = {bw(lang, B_BASE_ABOVE), bw(lang, B_ABOVE),
					   bw(lang, B_BASE_BELOW), bw(lang, B_BELOW)};
	for (int k = 0; k < 4; k++)
		book_put_text(ws, 2, (lxw_col_t)(3 + k), chart_heads[k], fm.head);
	size_t nbars = nsteps + 2;
	int first = 3, last = first + (int)nbars - 1;
	lxw_chart_point *points = xcalloc(nbars, sizeof *points);
	lxw_chart_point **pp = xcalloc(nbars + 1, sizeof *pp);
	lxw_chart_fill *fills = xcalloc(nbars, sizeof *fills);
	for (size_t i = 0; i < nbars; i++) {
		points[i].fill = &fills[i];
		pp[i] = &points[i];
	}
	bridge_rows(ws, &fm, first, bw(lang, B_GAP_A), gap_a, bw(lang, B_GAP_B), gap_b, steps,
		    nsteps, fills);
	book_put_text(ws, (lxw_row_t)(last + 2), 0, bw(lang, B_NOTE), NULL);
	/* The chart on a page of its own, a row below its break (book_print). */
	int brk = last + 4;
	bridge_print(ws, lang, title, PRINT_READING, -1, brk);
	bridge_chart(wb, ws, sheet, title, first, last, pp, brk + 1);
	changes_sheet(wb, lang, title, fm.head, rows, nrows);
	lxw_error e = workbook_close(wb);
	free(points);
	free(pp);
	free(fills);
	if (e != LXW_NO_ERROR) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "cannot write the workbook: %s",
			    lxw_strerror(e));
		return FP_EIO;
	}
	return FP_OK;
}
