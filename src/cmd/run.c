/* run: the "run" command: options, then a job (job.h) that writes the run folder. */
#include "cmd.h"
#include "job.h"
#include "opts.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-')
		return false;
	*out = v;
	return true;
}

/* --solve LEVER[:P]: reach the target with probability P, or without P bring the median
 * result in the target year to zero. */
static bool parse_solve(const char *arg, job_opts *o)
{
	if (o->nsolves >= 16)
		return false;
	solve_spec s = {0};
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
	if (n == 6 && strncmp(arg, "amount", 6) == 0)
		s.lever = SOLVE_AMOUNT;
	else if (n == 15 && strncmp(arg, "procurement_cut", 15) == 0)
		s.lever = SOLVE_PROCUREMENT_CUT;
	else
		return false;
	if (colon) {
		char *end;
		s.probability = strtod(colon + 1, &end);
		if (*end || !(s.probability > 0 && s.probability < 1))
			return false;
		s.goal = GOAL_TARGET;
	} else {
		s.goal = GOAL_RESULT;
		s.probability = 0.5;
	}
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
			if (!parse_u64(optarg, &o->seed))
				return cmd_usage_error(self, "bad --seed '%s' (a whole number)", optarg);
			break;
		case 'I':
			if (!parse_u64(optarg, &v) || v < 1000)
				return cmd_usage_error(self, "bad --max-instructions '%s' (at least 1000)",
						       optarg);
			o->limits.max_instructions = v;
			break;
		case 'M':
			if (!parse_u64(optarg, &v) || v < 1 || v > 65536)
				return cmd_usage_error(self, "bad --max-memory '%s' (megabytes, 1 to "
							     "65536)", optarg);
			o->limits.max_memory_bytes = v << 20;
			break;
		case 'L':
			if (strcmp(optarg, "nl") == 0)
				o->lang = LANG_NL;
			else if (strcmp(optarg, "en") == 0)
				o->lang = LANG_EN;
			else
				return cmd_usage_error(self, "unknown --lang '%s' (nl or en)", optarg);
			break;
		case 'W': o->workbooks = false; break;
		case 'N':
			if (!parse_u64(optarg, &v) || v > 10000000)
				return cmd_usage_error(self, "bad --iterations '%s' (0 to 10000000)",
						       optarg);
			o->iterations = (size_t)v;
			break;
		case 'T':
			if (!parse_u64(optarg, &v) || v < 1 || v > 64)
				return cmd_usage_error(self, "bad --threads '%s' (1 to 64)", optarg);
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

fp_status cmd_run(int argc, char **argv)
{
	const command *self = command_find("run");
	job_opts o;
	fp_status st = parse_args(self, argc, argv, &o);
	if (st == FP_OK && o.nscripts > 0) {
		o.argc = argc;
		o.argv = argv;
		job_install_signals();
		st = cmd_finish_output(job_run(&o, NULL));
	}
	free(o.solves);
	return st;
}
