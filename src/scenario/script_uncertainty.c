/* script_uncertainty: the global functions uncertainty{} and solve{}, and spread= on a
 * lever: the distributions a scenario carries for the Monte Carlo (model/uncertainty.h),
 * checked within their bounds here, drawn in stats/. */
#include "script_int.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

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
	script_check_fields(L, idx, where, ok);
	const char *kind = script_opt_string(L, idx, where, "dist", NULL);
	if (!kind)
		luaL_error(L, "%s{}: %s needs dist= (beta, triangular, pert, normal, lognormal, "
			      "uniform or fixed)", fn, what);
	dist_spec d = {DIST_NONE, 0, 0, 0, 0};
	double mean = 0, sd = 0, mn = 0, mode = 0, mx = 0, value = 0;
	bool has_mean = script_opt_number(L, idx, where, "mean", &mean);
	bool has_sd = script_opt_number(L, idx, where, "sd", &sd);
	bool has_min = script_opt_number(L, idx, where, "min", &mn);
	bool has_mode = script_opt_number(L, idx, where, "mode", &mode);
	bool has_max = script_opt_number(L, idx, where, "max", &mx);
	bool has_value = script_opt_number(L, idx, where, "value", &value);
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
	d.line = sandbox_current_line(L);
	return d;
}

/* spread={...} on a lever that was just added: a driver of the assumption. */
void script_spread_arg(lua_State *L, int idx, const char *fn, driver_kind kind)
{
	sandbox *sb = sandbox_of(L);
	if (script_field(L, idx, "spread") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	int t = lua_gettop(L);
	dist_spec dev = dist_at(L, t, fn, "spread",
				kind == DRIVER_ATTRITION ? DIST_ATTRITION_DEVIATION_MAX
							 : DIST_RATE_DEVIATION_MAX);
	const char *factor = script_opt_string(L, t, fn, "factor", NULL);
	double loading = 0;
	if (script_opt_number(L, t, fn, "loading", &loading) && (loading < -1 || loading > 1))
		luaL_error(L, "%s{}: spread: loading must be from -1 to 1", fn);
	if (factor && dev.kind != DIST_NORMAL)
		luaL_error(L, "%s{}: spread: a shared factor needs dist=\"normal\"", fn);
	if (factor && !script_opt_number(L, t, fn, "loading", &loading))
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
	const char *code = script_text_arg(L, -2, "uncertainty", "unit");
	int32_t x = script_unit_arg(L, code, "uncertainty", "unit");
	dist_spec d = dist_at(L, lua_gettop(L), "uncertainty", "unit", DIST_FRACTION_MAX);
	u->units = xreallocarray(u->units, u->nunits + 1, sizeof *u->units);
	u->units[u->nunits++] = (unit_dist){x, d};
}

static void measure_rule(lua_State *L, void *vctx)
{
	uncertainty_spec *u = vctx;
	const model *m = sandbox_of(L)->env->m;
	if (lua_type(L, -2) != LUA_TSTRING)
		luaL_error(L, "uncertainty{}: measure keys are measure ids");
	const char *id = arena_strdup(m->a, script_text_arg(L, -2, "uncertainty", "measure"));
	if (model_measure(m, id) < 0)
		script_unknown(L, NAMES_MEASURE, id, "uncertainty{}: unknown measure %s",
			       text_quotez(id));
	dist_spec d = dist_at(L, lua_gettop(L), "uncertainty", "measure", DIST_FRACTION_MAX);
	u->measures = xreallocarray(u->measures, u->nmeasures + 1, sizeof *u->measures);
	u->measures[u->nmeasures++] = (measure_dist){id, d};
}

static int l_uncertainty(lua_State *L)
{
	static const char *const ok[] = {"status", "pillar", "unit", "measure", "slip", NULL};
	const char *fn = "uncertainty";
	script_check_fields(L, 1, fn, ok);
	sandbox *sb = sandbox_of(L);
	uncertainty_spec *u = &sb->spec->uncertainty;
	u->given = true;
	if (script_field(L, 1, "status") == LUA_TTABLE) {
		for (int st = 0; st < STATUS_COUNT; st++) {
			if (lua_getfield(L, -1, measure_status_word((measure_status)st)) != LUA_TNIL)
				u->by_status[st] = dist_at(L, lua_gettop(L), fn,
							   measure_status_word((measure_status)st),
							   DIST_FRACTION_MAX);
			lua_pop(L, 1);
		}
		lua_Integer nk = sandbox_push_sorted_keys(L, -1);
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
	if (script_field(L, 1, "pillar") == LUA_TTABLE) {
		for (int p = 1; p <= 3; p++) {
			if (lua_geti(L, -1, p) != LUA_TNIL)
				u->by_pillar[p - 1] = dist_at(L, lua_gettop(L), fn, "pillar",
							      DIST_FRACTION_MAX);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (script_field(L, 1, "unit") == LUA_TTABLE)
		script_each_sorted(L, -1, unit_rule, u);
	lua_pop(L, 1);
	if (script_field(L, 1, "measure") == LUA_TTABLE)
		script_each_sorted(L, -1, measure_rule, u);
	lua_pop(L, 1);
	double slip = 0;
	if (script_opt_number(L, 1, fn, "slip", &slip)) {
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
	script_check_fields(L, 1, fn, ok);
	sandbox *sb = sandbox_of(L);
	uncertainty_spec *u = &sb->spec->uncertainty;
	const char *lv = script_opt_string(L, 1, fn, "lever", "amount");
	const char *goal = script_opt_string(L, 1, fn, "goal", "target");
	solve_spec s = {0};
	if (strcmp(lv, "amount") == 0)
		s.lever = SOLVE_AMOUNT;
	else if (strcmp(lv, "procurement_cut") == 0)
		s.lever = SOLVE_PROCUREMENT_CUT;
	else
		luaL_error(L, "solve{}: lever must be \"amount\" or \"procurement_cut\"");
	if (strcmp(goal, "target") == 0) {
		s.goal = GOAL_TARGET;
		if (!script_opt_number(L, 1, fn, "probability", &s.probability) ||
		    s.probability <= 0 || s.probability >= 1)
			luaL_error(L, "solve{}: goal \"target\" needs a probability between 0 and 1");
	} else if (strcmp(goal, "result") == 0) {
		s.goal = GOAL_RESULT;
		s.probability = 0.5;
	} else {
		luaL_error(L, "solve{}: goal must be \"target\" or \"result\"");
	}
	s.line = sandbox_current_line(L); /* the script's line, also through pcall */
	u->solves = xreallocarray(u->solves, u->nsolves + 1, sizeof *u->solves);
	u->solves[u->nsolves++] = s;
	return 0;
}

void script_open_uncertainty(lua_State *L)
{
	static const luaL_Reg globals[] = {
		{"uncertainty", l_uncertainty},
		{"solve", l_solve},
		{NULL, NULL},
	};
	lua_pushglobaltable(L);
	luaL_setfuncs(L, globals, 0);
	lua_pop(L, 1);
}
