/* csvread: see csvread.h. The file is read in 1 MiB chunks and fed to libcsv a line at a
 * time, so the line of every field is known without a second pass. A record's first field
 * starts on the first non-blank line after the previous record; every later field starts
 * on the line where the previous field ended (its delimiter is there). */
#include "csvread.h"
#include "infile.h"
#include "text.h"
#include "../core/xalloc.h"
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CHUNK ((size_t)1 << 20)

typedef struct reader {
	const struct csv_parser *parser; /* whose entry_buf field_cb is handed */
	const char *path;
	diag *d;
	csv_record_fn fn;
	void *ctx;
	long line;          /* the line being fed */
	long start_line;    /* where the current record started */
	long last_end_line; /* where the previous field ended */
	bool at_row_start;
	/* The current record: field bytes in buf, descriptions in fields. */
	char *buf;
	size_t buf_len, buf_cap;
	size_t *offs;
	csv_field *fields;
	size_t nfields, fields_cap;
	bool bad;        /* the current record had a reported problem */
	bool too_many;   /* the current record passed CSV_MAX_FIELDS */
	size_t header_fields;
	size_t index;
	bool stop;       /* the callback asked to stop */
	bool failed;     /* a bad record was reported */
	char **colnames; /* the header's names, quoted, for diag_columns */
	size_t ncolnames;
} reader;

/* field_cb's checks of a field that is not plain (text_plain) or longer than a name: its
 * problem, if any, reported at (line, col). False: the record is bad. Out of line, so that
 * the common field's call keeps a small frame. */
static __attribute__((noinline)) bool field_text_ok(reader *r, const char *p, size_t len,
						    long line, long col)
{
	bool header = r->index == 0;
	text_problem tp;
	char why[80];
	if (text_check(p, len, header ? TEXT_NAME_MAX : TEXT_CELL_MAX, &tp))
		return true;
	if (tp.fault == TEXT_NUL)
		diag_error(r->d, r->path, line, col, "NUL byte in field %s", text_quote(p, len));
	else if (tp.fault == TEXT_TOO_LONG)
		diag_error(r->d, r->path, line, col,
			   "%s of %zu characters (as Excel counts them), the limit is %zu",
			   header ? "column name" : "field", tp.units, tp.max);
	else
		diag_error(r->d, r->path, line, col, "%s of field %s",
			   text_problem_str(&tp, why, sizeof why), text_quote(p, len));
	return false;
}

/* Room in the record for one more field of len bytes, its NUL and the 8 bytes past it
 * that text_plain_copy may write (its last word whole). */
static __attribute__((noinline)) void record_grow(reader *r, size_t len)
{
	if (r->buf_len + len + 8 > r->buf_cap) {
		while (r->buf_len + len + 8 > r->buf_cap)
			r->buf_cap = r->buf_cap ? r->buf_cap * 2 : 4096;
		r->buf = xrealloc(r->buf, r->buf_cap);
	}
	if (r->nfields >= r->fields_cap) {
		r->fields_cap = r->fields_cap ? r->fields_cap * 2 : 32;
		r->fields = xreallocarray(r->fields, r->fields_cap, sizeof *r->fields);
		r->offs = xreallocarray(r->offs, r->fields_cap, sizeof *r->offs);
	}
}

static void field_cb(void *s, size_t len, void *data)
{
	reader *r = data;
	long line = r->nfields == 0 ? r->start_line : r->last_end_line;
	r->last_end_line = r->line;
	if (r->stop)
		return;
	if (r->nfields >= CSV_MAX_FIELDS) {
		if (!r->too_many)
			diag_error(r->d, r->path, line, (long)r->nfields + 1,
				   "more than %d fields in one row", CSV_MAX_FIELDS);
		r->too_many = r->bad = true;
		r->nfields++;
		return;
	}
	long col = (long)r->nfields + 1;
	const char *p = s ? s : "";
	if (len > CSV_MAX_FIELD_BYTES) {
		diag_error(r->d, r->path, line, col, "field of %zu bytes, the limit is %zu", len,
			   CSV_MAX_FIELD_BYTES);
		r->bad = true;
		len = 0;
	}
	if (r->buf_len + len + 8 > r->buf_cap || r->nfields >= r->fields_cap)
		record_grow(r, len);
	char *to = r->buf + r->buf_len;
	/* Every field is text that a workbook cell (or, in the header, a column name) can
	 * hold: checked here, once for every file, so no loader can forget a field. Plain
	 * ASCII no longer than any limit (most fields) is text: tested as it is copied into
	 * the record, eight bytes at a time, the last ones as one word (the record keeps 8
	 * bytes of room past a field's NUL, and libcsv's field buffer, whose size its public
	 * struct says, mostly has them too); only the rest go to text_check. */
	bool plain;
	if (s == (void *)r->parser->entry_buf && len + 8 <= r->parser->entry_size) {
		plain = text_plain_copy(to, p, len);
	} else {
		memcpy(to, p, len);
		plain = text_plain(to, len);
	}
	to[len] = '\0';
	if ((len > TEXT_NAME_MAX || !plain) && !field_text_ok(r, to, len, line, col))
		r->bad = true;
	r->offs[r->nfields] = r->buf_len;
	r->fields[r->nfields] = (csv_field){NULL, len, line};
	r->nfields++;
	r->buf_len += len + 1;
}

static bool all_empty(const reader *r)
{
	for (size_t i = 0; i < r->nfields && i < CSV_MAX_FIELDS; i++)
		if (r->fields[i].len)
			return false;
	return true;
}

/* From the header on, every message at a column of this file names it (diag_columns):
 * "bad amount '1.234,56': not a number (column L, '2024')". */
static void name_columns(reader *r, const csv_record *hdr)
{
	r->colnames = xcalloc(hdr->nfields ? hdr->nfields : 1, sizeof *r->colnames);
	r->ncolnames = hdr->nfields;
	for (size_t i = 0; i < hdr->nfields; i++)
		r->colnames[i] = xstrdup(text_quote(hdr->fields[i].s, hdr->fields[i].len));
	diag_columns(r->d, r->path, (const char *const *)r->colnames, r->ncolnames);
}

static void record_cb(int c, void *data)
{
	(void)c;
	reader *r = data;
	r->at_row_start = true;
	if (r->stop)
		goto reset;
	size_t n = r->nfields < CSV_MAX_FIELDS ? r->nfields : CSV_MAX_FIELDS;
	for (size_t i = 0; i < n; i++)
		r->fields[i].s = r->buf + r->offs[i];
	if (r->bad) {
		r->failed = true;
		if (r->index == 0)
			r->stop = true; /* without a header the rest cannot be read */
		r->index++;
		goto reset;
	}
	if (r->index > 0 && all_empty(r))
		goto reset;
	if (r->index == 0) {
		r->header_fields = r->nfields;
	} else if (r->nfields != r->header_fields) {
		diag_error(r->d, r->path, r->start_line,
			   (long)(r->nfields < r->header_fields ? r->nfields : r->header_fields) + 1,
			   "row has %zu fields, the header has %zu", r->nfields, r->header_fields);
		r->failed = true;
		r->index++;
		goto reset;
	}
	csv_record rec = {r->path, r->start_line, r->index, n, r->fields};
	r->index++;
	if (!r->fn(r->ctx, &rec))
		r->stop = true;
	if (rec.index == 0)
		name_columns(r, &rec);
reset:
	r->nfields = 0;
	r->buf_len = 0;
	r->bad = r->too_many = false;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* The delimiter of the header line: ';' when it has more semicolons than commas outside
 * quotes, else ','. */
static char detect_delimiter(const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	bool quoted = false;
	for (size_t i = 0; i < len && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

bool csv_field_is(const csv_field *f, const char *name)
{
	size_t n = strlen(name);
	return f->len == n && strncasecmp(f->s, name, n) == 0;
}

/* The first chunk [s, end): skip a UTF-8 byte order mark, detect the delimiter from the
 * header (the first non-blank line) and the line ends; returns where the data starts. */
static const char *first_chunk(const char *s, const char *end, csv_info *local,
			       struct csv_parser *p)
{
	if (end - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		local->bom = true;
		s += 3;
	}
	const char *h = s;
	while (h < end) {
		const char *nl = memchr(h, '\n', (size_t)(end - h));
		size_t len = nl ? (size_t)(nl - h) + 1 : (size_t)(end - h);
		if (!blank(h, len))
			break;
		h += len;
	}
	local->delimiter = detect_delimiter(h, (size_t)(end - h));
	csv_set_delim(p, (unsigned char)local->delimiter);
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	local->crlf = nl && nl > s && nl[-1] == '\r';
	return s;
}

/* libcsv refused the input at r's position: out of memory is fatal, else malformed
 * quoting is reported. */
static void parse_failed(struct csv_parser *p, reader *r)
{
	int e = csv_error(p);
	if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
		xnomem();
	diag_error(r->d, r->path, r->line, (long)r->nfields + 1,
		   "malformed quoting (a quote inside an unquoted field, or text after a closing "
		   "quote)");
	r->failed = true;
}

/* Feed [s, end) to the parser a line at a time, counting lines (LF, CRLF or a bare CR;
 * a CR at the end of a chunk leaves *skip_lf for an LF that starts the next); *any is set
 * by a non-blank line. False after a parse error (reported). */
static bool feed(struct csv_parser *p, reader *r, const char *s, const char *end,
		 bool *skip_lf, bool *any)
{
	/* The first CR at or after s, or NULL: looked for again only once passed, so a file
	 * without CRs is searched for them once a chunk, not once a line. */
	const char *next_cr = memchr(s, '\r', (size_t)(end - s));
	while (s < end && !r->stop) {
		if (*skip_lf) {
			/* A CR ended the previous chunk; this LF belongs to it. */
			*skip_lf = false;
			if (*s == '\n') {
				if (csv_parse(p, s, 1, field_cb, record_cb, r) != 1) {
					parse_failed(p, r);
					return false;
				}
				s++;
				continue;
			}
		}
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *seg_end = nl ? nl + 1 : end;
		/* A bare CR (old Mac files) ends a line too, as libcsv reads it. */
		size_t scan = (size_t)(seg_end - s);
		if (nl && scan >= 2 && nl[-1] == '\r')
			scan -= 2;
		else if (nl)
			scan -= 1;
		if (next_cr && next_cr < s)
			next_cr = memchr(s, '\r', (size_t)(end - s));
		const char *cr = next_cr && next_cr < s + scan ? next_cr : NULL;
		if (cr) {
			nl = cr;
			seg_end = cr + 1;
		} else if (!nl && end > s && end[-1] == '\r') {
			nl = end - 1;
			*skip_lf = true;
		}
		size_t n = (size_t)(seg_end - s);
		if (r->at_row_start && !blank(s, n)) {
			r->start_line = r->line;
			r->at_row_start = false;
		}
		if (!blank(s, n))
			*any = true;
		if (csv_parse(p, s, n, field_cb, record_cb, r) != n) {
			parse_failed(p, r);
			return false;
		}
		if (nl)
			r->line++;
		s = seg_end;
	}
	return true;
}

fp_status csv_read(const char *path, csv_record_fn fn, void *ctx, diag *d, csv_info *info)
{
	return csv_read_hashed(path, fn, ctx, d, info, NULL);
}

fp_status csv_read_hashed(const char *path, csv_record_fn fn, void *ctx, diag *d,
			  csv_info *info, char *sha256)
{
	if (sha256)
		sha256[0] = '\0';
	fp_status st = FP_OK;
	csv_info local = {',', false, false, 0};
	struct csv_parser p;
	reader r = {.parser = &p, .path = path, .d = d, .fn = fn, .ctx = ctx, .line = 1, .at_row_start = true};
	FILE *f = infile_open(path, d, &st);
	if (!f)
		return st;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		xnomem();
	/* Grow a long field's buffer 64 KiB at a time, not libcsv's default 128 bytes: a
	 * 10 MB field would otherwise take 80,000 reallocations. */
	csv_set_blk_size(&p, (size_t)1 << 16);
	char *chunk = xmalloc(CHUNK);
	hash_ctx *hash = sha256 ? hash_new() : NULL;
	bool first = true, any = false, skip_lf = false;
	size_t got;
	while (!r.stop && (got = fread(chunk, 1, CHUNK, f)) > 0) {
		const char *s = chunk, *end = chunk + got;
		if (hash)
			hash_update(hash, chunk, got);
		if (first) {
			first = false;
			s = first_chunk(s, end, &local, &p);
		}
		if (!feed(&p, &r, s, end, &skip_lf, &any))
			goto out;
	}
	/* The digest is of the whole file, whatever the callback made of it. */
	while (hash && !ferror(f) && (got = fread(chunk, 1, CHUNK, f)) > 0)
		hash_update(hash, chunk, got);
	if (ferror(f)) {
		diag_report(d, DIAG_ERROR, FP_EIO, path, 0, 0, "read error: %s", strerror(errno));
		st = FP_EIO;
		goto out;
	}
	if (!r.stop && csv_fini(&p, field_cb, record_cb, &r) != 0) {
		diag_error(d, path, r.start_line, (long)r.nfields + 1,
			   "unterminated quoted field (the closing quote is missing)");
		r.failed = true;
	}
	if (!any) {
		diag_error(d, path, 0, 0, "empty file, expected a header line");
		r.failed = true;
	}
out:
	/* A message after the reading (a cross-reference checked later) no longer gets the
	 * column's name; its FILE:LINE:COL still says where. */
	diag_columns(d, NULL, NULL, 0);
	for (size_t i = 0; i < r.ncolnames; i++)
		free(r.colnames[i]);
	free(r.colnames);
	csv_free(&p);
	fclose(f);
	free(chunk);
	free(r.buf);
	free(r.offs);
	free(r.fields);
	local.records = r.index ? r.index - 1 : 0;
	if (info)
		*info = local;
	if (st == FP_OK && r.failed)
		st = FP_EDATA;
	if (hash) {
		hash_final(hash, sha256);
		if (st != FP_OK)
			sha256[0] = '\0';
	}
	return st;
}

bool csv_header_map(const csv_record *hdr, const char *const *names, const bool *required,
		    size_t n, int *idx, bool *claimed, diag *d)
{
	bool ok = true;
	if (claimed)
		memset(claimed, 0, hdr->nfields * sizeof *claimed);
	for (size_t i = 0; i < n; i++) {
		idx[i] = -1;
		for (size_t j = 0; j < hdr->nfields; j++) {
			if (!csv_field_is(&hdr->fields[j], names[i]))
				continue;
			if (idx[i] >= 0) {
				diag_error(d, hdr->file, hdr->fields[j].line, (long)j + 1,
					   "column '%s' given twice (also column %d)", names[i],
					   idx[i] + 1);
				ok = false;
				continue;
			}
			idx[i] = (int)j;
			if (claimed)
				claimed[j] = true;
		}
		if (idx[i] < 0 && required && required[i]) {
			diag_error(d, hdr->file, hdr->line, 0, "missing required column '%s'",
				   names[i]);
			ok = false;
		}
	}
	return ok;
}

#define CSV_STR_(x) #x
#define CSV_STR(x) CSV_STR_(x)

const char *csv_lib_version(void)
{
	/* A literal made by the preprocessor: no buffer to fill at run time. */
	return CSV_STR(CSV_MAJOR) "." CSV_STR(CSV_MINOR) "." CSV_STR(CSV_RELEASE);
}
