/* choice_csv: see choice_csv.h. Every figure is written from the cents and counts of the
 * choice_result as they are; only the probabilities and the gap are doubles (statistics),
 * printed with a fixed number of decimals in the C locale. */
#include "choice_csv.h"
#include "../core/money.h"
#include "../io/csvwrite.h"
#include <inttypes.h>
#include <string.h>
#include <strings.h>

/* The index of candidate cand's patient_impact among its file's extra columns, or -1.
 * The name is matched ignoring case, as the known columns are (csv_header_map): a file
 * headed Patient_Impact has its impacts priced, not left empty at a cost of 0; of two
 * columns differing only in case, the first. */
static long impact_extra(const model *m, const measure *cand)
{
	if (!cand || cand->file < 0 || (size_t)cand->file >= m->nmfiles + m->ncfiles ||
	    !cand->extra) /* a candidate's file lies after the measure files */
		return -1;
	const measure_file *mf = &m->mfiles[cand->file];
	for (size_t e = 0; e < mf->nextra; e++)
		if (strcasecmp(mf->extra_names[e], "patient_impact") == 0)
			return (long)e;
	return -1;
}

const char *choice_impact_text(const model *m, const measure *cand)
{
	long e = impact_extra(m, cand);
	return e >= 0 && cand->extra[e] ? cand->extra[e] : "";
}

int choice_impact_col(const model *m, const measure *cand)
{
	long e = impact_extra(m, cand);
	const measure_file *mf = e >= 0 ? &m->mfiles[cand->file] : NULL;
	return mf && mf->extra_cols ? mf->extra_cols[e] : 0;
}

static bool in_subtree(const model *m, int32_t u, int32_t within)
{
	if (within < 0)
		return true;
	int32_t pre = m->units[u].pre;
	return pre >= m->units[within].pre && pre < m->units[within].subtree_end;
}

choice_sums choice_sums_of(const model *m, const choice_result *c, int32_t within)
{
	choice_sums s = {.ok = true};
	for (size_t i = 0; i < c->nrows; i++) {
		const choice_row *r = &c->rows[i];
		if (!in_subtree(m, r->cand->unit, within))
			continue;
		s.considered++;
		if (!r->adopted)
			continue;
		s.adopted++;
		s.ok = s.ok && money_add(&s.expected_cents, r->expected_cents) &&
		       money_add(&s.fte_centi, r->cand->fte_centi) &&
		       money_add(&s.one_off_cents, r->one_off_cents) &&
		       money_add(&s.cost_cents, r->cost_cents);
	}
	return s;
}

void choice_csv_rows(FILE *f, const model *m, const choice_result *c)
{
	fputs("candidate,unit,title,expected_eur,fte,patient_impact,one_off_cost_eur,cost,"
	      "adopted\n", f);
	for (size_t i = 0; i < c->nrows; i++) {
		const choice_row *r = &c->rows[i];
		csvw_field(f, r->cand->id, false);
		csvw_field(f, m->units[r->cand->unit].code, false);
		csvw_text(f, r->cand->title, false);
		csvw_money(f, r->expected_cents, false);
		csvw_money(f, r->cand->fte_centi, false);
		csvw_text(f, choice_impact_text(m, r->cand), false);
		csvw_money(f, r->one_off_cents, false);
		csvw_money(f, r->cost_cents, false);
		csvw_field(f, r->adopted ? "yes" : "no", true);
	}
}

/* A key with an amount, or an empty value when the sums overflowed. */
static void key_money(FILE *f, const char *key, int64_t cents, bool ok)
{
	csvw_field(f, key, false);
	if (ok)
		csvw_money(f, cents, true);
	else
		csvw_empty(f, true);
}

void choice_csv_summary(FILE *f, const model *m, const choice_result *c)
{
	choice_sums s = choice_sums_of(m, c, -1);
	fputs("key,value\n", f);
	fprintf(f, "unit,%s\n", m->units[c->unit].code);
	fprintf(f, "probability,%.4f\n", c->probability);
	fprintf(f, "reached_in_sample,%.4f\n", c->reached_in);
	fprintf(f, "reached_out_of_sample,%.4f\n", c->reached_out);
	fprintf(f, "reached_out_of_sample_se,%.4f\n", c->reached_out_se);
	fprintf(f, "gap,%.6f\n", c->gap);
	key_money(f, "cost_eur", c->cost_cents, true);
	fprintf(f, "adopted,%zu\n", s.adopted);
	fprintf(f, "candidates,%zu\n", c->nrows);
	key_money(f, "expected_eur", s.expected_cents, s.ok);
	key_money(f, "fte", s.fte_centi, s.ok);
	key_money(f, "one_off_cost_eur", s.one_off_cents, s.ok);
	fprintf(f, "draws_in_sample,%zu\n", c->draws_in);
	fprintf(f, "draws_out_of_sample,%zu\n", c->draws_out);
	fprintf(f, "seed_in_sample,%" PRIu64 "\n", c->seed_in);
	fprintf(f, "seed_out_of_sample,%" PRIu64 "\n", c->seed_out);
	csvw_field(f, "solver", false);
	csvw_field(f, c->solver ? c->solver : "", true);
	/* The line only: the script's path depends on where the run was started, and the
	 * record names the script (manifest.json). */
	fprintf(f, "line,%d\n", c->line);
}

void choice_csv_tradeoff(FILE *f, const choice_result *c)
{
	fputs("probability,feasible,cost_eur,reached,gap\n", f);
	for (size_t i = 0; i < c->ncurve && i < CHOICE_CURVE_MAX; i++) {
		const choice_point *p = &c->curve[i];
		fprintf(f, "%.4f,%s,", p->probability, p->feasible ? "yes" : "no");
		if (p->feasible)
			csvw_money(f, p->cost_cents, false);
		else
			csvw_empty(f, false);
		fprintf(f, "%.4f,", p->reached);
		if (p->feasible)
			fprintf(f, "%.6f\n", p->gap);
		else
			fputc('\n', f);
	}
}
