/* test_crash: a process that dies while it writes a run folder leaves nothing behind. A
 * library's crash (libxlsxwriter 1.1.4 dereferences its own failed allocation under a tight
 * `ulimit -v`) and fitplan's own exit for want of memory (xnomem) both remove the
 * temporary run folder and its lock before the process ends (core/interrupt.c). Linked
 * with -Wl,--wrap=workbook_new_opt (see the Makefile): the wrapper crashes, or runs out of
 * memory, at the first unit workbook, while the committee's workbook is already written.
 * Each run is in a child process, which the parent watches die. */
#include "testutil.h"
#include "run/write.h"
#include "core/xalloc.h"
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

/* What the wrapper does at the first unit workbook; set in the child before the run. */
typedef enum { DO_NOTHING, DO_CRASH, DO_NOMEM } failure;
static failure fail_with; /* the child's only state: set once before its run */

lxw_workbook *__real_workbook_new_opt(const char *filename, lxw_workbook_options *options);
lxw_workbook *__wrap_workbook_new_opt(const char *filename, lxw_workbook_options *options);

lxw_workbook *__wrap_workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
	if (strstr(filename, "/departments/")) {
		if (fail_with == DO_CRASH)
			raise(SIGSEGV);
		if (fail_with == DO_NOMEM)
			xnomem();
	}
	return __real_workbook_new_opt(filename, options);
}

static void write_model(const char *dir)
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

/* Run s.lua with workbooks into dir/out in a child that fails as f says; the child's wait
 * status. */
static int run_child(const char *dir, failure f)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fail_with = f;
		char budgets[4200], script[4200], out[4200];
		snprintf(budgets, sizeof budgets, "%s/budgets", dir);
		snprintf(script, sizeof script, "%s/s.lua", dir);
		snprintf(out, sizeof out, "%s/out", dir);
		char *scripts[] = {script};
		char *argv[] = {"fitplan", "run", "s.lua", NULL};
		run_opts o;
		run_opts_defaults(&o);
		o.dir = budgets;
		o.scripts = scripts;
		o.nscripts = 1;
		o.out = out;
		o.quiet = true;
		o.argc = 3;
		o.argv = argv;
		freopen("/dev/null", "w", stderr); /* the out-of-memory message */
		run_install_signals();
		_exit(run_folder(&o, NULL) == FP_OK ? 0 : 1);
	}
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	return ws;
}

/* The names in dir other than budgets and s.lua, sorted, joined by spaces. */
static void left_in(const char *dir, char *buf, size_t cap)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	char names[16][256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) && n < 16) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, "budgets") && strcmp(e->d_name, "s.lua"))
			snprintf(names[n++], sizeof names[0], "%s", e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", i ? " " : "", names[i]);
}

static void crash_leaves_nothing(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_model(dir);
	int ws = run_child(dir, DO_CRASH);
	assert_true(WIFSIGNALED(ws));
	assert_int_equal(WTERMSIG(ws), SIGSEGV);
	char left[4096];
	left_in(dir, left, sizeof left);
	assert_string_equal(left, "");
	tmpdir_remove(dir);
}

static void out_of_memory_leaves_nothing(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_model(dir);
	int ws = run_child(dir, DO_NOMEM);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 70);
	char left[4096];
	left_in(dir, left, sizeof left);
	assert_string_equal(left, "");
	tmpdir_remove(dir);
}

/* The control: the same run without a failure writes its folder and nothing else. */
static void no_failure_writes_the_folder(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_model(dir);
	int ws = run_child(dir, DO_NOTHING);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);
	char left[4096];
	left_in(dir, left, sizeof left);
	assert_string_equal(left, "out");
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_failure_writes_the_folder),
		cmocka_unit_test(crash_leaves_nothing),
		cmocka_unit_test(out_of_memory_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
