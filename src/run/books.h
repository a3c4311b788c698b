/* books: the workbooks of a run: per scenario the committee's workbook and one workbook per
 * unit, shared out over --threads threads (at most 8). Each thread has its own workbooks and
 * diagnostics; neither the files nor the messages depend on which thread wrote them. */
#ifndef FP_RUN_BOOKS_H
#define FP_RUN_BOOKS_H
#include "pipeline.h"
#include "../audit/record.h"

/* run_books_write: the workbooks of every scenario of res into od, in the language of o;
 * their Audit sheets show the run hash and inputs of rec. FP_ECANTCREAT or FP_EIO
 * (reported) when one cannot be written: the caller abandons the folder. */
fp_status run_books_write(run_result *res, const run_opts *o, const char *run_id, outdir *od,
			  const run_record *rec);

#endif
