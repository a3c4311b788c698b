/* test_atomic: io/atomic's file that appears whole or not at all: its folder made, the
 * content in place with nothing beside it, an existing file replaced only when the caller's
 * rule accepts it (and judged when the file is put in place), and a failed fill or a
 * refusal leaving the old file exactly as it was. */
#include "testutil.h"
#include "io/atomic.h"

static fp_status fill_text(FILE *f, void *ctx, diag *d)
{
	(void)d;
	fputs(ctx, f);
	return FP_OK;
}

static fp_status fill_fails(FILE *f, void *ctx, diag *d)
{
	(void)ctx;
	fputs("half", f);
	diag_error(d, NULL, 0, 0, "the content went wrong");
	return FP_EDATA;
}

typedef struct asked {
	int times;
	fp_status answer;
} asked;

static fp_status ask(const char *target, void *ctx, diag *d)
{
	asked *a = ctx;
	a->times++;
	if (a->answer != FP_OK)
		diag_report(d, DIAG_ERROR, a->answer, target, 0, 0, "not this one");
	return a->answer;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static const size_t cap = 4096;
	char *buf = calloc(1, cap);
	assert_non_null(buf);
	size_t n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* How many names folder holds, but "." and "..". */
static size_t count_entries(const char *folder)
{
	DIR *dp = opendir(folder);
	assert_non_null(dp);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(dp);
	return n;
}

static void assert_file(const char *path, const char *want)
{
	char *have = read_all(path);
	assert_non_null(have);
	assert_string_equal(have, want);
	free(have);
}

static void test_new_file_in_new_folder(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char folder[4096], target[4200];
	snprintf(folder, sizeof folder, "%s/a/b", dir);
	snprintf(target, sizeof target, "%s/x.csv", folder);
	msgs m;
	msgs_init(&m);
	asked a = {0, FP_OK};
	assert_int_equal(atomic_write_file(target, fill_text, "one\n", ask, &a, &m.d), FP_OK);
	assert_string_equal(msgs_text(&m), "");
	assert_int_equal(a.times, 0); /* nothing was there: nobody asked */
	assert_file(target, "one\n");
	assert_int_equal(count_entries(folder), 1);
	msgs_release(&m);
	tmpdir_remove(dir);
}

static void test_existing_file(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char target[4200];
	snprintf(target, sizeof target, "%s/x.csv", dir);
	write_text(dir, "x.csv", "old\n");
	msgs m;
	msgs_init(&m);

	/* No rule: never replaced. */
	assert_int_equal(atomic_write_file(target, fill_text, "new\n", NULL, NULL, &m.d),
			 FP_ECANTCREAT);
	assert_non_null(strstr(msgs_text(&m), "x.csv: error: cannot create: File exists\n"));
	assert_file(target, "old\n");
	assert_int_equal(count_entries(dir), 1);

	/* A rule that refuses: its status and message, the old file as it was. */
	asked no = {0, FP_ECANTCREAT};
	assert_int_equal(atomic_write_file(target, fill_text, "new\n", ask, &no, &m.d),
			 FP_ECANTCREAT);
	assert_int_equal(no.times, 1);
	assert_non_null(strstr(msgs_text(&m), "x.csv: error: not this one\n"));
	assert_file(target, "old\n");
	assert_int_equal(count_entries(dir), 1);

	/* A rule that accepts: replaced whole. */
	asked yes = {0, FP_OK};
	unsigned long errors = m.d.errors;
	assert_int_equal(atomic_write_file(target, fill_text, "new\n", ask, &yes, &m.d), FP_OK);
	assert_int_equal(yes.times, 1);
	assert_int_equal(m.d.errors, errors);
	assert_file(target, "new\n");
	assert_int_equal(count_entries(dir), 1);
	msgs_release(&m);
	tmpdir_remove(dir);
}

static void test_fill_fails(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char target[4200];
	snprintf(target, sizeof target, "%s/x.csv", dir);
	write_text(dir, "x.csv", "old\n");
	msgs m;
	msgs_init(&m);
	asked yes = {0, FP_OK};
	assert_int_equal(atomic_write_file(target, fill_fails, NULL, ask, &yes, &m.d), FP_EDATA);
	assert_int_equal(yes.times, 0);
	assert_string_equal(msgs_text(&m), "fitplan: error: the content went wrong\n");
	assert_file(target, "old\n");
	assert_int_equal(count_entries(dir), 1);
	msgs_release(&m);
	tmpdir_remove(dir);
}

/* A folder that cannot be made: reported at the folder, nothing written. */
static void test_no_folder(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_text(dir, "file", "");
	char target[4200];
	snprintf(target, sizeof target, "%s/file/sub/x.csv", dir);
	msgs m;
	msgs_init(&m);
	assert_int_equal(atomic_write_file(target, fill_text, "x", NULL, NULL, &m.d),
			 FP_ECANTCREAT);
	assert_non_null(strstr(msgs_text(&m), "/file/sub: error: cannot create folder: "));
	assert_int_equal(count_entries(dir), 1);
	msgs_release(&m);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_file_in_new_folder),
		cmocka_unit_test(test_existing_file),
		cmocka_unit_test(test_fill_fails),
		cmocka_unit_test(test_no_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
