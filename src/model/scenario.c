/* scenario: see scenario.h. The plan of a scenario is built in a fixed order whatever the
 * order of the script's calls: adjustments to the model's measures, then added measures,
 * then the levers that make measures (hiring freezes, procurement cuts) in call order,
 * each netted against the savings already in the plan on the same category and nature,
 * wherever in the tree they are booked (see "no double counting" below), so that nothing
 * is counted twice, then the adopted candidates (new ideas on top: no lever nets against
 * them, so which are adopted changes no lever's saving), then target overrides in call
 * order. */
#include "scenario.h"
#include "projection.h"
#include "../core/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *lever_kind_word(lever_kind k)
{
	switch (k) {
	case LEVER_MEASURE: return "measure";
	case LEVER_ADJUST: return "adjust";
	case LEVER_TARGET: return "target";
	case LEVER_HIRING_FREEZE: return "hiring_freeze";
	case LEVER_PROCUREMENT_CUT: return "procurement_cut";
	case LEVER_CAO: return "cao";
	case LEVER_INDEX: return "index";
	}
	return "?";
}

lever *scenario_add_lever(scenario_spec *s, lever_kind kind, const char *file, int line)
{
	VEC_GROW(s->levers, s->nlevers, s->levers_cap);
	lever *l = &s->levers[s->nlevers++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->file = file;
	l->line = line;
	return l;
}

void scenario_spec_release(scenario_spec *s)
{
	free(s->levers);
	free(s->added);
	free(s->adopted);
	free(s->adopted_at);
	uncertainty_spec_release(&s->uncertainty);
	memset(s, 0, sizeof *s);
}

const char *scenario_name_check(const char *name)
{
	/* What a run folder holds beside its scenarios' folders. */
	static const char *const run_files[][2] = {
		{"manifest.json", "is reserved for the run record's manifest.json (ignoring case)"},
		{"comparison.csv", "is reserved for the run's comparison.csv (ignoring case)"},
		{"inputs", "is reserved for the run record's inputs/ (ignoring case)"},
	};
	static const char *const devices[] = {"con", "prn", "aux", "nul"};
	size_t len = strlen(name);
	if (name[0] == '-')
		return MODEL_CODE_MINUS_WHY " (the name heads columns of comparison.csv)";
	if (!model_code_valid(name, len))
		return "must be 1 to 64 letters, digits, '-', '_' or '.'";
	if (name[0] == '.' || name[len - 1] == '.')
		return "must not start or end with '.'";
	for (size_t i = 0; i < sizeof run_files / sizeof *run_files; i++)
		if (strcasecmp(name, run_files[i][0]) == 0)
			return run_files[i][1];
	/* Windows refuses a device name as a file name, with any extension too (nul.csv). */
	size_t stem = strcspn(name, ".");
	bool device = false;
	for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
		device |= stem == 3 && strncasecmp(name, devices[i], 3) == 0;
	if (stem == 4 && (strncasecmp(name, "com", 3) == 0 || strncasecmp(name, "lpt", 3) == 0) &&
	    name[3] >= '1' && name[3] <= '9')
		device = true;
	if (device)
		return "is reserved: a device name on Windows";
	return NULL;
}

bool unit_in_scope(const model *m, const unit_scope *s, int32_t u)
{
	bool in = false;
	for (size_t i = 0; i < s->nunits && !in; i++)
		in = model_is_ancestor(m, s->units[i], u);
	for (size_t i = 0; i < s->nexempt && in; i++)
		in = !model_is_ancestor(m, s->exempt[i], u);
	return in;
}

bool unit_scope_exempt_reaches(const model *m, const unit_scope *s, size_t i)
{
	int32_t ex = s->exempt[i];
	for (size_t k = 0; k < s->nunits; k++)
		if (model_is_ancestor(m, s->units[k], ex) || model_is_ancestor(m, ex, s->units[k]))
			return true;
	return false;
}

static bool cat_in(const category_set *cs, int32_t c)
{
	return cs->all || cs->member[c];
}

uint64_t scenario_lever_scan_steps(const model *m, const lever *l)
{
	const unit_scope *sc = l->kind == LEVER_HIRING_FREEZE     ? &l->u.freeze.scope
			       : l->kind == LEVER_PROCUREMENT_CUT ? &l->u.cut.scope
								  : NULL;
	if (sc)
		return (uint64_t)m->nbaseline * (1 + sc->nunits + sc->nexempt);
	if (l->kind == LEVER_ADJUST && l->measure < 0)
		return m->nmeasures;
	return 0;
}

void scenario_lever_cost(const model *m, const lever *l, uint64_t *steps, uint64_t *bytes)
{
	*steps = *bytes = 0;
	if (l->kind == LEVER_ADJUST) { /* every year of the measures it may reach */
		*steps = (l->measure >= 0 ? 1 : (uint64_t)m->nmeasures) * (uint64_t)m->nyears;
		return;
	}
	bool freeze = l->kind == LEVER_HIRING_FREEZE;
	if (!freeze && l->kind != LEVER_PROCUREMENT_CUT)
		return;
	uint64_t rows = 0;
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *row = &m->baseline[i];
		bool in = row->amount_cents > 0 && (freeze ? (!l->u.freeze.cats.all && !l->u.freeze.cats.member
					    ? m->cats[row->category].kind == KIND_PERSONNEL &&
						      !m->cats[row->category].hired
					    : cat_in(&l->u.freeze.cats, row->category)) &&
					   unit_in_scope(m, &l->u.freeze.scope, row->unit)
				 : cat_in(&l->u.cut.cats, row->category) &&
					   unit_in_scope(m, &l->u.cut.scope, row->unit));
		rows += in;
	}
	/* A freeze follows every month of the plan years; a cut every year. */
	*steps = rows * (uint64_t)m->nyears * (freeze ? 12 : 1);
	/* Each measure: the struct, two amounts arrays (emit makes both parts) and its id,
	 * title and origin strings (codes of at most MODEL_CODE_MAX, the script's label). */
	uint64_t one = sizeof(measure) + 2 * (uint64_t)m->nyears * sizeof(int64_t) +
		       4 * MODEL_CODE_MAX + 3 * (strlen(l->file) + 64);
	*bytes = rows * (freeze ? 2 : 1) * one;
}

static int64_t round_ratio(int64_t v, int64_t num, int64_t den, bool *ok)
{
	int64_t out = 0;
	if (!money_mul_ratio(v, num, den, &out))
		*ok = false;
	return out;
}

/* ---- no double counting (docs/scenarios.md) ----
 *
 * A lever's gross saving G(r, y) on baseline row r is netted against the claims on r: the
 * positive amounts in y of the plan's measures of the same category and the same nature as
 * the lever's saving in y. A measure of the plan (the model's, adjusted, and measure{}
 * additions) on unit a is anchored at the nearest unit at or above a whose subtree holds
 * baseline of the category (rows with a positive base-year amount), and its amount is
 * spread over every such row of the anchor's subtree, pro rata to the rows' base-year
 * amounts: the floor of each share, then the cents left over one each to the rows with the
 * largest remainders (ties: the first row in pre-order), so the claims add up to the
 * measures' amounts exactly. A lever's own measure is made from one row and claims that row
 * only. N(r, y) = max(0, G(r, y) - claims(r, y)). */

/* The rows that can carry claims (a positive base-year amount), by category and then unit
 * pre-order, and their claims per nature and plan year. */
typedef struct claims {
	int32_t *rows;      /* baseline indexes */
	size_t nrows;
	size_t *cat_start;  /* ncats + 1: the rows of category c are [cat_start[c], cat_start[c+1]) */
	int32_t *slot;      /* nbaseline: the row's position in rows, or -1 */
	int64_t *cents;     /* nrows * NATURE_COUNT * nyears */
	int32_t nyears;
} claims;

static int64_t *claims_at(const claims *cl, size_t slot, int nature)
{
	return &cl->cents[(slot * NATURE_COUNT + (size_t)nature) * (size_t)cl->nyears];
}

static void add_sat(int64_t *to, int64_t v)
{
	if (!money_add(to, v))
		*to = INT64_MAX; /* a claim beyond the limit of money takes everything anyway */
}

typedef struct row_key {
	int32_t cat, pre, row;
} row_key;

static int cmp_row_key(const void *a, const void *b)
{
	const row_key *x = a, *y = b;
	if (x->cat != y->cat)
		return x->cat < y->cat ? -1 : 1;
	return x->pre < y->pre ? -1 : x->pre > y->pre;
}

/* The first row of category c whose unit comes at or after pre-order position pre. */
static size_t first_row_from(const model *m, const claims *cl, int32_t c, int32_t pre)
{
	size_t lo = cl->cat_start[c], hi = cl->cat_start[c + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->units[m->baseline[cl->rows[mid]].unit].pre < pre)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The rows of category c in the subtree of u: [*lo, *hi). */
static void subtree_rows(const model *m, const claims *cl, int32_t c, int32_t u, size_t *lo,
			 size_t *hi)
{
	*lo = first_row_from(m, cl, c, m->units[u].pre);
	*hi = first_row_from(m, cl, c, m->units[u].subtree_end);
}

typedef struct anchored {
	int32_t cat, anchor_pre;
	size_t measure;
} anchored;

static int cmp_anchored(const void *a, const void *b)
{
	const anchored *x = a, *y = b;
	if (x->cat != y->cat)
		return x->cat < y->cat ? -1 : 1;
	if (x->anchor_pre != y->anchor_pre)
		return x->anchor_pre < y->anchor_pre ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

typedef struct share {
	unsigned __int128 rem;
	size_t slot;
} share;

static int cmp_share(const void *a, const void *b)
{
	const share *x = a, *y = b;
	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* Spread amount (> 0) over the rows [lo, hi) pro rata to their base-year amounts, by
 * largest remainder, into the claims of nature and plan year y. */
static void spread(const model *m, claims *cl, size_t lo, size_t hi, int nature, int y,
		   int64_t amount, share *buf)
{
	unsigned __int128 total = 0;
	for (size_t k = lo; k < hi; k++)
		total += (unsigned __int128)m->baseline[cl->rows[k]].amount_cents;
	unsigned __int128 given = 0;
	size_t n = 0;
	for (size_t k = lo; k < hi; k++) {
		unsigned __int128 p = (unsigned __int128)amount *
				      (unsigned __int128)m->baseline[cl->rows[k]].amount_cents;
		int64_t floor_share = (int64_t)(p / total); /* at most amount */
		given += (unsigned __int128)floor_share;
		add_sat(&claims_at(cl, k, nature)[y], floor_share);
		buf[n++] = (share){p % total, k};
	}
	size_t left = (size_t)((unsigned __int128)amount - given); /* fewer than hi - lo */
	if (!left)
		return;
	qsort(buf, n, sizeof *buf, cmp_share);
	for (size_t i = 0; i < left; i++)
		add_sat(&claims_at(cl, buf[i].slot, nature)[y], 1);
}

/* The claims of the plan's first nplan measures (the model's as adjusted, then the added
 * ones), anchored and spread. */
static void claims_build(const model *m, const measure *plan_ms, size_t nplan, claims *cl)
{
	size_t nc = m->ncats;
	cl->nyears = m->nyears;
	cl->slot = xmalloc((m->nbaseline ? m->nbaseline : 1) * sizeof *cl->slot);
	row_key *keys = xmalloc((m->nbaseline ? m->nbaseline : 1) * sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *row = &m->baseline[i];
		cl->slot[i] = -1;
		if (row->amount_cents > 0)
			keys[n++] = (row_key){row->category, m->units[row->unit].pre, (int32_t)i};
	}
	qsort(keys, n, sizeof *keys, cmp_row_key);
	cl->nrows = n;
	cl->rows = xmalloc((n ? n : 1) * sizeof *cl->rows);
	cl->cat_start = xcalloc(nc + 1, sizeof *cl->cat_start);
	for (size_t k = 0; k < n; k++) {
		cl->rows[k] = keys[k].row;
		cl->slot[keys[k].row] = (int32_t)k;
		cl->cat_start[keys[k].cat + 1]++;
	}
	for (size_t c = 0; c < nc; c++)
		cl->cat_start[c + 1] += cl->cat_start[c];
	free(keys);
	cl->cents = xcalloc((n ? n : 1) * NATURE_COUNT * (size_t)m->nyears, sizeof *cl->cents);

	/* Anchor every measure with a positive amount, then spread the anchors' sums. */
	anchored *an = xmalloc((nplan ? nplan : 1) * sizeof *an);
	size_t na = 0;
	for (size_t i = 0; i < nplan; i++) {
		const measure *ms = &plan_ms[i];
		bool positive = false;
		for (int y = 0; y < m->nyears; y++)
			positive |= ms->amounts[y] > 0;
		if (!positive)
			continue;
		int32_t c = ms->category;
		for (int32_t u = ms->unit; u >= 0; u = m->units[u].parent) {
			size_t lo, hi;
			subtree_rows(m, cl, c, u, &lo, &hi);
			if (lo < hi) {
				an[na++] = (anchored){c, m->units[u].pre, i};
				break;
			}
		}
	}
	qsort(an, na, sizeof *an, cmp_anchored);
	share *buf = xmalloc((n ? n : 1) * sizeof *buf);
	int64_t *sum = xmalloc(NATURE_COUNT * (size_t)m->nyears * sizeof *sum);
	for (size_t i = 0; i < na;) {
		size_t j = i;
		memset(sum, 0, NATURE_COUNT * (size_t)m->nyears * sizeof *sum);
		for (; j < na && an[j].cat == an[i].cat && an[j].anchor_pre == an[i].anchor_pre; j++) {
			const measure *ms = &plan_ms[an[j].measure];
			for (int y = 0; y < m->nyears; y++)
				if (ms->amounts[y] > 0)
					add_sat(&sum[(size_t)ms->nature * (size_t)m->nyears + (size_t)y],
						ms->amounts[y]);
		}
		size_t lo, hi;
		subtree_rows(m, cl, an[i].cat, m->preorder[an[i].anchor_pre], &lo, &hi);
		for (int nat = 0; nat < NATURE_COUNT; nat++)
			for (int y = 0; y < m->nyears; y++)
				if (sum[(size_t)nat * (size_t)m->nyears + (size_t)y] > 0)
					spread(m, cl, lo, hi, nat, y,
					       sum[(size_t)nat * (size_t)m->nyears + (size_t)y], buf);
		i = j;
	}
	free(sum);
	free(buf);
	free(an);
}

static void claims_release(claims *cl)
{
	free(cl->rows);
	free(cl->cat_start);
	free(cl->slot);
	free(cl->cents);
	memset(cl, 0, sizeof *cl);
}

typedef struct builder {
	const model *m;
	const scenario_spec *s;
	const lever *levers; /* the spec's, to number the levers' measures */
	scenario_result *r;
	size_t cap;
	claims cl;
	diag *d;
	bool ok;
} builder;

/* fail: report what went wrong with lever l at its script line ("adjust{}: ..."). */
static void fail(builder *b, const lever *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail(builder *b, const lever *l, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(b->d, scenario_file(b->s), l->line, 0, "%s{}: %s", lever_kind_word(l->kind), msg);
	b->ok = false;
}

static measure *push_measure(builder *b)
{
	VEC_GROW(b->r->measures, b->r->nmeasures, b->cap);
	measure *ms = &b->r->measures[b->r->nmeasures++];
	memset(ms, 0, sizeof *ms);
	return ms;
}

static const char *origin(const model *m, const lever *l)
{
	return arena_printf(m->a, "%s:%d", l->file, l->line);
}

/* Make the lever's measure for one baseline row from amounts[] (already net of claims),
 * split by year into incidental (before structural_from) and structural parts. */
static void emit(builder *b, const lever *l, size_t lever_no, const baseline_row *row,
		 const int64_t *amounts, int structural_from, int64_t fte_centi, uint8_t status,
		 uint8_t pillar, const char *what)
{
	const model *m = b->m;
	for (int part = 0; part < 2; part++) {
		bool structural = part == 0;
		int64_t *am = arena_zalloc(m->a, (size_t)m->nyears, sizeof *am);
		bool any = false;
		for (int y = 0; y < m->nyears; y++) {
			if ((y >= structural_from) == structural) {
				am[y] = amounts[y];
				any |= am[y] != 0;
			}
		}
		if (!any)
			continue;
		measure *ms = push_measure(b);
		ms->id = arena_printf(m->a, "%s.%zu.%s.%s%s", what, lever_no,
				      m->units[row->unit].code, m->cats[row->category].code,
				      structural ? "" : ".once");
		ms->title = arena_printf(m->a, "%s (%s:%d)", what, l->file, l->line);
		ms->unit = row->unit;
		ms->category = row->category;
		ms->pillar = pillar;
		ms->status = status;
		ms->nature = structural ? NATURE_STRUCTURAL : NATURE_INCIDENTAL;
		ms->file = -1;
		ms->fte_centi = structural ? fte_centi : 0;
		ms->amounts = am;
		ms->origin = origin(m, l);
		ms->lever_no = (int32_t)(l - b->levers) + 1;
		ms->pos = (src_pos){SRC_SCRIPT, (uint32_t)l->line};
		/* A lever's measure claims its own row for the levers after it. */
		int32_t slot = b->cl.slot[row - m->baseline];
		for (int y = 0; slot >= 0 && y < m->nyears; y++)
			if (am[y] > 0)
				add_sat(&claims_at(&b->cl, (size_t)slot, ms->nature)[y], am[y]);
		b->r->lever_measures++;
	}
}

/* Net of the claims on the row (of the nature of the lever's saving in each year: incidental
 * before structural_from, structural from it): never below 0, and never more than what the
 * claims of both natures leave of the row's spend: a quick win and a structural lever, or
 * two freezes of the same staff, are netted by nature, but together they cannot save more
 * than the row costs (a negative cost). Adds gross and net to the lever's summary. */
static bool net_of_claims(builder *b, lever_summary *sum, const baseline_row *row,
			  int structural_from, int64_t *amounts)
{
	const model *m = b->m;
	int32_t slot = b->cl.slot[row - m->baseline];
	bool ok = true;
	for (int y = 0; y < m->nyears; y++) {
		int nat = y >= structural_from ? NATURE_STRUCTURAL : NATURE_INCIDENTAL;
		int64_t claim = slot >= 0 ? claims_at(&b->cl, (size_t)slot, nat)[y] : 0;
		int other_nat = nat == NATURE_STRUCTURAL ? NATURE_INCIDENTAL : NATURE_STRUCTURAL;
		int64_t other = slot >= 0 ? claims_at(&b->cl, (size_t)slot, other_nat)[y] : 0;
		int64_t g = amounts[y], v;
		amounts[y] = g > 0 && claim < g && !__builtin_sub_overflow(g, claim, &v) ? v : 0;
		/* What is left of the spend: B - claim - other (both at least 0, B > 0). */
		int64_t left = row->amount_cents;
		if (__builtin_sub_overflow(left, claim, &left) ||
		    __builtin_sub_overflow(left, other, &left) || left < 0)
			left = 0;
		if (amounts[y] > left)
			amounts[y] = left;
		ok = money_add(&sum->gross_cents[y], g) && money_add(&sum->net_cents[y], amounts[y]) &&
		     ok;
	}
	return ok;
}

/* The year whose net over gross scales a row's FTE reduction: the target year, or the
 * last plan year with a gross saving when the target year has none; -1 when no year has. */
static int fte_year(const model *m, const int64_t *gross)
{
	int ty = model_year_index(m, m->target_year);
	if (ty >= 0 && gross[ty] != 0)
		return ty;
	for (int y = m->nyears; y-- > 0;)
		if (gross[y] != 0)
			return y;
	return -1;
}

#define MICRO_PER_CENTI 10000 /* FTE are followed in millionths during a freeze */

/* freeze_reaches: the freeze reaches rows of category c: by default personnel on the
 * payroll (hired staff, agency and PNIL, have no natural attrition), else its categories. */
static bool freeze_reaches(const model *m, const lever *l, int32_t c)
{
	bool default_cats = !l->u.freeze.cats.all && !l->u.freeze.cats.member;
	return default_cats ? m->cats[c].kind == KIND_PERSONNEL && !m->cats[c].hired
			    : cat_in(&l->u.freeze.cats, c);
}

static void overflow_fail(builder *b, const lever *l, const baseline_row *row)
{
	fail(b, l, "the savings on unit '%s' in category '%s' overflow the limit of "
		   "92,233,720,368,547,758.07",
	     b->m->units[row->unit].code, b->m->cats[row->category].code);
}

static void apply_freeze(builder *b, const lever *l, size_t lever_no, lever_summary *sum)
{
	const model *m = b->m;
	int64_t keep_ppm = PPM - (l->u.freeze.attrition_ppm + 6) / 12;
	int32_t first_month = (m->base_year + 1) * 12;
	int32_t last_month = m->horizon_year * 12 + 11;
	int reached = l->u.freeze.until_month / 12 - (m->base_year + 1);
	if (reached < 0)
		reached = 0;
	int64_t amounts[MODEL_MAX_YEARS], gross[MODEL_MAX_YEARS];
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *row = &m->baseline[i];
		if (row->fte_centi <= 0 || row->amount_cents <= 0)
			continue;
		if (!freeze_reaches(m, l, row->category))
			continue;
		if (!unit_in_scope(m, &l->u.freeze.scope, row->unit))
			continue;
		/* The FTE in millionths, and twelve times that as a divisor, must fit. */
		int64_t fte0, fte0_12;
		if (__builtin_mul_overflow(row->fte_centi, MICRO_PER_CENTI, &fte0) ||
		    __builtin_mul_overflow(fte0, 12, &fte0_12)) {
			fail(b, l, "the fte of unit '%s' in category '%s' is too large to follow in "
				   "millionths of an fte",
			     m->units[row->unit].code, m->cats[row->category].code);
			continue;
		}
		int64_t fte = fte0;
		bool ok = true;
		memset(amounts, 0, sizeof amounts);
		for (int32_t mo = first_month; mo <= last_month; mo++) {
			if (mo < l->u.freeze.from_month)
				continue;
			if (mo <= l->u.freeze.until_month)
				fte = round_ratio(fte, keep_ppm, PPM, &ok);
			int64_t saved = round_ratio(row->amount_cents, fte0 - fte, fte0_12, &ok);
			if (!money_add(&amounts[mo / 12 - (m->base_year + 1)], saved))
				ok = false;
		}
		if (!ok) {
			overflow_fail(b, l, row);
			continue;
		}
		memcpy(gross, amounts, sizeof gross);
		if (!net_of_claims(b, sum, row, reached, amounts)) {
			overflow_fail(b, l, row);
			continue;
		}
		/* The FTE reduction scales with net over gross in the target year (or the last
		 * year with a gross saving): the posts the freeze still frees. */
		int64_t fte_red = (fte0 - fte + MICRO_PER_CENTI / 2) / MICRO_PER_CENTI;
		int ky = fte_year(m, gross);
		if (ky >= 0)
			fte_red = round_ratio(fte_red, amounts[ky], gross[ky], &ok);
		emit(b, l, lever_no, row, amounts, reached, fte_red, l->u.freeze.status,
		     l->u.freeze.pillar, "hiring_freeze");
	}
}

static void apply_cut(builder *b, const lever *l, size_t lever_no, lever_summary *sum)
{
	const model *m = b->m;
	int64_t amounts[MODEL_MAX_YEARS];
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *row = &m->baseline[i];
		/* A row without spend (a credit, a correction, 0) is nothing to cut: its
		 * "saving" would be a cost rise, netted to 0 anyway, and would only pull the
		 * lever's gross (levers.csv) below what was cut. The freeze skips it too. */
		if (row->amount_cents <= 0 || !cat_in(&l->u.cut.cats, row->category) ||
		    !unit_in_scope(m, &l->u.cut.scope, row->unit))
			continue;
		int64_t phase = l->u.cut.phase_in_years > 0 ? l->u.cut.phase_in_years : 1;
		bool ok = true;
		for (int y = 0; y < m->nyears; y++) {
			int64_t k = m->base_year + 1 + y - l->u.cut.from_year + 1;
			if (k <= 0) {
				amounts[y] = 0;
				continue;
			}
			if (k > phase)
				k = phase;
			/* rate * k / phase of the base-year amount */
			int64_t num;
			if (__builtin_mul_overflow(l->u.cut.rate_ppm, k, &num))
				ok = false;
			else
				amounts[y] = round_ratio(row->amount_cents, num, (int64_t)PPM * phase,
							 &ok);
		}
		if (!ok || !net_of_claims(b, sum, row, 0, amounts)) {
			overflow_fail(b, l, row);
			continue;
		}
		emit(b, l, lever_no, row, amounts, 0, 0, l->u.cut.status, l->u.cut.pillar,
		     "procurement_cut");
	}
}

bool adjust_matches(const model *m, const lever *l, const measure *ms)
{
	return (l->u.adjust.where_unit < 0 || model_is_ancestor(m, l->u.adjust.where_unit, ms->unit)) &&
	       (l->u.adjust.where_status < 0 || ms->status == l->u.adjust.where_status) &&
	       (l->u.adjust.where_nature < 0 || ms->nature == l->u.adjust.where_nature) &&
	       (!l->u.adjust.where_pillar || ms->pillar == l->u.adjust.where_pillar) &&
	       (l->u.adjust.where_category < 0 || ms->category == l->u.adjust.where_category);
}

/* Adjust ms by l. Its amounts are copied the first time it is adjusted (the model's own
 * are shared) and changed in place after (*own), and its origin is l's, made once per
 * lever: many adjusts of many measures cost the measures' memory once, not their product. */
static void adjust_measure(builder *b, const lever *l, measure *ms, bool *own,
			   const char *l_origin)
{
	const model *m = b->m;
	int64_t buf[MODEL_MAX_YEARS];
	int64_t *am = buf;
	int shift = l->u.adjust.shift_years;
	bool ok = true, fte_ok = true;
	for (int y = 0; y < m->nyears; y++) {
		int from = y - shift;
		am[y] = from >= 0 && from < m->nyears ? ms->amounts[from] : 0;
		if (l->u.adjust.has_scale)
			am[y] = round_ratio(am[y], l->u.adjust.scale_ppm, PPM, &ok);
	}
	int64_t fte = ms->fte_centi;
	if (l->u.adjust.has_scale)
		fte = round_ratio(ms->fte_centi, l->u.adjust.scale_ppm, PPM, &fte_ok);
	/* What failed is said in scale's terms, the only argument that multiplies. */
	if (!ok)
		fail(b, l, "scale %g makes the amounts of measure '%s' overflow the limit of "
			   "92,233,720,368,547,758.07",
		     (double)l->u.adjust.scale_ppm / PPM, ms->id);
	else if (!fte_ok)
		fail(b, l, "scale %g makes the fte of measure '%s' overflow the limit of "
			   "92,233,720,368,547,758.07",
		     (double)l->u.adjust.scale_ppm / PPM, ms->id);
	if (!ok || !fte_ok)
		return;
	ms->fte_centi = fte;
	if (l->u.adjust.status >= 0)
		ms->status = (uint8_t)l->u.adjust.status;
	if (!*own) {
		ms->amounts = arena_alloc(m->a, (size_t)m->nyears * sizeof *ms->amounts);
		*own = true;
	}
	memcpy(ms->amounts, am, (size_t)m->nyears * sizeof *am);
	ms->origin = l_origin;
}

/* The cumulative price factor per category and year, and the CAO compensation. An
 * overflow is the fault of the lever whose rate was applied last. */
static void price_paths(builder *b, const scenario_spec *s)
{
	const model *m = b->m;
	size_t nc = m->ncats, ny = (size_t)m->nyears + 1;
	scenario_result *r = b->r;
	r->factor_ppm = xmalloc(nc * ny * sizeof *r->factor_ppm);
	r->compensation_ppm = xcalloc(nc ? nc : 1, sizeof *r->compensation_ppm);
	for (size_t c = 0; c < nc; c++) {
		int64_t *f = &r->factor_ppm[c * ny];
		bool personnel = category_under_cao(&m->cats[c]); /* hired staff: no CAO */
		f[0] = PPM;
		for (size_t y = 1; y < ny; y++) {
			int64_t mult = PPM;
			const lever *last = NULL;
			bool ok = true;
			for (size_t i = 0; i < s->nlevers; i++) {
				const lever *l = &s->levers[i];
				int64_t rate = 0;
				if (l->kind == LEVER_CAO && personnel)
					rate = l->u.cao.rate_ppm[y - 1];
				else if (l->kind == LEVER_INDEX && cat_in(&l->u.index.cats, (int32_t)c))
					rate = l->u.index.rate_ppm[y - 1];
				else
					continue;
				mult = round_ratio(mult, PPM + rate, PPM, &ok);
				last = l;
			}
			f[y] = round_ratio(f[y - 1], mult, PPM, &ok);
			if (!ok && last) { /* without a lever the factor stays 1 */
				fail(b, last, "the rates make the price factor of category '%s' in %d "
					      "overflow",
				     m->cats[c].code, m->base_year + (int)y);
				memset(&f[y], 0, (ny - y) * sizeof *f);
				break;
			}
		}
		for (size_t i = 0; i < s->nlevers; i++)
			if (s->levers[i].kind == LEVER_CAO && personnel)
				r->compensation_ppm[c] = s->levers[i].u.cao.compensation_ppm;
	}
}

static void warn_idle_exempt(const model *m, const scenario_spec *s, const lever *l, diag *d)
{
	const unit_scope *sc =
		l->kind == LEVER_HIRING_FREEZE ? &l->u.freeze.scope : &l->u.cut.scope;
	for (size_t i = 0; i < sc->nexempt; i++) {
		if (unit_scope_exempt_reaches(m, sc, i))
			continue;
		char units[400];
		size_t len = 0;
		units[0] = '\0';
		for (size_t k = 0; k < sc->nunits && len < sizeof units; k++) {
			const char *sep = k ? ", " : "";
			if (k == 4) { /* enough to recognise the call by */
				snprintf(units + len, sizeof units - len, ", ...");
				break;
			}
			int n = snprintf(units + len, sizeof units - len, "%s'%s'", sep,
					 m->units[sc->units[k]].code);
			len += n > 0 ? (size_t)n : 0;
		}
		diag_warning(d, scenario_file(s), l->line, 0,
			     "%s{}: exempt unit '%s' lies outside the lever's units (%s), so the "
			     "exemption does nothing",
			     lever_kind_word(l->kind), m->units[sc->exempt[i]].code, units);
	}
}

void scenario_warn(const model *m, const scenario_spec *s, diag *d)
{
	for (size_t i = 0; i < s->nlevers; i++)
		if (s->levers[i].kind == LEVER_HIRING_FREEZE ||
		    s->levers[i].kind == LEVER_PROCUREMENT_CUT)
			warn_idle_exempt(m, s, &s->levers[i], d);
	/* An adopted candidate in a lever's scope: the lever is not netted against it (it is
	 * applied first), so the same cost may be saved twice. */
	for (size_t i = 0; i < s->nadopted; i++) {
		const measure *ms = &m->candidates[s->adopted[i].candidate];
		const lever *l = scenario_adopted_in_scope(m, s, ms);
		if (l)
			diag_warning(d, scenario_file(s), s->adopted[i].line, 0,
				     "adopt{}: candidate '%s' (unit '%s', category '%s') lies in the "
				     "scope of %s{} at line %d: their savings may overlap",
				     ms->id, m->units[ms->unit].code, m->cats[ms->category].code,
				     lever_kind_word(l->kind), l->line);
	}
}

fp_status scenario_apply(const model *m, const scenario_spec *s, scenario_result *r, diag *d)
{
	memset(r, 0, sizeof *r);
	builder b = {.m = m, .s = s, .levers = s->levers, .r = r, .d = d, .ok = true};
	r->script = scenario_file(s);
	b.cap = m->nmeasures + s->nadded + 64;
	r->measures = xmalloc(b.cap * sizeof *r->measures);
	if (m->nmeasures)
		memcpy(r->measures, m->measures, m->nmeasures * sizeof *r->measures);
	r->nmeasures = m->nmeasures;
	bool *own = xcalloc(m->nmeasures ? m->nmeasures : 1, sizeof *own);
	for (size_t i = 0; i < s->nlevers; i++) {
		const lever *l = &s->levers[i];
		if (l->kind != LEVER_ADJUST)
			continue;
		const char *l_origin = origin(m, l);
		if (l->measure >= 0) {
			adjust_measure(&b, l, &r->measures[l->measure], &own[l->measure], l_origin);
			continue;
		}
		for (size_t k = 0; k < m->nmeasures; k++)
			if (adjust_matches(m, l, &r->measures[k]))
				adjust_measure(&b, l, &r->measures[k], &own[k], l_origin);
	}
	free(own);
	for (size_t i = 0; i < s->nadded; i++)
		*push_measure(&b) = s->added[i];

	size_t nplan = r->nmeasures;
	size_t nsum = 0;
	for (size_t i = 0; i < s->nlevers; i++)
		nsum += s->levers[i].kind == LEVER_HIRING_FREEZE ||
			s->levers[i].kind == LEVER_PROCUREMENT_CUT;
	r->summaries = xcalloc(nsum ? nsum : 1, sizeof *r->summaries);
	if (nsum)
		claims_build(m, r->measures, nplan, &b.cl);
	size_t nfreeze = 0, ncut = 0;
	for (size_t i = 0; i < s->nlevers; i++) {
		const lever *l = &s->levers[i];
		if (l->kind != LEVER_HIRING_FREEZE && l->kind != LEVER_PROCUREMENT_CUT)
			continue;
		lever_summary *sum = &r->summaries[r->nsummaries++];
		sum->lever = i;
		if (l->kind == LEVER_HIRING_FREEZE)
			apply_freeze(&b, l, sum->no = ++nfreeze, sum);
		else
			apply_cut(&b, l, sum->no = ++ncut, sum);
	}
	claims_release(&b.cl);
	/* The levers' measures' FTE per year, as the projection counts them. */
	for (size_t i = nplan; i < r->nmeasures; i++) {
		const measure *ms = &r->measures[i];
		lever_summary *sum = NULL;
		for (size_t k = 0; k < r->nsummaries && !sum; k++)
			if (r->summaries[k].lever + 1 == (size_t)ms->lever_no)
				sum = &r->summaries[k];
		for (int y = 0; sum && y < m->nyears; y++)
			add_sat(&sum->fte_centi[y], measure_fte_in_year(m, ms, y));
	}
	for (size_t k = 0; k < r->nsummaries; k++)
		for (int y = 0; y < m->nyears; y++)
			if (__builtin_sub_overflow(r->summaries[k].gross_cents[y],
						   r->summaries[k].net_cents[y],
						   &r->summaries[k].netted_cents[y]))
				r->summaries[k].netted_cents[y] = INT64_MAX;

	/* The adopted candidates, after the levers: as they are in the candidate files, with
	 * the script line that adopted them as their origin. */
	r->adopted_from = r->nmeasures;
	for (size_t i = 0; i < s->nadopted; i++) {
		measure *ms = push_measure(&b);
		*ms = m->candidates[s->adopted[i].candidate];
		ms->origin = arena_printf(m->a, "%s:%d", s->adopted[i].file, s->adopted[i].line);
	}

	r->targets = xmalloc((m->ntargets + s->nlevers + 1) * sizeof *r->targets);
	if (m->ntargets)
		memcpy(r->targets, m->targets, m->ntargets * sizeof *r->targets);
	r->ntargets = m->ntargets;
	for (size_t i = 0; i < s->nlevers; i++)
		if (s->levers[i].kind == LEVER_TARGET)
			r->targets[r->ntargets++] = s->levers[i].u.target;
	price_paths(&b, s);
	return b.ok ? FP_OK : FP_EDATA;
}

const char *const impact_words[IMPACT_COUNT + 1] = {"geen", "laag", "midden", "hoog", NULL};

const adoption *scenario_adopted(const scenario_spec *s, int32_t c)
{
	if (c < 0 || (size_t)c >= s->nadopted_at)
		return NULL;
	size_t i = s->adopted_at[c];
	return i < s->nadopted && s->adopted[i].candidate == c ? &s->adopted[i] : NULL;
}

const adoption *scenario_adopt(scenario_spec *s, int32_t c, const char *file, int line)
{
	const adoption *before = scenario_adopted(s, c);
	if (before)
		return before;
	if ((size_t)c >= s->nadopted_at) { /* doubled: growing costs linear time in all */
		size_t n = s->nadopted_at ? s->nadopted_at : 64;
		while (n <= (size_t)c)
			n *= 2;
		s->adopted_at = xreallocarray(s->adopted_at, n, sizeof *s->adopted_at);
		memset(s->adopted_at + s->nadopted_at, 0,
		       (n - s->nadopted_at) * sizeof *s->adopted_at);
		s->nadopted_at = n;
	}
	VEC_GROW(s->adopted, s->nadopted, s->adopted_cap);
	s->adopted_at[c] = s->nadopted;
	s->adopted[s->nadopted++] = (adoption){c, file, line};
	return NULL;
}

const lever *scenario_adopted_in_scope(const model *m, const scenario_spec *s,
				       const measure *ms)
{
	for (size_t i = 0; i < s->nlevers; i++) {
		const lever *l = &s->levers[i];
		if (l->kind == LEVER_HIRING_FREEZE && unit_in_scope(m, &l->u.freeze.scope, ms->unit) &&
		    freeze_reaches(m, l, ms->category))
			return l;
		if (l->kind == LEVER_PROCUREMENT_CUT && unit_in_scope(m, &l->u.cut.scope, ms->unit) &&
		    cat_in(&l->u.cut.cats, ms->category))
			return l;
	}
	return NULL;
}

void scenario_result_release(scenario_result *r)
{
	free(r->measures);
	free(r->targets);
	free(r->factor_ppm);
	free(r->compensation_ppm);
	free(r->summaries);
	memset(r, 0, sizeof *r);
}
