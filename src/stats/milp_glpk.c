/* milp_glpk: milp.h's problems solved by GLPK's branch and cut (glp_intopt), the only file
 * that includes glpk.h. Deterministic: GLPK runs in one thread, and its only limits here are
 * a node count (a callback that calls glp_ios_terminate) and the relative gap (mip_gap),
 * never its time limit; the search's proven bound is read in the same callback. */
#include "milp.h"
#include "../core/xalloc.h"
#include <float.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A programme of at most this many non-zeros is small (the branching below). */
#define MILP_SMALL_NNZ 40000

/* What the callback sees and keeps. */
typedef struct glpk_cb {
	const milp_params *o;
	int ncols;
	double *start;   /* 1-based, for glp_ios_heur_sol; NULL once given */
	long nodes;      /* generated so far */
	double bound;    /* the best bound of the active nodes when last seen */
	bool has_bound;
} glpk_cb;

static void glpk_callback(glp_tree *tree, void *info)
{
	glpk_cb *cb = info;
	int a_cnt, n_cnt, t_cnt;
	glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
	cb->nodes = t_cnt;
	int best = glp_ios_best_node(tree);
	if (best) {
		cb->bound = glp_ios_node_bound(tree, best);
		cb->has_bound = true;
	}
	int why = glp_ios_reason(tree);
	if (why == GLP_IHEUR && cb->start) {
		glp_ios_heur_sol(tree, cb->start);
		cb->start = NULL;
	}
	if (why == GLP_ISELECT && cb->o->node_limit > 0 && t_cnt >= cb->o->node_limit)
		glp_ios_terminate(tree);
}

/* The problem into GLPK's structures (1-based). */
static glp_prob *glpk_load(const milp *p, bool maximise)
{
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, maximise ? GLP_MAX : GLP_MIN);
	if (p->ncols)
		glp_add_cols(lp, p->ncols);
	for (int j = 0; j < p->ncols; j++) {
		double lo = p->lb[j], hi = p->ub[j];
		int type = lo == hi ? GLP_FX : isinf(lo) && isinf(hi) ? GLP_FR : isinf(hi) ? GLP_LO
			   : isinf(lo) ? GLP_UP : GLP_DB;
		glp_set_col_bnds(lp, j + 1, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
		glp_set_obj_coef(lp, j + 1, p->obj[j]);
		if (p->integer[j])
			glp_set_col_kind(lp, j + 1, lo == 0 && hi == 1 ? GLP_BV : GLP_IV);
	}
	if (p->nrows)
		glp_add_rows(lp, p->nrows);
	for (int r = 0; r < p->nrows; r++) {
		double lo = p->rlo[r], hi = p->rhi[r];
		int type = lo == hi ? GLP_FX : isinf(lo) && isinf(hi) ? GLP_FR : isinf(hi) ? GLP_LO
			   : isinf(lo) ? GLP_UP : GLP_DB;
		glp_set_row_bnds(lp, r + 1, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
	}
	int *ia = xmalloc((p->nnz + 1) * sizeof *ia), *ja = xmalloc((p->nnz + 1) * sizeof *ja);
	double *ar = xmalloc((p->nnz + 1) * sizeof *ar);
	for (int r = 0; r < p->nrows; r++)
		for (size_t t = p->rbeg[r]; t < p->rbeg[r + 1]; t++) {
			ia[t + 1] = r + 1;
			ja[t + 1] = p->ind[t] + 1;
			ar[t + 1] = p->val[t];
		}
	glp_load_matrix(lp, (int)p->nnz, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	return lp;
}

static void glpk_solve(const milp *p, const milp_params *o, milp_solution *sol)
{
	memset(sol, 0, sizeof *sol);
	/* GLPK's terminal output is its own (per thread) setting; glp_scale_prob prints
	 * whatever msg_lev says, so it is off while we solve, then as it was. */
	int term = glp_term_out(o->verbose ? GLP_ON : GLP_OFF);
	glp_prob *lp = glpk_load(p, o->maximise);
	glpk_cb cb = {o, p->ncols, NULL, 0, 0, false};
	if (o->start) {
		cb.start = xmalloc(((size_t)p->ncols + 1) * sizeof *cb.start);
		memcpy(cb.start + 1, o->start, (size_t)p->ncols * sizeof *cb.start);
	}
	double *start = cb.start;
	/* The relaxation first, without GLPK's MIP presolver, so that a starting solution is
	 * in the problem's own columns (glp_ios_heur_sol takes the tree's). */
	glp_scale_prob(lp, GLP_SF_AUTO);
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	int lprc = glp_simplex(lp, &sp);
	if (lprc != 0 || glp_get_status(lp) != GLP_OPT) {
		int ls = glp_get_status(lp);
		sol->status = lprc == 0 && (ls == GLP_NOFEAS || ls == GLP_INFEAS) ? MILP_INFEASIBLE
										  : MILP_ERROR;
		free(start);
		glp_delete_prob(lp);
		glp_term_out(term);
		return;
	}
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	parm.mip_gap = o->gap;
	parm.cb_func = glpk_callback;
	parm.cb_info = &cb;
	/* No MIR cuts, no feasibility pump, no preprocessing of the nodes: on the optimiser's
	 * dense big-M rows they cost more than they give (docs/performance.md: on 60 candidates x
	 * 200 draws a better set and bound in the same 200 nodes, in less time). */
	parm.mir_cuts = GLP_OFF;
	parm.fp_heur = GLP_OFF;
	parm.pp_tech = GLP_PP_NONE;
	/* Branching: pseudo-costs on a small programme (60 candidates x 50 draws proven in
	 * 0.2 s, against 2.7 s with GLPK's default Driebeck-Tomlin), the most fractional
	 * variable on a large one, where pseudo-costs' first strong branching on hundreds of
	 * fractional draws costs most of a second a node (docs/performance.md). */
	parm.br_tech = p->nnz <= MILP_SMALL_NNZ ? GLP_BR_PCH : GLP_BR_MFV;
	int rc = glp_intopt(lp, &parm);
	int st = glp_mip_status(lp);
	sol->nodes = cb.nodes;
	if (rc != 0 && rc != GLP_EMIPGAP && rc != GLP_ESTOP && rc != GLP_ENOPFS && rc != GLP_ENODFS)
		sol->status = MILP_ERROR;
	else if (st == GLP_NOFEAS || rc == GLP_ENOPFS)
		sol->status = MILP_INFEASIBLE;
	else if (st == GLP_OPT || st == GLP_FEAS) {
		sol->status = rc == GLP_ESTOP ? MILP_FEASIBLE : MILP_OPTIMAL;
		sol->x = xmalloc(((size_t)p->ncols ? (size_t)p->ncols : 1) * sizeof *sol->x);
		for (int j = 0; j < p->ncols; j++) {
			double v = glp_mip_col_val(lp, j + 1);
			sol->x[j] = p->integer[j] ? round(v) : v;
		}
		sol->obj = glp_mip_obj_val(lp);
		/* Proven optimal (the tree was searched out): the bound is the optimum. Else the
		 * best active node's bound, as last seen. */
		bool done = rc == 0 && st == GLP_OPT;
		sol->bound = done || !cb.has_bound ? sol->obj : cb.bound;
		if (o->maximise ? sol->bound < sol->obj : sol->bound > sol->obj)
			sol->bound = sol->obj;
		sol->gap = fabs(sol->obj - sol->bound) / fmax(fabs(sol->obj), 1e-9);
	} else
		sol->status = rc == GLP_ESTOP ? MILP_NONE : MILP_INFEASIBLE;
	free(start);
	glp_delete_prob(lp);
	glp_term_out(term);
}

static const milp_solver glpk_solver = {"GLPK", glp_version, glpk_solve};

const milp_solver *milp_glpk(void)
{
	return &glpk_solver;
}
