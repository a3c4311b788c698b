/* book: see book.h. Every sheet is filled strictly from top to bottom, so that a workbook
 * with a register of millions of measures can be written in constant-memory mode (row by
 * row, strings inline) without holding it in memory. */
#include "book.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const labels[LABEL_COUNT][2] = {
#define LABEL_TEXT(name, nl, en) {nl, en},
	LABELS(LABEL_TEXT)
#undef LABEL_TEXT
};

const char *book_label(const book *b, label l)
{
	return labels[l][b->o->lang == LANG_EN];
}

const char *book_rag_label(const book *b, rag r)
{
	switch (r) {
	case RAG_GREEN: return book_label(b, L_GREEN);
	case RAG_AMBER: return book_label(b, L_AMBER);
	case RAG_RED: return book_label(b, L_RED);
	case RAG_NONE: break;
	}
	return "";
}

const char *book_status_word(const book *b, measure_status s)
{
	return register_status_word(book_register_lang(b), s);
}

const char *book_nature_word(const book *b, measure_nature n)
{
	return book_label(b, n == NATURE_INCIDENTAL ? L_NATURE_INCIDENTAL : L_NATURE_STRUCTURAL);
}

const char *book_unit_type_word(const book *b, unit_type t)
{
	static const label words[UNIT_TYPE_COUNT] = {
		[UNIT_ORGANISATION] = L_TYPE_ORGANISATION, [UNIT_DIVISION] = L_TYPE_DIVISION,
		[UNIT_DIRECTORATE] = L_TYPE_DIRECTORATE,   [UNIT_DEPARTMENT] = L_TYPE_DEPARTMENT,
		[UNIT_SERVICE] = L_TYPE_SERVICE,           [UNIT_COST_CENTRE] = L_TYPE_COST_CENTRE,
	};
	return book_label(b, words[t]);
}

const char *book_lever_word(const book *b, lever_kind k)
{
	static const label words[] = {
		[LEVER_MEASURE] = L_LEVER_MEASURE,
		[LEVER_ADJUST] = L_LEVER_ADJUST,
		[LEVER_TARGET] = L_LEVER_TARGET,
		[LEVER_HIRING_FREEZE] = L_LEVER_HIRING_FREEZE,
		[LEVER_PROCUREMENT_CUT] = L_LEVER_PROCUREMENT_CUT,
		[LEVER_CAO] = L_LEVER_CAO,
		[LEVER_INDEX] = L_LEVER_INDEX,
	};
	return book_label(b, words[k]);
}

const char *book_source_word(const book *b, const char *kind)
{
	static const struct {
		const char *kind;
		label l;
	} words[] = {{"measure", L_SRC_MEASURE}, {"unit", L_SRC_UNIT}, {"shared", L_SRC_SHARED},
		     {"factor", L_SRC_FACTOR},   {"assumption", L_SRC_ASSUMPTION}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].kind, kind) == 0)
			return book_label(b, words[i].l);
	return kind;
}

register_lang book_register_lang(const book *b)
{
	return b->o->lang == LANG_EN ? REGISTER_EN : REGISTER_NL;
}

void book_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	text_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
}

const measure_status book_status_order[STATUS_COUNT] = {STATUS_REALISED, STATUS_DECIDED,
							STATUS_PLANNED, STATUS_IDEA};

label book_status_label(measure_status s)
{
	switch (s) {
	case STATUS_REALISED: return L_REALISED;
	case STATUS_DECIDED: return L_DECIDED;
	case STATUS_PLANNED: return L_PLANNED;
	case STATUS_IDEA: break;
	case STATUS_COUNT: break;
	}
	return L_IDEA;
}

#define EURO "\"€\" #,##0.00;[Red]\"€\" -#,##0.00"
/* A gap below zero is a surplus, not a shortfall: red is for shortfalls (the RAG says them). */
#define EURO_GAP "\"€\" #,##0.00;\"€\" -#,##0.00"

static lxw_format *fmt(lxw_workbook *wb, bool bold, const char *num, uint32_t bg)
{
	lxw_format *f = workbook_add_format(wb);
	if (bold)
		format_set_bold(f);
	if (num)
		format_set_num_format(f, num);
	if (bg)
		format_set_bg_color(f, bg);
	return f;
}

static void make_formats(book *b)
{
	lxw_workbook *wb = b->wb;
	b->title = fmt(wb, true, NULL, 0);
	format_set_font_size(b->title, 14);
	b->subtitle = fmt(wb, false, NULL, 0);
	format_set_italic(b->subtitle);
	b->header = fmt(wb, true, NULL, 0xDDEBF7);
	format_set_bottom(b->header, LXW_BORDER_THIN);
	format_set_text_wrap(b->header);
	format_set_align(b->header, LXW_ALIGN_VERTICAL_TOP);
	b->header_num = fmt(wb, true, NULL, 0xDDEBF7);
	format_set_bottom(b->header_num, LXW_BORDER_THIN);
	format_set_text_wrap(b->header_num);
	format_set_align(b->header_num, LXW_ALIGN_RIGHT);
	/* Over amounts in a header row with wrapped text: on top, like the text headers. */
	b->header_num_top = fmt(wb, true, NULL, 0xDDEBF7);
	format_set_bottom(b->header_num_top, LXW_BORDER_THIN);
	format_set_text_wrap(b->header_num_top);
	format_set_align(b->header_num_top, LXW_ALIGN_RIGHT);
	format_set_align(b->header_num_top, LXW_ALIGN_VERTICAL_TOP);
	/* Plain text is the workbook's own default format (the first, with xf index 0), not
	 * an equal copy: libxlsxwriter caches the index only in the first of equal formats
	 * and looks a copy up again for every cell (a hash over the whole format struct,
	 * 20% of a run with all workbooks). Same index, same bytes. */
	b->text = STAILQ_FIRST(wb->formats);
	if (!b->text || b->text->xf_index != 0)
		b->text = fmt(wb, false, NULL, 0);
	b->wrap = fmt(wb, false, NULL, 0);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	b->money = fmt(wb, false, EURO, 0);
	b->money_bold = fmt(wb, true, EURO, 0);
	format_set_top(b->money_bold, LXW_BORDER_THIN);
	b->gap = fmt(wb, false, EURO_GAP, 0);
	b->gap_bold = fmt(wb, true, EURO_GAP, 0);
	format_set_top(b->gap_bold, LXW_BORDER_THIN);
	b->pct = fmt(wb, false, "0.0%", 0);
	b->fte = fmt(wb, false, "#,##0.00", 0);
	b->fte_bold = fmt(wb, true, "#,##0.00", 0);
	format_set_top(b->fte_bold, LXW_BORDER_THIN);
	b->year = fmt(wb, true, "0", 0);
	b->rag[RAG_NONE] = b->text;
	b->rag[RAG_RED] = fmt(wb, true, NULL, BOOK_RAG_RED);
	b->rag[RAG_AMBER] = fmt(wb, true, NULL, BOOK_RAG_AMBER);
	b->rag[RAG_GREEN] = fmt(wb, true, NULL, BOOK_RAG_GREEN);
	b->in_text = fmt(wb, false, NULL, 0xFFF2CC);
	format_set_unlocked(b->in_text);
	b->in_money = fmt(wb, false, "#,##0.00", 0xFFF2CC); /* cents are kept */
	format_set_unlocked(b->in_money);
}

fp_status book_open(book *b, const char *path, const char *shown, const model *m,
		    const xlsx_opts *o,
		    const char *scenario, const char *title, const char *unit_code,
		    bool streaming, diag *d)
{
	memset(b, 0, sizeof *b);
	b->m = m;
	b->o = o;
	b->scenario = scenario;
	b->streaming = streaming;
	lxw_workbook_options opts = {.constant_memory = streaming,
				     .tmpdir = (char *)o->tmpdir,
				     .use_zip64 = LXW_TRUE};
	b->wb = workbook_new_opt(path, &opts);
	if (!b->wb) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, shown, 0, 0, "cannot create the workbook");
		return FP_ECANTCREAT;
	}
	make_formats(b);
	lxw_doc_properties props = {
		.title = (char *)title,
		.subject = (char *)scenario,
		.author = "fitplan",
		.company = (char *)m->name,
		.comments = "LUMC FIT",
		.created = (time_t)m->document_time,
	};
	workbook_set_properties(b->wb, &props);
	workbook_set_custom_property_string(b->wb, "fitplan.model", (char *)m->name);
	workbook_set_custom_property_string(b->wb, "fitplan.scenario", (char *)scenario);
	if (unit_code)
		workbook_set_custom_property_string(b->wb, "fitplan.unit", (char *)unit_code);
	if (o->run_hash)
		workbook_set_custom_property_string(b->wb, "fitplan.run_hash", (char *)o->run_hash);
	if (o->model_hash)
		workbook_set_custom_property_string(b->wb, "fitplan.model_hash",
						    (char *)o->model_hash);
	if (unit_code) /* also on the hidden sheet fitplan (identity.c), which survives saving */
		workbook_set_custom_property_string(b->wb, "fitplan.period",
						    (char *)(o->period ? o->period : ""));
	return FP_OK;
}

fp_status book_close(book *b, const char *shown, diag *d)
{
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	if (e != LXW_NO_ERROR) {
		diag_report(d, DIAG_ERROR, FP_EIO, shown, 0, 0, "cannot write the workbook: %s",
			    lxw_strerror(e));
		return FP_EIO;
	}
	return FP_OK;
}

/* '&' starts a code in Excel's headers and footers: double it in text; and the '_' of a
 * literal "_xHHHH_" is stored as "_x005F_" (book_put_text). Cut to fit cap, never inside a
 * character or one of these. */
void book_hf_escape(char *out, size_t cap, const char *s)
{
	size_t o = 0, left = strlen(s);
	for (; *s && o + 3 < cap; s++, left--) {
		if (text_xstring_at(s, left)) {
			if (o + 7 + 3 >= cap)
				break;
			memcpy(out + o, "_x005F_", 7);
			o += 7;
			continue; /* for the '_'; then "xHHHH_" as it is */
		}
		if (*s == '&')
			out[o++] = '&';
		out[o++] = *s;
	}
	out[o] = '\0';
	if (*s) /* cut: do not leave half a UTF-8 character */
		while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
			out[--o] = '\0';
	if (*s && o > 0 && (unsigned char)out[o - 1] >= 0xc0)
		out[--o] = '\0';
}

void book_print(lxw_worksheet *ws, print_kind kind, int head, const int *breaks, size_t nbreaks)
{
	worksheet_set_paper(ws, 9); /* A4 */
	if (kind == PRINT_TEXT)
		worksheet_set_portrait(ws);
	else
		worksheet_set_landscape(ws);
	/* Narrow side margins: a sheet's width decides its scale. */
	worksheet_set_margins(ws, 0.4, 0.4, 0.75, 0.75);
	if (kind == PRINT_READING)
		worksheet_center_horizontally(ws);
	if (kind == PRINT_WIDE) {
		/* Too wide for one page at a readable size: a fixed scale, the first column on
		 * every page, the columns from the first vertical break on the next pages. */
		worksheet_set_print_scale(ws, PRINT_WIDE_SCALE);
		worksheet_repeat_columns(ws, 0, 0);
		worksheet_print_across(ws);
	} else {
		worksheet_fit_to_pages(ws, 1, 0);
	}
	if (head >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)head, (lxw_row_t)head);
	if (nbreaks) {
		/* libxlsxwriter copies the array (0 ends it) and does not free an earlier one:
		 * a sheet sets its breaks once. */
		lxw_row_t rows[PRINT_MAX_BREAKS + 1] = {0};
		for (size_t i = 0; i < nbreaks && i < PRINT_MAX_BREAKS; i++)
			rows[i] = (lxw_row_t)breaks[i];
		worksheet_set_h_pagebreaks(ws, rows);
	}
}

lxw_worksheet *book_sheet(book *b, const char *name)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	book_print(ws, PRINT_READING, -1, NULL, 0);
	/* Excel allows 255 characters in a header: leave room for the codes, the run id and
	 * the date. A printed page names its model version, run and scenario, and the date
	 * its figures stand at (the model's document time), so it leads back to its record. */
	char model_name[90], scen[90], id[40] = "", when[40] = "", hf[512];
	book_hf_escape(model_name, sizeof model_name, b->m->name);
	book_hf_escape(scen, sizeof scen, b->scenario);
	if (b->o->run_id)
		snprintf(id, sizeof id, " - %s %.12s", book_label(b, L_RUN_ID), b->o->run_id);
	if (b->m->document_time > 0) {
		time_t t = (time_t)b->m->document_time;
		struct tm tm;
		char day[16];
		gmtime_r(&t, &tm);
		strftime(day, sizeof day, b->o->lang == LANG_EN ? "%Y-%m-%d" : "%d-%m-%Y", &tm);
		snprintf(when, sizeof when, " - %s %s", book_label(b, L_AS_OF), day);
	}
	snprintf(hf, sizeof hf, "&L%s%s&R%s%s", model_name, id, scen, when);
	worksheet_set_header(ws, hf);
	snprintf(hf, sizeof hf, "&L&A&R%s", book_label(b, L_PAGE));
	worksheet_set_footer(ws, hf);
	return ws;
}

char *book_cell_ref(char buf[16], int r, int c, bool absolute)
{
	if (absolute)
		lxw_rowcol_to_cell_abs(buf, (lxw_row_t)r, (lxw_col_t)c, 1, 1);
	else
		lxw_rowcol_to_cell(buf, (lxw_row_t)r, (lxw_col_t)c);
	return buf;
}

void book_put_text(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	if (!s || !*s) {
		worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
		return;
	}
	/* Excel reads "_xHHHH_" as an escape: a literal one keeps its '_' as "_x005F_".
	 * libxlsxwriter escapes control characters itself (a CR as "_x000D_"). */
	char *stored = text_xstring_escape(s, strlen(s));
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, stored ? stored : s, f);
	free(stored);
}

int book_text_lines(const char *s)
{
	int lines = 1;
	for (; s && *s; s++)
		if (*s == '\n' || (*s == '\r' && s[1] != '\n'))
			lines++;
	return lines;
}

void book_fit_lines(lxw_worksheet *ws, int r, int lines)
{
	if (lines > 1)
		worksheet_set_row(ws, (lxw_row_t)r, BOOK_LINE_PT * (double)lines, NULL);
}

lxw_format *book_lines_format(const char *s, lxw_format *f, lxw_format *wrap)
{
	return book_text_lines(s) > 1 ? wrap : f;
}

void book_put_money(lxw_worksheet *ws, int r, int c, int64_t cents, lxw_format *f)
{
	worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)cents / 100.0, f);
}

void book_put_fte(lxw_worksheet *ws, int r, int c, int64_t centi, lxw_format *f)
{
	worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)centi / 100.0, f);
}

void book_put_formula_money(lxw_worksheet *ws, int r, int c, const char *formula, int64_t cents,
			    lxw_format *f)
{
	worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, formula, f,
				    (double)cents / 100.0);
}

void book_put_sum(lxw_worksheet *ws, int r, int c, int r0, int r1, int64_t cents, lxw_format *f)
{
	char a[16], z[16], formula[48];
	snprintf(formula, sizeof formula, "=SUM(%s:%s)", book_cell_ref(a, r0, c, false),
		 book_cell_ref(z, r1, c, false));
	book_put_formula_money(ws, r, c, formula, cents, f);
}

void book_put_pct(book *b, lxw_worksheet *ws, int r, int c, int plan_r, int plan_c, int target_r,
		  int target_c, int64_t plan_cents, int64_t target_cents)
{
	(void)b;
	char p[16], t[16], formula[80];
	book_cell_ref(p, plan_r, plan_c, false);
	book_cell_ref(t, target_r, target_c, false);
	snprintf(formula, sizeof formula, "=IF(%s=0,0,%s/%s)", t, p, t);
	double v = target_cents ? (double)plan_cents / (double)target_cents : 0.0;
	worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, formula, b->pct, v);
}

void book_put_rag(book *b, lxw_worksheet *ws, int r, int c, int plan_r, int plan_c, int target_r,
		  int target_c, rag value)
{
	char p[16], t[16], formula[300];
	book_cell_ref(p, plan_r, plan_c, false);
	book_cell_ref(t, target_r, target_c, false);
	/* Products of amounts and whole percentages: exact for equal amounts, so a plan
	 * that meets its target to the cent is green in the spreadsheet too. */
	snprintf(formula, sizeof formula,
		 "=IF(%s=0,IF(%s>=0,\"%s\",\"%s\"),IF(%s*100>=%s*%d,\"%s\",IF(%s*100>=%s*%d,"
		 "\"%s\",\"%s\")))",
		 t, p, book_label(b, L_GREEN), book_label(b, L_RED), p, t, b->m->rag_green_pct,
		 book_label(b, L_GREEN), p, t, b->m->rag_amber_pct, book_label(b, L_AMBER),
		 book_label(b, L_RED));
	const char *word = book_rag_label(b, value);
	if (value == RAG_NONE) {
		worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, NULL);
		return;
	}
	worksheet_write_formula_str(ws, (lxw_row_t)r, (lxw_col_t)c, formula, b->rag[value], word);
}

int book_key_figures(book *b, lxw_worksheet *ws, int r, const consolidation *c, int32_t u,
		     label target_label, int *trow, int *total_row, int *gap_row)
{
	const model *m = b->m;
	const unit_year *cell = cons_cell(c, u, model_year_index(m, m->target_year));
	char head[64], t[16], s[16], formula[64];
	snprintf(head, sizeof head, "%s %d", book_label(b, L_KEY_FIGURES), m->target_year);
	book_put_text(ws, r, 0, head, b->header);
	book_put_text(ws, r, 1, book_label(b, L_AMOUNT), b->header_num);
	r++;
	*trow = r;
	book_put_text(ws, r, 0, book_label(b, target_label), b->text);
	if (cell->has_target)
		book_put_money(ws, r, 1, cell->target_cents, b->money);
	else
		worksheet_write_blank(ws, (lxw_row_t)r, 1, b->money);
	r++;
	int first = r;
	for (int i = 0; i < STATUS_COUNT; i++, r++) {
		book_put_text(ws, r, 0, book_label(b, book_status_label(book_status_order[i])),
			      b->text);
		book_put_money(ws, r, 1, cell->by_status_cents[book_status_order[i]], b->money);
	}
	*total_row = r;
	book_put_text(ws, r, 0, book_label(b, L_STRUCTURAL), b->money_bold);
	book_put_sum(ws, r, 1, first, r - 1, cell->structural_cents, b->money_bold);
	r++;
	book_put_text(ws, r, 0, book_label(b, L_INCIDENTAL), b->text);
	book_put_money(ws, r, 1, cell->incidental_cents, b->money);
	r++;
	*gap_row = r;
	book_put_text(ws, r, 0, book_label(b, L_GAP), b->text);
	/* Without a target there is no gap, percentage or RAG: blank, as in the CSV. */
	if (cell->has_target) {
		snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(t, *trow, 1, false),
			 book_cell_ref(s, *total_row, 1, false));
		book_put_formula_money(ws, r, 1, formula, cell->gap_cents, b->gap);
	} else {
		worksheet_write_blank(ws, (lxw_row_t)r, 1, b->gap);
	}
	r++;
	book_put_text(ws, r, 0, book_label(b, L_PCT), b->text);
	if (cell->has_target)
		book_put_pct(b, ws, r, 1, *total_row, 1, *trow, 1, cell->structural_cents,
			     cell->target_cents);
	r++;
	book_put_text(ws, r, 0, book_label(b, L_RAG), b->text);
	book_put_rag(b, ws, r, 1, *total_row, 1, *trow, 1, rag_of(m, cell));
	return r + 1;
}

void book_place_chart(lxw_worksheet *ws, int row, lxw_chart *ch)
{
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.3};
	worksheet_insert_chart_opt(ws, (lxw_row_t)row, 0, ch, &co);
}

int book_trajectory(book *b, lxw_worksheet *ws, const char *sheet, int r, const consolidation *c,
		    int32_t u, int chart_row, int chart_col, lxw_chart **later)
{
	const model *m = b->m;
	/* Columns: year, target, realised, decided, planned, idea, structural, incidental,
	 * gap, still to find. */
	enum { C_YEAR, C_TARGET, C_S0, C_TOTAL = C_S0 + STATUS_COUNT, C_INC, C_GAP, C_REST, C_N };
	book_put_text(ws, r, 0, book_label(b, L_TRAJECTORY), b->title);
	r++;
	book_put_text(ws, r, C_YEAR, book_label(b, L_YEAR), b->header);
	book_put_text(ws, r, C_TARGET, book_label(b, L_TARGET), b->header_num);
	for (int i = 0; i < STATUS_COUNT; i++)
		book_put_text(ws, r, C_S0 + i,
			      book_label(b, book_status_label(book_status_order[i])),
			      b->header_num);
	book_put_text(ws, r, C_TOTAL, book_label(b, L_STRUCTURAL), b->header_num);
	book_put_text(ws, r, C_INC, book_label(b, L_INCIDENTAL), b->header_num);
	book_put_text(ws, r, C_GAP, book_label(b, L_GAP), b->header_num);
	book_put_text(ws, r, C_REST, book_label(b, L_TO_TARGET), b->header_num);
	int head = r++;
	int first = r;
	char a[16], z[16], formula[96];
	for (int y = 0; y < m->nyears; y++, r++) {
		const unit_year *cell = cons_cell(c, u, y);
		worksheet_write_number(ws, (lxw_row_t)r, C_YEAR, m->base_year + 1 + y, b->year);
		if (cell->has_target)
			book_put_money(ws, r, C_TARGET, cell->target_cents, b->money);
		else
			worksheet_write_blank(ws, (lxw_row_t)r, C_TARGET, b->money);
		for (int i = 0; i < STATUS_COUNT; i++)
			book_put_money(ws, r, C_S0 + i, cell->by_status_cents[book_status_order[i]],
				       b->money);
		snprintf(formula, sizeof formula, "=SUM(%s:%s)", book_cell_ref(a, r, C_S0, false),
			 book_cell_ref(z, r, C_S0 + STATUS_COUNT - 1, false));
		book_put_formula_money(ws, r, C_TOTAL, formula, cell->structural_cents, b->money);
		book_put_money(ws, r, C_INC, cell->incidental_cents, b->money);
		if (cell->has_target) {
			snprintf(formula, sizeof formula, "=%s-%s",
				 book_cell_ref(a, r, C_TARGET, false),
				 book_cell_ref(z, r, C_TOTAL, false));
			book_put_formula_money(ws, r, C_GAP, formula, cell->gap_cents, b->gap);
			/* A plain number, not a formula: it only feeds the chart, and
			 * libxlsxwriter caches formula cells in charts as 0. */
			book_put_money(ws, r, C_REST, cell->gap_cents > 0 ? cell->gap_cents : 0,
				       b->money);
		} else {
			/* No target: no gap; nothing to find (0, which the chart caches as 0). */
			worksheet_write_blank(ws, (lxw_row_t)r, C_GAP, b->gap);
			book_put_money(ws, r, C_REST, 0, b->money);
		}
	}
	int last = r - 1;
	/* Stacked columns by status; "still to find" stacked on top without fill and with a
	 * dashed outline, so the top of each stack is the year's target (libxlsxwriter 1.1.4
	 * has no combined line-and-column charts). */
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN_STACKED);
	static const uint32_t colors[STATUS_COUNT] = {0x2E7D32, 0x66BB6A, 0xFFB74D, 0xE0E0E0};
	for (int i = 0; i <= STATUS_COUNT; i++) {
		int col = i < STATUS_COUNT ? C_S0 + i : C_REST;
		lxw_chart_series *se =
			book_column_series(ch, sheet, head, first, last, C_YEAR, col);
		if (i < STATUS_COUNT) {
			lxw_chart_fill fill = {.color = colors[i]};
			chart_series_set_fill(se, &fill);
		} else {
			lxw_chart_fill none = {.none = LXW_TRUE};
			lxw_chart_line line = {.color = 0xC62828, .width = 1.5,
					       .dash_type = LXW_CHART_LINE_DASH_DASH};
			chart_series_set_fill(se, &none);
			chart_series_set_line(se, &line);
		}
	}
	chart_title_set_name(ch, book_label(b, L_TRAJ_CHART));
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), "#,##0");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	if (chart_row < 0) {
		*later = ch;
		return r + 1;
	}
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.3};
	worksheet_insert_chart_opt(ws, (lxw_row_t)chart_row, (lxw_col_t)chart_col, ch, &co);
	return r + 1;
}

/* The register's column widths on sheet ws (x: the layout, ny plan years). */
static void register_columns(lxw_worksheet *ws, const register_layout *x, int ny)
{
	worksheet_set_column(ws, REGISTER_ID, REGISTER_ID, 14, NULL);
	worksheet_set_column(ws, REGISTER_UNIT, REGISTER_UNIT, 12, NULL);
	worksheet_set_column(ws, REGISTER_NAME, REGISTER_NAME, 24, NULL);
	worksheet_set_column(ws, REGISTER_TITLE, REGISTER_TITLE, 40, NULL);
	worksheet_set_column(ws, REGISTER_PILLAR, REGISTER_FTE, 10, NULL);
	worksheet_set_column(ws, REGISTER_Y0, (lxw_col_t)(REGISTER_Y0 + ny - 1), 14, NULL);
	if (x->nextra)
		worksheet_set_column(ws, (lxw_col_t)x->c_extra, (lxw_col_t)(x->c_origin - 1), 20,
				     NULL);
	worksheet_set_column(ws, (lxw_col_t)x->c_origin, (lxw_col_t)x->c_origin, 22, NULL);
}

/* The register's header cells in row head of ws, with an autofilter over its rows (the
 * streaming mode, which cannot write an Excel table). */
static void register_header(book *b, lxw_worksheet *ws, char *const *heads, int ncols, int head,
			    size_t rows)
{
	for (int c = 0; c < ncols; c++)
		book_put_text(ws, head, c, heads[c], b->header);
	worksheet_autofilter(ws, (lxw_row_t)head, 0, (lxw_row_t)(head + rows),
			     (lxw_col_t)(ncols - 1));
}

/* The register's table over rows head..head + rows of ws (its header row written by the
 * table itself), or in streaming mode the header cells and an autofilter. */
static void register_table(book *b, lxw_worksheet *ws, const register_layout *x,
			   char **heads, int head, size_t rows)
{
	int ncols = x->ncols;
	lxw_table_column *cols = xcalloc((size_t)ncols, sizeof *cols);
	lxw_table_column **colp = xcalloc((size_t)ncols + 1, sizeof *colp);
	/* The table writes the header cells itself: stored as book_put_text stores text. */
	char **stored = xcalloc((size_t)ncols, sizeof *stored);
	for (int c = 0; c < ncols; c++) {
		stored[c] = text_xstring_escape(heads[c], strlen(heads[c]));
		cols[c].header = stored[c] ? stored[c] : heads[c];
		cols[c].header_format = b->header;
		colp[c] = &cols[c];
	}
	char tname[32];
	snprintf(tname, sizeof tname, "Register%d", ++b->tables);
	lxw_table_options topt = {.name = tname, .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
				  .style_type_number = 9, .columns = colp};
	if (b->streaming) {
		register_header(b, ws, heads, ncols, head, rows);
	} else {
		worksheet_add_table(ws, (lxw_row_t)head, 0, (lxw_row_t)(head + (rows ? rows : 1)),
				    (lxw_col_t)(ncols - 1), &topt);
	}
	for (int c = 0; c < ncols; c++)
		free(stored[c]);
	free(stored);
	free(cols);
	free(colp);
}

/* Row r of the register: measure ms. */
static void register_row(book *b, lxw_worksheet *ws, const register_layout *x, int r,
			 const measure *ms)
{
	const model *m = b->m;
	/* The free texts (title, extra columns) may hold line breaks: the row as tall as the
	 * most lines, set before its first cell (a streamed sheet). */
	const measure_file *mf = ms->file >= 0 && ms->extra ? &m->mfiles[ms->file] : NULL;
	int lines = book_text_lines(ms->title);
	for (size_t e = 0; mf && e < mf->nextra; e++) {
		int n = book_text_lines(ms->extra[e]);
		lines = n > lines ? n : lines;
	}
	book_fit_lines(ws, r, lines);
	book_put_text(ws, r, REGISTER_ID, ms->id, b->text);
	book_put_text(ws, r, REGISTER_UNIT, m->units[ms->unit].code, b->text);
	book_put_text(ws, r, REGISTER_NAME, m->units[ms->unit].name, b->text);
	book_put_text(ws, r, REGISTER_TITLE, ms->title, book_lines_format(ms->title, b->text, b->wrap));
	worksheet_write_number(ws, (lxw_row_t)r, REGISTER_PILLAR, ms->pillar, NULL);
	book_put_text(ws, r, REGISTER_CATEGORY, m->cats[ms->category].code, b->text);
	book_put_text(ws, r, REGISTER_NATURE, book_nature_word(b, (measure_nature)ms->nature),
		      b->text);
	book_put_text(ws, r, REGISTER_STATUS, book_status_word(b, (measure_status)ms->status),
		      b->text);
	book_put_fte(ws, r, REGISTER_FTE, ms->fte_centi, b->fte);
	for (int y = 0; y < m->nyears; y++)
		book_put_money(ws, r, REGISTER_Y0 + y, ms->amounts[y], b->money);
	for (size_t e = 0; mf && e < mf->nextra; e++)
		book_put_text(ws, r, register_extra_col(x, ms->file, e), ms->extra[e],
			      book_lines_format(ms->extra[e], b->text, b->wrap));
	book_put_text(ws, r, x->c_origin, ms->origin ? ms->origin : "", b->text);
}

void book_measures_sheet(book *b, const scenario_result *res, const uint32_t *idx,
			 size_t count, bool readonly)
{
	const model *m = b->m;
	register_layout x;
	register_layout_init(&x, m);
	register_lang lang = book_register_lang(b);
	if (!idx)
		count = res->nmeasures;
	size_t per_sheet = XLSX_MAX_ROWS - REGISTER_FIRST_ROW; /* title, note and header rows */
	size_t sheets = count ? (count + per_sheet - 1) / per_sheet : 1;
	size_t i = 0;
	for (size_t s = 0; s < sheets; s++) {
		char name[32];
		register_sheet_name(name, sizeof name, lang, s);
		lxw_worksheet *ws = book_sheet(b, name);
		size_t rows = count - s * per_sheet < per_sheet ? count - s * per_sheet : per_sheet;
		register_columns(ws, &x, m->nyears);
		char title[512];
		book_snprintf(title, sizeof title, "%s: %s", register_sheet_word(lang),
			      b->scenario);
		book_put_text(ws, REGISTER_TITLE_ROW, 0, title, b->title);
		book_put_text(ws, REGISTER_NOTE_ROW, 0,
			      readonly ? register_readonly_note(lang) : book_label(b, L_AMOUNTS_EUR),
			      b->subtitle);
		int head = REGISTER_HEAD_ROW;
		worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), REGISTER_TITLE + 1);
		book_print(ws, PRINT_REGISTER, head, NULL, 0);
		/* The table first (it writes the header row), then the rows in order. */
		register_table(b, ws, &x, x.head[lang], head, rows);
		for (size_t done = 0; done < rows; i++, done++) {
			const measure *ms = &res->measures[idx ? idx[i] : i];
			register_row(b, ws, &x, head + 1 + (int)done, ms);
		}
		if (readonly) {
			lxw_protection prot = {.format_columns = LXW_TRUE, .autofilter = LXW_TRUE,
					       .sort = LXW_TRUE};
			worksheet_protect(ws, NULL, &prot);
		}
	}
	register_layout_release(&x);
}

uint32_t book_rag_colour(rag r)
{
	switch (r) {
	case RAG_RED: return BOOK_RAG_RED;
	case RAG_AMBER: return BOOK_RAG_AMBER;
	case RAG_GREEN: return BOOK_RAG_GREEN;
	case RAG_NONE: break;
	}
	return BOOK_NO_RAG_COLOUR;
}

void book_series_colour(lxw_chart_series *se, size_t i, bool line)
{
	static const uint32_t palette[] = {0x1F4E79, 0x7F7F7F, 0x5B9BD5, 0x7030A0,
					   0x4BACC6, 0xA5A5A5, 0x203864, 0x9DC3E6};
	uint32_t c = palette[i % (sizeof palette / sizeof palette[0])];
	if (line) {
		lxw_chart_line l = {.color = c, .width = 2.25};
		chart_series_set_line(se, &l);
	} else {
		lxw_chart_fill f = {.color = c};
		chart_series_set_fill(se, &f);
	}
}

lxw_chart_series *book_column_series(lxw_chart *ch, const char *sheet, int head, int first,
				     int last, int cat_col, int col)
{
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(se, sheet, (lxw_row_t)first, (lxw_col_t)cat_col,
				    (lxw_row_t)last, (lxw_col_t)cat_col);
	chart_series_set_values(se, sheet, (lxw_row_t)first, (lxw_col_t)col, (lxw_row_t)last,
				(lxw_col_t)col);
	chart_series_set_name_range(se, sheet, (lxw_row_t)head, (lxw_col_t)col);
	return se;
}

void book_put_realisation(book *b, lxw_worksheet *ws, int r, int c0, const realisation_cell *rc,
			  rag rg)
{
	char a[16], z[16], formula[48];
	book_put_money(ws, r, c0, rc->plan_cents, b->money);
	book_put_money(ws, r, c0 + 1, rc->plan_to_date_cents, b->money);
	book_put_money(ws, r, c0 + 2, rc->realised_cents, b->money);
	snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, c0 + 2, false),
		 book_cell_ref(z, r, c0 + 1, false));
	book_put_formula_money(ws, r, c0 + 3, formula, rc->realised_cents - rc->plan_to_date_cents,
			       b->money);
	book_put_money(ws, r, c0 + 4, rc->forecast_cents, b->money);
	snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, c0 + 4, false),
		 book_cell_ref(z, r, c0, false));
	book_put_formula_money(ws, r, c0 + 5, formula, rc->forecast_cents - rc->plan_cents,
			       b->money);
	if (rg != RAG_NONE)
		book_put_text(ws, r, c0 + 6, book_rag_label(b, rg), b->rag[rg]);
}

int book_realisation_rows(book *b, lxw_worksheet *ws, int r, const xlsx_scenario *s, int32_t u)
{
	const model *m = b->m;
	if (!s->real)
		return r;
	book_put_text(ws, r, 0, book_label(b, SH_REALISATION), b->title);
	r++;
	static const label heads[] = {L_YEAR, BOOK_REALISATION_HEADS};
	for (int k = 0; k < 8; k++)
		book_put_text(ws, r, k, book_label(b, heads[k]),
			      k && k < 7 ? b->header_num : b->header);
	r++;
	for (int y = 0; y < m->nyears; y++) {
		const realisation_cell *rc = real_cell(s->real, u, y);
		if (!rc->reported)
			continue;
		worksheet_write_number(ws, (lxw_row_t)r, 0, m->base_year + 1 + y, b->year);
		book_put_realisation(b, ws, r, 1, rc, realisation_rag(m, s->cons, s->real, u, y));
		r++;
	}
	return r + 1;
}
