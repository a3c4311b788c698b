/* table: the command table, with each command's usage text as data, and "fitplan help". */
#include "cmd.h"
#include "../version.h"
#include <stdio.h>

const command commands[] = {
	{"check", cmd_check, "fitplan check [--budgets DIR]",
	 "Validate a model version, reconcile its control totals and print a summary.",
	 "Reads every file of the model version (default budgets/), reports every problem as\n"
	 "FILE:LINE:COL (COL is the field number) and exits 65 if there was any. With\n"
	 "controls.csv, every unit/category whose baseline differs from its control total is an\n"
	 "error that shows the difference.\n\n"
	 "Options:\n"
	 "  --budgets DIR   the model version folder (default: budgets)\n"
	 "  -h, --help      this text\n"},
	{"consolidate", cmd_consolidate, "fitplan consolidate [--budgets DIR] [--format table|csv]",
	 "Roll the savings plans up the organisation tree against the targets.",
	 "For every unit (its own measures plus all below it) and every plan year: target in\n"
	 "force, structural and incidental savings, gap (target minus structural savings) and\n"
	 "FTE reduction, exact to the cent. The table shows the target year with the RAG status;\n"
	 "--format csv writes every unit and year with the columns\n"
	 "unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,fte_reduction.\n\n"
	 "Options:\n"
	 "  --budgets DIR   the model version folder (default: budgets)\n"
	 "  --format F      table (default) or csv\n"
	 "  -h, --help      this text\n"},
	{"help", cmd_help, "fitplan help [COMMAND]", "Show the help of a command.",
	 "Without COMMAND, the list of commands.\n"},
	{NULL, NULL, NULL, NULL, NULL},
};

void cmd_print_overview(FILE *out)
{
	fprintf(out, "usage: fitplan [--version] [--help] COMMAND [OPTIONS]\n\n"
		     "fitplan: the LUMC FIT budget model engine.\n\nCommands:\n");
	for (const command *c = commands; c->name; c++)
		fprintf(out, "  %-12s %s\n", c->name, c->summary);
	fprintf(out, "\nSee 'fitplan help COMMAND' for the options of each.\n"
		     "Exit codes: 0 ok, 1 outputs differ, 64 usage, 65 bad data, 66 missing input,\n"
		     "70 internal error, 73 cannot create output, 74 I/O error.\n");
}

fp_status cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		cmd_print_overview(stdout);
		return cmd_finish_output(FP_OK);
	}
	const command *c = command_find(argv[1]);
	if (!c)
		return cmd_usage_error(command_find("help"), "unknown command '%s'", argv[1]);
	return cmd_print_help(c);
}

