/* runopts: see runopts.h. */
#include "runopts.h"
#include <stdio.h>
#include <string.h>

/* JSON integers are signed 64-bit (jansson's json_int_t). */
#define JSON_INT_MAX 9223372036854775807ULL

static const runopt_range ranges[RUNOPT_COUNT] = {
	[RUNOPT_SEED] = {"--seed", "seed", 0, JSON_INT_MAX, NULL},
	/* The budget is counted at a hook every 1000 instructions: a smaller one cannot be kept. */
	[RUNOPT_MAX_INSTRUCTIONS] = {"--max-instructions", "max_instructions", 1000, JSON_INT_MAX,
				     NULL},
	[RUNOPT_MAX_MEMORY_MB] = {"--max-memory", "max_memory_mb", 1, 65536, "megabytes"},
	[RUNOPT_ITERATIONS] = {"--iterations", "iterations", 0, 10000000, NULL},
	[RUNOPT_THREADS] = {"--threads", "threads", 1, 64, NULL},
};

const runopt_range *runopt_range_of(runopt o)
{
	return &ranges[o];
}

bool runopt_in_range(runopt o, uint64_t v)
{
	return v >= ranges[o].min && v <= ranges[o].max;
}

bool runopt_parse(runopt o, const char *s, uint64_t *out)
{
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		unsigned digit = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	if (!runopt_in_range(o, v))
		return false;
	*out = v;
	return true;
}

const char *runopt_hint(runopt o, char *buf, size_t cap)
{
	const runopt_range *r = &ranges[o];
	snprintf(buf, cap, "(%s%s%llu to %llu)", r->unit ? r->unit : "", r->unit ? ", " : "",
		 (unsigned long long)r->min, (unsigned long long)r->max);
	return buf;
}

bool runopt_lang(const char *word, xlsx_lang *out)
{
	if (strcmp(word, "nl") == 0)
		*out = LANG_NL;
	else if (strcmp(word, "en") == 0)
		*out = LANG_EN;
	else
		return false;
	return true;
}

const char *runopt_lang_word(xlsx_lang lang)
{
	return lang == LANG_EN ? "en" : "nl";
}

static const char *const lever_words[] = {[SOLVE_AMOUNT] = "amount",
					  [SOLVE_PROCUREMENT_CUT] = "procurement_cut"};
static const char *const goal_words[] = {[GOAL_TARGET] = "target", [GOAL_RESULT] = "result"};

static bool word_is(const char *word, size_t n, const char *w)
{
	return strlen(w) == n && strncmp(word, w, n) == 0;
}

bool runopt_solve_lever(const char *word, size_t n, solve_lever *out)
{
	for (size_t i = 0; i < sizeof lever_words / sizeof *lever_words; i++)
		if (word_is(word, n, lever_words[i])) {
			*out = (solve_lever)i;
			return true;
		}
	return false;
}

bool runopt_solve_goal(const char *word, size_t n, solve_goal *out)
{
	for (size_t i = 0; i < sizeof goal_words / sizeof *goal_words; i++)
		if (word_is(word, n, goal_words[i])) {
			*out = (solve_goal)i;
			return true;
		}
	return false;
}

const char *runopt_solve_lever_word(solve_lever l)
{
	return lever_words[l];
}

const char *runopt_solve_goal_word(solve_goal g)
{
	return goal_words[g];
}

bool runopt_solve_probability_ok(solve_goal g, double p)
{
	if (g == GOAL_RESULT)
		return p == RUNOPT_RESULT_PROBABILITY;
	return p > 0 && p < 1;
}
