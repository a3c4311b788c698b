/* sandbox: the Lua state a scenario script runs in, shared by script.c and sandbox.c.
 * Only the libraries chosen are opened; the base functions that could reach outside the
 * script or make its results depend on the run (pairs' order, addresses, the clock) are
 * replaced; the allocator and the count hook keep the memory cap and instruction budget. */
#ifndef FP_SANDBOX_H
#define FP_SANDBOX_H
#include "script.h"
#include <lua.h>
#include <stdbool.h>

#define HOOK_EVERY 1000

typedef struct sandbox {
	const script_env *env;
	scenario_spec *spec;
	const char *path;
	lua_State *L;
	uint64_t mem_used, instructions;
	int mem_line; /* the script line running when the memory cap was hit */
	bool mem_hit;
	bool exhausted; /* the instruction budget ran out: no pcall may go on */
	char limit_msg[200]; /* the message of the exhausted limit, raised again past pcall */
} sandbox;

/* sb_of: the sandbox of a state (kept in its extra space). */
sandbox *sb_of(lua_State *L);

/* current_line: the line of the innermost Lua function running, or 0. Reads only, never
 * allocates. */
int current_line(lua_State *L);

/* sb_alloc: the state's allocator (ud is the sandbox): refuses to grow past the memory cap
 * and remembers the script line where that happened. */
void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* count_hook: the count hook, every HOOK_EVERY instructions: raises the instruction
 * budget's error once it is spent, and again on every later count. */
void count_hook(lua_State *L, lua_Debug *ar);

/* push_sorted_keys: push a sequence of the keys of the table at idx in sorted order
 * (numbers, then strings by bytes) and return how many; keys of other types are an error. */
lua_Integer push_sorted_keys(lua_State *L, int idx);

/* sandbox_open: open the chosen libraries, take away what a script must not reach, seed
 * math.random from seed and put in the sandbox's own pairs, sorted, print, pcall, xpcall,
 * tostring and setmetatable. Raises a Lua error on failure (run it protected). */
void sandbox_open(lua_State *L, uint64_t seed);

#endif
