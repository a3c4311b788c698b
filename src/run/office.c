/* office: see office.h. The program is started with posix_spawn in a process group of its
 * own (soffice is a script that starts oosplash, which starts soffice.bin: only the group
 * reaches them all), registered with core/interrupt so that a signal kills the group, and
 * waited for against a monotonic deadline. */
#include "office.h"
#include "../core/interrupt.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* folder/name, malloc'ed. */
static char *join(const char *folder, size_t n, const char *name)
{
	size_t len = n + strlen(name) + 2;
	char *p = xmalloc(len);
	snprintf(p, len, "%.*s/%s", (int)n, folder, name);
	return p;
}

static bool is_program(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

char *office_find(void)
{
	static const char *const names[] = {"soffice", "libreoffice"};
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		for (const char *p = path;; p++) {
			const char *end = strchr(p, ':');
			size_t n = end ? (size_t)(end - p) : strlen(p);
			/* An empty entry is the current folder, as for execvp. */
			char *cand = n ? join(p, n, names[k]) : join(".", 1, names[k]);
			if (is_program(cand))
				return cand;
			free(cand);
			if (!end)
				break;
			p = end;
		}
	}
	return NULL;
}

/* path made absolute (against the current folder), malloc'ed. */
static char *absolute(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return xstrdup(path); /* the folder is gone: LibreOffice will say so */
	char *p = join(cwd, strlen(cwd), path);
	free(cwd);
	return p;
}

/* "-env:UserInstallation=file://<folder>", the folder absolute and percent-encoded
 * (RFC 8089): a TMPDIR with a space or a '%' in it still names the scratch folder. */
static char *profile_arg(const char *folder)
{
	static const char prefix[] = "-env:UserInstallation=file://";
	char *abs = absolute(folder);
	size_t n = strlen(abs);
	char *arg = xmalloc(sizeof prefix + 3 * n);
	char *w = arg + (sizeof prefix - 1);
	memcpy(arg, prefix, sizeof prefix - 1);
	for (const unsigned char *s = (const unsigned char *)abs; *s; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr("/-._~", *s))
			*w++ = (char)*s;
		else
			w += sprintf(w, "%%%02X", *s);
	}
	*w = '\0';
	free(abs);
	return arg;
}

/* The signals a user or a supervisor sends (as core/interrupt.c handles them). */
static void user_signals(sigset_t *s)
{
	sigemptyset(s);
	sigaddset(s, SIGINT);
	sigaddset(s, SIGTERM);
	sigaddset(s, SIGHUP);
	sigaddset(s, SIGPIPE);
	sigaddset(s, SIGXCPU);
}

/* Start the program with args in a process group of its own, its output to log; registered
 * with core/interrupt before any signal can come. 0, or an errno. */
static int start(const office_job *j, char *const args[], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t hold, old, none;
	user_signals(&hold);
	sigemptyset(&none);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, j->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
					      POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &hold);
	pthread_sigmask(SIG_BLOCK, &hold, &old);
	int err = posix_spawn(pid, j->program, &fa, &at, args, environ);
	if (!err)
		interrupt_child_set(*pid);
	pthread_sigmask(SIG_SETMASK, &old, NULL); /* a signal held meanwhile kills it now */
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return err;
}

/* Wait for pid until the deadline; *status its wait status. Whether it ended or not, its
 * process group is killed while the leader, ended but not yet reaped, keeps the group's
 * number from being reused. false when it ran out of time. */
static bool wait_until(pid_t pid, unsigned timeout_s, int *status)
{
	struct timespec now, end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)timeout_s;
	bool ended = false;
	for (;;) {
		siginfo_t si;
		si.si_pid = 0;
		int rc = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT);
		if ((rc == 0 && si.si_pid == pid) || (rc != 0 && errno != EINTR)) {
			ended = true;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec ||
		    (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
			break;
		nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
	}
	/* oosplash or soffice.bin may outlive the script that started them. */
	killpg(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	interrupt_child_set(0);
	return ended;
}

/* The last lines of the log (at most 5, from its last 2 KiB), as notes at where. */
static void show_log(const char *log, const char *where, diag *d)
{
	FILE *f = fopen(log, "rb");
	if (!f)
		return;
	char buf[2048];
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : 0;
	long from = size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0;
	size_t n = fseek(f, from, SEEK_SET) == 0 ? fread(buf, 1, sizeof buf - 1, f) : 0;
	fclose(f);
	buf[n] = '\0';
	const char *lines[5];
	size_t nlines = 0;
	char *save = NULL;
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (nlines == 5)
			memmove(lines, lines + 1, --nlines * sizeof *lines);
		lines[nlines++] = l;
	}
	for (size_t i = 0; i < nlines; i++) {
		char *shown = text_escape(lines[i], strlen(lines[i]), 200);
		diag_report(d, DIAG_NOTE, FP_OK, where, 0, 0, "LibreOffice said: %s", shown);
		free(shown);
	}
}

fp_status office_convert(const office_job *j, diag *d)
{
	char *profile = profile_arg(j->profile);
	char *const args[] = {(char *)j->program, profile, "--headless", "--invisible",
			      "--norestore", "--nologo", "--nolockcheck", "--nodefault",
			      "--convert-to", "pdf", "--outdir", (char *)j->outdir,
			      (char *)j->input, NULL};
	pid_t pid;
	int err = start(j, args, &pid);
	free(profile);
	if (err) {
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, j->shown, 0, 0,
			    "cannot start LibreOffice (%s): %s", j->program, strerror(err));
		return FP_EUNAVAILABLE;
	}
	int status = 0;
	if (!wait_until(pid, j->timeout_s, &status)) {
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, j->shown, 0, 0,
			    "LibreOffice did not finish within %u second%s; stopped", j->timeout_s,
			    j->timeout_s == 1 ? "" : "s");
		return FP_EUNAVAILABLE;
	}
	struct stat sb = {0}; /* zeroed: at -O2 valgrind saw st_mode tested after a failed stat */
	bool wrote = stat(j->expect, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && wrote)
		return FP_OK;
	/* LibreOffice exits 0 when it cannot load the document: its log says why. */
	show_log(j->log, j->shown, d);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, j->shown, 0, 0,
			    "LibreOffice wrote no PDF");
	else if (WIFEXITED(status))
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, j->shown, 0, 0,
			    "LibreOffice failed (exit status %d)", WEXITSTATUS(status));
	else
		diag_report(d, DIAG_ERROR, FP_EUNAVAILABLE, j->shown, 0, 0,
			    "LibreOffice died of signal %d", WTERMSIG(status));
	return FP_EUNAVAILABLE;
}
