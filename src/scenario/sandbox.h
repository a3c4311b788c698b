/* sandbox: the Lua state a scenario script runs in. sandbox.c keeps the limits (the
 * allocator's memory cap, the count hook's instruction budget, the CPU-time watchdog);
 * sandbox_lib.c opens only the libraries chosen and replaces what could reach outside the
 * script or make its results depend on the run; sandbox_pattern.c bounds the patterns. */
#ifndef FP_SANDBOX_H
#define FP_SANDBOX_H
#include "script.h"
#include "../core/strmap.h"
#include <lua.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#define HOOK_EVERY 1000
/* The most steps a call of a pattern function may take in its worst case. */
#define SANDBOX_PATTERN_MAX_STEPS 1000000000ULL

typedef struct sandbox {
	const script_env *env;
	scenario_spec *spec;
	const char *path;
	lua_State *L;
	uint64_t mem_used, instructions;
	size_t arena_start; /* the model arena's size when the script started (script.c) */
	strmap added_ix;    /* the ids of the measures the script added */
	uint64_t lever_bytes; /* what its levers' measures may take (script.c) */
	int mem_line; /* the script line running when the memory cap was hit */
	bool mem_hit;
	bool exhausted; /* the instruction budget ran out: no pcall may go on */
	char limit_msg[512]; /* the message of the exhausted limit, raised again past pcall */
	/* The notes (did you mean ...) of the last error the API raised, said after that error
	 * only when it is the one reported (script_explain.c); "" when none. */
	char note_msg[256];
	char note[512];
	/* With note_msg, a name not found whose did-you-mean is still to be searched for, only
	 * when that error is reported (a pcall loop must not search the model on every call):
	 * its names_what + 1, 0 when none, and the name. */
	int note_what;
	char note_query[72];
	/* The last lookup that found nothing and returned nil (model.unit("DIV9")), to explain
	 * an "attempt to index a nil value" after it; missing_line 0 when none. */
	char missing_fn[32];
	char missing[72];
	int missing_what, missing_line;
	/* The CPU-time backstop (sandbox_watch_start). */
	const char *report_path; /* the script as diagnostics name it */
	uint64_t cpu_limit_ms;
	clockid_t cpu_clock;   /* the CPU clock of the thread that runs the script */
	struct timespec cpu_start;
	atomic_bool cpu_over;  /* set by the watchdog: the script has used its CPU time */
	atomic_int line;       /* the script line at the last check, for the hard stop */
	bool watching, watch_stop;
	pthread_t watchdog;
	pthread_mutex_t watch_mu;
	pthread_cond_t watch_cv;
} sandbox;

/* sandbox_left_out: name is a global of standard Lua the sandbox leaves out (io, os, load,
 * ...; string.dump is the one field left out, not listed here). */
bool sandbox_left_out(const char *name);

/* sandbox_of: the sandbox of a state (kept in its extra space). */
sandbox *sandbox_of(lua_State *L);

/* sandbox_current_line: the line of the innermost Lua function running, or 0. Reads only,
 * never allocates. */
int sandbox_current_line(lua_State *L);

/* sandbox_alloc: the state's allocator (ud is the sandbox): refuses to grow past the memory
 * cap and remembers the script line where that happened. */
void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* sandbox_count_hook: the count hook, every HOOK_EVERY instructions: raises the
 * instruction budget's error once it is spent, and again on every later count. */
void sandbox_count_hook(lua_State *L, lua_Debug *ar);

/* sandbox_check: at the start of a wrapped library function, note the script line (for
 * the watchdog's hard stop) and raise the CPU-time limit's error if the time is spent. */
void sandbox_check(lua_State *L);

/* sandbox_charge: count n units of C work against the instruction budget (raising its
 * error once it is spent, at the script line that called). */
void sandbox_charge(lua_State *L, uint64_t n);

/* sandbox_push_sorted_keys: push a sequence of the keys of the table at idx in sorted
 * order (numbers, then strings by bytes) and return how many; keys of other types are an
 * error. */
lua_Integer sandbox_push_sorted_keys(lua_State *L, int idx);

/* sandbox_wrap_patterns: replace find, match, gmatch and gsub of the string table at the
 * top of the stack by wrappers that refuse a call whose worst case passes
 * SANDBOX_PATTERN_MAX_STEPS (the real functions become their upvalues). sandbox_pattern.c;
 * called by sandbox_open. */
void sandbox_wrap_patterns(lua_State *L);

/* sandbox_open: open the chosen libraries, take away what a script must not reach, seed
 * math.random from seed and put in the sandbox's own pairs, sorted, print, pcall, xpcall,
 * tostring and setmetatable. Raises a Lua error on failure (run it protected). */
void sandbox_open(lua_State *L, uint64_t seed);

/* sandbox_watch_start: start the watchdog of the CPU-time limit (script_cpu_limit_seconds)
 * for the script that the calling thread is about to run. The watchdog reads the thread's
 * CPU clock every 50 ms. Past the limit it sets cpu_over, and the script stops with the
 * limit's error at its next count of the hook, allocation or call of a wrapped library
 * function. If it is still running after a grace (the limit, at most 5 s) more, it is
 * stuck in one long C call (e.g. a garbage collection): the watchdog then reports the
 * error itself at the last line seen and ends the process with exit 65. Returns false if
 * the thread cannot be started (errno says why). */
bool sandbox_watch_start(sandbox *sb);

/* sandbox_watch_stop: stop and join the watchdog (if it runs). */
void sandbox_watch_stop(sandbox *sb);

#endif
