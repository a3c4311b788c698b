/* sandbox: see sandbox.h. What a script can reach is decided here: the libraries opened,
 * the functions taken away or replaced, and the limits (memory cap in the allocator,
 * instruction budget in the count hook, caps on the library functions whose C work the
 * budget cannot see, and the CPU-time watchdog). Lua's own functions that are replaced
 * stay only as upvalues of their replacements, out of every table a script can reach. */
#include "sandbox.h"
#include "../core/interrupt.h"
#include "../io/text.h"
#include <lauxlib.h>
#include <errno.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The CPU-time limit's text, after "LABEL:LINE: ". */
static void cpu_text(const sandbox *sb, char *buf, size_t size)
{
	snprintf(buf, size,
		 "CPU-time limit of %llu s exceeded (the one limit that depends on the machine's "
		 "speed; it grows with --max-instructions)",
		 (unsigned long long)(sb->cpu_limit_ms / 1000));
}

/* Keep the CPU-time limit's message as the limit's message (unless another came first). */
static void cpu_message(sandbox *sb, int line)
{
	if (sb->limit_msg[0])
		return;
	char text[300];
	cpu_text(sb, text, sizeof text);
	snprintf(sb->limit_msg, sizeof sb->limit_msg, "%s:%d: %s", sb->path, line, text);
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
	if (nsize > old && atomic_load_explicit(&sb->cpu_over, memory_order_relaxed) && sb->L) {
		/* The allocator cannot raise: failing makes Lua raise a memory error, which
		 * the limit's message replaces (finish_pcall, script_run). */
		cpu_message(sb, current_line(sb->L));
		sb->exhausted = true;
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

/* Raise the error of a spent limit. The first limit spent is the one reported, whatever a
 * script's handlers do; pcall and xpcall pass it on (see finish_pcall). */
static _Noreturn void limit_error(lua_State *L, sandbox *sb)
{
	sb->exhausted = true;
	lua_pushstring(L, sb->limit_msg);
	lua_error(L);
	abort(); /* not reached */
}

static _Noreturn void budget_error(lua_State *L, sandbox *sb)
{
	/* lua_pushfstring knows no %llu: format here. */
	if (!sb->limit_msg[0])
		snprintf(sb->limit_msg, sizeof sb->limit_msg,
			 "%s:%d: instruction budget of %llu exhausted (see --max-instructions)",
			 sb->path, current_line(L),
			 (unsigned long long)sb->env->limits.max_instructions);
	limit_error(L, sb);
}

static _Noreturn void cpu_error(lua_State *L, sandbox *sb, int line)
{
	cpu_message(sb, line);
	limit_error(L, sb);
}

/* sandbox_check: at the start of a wrapped library function, note the script line (for
 * the watchdog's hard stop) and stop if the CPU time is spent. */
static void sandbox_check(lua_State *L)
{
	sandbox *sb = sb_of(L);
	int line = current_line(L);
	atomic_store_explicit(&sb->line, line, memory_order_relaxed);
	if (atomic_load_explicit(&sb->cpu_over, memory_order_relaxed))
		cpu_error(L, sb, line);
}

void count_hook(lua_State *L, lua_Debug *ar)
{
	sandbox *sb = sb_of(L);
	int line = lua_getinfo(L, "l", ar) ? ar->currentline : 0;
	if (line > 0)
		atomic_store_explicit(&sb->line, line, memory_order_relaxed);
	if (atomic_load_explicit(&sb->cpu_over, memory_order_relaxed))
		cpu_error(L, sb, line > 0 ? line : current_line(L));
	sb->instructions += HOOK_EVERY;
	/* The hook stays: should a pcall catch this, the next count raises it again, and
	 * pcall itself refuses to go on (see l_pcall). */
	if (sb->instructions > sb->env->limits.max_instructions)
		budget_error(L, sb);
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
	sandbox_check(L);
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

/* The message handler xpcall passes to Lua: the script's own (upvalue 1), unless a limit is
 * spent. The budget's error is raised in the count hook, and Lua calls the handler from
 * there with hooks off: a handler that looped would never be stopped. */
static int guarded_handler(lua_State *L)
{
	sandbox *sb = sb_of(L);
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
 * the call (string.rep, the pattern functions). */

void sandbox_charge(lua_State *L, uint64_t n)
{
	sandbox *sb = sb_of(L);
	uint64_t max = sb->env->limits.max_instructions;
	if (n > max - (sb->instructions < max ? sb->instructions : max)) {
		sb->instructions = max;
		budget_error(L, sb);
	}
	sb->instructions += n;
}

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
	/* warn writes nowhere (no warning function is set): a global that does nothing only
	 * misleads. */
	static const char *const removed[] = {"dofile", "loadfile", "load", "collectgarbage",
					      "require", "warn", NULL};
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
		{"format", l_format}, {"rep", l_rep},     {"find", l_find},
		{"match", l_match},   {"gmatch", l_gmatch}, {"gsub", l_gsub},
	};
	for (size_t i = 0; i < sizeof wrapped / sizeof *wrapped; i++) {
		lua_getfield(L, -1, wrapped[i].name);
		lua_pushcclosure(L, wrapped[i].fn, 1);
		lua_setfield(L, -2, wrapped[i].name);
	}
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

/* ---- the CPU-time backstop ---- */

uint64_t script_cpu_limit_seconds(const script_limits *l)
{
	if (l->max_cpu_seconds)
		return l->max_cpu_seconds;
	uint64_t by_budget = l->max_instructions / SCRIPT_CPU_INSTRUCTIONS_PER_SECOND;
	return by_budget > SCRIPT_DEFAULT_MAX_CPU_SECONDS ? by_budget
							  : SCRIPT_DEFAULT_MAX_CPU_SECONDS;
}

static uint64_t cpu_used_ms(const sandbox *sb)
{
	struct timespec now;
	if (clock_gettime(sb->cpu_clock, &now) != 0)
		return 0;
	int64_t ms = (int64_t)(now.tv_sec - sb->cpu_start.tv_sec) * 1000 +
		     (now.tv_nsec - sb->cpu_start.tv_nsec) / 1000000;
	return ms > 0 ? (uint64_t)ms : 0;
}

/* The script is stuck in C past the limit and its grace: nothing can unwind it. Say what
 * the soft stop would have said (at the last line seen) and end the process as a signal
 * would, removing what it would (verify's scratch folder); no run folder is being written
 * (a run's folder is written after its scripts ran). */
static _Noreturn void hard_stop(sandbox *sb)
{
	char text[300], msg[1024];
	cpu_text(sb, text, sizeof text);
	int line = atomic_load_explicit(&sb->line, memory_order_relaxed);
	int n = line > 0 ? snprintf(msg, sizeof msg, "fitplan: %s:%d: error: %s\n",
				    sb->report_path, line, text)
			 : snprintf(msg, sizeof msg, "fitplan: %s: error: %s\n", sb->report_path,
				    text);
	if (n > 0) {
		ssize_t w = write(STDERR_FILENO, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
		(void)w; /* nothing better to do on the way out */
	}
	interrupt_exit(65); /* EX_DATAERR, as every script error */
}

static void *watchdog(void *arg)
{
	sandbox *sb = arg;
	uint64_t grace_ms = sb->cpu_limit_ms < 5000 ? sb->cpu_limit_ms : 5000;
	pthread_mutex_lock(&sb->watch_mu);
	while (!sb->watch_stop) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += 50 * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&sb->watch_cv, &sb->watch_mu, &until);
		if (sb->watch_stop)
			break;
		uint64_t used = cpu_used_ms(sb);
		if (used >= sb->cpu_limit_ms)
			atomic_store_explicit(&sb->cpu_over, true, memory_order_relaxed);
		if (used >= sb->cpu_limit_ms + grace_ms)
			hard_stop(sb);
	}
	pthread_mutex_unlock(&sb->watch_mu);
	return NULL;
}

bool sandbox_watch_start(sandbox *sb)
{
	sb->cpu_limit_ms = script_cpu_limit_seconds(&sb->env->limits) * 1000;
	atomic_store(&sb->cpu_over, false);
	atomic_store(&sb->line, 0);
	sb->watch_stop = false;
	int e = pthread_getcpuclockid(pthread_self(), &sb->cpu_clock);
	if (e == 0 && clock_gettime(sb->cpu_clock, &sb->cpu_start) != 0)
		e = errno;
	pthread_condattr_t ca;
	if (e == 0 && (e = pthread_condattr_init(&ca)) == 0) {
		e = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		if (e == 0 && (e = pthread_cond_init(&sb->watch_cv, &ca)) == 0) {
			pthread_mutex_init(&sb->watch_mu, NULL);
			e = pthread_create(&sb->watchdog, NULL, watchdog, sb);
			if (e != 0) {
				pthread_cond_destroy(&sb->watch_cv);
				pthread_mutex_destroy(&sb->watch_mu);
			}
		}
		pthread_condattr_destroy(&ca);
	}
	sb->watching = e == 0;
	errno = e;
	return sb->watching;
}

void sandbox_watch_stop(sandbox *sb)
{
	if (!sb->watching)
		return;
	pthread_mutex_lock(&sb->watch_mu);
	sb->watch_stop = true;
	pthread_cond_signal(&sb->watch_cv);
	pthread_mutex_unlock(&sb->watch_mu);
	pthread_join(sb->watchdog, NULL);
	pthread_cond_destroy(&sb->watch_cv);
	pthread_mutex_destroy(&sb->watch_mu);
	sb->watching = false;
}
