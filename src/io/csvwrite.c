/* csvwrite: see csvwrite.h. */
#include "csvwrite.h"
#include "../core/money.h"
#include "../core/xalloc.h"
#include <csv.h>
#include <stdlib.h>
#include <string.h>

static void end(FILE *out, bool last)
{
	putc(last ? '\n' : ',', out);
}

void csvw_field(FILE *out, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(out, s, strlen(s));
	else
		fputs(s, out);
	end(out, last);
}

void csvw_text(FILE *out, const char *s, bool last)
{
	if (*s == '\0' || !strchr("=+-@\t\r'", *s)) {
		csvw_field(out, s, last);
		return;
	}
	size_t n = strlen(s);
	char *q = xmalloc(n + 2);
	q[0] = '\'';
	memcpy(q + 1, s, n + 1);
	csvw_field(out, q, last);
	free(q);
}

void csvw_money(FILE *out, int64_t cents, bool last)
{
	char buf[MONEY_BUF];
	fputs(money_format(buf, cents, 0), out);
	end(out, last);
}

void csvw_int(FILE *out, long long v, bool last)
{
	fprintf(out, "%lld", v);
	end(out, last);
}

void csvw_empty(FILE *out, bool last)
{
	end(out, last);
}
