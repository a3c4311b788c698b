/* actuals_csv: see actuals_csv.h. */
#include "actuals_csv.h"
#include "../io/csvwrite.h"
#include <string.h>

/* cents as "1234.00" with the model's decimal separator. */
static char *format_amount(char buf[MONEY_BUF], int64_t cents, char decimal)
{
	money_format(buf, cents, 0);
	if (decimal != '.') {
		char *p = strchr(buf, '.');
		if (p)
			*p = decimal;
	}
	return buf;
}

static void amount_field(FILE *out, bool has, int64_t cents, char decimal)
{
	char buf[MONEY_BUF];
	if (has)
		csvw_field(out, format_amount(buf, cents, decimal), false);
	else
		csvw_empty(out, false);
}

void actuals_csv_write(FILE *out, const model *m, const actual_row *rows, size_t n)
{
	csvw_field(out, "measure", false);
	csvw_field(out, "realised_eur", false);
	csvw_field(out, "forecast_eur", false);
	csvw_field(out, "status", false);
	csvw_field(out, "comment", true);
	for (size_t i = 0; i < n; i++) {
		const actual_row *r = &rows[i];
		csvw_field(out, m->measures[r->measure].id, false);
		amount_field(out, r->has_realised, r->realised_cents, m->notation.decimal);
		amount_field(out, r->has_forecast, r->forecast_cents, m->notation.decimal);
		csvw_field(out, r->status >= 0 ? measure_status_word((measure_status)r->status) : "",
			   false);
		csvw_text(out, r->comment ? r->comment : "", true);
	}
}
