/* test_interrupt: signals at the moments between two system calls that a golden case
 * cannot hit. Linked with -Wl,--wrap=mkdtemp (see the Makefile), so that every mkdtemp of
 * the library goes through __wrap_mkdtemp below, which can raise a signal right after the
 * folder is made. Each run happens in a child process, which is to die of the signal; the
 * parent checks how it ended and what it left behind:
 *  - SIGTERM right after `run` made its temporary folder `<out>.tmp-XXXXXX` (its lock
 *    `<out>.lock` made just before): nothing is left, no folder, no lock. */
#include "testutil.h"
#include "run/write.h"
#include "io/outdir.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

/* ---- the wrapped mkdtemp ---- */

char *__real_mkdtemp(char *tmpl);
char *__wrap_mkdtemp(char *tmpl);

/* The signal to raise once a folder whose template holds raise_in is made (0: none). File
 * level because the linker's --wrap gives the wrapper no context; set in the child only. */
static int raise_sig;
static const char *raise_in;

char *__wrap_mkdtemp(char *tmpl)
{
	bool hit = raise_sig && raise_in && strstr(tmpl, raise_in);
	char *made = __real_mkdtemp(tmpl);
	if (made && hit)
		raise(raise_sig);
	return made;
}

/* ---- a small model version ---- */

static void write_model(const char *dir)
{
	write_text(dir, "budgets/model.csv",
		   "key,value\nname,Tiny\nbase_year,2024\ntarget_year,2026\nhorizon_year,2027\n");
	write_text(dir, "budgets/units.csv",
		   "unit,name,parent,type\nLUMC,Organisation,,organisation\n"
		   "DIV1,Divisie 1,LUMC,division\nAFD1,Afdeling 1,DIV1,department\n");
	write_text(dir, "budgets/categories.csv", "category,kind,label\nPERS,personnel,Personeel\n");
	write_text(dir, "budgets/baseline.csv", "unit,category,amount_eur,fte\nAFD1,PERS,1000000,10\n");
	write_text(dir, "budgets/targets.csv", "unit,year,target_eur\nLUMC,2026,100000\n");
	write_text(dir, "budgets/measures/a.csv",
		   "measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027\n"
		   "M1,AFD1,Minder inhuur,1,PERS,structural,decided,1.5,10000,20000,30000\n");
	write_text(dir, "s.lua", "scenario{name=\"plan\"}\n");
}

/* In a child: install the handlers as `run` does, raise sig once a folder whose template
 * holds in is made, and run s.lua into dir/out. Returns the child's wait status. */
static int run_child(const char *dir, int sig, const char *in)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
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
		o.opts.workbooks = false;
		o.argc = 3;
		o.argv = argv;
		run_install_signals();
		raise_sig = sig;
		raise_in = in;
		_exit(run_folder(&o, NULL) == FP_OK ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* The names in dir but budgets/ and s.lua, sorted, joined by spaces (into buf). */
static const char *left_behind(const char *dir, char *buf, size_t cap)
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

static void term_after_temporary_folder(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_model(dir);
	int status = run_child(dir, SIGTERM, "/out.tmp-");
	char left[4096];
	assert_string_equal(left_behind(dir, left, sizeof left), "");
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	/* The same run without the signal writes its folder: the test can fail. */
	status = run_child(dir, 0, NULL);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(left_behind(dir, left, sizeof left), "out");
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(term_after_temporary_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
