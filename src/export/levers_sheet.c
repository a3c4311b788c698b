/* levers_sheet: the committee workbook's sheet Hefbomen (Levers): per hiring freeze and
 * procurement cut and plan year the gross saving, what the plan already saves on the same
 * spend (netted) and the net, from the same lever summaries as levers.csv, so the two
 * agree to the cent. Net is a formula (gross - netted), totals are SUMs; then every lever
 * of the script with its parameters. Rows are written in order, as the streaming mode of a
 * large register needs. */
#include "book.h"
#include <stdio.h>
#include <string.h>

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
	snprintf(buf, cap, "%s (%s.%zu)", book_lever_word(b, l->kind), lever_kind_word(l->kind),
		 ls->no);
}

/* Append text to buf (cap bytes, NUL-terminated), cut where it does not fit. */
static void append(char *buf, size_t cap, const char *text)
{
	size_t n = strlen(buf);
	if (n + 1 < cap)
		book_snprintf(buf + n, cap - n, "%s", text);
}

/* The units of a scope by code, then the exempt ones ("DIV2 zonder DIETIEK"). */
static void scope_text(book *b, const unit_scope *sc, char *buf, size_t cap)
{
	const model *m = b->m;
	buf[0] = 0;
	for (size_t i = 0; i < sc->nunits; i++) {
		if (i)
			append(buf, cap, ", ");
		append(buf, cap, m->units[sc->units[i]].code);
	}
	for (size_t i = 0; i < sc->nexempt; i++) {
		append(buf, cap, i ? ", " : (b->o->lang == LANG_EN ? " except " : " zonder "));
		append(buf, cap, m->units[sc->exempt[i]].code);
	}
}

static void cats_text(book *b, const category_set *cs, char *buf, size_t cap)
{
	const model *m = b->m;
	buf[0] = 0;
	if (cs->all || !cs->member) {
		append(buf, cap, b->o->lang == LANG_EN ? "all" : "alle");
		return;
	}
	for (size_t c = 0; c < m->ncats; c++)
		if (cs->member[c]) {
			if (buf[0])
				append(buf, cap, ", ");
			append(buf, cap, m->cats[c].code);
		}
}

/* Per-year rates as text ("2022 3.0%; 2023 3.5%", a decimal comma in Dutch), years with
 * a rate of 0 left out. */
static void rates_text(book *b, const int64_t *rate_ppm, char *buf, size_t cap)
{
	const model *m = b->m;
	buf[0] = 0;
	char one[48];
	for (int y = 0; y < m->nyears; y++) {
		if (!rate_ppm[y])
			continue;
		/* Tenths of a percent from the ppm in integers: no locale, no rounding of a
		 * double (half away from zero). */
		int64_t v = rate_ppm[y], a = v < 0 ? -v : v, tenths = (a + 500) / 1000;
		snprintf(one, sizeof one, "%s%d %s%lld%c%lld%%", buf[0] ? "; " : "",
			 m->base_year + 1 + y, v < 0 ? "-" : "", (long long)(tenths / 10),
			 b->o->lang == LANG_EN ? '.' : ',', (long long)(tenths % 10));
		append(buf, cap, one);
	}
}

static void month_text(int32_t month, char *buf, size_t cap)
{
	snprintf(buf, cap, "%04d-%02d", month / 12, month % 12 + 1);
}

/* The parameter table: every hiring freeze, procurement cut, CAO and indexation of the
 * script in call order, with its units, categories, rate, from and to, compensation, its
 * gross and net saving in the target year (the summaries above) and a flag for
 * allow_large. Returns the row after it. */
static int parameters_table(book *b, lxw_worksheet *ws, const xlsx_scenario *s, int r)
{
	const model *m = b->m;
	const scenario_spec *spec = s->spec;
	const scenario_result *res = s->res;
	bool en = b->o->lang == LANG_EN;
	int ty = m->target_year - m->base_year - 1;
	char buf[1024], text[1024], from[32], to[32];
	book_put_text(ws, r++, 0, en ? "Parameters of the levers" : "Parameters van de hefbomen",
		      b->title);
	char gross_h[64], net_h[64];
	snprintf(gross_h, sizeof gross_h, "%s %d", en ? "Gross" : "Bruto", m->target_year);
	snprintf(net_h, sizeof net_h, "%s %d", en ? "Net" : "Netto", m->target_year);
	const char *heads[] = {en ? "Lever" : "Hefboom",       en ? "Line" : "Regel",
			       en ? "Units" : "Eenheden",      en ? "Categories" : "Categorieën",
			       en ? "Rate" : "Tarief",         en ? "From" : "Van",
			       en ? "To" : "Tot",              en ? "Compensation" : "Compensatie",
			       gross_h,                        net_h,
			       en ? "Note" : "Let op"};
	for (int k = 0; k < 11; k++)
		book_put_text(ws, r, k, heads[k],
			      k == 1 || k == 4 || k == 7 || k == 8 || k == 9 ? b->header_num
									  : b->header);
	r++;
	for (size_t i = 0; i < spec->nlevers; i++) {
		const lever *l = &spec->levers[i];
		const lever_summary *ls = NULL;
		for (size_t k = 0; k < res->nsummaries; k++)
			if (res->summaries[k].lever == i)
				ls = &res->summaries[k];
		switch (l->kind) {
		case LEVER_HIRING_FREEZE:
		case LEVER_PROCUREMENT_CUT:
			if (!ls)
				continue;
			lever_name(b, spec, ls, buf, sizeof buf);
			break;
		case LEVER_CAO:
			snprintf(buf, sizeof buf, "%s (cao)", en ? "Collective agreement" : "CAO-stijging");
			break;
		case LEVER_INDEX:
			snprintf(buf, sizeof buf, "%s (index)", en ? "Indexation" : "Indexatie");
			break;
		default:
			continue;
		}
		book_put_text(ws, r, 0, buf, b->text);
		worksheet_write_number(ws, (lxw_row_t)r, 1, l->line, b->text);
		size_t longest = 0; /* the longest wrapped text, for the row's height */
		switch (l->kind) {
		case LEVER_HIRING_FREEZE:
			scope_text(b, &l->u.freeze.scope, text, sizeof text);
			book_put_text(ws, r, 2, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			cats_text(b, &l->u.freeze.cats, text, sizeof text);
			book_put_text(ws, r, 3, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			worksheet_write_number(ws, (lxw_row_t)r, 4,
					       (double)l->u.freeze.attrition_ppm / 1e6, b->pct);
			month_text(l->u.freeze.from_month, from, sizeof from);
			month_text(l->u.freeze.until_month, to, sizeof to);
			book_put_text(ws, r, 5, from, b->text);
			book_put_text(ws, r, 6, to, b->text);
			break;
		case LEVER_PROCUREMENT_CUT:
			scope_text(b, &l->u.cut.scope, text, sizeof text);
			book_put_text(ws, r, 2, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			cats_text(b, &l->u.cut.cats, text, sizeof text);
			book_put_text(ws, r, 3, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			worksheet_write_number(ws, (lxw_row_t)r, 4, (double)l->u.cut.rate_ppm / 1e6,
					       b->pct);
			snprintf(from, sizeof from, "%d", l->u.cut.from_year);
			book_put_text(ws, r, 5, from, b->text);
			if (l->u.cut.phase_in_years > 1) {
				snprintf(to, sizeof to, en ? "full from %d" : "volledig vanaf %d",
					 l->u.cut.from_year + l->u.cut.phase_in_years - 1);
				book_put_text(ws, r, 6, to, b->text);
			}
			break;
		case LEVER_CAO:
			book_put_text(ws, r, 2, en ? "all" : "alle", b->text);
			book_put_text(ws, r, 3, en ? "personnel" : "personeel", b->text);
			rates_text(b, l->u.cao.rate_ppm, text, sizeof text);
			book_put_text(ws, r, 4, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			worksheet_write_number(ws, (lxw_row_t)r, 7,
					       (double)l->u.cao.compensation_ppm / 1e6, b->pct);
			break;
		default: /* LEVER_INDEX */
			book_put_text(ws, r, 2, en ? "all" : "alle", b->text);
			cats_text(b, &l->u.index.cats, text, sizeof text);
			book_put_text(ws, r, 3, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			rates_text(b, l->u.index.rate_ppm, text, sizeof text);
			book_put_text(ws, r, 4, text, b->wrap);
			longest = strlen(text) > longest ? strlen(text) : longest;
			break;
		}
		if (ls && ty >= 0 && ty < m->nyears) {
			book_put_money(ws, r, 8, ls->gross_cents[ty], b->money);
			book_put_money(ws, r, 9, ls->net_cents[ty], b->money);
		}
		/* Spreadsheets do not grow a row for wrapped text they did not lay out: about 14
		 * characters a line in a column 15 wide. */
		if (longest > 14)
			worksheet_set_row(ws, (lxw_row_t)r, 13.0 * (double)((longest + 13) / 14), NULL);
		if (l->allow_large)
			book_put_text(ws, r, 10,
				      en ? "allow_large: rate beyond the usual band"
					 : "allow_large: tarief buiten de gebruikelijke band",
				      b->wrap);
		r++;
	}
	return r;
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
	book_print(ws, PRINT_REGISTER, r, NULL, 0);
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
		     "what is left of its gross saving on each row, so that nothing is counted "
		     "twice."
		   : "Verrekend: maatregelen van het plan (uit het model, toegevoegd of van eerdere "
		     "hefbomen) met dezelfde categorie en aard (structureel tegen structureel, "
		     "incidenteel tegen incidenteel) claimen hun bedrag op de uitgaven die ze "
		     "besparen, naar rato verdeeld over de regels onder de eenheid waarop ze "
		     "geboekt zijn; de hefboom voegt per regel alleen toe wat van zijn bruto "
		     "besparing overblijft, zodat niets dubbel telt.";
	worksheet_set_row(ws, (lxw_row_t)r, 60, NULL);
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(1 + ny), "", b->wrap);
	book_put_text(ws, r, 0, note, b->wrap);
	if (ny + 1 < 10)
		worksheet_set_column(ws, (lxw_col_t)(ny + 2), 10, 15, NULL);
	parameters_table(b, ws, s, r + 2);
}
