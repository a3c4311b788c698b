/* infile: open an input file (a model version's CSV file, a scenario script) for reading.
 * Inputs are read again for the run record and by verify, so an input must be a file that
 * reads the same every time: a FIFO, a pipe, a socket or a device (a link to /dev/zero) is
 * refused before it is read, never waited on or read without end. */
#ifndef FP_INFILE_H
#define FP_INFILE_H
#include "../core/diag.h"
#include <stdio.h>

/* infile_open: path opened for reading ("rb"), following symbolic links. Anything but a
 * regular file is reported at path and NULL returned with *st set: FP_ENOINPUT when it
 * cannot be opened or is not a file (a FIFO, a socket, a device), FP_EIO for a folder
 * ("read error: Is a directory", as reading it would say). */
FILE *infile_open(const char *path, diag *d, fp_status *st);

#endif
