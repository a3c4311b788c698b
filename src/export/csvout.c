/* csvout: the consolidation as CSV, in the public column order of docs/formats.md. */
#include "csvout.h"
#include "../io/csvwrite.h"

void consolidate_write_csv(FILE *out, const model *m, const consolidation *c)
{
	fputs("unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,"
	      "fte_reduction\n", out);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		const unit *uu = &m->units[u];
		for (int y = 0; y < m->nyears; y++) {
			const unit_year *cell = cons_cell(c, u, y);
			csvw_field(out, uu->code, false);
			csvw_field(out, uu->parent >= 0 ? m->units[uu->parent].code : "", false);
			csvw_field(out, unit_type_word(uu->type), false);
			csvw_int(out, m->base_year + 1 + y, false);
			if (cell->has_target)
				csvw_money(out, cell->target_cents, false);
			else
				csvw_empty(out, false);
			csvw_money(out, cell->structural_cents, false);
			csvw_money(out, cell->incidental_cents, false);
			if (cell->has_target)
				csvw_money(out, cell->gap_cents, false);
			else
				csvw_empty(out, false);
			csvw_money(out, c->fte_reduction_centi[u], true);
		}
	}
}

