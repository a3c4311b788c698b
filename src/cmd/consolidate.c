/* consolidate: the consolidated plan as a table for people or as CSV for machines. */
#include "cmd.h"
#include "opts.h"
#include "../export/csvout.h"
#include "../io/text.h"
#include "../run/context.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INDENT 16
#define NAME_WIDTH 34

/* Print s left-aligned in width display columns (code points), cut with "..." if longer. */
static void put_padded(const char *s, size_t width)
{
	size_t len = strlen(s), w = text_width(s, len);
	if (w <= width) {
		fputs(s, stdout);
		for (; w < width; w++)
			putchar(' ');
		return;
	}
	size_t cut = text_prefix_bytes(s, len, width - 3);
	fwrite(s, 1, cut, stdout);
	fputs("...", stdout);
	for (w = text_width(s, cut) + 3; w < width; w++)
		putchar(' ');
}

static void write_table(const model *m, const consolidation *c)
{
	int yi = model_year_index(m, m->target_year);
	size_t code_w = 4;
	for (size_t i = 0; i < m->nunits; i++) {
		const unit *u = &m->units[i];
		size_t w = 2 * (size_t)(u->depth < MAX_INDENT ? u->depth : MAX_INDENT) +
			   strlen(u->code);
		if (w > code_w)
			code_w = w;
	}
	char a[MONEY_BUF], b[MONEY_BUF], d[MONEY_BUF], e[MONEY_BUF], f[MONEY_BUF];
	printf("%s: savings in %d against the targets, in EUR\n\n", m->name, m->target_year);
	put_padded("unit", code_w);
	printf("  ");
	put_padded("name", NAME_WIDTH);
	printf("  %-12s %16s %16s %16s %16s %9s  %s\n", "type", "target", "structural",
	       "incidental", "gap", "fte", "rag");
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		const unit *uu = &m->units[u];
		const unit_year *cell = cons_cell(c, u, yi);
		int depth = uu->depth < MAX_INDENT ? uu->depth : MAX_INDENT;
		char code[2 * MAX_INDENT + MODEL_CODE_MAX + 1];
		snprintf(code, sizeof code, "%*s%s", 2 * depth, "", uu->code);
		put_padded(code, code_w);
		printf("  ");
		put_padded(uu->name, NAME_WIDTH);
		printf("  %-12s %16s %16s %16s %16s %9s  %s\n", unit_type_word(uu->type),
		       cell->has_target ? money_format(a, cell->target_cents, ',') : "-",
		       money_format(b, cell->structural_cents, ','),
		       money_format(d, cell->incidental_cents, ','),
		       cell->has_target ? money_format(e, cell->gap_cents, ',') : "-",
		       money_format(f, c->fte_reduction_centi[u], ','), rag_word(rag_of(m, cell)));
	}
	target_gap *gaps;
	size_t ng = target_gaps(m, c, m->target_year, &gaps);
	if (ng)
		printf("\n");
	for (size_t i = 0; i < ng; i++) {
		int64_t diff = gaps[i].parent_cents - gaps[i].children_cents;
		printf("top-down gap: the targets under %s add up to %s against %s (%s %s)\n",
		       m->units[gaps[i].unit].code, money_format(a, gaps[i].children_cents, ','),
		       money_format(b, gaps[i].parent_cents, ','),
		       money_format(d, diff < 0 ? -diff : diff, ','), diff < 0 ? "over" : "short");
	}
	free(gaps);
}

fp_status cmd_consolidate(int argc, char **argv)
{
	const command *self = command_find("consolidate");
	const char *dir = "budgets";
	bool csv = false;
	const csv_dialect *dialect = NULL;
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &dir, NULL},
		{"format", 0, OPT_PARSE, &csv, opts_format},
		{"dialect", 0, OPT_PARSE, &dialect, opts_dialect},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	int first;
	fp_status st;
	if (!opts_parse(self, table, NULL, argc, argv, &first, &st))
		return st;
	if (first < argc)
		return cmd_usage_error(self, "unexpected argument '%s'", argv[first]);
	if (dialect && !csv)
		return cmd_usage_error(self, "--dialect goes with --format csv");
	run_ctx r;
	st = run_ctx_load(&r, dir, false);
	if (st == FP_OK) {
		if (csv)
			csvout_consolidated_rows(stdout, dialect ? dialect : &csv_dialect_c, &r.m,
						 &r.c, -1, 0);
		else
			write_table(&r.m, &r.c);
	}
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
