/* levers_csv: see levers_csv.h. Machine fields only: a lever's name is its kind word and
 * number, never text a script chose. */
#include "levers_csv.h"
#include "../io/csvwrite.h"

void levers_csv_write(FILE *out, const model *m, const scenario_spec *spec,
		      const scenario_result *r)
{
	fputs("lever,line,year,gross_eur,netted_eur,net_eur,fte\n", out);
	for (size_t i = 0; i < r->nsummaries; i++) {
		const lever_summary *ls = &r->summaries[i];
		const lever *l = &spec->levers[ls->lever];
		char name[64];
		snprintf(name, sizeof name, "%s.%zu", lever_kind_word(l->kind), ls->no);
		for (int y = 0; y < m->nyears; y++) {
			csvw_field(out, name, false);
			csvw_int(out, l->line, false);
			csvw_int(out, m->base_year + 1 + y, false);
			csvw_money(out, ls->gross_cents[y], false);
			csvw_money(out, ls->netted_cents[y], false);
			csvw_money(out, ls->net_cents[y], false);
			csvw_money(out, ls->fte_centi[y], true);
		}
	}
}
