/* text: see text.h. */
#include "text.h"
#include "../core/xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

bool text_valid_utf8(const char *s, size_t len, size_t *bad)
{
	const uint8_t *p = u8_check((const uint8_t *)s, len);
	if (!p)
		return true;
	if (bad)
		*bad = (size_t)((const char *)p - s);
	return false;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
				       : -1;
}


/* One character of s[i..len) written safely into out (at most 4 bytes and a NUL): as it is, or,
 * for a byte a terminal may act on or that is not text, \xNN a byte. Besides ASCII
 * controls, a C1 control (U+0080-U+009F) and U+FFFE/U+FFFF are escaped byte by byte: a
 * terminal may act on the one, and neither is text. quote: the quote ' and the backslash
 * are escaped too, so that a quoted value reads back unambiguously. Returns the bytes of s
 * used; *o moves past what was written. */
static size_t escape_one(char *out, size_t *o, const char *s, size_t i, size_t len, bool quote)
{
	unsigned char c = (unsigned char)s[i];
	int n = c < 0x80 ? 1 : u8_mblen((const uint8_t *)s + i, len - i);
	bool odd = n == 2 ? c == 0xc2 && (unsigned char)s[i + 1] < 0xa0
		 : n == 3 && c == 0xef && (unsigned char)s[i + 1] == 0xbf &&
			   ((unsigned char)s[i + 2] & 0xfe) == 0xbe;
	if (c >= 0x20 && c < 0x7f && !(quote && (c == '\'' || c == '\\'))) {
		out[(*o)++] = (char)c;
		return 1;
	}
	if (c >= 0x80 && n > 1 && !odd) {
		memcpy(out + *o, s + i, (size_t)n);
		*o += (size_t)n;
		return (size_t)n;
	}
	*o += (size_t)snprintf(out + *o, 5, "\\x%02x", c);
	return 1;
}

const char *text_quote_into(char *out, const char *s, size_t len)
{
	size_t o = 0, i = 0;
	out[o++] = '\'';
	while (i < len && i < TEXT_QUOTE_MAX)
		i += escape_one(out, &o, s, i, len, true);
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

char *text_escape(const char *s, size_t len, size_t max)
{
	size_t shown = max && len > max ? max : len;
	/* At most 4 bytes out for each byte in, the rest of a character that starts before the
	 * cut (3), "...", and the NUL (or the one of the last snprintf) */
	char *out = xmalloc(shown * 4 + 8);
	size_t o = 0, i = 0;
	while (i < shown)
		i += escape_one(out, &o, s, i, len, false);
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

const char *text_quotez_into(char *buf, const char *s)
{
	return text_quote_into(buf, s, strlen(s));
}

size_t text_width(const char *s, size_t len)
{
	return u8_mbsnlen((const uint8_t *)s, len);
}

size_t text_prefix_bytes(const char *s, size_t len, size_t width)
{
	size_t i = 0;
	while (i < len && width > 0) {
		int n = u8_mblen((const uint8_t *)s + i, len - i);
		i += n > 0 ? (size_t)n : 1;
		width--;
	}
	return i;
}

size_t text_units(const char *s, size_t len)
{
	/* One unit a character, two for one of four bytes (outside the BMP). */
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xc0) != 0x80)
			n += c >= 0xf0 ? 2 : 1;
	}
	return n;
}

size_t text_prefix_units(const char *s, size_t len, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t bytes = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		size_t units = bytes == 4 ? 2 : 1;
		if (n + units > max || bytes > len - i)
			break;
		n += units;
		i += bytes;
	}
	return i;
}

bool text_xstring_at(const char *s, size_t len)
{
	if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return false;
	for (int k = 2; k < 6; k++)
		if (hex_digit(s[k]) < 0)
			return false;
	return true;
}

/* The bytes text_xstring_escape adds: 6 for each "_xHHHH_". */
static size_t xstring_extra(const char *s, size_t len)
{
	size_t n = 0;
	for (const char *p = s; (p = memchr(p, '_', len - (size_t)(p - s))) != NULL; p++)
		n += text_xstring_at(p, len - (size_t)(p - s)) ? 6 : 0;
	return n;
}

size_t text_stored_units(const char *s, size_t len)
{
	return text_units(s, len) + xstring_extra(s, len);
}

size_t text_prefix_stored(const char *s, size_t len, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t bytes = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		size_t units = bytes == 4 ? 2 : 1;
		if (text_xstring_at(s + i, len - i)) {
			bytes = 7; /* whole or not at all, stored as 13 */
			units = 13;
		}
		if (n + units > max || bytes > len - i)
			break;
		n += units;
		i += bytes;
	}
	return i;
}

char *text_xstring_escape(const char *s, size_t len)
{
	size_t extra = xstring_extra(s, len);
	if (!extra)
		return NULL;
	char *out = xmalloc(len + extra + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (text_xstring_at(s + i, len - i)) {
			memcpy(out + o, "_x005F_", 7); /* for the '_'; then "xHHHH_" as it is */
			o += 7;
			continue;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

bool text_check(const char *s, size_t len, size_t max, text_problem *p)
{
	text_problem local;
	if (!p)
		p = &local;
	memset(p, 0, sizeof *p);
	if (text_plain(s, len)) {
		if (!max || len <= max)
			return true;
		p->fault = TEXT_TOO_LONG;
		p->units = len;
		p->max = max;
		return false;
	}
	const char *nul = memchr(s, '\0', len);
	if (nul) {
		p->fault = TEXT_NUL;
		p->at = (size_t)(nul - s);
		return false;
	}
	if (!text_valid_utf8(s, len, &p->at)) {
		p->fault = TEXT_BAD_UTF8;
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0xef)
			continue;
		if (c == 0xef) {
			/* U+FFFE and U+FFFF are EF BF BE and EF BF BF (the UTF-8 is valid). */
			if ((unsigned char)s[i + 1] == 0xbf &&
			    ((unsigned char)s[i + 2] & 0xfe) == 0xbe) {
				p->fault = TEXT_NONCHAR;
				p->cp = 0xfffe | ((unsigned char)s[i + 2] & 1);
				p->at = i;
				return false;
			}
			continue;
		}
		if (c != '\t' && c != '\n' && c != '\r') {
			p->fault = TEXT_CONTROL;
			p->cp = c;
			p->at = i;
			return false;
		}
	}
	if (max) {
		size_t units = text_stored_units(s, len);
		if (units > max) {
			p->fault = TEXT_TOO_LONG;
			p->units = units;
			p->max = max;
			return false;
		}
	}
	return true;
}

bool text_check_name(const char *s, size_t len, text_problem *p)
{
	text_problem local;
	if (!p)
		p = &local;
	if (!text_check(s, len, 0, p))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* valid UTF-8 (text_check): 0xC2 starts a character of two bytes */
		uint32_t cp = c < 0x20 || c == 0x7f			 ? c
			      : c == 0xc2 && (unsigned char)s[i + 1] < 0xa0 ? (unsigned char)s[i + 1]
									   : 0;
		if (cp) {
			p->fault = TEXT_CONTROL;
			p->cp = cp;
			p->at = i;
			return false;
		}
	}
	return true;
}

const char *text_problem_str(const text_problem *p, char *buf, size_t cap)
{
	switch (p->fault) {
	case TEXT_OK:
		snprintf(buf, cap, "no problem");
		break;
	case TEXT_NUL:
		snprintf(buf, cap, "NUL byte at byte %zu", p->at + 1);
		break;
	case TEXT_BAD_UTF8:
		snprintf(buf, cap, "invalid UTF-8 at byte %zu", p->at + 1);
		break;
	case TEXT_CONTROL:
		snprintf(buf, cap, "control character U+%04X at byte %zu", (unsigned)p->cp,
			 p->at + 1);
		break;
	case TEXT_NONCHAR:
		snprintf(buf, cap, "noncharacter U+%04X at byte %zu", (unsigned)p->cp, p->at + 1);
		break;
	case TEXT_TOO_LONG:
		snprintf(buf, cap, "%zu characters (as Excel counts them), the limit is %zu",
			 p->units, p->max);
		break;
	}
	return buf;
}


size_t text_xstring_decode(char *s, size_t len)
{
	bool terminated = s[len] == '\0';
	size_t o = 0, i = 0;
	while (i < len) {
		if (s[i] == '_' && len - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
			int v = 0, k = 2;
			for (; k < 6; k++) {
				int h = hex_digit(s[i + k]);
				if (h < 0)
					break;
				v = v * 16 + h;
			}
			if (k == 6 && ((v >= 1 && v <= 0x1f) || v == 0x5f)) {
				s[o++] = (char)v;
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	if (terminated)
		s[o] = '\0';
	return o;
}

void text_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, cap, fmt, ap);
	if (n < 0 || (size_t)n < cap || cap < 8)
		return;
	size_t end = cap - 4;
	while (end > 0 && ((unsigned char)buf[end] & 0xc0) == 0x80)
		end--; /* buf[end] starts a character: cut before it */
	memcpy(buf + end, "...", 4);
}

void text_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	text_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
}

int text_foldcmp(const char *a, const char *b)
{
	int r = 0;
	if (u8_casecmp((const uint8_t *)a, strlen(a), (const uint8_t *)b, strlen(b), NULL,
		       UNINORM_NFC, &r) != 0)
		return strcmp(a, b); /* out of memory, or not UTF-8: bytes, never 0 for two */
	return r;
}

char *text_fold(const char *s)
{
	size_t n = 0;
	uint8_t *f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, NULL, &n);
	if (!f)
		return xstrdup(s); /* not UTF-8 (or out of memory): the bytes, as text_foldcmp */
	char *r = xmalloc(n + 1);
	memcpy(r, f, n);
	r[n] = '\0';
	free(f);
	return r;
}
