/* fuzz_csv: the CSV reader (src/io/csvread.c) on arbitrary bytes. The input is written to
 * a file and read with csv_read; the callback touches every byte of every field and maps
 * the header as the loaders do. Checked beyond the sanitizers: fields are valid UTF-8
 * without NUL bytes, without a character XML cannot hold (checked here byte by byte, not by
 * text_check) and within the size limits, line numbers never go backwards within a
 * record, records come in order, every data record has as many fields as the header, and
 * the status agrees with what was reported. */
#include "fuzz.h"
#include "io/csvread.h"
#include "io/text.h"

typedef struct seen {
	size_t header_fields;
	size_t records;
	size_t last_index;
	unsigned sum;
} seen;

static bool on_record(void *ctx, const csv_record *rec)
{
	seen *s = ctx;
	size_t bad;
	if (rec->nfields == 0 || rec->nfields > CSV_MAX_FIELDS)
		abort();
	if (rec->index == 0) {
		static const char *const names[] = {"unit", "name", "parent", "type", "2024"};
		static const bool req[] = {true, false, true, false, false};
		int idx[5];
		bool *claimed = calloc(rec->nfields, sizeof *claimed);
		diag d;
		diag_init(&d, fuzz_devnull());
		csv_header_map(rec, names, req, 5, idx, claimed, &d);
		for (int i = 0; i < 5; i++)
			if (idx[i] >= (int)rec->nfields || (idx[i] >= 0 && !claimed[idx[i]]))
				abort();
		free(claimed);
		s->header_fields = rec->nfields;
	} else if (rec->nfields != s->header_fields) {
		abort();
	}
	if (s->records && rec->index <= s->last_index)
		abort(); /* records come in order (bad ones are counted, not handed on) */
	s->last_index = rec->index;
	s->records++;
	long prev = rec->line;
	for (size_t i = 0; i < rec->nfields; i++) {
		const csv_field *f = &rec->fields[i];
		if (f->len > CSV_MAX_FIELD_BYTES || memchr(f->s, '\0', f->len) ||
		    !text_valid_utf8(f->s, f->len, &bad) || f->line < prev)
			abort();
		prev = f->line;
		size_t limit = rec->index == 0 ? TEXT_NAME_MAX : TEXT_CELL_MAX;
		if (text_units(f->s, f->len) > limit)
			abort();
		for (size_t k = 0; k < f->len; k++) {
			unsigned char c = (unsigned char)f->s[k];
			/* U+0001-U+001F but tab, LF, CR; U+FFFE and U+FFFF (EF BF BE, EF BF BF) */
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    (c == 0xef && k + 2 < f->len && (unsigned char)f->s[k + 1] == 0xbf &&
			     ((unsigned char)f->s[k + 2] == 0xbe || (unsigned char)f->s[k + 2] == 0xbf)))
				abort();
			s->sum += c;
		}
		if (f->s[f->len] != '\0') /* fields are NUL-terminated in the buffer */
			abort();
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[300];
	snprintf(path, sizeof path, "%s/input.csv", fuzz_dir());
	if (!fuzz_write(path, data, size))
		abort();
	diag d;
	diag_init(&d, fuzz_devnull());
	seen s = {0};
	csv_info info;
	fp_status st = csv_read(path, on_record, &s, &d, &info);
	if (st == FP_OK && d.errors)
		abort(); /* an error was reported but the file read as good */
	if (st == FP_EDATA && !d.errors)
		abort(); /* bad data without a message */
	if (st == FP_OK && s.records == 0)
		abort(); /* a good file has at least its header */
	if (info.delimiter != ',' && info.delimiter != ';')
		abort();
	return 0;
}
