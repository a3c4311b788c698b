/* opts: option parsing shared by the commands, over getopt_long with its own messages
 * (so that a misuse prints "fitplan: error: ..." and the command's synopsis). */
#ifndef FP_OPTS_H
#define FP_OPTS_H
#include "cmd.h"
#include <getopt.h>

/* opts_next: getopt_long with opterr off (shortopts must begin with ":"); on an unknown option or a missing argument it
 * reports the misuse for c and returns '?'. 'h' is returned for --help. */
int opts_next(const command *c, int argc, char **argv, const char *shortopts,
	      const struct option *longopts);

#endif
