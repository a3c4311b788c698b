/* pack: the committee pack of a run record as one PDF (run/pack.h): the record checked,
 * a scenario chosen, its committee workbook printed by LibreOffice outside the record. */
#include "cmd.h"
#include "opts.h"
#include "../io/text.h"
#include "../run/pack.h"
#include "../run/write.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An OPT_PARSE for --timeout SECONDS into an unsigned *: a whole number 1..86400. */
static fp_status parse_timeout(const command *c, const char *arg, void *value)
{
	char *end;
	errno = 0;
	unsigned long s = arg[0] >= '0' && arg[0] <= '9' ? strtoul(arg, &end, 10) : 0;
	if (errno || s < 1 || s > 86400 || *end)
		return cmd_usage_error(c, "--timeout takes whole seconds from 1 to 86400, not %s",
				       text_quotez(arg));
	*(unsigned *)value = (unsigned)s;
	return FP_OK;
}

/* Which scenario: --scenario's, or the record's only one; else a usage error naming them. */
static fp_status choose(const command *self, const pack *pk, const char *scen, int *i)
{
	if (!scen && pk->mf.nscenarios == 1) {
		*i = 0;
		return FP_OK;
	}
	char *names = manifest_scenario_names(&pk->mf, NULL);
	fp_status st = FP_OK;
	if (!scen)
		st = cmd_usage_error(self, "the run holds several scenarios (%s); choose one with "
					   "--scenario NAME", names);
	else if ((*i = manifest_scenario_index(&pk->mf, scen)) < 0)
		st = cmd_usage_error(self, "no scenario %s in %s (it holds %s)", text_quotez(scen),
				     pk->run_dir, names);
	free(names);
	return st;
}

fp_status cmd_pack(int argc, char **argv)
{
	const command *self = command_find("pack");
	const char *scen = NULL, *out = NULL;
	bool force = false;
	unsigned timeout_s = PACK_TIMEOUT_S;
	const opt table[] = {
		{"scenario", 0, OPT_STRING, &scen, NULL},
		{"out", 'o', OPT_STRING, &out, NULL},
		{"force", 'f', OPT_TRUE, &force, NULL},
		{"timeout", 0, OPT_PARSE, &timeout_s, parse_timeout},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	int first;
	fp_status st;
	if (!opts_parse(self, table, NULL, argc, argv, &first, &st))
		return st;
	if (argc - first != 1)
		return cmd_usage_error(self, argc - first ? "give one run folder" : "no run folder given");
	if (out && !*out)
		return cmd_usage_error(self, "--out takes a file name");
	bool to_stdout = out && strcmp(out, PACK_STDOUT) == 0;
	/* Binary bytes on a terminal help nobody (as git and gzip refuse too). */
	if (to_stdout && isatty(STDOUT_FILENO))
		return cmd_usage_error(self, "standard output is a terminal: the PDF would be "
					     "printed on it; redirect it (--out - > FILE.pdf) or "
					     "give --out FILE.pdf");
	if (to_stdout && force)
		return cmd_usage_error(self, "--force goes with --out FILE, not with --out -");
	diag d;
	diag_init(&d, stderr);
	pack pk;
	int i = -1;
	char *dflt = NULL;
	st = pack_open(&pk, argv[first], &d);
	if (st == FP_OK)
		st = choose(self, &pk, scen, &i);
	if (st == FP_OK && !out)
		out = dflt = pack_default_out(&pk, i, &st, &d);
	if (st == FP_OK) {
		run_install_signals(); /* a signal stops LibreOffice and removes the scratch */
		st = pack_write(&pk, i, out, force, timeout_s, &d);
	}
	if (st == FP_OK && !to_stdout) { /* standard output holds the PDF alone */
		char *shown = text_escape(out, strlen(out), 0);
		char *rec = text_escape(pk.run_dir, strlen(pk.run_dir), 0);
		printf("wrote %s: the committee workbook of scenario %s of the run record %s\n",
		       shown, text_quotez(pk.mf.scenarios[i].name), rec);
		free(rec);
		free(shown);
	}
	diag_finish(&d);
	free(dflt);
	pack_close(&pk);
	return cmd_finish_output(st);
}
