/* levers_sheet: the committee workbook's sheet Hefbomen (Levers): per hiring freeze and
 * procurement cut and plan year the gross saving, what the plan already saves on the same
 * spend (netted) and the net, from the same lever summaries as levers.csv, so the two
 * agree to the cent. Net is a formula (gross - netted), totals are SUMs; rows are written
 * in order, as the streaming mode of a large register needs. */
#include "book.h"
#include <stdio.h>

/* The four blocks of the sheet: what each lever row holds, and its total. */
enum { BLK_GROSS, BLK_NETTED, BLK_NET, BLK_FTE, BLK_COUNT };

static const char *const block_nl[BLK_COUNT] = {
	"Bruto: besparing volgens de formule van de hefboom",
	"Verrekend: wat het plan al bespaart op dezelfde uitgaven",
	"Netto: wat de hefboom toevoegt (bruto - verrekend)",
	"Minder FTE door de hefboom",
};
static const char *const block_en[BLK_COUNT] = {
	"Gross: the saving by the lever's formula",
	"Netted: what the plan already saves on the same spend",
	"Net: what the lever adds (gross - netted)",
	"Fewer FTE through the lever",
};

static int64_t block_value(const lever_summary *ls, int blk, int y)
{
	switch (blk) {
	case BLK_GROSS: return ls->gross_cents[y];
	case BLK_NETTED: return ls->netted_cents[y];
	case BLK_NET: return ls->net_cents[y];
	default: return ls->fte_centi[y];
	}
}

/* The lever's name as in levers.csv and its measures' ids (hiring_freeze.1), after what
 * it is in the workbook's language. */
static void lever_name(book *b, const scenario_spec *spec, const lever_summary *ls, char *buf,
		       size_t cap)
{
	const lever *l = &spec->levers[ls->lever];
	bool en = b->o->lang == LANG_EN;
	const char *what = l->kind == LEVER_HIRING_FREEZE ? (en ? "Hiring freeze" : "Vacaturestop")
							  : (en ? "Procurement cut" : "Inkoopbesparing");
	snprintf(buf, cap, "%s (%s.%zu)", what, lever_kind_word(l->kind), ls->no);
}

void levers_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	const scenario_result *res = s->res;
	bool en = b->o->lang == LANG_EN;
	int ny = m->nyears;
	lxw_worksheet *ws = book_sheet(b, en ? "Levers" : "Hefbomen");
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, 1, 8, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(1 + ny), 15, NULL);
	char buf[1024];
	book_snprintf(buf, sizeof buf, "%s: %s", en ? "Levers" : "Hefbomen", s->spec->name);
	book_put_text(ws, 0, 0, buf, b->title);
	book_snprintf(buf, sizeof buf, "%s; %s",
		      en ? "gross, netted against the plan and net per plan year"
			 : "bruto, verrekend met het plan en netto per planjaar",
		      book_label(b, L_AMOUNTS_EUR));
	book_put_text(ws, 1, 0, buf, b->subtitle);
	int r = 3;
	book_put_text(ws, r, 0, en ? "Lever" : "Hefboom", b->header);
	book_put_text(ws, r, 1, en ? "Line" : "Regel", b->header_num);
	for (int y = 0; y < ny; y++)
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(2 + y), m->base_year + 1 + y,
				       b->header_num);
	worksheet_repeat_rows(ws, (lxw_row_t)r, (lxw_row_t)r);
	worksheet_freeze_panes(ws, (lxw_row_t)(r + 1), 2);
	r += 2;
	size_t n = res->nsummaries;
	int first[BLK_COUNT] = {0};
	char a[16], z[16], formula[64];
	for (int blk = 0; blk < BLK_COUNT; blk++) {
		bool fte = blk == BLK_FTE;
		/* A band over the whole table: the block's title does not wrap into the next
		 * row, whatever the language. */
		worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(1 + ny), "",
				      b->header);
		book_put_text(ws, r++, 0, (en ? block_en : block_nl)[blk], b->header);
		first[blk] = r;
		for (size_t i = 0; i < n; i++, r++) {
			const lever_summary *ls = &res->summaries[i];
			lever_name(b, s->spec, ls, buf, sizeof buf);
			book_put_text(ws, r, 0, buf, b->text);
			worksheet_write_number(ws, (lxw_row_t)r, 1, s->spec->levers[ls->lever].line,
					       b->text);
			for (int y = 0; y < ny; y++) {
				int64_t v = block_value(ls, blk, y);
				if (blk == BLK_NET) {
					snprintf(formula, sizeof formula, "=%s-%s",
						 book_cell_ref(a, first[BLK_GROSS] + (int)i, 2 + y,
							       false),
						 book_cell_ref(z, first[BLK_NETTED] + (int)i, 2 + y,
							       false));
					book_put_formula_money(ws, r, 2 + y, formula, v, b->money);
				} else if (fte) {
					book_put_fte(ws, r, 2 + y, v, b->fte);
				} else {
					book_put_money(ws, r, 2 + y, v, b->money);
				}
			}
		}
		book_put_text(ws, r, 0, book_label(b, L_TOTAL), fte ? b->fte_bold : b->money_bold);
		book_put_text(ws, r, 1, "", fte ? b->fte_bold : b->money_bold);
		for (int y = 0; y < ny; y++) {
			int64_t total = 0;
			for (size_t i = 0; i < n; i++)
				if (!money_add(&total, block_value(&res->summaries[i], blk, y)))
					total = INT64_MAX; /* past the limit of money: shown as such */
			book_put_sum(ws, r, 2 + y, first[blk], r - 1, total,
				     fte ? b->fte_bold : b->money_bold);
		}
		r += 2;
	}
	const char *note =
		en ? "Netted: the plan's measures (the model's, added ones and earlier levers') of "
		     "the same category and nature (structural against structural, incidental "
		     "against incidental) claim their amount on the spend they save, spread pro "
		     "rata over the rows below the unit they are booked on; the lever adds only "
		     "what is left of its gross saving on each row (docs/scenarios.md, \"No double "
		     "counting\"). The figures are levers.csv's."
		   : "Verrekend: maatregelen van het plan (uit het model, toegevoegd of van eerdere "
		     "hefbomen) met dezelfde categorie en aard (structureel tegen structureel, "
		     "incidenteel tegen incidenteel) claimen hun bedrag op de uitgaven die ze "
		     "besparen, naar rato verdeeld over de regels onder de eenheid waarop ze "
		     "geboekt zijn; de hefboom voegt per regel alleen toe wat van zijn bruto "
		     "besparing overblijft (docs/scenarios.md, \"No double counting\"). De bedragen "
		     "zijn die van levers.csv.";
	worksheet_set_row(ws, (lxw_row_t)r, 60, NULL);
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(1 + ny), "", b->wrap);
	book_put_text(ws, r, 0, note, b->wrap);
}
