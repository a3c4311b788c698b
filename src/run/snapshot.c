/* snapshot: see snapshot.h. */
#include "snapshot.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void changed(diag *d, const char *path)
{
	diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0,
		    "changed while the run computed (it was read before): nothing written, run "
		    "again");
}

fp_status snapshot_add(snapshot *s, const char *path, diag *d)
{
	char hex[HASH_HEX];
	struct stat sb;
	/* A file only: hashing a FIFO put there meanwhile would wait for ever. */
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || hash_file(path, hex) != FP_OK) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "cannot read it again: %s",
			    strerror(errno));
		return FP_EIO;
	}
	s->e = xreallocarray(s->e, s->n + 1, sizeof *s->e);
	s->e[s->n].path = xstrdup(path);
	memcpy(s->e[s->n].hash, hex, HASH_HEX);
	s->n++;
	return FP_OK;
}

fp_status snapshot_check(const snapshot *s, diag *d)
{
	fp_status st = FP_OK;
	for (size_t i = 0; i < s->n; i++) {
		char hex[HASH_HEX];
		if (hash_file(s->e[i].path, hex) != FP_OK || strcmp(hex, s->e[i].hash) != 0) {
			changed(d, s->e[i].path);
			st = FP_EIO;
		}
	}
	return st;
}

fp_status snapshot_matches(const snapshot *s, const record_input *in, size_t n, diag *d)
{
	if (n != s->n) { /* a file of the model version appeared or went */
		diag_report(d, DIAG_ERROR, FP_EIO, NULL, 0, 0,
			    "the inputs changed while the run computed (%zu files read, %zu there "
			    "now): nothing written, run again",
			    s->n, n);
		return FP_EIO;
	}
	fp_status st = FP_OK;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(in[i].hash, s->e[i].hash) != 0) {
			changed(d, s->e[i].path);
			st = FP_EIO;
		}
	return st;
}

void snapshot_release(snapshot *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->e[i].path);
	free(s->e);
	s->e = NULL;
	s->n = 0;
}
