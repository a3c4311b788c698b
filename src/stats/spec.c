/* spec: checks of distribution parameters (no GSL needed). */
#include "spec.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *dist_check(const dist_spec *d)
{
	double a = d->p1, b = d->p2, c = d->p3;
	if (!isfinite(a) || !isfinite(b) || !isfinite(c))
		return "parameters must be finite numbers";
	switch (d->kind) {
	case DIST_NONE:
	case DIST_FIXED: return NULL;
	case DIST_BETA:
		if (a <= 0 || a >= 1)
			return "a beta distribution needs 0 < mean < 1";
		if (b <= 0 || b * b >= a * (1 - a))
			return "a beta distribution needs 0 < sd and sd^2 < mean * (1 - mean)";
		return NULL;
	case DIST_TRIANGULAR:
	case DIST_PERT:
		if (!(a <= b && b <= c && a < c))
			return "needs min <= mode <= max and min < max";
		return NULL;
	case DIST_NORMAL:
		return b < 0 ? "sd must not be negative" : NULL;
	case DIST_LOGNORMAL:
		return a <= 0 || b <= 0 ? "a lognormal distribution needs mean > 0 and sd > 0" : NULL;
	case DIST_UNIFORM:
		return a < b ? NULL : "needs min < max";
	}
	return "unknown distribution";
}

double dist_mean(const dist_spec *d)
{
	switch (d->kind) {
	case DIST_NONE: return 1.0;
	case DIST_FIXED:
	case DIST_BETA:
	case DIST_NORMAL:
	case DIST_LOGNORMAL: return d->p1;
	case DIST_TRIANGULAR: return (d->p1 + d->p2 + d->p3) / 3.0;
	case DIST_PERT: return (d->p1 + 4.0 * d->p2 + d->p3) / 6.0;
	case DIST_UNIFORM: return (d->p1 + d->p2) / 2.0;
	}
	return 1.0;
}

void uncertainty_spec_release(uncertainty_spec *u)
{
	free(u->units);
	free(u->measures);
	free(u->drivers);
	free(u->solves);
	memset(u, 0, sizeof *u);
}
