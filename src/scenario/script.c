/* script: see script.h. One fresh lua_State per script: read the script, open the
 * libraries (sandbox_lib.c, then the scripting API's tables in script_*.c), run it under
 * the sandbox's limits and report its error at its line. The sandbox pointer sits in the
 * state's extra space so the API functions find the model. */
#include "script_int.h"
#include "../core/xalloc.h"
#include "../io/hash.h"
#include "../io/infile.h"
#include "../io/text.h"
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <string.h>

/* ---- the state ---- */

/* The libraries a script sees, in this order: the sandboxed standard ones, then the
 * scripting API's globals and the model table (one file and one luaL_Reg each). */
static void open_sandbox(lua_State *L, uint64_t seed)
{
	sandbox_open(L, seed);
	script_open_levers(L);
	script_open_optimise(L);
	script_open_uncertainty(L);
	script_open_model(L);
}

static int open_protected(lua_State *L)
{
	open_sandbox(L, sandbox_of(L)->env->seed);
	return 0;
}

/* Message handler: keep the message (with its "LABEL:LINE:" prefix) as a string. */
static int msgh(lua_State *L)
{
	int line = sandbox_current_line(L);
	const char *label = sandbox_of(L)->path;
	if (lua_type(L, 1) == LUA_TSTRING) {
		/* error("text", 0) has no position: give it the line that raised it. */
		size_t ll = strlen(label);
		const char *msg = lua_tostring(L, 1);
		if (strncmp(msg, label, ll) != 0 || msg[ll] != ':')
			lua_pushfstring(L, "%s:%d: %s", label, line, msg);
		return 1;
	}
	if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
		lua_pushfstring(L, "%s:%d: %s", label, line, lua_tostring(L, -1));
	else
		lua_pushfstring(L, "%s:%d: error object is a %s value", label, line,
				luaL_typename(L, 1));
	return 1;
}

/* Report msg, which reads "LABEL:LINE: text" or just "text", as path:LINE. */
static void report(lua_State *L, diag *d, const char *path, const char *label,
		   const char *msg, int fallback_line, bool syntax)
{
	int line = fallback_line;
	const char *text = msg;
	size_t ll = strlen(label);
	if (strncmp(msg, label, ll) == 0 && msg[ll] == ':') {
		char *end;
		long l = strtol(msg + ll + 1, &end, 10);
		if (end != msg + ll + 1 && *end == ':') {
			line = (int)l;
			text = end + 1;
			while (*text == ' ')
				text++;
		}
	}
	/* The text is the script's: shown escaped (no control byte or invalid UTF-8 reaches the
	 * terminal) and cut after SCRIPT_MESSAGE_MAX bytes, as values are cut after 60. */
	size_t len = strlen(text);
	char *shown = text_escape(text, len, SCRIPT_MESSAGE_MAX);
	if (len > SCRIPT_MESSAGE_MAX)
		diag_error(d, path, line > 0 ? line : 0, 0, "%s (cut: the message has %zu bytes)",
			   shown, len);
	else
		diag_error(d, path, line > 0 ? line : 0, 0, "%s", shown);
	free(shown);
	script_explain(L, d, path, line > 0 ? line : 0, text, syntax);
}

static char *read_script(const char *path, size_t *len, diag *d, fp_status *st)
{
	FILE *f = infile_open(path, d, st);
	if (!f)
		return NULL;
	char *buf = xmalloc(SCRIPT_MAX_BYTES + 1);
	*len = fread(buf, 1, SCRIPT_MAX_BYTES + 1, f);
	bool err = ferror(f);
	fclose(f);
	if (err || *len > SCRIPT_MAX_BYTES) {
		diag_report(d, DIAG_ERROR, err ? FP_EIO : FP_EDATA, path, 0, 0,
			    err ? "read error" : "script larger than %u MiB",
			    SCRIPT_MAX_BYTES >> 20);
		*st = err ? FP_EIO : FP_EDATA;
		free(buf);
		return NULL;
	}
	return buf;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

fp_status script_run(const script_env *env, const char *path, scenario_spec *spec, diag *d)
{
	fp_status st = FP_OK;
	size_t len = 0;
	char *buf = read_script(path, &len, d, &st);
	if (!buf)
		return st;
	if (env->sha256)
		hash_bytes(buf, len, env->sha256);
	const model *m = env->m;
	const char *bn = base_name(path);
	size_t bl = strlen(bn);
	if (bl > 4 && strcmp(bn + bl - 4, ".lua") == 0)
		bl -= 4;
	spec->name = arena_strndup(m->a, bn, bl);
	/* Outputs name a script by a label that does not depend on where it was run from:
	 * "scenarios/<file name>", as in the run record. Messages use the path as given. */
	spec->script = arena_printf(m->a, "scenarios/%s", bn);
	spec->path = arena_strdup(m->a, path);
	sandbox sb = {.env = env, .spec = spec, .path = spec->script,
		      .arena_start = m->a->used_bytes};
	strmap_init(&sb.added_ix);
	lua_State *L = lua_newstate(sandbox_alloc, &sb);
	if (!L) {
		strmap_release(&sb.added_ix);
		free(buf);
		diag_error(d, path, 0, 0, "cannot start Lua within the memory cap");
		return FP_EDATA;
	}
	sb.L = L;
	sb.report_path = path;
	*(sandbox **)lua_getextraspace(L) = &sb;
	/* Without the watchdog thread (no thread can be started) the instruction hook still
	 * checks the CPU time; only the hard stop of one long C call is lost, so the run goes
	 * on, as the other threads' work falls back to the calling thread. */
	if (!sandbox_watch_start(&sb))
		diag_report(d, DIAG_WARNING, FP_OK, path, 0, 0,
			    "cannot start the watchdog of the CPU-time limit (%s); a script stuck "
			    "in one library call is stopped only when the call returns",
			    strerror(errno));
	lua_pushcfunction(L, msgh);
	int h = lua_gettop(L);
	/* Opening the libraries may itself fail on a tiny memory cap: protect it too. */
	lua_pushcfunction(L, open_protected);
	int rc = lua_pcall(L, 0, 0, h);
	int fallback_line = 0;
	if (rc == LUA_OK) {
		/* Messages inside the script (error(), xpcall handlers) name it by its label. */
		const char *chunk = arena_printf(m->a, "=%s", spec->script);
		rc = luaL_loadbufferx(L, buf, len, chunk, "t");
		fallback_line = 1; /* a chunk that does not load fails at its start */
	}
	free(buf);
	if (rc == LUA_OK) {
		fallback_line = 0;
		lua_sethook(L, sandbox_count_hook, LUA_MASKCOUNT, HOOK_EVERY);
		rc = lua_pcall(L, 0, 0, h);
		if (rc == LUA_OK && !script_api_memory_ok(&sb)) { /* the last calls' share */
			sb.mem_hit = true;
			rc = LUA_ERRMEM;
		}
	}
	/* The script has ended (or was stopped): no hard stop may come after it, while the
	 * error is reported and the state closed (slow under valgrind: the stop printed the
	 * limit's message a second time). */
	sandbox_watch_stop(&sb);
	if (rc != LUA_OK) {
		if (sb.exhausted) /* a limit's message, whatever the handlers made of it */
			report(L, d, path, spec->script, sb.limit_msg, 0, false);
		else if (rc == LUA_ERRMEM || sb.mem_hit)
			diag_error(d, path, sb.mem_line, 0,
				   "memory cap of %llu MB exceeded (see --max-memory)",
				   (unsigned long long)(env->limits.max_memory_bytes >> 20));
		else
			report(L, d, path, spec->script,
			       lua_tostring(L, -1) ? lua_tostring(L, -1) : "error", fallback_line,
			       rc == LUA_ERRSYNTAX);
		st = FP_EDATA;
	}
	const char *bad = st == FP_OK ? scenario_name_check(spec->name) : NULL;
	if (bad) {
		/* The name from the file name becomes a folder of the run too. */
		diag_error(d, path, 0, 0, "the scenario name %s (the file name) %s; give "
					  "scenario{name=...}",
			   text_quotez(spec->name), bad);
		st = FP_EDATA;
	}
	lua_close(L);
	strmap_release(&sb.added_ix);
	return st;
}

bool script_name_ok(const char *path, diag *d)
{
	text_problem tp;
	char why[96];
	if (text_check_name(path, strlen(path), &tp))
		return true;
	diag_error(d, NULL, 0, 0, "%s of script name %s %s", text_problem_str(&tp, why, sizeof why),
		   text_quotez(path),
		   tp.fault == TEXT_BAD_UTF8 ? "(the run record names every input in UTF-8: rename it)"
					     : "(messages and the run record show names as they are: "
					       "rename it)");
	return false;
}

const char *script_lua_version(void)
{
	return LUA_RELEASE;
}
