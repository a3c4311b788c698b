/* opts: see opts.h. */
#include "opts.h"
#include "../core/xalloc.h"
#include "../model/actuals.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* getopt_long's values of the options without a short name: the table's from OPT_BASE,
 * the run's from RUN_BASE. */
enum { OPT_BASE = 256, RUN_BASE = 1024 };

/* getopt_long with opterr off (shortopts begin with ":"); on an unknown option or a
 * missing argument it reports the misuse for c and returns '?'. 'h' is returned for --help. */
static int opts_next(const command *c, int argc, char **argv, const char *shortopts,
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

/* getopt_long's tables for table and the run's options: *longopts (malloc'ed, ended by a
 * zeroed entry, --help last) and shortopts (":h" and the short names). */
static struct option *getopt_tables(const opt *table, size_t nt, bool run, char *shortopts,
				    size_t cap)
{
	struct option *lo = xcalloc(nt + (run ? RUNOPT_COUNT : 0) + 2, sizeof *lo);
	size_t k = 0, ns = strlen(strcpy(shortopts, ":h"));
	for (size_t i = 0; i < nt; i++) {
		int has_arg = table[i].kind == OPT_TRUE ? no_argument : required_argument;
		int val = table[i].short_name ? table[i].short_name : OPT_BASE + (int)i;
		lo[k++] = (struct option){table[i].name, has_arg, NULL, val};
		if (table[i].short_name && ns + 3 < cap) {
			shortopts[ns++] = table[i].short_name;
			if (has_arg == required_argument)
				shortopts[ns++] = ':';
			shortopts[ns] = '\0';
		}
	}
	for (int i = 0; run && i < RUNOPT_COUNT; i++) {
		const runopt *r = runopt_of((runopt_id)i);
		int has_arg = r->type == RUNOPT_SWITCH ? no_argument : required_argument;
		lo[k++] = (struct option){r->flag + 2, has_arg, NULL, RUN_BASE + i};
	}
	lo[k] = (struct option){"help", no_argument, NULL, 'h'};
	return lo;
}

/* Take the option ch (not 'h' or '?') with its argument; FP_EUSAGE (reported) when the
 * argument is not one it takes. */
static fp_status take(const command *c, const opt *table, size_t nt, runopts *run, int ch,
		      const char *arg)
{
	if (ch >= RUN_BASE) {
		runopt_id id = (runopt_id)(ch - RUN_BASE);
		char msg[512];
		if (runopt_parse_arg(run, id, arg))
			return FP_OK;
		return cmd_usage_error(c, "%s", runopt_bad_arg(id, arg, msg, sizeof msg));
	}
	for (size_t i = 0; i < nt; i++) {
		const opt *o = &table[i];
		if (ch != (o->short_name ? o->short_name : OPT_BASE + (int)i))
			continue;
		if (o->kind == OPT_STRING)
			*(const char **)o->value = arg;
		else if (o->kind == OPT_TRUE)
			*(bool *)o->value = true;
		else
			return o->parse(c, arg, o->value);
		return FP_OK;
	}
	return cmd_usage_error(c, "unknown option"); /* not reached: getopt knows the table */
}

bool opts_parse(const command *c, const opt *table, runopts *run, int argc, char **argv,
		int *first, fp_status *st)
{
	size_t nt = 0;
	while (table && table[nt].name)
		nt++;
	char shortopts[64];
	struct option *lo = getopt_tables(table, nt, run != NULL, shortopts, sizeof shortopts);
	*st = FP_OK;
	int ch = -1;
	optind = 1;
	while (*st == FP_OK && (ch = opts_next(c, argc, argv, shortopts, lo)) != -1) {
		if (ch == 'h') {
			*st = cmd_print_help(c);
			break;
		}
		*st = ch == '?' ? FP_EUSAGE : take(c, table, nt, run, ch, optarg);
	}
	free(lo);
	*first = optind;
	return *st == FP_OK && ch == -1;
}

bool opts_parse_only(const command *c, const opt *table, int argc, char **argv,
		     fp_status *st)
{
	int first;
	if (!opts_parse(c, table, NULL, argc, argv, &first, st))
		return false;
	if (first < argc) {
		*st = cmd_usage_error(c, "unexpected argument '%s'", argv[first]);
		return false;
	}
	return true;
}

fp_status opts_format(const command *c, const char *arg, void *csv)
{
	if (strcmp(arg, "csv") == 0)
		*(bool *)csv = true;
	else if (strcmp(arg, "table") == 0)
		*(bool *)csv = false;
	else
		return cmd_usage_error(c, "unknown format '%s' (table or csv)", arg);
	return FP_OK;
}

fp_status opts_dialect(const command *c, const char *arg, void *dialect)
{
	if (strcmp(arg, "c") == 0)
		*(const csv_dialect **)dialect = &csv_dialect_c;
	else if (strcmp(arg, "nl") == 0)
		*(const csv_dialect **)dialect = &csv_dialect_nl;
	else
		return cmd_usage_error(c, "unknown dialect '%s' (c or nl)", arg);
	return FP_OK;
}

fp_status opts_period(const command *c, const char *arg, void *per)
{
	period_opt *po = per;
	if (!period_parse(arg, &po->p))
		return cmd_usage_error(c, "bad --period '%s' (2023, 2023-Q1 or 2023-06)", arg);
	po->arg = arg;
	return FP_OK;
}
