/* test_walk: io/walk, the one directory walker: every entry with its path below the root,
 * a folder before and (post) after its entries, a symbolic link reported and never
 * followed (not even one to a folder), WALK_SKIP not entering a folder, WALK_STOP ending
 * the walk, and remove_tree (io/outdir.h) removing a tree through it without following a
 * link out of it. */
#include "testutil.h"
#include "io/outdir.h"
#include "io/walk.h"
#include <fcntl.h>

/* What a walk saw, one line per call, sorted (readdir's order is the file system's). */
typedef struct seen {
	char *lines[64];
	size_t n;
	const char *skip; /* a folder not to enter */
	const char *stop; /* the entry to stop at */
} seen;

static const char *kind_word(walk_kind k)
{
	static const char *const w[] = {"file", "folder", "link", "fifo", "socket", "device",
					"other"};
	return w[k];
}

static walk_next record(const walk_entry *e, void *ctx)
{
	seen *s = ctx;
	char line[512];
	snprintf(line, sizeof line, "%s %s %d%s", e->rel, kind_word(e->kind), e->depth,
		 e->post ? " post" : "");
	assert_true(s->n < 64);
	s->lines[s->n++] = strdup(line);
	assert_string_equal(strrchr(e->rel, '/') ? strrchr(e->rel, '/') + 1 : e->rel, e->name);
	if (s->stop && strcmp(e->rel, s->stop) == 0)
		return WALK_STOP;
	if (s->skip && strcmp(e->rel, s->skip) == 0)
		return WALK_SKIP;
	return WALK_NEXT;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The walk's lines, sorted and joined by '\n', in buf. */
static const char *walk_lines(const char *dir, seen *s, char *buf, size_t cap)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(walk_at(fd, record, s), 0);
	close(fd);
	qsort(s->lines, s->n, sizeof *s->lines, cmp_line);
	buf[0] = '\0';
	for (size_t i = 0; i < s->n; i++) {
		strncat(buf, s->lines[i], cap - strlen(buf) - 2);
		strcat(buf, "\n");
		free(s->lines[i]);
	}
	s->n = 0;
	return buf;
}

/* a tree: a.csv, sub/b.csv, sub/deep/c.csv, and links to a file and to a folder */
static char *make_tree(void)
{
	char *dir = tmpdir_make();
	write_text(dir, "a.csv", "a");
	write_text(dir, "sub/b.csv", "bb");
	write_text(dir, "sub/deep/c.csv", "ccc");
	char path[4200];
	snprintf(path, sizeof path, "%s/to_sub", dir);
	assert_int_equal(symlink("sub", path), 0);
	snprintf(path, sizeof path, "%s/sub/to_a", dir);
	assert_int_equal(symlink("../a.csv", path), 0);
	return dir;
}

static void every_entry_once_links_not_followed(void **state)
{
	(void)state;
	char *dir = make_tree();
	seen s = {0};
	char buf[2048];
	assert_string_equal(walk_lines(dir, &s, buf, sizeof buf),
			    "a.csv file 0\n"
			    "sub folder 0\n"
			    "sub folder 0 post\n"
			    "sub/b.csv file 1\n"
			    "sub/deep folder 1\n"
			    "sub/deep folder 1 post\n"
			    "sub/deep/c.csv file 2\n"
			    "sub/to_a link 1\n"
			    "to_sub link 0\n");
	tmpdir_remove(dir);
}

static void skip_and_stop(void **state)
{
	(void)state;
	char *dir = make_tree();
	seen s = {.skip = "sub/deep"};
	char buf[2048];
	/* sub/deep given, not entered: no post, nothing below it */
	assert_string_equal(walk_lines(dir, &s, buf, sizeof buf),
			    "a.csv file 0\n"
			    "sub folder 0\n"
			    "sub folder 0 post\n"
			    "sub/b.csv file 1\n"
			    "sub/deep folder 1\n"
			    "sub/to_a link 1\n"
			    "to_sub link 0\n");
	/* stopped in sub: sub gets no post call, and nothing comes after the stop */
	seen t = {.stop = "sub/deep/c.csv"};
	walk_lines(dir, &t, buf, sizeof buf);
	assert_non_null(strstr(buf, "sub/deep/c.csv file 2\n"));
	assert_null(strstr(buf, "post"));
	tmpdir_remove(dir);
}

static void remove_tree_stays_inside(void **state)
{
	(void)state;
	char *dir = make_tree();
	char *keep = tmpdir_make();
	write_text(keep, "kept.csv", "kept");
	char path[4200], victim[4200];
	snprintf(path, sizeof path, "%s/sub/outside", dir);
	assert_int_equal(symlink(keep, path), 0);
	snprintf(victim, sizeof victim, "%s/sub", dir);
	assert_int_equal(remove_tree(victim), 0);
	assert_false(path_exists(victim));
	snprintf(path, sizeof path, "%s/a.csv", dir);
	assert_true(path_exists(path));
	snprintf(path, sizeof path, "%s/kept.csv", keep);
	assert_true(path_exists(path)); /* the link was removed, not what it leads to */
	/* a link given as the tree: the link goes, its folder stays */
	snprintf(path, sizeof path, "%s/to_keep", dir);
	assert_int_equal(symlink(keep, path), 0);
	assert_int_equal(remove_tree(path), 0);
	assert_false(path_exists(path));
	snprintf(path, sizeof path, "%s/kept.csv", keep);
	assert_true(path_exists(path));
	assert_int_equal(remove_tree(dir), 0);
	assert_false(path_exists(dir));
	snprintf(path, sizeof path, "%s/nothing", keep);
	assert_int_equal(remove_tree(path), -1);
	free(dir);
	tmpdir_remove(keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_entry_once_links_not_followed),
		cmocka_unit_test(skip_and_stop),
		cmocka_unit_test(remove_tree_stays_inside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
