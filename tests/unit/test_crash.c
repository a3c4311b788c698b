/* test_crash: a process that dies while it writes a run folder leaves nothing behind. A
 * library's crash (libxlsxwriter 1.1.4 dereferences its own failed allocation under a tight
 * `ulimit -v`) and fitplan's own exit for want of memory (xnomem) both remove the
 * temporary run folder and its lock before the process ends (core/interrupt.c). Linked
 * with -Wl,--wrap=workbook_new_opt (see the Makefile): the wrapper crashes, or runs out of
 * memory, at the first unit workbook, while the committee's workbook is already written.
 * Each run is in a child process, which the parent watches die. */
#include "testrun.h"
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

/* Run s.lua with workbooks into dir/out in a child that fails as f says; the child's wait
 * status. */
static int run_child(const char *dir, failure f)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fail_with = f;
		testrun t;
		testrun_init(&t, dir);
		freopen("/dev/null", "w", stderr); /* the out-of-memory message */
		run_install_signals();
		_exit(run_folder(&t.o, NULL) == FP_OK ? 0 : 1);
	}
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	return ws;
}

static void crash_leaves_nothing(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	testrun_write_model(dir);
	int ws = run_child(dir, DO_CRASH);
	assert_true(WIFSIGNALED(ws));
	assert_int_equal(WTERMSIG(ws), SIGSEGV);
	char left[4096];
	testrun_left(dir, left, sizeof left);
	assert_string_equal(left, "");
	tmpdir_remove(dir);
}

static void out_of_memory_leaves_nothing(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	testrun_write_model(dir);
	int ws = run_child(dir, DO_NOMEM);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 70);
	char left[4096];
	testrun_left(dir, left, sizeof left);
	assert_string_equal(left, "");
	tmpdir_remove(dir);
}

/* The control: the same run without a failure writes its folder and nothing else. */
static void no_failure_writes_the_folder(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	testrun_write_model(dir);
	int ws = run_child(dir, DO_NOTHING);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);
	char left[4096];
	testrun_left(dir, left, sizeof left);
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
