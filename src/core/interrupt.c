/* interrupt: see interrupt.h. A signal handler can only reach what it needs through
 * file-level state: the flags and the folders' paths below are that state, and nothing
 * else uses them. */
#define _GNU_SOURCE /* getdents64 */
#include "interrupt.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The one process-wide state of fitplan, because a signal handler has no context
 * argument. Lock-free atomics: safe in the handler (C11 7.14.1.1) and between the threads
 * that read them (the unit workbook writers ask interrupt_pending at every file). */
static atomic_int writing, pending;
/* Set by interrupt_cleanup: the process is about to die (a crash, no memory, the watchdog);
 * the writers on other threads stop at their next file (interrupt_pending). */
static atomic_int halting;
static atomic_flag reported = ATOMIC_FLAG_INIT;

/* The scratch folder: the path is written only while the signals are held and before
 * scratch_on is set, so a handler never reads it half-written. */
static char scratch[PATH_MAX];
static volatile sig_atomic_t scratch_on;

/* The run folder being written and its lock file (when this run made it): only a crash or
 * an exit for want of memory removes them here; a signal while writing is left pending for
 * the writer, which cleans up itself. Written with the signals held, like scratch. */
static char output_tmp[PATH_MAX], output_lock[PATH_MAX];
static volatile sig_atomic_t output_on, output_lock_on;

/* The process group of a helper program (interrupt_child_set), or 0. */
static volatile sig_atomic_t child_pgid;

/* Folders deeper than this are not entered (a run folder goes five deep). */
enum { REMOVE_MAX_DEPTH = 16 };

/* Remove everything in the folder open as fd, with system calls only, so that a signal
 * handler may call it: getdents64, unlinkat, openat, close. Links are removed, not
 * followed. Entries removed while the folder is read may make the reading skip others, so
 * it reads again until it finds nothing (or, for what cannot be removed, a few times). */
static void remove_contents(int fd, int depth)
{
	_Alignas(struct dirent64) char buf[2048];
	for (int pass = 0; pass < 4; pass++) {
		bool any = false;
		if (lseek(fd, 0, SEEK_SET) != 0)
			return;
		ssize_t n;
		while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
			for (ssize_t off = 0; off < n;) {
				struct dirent64 *e = (struct dirent64 *)(void *)(buf + off);
				off += e->d_reclen;
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				any = true;
				if (unlinkat(fd, e->d_name, 0) == 0 || errno != EISDIR)
					continue;
				if (depth < REMOVE_MAX_DEPTH) {
					int sub = openat(fd, e->d_name,
							 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
					if (sub >= 0) {
						remove_contents(sub, depth + 1);
						close(sub);
					}
				}
				unlinkat(fd, e->d_name, AT_REMOVEDIR);
			}
		}
		if (!any)
			return;
	}
}

/* Remove the folder at path with everything in it; async-signal-safe. */
static void remove_folder(const char *path)
{
	int saved = errno;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		remove_contents(fd, 0);
		close(fd);
	}
	rmdir(path);
	errno = saved;
}

/* Kill the helper program, if any, then remove the scratch folder it may be writing in, if
 * any; async-signal-safe. */
static void remove_scratch(void)
{
	if (child_pgid > 0) {
		int saved = errno;
		kill(-(pid_t)child_pgid, SIGKILL);
		errno = saved;
	}
	if (scratch_on)
		remove_folder(scratch);
}

void interrupt_cleanup(void)
{
	atomic_store(&halting, 1);
	remove_scratch();
	/* Twice: a writer on another thread may have been making a file in a folder the first
	 * pass was removing (it makes no new one once it sees halting). */
	if (output_on) {
		remove_folder(output_tmp);
		remove_folder(output_tmp);
	}
	if (output_lock_on) {
		int saved = errno;
		unlink(output_lock);
		errno = saved;
	}
}

/* A crash: clean up, then die of the same signal (the default action, a core dump where
 * the system keeps them). */
static void on_crash(int sig)
{
	interrupt_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_signal(int sig)
{
	if (!atomic_load(&writing)) {
		remove_scratch();
		signal(sig, SIG_DFL);
		raise(sig); /* held until the handler returns, then it ends the process */
		return;
	}
	atomic_store(&pending, sig);
}

static void signal_set(sigset_t *s)
{
	sigemptyset(s);
	sigaddset(s, SIGINT);
	sigaddset(s, SIGTERM);
	sigaddset(s, SIGHUP);
	sigaddset(s, SIGPIPE); /* `fitplan verify ... | head -1`: its next line finds no reader */
	sigaddset(s, SIGXCPU); /* a soft CPU-time limit (ulimit -S -t) is passed */
}

void interrupt_install(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	/* A second signal waits until the handler is done with the first (in this thread). */
	signal_set(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGXCPU, &sa, NULL);
	struct sigaction crash = {0};
	crash.sa_handler = on_crash;
	signal_set(&crash.sa_mask);
	static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++)
		sigaction(crashes[i], &crash, NULL);
}

/* Copy src into dst[PATH_MAX]; false (nothing copied) when it does not fit. */
static bool copy_path(char dst[PATH_MAX], const char *src)
{
	size_t n = strlen(src);
	if (n >= PATH_MAX)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

void interrupt_output_set(const char *tmp, const char *lock)
{
	sigset_t hold, old;
	signal_set(&hold);
	pthread_sigmask(SIG_BLOCK, &hold, &old);
	output_on = 0;
	output_lock_on = 0;
	if (tmp) {
		output_on = copy_path(output_tmp, tmp);
		output_lock_on = lock && copy_path(output_lock, lock);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void interrupt_writing(bool on)
{
	atomic_store(&writing, on);
}

bool interrupt_pending(void)
{
	return atomic_load(&pending) != 0 || atomic_load(&halting) != 0;
}

bool interrupt_first_report(void)
{
	return !atomic_flag_test_and_set(&reported);
}

void interrupt_reraise(void)
{
	int sig = atomic_load(&pending);
	if (!sig)
		return;
	remove_scratch();
	signal(sig, SIG_DFL);
	raise(sig);
}

bool interrupt_scratch_begin(char *template)
{
	size_t n = strlen(template);
	if (n >= sizeof scratch || scratch_on) {
		errno = scratch_on ? EBUSY : ENAMETOOLONG;
		return false;
	}
	sigset_t hold, old;
	signal_set(&hold);
	pthread_sigmask(SIG_BLOCK, &hold, &old);
	bool made = mkdtemp(template) != NULL;
	int err = errno;
	if (made) {
		memcpy(scratch, template, n + 1);
		scratch_on = 1;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL); /* a signal held meanwhile comes now */
	errno = err;
	return made;
}

void interrupt_child_set(pid_t pgid)
{
	child_pgid = pgid;
}

void interrupt_scratch_end(void)
{
	sigset_t hold, old;
	signal_set(&hold);
	pthread_sigmask(SIG_BLOCK, &hold, &old);
	remove_scratch();
	scratch_on = 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void interrupt_exit(int code)
{
	interrupt_cleanup();
	_exit(code);
}
