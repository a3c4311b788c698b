/* run: the "run" command: its options (those the run record keeps from their own table,
 * audit/runopts.h), the run written (run/write.h), then each scenario's summary and what
 * was written. */
#include "cmd.h"
#include "opts.h"
#include "../export/summary.h"
#include "../io/text.h"
#include "../run/write.h"
#include <stdio.h>
#include <string.h>

/* The run record keeps the command line in manifest.json, which is UTF-8: an argument it
 * cannot hold would be left out of it without a word. Scripts and --budgets are checked
 * where they are read (run_compute, model_load), every other option is a number or a word
 * parsed strictly; --out is the one left. */
static fp_status out_in_utf8(const char *out)
{
	text_problem tp;
	char why[96];
	if (!out || text_check_name(out, strlen(out), &tp))
		return FP_OK;
	diag d;
	diag_init(&d, stderr);
	diag_error(&d, NULL, 0, 0, "%s of the run folder's name %s %s",
		   text_problem_str(&tp, why, sizeof why), text_quotez(out),
		   tp.fault == TEXT_BAD_UTF8
			   ? "(the run record keeps the command line in UTF-8: give another --out)"
			   : "(messages and the run record show names as they are: give another "
			     "--out)");
	return d.status;
}

/* Each scenario's summary and files, then the run's. */
static void print_run(const run_written *w, const run_opts *o)
{
	const char *t = w->target;
	for (size_t i = 0; i < w->res.n; i++) {
		const run_scenario *s = &w->res.s[i];
		xlsx_scenario xs = run_scenario_view(s);
		/* The script as the user named it: the record's "scenarios/<file name>" is
		 * not a path they gave (workbooks keep the record's, which does not depend on
		 * where the run was started). */
		summary_scenario(stdout, &w->res.ctx.m, &xs,
				 i < (size_t)o->nscripts ? o->scripts[i] : NULL);
		if (w->found)
			continue;
		for (int k = 0; k < RUN_CSV_FILES; k++) {
			const char *name = run_csv_name(s, k);
			if (name)
				printf("  wrote %s/%s/%s\n", t, s->spec.name, name);
		}
		if (o->opts.workbooks)
			printf("  wrote %s/%s/monitor.xlsx and departments/*.xlsx\n", t, s->spec.name);
	}
	if (w->found)
		printf("found an earlier run of the same inputs and options in %s; not written "
		       "again (--force to redo)\n", t);
	else if (w->res.n > 1)
		printf("wrote %s/comparison.csv\n", t);
	if (!w->found)
		printf("wrote %s/manifest.json and inputs/\n", t);
}

fp_status cmd_run(int argc, char **argv)
{
	const command *self = command_find("run");
	run_opts o;
	run_opts_defaults(&o);
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &o.dir, NULL},
		{"out", 0, OPT_STRING, &o.out, NULL},
		{"force", 'f', OPT_TRUE, &o.force, NULL},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	int first;
	fp_status st;
	if (!opts_parse(self, table, &o.opts, argc, argv, &first, &st))
		return st;
	if (o.opts.nsolves && !o.opts.iterations)
		return cmd_usage_error(self, "--solve needs --iterations");
	if (o.opts.precision_ppm && !o.opts.iterations)
		return cmd_usage_error(self, "--precision needs --iterations (the most to draw)");
	o.scripts = argv + first;
	o.nscripts = argc - first;
	if (o.nscripts == 0)
		return cmd_usage_error(self, "no scenario script given");
	if ((st = out_in_utf8(o.out)) != FP_OK)
		return st;
	o.argc = argc;
	o.argv = argv;
	run_install_signals();
	run_written w;
	st = run_write(&w, &o);
	if (st == FP_OK && !o.quiet)
		print_run(&w, &o);
	run_written_release(&w);
	return cmd_finish_output(st);
}
