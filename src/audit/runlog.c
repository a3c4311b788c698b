/* runlog: see runlog.h. A folder is a record when it holds a manifest.json or an inputs/
 * folder; a folder directly under reports that is neither is a model's folder, and every
 * folder in it is taken for a record (one without its manifest is listed as incomplete). */
#include "runlog.h"
#include "manifest.h"
#include "record.h"
#include "recdir.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *runlog_state_word(runlog_state s)
{
	switch (s) {
	case RUNLOG_INTACT:
		return "intact";
	case RUNLOG_CHANGED:
		return "changed";
	case RUNLOG_INCOMPLETE:
		return "incomplete";
	case RUNLOG_UNREADABLE:
		break;
	}
	return "unreadable";
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* What a run leaves beside its folders and what no record is named: hidden names, the
 * links, a run's temporary folder ("X.tmp-XXXXXX"), an earlier run moved aside while
 * replaced ("X.old-XXXXXX") and the lock ("X.lock"). */
static bool skipped(const char *name, bool top)
{
	size_t n = strlen(name);
	return name[0] == '.' || strstr(name, ".tmp-") || strstr(name, ".old-") ||
	       (n >= 5 && strcmp(name + n - 5, ".lock") == 0) ||
	       (top && (strcmp(name, "latest") == 0 || strcmp(name, "previous") == 0));
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders (not links, not files) in the folder open as dirfd, that are not skipped,
 * sorted by bytes: *names (each and the array malloc'ed). 0, or errno. Takes dirfd. */
static int folders_in(int dirfd, bool top, char ***names, size_t *n)
{
	size_t cap = 0;
	*names = NULL;
	*n = 0;
	DIR *dir = fdopendir(dirfd);
	if (!dir) {
		int err = errno;
		close(dirfd);
		return err;
	}
	struct dirent *de;
	errno = 0;
	while ((de = readdir(dir)) != NULL) {
		struct stat sb;
		if (skipped(de->d_name, top) ||
		    fstatat(dirfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(sb.st_mode))
			continue;
		VEC_GROW(*names, *n, cap);
		(*names)[(*n)++] = xstrdup(de->d_name);
		errno = 0;
	}
	int err = errno;
	closedir(dir);
	if (*n)
		qsort(*names, *n, sizeof **names, by_bytes);
	return err;
}

/* Something (anything, not followed) is at rel in the folder open as dirfd. */
static bool has(int dirfd, const char *rel)
{
	struct stat sb;
	return fstatat(dirfd, rel, &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

static void add(runlog *l, const char *reports, const char *folder)
{
	VEC_GROW(l->e, l->n, l->cap);
	runlog_entry *e = &l->e[l->n++];
	memset(e, 0, sizeof *e);
	e->folder = xstrdup(folder);
	e->shown = text_escape(folder, strlen(folder), 0);
	char *path = join(reports, folder);
	struct stat sb;
	if (stat(path, &sb) == 0)
		e->mtime = sb.st_mtim;
	free(path);
}

/* The names of mf's scenarios, escaped, ", " between. malloc'ed. */
static char *names_of(const manifest *mf)
{
	size_t cap = 1, len = 0;
	char *s = xmalloc(cap);
	s[0] = '\0';
	for (size_t i = 0; i < mf->nscenarios; i++) {
		const char *name = mf->scenarios[i].name;
		char *shown = text_escape(name, strlen(name), 0);
		size_t n = strlen(shown);
		s = xrealloc(s, cap = len + n + 3);
		len += (size_t)snprintf(s + len, cap - len, "%s%s", i ? ", " : "", shown);
		free(shown);
	}
	return s;
}

/* The first message held in hd (the note of a record that is not intact), and let go of
 * all of them. malloc'ed. */
static char *first_held(diag *hd)
{
	char *note = hd->nheld ? hd->held[0].text : xstrdup("cannot be read");
	for (size_t i = 1; i < hd->nheld; i++)
		free(hd->held[i].text);
	free(hd->held);
	hd->held = NULL;
	hd->nheld = hd->held_cap = 0;
	return note;
}

/* s starts with a date, YYYY-MM-DD: the model date shown. An edited manifest may hold
 * anything there (a spreadsheet formula for the CSV), and then no date is shown. */
static bool is_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	return true;
}

/* Read and check the record at e->folder: its fields from the manifest, its state. */
static void read_record(runlog_entry *e, const char *reports)
{
	char *dir = join(reports, e->folder);
	int root = recdir_open(dir);
	if (root < 0) {
		e->state = RUNLOG_UNREADABLE;
		e->note = xstrdup(strerror(errno));
		free(dir);
		return;
	}
	bool manifest_there = has(root, RECORD_MANIFEST);
	close(root);
	if (!manifest_there) {
		e->state = RUNLOG_INCOMPLETE;
		e->note = xstrdup("no " RECORD_MANIFEST);
		free(dir);
		return;
	}
	diag hd;
	diag_init(&hd, stderr);
	hd.cap = 1; /* only the first problem is shown */
	diag_hold(&hd);
	manifest mf;
	fp_status st = manifest_read(&mf, dir, &hd);
	if (st == FP_OK) {
		if (mf.document_time && is_date(mf.document_time)) {
			e->date = xstrdup(mf.document_time);
			e->date[10] = '\0';
		}
		e->model = text_escape(mf.model_name, strlen(mf.model_name), 0);
		e->scenarios = names_of(&mf);
		e->iterations = mf.opts.iterations;
		st = manifest_check(&mf, dir, &hd);
		e->state = st == FP_OK ? RUNLOG_INTACT : RUNLOG_CHANGED;
	} else
		e->state = RUNLOG_UNREADABLE;
	manifest_release(&mf);
	char *note = first_held(&hd);
	if (e->state != RUNLOG_INTACT)
		e->note = note;
	else
		free(note);
	free(dir);
}

/* Newest first; equal times by folder name. */
static int by_time(const void *pa, const void *pb)
{
	const runlog_entry *a = pa, *b = pb;
	if (a->mtime.tv_sec != b->mtime.tv_sec)
		return a->mtime.tv_sec > b->mtime.tv_sec ? -1 : 1;
	if (a->mtime.tv_nsec != b->mtime.tv_nsec)
		return a->mtime.tv_nsec > b->mtime.tv_nsec ? -1 : 1;
	return strcmp(a->folder, b->folder);
}

/* The folder reports/<name> points at, as written ("Tiny/f2c11bdd1857"), without trailing
 * slashes; NULL when it is not a link. malloc'ed. */
static char *link_target(const char *reports, const char *name)
{
	char *path = join(reports, name), buf[4096];
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	free(path);
	if (n <= 0)
		return NULL;
	while (n > 1 && buf[n - 1] == '/')
		n--;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* Find the records in the model folder reports/<name> (open as fd, taken). */
static void add_model_folder(runlog *l, const char *reports, const char *name, int fd)
{
	char **sub;
	size_t nsub;
	folders_in(fd, false, &sub, &nsub); /* a folder that cannot be read holds none */
	for (size_t j = 0; j < nsub; j++) {
		char *rel = join(name, sub[j]);
		add(l, reports, rel);
		free(rel);
		free(sub[j]);
	}
	free(sub);
}

fp_status runlog_read(runlog *l, const char *reports, diag *d)
{
	memset(l, 0, sizeof *l);
	int fd = open(reports, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char **top = NULL;
	size_t ntop = 0;
	int err = fd < 0 ? errno : folders_in(fd, true, &top, &ntop);
	if (err) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, reports, 0, 0,
			    "cannot read the reports folder: %s",
			    err == ENOENT ? "no such folder" : strerror(err));
		for (size_t i = 0; i < ntop; i++)
			free(top[i]);
		free(top);
		return FP_ENOINPUT;
	}
	for (size_t i = 0; i < ntop; i++) {
		char *path = join(reports, top[i]);
		int sub = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		free(path);
		if (sub >= 0 && !has(sub, RECORD_MANIFEST) && !has(sub, "inputs"))
			add_model_folder(l, reports, top[i], sub);
		else {
			if (sub >= 0)
				close(sub);
			add(l, reports, top[i]);
		}
		free(top[i]);
	}
	free(top);
	for (size_t i = 0; i < l->n; i++)
		read_record(&l->e[i], reports);
	if (l->n)
		qsort(l->e, l->n, sizeof *l->e, by_time);
	char *latest = link_target(reports, "latest");
	char *previous = link_target(reports, "previous");
	for (size_t i = 0; i < l->n; i++) {
		l->e[i].latest = latest && strcmp(latest, l->e[i].folder) == 0;
		l->e[i].previous = previous && strcmp(previous, l->e[i].folder) == 0;
	}
	free(latest);
	free(previous);
	return FP_OK;
}

void runlog_release(runlog *l)
{
	for (size_t i = 0; i < l->n; i++) {
		runlog_entry *e = &l->e[i];
		free(e->folder);
		free(e->shown);
		free(e->date);
		free(e->model);
		free(e->scenarios);
		free(e->note);
	}
	free(l->e);
	memset(l, 0, sizeof *l);
}
