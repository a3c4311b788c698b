/* interrupt: see interrupt.h. */
#include "interrupt.h"
#include <signal.h>
#include <stddef.h>

static volatile sig_atomic_t writing, pending;
static bool reported;

static void on_signal(int sig)
{
	if (!writing) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	pending = sig;
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
	writing = on;
}

bool interrupt_pending(void)
{
	return pending != 0;
}

bool interrupt_first_report(void)
{
	return !__atomic_test_and_set(&reported, __ATOMIC_SEQ_CST);
}

void interrupt_reraise(void)
{
	int sig = pending;
	if (!sig)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}
