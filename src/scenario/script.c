/* script: see script.h. One fresh lua_State per script; the sandbox pointer sits in the
 * state's extra space so the API functions find the model. Money crosses the boundary as
 * euros (integers when whole) and comes back through to_cents, which rounds to the cent;
 * every sum is done in C. */
#include "script.h"
#include "sandbox.h"
#include "../core/xalloc.h"
#include "../io/infile.h"
#include "../io/text.h"
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <math.h>
#include <string.h>

/* ---- argument helpers ---- */

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
static bool api_memory_ok(sandbox *sb)
{
	return sb->mem_used + api_bytes(sb) <= sb->env->limits.max_memory_bytes;
}

static void api_memory_check(lua_State *L)
{
	sandbox *sb = sb_of(L);
	if (api_memory_ok(sb))
		return;
	if (!sb->mem_hit)
		sb->mem_line = current_line(L);
	sb->mem_hit = true;
	luaL_error(L, "not enough memory");
}

/* Check that the table at idx has only the given keys; the first unknown key in sorted
 * order is reported, so the message does not depend on the hash order. Every API call
 * that takes a table starts here: the memory the API keeps is checked here too. */
static void check_fields(lua_State *L, int idx, const char *fn, const char *const *allowed)
{
	api_memory_check(L);
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
		luaL_error(L, "%s{}: unknown field '%s'", fn, worst);
}

/* Push t[name]; returns its type. */
static int field(lua_State *L, int idx, const char *name)
{
	return lua_getfield(L, idx, name);
}

static _Noreturn void field_type_error(lua_State *L, const char *fn, const char *name,
				       const char *expected)
{
	luaL_error(L, "%s{}: field '%s' must be %s, not %s", fn, name, expected,
		   luaL_typename(L, -1));
	abort(); /* not reached: luaL_error does not return */
}

/* The string at idx, handed to fitplan in field name of fn{}: text by the rule of the input
 * files (text_check: UTF-8, no NUL to cut it short, no character XML cannot hold, at most
 * what one workbook cell holds), or an error at the script line. */
static const char *text_arg(lua_State *L, int idx, const char *fn, const char *name)
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

static const char *opt_string(lua_State *L, int idx, const char *fn, const char *name,
			      const char *dflt)
{
	int t = field(L, idx, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return dflt;
	}
	if (t != LUA_TSTRING)
		field_type_error(L, fn, name, "a string");
	const char *s = text_arg(L, -1, fn, name);
	char *copy = arena_strdup(sb_of(L)->env->m->a, s);
	lua_pop(L, 1);
	return copy;
}

static const char *req_string(lua_State *L, int idx, const char *fn, const char *name)
{
	const char *s = opt_string(L, idx, fn, name, NULL);
	if (!s)
		luaL_error(L, "%s{}: field '%s' is required", fn, name);
	return s;
}

static bool opt_number(lua_State *L, int idx, const char *fn, const char *name, double *out)
{
	int t = field(L, idx, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	if (t != LUA_TNUMBER)
		field_type_error(L, fn, name, "a number");
	*out = lua_tonumber(L, -1);
	lua_pop(L, 1);
	if (!isfinite(*out))
		luaL_error(L, "%s{}: field '%s' must be a finite number", fn, name);
	return true;
}

static bool opt_integer(lua_State *L, int idx, const char *fn, const char *name,
			lua_Integer *out)
{
	int t = field(L, idx, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	int isint = 0;
	*out = lua_tointegerx(L, -1, &isint);
	if (t != LUA_TNUMBER || !isint)
		field_type_error(L, fn, name, "a whole number");
	lua_pop(L, 1);
	return true;
}

/* each_sorted: call fn for every key of the table at t in sorted key order (so that the
 * first error reported is the same on every run), with the key at -2 and its value at -1;
 * fn leaves the stack as it found it. */
typedef void (*each_fn)(lua_State *L, void *ctx);

static void each_sorted(lua_State *L, int t, each_fn fn, void *ctx)
{
	t = lua_absindex(L, t);
	lua_Integer n = push_sorted_keys(L, t);
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
static int year_index(const model *m, lua_Integer year)
{
	if (year < 1900 || year > 2200)
		return -1;
	return model_year_index(m, (int32_t)year);
}

/* A rate as parts per million, in (-1, 10]. */
static int64_t to_ppm(lua_State *L, double v, const char *fn, const char *name)
{
	if (!(v > -1.0 && v <= 10.0))
		luaL_error(L, "%s{}: %s %f is out of range (a fraction: 0.05 is 5%%)", fn, name, v);
	return (int64_t)llround(v * PPM);
}

/* Euros at stack index idx (integer, float or "1234.56") as cents. */
static int64_t to_cents(lua_State *L, int idx, const char *fn, const char *name)
{
	if (lua_isinteger(L, idx)) {
		lua_Integer e = lua_tointeger(L, idx);
		int64_t c;
		if (__builtin_mul_overflow((int64_t)e, 100, &c) || c == INT64_MIN)
			luaL_error(L, "%s{}: %s is too large", fn, name);
		return c;
	}
	if (lua_type(L, idx) == LUA_TNUMBER) {
		double v = lua_tonumber(L, idx) * 100.0;
		if (!isfinite(v) || fabs(v) > 9.0e18)
			luaL_error(L, "%s{}: %s is not a finite amount", fn, name);
		return (int64_t)llround(v);
	}
	if (lua_type(L, idx) == LUA_TSTRING) {
		size_t len;
		const char *s = lua_tolstring(L, idx, &len);
		int64_t c;
		money_err e = money_parse(s, len, MONEY_NOTATION_C, &c);
		if (e != MONEY_OK)
			luaL_error(L, "%s{}: bad amount %s for %s: %s", fn, text_quote(s, len), name,
				   money_err_str(e));
		return c;
	}
	luaL_error(L, "%s{}: %s must be an amount in euros, not %s", fn, name,
		   luaL_typename(L, idx));
	return 0;
}

static void push_euros(lua_State *L, int64_t cents)
{
	if (cents % 100 == 0)
		lua_pushinteger(L, cents / 100);
	else
		lua_pushnumber(L, (double)cents / 100.0);
}

static int32_t unit_arg(lua_State *L, const char *code, const char *fn, const char *name)
{
	int32_t u = model_unit(sb_of(L)->env->m, code);
	if (u < 0)
		luaL_error(L, "%s{}: unknown unit %s in '%s'", fn, text_quotez(code), name);
	return u;
}

/* A list of unit codes (a string or an array of strings) in field name; NULL when absent. */
static int32_t *unit_list(lua_State *L, int idx, const char *fn, const char *name, size_t *n)
{
	const model *m = sb_of(L)->env->m;
	int t = field(L, idx, name);
	*n = 0;
	int32_t *out = NULL;
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return NULL;
	}
	if (t == LUA_TSTRING) {
		out = arena_alloc(m->a, sizeof *out);
		out[(*n)++] = unit_arg(L, text_arg(L, -1, fn, name), fn, name);
	} else if (t == LUA_TTABLE) {
		lua_Integer len = luaL_len(L, -1);
		out = arena_alloc(m->a, (size_t)(len > 0 ? len : 1) * sizeof *out);
		for (lua_Integer i = 1; i <= len; i++) {
			if (lua_geti(L, -1, i) != LUA_TSTRING)
				luaL_error(L, "%s{}: '%s' must list unit codes", fn, name);
			out[(*n)++] = unit_arg(L, text_arg(L, -1, fn, name), fn, name);
			lua_pop(L, 1);
		}
	} else {
		field_type_error(L, fn, name, "a unit code or a list of unit codes");
	}
	lua_pop(L, 1);
	return out;
}

static unit_scope scope_arg(lua_State *L, int idx, const char *fn)
{
	const model *m = sb_of(L)->env->m;
	unit_scope s = {0};
	s.units = unit_list(L, idx, fn, "units", &s.nunits);
	if (!s.units) {
		s.units = arena_alloc(m->a, sizeof *s.units);
		s.units[0] = m->root;
		s.nunits = 1;
	}
	s.exempt = unit_list(L, idx, fn, "exempt", &s.nexempt);
	return s;
}

/* categories= (a code or list of codes) or kind= (a kind word); neither: dflt_kind, or
 * when dflt_kind < 0 the "default" set (all false, member NULL). */
static category_set cats_arg(lua_State *L, int idx, const char *fn, int dflt_kind)
{
	const model *m = sb_of(L)->env->m;
	category_set cs = {false, NULL};
	const char *kind = opt_string(L, idx, fn, "kind", NULL);
	int t = field(L, idx, "categories");
	if (t != LUA_TNIL && kind)
		luaL_error(L, "%s{}: give 'categories' or 'kind', not both", fn);
	int k = dflt_kind;
	if (kind) {
		k = category_kind_parse(kind, strlen(kind));
		if (k < 0)
			luaL_error(L, "%s{}: unknown kind %s (personnel, procurement, other_cost or "
				      "revenue)", fn, text_quotez(kind));
	}
	if (t == LUA_TNIL && k < 0) {
		lua_pop(L, 1);
		return cs;
	}
	cs.member = arena_zalloc(m->a, m->ncats ? m->ncats : 1, sizeof *cs.member);
	if (t == LUA_TNIL) {
		for (size_t c = 0; c < m->ncats; c++)
			cs.member[c] = m->cats[c].kind == (category_kind)k;
	} else {
		if (t == LUA_TSTRING) {
			lua_newtable(L);
			lua_insert(L, -2);
			lua_seti(L, -2, 1);
		} else if (t != LUA_TTABLE) {
			field_type_error(L, fn, "categories", "a category code or a list of codes");
		}
		lua_Integer len = luaL_len(L, -1);
		for (lua_Integer i = 1; i <= len; i++) {
			if (lua_geti(L, -1, i) != LUA_TSTRING)
				luaL_error(L, "%s{}: 'categories' must list category codes", fn);
			int32_t c = model_category(m, text_arg(L, -1, fn, "categories"));
			if (c < 0)
				luaL_error(L, "%s{}: unknown category %s", fn,
					   text_quotez(lua_tostring(L, -1)));
			cs.member[c] = true;
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	return cs;
}

struct rates_ctx {
	const model *m;
	const char *fn;
	int64_t *ppm;
};

static void rate_entry(lua_State *L, void *vctx)
{
	struct rates_ctx *c = vctx;
	int isint = 0;
	lua_Integer year = lua_tointegerx(L, -2, &isint);
	if (!isint || lua_type(L, -2) != LUA_TNUMBER)
		luaL_error(L, "%s{}: 'rates' keys must be years", c->fn);
	int yi = year_index(c->m, year);
	if (yi < 0)
		luaL_error(L, "%s{}: year %I in 'rates' is outside the plan years %d-%d", c->fn, year,
			   c->m->base_year + 1, c->m->horizon_year);
	if (lua_type(L, -1) != LUA_TNUMBER)
		luaL_error(L, "%s{}: the rate for %I must be a number", c->fn, year);
	c->ppm[yi] = to_ppm(L, lua_tonumber(L, -1), c->fn, "rate");
}

/* rates={[2022]=0.03, ...} into per plan year ppm; years outside the plan are errors. */
static void rates_arg(lua_State *L, int idx, const char *fn, int64_t *ppm)
{
	const model *m = sb_of(L)->env->m;
	memset(ppm, 0, sizeof(int64_t) * MODEL_MAX_YEARS);
	if (field(L, idx, "rates") != LUA_TTABLE)
		field_type_error(L, fn, "rates", "a table {[year]=rate, ...}");
	struct rates_ctx c = {m, fn, ppm};
	each_sorted(L, -1, rate_entry, &c);
	lua_pop(L, 1);
}

/* "2023-07" or 2023 as year * 12 + month - 1. */
static int32_t month_arg(lua_State *L, int idx, const char *fn, const char *name, bool *given)
{
	int t = field(L, idx, name);
	int32_t out = 0;
	*given = t != LUA_TNIL;
	if (t == LUA_TNUMBER && lua_isinteger(L, -1)) {
		lua_Integer y = lua_tointeger(L, -1);
		if (y < 1900 || y > 2200)
			luaL_error(L, "%s{}: '%s' must be a month like \"2023-07\" or a year", fn, name);
		out = (int32_t)y * 12;
	} else if (t == LUA_TSTRING) {
		int y, mo;
		char extra;
		if (sscanf(lua_tostring(L, -1), "%4d-%2d%c", &y, &mo, &extra) != 2 || mo < 1 ||
		    mo > 12 || y < 1900 || y > 2200)
			luaL_error(L, "%s{}: '%s' must be a month like \"2023-07\"", fn, name);
		out = y * 12 + mo - 1;
	} else if (t != LUA_TNIL) {
		field_type_error(L, fn, name, "a month like \"2023-07\" or a year");
	}
	lua_pop(L, 1);
	return out;
}

static int status_arg(lua_State *L, int idx, const char *fn, int dflt)
{
	const char *s = opt_string(L, idx, fn, "status", NULL);
	if (!s)
		return dflt;
	int v = measure_status_parse(s, strlen(s));
	if (v < 0)
		luaL_error(L, "%s{}: unknown status %s (idea, planned, decided or realised)", fn,
			   text_quotez(s));
	return v;
}

static int pillar_arg(lua_State *L, int idx, const char *fn, int dflt)
{
	lua_Integer p = dflt;
	opt_integer(L, idx, fn, "pillar", &p);
	if (p < 1 || p > 3)
		luaL_error(L, "%s{}: pillar %I must be 1, 2 or 3", fn, p);
	return (int)p;
}

/* A lever is applied after the script (scenario_apply), out of reach of its limits: what
 * applying it will cost is charged as the script asks for it, the work to the instruction
 * budget (the scan first, known without looking, then what the rows it reaches take) and
 * the measures it may make to the memory cap. */
static void lever_charge(lua_State *L, const lever *l)
{
	sandbox *sb = sb_of(L);
	const model *m = sb->env->m;
	sandbox_charge(L, scenario_lever_scan_steps(m, l));
	uint64_t steps, bytes;
	scenario_lever_cost(m, l, &steps, &bytes);
	sandbox_charge(L, steps);
	sb->lever_bytes += bytes;
	api_memory_check(L);
}

static lever *new_lever(lua_State *L, lever_kind kind)
{
	sandbox *sb = sb_of(L);
	lua_Debug ar;
	int line = 0;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		line = ar.currentline;
	return scenario_add_lever(sb->spec, kind, sb->path, line);
}

/* ---- levers ---- */

static void spread_arg(lua_State *L, int idx, const char *fn, driver_kind kind);

static int l_scenario(lua_State *L)
{
	static const char *const ok[] = {"name", "description", NULL};
	check_fields(L, 1, "scenario", ok);
	sandbox *sb = sb_of(L);
	const char *name = opt_string(L, 1, "scenario", "name", NULL);
	if (name) {
		/* The name becomes a folder of the run. */
		const char *bad = scenario_name_check(name);
		if (bad)
			luaL_error(L, "scenario{}: name %s %s", text_quotez(name), bad);
		sb->spec->name = name;
	}
	sb->spec->description = opt_string(L, 1, "scenario", "description",
					   sb->spec->description);
	return 0;
}

static int l_hiring_freeze(lua_State *L)
{
	static const char *const ok[] = {"units", "exempt", "from", "to", "attrition",
					 "categories", "kind", "status", "pillar", "spread", NULL};
	const char *fn = "hiring_freeze";
	check_fields(L, 1, fn, ok);
	const model *m = sb_of(L)->env->m;
	unit_scope scope = scope_arg(L, 1, fn);
	category_set cats = cats_arg(L, 1, fn, -1);
	bool given;
	int32_t from = month_arg(L, 1, fn, "from", &given);
	if (!given)
		luaL_error(L, "%s{}: field 'from' is required", fn);
	int32_t until = month_arg(L, 1, fn, "to", &given);
	if (!given)
		until = from + 11;
	if (from < (m->base_year + 1) * 12 || from > m->horizon_year * 12 + 11)
		luaL_error(L, "%s{}: 'from' is outside the plan years %d-%d", fn, m->base_year + 1,
			   m->horizon_year);
	if (until < from)
		luaL_error(L, "%s{}: 'to' is before 'from'", fn);
	double attrition = 0;
	if (!opt_number(L, 1, fn, "attrition", &attrition))
		luaL_error(L, "%s{}: field 'attrition' is required (e.g. 0.08 a year)", fn);
	if (attrition < 0 || attrition > 1)
		luaL_error(L, "%s{}: attrition %f must be a yearly fraction from 0 to 1", fn,
			   attrition);
	int status = status_arg(L, 1, fn, STATUS_PLANNED);
	int pillar = pillar_arg(L, 1, fn, 3);
	lever *l = new_lever(L, LEVER_HIRING_FREEZE);
	l->u.freeze.scope = scope;
	l->u.freeze.cats = cats;
	l->u.freeze.from_month = from;
	l->u.freeze.until_month = until;
	l->u.freeze.attrition_ppm = (int64_t)llround(attrition * PPM);
	l->u.freeze.status = (uint8_t)status;
	l->u.freeze.pillar = (uint8_t)pillar;
	lever_charge(L, l);
	spread_arg(L, 1, fn, DRIVER_ATTRITION);
	return 0;
}

static int l_procurement_cut(lua_State *L)
{
	static const char *const ok[] = {"units", "exempt", "categories", "kind", "rate", "from",
					 "phase_in", "status", "pillar", NULL};
	const char *fn = "procurement_cut";
	check_fields(L, 1, fn, ok);
	const model *m = sb_of(L)->env->m;
	unit_scope scope = scope_arg(L, 1, fn);
	category_set cats = cats_arg(L, 1, fn, KIND_PROCUREMENT);
	double rate;
	if (!opt_number(L, 1, fn, "rate", &rate))
		luaL_error(L, "%s{}: field 'rate' is required (e.g. 0.05)", fn);
	lua_Integer from = m->base_year + 1, phase = 1;
	opt_integer(L, 1, fn, "from", &from);
	if (year_index(m, from) < 0)
		luaL_error(L, "%s{}: 'from' %I is outside the plan years %d-%d", fn, from,
			   m->base_year + 1, m->horizon_year);
	opt_integer(L, 1, fn, "phase_in", &phase);
	if (phase < 1 || phase > MODEL_MAX_YEARS)
		luaL_error(L, "%s{}: 'phase_in' %I must be a number of years from 1 to %d", fn, phase,
			   MODEL_MAX_YEARS);
	int status = status_arg(L, 1, fn, STATUS_PLANNED);
	int pillar = pillar_arg(L, 1, fn, 3);
	lever *l = new_lever(L, LEVER_PROCUREMENT_CUT);
	l->u.cut.scope = scope;
	l->u.cut.cats = cats;
	l->u.cut.rate_ppm = to_ppm(L, rate, fn, "rate");
	l->u.cut.from_year = (int32_t)from;
	l->u.cut.phase_in_years = (int32_t)phase;
	l->u.cut.status = (uint8_t)status;
	l->u.cut.pillar = (uint8_t)pillar;
	lever_charge(L, l);
	return 0;
}

static int l_cao(lua_State *L)
{
	static const char *const ok[] = {"rates", "compensation", "spread", NULL};
	check_fields(L, 1, "cao", ok);
	double comp = 0;
	opt_number(L, 1, "cao", "compensation", &comp);
	if (comp < 0 || comp > 1)
		luaL_error(L, "cao{}: compensation must be a share from 0 to 1");
	int64_t rates[MODEL_MAX_YEARS];
	rates_arg(L, 1, "cao", rates);
	lever *l = new_lever(L, LEVER_CAO);
	memcpy(l->u.cao.rate_ppm, rates, sizeof rates);
	l->u.cao.compensation_ppm = (int64_t)llround(comp * PPM);
	spread_arg(L, 1, "cao", DRIVER_CAO);
	return 0;
}

static int l_index(lua_State *L)
{
	static const char *const ok[] = {"kind", "categories", "rates", "spread", NULL};
	check_fields(L, 1, "index", ok);
	category_set cats = cats_arg(L, 1, "index", -1);
	if (!cats.member)
		luaL_error(L, "index{}: give 'kind' or 'categories'");
	int64_t rates[MODEL_MAX_YEARS];
	rates_arg(L, 1, "index", rates);
	lever *l = new_lever(L, LEVER_INDEX);
	l->u.index.cats = cats;
	memcpy(l->u.index.rate_ppm, rates, sizeof rates);
	spread_arg(L, 1, "index", DRIVER_INDEX);
	return 0;
}

static void amount_entry(lua_State *L, void *vctx)
{
	measure *ms = vctx;
	const model *m = sb_of(L)->env->m;
	int isint = 0;
	lua_Integer year = lua_tointegerx(L, -2, &isint);
	int yi = isint && lua_type(L, -2) == LUA_TNUMBER ? year_index(m, year) : -1;
	if (yi < 0)
		luaL_error(L, "measure{}: amounts key %s is not a plan year %d-%d",
			   text_quotez(luaL_tolstring(L, -2, NULL)), m->base_year + 1, m->horizon_year);
	ms->amounts[yi] = to_cents(L, -1, "measure", "amounts");
}

static int l_measure(lua_State *L)
{
	static const char *const ok[] = {"id", "unit", "title", "pillar", "category", "nature",
					 "status", "fte", "amounts", NULL};
	const char *fn = "measure";
	check_fields(L, 1, fn, ok);
	sandbox *sb = sb_of(L);
	const model *m = sb->env->m;
	measure ms = {0};
	ms.id = req_string(L, 1, fn, "id");
	if (ms.id[0] == '-')
		luaL_error(L, "measure{}: invalid id %s: an id " MODEL_CODE_MINUS_WHY,
			   text_quotez(ms.id));
	if (!model_code_valid(ms.id, strlen(ms.id)))
		luaL_error(L, "measure{}: invalid id %s", text_quotez(ms.id));
	if (model_measure(m, ms.id) >= 0)
		luaL_error(L, "measure{}: id '%s' is already a measure of the model", ms.id);
	if (strmap_get(&sb->added_ix, ms.id, strlen(ms.id)) >= 0) /* not a scan: quadratic */
		luaL_error(L, "measure{}: id '%s' was added before", ms.id);
	ms.unit = unit_arg(L, req_string(L, 1, fn, "unit"), fn, "unit");
	ms.title = req_string(L, 1, fn, "title");
	const char *cat = req_string(L, 1, fn, "category");
	ms.category = model_category(m, cat);
	if (ms.category < 0)
		luaL_error(L, "measure{}: unknown category %s", text_quotez(cat));
	ms.pillar = (uint8_t)pillar_arg(L, 1, fn, 2);
	const char *nature = opt_string(L, 1, fn, "nature", "structural");
	int nat = measure_nature_parse(nature, strlen(nature));
	if (nat < 0)
		luaL_error(L, "measure{}: unknown nature %s (structural or incidental)",
			   text_quotez(nature));
	ms.nature = (uint8_t)nat;
	ms.status = (uint8_t)status_arg(L, 1, fn, STATUS_PLANNED);
	if (field(L, 1, "fte") != LUA_TNIL)
		ms.fte_centi = to_cents(L, -1, fn, "fte");
	lua_pop(L, 1);
	ms.amounts = arena_zalloc(m->a, (size_t)m->nyears, sizeof *ms.amounts);
	if (field(L, 1, "amounts") != LUA_TTABLE)
		field_type_error(L, fn, "amounts", "a table {[year]=euros, ...}");
	each_sorted(L, -1, amount_entry, &ms);
	lua_pop(L, 1);
	ms.file = -1;
	lever *l = new_lever(L, LEVER_MEASURE);
	ms.origin = arena_printf(m->a, "%s:%d", l->file, l->line);
	ms.pos = (src_pos){SRC_SCRIPT, (uint32_t)l->line};
	l->measure = (int32_t)sb->spec->nadded;
	VEC_GROW(sb->spec->added, sb->spec->nadded, sb->spec->added_cap);
	strmap_put(&sb->added_ix, ms.id, strlen(ms.id), (int32_t)sb->spec->nadded);
	sb->spec->added[sb->spec->nadded++] = ms;
	return 0;
}

/* The filter of adjust{where={...}} and model.measures{...}. */
typedef struct measure_filter {
	int32_t unit, category;
	int status, nature;
	lua_Integer pillar;
} measure_filter;

static measure_filter filter_arg(lua_State *L, int idx, const char *fn)
{
	static const char *const ok[] = {"unit", "status", "nature", "pillar", "category", NULL};
	const model *m = sb_of(L)->env->m;
	measure_filter f = {-1, -1, -1, -1, 0};
	check_fields(L, idx, fn, ok);
	const char *s = opt_string(L, idx, fn, "unit", NULL);
	if (s)
		f.unit = unit_arg(L, s, fn, "unit");
	f.status = status_arg(L, idx, fn, -1);
	if ((s = opt_string(L, idx, fn, "nature", NULL)) &&
	    (f.nature = measure_nature_parse(s, strlen(s))) < 0)
		luaL_error(L, "%s{}: unknown nature %s", fn, text_quotez(s));
	/* Checked before it is narrowed: 2^32 + 1 is not pillar 1. */
	if (opt_integer(L, idx, fn, "pillar", &f.pillar) && (f.pillar < 1 || f.pillar > 3))
		luaL_error(L, "%s{}: pillar %I must be 1, 2 or 3", fn, f.pillar);
	if ((s = opt_string(L, idx, fn, "category", NULL)) && (f.category = model_category(m, s)) < 0)
		luaL_error(L, "%s{}: unknown category %s", fn, text_quotez(s));
	return f;
}

static int l_adjust(lua_State *L)
{
	static const char *const ok[] = {"measure", "where", "scale", "status", "shift_years",
					 NULL};
	const char *fn = "adjust";
	check_fields(L, 1, fn, ok);
	const model *m = sb_of(L)->env->m;
	const char *id = opt_string(L, 1, fn, "measure", NULL);
	int32_t ix = -1;
	measure_filter where = {-1, -1, -1, -1, 0};
	int t = field(L, 1, "where");
	if (id && t != LUA_TNIL)
		luaL_error(L, "adjust{}: give 'measure' or 'where', not both");
	if (t == LUA_TTABLE)
		where = filter_arg(L, lua_gettop(L), "adjust.where");
	else if (t != LUA_TNIL)
		field_type_error(L, fn, "where", "a table {status=..., unit=..., ...}");
	lua_pop(L, 1);
	if (!id && t == LUA_TNIL)
		luaL_error(L, "adjust{}: give 'measure' (an id) or 'where' (a filter)");
	if (id && (ix = model_measure(m, id)) < 0)
		luaL_error(L, "adjust{}: unknown measure %s", text_quotez(id));
	double scale = 1;
	bool has_scale = opt_number(L, 1, fn, "scale", &scale);
	if (has_scale && (scale < 0 || scale > 100))
		luaL_error(L, "adjust{}: scale %f must be from 0 to 100", scale);
	int status = status_arg(L, 1, fn, -1);
	lua_Integer shift = 0;
	opt_integer(L, 1, fn, "shift_years", &shift);
	if (shift < -MODEL_MAX_YEARS || shift > MODEL_MAX_YEARS)
		luaL_error(L, "adjust{}: shift_years %I is out of range (%d to %d)", shift,
			   -MODEL_MAX_YEARS, MODEL_MAX_YEARS);
	if (!has_scale && status < 0 && shift == 0)
		luaL_error(L, "adjust{}: give 'scale', 'status' or 'shift_years'");
	lever *l = new_lever(L, LEVER_ADJUST);
	l->measure = ix;
	l->u.adjust.has_scale = has_scale;
	l->u.adjust.scale_ppm = (int64_t)llround(scale * PPM);
	l->u.adjust.status = status;
	l->u.adjust.shift_years = (int)shift;
	l->u.adjust.where_unit = where.unit;
	l->u.adjust.where_status = where.status;
	l->u.adjust.where_nature = where.nature;
	l->u.adjust.where_pillar = (int)where.pillar;
	l->u.adjust.where_category = where.category;
	lever_charge(L, l);
	return 0;
}

static int l_target(lua_State *L)
{
	static const char *const ok[] = {"unit", "year", "amount", NULL};
	const char *fn = "target";
	check_fields(L, 1, fn, ok);
	const model *m = sb_of(L)->env->m;
	int32_t u = unit_arg(L, req_string(L, 1, fn, "unit"), fn, "unit");
	lua_Integer year = m->target_year;
	opt_integer(L, 1, fn, "year", &year);
	if (year_index(m, year) < 0)
		luaL_error(L, "target{}: year %I is outside the plan years %d-%d", year,
			   m->base_year + 1, m->horizon_year);
	if (field(L, 1, "amount") == LUA_TNIL)
		luaL_error(L, "target{}: field 'amount' is required");
	int64_t cents = to_cents(L, -1, fn, "amount");
	lua_pop(L, 1);
	if (cents < 0)
		luaL_error(L, "target{}: the amount must not be negative");
	lever *l = new_lever(L, LEVER_TARGET);
	l->u.target = (target_row){u, (int32_t)year, cents, {SRC_SCRIPT, (uint32_t)l->line}};
	return 0;
}

/* ---- uncertainty ---- */

/* {dist="beta", mean=, sd=} and the other kinds of model/uncertainty.h, at stack index idx,
 * with every parameter within limit (its bounds); the distribution keeps the call's line. */
static dist_spec dist_at(lua_State *L, int idx, const char *fn, const char *what, double limit)
{
	static const char *const ok[] = {"dist", "mean", "sd", "min", "mode", "max", "value",
					 "factor", "loading", NULL};
	char where[96];
	snprintf(where, sizeof where, "%s: %s", fn, what);
	if (lua_type(L, idx) != LUA_TTABLE)
		luaL_error(L, "%s{}: %s must be a table like {dist=\"beta\", mean=0.7, sd=0.15}",
			   fn, what);
	check_fields(L, idx, where, ok);
	const char *kind = opt_string(L, idx, where, "dist", NULL);
	if (!kind)
		luaL_error(L, "%s{}: %s needs dist= (beta, triangular, pert, normal, lognormal, "
			      "uniform or fixed)", fn, what);
	dist_spec d = {DIST_NONE, 0, 0, 0, 0};
	double mean = 0, sd = 0, mn = 0, mode = 0, mx = 0, value = 0;
	bool has_mean = opt_number(L, idx, where, "mean", &mean);
	bool has_sd = opt_number(L, idx, where, "sd", &sd);
	bool has_min = opt_number(L, idx, where, "min", &mn);
	bool has_mode = opt_number(L, idx, where, "mode", &mode);
	bool has_max = opt_number(L, idx, where, "max", &mx);
	bool has_value = opt_number(L, idx, where, "value", &value);
	if (strcmp(kind, "beta") == 0 || strcmp(kind, "normal") == 0 ||
	    strcmp(kind, "lognormal") == 0) {
		if (!has_mean || !has_sd)
			luaL_error(L, "%s{}: %s: %s needs mean= and sd=", fn, what, kind);
		d = (dist_spec){kind[0] == 'b' ? DIST_BETA : kind[0] == 'n' ? DIST_NORMAL
									  : DIST_LOGNORMAL,
				mean, sd, 0, 0};
	} else if (strcmp(kind, "triangular") == 0 || strcmp(kind, "pert") == 0) {
		if (!has_min || !has_mode || !has_max)
			luaL_error(L, "%s{}: %s: %s needs min=, mode= and max=", fn, what, kind);
		d = (dist_spec){kind[0] == 't' ? DIST_TRIANGULAR : DIST_PERT, mn, mode, mx, 0};
	} else if (strcmp(kind, "uniform") == 0) {
		if (!has_min || !has_max)
			luaL_error(L, "%s{}: %s: uniform needs min= and max=", fn, what);
		d = (dist_spec){DIST_UNIFORM, mn, mx, 0, 0};
	} else if (strcmp(kind, "fixed") == 0) {
		if (!has_value)
			luaL_error(L, "%s{}: %s: fixed needs value=", fn, what);
		d = (dist_spec){DIST_FIXED, value, 0, 0, 0};
	} else {
		luaL_error(L, "%s{}: %s: unknown dist %s", fn, what, text_quotez(kind));
	}
	char buf[DIST_CHECK_BUF];
	const char *bad = dist_check(&d, limit, buf);
	if (bad)
		luaL_error(L, "%s{}: %s: %s", fn, what, bad);
	d.line = current_line(L);
	return d;
}

/* spread={...} on a lever that was just added: a driver of the assumption. */
static void spread_arg(lua_State *L, int idx, const char *fn, driver_kind kind)
{
	sandbox *sb = sb_of(L);
	if (field(L, idx, "spread") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	int t = lua_gettop(L);
	dist_spec dev = dist_at(L, t, fn, "spread",
				kind == DRIVER_ATTRITION ? DIST_ATTRITION_DEVIATION_MAX
							 : DIST_RATE_DEVIATION_MAX);
	const char *factor = opt_string(L, t, fn, "factor", NULL);
	double loading = 0;
	if (opt_number(L, t, fn, "loading", &loading) && (loading < -1 || loading > 1))
		luaL_error(L, "%s{}: spread: loading must be from -1 to 1", fn);
	if (factor && dev.kind != DIST_NORMAL)
		luaL_error(L, "%s{}: spread: a shared factor needs dist=\"normal\"", fn);
	if (factor && !opt_number(L, t, fn, "loading", &loading))
		loading = 1;
	lua_pop(L, 1);
	uncertainty_spec *u = &sb->spec->uncertainty;
	u->drivers = xreallocarray(u->drivers, u->ndrivers + 1, sizeof *u->drivers);
	size_t lv = sb->spec->nlevers - 1;
	const lever *l = &sb->spec->levers[lv];
	u->drivers[u->ndrivers++] = (driver_spec){
		kind, lv, arena_printf(sb->env->m->a, "%s:%d", fn, l->line), dev, factor, loading};
}

static void unit_rule(lua_State *L, void *vctx)
{
	uncertainty_spec *u = vctx;
	if (lua_type(L, -2) != LUA_TSTRING)
		luaL_error(L, "uncertainty{}: unit keys are unit codes");
	int32_t x = unit_arg(L, text_arg(L, -2, "uncertainty", "unit"), "uncertainty", "unit");
	dist_spec d = dist_at(L, lua_gettop(L), "uncertainty", "unit", DIST_FRACTION_MAX);
	u->units = xreallocarray(u->units, u->nunits + 1, sizeof *u->units);
	u->units[u->nunits++] = (unit_dist){x, d};
}

static void measure_rule(lua_State *L, void *vctx)
{
	uncertainty_spec *u = vctx;
	const model *m = sb_of(L)->env->m;
	if (lua_type(L, -2) != LUA_TSTRING)
		luaL_error(L, "uncertainty{}: measure keys are measure ids");
	const char *id = arena_strdup(m->a, text_arg(L, -2, "uncertainty", "measure"));
	if (model_measure(m, id) < 0)
		luaL_error(L, "uncertainty{}: unknown measure %s", text_quotez(id));
	dist_spec d = dist_at(L, lua_gettop(L), "uncertainty", "measure", DIST_FRACTION_MAX);
	u->measures = xreallocarray(u->measures, u->nmeasures + 1, sizeof *u->measures);
	u->measures[u->nmeasures++] = (measure_dist){id, d};
}

static int l_uncertainty(lua_State *L)
{
	static const char *const ok[] = {"status", "pillar", "unit", "measure", "slip", NULL};
	const char *fn = "uncertainty";
	check_fields(L, 1, fn, ok);
	sandbox *sb = sb_of(L);
	uncertainty_spec *u = &sb->spec->uncertainty;
	u->given = true;
	if (field(L, 1, "status") == LUA_TTABLE) {
		for (int st = 0; st < STATUS_COUNT; st++) {
			if (lua_getfield(L, -1, measure_status_word((measure_status)st)) != LUA_TNIL)
				u->by_status[st] = dist_at(L, lua_gettop(L), fn,
							   measure_status_word((measure_status)st),
							   DIST_FRACTION_MAX);
			lua_pop(L, 1);
		}
		lua_Integer nk = push_sorted_keys(L, -1);
		for (lua_Integer ki = 1; ki <= nk; ki++) {
			lua_geti(L, -1, ki);
			const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
			if (!k || measure_status_parse(k, strlen(k)) < 0)
				luaL_error(L, "uncertainty{}: status keys are idea, planned, decided, "
					      "realised");
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (field(L, 1, "pillar") == LUA_TTABLE) {
		for (int p = 1; p <= 3; p++) {
			if (lua_geti(L, -1, p) != LUA_TNIL)
				u->by_pillar[p - 1] = dist_at(L, lua_gettop(L), fn, "pillar",
							      DIST_FRACTION_MAX);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (field(L, 1, "unit") == LUA_TTABLE)
		each_sorted(L, -1, unit_rule, u);
	lua_pop(L, 1);
	if (field(L, 1, "measure") == LUA_TTABLE)
		each_sorted(L, -1, measure_rule, u);
	lua_pop(L, 1);
	double slip = 0;
	if (opt_number(L, 1, fn, "slip", &slip)) {
		if (slip < 0 || slip > 1)
			luaL_error(L, "uncertainty{}: slip is a probability from 0 to 1");
		u->slip_probability = slip;
	}
	return 0;
}

static int l_solve(lua_State *L)
{
	static const char *const ok[] = {"lever", "goal", "probability", NULL};
	const char *fn = "solve";
	check_fields(L, 1, fn, ok);
	sandbox *sb = sb_of(L);
	uncertainty_spec *u = &sb->spec->uncertainty;
	const char *lv = opt_string(L, 1, fn, "lever", "amount");
	const char *goal = opt_string(L, 1, fn, "goal", "target");
	solve_spec s = {0};
	if (strcmp(lv, "amount") == 0)
		s.lever = SOLVE_AMOUNT;
	else if (strcmp(lv, "procurement_cut") == 0)
		s.lever = SOLVE_PROCUREMENT_CUT;
	else
		luaL_error(L, "solve{}: lever must be \"amount\" or \"procurement_cut\"");
	if (strcmp(goal, "target") == 0) {
		s.goal = GOAL_TARGET;
		if (!opt_number(L, 1, fn, "probability", &s.probability) || s.probability <= 0 ||
		    s.probability >= 1)
			luaL_error(L, "solve{}: goal \"target\" needs a probability between 0 and 1");
	} else if (strcmp(goal, "result") == 0) {
		s.goal = GOAL_RESULT;
		s.probability = 0.5;
	} else {
		luaL_error(L, "solve{}: goal must be \"target\" or \"result\"");
	}
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		s.line = ar.currentline;
	u->solves = xreallocarray(u->solves, u->nsolves + 1, sizeof *u->solves);
	u->solves[u->nsolves++] = s;
	return 0;
}

/* ---- read-only model access ---- */

static const model *M(lua_State *L)
{
	return sb_of(L)->env->m;
}

static void push_unit(lua_State *L, int32_t u)
{
	const model *m = M(L);
	const unit *uu = &m->units[u];
	lua_createtable(L, 0, 7);
	lua_pushstring(L, uu->code);
	lua_setfield(L, -2, "code");
	lua_pushstring(L, uu->name);
	lua_setfield(L, -2, "name");
	lua_pushstring(L, unit_type_word(uu->type));
	lua_setfield(L, -2, "type");
	if (uu->parent >= 0) {
		lua_pushstring(L, m->units[uu->parent].code);
		lua_setfield(L, -2, "parent");
	}
	lua_pushinteger(L, uu->depth);
	lua_setfield(L, -2, "depth");
	lua_newtable(L);
	lua_Integer i = 1;
	for (int32_t ch = uu->first_child; ch >= 0; ch = m->units[ch].next_sibling) {
		lua_pushstring(L, m->units[ch].code);
		lua_seti(L, -2, i++);
	}
	lua_setfield(L, -2, "children");
}

static int32_t unit_param(lua_State *L, int idx)
{
	const char *code = luaL_checkstring(L, idx);
	int32_t u = model_unit(M(L), code);
	if (u < 0)
		luaL_error(L, "unknown unit %s", text_quotez(code));
	return u;
}

static int m_units(lua_State *L)
{
	const model *m = M(L);
	lua_createtable(L, (int)m->nunits, 0);
	for (size_t k = 0; k < m->nunits; k++) {
		push_unit(L, m->preorder[k]);
		lua_seti(L, -2, (lua_Integer)k + 1);
	}
	return 1;
}

static int m_unit(lua_State *L)
{
	int32_t u = model_unit(M(L), luaL_checkstring(L, 1));
	if (u < 0)
		lua_pushnil(L);
	else
		push_unit(L, u);
	return 1;
}

static int m_categories(lua_State *L)
{
	const model *m = M(L);
	lua_createtable(L, (int)m->ncats, 0);
	for (size_t c = 0; c < m->ncats; c++) {
		lua_createtable(L, 0, 3);
		lua_pushstring(L, m->cats[c].code);
		lua_setfield(L, -2, "code");
		lua_pushstring(L, category_kind_word(m->cats[c].kind));
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, m->cats[c].label);
		lua_setfield(L, -2, "label");
		lua_seti(L, -2, (lua_Integer)c + 1);
	}
	return 1;
}

/* model.baseline(unit [, category or kind]): the subtree's base-year amount in euros;
 * without the second argument, its costs (personnel + procurement + other_cost +
 * depreciation). */
static int m_baseline(lua_State *L)
{
	const script_env *env = sb_of(L)->env;
	const model *m = env->m;
	int32_t u = unit_param(L, 1);
	const int64_t *k = &env->bt->by_kind_cents[(size_t)u * KIND_COUNT];
	if (lua_isnoneornil(L, 2)) {
		push_euros(L, k[KIND_PERSONNEL] + k[KIND_PROCUREMENT] + k[KIND_OTHER_COST] +
				      k[KIND_DEPRECIATION]);
		return 1;
	}
	const char *what = luaL_checkstring(L, 2);
	int kind = category_kind_parse(what, strlen(what));
	if (kind >= 0) {
		push_euros(L, k[kind]);
		return 1;
	}
	int32_t c = model_category(m, what);
	if (c < 0)
		luaL_error(L, "model.baseline: unknown category or kind %s", text_quotez(what));
	push_euros(L, env->bt->by_cat_cents[(size_t)u * m->ncats + (size_t)c]);
	return 1;
}

static int m_fte(lua_State *L)
{
	int32_t u = unit_param(L, 1);
	lua_pushnumber(L, (double)sb_of(L)->env->bt->fte_centi[u] / 100.0);
	return 1;
}

static int m_cost_per_fte(lua_State *L)
{
	const script_env *env = sb_of(L)->env;
	int32_t u = unit_param(L, 1);
	int64_t fte = env->bt->fte_centi[u];
	int64_t pers = env->bt->by_kind_cents[(size_t)u * KIND_COUNT + KIND_PERSONNEL];
	int64_t per = 0;
	if (fte <= 0 || !money_mul_ratio(pers, 100, fte, &per))
		lua_pushnil(L);
	else
		push_euros(L, per);
	return 1;
}

static int m_target(lua_State *L)
{
	const script_env *env = sb_of(L)->env;
	int32_t u = unit_param(L, 1);
	lua_Integer year = luaL_optinteger(L, 2, env->m->target_year);
	int yi = year_index(env->m, year);
	if (yi < 0)
		luaL_error(L, "model.target: %I is not a plan year", year);
	const unit_year *cell = cons_cell(env->c, u, yi);
	if (cell->has_target)
		push_euros(L, cell->target_cents);
	else
		lua_pushnil(L);
	return 1;
}

static void push_measure(lua_State *L, const measure *ms)
{
	const model *m = M(L);
	lua_createtable(L, 0, 12);
	lua_pushstring(L, ms->id);
	lua_setfield(L, -2, "id");
	lua_pushstring(L, m->units[ms->unit].code);
	lua_setfield(L, -2, "unit");
	lua_pushstring(L, ms->title);
	lua_setfield(L, -2, "title");
	lua_pushinteger(L, ms->pillar);
	lua_setfield(L, -2, "pillar");
	lua_pushstring(L, m->cats[ms->category].code);
	lua_setfield(L, -2, "category");
	lua_pushstring(L, measure_nature_word((measure_nature)ms->nature));
	lua_setfield(L, -2, "nature");
	lua_pushstring(L, measure_status_word((measure_status)ms->status));
	lua_setfield(L, -2, "status");
	lua_pushnumber(L, (double)ms->fte_centi / 100.0);
	lua_setfield(L, -2, "fte");
	lua_createtable(L, 0, m->nyears);
	for (int y = 0; y < m->nyears; y++) {
		push_euros(L, ms->amounts[y]);
		lua_seti(L, -2, m->base_year + 1 + y);
	}
	lua_setfield(L, -2, "amounts");
	if (ms->file >= 0 && ms->extra) {
		const measure_file *mf = &m->mfiles[ms->file];
		lua_createtable(L, 0, (int)mf->nextra);
		for (size_t k = 0; k < mf->nextra; k++) {
			lua_pushstring(L, ms->extra[k]);
			lua_setfield(L, -2, mf->extra_names[k]);
		}
		lua_setfield(L, -2, "extra");
	}
}

/* model.measures{unit=, status=, nature=, pillar=, category=}: the model's measures in
 * file order that match every filter given (unit covers its subtree). */
static int m_measures(lua_State *L)
{
	const model *m = M(L);
	measure_filter f = {-1, -1, -1, -1, 0};
	if (!lua_isnoneornil(L, 1))
		f = filter_arg(L, 1, "model.measures");
	lua_newtable(L);
	lua_Integer n = 1;
	for (size_t i = 0; i < m->nmeasures; i++) {
		const measure *ms = &m->measures[i];
		if ((f.unit >= 0 && !model_is_ancestor(m, f.unit, ms->unit)) ||
		    (f.status >= 0 && ms->status != f.status) ||
		    (f.nature >= 0 && ms->nature != f.nature) || (f.pillar && ms->pillar != f.pillar) ||
		    (f.category >= 0 && ms->category != f.category))
			continue;
		push_measure(L, ms);
		lua_seti(L, -2, n++);
	}
	return 1;
}

/* model.savings(unit [, year]): the structural savings of the model's own plan in the
 * unit's subtree, in euros (default: the target year). */
static int m_savings(lua_State *L)
{
	const script_env *env = sb_of(L)->env;
	int32_t u = unit_param(L, 1);
	lua_Integer year = luaL_optinteger(L, 2, env->m->target_year);
	int yi = year_index(env->m, year);
	if (yi < 0)
		luaL_error(L, "model.savings: %I is not a plan year", year);
	push_euros(L, cons_cell(env->c, u, yi)->structural_cents);
	return 1;
}

static int m_measure(lua_State *L)
{
	int32_t ix = model_measure(M(L), luaL_checkstring(L, 1));
	if (ix < 0)
		lua_pushnil(L);
	else
		push_measure(L, &M(L)->measures[ix]);
	return 1;
}

/* ---- the state ---- */

static void open_sandbox(lua_State *L, uint64_t seed)
{
	sandbox_open(L, seed);
	static const luaL_Reg globals[] = {
		{"scenario", l_scenario},
		{"hiring_freeze", l_hiring_freeze},
		{"procurement_cut", l_procurement_cut},
		{"cao", l_cao},
		{"index", l_index},
		{"measure", l_measure},
		{"adjust", l_adjust},
		{"target", l_target},
		{"uncertainty", l_uncertainty},
		{"solve", l_solve},
		{NULL, NULL},
	};
	lua_pushglobaltable(L);
	luaL_setfuncs(L, globals, 0);
	lua_pop(L, 1);

	static const luaL_Reg model_fns[] = {
		{"units", m_units},         {"unit", m_unit},
		{"categories", m_categories}, {"baseline", m_baseline},
		{"fte", m_fte},             {"cost_per_fte", m_cost_per_fte},
		{"target", m_target},       {"measures", m_measures},
		{"measure", m_measure},     {"savings", m_savings},
		{NULL, NULL},
	};
	const model *m = M(L);
	luaL_newlib(L, model_fns);
	lua_pushstring(L, m->name);
	lua_setfield(L, -2, "name");
	lua_pushinteger(L, m->base_year);
	lua_setfield(L, -2, "base_year");
	lua_pushinteger(L, m->target_year);
	lua_setfield(L, -2, "target_year");
	lua_pushinteger(L, m->horizon_year);
	lua_setfield(L, -2, "horizon_year");
	lua_pushstring(L, m->units[m->root].code);
	lua_setfield(L, -2, "root");
	lua_createtable(L, m->nyears, 0);
	for (int y = 0; y < m->nyears; y++) {
		lua_pushinteger(L, m->base_year + 1 + y);
		lua_seti(L, -2, y + 1);
	}
	lua_setfield(L, -2, "years");
	lua_setglobal(L, "model");
}

static int open_protected(lua_State *L)
{
	open_sandbox(L, sb_of(L)->env->seed);
	return 0;
}

/* Message handler: keep the message (with its "LABEL:LINE:" prefix) as a string. */
static int msgh(lua_State *L)
{
	int line = current_line(L);
	const char *label = sb_of(L)->path;
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
static void report(diag *d, const char *path, const char *label, const char *msg,
		   int fallback_line)
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
	lua_State *L = lua_newstate(sb_alloc, &sb);
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
		lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
		rc = lua_pcall(L, 0, 0, h);
		if (rc == LUA_OK && !api_memory_ok(&sb)) { /* the last calls' share */
			sb.mem_hit = true;
			rc = LUA_ERRMEM;
		}
	}
	if (rc != LUA_OK) {
		if (sb.exhausted) /* a limit's message, whatever the handlers made of it */
			report(d, path, spec->script, sb.limit_msg, 0);
		else if (rc == LUA_ERRMEM || sb.mem_hit)
			diag_error(d, path, sb.mem_line, 0,
				   "memory cap of %llu MB exceeded (see --max-memory)",
				   (unsigned long long)(env->limits.max_memory_bytes >> 20));
		else
			report(d, path, spec->script,
			       lua_tostring(L, -1) ? lua_tostring(L, -1) : "error", fallback_line);
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
	sandbox_watch_stop(&sb);
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
