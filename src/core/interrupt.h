/* interrupt: SIGINT, SIGTERM and SIGHUP without losing anything. Outside a write the
 * signal takes its default course at once (nothing to clean up). While a run folder is
 * being written the handler only records the signal (it calls nothing that is unsafe in
 * a handler); the writer sees it at its next file, removes its temporary folder and then
 * dies of the same signal. */
#ifndef FP_INTERRUPT_H
#define FP_INTERRUPT_H
#include <stdbool.h>

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

#endif
