/* manifest: see manifest.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "manifest.h"
#include "record.h"
#include "../io/outdir.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <ftw.h>
#include <stdlib.h>
#include <jansson.h>
#include <string.h>

char *manifest_join(const char *run_dir, const char *rel)
{
	size_t n = strlen(run_dir) + strlen(rel) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", run_dir, rel);
	return p;
}

/* A path inside the record: relative, no "..", no empty parts. */
static bool safe_rel(const char *p)
{
	if (!*p || *p == '/')
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

static bool get_u64(json_t *o, const char *key, uint64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return false;
	*out = (uint64_t)json_integer_value(v);
	return true;
}

static bool get_hash(json_t *o, char out[HASH_HEX])
{
	json_t *v = json_object_get(o, "sha256");
	const char *s = json_string_value(v);
	if (!s || strlen(s) != 64 || strspn(s, "0123456789abcdef") != 64)
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

fp_status manifest_read(manifest *mf, const char *run_dir, diag *d)
{
	memset(mf, 0, sizeof *mf);
	if (!path_exists(run_dir)) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, run_dir, 0, 0, "cannot open: no such folder");
		return FP_ENOINPUT;
	}
	char *path = manifest_join(run_dir, RECORD_MANIFEST);
	json_error_t err;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	fp_status st = FP_OK;
	if (!j) {
		if (!path_exists(path))
			diag_error(d, path, 0, 0, "missing: %s is not a run record", run_dir);
		else
			diag_error(d, path, err.line > 0 ? err.line : 0, err.column > 0 ? err.column : 0,
				   "malformed manifest: %s", err.text);
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
		  get_u64(opts, "seed", &mf->seed) &&
		  get_u64(opts, "max_instructions", &mf->max_instructions) &&
		  get_u64(opts, "max_memory_mb", &mf->max_memory_mb) &&
		  get_str(opts, "lang", &mf->lang) && json_is_boolean(json_object_get(opts, "workbooks")) &&
		  json_is_object(mj) && get_str(mj, "name", &mf->model_name) &&
		  get_str(j, "run_hash", &mf->run_hash) && json_is_object(libs) &&
		  read_files(json_object_get(j, "inputs"), true, &mf->inputs, &mf->ninputs) &&
		  read_files(json_object_get(j, "outputs"), false, &mf->outputs, &mf->noutputs) &&
		  json_is_array(scen);
	if (ok) {
		mf->workbooks = json_is_true(json_object_get(opts, "workbooks"));
		if (json_object_get(opts, "iterations"))
			ok = get_u64(opts, "iterations", &mf->iterations);
		json_t *sv = json_object_get(opts, "solve");
		size_t ns = json_is_array(sv) ? json_array_size(sv) : 0;
		mf->solves = xcalloc(ns ? ns : 1, sizeof *mf->solves);
		for (size_t i = 0; i < ns && ok; i++) {
			json_t *e = json_array_get(sv, i);
			const char *lv = json_string_value(json_object_get(e, "lever"));
			const char *goal = json_string_value(json_object_get(e, "goal"));
			json_t *p = json_object_get(e, "probability");
			ok = lv && goal && json_is_number(p);
			if (!ok)
				break;
			mf->solves[mf->nsolves++] = (solve_spec){
				strcmp(lv, "amount") == 0 ? SOLVE_AMOUNT : SOLVE_PROCUREMENT_CUT,
				strcmp(goal, "target") == 0 ? GOAL_TARGET : GOAL_RESULT,
				json_number_value(p), 0};
		}
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
	free(mf->lang);
	free(mf->solves);
	free(mf->run_hash);
	free_files(mf->inputs, mf->ninputs);
	free_files(mf->outputs, mf->noutputs);
	for (size_t i = 0; i < mf->nscenarios; i++) {
		free(mf->scenarios[i].name);
		free(mf->scenarios[i].script);
	}
	free(mf->scenarios);
	memset(mf, 0, sizeof *mf);
}

static bool check_file(const char *run_dir, const manifest_file *f, const char *what, diag *d)
{
	char *p = manifest_join(run_dir, f->path);
	char hex[HASH_HEX];
	bool ok = true;
	if (!path_exists(p)) {
		diag_error(d, p, 0, 0, "missing: the manifest lists this %s", what);
		ok = false;
	} else if (hash_file(p, hex) != FP_OK) {
		diag_error(d, p, 0, 0, "cannot read this %s", what);
		ok = false;
	} else if (strcmp(hex, f->sha256) != 0) {
		diag_error(d, p, 0, 0, "changed: its SHA-256 is %.12s..., the manifest says %.12s...",
			   hex, f->sha256);
		ok = false;
	}
	free(p);
	return ok;
}

/* Files of the record that the manifest does not list (inputs or outputs). */
static const manifest *walk_mf;
static size_t walk_root;
static diag *walk_d;
static bool walk_ok;
static const char *walk_run_dir;

static bool listed(const manifest_file *f, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].path, rel) == 0)
			return true;
	return false;
}

static int walk_record(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag != FTW_F && flag != FTW_SL)
		return 0;
	const char *rel = path + walk_root;
	while (*rel == '/')
		rel++;
	if (strcmp(rel, RECORD_MANIFEST) == 0 || listed(walk_mf->inputs, walk_mf->ninputs, rel) ||
	    listed(walk_mf->outputs, walk_mf->noutputs, rel))
		return 0;
	char *shown = manifest_join(walk_run_dir, rel); /* as the user named the record */
	diag_error(walk_d, shown, 0, 0, "added: the manifest does not list this file");
	free(shown);
	walk_ok = false;
	return 0;
}

fp_status manifest_check(const manifest *mf, const char *run_dir, diag *d)
{
	bool ok = mf->run_hash_ok; /* reported by manifest_read */
	for (size_t i = 0; i < mf->ninputs; i++)
		ok = check_file(run_dir, &mf->inputs[i], "input", d) && ok;
	for (size_t i = 0; i < mf->noutputs; i++)
		ok = check_file(run_dir, &mf->outputs[i], "output", d) && ok;
	walk_mf = mf;
	walk_d = d;
	walk_ok = true;
	walk_run_dir = run_dir;
	/* The walk starts in the folder itself even when DIR is a link (reports/latest). */
	char *root = realpath(run_dir, NULL);
	if (root) {
		walk_root = strlen(root);
		nftw(root, walk_record, 16, FTW_PHYS);
		free(root);
	}
	ok = ok && walk_ok;
	for (size_t i = 0; i < mf->nscenarios; i++) {
		bool listed = false;
		for (size_t k = 0; k < mf->ninputs && !listed; k++)
			listed = strcmp(mf->inputs[k].path, mf->scenarios[i].script) == 0;
		if (!listed) {
			diag_error(d, mf->scenarios[i].script, 0, 0,
				   "the manifest names this script but does not list it as an input");
			ok = false;
		}
	}
	return ok ? FP_OK : FP_EDATA;
}
