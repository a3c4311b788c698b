/* diff: explain the difference between two run records: inputs changed, measures added,
 * removed and changed field by field, targets and baselines changed, and the bridge from
 * A's target-year gap to B's, whose steps add up exactly. Both records are checked and
 * re-run from checked copies of their own inputs (rerun.h, as verify does), so the
 * comparison covers the scenario's levers too. */
#include "cmd.h"
#include "../run/inrecord.h"
#include "../run/pipeline.h"
#include "opts.h"
#include "../run/rerun.h"
#include "../audit/diff.h"
#include "../audit/manifest.h"
#include "../core/xalloc.h"
#include "../io/csvwrite.h"
#include "../io/outdir.h"
#include "../io/text.h"
#include "../io/xlsxread.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct side {
	const char *dir;
	manifest mf;
	job_opts o;
	job j;
	int scen; /* the scenario compared */
} side;

/* Check the record, copy its inputs into sub/ of the scratch folder and compute that copy
 * (rerun.h, as verify does): what is compared is exactly what was checked. */
static fp_status side_load(side *s, rerun *rr, const char *sub, diag *d)
{
	fp_status st = manifest_read(&s->mf, s->dir, d);
	if (st == FP_OK)
		st = manifest_check(&s->mf, s->dir, d);
	if (st != FP_OK) {
		diag_finish(d);
		fprintf(stderr, "fitplan: %s: error: the run record was changed or is incomplete\n",
			s->dir);
		return FP_EDATA;
	}
	st = rerun_prepare(rr, &s->mf, s->dir, sub, &s->o, d);
	if (st != FP_OK)
		return st;
	/* The plans are compared, not their risk: no Monte Carlo. */
	s->o.iterations = 0;
	s->o.nsolves = 0;
	st = job_compute(&s->j, &s->o);
	diag_finish(&s->j.r.d);
	if (st != FP_OK)
		fprintf(stderr, "fitplan: %s: error: the re-run from the record's inputs failed\n",
			s->dir);
	return st;
}

static void side_release(side *s)
{
	job_release(&s->j);
	manifest_release(&s->mf);
}

static int find_scenario(const side *s, const char *name)
{
	for (size_t i = 0; i < s->j.n; i++)
		if (strcmp(s->j.s[i].spec.name, name) == 0)
			return (int)i;
	return -1;
}

/* Inputs by their path inside the record. */
static void diff_inputs(run_diff *rd, const manifest *a, const manifest *b)
{
	for (size_t i = 0; i < a->ninputs; i++) {
		size_t j = 0;
		while (j < b->ninputs && strcmp(a->inputs[i].path, b->inputs[j].path) != 0)
			j++;
		const char *item = a->inputs[i].path + 7; /* after "inputs/" */
		if (j == b->ninputs)
			diff_add(rd, "input", "removed", item, "sha256", a->inputs[i].sha256, "");
		else if (strcmp(a->inputs[i].sha256, b->inputs[j].sha256) != 0)
			diff_add(rd, "input", "changed", item, "sha256", a->inputs[i].sha256,
				 b->inputs[j].sha256);
	}
	for (size_t j = 0; j < b->ninputs; j++) {
		size_t i = 0;
		while (i < a->ninputs && strcmp(a->inputs[i].path, b->inputs[j].path) != 0)
			i++;
		if (i == a->ninputs)
			diff_add(rd, "input", "added", b->inputs[j].path + 7, "sha256", "",
				 b->inputs[j].sha256);
	}
}

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

static void print_table(const run_diff *rd, const side *a, const side *b, const char *scen)
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

static void print_csv(const run_diff *rd)
{
	char x[MONEY_BUF];
	fputs("section,change,item,field,a,b\n", stdout);
	for (size_t i = 0; i < rd->nchanges; i++) {
		const change *c = &rd->changes[i];
		/* Free text never reaches a spreadsheet as a formula (csvw_text); codes, words,
		 * hashes and amounts (a negative one too) stay as they are (docs/formats.md). */
		void (*put)(FILE *, const char *, bool) = c->text ? csvw_text : csvw_field;
		csvw_field(stdout, c->section, false);
		csvw_field(stdout, c->what, false);
		csvw_field(stdout, c->item, false);
		put(stdout, c->field, false);
		put(stdout, c->a, false);
		put(stdout, c->b, true);
	}
	printf("bridge,start,gap in A,,,%s\n", money_format(x, rd->gap_a, 0));
	for (int k = 0; k < BR_COUNT; k++)
		printf("bridge,step,%s,,,%s\n", bridge_label((bridge_kind)k),
		       money_format(x, rd->step[k], 0));
	printf("bridge,end,gap in B,,,%s\n", money_format(x, rd->gap_b, 0));
}

/* What --xlsx may write over: nothing without --force; with it, only a bridge workbook that
 * fitplan diff wrote (a regular file that reads as an xlsx workbook with the property
 * XLSX_KIND_PROPERTY = XLSX_BRIDGE_KIND, read with xlsxread, not guessed from bytes).
 * FP_OK when path may be written; else reported, FP_ECANTCREAT, and path is untouched. */
static fp_status xlsx_replaceable(const char *path, bool force, diag *d)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return FP_OK;
	const char *why = NULL;
	if (!force) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
			    "the file exists; --force replaces it if it is a bridge workbook "
			    "written by fitplan diff");
		return FP_ECANTCREAT;
	}
	if (S_ISLNK(sb.st_mode))
		why = "a symbolic link";
	else if (!S_ISREG(sb.st_mode))
		why = S_ISDIR(sb.st_mode) ? "a folder" : "a special file";
	xlsxr_book *b = NULL;
	if (!why) {
		diag quiet; /* why it does not read is not the point here */
		diag_init(&quiet, stderr);
		quiet.cap = 0;
		if (xlsxr_open(path, &b, &quiet) != FP_OK)
			why = "not an xlsx workbook";
	}
	if (!why) {
		const char *kind = xlsxr_property(b, XLSX_KIND_PROPERTY);
		if (!kind || strcmp(kind, XLSX_BRIDGE_KIND) != 0)
			why = "no property " XLSX_KIND_PROPERTY " = " XLSX_BRIDGE_KIND;
	}
	xlsxr_free(b);
	if (!why)
		return FP_OK;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
		    "not a bridge workbook written by fitplan diff (%s); --force replaces only "
		    "those", why);
	return FP_ECANTCREAT;
}

static fp_status write_xlsx(const char *path, bool force, const run_diff *rd, const side *a,
			    const char *scen, diag *d)
{
	char title[256], tmp[4096];
	snprintf(title, sizeof title, "Bridge of the gap in %d, scenario %s", rd->year, scen);
	xlsx_step steps[BR_COUNT];
	for (int k = 0; k < BR_COUNT; k++)
		steps[k] = (xlsx_step){bridge_label((bridge_kind)k), rd->step[k]};
	/* The folder must be there and writable before libxlsxwriter tries (it would print
	 * its own error and name the temporary file). */
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	const char *parent = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	struct stat sb;
	bool ok_dir = stat(parent, &sb) == 0 && S_ISDIR(sb.st_mode) && access(parent, W_OK) == 0;
	free(dir);
	if (!ok_dir) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
			    "cannot create the workbook: its folder does not exist or is not "
			    "writable");
		return FP_ECANTCREAT;
	}
	xlsx_change_row *rows = xcalloc(rd->nchanges ? rd->nchanges : 1, sizeof *rows);
	for (size_t i = 0; i < rd->nchanges; i++) {
		const change *c = &rd->changes[i];
		rows[i] = (xlsx_change_row){{c->section, c->what, c->item, c->field, c->a, c->b}};
	}
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	fp_status st = xlsx_bridge(tmp, title, a->j.r.m.document_time, "gap in A", rd->gap_a,
				   "gap in B", rd->gap_b, steps, BR_COUNT, rows, rd->nchanges, d);
	free(rows);
	/* Judged again now that the workbook is ready: the file may have appeared or changed
	 * during the re-runs. Without --force, link() fails on a file that appeared since,
	 * where rename() would replace it. */
	if (st == FP_OK)
		st = xlsx_replaceable(path, force, d);
	if (st == FP_OK) {
		int rc = force ? rename(tmp, path) : link(tmp, path);
		if (rc != 0 && !force && errno != EEXIST && !path_exists(path))
			rc = rename(tmp, path); /* a file system without hard links */
		if (rc != 0) {
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
				    errno == EEXIST ? "the file exists; --force replaces it if it "
						      "is a bridge workbook written by fitplan diff"
						    : "cannot create the workbook");
			st = FP_ECANTCREAT;
		}
	}
	unlink(tmp);
	return st;
}

fp_status cmd_diff(int argc, char **argv)
{
	const command *self = command_find("diff");
	static const struct option longopts[] = {
		{"scenario", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"xlsx", required_argument, NULL, 'x'},
		{"force", no_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *scen = NULL, *xlsx = NULL;
	bool csv = false, force = false;
	int ch;
	optind = 1;
	while ((ch = opts_next(self, argc, argv, ":h", longopts)) != -1) {
		switch (ch) {
		case 's': scen = optarg; break;
		case 'x': xlsx = optarg; break;
		case 'F': force = true; break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				csv = true;
			else if (strcmp(optarg, "table") != 0)
				return cmd_usage_error(self, "unknown format '%s' (table or csv)", optarg);
			break;
		case 'h': return cmd_print_help(self);
		default: return FP_EUSAGE;
		}
	}
	if (argc - optind != 2)
		return cmd_usage_error(self, "give two run folders");
	if (force && !xlsx)
		return cmd_usage_error(self, "--force goes with --xlsx FILE");
	side a = {.dir = argv[optind]}, b = {.dir = argv[optind + 1]};
	diag d;
	diag_init(&d, stderr);
	run_diff rd = {0};
	rerun rr = {0};
	/* Before the re-runs: a file that will not be replaced costs no work. */
	fp_status st = xlsx ? inrecord_refuse(xlsx, &d) : FP_OK;
	if (st == FP_OK && xlsx)
		st = xlsx_replaceable(xlsx, force, &d);
	if (st == FP_OK) {
		job_install_signals(); /* a signal removes the scratch folder */
		st = rerun_begin(&rr, "diff", &d);
	}
	if (st == FP_OK)
		st = side_load(&a, &rr, "a", &d);
	if (st == FP_OK)
		st = side_load(&b, &rr, "b", &d);
	if (st == FP_OK) {
		if (!scen && a.j.n == 1 && b.j.n == 1) {
			a.scen = b.scen = 0;
		} else if (!scen) {
			st = cmd_usage_error(self, "the runs hold several scenarios; choose one with "
						   "--scenario NAME");
		} else if ((a.scen = find_scenario(&a, scen)) < 0 ||
			   (b.scen = find_scenario(&b, scen)) < 0) {
			st = cmd_usage_error(self, "no scenario '%s' in %s", scen,
					     a.scen < 0 ? a.dir : b.dir);
		}
	}
	if (st == FP_OK) {
		const scenario_out *sa = &a.j.s[a.scen], *sb = &b.j.s[b.scen];
		const char *name = strcmp(sa->spec.name, sb->spec.name) == 0
					   ? sa->spec.name
					   : "(two scenarios)";
		diff_inputs(&rd, &a.mf, &b.mf);
		if (!diff_runs(&rd, &a.j.r.m, &sa->res, &sa->cons, &b.j.r.m, &sb->res, &sb->cons)) {
			diag_error(&d, NULL, 0, 0, "the runs have different target years (%d and %d) "
						   "or their bridge does not close; no bridge",
				   a.j.r.m.target_year, b.j.r.m.target_year);
			st = FP_EDATA;
		} else {
			/* The workbook first: a failure prints nothing on stdout. */
			if (xlsx)
				st = write_xlsx(xlsx, force, &rd, &a, name, &d);
			if (st == FP_OK && csv)
				print_csv(&rd);
			else if (st == FP_OK)
				print_table(&rd, &a, &b, name);
			if (st == FP_OK && xlsx && !csv)
				printf("\nwrote %s\n", xlsx);
		}
	}
	diag_finish(&d);
	diff_release(&rd);
	side_release(&a);
	side_release(&b);
	rerun_end(&rr);
	return cmd_finish_output(st);
}
