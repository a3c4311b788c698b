/* sandbox: see sandbox.h. What a script can reach is decided here: the libraries opened,
 * the functions taken away or replaced, and the limits (memory cap in the allocator,
 * instruction budget in the count hook). */
#include "sandbox.h"
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sandbox *sb_of(lua_State *L)
{
	return *(sandbox **)lua_getextraspace(L);
}

/* ---- limits ---- */

int current_line(lua_State *L)
{
	lua_Debug ar;
	for (int level = 0; lua_getstack(L, level, &ar); level++) {
		if (lua_getinfo(L, "l", &ar) && ar.currentline > 0)
			return ar.currentline;
	}
	return 0;
}

void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		free(ptr);
		sb->mem_used -= old;
		return NULL;
	}
	if (nsize > old && sb->mem_used - old + nsize > sb->env->limits.max_memory_bytes) {
		if (!sb->mem_hit && sb->L)
			sb->mem_line = current_line(sb->L);
		sb->mem_hit = true;
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (p)
		sb->mem_used = sb->mem_used - old + nsize;
	return p;
}

void count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	sandbox *sb = sb_of(L);
	sb->instructions += HOOK_EVERY;
	if (sb->instructions > sb->env->limits.max_instructions) {
		/* The hook stays: should a pcall catch this, the next count raises it again,
		 * and pcall itself refuses to go on (see l_pcall). */
		sb->exhausted = true;
		/* lua_pushfstring knows no %llu: format here; keep the first message, so that
		 * whatever a script's handlers do, this is what is reported. */
		if (!sb->limit_msg[0])
			snprintf(sb->limit_msg, sizeof sb->limit_msg,
				 "%s:%d: instruction budget of %llu exhausted (see --max-instructions)",
				 sb->path, current_line(L),
				 (unsigned long long)sb->env->limits.max_instructions);
		lua_pushstring(L, sb->limit_msg);
		lua_error(L);
	}
}

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

/* push_sorted_keys: push a sequence of the keys of the table at idx in sorted order and
 * return how many; keys of other types than number and string are an error (they have no
 * order that does not depend on addresses). */
lua_Integer push_sorted_keys(lua_State *L, int idx)
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
	luaL_checktype(L, 1, LUA_TTABLE);
	push_sorted_keys(L, 1);
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
	sandbox *sb = sb_of(L);
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

static int l_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
	return finish_pcall(L, status, 2);
}

/* setmetatable refusing __gc: Lua runs finalizers with hooks off, so the instruction
 * budget could not stop one that loops. */
static int l_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			luaL_error(L, "setmetatable: __gc metamethods are not allowed in scenarios");
		lua_pop(L, 1);
	}
	lua_getglobal(L, "\x01setmetatable");
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
	FILE *out = sb_of(L)->env->print_out;
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

static int l_randomseed(lua_State *L)
{
	luaL_checkinteger(L, 1); /* without a seed, Lua would read the clock */
	lua_getglobal(L, "math");
	lua_getfield(L, -1, "\x01randomseed");
	lua_pushvalue(L, 1);
	lua_call(L, 1, 0);
	return 0;
}

/* ---- the state ---- */

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
	static const char *const removed[] = {"dofile", "loadfile", "load", "collectgarbage",
					      "require", NULL};
	for (size_t i = 0; removed[i]; i++) {
		lua_pushnil(L);
		lua_setglobal(L, removed[i]);
	}
	lua_getglobal(L, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_getglobal(L, "setmetatable");
	lua_setglobal(L, "\x01setmetatable");
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
	lua_setfield(L, -3, "\x01randomseed");
	lua_pushinteger(L, (lua_Integer)seed);
	lua_call(L, 1, 0);
	lua_pushcfunction(L, l_randomseed);
	lua_setfield(L, -2, "randomseed");
	lua_pop(L, 1);

	static const luaL_Reg base[] = {
		{"pairs", l_sorted_pairs},
		{"sorted", l_sorted_pairs},
		{"print", l_print},
		{"pcall", l_pcall},
		{"xpcall", l_xpcall},
		{"tostring", l_tostring},
		{"setmetatable", l_setmetatable},
		{NULL, NULL},
	};
	lua_pushglobaltable(L);
	luaL_setfuncs(L, base, 0);
	lua_pop(L, 1);
}
