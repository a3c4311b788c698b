/* sandbox_lib: what a script can reach: the libraries opened, the functions taken away,
 * and replacements so that no result depends on the run (sorted pairs and next, tostring
 * without addresses) and no C work escapes the limits (pcall, setmetatable, the table
 * functions, string.rep); Lua's originals stay only as upvalues of their replacements. */
#include "sandbox.h"
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sorted iteration ---- */

/* A key of a table, for sorting: numbers (by value) before strings (by bytes). The
 * strings stay anchored in the table while the keys are sorted. */
typedef struct skey {
	bool is_string, is_int;
	lua_Integer i;
	lua_Number n;
	const char *s;
	size_t len;
	lua_Integer slot; /* its position in the unsorted key list */
} skey;

static int cmp_skey(const void *pa, const void *pb)
{
	const skey *a = pa, *b = pb;
	if (a->is_string != b->is_string)
		return a->is_string ? 1 : -1;
	if (a->is_string) {
		int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
		return c ? c : (a->len < b->len ? -1 : a->len > b->len);
	}
	if (a->is_int && b->is_int)
		return a->i < b->i ? -1 : a->i > b->i;
	lua_Number x = a->is_int ? (lua_Number)a->i : a->n, y = b->is_int ? (lua_Number)b->i : b->n;
	return x < y ? -1 : x > y;
}

/* sandbox_push_sorted_keys: push a sequence of the keys of the table at idx in sorted
 * order and return how many; keys of other types than number and string are an error
 * (they have no order that does not depend on addresses). */
lua_Integer sandbox_push_sorted_keys(lua_State *L, int idx)
{
	int t = lua_absindex(L, idx);
	lua_newtable(L); /* the keys as found */
	int found = lua_gettop(L);
	lua_Integer n = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		int ty = lua_type(L, -1);
		if (ty != LUA_TNUMBER && ty != LUA_TSTRING)
			luaL_error(L, "keys of type %s have no order; use ipairs or string keys",
				   lua_typename(L, ty));
		lua_pushvalue(L, -1);
		lua_seti(L, found, ++n);
	}
	/* The sort array is a Lua userdata, so a memory error on the way cannot leak it. */
	skey *k = lua_newuserdatauv(L, (n ? (size_t)n : 1) * sizeof *k, 0);
	int kud = lua_gettop(L);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, found, i);
		skey *x = &k[i - 1];
		memset(x, 0, sizeof *x);
		x->slot = i;
		if (lua_type(L, -1) == LUA_TSTRING) {
			x->is_string = true;
			x->s = lua_tolstring(L, -1, &x->len); /* anchored by `found` */
		} else if (lua_isinteger(L, -1)) {
			x->is_int = true;
			x->i = lua_tointeger(L, -1);
		} else {
			x->n = lua_tonumber(L, -1);
		}
		lua_pop(L, 1);
	}
	qsort(k, (size_t)n, sizeof *k, cmp_skey);
	lua_createtable(L, (int)n, 0);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, found, k[i - 1].slot);
		lua_seti(L, -2, i);
	}
	lua_remove(L, kud);
	lua_remove(L, found);
	return n;
}

/* The iterator: upvalue 1 is the sorted key list, 2 the position, 3 the table. */
static int sorted_next(lua_State *L)
{
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;
	if (lua_geti(L, lua_upvalueindex(1), i) == LUA_TNIL)
		return 1;
	lua_pushinteger(L, i);
	lua_replace(L, lua_upvalueindex(2));
	lua_pushvalue(L, -1);
	lua_gettable(L, lua_upvalueindex(3));
	return 2;
}

/* pairs(t) and sorted(t): iterate t in sorted key order, so that no result depends on
 * the hash order of a table (Lua seeds its string hashes anew on every run). */
static int l_sorted_pairs(lua_State *L)
{
	sandbox_check(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	sandbox_push_sorted_keys(L, 1);
	lua_pushinteger(L, 0);
	lua_pushvalue(L, 1);
	lua_pushcclosure(L, sorted_next, 3);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* pcall and xpcall that cannot swallow the sandbox's limits: once the instruction budget
 * or the memory cap is exhausted the error goes on up, whatever the script catches. */
static int finish_pcall(lua_State *L, int status, lua_KContext extra)
{
	(void)extra;
	sandbox *sb = sandbox_of(L);
	if (status != LUA_OK && status != LUA_YIELD && (sb->exhausted || sb->mem_hit)) {
		/* Not the handler's result: the limit's own message goes on up. */
		if (sb->exhausted)
			lua_pushstring(L, sb->limit_msg);
		return lua_error(L);
	}
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_insert(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

static int l_pcall(lua_State *L)
{
	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
	return finish_pcall(L, status, 0);
}

/* The message handler xpcall passes to Lua: the script's own (upvalue 1), unless a limit is
 * spent. The budget's error is raised in the count hook, and Lua calls the handler from
 * there with hooks off: a handler that looped would never be stopped. */
static int guarded_handler(lua_State *L)
{
	sandbox *sb = sandbox_of(L);
	if (sb->exhausted || sb->mem_hit)
		return 1; /* finish_pcall passes the limit's message on anyway */
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int l_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, guarded_handler, 1);
	lua_replace(L, 2);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
	return finish_pcall(L, status, 2);
}

/* setmetatable refusing __gc and __mode. Lua runs finalizers with hooks off, so the
 * instruction budget could not stop one that loops; a table with weak keys (an ephemeron
 * table) lets a chain of entries make one garbage collection quadratic, in C. The real
 * setmetatable is upvalue 1, out of every table a script can reach. */
static int l_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (lua_type(L, 2) == LUA_TTABLE) {
		static const char *const refused[][2] = {
			{"__gc", "__gc metamethods are"},
			{"__mode", "__mode (weak tables) is"},
		};
		for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
			lua_pushstring(L, refused[i][0]);
			if (lua_rawget(L, 2) != LUA_TNIL)
				luaL_error(L, "setmetatable: %s not allowed in scenarios",
					   refused[i][1]);
			lua_pop(L, 1);
		}
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* tostring without addresses: a table, function or thread prints as its type, so output
 * is the same on every run (unless it has __tostring or __name). */
static const char *det_tolstring(lua_State *L, int i, size_t *len)
{
	int t = lua_type(L, i);
	if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD || t == LUA_TUSERDATA ||
	     t == LUA_TLIGHTUSERDATA) &&
	    !luaL_getmetafield(L, i, "__tostring")) {
		lua_pushstring(L, lua_typename(L, t));
		return lua_tolstring(L, -1, len);
	}
	if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD || t == LUA_TUSERDATA ||
	    t == LUA_TLIGHTUSERDATA)
		lua_pop(L, 1); /* the __tostring field luaL_getmetafield pushed */
	return luaL_tolstring(L, i, len);
}

static int l_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	size_t len;
	det_tolstring(L, 1, &len);
	return 1;
}

static int l_print(lua_State *L)
{
	FILE *out = sandbox_of(L)->env->print_out;
	int n = lua_gettop(L);
	for (int i = 1; i <= n; i++) {
		size_t len;
		const char *s = det_tolstring(L, i, &len);
		if (i > 1)
			fputc('\t', out);
		fwrite(s, 1, len, out);
		lua_pop(L, 1);
	}
	fputc('\n', out);
	return 0;
}

/* string.format without addresses: "%p" is refused, and "%s" of a table, function or
 * other reference is written as tostring writes it (its type, or its __tostring), never
 * as Lua's "table: 0x...". The real string.format is upvalue 1. */
static int l_format(lua_State *L)
{
	sandbox_check(L);
	size_t lf;
	const char *f = luaL_checklstring(L, 1, &lf);
	int arg = 1, top = lua_gettop(L);
	for (size_t i = 0; i < lf; i++) {
		if (f[i] != '%')
			continue;
		if (++i < lf && f[i] == '%')
			continue;
		arg++;
		while (i < lf && f[i] && strchr("-+ #0123456789.", f[i]))
			i++;
		if (i >= lf)
			break; /* a bad conversion: the real one says so */
		if (f[i] == 'p')
			luaL_error(L, "string.format: '%%p' (a memory address) is not allowed in "
				      "scenarios");
		if (f[i] == 's' && arg <= top) {
			int t = lua_type(L, arg);
			if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TNIL &&
			    t != LUA_TBOOLEAN) {
				size_t len;
				det_tolstring(L, arg, &len);
				lua_replace(L, arg);
			}
		}
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, top, 1);
	return 1;
}

/* math.randomseed with a seed only (without one, Lua would read the clock); the real one
 * is upvalue 1. */
static int l_randomseed(lua_State *L)
{
	luaL_checkinteger(L, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 1);
	lua_call(L, 1, 0);
	return 0;
}

/* ---- C work the instruction budget does not see ----
 * A library function runs in C between two counts of the hook: one call can loop for
 * ages without a single VM instruction. The functions whose work is not bounded by the
 * size of what they are given or return are wrapped: their work is either counted
 * against the budget (table.insert, table.remove, table.move, next) or bounded before
 * the call (string.rep, the pattern functions: sandbox_pattern.c). */

/* next in sorted key order (as pairs), so that what a script does with it is the same on
 * every run: next(t) is the smallest key, next(t, k) the smallest key after k (k need
 * not be in t any more). Each call looks at every key, and counts as much. */
static bool key_of(lua_State *L, int idx, skey *k)
{
	memset(k, 0, sizeof *k);
	if (lua_type(L, idx) == LUA_TSTRING) {
		k->is_string = true;
		k->s = lua_tolstring(L, idx, &k->len);
	} else if (lua_isinteger(L, idx)) {
		k->is_int = true;
		k->i = lua_tointeger(L, idx);
	} else if (lua_type(L, idx) == LUA_TNUMBER) {
		k->n = lua_tonumber(L, idx);
	} else {
		return false;
	}
	return true;
}

static int l_next(lua_State *L)
{
	sandbox_check(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	skey after, best, k;
	bool have_after = !lua_isnil(L, 2), have_best = false;
	if (have_after && !key_of(L, 2, &after))
		luaL_error(L, "next: keys of type %s have no order; use ipairs or string keys",
			   luaL_typename(L, 2));
	lua_pushnil(L); /* 3: the best key so far */
	uint64_t seen = 0;
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		seen++;
		if (!key_of(L, -1, &k))
			luaL_error(L, "keys of type %s have no order; use ipairs or string keys",
				   luaL_typename(L, -1));
		if ((!have_after || cmp_skey(&k, &after) > 0) &&
		    (!have_best || cmp_skey(&k, &best) < 0)) {
			lua_copy(L, -1, 3); /* anchors best.s while the walk goes on */
			key_of(L, 3, &best);
			have_best = true;
		}
	}
	sandbox_charge(L, seen);
	if (!have_best)
		return 1; /* nil: no more keys */
	lua_pushvalue(L, 3);
	lua_rawget(L, 1);
	return 2;
}

/* table.insert and table.remove as Lua's, with the elements they shift counted: with a
 * __len of 2^62 they looped in C for ages. The length is taken once. */
static int l_tinsert(lua_State *L)
{
	sandbox_check(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer e = luaL_len(L, 1);
	e = (lua_Integer)((lua_Unsigned)e + 1u); /* the first empty slot */
	lua_Integer pos;
	switch (lua_gettop(L)) {
	case 2:
		pos = e;
		break;
	case 3:
		pos = luaL_checkinteger(L, 2);
		luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2,
			      "position out of bounds");
		sandbox_charge(L, (lua_Unsigned)e - (lua_Unsigned)pos);
		for (lua_Integer i = e; i > pos; i--) {
			lua_geti(L, 1, i - 1);
			lua_seti(L, 1, i);
		}
		break;
	default:
		return luaL_error(L, "wrong number of arguments to 'insert'");
	}
	lua_seti(L, 1, pos);
	return 0;
}

static int l_tremove(lua_State *L)
{
	sandbox_check(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer size = luaL_len(L, 1);
	lua_Integer pos = luaL_optinteger(L, 2, size);
	if (pos != size)
		luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2,
			      "position out of bounds");
	if (pos < size)
		sandbox_charge(L, (lua_Unsigned)size - (lua_Unsigned)pos);
	lua_geti(L, 1, pos);
	for (; pos < size; pos++) {
		lua_geti(L, 1, pos + 1);
		lua_seti(L, 1, pos);
	}
	lua_pushnil(L);
	lua_seti(L, 1, pos);
	return 1;
}

/* table.move(a1, f, e, t [, a2]) counts its e - f + 1 elements, then is Lua's (upvalue 1). */
static int l_tmove(lua_State *L)
{
	sandbox_check(L);
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	luaL_checkinteger(L, 4);
	if (e >= f)
		sandbox_charge(L, (lua_Unsigned)e - (lua_Unsigned)f + 1u);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* string.rep: when the result is empty (an empty string and separator), Lua still counted
 * to n in C; the result is "" whatever n is. Otherwise Lua's (upvalue 1), whose loop is
 * bounded by the result's size, and so by the memory cap. */
static int l_rep(lua_State *L)
{
	sandbox_check(L);
	size_t l, lsep;
	luaL_checklstring(L, 1, &l);
	luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (l == 0 && lsep == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* ---- the state ---- */

/* The globals of Lua's base library the sandbox removes. warn writes nowhere (no warning
 * function is set): a global that does nothing only misleads. */
static const char *const removed[] = {"dofile", "loadfile", "load", "collectgarbage",
				      "require", "warn", NULL};
/* The standard libraries it does not open, for sandbox_left_out. */
static const char *const not_opened[] = {"io", "os", "debug", "package", "coroutine", NULL};

bool sandbox_left_out(const char *name)
{
	for (size_t i = 0; removed[i]; i++)
		if (strcmp(name, removed[i]) == 0)
			return true;
	for (size_t i = 0; not_opened[i]; i++)
		if (strcmp(name, not_opened[i]) == 0)
			return true;
	return false;
}

void sandbox_open(lua_State *L, uint64_t seed)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},       {LUA_TABLIBNAME, luaopen_table},
		{LUA_STRLIBNAME, luaopen_string}, {LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8},  {NULL, NULL},
	};
	for (const luaL_Reg *lib = libs; lib->func; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	for (size_t i = 0; removed[i]; i++) {
		lua_pushnil(L);
		lua_setglobal(L, removed[i]);
	}
	lua_getglobal(L, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	static const struct {
		const char *name;
		lua_CFunction fn;
	} wrapped[] = {
		{"format", l_format},
		{"rep", l_rep},
	};
	for (size_t i = 0; i < sizeof wrapped / sizeof *wrapped; i++) {
		lua_getfield(L, -1, wrapped[i].name);
		lua_pushcclosure(L, wrapped[i].fn, 1);
		lua_setfield(L, -2, wrapped[i].name);
	}
	sandbox_wrap_patterns(L);
	lua_pop(L, 1);
	lua_getglobal(L, "table");
	lua_pushcfunction(L, l_tinsert);
	lua_setfield(L, -2, "insert");
	lua_pushcfunction(L, l_tremove);
	lua_setfield(L, -2, "remove");
	lua_getfield(L, -1, "move");
	lua_pushcclosure(L, l_tmove, 1);
	lua_setfield(L, -2, "move");
	lua_pop(L, 1);
	/* Hide the string metatable: getmetatable("") returns false. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
	/* math.random from the run's seed; math.randomseed needs an explicit seed. */
	lua_getglobal(L, "math");
	lua_getfield(L, -1, "randomseed");
	lua_pushvalue(L, -1);
	lua_pushinteger(L, (lua_Integer)seed);
	lua_call(L, 1, 0);
	lua_pushcclosure(L, l_randomseed, 1);
	lua_setfield(L, -2, "randomseed");
	lua_pop(L, 1);
	/* The replaced functions keep the real ones as upvalues, never in a table a script
	 * can reach (pairs(_G) would list them). */
	lua_pushglobaltable(L);
	lua_getfield(L, -1, "setmetatable");
	lua_pushcclosure(L, l_setmetatable, 1);
	lua_setfield(L, -2, "setmetatable");
	lua_pop(L, 1);

	static const luaL_Reg base[] = {
		{"pairs", l_sorted_pairs},
		{"sorted", l_sorted_pairs},
		{"next", l_next},
		{"print", l_print},
		{"pcall", l_pcall},
		{"xpcall", l_xpcall},
		{"tostring", l_tostring},
		{NULL, NULL},
	};
	lua_pushglobaltable(L);
	luaL_setfuncs(L, base, 0);
	lua_pop(L, 1);
}
