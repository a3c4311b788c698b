/* csvwrite: see csvwrite.h. */
#include "csvwrite.h"
#include "../core/money.h"
#include <csv.h>
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
