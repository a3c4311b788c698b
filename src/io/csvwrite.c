/* csvwrite: see csvwrite.h. */
#include "csvwrite.h"
#include "../core/money.h"
#include "../core/xalloc.h"
#include <csv.h>
#include <stdlib.h>
#include <string.h>

const csv_dialect csv_dialect_c = {',', '.', "\n", false};
const csv_dialect csv_dialect_nl = {';', ',', "\r\n", true};

static void end(FILE *out, const csv_dialect *d, bool last)
{
	if (last)
		fputs(d->eol, out);
	else
		putc(d->sep, out);
}

void csvw_begin(FILE *out, const csv_dialect *d)
{
	if (d->bom)
		fputs("\xEF\xBB\xBF", out);
}

void csvw_header(FILE *out, const csv_dialect *d, const char *header)
{
	for (const char *p = header;;) {
		size_t n = strcspn(p, ",");
		fwrite(p, 1, n, out);
		end(out, d, p[n] == '\0');
		if (p[n] == '\0')
			return;
		p += n + 1;
	}
}

void csvd_field(FILE *out, const csv_dialect *d, const char *s, bool last)
{
	char special[] = {d->sep, '"', '\r', '\n', '\0'};
	if (strpbrk(s, special))
		csv_fwrite(out, s, strlen(s));
	else
		fputs(s, out);
	end(out, d, last);
}

void csvd_text(FILE *out, const csv_dialect *d, const char *s, bool last)
{
	if (*s == '\0' || !strchr("=+-@\t\r'", *s)) {
		csvd_field(out, d, s, last);
		return;
	}
	size_t n = strlen(s);
	char *q = xmalloc(n + 2);
	q[0] = '\'';
	memcpy(q + 1, s, n + 1);
	csvd_field(out, d, q, last);
	free(q);
}

void csvd_money(FILE *out, const csv_dialect *d, int64_t cents, bool last)
{
	char buf[MONEY_BUF];
	money_format(buf, cents, 0);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = d->decimal;
	fputs(buf, out);
	end(out, d, last);
}

static bool is_c_number(const char *s)
{
	s += *s == '-';
	size_t i = strspn(s, "0123456789");
	return i > 0 && s[i] == '.' && s[i + 1 + strspn(s + i + 1, "0123456789")] == '\0' &&
	       s[i + 1] != '\0';
}

void csvd_value(FILE *out, const csv_dialect *d, const char *s, bool last)
{
	if (d->decimal == '.' || !is_c_number(s)) {
		csvd_field(out, d, s, last);
		return;
	}
	char *q = xstrdup(s);
	*strchr(q, '.') = d->decimal;
	csvd_field(out, d, q, last);
	free(q);
}

void csvd_int(FILE *out, const csv_dialect *d, long long v, bool last)
{
	fprintf(out, "%lld", v);
	end(out, d, last);
}

void csvd_empty(FILE *out, const csv_dialect *d, bool last)
{
	end(out, d, last);
}

void csvw_field(FILE *out, const char *s, bool last)
{
	csvd_field(out, &csv_dialect_c, s, last);
}

void csvw_text(FILE *out, const char *s, bool last)
{
	csvd_text(out, &csv_dialect_c, s, last);
}

void csvw_money(FILE *out, int64_t cents, bool last)
{
	csvd_money(out, &csv_dialect_c, cents, last);
}

void csvw_int(FILE *out, long long v, bool last)
{
	csvd_int(out, &csv_dialect_c, v, last);
}

void csvw_empty(FILE *out, bool last)
{
	csvd_empty(out, &csv_dialect_c, last);
}
