/* script_explain: the notes after a script's error. An API function that rejects a name
 * raises its error with the nearest valid names kept in the sandbox (script_unknown); a raw
 * Lua message a controller cannot read (attempt to call or index a nil value, arithmetic
 * on nil, a syntax error) gets one sentence of explanation, and a suggestion where the name
 * is in the message. The Lua text itself is reported unchanged before these notes. */
#include "script_int.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Dutch words a controller may try for a function of the scripting API: suggested as
 * the English function (docs/scenarios.md lists them). Only words that name the same
 * lever; anything else is left to the edit distance. */
static const char *const dutch_functions[][2] = {
	{"vacaturestop", "hiring_freeze"}, {"personeelsstop", "hiring_freeze"},
	{"inkoopkorting", "procurement_cut"}, {"inkoopbesparing", "procurement_cut"},
	{"indexatie", "index"},           {"maatregel", "measure"},
	{"taakstelling", "target"},       {"doelstelling", "target"},
	{"bijstellen", "adjust"},         {"onzekerheid", "uncertainty"},
	{"oplossen", "solve"},
};

/* Keep note (lines separated by '\n') for the error msg about to be raised, and with
 * what (names_what + 1; 0 for none) the name query to suggest for when it is reported. */
static void keep_note(sandbox *sb, const char *msg, const char *note, int what,
		      const char *query)
{
	sb->note_msg[0] = sb->note[0] = '\0';
	sb->note_what = 0;
	bool later = what && strlen(query) < sizeof sb->note_query;
	if ((!note[0] && !later) || strlen(msg) >= sizeof sb->note_msg)
		return;
	snprintf(sb->note_msg, sizeof sb->note_msg, "%s", msg);
	snprintf(sb->note, sizeof sb->note, "%s", note);
	if (later) {
		sb->note_what = what;
		snprintf(sb->note_query, sizeof sb->note_query, "%s", query);
	}
}

/* Raise the message at the top of the stack at the calling script line, with note and
 * (keep_note) the name to suggest for. */
static _Noreturn void raise_noted_name(lua_State *L, const char *note, int what,
				       const char *query)
{
	keep_note(sandbox_of(L), lua_tostring(L, -1), note, what, query);
	luaL_where(L, 1);
	lua_insert(L, -2);
	lua_concat(L, 2);
	lua_error(L);
	for (;;) /* lua_error does not return */
		;
}

static _Noreturn void raise_noted(lua_State *L, const char *note)
{
	raise_noted_name(L, note, 0, "");
}

_Noreturn void script_unknown(lua_State *L, names_what what, const char *query,
			      const char *fmt, ...)
{
	/* The did-you-mean is searched for when the error is reported (script_explain), not
	 * here: under pcall, a loop of lookups would search the model on every call. */
	const char *why = names_why(what, query, strlen(query));
	va_list ap;
	va_start(ap, fmt);
	lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	raise_noted_name(L, why ? why : "", (int)what + 1, query);
}

_Noreturn void script_unknown_word(lua_State *L, const char *const *allowed, const char *query,
				   const char *fmt, ...)
{
	suggest s;
	char note[256];
	suggest_init(&s, query, strlen(query));
	for (size_t i = 0; allowed[i]; i++)
		suggest_offer(&s, allowed[i], NULL);
	suggest_text(&s, note, sizeof note);
	va_list ap;
	va_start(ap, fmt);
	lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	raise_noted(L, note);
}

void script_missing(lua_State *L, const char *fn, names_what what, const char *code)
{
	sandbox *sb = sandbox_of(L);
	snprintf(sb->missing_fn, sizeof sb->missing_fn, "%s", fn);
	snprintf(sb->missing, sizeof sb->missing, "%s", code);
	sb->missing_what = (int)what;
	sb->missing_line = strlen(code) < sizeof sb->missing ? sandbox_current_line(L) : 0;
}

/* The name in "... (global 'x')" or "(field 'x')" of a Lua message, into buf. */
static bool lua_name(const char *text, const char *kind, char *buf, size_t cap)
{
	char pat[16];
	snprintf(pat, sizeof pat, "(%s '", kind);
	const char *p = strstr(text, pat);
	if (!p)
		return false;
	p += strlen(pat);
	const char *q = strchr(p, '\'');
	if (!q || (size_t)(q - p) >= cap)
		return false;
	memcpy(buf, p, (size_t)(q - p));
	buf[q - p] = '\0';
	return true;
}

/* The names a misspelt global (field: a field of a global table, as model.unti) may have
 * meant: the globals (the fields of the global tables), and the Dutch words for them. */
static void offer_globals(lua_State *L, suggest *s, bool field)
{
	lua_pushglobaltable(L);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) == LUA_TSTRING) {
			if (!field) {
				suggest_offer(s, lua_tostring(L, -2), NULL);
			} else if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pushnil(L);
				while (lua_next(L, -2)) {
					if (lua_type(L, -2) == LUA_TSTRING)
						suggest_offer(s, lua_tostring(L, -2), NULL);
					lua_pop(L, 1);
				}
			}
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	for (size_t i = 0; !field && i < sizeof dutch_functions / sizeof *dutch_functions; i++)
		suggest_offer(s, dutch_functions[i][0], dutch_functions[i][1]);
}

/* Report why the global or field a raw Lua message names is nil: left out by the sandbox,
 * or misspelt (the nearest names), if it names one. */
static void suggest_lua_name(lua_State *L, diag *d, const char *path, long line,
			     const char *text)
{
	char name[SUGGEST_LEN_MAX + 1];
	bool field = false;
	if (!lua_name(text, "global", name, sizeof name)) {
		if (!lua_name(text, "field", name, sizeof name) &&
		    !lua_name(text, "method", name, sizeof name))
			return;
		field = true;
	}
	if (field ? strcmp(name, "dump") == 0 : sandbox_left_out(name)) {
		diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
			    "'%s' is standard Lua that scenario scripts do not have: the sandbox "
			    "leaves out what reaches outside the script or loads code "
			    "(docs/scenarios.md, Sandbox and determinism)",
			    name);
		return;
	}
	suggest s;
	suggest_init(&s, name, strlen(name));
	offer_globals(L, &s, field);
	suggest_note(&s, d, path, line, 0);
}

/* The nil a missing lookup returned: what was looked up, and the nearest names. */
static void explain_missing(const sandbox *sb, diag *d, const char *path, long line)
{
	diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
		    "%s(%s) at line %d returned nil, as there is no %s %s; a nil has no fields "
		    "to index",
		    sb->missing_fn, text_quotez(sb->missing), sb->missing_line,
		    names_word((names_what)sb->missing_what), text_quotez(sb->missing));
	names_note(d, sb->env->m, (names_what)sb->missing_what, sb->missing,
		   strlen(sb->missing), path, line, 0);
}

void script_explain(lua_State *L, diag *d, const char *path, long line, const char *text,
		    bool syntax)
{
	sandbox *sb = sandbox_of(L);
	if (sb->note_msg[0] && strcmp(text, sb->note_msg) == 0) {
		if (sb->note_what) {
			suggest s;
			names_suggest(&s, sb->env->m, (names_what)(sb->note_what - 1), sb->note_query,
				      strlen(sb->note_query));
			suggest_note(&s, d, path, line, 0);
		}
		for (const char *p = sb->note; *p;) {
			size_t n = strcspn(p, "\n");
			diag_report(d, DIAG_NOTE, FP_OK, path, line, 0, "%.*s", (int)n, p);
			p += n + (p[n] == '\n');
		}
		return;
	}
	if (syntax && strstr(text, "binary chunk")) {
		diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
			    "the file is compiled Lua (bytecode); a scenario must be Lua source text");
	} else if (syntax) {
		diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
			    "this is a syntax error: Lua could not read the script at this point, so "
			    "none of it ran; the cause is usually just before it: a missing or extra "
			    "'end', 'then' or 'do', an unclosed bracket or quote, or a keyword where "
			    "a value belongs");
	} else if (strstr(text, "attempt to call a nil value")) {
		diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
			    "the script calls a function that does not exist (docs/scenarios.md "
			    "lists those a scenario has)");
		suggest_lua_name(L, d, path, line, text);
	} else if (strstr(text, "attempt to index a nil value")) {
		if (sb->missing_line > 0) {
			explain_missing(sb, d, path, line);
			return;
		}
		diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
			    "the script reads a field of something that is nil: a variable never "
			    "set, a misspelt name, or a lookup that found nothing");
		suggest_lua_name(L, d, path, line, text);
	} else if (strstr(text, "attempt to perform arithmetic on a nil value")) {
		diag_report(d, DIAG_NOTE, FP_OK, path, line, 0,
			    "the script computes with a value that is nil: a variable never set, a "
			    "misspelt field, or a model value that does not exist (a target of a "
			    "unit without one, a year outside the plan)");
	}
}
