/* test_threads: a run whose threads cannot be started. Linked with
 * -Wl,--wrap=pthread_create (see the Makefile), so that every pthread_create in the library
 * goes through __wrap_pthread_create below, which can refuse, as pthread_create does when
 * there is no memory for a stack or a process limit is reached. Checks that:
 *  - a run (Monte Carlo draws on several threads, unit workbooks on two) whose threads all
 *    fail to start writes the same bytes as one whose threads start: every share of the
 *    work is done, by the calling thread;
 *  - the same when only some of them fail (every other one);
 *  - the threads really were asked for, and refused, so the test can fail;
 *  - the measure files of a model version, read by four threads of which none or only some
 *    start, give the same measures and the same messages as one thread reading them. */
#include "testrun.h"
#include "model/load.h"
#include "run/write.h"
#include "io/outdir.h"
#include <pthread.h>

/* ---- the wrapped pthread_create ---- */

int __real_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
			  void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
			  void *arg);

/* What the wrapper does: 0 start every thread, 1 refuse every one, 2 refuse every other.
 * A file-level static because the linker's --wrap gives the wrapper no context; the tests
 * set it from the main thread only, while no thread of the library runs. */
static int refuse_mode;
static unsigned asked, refused;

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
			  void *arg)
{
	unsigned k = asked++;
	if (refuse_mode == 1 || (refuse_mode == 2 && k % 2 == 0)) {
		refused++;
		return EAGAIN;
	}
	return __real_pthread_create(t, attr, fn, arg);
}

/* ---- a model version with four unit workbooks and a Monte Carlo scenario ---- */

static void write_model(const char *dir)
{
	write_text(dir, "budgets/model.csv",
		   "key,value\nname,Tiny\nbase_year,2024\ntarget_year,2026\nhorizon_year,2027\n");
	write_text(dir, "budgets/units.csv",
		   "unit,name,parent,type\n"
		   "LUMC,Organisation,,organisation\n"
		   "DIV1,Divisie 1,LUMC,division\n"
		   "DIV2,Divisie 2,LUMC,division\n"
		   "AFD1,Afdeling 1,DIV1,department\n"
		   "AFD2,Afdeling 2,DIV2,department\n");
	write_text(dir, "budgets/categories.csv",
		   "category,kind,label\nPERS,personnel,Personeel\nMAT,procurement,Materiaal\n");
	write_text(dir, "budgets/baseline.csv",
		   "unit,category,amount_eur,fte\n"
		   "AFD1,PERS,1000000.00,12.5\nAFD1,MAT,250000.50,\nAFD2,PERS,500000,6\n");
	write_text(dir, "budgets/targets.csv",
		   "unit,year,target_eur\nLUMC,2026,100000\nDIV2,2026,50000\n");
	write_text(dir, "budgets/measures/a.csv",
		   "measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027\n"
		   "M1,AFD1,Minder inhuur,1,PERS,structural,decided,1.5,10000,20000,30000\n"
		   "M2,DIV1,Inkoop,2,MAT,incidental,idea,,5000,,\n"
		   "M3,AFD2,Roosters,3,PERS,structural,planned,0.5,12345.67,23456.78,23456.78\n"
		   "M4,AFD2,Nachtdiensten,1,PERS,structural,idea,,1000,2000,3000\n");
	write_text(dir, "s.lua",
		   "scenario{name=\"risk\"}\n"
		   "uncertainty{status={planned={dist=\"beta\", mean=0.75, sd=0.15},\n"
		   "    idea={dist=\"uniform\", min=0, max=0.6}}, slip=0.1}\n");
}

/* run_into: one run of s.lua with workbooks, 3 threads for the draws, into dir/out, then
 * renamed to dir/name (so that both runs record the same --out). */
static void run_into(const char *dir, const char *name)
{
	char to[4200];
	snprintf(to, sizeof to, "%s/%s", dir, name);
	testrun t;
	testrun_init(&t, dir);
	t.o.opts.iterations = 3000;
	t.o.opts.threads = 3;
	assert_int_equal(run_folder(&t.o, NULL), FP_OK);
	assert_int_equal(rename(t.out, to), 0);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n + 65536 > cap)
			buf = realloc(buf, cap = 2 * cap + 65536);
		assert_non_null(buf);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

/* same_tree: every file under a/rel is under b/rel with the same bytes, and the other way
 * round; returns the number of files compared. */
static size_t same_tree(const char *a, const char *b, const char *rel)
{
	char pa[4200], pb[4200];
	snprintf(pa, sizeof pa, "%s%s%s", a, *rel ? "/" : "", rel);
	snprintf(pb, sizeof pb, "%s%s%s", b, *rel ? "/" : "", rel);
	struct stat sa, sb;
	assert_int_equal(lstat(pa, &sa), 0);
	if (lstat(pb, &sb) != 0)
		fail_msg("%s is missing", pb);
	if (S_ISDIR(sa.st_mode) != S_ISDIR(sb.st_mode))
		fail_msg("%s and %s are not both folders", pa, pb);
	if (!S_ISDIR(sa.st_mode)) {
		size_t la, lb;
		char *da = slurp(pa, &la), *db = slurp(pb, &lb);
		if (la != lb || memcmp(da, db, la) != 0)
			fail_msg("%s and %s differ", pa, pb);
		free(da);
		free(db);
		return 1;
	}
	size_t files = 0, na = 0;
	DIR *d = opendir(pa);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char sub[4200];
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		files += same_tree(a, b, sub);
		na++;
	}
	closedir(d);
	size_t nb = 0;
	d = opendir(pb);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		nb += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	if (na != nb)
		fail_msg("%s holds %zu entries, %s %zu", pa, na, pb, nb);
	return files;
}

static void no_thread_same_bytes(int mode)
{
	char *dir = tmpdir_make();
	write_model(dir);
	refuse_mode = 0;
	asked = refused = 0;
	run_into(dir, "threads");
	assert_true(asked >= 3); /* the draws' two extra threads and a workbook thread */
	assert_int_equal(refused, 0);
	refuse_mode = mode;
	asked = refused = 0;
	run_into(dir, "refused");
	refuse_mode = 0;
	assert_true(asked >= 3);
	assert_true(refused >= (mode == 1 ? asked : asked / 2));
	char a[4200], b[4200];
	snprintf(a, sizeof a, "%s/threads", dir);
	snprintf(b, sizeof b, "%s/refused", dir);
	size_t n = same_tree(a, b, "");
	/* record, inputs, 2 CSV files, risk.csv, tornado.csv, monitor and four unit workbooks */
	assert_true(n >= 10);
	char book[4300];
	snprintf(book, sizeof book, "%s/risk/departments/AFD2.xlsx", b);
	assert_true(path_exists(book));
	tmpdir_remove(dir);
}

static void no_thread_starts(void **state)
{
	(void)state;
	no_thread_same_bytes(1);
}

static void every_other_thread_starts(void **state)
{
	(void)state;
	no_thread_same_bytes(2);
}

/* ---- the measure files read by threads that do not all start ---- */

/* load_text: load dir with threads threads; the messages and the measures' ids and first
 * amounts, one line each, as text (the caller frees it). */
static char *load_text(const char *dir, unsigned threads)
{
	arena a;
	arena_init(&a);
	model m;
	msgs ms;
	msgs_init(&ms);
	fp_status st = model_load_threads(&m, dir, &a, &ms.d, false, threads);
	diag_finish(&ms.d);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	fprintf(f, "status %d\n%s", (int)st, msgs_text(&ms));
	for (size_t i = 0; i < m.nmeasures; i++)
		fprintf(f, "%s %lld %u ix %d\n", m.measures[i].id,
			(long long)m.measures[i].amounts[0], m.measures[i].pos.line,
			(int)model_measure(&m, m.measures[i].id) - (int)i);
	fclose(f);
	msgs_release(&ms);
	model_release(&m);
	arena_release(&a);
	return out;
}

static void measures_refused(int mode)
{
	char *dir = tmpdir_make();
	write_model(dir);
	char budgets[4200];
	snprintf(budgets, sizeof budgets, "%s/budgets", dir);
	/* Three more files: a duplicate of a.csv's M2, an unknown unit, a bad amount. */
	write_text(dir, "budgets/measures/b.csv",
		   "measure,unit,title,pillar,category,nature,status,2025\n"
		   "B1,AFD1,x,1,PERS,structural,idea,100\nM2,AFD2,y,2,MAT,structural,idea,5\n");
	write_text(dir, "budgets/measures/c.csv",
		   "measure,unit,title,pillar,category,nature,status,2025\n"
		   "C1,AFD9,x,1,PERS,structural,idea,100\nC2,AFD2,y,2,MAT,structural,idea,7\n");
	write_text(dir, "budgets/measures/d.csv",
		   "measure,unit,title,pillar,category,nature,status,2025\n"
		   "D1,AFD1,x,1,PERS,structural,idea,1x\nD2,DIV1,y,2,MAT,structural,idea,9\n");
	refuse_mode = 0;
	asked = refused = 0;
	char *one = load_text(budgets, 1);
	assert_int_equal(asked, 0);
	refuse_mode = mode;
	char *four = load_text(budgets, 4);
	refuse_mode = 0;
	/* Three besides the calling thread for each step: read and put the ids (by shard),
	 * renumber them (there is a duplicate), merge the rows */
	assert_int_equal(asked, 9);
	assert_int_equal(refused, mode == 1 ? 9 : 5);
	assert_string_equal(four, one);
	assert_non_null(strstr(one, "duplicate measure 'M2'"));
	/* every id finds its measure (ix 0), also those after the duplicate */
	assert_non_null(strstr(one, "\nD2 900 3 ix 0\n"));
	for (const char *p = strstr(four, " ix "); p; p = strstr(p + 1, " ix "))
		assert_true(strncmp(p, " ix 0\n", 6) == 0);
	free(one);
	free(four);
	tmpdir_remove(dir);
}

static void measures_no_thread_starts(void **state)
{
	(void)state;
	measures_refused(1);
}

static void measures_every_other_thread_starts(void **state)
{
	(void)state;
	measures_refused(2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_thread_starts),
		cmocka_unit_test(every_other_thread_starts),
		cmocka_unit_test(measures_no_thread_starts),
		cmocka_unit_test(measures_every_other_thread_starts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
