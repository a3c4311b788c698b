/* office: LibreOffice as a converter, the one place where fitplan starts another program.
 * It is found on PATH when needed (a runtime dependency of `fitplan pack` only), runs
 * headless with a private profile in the caller's scratch folder (so concurrent runs and
 * the user's own LibreOffice do not meet), in a process group of its own that a time limit
 * or a signal kills whole, with nothing on fitplan's terminal. */
#ifndef FP_RUN_OFFICE_H
#define FP_RUN_OFFICE_H
#include "../core/diag.h"

/* What to tell an administrator when LibreOffice is missing. */
#define OFFICE_INSTALL_HINT "apt-get install libreoffice-calc-nogui"

/* office_find: the first executable "soffice", then "libreoffice", in a folder of PATH
 * (unset: /usr/bin:/bin), malloc'ed; NULL when there is none. */
char *office_find(void);

/* One conversion. Paths need not be absolute; the profile folder must not exist yet
 * (LibreOffice makes it). */
typedef struct office_job {
	const char *program;   /* office_find's */
	const char *profile;   /* the private user profile, inside a scratch folder */
	const char *input;     /* the document to convert */
	const char *shown;     /* the document as messages name it (the record's file) */
	const char *outdir;    /* LibreOffice writes <input's name less extension>.pdf here */
	const char *expect;    /* the file it must write: <outdir>/<input's name less extension>.pdf */
	const char *log;       /* its stdout and stderr go to this file */
	unsigned timeout_s;    /* killed after this many seconds */
} office_job;

/* office_convert: run program --headless --convert-to pdf on the input and wait for it.
 * FP_OK when it exited with status 0 and wrote expect (a regular file, not empty; what is
 * in it is the caller's to check); else reported at shown, FP_EUNAVAILABLE: it could not
 * be started, it exited with another status, died of a signal or wrote nothing (the last
 * lines of its log are shown), or it ran out of time (its whole process group killed). No
 * process of it is left in any case. */
fp_status office_convert(const office_job *j, diag *d);

#endif
