/* script_optimise: optimise{...}, the scenario's ask to choose among the model version's
 * candidates (issue #18): every field checked at the script line and kept as plain data in
 * scenario_spec.optimise; run/optimise.c does the choosing (docs/scenarios.md). */
#include "script_int.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* A number in messages: as short as it is exact enough ("80", "0.8"). */
static const char *num(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.10g", v == 0 ? 0.0 : v);
	return buf;
}

/* A non-negative amount of euros, field name of optimise{} (or of impact_cost, what), as
 * cents: integers exactly, other numbers rounded to the cent. */
static int64_t euros_arg(lua_State *L, int idx, const char *what)
{
	if (lua_type(L, idx) != LUA_TNUMBER)
		luaL_error(L, "optimise{}: %s must be a number of euros, not %s", what,
			   luaL_typename(L, idx));
	int64_t c;
	if (lua_isinteger(L, idx)) {
		lua_Integer e = lua_tointeger(L, idx);
		if (__builtin_mul_overflow((int64_t)e, 100, &c))
			luaL_error(L, "optimise{}: %s is too large", what);
	} else {
		double v = lua_tonumber(L, idx) * 100.0;
		if (!isfinite(v) || fabs(v) > 9.0e18)
			luaL_error(L, "optimise{}: %s is not a finite amount", what);
		c = (int64_t)llround(v);
	}
	if (c < 0)
		luaL_error(L, "optimise{}: %s must not be negative", what);
	return c;
}

/* A field that is a number >= 0 (FTE, a weight) in millionths or hundredths. */
static bool scaled_arg(lua_State *L, const char *name, double scale, int64_t *out)
{
	double v;
	if (!script_opt_number(L, 1, "optimise", name, &v))
		return false;
	char b[32];
	if (v < 0)
		luaL_error(L, "optimise{}: %s %s must not be negative", name, num(b, sizeof b, v));
	if (v * scale > 9.0e15)
		luaL_error(L, "optimise{}: %s is too large", name);
	*out = (int64_t)llround(v * scale);
	return true;
}

/* impact_cost's reading: the prices, and the key that set each (the keys are
 * case-insensitive, so 'laag' and 'LAAG' name one price: both given is an error, not the
 * one later in byte order taken without a word). */
typedef struct {
	int64_t *cents;
	char key[IMPACT_COUNT][8]; /* the key as written; "" until set (a word has <= 6 bytes) */
} impact_read;

static void impact_one(lua_State *L, void *ctx)
{
	impact_read *r = ctx;
	if (lua_type(L, -2) != LUA_TSTRING)
		luaL_error(L, "optimise{}: impact_cost takes the words geen, laag, midden and hoog "
			      "as keys, not %s",
			   luaL_typename(L, -2));
	const char *k = lua_tostring(L, -2);
	int w = -1;
	for (int i = 0; i < IMPACT_COUNT && w < 0; i++)
		if (strcasecmp(k, impact_words[i]) == 0)
			w = i;
	if (w < 0)
		script_unknown_word(L, (const char *const *)impact_words, k,
				    "optimise{}: unknown impact_cost key %s (the keys are geen, "
				    "laag, midden and hoog)",
				    text_quotez(k));
	if (r->key[w][0])
		luaL_error(L, "optimise{}: impact_cost prices '%s' twice: '%s' and '%s' (the keys "
			      "are case-insensitive)",
			   impact_words[w], r->key[w], k);
	snprintf(r->key[w], sizeof r->key[w], "%s", k);
	char what[64];
	snprintf(what, sizeof what, "impact_cost.%s", impact_words[w]);
	r->cents[w] = euros_arg(L, -1, what);
}

/* A list of candidate ids, field name: each an index into m->candidates, in the list's
 * order, each once; stored in the model's arena. */
static int32_t *id_list(lua_State *L, const char *name, size_t *n_out)
{
	const model *m = sandbox_of(L)->env->m;
	if (script_field(L, 1, name) == LUA_TNIL) {
		lua_pop(L, 1);
		*n_out = 0;
		return NULL;
	}
	if (lua_type(L, -1) != LUA_TTABLE)
		script_field_type_error(L, "optimise", name, "a list of candidate ids");
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t), keys = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		keys++;
		lua_pop(L, 1);
	}
	if (keys != n)
		luaL_error(L, "optimise{}: %s must be a list of candidate ids, not a table with "
			      "keys",
			   name);
	if ((uint64_t)n > m->ncandidates + 1)
		luaL_error(L, "optimise{}: %s lists %I ids, more than the %I candidates", name, n,
			   (lua_Integer)m->ncandidates);
	int32_t *ids = arena_zalloc(m->a, (size_t)n + 1, sizeof *ids);
	for (lua_Integer i = 1; i <= n; i++) {
		if (lua_rawgeti(L, t, i) != LUA_TSTRING)
			luaL_error(L, "optimise{}: %s entry %I is %s, not a candidate id", name, i,
				   luaL_typename(L, -1));
		const char *id = script_text_arg(L, -1, "optimise", name);
		int32_t c = model_candidate(m, id);
		if (c < 0 && model_measure(m, id) >= 0)
			luaL_error(L, "optimise{}: %s: '%s' is a measure of the plan, not a "
				      "candidate",
				   name, id);
		if (c < 0)
			script_unknown(L, NAMES_CANDIDATE, id, "optimise{}: %s: unknown candidate %s",
				       name, text_quotez(id));
		for (lua_Integer k = 1; k < i; k++)
			if (ids[k - 1] == c)
				luaL_error(L, "optimise{}: %s lists '%s' twice", name, id);
		ids[i - 1] = c;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	*n_out = (size_t)n;
	return ids;
}

static bool listed(const int32_t *ids, size_t n, int32_t c)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == c)
			return true;
	return false;
}

/* optimise{probability=, unit=, iterations=, fte_cost=, impact_cost={}, one_off_weight=,
 * candidates=, max_fte=, must=, never=, node_limit=, gap=}. */
static int l_optimise(lua_State *L)
{
	static const char *const ok[] = {"probability", "unit",      "iterations",
					 "fte_cost",    "impact_cost", "one_off_weight",
					 "candidates",  "max_fte",   "must",
					 "never",       "node_limit", "gap",
					 NULL};
	const char *fn = "optimise";
	sandbox *sb = sandbox_of(L);
	const model *m = sb->env->m;
	if (lua_type(L, 1) != LUA_TTABLE || lua_gettop(L) != 1)
		luaL_error(L, "optimise{}: give the ask as a table: optimise{probability=0.8, ...}");
	script_check_fields(L, 1, fn, ok);
	/* The script line of the call, also through pcall (a C function, no line of its own). */
	int line = sandbox_current_line(L);
	optimise_spec *o = &sb->spec->optimise;
	if (o->present)
		luaL_error(L, "optimise{}: a scenario asks once; optimise{} was called before "
			      "(line %d)",
			   o->line);
	optimise_spec n = {.present = true,
			   .file = scenario_file(sb->spec), /* for messages only */
			   .line = line,
			   .probability_ppm = (int64_t)(OPTIMISE_DEFAULT_PROBABILITY * PPM),
			   .unit = m->root,
			   .iterations = OPTIMISE_DEFAULT_ITERATIONS,
			   .one_off_weight_ppm = PPM,
			   .all_candidates = true,
			   .node_limit = OPTIMISE_DEFAULT_NODE_LIMIT,
			   .gap_ppm = OPTIMISE_DEFAULT_GAP_PPM};
	double p;
	char b1[32], b2[32], b3[32];
	if (script_opt_number(L, 1, fn, "probability", &p)) {
		/* A percentage typed as one (80 for 80%), as rates typed as 4 are refused. */
		if (p > 1 && p < 100)
			luaL_error(L, "optimise{}: probability %s is %s%%; write %s for %s%%",
				   num(b1, sizeof b1, p), num(b2, sizeof b2, 100 * p),
				   num(b3, sizeof b3, p / 100), num(b1, sizeof b1, p));
		if (!(p > 0 && p < 1))
			luaL_error(L, "optimise{}: probability %s must lie between 0 and 1, both "
				      "excluded (write 0.8 for 80%%)",
				   num(b1, sizeof b1, p));
		n.probability_ppm = (int64_t)llround(p * PPM);
		if (n.probability_ppm <= 0 || n.probability_ppm >= PPM)
			luaL_error(L, "optimise{}: probability %s rounds to %s in millionths",
				   num(b1, sizeof b1, p), n.probability_ppm <= 0 ? "0" : "1");
	}
	const char *u = script_opt_string(L, 1, fn, "unit", NULL);
	if (u)
		n.unit = script_unit_arg(L, u, fn, "unit");
	lua_Integer it;
	if (script_opt_integer(L, 1, fn, "iterations", &it)) {
		if (it < 1 || it > 1000000)
			luaL_error(L, "optimise{}: iterations %I must be 1 to 1000000", it);
		n.iterations = it;
	}
	if (script_field(L, 1, "fte_cost") != LUA_TNIL)
		n.fte_cost_cents = euros_arg(L, -1, "fte_cost");
	lua_pop(L, 1);
	int t = script_field(L, 1, "impact_cost");
	if (t != LUA_TNIL) {
		if (t != LUA_TTABLE)
			script_field_type_error(L, fn, "impact_cost",
						"a table like {geen=0, laag=50000, midden=250000, "
						"hoog=1000000}");
		impact_read r = {.cents = n.impact_cents};
		script_each_sorted(L, lua_gettop(L), impact_one, &r);
	}
	lua_pop(L, 1);
	scaled_arg(L, "one_off_weight", PPM, &n.one_off_weight_ppm);
	n.has_max_fte = scaled_arg(L, "max_fte", 100, &n.max_fte_centi);
	if (script_opt_integer(L, 1, fn, "node_limit", &it)) {
		if (it < 1 || it > 100000000)
			luaL_error(L, "optimise{}: node_limit %I must be 1 to 100000000", it);
		n.node_limit = it;
	}
	double g;
	if (script_opt_number(L, 1, fn, "gap", &g)) {
		if (!(g >= 0 && g < 1))
			luaL_error(L, "optimise{}: gap %s must lie from 0 to below 1 (write 0.01 "
				      "for 1%%)",
				   num(b1, sizeof b1, g));
		n.gap_ppm = (int64_t)llround(g * PPM);
	}
	n.all_candidates = script_field(L, 1, "candidates") == LUA_TNIL;
	lua_pop(L, 1);
	n.candidates = id_list(L, "candidates", &n.ncandidates);
	n.must = id_list(L, "must", &n.nmust);
	n.never = id_list(L, "never", &n.nnever);
	for (size_t i = 0; i < n.nmust; i++)
		if (listed(n.never, n.nnever, n.must[i]))
			luaL_error(L, "optimise{}: candidate '%s' is in both must and never",
				   m->candidates[n.must[i]].id);
	*o = n;
	return 0;
}

void script_open_optimise(lua_State *L)
{
	static const luaL_Reg globals[] = {
		{"optimise", l_optimise},
		{NULL, NULL},
	};
	lua_pushglobaltable(L);
	luaL_setfuncs(L, globals, 0);
	lua_pop(L, 1);
}
