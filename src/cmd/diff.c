/* diff: explain the difference between two run records: inputs changed, measures added,
 * removed and changed field by field, targets and baselines changed, and the bridge from
 * A's target-year gap to B's, whose steps add up exactly. Both records are checked and
 * re-run from checked copies of their own inputs (run/compare.h); the changes are printed
 * as a table or as CSV, and the bridge may be written as a workbook too. */
#include "cmd.h"
#include "opts.h"
#include "../core/xalloc.h"
#include "../io/csvwrite.h"
#include "../io/text.h"
#include "../run/compare.h"
#include "../run/inrecord.h"
#include "../run/write.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One change as a line of the table. Its texts come from the records (a path, a title, an
 * extra column): each is shown escaped (text_escape), as the record may hold anything. */
static void print_change(const change *c)
{
	char *item = text_escape(c->item, strlen(c->item), 0);
	char *field = text_escape(c->field, strlen(c->field), 0);
	char *a = text_escape(c->a, strlen(c->a), 0);
	char *b = text_escape(c->b, strlen(c->b), 0);
	if (strcmp(c->what, "changed") == 0)
		printf("  changed  %s%s%s: %s -> %s\n", item, *field ? " " : "", field, a, b);
	else
		printf("  %-8s %s%s%s\n", c->what, item, *a || *b ? ": " : "", *a ? a : b);
	free(item);
	free(field);
	free(a);
	free(b);
}

static void print_table(const run_diff *rd, const compare_side *a, const compare_side *b,
			const char *scen)
{
	char x[MONEY_BUF];
	printf("diff %s -> %s, scenario %s\n", a->dir, b->dir, text_quotez(scen));
	static const char *const sections[] = {"input", "measure", "target", "baseline"};
	for (int s = 0; s < 4; s++) {
		size_t n = 0;
		for (size_t i = 0; i < rd->nchanges; i++)
			n += strcmp(rd->changes[i].section, sections[s]) == 0;
		printf("\n%ss: %zu change%s\n", sections[s], n, n == 1 ? "" : "s");
		for (size_t i = 0; i < rd->nchanges; i++)
			if (strcmp(rd->changes[i].section, sections[s]) == 0)
				print_change(&rd->changes[i]);
	}
	printf("\nbridge of the gap in %d (target minus structural savings of the "
	       "organisation):\n", rd->year);
	printf("  %-34s %18s\n", "gap in A", money_format(x, rd->gap_a, ','));
	for (int k = 0; k < BR_COUNT; k++)
		printf("  %-34s %18s\n", bridge_label((bridge_kind)k),
		       money_format(x, rd->step[k], ','));
	printf("  %-34s %18s\n", "gap in B", money_format(x, rd->gap_b, ','));
}

static void print_csv(const run_diff *rd, const csv_dialect *d)
{
	csvw_begin(stdout, d);
	csvw_header(stdout, d, "section,change,item,field,a,b");
	for (size_t i = 0; i < rd->nchanges; i++) {
		const change *c = &rd->changes[i];
		/* Free text never reaches a spreadsheet as a formula (csvd_text); codes, words
		 * and hashes stay as they are, amounts (a negative one too) take the dialect's
		 * decimal mark (csvd_value; docs/formats.md). */
		void (*put)(FILE *, const csv_dialect *, const char *, bool) =
			c->text ? csvd_text : csvd_value;
		csvd_field(stdout, d, c->section, false);
		csvd_field(stdout, d, c->what, false);
		csvd_field(stdout, d, c->item, false);
		put(stdout, d, c->field, false);
		put(stdout, d, c->a, false);
		put(stdout, d, c->b, true);
	}
	/* The bridge through the same writer, so that the dialect reaches every line. */
	for (int k = -1; k <= BR_COUNT; k++) {
		bool start = k < 0, stop = k == BR_COUNT;
		csvd_field(stdout, d, "bridge", false);
		csvd_field(stdout, d, start ? "start" : stop ? "end" : "step", false);
		csvd_field(stdout, d, start  ? "gap in A"
				      : stop ? "gap in B"
					     : bridge_label((bridge_kind)k),
			   false);
		csvd_empty(stdout, d, false);
		csvd_empty(stdout, d, false);
		csvd_money(stdout, d, start ? rd->gap_a : stop ? rd->gap_b : rd->step[k], true);
	}
}

/* The names of s's scenarios, as the record lists them and the re-run computed them;
 * only those other also holds when other is not NULL (audit/manifest.h). */
static char *scenario_names(const compare_side *s, const compare_side *other)
{
	return manifest_scenario_names(&s->mf, other ? &other->mf : NULL);
}

/* Which scenario to compare: --scenario's, or the one of each run. FP_EUSAGE (reported)
 * when it cannot be told or is not in both; the message names the scenarios that can be
 * chosen (those of both runs), so that the user need not open the records to find them. */
static fp_status choose_scenario(const command *self, compare_side *a, compare_side *b,
				 const char *scen)
{
	if (!scen && a->res.n == 1 && b->res.n == 1) {
		a->scen = b->scen = 0;
		return FP_OK;
	}
	fp_status st = FP_OK;
	if (!scen) {
		char *both = scenario_names(a, b);
		if (both[0])
			st = cmd_usage_error(self, "the runs hold several scenarios; choose one with "
						   "--scenario NAME (both runs hold %s)", both);
		else {
			char *na = scenario_names(a, NULL), *nb = scenario_names(b, NULL);
			st = cmd_usage_error(self, "the runs have no scenario in common (%s holds %s; "
						   "%s holds %s)", a->dir, na, b->dir, nb);
			free(na);
			free(nb);
		}
		free(both);
		return st;
	}
	if ((a->scen = compare_scenario(a, scen)) < 0 || (b->scen = compare_scenario(b, scen)) < 0) {
		const compare_side *lacks = a->scen < 0 ? a : b;
		char *names = scenario_names(lacks, NULL);
		st = cmd_usage_error(self, "no scenario '%s' in %s (it holds %s)", scen, lacks->dir,
				     names);
		free(names);
	}
	return st;
}

/* The changes and the bridge of the two sides' scenarios, written as asked: the workbook
 * first (a failure prints nothing on stdout), then the table or the CSV. */
static fp_status diff_and_print(compare_side *a, compare_side *b, const char *xlsx, bool force,
				const csv_dialect *dialect, const char *lang, diag *d)
{
	const run_scenario *sa = &a->res.s[a->scen], *sb = &b->res.s[b->scen];
	bool same = strcmp(sa->spec.name, sb->spec.name) == 0;
	const char *name = same ? sa->spec.name : "(two scenarios)";
	/* The workbook speaks B's language (its recorded --lang), unless --lang says. */
	runopt_lang wl = !lang ? (runopt_lang)b->o.opts.lang
			       : strcmp(lang, "en") == 0 ? RUNOPT_LANG_EN : RUNOPT_LANG_NL;
	run_diff rd = {0};
	fp_status st = FP_OK;
	diff_inputs(&rd, &a->mf, &b->mf);
	if (!diff_runs(&rd, &a->res.ctx.m, &sa->res, &sa->cons, &b->res.ctx.m, &sb->res,
		       &sb->cons)) {
		diag_error(d, NULL, 0, 0, "the runs have different target years (%d and %d) or "
					  "their bridge does not close; no bridge",
			   a->res.ctx.m.target_year, b->res.ctx.m.target_year);
		st = FP_EDATA;
	} else {
		if (xlsx)
			st = compare_write_xlsx(xlsx, force, &rd, a, same ? name : NULL, wl, d);
		bool csv = dialect != NULL;
		if (st == FP_OK && csv)
			print_csv(&rd, dialect);
		else if (st == FP_OK)
			print_table(&rd, a, b, name);
		if (st == FP_OK && xlsx && !csv)
			printf("\nwrote %s\n", xlsx);
	}
	diff_release(&rd);
	return st;
}

fp_status cmd_diff(int argc, char **argv)
{
	const command *self = command_find("diff");
	const char *scen = NULL, *xlsx = NULL, *lang = NULL;
	bool csv = false, force = false;
	const csv_dialect *dialect = NULL;
	const opt table[] = {
		{"scenario", 0, OPT_STRING, &scen, NULL},
		{"format", 0, OPT_PARSE, &csv, opts_format},
		{"dialect", 0, OPT_PARSE, &dialect, opts_dialect},
		{"xlsx", 0, OPT_STRING, &xlsx, NULL},
		{"force", 0, OPT_TRUE, &force, NULL},
		{"lang", 0, OPT_STRING, &lang, NULL},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	int first;
	fp_status st;
	if (!opts_parse(self, table, NULL, argc, argv, &first, &st))
		return st;
	if (argc - first != 2)
		return cmd_usage_error(self, "give two run folders");
	if (dialect && !csv)
		return cmd_usage_error(self, "--dialect goes with --format csv");
	if (csv && !dialect)
		dialect = &csv_dialect_c;
	if (force && !xlsx)
		return cmd_usage_error(self, "--force goes with --xlsx FILE");
	if (lang && strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
		return cmd_usage_error(self, "unknown language '%s' (nl or en)", lang);
	if (lang && !xlsx)
		return cmd_usage_error(self, "--lang goes with --xlsx FILE");
	compare_side a = {.dir = argv[first]}, b = {.dir = argv[first + 1]};
	diag d;
	diag_init(&d, stderr);
	rerun rr = {0};
	/* Before the re-runs: a file that will not be replaced costs no work. */
	st = xlsx ? inrecord_refuse(xlsx, &d) : FP_OK;
	if (st == FP_OK && xlsx)
		st = compare_xlsx_replaceable(xlsx, force, &d);
	if (st == FP_OK) {
		run_install_signals(); /* a signal removes the scratch folder */
		st = rerun_begin(&rr, "diff", &d);
	}
	if (st == FP_OK)
		st = compare_load(&a, &rr, "a", &d);
	if (st == FP_OK)
		st = compare_load(&b, &rr, "b", &d);
	if (st == FP_OK)
		st = choose_scenario(self, &a, &b, scen);
	if (st == FP_OK)
		st = diff_and_print(&a, &b, xlsx, force, csv ? dialect : NULL, lang, &d);
	diag_finish(&d);
	compare_side_release(&a);
	compare_side_release(&b);
	rerun_end(&rr);
	return cmd_finish_output(st);
}
