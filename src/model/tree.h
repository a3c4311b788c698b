/* tree: links the units into the organisation tree once their parents are resolved:
 * children in code order, depth, pre-order and subtree ranges, without recursion (a tree
 * may be 100,000 levels deep). Units that cannot reach the root are in a cycle; each cycle
 * is reported once. */
#ifndef FP_TREE_H
#define FP_TREE_H
#include "model.h"

/* tree_build: fill first_child, next_sibling, depth, pre, subtree_end and m->preorder.
 * Needs m->root and every unit's parent set. False when a cycle was reported. */
bool tree_build(model *m, diag *d);

#endif
