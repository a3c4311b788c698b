/* opts: the one option parser of the commands, driven by a table of the options each
 * takes (git's parse-options is the model), over getopt_long: options and arguments in any
 * order, long names abbreviated while unambiguous. A misuse prints "fitplan: error: ..."
 * and the command's synopsis; -h and --help print its help. The options a run record keeps
 * come from their own table (audit/runopts.h), shared with the record. */
#ifndef FP_OPTS_H
#define FP_OPTS_H
#include "cmd.h"
#include "../audit/runopts.h"
#include "../io/csvwrite.h"
#include "../model/model.h"

typedef enum opt_kind {
	OPT_STRING, /* value is a const char **: the argument */
	OPT_TRUE,   /* value is a bool *: set true */
	OPT_PARSE   /* value is handed to parse with the argument */
} opt_kind;

typedef struct opt {
	const char *name; /* the long name without "--"; NULL ends the table */
	char short_name;  /* or 0 */
	opt_kind kind;
	void *value;
	/* OPT_PARSE: take arg into value, or report the misuse (cmd_usage_error) and return
	 * FP_EUSAGE. */
	fp_status (*parse)(const command *c, const char *arg, void *value);
} opt;

/* opts_parse: parse argv's options (argv[0] is the command's name) by table and, when run
 * is not NULL, the options of a run (runopts.h) into run. Returns true when the command
 * goes on, with *first the index of the first argument that is not an option (GNU getopt
 * moves those to the end); false when it ends here with *st: FP_OK after printing the help
 * (or FP_EIO, cmd_print_help), FP_EUSAGE after reporting a misuse. */
bool opts_parse(const command *c, const opt *table, runopts *run, int argc, char **argv,
		int *first, fp_status *st);

/* opts_parse_only: opts_parse for a command that takes options only (no run options):
 * an argument that is not an option is a misuse ("unexpected argument"). */
bool opts_parse_only(const command *c, const opt *table, int argc, char **argv,
		     fp_status *st);

/* opts_format: an OPT_PARSE for --format table|csv into a bool * (true: csv). */
fp_status opts_format(const command *c, const char *arg, void *csv);

/* opts_dialect: an OPT_PARSE for --dialect c|nl into a const csv_dialect ** (io/csvwrite.h:
 * csv_dialect_c, csv_dialect_nl); another word is a misuse. The command itself refuses
 * --dialect without --format csv (the table has no dialect). */
fp_status opts_dialect(const command *c, const char *arg, void *dialect);

/* A --period option: arg is NULL until it is given; p is what it names (period_parse;
 * p.name points into arg). */
typedef struct period_opt {
	const char *arg;
	period p;
} period_opt;

/* opts_period: an OPT_PARSE for --period 2023|2023-Q1|2023-06 into a period_opt *; a
 * period that does not parse is a misuse ("bad --period '...'"). */
fp_status opts_period(const command *c, const char *arg, void *per);

#endif
