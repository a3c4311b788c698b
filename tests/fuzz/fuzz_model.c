/* fuzz_model: the whole model-version loader (src/model/load.c and actuals.c) and what
 * follows it: the input is a bundle (see fuzz.h) written into a scratch folder as
 * model.csv, units.csv, categories.csv, baseline.csv, targets.csv, measures/a.csv,
 * controls.csv and actuals/2022.csv (in that order, or as the separator lines name them);
 * then model_load and, when it succeeds, the consolidation, the baseline totals, the
 * top-down gaps, the realisation and the CSV output, as `fitplan check` and `consolidate`
 * do. Checked beyond the sanitizers: a failed load reported something, a good one has a
 * root and a pre-order that covers every unit exactly once. */
#include "fuzz.h"
#include "model/actuals.h"
#include "model/realisation.h"
#include "model/load.h"
#include "model/consolidate.h"
#include "export/csvout.h"

static const char *const names[] = {"model.csv",      "units.csv",     "categories.csv",
				    "baseline.csv",   "targets.csv",   "measures/a.csv",
				    "controls.csv",   "actuals/2022.csv"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[300];
	snprintf(dir, sizeof dir, "%s/v", fuzz_dir());
	fuzz_clear(dir);
	char measures[320];
	snprintf(measures, sizeof measures, "%s/measures", dir);
	mkdir(measures, 0700); /* always there: its absence is a golden case */
	fuzz_unbundle(dir, data, size, names, sizeof names / sizeof *names);

	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d, fuzz_devnull());
	model m;
	fp_status st = model_load(&m, dir, &a, &d);
	if (st != FP_OK && d.errors == 0)
		abort(); /* a failure without a message */
	if (st == FP_OK) {
		if (d.errors || m.root < 0 || m.nunits == 0 || m.nyears < 1 ||
		    m.nyears > MODEL_MAX_YEARS)
			abort();
		char *hit = calloc(m.nunits, 1);
		for (size_t k = 0; k < m.nunits; k++) {
			int32_t u = m.preorder[k];
			if (u < 0 || (size_t)u >= m.nunits || hit[u] || m.units[u].pre != (int32_t)k)
				abort();
			hit[u] = 1;
		}
		free(hit);
		consolidation c = {0};
		baseline_totals bt = {0};
		fp_status sc = consolidate(&m, model_plan(&m), &c, &d);
		fp_status sb = baseline_consolidate(&m, &bt, &d);
		if (sc == FP_OK) {
			target_gap *gaps = NULL;
			size_t ng = target_gaps(&m, &c, m.target_year, &gaps);
			for (size_t i = 0; i < ng; i++)
				if (gaps[i].unit < 0 || (size_t)gaps[i].unit >= m.nunits)
					abort();
			free(gaps);
			csvout_consolidated(fuzz_devnull(), &m, &c);
			for (size_t u = 0; u < m.nunits; u++)
				for (int y = 0; y < m.nyears; y++)
					(void)rag_word(rag_of(&m, cons_cell(&c, (int32_t)u, y)));
			if (m.nperiods) {
				realisation r = {0};
				if (realisation_compute(&m, model_plan(&m), &r, &d) == FP_OK)
					for (size_t u = 0; u < m.nunits; u++)
						for (int y = 0; y < m.nyears; y++)
							(void)realisation_rag(&m, &c, &r, (int32_t)u, y);
				realisation_release(&r);
			}
		}
		if (sb == FP_OK) {
			int64_t result;
			(void)baseline_result(&bt, m.root, &result);
		}
		baseline_totals_release(&bt);
		consolidation_release(&c);
	}
	model_release(&m);
	arena_release(&a);
	return 0;
}
