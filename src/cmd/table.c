/* table: the command table, with each command's usage text as data, and "fitplan help". */
#include "cmd.h"
#include "../version.h"
#include <stdio.h>
#include <string.h>

const command commands[] = {
	{"check", cmd_check, "fitplan check [--budgets DIR]",
	 "Validate a model version, reconcile its control totals and print a summary.",
	 "Reads every file of the model version (default budgets/), reports every problem as\n"
	 "FILE:LINE:COL (COL is the field number) and exits 65 if there was any. With\n"
	 "controls.csv, every unit/category whose baseline differs from its control total is an\n"
	 "error that shows the difference. The projection, the liquidity (with treasury.csv) and\n"
	 "the realisation (with actuals) of the model's own plan are computed as a run computes\n"
	 "them: a sum beyond the limit of money that a run would refuse is an error here too.\n\n"
	 "Options:\n"
	 "  --budgets DIR   the model version folder (default: budgets)\n"
	 "  -h, --help      this text\n"},
	{"consolidate", cmd_consolidate,
	 "fitplan consolidate [--budgets DIR] [--format table|csv [--dialect c|nl]] [--year Y]"
	 " [--unit CODE] [--pillar N] [--status S]",
	 "Roll the savings plans up the organisation tree against the targets.",
	 "For every unit (its own measures plus all below it) and every plan year: target in\n"
	 "force, structural and incidental savings, gap (target minus structural savings) and\n"
	 "FTE reduction, exact to the cent. The table shows the target year with the RAG status;\n"
	 "--format csv writes every unit and year with the columns\n"
	 "unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,fte_reduction.\n"
	 "The filters consolidate only the measures they select (--pillar, --status, --unit's\n"
	 "subtree) against the whole targets, and show only --unit's subtree and --year; the\n"
	 "table then says it is filtered in its first line, the CSV on stderr.\n\n"
	 "Options:\n"
	 "  --budgets DIR   the model version folder (default: budgets)\n"
	 "  --format F      table (default) or csv\n"
	 "  --dialect D     c (default: ',' and '.') or nl: ';', decimal comma, a BOM and CRLF,\n"
	 "                  as a Dutch Excel reads and writes CSV; only with --format csv\n"
	 "  --year Y        only plan year Y (the table: instead of the target year)\n"
	 "  --unit CODE     only the unit CODE and the units below it\n"
	 "  --pillar N      only the measures of pillar N (1, 2 or 3)\n"
	 "  --status S      only the measures of status S (idea, planned, decided, realised)\n"
	 "  -h, --help      this text\n"},
	{"run", cmd_run,
	 "fitplan run SCENARIO.lua... [--budgets DIR] [--out DIR] [--seed N] [--force] [--lang nl|en] [--iterations N] [--period P]",
	 "Run Lua scenario scripts over a model version and write their results.",
	 "Each script runs in a sandbox over the same model version and may add or adjust\n"
	 "measures, set targets and pull levers (hiring_freeze, procurement_cut, cao, index);\n"
	 "see docs/scenarios.md. For each scenario it prints a summary (the script named by\n"
	 "the path given, every file written listed) and writes\n"
	 "<out>/<scenario>/consolidated.csv and projection.csv, the committee's workbook\n"
	 "monitor.xlsx and one workbook per unit in departments/; with several scenarios also\n"
	 "<out>/comparison.csv. Without --out the run goes to reports/<model>/<run id>/, the\n"
	 "run id a hash of the inputs and options, and reports/latest points at it; an\n"
	 "unchanged model version finds its earlier run. The folder appears whole or not at\n"
	 "all, and an existing one is replaced only with --force.\n\n"
	 "A script may take candidates (ideas in <budgets>/candidates/, not in the plan) into\n"
	 "its plan with adopt{} (a list of ids), or let optimise{} choose the cheapest set\n"
	 "that reaches a unit's target with a stated probability and adopt it. A scenario with\n"
	 "optimise{} also writes optimise.csv (every candidate considered, its cost and\n"
	 "whether it was adopted), optimise_summary.csv (the ask and the answer) and\n"
	 "optimise_tradeoff.csv (the cheapest cost for 50, 70, 80 and 90% certainty), and its\n"
	 "workbooks get a sheet Keuzes (the chosen candidates by unit; a unit's workbook only\n"
	 "its own). See docs/scenarios.md.\n\n"
	 "With --period P the unit workbooks are a hand-out for reporting period P: the\n"
	 "heads fill in their yellow cells and fitplan import takes them back. Only a scenario\n"
	 "that changes nothing (no levers, adjustments, added measures, adopted candidates\n"
	 "or targets, e.g. scenarios/base.lua) can be handed out (exit 65 otherwise, before\n"
	 "anything is written). Without --period the unit workbooks are read-only views.\n\n"
	 "Options:\n"
	 "  --budgets DIR            the model version folder (default: budgets)\n"
	 "  --out DIR                the run folder (default: reports/<model>/<run id>)\n"
	 "  --seed N                 seed of math.random (default: 20240101)\n"
	 "  --force                  replace an existing run folder (or an empty folder;\n"
	 "                           anything else is left alone, exit 73)\n"
	 "  --max-instructions N     a script's instruction budget (default: 200000000)\n"
	 "  --max-memory MB          a script's memory cap (default: 512)\n"
	 "  --lang nl|en             language of the workbooks (default: nl)\n"
	 "  --no-workbooks           write the CSV files only\n"
	 "  --iterations N           Monte Carlo draws: risk.csv, tornado.csv, a Risico sheet\n"
	 "  --precision SE           with --iterations N: draw until the standard error of\n"
	 "                           P(target) is at most SE (0.005), at most N draws\n"
	 "  --threads T              threads for the draws and the workbooks (default: every\n"
	 "                           processor; the figures and files are the same whatever T)\n"
	 "  --solve LEVER[:P]        goal seek: amount or procurement_cut needed to reach the\n"
	 "                           target with probability P, or without :P to bring the\n"
	 "                           median result to zero (solve.csv)\n"
	 "  --period P               hand out the unit workbooks for reporting period P\n"
	 "                           (2023, 2023-Q2 or 2023-06, in a plan year)\n"
	 "  -h, --help               this text\n"},
	{"verify", cmd_verify, "fitplan verify [-v] RUN_DIR",
	 "Re-run a run record from its own inputs and compare every output byte for byte.",
	 "Reads RUN_DIR/manifest.json, checks that every input and output of the record is\n"
	 "there with its recorded SHA-256 and that inputs/ holds nothing else, re-runs the\n"
	 "scenarios from RUN_DIR/inputs/ with the recorded seed and options into a scratch\n"
	 "folder, and prints a line 'DIFFERENT PATH' for each output that differs, then a\n"
	 "verdict ('verified: N files identical' when none does). With -v, every output has\n"
	 "its line, 'same' or 'DIFFERENT'. A\n"
	 "tool or library version other than the recorded one is said plainly; the outputs\n"
	 "are compared all the same, and where they differ because a later (or earlier)\n"
	 "version changed figures on purpose, the verdict names those changes\n"
	 "(docs/changes.md).\n\n"
	 "Exit status: 0 all identical, 1 an output differs, 65 the record was changed or is\n"
	 "malformed.\n\n"
	 "Options:\n"
	 "  -v, --verbose   list every output, the identical ones too\n"
	 "  -h, --help      this text\n"},
	{"diff", cmd_diff,
	 "fitplan diff RUN_A RUN_B [--scenario NAME] [--format table|csv [--dialect c|nl]] [--xlsx FILE [--force] [--lang nl|en]]",
	 "Explain the difference between two run records, with a bridge of the gap.",
	 "Checks both records, re-runs them from their own inputs, and lists the inputs that\n"
	 "changed, the measures added, removed and changed (field by field, levers' measures\n"
	 "included), the targets and baselines changed, and a bridge from A's gap in the\n"
	 "target year to B's: target changed, measures added, removed, amounts changed,\n"
	 "structural/incidental changed, and the scenario's own measures and levers. The steps\n"
	 "add up exactly to the difference. With several scenarios per run, --scenario\n"
	 "chooses one; without it, the error names the scenarios both runs hold.\n\n"
	 "Options:\n"
	 "  --scenario NAME   the scenario to compare\n"
	 "  --format F        table (default) or csv: section,change,item,field,a,b\n"
	 "  --dialect D       c (default) or nl: ';', decimal comma, a BOM and CRLF, for a\n"
	 "                    Dutch Excel; only with --format csv\n"
	 "  --xlsx FILE       also write the bridge as a workbook with a waterfall chart; an\n"
	 "                    existing FILE is left alone (exit 73)\n"
	 "  --force           replace FILE if it is a bridge workbook fitplan diff wrote\n"
	 "  --lang nl|en      language of the workbook (default: RUN_B's, as its record says)\n"
	 "  -h, --help        this text\n"},
	{"import", cmd_import,
	 "fitplan import FILE.xlsx|DIR... [--period P] [--budgets DIR] [--force] [--dry-run]",
	 "Read returned unit workbooks into the actuals of a reporting period.",
	 "Reads the unit workbooks of a hand-out (fitplan run ... --period P:\n"
	 "<run>/<scenario>/departments/<UNIT>.xlsx) that department heads returned with the\n"
	 "yellow input cells filled in (a folder: every *.xlsx in it, sorted by name, not\n"
	 "those starting with '.' or '~$'), and writes <budgets>/actuals/<P>.csv, P the\n"
	 "period the workbooks were handed out for: one row per measure with the realised\n"
	 "amount, the expected amount for P's year, the new status and the comment. A row\n"
	 "where nothing was entered still gives its (prefilled) expected amount, so a returned\n"
	 "workbook states its unit's whole forecast. A workbook is known by its hidden sheet\n"
	 "fitplan (else its properties); a read-only view is refused. Its measures must be as\n"
	 "the model version has them (a workbook of an earlier version is taken when they\n"
	 "are; each changed, added or removed measure is named); every cell outside the input\n"
	 "cells must still say what the head was shown; amounts must be whole euros; a\n"
	 "measure in two workbooks (a division's and a department's) must say the same in\n"
	 "both. Every problem is reported as FILE.xlsx:SHEET!CELL and nothing is written\n"
	 "(exit 65). The file appears whole or not at all; an existing one is replaced only\n"
	 "with --force. See docs/import.md.\n\n"
	 "Options:\n"
	 "  --period P      the reporting period, which must be the workbooks' (2023,\n"
	 "                  2023-Q2 or 2023-06; default: the workbooks')\n"
	 "  --budgets DIR   the model version folder (default: budgets)\n"
	 "  --force         replace the period's existing actuals file (a file, not a link)\n"
	 "  -n, --dry-run   check everything and print the file instead of writing it\n"
	 "  -h, --help      this text\n"},
	{"returns", cmd_returns,
	 "fitplan returns --period P [--budgets DIR] [--reports DIR]",
	 "List which units have returned the workbooks of a period's hand-out.",
	 "Finds the hand-out run of period P (fitplan run ... --period P) of the model version\n"
	 "among the run records reports/<model>/<run id>/ (of several, the first by run id\n"
	 "made from the model version as it is, actuals aside, else the first by run id) and\n"
	 "lists every unit it handed a workbook, in the organisation's order, with its state\n"
	 "from the model version's actuals/<P>.csv: 'returned' (every measure of its\n"
	 "workbook, its subtree's, has a row of P), 'returned with changes' (a row has a\n"
	 "realised amount, a new status, a comment or a forecast other than the one handed\n"
	 "out), 'not returned', or 'nothing to return' (its workbook held no measure). Then\n"
	 "one line: N units handed out: R returned (C with changes), M not returned.\n"
	 "Without such a run the exit status is 66. See docs/import.md.\n\n"
	 "Options:\n"
	 "  --period P      the reporting period (2023, 2023-Q2 or 2023-06, in a plan year)\n"
	 "  --budgets DIR   the model version folder (default: budgets)\n"
	 "  --reports DIR   the folder of the run records (default: reports)\n"
	 "  -h, --help      this text\n"},
	{"runs", cmd_runs, "fitplan runs [--reports DIR] [--format table|csv]",
	 "List the run records under reports/, newest first, and whether each is intact.",
	 "Lists every run record under the reports folder (default reports/): the default\n"
	 "reports/<model>/<run id>/ and a folder reports/<name>/ that --out wrote, each by\n"
	 "its folder below reports/, with the date of the model version (its document_time),\n"
	 "the model, the scenarios, the Monte Carlo iterations ('-' for none), whether\n"
	 "reports/latest or reports/previous points at it, and the record's state, found by\n"
	 "re-hashing its files against its manifest without re-running it (verify re-runs):\n"
	 "'intact' (every listed file there with its hash, nothing else), 'changed' (a file\n"
	 "differs, is missing or was added), 'incomplete' (no manifest.json) or 'unreadable'\n"
	 "(a manifest that cannot be read); for those, the first problem on the next line.\n"
	 "Newest first means by the time the record's folder was last modified (a record\n"
	 "holds no clock time), equal times by folder name. Exit 0, also when records are not\n"
	 "intact; 66 when the reports folder is not there. --format csv writes the columns\n"
	 "run,model_date,model,scenarios,iterations,record,link,note (an empty field for what\n"
	 "is not known, iterations 0 for none).\n\n"
	 "Options:\n"
	 "  --reports DIR   the folder of the run records (default: reports)\n"
	 "  --format F      table (default) or csv\n"
	 "  -h, --help      this text\n"},
	{"pack", cmd_pack,
	 "fitplan pack RUN_DIR [--scenario NAME] [--out FILE.pdf [--force]] [--timeout S]",
	 "Print a run's committee workbook as one PDF, the committee pack.",
	 "Checks the run record first, as verify does but without re-running it (every file\n"
	 "there with its recorded SHA-256, nothing added), so a pack is only made from an\n"
	 "intact record (exit 65 otherwise). Then LibreOffice (headless, with a private\n"
	 "profile of its own) prints the scenario's committee workbook\n"
	 "RUN_DIR/<scenario>/monitor.xlsx, sheets in workbook order, as one PDF. The PDF is a\n"
	 "print of the record, not part of it: it is never written inside a run record and\n"
	 "verify never looks at it (its bytes depend on LibreOffice and the fonts). Without\n"
	 "--out it goes beside the run folder, named after it and the scenario:\n"
	 "<folder of RUN_DIR>/<name of RUN_DIR>-<scenario>.pdf, with a link such as\n"
	 "reports/latest followed first (reports/<model>/<run id>-<scenario>.pdf). The file\n"
	 "appears whole or not at all; an existing one is left alone (exit 73). A run with\n"
	 "several scenarios needs --scenario.\n\n"
	 "LibreOffice is needed by this command only and is looked up on PATH (soffice or\n"
	 "libreoffice); without it the exit status is 69 (apt-get install\n"
	 "libreoffice-calc-nogui), as it is when LibreOffice fails or runs out of time.\n\n"
	 "Options:\n"
	 "  --scenario NAME   the scenario to print (default: the run's only one)\n"
	 "  -o, --out FILE    the PDF to write (default: beside the run folder, see above);\n"
	 "                    - writes it to standard output, which must not be a terminal\n"
	 "                    (exit 64)\n"
	 "  -f, --force       replace FILE if it is a PDF (a regular file starting %PDF-)\n"
	 "  --timeout S       stop LibreOffice after S seconds (default: 300)\n"
	 "  -h, --help        this text\n"},
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
		     "69 LibreOffice unavailable (pack), 70 internal error, 73 cannot create output,\n"
		     "74 I/O error.\n");
}

fp_status cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		cmd_print_overview(stdout);
		return cmd_finish_output(FP_OK);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return cmd_print_help(command_find("help"));
	const command *c = command_find(argv[1]);
	if (!c)
		return cmd_usage_error(command_find("help"), "unknown command '%s'", argv[1]);
	return cmd_print_help(c);
}

