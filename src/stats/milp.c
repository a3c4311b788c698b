/* milp: building a problem of milp.h column by column and row by row (the matrix by rows,
 * grown as it is filled); no library here. */
#include "milp.h"
#include "../core/xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void milp_init(milp *p)
{
	memset(p, 0, sizeof *p);
	p->rbeg = xcalloc(1, sizeof *p->rbeg);
}

void milp_release(milp *p)
{
	free(p->obj);
	free(p->lb);
	free(p->ub);
	free(p->integer);
	free(p->rlo);
	free(p->rhi);
	free(p->rbeg);
	free(p->ind);
	free(p->val);
	memset(p, 0, sizeof *p);
}

int milp_add_col(milp *p, double obj, double lb, double ub, bool integer)
{
	size_t n = (size_t)p->ncols + 1;
	p->obj = xreallocarray(p->obj, n, sizeof *p->obj);
	p->lb = xreallocarray(p->lb, n, sizeof *p->lb);
	p->ub = xreallocarray(p->ub, n, sizeof *p->ub);
	p->integer = xreallocarray(p->integer, n, sizeof *p->integer);
	p->obj[n - 1] = obj;
	p->lb[n - 1] = lb;
	p->ub[n - 1] = ub;
	p->integer[n - 1] = integer;
	return p->ncols++;
}

int milp_add_row(milp *p, double lo, double hi, size_t n, const int *ind, const double *val)
{
	size_t r = (size_t)p->nrows + 1;
	p->rlo = xreallocarray(p->rlo, r, sizeof *p->rlo);
	p->rhi = xreallocarray(p->rhi, r, sizeof *p->rhi);
	p->rbeg = xreallocarray(p->rbeg, r + 1, sizeof *p->rbeg);
	if (p->nnz + n > p->cap) {
		p->cap = (p->nnz + n) * 2;
		p->ind = xreallocarray(p->ind, p->cap, sizeof *p->ind);
		p->val = xreallocarray(p->val, p->cap, sizeof *p->val);
	}
	memcpy(p->ind + p->nnz, ind, n * sizeof *ind);
	memcpy(p->val + p->nnz, val, n * sizeof *val);
	p->nnz += n;
	p->rlo[r - 1] = lo;
	p->rhi[r - 1] = hi;
	p->rbeg[r] = p->nnz;
	return p->nrows++;
}

void milp_solution_release(milp_solution *s)
{
	free(s->x);
	memset(s, 0, sizeof *s);
}
