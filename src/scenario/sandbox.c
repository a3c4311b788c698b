/* sandbox: see sandbox.h. The limits of a script's state: the memory cap in the allocator,
 * the instruction budget in the count hook (and sandbox_charge for C work it cannot see),
 * and the CPU-time watchdog. What a script can reach (the libraries opened and replaced) is
 * in sandbox_lib.c, the bounds of the pattern functions in sandbox_pattern.c. */
#include "sandbox.h"
#include "../core/interrupt.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

sandbox *sandbox_of(lua_State *L)
{
	return *(sandbox **)lua_getextraspace(L);
}

/* ---- limits ---- */

int sandbox_current_line(lua_State *L)
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

void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
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
		cpu_message(sb, sandbox_current_line(sb->L));
		sb->exhausted = true;
		return NULL;
	}
	if (nsize > old && sb->mem_used - old + nsize > sb->env->limits.max_memory_bytes) {
		if (!sb->mem_hit && sb->L)
			sb->mem_line = sandbox_current_line(sb->L);
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
			 sb->path, sandbox_current_line(L),
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
void sandbox_check(lua_State *L)
{
	sandbox *sb = sandbox_of(L);
	int line = sandbox_current_line(L);
	atomic_store_explicit(&sb->line, line, memory_order_relaxed);
	if (atomic_load_explicit(&sb->cpu_over, memory_order_relaxed))
		cpu_error(L, sb, line);
}

void sandbox_count_hook(lua_State *L, lua_Debug *ar)
{
	sandbox *sb = sandbox_of(L);
	int line = lua_getinfo(L, "l", ar) ? ar->currentline : 0;
	if (line > 0)
		atomic_store_explicit(&sb->line, line, memory_order_relaxed);
	if (atomic_load_explicit(&sb->cpu_over, memory_order_relaxed))
		cpu_error(L, sb, line > 0 ? line : sandbox_current_line(L));
	sb->instructions += HOOK_EVERY;
	/* The hook stays: should a pcall catch this, the next count raises it again, and
	 * pcall itself refuses to go on (see l_pcall). */
	if (sb->instructions > sb->env->limits.max_instructions)
		budget_error(L, sb);
}

/* ---- C work the instruction budget does not see ----
 * A library function runs in C between two counts of the hook: its work is counted here
 * by the wrappers of sandbox_lib.c (or bounded before the call, sandbox_pattern.c). */

void sandbox_charge(lua_State *L, uint64_t n)
{
	sandbox *sb = sandbox_of(L);
	uint64_t max = sb->env->limits.max_instructions;
	if (n > max - (sb->instructions < max ? sb->instructions : max)) {
		sb->instructions = max;
		budget_error(L, sb);
	}
	sb->instructions += n;
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
