/* outdir: see outdir.h. */
#include "outdir.h"
#include "../core/interrupt.h"
#include "../core/xalloc.h"
#include "text.h"
#include "walk.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool path_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int mkdir_parents(const char *path)
{
	return mkdir_parents_made(path, NULL);
}

int mkdir_parents_made(const char *path, size_t *made)
{
	char *p = xstrdup(path);
	int rc = 0;
	if (made)
		*made = 0;
	for (char *s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		bool last = *s == '\0';
		*s = '\0';
		if (mkdir(p, 0777) == 0) {
			if (made && *made == 0)
				*made = (size_t)(s - p);
		} else if (errno != EEXIST) {
			rc = -1;
		}
		if (last)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

/* Remove the parents of the target that outdir_begin made (o->made bytes of o->parents
 * name the first of them), deepest first, as long as they are empty: a run that fails
 * leaves no folder it made behind. */
static void unmake_parents(outdir *o)
{
	if (!o->parents || o->made == 0)
		return;
	char *p = o->parents;
	size_t n = strlen(p);
	while (n >= o->made && rmdir(p) == 0) {
		char *slash = strrchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
		n = (size_t)(slash - p);
	}
}

/* remove_tree's walk: each entry removed after what is in it; the first that cannot be
 * removed (or a folder that could not be read whole) ends it, as nftw's walk did. */
static walk_next rm_entry(const walk_entry *e, void *ctx)
{
	bool *failed = ctx;
	if (e->kind == WALK_FOLDER && !e->post)
		return WALK_NEXT;
	if (e->err || unlinkat(e->dirfd, e->name, e->post ? AT_REMOVEDIR : 0) != 0) {
		*failed = true;
		return WALK_STOP;
	}
	return WALK_NEXT;
}

int remove_tree(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path); /* a link itself, never what it leads to */
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	bool failed = false;
	int err = walk_at(fd, rm_entry, &failed);
	close(fd);
	return err || failed ? -1 : rmdir(path);
}

static char *parent_of(const char *path)
{
	char *p = xstrdup(path);
	char *slash = strrchr(p, '/');
	if (!slash) {
		free(p);
		return xstrdup(".");
	}
	if (slash == p)
		slash[1] = '\0';
	else
		*slash = '\0';
	return p;
}

/* Let go of o; with undo, also remove the parents outdir_begin made (unmake_parents). */
static void outdir_free(outdir *o, bool undo)
{
	interrupt_output_set(NULL, NULL);
	if (o->lock_fd >= 0) {
		/* Remove the lock file while still holding it, then let go (a run that opened
		 * it meanwhile finds, once it has the lock, that its file is gone: lock_take). A
		 * file that was there before this run is not ours to remove. */
		if (o->lock_made)
			unlink(o->lock);
		close(o->lock_fd);
	}
	if (undo)
		unmake_parents(o);
	free(o->parents);
	free(o->lock);
	free(o->target);
	free(o->tmp);
	o->target = o->tmp = o->lock = o->parents = NULL;
	o->lock_fd = -1;
}

/* Take the lock file at o->lock: made afresh (O_EXCL), or the file already there, never
 * through a symbolic link; then flock it, and make sure the name still leads to the file
 * locked (the run that held it removes it as it lets go). 0, or -1 with *why set. */
static int lock_take(outdir *o, const char **why)
{
	for (int attempt = 0; attempt < 8; attempt++) {
		o->lock_made = true;
		int fd = open(o->lock, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd < 0 && errno == EEXIST) {
			o->lock_made = false;
			fd = open(o->lock, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0 && errno == ENOENT)
				continue; /* removed meanwhile: make it afresh */
		}
		struct stat fsb, sb;
		if (fd < 0) {
			struct stat lsb;
			*why = lstat(o->lock, &lsb) != 0 ? strerror(errno)
			       : S_ISLNK(lsb.st_mode)    ? "it is a symbolic link"
			       : S_ISDIR(lsb.st_mode)    ? "it is a folder"
							 : strerror(errno);
			return -1;
		}
		if (fstat(fd, &fsb) != 0 || !S_ISREG(fsb.st_mode)) {
			close(fd);
			*why = "it is not a file";
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			close(fd);
			*why = NULL; /* another run holds it */
			return -1;
		}
		if (stat(o->lock, &sb) == 0 && sb.st_dev == fsb.st_dev && sb.st_ino == fsb.st_ino) {
			/* An empty file is a lock a killed run left (fitplan's locks are empty):
			 * removed after, like one made now. A file with something in it is not
			 * fitplan's: locked, and left as it is. */
			o->lock_made = o->lock_made || fsb.st_size == 0;
			o->lock_fd = fd;
			return 0;
		}
		close(fd); /* locked a file that was just removed: take the one there now */
	}
	*why = "it keeps being replaced";
	return -1;
}

fp_status outdir_begin(outdir *o, const char *target, diag *d)
{
	size_t n = strlen(target);
	while (n > 1 && target[n - 1] == '/')
		n--;
	o->target = xmalloc(n + 1);
	memcpy(o->target, target, n);
	o->target[n] = '\0';
	o->tmp = NULL;
	o->lock = NULL;
	o->lock_fd = -1;
	o->lock_made = false;
	o->parents = parent_of(o->target);
	int rc = mkdir_parents_made(o->parents, &o->made);
	if (rc == 0) {
		o->lock = xmalloc(n + 6);
		memcpy(o->lock, o->target, n);
		memcpy(o->lock + n, ".lock", 6);
		const char *why = NULL;
		if (lock_take(o, &why) != 0) {
			if (why)
				diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0,
					    "cannot lock the output folder: %s: %s",
					    text_quotez(o->lock), why);
			else
				diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0,
					    "another fitplan run is writing this folder (%s is "
					    "locked)",
					    o->lock);
			o->lock_fd = -1;
			outdir_free(o, true);
			return FP_ECANTCREAT;
		}
	}
	if (rc == 0) {
		o->tmp = xmalloc(n + 12);
		memcpy(o->tmp, o->target, n);
		memcpy(o->tmp + n, ".tmp-XXXXXX", 12);
		if (!mkdtemp(o->tmp)) {
			free(o->tmp);
			o->tmp = NULL;
		} else {
			/* mkdtemp makes it private (0700); a run folder is as readable as any
			 * folder the user makes. */
			mode_t mask = umask(0);
			umask(mask);
			chmod(o->tmp, 0777 & ~mask);
			/* A crash of a library or an exit for want of memory removes it too. */
			interrupt_output_set(o->tmp, o->lock_made ? o->lock : NULL);
		}
	}
	if (!o->tmp) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0,
			    "cannot create the output folder: %s", strerror(errno));
		outdir_free(o, true);
		return FP_ECANTCREAT;
	}
	return FP_OK;
}

char *outdir_path(outdir *o, const char *rel, diag *d)
{
	if (interrupt_pending()) {
		/* Every file of a run passes here: stop at the next one (said once). */
		if (interrupt_first_report())
			diag_report(d, DIAG_ERROR, FP_EIO, o->target, 0, 0,
				    "interrupted; nothing written");
		else
			d->status = status_worse(d->status, FP_EIO);
		return NULL;
	}
	size_t n = strlen(o->tmp) + strlen(rel) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", o->tmp, rel);
	char *slash = strrchr(p, '/');
	*slash = '\0';
	int rc = mkdir_parents(p);
	*slash = '/';
	if (rc != 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0, "cannot create %s: %s",
			    rel, strerror(errno));
		free(p);
		return NULL;
	}
	return p;
}

FILE *outdir_open(outdir *o, const char *rel, diag *d)
{
	char *p = outdir_path(o, rel, d);
	if (!p)
		return NULL;
	FILE *f = fopen(p, "wb");
	if (!f)
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0, "cannot create %s: %s",
			    rel, strerror(errno));
	free(p);
	return f;
}

fp_status outdir_close(FILE *f, const char *rel, diag *d)
{
	bool bad = ferror(f) != 0;
	int err = errno;
	if (fclose(f) != 0) {
		bad = true;
		err = errno;
	}
	if (bad) {
		diag_report(d, DIAG_ERROR, FP_EIO, rel, 0, 0, "write error: %s", strerror(err));
		return FP_EIO;
	}
	return FP_OK;
}

fp_status outdir_commit(outdir *o, outdir_replace_fn may_replace, void *ctx, diag *d)
{
	fp_status st = FP_OK;
	char *aside = NULL;
	if (path_exists(o->target)) {
		if (!may_replace) {
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0,
				    "the output folder exists; use --force to replace it");
			outdir_abort(o);
			return FP_ECANTCREAT;
		}
		st = may_replace(o->target, ctx, d);
		if (st != FP_OK) {
			outdir_abort(o);
			return st;
		}
		/* Aside: an empty folder of a fresh name, which rename() replaces with the
		 * target folder (may_replace accepted only a folder). */
		size_t n = strlen(o->target);
		aside = xmalloc(n + 12);
		memcpy(aside, o->target, n);
		memcpy(aside + n, ".old-XXXXXX", 12);
		bool made = mkdtemp(aside) != NULL;
		if (!made || rename(o->target, aside) != 0) {
			int err = errno;
			if (made)
				rmdir(aside); /* leave nothing beside the target */
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0,
				    "cannot move the earlier output aside: %s", strerror(err));
			free(aside);
			outdir_abort(o);
			return FP_ECANTCREAT;
		}
	}
	if (rename(o->tmp, o->target) != 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, o->target, 0, 0,
			    "cannot move the output into place: %s", strerror(errno));
		if (aside)
			rename(aside, o->target); /* put the earlier run back */
		outdir_abort(o);
		free(aside);
		return FP_ECANTCREAT;
	}
	if (aside) {
		remove_tree(aside);
		free(aside);
	}
	outdir_free(o, false);
	return st;
}

void outdir_abort(outdir *o)
{
	if (o->tmp)
		remove_tree(o->tmp);
	outdir_free(o, true);
}
