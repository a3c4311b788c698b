/* milp: a small, pure-C description of a mixed-integer linear programme (rows and columns
 * in doubles, the matrix by rows) and the one call that solves it, so that the optimiser
 * (optim.c) builds its sample-average problem once and any MILP library can solve it: the
 * product's is GLPK (milp_glpk.c, the only file that includes glpk.h); tests/bench/ plugs COIN-OR
 * CBC in through the same struct to compare them (docs/performance.md). */
#ifndef FP_STATS_MILP_H
#define FP_STATS_MILP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct milp {
	int ncols;
	double *obj;         /* ncols: minimised (maximised with milp_params.maximise) */
	double *lb, *ub;     /* ncols: bounds (lb == ub fixes a column) */
	bool *integer;       /* ncols: binary when integer with bounds 0 and 1 */
	int nrows;
	double *rlo, *rhi;   /* nrows: lo <= row <= hi; -HUGE_VAL / HUGE_VAL for none */
	size_t *rbeg;        /* nrows + 1: row r's terms are [rbeg[r], rbeg[r + 1]) */
	int *ind;            /* the terms' columns */
	double *val;         /* and coefficients */
	size_t nnz, cap;     /* the terms held and room for */
} milp;

/* milp_init / milp_release: an empty problem, and everything it holds freed. */
void milp_init(milp *p);
void milp_release(milp *p);
/* milp_add_col: a column (its index); milp_add_row: a row of n terms (its index). */
int milp_add_col(milp *p, double obj, double lb, double ub, bool integer);
int milp_add_row(milp *p, double lo, double hi, size_t n, const int *ind, const double *val);

/* Deterministic limits only: no wall clock, so the same problem gives the same answer on
 * every machine. */
typedef struct milp_params {
	bool maximise;
	double gap;          /* stop at this relative gap between incumbent and bound (0.01) */
	long node_limit;     /* stop after this many branch-and-bound nodes (0: none) */
	const double *start; /* ncols: a feasible solution to start from, or NULL */
	int verbose;         /* 0: silent */
} milp_params;

typedef enum milp_status {
	MILP_OPTIMAL,    /* proven optimal (within params.gap) */
	MILP_FEASIBLE,   /* stopped by the node limit with a solution */
	MILP_INFEASIBLE, /* proven to have no solution */
	MILP_NONE,       /* stopped without a solution and without a proof */
	MILP_ERROR,      /* the library failed */
} milp_status;

typedef struct milp_solution {
	milp_status status;
	double *x;      /* ncols, owned (NULL without a solution): integers exactly rounded */
	double obj;     /* the solution's objective */
	double bound;   /* the best bound proven on the optimum */
	double gap;     /* |obj - bound| / max(|obj|, 1e-9); 0 when proven optimal exactly */
	long nodes;     /* branch-and-bound nodes explored */
} milp_solution;

/* A MILP library: name and version for the outputs, and its solve: fills sol (x owned by
 * the caller, freed with milp_solution_release); never fails but by MILP_ERROR. */
typedef struct milp_solver {
	const char *name;
	const char *(*version)(void);
	void (*solve)(const milp *p, const milp_params *o, milp_solution *sol);
} milp_solver;

/* milp_glpk: GLPK's branch and cut (milp_glpk.c), the product's solver. */
const milp_solver *milp_glpk(void);

void milp_solution_release(milp_solution *s);

#endif
