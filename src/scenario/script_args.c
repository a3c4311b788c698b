/* script_args: the argument helpers of the scripting API (script_int.h): the fields of
 * the tables a script passes, checked and converted, every error at the script line; and
 * the memory the API keeps in C for the script, charged to the memory cap. */
#include "script_int.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What the scripting API keeps in C for the script, outside the Lua state: the strings it
 * copied and the arrays it filled in the model's arena since the script started, and the
 * scenario's levers, added measures and uncertainty rules. */
static uint64_t api_bytes(const sandbox *sb)
{
	const scenario_spec *s = sb->spec;
	const uncertainty_spec *u = &s->uncertainty;
	return (uint64_t)(sb->env->m->a->used_bytes - sb->arena_start) + sb->lever_bytes +
	       s->levers_cap * sizeof *s->levers + s->added_cap * sizeof *s->added +
	       sb->added_ix.cap * sizeof(strmap_slot) + u->nunits * sizeof *u->units +
	       u->nmeasures * sizeof *u->measures + u->ndrivers * sizeof *u->drivers +
	       u->nsolves * sizeof *u->solves;
}

/* The memory cap covers that too: checked as every API call starts (one call keeps at
 * most about a quarter of the cap more: a list it copies is in the state as a table
 * first) and when the script ends. Past the cap the script stops as in the allocator. */
bool script_api_memory_ok(sandbox *sb)
{
	return sb->mem_used + api_bytes(sb) <= sb->env->limits.max_memory_bytes;
}

void script_api_memory_check(lua_State *L)
{
	sandbox *sb = sandbox_of(L);
	if (script_api_memory_ok(sb))
		return;
	if (!sb->mem_hit)
		sb->mem_line = sandbox_current_line(L);
	sb->mem_hit = true;
	luaL_error(L, "not enough memory");
}

/* Check that the table at idx has only the given keys; the first unknown key in sorted
 * order is reported, so the message does not depend on the hash order. Every API call
 * that takes a table starts here: the memory the API keeps is checked here too. */
void script_check_fields(lua_State *L, int idx, const char *fn, const char *const *allowed)
{
	script_api_memory_check(L);
	luaL_checktype(L, idx, LUA_TTABLE);
	const char *worst = NULL;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING) {
			luaL_error(L, "%s{}: unexpected positional value (use name=value fields)",
				   fn);
		}
		const char *k = lua_tostring(L, -1);
		bool ok = false;
		for (size_t i = 0; allowed[i] && !ok; i++)
			ok = strcmp(k, allowed[i]) == 0;
		if (!ok && (!worst || strcmp(k, worst) < 0))
			worst = k; /* keys are anchored in the table while we look */
	}
	if (worst)
		script_unknown_word(L, allowed, worst, "%s{}: unknown field '%s'", fn, worst);
}

/* Push t[name]; returns its type. */
int script_field(lua_State *L, int idx, const char *name)
{
	return lua_getfield(L, idx, name);
}

_Noreturn void script_field_type_error(lua_State *L, const char *fn, const char *name,
				       const char *expected)
{
	luaL_error(L, "%s{}: field '%s' must be %s, not %s", fn, name, expected,
		   luaL_typename(L, -1));
	abort(); /* not reached: luaL_error does not return */
}

/* The string at idx, handed to fitplan in field name of fn{}: text by the rule of the input
 * files (text_check: UTF-8, no NUL to cut it short, no character XML cannot hold, at most
 * what one workbook cell holds), or an error at the script line. */
const char *script_text_arg(lua_State *L, int idx, const char *fn, const char *name)
{
	size_t len;
	const char *s = lua_tolstring(L, idx, &len);
	text_problem tp;
	char why[80];
	if (text_check(s, len, TEXT_CELL_MAX, &tp))
		return s;
	if (tp.fault == TEXT_TOO_LONG)
		luaL_error(L, "%s{}: field '%s' of %I characters (as Excel counts them), the "
			      "limit is %I", fn, name,
			   (lua_Integer)tp.units, (lua_Integer)tp.max);
	luaL_error(L, "%s{}: %s of field '%s': %s", fn, text_problem_str(&tp, why, sizeof why),
		   name, text_quote(s, len));
	return NULL; /* not reached: luaL_error does not return */
}

const char *script_opt_string(lua_State *L, int idx, const char *fn, const char *name,
			      const char *dflt)
{
	int t = script_field(L, idx, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return dflt;
	}
	if (t != LUA_TSTRING)
		script_field_type_error(L, fn, name, "a string");
	const char *s = script_text_arg(L, -1, fn, name);
	char *copy = arena_strdup(sandbox_of(L)->env->m->a, s);
	lua_pop(L, 1);
	return copy;
}

const char *script_req_string(lua_State *L, int idx, const char *fn, const char *name)
{
	const char *s = script_opt_string(L, idx, fn, name, NULL);
	if (!s)
		luaL_error(L, "%s{}: field '%s' is required", fn, name);
	return s;
}

bool script_opt_number(lua_State *L, int idx, const char *fn, const char *name, double *out)
{
	int t = script_field(L, idx, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	if (t != LUA_TNUMBER)
		script_field_type_error(L, fn, name, "a number");
	*out = lua_tonumber(L, -1);
	lua_pop(L, 1);
	if (!isfinite(*out))
		luaL_error(L, "%s{}: field '%s' must be a finite number", fn, name);
	return true;
}

bool script_opt_integer(lua_State *L, int idx, const char *fn, const char *name,
			lua_Integer *out)
{
	int t = script_field(L, idx, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	int isint = 0;
	*out = lua_tointegerx(L, -1, &isint);
	if (t != LUA_TNUMBER || !isint)
		script_field_type_error(L, fn, name, "a whole number");
	lua_pop(L, 1);
	return true;
}

void script_each_sorted(lua_State *L, int t, script_each_fn fn, void *ctx)
{
	t = lua_absindex(L, t);
	lua_Integer n = sandbox_push_sorted_keys(L, t);
	int keys = lua_gettop(L);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, keys, i);
		lua_pushvalue(L, -1);
		lua_gettable(L, t);
		fn(L, ctx);
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
}

/* A year given by a script as a plan year index, or -1: never cast an out-of-range
 * integer (2^32 + 2022 is not 2022). */
int script_year_index(const model *m, lua_Integer year)
{
	if (year < 1900 || year > 2200)
		return -1;
	return model_year_index(m, (int32_t)year);
}

int32_t script_unit_arg(lua_State *L, const char *code, const char *fn, const char *name)
{
	int32_t u = model_unit(sandbox_of(L)->env->m, code);
	if (u < 0)
		script_unknown(L, NAMES_UNIT, code, "%s{}: unknown unit %s in '%s'", fn,
			       text_quotez(code), name);
	return u;
}

int script_status_arg(lua_State *L, int idx, const char *fn, int dflt)
{
	const char *s = script_opt_string(L, idx, fn, "status", NULL);
	if (!s)
		return dflt;
	int v = measure_status_parse(s, strlen(s));
	if (v < 0)
		script_unknown(L, NAMES_STATUS, s,
			       "%s{}: unknown status %s (idea, planned, decided or realised)", fn,
			   text_quotez(s));
	return v;
}

int script_pillar_arg(lua_State *L, int idx, const char *fn, int dflt)
{
	lua_Integer p = dflt;
	script_opt_integer(L, idx, fn, "pillar", &p);
	if (p < 1 || p > 3)
		luaL_error(L, "%s{}: pillar %I must be 1, 2 or 3", fn, p);
	return (int)p;
}

script_measure_filter script_filter_arg(lua_State *L, int idx, const char *fn)
{
	static const char *const ok[] = {"unit", "status", "nature", "pillar", "category", NULL};
	const model *m = sandbox_of(L)->env->m;
	script_measure_filter f = {-1, -1, -1, -1, 0};
	script_check_fields(L, idx, fn, ok);
	const char *s = script_opt_string(L, idx, fn, "unit", NULL);
	if (s)
		f.unit = script_unit_arg(L, s, fn, "unit");
	f.status = script_status_arg(L, idx, fn, -1);
	if ((s = script_opt_string(L, idx, fn, "nature", NULL)) &&
	    (f.nature = measure_nature_parse(s, strlen(s))) < 0)
		script_unknown(L, NAMES_NATURE, s, "%s{}: unknown nature %s", fn, text_quotez(s));
	/* Checked before it is narrowed: 2^32 + 1 is not pillar 1. */
	if (script_opt_integer(L, idx, fn, "pillar", &f.pillar) && (f.pillar < 1 || f.pillar > 3))
		luaL_error(L, "%s{}: pillar %I must be 1, 2 or 3", fn, f.pillar);
	if ((s = script_opt_string(L, idx, fn, "category", NULL)) &&
	    (f.category = model_category(m, s)) < 0)
		script_unknown(L, NAMES_CATEGORY, s, "%s{}: unknown category %s", fn,
			       text_quotez(s));
	return f;
}
