/* opts: see opts.h. */
#include "opts.h"
#include <stdio.h>
#include <string.h>

int opts_next(const command *c, int argc, char **argv, const char *shortopts,
	      const struct option *longopts)
{
	opterr = 0;
	int ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == ':' || ch == '?') {
		const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		char shortopt[3] = {'-', (char)optopt, '\0'};
		/* A short option (maybe inside a group like -qh) is known only by optopt. */
		if (strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 128)
			arg = shortopt;
		if (ch == ':')
			cmd_usage_error(c, "option '%s' needs a value", arg);
		else
			cmd_usage_error(c, "unknown option '%s'", arg);
		return '?';
	}
	return ch;
}
