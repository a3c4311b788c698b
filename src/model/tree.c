/* tree: see tree.h. */
#include "tree.h"
#include "../core/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* A unit decorated with its sort key, so that the comparison needs no model (qsort has no
 * context argument, and a static one is state another thread could reach). */
typedef struct tree_key {
	int32_t parent, unit;
	const char *code;
} tree_key;

/* Sort by parent, then code, so that each parent's children are adjacent and in order. */
static int cmp_parent_code(const void *a, const void *b)
{
	const tree_key *x = a, *y = b;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	int c = strcmp(x->code, y->code);
	if (c)
		return c;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static void report_cycles(model *m, const bool *seen, diag *d)
{
	size_t n = m->nunits;
	int32_t *walk = xmalloc(n * sizeof *walk); /* walk id that visited the unit, or -1 */
	for (size_t i = 0; i < n; i++)
		walk[i] = -1;
	for (size_t start = 0; start < n; start++) {
		if (seen[start] || walk[start] >= 0)
			continue;
		int32_t u = (int32_t)start;
		while (u >= 0 && !seen[u] && walk[u] < 0) {
			walk[u] = (int32_t)start;
			u = m->units[u].parent;
		}
		if (u < 0 || seen[u] || walk[u] != (int32_t)start)
			continue; /* hangs below a cycle reported already */
		/* u is on a new cycle: name its members in parent order. The text is measured
		 * first and allocated once: growing it a code at a time copied it over and over
		 * (a cycle of 100,000 units took a minute under ASan, whose realloc always
		 * copies). */
		size_t len = 0;
		int32_t v = u;
		do {
			len += strlen(m->units[v].code) + 4;
			v = m->units[v].parent;
		} while (v != u);
		char *text = xmalloc(len + 1);
		len = 0;
		do {
			const char *code = m->units[v].code;
			size_t cl = strlen(code);
			memcpy(text + len, code, cl);
			len += cl;
			memcpy(text + len, " -> ", 4);
			len += 4;
			v = m->units[v].parent;
		} while (v != u);
		text[len] = '\0';
		const unit *uu = &m->units[u];
		diag_error(d, m->files[uu->pos.file], uu->pos.line, m->units_parent_col,
			   "unit '%s' is in a cycle: %s%s", uu->code, text, uu->code);
		free(text);
	}
	free(walk);
}

bool tree_build(model *m, diag *d)
{
	size_t n = m->nunits;
	tree_key *order = xmalloc((n ? n : 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		order[i] = (tree_key){m->units[i].parent, (int32_t)i, m->units[i].code};
		m->units[i].first_child = m->units[i].next_sibling = -1;
	}
	qsort(order, n, sizeof *order, cmp_parent_code);
	/* Link siblings back to front so that each list ends up in code order. */
	for (size_t k = n; k-- > 0;) {
		unit *u = &m->units[order[k].unit];
		if (u->parent < 0)
			continue;
		u->next_sibling = m->units[u->parent].first_child;
		m->units[u->parent].first_child = order[k].unit;
	}
	free(order);

	/* Pre-order walk with an explicit stack of "next unit to visit". */
	bool *seen = xcalloc(n, sizeof *seen);
	m->preorder = arena_alloc(m->a, n * sizeof *m->preorder);
	int32_t count = 0;
	int32_t u = m->root;
	m->units[u].depth = 0;
	while (u >= 0) {
		unit *uu = &m->units[u];
		seen[u] = true;
		uu->pre = count;
		m->preorder[count++] = u;
		if (uu->first_child >= 0) {
			m->units[uu->first_child].depth = uu->depth + 1;
			u = uu->first_child;
			continue;
		}
		/* Leaf: close subtrees upward until a unit has a next sibling. */
		uu->subtree_end = count;
		while (u >= 0 && m->units[u].next_sibling < 0) {
			u = m->units[u].parent;
			if (u >= 0)
				m->units[u].subtree_end = count;
		}
		if (u >= 0) {
			int32_t s = m->units[u].next_sibling;
			m->units[s].depth = m->units[u].depth;
			u = s;
		}
	}
	bool ok = (size_t)count == n;
	if (!ok)
		report_cycles(m, seen, d);
	free(seen);
	return ok;
}
