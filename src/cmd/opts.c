/* opts: see opts.h. */
#include "opts.h"
#include <stdio.h>

int opts_next(const command *c, int argc, char **argv, const char *shortopts,
	      const struct option *longopts)
{
	opterr = 0;
	int ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == ':' || ch == '?') {
		const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		if (ch == ':')
			cmd_usage_error(c, "option '%s' needs a value", arg);
		else
			cmd_usage_error(c, "unknown option '%s'", arg);
		return '?';
	}
	return ch;
}
