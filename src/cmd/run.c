/* run: the "run" command: options, then a job (job.h) that writes the run folder. */
#include "cmd.h"
#include "job.h"
#include "opts.h"
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
		case 'h': return cmd_print_help(self);
		default: return FP_EUSAGE;
		}
	}
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
	if (st != FP_OK || o.nscripts == 0)
		return st;
	o.argc = argc;
	o.argv = argv;
	job_install_signals();
	return cmd_finish_output(job_run(&o, NULL));
}
