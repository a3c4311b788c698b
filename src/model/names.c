/* names: see names.h. The candidates are offered in the model's order; suggest orders its
 * choice itself, so that order never shows. */
#include "names.h"
#include "enums.h"
#include "register.h"
#include "../io/text.h"

const char *names_word(names_what what)
{
	switch (what) {
	case NAMES_UNIT: return "unit";
	case NAMES_CATEGORY: return "category";
	case NAMES_MEASURE: return "measure";
	case NAMES_CANDIDATE: return "candidate";
	case NAMES_STATUS: return "status";
	case NAMES_NATURE: return "nature";
	case NAMES_KIND: return "category kind";
	case NAMES_UNIT_TYPE: return "unit type";
	}
	return "name";
}

static void offer_model(suggest *s, const model *m, names_what what)
{
	if (!m)
		return;
	if (what == NAMES_UNIT) {
		for (size_t i = 0; i < m->nunits; i++) {
			suggest_offer(s, m->units[i].code, NULL);
			suggest_offer(s, m->units[i].name, m->units[i].code);
		}
	} else if (what == NAMES_CATEGORY) {
		for (size_t i = 0; i < m->ncats; i++) {
			suggest_offer(s, m->cats[i].code, NULL);
			suggest_offer(s, m->cats[i].label, m->cats[i].code);
		}
	} else if (what == NAMES_MEASURE) {
		for (size_t i = 0; i < m->nmeasures; i++)
			suggest_offer(s, m->measures[i].id, NULL);
	} else if (what == NAMES_CANDIDATE) {
		for (size_t i = 0; i < m->ncandidates; i++)
			suggest_offer(s, m->candidates[i].id, NULL);
	}
}

/* The code is that of a row of units.csv or categories.csv that was rejected. */
static bool rejected(const model *m, names_what what, const char *query, size_t len)
{
	if (!m || (what != NAMES_UNIT && what != NAMES_CATEGORY))
		return false;
	const strmap *r = what == NAMES_UNIT ? &m->unit_rejected : &m->cat_rejected;
	return strmap_get(r, query, len) >= 0;
}

void names_suggest(suggest *s, const model *m, names_what what, const char *query, size_t len)
{
	suggest_init(s, query, len);
	if (rejected(m, what, query, len))
		return; /* its own row's error explains it: no neighbour is meant */
	switch (what) {
	case NAMES_UNIT:
	case NAMES_CATEGORY:
	case NAMES_MEASURE:
	case NAMES_CANDIDATE:
		offer_model(s, m, what);
		break;
	case NAMES_STATUS:
		for (int k = 0; k < STATUS_COUNT; k++) {
			const char *en = measure_status_word((measure_status)k);
			suggest_offer(s, en, NULL);
			suggest_offer(s, register_status_word(REGISTER_NL, (measure_status)k), en);
		}
		break;
	case NAMES_NATURE:
		for (int k = 0; k < NATURE_COUNT; k++)
			suggest_offer(s, measure_nature_word((measure_nature)k), NULL);
		break;
	case NAMES_KIND:
		for (int k = 0; k < KIND_COUNT; k++)
			suggest_offer(s, category_kind_word((category_kind)k), NULL);
		break;
	case NAMES_UNIT_TYPE:
		for (int k = 0; k < UNIT_TYPE_COUNT; k++)
			suggest_offer(s, unit_type_word((unit_type)k), NULL);
		break;
	}
}

const char *names_why(names_what what, const char *query, size_t len)
{
	if (what == NAMES_STATUS && measure_status_parse(query, len) < 0 &&
	    register_status_parse(query, len) >= 0)
		return "data files keep the English codes (idea, planned, decided, realised); the "
		       "workbooks accept the Dutch words";
	return NULL;
}

void names_note(diag *d, const model *m, names_what what, const char *query, size_t len,
		const char *file, long line, long col)
{
	if (diag_full(d))
		return; /* not shown: not worth a search of every name (diag_full) */
	if (rejected(m, what, query, len)) {
		diag_report(d, DIAG_NOTE, FP_OK, file, line, col,
			    "%s %s is in %s, but its row has an error (reported above)",
			    names_word(what), text_quote(query, len),
			    what == NAMES_UNIT ? "units.csv" : "categories.csv");
		return;
	}
	suggest s;
	names_suggest(&s, m, what, query, len);
	suggest_note(&s, d, file, line, col);
	const char *why = names_why(what, query, len);
	if (why)
		diag_report(d, DIAG_NOTE, FP_OK, file, line, col, "%s", why);
}
