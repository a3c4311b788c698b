/* changes: the table of changes that alter figures on purpose (changes.h), the comparison
 * of versions and verify's explanation of a difference by design. */
#include "changes.h"
#include "../io/text.h"
#include <stdlib.h>
#include <string.h>

/* Oldest first. Every row has a section of the same id in docs/changes.md. */
const fig_change changes_table[] = {
	{"0.2.0", "levers-netting",
	 "lever savings netted against plan measures of the same category and nature anywhere "
	 "in the tree, pro rata to the base year; a freeze's FTE follows the target year",
	 ".csv .xlsx"},
	{"0.2.0", "cost-base",
	 "hired staff (categories.csv staff=hired) get no CAO raise and are outside a freeze's "
	 "default scope; depreciation categories stay out of EBITDA and cash",
	 ".csv .xlsx"},
	{"0.2.0", "bare-years",
	 "a bare year in hiring_freeze{from=, to=} is the whole year (to=2024 is 2024-12, not "
	 "2024-01)",
	 ".csv .xlsx"},
	{"0.2.0", "tornado-shared-draws",
	 "tornado.csv and the Risico sheet give shared draws (a freeze's attrition, shared "
	 "factors) rows of their own; the measures' and units' shares no longer include them",
	 "/tornado.csv monitor.xlsx"},
	{"0.2.0", "levers-sheet",
	 "monitor.xlsx has a sheet Hefbomen (Levers) for a scenario with a hiring freeze or a "
	 "procurement cut: gross, netted and net per lever and year, as levers.csv",
	 "monitor.xlsx"},
	{"0.2.0", "committee-pack",
	 "the workbooks: Divisies' own row (LUMC-breed en bestuur) so totals agree, the "
	 "probability status, lever parameters, bar charts the right way round, Dutch words, the "
	 "head's sheet Voortgang",
	 ".xlsx"},
	{"0.3.0", "plan-to-date",
	 "realised to date is compared with the plan phased to the end of the latest period "
	 "(linear by month unless a measure's phasing says otherwise): realisation.csv and "
	 "trend.csv gain plan_to_date_eur and variance_to_date_eur, the Realisatie sheet and a "
	 "unit's realisation table show them",
	 "/realisation.csv /trend.csv .xlsx"},
	{"0.3.0", "head-sheet-cents",
	 "the head's sheet Voortgang keeps the cents of its prefilled amounts, names the period "
	 "(Gerealiseerd in <period>), shows the plan to date, and extra columns named like a "
	 "header of fitplan's get \" (extra)\" instead of a column number",
	 ".xlsx"},
	{"0.3.0", "hand-outs",
	 "unit workbooks carry their identity and per-measure fingerprints on a hidden sheet "
	 "fitplan; a run without --period gives read-only views of the head's sheet (no input "
	 "cells), a run with --period P hands them out",
	 ".xlsx"},
	{"0.3.0", "committee-print",
	 "every sheet prints on A4 by one policy (charts below their tables on pages of their "
	 "own), the Toelichting explains in words with an appendix for controllers, and "
	 "chart series take neutral or RAG colours",
	 ".xlsx"},
	{"0.3.0", "reported",
	 "realisation.csv gains a column reported (yes, partly, no: whether the unit reported "
	 "in the year's latest period) and the Realisatie sheet the same per unit, so a unit "
	 "that never reported no longer looks like one that reported 0.00",
	 "/realisation.csv monitor.xlsx"},
	{"0.4.0", "sampler",
	 "the Monte Carlo draws a beta or PERT fraction by inverse CDF from a quantile table "
	 "(gsl_cdf_beta_Pinv, 4,096 cells) instead of gsl_ran_beta, so every figure of a run "
	 "with --iterations moves within its sampling error; risk.csv gains the standard errors "
	 "of the quantiles and of the probability",
	 "/risk.csv /tornado.csv /solve.csv .xlsx"},
	{"0.5.0", "optimise-curve",
	 "optimise{} solves the ask together with the trade-off curve and the curve never falls "
	 "(a point not proven takes a higher point's cheaper set); the gap is measured after the "
	 "ties' rule; the quantile strengthening is left out past a work count, so a large "
	 "programme the node limit stops may choose another set",
	 "/optimise.csv /optimise_summary.csv /optimise_tradeoff.csv"},
	{"0.5.0", "impact-column-case",
	 "a candidates file's patient_impact column is found whatever the case of its name, like "
	 "the other columns (Patient_Impact was read as no impact, priced 0)",
	 "/optimise.csv"},
	{NULL, NULL, NULL, NULL},
};

bool changes_version_parse(const char *s, unsigned v[3])
{
	unsigned part[3] = {0, 0, 0};
	for (int i = 0; i < 3; i++) {
		int digits = 0;
		while (*s >= '0' && *s <= '9') {
			if (++digits > 5)
				return false;
			part[i] = part[i] * 10 + (unsigned)(*s++ - '0');
		}
		if (digits == 0 || *s != (i < 2 ? '.' : '\0'))
			return false;
		s++;
	}
	memcpy(v, part, sizeof part);
	return true;
}

static int version_cmp(const unsigned a[3], const unsigned b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

size_t changes_between(const fig_change *table, const char *a, const char *b,
		       const fig_change **out, size_t max)
{
	unsigned va[3], vb[3];
	if (!changes_version_parse(a, va) || !changes_version_parse(b, vb))
		return 0;
	const unsigned *lo = version_cmp(va, vb) <= 0 ? va : vb;
	const unsigned *hi = lo == va ? vb : va;
	size_t n = 0;
	for (const fig_change *c = table; c->version; c++) {
		unsigned vc[3];
		if (!changes_version_parse(c->version, vc))
			continue; /* the table's own rows parse (test_changes checks it) */
		if (version_cmp(vc, lo) > 0 && version_cmp(vc, hi) <= 0) {
			if (n < max)
				out[n] = c;
			n++;
		}
	}
	return n;
}

/* Whether path ends with one of the space-separated endings. */
static bool ends_with_one(const char *path, const char *endings)
{
	size_t plen = strlen(path);
	for (const char *e = endings; *e;) {
		size_t n = strcspn(e, " ");
		if (n && n <= plen && memcmp(path + plen - n, e, n) == 0)
			return true;
		e += n;
		e += strspn(e, " ");
	}
	return false;
}

/* Whether change c can change one of the outputs paths. */
static bool touches(const fig_change *c, const char *const *paths, size_t npaths)
{
	for (size_t i = 0; i < npaths; i++)
		if (ends_with_one(paths[i], c->outputs))
			return true;
	return false;
}

bool changes_explain(FILE *f, const fig_change *table, const char *was, const char *now,
		     const char *const *paths, size_t npaths)
{
	const fig_change *all[64], *found[64];
	size_t nall = changes_between(table, was, now, all, 64), n = 0;
	for (size_t i = 0; i < nall && i < 64; i++)
		if (touches(all[i], paths, npaths))
			found[n++] = all[i];
	if (n == 0)
		return false;
	unsigned vw[3], vn[3];
	changes_version_parse(was, vw);
	changes_version_parse(now, vn);
	char *shown = text_escape(was, strlen(was), 0);
	if (version_cmp(vw, vn) < 0)
		fprintf(f, "by design: the record was made by fitplan %s; since then, figures "
			   "were changed on purpose by\n", shown);
	else
		fprintf(f, "by design: the record was made by fitplan %s, newer than this "
			   "fitplan %s, which lacks\n", shown, now);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %s %s: %s\n", found[i]->version, found[i]->id, found[i]->what);
	fprintf(f, "see docs/changes.md; fitplan %s re-runs the record's own figures\n", shown);
	free(shown);
	return true;
}
