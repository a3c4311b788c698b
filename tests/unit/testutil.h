/* testutil: what the unit tests share: the cmocka headers in the order cmocka needs, a
 * temporary folder per test with files written byte for byte, and diagnostics captured
 * in memory so that tests can compare messages exactly. Header-only: every test program
 * is one .c file. */
#ifndef FP_TESTUTIL_H
#define FP_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/diag.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

/* A temporary folder, removed with everything in it by tmpdir_remove. */
static inline char *tmpdir_make(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof tmpl, "%s/fitplan-test-XXXXXX", base && *base ? base : "/tmp");
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static inline void tmpdir_remove_tree(const char *path)
{
	DIR *dp = opendir(path);
	if (dp) {
		struct dirent *e;
		while ((e = readdir(dp)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			size_t n = strlen(path) + strlen(e->d_name) + 2;
			char *sub = malloc(n);
			assert_non_null(sub);
			snprintf(sub, n, "%s/%s", path, e->d_name);
			struct stat st;
			if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
				tmpdir_remove_tree(sub);
			else
				unlink(sub);
			free(sub);
		}
		closedir(dp);
	}
	rmdir(path);
}

static inline void tmpdir_remove(char *dir)
{
	if (dir)
		tmpdir_remove_tree(dir);
	free(dir);
}

/* write_bytes: dir/name (folders made as needed) holds exactly data[0..len). */
static inline void write_bytes(const char *dir, const char *name, const char *data,
			       size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0777);
		*p = '/';
	}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static inline void write_text(const char *dir, const char *name, const char *text)
{
	write_bytes(dir, name, text, strlen(text));
}

/* Diagnostics into memory: diag_init on a memstream; msgs_text flushes and returns all
 * that was printed so far (owned by the capture). */
typedef struct msgs {
	diag d;
	FILE *f;
	char *buf;
	size_t len;
} msgs;

static inline void msgs_init(msgs *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
	diag_init(&m->d, m->f);
}

static inline const char *msgs_text(msgs *m)
{
	fflush(m->f);
	return m->buf ? m->buf : "";
}

static inline void msgs_release(msgs *m)
{
	fclose(m->f);
	free(m->buf);
	m->buf = NULL;
}

#endif
