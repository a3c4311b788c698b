/* testmodel: models built in memory for the tree and consolidation tests: units with
 * codes and parents, random trees from a seed, and a reference pre-order computed the
 * plain way (children sorted by code, an explicit stack) to compare tree_build with. */
#ifndef FP_TESTMODEL_H
#define FP_TESTMODEL_H
#include "testutil.h"
#include "model/load.h"
#include "model/tree.h"
#include "core/xalloc.h"

/* xorshift64*: the same sequence on every machine. */
typedef struct rng {
	uint64_t s;
} rng;

static inline void rng_seed(rng *r, uint64_t seed)
{
	r->s = seed * 0x9e3779b97f4a7c15u + 0x632be59bd9b4e019u;
	if (!r->s)
		r->s = 1;
}

static inline uint64_t rng_next(rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1du;
}

/* rng_below: uniform enough in [0, n), n > 0. */
static inline uint64_t rng_below(rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

/* rng_range: in [lo, hi]. */
static inline int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

typedef struct tmodel {
	arena a;
	model m;
} tmodel;

/* tm_init: a model of n units (codes and parents still to set) with plan years
 * base_year+1 .. base_year+nyears; file 0 is "units.csv", file 1 "measures/m.csv". */
static inline void tm_init(tmodel *t, size_t n, int32_t base_year, int32_t nyears)
{
	arena_init(&t->a);
	model *m = &t->m;
	memset(m, 0, sizeof *m);
	m->a = &t->a;
	m->dir = "mem";
	m->name = "test";
	strmap_init(&m->unit_ix);
	strmap_init(&m->cat_ix);
	strmap_sharded_init(&m->measure_ix);
	m->files = xmalloc(2 * sizeof *m->files);
	m->files[0] = "units.csv";
	m->files[1] = "measures/m.csv";
	m->nfiles = 2;
	m->base_year = base_year;
	m->target_year = base_year + 1;
	m->horizon_year = base_year + nyears;
	m->nyears = nyears;
	m->currency = "EUR";
	m->notation = MONEY_NOTATION_C;
	m->rag_green_pct = 100;
	m->rag_amber_pct = 90;
	m->units_parent_col = 3;
	m->root = -1;
	m->units = xcalloc(n ? n : 1, sizeof *m->units);
	m->nunits = n;
}

/* tm_unit: unit i with code and parent (-1 for the root), at line i + 2 of units.csv. */
static inline void tm_unit(tmodel *t, int32_t i, const char *code, int32_t parent)
{
	model *m = &t->m;
	unit *u = &m->units[i];
	u->code = arena_strdup(&t->a, code);
	u->name = u->code;
	u->type = parent < 0 ? UNIT_ORGANISATION : UNIT_DEPARTMENT;
	u->parent = parent;
	u->pos = (src_pos){0, (uint32_t)i + 2};
	if (parent < 0)
		m->root = i;
	assert_int_equal(strmap_put(&m->unit_ix, u->code, strlen(u->code), i), -1);
}

static inline void tm_release(tmodel *t)
{
	model_release(&t->m);
	arena_release(&t->a);
}

/* tm_random_tree: n units in a random shape with random unique codes: a random
 * permutation decides which index is the root and which index hangs below which, so
 * neither index order nor code order follows the tree. */
static inline void tm_random_tree(tmodel *t, rng *r, size_t n)
{
	int32_t *perm = xmalloc(n * sizeof *perm);
	for (size_t i = 0; i < n; i++)
		perm[i] = (int32_t)i;
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, i);
		int32_t x = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = x;
	}
	/* shape: mostly shallow and bushy, sometimes long chains */
	bool chainy = rng_below(r, 4) == 0;
	for (size_t k = 0; k < n; k++) {
		int32_t parent = -1;
		if (k > 0) {
			size_t pk = chainy && rng_below(r, 3) ? k - 1 : rng_below(r, k);
			parent = perm[pk];
		}
		char code[32];
		/* codes of varied length and characters, unique by the index suffix */
		static const char alphabet[] = "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
		size_t len = (size_t)rng_range(r, 0, 4), o = 0;
		for (size_t c = 0; c < len; c++)
			code[o++] = alphabet[rng_below(r, sizeof alphabet - 1)];
		snprintf(code + o, sizeof code - o, "#%d", perm[k]);
		tm_unit(t, perm[k], code, parent);
	}
	free(perm);
}

/* Reference pre-order: children sorted by code (strcmp), explicit stack. */
static const model *ref_sort_model;
static int ref_cmp(const void *a, const void *b)
{
	return strcmp(ref_sort_model->units[*(const int32_t *)a].code,
		      ref_sort_model->units[*(const int32_t *)b].code);
}

/* ref_preorder: out[0..n) the units in pre-order; depth[u] their depth. */
static inline void ref_preorder(const model *m, int32_t *out, int32_t *depth)
{
	size_t n = m->nunits;
	size_t *nkids = xcalloc(n + 1, sizeof *nkids);
	for (size_t i = 0; i < n; i++)
		if (m->units[i].parent >= 0)
			nkids[m->units[i].parent + 1]++;
	for (size_t i = 1; i <= n; i++)
		nkids[i] += nkids[i - 1]; /* nkids[u] is where u's children start */
	int32_t *kids = xmalloc((n ? n : 1) * sizeof *kids);
	size_t *fill = xcalloc(n + 1, sizeof *fill);
	for (size_t i = 0; i < n; i++) {
		int32_t p = m->units[i].parent;
		if (p >= 0)
			kids[nkids[p] + fill[p]++] = (int32_t)i;
	}
	ref_sort_model = m;
	for (size_t u = 0; u < n; u++)
		qsort(kids + nkids[u], nkids[u + 1] - nkids[u], sizeof *kids, ref_cmp);
	int32_t *stack = xmalloc((n ? n : 1) * sizeof *stack);
	size_t sp = 0, k = 0;
	stack[sp++] = m->root;
	depth[m->root] = 0;
	while (sp) {
		int32_t u = stack[--sp];
		out[k++] = u;
		/* push children last-first so the first child is visited first */
		for (size_t c = nkids[u + 1]; c-- > nkids[u];) {
			depth[kids[c]] = depth[u] + 1;
			stack[sp++] = kids[c];
		}
	}
	assert_int_equal(k, n);
	free(stack);
	free(fill);
	free(kids);
	free(nkids);
}

/* is_ancestor_walk: a is u or above u, by walking parents. */
static inline bool is_ancestor_walk(const model *m, int32_t a, int32_t u)
{
	for (; u >= 0; u = m->units[u].parent)
		if (u == a)
			return true;
	return false;
}

#endif
