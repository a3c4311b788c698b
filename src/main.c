/* main: global options and the dispatch to a command; the exit code is the command's
 * fp_status (sysexits). The command table is in cmd/table.c, inside libfitplan.a with
 * everything else, so that the tests link the same objects as the tool. */
#include "cmd/cmd.h"
#include "version.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	/* No setlocale(): numbers are formatted in the C locale whatever the machine says. */
	/* A file size limit (ulimit -f) makes a write past it send SIGXFSZ, whose default
	 * action ends the process where it stands, leaving a half-written run folder and its
	 * lock. Ignored, the write fails with EFBIG like a full disk: reported, cleaned up. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2)
		return cmd_usage_error(NULL, "no command given");
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return cmd_help(1, argv + 1);
	if (strcmp(name, "--version") == 0) {
		printf("fitplan %s\n", FITPLAN_VERSION);
		return cmd_finish_output(FP_OK);
	}
	const command *c = command_find(name);
	if (!c)
		return cmd_usage_error(NULL, "unknown command '%s'", name);
	return c->fn(argc - 1, argv + 1);
}
