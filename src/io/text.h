/* text: checks and quoting of text from input files and scripts. The only place that
 * includes libunistring's <unistr.h>: UTF-8 is validated by the library, not by hand.
 * text_check is the one rule for what text may hold, so that everything fitplan accepts can
 * be written into XML (the workbooks), JSON (the run record) and a terminal as it is. */
#ifndef FP_TEXT_H
#define FP_TEXT_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* text_valid_utf8: true when s[0..len) is valid UTF-8; else *bad (may be NULL) is the
 * offset of the first invalid byte. */
bool text_valid_utf8(const char *s, size_t len, size_t *bad);

/* Limits in characters as Excel counts them: UTF-16 code units, so a character outside the
 * Basic Multilingual Plane (an emoji) counts as two. A name becomes a document property or
 * a table header (255 at most in the xlsx format); any text may become one cell (32,767). */
#define TEXT_NAME_MAX 255
#define TEXT_CELL_MAX 32767

typedef enum text_fault {
	TEXT_OK,
	TEXT_NUL,         /* a NUL byte */
	TEXT_BAD_UTF8,    /* invalid UTF-8 (lone surrogates and overlong forms included) */
	TEXT_CONTROL,     /* U+0001-U+001F but tab, LF and CR: XML 1.0 has no way to hold them */
	TEXT_NONCHAR,     /* U+FFFE or U+FFFF: not XML 1.0 characters either */
	TEXT_TOO_LONG,    /* more than max UTF-16 code units */
} text_fault;

typedef struct text_problem {
	text_fault fault;
	size_t at;     /* byte offset of the offending byte or character */
	uint32_t cp;   /* the offending character (TEXT_CONTROL, TEXT_NONCHAR) */
	size_t units;  /* TEXT_TOO_LONG: the length in UTF-16 code units */
	size_t max;    /* TEXT_TOO_LONG: the limit */
} text_problem;

/* text_plain_word: the eight bytes of w are all plain (as text_plain). */
static inline bool text_plain_word(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t under = w ^ (ones * '_');
	/* A byte of 0x80 or more, below 0x20, 0x7F, or '_' (a zero byte of under). */
	return !((w | ((w - ones * 0x20) & ~w) | (w + ones) | ((under - ones) & ~under)) & highs);
}

/* Whether s[0..len) is printable ASCII (0x20 to 0x7E) without '_': then it is text, one
 * UTF-16 unit a byte, and no "_xHHHH_" adds to its stored length. Most fields of a data
 * file are: this one pass, eight bytes at a time, spares them text_check's five.
 * Inline: the CSV reader calls it for every field before it calls text_check. */
static inline bool text_plain(const char *s, size_t len)
{
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (!text_plain_word(w))
			return false;
	}
	for (; i < len; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f || s[i] == '_')
			return false;
	return true;
}

/* text_plain_copy: copy s[0..len) to to and return text_plain(s, len), in one pass of
 * eight bytes at a time. Both s and to must be readable and writable (s need not be
 * initialised) up to the next multiple of eight bytes past len: the last word is copied
 * whole and tested with the bytes past len masked to a plain 'a' (little-endian), so a
 * short field takes no byte loop and no variable-length memcpy. */
static inline bool text_plain_copy(char *to, const char *s, size_t len)
{
	uint64_t w;
	size_t i = 0;
	bool plain = true;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		memcpy(to + i, &w, 8);
		plain &= text_plain_word(w);
	}
	if (i == len)
		return plain;
	memcpy(&w, s + i, 8);
	memcpy(to + i, &w, 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	uint64_t keep = ~(uint64_t)0 >> (8 * (8 - (len - i)));
	return plain & text_plain_word((w & keep) | (0x6161616161616161u & ~keep));
}

/* text_check: whether s[0..len) is text fitplan can write anywhere, at most max UTF-16 code
 * units long as stored in a workbook (text_stored_units; 0: no limit): valid UTF-8 of XML 1.0 characters, that is without NUL, without
 * U+0001 to U+001F other than tab, LF and CR, and without U+FFFE and U+FFFF. On false *p
 * (may be NULL) says what is wrong and where, the first found of: a NUL byte, invalid
 * UTF-8, a character that is not allowed (the first in the text), the length. */
bool text_check(const char *s, size_t len, size_t max, text_problem *p);

/* text_check_name: text_check (without a length limit) for a name that messages show as it
 * is, a file or folder name: besides what text_check refuses, no tab, LF or CR, no DEL and
 * no C1 control (U+0080-U+009F) either (TEXT_CONTROL), none of which a terminal shows as
 * text. */
bool text_check_name(const char *s, size_t len, text_problem *p);

/* text_problem_str: what is wrong, for a message, into buf[cap]: "control character U+001B
 * at byte 4", "invalid UTF-8 at byte 3", "NUL byte at byte 2", "noncharacter U+FFFF at
 * byte 9", "40000 characters (as Excel counts them), the limit is 32767". Returns buf. */
const char *text_problem_str(const text_problem *p, char *buf, size_t cap);

/* text_units: the length of s[0..len) (valid UTF-8) in UTF-16 code units, as Excel counts. */
size_t text_units(const char *s, size_t len);

/* text_prefix_units: the bytes of the longest prefix of s[0..len) (valid UTF-8) of at most
 * max UTF-16 code units, never cutting a character in two. */
size_t text_prefix_units(const char *s, size_t len, size_t max);

/* text_snprintf: snprintf that, when the text does not fit, cuts it on a UTF-8 character
 * boundary and ends it with "..." (when cap >= 8), so a cut text stays valid UTF-8 for the
 * XML, JSON and CSV it goes into. text_vsnprintf takes a va_list. */
void text_snprintf(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void text_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* text_xstring_decode: undo, in place, the escapes by which an xlsx file holds a character
 * that XML cannot: "_x000D_" for a CR (libxlsxwriter and Excel write U+0001-U+001F so), and
 * "_x005F_" for a '_' that would otherwise start one. Other "_xHHHH_" sequences are left
 * as they are. s[0..len] must be readable; returns the new length (at most len), and when
 * s[len] was NUL, s[new length] is too. */
size_t text_xstring_decode(char *s, size_t len);

/* text_xstring_at: s[0..len) starts with "_xHHHH_" (H a hexadecimal digit, either case),
 * which Excel reads as an escape in a workbook's text (_x0041_ shows as "A"). */
bool text_xstring_at(const char *s, size_t len);

/* text_xstring_escape: s[0..len) as text for a workbook: the '_' of every "_xHHHH_" written
 * as "_x005F_", so that Excel, and text_xstring_decode, read s back as it is. NULL when s
 * holds no such sequence (write it as it is); else malloc'ed and NUL-terminated. */
char *text_xstring_escape(const char *s, size_t len);

/* text_stored_units: the length of s[0..len) as Excel counts it (text_units) once written
 * to a workbook: every "_xHHHH_" counts 13, as it is stored as "_x005F_xHHHH_". The limits
 * of text (text_check's max) apply to this length, so that what is stored fits them. */
size_t text_stored_units(const char *s, size_t len);

/* text_prefix_stored: the bytes of the longest prefix of s[0..len) (valid UTF-8) whose
 * stored length (text_stored_units) is at most max, never cutting a character or an
 * "_xHHHH_" in two. */
size_t text_prefix_stored(const char *s, size_t len, size_t max);

/* The longest quote: the opening quote, 60 bytes of which each may become \xNN (4), "...",
 * the closing quote and the NUL (246), rounded up. */
#define TEXT_QUOTE_MAX 60
#define TEXT_QUOTE_SIZE (TEXT_QUOTE_MAX * 4 + 10)

/* text_quote_into: s[0..len) in single quotes, made safe for a diagnostic: control bytes,
 * quotes, backslashes, invalid UTF-8, C1 controls and U+FFFE/U+FFFF as \xNN (a byte each),
 * cut after 60 bytes with "...", written into buf (TEXT_QUOTE_SIZE bytes); returns buf. */
const char *text_quote_into(char *buf, const char *s, size_t len);
const char *text_quotez_into(char *buf, const char *s);

/* text_quote, text_quotez: text_quote_into a buffer of the caller's own (a compound
 * literal), which lives until the end of the enclosing block: any number of quotes may
 * appear in one message, and nothing is shared between calls or threads. Use the result
 * within the statement or block; never return it from a function (a macro can wrap it). */
#define text_quote(s, len) text_quote_into((char[TEXT_QUOTE_SIZE]){0}, (s), (len))
#define text_quotez(s) text_quotez_into((char[TEXT_QUOTE_SIZE]){0}, (s))

/* text_escape: s[0..len) made safe to show on a terminal, without quotes: the bytes that
 * text_quote escapes for the terminal (control bytes, invalid UTF-8, C1 controls,
 * U+FFFE/U+FFFF) as \xNN, everything else, quotes and backslashes too, as it is (so that a
 * message that quotes values already passes unchanged). For text that is not one value in
 * a message: a path, a version, a message from a script. With max above 0, only
 * the first max bytes (and the rest of a character that starts among them) are shown, and
 * "..." after them. malloc'ed; the caller frees it. */
char *text_escape(const char *s, size_t len, size_t max);


/* text_width: the number of code points in s[0..len) (the display width of Latin text). */
size_t text_width(const char *s, size_t len);

/* text_prefix_bytes: the bytes of the longest prefix of s[0..len) with at most width code
 * points, never cutting a character in two. */
size_t text_prefix_bytes(const char *s, size_t len, size_t width);

/* text_foldcmp: compare two valid UTF-8 strings as a case-insensitive file system that
 * also ignores Unicode normalisation does (Windows, macOS): full case folding of NFC, no
 * language rules, so the same on every machine. 0 when such a file system takes them for
 * one name; else <0 or >0, an order consistent with that. */
int text_foldcmp(const char *a, const char *b);

/* text_fold: s folded as text_foldcmp compares (full case folding of NFC), malloc'ed:
 * text_fold(a) and text_fold(b) are equal exactly when text_foldcmp(a, b) is 0, for valid
 * UTF-8; otherwise a copy of s. Out of memory is fatal. */
char *text_fold(const char *s);

#endif
