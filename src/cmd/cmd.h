/* cmd: the subcommands. Each lives in its own file and is thin: it parses its options
 * (opts.h), calls run/ or returns/ and prints; table.c holds the table with each usage
 * text as data. A command returns an fp_status, which main() uses as the exit code. */
#ifndef FP_CMD_H
#define FP_CMD_H
#include "../core/status.h"
#include <stdio.h>

typedef struct command {
	const char *name;
	fp_status (*fn)(int argc, char **argv);
	const char *synopsis; /* one line: "fitplan check [--budgets DIR]" */
	const char *summary;  /* what it does, for the command list */
	const char *help;     /* the full text of "fitplan help NAME" after the synopsis */
} command;

/* The table, ended by an entry with a NULL name. */
extern const command commands[];

const command *command_find(const char *name);

/* cmd_usage_error: "fitplan: error: MESSAGE" and the command's synopsis on stderr; returns
 * FP_EUSAGE. MESSAGE is escaped for the terminal (text_escape) as a whole. */
fp_status cmd_usage_error(const command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cmd_print_help: the synopsis and help of c on stdout. */
fp_status cmd_print_help(const command *c);

/* cmd_finish_output: flush stdout and report a write error as FP_EIO. */
fp_status cmd_finish_output(fp_status st);

/* cmd_print_overview: the list of commands. */
void cmd_print_overview(FILE *out);

#define CMD_DECLARE(name) fp_status cmd_##name(int argc, char **argv)
CMD_DECLARE(check);
CMD_DECLARE(consolidate);
CMD_DECLARE(help);
CMD_DECLARE(run);
CMD_DECLARE(verify);
CMD_DECLARE(diff);
CMD_DECLARE(import);
CMD_DECLARE(pack);
CMD_DECLARE(returns);
CMD_DECLARE(runs);

#endif
