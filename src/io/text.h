/* text: checks and quoting of text from input files. The only place that includes
 * libunistring's <unistr.h>: UTF-8 is validated by the library, not by hand. */
#ifndef FP_TEXT_H
#define FP_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* text_valid_utf8: true when s[0..len) is valid UTF-8; else *bad (may be NULL) is the
 * offset of the first invalid byte. */
bool text_valid_utf8(const char *s, size_t len, size_t *bad);

/* text_quote: s[0..len) in single quotes, made safe for a diagnostic: control bytes, quotes, backslashes and
 * invalid UTF-8 as \xNN, cut after 60 bytes with "...". Returns one of 8 buffers of the
 * calling thread used in turn, so up to 8 quotes can appear in one message. */
const char *text_quote(const char *s, size_t len);

/* text_quotez: text_quote of a NUL-terminated string. */
const char *text_quotez(const char *s);

/* text_width: the number of code points in s[0..len) (the display width of Latin text). */
size_t text_width(const char *s, size_t len);

/* text_prefix_bytes: the bytes of the longest prefix of s[0..len) with at most width code
 * points, never cutting a character in two. */
size_t text_prefix_bytes(const char *s, size_t len, size_t width);

#endif
