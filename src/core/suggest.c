/* suggest: see suggest.h. The distance is computed in one table of (SUGGEST_LEN_MAX + 1)^2
 * cells on the stack; a row whose minimum passes the limit ends the comparison early. */
#include "suggest.h"
#include <stdio.h>
#include <string.h>

static unsigned char fold(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;
	return m < c ? m : c;
}

unsigned suggest_distance(const char *a, size_t alen, const char *b, size_t blen,
			  unsigned limit)
{
	if (alen > SUGGEST_LEN_MAX || blen > SUGGEST_LEN_MAX)
		return limit + 1;
	if ((alen > blen ? alen - blen : blen - alen) > limit)
		return limit + 1;
	unsigned d[SUGGEST_LEN_MAX + 1][SUGGEST_LEN_MAX + 1];
	for (size_t j = 0; j <= blen; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= alen; i++) {
		unsigned row_min = d[i][0] = (unsigned)i;
		for (size_t j = 1; j <= blen; j++) {
			unsigned cost = fold(a[i - 1]) != fold(b[j - 1]);
			unsigned v = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1; /* two neighbours swapped */
			d[i][j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > limit)
			return limit + 1;
	}
	return d[alen][blen] <= limit ? d[alen][blen] : limit + 1;
}

unsigned suggest_limit(size_t qlen)
{
	return (unsigned)((qlen + 1) / 3);
}

void suggest_init(suggest *s, const char *query, size_t qlen)
{
	memset(s, 0, sizeof *s);
	s->query = query;
	s->qlen = qlen;
}

void suggest_offer(suggest *s, const char *candidate, const char *shown)
{
	if (!shown)
		shown = candidate;
	unsigned limit = suggest_limit(s->qlen);
	unsigned dist = suggest_distance(s->query, s->qlen, candidate, strlen(candidate), limit);
	if (dist > limit)
		return;
	if (s->n && dist > s->best[0].dist)
		return; /* only the nearest are suggested */
	if (s->n && dist < s->best[0].dist)
		s->n = 0;
	for (size_t k = 0; k < s->n; k++)
		if (strcmp(s->best[k].shown, shown) == 0)
			return; /* kept already, at this distance */
	size_t at = 0;
	while (at < s->n && strcmp(s->best[at].shown, shown) < 0)
		at++;
	if (at >= SUGGEST_MAX)
		return;
	if (s->n == SUGGEST_MAX)
		s->n--; /* the last one falls off */
	memmove(&s->best[at + 1], &s->best[at], (s->n - at) * sizeof s->best[0]);
	s->best[at].shown = shown;
	s->best[at].dist = dist;
	s->n++;
}

const char *suggest_text(const suggest *s, char *buf, size_t cap)
{
	if (cap == 0)
		return buf;
	buf[0] = '\0';
	if (s->n == 0)
		return buf;
	size_t used = (size_t)snprintf(buf, cap, "did you mean %s", s->n > 1 ? "one of " : "");
	for (size_t k = 0; k < s->n && used < cap; k++)
		used += (size_t)snprintf(buf + used, cap - used, "%s'%s'", k ? ", " : "",
					 s->best[k].shown);
	if (used < cap)
		snprintf(buf + used, cap - used, "?");
	return buf;
}

void suggest_note(const suggest *s, diag *d, const char *file, long line, long col)
{
	char buf[256];
	if (s->n && !diag_full(d))
		diag_report(d, DIAG_NOTE, FP_OK, file, line, col, "%s",
			    suggest_text(s, buf, sizeof buf));
}
