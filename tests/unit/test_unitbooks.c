/* test_unitbooks: the diagnostics of the unit workbooks, which two threads write (src/cmd/
 * run/books.c, write_scenario_books). Linked with -Wl,--wrap=workbook_new_opt (see the Makefile), so
 * that a chosen unit's workbook cannot be created, and after a chosen delay. Checks that
 * the messages come in the units' order, whichever thread writes which unit and whichever
 * fails first: here the thread of the later unit (DIV2) fails at once, the thread of the
 * earlier one (AFD1) only after 300 ms, and AFD1's message must still come first. */
#include "testrun.h"
#include "run/write.h"
#include <fcntl.h>
#include <xlsxwriter.h>

/* ---- the wrapped workbook_new_opt ---- */

lxw_workbook *__real_workbook_new_opt(const char *filename, lxw_workbook_options *options);
lxw_workbook *__wrap_workbook_new_opt(const char *filename, lxw_workbook_options *options);

lxw_workbook *__wrap_workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
	if (strstr(filename, "/departments/AFD1.xlsx")) {
		usleep(300 * 1000);
		return NULL;
	}
	if (strstr(filename, "/departments/DIV2.xlsx"))
		return NULL;
	return __real_workbook_new_opt(filename, options);
}

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
	write_text(dir, "budgets/categories.csv", "category,kind,label\nPERS,personnel,Personeel\n");
	write_text(dir, "budgets/baseline.csv", "unit,category,amount_eur,fte\nAFD1,PERS,1000000,10\n");
	write_text(dir, "budgets/targets.csv", "unit,year,target_eur\nLUMC,2026,100000\n");
	write_text(dir, "budgets/measures/a.csv",
		   "measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027\n"
		   "M1,AFD1,Minder inhuur,1,PERS,structural,decided,1.5,10000,20000,30000\n");
	write_text(dir, "s.lua", "scenario{name=\"plan\"}\n");
}

/* Run s.lua with workbooks into dir/out; its status, and what it wrote on stderr in *err
 * (malloc'ed). */
static fp_status run_capturing(const char *dir, char **err)
{
	char log[4200];
	snprintf(log, sizeof log, "%s/stderr", dir);
	testrun t;
	testrun_init(&t, dir);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
	fp_status st = run_folder(&t.o, NULL);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	FILE *f = fopen(log, "rb");
	assert_non_null(f);
	char *buf = calloc(1, 65536);
	assert_non_null(buf);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	*err = buf;
	return st;
}

static void messages_in_unit_order(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	write_model(dir);
	char *err;
	fp_status st = run_capturing(dir, &err);
	assert_int_equal(st, FP_ECANTCREAT);
	char want[9000];
	snprintf(want, sizeof want,
		 "fitplan: %s/out/plan/departments/AFD1.xlsx: error: cannot create the workbook\n"
		 "fitplan: %s/out/plan/departments/DIV2.xlsx: error: cannot create the workbook\n",
		 dir, dir);
	assert_string_equal(err, want);
	free(err);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(messages_in_unit_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
