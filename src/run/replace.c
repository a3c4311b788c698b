/* replace: see replace.h. */
#include "replace.h"
#include "../audit/manifest.h"
#include "../audit/recdir.h"
#include "../audit/record.h"
#include "../core/xalloc.h"
#include "../io/outdir.h"
#include "../io/text.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static fp_status refuse_replace(diag *d, const char *target, const char *why)
{
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
		    "%s; --force replaces only a fitplan run folder or an empty folder", why);
	return FP_ECANTCREAT;
}

static bool listed(const manifest *mf, const char *rel)
{
	for (size_t i = 0; i < mf->ninputs; i++)
		if (strcmp(mf->inputs[i].path, rel) == 0)
			return true;
	for (size_t i = 0; i < mf->noutputs; i++)
		if (strcmp(mf->outputs[i].path, rel) == 0)
			return true;
	return strcmp(rel, RECORD_MANIFEST) == 0;
}

/* The first entry (by bytes) under a run folder that its manifest does not list as an
 * input or an output (folders on the way to listed files aside): malloc'ed, or NULL when
 * there is none. Anything but a regular file counts, and so does a folder that cannot be
 * read or is nested too deep to be looked into. */
static char *unrecorded_entry(const char *target, const manifest *mf)
{
	int fd = recdir_open(target);
	if (fd < 0)
		return xstrdup(target);
	recdir_list l;
	int err = recdir_list_all(fd, &l);
	close(fd);
	char *bad = err ? xstrdup(target) : NULL;
	for (size_t i = 0; i < l.n && !bad; i++) {
		const recdir_entry *e = &l.e[i];
		bool fine = e->kind == WALK_FOLDER ? !e->err && !e->too_deep
						     : e->kind == WALK_FILE && listed(mf, e->rel);
		if (!fine)
			bad = xstrdup(e->rel);
	}
	recdir_list_release(&l);
	return bad;
}

/* target, which is there and is no link: an empty folder, a run folder or neither. */
static fp_status judge_folder(const char *target, diag *d)
{
	DIR *dp = opendir(target);
	if (!dp)
		return refuse_replace(d, target, "a folder that cannot be read");
	bool empty = true;
	struct dirent *de;
	while (empty && (de = readdir(dp)) != NULL)
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	closedir(dp);
	if (empty)
		return FP_OK;
	char *mpath = manifest_join(target, RECORD_MANIFEST);
	bool has_manifest = path_exists(mpath);
	free(mpath);
	if (!has_manifest)
		return refuse_replace(d, target, "not a fitplan run folder (it has no manifest.json)");
	diag quiet; /* manifest_read's own messages are not the point here */
	diag_init(&quiet, stderr);
	quiet.cap = 0;
	manifest mf;
	fp_status st = manifest_read(&mf, target, &quiet);
	char *extra = st == FP_OK ? unrecorded_entry(target, &mf) : NULL;
	manifest_release(&mf);
	if (st != FP_OK)
		return refuse_replace(d, target, "not a fitplan run folder (its manifest.json is not "
						 "a run record)");
	if (!extra)
		return FP_OK;
	char why[512];
	snprintf(why, sizeof why, "not only a fitplan run: %s is not in its record",
		 text_quotez(extra));
	free(extra);
	return refuse_replace(d, target, why);
}

fp_status run_replaceable(const char *target, void *ctx, diag *d)
{
	(void)ctx;
	struct stat sb;
	if (lstat(target, &sb) != 0)
		return errno == ENOENT ? FP_OK : refuse_replace(d, target, strerror(errno));
	if (S_ISLNK(sb.st_mode))
		return refuse_replace(d, target, "not a folder but a symbolic link");
	if (!S_ISDIR(sb.st_mode))
		return refuse_replace(d, target, "not a folder but a file");
	return judge_folder(target, d);
}
