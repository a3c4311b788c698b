/* run: the "run" command: options, then a job (job.h) that writes the run folder. */
#include "cmd.h"
#include "../run/pipeline.h"
#include "opts.h"
#include "../audit/runopts.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <stdlib.h>
#include <string.h>

/* An option's number in its range (audit/runopts.h, shared with the manifest reader), or
 * the usage error that says the range. */
static fp_status number(const command *self, runopt o, const char *arg, uint64_t *out)
{
	if (runopt_parse(o, arg, out))
		return FP_OK;
	char hint[96];
	return cmd_usage_error(self, "bad %s '%s' %s", runopt_range_of(o)->flag, arg,
			       runopt_hint(o, hint, sizeof hint));
}

/* --solve LEVER[:P]: reach the target with probability P, or without P bring the median
 * result in the target year to zero. */
static bool parse_solve(const char *arg, job_opts *o)
{
	if (o->nsolves >= RUNOPT_MAX_SOLVES)
		return false;
	solve_spec s = {0};
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
	if (!runopt_solve_lever(arg, n, &s.lever))
		return false;
	if (colon) {
		char *end;
		s.goal = GOAL_TARGET;
		s.probability = strtod(colon + 1, &end);
		if (*end || end == colon + 1)
			return false;
	} else {
		s.goal = GOAL_RESULT;
		s.probability = RUNOPT_RESULT_PROBABILITY;
	}
	if (!runopt_solve_probability_ok(s.goal, s.probability))
		return false;
	o->solves = xreallocarray(o->solves, o->nsolves + 1, sizeof *o->solves);
	o->solves[o->nsolves++] = s;
	return true;
}

static fp_status parse_args(const command *self, int argc, char **argv, job_opts *o)
{
	static const struct option longopts[] = {
		{"budgets", required_argument, NULL, 'b'},
		{"out", required_argument, NULL, 'o'},
		{"seed", required_argument, NULL, 's'},
		{"force", no_argument, NULL, 'f'},
		{"max-instructions", required_argument, NULL, 'I'},
		{"max-memory", required_argument, NULL, 'M'},
		{"lang", required_argument, NULL, 'L'},
		{"no-workbooks", no_argument, NULL, 'W'},
		{"iterations", required_argument, NULL, 'N'},
		{"threads", required_argument, NULL, 'T'},
		{"solve", required_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	job_opts_defaults(o);
	uint64_t v;
	int ch;
	optind = 1;
	while ((ch = opts_next(self, argc, argv, ":hf", longopts)) != -1) {
		switch (ch) {
		case 'b': o->dir = optarg; break;
		case 'o': o->out = optarg; break;
		case 'f': o->force = true; break;
		case 's':
			if (number(self, RUNOPT_SEED, optarg, &o->seed) != FP_OK)
				return FP_EUSAGE;
			break;
		case 'I':
			if (number(self, RUNOPT_MAX_INSTRUCTIONS, optarg, &v) != FP_OK)
				return FP_EUSAGE;
			o->limits.max_instructions = v;
			break;
		case 'M':
			if (number(self, RUNOPT_MAX_MEMORY_MB, optarg, &v) != FP_OK)
				return FP_EUSAGE;
			o->limits.max_memory_bytes = v << 20;
			break;
		case 'L':
			if (!runopt_lang(optarg, &o->lang))
				return cmd_usage_error(self, "unknown --lang '%s' (nl or en)", optarg);
			break;
		case 'W': o->workbooks = false; break;
		case 'N':
			if (number(self, RUNOPT_ITERATIONS, optarg, &v) != FP_OK)
				return FP_EUSAGE;
			o->iterations = (size_t)v;
			break;
		case 'T':
			if (number(self, RUNOPT_THREADS, optarg, &v) != FP_OK)
				return FP_EUSAGE;
			o->threads = (unsigned)v;
			break;
		case 'S':
			if (!parse_solve(optarg, o))
				return cmd_usage_error(self, "bad --solve '%s' (amount or procurement_cut, "
							     "then :PROBABILITY for the target or nothing "
							     "for a median result of zero)", optarg);
			break;
		case 'h': return cmd_print_help(self);
		default: return FP_EUSAGE;
		}
	}
	if (o->nsolves && !o->iterations)
		return cmd_usage_error(self, "--solve needs --iterations");
	o->scripts = argv + optind;
	o->nscripts = argc - optind;
	if (o->nscripts == 0)
		return cmd_usage_error(self, "no scenario script given");
	return FP_OK;
}

/* The run record keeps the command line in manifest.json, which is UTF-8: an argument it
 * cannot hold would be left out of it without a word. Scripts and --budgets are checked
 * where they are read (job_compute, model_load), every other option is a number or a word
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

fp_status cmd_run(int argc, char **argv)
{
	const command *self = command_find("run");
	job_opts o;
	fp_status st = parse_args(self, argc, argv, &o);
	if (st == FP_OK && o.nscripts > 0)
		st = out_in_utf8(o.out);
	if (st == FP_OK && o.nscripts > 0) {
		o.argc = argc;
		o.argv = argv;
		job_install_signals();
		st = cmd_finish_output(job_run(&o, NULL));
	}
	free(o.solves);
	return st;
}
