/* runopts: see runopts.h. */
#include "runopts.h"
#include "../model/actuals.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON integers are signed 64-bit (jansson's json_int_t). */
#define JSON_INT_MAX 9223372036854775807ULL

static const char *const lang_words[] = {[RUNOPT_LANG_NL] = "nl", [RUNOPT_LANG_EN] = "en",
					 NULL};

#define AT(field) offsetof(runopts, field)

static const runopt table[RUNOPT_COUNT] = {
	[RUNOPT_SEED] = {"--seed", "seed", false, RUNOPT_NUMBER, AT(seed), 0, JSON_INT_MAX, NULL,
			 NULL, true, 0, 0},
	/* The budget is counted at a hook every 1000 instructions: a smaller one cannot be kept. */
	[RUNOPT_MAX_INSTRUCTIONS] = {"--max-instructions", "max_instructions", false,
				     RUNOPT_NUMBER, AT(max_instructions), 1000, JSON_INT_MAX, NULL,
				     NULL, true, 1, 0},
	/* The run id has the memory cap in bytes, as the scripts see it. */
	[RUNOPT_MAX_MEMORY_MB] = {"--max-memory", "max_memory_mb", false, RUNOPT_NUMBER,
				  AT(max_memory_mb), 1, 65536, "megabytes", NULL, true, 2, 20},
	[RUNOPT_ITERATIONS] = {"--iterations", "iterations", false, RUNOPT_NUMBER, AT(iterations),
			       0, 10000000, NULL, NULL, false, 5, 0},
	[RUNOPT_LANG] = {"--lang", "lang", false, RUNOPT_WORD, AT(lang), 0, 0, NULL, lang_words,
			 true, 3, 0},
	[RUNOPT_WORKBOOKS] = {"--no-workbooks", "workbooks", false, RUNOPT_SWITCH, AT(workbooks),
			      0, 1, NULL, NULL, true, 4, 0},
	[RUNOPT_SOLVE] = {"--solve", "solve", false, RUNOPT_SOLVES, AT(solves), 0, 0, NULL, NULL,
			  false, 6, 0},
	/* Recorded, but in no run id or run hash: the results do not depend on it. */
	[RUNOPT_THREADS] = {"--threads", "threads", true, RUNOPT_NUMBER, AT(threads), 1, 64, NULL,
			    NULL, false, -1, 0},
	/* A hand-out: in the run id only when given (runopts_hash), in the record only then. */
	[RUNOPT_PERIOD] = {"--period", "period", false, RUNOPT_A_PERIOD, AT(period), 0, 0, NULL,
			   NULL, false, -1, 0},
	/* In the run id and the record only when given (runopts_hash, record.c). */
	[RUNOPT_PRECISION] = {"--precision", "precision_ppm", false, RUNOPT_NUMBER,
			      AT(precision_ppm), 1, 500000, NULL, NULL, false, -1, 0, 6},
};

const runopt *runopt_of(runopt_id id)
{
	return &table[id];
}

bool runopt_in_range(runopt_id id, uint64_t v)
{
	return v >= table[id].min && v <= table[id].max;
}

uint64_t runopt_number(const runopts *o, runopt_id id)
{
	const char *at = (const char *)o + table[id].offset;
	if (table[id].type == RUNOPT_SWITCH)
		return *(const bool *)at;
	return *(const uint64_t *)at;
}

void runopt_set_number(runopts *o, runopt_id id, uint64_t v)
{
	char *at = (char *)o + table[id].offset;
	if (table[id].type == RUNOPT_SWITCH)
		*(bool *)at = v != 0;
	else
		*(uint64_t *)at = v;
}

/* s is a whole number in decimal digits only (no sign, space or prefix) within id's range;
 * for an option with decimals, digits with at most that many after one '.' ("0.005"). */
static bool parse_number(runopt_id id, const char *s, uint64_t *out)
{
	unsigned dec = table[id].decimals;
	char digits[40];
	if (dec) {
		/* "0.005" with 6 decimals becomes "0005000": whole digits, then checked as one. */
		size_t whole = strspn(s, "0123456789"), n = 0;
		const char *frac = s[whole] == '.' ? s + whole + 1 : s + whole;
		size_t nf = strspn(frac, "0123456789");
		if (!whole || frac[nf] || nf > dec || whole + dec >= sizeof digits ||
		    (s[whole] == '.' && !nf))
			return false;
		memcpy(digits, s, whole);
		n = whole;
		for (size_t i = 0; i < dec; i++)
			digits[n++] = i < nf ? frac[i] : '0';
		digits[n] = '\0';
		s = digits;
	}
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		unsigned digit = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	if (!runopt_in_range(id, v))
		return false;
	*out = v;
	return true;
}

/* --solve LEVER[:P]: reach the target with probability P, or without P bring the median
 * result in the target year to zero. */
static bool parse_solve(runopts *o, const char *arg)
{
	if (o->nsolves >= RUNOPT_MAX_SOLVES)
		return false;
	solve_spec s = {0};
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
	if (!runopt_solve_lever(arg, n, &s.lever))
		return false;
	if (colon) {
		char *end;
		s.goal = GOAL_TARGET;
		s.probability = strtod(colon + 1, &end);
		if (*end || end == colon + 1)
			return false;
	} else {
		s.goal = GOAL_RESULT;
		s.probability = RUNOPT_RESULT_PROBABILITY;
	}
	if (!runopt_solve_probability_ok(s.goal, s.probability))
		return false;
	o->solves[o->nsolves++] = s;
	return true;
}

bool runopt_parse_arg(runopts *o, runopt_id id, const char *arg)
{
	uint64_t v;
	int w;
	switch (table[id].type) {
	case RUNOPT_NUMBER:
		if (!parse_number(id, arg, &v))
			return false;
		runopt_set_number(o, id, v);
		return true;
	case RUNOPT_WORD:
		if ((w = runopt_word_index(id, arg, strlen(arg))) < 0)
			return false;
		runopt_set_number(o, id, (uint64_t)w);
		return true;
	case RUNOPT_SWITCH:
		runopt_set_number(o, id, 0);
		return true;
	case RUNOPT_SOLVES:
		return parse_solve(o, arg);
	case RUNOPT_A_PERIOD:
		if (!runopt_period_ok(arg))
			return false;
		snprintf(o->period, sizeof o->period, "%s", arg);
		return true;
	}
	return false;
}

bool runopt_period_ok(const char *s)
{
	period p;
	return strlen(s) < RUNOPT_PERIOD_MAX && period_parse(s, &p);
}

bool runopts_is_handout(const runopts *o)
{
	return o->period[0] != '\0';
}

const char *runopt_bad_arg(runopt_id id, const char *arg, char *buf, size_t cap)
{
	const runopt *r = &table[id];
	char hint[96];
	if (r->type == RUNOPT_A_PERIOD)
		snprintf(buf, cap, "bad %s '%s' (2023, 2023-Q1 or 2023-06)", r->flag, arg);
	else if (r->type == RUNOPT_SOLVES)
		snprintf(buf, cap, "bad %s '%s' (amount or procurement_cut, then :PROBABILITY for the "
				   "target or nothing for a median result of zero)",
			 r->flag, arg);
	else if (r->type == RUNOPT_WORD)
		snprintf(buf, cap, "unknown %s '%s' (%s)", r->flag, arg,
			 runopt_hint(id, hint, sizeof hint));
	else
		snprintf(buf, cap, "bad %s '%s' %s", r->flag, arg, runopt_hint(id, hint, sizeof hint));
	return buf;
}

const char *runopt_hint(runopt_id id, char *buf, size_t cap)
{
	const runopt *r = &table[id];
	if (r->type == RUNOPT_WORD) {
		size_t n = 0;
		buf[0] = '\0';
		for (size_t i = 0; r->words[i] && n < cap; i++)
			n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? " or " : "", r->words[i]);
		return buf;
	}
	if (r->decimals) {
		double scale = pow(10, r->decimals);
		snprintf(buf, cap, "(%.*f to %g)", (int)r->decimals, (double)r->min / scale,
			 (double)r->max / scale);
		return buf;
	}
	snprintf(buf, cap, "(%s%s%llu to %llu)", r->unit ? r->unit : "", r->unit ? ", " : "",
		 (unsigned long long)r->min, (unsigned long long)r->max);
	return buf;
}

const char *runopt_word(runopt_id id, uint64_t v)
{
	return table[id].words[v];
}

int runopt_word_index(runopt_id id, const char *word, size_t n)
{
	const char *const *w = table[id].words;
	for (int i = 0; w && w[i]; i++)
		if (strlen(w[i]) == n && strncmp(word, w[i], n) == 0)
			return i;
	return -1;
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

void runopts_hash(hash_ctx *h, const runopts *o)
{
	char buf[200];
	size_t n = 0;
	int last = -1;
	for (int i = 0; i < RUNOPT_COUNT; i++)
		if (table[i].id_place > last)
			last = table[i].id_place;
	/* The single values in their places, '/' between; then the goal seeks (which the
	 * table places last), each a string of its own. */
	for (int place = 0; place <= last; place++)
		for (int i = 0; i < RUNOPT_COUNT; i++) {
			if (table[i].id_place != place || table[i].type == RUNOPT_SOLVES)
				continue;
			uint64_t v = runopt_number(o, (runopt_id)i) << table[i].id_shift;
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%llu", n ? "/" : "",
					      (unsigned long long)v);
		}
	hash_update_str(h, buf);
	for (size_t i = 0; i < o->nsolves; i++) {
		/* The probability exactly (17 digits read back to the same double): 0.5 and
		 * 0.5000001 are two runs with two results. */
		snprintf(buf, sizeof buf, "solve/%d/%d/%.17g", (int)o->solves[i].lever,
			 (int)o->solves[i].goal, o->solves[i].probability);
		hash_update_str(h, buf);
	}
	if (runopts_is_handout(o)) {
		snprintf(buf, sizeof buf, "period/%s", o->period);
		hash_update_str(h, buf);
	}
	if (o->precision_ppm) {
		snprintf(buf, sizeof buf, "precision/%llu", (unsigned long long)o->precision_ppm);
		hash_update_str(h, buf);
	}
}
