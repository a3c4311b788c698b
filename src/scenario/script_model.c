/* script_model: the global table `model`, the script's read-only view of the model
 * version: its units, categories, measures, base-year amounts, FTE, targets in force and
 * the savings of its own plan. Money goes out as euros (integers when whole). */
#include "script_int.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <string.h>

static void push_euros(lua_State *L, int64_t cents)
{
	if (cents % 100 == 0)
		lua_pushinteger(L, cents / 100);
	else
		lua_pushnumber(L, (double)cents / 100.0);
}

static const model *M(lua_State *L)
{
	return sandbox_of(L)->env->m;
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

/* A name argument (a unit, category or measure code): a Lua string may hold a NUL, which
 * the lookups by C string would cut short ("DIV1\0junk" found DIV1): an error instead. */
static const char *name_arg(lua_State *L, int idx)
{
	size_t len;
	const char *s = luaL_checklstring(L, idx, &len);
	const char *nul = memchr(s, '\0', len);
	if (nul)
		luaL_error(L, "NUL byte at byte %I of the name %s", (lua_Integer)(nul - s) + 1,
			   text_quote(s, len));
	return s;
}

static int32_t unit_param(lua_State *L, int idx)
{
	const char *code = name_arg(L, idx);
	int32_t u = model_unit(M(L), code);
	if (u < 0)
		script_unknown(L, NAMES_UNIT, code, "unknown unit %s", text_quotez(code));
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
	const char *code = name_arg(L, 1);
	int32_t u = model_unit(M(L), code);
	if (u < 0) {
		script_missing(L, "model.unit", NAMES_UNIT, code);
		lua_pushnil(L);
	}
	else
		push_unit(L, u);
	return 1;
}

/* model.categories(): {code, kind, label, staff} per category in file order; staff is
 * "employed" or "hired" for a personnel category and absent (nil) for the other kinds,
 * whose staff cell is empty in categories.csv. */
static int m_categories(lua_State *L)
{
	const model *m = M(L);
	lua_createtable(L, (int)m->ncats, 0);
	for (size_t c = 0; c < m->ncats; c++) {
		lua_createtable(L, 0, 4);
		lua_pushstring(L, m->cats[c].code);
		lua_setfield(L, -2, "code");
		lua_pushstring(L, category_kind_word(m->cats[c].kind));
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, m->cats[c].label);
		lua_setfield(L, -2, "label");
		if (m->cats[c].kind == KIND_PERSONNEL) {
			lua_pushstring(L, m->cats[c].hired ? "hired" : "employed");
			lua_setfield(L, -2, "staff");
		}
		lua_seti(L, -2, (lua_Integer)c + 1);
	}
	return 1;
}

/* model.baseline(unit [, category or kind]): the subtree's base-year amount in euros;
 * without the second argument, its costs (personnel + procurement + other_cost +
 * depreciation). */
static int m_baseline(lua_State *L)
{
	const script_env *env = sandbox_of(L)->env;
	const model *m = env->m;
	int32_t u = unit_param(L, 1);
	const int64_t *k = &env->bt->by_kind_cents[(size_t)u * KIND_COUNT];
	if (lua_isnoneornil(L, 2)) {
		push_euros(L, k[KIND_PERSONNEL] + k[KIND_PROCUREMENT] + k[KIND_OTHER_COST] +
				      k[KIND_DEPRECIATION]);
		return 1;
	}
	const char *what = name_arg(L, 2);
	int kind = category_kind_parse(what, strlen(what));
	if (kind >= 0) {
		push_euros(L, k[kind]);
		return 1;
	}
	int32_t c = model_category(m, what);
	if (c < 0)
		script_unknown(L, NAMES_CATEGORY, what, "model.baseline: unknown category or kind %s",
			       text_quotez(what));
	push_euros(L, env->bt->by_cat_cents[(size_t)u * m->ncats + (size_t)c]);
	return 1;
}

static int m_fte(lua_State *L)
{
	int32_t u = unit_param(L, 1);
	lua_pushnumber(L, (double)sandbox_of(L)->env->bt->fte_centi[u] / 100.0);
	return 1;
}

static int m_cost_per_fte(lua_State *L)
{
	const script_env *env = sandbox_of(L)->env;
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
	const script_env *env = sandbox_of(L)->env;
	int32_t u = unit_param(L, 1);
	lua_Integer year = luaL_optinteger(L, 2, env->m->target_year);
	int yi = script_year_index(env->m, year);
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
	if (ms->one_off_cents) { /* a candidate's: what adopting it costs once */
		push_euros(L, ms->one_off_cents);
		lua_setfield(L, -2, "one_off_cost");
	}
}

/* The measures of ms[0..n) in order that match the filter at stack index 1, if any
 * (unit covers its subtree), as a new list; fn names the function in messages. */
static int filtered(lua_State *L, const measure *list, size_t count, const char *fn)
{
	const model *m = M(L);
	script_measure_filter f = {-1, -1, -1, -1, 0};
	if (!lua_isnoneornil(L, 1))
		f = script_filter_arg(L, 1, fn);
	lua_newtable(L);
	lua_Integer n = 1;
	for (size_t i = 0; i < count; i++) {
		const measure *ms = &list[i];
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

/* model.measures{unit=, status=, nature=, pillar=, category=}: the model's measures in
 * file order that match every filter given. */
static int m_measures(lua_State *L)
{
	return filtered(L, M(L)->measures, M(L)->nmeasures, "model.measures");
}

/* model.candidates{...}: as model.measures, the candidates (candidates/), with their
 * one_off_cost; none of them is in the plan unless adopt{} takes it. */
static int m_candidates(lua_State *L)
{
	return filtered(L, M(L)->candidates, M(L)->ncandidates, "model.candidates");
}

/* model.savings(unit [, year]): the structural savings of the model's own plan in the
 * unit's subtree, in euros (default: the target year). */
static int m_savings(lua_State *L)
{
	const script_env *env = sandbox_of(L)->env;
	int32_t u = unit_param(L, 1);
	lua_Integer year = luaL_optinteger(L, 2, env->m->target_year);
	int yi = script_year_index(env->m, year);
	if (yi < 0)
		luaL_error(L, "model.savings: %I is not a plan year", year);
	push_euros(L, cons_cell(env->c, u, yi)->structural_cents);
	return 1;
}

static int m_measure(lua_State *L)
{
	const char *id = name_arg(L, 1);
	int32_t ix = model_measure(M(L), id);
	if (ix < 0) {
		script_missing(L, "model.measure", NAMES_MEASURE, id);
		lua_pushnil(L);
	}
	else
		push_measure(L, &M(L)->measures[ix]);
	return 1;
}

void script_open_model(lua_State *L)
{
	static const luaL_Reg model_fns[] = {
		{"units", m_units},         {"unit", m_unit},
		{"categories", m_categories}, {"baseline", m_baseline},
		{"fte", m_fte},             {"cost_per_fte", m_cost_per_fte},
		{"target", m_target},       {"measures", m_measures},
		{"measure", m_measure},     {"savings", m_savings},
		{"candidates", m_candidates},
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
