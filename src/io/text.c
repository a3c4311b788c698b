/* text: see text.h. */
#include "text.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
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

#define QUOTE_BUFS 8
#define QUOTE_MAX 60

const char *text_quote(const char *s, size_t len)
{
	/* Per thread: a quote made in one thread can never be overwritten by another's. */
	static _Thread_local char bufs[QUOTE_BUFS][QUOTE_MAX * 4 + 10];
	static _Thread_local unsigned next;
	char *out = bufs[next++ % QUOTE_BUFS];
	size_t o = 0, i = 0;
	out[o++] = '\'';
	while (i < len && i < QUOTE_MAX) {
		unsigned char c = (unsigned char)s[i];
		int n = c < 0x80 ? 1 : u8_mblen((const uint8_t *)s + i, len - i);
		if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
			out[o++] = (char)c;
			i++;
		} else if (c >= 0x80 && n > 1) {
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
			i += (size_t)n;
		} else {
			o += (size_t)snprintf(out + o, 5, "\\x%02x", c);
			i++;
		}
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

const char *text_quotez(const char *s)
{
	return text_quote(s, strlen(s));
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
