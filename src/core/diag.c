/* diag: see diag.h. Messages past the cap are counted, not printed, so a file with a
 * million bad rows still ends quickly with an exact count. */
#include "diag.h"
#include "xalloc.h"
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

void diag_columns(diag *d, const char *file, const char *const *names, size_t n)
{
	d->columns_file = file;
	d->columns = names;
	d->ncolumns = names ? n : 0;
}

char *diag_column_letter(char buf[8], long col)
{
	char rev[8];
	int n = 0;
	while (col > 0 && n < 7) {
		col--;
		rev[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

/* " (column L, 'NAME')" when col is a column of the file whose header d knows (the names
 * come quoted, by text_quote: core/ does not include io/). Notes go without it: a note
 * follows the error at the same place, which has named the column already. */
static void write_column(const diag *d, FILE *out, diag_level level, const char *file,
			 long col)
{
	if (level == DIAG_NOTE || !d->columns_file || !file || col <= 0 || (size_t)col > d->ncolumns ||
	    strcmp(file, d->columns_file) != 0)
		return;
	char letter[8];
	fprintf(out, " (column %s, %s)", diag_column_letter(letter, col), d->columns[col - 1]);
}

/* file onto out with its control bytes (newline, ESC) as \xNN, as text_escape shows them
 * (core/ does not include io/): a path is what the user or a folder named, and a newline
 * or a terminal escape in it must not forge or hide a message. Bytes of 0x80 and above
 * are left to the callers that check UTF-8. */
static void put_path(FILE *out, const char *file)
{
	for (const unsigned char *p = (const unsigned char *)file; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
}

/* "FILE:LINE:COL: LEVEL: MESSAGE" (the shorter forms without a position) onto out. */
static void write_message(FILE *out, diag_level level, const char *file, long line, long col,
			  const char *fmt, va_list ap)
{
	if (file) {
		put_path(out, file);
		if (line > 0) {
			fprintf(out, ":%ld", line);
			if (col > 0)
				fprintf(out, ":%ld", col);
		}
		fputs(": ", out);
	}
	fprintf(out, "%s: ", level_word(level));
	vfprintf(out, fmt, ap);
}

static void count(diag *d, diag_level level, fp_status st)
{
	if (level == DIAG_ERROR) {
		d->errors++;
		d->status = status_worse(d->status, st == FP_OK ? FP_EDATA : st);
	} else if (level == DIAG_WARNING) {
		d->warnings++;
	} else {
		d->notes++;
	}
}

bool diag_full(const diag *d)
{
	return d->shown >= d->cap;
}

/* Whether a message of this level is printed: under the cap, or past it when it is the
 * first error, so that warnings filling the cap never hide why the run fails. A cap of 0
 * is a quiet diag (a probe whose caller says what went wrong): it prints nothing. */
static bool shows(diag *d, diag_level level)
{
	if (!diag_full(d) || (level == DIAG_ERROR && !d->error_shown && d->cap > 0)) {
		d->shown++;
		if (level == DIAG_ERROR)
			d->error_shown = true;
		return true;
	}
	return false;
}

void diag_report(diag *d, diag_level level, fp_status st, const char *file, long line,
		 long col, const char *fmt, ...)
{
	if (level == DIAG_NOTE && diag_full(d))
		return; /* its message was not shown: neither is it, nor counted (diag_full) */
	count(d, level, st);
	if (!shows(d, level))
		return;
	va_list ap;
	va_start(ap, fmt);
	if (d->holding) {
		diag_msg msg = {level, st, d->key, NULL};
		size_t len;
		FILE *m = open_memstream(&msg.text, &len);
		if (!m)
			xnomem();
		write_message(m, level, file, line, col, fmt, ap);
		write_column(d, m, level, file, col);
		if (fclose(m) != 0)
			xnomem();
		VEC_GROW(d->held, d->nheld, d->held_cap);
		d->held[d->nheld++] = msg;
	} else {
		/* One message is several writes: hold the stream, so that no other thread's
		 * output comes within a line. */
		flockfile(d->out);
		fputs("fitplan: ", d->out);
		write_message(d->out, level, file, line, col, fmt, ap);
		write_column(d, d->out, level, file, col);
		fputc('\n', d->out);
		funlockfile(d->out);
	}
	va_end(ap);
}

void diag_hold(diag *d)
{
	d->holding = true;
}

void diag_merge(diag *to, diag *const *from, size_t n)
{
	size_t *next = xcalloc(n ? n : 1, sizeof *next);
	unsigned long *held[3];
	for (int k = 0; k < 3; k++)
		held[k] = xcalloc(n ? n : 1, sizeof **held);
	for (;;) {
		size_t pick = n;
		for (size_t i = 0; i < n; i++)
			if (next[i] < from[i]->nheld &&
			    (pick == n ||
			     from[i]->held[next[i]].key < from[pick]->held[next[pick]].key))
				pick = i;
		if (pick == n)
			break;
		diag_msg *msg = &from[pick]->held[next[pick]++];
		held[msg->level][pick]++;
		if (msg->level == DIAG_NOTE && diag_full(to)) {
			free(msg->text); /* as diag_report: a note past the cap is not counted */
			continue;
		}
		count(to, msg->level, msg->st);
		if (shows(to, msg->level)) {
			flockfile(to->out);
			fprintf(to->out, "fitplan: %s\n", msg->text);
			funlockfile(to->out);
		}
		free(msg->text);
	}
	/* What they only counted (past their caps) is counted here too, not shown. */
	for (size_t i = 0; i < n; i++) {
		to->errors += from[i]->errors - held[DIAG_ERROR][i];
		to->warnings += from[i]->warnings - held[DIAG_WARNING][i];
		to->notes += from[i]->notes - held[DIAG_NOTE][i];
		to->status = status_worse(to->status, from[i]->status);
		free(from[i]->held);
		from[i]->held = NULL;
		from[i]->nheld = from[i]->held_cap = 0;
	}
	for (int k = 0; k < 3; k++)
		free(held[k]);
	free(next);
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
