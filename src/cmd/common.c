/* common: what every command shares: usage errors, help text, output flushing. */
#include "cmd.h"
#include "../core/xalloc.h"
#include "../io/text.h"
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
	/* The message quotes what the user typed (an option's value, an argument): escaped, so
	 * that a value with a newline or a terminal escape cannot forge or hide a line. */
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xnomem();
	char *msg = xmalloc((size_t)n + 1);
	vsnprintf(msg, (size_t)n + 1, fmt, again);
	va_end(again);
	char *shown = text_escape(msg, (size_t)n, 0);
	fprintf(stderr, "fitplan: error: %s\n", shown);
	free(shown);
	free(msg);
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
