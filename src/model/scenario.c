/* scenario: see scenario.h. The plan of a scenario is built in a fixed order whatever the
 * order of the script's calls: adjustments to the model's measures, then added measures,
 * then the levers that make measures (hiring freezes, procurement cuts) in call order,
 * each reduced by the savings already in the plan on the same unit, category and year so
 * that nothing is counted twice, then target overrides in call order. */
#include "scenario.h"
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
		bool in = freeze ? (!l->u.freeze.cats.all && !l->u.freeze.cats.member
					    ? m->cats[row->category].kind == KIND_PERSONNEL
					    : cat_in(&l->u.freeze.cats, row->category)) &&
					   unit_in_scope(m, &l->u.freeze.scope, row->unit)
				 : cat_in(&l->u.cut.cats, row->category) &&
					   unit_in_scope(m, &l->u.cut.scope, row->unit);
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

/* The savings already in the plan per unit, category and plan year (positive amounts). */
typedef struct overlap {
	int64_t *cents; /* nunits * ncats * nyears */
	size_t ncats;
	int32_t nyears;
} overlap;

static int64_t *overlap_at(const overlap *o, int32_t u, int32_t c)
{
	return &o->cents[((size_t)u * o->ncats + (size_t)c) * (size_t)o->nyears];
}

static void overlap_add(overlap *o, const measure *ms)
{
	int64_t *row = overlap_at(o, ms->unit, ms->category);
	for (int y = 0; y < o->nyears; y++)
		if (ms->amounts[y] > 0 && !money_add(&row[y], ms->amounts[y]))
			row[y] = INT64_MAX;
}

typedef struct builder {
	const model *m;
	const scenario_spec *s;
	const lever *levers; /* the spec's, to number the levers' measures */
	scenario_result *r;
	size_t cap;
	overlap ov;
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

/* Make the lever's measure for one baseline row from amounts[] (already net of overlap),
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
		overlap_add(&b->ov, ms);
		b->r->lever_measures++;
	}
}

/* Net of what the plan already saves on the row's unit and category: never below 0. */
static void net_of_overlap(builder *b, const baseline_row *row, int64_t *amounts)
{
	const int64_t *ov = overlap_at(&b->ov, row->unit, row->category);
	for (int y = 0; y < b->m->nyears; y++) {
		int64_t v = amounts[y] - ov[y];
		amounts[y] = amounts[y] > 0 && ov[y] < amounts[y] && v > 0 ? v : 0;
	}
}

#define MICRO_PER_CENTI 10000 /* FTE are followed in millionths during a freeze */

static void apply_freeze(builder *b, const lever *l, size_t lever_no)
{
	const model *m = b->m;
	int64_t keep_ppm = PPM - (l->u.freeze.attrition_ppm + 6) / 12;
	int32_t first_month = (m->base_year + 1) * 12;
	int32_t last_month = m->horizon_year * 12 + 11;
	int64_t amounts[MODEL_MAX_YEARS];
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *row = &m->baseline[i];
		bool default_cats = !l->u.freeze.cats.all && !l->u.freeze.cats.member;
		if (row->fte_centi <= 0 || row->amount_cents <= 0)
			continue;
		if (default_cats ? m->cats[row->category].kind != KIND_PERSONNEL
				 : !cat_in(&l->u.freeze.cats, row->category))
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
		int64_t last_gross = amounts[m->nyears - 1];
		net_of_overlap(b, row, amounts);
		int64_t fte_red = (fte0 - fte + MICRO_PER_CENTI / 2) / MICRO_PER_CENTI;
		if (last_gross > 0)
			fte_red = round_ratio(fte_red, amounts[m->nyears - 1], last_gross, &ok);
		if (!ok) {
			fail(b, l, "the savings on unit '%s' in category '%s' overflow the limit of "
				   "92,233,720,368,547,758.07",
			     m->units[row->unit].code, m->cats[row->category].code);
			continue;
		}
		int reached = l->u.freeze.until_month / 12 - (m->base_year + 1);
		emit(b, l, lever_no, row, amounts, reached < 0 ? 0 : reached, fte_red,
		     l->u.freeze.status, l->u.freeze.pillar, "hiring_freeze");
	}
}

static void apply_cut(builder *b, const lever *l, size_t lever_no)
{
	const model *m = b->m;
	int64_t amounts[MODEL_MAX_YEARS];
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *row = &m->baseline[i];
		if (!cat_in(&l->u.cut.cats, row->category) ||
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
		if (!ok) {
			fail(b, l, "the savings on unit '%s' in category '%s' overflow the limit of "
				   "92,233,720,368,547,758.07",
			     m->units[row->unit].code, m->cats[row->category].code);
			continue;
		}
		net_of_overlap(b, row, amounts);
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
		bool personnel = m->cats[c].kind == KIND_PERSONNEL;
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

	b.ov.ncats = m->ncats;
	b.ov.nyears = m->nyears;
	b.ov.cents = xcalloc(m->nunits * m->ncats * (size_t)m->nyears, sizeof *b.ov.cents);
	for (size_t i = 0; i < r->nmeasures; i++)
		overlap_add(&b.ov, &r->measures[i]);
	size_t nfreeze = 0, ncut = 0;
	for (size_t i = 0; i < s->nlevers; i++) {
		const lever *l = &s->levers[i];
		if (l->kind == LEVER_HIRING_FREEZE)
			apply_freeze(&b, l, ++nfreeze);
		else if (l->kind == LEVER_PROCUREMENT_CUT)
			apply_cut(&b, l, ++ncut);
	}
	free(b.ov.cents);

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

void scenario_result_release(scenario_result *r)
{
	free(r->measures);
	free(r->targets);
	free(r->factor_ppm);
	free(r->compensation_ppm);
	memset(r, 0, sizeof *r);
}
