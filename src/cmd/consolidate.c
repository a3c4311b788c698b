/* consolidate: the consolidated plan as a table for people or as CSV for machines (in the C
 * or the Dutch Excel dialect), all of it or filtered by year, unit subtree, pillar and
 * status: a filter consolidates only the measures it selects, against the whole targets,
 * and the output says it is filtered (docs/formats.md). */
#include "cmd.h"
#include "opts.h"
#include "../core/xalloc.h"
#include "../export/csvout.h"
#include "../io/text.h"
#include "../model/names.h"
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

/* The filters of consolidate: the measures they select and the rows they show. */
typedef struct cons_filter {
	const char *year_arg, *unit_arg, *pillar_arg, *status_arg; /* NULL: not given */
	int32_t year;                                              /* 0: every year */
	int32_t root;                                              /* -1: every unit */
	int pillar;                                                /* 0: every pillar */
	int status;                                                /* -1: every status */
} cons_filter;

static bool filtered(const cons_filter *f)
{
	return f->year_arg || f->unit_arg || f->pillar_arg || f->status_arg;
}

/* The filters that need no model: --pillar and --status (FP_EUSAGE reported). */
static fp_status check_words(const command *self, cons_filter *f)
{
	if (f->pillar_arg) {
		const char *p = f->pillar_arg;
		if (!(p[0] >= '1' && p[0] <= '0' + PILLAR_COUNT && p[1] == '\0'))
			return cmd_usage_error(self, "bad --pillar '%s' (1, 2 or 3)", p);
		f->pillar = p[0] - '0';
	}
	if (f->status_arg) {
		const char *q = f->status_arg;
		f->status = measure_status_parse(q, strlen(q));
		if (f->status < 0) {
			suggest s;
			char buf[200];
			names_suggest(&s, NULL, NAMES_STATUS, q, strlen(q));
			const char *why = names_why(NAMES_STATUS, q, strlen(q));
			suggest_text(&s, buf, sizeof buf);
			return cmd_usage_error(self, "unknown status '%s' for --status%s%s%s%s%s", q,
					       *buf ? "; " : "", buf, why ? (*buf ? " " : "; ") : "",
					       why ? why : "", "");
		}
	}
	return FP_OK;
}

/* The filters that need the model: --year (a plan year) and --unit (FP_EUSAGE reported). */
static fp_status check_model(const command *self, const model *m, cons_filter *f)
{
	if (f->year_arg) {
		char *end;
		long y = strtol(f->year_arg, &end, 10);
		if (*end || end == f->year_arg || model_year_index(m, (int32_t)y) < 0 ||
		    y != (int32_t)y)
			return cmd_usage_error(self, "bad --year '%s' (a plan year, %d to %d)",
					       f->year_arg, m->base_year + 1, m->base_year + m->nyears);
		f->year = (int32_t)y;
	}
	if (f->unit_arg && (f->root = model_unit(m, f->unit_arg)) < 0) {
		suggest s;
		char buf[200];
		names_suggest(&s, m, NAMES_UNIT, f->unit_arg, strlen(f->unit_arg));
		suggest_text(&s, buf, sizeof buf);
		return cmd_usage_error(self, "unknown unit '%s' for --unit%s%s", f->unit_arg,
				       *buf ? "; " : "", buf);
	}
	return FP_OK;
}

/* What the filter is, in words, so that nobody takes its totals for the organisation's. */
static void describe(FILE *out, const model *m, const cons_filter *f)
{
	const char *sep = "filtered (";
	if (f->root >= 0)
		fprintf(out, "%sunit %s and below", sep, m->units[f->root].code), sep = ", ";
	if (f->pillar)
		fprintf(out, "%spillar %d", sep, f->pillar), sep = ", ";
	if (f->status >= 0)
		fprintf(out, "%sstatus %s", sep,
			measure_status_word((measure_status)f->status)), sep = ", ";
	if (f->year)
		fprintf(out, "%syear %d", sep, f->year);
	if (f->root < 0 && !f->pillar && f->status < 0)
		fputs("): every measure, only this year\n", out);
	else
		fprintf(out, "): the savings of the selected measures only, against the whole "
			     "targets; not the total of %s\n", m->units[m->preorder[0]].code);
}

/* c: the consolidation of the measures f selects (the model's targets all kept). */
static fp_status consolidate_filtered(const model *m, const cons_filter *f, consolidation *c)
{
	plan p = model_plan(m);
	measure *sel = xmalloc((p.nmeasures ? p.nmeasures : 1) * sizeof *sel);
	size_t n = 0;
	for (size_t i = 0; i < p.nmeasures; i++) {
		const measure *ms = &p.measures[i];
		if ((f->root < 0 || model_is_ancestor(m, f->root, ms->unit)) &&
		    (!f->pillar || ms->pillar == f->pillar) &&
		    (f->status < 0 || ms->status == f->status))
			sel[n++] = *ms;
	}
	p.measures = sel;
	p.nmeasures = n;
	diag d;
	diag_init(&d, stderr);
	fp_status st = consolidate(m, p, c, &d);
	diag_finish(&d);
	free(sel);
	return st;
}

static void write_table(const model *m, const consolidation *c, const cons_filter *f)
{
	int32_t year = f->year ? f->year : m->target_year;
	int yi = model_year_index(m, year);
	int32_t from = f->root < 0 ? 0 : m->units[f->root].pre;
	int32_t to = f->root < 0 ? (int32_t)m->nunits : m->units[f->root].subtree_end;
	size_t code_w = 4;
	for (int32_t i = from; i < to; i++) {
		const unit *u = &m->units[m->preorder[i]];
		size_t w = 2 * (size_t)(u->depth < MAX_INDENT ? u->depth : MAX_INDENT) +
			   strlen(u->code);
		if (w > code_w)
			code_w = w;
	}
	char a[MONEY_BUF], b[MONEY_BUF], d[MONEY_BUF], e[MONEY_BUF], g[MONEY_BUF];
	if (filtered(f))
		describe(stdout, m, f);
	printf("%s: savings in %d against the targets, in EUR\n\n", m->name, year);
	put_padded("unit", code_w);
	printf("  ");
	put_padded("name", NAME_WIDTH);
	printf("  %-12s %16s %16s %16s %16s %9s  %s\n", "type", "target", "structural",
	       "incidental", "gap", "fte", "rag");
	for (int32_t k = from; k < to; k++) {
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
		       money_format(g, c->fte_reduction_centi[u], ','), rag_word(rag_of(m, cell)));
	}
	target_gap *gaps;
	size_t ng = target_gaps(m, c, year, &gaps);
	bool first = true;
	for (size_t i = 0; i < ng; i++) {
		if (f->root >= 0 && !model_is_ancestor(m, f->root, gaps[i].unit))
			continue;
		if (first)
			printf("\n");
		first = false;
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
	cons_filter f = {.root = -1, .status = -1};
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &dir, NULL},
		{"format", 0, OPT_PARSE, &csv, opts_format},
		{"dialect", 0, OPT_PARSE, &dialect, opts_dialect},
		{"year", 0, OPT_STRING, &f.year_arg, NULL},
		{"unit", 0, OPT_STRING, &f.unit_arg, NULL},
		{"pillar", 0, OPT_STRING, &f.pillar_arg, NULL},
		{"status", 0, OPT_STRING, &f.status_arg, NULL},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	fp_status st;
	if (!opts_parse_only(self, table, argc, argv, &st))
		return st;
	if (dialect && !csv)
		return cmd_usage_error(self, "--dialect goes with --format csv");
	if ((st = check_words(self, &f)) != FP_OK)
		return st;
	run_ctx r;
	st = run_ctx_load(&r, dir, false);
	if (st == FP_OK && filtered(&f))
		st = check_model(self, &r.m, &f);
	consolidation fc = {0};
	const consolidation *c = &r.c;
	if (st == FP_OK && filtered(&f)) {
		st = consolidate_filtered(&r.m, &f, &fc);
		c = &fc;
	}
	if (st == FP_OK && csv) {
		/* stdout stays machine-readable: the filter is said on stderr. */
		if (filtered(&f)) {
			fputs("fitplan: note: ", stderr);
			describe(stderr, &r.m, &f);
		}
		csvout_consolidated_rows(stdout, dialect ? dialect : &csv_dialect_c, &r.m, c,
					 f.root, f.year);
	} else if (st == FP_OK)
		write_table(&r.m, c, &f);
	consolidation_release(&fc);
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
