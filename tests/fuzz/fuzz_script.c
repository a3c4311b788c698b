/* fuzz_script: the Lua scenario runner (src/scenario/script.c) with the fuzz input as the
 * script, over a tiny fixed model version, with a small instruction budget (100,000) and
 * memory cap (16 MB) as `fitplan run --max-instructions 100000 --max-memory 16` would
 * set. A script that runs is applied as `fitplan run` does: scenario_apply, consolidate,
 * projection. Checked beyond the sanitizers: a failed script reported something, and no
 * script runs past its limits (libFuzzer's -timeout catches a script that escapes the
 * instruction budget through C code). */
#include "fuzz.h"
#include "model/consolidate.h"
#include "model/load.h"
#include "model/projection.h"
#include "model/scenario.h"
#include "scenario/script.h"

static const char *const model_files[][2] = {
	{"model.csv", "key,value\nname,Fuzz\nbase_year,2020\ntarget_year,2023\nhorizon_year,2025\n"},
	{"units.csv", "unit,name,parent,type\nORG,Org,,organisation\nDIV1,Division 1,ORG,division\n"
		      "DIV2,Division 2,ORG,division\nANES,Anesthesia,DIV1,department\n"
		      "RAD,Radiology,DIV1,department\nCC1,Cost centre,RAD,cost_centre\n"
		      "ICT,ICT,ORG,service\n"},
	{"categories.csv", "category,kind,label\nPERS,personnel,Staff\nPROC,procurement,Goods\n"
			   "OTH,other_cost,Other\nREV,revenue,Revenue\n"},
	{"baseline.csv", "unit,category,amount_eur,fte\nANES,PERS,1000000,10\nANES,PROC,250000,\n"
			 "RAD,PERS,2000000.50,20.5\nRAD,REV,3000000,\nCC1,OTH,12345.67,\n"
			 "ICT,PROC,500000,\nDIV2,PERS,700000,7\nORG,REV,100,\n"},
	{"targets.csv", "unit,year,target_eur\nORG,2022,100000\nORG,2023,300000\nDIV1,2023,200000\n"
			"DIV2,2023,50000\nANES,2024,10000\n"},
	{"measures/a.csv", "measure,unit,title,pillar,category,nature,status,fte,2021,2022,2023,"
			   "2024,2025,owner\nM1,ANES,Fewer locums,1,PERS,structural,decided,1.5,"
			   "1000,2000,3000,3000,3000,Jan\nM2,RAD,Licences,3,PROC,incidental,"
			   "realised,,500,,,,,\nM3,DIV2,Idea,2,OTH,structural,idea,,,,100,200,300,\n"},
	{"measures/b.csv", "measure,unit,title,pillar,category,nature,status,2023\n"
			   "B1,ICT,Cloud,2,PROC,structural,planned,-50.25\n"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char model_dir[300], script[320];
	if (!model_dir[0]) {
		snprintf(model_dir, sizeof model_dir, "%s/model", fuzz_dir());
		fuzz_clear(model_dir);
		char path[400];
		snprintf(path, sizeof path, "%s/measures", model_dir);
		mkdir(path, 0700);
		for (size_t i = 0; i < sizeof model_files / sizeof *model_files; i++) {
			snprintf(path, sizeof path, "%s/%s", model_dir, model_files[i][0]);
			if (!fuzz_write(path, (const uint8_t *)model_files[i][1],
					strlen(model_files[i][1])))
				abort();
		}
		snprintf(script, sizeof script, "%s/fuzz.lua", fuzz_dir());
	}
	if (!fuzz_write(script, data, size))
		abort();

	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d, fuzz_devnull());
	model m;
	consolidation c = {0};
	baseline_totals bt = {0};
	if (model_load(&m, model_dir, &a, &d) != FP_OK ||
	    consolidate(&m, model_plan(&m), &c, &d) != FP_OK ||
	    baseline_consolidate(&m, &bt, &d) != FP_OK)
		abort(); /* the fixed model is good */
	script_env env = {&m, &bt, &c, 20240101, {100000, 16u << 20, 0}, fuzz_devnull(), NULL};
	scenario_spec spec = {0};
	scenario_result res = {0};
	consolidation sc = {0};
	projection proj = {0};
	unsigned long before = d.errors;
	fp_status st = script_run(&env, script, &spec, &d);
	if (st != FP_OK && d.errors == before)
		abort();
	if (st == FP_OK) {
		st = scenario_apply(&m, &spec, &res, &d);
		if (st == FP_OK)
			st = consolidate(&m, scenario_plan(&res), &sc, &d);
		if (st == FP_OK)
			st = projection_compute(&m, scenario_plan(&res), &res, &proj, &d);
		if (st != FP_OK && d.errors == before)
			abort();
	}
	projection_release(&proj);
	consolidation_release(&sc);
	scenario_result_release(&res);
	scenario_spec_release(&spec);
	baseline_totals_release(&bt);
	consolidation_release(&c);
	model_release(&m);
	arena_release(&a);
	return 0;
}
