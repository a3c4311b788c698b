/* test_interrupt: signals at the moments between two system calls that a golden case
 * cannot hit. Linked with -Wl,--wrap=mkdtemp (see the Makefile), so that every mkdtemp of
 * the library goes through __wrap_mkdtemp below, which can raise a signal right after the
 * folder is made. Each run happens in a child process, which is to die of the signal; the
 * parent checks how it ended and what it left behind:
 *  - SIGTERM right after `run` made its temporary folder `<out>.tmp-XXXXXX` (its lock
 *    `<out>.lock` made just before): nothing is left, no folder, no lock. */
#include "testrun.h"
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
		testrun t;
		testrun_init(&t, dir);
		t.o.opts.workbooks = false;
		run_install_signals();
		raise_sig = sig;
		raise_in = in;
		_exit(run_folder(&t.o, NULL) == FP_OK ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void term_after_temporary_folder(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	testrun_write_model(dir);
	int status = run_child(dir, SIGTERM, "/out.tmp-");
	char left[4096];
	assert_string_equal(testrun_left(dir, left, sizeof left), "");
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	/* The same run without the signal writes its folder: the test can fail. */
	status = run_child(dir, 0, NULL);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(testrun_left(dir, left, sizeof left), "out");
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(term_after_temporary_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
