/* common: what every command shares: usage errors, help text, output flushing. */
#include "cmd.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const command *command_find(const char *name)
{
	for (const command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

fp_status cmd_usage_error(const command *c, const char *fmt, ...)
{
	va_list ap;
	fputs("fitplan: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c)
		fprintf(stderr, "usage: %s\n", c->synopsis);
	else
		fputs("usage: fitplan COMMAND [OPTIONS]; see 'fitplan --help'\n", stderr);
	return FP_EUSAGE;
}

fp_status cmd_print_help(const command *c)
{
	printf("usage: %s\n\n%s\n\n%s", c->synopsis, c->summary, c->help);
	return cmd_finish_output(FP_OK);
}

fp_status cmd_finish_output(fp_status st)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "fitplan: error: cannot write the output: %s\n", strerror(errno));
		return status_worse(st, FP_EIO);
	}
	return st;
}
