/* testrun: what the tests that run a whole run folder share (test_crash, test_interrupt,
 * test_threads, test_unitbooks): a tiny model version written into a temporary folder, and
 * the options of `fitplan run s.lua --budgets DIR/budgets --out DIR/out` quietly. */
#ifndef FP_TESTRUN_H
#define FP_TESTRUN_H
#include "testutil.h"
#include "run/write.h"
#include <dirent.h>

/* The tiny model: LUMC > DIV1 > AFD1 with one personnel row and one decided measure, its
 * target on the root, and s.lua, a script that only names its scenario. */
static inline void testrun_write_model(const char *dir)
{
	write_text(dir, "budgets/model.csv",
		   "key,value\nname,Tiny\nbase_year,2024\ntarget_year,2026\nhorizon_year,2027\n");
	write_text(dir, "budgets/units.csv",
		   "unit,name,parent,type\n"
		   "LUMC,Organisation,,organisation\n"
		   "DIV1,Divisie 1,LUMC,division\n"
		   "AFD1,Afdeling 1,DIV1,department\n");
	write_text(dir, "budgets/categories.csv", "category,kind,label\nPERS,personnel,Personeel\n");
	write_text(dir, "budgets/baseline.csv", "unit,category,amount_eur,fte\nAFD1,PERS,1000000,10\n");
	write_text(dir, "budgets/targets.csv", "unit,year,target_eur\nLUMC,2026,100000\n");
	write_text(dir, "budgets/measures/a.csv",
		   "measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027\n"
		   "M1,AFD1,Minder inhuur,1,PERS,structural,decided,1.5,10000,20000,30000\n");
	write_text(dir, "s.lua", "scenario{name=\"plan\"}\n");
}

/* The options of one quiet run of dir/s.lua on dir/budgets into dir/out, with the paths
 * they point to; t must outlive the run. */
typedef struct testrun {
	char budgets[4200], script[4200], out[4200];
	char *scripts[1];
	char *argv[4];
	run_opts o;
} testrun;

static inline void testrun_init(testrun *t, const char *dir)
{
	snprintf(t->budgets, sizeof t->budgets, "%s/budgets", dir);
	snprintf(t->script, sizeof t->script, "%s/s.lua", dir);
	snprintf(t->out, sizeof t->out, "%s/out", dir);
	t->scripts[0] = t->script;
	t->argv[0] = "fitplan";
	t->argv[1] = "run";
	t->argv[2] = "s.lua";
	t->argv[3] = NULL;
	run_opts_defaults(&t->o);
	t->o.dir = t->budgets;
	t->o.scripts = t->scripts;
	t->o.nscripts = 1;
	t->o.out = t->out;
	t->o.quiet = true;
	t->o.argc = 3;
	t->o.argv = t->argv;
}

/* The names in dir but budgets/ and s.lua (what a run left), sorted, joined by spaces into
 * buf; returns buf. */
static inline const char *testrun_left(const char *dir, char *buf, size_t cap)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	char names[16][256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 16)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, "budgets") && strcmp(e->d_name, "s.lua"))
			snprintf(names[n++], sizeof names[0], "%s", e->d_name);
	closedir(d);
	qsort(names, n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", i ? " " : "", names[i]);
	return buf;
}
#endif
