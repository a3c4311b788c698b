/* identity: the hidden, protected sheet "fitplan" of a unit workbook (model/register.h):
 * which model version, unit, run and reporting period it is of, whether it is a hand-out,
 * and per measure of the head's sheet the fingerprints of what the head was shown. Import
 * recognises a returned workbook by it: spreadsheet programs keep cells, where some drop
 * custom document properties. It holds only the unit's own measures, as the rest of the
 * workbook. */
#include "book.h"
#include "../version.h"
#include <stdio.h>

static void key_row(lxw_worksheet *ws, int r, register_id_key k, const char *value)
{
	book_put_text(ws, r, 0, register_id_key_word(k), NULL);
	if (value && *value)
		book_put_text(ws, r, 1, value, NULL);
}

void book_identity_sheet(book *b, const scenario_result *res, const uint32_t *idx, size_t count,
			 const char *unit_code)
{
	const model *m = b->m;
	const xlsx_opts *o = b->o;
	register_update x;
	register_update_init_period(&x, m, o->period);
	/* With the page set-up of every sheet: a print of it, too, leads back to its run. */
	lxw_worksheet *ws = book_sheet(b, REGISTER_ID_SHEET);
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, REGISTER_FP_NCOLS - 1, 20, NULL);
	worksheet_write_string(ws, 0, 0,
			       "fitplan: what this workbook is of, read by fitplan import; do not "
			       "change",
			       NULL);
	int r = REGISTER_ID_FIRST_ROW;
	key_row(ws, r++, REGISTER_KEY_FORMAT, REGISTER_ID_FORMAT);
	key_row(ws, r++, REGISTER_KEY_MODEL, m->name);
	key_row(ws, r++, REGISTER_KEY_MODEL_HASH, o->model_hash);
	key_row(ws, r++, REGISTER_KEY_UNIT, unit_code);
	key_row(ws, r++, REGISTER_KEY_RUN_ID, o->run_id);
	key_row(ws, r++, REGISTER_KEY_SCENARIO, b->scenario);
	key_row(ws, r++, REGISTER_KEY_PERIOD, o->period);
	key_row(ws, r++, REGISTER_KEY_LANG, o->lang == LANG_EN ? "en" : "nl");
	key_row(ws, r++, REGISTER_KEY_HANDOUT, register_update_is_handout(&x) ? "yes" : "no");
	key_row(ws, r++, REGISTER_KEY_FITPLAN, FITPLAN_VERSION);
	r++;
	for (int c = 0; c < REGISTER_FP_NCOLS; c++)
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
				       register_fp_head((register_fp_col)c), NULL);
	r++;
	for (size_t i = 0; i < count; i++, r++) {
		const measure *ms = &res->measures[idx ? idx[i] : i];
		char fp[REGISTER_FP_NCOLS][REGISTER_FP_HEX];
		register_fp_measure(&x, ms, m->units[ms->unit].code, fp);
		book_put_text(ws, r, REGISTER_FP_ID, ms->id, NULL);
		for (int c = REGISTER_FP_ID + 1; c < REGISTER_FP_NCOLS; c++)
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, fp[c], NULL);
	}
	worksheet_protect(ws, NULL, NULL);
	worksheet_hide(ws);
	register_update_release(&x);
}
