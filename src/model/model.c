/* model: the accessors of a loaded model version (see model.h): its own plan, year
 * indexes, where a row came from, lookups by code, ancestry in the tree; and the two rules
 * the loaders and the scenarios share, what a code may be and how a time is written. */
#define _XOPEN_SOURCE 700 /* strptime */
#include "model.h"
#include <string.h>
#include <time.h>

bool model_code_valid(const char *s, size_t len)
{
	if (len == 0 || len > MODEL_CODE_MAX || s[0] == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

bool model_parse_time(const char *s, int64_t *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	size_t len = strlen(s);
	const char *end = NULL;
	if (len == 10)
		end = strptime(s, "%Y-%m-%d", &tm);
	else if (len == 20)
		end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end || tm.tm_year < 70 || tm.tm_year > 300)
		return false;
	/* timegm: UTC, no time zone or locale of the machine involved. 0 (1970-01-01T00:00:00Z)
	 * is refused: libxlsxwriter reads a creation time of 0 as "now" and would write the
	 * clock into every workbook. */
	struct tm given = tm;
	time_t t = timegm(&tm);
	if (t <= 0)
		return false;
	/* strptime takes a day up to 31 in any month and a second up to 60, and timegm moves
	 * what does not exist on (2023-02-29 becomes 2023-03-01): a time must read back as
	 * written. */
	struct tm back;
	if (!gmtime_r(&t, &back) || back.tm_year != given.tm_year || back.tm_mon != given.tm_mon ||
	    back.tm_mday != given.tm_mday || back.tm_hour != given.tm_hour ||
	    back.tm_min != given.tm_min || back.tm_sec != given.tm_sec)
		return false;
	*out = (int64_t)t;
	return true;
}

plan model_plan(const model *m)
{
	return (plan){m->measures, m->nmeasures, m->targets, m->ntargets, NULL};
}

int model_year_index(const model *m, int32_t year)
{
	int i = year - (m->base_year + 1);
	return i >= 0 && i < m->nyears ? i : -1;
}

const char *model_pos_file(const model *m, src_pos p)
{
	return p.file < m->nfiles ? m->files[p.file] : "?";
}

const char *plan_pos_file(const model *m, plan p, src_pos pos)
{
	return pos.file == SRC_SCRIPT && p.script ? p.script : model_pos_file(m, pos);
}

int32_t model_unit(const model *m, const char *code)
{
	return strmap_get(&m->unit_ix, code, strlen(code));
}

int32_t model_category(const model *m, const char *code)
{
	return strmap_get(&m->cat_ix, code, strlen(code));
}

int32_t model_measure(const model *m, const char *code)
{
	return strmap_sharded_get(&m->measure_ix, code, strlen(code));
}

int32_t model_candidate(const model *m, const char *id)
{
	return strmap_sharded_get(&m->candidate_ix, id, strlen(id));
}

bool model_is_ancestor(const model *m, int32_t a, int32_t u)
{
	return m->units[a].pre <= m->units[u].pre && m->units[u].pre < m->units[a].subtree_end;
}

int32_t model_first_depreciation(const model *m)
{
	for (size_t c = 0; c < m->ncats; c++)
		if (m->cats[c].kind == KIND_DEPRECIATION)
			return (int32_t)c;
	return -1;
}
