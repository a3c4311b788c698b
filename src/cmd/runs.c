/* runs: the run log: every run record under the reports folder, newest first, with the
 * model version's date, the model, the scenarios, the iterations and whether the record
 * is intact (its files re-hashed against its manifest, nothing re-run; audit/runlog.h).
 * A table for people, or CSV. Exit 0 (also with records that are not intact: listing
 * them is this command's work), 66 when the reports folder is not there. */
#include "cmd.h"
#include "opts.h"
#include "../audit/runlog.h"
#include "../io/csvwrite.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum { COL_RUN, COL_DATE, COL_MODEL, COL_SCENARIOS, COL_ITER, COL_RECORD, COL_LINK, NCOLS };

static const char *const headers[NCOLS] = {"run",        "model date", "model", "scenarios",
					   "iterations", "record",     "link"};
static const char *const csv_headers[NCOLS] = {"run",        "model_date", "model", "scenarios",
					       "iterations", "record",     "link"};

/* The cells of one row, into cell (iterations into buf): "-" for what is not known. */
static void cells_of(const runlog_entry *e, const char *cell[NCOLS], char buf[24])
{
	bool known = e->model != NULL;
	snprintf(buf, 24, "%" PRIu64, e->iterations);
	cell[COL_RUN] = e->shown;
	cell[COL_DATE] = e->date ? e->date : "-";
	cell[COL_MODEL] = known ? e->model : "-";
	cell[COL_SCENARIOS] = known ? e->scenarios : "-";
	cell[COL_ITER] = known && e->iterations ? buf : "-";
	cell[COL_RECORD] = runlog_state_word(e->state);
	cell[COL_LINK] = e->latest && e->previous ? "latest, previous"
			 : e->latest		  ? "latest"
			 : e->previous		  ? "previous"
						  : "";
}

/* One line of the table: the cells padded to the widths, two spaces between, none after
 * the last. */
static void put_row(const char *const cell[NCOLS], const size_t width[NCOLS])
{
	size_t last = NCOLS - 1;
	while (last > 0 && !cell[last][0])
		last--;
	for (size_t c = 0; c <= last; c++)
		printf("%s%-*s", c ? "  " : "", c == last ? 0 : (int)width[c], cell[c]);
	printf("\n");
}

static void print_table(const runlog *l)
{
	size_t width[NCOLS];
	const char *cell[NCOLS];
	char buf[24];
	for (size_t c = 0; c < NCOLS; c++)
		width[c] = strlen(headers[c]);
	for (size_t i = 0; i < l->n; i++) {
		cells_of(&l->e[i], cell, buf);
		for (size_t c = 0; c < NCOLS; c++)
			if (strlen(cell[c]) > width[c])
				width[c] = strlen(cell[c]);
	}
	put_row(headers, width);
	for (size_t i = 0; i < l->n; i++) {
		cells_of(&l->e[i], cell, buf);
		put_row(cell, width);
		if (l->e[i].note)
			printf("  %s\n", l->e[i].note);
	}
}

/* CSV: what is not known is an empty field, no iterations 0; the model's and scenarios'
 * names, the folder and the note are free text (csvw_text: no formula for a spreadsheet). */
static void print_csv(const runlog *l)
{
	for (size_t c = 0; c < NCOLS; c++)
		csvw_field(stdout, csv_headers[c], false);
	csvw_field(stdout, "note", true);
	for (size_t i = 0; i < l->n; i++) {
		const runlog_entry *e = &l->e[i];
		const char *cell[NCOLS];
		char buf[24];
		cells_of(e, cell, buf);
		csvw_text(stdout, e->shown, false);
		csvw_field(stdout, e->date ? e->date : "", false);
		csvw_text(stdout, e->model ? e->model : "", false);
		csvw_text(stdout, e->scenarios ? e->scenarios : "", false);
		if (e->model)
			csvw_int(stdout, (long long)e->iterations, false);
		else
			csvw_empty(stdout, false);
		csvw_field(stdout, cell[COL_RECORD], false);
		csvw_field(stdout, cell[COL_LINK], false);
		csvw_text(stdout, e->note ? e->note : "", true);
	}
}

fp_status cmd_runs(int argc, char **argv)
{
	const command *self = command_find("runs");
	const char *reports = "reports";
	bool csv = false;
	const opt table[] = {
		{"reports", 0, OPT_STRING, &reports, NULL},
		{"format", 0, OPT_PARSE, &csv, opts_format},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	fp_status st;
	if (!opts_parse_only(self, table, argc, argv, &st))
		return st;
	diag d;
	diag_init(&d, stderr);
	runlog l;
	st = runlog_read(&l, reports, &d);
	diag_finish(&d);
	if (st == FP_OK && csv)
		print_csv(&l);
	else if (st == FP_OK && l.n == 0)
		printf("no run records in %s (fitplan run writes them there)\n", reports);
	else if (st == FP_OK)
		print_table(&l);
	runlog_release(&l);
	return cmd_finish_output(st);
}
