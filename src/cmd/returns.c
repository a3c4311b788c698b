/* returns: who has returned the unit workbooks of a hand-out: the hand-out run of a period
 * under reports/, every unit it handed a workbook and whether the model version's actuals
 * of the period hold its return (run/handout.c), as a table. See docs/import.md. */
#include "cmd.h"
#include "opts.h"
#include "../run/context.h"
#include "../run/handout.h"
#include "../io/text.h"
#include "../model/actuals.h"
#include "../returns/returns.h"
#include <stdio.h>
#include <string.h>

/* s and spaces up to width display columns, and two more: a column of the table. */
static void put_cell(const char *s, size_t width)
{
	fputs(s, stdout);
	for (size_t w = text_width(s, strlen(s)); w < width + 2; w++)
		putchar(' ');
}

static void print_table(const handout_list *l)
{
	size_t code_w = strlen("unit"), name_w = strlen("name");
	for (size_t i = 0; i < l->n; i++) {
		size_t c = text_width(l->units[i].code, strlen(l->units[i].code));
		size_t n = text_width(l->units[i].name, strlen(l->units[i].name));
		code_w = c > code_w ? c : code_w;
		name_w = n > name_w ? n : name_w;
	}
	put_cell("unit", code_w);
	put_cell("name", name_w);
	puts("state");
	size_t returned = 0, changed = 0, nothing = 0;
	for (size_t i = 0; i < l->n; i++) {
		handout_state s = l->units[i].state;
		put_cell(l->units[i].code, code_w);
		put_cell(l->units[i].name, name_w);
		puts(handout_state_words(s));
		returned += s == HANDOUT_RETURNED || s == HANDOUT_CHANGED;
		changed += s == HANDOUT_CHANGED;
		nothing += s == HANDOUT_NOTHING;
	}
	printf("%zu unit%s handed out: %zu returned (%zu with changes), %zu not returned", l->n,
	       l->n == 1 ? "" : "s", returned, changed, l->n - returned - nothing);
	if (nothing)
		printf(", %zu with nothing to return", nothing);
	putchar('\n');
}

fp_status cmd_returns(int argc, char **argv)
{
	const command *self = command_find("returns");
	const char *dir = "budgets", *reports = "reports";
	period_opt given = {NULL, {0}};
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &dir, NULL},
		{"reports", 0, OPT_STRING, &reports, NULL},
		{"period", 0, OPT_PARSE, &given, opts_period},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	fp_status st;
	if (!opts_parse_only(self, table, argc, argv, &st))
		return st;
	if (!given.arg)
		return cmd_usage_error(self, "no period: give --period");
	period per = given.p;
	run_ctx r;
	st = run_ctx_load(&r, dir, true);
	if (st != FP_OK)
		goto out;
	/* A period the model version could not have actuals of, as import judges it. */
	returns_check_period(&r.m, &per, arena_printf(&r.a, "%s/actuals", dir), &r.d);
	handout_list l;
	if (!r.d.errors && handout_returns(&r.m, &per, reports, &r.a, &r.d, &l) == FP_OK) {
		if (!l.same_model)
			diag_warning(&r.d, l.run_dir, 0, 0,
				     "the hand-out was made from another version of model '%s'; "
				     "the states are of the measures of this one",
				     r.m.name);
		print_table(&l);
	}
	diag_finish(&r.d);
	st = status_worse(st, r.d.status);
out:
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
