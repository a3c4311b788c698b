/* fuzz.h: what the libFuzzer targets of tests/fuzz share: a private scratch folder per
 * process, files written into it from the fuzz input, and a diagnostics stream that goes
 * nowhere. Header-only, so each target is one translation unit linked with libfitplan.a.
 *
 * A multi-file input ("bundle") is split into files at separator lines: a line that
 * starts with "%%" ends one file and starts the next; "%% NAME" names the next file,
 * "%%" alone gives it the next default name of the target. Names are sanitised (letters,
 * digits, '.', '-', '_', at most three '/', no part starting with '.'), so a fuzz input
 * can never write outside the scratch folder. */
#ifndef FP_FUZZ_H
#define FP_FUZZ_H
#define _XOPEN_SOURCE 700
#include "core/diag.h"
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_root[256];

static inline FILE *fuzz_devnull(void)
{
	static FILE *f;
	if (!f && !(f = fopen("/dev/null", "w")))
		abort();
	return f;
}

static inline int fuzz_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Remove everything inside dir (not dir itself). */
static inline void fuzz_clear(const char *dir)
{
	nftw(dir, fuzz_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	mkdir(dir, 0700);
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_root[0])
		nftw(fuzz_root, fuzz_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The process's scratch folder, made on first use and removed at exit. */
static inline const char *fuzz_dir(void)
{
	if (!fuzz_root[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(fuzz_root, sizeof fuzz_root, "%s/fitplan-fuzz-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(fuzz_root))
			abort();
		atexit(fuzz_cleanup);
	}
	return fuzz_root;
}

static inline bool fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok;
}

/* A safe relative name from s[0..len), or false. */
static inline bool fuzz_name(const char *s, size_t len, char *out, size_t cap)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (len == 0 || len >= cap || s[0] == '.' || s[0] == '/')
		return false;
	int slashes = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '/') {
			if (++slashes > 3 || i + 1 == len || s[i + 1] == '.' || s[i + 1] == '/')
				return false;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == '_'))
			return false;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return true;
}

/* Write the bundle data[0..size) into dir: the files in order, named by their separator
 * line or else by defaults[k] for the k-th file (a file beyond the defaults, or with an
 * unusable name, is dropped). Folders named in a path are made. Returns the file count. */
static inline int fuzz_unbundle(const char *dir, const uint8_t *data, size_t size,
			 const char *const *defaults, size_t ndefaults)
{
	const char *p = (const char *)data, *end = p + size;
	char name[128];
	int files = 0;
	size_t k = 0;
	bool have_name = ndefaults > 0;
	if (have_name)
		snprintf(name, sizeof name, "%s", defaults[0]);
	const char *start = p;
	for (;;) {
		/* Find the next separator line at a line start. */
		const char *sep = NULL, *q = start;
		while (q < end) {
			if (end - q >= 2 && q[0] == '%' && q[1] == '%' &&
			    (q == (const char *)data || q[-1] == '\n')) {
				sep = q;
				break;
			}
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			if (!nl)
				break;
			q = nl + 1;
		}
		const char *body_end = sep ? sep : end;
		if (have_name && !(sep == (const char *)data && body_end == start)) {
			char path[512];
			for (char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
				*slash = '\0';
				snprintf(path, sizeof path, "%s/%s", dir, name);
				mkdir(path, 0700);
				*slash = '/';
			}
			snprintf(path, sizeof path, "%s/%s", dir, name);
			if (fuzz_write(path, (const uint8_t *)start, (size_t)(body_end - start)))
				files++;
		}
		if (!sep)
			break;
		const char *nl = memchr(sep, '\n', (size_t)(end - sep));
		const char *line_end = nl ? nl : end;
		k++;
		if (line_end - sep > 2)
			have_name = fuzz_name(sep + 2, (size_t)(line_end - sep - 2), name, sizeof name);
		else if ((have_name = k < ndefaults))
			snprintf(name, sizeof name, "%s", defaults[k]);
		if (!nl)
			break;
		start = nl + 1;
	}
	return files;
}

#endif
