/* script_levers: the global functions a script calls to change the plan: scenario{},
 * the levers (hiring_freeze, procurement_cut, cao, index, adjust, target) and measure{}.
 * Each checks its table and adds a lever to the scenario_spec; levers are applied after
 * the script (scenario_apply), so what applying one will cost is charged as it is asked. */
#include "script_int.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The bands a rate must lie in (docs/scenarios.md, "Rates"): a value outside them is far
 * more often a percentage written as a number (rate=4 for 4%) or a sign slip than a real
 * plan, and it used to run silently (a 400% cut, a -80,000% result). allow_large=true on
 * the call widens the band to values that are real but unusual. */
typedef enum rate_kind {
	RATE_CUT,       /* a procurement cut: (0, 0.5], allow_large (0, 1] */
	RATE_ATTRITION, /* a freeze's yearly attrition: as a cut */
	RATE_PRICE,     /* a CAO or index rate a year: [-0.10, 0.25], allow_large [-0.5, 1) */
} rate_kind;

/* A number in messages: as short as it is exact enough ("4", "0.04", "0.015"). */
static const char *num(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.10g", v == 0 ? 0.0 : v); /* no "-0" */
	return buf;
}

/* rate_ppm: v (field name of fn{}, for year when year > 0) checked against the band of
 * kind and converted to parts per million; refused at the script line with what the user
 * probably meant. A rate above 1 (100%), and for a CAO or index rate any whole number but
 * 0 (a rise of 100% a year reads as "1%"), is refused even with allow_large. */
static int64_t rate_ppm(lua_State *L, double v, const char *fn, const char *name, int year,
			rate_kind kind, bool allow_large)
{
	char what[64], b1[32], b2[32], b3[32], b4[32], msg[320];
	if (!isfinite(v)) /* rates={} holds any number; a field goes by script_opt_number */
		luaL_error(L, "%s{}: the %s for %d must be a finite number", fn, name, year);
	if (year > 0)
		snprintf(what, sizeof what, "%s %s for %d", name, num(b1, sizeof b1, v), year);
	else
		snprintf(what, sizeof what, "%s %s", name, num(b1, sizeof b1, v));
	bool price = kind == RATE_PRICE;
	bool whole = v != 0 && v == trunc(v);
	double lo = price ? (allow_large ? -0.5 : -0.10) : 0;
	double hi = price ? (allow_large ? 1.0 : 0.25) : (allow_large ? 1.0 : 0.5);
	bool in_band = price ? v >= lo && v <= hi && !whole : v > lo && v <= hi;
	int64_t ppm = in_band ? (int64_t)llround(v * PPM) : 0;
	/* A cut or attrition held as 0 in millionths (a freeze's as 0 a month: the keep
	 * factor loses a twelfth of it, rounded) does nothing, like a rate of 0. */
	bool nothing = !price && in_band && (kind == RATE_CUT ? ppm : (ppm + 6) / 12) == 0;
	if (in_band && !nothing)
		return ppm;
	/* What was probably meant: a percentage as a fraction, a cut or attrition as positive;
	 * not suggested when it would be refused too (150 is not "1.5 for 150%"). */
	double meant = fabs(v) >= 1 ? v / 100 : v;
	if (!price)
		meant = fabs(meant);
	bool meant_ok = fabs(meant) <= 1 && !(price && meant != 0 && meant == trunc(meant));
	num(b2, sizeof b2, 100 * v);
	if (nothing) {
		snprintf(msg, sizeof msg, "%s{}: %s does nothing: rates are held in millionths and "
					  "it rounds to 0%s (write 0.04 for 4%%)",
			 fn, what, kind == RATE_ATTRITION ? " a month" : "");
	} else if (!price && v == 0) {
		snprintf(msg, sizeof msg, "%s{}: %s does nothing: a %s is a fraction above 0 (write "
					  "0.04 for 4%%)",
			 fn, what, kind == RATE_CUT ? "cut rate" : "yearly attrition");
	} else if (!price && v < 0 && v >= -1) {
		snprintf(msg, sizeof msg, "%s{}: %s is %s%%, but a %s is above 0; write %s for %s%%",
			 fn, what, b2, kind == RATE_CUT ? "cut rate" : "yearly attrition",
			 num(b3, sizeof b3, meant), num(b4, sizeof b4, 100 * meant));
	} else if (meant_ok && (fabs(v) > 1 || (price && whole) || (!price && v < 0))) {
		snprintf(msg, sizeof msg, "%s{}: %s is %s%%; write %s for %s%%", fn, what, b2,
			 num(b3, sizeof b3, meant), num(b4, sizeof b4, 100 * meant));
	} else if (!allow_large && v >= (price ? -0.5 : 0) && v <= 1 && !(price && whole)) {
		snprintf(msg, sizeof msg, "%s{}: %s is %s%%, outside %s%% to %s%%%s; write "
					  "allow_large=true in the call if it is meant",
			 fn, what, b2, num(b3, sizeof b3, 100 * lo), num(b4, sizeof b4, 100 * hi),
			 price ? " a year" : "");
	} else {
		snprintf(msg, sizeof msg, "%s{}: %s is %s%%, outside %s%% to %s%%%s even with "
					  "allow_large=true",
			 fn, what, b2, num(b3, sizeof b3, price ? -50 : 0),
			 num(b4, sizeof b4, 100), price ? " a year" : "");
	}
	luaL_error(L, "%s", msg);
	return 0; /* not reached: luaL_error does not return */
}

/* allow_large=true|false of the table at idx (default false). */
static bool allow_large_arg(lua_State *L, int idx, const char *fn)
{
	int t = script_field(L, idx, "allow_large");
	if (t != LUA_TNIL && t != LUA_TBOOLEAN)
		script_field_type_error(L, fn, "allow_large", "true or false");
	bool v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
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


/* A list of unit codes (a string or an array of strings) in field name; NULL when absent. */
static int32_t *unit_list(lua_State *L, int idx, const char *fn, const char *name, size_t *n)
{
	const model *m = sandbox_of(L)->env->m;
	int t = script_field(L, idx, name);
	*n = 0;
	int32_t *out = NULL;
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return NULL;
	}
	if (t == LUA_TSTRING) {
		out = arena_alloc(m->a, sizeof *out);
		out[(*n)++] = script_unit_arg(L, script_text_arg(L, -1, fn, name), fn, name);
	} else if (t == LUA_TTABLE) {
		lua_Integer len = luaL_len(L, -1);
		out = arena_alloc(m->a, (size_t)(len > 0 ? len : 1) * sizeof *out);
		for (lua_Integer i = 1; i <= len; i++) {
			if (lua_geti(L, -1, i) != LUA_TSTRING)
				luaL_error(L, "%s{}: '%s' must list unit codes", fn, name);
			const char *code = script_text_arg(L, -1, fn, name);
			out[(*n)++] = script_unit_arg(L, code, fn, name);
			lua_pop(L, 1);
		}
	} else {
		script_field_type_error(L, fn, name, "a unit code or a list of unit codes");
	}
	lua_pop(L, 1);
	return out;
}

static unit_scope scope_arg(lua_State *L, int idx, const char *fn)
{
	const model *m = sandbox_of(L)->env->m;
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
	const model *m = sandbox_of(L)->env->m;
	category_set cs = {false, NULL};
	const char *kind = script_opt_string(L, idx, fn, "kind", NULL);
	int t = script_field(L, idx, "categories");
	if (t != LUA_TNIL && kind)
		luaL_error(L, "%s{}: give 'categories' or 'kind', not both", fn);
	int k = dflt_kind;
	if (kind) {
		k = category_kind_parse(kind, strlen(kind));
		if (k < 0)
			script_unknown(L, NAMES_KIND, kind,
				       "%s{}: unknown kind %s (personnel, procurement, other_cost "
				       "or revenue)", fn, text_quotez(kind));
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
			script_field_type_error(L, fn, "categories",
						"a category code or a list of codes");
		}
		lua_Integer len = luaL_len(L, -1);
		for (lua_Integer i = 1; i <= len; i++) {
			if (lua_geti(L, -1, i) != LUA_TSTRING)
				luaL_error(L, "%s{}: 'categories' must list category codes", fn);
			const char *code = script_text_arg(L, -1, fn, "categories");
			int32_t c = model_category(m, code);
			if (c < 0)
				script_unknown(L, NAMES_CATEGORY, code, "%s{}: unknown category %s",
					       fn, text_quotez(code));
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
	bool allow_large;
};

static void rate_entry(lua_State *L, void *vctx)
{
	struct rates_ctx *c = vctx;
	int isint = 0;
	lua_Integer year = lua_tointegerx(L, -2, &isint);
	if (!isint || lua_type(L, -2) != LUA_TNUMBER)
		luaL_error(L, "%s{}: 'rates' keys must be years", c->fn);
	int yi = script_year_index(c->m, year);
	if (yi < 0)
		luaL_error(L, "%s{}: year %I in 'rates' is outside the plan years %d-%d", c->fn, year,
			   c->m->base_year + 1, c->m->horizon_year);
	if (lua_type(L, -1) != LUA_TNUMBER)
		luaL_error(L, "%s{}: the rate for %I must be a number", c->fn, year);
	c->ppm[yi] = rate_ppm(L, lua_tonumber(L, -1), c->fn, "rate", (int)year, RATE_PRICE,
			      c->allow_large);
}

/* rates={[2022]=0.03, ...} into per plan year ppm; years outside the plan are errors, and
 * so are rates outside their band (rate_ppm). */
static void rates_arg(lua_State *L, int idx, const char *fn, int64_t *ppm, bool allow_large)
{
	const model *m = sandbox_of(L)->env->m;
	memset(ppm, 0, sizeof(int64_t) * MODEL_MAX_YEARS);
	if (script_field(L, idx, "rates") != LUA_TTABLE)
		script_field_type_error(L, fn, "rates", "a table {[year]=rate, ...}");
	struct rates_ctx c = {m, fn, ppm, allow_large};
	script_each_sorted(L, -1, rate_entry, &c);
	lua_pop(L, 1);
}

/* A month of a lever, "2023-07", or a bare year, 2023, which means the whole year: its
 * first month where the period starts (from=), its last where it ends (to=): so
 * from=2024, to=2024 is the twelve months of 2024, not January alone. As year * 12 +
 * month - 1. */
typedef enum month_end { MONTH_START, MONTH_END } month_end;

static int32_t month_arg(lua_State *L, int idx, const char *fn, const char *name,
			 month_end end, bool *given)
{
	int t = script_field(L, idx, name);
	int32_t out = 0;
	*given = t != LUA_TNIL;
	if (t == LUA_TNUMBER) {
		/* 2024.0 (what arithmetic gives) is the year 2024, as a cut's from= takes it. */
		int isint = 0;
		lua_Integer y = lua_tointegerx(L, -1, &isint);
		if (!isint) {
			char b[32];
			luaL_error(L, "%s{}: '%s' %s is not a whole year: write a month like "
				      "\"2023-07\" or a year",
				   fn, name, num(b, sizeof b, lua_tonumber(L, -1)));
		}
		if (y < 1900 || y > 2200)
			luaL_error(L, "%s{}: '%s' must be a month like \"2023-07\" or a year", fn, name);
		out = (int32_t)y * 12 + (end == MONTH_END ? 11 : 0);
	} else if (t == LUA_TSTRING) {
		/* Exactly YYYY-MM: sscanf alone took " 2024-01", "2024-1" and "2024-+1". */
		size_t len;
		const char *v = lua_tolstring(L, -1, &len);
		bool form = len == 7 && v[4] == '-';
		for (size_t i = 0; i < len && form; i++)
			form = i == 4 || (v[i] >= '0' && v[i] <= '9');
		int y = form ? (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 +
				       (v[3] - '0')
			     : 0;
		int mo = form ? (v[5] - '0') * 10 + (v[6] - '0') : 0;
		if (!form || mo < 1 || mo > 12 || y < 1900 || y > 2200)
			luaL_error(L, "%s{}: '%s' must be a month like \"2023-07\"", fn, name);
		out = y * 12 + mo - 1;
	} else if (t != LUA_TNIL) {
		script_field_type_error(L, fn, name, "a month like \"2023-07\" or a year");
	}
	lua_pop(L, 1);
	return out;
}

/* A lever is applied after the script (scenario_apply), out of reach of its limits: what
 * applying it will cost is charged as the script asks for it, the work to the instruction
 * budget (the scan first, known without looking, then what the rows it reaches take) and
 * the measures it may make to the memory cap. */
static void lever_charge(lua_State *L, const lever *l)
{
	sandbox *sb = sandbox_of(L);
	const model *m = sb->env->m;
	sandbox_charge(L, scenario_lever_scan_steps(m, l));
	uint64_t steps, bytes;
	scenario_lever_cost(m, l, &steps, &bytes);
	sandbox_charge(L, steps);
	sb->lever_bytes += bytes;
	script_api_memory_check(L);
}

static lever *new_lever(lua_State *L, lever_kind kind)
{
	sandbox *sb = sandbox_of(L);
	/* The innermost script line, not level 1's: through pcall, level 1 is pcall, a C
	 * function, whose line is -1. */
	return scenario_add_lever(sb->spec, kind, sb->path, sandbox_current_line(L));
}

static int l_scenario(lua_State *L)
{
	static const char *const ok[] = {"name", "description", NULL};
	script_check_fields(L, 1, "scenario", ok);
	sandbox *sb = sandbox_of(L);
	const char *name = script_opt_string(L, 1, "scenario", "name", NULL);
	if (name) {
		/* The name becomes a folder of the run. */
		const char *bad = scenario_name_check(name);
		if (bad)
			luaL_error(L, "scenario{}: name %s %s", text_quotez(name), bad);
		sb->spec->name = name;
	}
	sb->spec->description = script_opt_string(L, 1, "scenario", "description",
					   sb->spec->description);
	return 0;
}

static int l_hiring_freeze(lua_State *L)
{
	static const char *const ok[] = {"units", "exempt", "from", "to", "attrition",
					 "categories", "kind", "status", "pillar", "spread",
					 "allow_large", NULL};
	const char *fn = "hiring_freeze";
	script_check_fields(L, 1, fn, ok);
	const model *m = sandbox_of(L)->env->m;
	unit_scope scope = scope_arg(L, 1, fn);
	category_set cats = cats_arg(L, 1, fn, -1);
	bool given;
	int32_t from = month_arg(L, 1, fn, "from", MONTH_START, &given);
	if (!given)
		luaL_error(L, "%s{}: field 'from' is required", fn);
	int32_t until = month_arg(L, 1, fn, "to", MONTH_END, &given);
	if (!given)
		until = from + 11;
	if (from < (m->base_year + 1) * 12 || from > m->horizon_year * 12 + 11)
		luaL_error(L, "%s{}: 'from' is outside the plan years %d-%d", fn, m->base_year + 1,
			   m->horizon_year);
	if (until < from)
		luaL_error(L, "%s{}: 'to' is before 'from'", fn);
	double attrition = 0;
	if (!script_opt_number(L, 1, fn, "attrition", &attrition))
		luaL_error(L, "%s{}: field 'attrition' is required (e.g. 0.08 a year)", fn);
	bool large = allow_large_arg(L, 1, fn);
	int64_t attrition_ppm = rate_ppm(L, attrition, fn, "attrition", 0, RATE_ATTRITION, large);
	int status = script_status_arg(L, 1, fn, STATUS_PLANNED);
	int pillar = script_pillar_arg(L, 1, fn, 3);
	lever *l = new_lever(L, LEVER_HIRING_FREEZE);
	l->u.freeze.scope = scope;
	l->u.freeze.cats = cats;
	l->u.freeze.from_month = from;
	l->u.freeze.until_month = until;
	l->u.freeze.attrition_ppm = attrition_ppm;
	l->allow_large = large;
	l->u.freeze.status = (uint8_t)status;
	l->u.freeze.pillar = (uint8_t)pillar;
	lever_charge(L, l);
	script_spread_arg(L, 1, fn, DRIVER_ATTRITION);
	return 0;
}

static int l_procurement_cut(lua_State *L)
{
	static const char *const ok[] = {"units", "exempt", "categories", "kind", "rate", "from",
					 "phase_in", "status", "pillar", "allow_large", NULL};
	const char *fn = "procurement_cut";
	script_check_fields(L, 1, fn, ok);
	const model *m = sandbox_of(L)->env->m;
	unit_scope scope = scope_arg(L, 1, fn);
	category_set cats = cats_arg(L, 1, fn, KIND_PROCUREMENT);
	double rate;
	if (!script_opt_number(L, 1, fn, "rate", &rate))
		luaL_error(L, "%s{}: field 'rate' is required (e.g. 0.05)", fn);
	bool large = allow_large_arg(L, 1, fn);
	int64_t cut_ppm = rate_ppm(L, rate, fn, "rate", 0, RATE_CUT, large);
	lua_Integer from = m->base_year + 1, phase = 1;
	script_opt_integer(L, 1, fn, "from", &from);
	if (script_year_index(m, from) < 0)
		luaL_error(L, "%s{}: 'from' %I is outside the plan years %d-%d", fn, from,
			   m->base_year + 1, m->horizon_year);
	script_opt_integer(L, 1, fn, "phase_in", &phase);
	if (phase < 1 || phase > MODEL_MAX_YEARS)
		luaL_error(L, "%s{}: 'phase_in' %I must be a number of years from 1 to %d", fn, phase,
			   MODEL_MAX_YEARS);
	int status = script_status_arg(L, 1, fn, STATUS_PLANNED);
	int pillar = script_pillar_arg(L, 1, fn, 3);
	lever *l = new_lever(L, LEVER_PROCUREMENT_CUT);
	l->u.cut.scope = scope;
	l->u.cut.cats = cats;
	l->u.cut.rate_ppm = cut_ppm;
	l->allow_large = large;
	l->u.cut.from_year = (int32_t)from;
	l->u.cut.phase_in_years = (int32_t)phase;
	l->u.cut.status = (uint8_t)status;
	l->u.cut.pillar = (uint8_t)pillar;
	lever_charge(L, l);
	return 0;
}

static int l_cao(lua_State *L)
{
	static const char *const ok[] = {"rates", "compensation", "spread", "allow_large", NULL};
	script_check_fields(L, 1, "cao", ok);
	double comp = 0;
	script_opt_number(L, 1, "cao", "compensation", &comp);
	if (comp < 0 || comp > 1)
		luaL_error(L, "cao{}: compensation must be a share from 0 to 1");
	int64_t rates[MODEL_MAX_YEARS];
	bool large = allow_large_arg(L, 1, "cao");
	rates_arg(L, 1, "cao", rates, large);
	lever *l = new_lever(L, LEVER_CAO);
	l->allow_large = large;
	memcpy(l->u.cao.rate_ppm, rates, sizeof rates);
	l->u.cao.compensation_ppm = (int64_t)llround(comp * PPM);
	script_spread_arg(L, 1, "cao", DRIVER_CAO);
	return 0;
}

static int l_index(lua_State *L)
{
	static const char *const ok[] = {"kind", "categories", "rates", "spread", "allow_large",
					 NULL};
	script_check_fields(L, 1, "index", ok);
	category_set cats = cats_arg(L, 1, "index", -1);
	if (!cats.member)
		luaL_error(L, "index{}: give 'kind' or 'categories'");
	int64_t rates[MODEL_MAX_YEARS];
	bool large = allow_large_arg(L, 1, "index");
	rates_arg(L, 1, "index", rates, large);
	lever *l = new_lever(L, LEVER_INDEX);
	l->allow_large = large;
	l->u.index.cats = cats;
	memcpy(l->u.index.rate_ppm, rates, sizeof rates);
	script_spread_arg(L, 1, "index", DRIVER_INDEX);
	return 0;
}

static void amount_entry(lua_State *L, void *vctx)
{
	measure *ms = vctx;
	const model *m = sandbox_of(L)->env->m;
	int isint = 0;
	lua_Integer year = lua_tointegerx(L, -2, &isint);
	int yi = isint && lua_type(L, -2) == LUA_TNUMBER ? script_year_index(m, year) : -1;
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
	script_check_fields(L, 1, fn, ok);
	sandbox *sb = sandbox_of(L);
	const model *m = sb->env->m;
	measure ms = {0};
	ms.id = script_req_string(L, 1, fn, "id");
	if (ms.id[0] == '-')
		luaL_error(L, "measure{}: invalid id %s: an id " MODEL_CODE_MINUS_WHY,
			   text_quotez(ms.id));
	if (!model_code_valid(ms.id, strlen(ms.id)))
		luaL_error(L, "measure{}: invalid id %s", text_quotez(ms.id));
	if (model_measure(m, ms.id) >= 0)
		luaL_error(L, "measure{}: id '%s' is already a measure of the model", ms.id);
	if (strmap_get(&sb->added_ix, ms.id, strlen(ms.id)) >= 0) /* not a scan: quadratic */
		luaL_error(L, "measure{}: id '%s' was added before", ms.id);
	ms.unit = script_unit_arg(L, script_req_string(L, 1, fn, "unit"), fn, "unit");
	ms.title = script_req_string(L, 1, fn, "title");
	const char *cat = script_req_string(L, 1, fn, "category");
	ms.category = model_category(m, cat);
	if (ms.category < 0)
		script_unknown(L, NAMES_CATEGORY, cat, "measure{}: unknown category %s",
			       text_quotez(cat));
	ms.pillar = (uint8_t)script_pillar_arg(L, 1, fn, 2);
	const char *nature = script_opt_string(L, 1, fn, "nature", "structural");
	int nat = measure_nature_parse(nature, strlen(nature));
	if (nat < 0)
		script_unknown(L, NAMES_NATURE, nature,
			       "measure{}: unknown nature %s (structural or incidental)",
			       text_quotez(nature));
	ms.nature = (uint8_t)nat;
	ms.status = (uint8_t)script_status_arg(L, 1, fn, STATUS_PLANNED);
	if (script_field(L, 1, "fte") != LUA_TNIL)
		ms.fte_centi = to_cents(L, -1, fn, "fte");
	lua_pop(L, 1);
	ms.amounts = arena_zalloc(m->a, (size_t)m->nyears, sizeof *ms.amounts);
	if (script_field(L, 1, "amounts") != LUA_TTABLE)
		script_field_type_error(L, fn, "amounts", "a table {[year]=euros, ...}");
	script_each_sorted(L, -1, amount_entry, &ms);
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

static int l_adjust(lua_State *L)
{
	static const char *const ok[] = {"measure", "where", "scale", "status", "shift_years",
					 NULL};
	const char *fn = "adjust";
	script_check_fields(L, 1, fn, ok);
	const model *m = sandbox_of(L)->env->m;
	const char *id = script_opt_string(L, 1, fn, "measure", NULL);
	int32_t ix = -1;
	script_measure_filter where = {-1, -1, -1, -1, 0};
	int t = script_field(L, 1, "where");
	if (id && t != LUA_TNIL)
		luaL_error(L, "adjust{}: give 'measure' or 'where', not both");
	if (t == LUA_TTABLE)
		where = script_filter_arg(L, lua_gettop(L), "adjust.where");
	else if (t != LUA_TNIL)
		script_field_type_error(L, fn, "where", "a table {status=..., unit=..., ...}");
	lua_pop(L, 1);
	if (!id && t == LUA_TNIL)
		luaL_error(L, "adjust{}: give 'measure' (an id) or 'where' (a filter)");
	if (id && (ix = model_measure(m, id)) < 0)
		script_unknown(L, NAMES_MEASURE, id, "adjust{}: unknown measure %s",
			       text_quotez(id));
	double scale = 1;
	bool has_scale = script_opt_number(L, 1, fn, "scale", &scale);
	if (has_scale && (scale < 0 || scale > 100))
		luaL_error(L, "adjust{}: scale %f must be from 0 to 100", scale);
	int status = script_status_arg(L, 1, fn, -1);
	lua_Integer shift = 0;
	script_opt_integer(L, 1, fn, "shift_years", &shift);
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
	script_check_fields(L, 1, fn, ok);
	const model *m = sandbox_of(L)->env->m;
	int32_t u = script_unit_arg(L, script_req_string(L, 1, fn, "unit"), fn, "unit");
	lua_Integer year = m->target_year;
	script_opt_integer(L, 1, fn, "year", &year);
	if (script_year_index(m, year) < 0)
		luaL_error(L, "target{}: year %I is outside the plan years %d-%d", year,
			   m->base_year + 1, m->horizon_year);
	if (script_field(L, 1, "amount") == LUA_TNIL)
		luaL_error(L, "target{}: field 'amount' is required");
	int64_t cents = to_cents(L, -1, fn, "amount");
	lua_pop(L, 1);
	if (cents < 0)
		luaL_error(L, "target{}: the amount must not be negative");
	lever *l = new_lever(L, LEVER_TARGET);
	l->u.target = (target_row){u, (int32_t)year, cents, {SRC_SCRIPT, (uint32_t)l->line}};
	return 0;
}

/* adopt{"ID", ...}: the candidates of the list join the scenario's plan (scenario_apply
 * puts them after the levers, whatever the order of the calls). */
static int l_adopt(lua_State *L)
{
	script_api_memory_check(L);
	sandbox *sb = sandbox_of(L);
	const model *m = sb->env->m;
	if (lua_type(L, 1) != LUA_TTABLE || lua_gettop(L) != 1)
		luaL_error(L, "adopt{}: give a list of candidate ids: adopt{\"ID\", ...}");
	lua_Integer n = luaL_len(L, 1);
	lua_Integer keys = 0;
	lua_pushnil(L);
	while (lua_next(L, 1)) { /* only counted: the order of next does not matter */
		keys++;
		lua_pop(L, 1);
	}
	if (keys != n)
		luaL_error(L, "adopt{}: give a list of candidate ids: adopt{\"ID\", ...}, not a "
			      "table with keys");
	int line = sandbox_current_line(L); /* the script's line, also through pcall */
	/* All or nothing: a call that fails (a script may catch the error with pcall) adopts
	 * none of its entries. So every entry is checked first, and this call's adoptions are
	 * taken back before a repeat is reported. */
	for (lua_Integer i = 1; i <= n; i++) {
		if (lua_rawgeti(L, 1, i) != LUA_TSTRING)
			luaL_error(L, "adopt{}: entry %I is %s, not a candidate id", i,
				   luaL_typename(L, -1));
		const char *id = script_text_arg(L, -1, "adopt", "id");
		if (model_candidate(m, id) < 0 && model_measure(m, id) >= 0)
			luaL_error(L, "adopt{}: '%s' is a measure of the plan, not a candidate", id);
		if (model_candidate(m, id) < 0)
			script_unknown(L, NAMES_CANDIDATE, id, "adopt{}: unknown candidate %s",
				       text_quotez(id));
		lua_pop(L, 1);
	}
	size_t adopted_before = sb->spec->nadopted;
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 1, i);
		const char *id = lua_tostring(L, -1);
		const adoption *before =
			scenario_adopt(sb->spec, model_candidate(m, id), sb->path, line);
		if (before) {
			int before_line = before->line;
			sb->spec->nadopted = adopted_before;
			luaL_error(L, "adopt{}: candidate '%s' was adopted before (line %d)", id,
				   before_line);
		}
		lua_pop(L, 1);
	}
	return 0;
}

void script_open_levers(lua_State *L)
{
	static const luaL_Reg globals[] = {
		{"scenario", l_scenario},
		{"hiring_freeze", l_hiring_freeze},
		{"procurement_cut", l_procurement_cut},
		{"cao", l_cao},
		{"index", l_index},
		{"measure", l_measure},
		{"adjust", l_adjust},
		{"target", l_target},
		{"adopt", l_adopt},
		{NULL, NULL},
	};
	lua_pushglobaltable(L);
	luaL_setfuncs(L, globals, 0);
	lua_pop(L, 1);
}
