/* job: one run of scenario scripts over a model version, shared by "run" (which writes it
 * to a run folder), "verify" (which re-runs a record into a scratch folder) and "diff"
 * (which re-runs two records in memory); both re-run checked copies (rerun.h). */
#ifndef FP_JOB_H
#define FP_JOB_H
#include "context.h"
#include "snapshot.h"
#include "../audit/record.h"
#include "../export/xlsx.h"
#include "../scenario/script.h"
#include "../stats/risk.h"
#include "../model/actuals.h"

#define JOB_DEFAULT_SEED 20240101ULL

typedef struct job_opts {
	const char *dir;      /* the model version folder */
	char *const *scripts; /* as given */
	int nscripts;
	const char *out;      /* the run folder; NULL: reports/<model>/<run id> */
	uint64_t seed;
	script_limits limits;
	bool force;
	bool workbooks;
	xlsx_lang lang;
	bool quiet;           /* no summary on stdout */
	size_t iterations;    /* Monte Carlo draws; 0 for none */
	unsigned threads;     /* 0: every processor */
	solve_spec *solves;   /* --solve requests, added to every scenario */
	size_t nsolves;
	int argc;             /* the command line, for the record */
	char **argv;
} job_opts;

void job_opts_defaults(job_opts *o);

typedef struct scenario_out {
	scenario_spec spec;
	scenario_result res;
	consolidation cons;
	projection proj;
	risk_result risk; /* iterations == 0 when not simulated */
	liquidity liq, liq_p10, liq_p90; /* nyears == 0: none */
	realisation real; /* cells == NULL when the model has no actuals */
} scenario_out;

typedef struct job {
	run_ctx r;
	scenario_out *s;
	size_t n; /* scenarios computed */
	snapshot inputs; /* the inputs as read: the model's files, then the scripts */
} job;

/* job_compute: load the model version and run every script; nothing is written. job_release
 * in any case. */
fp_status job_compute(job *j, const job_opts *o);
void job_release(job *j);

/* job_run: job_compute, then write the run folder with its record. *target (may be NULL)
 * gets the folder written or found (malloc'ed). */
fp_status job_run(const job_opts *o, char **target);

/* job_install_signals: SIGINT, SIGTERM and SIGHUP leave no half-written run folder
 * (core/interrupt.h). */
void job_install_signals(void);

#endif
