/* run: run scenario scripts over one model version and write each scenario's consolidated
 * plan and projection into a run folder that appears whole or not at all. */
#include "cmd.h"
#include "load.h"
#include "opts.h"
#include "../audit/hash.h"
#include "../export/xlsx.h"
#include "../io/csvwrite.h"
#include "../io/outdir.h"
#include "../model/csvout.h"
#include "../scenario/script.h"
#include "../core/xalloc.h"
#include "../version.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_SEED 20240101ULL
#define RUN_ID_HEX 12

typedef struct run_opts {
	const char *dir;
	const char *out;
	uint64_t seed;
	bool force;
	bool workbooks;
	xlsx_lang lang;
	script_limits limits;
	char **scripts;
	int nscripts;
} run_opts;

typedef struct scenario_out {
	scenario_spec spec;
	scenario_result res;
	consolidation cons;
	projection proj;
} scenario_out;

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-')
		return false;
	*out = v;
	return true;
}

/* The run id: a hash of the tool version, every input file (by its name in the model
 * version and its content), every script's content and every option that changes output. */
static fp_status run_id(const run_ctx *r, const run_opts *o, char id[HASH_HEX])
{
	hash_ctx *h = hash_new();
	char hex[HASH_HEX], buf[64];
	hash_update_str(h, "fitplan-run-1");
	hash_update_str(h, FITPLAN_VERSION);
	size_t dl = strlen(r->m.dir);
	for (size_t i = 0; i < r->m.nfiles; i++) {
		const char *p = r->m.files[i];
		if (!path_exists(p))
			continue; /* an optional file that is absent */
		fp_status st = hash_file(p, hex);
		if (st != FP_OK) {
			hash_final(h, hex);
			return st;
		}
		hash_update_str(h, strncmp(p, r->m.dir, dl) == 0 ? p + dl : p);
		hash_update_str(h, hex);
	}
	for (int i = 0; i < o->nscripts; i++) {
		fp_status st = hash_file(o->scripts[i], hex);
		if (st != FP_OK) {
			hash_final(h, hex);
			return st;
		}
		hash_update_str(h, hex);
	}
	snprintf(buf, sizeof buf, "%llu/%llu/%llu/%d/%d", (unsigned long long)o->seed,
		 (unsigned long long)o->limits.max_instructions,
		 (unsigned long long)o->limits.max_memory_bytes, (int)o->lang, (int)o->workbooks);
	hash_update_str(h, buf);
	hash_final(h, id);
	return FP_OK;
}

/* A model name made safe as a folder name. */
static char *folder_name(const char *name)
{
	char *s = xstrdup(*name ? name : "model");
	for (char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			*p = '_';
	if (s[0] == '.')
		s[0] = '_';
	return s;
}

static void write_projection(FILE *f, const model *m, const projection *p)
{
	fputs("unit,year,revenue_eur,personnel_eur,procurement_eur,other_cost_eur,result_eur,"
	      "fte\n", f);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		for (int y = 0; y < p->nyears; y++) {
			const projection_row *pr = proj_row(p, u, y);
			csvw_field(f, m->units[u].code, false);
			csvw_int(f, m->base_year + y, false);
			csvw_money(f, pr->revenue_cents, false);
			csvw_money(f, pr->personnel_cents, false);
			csvw_money(f, pr->procurement_cents, false);
			csvw_money(f, pr->other_cost_cents, false);
			csvw_money(f, pr->result_cents, false);
			csvw_money(f, pr->fte_centi, true);
		}
	}
}

static void write_comparison(FILE *f, const model *m, const scenario_out *s, size_t n)
{
	fputs("year", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, ",%s_structural_eur,%s_gap_eur,%s_result_eur,%s_fte", s[i].spec.name,
			s[i].spec.name, s[i].spec.name, s[i].spec.name);
	fputc('\n', f);
	for (int y = 0; y < m->nyears; y++) {
		csvw_int(f, m->base_year + 1 + y, false);
		for (size_t i = 0; i < n; i++) {
			bool last = i + 1 == n;
			const unit_year *c = cons_cell(&s[i].cons, m->root, y);
			const projection_row *pr = proj_row(&s[i].proj, m->root, y + 1);
			csvw_money(f, c->structural_cents, false);
			if (c->has_target)
				csvw_money(f, c->gap_cents, false);
			else
				csvw_empty(f, false);
			csvw_money(f, pr->result_cents, false);
			csvw_money(f, pr->fte_centi, last);
		}
	}
}

static void print_summary(const model *m, const scenario_out *s)
{
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF], d[MONEY_BUF], e[MONEY_BUF];
	int yi = model_year_index(m, m->target_year);
	const unit_year *cell = cons_cell(&s->cons, m->root, yi);
	const projection_row *pr = proj_row(&s->proj, m->root, yi + 1);
	printf("scenario %s (%s)%s%s\n", s->spec.name, s->spec.script,
	       s->spec.description ? ": " : "", s->spec.description ? s->spec.description : "");
	printf("  target %d:      %s\n", m->target_year,
	       cell->has_target ? money_format(a, cell->target_cents, ',') : "-");
	printf("  structural %d:  %s (realised %s, decided %s, planned %s, idea %s)\n",
	       m->target_year, money_format(a, cell->structural_cents, ','),
	       money_format(b, cell->by_status_cents[STATUS_REALISED], ','),
	       money_format(c, cell->by_status_cents[STATUS_DECIDED], ','),
	       money_format(d, cell->by_status_cents[STATUS_PLANNED], ','),
	       money_format(e, cell->by_status_cents[STATUS_IDEA], ','));
	printf("  gap %d:         %s, rag %s\n", m->target_year,
	       cell->has_target ? money_format(a, cell->gap_cents, ',') : "-",
	       rag_word(rag_of(m, cell)));
	printf("  result %d:      %s\n", m->target_year, money_format(a, pr->result_cents, ','));
	printf("  levers: %zu, measures added: %zu, lever measures: %zu\n", s->spec.nlevers,
	       s->spec.nadded, s->res.lever_measures);
}

static fp_status run_scenario(run_ctx *r, const run_opts *o, const char *script,
			      scenario_out *s)
{
	script_env env = {&r->m, &r->bt, &r->c, o->seed, o->limits, stdout};
	fp_status st = script_run(&env, script, &s->spec, &r->d);
	if (st != FP_OK)
		return st;
	st = scenario_apply(&r->m, &s->spec, &s->res, &r->d);
	if (st != FP_OK)
		return st;
	st = consolidate(&r->m, scenario_plan(&s->res), &s->cons, &r->d);
	if (st != FP_OK)
		return st;
	return projection_compute(&r->m, scenario_plan(&s->res), &s->res, &s->proj, &r->d);
}

/* The committee's workbook and the units' workbooks of every scenario. */
static fp_status write_workbooks(run_ctx *r, const run_opts *o, outdir *od, scenario_out *s,
				 size_t n)
{
	xlsx_scenario *xs = xcalloc(n, sizeof *xs);
	for (size_t i = 0; i < n; i++)
		xs[i] = (xlsx_scenario){&s[i].spec, &s[i].res, &s[i].cons, &s[i].proj};
	xlsx_opts xo = {.lang = o->lang, .tmpdir = NULL};
	fp_status st = FP_OK;
	char rel[512];
	for (size_t i = 0; i < n && st == FP_OK; i++) {
		snprintf(rel, sizeof rel, "%s/monitor.xlsx", s[i].spec.name);
		char *p = outdir_path(od, rel, &r->d);
		if (!p) {
			st = FP_ECANTCREAT;
			break;
		}
		st = xlsx_monitor(p, &r->m, xs, n, i, &xo, &r->d);
		free(p);
		for (size_t k = 0; k < r->m.nunits && st == FP_OK; k++) {
			int32_t u = r->m.preorder[k];
			if (!xlsx_wants_book(&r->m, u))
				continue;
			snprintf(rel, sizeof rel, "%s/departments/%s.xlsx", s[i].spec.name,
				 r->m.units[u].code);
			if (!(p = outdir_path(od, rel, &r->d))) {
				st = FP_ECANTCREAT;
				break;
			}
			st = xlsx_unit_book(p, &r->m, &xs[i], u, &xo, &r->d);
			free(p);
		}
	}
	free(xs);
	return st;
}

static fp_status write_outputs(run_ctx *r, outdir *od, scenario_out *s, size_t n)
{
	fp_status st = FP_OK;
	char rel[512];
	for (size_t i = 0; i < n && st == FP_OK; i++) {
		snprintf(rel, sizeof rel, "%s/consolidated.csv", s[i].spec.name);
		FILE *f = outdir_open(od, rel, &r->d);
		if (!f)
			return FP_ECANTCREAT;
		consolidate_write_csv(f, &r->m, &s[i].cons);
		st = outdir_close(f, rel, &r->d);
		if (st != FP_OK)
			break;
		snprintf(rel, sizeof rel, "%s/projection.csv", s[i].spec.name);
		if (!(f = outdir_open(od, rel, &r->d)))
			return FP_ECANTCREAT;
		write_projection(f, &r->m, &s[i].proj);
		st = outdir_close(f, rel, &r->d);
	}
	if (st == FP_OK && n > 1) {
		FILE *f = outdir_open(od, "comparison.csv", &r->d);
		if (!f)
			return FP_ECANTCREAT;
		write_comparison(f, &r->m, s, n);
		st = outdir_close(f, "comparison.csv", &r->d);
	}
	return st;
}

/* reports/latest -> MODEL/RUNID, replaced atomically. */
static void point_latest(const char *reports, const char *rel)
{
	char link[4096], tmp[4200];
	snprintf(link, sizeof link, "%s/latest", reports);
	snprintf(tmp, sizeof tmp, "%s/.latest-%ld", reports, (long)getpid());
	unlink(tmp);
	if (symlink(rel, tmp) == 0 && rename(tmp, link) != 0)
		unlink(tmp);
}

static fp_status parse_args(const command *self, int argc, char **argv, run_opts *o)
{
	static const struct option longopts[] = {
		{"budgets", required_argument, NULL, 'b'},
		{"out", required_argument, NULL, 'o'},
		{"seed", required_argument, NULL, 's'},
		{"force", no_argument, NULL, 'f'},
		{"max-instructions", required_argument, NULL, 'I'},
		{"max-memory", required_argument, NULL, 'M'},
		{"lang", required_argument, NULL, 'L'},
		{"no-workbooks", no_argument, NULL, 'W'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	*o = (run_opts){.dir = "budgets", .seed = DEFAULT_SEED, .workbooks = true};
	o->limits.max_instructions = SCRIPT_DEFAULT_MAX_INSTRUCTIONS;
	o->limits.max_memory_bytes = (uint64_t)SCRIPT_DEFAULT_MAX_MEMORY_MB << 20;
	uint64_t v;
	int ch;
	optind = 1;
	while ((ch = opts_next(self, argc, argv, ":hf", longopts)) != -1) {
		switch (ch) {
		case 'b': o->dir = optarg; break;
		case 'o': o->out = optarg; break;
		case 'f': o->force = true; break;
		case 's':
			if (!parse_u64(optarg, &o->seed))
				return cmd_usage_error(self, "bad --seed '%s' (a whole number)", optarg);
			break;
		case 'I':
			if (!parse_u64(optarg, &v) || v < 1000)
				return cmd_usage_error(self, "bad --max-instructions '%s' (at least 1000)",
						       optarg);
			o->limits.max_instructions = v;
			break;
		case 'M':
			if (!parse_u64(optarg, &v) || v < 1 || v > 65536)
				return cmd_usage_error(self, "bad --max-memory '%s' (megabytes, 1 to "
							     "65536)", optarg);
			o->limits.max_memory_bytes = v << 20;
			break;
		case 'L':
			if (strcmp(optarg, "nl") == 0)
				o->lang = LANG_NL;
			else if (strcmp(optarg, "en") == 0)
				o->lang = LANG_EN;
			else
				return cmd_usage_error(self, "unknown --lang '%s' (nl or en)", optarg);
			break;
		case 'W': o->workbooks = false; break;
		case 'h': return cmd_print_help(self);
		default: return FP_EUSAGE;
		}
	}
	o->scripts = argv + optind;
	o->nscripts = argc - optind;
	if (o->nscripts == 0)
		return cmd_usage_error(self, "no scenario script given");
	return FP_OK;
}

fp_status cmd_run(int argc, char **argv)
{
	const command *self = command_find("run");
	run_opts o;
	fp_status st = parse_args(self, argc, argv, &o);
	if (st != FP_OK || o.nscripts == 0)
		return st;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return FP_OK; /* help was printed */
	run_ctx r;
	st = run_load(&r, o.dir);
	scenario_out *s = xcalloc((size_t)o.nscripts, sizeof *s);
	size_t done = 0;
	for (int i = 0; i < o.nscripts && st == FP_OK; i++) {
		st = run_scenario(&r, &o, o.scripts[i], &s[i]);
		done = (size_t)i + 1;
		for (size_t j = 0; j < (size_t)i && st == FP_OK; j++)
			if (strcmp(s[j].spec.name, s[i].spec.name) == 0)
				diag_error(&r.d, o.scripts[i], 0, 0,
					   "scenario name '%s' is used by %s too", s[i].spec.name,
					   s[j].spec.script);
		st = status_worse(st, r.d.status);
	}
	char *target = NULL, *reports_rel = NULL;
	const char *reports = "reports";
	if (st == FP_OK && !o.out) {
		char id[HASH_HEX];
		st = run_id(&r, &o, id);
		if (st != FP_OK) {
			diag_report(&r.d, DIAG_ERROR, st, NULL, 0, 0, "cannot hash the inputs: %s",
				    strerror(errno));
		} else {
			char *mn = folder_name(r.m.name);
			size_t n = strlen(reports) + strlen(mn) + RUN_ID_HEX + 3;
			target = xmalloc(n);
			snprintf(target, n, "%s/%s/%.*s", reports, mn, RUN_ID_HEX, id);
			reports_rel = xmalloc(n);
			snprintf(reports_rel, n, "%s/%.*s", mn, RUN_ID_HEX, id);
			free(mn);
			if (path_exists(target) && !o.force) {
				for (size_t i = 0; i < done; i++)
					print_summary(&r.m, &s[i]);
				printf("found an earlier run of the same inputs and options in %s; "
				       "not written again (--force to redo)\n", target);
				point_latest(reports, reports_rel);
				goto out;
			}
		}
	} else if (st == FP_OK) {
		target = xstrdup(o.out);
		if (path_exists(target) && !o.force) {
			diag_report(&r.d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
				    "the output folder exists; use --force to replace it");
			st = FP_ECANTCREAT;
		}
	}
	if (st == FP_OK) {
		outdir od;
		st = outdir_begin(&od, target, &r.d);
		if (st == FP_OK) {
			st = write_outputs(&r, &od, s, done);
			if (st == FP_OK && o.workbooks)
				st = write_workbooks(&r, &o, &od, s, done);
			if (st == FP_OK)
				st = outdir_commit(&od, o.force, &r.d);
			else
				outdir_abort(&od);
		}
	}
	if (st == FP_OK) {
		for (size_t i = 0; i < done; i++) {
			print_summary(&r.m, &s[i]);
			printf("  wrote %s/%s/consolidated.csv\n", target, s[i].spec.name);
			printf("  wrote %s/%s/projection.csv\n", target, s[i].spec.name);
			if (o.workbooks)
				printf("  wrote %s/%s/monitor.xlsx and departments/*.xlsx\n", target,
				       s[i].spec.name);
		}
		if (done > 1)
			printf("wrote %s/comparison.csv\n", target);
		if (reports_rel)
			point_latest(reports, reports_rel);
	}
out:
	diag_finish(&r.d);
	for (size_t i = 0; i < (size_t)o.nscripts; i++) {
		projection_release(&s[i].proj);
		consolidation_release(&s[i].cons);
		scenario_result_release(&s[i].res);
		scenario_spec_release(&s[i].spec);
	}
	free(s);
	free(target);
	free(reports_rel);
	run_release(&r);
	return cmd_finish_output(st);
}
