/* pack: the committee pack, a scenario's committee workbook (<scenario>/monitor.xlsx) of a
 * run record printed as one PDF by LibreOffice (run/office.h), its sheets in workbook
 * order. The record is checked first (as verify checks it, without re-running), and the
 * workbook converted is a copy made while hashing it again, so the pack shows exactly
 * what the record holds. The PDF is a print of the record, not part of it: never written
 * inside a run record, never verified (its bytes depend on LibreOffice and the fonts), and
 * it appears whole or not at all; an existing file is replaced only with force, and only
 * when it is a PDF. */
#ifndef FP_RUN_PACK_H
#define FP_RUN_PACK_H
#include "../audit/manifest.h"
#include <stdbool.h>

/* The committee's workbook of a scenario, in the scenario's folder of a run. */
#define PACK_WORKBOOK "monitor.xlsx"

/* The time LibreOffice gets by default, in seconds (a first start with a fresh profile
 * takes a few). */
#define PACK_TIMEOUT_S 300

typedef struct pack {
	const char *run_dir; /* as the user named it */
	manifest mf;
} pack;

/* pack_open: read the record's manifest and check the record against it (every listed
 * file there with its SHA-256, nothing else; audit/manifest.h). FP_ENOINPUT when run_dir
 * is not there; FP_EDATA when the record was changed, is incomplete or is none (reported,
 * then "...; no pack made"). pack_close in any case. */
fp_status pack_open(pack *pk, const char *run_dir, diag *d);
void pack_close(pack *pk);

/* pack_default_out: where the PDF of scenario scen goes without --out: beside the run
 * folder, named after it and the scenario, "<folder of RUN_DIR>/<name of RUN_DIR>-<scenario>.pdf",
 * a symbolic link at RUN_DIR followed first (reports/latest gives
 * reports/<model>/<run id>-<scenario>.pdf). malloc'ed; NULL (reported, FP_EDATA in *st)
 * when the scenario's name cannot be part of a file name. */
char *pack_default_out(const pack *pk, int scen, fp_status *st, diag *d);

/* The --out that means standard output. */
#define PACK_STDOUT "-"

/* pack_write: print scenario scen's committee workbook to out (PACK_STDOUT: standard
 * output, written as the PDF comes, with no file rules; the caller refuses a terminal).
 * In this order: the record
 * must list the workbook (FP_ENOINPUT: a run made with --no-workbooks); out must lie in no
 * run record and be free, or with force be a regular file that starts with "%PDF-"
 * (FP_ECANTCREAT); LibreOffice must be on PATH (FP_EUNAVAILABLE, saying how to install
 * it). The workbook is then copied into a scratch folder (FP_EDATA when it changed since
 * pack_open), converted there with a private profile within timeout_s seconds
 * (FP_EUNAVAILABLE when LibreOffice fails, runs out of time or writes no PDF), and the PDF
 * moved to out, judged again just before. The scratch folder is removed in any case, by a
 * signal too (run_install_signals). Every problem is reported. */
fp_status pack_write(const pack *pk, int scen, const char *out, bool force,
		     unsigned timeout_s, diag *d);

#endif
