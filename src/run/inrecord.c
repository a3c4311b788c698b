/* inrecord: see inrecord.h. */
#include "inrecord.h"
#include "../audit/manifest.h"
#include "../audit/record.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_record(const char *dir)
{
	char *mp = manifest_join(dir, RECORD_MANIFEST);
	struct stat sb;
	bool there = lstat(mp, &sb) == 0 && S_ISREG(sb.st_mode);
	free(mp);
	if (!there)
		return false;
	diag quiet; /* why a manifest does not read is not the point here */
	diag_init(&quiet, stderr);
	quiet.cap = 0;
	manifest mf;
	fp_status st = manifest_read(&mf, dir, &quiet);
	manifest_release(&mf);
	return st == FP_OK;
}

/* The folders above p (changed in place), deepest first; NULL past the top. */
static char *up(char *p)
{
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	char *slash = strrchr(p, '/');
	if (!slash)
		return NULL;
	if (slash == p) {
		if (!p[1])
			return NULL; /* "/" has nothing above */
		p[1] = '\0';
	} else {
		*slash = '\0';
	}
	return p;
}

char *inrecord_find(const char *path)
{
	char *p = xstrdup(path);
	for (char *d = up(p); d; d = up(d))
		if (is_record(d))
			return d;
	free(p);
	if (path[0] == '/')
		return NULL;
	/* Named from here: ".", "..", "../..", as the user would name them. */
	char *cwd = getcwd(NULL, 0);
	size_t levels = 0;
	for (char *d = cwd; d; d = up(d), levels++) {
		if (!is_record(d))
			continue;
		char *rel = xmalloc(levels ? 3 * levels : 2);
		strcpy(rel, levels ? ".." : ".");
		for (size_t i = 1; i < levels; i++)
			strcat(rel, "/..");
		free(cwd);
		return rel;
	}
	free(cwd);
	return NULL;
}

fp_status inrecord_refuse(const char *path, diag *d)
{
	char *rec = inrecord_find(path);
	if (!rec)
		return FP_OK;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
		    "inside the run record %s, which holds only what its run wrote (it would no "
		    "longer verify): write elsewhere",
		    text_quotez(rec));
	free(rec);
	return FP_ECANTCREAT;
}
