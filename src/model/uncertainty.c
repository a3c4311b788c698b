/* uncertainty: checks of distribution parameters (plain C, no GSL needed). */
#include "uncertainty.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names of a kind's parameters p1, p2, p3 as a script gives them (NULL: unused). */
static void param_names(dist_kind k, const char *names[3])
{
	names[0] = names[1] = names[2] = NULL;
	switch (k) {
	case DIST_NONE: break;
	case DIST_FIXED: names[0] = "value"; break;
	case DIST_BETA:
	case DIST_NORMAL:
	case DIST_LOGNORMAL:
		names[0] = "mean";
		names[1] = "sd";
		break;
	case DIST_TRIANGULAR:
	case DIST_PERT:
		names[0] = "min";
		names[1] = "mode";
		names[2] = "max";
		break;
	case DIST_UNIFORM:
		names[0] = "min";
		names[1] = "max";
		break;
	}
}

const char *dist_check(const dist_spec *d, double limit, char buf[DIST_CHECK_BUF])
{
	double a = d->p1, b = d->p2, c = d->p3;
	if (!isfinite(a) || !isfinite(b) || !isfinite(c))
		return "parameters must be finite numbers";
	/* The bounds first: they keep every draw of a bounded kind, and the arithmetic of
	 * the unbounded ones, far from what a double or int64 cents cannot hold. */
	const char *names[3];
	param_names(d->kind, names);
	const double p[3] = {a, b, c};
	for (int i = 0; i < 3; i++) {
		if (!names[i])
			continue;
		bool sd = strcmp(names[i], "sd") == 0; /* a negative sd: see below */
		if (p[i] > limit || (!sd && p[i] < -limit)) {
			snprintf(buf, DIST_CHECK_BUF, "%s %g is out of range (%g to %g)", names[i],
				 p[i], sd ? 0 : -limit, limit);
			return buf;
		}
	}
	switch (d->kind) {
	case DIST_NONE:
	case DIST_FIXED: return NULL;
	case DIST_BETA:
		if (a <= 0 || a >= 1)
			return "a beta distribution needs 0 < mean < 1";
		if (b <= 0 || b * b >= a * (1 - a))
			return "a beta distribution needs 0 < sd and sd^2 < mean * (1 - mean)";
		/* risk.c's shape parameters: mean * (1 - mean) / sd^2 - 1 times mean, 1 - mean */
		if (!isfinite(a * (1 - a) / (b * b)))
			return "sd is too small for a beta distribution";
		return NULL;
	case DIST_TRIANGULAR:
	case DIST_PERT:
		if (!(a <= b && b <= c && a < c))
			return "needs min <= mode <= max and min < max";
		return NULL;
	case DIST_NORMAL:
		return b < 0 ? "sd must not be negative" : NULL;
	case DIST_LOGNORMAL:
		if (a <= 0 || b <= 0)
			return "a lognormal distribution needs mean > 0 and sd > 0";
		/* risk.c's sigma^2 = ln(1 + sd^2 / mean^2) */
		if (!isfinite(log1p((b / a) * (b / a))))
			return "sd / mean is too large for a lognormal distribution";
		return NULL;
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
