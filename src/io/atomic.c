/* atomic: see atomic.h. The file is linked into place rather than renamed when nothing
 * may be replaced: link() fails if the target appeared meanwhile, where rename() would
 * replace it without a word. */
#include "atomic.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder of path ("." for a bare name), malloc'ed. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	char *f = xmalloc(n + 1);
	memcpy(f, path, n);
	f[n] = '\0';
	return f;
}

/* The longest name part of a temporary file's name: with "." before it and ".tmp-XXXXXX"
 * after, a file name of NAME_MAX bytes (any name the target itself may have) fits. */
enum { TEMP_NAME_MAX = NAME_MAX - (int)sizeof "..tmp-XXXXXX" + 1 };

/* "<folder>/.<name of target>.tmp-XXXXXX", a template for mkstemp, malloc'ed; the name
 * cut to TEMP_NAME_MAX bytes, so that a target of 244 to 255 bytes can be written too. */
static char *temp_template(const char *folder, const char *target)
{
	const char *slash = strrchr(target, '/');
	const char *name = slash ? slash + 1 : target;
	size_t len = strlen(name);
	if (len > TEMP_NAME_MAX)
		len = TEMP_NAME_MAX;
	size_t n = strlen(folder) + len + sizeof "/..tmp-XXXXXX";
	char *t = xmalloc(n);
	snprintf(t, n, "%s/.%.*s.tmp-XXXXXX", folder, (int)len, name);
	return t;
}

/* Fill the temporary file fd (named tmp) and sync it; closes fd in any case. */
static fp_status write_temp(int fd, const char *tmp, const char *target, atomic_fill_fn fill,
			    void *ctx, diag *d)
{
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask); /* as an fopen'ed file would have: mkstemp makes it 0600 */
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int err = errno;
		close(fd);
		diag_report(d, DIAG_ERROR, FP_EIO, tmp, 0, 0, "cannot write: %s", strerror(err));
		return FP_EIO;
	}
	fp_status st = fill(f, ctx, d);
	if (st != FP_OK) {
		fclose(f);
		return st;
	}
	bool bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
	int err = errno;
	if (fclose(f) != 0 && !bad) {
		bad = true;
		err = errno;
	}
	if (bad) {
		diag_report(d, DIAG_ERROR, FP_EIO, target, 0, 0, "cannot write: %s", strerror(err));
		return FP_EIO;
	}
	return FP_OK;
}

/* Give the written file tmp the name target (tmp itself is left for the caller). */
static fp_status put_in_place(const char *tmp, const char *target,
			      outdir_replace_fn may_replace, void *ctx, diag *d)
{
	int rc = link(tmp, target);
	int err = errno;
	if (rc != 0 && err != EEXIST && !path_exists(target)) {
		rc = rename(tmp, target); /* a file system without hard links */
		err = errno;
	} else if (rc != 0 && may_replace) {
		/* Judged now: the target may have changed since the caller last looked. */
		fp_status st = may_replace(target, ctx, d);
		if (st != FP_OK)
			return st;
		rc = rename(tmp, target);
		err = errno;
	}
	if (rc != 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0, "cannot create: %s",
			    strerror(err));
		return FP_ECANTCREAT;
	}
	return FP_OK;
}

fp_status atomic_write_file(const char *target, atomic_fill_fn fill, void *fill_ctx,
			    outdir_replace_fn may_replace, void *replace_ctx, diag *d)
{
	char *folder = folder_of(target);
	char *tmp = temp_template(folder, target);
	fp_status st = FP_OK;
	if (mkdir_parents(folder) != 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, folder, 0, 0, "cannot create folder: %s",
			    strerror(errno));
		st = FP_ECANTCREAT;
		goto out;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, folder, 0, 0,
			    "cannot create a temporary file: %s", strerror(errno));
		st = FP_ECANTCREAT;
		goto out;
	}
	st = write_temp(fd, tmp, target, fill, fill_ctx, d);
	if (st == FP_OK)
		st = put_in_place(tmp, target, may_replace, replace_ctx, d);
	unlink(tmp);
	if (st == FP_OK) {
		int dfd = open(folder, O_RDONLY);
		if (dfd >= 0) {
			fsync(dfd); /* the new name itself survives a crash */
			close(dfd);
		}
	}
out:
	free(tmp);
	free(folder);
	return st;
}
