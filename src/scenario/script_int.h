/* script_int: what the files of the scripting API share (script.c runs a script;
 * script_levers.c, script_uncertainty.c and script_model.c each open one set of globals,
 * as Lua's lmathlib.c and lstrlib.c do; script_args.c checks their arguments). Internal
 * to src/scenario/. Every function here raises a Lua error at the script line on bad input. */
#ifndef FP_SCRIPT_INT_H
#define FP_SCRIPT_INT_H
#include "sandbox.h"
#include "../model/names.h"
#include <lua.h>
#include <stdbool.h>
#include <stdint.h>

/* ---- the libraries (each adds its functions to the state's globals) ---- */

/* script_open_levers: scenario, hiring_freeze, procurement_cut, cao, index, measure,
 * adjust and target (script_levers.c). */
void script_open_levers(lua_State *L);

/* script_open_uncertainty: uncertainty and solve (script_uncertainty.c). */
void script_open_uncertainty(lua_State *L);

/* script_open_optimise: optimise (script_optimise.c). */
void script_open_optimise(lua_State *L);

/* script_open_model: the table `model`, read-only access to the model (script_model.c). */
void script_open_model(lua_State *L);

/* script_spread_arg: the field spread={...} of fn{} at stack index idx, if given, as a
 * driver of kind of the lever just added (the last of the scenario's levers). */
void script_spread_arg(lua_State *L, int idx, const char *fn, driver_kind kind);

/* ---- names and explanations of errors (script_explain.c) ---- */

/* script_unknown: raise the error fmt (luaL_error's formats) at the calling script line,
 * keeping as its notes the nearest names of what to query and names_why's
 * sentence, which script_explain reports after it. Does not return. */
_Noreturn void script_unknown(lua_State *L, names_what what, const char *query, const char *fmt, ...);

/* script_unknown_word: as script_unknown, the names offered being allowed (NULL-ended). */
_Noreturn void script_unknown_word(lua_State *L, const char *const *allowed, const char *query,
				   const char *fmt, ...);

/* script_missing: remember that fn (e.g. "model.unit") found no what of code and
 * returned nil, to explain an error of indexing nil after it. */
void script_missing(lua_State *L, const char *fn, names_what what, const char *code);

/* script_explain: report the notes after the error text (without its position) at
 * path:line: those kept by script_unknown when text is its error, else one sentence for a
 * raw Lua message (syntax: the script did not load) and the nearest names it names. */
void script_explain(lua_State *L, diag *d, const char *path, long line, const char *text,
		    bool syntax);

/* ---- the memory the API keeps (script_args.c) ---- */

/* script_api_memory_ok: whether the state's memory and what the API keeps in C for the
 * script (strings copied into the model's arena, levers, added measures, uncertainty
 * rules) are within the memory cap together. */
bool script_api_memory_ok(sandbox *sb);

/* script_api_memory_check: raise the memory cap's error (noting the line) unless
 * script_api_memory_ok. Called as every API call starts. */
void script_api_memory_check(lua_State *L);

/* ---- arguments (script_args.c); fn names the function in messages ("fn{}: ...") ---- */

/* script_check_fields: the value at idx is a table with only the keys in allowed
 * (NULL-terminated); the first unknown key in sorted order is reported. Checks the
 * memory the API keeps too (script_api_memory_check). */
void script_check_fields(lua_State *L, int idx, const char *fn, const char *const *allowed);

/* script_field: push t[name] of the table at idx; returns its type. */
int script_field(lua_State *L, int idx, const char *name);

/* script_field_type_error: field name of fn{}, at the top of the stack, is not of the
 * expected type (in words: "a string"). Does not return. */
_Noreturn void script_field_type_error(lua_State *L, const char *fn, const char *name,
				       const char *expected);

/* script_text_arg: the string at idx as text by the rule of the input files (UTF-8, no
 * NUL, no character XML cannot hold, at most one workbook cell); owned by the state. */
const char *script_text_arg(lua_State *L, int idx, const char *fn, const char *name);

/* script_opt_string: field name of the table at idx as text (script_text_arg), copied
 * into the model's arena, or dflt when absent. */
const char *script_opt_string(lua_State *L, int idx, const char *fn, const char *name,
			      const char *dflt);

/* script_req_string: as script_opt_string, but the field is required. */
const char *script_req_string(lua_State *L, int idx, const char *fn, const char *name);

/* script_opt_number: field name as a finite number into *out; false when absent. */
bool script_opt_number(lua_State *L, int idx, const char *fn, const char *name, double *out);

/* script_opt_integer: field name as a whole number into *out; false when absent. */
bool script_opt_integer(lua_State *L, int idx, const char *fn, const char *name,
			lua_Integer *out);

/* script_each_sorted: call fn for every key of the table at t in sorted key order (so that
 * the first error reported is the same on every run), with the key at -2 and its value at
 * -1; fn leaves the stack as it found it. */
typedef void (*script_each_fn)(lua_State *L, void *ctx);
void script_each_sorted(lua_State *L, int t, script_each_fn fn, void *ctx);

/* script_year_index: a year given by a script as a plan year index, or -1 (never cast: an
 * out-of-range integer such as 2^32 + 2022 is no plan year). */
int script_year_index(const model *m, lua_Integer year);

/* script_unit_arg: the unit of code, given in field name of fn{}. */
int32_t script_unit_arg(lua_State *L, const char *code, const char *fn, const char *name);

/* script_status_arg: field status= of the table at idx as a measure_status, or dflt. */
int script_status_arg(lua_State *L, int idx, const char *fn, int dflt);

/* script_pillar_arg: field pillar= (1, 2 or 3) of the table at idx, or dflt. */
int script_pillar_arg(lua_State *L, int idx, const char *fn, int dflt);

/* The filter of adjust{where={...}} and model.measures{...}; -1 (pillar 0): any. */
typedef struct script_measure_filter {
	int32_t unit, category;
	int status, nature;
	lua_Integer pillar;
} script_measure_filter;

/* script_filter_arg: the filter table at idx ({unit=, status=, nature=, pillar=,
 * category=}). */
script_measure_filter script_filter_arg(lua_State *L, int idx, const char *fn);

#endif
