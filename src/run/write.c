/* write: see write.h. Nothing is written before the run is computed in full; the folder is
 * then written beside its final place with its record (inputs/ and manifest.json) and
 * renamed into place only when every file is complete (io/outdir.h). */
#include "write.h"
#include "books.h"
#include "inrecord.h"
#include "replace.h"
#include "../core/interrupt.h"
#include "../core/xalloc.h"
#include "../export/choice_csv.h"
#include "../export/csvout.h"
#include "../export/levers_csv.h"
#include "../export/liquidity_text.h"
#include "../io/csvread.h"
#include "../io/outdir.h"
#include "../model/digest.h"
#include "../scenario/script.h"
#include "../stats/stats.h"
#include "../version.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

void run_versions_get(run_versions *rv)
{
	rv->v[0] = (record_version){"lua", script_lua_version()};
	rv->v[1] = (record_version){"gsl", stats_gsl_version()};
	rv->v[2] = (record_version){"libxlsxwriter", xlsx_version()};
	rv->v[3] = (record_version){"zlib", zlibVersion()};
	rv->v[4] = (record_version){"libcsv", csv_lib_version()};
	rv->v[5] = (record_version){"nettle", hash_nettle_version(rv->nettle)};
	rv->v[6] = (record_version){"jansson", record_jansson_version()};
	rv->v[RUN_NLIBS] = (record_version){NULL, NULL};
}

void run_install_signals(void)
{
	interrupt_install();
}

/* The inputs as the run read them, in the order the record copies them: the model
 * version's files that were read, then the scripts. malloc'ed, *n of them. */
static record_source *run_inputs(const run_result *res, const run_opts *o, size_t *n)
{
	const model *m = &res->ctx.m;
	record_source *in = xcalloc(m->nfiles + (size_t)o->nscripts + 1, sizeof *in);
	*n = 0;
	for (size_t i = 0; i < m->nfiles; i++)
		if (model_file_sha256(m, i))
			in[(*n)++] = (record_source){m->files[i], false, model_file_sha256(m, i)};
	for (int i = 0; i < o->nscripts; i++)
		in[(*n)++] = (record_source){o->scripts[i], true, res->s[i].sha256};
	return in;
}

/* The run id: a hash of the tool version, every file of the model version (by its name in
 * the version and its digest as read), every script (by its name, which names its
 * scenario's folder, and its digest as read) and every option that changes an output
 * (audit/runopts.h). */
static void run_id(const run_result *res, const run_opts *o, char id[HASH_HEX])
{
	char hex[HASH_HEX];
	model_digest(&res->ctx.m, true, hex);
	hash_ctx *h = hash_new();
	hash_update_str(h, "fitplan-run-2");
	hash_update_str(h, FITPLAN_VERSION);
	hash_update_str(h, hex);
	for (int i = 0; i < o->nscripts; i++) {
		char *rel = record_script_rel(o->scripts[i]);
		hash_update_str(h, rel);
		free(rel);
		hash_update_str(h, res->s[i].sha256);
	}
	runopts_hash(h, &o->opts);
	hash_final(h, id);
}

/* run_model_folder: see write.h. */
char *run_model_folder(const char *name)
{
	char *s = xmalloc(strlen(name) + 8);
	size_t o = 0;
	for (const char *p = name; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '-' || *p == '.';
		if (ok && !(o == 0 && *p == '.'))
			s[o++] = *p;
		else if (o && s[o - 1] != '_')
			s[o++] = '_';
	}
	while (o && s[o - 1] == '_')
		o--;
	if (!o) {
		strcpy(s, "model");
		o = 5;
	}
	s[o] = '\0';
	/* reports/latest and reports/previous are the links to the newest two runs, beside
	 * the model folders: a model named "latest" or "previous" (in any case, for a
	 * case-insensitive file system) gets "latest_" or "previous_", names no other model
	 * can get, since the trailing '_' is dropped above. */
	if (strcasecmp(s, "latest") == 0 || strcasecmp(s, "previous") == 0)
		strcpy(s + o, "_");
	return s;
}

/* reports/NAME -> rel, replaced atomically (a link made beside it, renamed over it). When
 * it cannot be (reports/latest is a folder or a file of the user's, say), a warning: the
 * run is written, but the link that verify and diff are pointed at still names an older
 * one. */
static void point_link(const char *reports, const char *name, const char *rel, diag *d)
{
	char link[4096], tmp[4200];
	snprintf(link, sizeof link, "%s/%s", reports, name);
	snprintf(tmp, sizeof tmp, "%s/.%s-%ld", reports, name, (long)getpid());
	struct stat sb;
	if (lstat(link, &sb) == 0 && !S_ISLNK(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		/* A file of the user's (a folder fails the rename below): renaming over it
		 * would lose it. */
		diag_warning(d, link, 0, 0,
			     "cannot point it at this run: a file that is no link is there (kept)");
		return;
	}
	unlink(tmp);
	int rc = symlink(rel, tmp);
	if (rc == 0 && (rc = rename(tmp, link)) != 0) {
		int err = errno;
		unlink(tmp);
		errno = err;
	}
	if (rc != 0)
		diag_warning(d, link, 0, 0, "cannot point it at this run: %s", strerror(errno));
}

/* reports/latest -> MODEL/RUNID, and reports/previous -> what latest named before, when
 * that was another run: a run of one scenario after a run of all does not lose the way to
 * the earlier one. Previous is moved first, so that latest and previous never name two
 * runs of which neither is the newest; a latest that is not a link (a folder of the
 * user's) leaves previous as it is. */
static void point_latest(const char *reports, const char *rel, diag *d)
{
	char link[4096], was[4096];
	snprintf(link, sizeof link, "%s/latest", reports);
	ssize_t n = readlink(link, was, sizeof was - 1);
	if (n > 0) {
		was[n] = '\0';
		if (strcmp(was, rel) != 0)
			point_link(reports, "previous", was, d);
	}
	point_link(reports, "latest", rel, d);
}

/* The CSV files of a scenario, in the order they are written. */
typedef enum csv_file {
	CSV_CONSOLIDATED,
	CSV_PROJECTION,
	CSV_LEVERS,
	CSV_LIQUIDITY,
	CSV_REALISATION,
	CSV_TREND,
	CSV_RISK,
	CSV_TORNADO,
	CSV_SOLVE,
	CSV_OPTIMISE,
	CSV_OPTIMISE_SUMMARY,
	CSV_OPTIMISE_TRADEOFF,
	CSV_FILES
} csv_file;
_Static_assert((int)CSV_FILES == (int)RUN_CSV_FILES, "write.h's RUN_CSV_FILES counts csv_names");

static const char *const csv_names[CSV_FILES] = {
	"consolidated.csv", "projection.csv", "levers.csv", "liquidity.csv", "realisation.csv",
	"trend.csv",        "risk.csv",       "tornado.csv", "solve.csv",
	"optimise.csv",     "optimise_summary.csv", "optimise_tradeoff.csv"};

/* Whether scenario s has file k: levers with a freeze or a cut, liquidity with a treasury, realisation and trend with
 * actuals, risk and tornado with draws, solve with goal seeks, the optimise files with an
 * optimise{} call. */
static bool csv_wanted(const run_scenario *s, csv_file k)
{
	switch (k) {
	case CSV_LEVERS: return s->res.nsummaries > 0;
	case CSV_LIQUIDITY: return s->liq.nyears > 0;
	case CSV_REALISATION:
	case CSV_TREND: return s->real.cells != NULL;
	case CSV_RISK:
	case CSV_TORNADO: return s->risk.iterations > 0;
	case CSV_SOLVE: return s->risk.iterations > 0 && s->risk.nsolves > 0;
	case CSV_OPTIMISE:
	case CSV_OPTIMISE_SUMMARY:
	case CSV_OPTIMISE_TRADEOFF: return s->choice.present;
	default: return true;
	}
}

const char *run_csv_name(const run_scenario *s, int k)
{
	if (k < 0 || k >= CSV_FILES || !csv_wanted(s, (csv_file)k))
		return NULL;
	return csv_names[k];
}

static void csv_write(FILE *f, const model *m, const run_scenario *s, csv_file k)
{
	switch (k) {
	case CSV_CONSOLIDATED: csvout_consolidated(f, m, &s->cons); break;
	case CSV_PROJECTION: csvout_projection(f, m, &s->proj); break;
	case CSV_LEVERS: levers_csv_write(f, m, &s->spec, &s->res); break;
	case CSV_LIQUIDITY: liquidity_write_csv(f, &s->liq); break;
	case CSV_REALISATION: csvout_realisation(f, m, &s->cons, &s->real); break;
	case CSV_TREND: csvout_trend(f, m, &s->real); break;
	case CSV_RISK: csvout_risk(f, m, &s->risk); break;
	case CSV_TORNADO: csvout_tornado(f, &s->risk); break;
	case CSV_SOLVE: csvout_solve(f, &s->risk); break;
	case CSV_OPTIMISE: choice_csv_rows(f, m, &s->choice); break;
	case CSV_OPTIMISE_SUMMARY: choice_csv_summary(f, m, &s->choice); break;
	case CSV_OPTIMISE_TRADEOFF: choice_csv_tradeoff(f, &s->choice); break;
	case CSV_FILES: break;
	}
}

/* Every scenario's CSV files, then comparison.csv of several; the first failure ends it. */
static fp_status write_csv_files(run_result *res, outdir *od)
{
	const model *m = &res->ctx.m;
	diag *d = &res->ctx.d;
	char rel[512];
	for (size_t i = 0; i < res->n; i++)
		for (int k = 0; k < CSV_FILES; k++) {
			const char *name = run_csv_name(&res->s[i], k);
			if (!name)
				continue;
			snprintf(rel, sizeof rel, "%s/%s", res->s[i].spec.name, name);
			FILE *f = outdir_open(od, rel, d);
			if (!f)
				return FP_ECANTCREAT;
			csv_write(f, m, &res->s[i], (csv_file)k);
			fp_status st = outdir_close(f, rel, d);
			if (st != FP_OK)
				return st;
		}
	if (res->n < 2)
		return FP_OK;
	csvout_scenario *cs = xcalloc(res->n, sizeof *cs);
	for (size_t i = 0; i < res->n; i++)
		cs[i] = (csvout_scenario){res->s[i].spec.name, &res->s[i].cons, &res->s[i].proj};
	FILE *f = outdir_open(od, "comparison.csv", d);
	fp_status st = FP_ECANTCREAT;
	if (f) {
		csvout_comparison(f, m, cs, res->n);
		st = outdir_close(f, "comparison.csv", d);
	}
	free(cs);
	return st;
}

/* The outputs and the record into od: the inputs copied first (each must be what was
 * read), then the CSV files, the workbooks and manifest.json. */
static fp_status write_contents(run_written *w, const run_opts *o, outdir *od,
				const record_source *in, size_t nin)
{
	run_ctx *r = &w->res.ctx;
	run_versions rv;
	run_versions_get(&rv);
	runopts ro = o->opts;
	if (!ro.threads) { /* the record says how many were used */
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		ro.threads = cpus > 0 ? (uint64_t)cpus : 1;
	}
	record_run run = {&r->m, o->dir, in, nin, &ro, rv.v, o->argc, o->argv, w->id};
	run_record rec;
	fp_status st = record_begin(&rec, od, &run, &r->d);
	if (st == FP_OK) {
		record_scenario *rs = xcalloc(w->res.n ? w->res.n : 1, sizeof *rs);
		char **rels = xcalloc(w->res.n ? w->res.n : 1, sizeof *rels);
		for (size_t i = 0; i < w->res.n; i++) {
			rels[i] = record_script_rel(o->scripts[i]);
			rs[i] = (record_scenario){&w->res.s[i].spec, rels[i], &r->m};
		}
		record_scenarios(&rec, rs, w->res.n);
		for (size_t i = 0; i < w->res.n; i++)
			free(rels[i]);
		free(rels);
		free(rs);
		st = write_csv_files(&w->res, od);
	}
	if (st == FP_OK && o->opts.workbooks)
		st = run_books_write(&w->res, o, w->id, od, &rec);
	if (st == FP_OK)
		st = record_finish(&rec, od, &r->d);
	record_release(&rec);
	return st;
}

/* Write the run folder w->target whole, or nothing. */
static fp_status write_folder(run_written *w, const run_opts *o, const record_source *in,
			      size_t nin)
{
	diag *d = &w->res.ctx.d;
	outdir od;
	/* Writing from before the lock and the temporary folder are made: a signal that comes
	 * while outdir_begin makes them is held for the writer, which removes both (at its
	 * first file) and then dies of it; it would otherwise end the process with them made. */
	interrupt_writing(true);
	fp_status st = outdir_begin(&od, w->target, d);
	if (st != FP_OK) {
		interrupt_writing(false);
		interrupt_reraise(); /* outdir_begin left nothing */
		return st;
	}
	st = write_contents(w, o, &od, in, nin);
	if (st == FP_OK)
		st = outdir_commit(&od, o->force ? run_replaceable : NULL, NULL, d);
	else
		outdir_abort(&od);
	interrupt_writing(false);
	interrupt_reraise(); /* a signal that came while writing: cleaned up, now die of it */
	return st;
}

/* The run folder: --out, or reports/<model>/<run id> (*latest: <model>/<run id>, for
 * reports/latest), found when it is there and --force is not given. */
static fp_status choose_target(run_written *w, const run_opts *o, char **latest)
{
	diag *d = &w->res.ctx.d;
	if (o->out) {
		w->target = xstrdup(o->out);
		if (!path_exists(w->target) || o->force)
			return FP_OK;
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, w->target, 0, 0,
			    "the output folder exists; use --force to replace it");
		return FP_ECANTCREAT;
	}
	const char *reports = "reports";
	const char *id = w->id;
	char *mn = run_model_folder(w->res.ctx.m.name);
	size_t n = strlen(reports) + strlen(mn) + RUN_ID_HEX + 3;
	w->target = xmalloc(n);
	snprintf(w->target, n, "%s/%s/%.*s", reports, mn, RUN_ID_HEX, id);
	*latest = xmalloc(n);
	snprintf(*latest, n, "%s/%.*s", mn, RUN_ID_HEX, id);
	free(mn);
	w->found = path_exists(w->target) && !o->force;
	return FP_OK;
}

fp_status run_write(run_written *w, const run_opts *o)
{
	memset(w, 0, sizeof *w);
	fp_status st = run_compute(&w->res, o);
	diag *d = &w->res.ctx.d;
	size_t nin = 0;
	record_source *in = st == FP_OK ? run_inputs(&w->res, o, &nin) : NULL;
	char *latest = NULL;
	if (st == FP_OK) {
		run_id(&w->res, o, w->id);
		st = choose_target(w, o, &latest);
	}
	/* Nothing is written for a run found: its inputs must still be what was read, as a
	 * written run's copies must be (record_begin). */
	if (st == FP_OK && w->found)
		st = record_inputs_unchanged(in, nin, d);
	if (st == FP_OK && !w->found)
		st = inrecord_refuse(w->target, d);
	/* What --force would replace is judged before anything is written (and again just
	 * before the replacement, in outdir_commit): a refusal touches nothing. */
	if (st == FP_OK && !w->found && o->force)
		st = run_replaceable(w->target, NULL, d);
	if (st == FP_OK && !w->found)
		st = write_folder(w, o, in, nin);
	/* Before the caller's summary: a summary that cannot be written (a closed pipe,
	 * SIGPIPE) must not leave reports/latest naming an earlier run beside a new one. */
	if (st == FP_OK && latest)
		point_latest("reports", latest, d);
	diag_finish(d);
	free(in);
	free(latest);
	if (st != FP_OK) {
		free(w->target);
		w->target = NULL;
		w->found = false;
	}
	return st;
}

void run_written_release(run_written *w)
{
	run_result_release(&w->res);
	free(w->target);
	w->target = NULL;
}

fp_status run_folder(const run_opts *o, char **target)
{
	run_written w;
	fp_status st = run_write(&w, o);
	if (target && st == FP_OK) {
		*target = w.target;
		w.target = NULL;
	}
	run_written_release(&w);
	return st;
}
