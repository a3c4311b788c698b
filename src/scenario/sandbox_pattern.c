/* sandbox_pattern: string.find, match, gmatch and gsub with their worst case bounded
 * before they run (Lua's matcher backtracks, in C, out of reach of the instruction
 * budget). The bound is computed from the pattern and the subject's length alone. */
#include "sandbox.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

/* ---- pattern functions ----
 * Lua's matcher backtracks: ".-.-.-.-b" over a million bytes takes minutes in one call.
 * Before string.find, match, gmatch and gsub run, the worst case of the call is bounded
 * from the pattern and the subject's length n, and a call whose bound passes
 * SANDBOX_PATTERN_MAX_STEPS is refused. The bound follows lstrlib's match() item by
 * item, from the end of the pattern: a repeated item tries the rest of the pattern at up
 * to n + 1 places, unless the rest cannot fail (then only its first try counts). */

static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
	return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

/* The end of the single-character class at p (lstrlib's classend), or NULL if it is
 * malformed. Lua strings end in a NUL, so *end may be read. */
static const char *pat_classend(const char *p, const char *end)
{
	switch (*p++) {
	case '%':
		return p < end ? p + 1 : NULL;
	case '[':
		if (*p == '^')
			p++;
		do {
			if (p >= end)
				return NULL;
			if (*p++ == '%' && p < end)
				p++;
		} while (p >= end || *p != ']');
		return p + 1;
	default:
		return p;
	}
}

typedef struct pat_item {
	char kind; /* '(' or ')' (captures), '$' (end anchor), 'b' (%b), 'f' (%f), '1' (a
		    * back-reference), 'c' (a class), '!' (malformed from here on) */
	char suffix; /* for 'c': '*', '+', '-', '?' or 0 */
	bool dot;    /* for 'c': the class is '.', which matches every byte */
	uint64_t k;  /* the cost of one test of the class */
} pat_item;

/* The items of p[0..lp) into items (room for lp + 1); returns how many. */
static size_t pat_items(const char *p, size_t lp, pat_item *items)
{
	const char *end = p + lp;
	size_t n = 0;
	while (p < end) {
		pat_item *it = &items[n++];
		*it = (pat_item){.kind = 'c', .k = 1};
		if (*p == '(') {
			it->kind = '(';
			p += (p + 1 < end && p[1] == ')') ? 2 : 1;
		} else if (*p == ')') {
			it->kind = ')';
			p++;
		} else if (*p == '$' && p + 1 == end) {
			it->kind = '$';
			p++;
		} else if (*p == '%' && p + 1 < end && p[1] == 'b') {
			it->kind = 'b';
			if (end - p < 4) {
				it->kind = '!';
				break;
			}
			p += 4;
		} else if (*p == '%' && p + 1 < end && p[1] == 'f') {
			p += 2;
			const char *ep = p < end && *p == '[' ? pat_classend(p, end) : NULL;
			if (!ep) {
				it->kind = '!';
				break;
			}
			it->kind = 'f';
			it->k = (uint64_t)(ep - p);
			p = ep;
		} else if (*p == '%' && p + 1 < end && p[1] >= '0' && p[1] <= '9') {
			it->kind = '1';
			p += 2;
		} else {
			const char *ep = pat_classend(p, end);
			if (!ep) {
				it->kind = '!';
				break;
			}
			it->k = (uint64_t)(ep - p);
			it->dot = *p == '.';
			if (ep < end && strchr("*+-?", *ep) && *ep) {
				it->suffix = *ep;
				ep++;
			}
			p = ep;
		}
	}
	return n;
}

typedef struct pat_cost {
	uint64_t steps;   /* worst case of one try from one place */
	bool always;      /* cannot fail, from any place */
	bool at_end;      /* cannot fail at the end of the subject */
} pat_cost;

/* The cost of items[from..n) over a subject of ns bytes. */
static pat_cost pat_rest_cost(const pat_item *items, size_t from, size_t n, uint64_t ns)
{
	pat_cost c = {1, true, true};
	uint64_t places = sat_add(ns, 1);
	for (size_t i = n; i-- > from;) {
		const pat_item *it = &items[i];
		pat_cost r = c;
		switch (it->kind) {
		case '!': c = (pat_cost){1, false, false}; break;
		case '(':
		case ')': c.steps = sat_add(r.steps, 1); break;
		case '$': c = (pat_cost){1, false, true}; break;
		case 'b':
		case '1': c = (pat_cost){sat_add(sat_add(ns, 2), r.steps), false, false}; break;
		case 'f': c = (pat_cost){sat_add(sat_mul(2, it->k) + 1, r.steps), false, false}; break;
		default: {
			bool first = r.always || (it->dot && r.at_end); /* the first try succeeds */
			switch (it->suffix) {
			case 0:
				c = (pat_cost){sat_add(it->k + 1, r.steps), false, false};
				break;
			case '?':
				c.steps = sat_add(it->k + 1, r.always ? r.steps : sat_mul(2, r.steps));
				break;
			case '*':
			case '+':
				/* max_expand: scan, then try the rest from the longest run back */
				c.steps = sat_add(sat_mul(places, it->k) + 1,
						  first ? r.steps : sat_mul(places, r.steps));
				c.always = it->suffix == '*' && first;
				c.at_end = it->suffix == '*' && r.at_end;
				break;
			case '-':
				/* min_expand: try the rest, then one more repetition */
				c.steps = sat_add(1, r.always ? r.steps
							 : sat_mul(places, sat_add(r.steps, it->k)));
				c.always = first;
				break;
			}
		}
		}
	}
	return c;
}

/* The worst case of a whole call: how many places are tried (find and match stop at the
 * first match; gsub and gmatch try each place at most twice), and the cheaper bound when
 * the pattern starts with a class whose rest cannot fail (a run is scanned once). */
static uint64_t pat_call_cost(const char *p, size_t lp, uint64_t ns, bool anchor, bool all)
{
	pat_item *items = malloc((lp + 1) * sizeof *items);
	if (!items)
		return UINT64_MAX;
	size_t n = pat_items(p, lp, items);
	pat_cost c = pat_rest_cost(items, 0, n, ns);
	uint64_t places = sat_add(ns, 1), tries = all ? sat_mul(2, places) : places;
	uint64_t steps = anchor ? c.steps : sat_mul(tries, c.steps);
	if (!anchor && n > 0 && items[0].kind == 'c') {
		pat_cost r = pat_rest_cost(items, 1, n, ns);
		if (r.always) {
			uint64_t linear = sat_add(sat_mul(sat_add(sat_mul(3, ns), 2), items[0].k),
						  sat_mul(tries, sat_add(r.steps, 1)));
			if (linear < steps)
				steps = linear;
		}
	}
	free(items);
	return steps;
}

static bool has_specials(const char *p, size_t lp)
{
	for (size_t i = 0; i < lp; i++)
		if (p[i] && strchr("^$*+?.([%-", p[i]))
			return true;
	return false;
}

/* The checked call: which = 'f' (find), 'm' (match), 'g' (gmatch), 's' (gsub). */
static int pattern_call(lua_State *L, char which, const char *name)
{
	sandbox_check(L);
	size_t ls, lp;
	luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	uint64_t steps;
	if (which == 'f' && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
		steps = sat_mul(sat_add(ls, 1), sat_add(lp, 1)); /* memchr and memcmp */
	} else {
		bool anchor = which != 'g' && lp > 0 && *p == '^';
		steps = pat_call_cost(p + anchor, lp - anchor, ls, anchor,
				      which == 'g' || which == 's');
	}
	if (steps > SANDBOX_PATTERN_MAX_STEPS)
		luaL_error(L, "%s: pattern %s could take more than %I steps on a subject of %I "
			      "bytes; use a simpler pattern or a shorter subject", name,
			   text_quote(p, lp), (lua_Integer)SANDBOX_PATTERN_MAX_STEPS,
			   (lua_Integer)ls);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

static int l_find(lua_State *L)
{
	return pattern_call(L, 'f', "string.find");
}

static int l_match(lua_State *L)
{
	return pattern_call(L, 'm', "string.match");
}

static int l_gmatch(lua_State *L)
{
	return pattern_call(L, 'g', "string.gmatch");
}

static int l_gsub(lua_State *L)
{
	return pattern_call(L, 's', "string.gsub");
}

void sandbox_wrap_patterns(lua_State *L)
{
	static const struct {
		const char *name;
		lua_CFunction fn;
	} wrapped[] = {
		{"find", l_find},
		{"match", l_match},
		{"gmatch", l_gmatch},
		{"gsub", l_gsub},
	};
	for (size_t i = 0; i < sizeof wrapped / sizeof *wrapped; i++) {
		lua_getfield(L, -1, wrapped[i].name);
		lua_pushcclosure(L, wrapped[i].fn, 1);
		lua_setfield(L, -2, wrapped[i].name);
	}
}
