/* diag: see diag.h. Messages past the cap are counted, not printed, so a file with a
 * million bad rows still ends quickly with an exact count. */
#include "diag.h"
#include <stdarg.h>
#include <string.h>

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->cap = DIAG_DEFAULT_CAP;
	d->status = FP_OK;
}

static const char *level_word(diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "note";
	}
	return "error";
}

void diag_report(diag *d, diag_level level, fp_status st, const char *file, long line,
		 long col, const char *fmt, ...)
{
	if (level == DIAG_ERROR) {
		d->errors++;
		d->status = status_worse(d->status, st == FP_OK ? FP_EDATA : st);
	} else if (level == DIAG_WARNING) {
		d->warnings++;
	} else {
		d->notes++;
	}
	if (d->shown >= d->cap)
		return;
	d->shown++;
	/* One message is several writes: hold the stream so that the unit workbook threads,
	 * each with a diag of its own on stderr, cannot interleave theirs within a line. */
	flockfile(d->out);
	fputs("fitplan: ", d->out);
	if (file) {
		fputs(file, d->out);
		if (line > 0) {
			fprintf(d->out, ":%ld", line);
			if (col > 0)
				fprintf(d->out, ":%ld", col);
		}
		fputs(": ", d->out);
	}
	fprintf(d->out, "%s: ", level_word(level));
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fputc('\n', d->out);
	funlockfile(d->out);
}

void diag_finish(diag *d)
{
	unsigned long hidden = d->errors + d->warnings + d->notes - d->shown;
	if (hidden > d->hidden_said) {
		fprintf(d->out, "fitplan: %lu more messages not shown (%lu errors in all)\n",
			hidden - d->hidden_said, d->errors);
		d->hidden_said = hidden;
	}
	fflush(d->out);
}
