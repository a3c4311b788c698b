/* treasury: loading treasury.csv (item,loan,year,value) into a treasury (see treasury.h,
 * docs/treasury.md). Every row is checked and every problem reported with its line and
 * field; rows for years after horizon_year are checked and then ignored. liquidity.c
 * computes the liquidity from it. */
#include "treasury.h"
#include "../core/xalloc.h"
#include "../io/csvread.h"
#include "../io/text.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

#define MILLION 1000000

/* ---- the items of treasury.csv ---- */

typedef enum item {
	IT_CASH,
	IT_EQUITY,
	IT_TOTAL_CAPITAL,
	IT_DEPRECIATION,
	IT_INTEREST_INCOME,
	IT_INVESTMENT,
	IT_LOAN_BALANCE,
	IT_LOAN_RATE,
	IT_LOAN_REPAYMENT,
	IT_LOAN_DRAW,
	IT_MIN_DSCR,
	IT_MAX_NET_DEBT_EBITDA,
	IT_MIN_SOLVENCY,
	IT_COUNT
} item;

/* Which years an item takes. */
typedef enum item_when {
	W_BASE,     /* exactly base_year: a position at its end */
	W_YEAR,     /* base_year on */
	W_PLAN,     /* base_year + 1 on */
	W_FROM,     /* empty (base_year) or base_year on: in force from that year */
	W_NONE,     /* none */
} item_when;

/* What an item's value is. */
typedef enum item_value {
	V_MONEY,        /* an amount, any sign */
	V_MONEY_NONNEG, /* an amount, not negative */
	V_MONEY_POS,    /* an amount above zero */
	V_PCT,          /* a percentage from 0 to 100, at most 4 decimals */
	V_RATIO,        /* a number from 0 to 1000, at most 6 decimals */
} item_value;

static const struct item_info {
	const char *word;
	item_when when;
	item_value value;
	bool loan;
} items[IT_COUNT] = {
	[IT_CASH] = {"cash", W_BASE, V_MONEY, false},
	[IT_EQUITY] = {"equity", W_BASE, V_MONEY, false},
	[IT_TOTAL_CAPITAL] = {"total_capital", W_BASE, V_MONEY_POS, false},
	[IT_DEPRECIATION] = {"depreciation", W_YEAR, V_MONEY_NONNEG, false},
	[IT_INTEREST_INCOME] = {"interest_income", W_YEAR, V_MONEY, false},
	[IT_INVESTMENT] = {"investment", W_YEAR, V_MONEY_NONNEG, false},
	[IT_LOAN_BALANCE] = {"loan_balance", W_BASE, V_MONEY_NONNEG, true},
	[IT_LOAN_RATE] = {"loan_rate_pct", W_FROM, V_PCT, true},
	[IT_LOAN_REPAYMENT] = {"loan_repayment", W_FROM, V_MONEY_NONNEG, true},
	[IT_LOAN_DRAW] = {"loan_draw", W_PLAN, V_MONEY_NONNEG, true},
	[IT_MIN_DSCR] = {"min_dscr", W_NONE, V_RATIO, false},
	[IT_MAX_NET_DEBT_EBITDA] = {"max_net_debt_ebitda", W_NONE, V_RATIO, false},
	[IT_MIN_SOLVENCY] = {"min_solvency_pct", W_NONE, V_PCT, false},
};

#define YEAR_MAX 2200

/* What the loader keeps per loan besides the loan itself. */
typedef struct loan_aux {
	bool *rate_set;      /* per year */
	bool *rep_set;       /* per year */
	long code_col;
	bool has_balance, has_draw, tainted;
} loan_aux;

typedef struct tload {
	const model *m;
	treasury *t;
	diag *d;
	int col_item, col_loan, col_year, col_value;
	bool header_ok;
	unsigned long errors_before;
	bool seen[IT_COUNT];  /* an item recognised on some row, even a bad one */
	bool *dep_seen;       /* per year */
	uint32_t equity_line; /* for the equity > total capital check */
	long equity_col;
	strmap keys;  /* "item\x1floan\x1fyear" -> line */
	strmap loans; /* code -> index */
	loan_aux *aux;
	size_t loans_cap;
} tload;

#define ERR(c, rec, col, ...) \
	diag_error((c)->d, (c)->t->path, (rec)->fields[col].line, (long)(col) + 1, __VA_ARGS__)

const char *treasury_path(arena *a, const char *dir)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return arena_printf(a, "%s%s", dir, TREASURY_FILE);
	return arena_printf(a, "%s/%s", dir, TREASURY_FILE);
}

static int item_parse(const csv_field *f)
{
	for (int i = 0; i < IT_COUNT; i++)
		if (csv_field_is(f, items[i].word))
			return i;
	return -1;
}

/* A whole number of 1 to 9 digits. */
static bool parse_whole(const csv_field *f, long *out)
{
	if (f->len == 0 || f->len > 9)
		return false;
	long v = 0;
	for (size_t i = 0; i < f->len; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return false;
		v = v * 10 + (f->s[i] - '0');
	}
	*out = v;
	return true;
}

/* A decimal number with the model's decimal separator and at most decimals decimals,
 * scaled by 10^decimals; no thousands separator, spaces and tabs around it ignored. */
static bool parse_fixed(const char *s, size_t len, char dec, int decimals, int64_t *out)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	bool neg = len && *s == '-';
	if (neg)
		s++, len--;
	int64_t v = 0;
	size_t i = 0, digits = 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		if (digits >= 12)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (!digits)
		return false;
	int nd = 0;
	if (i < len && s[i] == dec) {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++nd > decimals)
				return false;
			v = v * 10 + (s[i] - '0');
		}
		if (!nd)
			return false;
	}
	if (i != len)
		return false;
	for (; nd < decimals; nd++)
		v *= 10;
	*out = neg ? -v : v;
	return true;
}

static loan_aux *loan_of(tload *c, const csv_record *rec, int32_t *ix)
{
	const csv_field *f = &rec->fields[c->col_loan];
	treasury *t = c->t;
	int32_t i = strmap_get(&c->loans, f->s, f->len);
	if (i < 0) {
		const char *code = arena_strndup(&t->a, f->s, f->len);
		i = (int32_t)t->nloans;
		strmap_put(&c->loans, code, f->len, i);
		if (t->nloans >= c->loans_cap) {
			c->loans_cap = c->loans_cap ? 2 * c->loans_cap : 8;
			t->loans = xreallocarray(t->loans, c->loans_cap, sizeof *t->loans);
			c->aux = xreallocarray(c->aux, c->loans_cap, sizeof *c->aux);
		}
		size_t ny = (size_t)t->nyears;
		t->loans[i] = (treasury_loan){
			.code = code,
			.repayment_cents = arena_zalloc(&t->a, ny, sizeof(int64_t)),
			.draw_cents = arena_zalloc(&t->a, ny, sizeof(int64_t)),
			.rate_ppm = arena_zalloc(&t->a, ny, sizeof(int64_t)),
			.line = (uint32_t)rec->line,
		};
		c->aux[i] = (loan_aux){.rate_set = xcalloc(ny, sizeof(bool)),
				       .rep_set = xcalloc(ny, sizeof(bool)),
				       .code_col = c->col_loan + 1};
		t->nloans++;
	}
	*ix = i;
	return &c->aux[i];
}

static bool header(tload *c, const csv_record *rec)
{
	static const char *const names[] = {"item", "loan", "year", "value"};
	static const bool req[] = {true, false, true, true};
	int idx[4];
	if (!csv_header_map(rec, names, req, 4, idx, NULL, c->d))
		return false;
	c->col_item = idx[0];
	c->col_loan = idx[1];
	c->col_year = idx[2];
	c->col_value = idx[3];
	c->header_ok = true;
	return true;
}

/* The year of a row for item it: *year the year (base_year for an empty year of an item in
 * force "from"), 0 for an item without a year. */
static bool row_year(tload *c, const csv_record *rec, item it, int32_t *year)
{
	const model *m = c->m;
	const csv_field *f = &rec->fields[c->col_year];
	item_when w = items[it].when;
	const char *word = items[it].word;
	*year = 0;
	if (w == W_NONE) {
		if (f->len == 0)
			return true;
		ERR(c, rec, c->col_year, "item '%s' takes no year, got %s", word,
		    text_quote(f->s, f->len));
		return false;
	}
	if (f->len == 0) {
		if (w == W_FROM) {
			*year = m->base_year;
			return true;
		}
		if (w == W_BASE)
			ERR(c, rec, c->col_year, "empty year (item '%s' is the position at the end "
						 "of base_year %d: give %d)",
			    word, m->base_year, m->base_year);
		else
			ERR(c, rec, c->col_year, "empty year (item '%s' needs a year from %d)", word,
			    w == W_PLAN ? m->base_year + 1 : m->base_year);
		return false;
	}
	long v;
	if (!parse_whole(f, &v) || v < 1900 || v > YEAR_MAX) {
		ERR(c, rec, c->col_year, "bad year %s (expected a year from %d to %d)",
		    text_quote(f->s, f->len), m->base_year, YEAR_MAX);
		return false;
	}
	if (w == W_BASE && v != m->base_year) {
		ERR(c, rec, c->col_year, "year %ld for item '%s' (it is the position at the end of "
					 "base_year %d)",
		    v, word, m->base_year);
		return false;
	}
	if (v < m->base_year) {
		ERR(c, rec, c->col_year, "year %ld before base_year %d", v, m->base_year);
		return false;
	}
	if (w == W_PLAN && v == m->base_year) {
		ERR(c, rec, c->col_year, "loan_draw in base_year %d (a loan drawn in the base year "
					 "is part of its loan_balance)",
		    m->base_year);
		return false;
	}
	*year = (int32_t)v;
	return true;
}

static bool row_value(tload *c, const csv_record *rec, item it, int64_t *out)
{
	const csv_field *f = &rec->fields[c->col_value];
	const char *word = items[it].word;
	money_notation n = c->m->notation;
	item_value kind = items[it].value;
	if (kind == V_PCT || kind == V_RATIO) {
		bool pct = kind == V_PCT;
		int decimals = pct ? 4 : 6;
		int64_t hi = pct ? 100 : 1000, v = 0;
		if (f->len == 0) {
			ERR(c, rec, c->col_value, "empty value for item '%s'", word);
			return false;
		}
		if (!parse_fixed(f->s, f->len, n.decimal, decimals, &v) || v < 0 ||
		    v > hi * (pct ? 10000 : MILLION)) {
			ERR(c, rec, c->col_value,
			    "bad %s %s (expected a number from 0 to %lld with at most %d decimals "
			    "after '%c')",
			    word, text_quote(f->s, f->len), (long long)hi, decimals, n.decimal);
			return false;
		}
		/* A percentage with 4 decimals is already in millionths of 1. */
		*out = v;
		return true;
	}
	money_err e = money_parse(f->s, f->len, n, out);
	if (e == MONEY_EMPTY) {
		ERR(c, rec, c->col_value, "empty amount for item '%s'", word);
		return false;
	}
	if (e != MONEY_OK) {
		ERR(c, rec, c->col_value, "bad amount %s: %s", text_quote(f->s, f->len),
		    money_err_str(e));
		return false;
	}
	if (kind == V_MONEY_NONNEG && *out < 0) {
		ERR(c, rec, c->col_value, "negative amount %s for item '%s'",
		    text_quote(f->s, f->len), word);
		return false;
	}
	if (kind == V_MONEY_POS && *out <= 0) {
		ERR(c, rec, c->col_value, "item '%s' must be above zero, got %s", word,
		    text_quote(f->s, f->len));
		return false;
	}
	return true;
}

/* The loan of a row: *la the loan of a loan item, NULL for other items; false when the
 * code is missing, bad or given for an item that takes none (reported). */
static bool row_loan(tload *c, const csv_record *rec, item it, loan_aux **la, int32_t *li)
{
	const char *word = items[it].word;
	const csv_field *fl = c->col_loan >= 0 ? &rec->fields[c->col_loan] : NULL;
	*li = -1;
	*la = NULL;
	if (!items[it].loan) {
		if (!fl || !fl->len)
			return true;
		ERR(c, rec, c->col_loan, "item '%s' takes no loan code, got %s", word,
		    text_quote(fl->s, fl->len));
		return false;
	}
	if (!fl)
		ERR(c, rec, c->col_item, "item '%s' needs a loan code (the file has no 'loan' "
					 "column)",
		    word);
	else if (fl->len == 0)
		ERR(c, rec, c->col_loan, "empty loan code for item '%s'", word);
	else if (fl->s[0] == '-')
		ERR(c, rec, c->col_loan, "invalid loan code %s: a code " MODEL_CODE_MINUS_WHY,
		    text_quote(fl->s, fl->len));
	else if (!model_code_valid(fl->s, fl->len))
		ERR(c, rec, c->col_loan, "invalid loan code %s (use letters, digits, '-', '_' and "
					 "'.', at most %d)",
		    text_quote(fl->s, fl->len), MODEL_CODE_MAX);
	else
		return (*la = loan_of(c, rec, li)) != NULL;
	return false;
}

/* A row that repeats an earlier one (item, loan, year): reported, the loan tainted; true. */
static bool row_duplicate(tload *c, const csv_record *rec, item it, loan_aux *la, int32_t li,
			  int32_t year)
{
	treasury *t = c->t;
	const char *word = items[it].word;
	const char *loan = la ? t->loans[li].code : "";
	const char *key = arena_printf(&t->a, "%s\x1f%s\x1f%d", word, loan, year);
	int32_t first = strmap_put(&c->keys, key, strlen(key), (int32_t)rec->line);
	if (first < 0)
		return false;
	int col = items[it].when == W_NONE || rec->fields[c->col_year].len == 0 ? c->col_item
										 : c->col_year;
	char when[32] = "";
	if (items[it].when != W_NONE)
		snprintf(when, sizeof when, " for %d", year);
	if (la)
		ERR(c, rec, col, "duplicate %s of loan '%s'%s (first at line %d)", word, loan, when,
		    first);
	else
		ERR(c, rec, col, "duplicate %s%s (first at line %d)", word, when, first);
	if (la)
		la->tainted = true;
	return true;
}

/* A good row's value v into the treasury: year index y, loan li where the item has one. */
static void row_store(tload *c, const csv_record *rec, item it, int32_t li, int y, int64_t v)
{
	treasury *t = c->t;
	switch (it) {
	case IT_CASH: t->cash_cents = v; break;
	case IT_EQUITY:
		t->equity_cents = v;
		c->equity_line = (uint32_t)rec->fields[c->col_value].line;
		c->equity_col = c->col_value + 1;
		break;
	case IT_TOTAL_CAPITAL: t->total_capital_cents = v; break;
	case IT_DEPRECIATION: t->depreciation_cents[y] = v; break;
	case IT_INTEREST_INCOME: t->interest_income_cents[y] = v; break;
	case IT_INVESTMENT: t->investment_cents[y] = v; break;
	case IT_LOAN_BALANCE: t->loans[li].balance_cents = v; break;
	case IT_LOAN_RATE: t->loans[li].rate_ppm[y] = v; break;
	case IT_LOAN_REPAYMENT: t->loans[li].repayment_cents[y] = v; break;
	case IT_LOAN_DRAW: t->loans[li].draw_cents[y] = v; break;
	case IT_MIN_DSCR:
	case IT_MAX_NET_DEBT_EBITDA:
	case IT_MIN_SOLVENCY: {
		covenant k = it == IT_MIN_DSCR ? COV_DSCR
			     : it == IT_MIN_SOLVENCY ? COV_SOLVENCY
						     : COV_NET_DEBT_EBITDA;
		t->has_threshold[k] = true;
		t->threshold_ppm[k] = v;
		break;
	}
	case IT_COUNT: break;
	}
}

static bool row(void *vctx, const csv_record *rec)
{
	tload *c = vctx;
	treasury *t = c->t;
	const model *m = c->m;
	if (rec->index == 0)
		return header(c, rec);
	const csv_field *fi = &rec->fields[c->col_item];
	int iv = item_parse(fi);
	if (iv < 0) {
		if (fi->len == 0)
			ERR(c, rec, c->col_item, "empty item");
		else
			ERR(c, rec, c->col_item,
			    "unknown item %s (expected cash, equity, total_capital, depreciation, "
			    "interest_income, investment, loan_balance, loan_rate_pct, "
			    "loan_repayment, loan_draw, min_dscr, max_net_debt_ebitda or "
			    "min_solvency_pct)",
			    text_quote(fi->s, fi->len));
		return true;
	}
	item it = (item)iv;
	c->seen[it] = true;
	int32_t dep_cat = model_first_depreciation(m);
	if (it == IT_DEPRECIATION && dep_cat >= 0) {
		/* Two sources of one figure would disagree: the projection's wins, so this one
		 * would be silently ignored. */
		ERR(c, rec, c->col_item,
		    "item 'depreciation' in a model with depreciation categories ('%s'): the "
		    "projection gives the depreciation of every year; leave the row out",
		    m->cats[dep_cat].code);
		return true;
	}
	int32_t li = -1;
	loan_aux *la = NULL;
	bool ok = row_loan(c, rec, it, &la, &li);
	if (la && it == IT_LOAN_BALANCE)
		la->has_balance = true;
	if (la && it == IT_LOAN_DRAW)
		la->has_draw = true;
	int32_t year = 0;
	bool year_ok = row_year(c, rec, it, &year);
	int y = year_ok && year ? year - m->base_year : 0; /* index; > nyears: ignored */
	bool ignored = year > m->horizon_year;
	/* Mark what the row gives, even when its value is bad, so that the checks of the whole
	 * file do not report it missing as well. */
	if (year_ok && !ignored && it == IT_DEPRECIATION)
		c->dep_seen[y] = true;
	if (year_ok && !ignored && it == IT_LOAN_RATE && la)
		la->rate_set[y] = true;
	if (year_ok && !ignored && it == IT_LOAN_REPAYMENT && la)
		la->rep_set[y] = true;
	int64_t v = 0;
	ok = row_value(c, rec, it, &v) && year_ok && ok;
	if (!ok) {
		if (la)
			la->tainted = true;
		return true;
	}
	/* Duplicates, also among the rows after the horizon. */
	if (row_duplicate(c, rec, it, la, li, year))
		return true;
	if (ignored) {
		t->ignored_rows++;
		return true;
	}
	row_store(c, rec, it, li, y, v);
	return true;
}

/* The checks of the whole file, once every row is read. */
static void check_file(tload *c)
{
	treasury *t = c->t;
	const model *m = c->m;
	diag *d = c->d;
	static const struct {
		item it;
		const char *what;
	} required[] = {{IT_CASH, "the cash"}, {IT_EQUITY, "the equity"},
			{IT_TOTAL_CAPITAL, "the total capital (balance sheet total)"}};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!c->seen[required[i].it])
			diag_error(d, t->path, 0, 0, "missing item '%s' (%s at the end of base_year %d)",
				   items[required[i].it].word, required[i].what, m->base_year);
	if (c->seen[IT_EQUITY] && c->seen[IT_TOTAL_CAPITAL] && c->equity_line &&
	    t->total_capital_cents > 0 && t->equity_cents > t->total_capital_cents) {
		char e[MONEY_BUF], tc[MONEY_BUF];
		diag_error(d, t->path, c->equity_line, c->equity_col,
			   "equity %s is more than total_capital %s",
			   money_format(e, t->equity_cents, ','),
			   money_format(tc, t->total_capital_cents, ','));
	}
	/* Depreciation: every year, listed in one message. */
	char list[256] = "";
	size_t o = 0, missing = 0;
	for (int y = 0; y < t->nyears; y++) {
		if (c->dep_seen[y])
			continue;
		if (missing++ < 8 && o < sizeof list - 16)
			o += (size_t)snprintf(list + o, sizeof list - o, "%s%d", o ? ", " : "",
					      m->base_year + y);
	}
	if (missing > 8)
		snprintf(list + o, sizeof list - o, " and %zu more", missing - 8);
	if (missing && model_first_depreciation(m) < 0)
		diag_error(d, t->path, 0, 0,
			   "missing depreciation for %s (every year from %d to %d needs one)", list,
			   m->base_year, m->horizon_year);
	for (size_t i = 0; i < t->nloans; i++) {
		treasury_loan *ln = &t->loans[i];
		loan_aux *la = &c->aux[i];
		if (la->tainted)
			continue;
		/* A rate must be in force from the first year with a balance. */
		int from = ln->balance_cents || ln->repayment_cents[0] ? 0 : -1;
		for (int y = 1; from < 0 && y < t->nyears; y++)
			if (ln->draw_cents[y])
				from = y;
		bool rated = false;
		for (int y = 0; y <= from; y++)
			rated |= la->rate_set[y];
		if (from >= 0 && !rated)
			diag_error(d, t->path, ln->line, la->code_col,
				   "loan '%s' has no loan_rate_pct in force in %d (give one for that "
				   "year or with an empty year)",
				   ln->code, m->base_year + from);
		if (!la->has_balance && !la->has_draw)
			diag_error(d, t->path, ln->line, la->code_col,
				   "loan '%s' has neither a loan_balance nor a loan_draw", ln->code);
		/* The rate and the repayment in force: carried forward from the last year given;
		 * a repayment stops at what is left of the loan. */
		for (int y = 1; y < t->nyears; y++) {
			if (!la->rate_set[y])
				ln->rate_ppm[y] = ln->rate_ppm[y - 1];
			if (!la->rep_set[y])
				ln->repayment_cents[y] = ln->repayment_cents[y - 1];
		}
		int64_t bal = ln->balance_cents;
		bool ok = money_add(&bal, ln->repayment_cents[0]);
		for (int y = 1; ok && y < t->nyears; y++) {
			ok = money_add(&bal, ln->draw_cents[y]);
			if (ln->repayment_cents[y] > bal)
				ln->repayment_cents[y] = bal;
			bal -= ln->repayment_cents[y];
		}
		if (!ok)
			diag_error(d, t->path, ln->line, la->code_col,
				   "the balance of loan '%s' overflows the limit of "
				   "92,233,720,368,547,758.07",
				   ln->code);
	}
}

/* The digest slot of the file at path when m was loaded hashing (model_load registers
 * treasury.csv among its files), so that the file is hashed from the bytes it is loaded
 * from; NULL when not hashing. */
static char *digest_slot(const model *m, const char *path)
{
	for (size_t i = 0; m->file_sha256 && i < m->nfiles; i++)
		if (strcmp(m->files[i], path) == 0)
			return m->file_sha256[i];
	return NULL;
}

fp_status treasury_load(const model *m, treasury *t, diag *d)
{
	memset(t, 0, sizeof *t);
	arena_init(&t->a);
	t->path = treasury_path(&t->a, m->dir);
	if (access(t->path, F_OK) != 0 && errno == ENOENT)
		return FP_OK;
	t->present = true;
	t->nyears = m->nyears + 1;
	size_t ny = (size_t)t->nyears;
	t->depreciation_cents = arena_zalloc(&t->a, ny, sizeof(int64_t));
	t->interest_income_cents = arena_zalloc(&t->a, ny, sizeof(int64_t));
	t->investment_cents = arena_zalloc(&t->a, ny, sizeof(int64_t));
	tload c = {.m = m, .t = t, .d = d, .col_item = -1, .col_loan = -1, .col_year = -1,
		   .col_value = -1, .errors_before = d->errors};
	c.dep_seen = xcalloc(ny, sizeof *c.dep_seen);
	strmap_init(&c.keys);
	strmap_init(&c.loans);
	fp_status st =
		csv_read_hashed(t->path, row, &c, d, NULL, digest_slot(m, t->path));
	if ((st == FP_OK || st == FP_EDATA) && c.header_ok)
		check_file(&c);
	for (size_t i = 0; i < t->nloans; i++) {
		free(c.aux[i].rate_set);
		free(c.aux[i].rep_set);
	}
	free(c.aux);
	free(c.dep_seen);
	strmap_release(&c.keys);
	strmap_release(&c.loans);
	if (st == FP_OK && d->errors != c.errors_before)
		st = FP_EDATA;
	return st;
}

bool treasury_present(const treasury *t)
{
	return t->present;
}

void treasury_release(treasury *t)
{
	free(t->loans);
	arena_release(&t->a);
	memset(t, 0, sizeof *t);
}

const char *covenant_word(covenant c)
{
	switch (c) {
	case COV_DSCR: return "dscr";
	case COV_NET_DEBT_EBITDA: return "net_debt_ebitda";
	case COV_SOLVENCY: return "solvency";
	case COVENANT_COUNT: break;
	}
	return "?";
}
