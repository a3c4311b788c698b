/* csvread: streaming reader of one CSV file with libcsv in strict mode (the only place,
 * with csvwrite, that includes <csv.h>). It strips a UTF-8 BOM, detects the delimiter
 * (',' or ';') from the header line, accepts LF and CRLF, and hands every record to a
 * callback with the line of each field. It reports, and does not hand on, records with a
 * field that is not text by text_check (invalid UTF-8, NUL bytes, characters XML cannot
 * hold), over-long fields (CSV_MAX_FIELD_BYTES; then TEXT_CELL_MAX characters, in the
 * header TEXT_NAME_MAX), too many fields or a field count unlike the header's; malformed
 * quoting stops the file. Records whose fields are all empty (as
 * spreadsheets export trailing rows) are skipped. */
#ifndef FP_CSVREAD_H
#define FP_CSVREAD_H
#include "../core/diag.h"
#include "hash.h"
#include <stdbool.h>
#include <stddef.h>

#define CSV_MAX_FIELD_BYTES ((size_t)1 << 20) /* 1 MiB */
#define CSV_MAX_FIELDS 4096

typedef struct csv_field {
	const char *s; /* not NUL-terminated; valid during the callback only */
	size_t len;
	long line;
} csv_field;

typedef struct csv_record {
	const char *file; /* the path as given, for messages */
	long line;        /* the line the record starts on */
	size_t index;     /* 0 for the header, then 1, 2, ... */
	size_t nfields;
	const csv_field *fields;
} csv_record;

/* Called for the header and then every good record; return false to stop reading. */
typedef bool (*csv_record_fn)(void *ctx, const csv_record *rec);

typedef struct csv_info {
	char delimiter;
	bool bom, crlf;
	size_t records; /* data records, without the header */
} csv_info;

/* csv_read: read path (shown as path in messages), calling fn for each record. Returns
 * FP_ENOINPUT when the file cannot be opened, FP_EIO on a read error, FP_EDATA when the
 * file is empty or had any bad record (already reported to d), else FP_OK. info may be NULL. */
fp_status csv_read(const char *path, csv_record_fn fn, void *ctx, diag *d, csv_info *info);

/* csv_read_hashed: csv_read, and with sha256 not NULL the SHA-256 of the file's bytes as
 * they were read for the records (the file is read on to its end when fn stops early), so
 * that what a run records is what it computed from. sha256 holds the digest when the
 * result is FP_OK, else "". With sha256 NULL it is csv_read and costs nothing more. */
fp_status csv_read_hashed(const char *path, csv_record_fn fn, void *ctx, diag *d,
			  csv_info *info, char *sha256);

/* csv_field_is(f, name): the field equals name, ignoring ASCII case. */
bool csv_field_is(const csv_field *f, const char *name);

/* csv_header_map: find each of names[0..n) in the header; idx[i] is its field index or
 * -1. A name flagged required[i] that is missing, and a name given twice, is reported.
 * claimed (may be NULL) gets true for each header field that matched a name. Returns
 * false when anything was reported. */
bool csv_header_map(const csv_record *hdr, const char *const *names, const bool *required,
		    size_t n, int *idx, bool *claimed, diag *d);

/* csv_lib_version: libcsv's version ("3.0.3"), for the run record. */
const char *csv_lib_version(void);

#endif
