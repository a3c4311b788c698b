/* test_tree: tree_build links the units in pre-order with children in code (byte) order,
 * fills depth, pre and subtree_end, handles a 100,000-level chain without recursion, and
 * reports each cycle once at its first unit's parent column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testmodel.h"

static const char *preorder_codes(const model *m, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < m->nunits && o < size; k++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? " " : "",
				      m->units[m->preorder[k]].code);
	return buf;
}

/* Every field tree_build fills, against the reference pre-order and parent walks. */
static void check_against_reference(const model *m)
{
	size_t n = m->nunits;
	int32_t *ref = xmalloc(n * sizeof *ref), *depth = xmalloc(n * sizeof *depth);
	ref_preorder(m, ref, depth);
	for (size_t k = 0; k < n; k++) {
		int32_t u = ref[k];
		const unit *uu = &m->units[u];
		if (m->preorder[k] != u)
			fail_msg("pre-order position %zu: unit %s, expected %s", k,
				 m->units[m->preorder[k]].code, uu->code);
		assert_int_equal(uu->pre, (int32_t)k);
		assert_int_equal(uu->depth, depth[u]);
	}
	/* subtree_end: the subtree is exactly the units at [pre, subtree_end); sizes summed
	 * bottom-up over the reference order */
	int32_t *size = xcalloc(n, sizeof *size), *nkids = xcalloc(n, sizeof *nkids);
	for (size_t k = n; k-- > 0;) {
		int32_t u = ref[k];
		size[u]++;
		if (m->units[u].parent >= 0) {
			size[m->units[u].parent] += size[u];
			nkids[m->units[u].parent]++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const unit *uu = &m->units[i];
		assert_int_equal(uu->subtree_end - uu->pre, size[i]);
		/* children: first_child / next_sibling in code order, all with this parent */
		int32_t prev = -1, count = 0;
		for (int32_t c = uu->first_child; c >= 0; c = m->units[c].next_sibling) {
			assert_int_equal(m->units[c].parent, (int32_t)i);
			if (prev >= 0)
				assert_true(strcmp(m->units[prev].code, m->units[c].code) < 0);
			prev = c;
			count++;
		}
		assert_int_equal(count, nkids[i]);
	}
	free(nkids);
	free(size);
	free(ref);
	free(depth);
}

static void small_tree_in_code_order(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 7, 2024, 3);
	/* file order is not tree order; AFD10 sorts before AFD9 (bytes, not numbers) */
	tm_unit(&t, 0, "DIV2", 6);
	tm_unit(&t, 1, "AFD9", 3);
	tm_unit(&t, 2, "B", 0);
	tm_unit(&t, 3, "DIV1", 6);
	tm_unit(&t, 4, "AFD10", 3);
	tm_unit(&t, 5, "DIV10", 6);
	tm_unit(&t, 6, "LUMC", -1);
	msgs ms;
	msgs_init(&ms);
	assert_true(tree_build(&t.m, &ms.d));
	assert_string_equal(msgs_text(&ms), "");
	char buf[256];
	assert_string_equal(preorder_codes(&t.m, buf, sizeof buf),
			    "LUMC DIV1 AFD10 AFD9 DIV10 DIV2 B");
	const unit *u = t.m.units;
	/* LUMC */
	assert_int_equal(u[6].depth, 0);
	assert_int_equal(u[6].pre, 0);
	assert_int_equal(u[6].subtree_end, 7);
	assert_int_equal(u[6].first_child, 3);
	/* DIV1 with AFD10, AFD9 */
	assert_int_equal(u[3].depth, 1);
	assert_int_equal(u[3].pre, 1);
	assert_int_equal(u[3].subtree_end, 4);
	assert_int_equal(u[3].first_child, 4);
	assert_int_equal(u[4].next_sibling, 1);
	assert_int_equal(u[1].next_sibling, -1);
	assert_int_equal(u[3].next_sibling, 5);
	assert_int_equal(u[5].next_sibling, 0);
	assert_int_equal(u[0].next_sibling, -1);
	assert_int_equal(u[4].depth, 2);
	assert_int_equal(u[4].pre, 2);
	assert_int_equal(u[4].subtree_end, 3);
	assert_int_equal(u[1].pre, 3);
	assert_int_equal(u[1].subtree_end, 4);
	/* DIV10 is a leaf */
	assert_int_equal(u[5].pre, 4);
	assert_int_equal(u[5].subtree_end, 5);
	assert_int_equal(u[5].first_child, -1);
	/* DIV2 with B */
	assert_int_equal(u[0].pre, 5);
	assert_int_equal(u[0].subtree_end, 7);
	assert_int_equal(u[2].depth, 2);
	assert_int_equal(u[2].pre, 6);
	assert_int_equal(u[2].subtree_end, 7);
	/* ancestry by pre-order ranges */
	assert_true(model_is_ancestor(&t.m, 6, 2));
	assert_true(model_is_ancestor(&t.m, 0, 2));
	assert_true(model_is_ancestor(&t.m, 2, 2));
	assert_false(model_is_ancestor(&t.m, 3, 2));
	assert_false(model_is_ancestor(&t.m, 2, 0));
	assert_false(model_is_ancestor(&t.m, 5, 1));
	check_against_reference(&t.m);
	msgs_release(&ms);
	tm_release(&t);
}

/* Byte order: '-' < '.' < digits < upper case < '_' < lower case. */
static void byte_order_of_codes(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 7, 2024, 1);
	tm_unit(&t, 0, "ROOT", -1);
	tm_unit(&t, 1, "a", 0);
	tm_unit(&t, 2, "_x", 0);
	tm_unit(&t, 3, "B", 0);
	tm_unit(&t, 4, "1", 0);
	tm_unit(&t, 5, ".z", 0);
	tm_unit(&t, 6, "-y", 0);
	msgs ms;
	msgs_init(&ms);
	assert_true(tree_build(&t.m, &ms.d));
	char buf[128];
	assert_string_equal(preorder_codes(&t.m, buf, sizeof buf), "ROOT -y .z 1 B _x a");
	msgs_release(&ms);
	tm_release(&t);
}

static void root_only(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 1, 2024, 1);
	tm_unit(&t, 0, "LUMC", -1);
	msgs ms;
	msgs_init(&ms);
	assert_true(tree_build(&t.m, &ms.d));
	assert_int_equal(t.m.preorder[0], 0);
	assert_int_equal(t.m.units[0].pre, 0);
	assert_int_equal(t.m.units[0].subtree_end, 1);
	assert_int_equal(t.m.units[0].depth, 0);
	assert_int_equal(t.m.units[0].first_child, -1);
	assert_int_equal(t.m.units[0].next_sibling, -1);
	msgs_release(&ms);
	tm_release(&t);
}

enum { DEEP = 100000 };

/* A chain 100,000 levels deep, in file order and reversed: no recursion, no overflow. */
static void deep_chain(void **state)
{
	(void)state;
	for (int reversed = 0; reversed < 2; reversed++) {
		tmodel t;
		tm_init(&t, DEEP, 2024, 1);
		char code[16];
		for (int32_t i = 0; i < DEEP; i++) {
			snprintf(code, sizeof code, "U%06d", i);
			int32_t ix = reversed ? DEEP - 1 - i : i;
			int32_t parent = i == 0 ? -1 : (reversed ? ix + 1 : ix - 1);
			tm_unit(&t, ix, code, parent);
		}
		msgs ms;
		msgs_init(&ms);
		assert_true(tree_build(&t.m, &ms.d));
		assert_string_equal(msgs_text(&ms), "");
		for (int32_t k = 0; k < DEEP; k++) {
			int32_t u = t.m.preorder[k];
			assert_int_equal(u, reversed ? DEEP - 1 - k : k);
			assert_int_equal(t.m.units[u].depth, k);
			assert_int_equal(t.m.units[u].pre, k);
			assert_int_equal(t.m.units[u].subtree_end, DEEP);
		}
		int32_t top = t.m.root, bottom = t.m.preorder[DEEP - 1];
		assert_true(model_is_ancestor(&t.m, top, bottom));
		assert_false(model_is_ancestor(&t.m, bottom, top));
		check_against_reference(&t.m);
		msgs_release(&ms);
		tm_release(&t);
	}
}

/* 100,000 children of one root, given in reverse code order. */
static void wide_tree(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, DEEP + 1, 2024, 1);
	tm_unit(&t, 0, "ROOT", -1);
	char code[16];
	for (int32_t i = 1; i <= DEEP; i++) {
		snprintf(code, sizeof code, "C%06d", DEEP - i);
		tm_unit(&t, i, code, 0);
	}
	msgs ms;
	msgs_init(&ms);
	assert_true(tree_build(&t.m, &ms.d));
	for (int32_t k = 1; k <= DEEP; k++) {
		int32_t u = t.m.preorder[k];
		assert_int_equal(u, DEEP + 1 - k);
		assert_int_equal(t.m.units[u].depth, 1);
		assert_int_equal(t.m.units[u].subtree_end, k + 1);
	}
	assert_int_equal(t.m.units[0].subtree_end, DEEP + 1);
	msgs_release(&ms);
	tm_release(&t);
}

/* Each cycle once, at the first of its units in file order, with its members in parent
 * order; a unit that hangs below a cycle is not reported on its own. */
static void cycles_reported_once(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, 9, 2024, 1);
	t.m.units_parent_col = 2;
	tm_unit(&t, 0, "LUMC", -1);
	tm_unit(&t, 1, "A", 2);
	tm_unit(&t, 2, "B", 1);
	tm_unit(&t, 3, "C", 1);
	tm_unit(&t, 4, "X", 5);
	tm_unit(&t, 5, "Y", 6);
	tm_unit(&t, 6, "Z", 4);
	tm_unit(&t, 7, "D", 0);
	tm_unit(&t, 8, "E", 3);
	msgs ms;
	msgs_init(&ms);
	assert_false(tree_build(&t.m, &ms.d));
	assert_string_equal(msgs_text(&ms),
			    "fitplan: units.csv:3:2: error: unit 'A' is in a cycle: A -> B -> A\n"
			    "fitplan: units.csv:6:2: error: unit 'X' is in a cycle: X -> Y -> Z -> X\n");
	assert_int_equal(ms.d.errors, 2);
	assert_int_equal(ms.d.status, FP_EDATA);
	msgs_release(&ms);
	tm_release(&t);
}

/* A cycle of 100,000 units is reported once, without recursion. */
static void long_cycle(void **state)
{
	(void)state;
	tmodel t;
	tm_init(&t, DEEP + 1, 2024, 1);
	tm_unit(&t, 0, "LUMC", -1);
	char code[16];
	for (int32_t i = 1; i <= DEEP; i++) {
		snprintf(code, sizeof code, "U%06d", i);
		tm_unit(&t, i, code, i == DEEP ? 1 : i + 1);
	}
	msgs ms;
	msgs_init(&ms);
	assert_false(tree_build(&t.m, &ms.d));
	const char *text = msgs_text(&ms);
	const char *head = "fitplan: units.csv:3:3: error: unit 'U000001' is in a cycle: "
			   "U000001 -> U000002 -> U000003 -> ";
	const char *tail = " -> U099999 -> U100000 -> U000001\n";
	assert_int_equal(strncmp(text, head, strlen(head)), 0);
	assert_string_equal(text + strlen(text) - strlen(tail), tail);
	assert_int_equal(ms.d.errors, 1);
	msgs_release(&ms);
	tm_release(&t);
}

/* Many random trees against the reference pre-order. */
static void random_trees(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		rng r;
		rng_seed(&r, seed);
		size_t n = (size_t)rng_range(&r, 1, seed % 10 == 0 ? 3000 : 200);
		tmodel t;
		tm_init(&t, n, 2024, 1);
		tm_random_tree(&t, &r, n);
		msgs ms;
		msgs_init(&ms);
		if (!tree_build(&t.m, &ms.d))
			fail_msg("seed %llu: tree_build failed: %s", (unsigned long long)seed,
				 msgs_text(&ms));
		check_against_reference(&t.m);
		for (int i = 0; i < 200; i++) {
			int32_t a = (int32_t)rng_below(&r, n), u = (int32_t)rng_below(&r, n);
			assert_int_equal(model_is_ancestor(&t.m, a, u), is_ancestor_walk(&t.m, a, u));
		}
		msgs_release(&ms);
		tm_release(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_tree_in_code_order),
		cmocka_unit_test(byte_order_of_codes),
		cmocka_unit_test(root_only),
		cmocka_unit_test(deep_chain),
		cmocka_unit_test(wide_tree),
		cmocka_unit_test(cycles_reported_once),
		cmocka_unit_test(long_cycle),
		cmocka_unit_test(random_trees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
