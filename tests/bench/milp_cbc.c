/* milp_cbc: milp.h's problems solved by COIN-OR CBC through its C interface, for the
 * solver comparison of bench/bench_milp.c only (the product keeps GLPK: docs/performance.md,
 * "Optimiser: solver choice"). Deterministic limits as GLPK's: nodes and the relative gap,
 * one thread, no time limit. */
#include "milp_cbc.h"
#include "core/xalloc.h"
#include <coin/Cbc_C_Interface.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cbc_solve(const milp *p, const milp_params *o, milp_solution *sol)
{
	memset(sol, 0, sizeof *sol);
	/* the matrix by columns, as Cbc_loadProblem takes it */
	int nc = p->ncols, nr = p->nrows;
	CoinBigIndex *start = xcalloc((size_t)nc + 1, sizeof *start);
	for (size_t t = 0; t < p->nnz; t++)
		start[p->ind[t] + 1]++;
	for (int j = 0; j < nc; j++)
		start[j + 1] += start[j];
	int *row = xmalloc((p->nnz ? p->nnz : 1) * sizeof *row);
	double *val = xmalloc((p->nnz ? p->nnz : 1) * sizeof *val);
	CoinBigIndex *fill = xmalloc(((size_t)nc + 1) * sizeof *fill);
	memcpy(fill, start, ((size_t)nc + 1) * sizeof *fill);
	for (int r = 0; r < nr; r++)
		for (size_t t = p->rbeg[r]; t < p->rbeg[r + 1]; t++) {
			CoinBigIndex at = fill[p->ind[t]]++;
			row[at] = r;
			val[at] = p->val[t];
		}
	double *rlo = xmalloc(((size_t)nr + 1) * sizeof *rlo), *rhi = xmalloc(((size_t)nr + 1) * sizeof *rhi);
	for (int r = 0; r < nr; r++) {
		rlo[r] = isinf(p->rlo[r]) ? -1e30 : p->rlo[r];
		rhi[r] = isinf(p->rhi[r]) ? 1e30 : p->rhi[r];
	}
	Cbc_Model *m = Cbc_newModel();
	Cbc_loadProblem(m, nc, nr, start, row, val, p->lb, p->ub, p->obj, rlo, rhi);
	for (int j = 0; j < nc; j++)
		if (p->integer[j])
			Cbc_setInteger(m, j);
	Cbc_setObjSense(m, o->maximise ? -1 : 1);
	Cbc_setLogLevel(m, o->verbose ? 1 : 0);
	Cbc_setAllowableFractionGap(m, o->gap);
	if (o->node_limit > 0)
		Cbc_setMaximumNodes(m, (int)o->node_limit);
	Cbc_setParameter(m, "threads", "1");
	if (o->start) {
		int *idx = xmalloc((size_t)nc * sizeof *idx);
		for (int j = 0; j < nc; j++)
			idx[j] = j;
		Cbc_setMIPStartI(m, nc, idx, o->start);
		free(idx);
	}
	int rc = Cbc_solve(m);
	sol->nodes = Cbc_getNodeCount(m);
	bool has = Cbc_numberSavedSolutions(m) > 0 || Cbc_isProvenOptimal(m);
	if (rc != 0 && !has && !Cbc_isProvenInfeasible(m))
		sol->status = MILP_ERROR;
	else if (Cbc_isProvenInfeasible(m))
		sol->status = MILP_INFEASIBLE;
	else if (has && Cbc_getColSolution(m)) {
		sol->status = Cbc_isProvenOptimal(m) ? MILP_OPTIMAL : MILP_FEASIBLE;
		sol->x = xmalloc(((size_t)nc ? (size_t)nc : 1) * sizeof *sol->x);
		const double *x = Cbc_getColSolution(m);
		for (int j = 0; j < nc; j++)
			sol->x[j] = p->integer[j] ? round(x[j]) : x[j];
		sol->obj = Cbc_getObjValue(m);
		sol->bound = Cbc_getBestPossibleObjValue(m);
		if (o->maximise ? sol->bound < sol->obj : sol->bound > sol->obj)
			sol->bound = sol->obj;
		sol->gap = fabs(sol->obj - sol->bound) / fmax(fabs(sol->obj), 1e-9);
	} else
		sol->status = MILP_NONE;
	Cbc_deleteModel(m);
	free(start);
	free(row);
	free(val);
	free(fill);
	free(rlo);
	free(rhi);
}

static const milp_solver cbc_solver = {"CBC", Cbc_getVersion, cbc_solve};

const milp_solver *milp_cbc(void)
{
	return &cbc_solver;
}
