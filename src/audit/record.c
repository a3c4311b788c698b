/* record: see record.h. */
#include "record.h"
#include "recdir.h"
#include "../core/xalloc.h"
#include "../io/infile.h"
#include "../model/digest.h"
#include "../version.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

const char *record_jansson_version(void)
{
	return jansson_version_str();
}

char *record_script_rel(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base) + 20;
	char *rel = xmalloc(n);
	snprintf(rel, n, "inputs/scenarios/%s", base);
	return rel;
}

static fp_status changed(const char *path, diag *d)
{
	diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0,
		    "changed while the run computed (it was read before): nothing written, run "
		    "again");
	return FP_EIO;
}

fp_status record_inputs_unchanged(const record_source *in, size_t n, diag *d)
{
	fp_status st = FP_OK;
	for (size_t i = 0; i < n; i++) {
		char hex[HASH_HEX];
		struct stat sb; /* a file only: hashing a FIFO put there meanwhile would wait */
		if (stat(in[i].path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    hash_file(in[i].path, hex) != FP_OK || strcmp(hex, in[i].sha256) != 0)
			st = changed(in[i].path, d);
	}
	return st;
}

/* Copy the input src to the run folder at rel, hashing what is copied into hash: it must
 * be what the run read. *gone: src is no longer what the run read (reported). */
static fp_status copy_in(outdir *od, const record_source *src, const char *rel,
			 char hash[HASH_HEX], bool *gone, diag *d)
{
	diag quiet; /* not a file any more, or not there: it changed */
	diag_init(&quiet, stderr);
	quiet.cap = 0;
	fp_status st = FP_OK;
	FILE *in = infile_open(src->path, &quiet, &st);
	if (!in) {
		*gone = true;
		return changed(src->path, d);
	}
	FILE *out = outdir_open(od, rel, d);
	if (!out) {
		fclose(in);
		return FP_ECANTCREAT;
	}
	hash_ctx *h = hash_new();
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		hash_update(h, buf, n);
		fwrite(buf, 1, n, out);
	}
	bool rerr = ferror(in);
	fclose(in);
	hash_final(h, hash);
	st = outdir_close(out, rel, d);
	if (rerr) {
		diag_report(d, DIAG_ERROR, FP_EIO, src->path, 0, 0, "read error");
		return FP_EIO;
	}
	if (st == FP_OK && strcmp(hash, src->sha256) != 0) {
		*gone = true;
		return changed(src->path, d);
	}
	return st;
}

/* Run git (no shell) in dir with args: its standard output, at most cap bytes, in a
 * malloc'ed NUL-terminated buffer (*len bytes), or NULL when git is missing or fails (dir
 * not in a work tree). Only commands that read refs and objects are run (rev-parse,
 * ls-tree, hash-object --no-filters): none of them runs a program that the repository's
 * own config or attributes may name (core.fsmonitor, a filter driver's clean command),
 * as `git status` did, and none takes the index lock. */
static char *git_output(const char *dir, const char *const *args, size_t nargs, size_t cap,
			size_t *len)
{
	int fd[2];
	if (pipe(fd) != 0)
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	const char **argv = xcalloc(nargs + 5, sizeof *argv);
	size_t k = 0;
	argv[k++] = "git";
	argv[k++] = "--no-optional-locks";
	argv[k++] = "-C";
	argv[k++] = dir;
	for (size_t i = 0; i < nargs; i++)
		argv[k++] = args[i];
	argv[k] = NULL;
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return NULL;
	}
	char *buf = xmalloc(cap + 1);
	size_t n = 0;
	bool over = false;
	for (;;) {
		char chunk[4096];
		ssize_t got = read(fd[0], chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		size_t take = (size_t)got <= cap - n ? (size_t)got : cap - n;
		memcpy(buf + n, chunk, take);
		n += take;
		over |= take < (size_t)got; /* read on to the end, so git is not left blocked */
	}
	close(fd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (over || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

typedef struct tree_entry {
	const char *path, *oid;
} tree_entry;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const tree_entry *)a)->path, ((const tree_entry *)b)->path);
}

/* rel (inside the model version) names a file that loading the version reads. */
static bool model_input_name(const char *rel)
{
	static const char *const top[] = {"model.csv", "units.csv", "categories.csv",
					  "baseline.csv", "targets.csv", "controls.csv",
					  "treasury.csv"};
	for (size_t i = 0; i < sizeof top / sizeof *top; i++)
		if (strcmp(rel, top[i]) == 0)
			return true;
	const char *name = strncmp(rel, "measures/", 9) == 0  ? rel + 9
			   : strncmp(rel, "actuals/", 8) == 0 ? rel + 8
								: NULL;
	size_t n = name ? strlen(name) : 0;
	return n > 4 && name[0] != '.' && !strchr(name, '/') && strcmp(name + n - 4, ".csv") == 0;
}

/* Whether the files the run read differ from the commit checked out: a file read whose
 * bytes are not the committed blob's (or that is not committed), or a committed input
 * that the run did not find. Blob ids come from git hash-object --no-filters, the tree
 * from git ls-tree: files outside the inputs (notes, untracked or not) do not count. When
 * git cannot tell, dirty. */
static bool model_dirty(const record_run *run, const char *dir)
{
	static const char *const ls[] = {"ls-tree", "-r", "-z", "HEAD", "--", "."};
	size_t tlen = 0;
	char *tree = git_output(dir, ls, sizeof ls / sizeof *ls, (size_t)64 << 20, &tlen);
	if (!tree)
		return true;
	/* "<mode> blob <oid>\t<path>\0" */
	tree_entry *e = NULL;
	size_t ne = 0, cap = 0;
	for (char *p = tree; p < tree + tlen; p += strlen(p) + 1) {
		char *tab = strchr(p, '\t'), *sp1 = strchr(p, ' ');
		char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!tab || !sp2 || sp2 > tab || strncmp(sp1 + 1, "blob ", 5) != 0)
			continue;
		*tab = '\0';
		VEC_GROW(e, ne, cap);
		e[ne++] = (tree_entry){tab + 1, sp2 + 1};
	}
	if (ne)
		qsort(e, ne, sizeof *e, cmp_entry);
	const char **args = xcalloc(run->ninputs + 3, sizeof *args);
	size_t na = 0;
	args[na++] = "hash-object";
	args[na++] = "--no-filters";
	args[na++] = "--";
	for (size_t i = 0; i < run->ninputs; i++)
		if (!run->inputs[i].script)
			args[na++] = model_file_rel(run->m, run->inputs[i].path);
	size_t hlen = 0;
	char *oids = na > 3 ? git_output(dir, args, na, (na - 3) * 66 + 1, &hlen) : NULL;
	bool dirty = na > 3 && !oids;
	char *next = oids;
	bool *read = xcalloc(ne ? ne : 1, sizeof *read);
	for (size_t i = 3; i < na && !dirty; i++) {
		char *nl = next ? strchr(next, '\n') : NULL;
		if (!nl) {
			dirty = true;
			break;
		}
		*nl = '\0';
		tree_entry key = {args[i], NULL};
		tree_entry *t = ne ? bsearch(&key, e, ne, sizeof *e, cmp_entry) : NULL;
		dirty = !t || strcmp(t->oid, next) != 0;
		if (t)
			read[t - e] = true;
		next = nl + 1;
	}
	for (size_t i = 0; i < ne && !dirty; i++)
		dirty = !read[i] && model_input_name(e[i].path);
	free(read);
	free(oids);
	free(args);
	free(e);
	free(tree);
	return dirty;
}

static json_t *git_info(const record_run *run, const char *dir)
{
	static const char *const head[] = {"rev-parse", "--verify", "HEAD"};
	size_t n = 0;
	char *commit = git_output(dir, head, sizeof head / sizeof *head, 256, &n);
	if (!commit)
		return json_null();
	commit[strcspn(commit, "\n")] = '\0';
	json_t *j = *commit ? json_pack("{s:s, s:b}", "commit", commit, "dirty",
					model_dirty(run, dir))
			    : json_null();
	free(commit);
	return j;
}

/* The value of option id as the record keeps it (runopts.h). */
static json_t *option_json(const runopts *o, runopt_id id)
{
	const runopt *r = runopt_of(id);
	if (r->type == RUNOPT_NUMBER)
		return json_integer((json_int_t)runopt_number(o, id));
	if (r->type == RUNOPT_WORD)
		return json_string(runopt_word(id, runopt_number(o, id)));
	if (r->type == RUNOPT_SWITCH)
		return json_boolean(runopt_number(o, id));
	if (r->type == RUNOPT_A_PERIOD)
		return json_string(o->period);
	json_t *solves = json_array();
	for (size_t i = 0; i < o->nsolves; i++)
		json_array_append_new(
			solves, json_pack("{s:s, s:s, s:f}", "lever",
					  runopt_solve_lever_word(o->solves[i].lever), "goal",
					  runopt_solve_goal_word(o->solves[i].goal), "probability",
					  o->solves[i].probability));
	return solves;
}

/* The manifest's header: format, tool, libraries, command line, options, machine, model
 * and document time. */
static json_t *manifest_head(const record_run *run)
{
	const model *m = run->m;
	json_t *j = json_object();
	json_object_set_new(j, "format", json_string(RECORD_FORMAT));
	json_object_set_new(j, "tool", json_pack("{s:s, s:s, s:s}", "name", "fitplan", "version",
						 FITPLAN_VERSION, "commit", FITPLAN_COMMIT));
	json_t *libs = json_object();
	for (const record_version *v = run->versions; v->name; v++)
		json_object_set_new(libs, v->name, json_string(v->version));
	json_object_set_new(j, "libraries", libs);
	json_t *cmd = json_array();
	json_array_append_new(cmd, json_string("fitplan"));
	for (int i = 0; i < run->argc; i++)
		json_array_append_new(cmd, json_string(run->argv[i]));
	json_object_set_new(j, "command", cmd);
	json_t *opts = json_object(), *machine = json_object();
	for (int i = 0; i < RUNOPT_COUNT; i++) {
		/* A run that hands nothing out has no period: its record stays as it was
		 * before the option existed. */
		if (i == RUNOPT_PERIOD && !runopts_is_handout(run->opts))
			continue;
		if (i == RUNOPT_PRECISION && !run->opts->precision_ppm)
			continue;
		json_object_set_new(runopt_of((runopt_id)i)->machine ? machine : opts,
				    runopt_of((runopt_id)i)->key, option_json(run->opts, (runopt_id)i));
	}
	json_object_set_new(j, "options", opts);
	json_object_set_new(j, "machine", machine);
	json_t *mj = json_pack("{s:s, s:s, s:i, s:i, s:i}", "name", m->name, "folder",
			       run->model_dir, "base_year", m->base_year, "target_year",
			       m->target_year, "horizon_year", m->horizon_year);
	json_object_set_new(mj, "git", git_info(run, run->model_dir));
	json_object_set_new(j, "model", mj);
	char when[32];
	time_t t = (time_t)m->document_time;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(j, "document_time", json_string(when));
	if (run->run_id) /* a printed workbook page names it: it leads back to this record */
		json_object_set_new(j, "run_id", json_string(run->run_id));
	return j;
}

fp_status record_begin(run_record *rec, outdir *od, const record_run *run, diag *d)
{
	memset(rec, 0, sizeof *rec);
	json_t *j = manifest_head(run);
	rec->json = j;
	rec->inputs = xcalloc(run->ninputs ? run->ninputs : 1, sizeof *rec->inputs);
	json_t *inputs = json_array();
	fp_status st = FP_OK;
	for (size_t i = 0; i < run->ninputs; i++) {
		const record_source *src = &run->inputs[i];
		record_input *in = &rec->inputs[rec->ninputs++];
		if (src->script) {
			in->rel = record_script_rel(src->path);
			in->role = xstrdup("scenario");
		} else {
			const char *rel = model_file_rel(run->m, src->path);
			size_t len = strlen(rel) + 16;
			in->rel = xmalloc(len);
			snprintf(in->rel, len, "inputs/budgets/%s", rel);
			in->role = xstrdup("model");
		}
		/* Every input that changed is reported; any other failure ends the copying. */
		bool gone = false;
		fp_status one = copy_in(od, src, in->rel, in->hash, &gone, d);
		st = status_worse(st, one);
		if (one != FP_OK && !gone)
			break;
		json_array_append_new(inputs, json_pack("{s:s, s:s, s:s}", "path", in->rel, "role",
							in->role, "sha256", in->hash));
	}
	json_object_set_new(j, "inputs", inputs);
	return st;
}

void record_hash_json(void *manifest_json, char hex[HASH_HEX])
{
	/* Everything that determines the outputs; nothing about the machine, the command
	 * line or the build. */
	json_t *core = json_deep_copy((json_t *)manifest_json);
	json_object_del(core, "command");
	json_object_del(core, "machine");
	json_object_del(core, "libraries");
	json_object_del(core, "outputs");
	json_object_del(core, "run_hash");
	json_object_del(json_object_get(core, "tool"), "commit");
	json_object_del(json_object_get(core, "model"), "folder");
	json_object_del(json_object_get(core, "model"), "git");
	char *text = json_dumps(core, JSON_SORT_KEYS | JSON_COMPACT);
	hash_ctx *h = hash_new();
	hash_update(h, text, strlen(text));
	hash_final(h, hex);
	free(text);
	json_decref(core);
}

void record_scenarios(run_record *rec, const record_scenario *s, size_t n)
{
	json_t *j = rec->json;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const scenario_spec *sp = s[i].spec;
		json_t *levers = json_array();
		for (size_t k = 0; k < sp->nlevers; k++) {
			const lever *l = &sp->levers[k];
			json_t *lj = json_pack("{s:s, s:s, s:i}", "kind", lever_kind_word(l->kind),
					       "script", s[i].script_rel, "line", l->line);
			if (l->kind == LEVER_MEASURE)
				json_object_set_new(lj, "measure",
						    json_string(sp->added[l->measure].id));
			json_array_append_new(levers, lj);
		}
		json_t *sj = json_pack("{s:s, s:s, s:o}", "name", sp->name, "script",
				       s[i].script_rel, "levers", levers);
		json_object_set_new(sj, "description",
				    sp->description ? json_string(sp->description) : json_null());
		if (sp->nadopted) { /* only then: a record without candidates stays as it was */
			json_t *ids = json_array();
			for (size_t k = 0; k < sp->nadopted; k++)
				json_array_append_new(
					ids, json_string(s[i].m->candidates[sp->adopted[k].candidate].id));
			json_object_set_new(sj, "adopted", ids);
		}
		json_array_append_new(arr, sj);
	}
	json_object_set_new(j, "scenarios", arr);
	record_hash_json(j, rec->run_hash);
	json_object_set_new(j, "run_hash", json_string(rec->run_hash));
}

/* The outputs: every regular file under the run folder being written but inputs/ and the
 * manifest, sorted by bytes (recdir_list_all), so the manifest is the same everywhere.
 * false when the folder cannot be listed whole. */
static bool list_outputs(const outdir *od, recdir_list *l)
{
	int fd = recdir_open(od->tmp);
	if (fd < 0) {
		memset(l, 0, sizeof *l);
		return false;
	}
	bool ok = recdir_list_all(fd, l) == 0;
	close(fd);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		recdir_entry e = l->e[i];
		ok &= e.err == 0 && !e.too_deep;
		if (e.kind != WALK_FILE || strncmp(e.rel, "inputs/", 7) == 0 ||
		    strcmp(e.rel, RECORD_MANIFEST) == 0)
			free(e.rel);
		else
			l->e[k++] = e;
	}
	l->n = k;
	return ok;
}

/* manifest.json, no larger than verify reads: a record it would refuse is not written. */
static fp_status write_manifest(run_record *rec, outdir *od, diag *d)
{
	char *text = json_dumps(rec->json, JSON_SORT_KEYS | JSON_INDENT(2));
	size_t len = text ? strlen(text) + 1 : 0; /* and its newline */
	if (!text || len > RECORD_MANIFEST_MAX) {
		char *shown = xmalloc(strlen(od->target) + sizeof RECORD_MANIFEST + 1);
		sprintf(shown, "%s/%s", od->target, RECORD_MANIFEST);
		fp_status bad = text ? FP_EDATA : FP_ESOFTWARE;
		if (text)
			diag_error(d, shown, 0, 0, "the run record's manifest would be %zu bytes, more "
						   "than the %u (%s) that verify reads (too many levers, "
						   "inputs or outputs)",
				   len, RECORD_MANIFEST_MAX, RECORD_MANIFEST_MAX_WORDS);
		else
			diag_report(d, DIAG_ERROR, bad, shown, 0, 0,
				    "cannot make the run record's manifest");
		free(shown);
		free(text);
		return bad;
	}
	FILE *f = outdir_open(od, RECORD_MANIFEST, d);
	if (!f) {
		free(text);
		return FP_ECANTCREAT;
	}
	fputs(text, f);
	fputc('\n', f);
	free(text);
	return outdir_close(f, RECORD_MANIFEST, d);
}

fp_status record_finish(run_record *rec, outdir *od, diag *d)
{
	recdir_list l;
	if (!list_outputs(od, &l)) {
		recdir_list_release(&l);
		diag_report(d, DIAG_ERROR, FP_EIO, od->target, 0, 0, "cannot list the outputs");
		return FP_EIO;
	}
	json_t *outs = json_array();
	fp_status st = FP_OK;
	for (size_t i = 0; i < l.n; i++) {
		char hex[HASH_HEX];
		size_t len = strlen(od->tmp) + strlen(l.e[i].rel) + 2;
		char *full = xmalloc(len);
		snprintf(full, len, "%s/%s", od->tmp, l.e[i].rel);
		if (hash_file(full, hex) != FP_OK) {
			diag_report(d, DIAG_ERROR, FP_EIO, l.e[i].rel, 0, 0, "cannot hash");
			st = FP_EIO;
		}
		json_array_append_new(outs, json_pack("{s:s, s:s}", "path", l.e[i].rel, "sha256",
						      hex));
		free(full);
	}
	recdir_list_release(&l);
	json_object_set_new(rec->json, "outputs", outs);
	return status_worse(st, write_manifest(rec, od, d));
}

void record_release(run_record *rec)
{
	json_decref(rec->json);
	for (size_t i = 0; i < rec->ninputs; i++) {
		free(rec->inputs[i].rel);
		free(rec->inputs[i].role);
	}
	free(rec->inputs);
	memset(rec, 0, sizeof *rec);
}
