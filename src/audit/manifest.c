/* manifest: see manifest.h. */
#include "manifest.h"
#include "record.h"
#include "../io/outdir.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include "recdir.h"
#include "runopts.h"
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *manifest_join(const char *run_dir, const char *rel)
{
	size_t n = strlen(run_dir) + strlen(rel) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", run_dir, rel);
	return p;
}

int manifest_scenario_index(const manifest *mf, const char *name)
{
	for (size_t i = 0; i < mf->nscenarios; i++)
		if (strcmp(mf->scenarios[i].name, name) == 0)
			return (int)i;
	return -1;
}

char *manifest_scenario_names(const manifest *mf, const manifest *also_in)
{
	size_t cap = 1;
	for (size_t i = 0; i < mf->nscenarios; i++)
		cap += TEXT_QUOTE_SIZE + 2;
	char *names = xmalloc(cap);
	names[0] = '\0';
	for (size_t i = 0; i < mf->nscenarios; i++) {
		const char *name = mf->scenarios[i].name;
		if (also_in && manifest_scenario_index(also_in, name) < 0)
			continue;
		if (names[0])
			strcat(names, ", ");
		strcat(names, text_quotez(name));
	}
	return names;
}

/* run_dir/rel as messages show it: as the user named the folder, with whatever a forged
 * record or its file names hold escaped (text_escape), so nothing reaches the terminal
 * raw. malloc'ed. */
static char *shown_path(const char *run_dir, const char *rel)
{
	char *p = manifest_join(run_dir, rel);
	char *e = text_escape(p, strlen(p), 0);
	free(p);
	return e;
}

/* A path inside the record: relative, no "..", no empty parts, and a name as a run gives
 * it (text_check_name: no control character, which messages would show). */
static bool safe_rel(const char *p)
{
	if (!*p || *p == '/' || !text_check_name(p, strlen(p), NULL))
		return false;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 2 && s[0] == '.' && s[1] == '.') || (n == 1 && s[0] == '.'))
			return false;
		s += n + (e ? 1 : 0);
	}
	return true;
}

static bool get_str(json_t *o, const char *key, char **out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return false;
	*out = xstrdup(json_string_value(v));
	return true;
}

/* s is a SHA-256 as fitplan writes it: 64 lower-case hexadecimal digits. */
static bool is_hash(const char *s)
{
	return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static bool get_hash(json_t *o, char out[HASH_HEX])
{
	json_t *v = json_object_get(o, "sha256");
	const char *s = json_string_value(v);
	if (!is_hash(s))
		return false;
	memcpy(out, s, HASH_HEX);
	return true;
}

static bool read_files(json_t *arr, bool inputs, manifest_file **out, size_t *n)
{
	if (!json_is_array(arr))
		return false;
	size_t count = json_array_size(arr);
	*out = xcalloc(count ? count : 1, sizeof **out);
	for (size_t i = 0; i < count; i++) {
		json_t *f = json_array_get(arr, i);
		manifest_file *mfile = &(*out)[i];
		*n = i + 1;
		if (!json_is_object(f) || !get_str(f, "path", &mfile->path) ||
		    !safe_rel(mfile->path) || !get_hash(f, mfile->sha256) ||
		    (inputs && !get_str(f, "role", &mfile->role)))
			return false;
		if (inputs && strncmp(mfile->path, "inputs/", 7) != 0)
			return false;
	}
	return true;
}

/* A JSON value as its text for a message, cut after 60 bytes (into buf). In ASCII: a
 * control character or any other is written as \uXXXX, so none reaches the terminal. */
static const char *json_text(json_t *v, char buf[80])
{
	char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII);
	if (!t)
		return "?";
	if (strlen(t) > 60)
		snprintf(buf, 80, "%.60s...", t);
	else
		snprintf(buf, 80, "%s", t);
	free(t);
	return buf;
}

/* A whole-number option in its command-line range (runopts.h); a missing one is an error
 * unless it has a default (*out keeps it). */
static bool read_number(json_t *opts, runopt_id id, uint64_t *out, const char *path, diag *d)
{
	const runopt *r = runopt_of(id);
	json_t *v = json_object_get(opts, r->key);
	char text[80], hint[96];
	if (!v) {
		if (r->required)
			diag_error(d, path, 0, 0, "malformed manifest: no option '%s'", r->key);
		return !r->required;
	}
	if (!json_is_integer(v)) {
		diag_error(d, path, 0, 0, "malformed manifest: option '%s' is %s, not a whole number",
			   r->key, json_text(v, text));
		return false;
	}
	json_int_t x = json_integer_value(v);
	if (x < 0 || !runopt_in_range(id, (uint64_t)x)) {
		diag_error(d, path, 0, 0, "malformed manifest: option '%s' is %s, outside its range %s",
			   r->key, json_text(v, text), runopt_hint(id, hint, sizeof hint));
		return false;
	}
	*out = (uint64_t)x;
	return true;
}

/* A word option (lang): one of the option's words. */
static bool read_word(json_t *opts, runopt_id id, uint64_t *out, const char *path, diag *d)
{
	const runopt *r = runopt_of(id);
	json_t *v = json_object_get(opts, r->key);
	char text[80], hint[96];
	int w = json_is_string(v) ? runopt_word_index(id, json_string_value(v),
						      json_string_length(v))
				  : -1;
	if (w < 0) {
		diag_error(d, path, 0, 0, "malformed manifest: option '%s' is %s, not %s", r->key,
			   v ? json_text(v, text) : "missing", runopt_hint(id, hint, sizeof hint));
		return false;
	}
	*out = (uint64_t)w;
	return true;
}

/* A switch (workbooks): true or false. */
static bool read_switch(json_t *opts, runopt_id id, uint64_t *out, const char *path, diag *d)
{
	const char *key = runopt_of(id)->key;
	json_t *v = json_object_get(opts, key);
	char text[80];
	*out = json_is_true(v);
	if (json_is_boolean(v))
		return true;
	diag_error(d, path, 0, 0, "malformed manifest: option '%s' is %s, not true or false", key,
		   v ? json_text(v, text) : "missing");
	return false;
}

static bool read_solve(runopts *o, json_t *e, size_t i, const char *path, diag *d)
{
	json_t *lv = json_object_get(e, "lever"), *goal = json_object_get(e, "goal");
	json_t *p = json_object_get(e, "probability");
	char text[80];
	solve_spec s = {0};
	if (!json_is_object(e) || json_object_size(e) != 3 || !json_is_string(lv) ||
	    !json_is_string(goal) || !json_is_number(p)) {
		diag_error(d, path, 0, 0, "malformed manifest: option 'solve' #%zu is %s, not "
					  "{lever, goal, probability}",
			   i + 1, json_text(e, text));
		return false;
	}
	if (!runopt_solve_lever(json_string_value(lv), json_string_length(lv), &s.lever)) {
		diag_error(d, path, 0, 0, "malformed manifest: option 'solve' #%zu has lever %s, not "
					  "amount or procurement_cut",
			   i + 1, json_text(lv, text));
		return false;
	}
	if (!runopt_solve_goal(json_string_value(goal), json_string_length(goal), &s.goal)) {
		diag_error(d, path, 0, 0, "malformed manifest: option 'solve' #%zu has goal %s, not "
					  "target or result",
			   i + 1, json_text(goal, text));
		return false;
	}
	s.probability = json_number_value(p);
	if (!runopt_solve_probability_ok(s.goal, s.probability)) {
		diag_error(d, path, 0, 0, "malformed manifest: option 'solve' #%zu has probability "
					  "%s, not %s",
			   i + 1, json_text(p, text),
			   s.goal == GOAL_TARGET ? "between 0 and 1" : "0.5 (a median result)");
		return false;
	}
	o->solves[o->nsolves++] = s;
	return true;
}

/* The period of a hand-out run: absent, or a period as --period takes it. */
static bool read_period(runopts *o, json_t *opts, const char *path, diag *d)
{
	const char *key = runopt_of(RUNOPT_PERIOD)->key;
	json_t *v = json_object_get(opts, key);
	char text[80];
	o->period[0] = '\0';
	if (!v)
		return true;
	if (!json_is_string(v) || !runopt_period_ok(json_string_value(v))) {
		diag_error(d, path, 0, 0,
			   "malformed manifest: option '%s' is %s, not a period (2023, 2023-Q1 or "
			   "2023-06)",
			   key, json_text(v, text));
		return false;
	}
	snprintf(o->period, sizeof o->period, "%s", json_string_value(v));
	return true;
}

/* The goal seeks: a list of at most RUNOPT_MAX_SOLVES, which needs iterations (when those
 * read well: iterations_ok). */
static bool read_solves(runopts *o, json_t *opts, bool iterations_ok, const char *path,
			diag *d)
{
	const char *key = runopt_of(RUNOPT_SOLVE)->key;
	json_t *sv = json_object_get(opts, key);
	size_t ns = json_array_size(sv);
	char text[80];
	bool ok = true;
	if (sv && !json_is_array(sv)) {
		diag_error(d, path, 0, 0, "malformed manifest: option '%s' is %s, not a list", key,
			   json_text(sv, text));
		return false;
	}
	if (ns > RUNOPT_MAX_SOLVES) {
		diag_error(d, path, 0, 0, "malformed manifest: option '%s' has %zu requests, at most "
					  "%d",
			   key, ns, RUNOPT_MAX_SOLVES);
		return false;
	}
	for (size_t i = 0; i < ns; i++)
		ok = read_solve(o, json_array_get(sv, i), i, path, d) && ok;
	if (ns && o->iterations == 0 && iterations_ok) {
		diag_error(d, path, 0, 0, "malformed manifest: option '%s' needs option '%s' above 0",
			   key, runopt_of(RUNOPT_ITERATIONS)->key);
		ok = false;
	}
	return ok;
}

/* The options of the run, each checked as the command line checks it (runopts.h), in the
 * table's order: a forged manifest with its run hash recomputed can carry nothing that
 * `run` would refuse. Every bad option is reported. The machine's (threads) are not read:
 * a re-run uses the processors it has. */
static bool read_options(runopts *o, json_t *opts, const char *path, diag *d)
{
	bool ok = true;
	const char *key;
	json_t *v;
	json_object_foreach(opts, key, v)
	{
		bool is_known = false;
		for (int i = 0; i < RUNOPT_COUNT && !is_known; i++)
			is_known = !runopt_of((runopt_id)i)->machine &&
				   strcmp(key, runopt_of((runopt_id)i)->key) == 0;
		if (!is_known) {
			diag_error(d, path, 0, 0, "malformed manifest: unknown option %s",
				   text_quotez(key));
			ok = false;
		}
	}
	bool iterations_ok = true;
	for (int i = 0; i < RUNOPT_COUNT; i++) {
		runopt_id id = (runopt_id)i;
		const runopt *r = runopt_of(id);
		uint64_t x = 0;
		bool good = true;
		if (r->machine)
			continue;
		if (r->type == RUNOPT_NUMBER)
			good = read_number(opts, id, &x, path, d);
		else if (r->type == RUNOPT_WORD)
			good = read_word(opts, id, &x, path, d);
		else if (r->type == RUNOPT_SWITCH)
			good = read_switch(opts, id, &x, path, d);
		else if (r->type == RUNOPT_A_PERIOD)
			good = read_period(o, opts, path, d);
		else
			good = read_solves(o, opts, iterations_ok, path, d);
		if (r->type != RUNOPT_SOLVES && r->type != RUNOPT_A_PERIOD && (good || r->type == RUNOPT_SWITCH))
			runopt_set_number(o, id, x);
		if (id == RUNOPT_ITERATIONS)
			iterations_ok = good;
		ok = good && ok;
	}
	return ok;
}

/* Load RUN/manifest.json from the record open as root: a regular file, opened without
 * following a link or blocking on a FIFO. NULL when it was reported. */
static json_t *load_manifest(int root, const char *run_dir, const char *path, diag *d)
{
	int fd;
	walk_kind kind;
	fp_status st = recdir_open_file(root, RECORD_MANIFEST, &fd, &kind);
	if (st == FP_ENOINPUT) {
		diag_error(d, path, 0, 0, "missing: %s is not a run record", run_dir);
		return NULL;
	}
	if (st == FP_EDATA) {
		diag_error(d, path, 0, 0, "changed: %s where a run record has its manifest",
			   walk_kind_words(kind));
		return NULL;
	}
	/* Read whole, but never more than RECORD_MANIFEST_MAX: what jansson makes of it is
	 * held in memory, several tens of times its size. */
	struct stat sb;
	if (st != FP_OK || fstat(fd, &sb) != 0) {
		diag_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (sb.st_size > (off_t)RECORD_MANIFEST_MAX) {
		diag_error(d, path, 0, 0, "malformed manifest: %lld bytes, more than the %u (%s) a "
					  "run record's manifest may hold",
			   (long long)sb.st_size, RECORD_MANIFEST_MAX, RECORD_MANIFEST_MAX_WORDS);
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)sb.st_size + 1, len = 0;
	char *text = xmalloc(cap);
	ssize_t n = 0;
	while (len <= RECORD_MANIFEST_MAX) {
		if (len == cap) { /* it grew since fstat */
			cap = cap * 2 < RECORD_MANIFEST_MAX + 1 ? cap * 2 : RECORD_MANIFEST_MAX + 1;
			text = xrealloc(text, cap);
		}
		if ((n = read(fd, text + len, cap - len)) == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	int rerr = errno;
	close(fd);
	if (n < 0 || len > RECORD_MANIFEST_MAX) {
		/* It grew past the limit since fstat: as if it had been that long. */
		if (n < 0)
			diag_error(d, path, 0, 0, "cannot read: %s", strerror(rerr));
		else
			diag_error(d, path, 0, 0, "malformed manifest: more than the %u bytes (%s) a "
						  "run record's manifest may hold",
				   RECORD_MANIFEST_MAX, RECORD_MANIFEST_MAX_WORDS);
		free(text);
		return NULL;
	}
	json_error_t err;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	free(text);
	if (!j) {
		/* jansson's text quotes the token it stopped at as it is: escape it. */
		char *why = text_escape(err.text, strlen(err.text), 0);
		diag_error(d, path, err.line > 0 ? err.line : 0, err.column > 0 ? err.column : 0,
			   "malformed manifest: %s", why);
		free(why);
	}
	return j;
}

fp_status manifest_read(manifest *mf, const char *run_dir, diag *d)
{
	memset(mf, 0, sizeof *mf);
	/* The record is read through this descriptor from here on, so that a link such as
	 * reports/latest is followed once and every check sees the same folder. */
	mf->root_fd = recdir_open(run_dir);
	if (mf->root_fd < 0 && errno != ENOTDIR) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, run_dir, 0, 0, "cannot open: %s",
			    errno == ENOENT ? "no such folder" : strerror(errno));
		return FP_ENOINPUT;
	}
	char *path = shown_path(run_dir, RECORD_MANIFEST);
	json_t *j = NULL;
	if (mf->root_fd < 0)
		diag_error(d, path, 0, 0, "missing: %s is not a run record", run_dir);
	else
		j = load_manifest(mf->root_fd, run_dir, path, d);
	fp_status st = FP_OK;
	if (!j) {
		free(path);
		return FP_EDATA;
	}
	json_t *tool = json_object_get(j, "tool"), *opts = json_object_get(j, "options");
	json_t *mj = json_object_get(j, "model"), *libs = json_object_get(j, "libraries");
	json_t *scen = json_object_get(j, "scenarios");
	const char *format = json_string_value(json_object_get(j, "format"));
	bool ok = format && strcmp(format, RECORD_FORMAT) == 0 && json_is_object(tool) &&
		  get_str(tool, "version", &mf->tool_version) &&
		  get_str(tool, "commit", &mf->tool_commit) && json_is_object(opts) &&
		  json_is_object(mj) && get_str(mj, "name", &mf->model_name) &&
		  get_str(j, "run_hash", &mf->run_hash) && is_hash(mf->run_hash) &&
		  json_is_object(libs) &&
		  read_files(json_object_get(j, "inputs"), true, &mf->inputs, &mf->ninputs) &&
		  read_files(json_object_get(j, "outputs"), false, &mf->outputs, &mf->noutputs) &&
		  json_is_array(scen);
	bool opts_ok = true;
	if (ok) {
		/* Not required: only what runs shows (a record without it still verifies). */
		get_str(j, "document_time", &mf->document_time);
		opts_ok = read_options(&mf->opts, opts, path, d);
		const char *key;
		json_t *v;
		mf->lib_names = xcalloc(json_object_size(libs) + 1, sizeof *mf->lib_names);
		mf->lib_versions = xcalloc(json_object_size(libs) + 1, sizeof *mf->lib_versions);
		json_object_foreach(libs, key, v)
		{
			if (!json_is_string(v)) {
				ok = false;
				break;
			}
			mf->lib_names[mf->nlibs] = xstrdup(key);
			mf->lib_versions[mf->nlibs++] = xstrdup(json_string_value(v));
		}
		size_t n = json_array_size(scen);
		mf->scenarios = xcalloc(n ? n : 1, sizeof *mf->scenarios);
		for (size_t i = 0; i < n && ok; i++) {
			json_t *s = json_array_get(scen, i);
			manifest_scenario *ms = &mf->scenarios[i];
			mf->nscenarios = i + 1;
			ok = json_is_object(s) && get_str(s, "name", &ms->name) &&
			     get_str(s, "script", &ms->script) && safe_rel(ms->script) &&
			     strncmp(ms->script, "inputs/scenarios/", 17) == 0;
		}
	}
	if (!ok) {
		diag_error(d, path, 0, 0, "malformed manifest: not a %s record with its fields",
			   RECORD_FORMAT);
		st = FP_EDATA;
	} else {
		if (!opts_ok)
			st = FP_EDATA;
		/* The run hash covers the options, inputs, scenarios and document time: an edit
		 * to any of them in the manifest shows here. */
		char hex[HASH_HEX];
		record_hash_json(j, hex);
		if (strcmp(hex, mf->run_hash) != 0)
			diag_error(d, path, 0, 0, "changed: the run hash of its contents is %.12s..., "
						  "it says %.12s...",
				   hex, mf->run_hash);
		else
			mf->run_hash_ok = true;
	}
	json_decref(j);
	free(path);
	return st;
}

static void free_files(manifest_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].path);
		free(f[i].role);
	}
	free(f);
}

void manifest_release(manifest *mf)
{
	free(mf->tool_version);
	free(mf->tool_commit);
	for (size_t i = 0; i < mf->nlibs; i++) {
		free(mf->lib_names[i]);
		free(mf->lib_versions[i]);
	}
	free(mf->lib_names);
	free(mf->lib_versions);
	free(mf->model_name);
	free(mf->document_time);
	free(mf->run_hash);
	free_files(mf->inputs, mf->ninputs);
	free_files(mf->outputs, mf->noutputs);
	for (size_t i = 0; i < mf->nscenarios; i++) {
		free(mf->scenarios[i].name);
		free(mf->scenarios[i].script);
	}
	free(mf->scenarios);
	if (mf->root_fd > 0) /* 0: a zeroed manifest that manifest_read never opened */
		close(mf->root_fd);
	memset(mf, 0, sizeof *mf);
	mf->root_fd = -1;
}

static bool listed(const manifest_file *f, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].path, rel) == 0)
			return true;
	return false;
}

/* path is dir or lies below it. */
static bool is_below(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* dir is a folder on the way to a file the manifest lists. */
static bool holds_listed(const manifest *mf, const char *dir)
{
	size_t n = strlen(dir);
	for (size_t i = 0; i < mf->ninputs + mf->noutputs; i++) {
		const char *p = i < mf->ninputs ? mf->inputs[i].path : mf->outputs[i - mf->ninputs].path;
		if (strncmp(p, dir, n) == 0 && p[n] == '/')
			return true;
	}
	return false;
}

/* A part of the way to rel is in the record but is not a folder (a link, a file...). */
static bool ancestor_not_folder(const recdir_list *l, const char *rel)
{
	char *p = xstrdup(rel);
	bool found = false;
	for (char *s = strchr(p, '/'); s && !found; s = strchr(s + 1, '/')) {
		*s = '\0';
		const recdir_entry *e = recdir_find(l, p);
		found = e && e->kind != WALK_FOLDER;
		*s = '/';
	}
	free(p);
	return found;
}

/* Read the listed file f of the record (shown as the user named it), hashing it and, when
 * copy is not NULL, writing the bytes read to copy; report what is wrong. */
static fp_status read_listed(const manifest *mf, const char *run_dir, const recdir_list *l,
			     const manifest_file *f, const char *what, FILE *copy, diag *d)
{
	char *shown = shown_path(run_dir, f->path);
	int fd;
	walk_kind kind;
	fp_status st = recdir_open_file(mf->root_fd, f->path, &fd, &kind);
	if (st == FP_ENOINPUT) {
		st = FP_EDATA;
		/* Below a link or a file where a folder should be: that is reported, not this. */
		if (!l || !ancestor_not_folder(l, f->path))
			diag_error(d, shown, 0, 0, "missing: the manifest lists this %s", what);
	} else if (st == FP_EDATA) {
		diag_error(d, shown, 0, 0, "changed: %s where the manifest lists this %s",
			   walk_kind_words(kind), what);
	} else if (st != FP_OK) {
		st = FP_EDATA;
		diag_error(d, shown, 0, 0, "cannot read this %s: %s", what, strerror(errno));
	} else {
		hash_ctx *h = hash_new();
		char buf[1 << 16], hex[HASH_HEX];
		ssize_t n;
		int werr = 0;
		while ((n = read(fd, buf, sizeof buf)) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				break;
			hash_update(h, buf, (size_t)n);
			if (copy && !werr && fwrite(buf, 1, (size_t)n, copy) != (size_t)n)
				werr = errno;
		}
		int err = errno;
		hash_final(h, hex);
		close(fd);
		if (n < 0) {
			st = FP_EDATA;
			diag_error(d, shown, 0, 0, "cannot read this %s: %s", what, strerror(err));
		} else if (strcmp(hex, f->sha256) != 0) {
			st = FP_EDATA;
			diag_error(d, shown, 0, 0,
				   "changed: its SHA-256 is %.12s..., the manifest says %.12s...", hex,
				   f->sha256);
		} else if (werr) {
			st = FP_EIO;
			diag_report(d, DIAG_ERROR, FP_EIO, shown, 0, 0, "cannot copy: %s",
				    strerror(werr));
		}
	}
	free(shown);
	return st;
}
/* What the record holds that the manifest does not list: every file, and anything that is
 * neither a file nor a folder. Folders are what the listed files need, plus, outside
 * inputs/, any the run made (an empty departments/); under inputs/ an empty folder is an
 * addition (the re-run of a model version would see it). */
static bool check_unlisted(const manifest *mf, const char *run_dir, const recdir_list *l,
			   diag *d)
{
	bool ok = true;
	for (size_t i = 0; i < l->n; i++) {
		const recdir_entry *e = &l->e[i];
		if (strcmp(e->rel, RECORD_MANIFEST) == 0 ||
		    listed(mf->inputs, mf->ninputs, e->rel) ||
		    listed(mf->outputs, mf->noutputs, e->rel))
			continue;
		bool needed = holds_listed(mf, e->rel);
		bool empty = i + 1 == l->n || !is_below(l->e[i + 1].rel, e->rel);
		const char *problem = NULL;
		char buf[160];
		if (e->err) {
			snprintf(buf, sizeof buf, "cannot read this %s: %s",
				 e->kind == WALK_FOLDER ? "folder" : "entry", strerror(e->err));
			problem = buf;
		} else if (needed && e->kind != WALK_FOLDER) {
			snprintf(buf, sizeof buf, "changed: %s where the manifest lists files in a folder",
				 walk_kind_words(e->kind));
			problem = buf;
		} else if (e->kind == WALK_FOLDER && e->too_deep) {
			snprintf(buf, sizeof buf, "added: folders nested deeper than %d levels",
				 RECDIR_MAX_DEPTH);
			problem = buf;
		} else if (e->kind == WALK_FOLDER) {
			if (!needed && empty && is_below(e->rel, "inputs"))
				problem = "added: a folder the manifest lists no input in";
		} else if (e->kind == WALK_FILE) {
			problem = "added: the manifest does not list this file";
		} else {
			snprintf(buf, sizeof buf, "added: %s (a run record holds only files and folders)",
				 walk_kind_words(e->kind));
			problem = buf;
		}
		if (problem) {
			char *shown = shown_path(run_dir, e->rel); /* as the user named it */
			diag_error(d, shown, 0, 0, "%s", problem);
			free(shown);
			ok = false;
		}
	}
	return ok;
}

fp_status manifest_check(const manifest *mf, const char *run_dir, diag *d)
{
	bool ok = mf->run_hash_ok; /* reported by manifest_read */
	if (mf->root_fd < 0)
		return FP_EDATA;
	recdir_list l;
	int err = recdir_list_all(mf->root_fd, &l);
	if (err) {
		diag_error(d, run_dir, 0, 0, "cannot read the run record: %s", strerror(err));
		ok = false;
	}
	for (size_t i = 0; i < mf->ninputs; i++)
		ok = read_listed(mf, run_dir, &l, &mf->inputs[i], "input", NULL, d) == FP_OK && ok;
	for (size_t i = 0; i < mf->noutputs; i++)
		ok = read_listed(mf, run_dir, &l, &mf->outputs[i], "output", NULL, d) == FP_OK && ok;
	ok = check_unlisted(mf, run_dir, &l, d) && ok;
	recdir_list_release(&l);
	for (size_t i = 0; i < mf->nscenarios; i++) {
		if (!listed(mf->inputs, mf->ninputs, mf->scenarios[i].script)) {
			char *shown = shown_path(run_dir, mf->scenarios[i].script);
			diag_error(d, shown, 0, 0,
				   "the manifest names this script but does not list it as an input");
			free(shown);
			ok = false;
		}
	}
	return ok ? FP_OK : FP_EDATA;
}

/* Copy the listed file f (an input or an output, what says which) to "to", hashing the
 * bytes copied against the manifest. */
static fp_status copy_listed(const manifest *mf, const char *run_dir, const manifest_file *f,
			     const char *what, char *to, diag *d)
{
	char *slash = strrchr(to, '/');
	int rc = 0;
	if (slash && slash != to) {
		*slash = '\0';
		rc = mkdir_parents(to);
		*slash = '/';
	}
	FILE *out = rc == 0 ? fopen(to, "wbx") : NULL;
	if (!out) {
		int err = errno;
		char *shown = text_escape(to, strlen(to), 0);
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, shown, 0, 0, "cannot create: %s",
			    strerror(err));
		free(shown);
		return FP_ECANTCREAT;
	}
	fp_status st = read_listed(mf, run_dir, NULL, f, what, out, d);
	if (fclose(out) != 0 && st == FP_OK) {
		int err = errno;
		char *shown = text_escape(to, strlen(to), 0);
		diag_report(d, DIAG_ERROR, FP_EIO, shown, 0, 0, "write error: %s", strerror(err));
		free(shown);
		st = FP_EIO;
	}
	return st;
}

fp_status manifest_copy_inputs(const manifest *mf, const char *run_dir, const char *dest,
			       diag *d)
{
	fp_status st = FP_OK;
	for (size_t i = 0; i < mf->ninputs && st == FP_OK; i++) {
		char *to = manifest_join(dest, mf->inputs[i].path);
		st = copy_listed(mf, run_dir, &mf->inputs[i], "input", to, d);
		free(to);
	}
	return st;
}

const manifest_file *manifest_output(const manifest *mf, const char *rel)
{
	for (size_t i = 0; i < mf->noutputs; i++)
		if (strcmp(mf->outputs[i].path, rel) == 0)
			return &mf->outputs[i];
	return NULL;
}

fp_status manifest_copy_output(const manifest *mf, const char *run_dir,
			       const manifest_file *f, const char *to, diag *d)
{
	char *path = xstrdup(to);
	fp_status st = copy_listed(mf, run_dir, f, "output", path, d);
	free(path);
	return st;
}
