/* interrupt: SIGINT, SIGTERM, SIGHUP, SIGPIPE and SIGXCPU without losing anything or leaving anything behind.
 * Outside a write the signal takes its default course at once, after removing the scratch
 * folder if one is registered (interrupt_scratch_begin). While a run folder is being
 * written the handler only records the signal (it calls nothing that is unsafe in a
 * handler); the writer sees it at its next file, removes its temporary folder and then
 * dies of the same signal (interrupt_reraise), removing the scratch folder too. */
#ifndef FP_INTERRUPT_H
#define FP_INTERRUPT_H
#include <stdbool.h>
#include <sys/types.h>

void interrupt_install(void);
/* interrupt_writing: say whether a temporary folder is being written. */
void interrupt_writing(bool on);
/* interrupt_pending: a signal arrived while writing. */
bool interrupt_pending(void);
/* interrupt_first_report: true once, for the first of several writers that notice the
 * signal, so it is said once. */
bool interrupt_first_report(void);

/* interrupt_reraise: if a signal is pending, die of it now (after cleaning up). */
void interrupt_reraise(void);

/* interrupt_scratch_begin: make a folder with mkdtemp(template) that a signal removes, with
 * everything in it, before the process dies of it, whatever the process is doing then
 * (verify's re-run). The handler removes it with system calls only (no allocation, no
 * locks). One at a time; signals are held while it is made, so none comes between making
 * and registering it. false with errno when it cannot be made (ENAMETOOLONG past
 * PATH_MAX). */
bool interrupt_scratch_begin(char *template);

/* interrupt_scratch_end: remove the scratch folder and everything in it, and forget it. */
void interrupt_scratch_end(void);

/* interrupt_output_set: the temporary folder of the run folder being written, and its lock
 * file when this run made it (else NULL), which a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
 * SIGABRT: a library's bug) or an exit for want of memory (xnomem) removes before the
 * process ends; tmp NULL forgets them. The paths are copied with the signals held; past
 * PATH_MAX they are not registered. */
void interrupt_output_set(const char *tmp, const char *lock);

/* interrupt_child_set: the process group of a helper program fitplan started (LibreOffice
 * for pack), which a signal or a crash kills (SIGKILL) before the scratch folder it works
 * in is removed; 0 forgets it. The caller holds the signals from starting the program
 * until it is registered, so that none comes between. */
void interrupt_child_set(pid_t pgid);

/* interrupt_cleanup: remove what a dying process must not leave: the helper program's
 * process group, the scratch folder and the run folder being written with its lock. Async-signal-safe (system calls only). */
void interrupt_cleanup(void);

/* interrupt_exit: end the process now with status code, after what a signal would clean
 * up (interrupt_cleanup). Async-signal-safe, callable from any
 * thread while another is stuck (the scripts' CPU-time watchdog): system calls only, no
 * stdio, no exit handlers. */
_Noreturn void interrupt_exit(int code);

#endif
