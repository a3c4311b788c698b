/* interrupt: see interrupt.h. */
#include "interrupt.h"
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>

/* The one process-wide state of fitplan, because a signal handler has no context
 * argument. Lock-free atomics: safe in the handler (C11 7.14.1.1) and between the threads
 * that read them (the unit workbook writers ask interrupt_pending at every file). */
static atomic_int writing, pending;
static atomic_flag reported = ATOMIC_FLAG_INIT;

static void on_signal(int sig)
{
	if (!atomic_load(&writing)) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	atomic_store(&pending, sig);
}

void interrupt_install(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

void interrupt_writing(bool on)
{
	atomic_store(&writing, on);
}

bool interrupt_pending(void)
{
	return atomic_load(&pending) != 0;
}

bool interrupt_first_report(void)
{
	return !atomic_flag_test_and_set(&reported);
}

void interrupt_reraise(void)
{
	int sig = atomic_load(&pending);
	if (!sig)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}
