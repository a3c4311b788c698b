/* sample: the distributions of model/uncertainty.h ready to draw from with GSL: the
 * documented defaults, the rule that applies to a measure, draws and quantiles, and the
 * seed of each named stream (so that a measure's draws do not depend on the others). */
#include "risk_int.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

/* The documented defaults by status: realised 1; decided beta(0.9, 0.1); planned
 * beta(0.7, 0.15); idea beta(0.4, 0.2). */
dist_spec risk_default_dist(measure_status s)
{
	switch (s) {
	case STATUS_REALISED: return (dist_spec){DIST_FIXED, 1.0, 0, 0, 0};
	case STATUS_DECIDED: return (dist_spec){DIST_BETA, 0.9, 0.1, 0, 0};
	case STATUS_PLANNED: return (dist_spec){DIST_BETA, 0.7, 0.15, 0, 0};
	case STATUS_IDEA: break;
	case STATUS_COUNT: break;
	}
	return (dist_spec){DIST_BETA, 0.4, 0.2, 0, 0};
}

dist_spec dist_resolve(const model *m, const uncertainty_spec *u, const measure *ms)
{
	for (size_t i = 0; i < u->nmeasures; i++)
		if (strcmp(u->measures[i].measure, ms->id) == 0)
			return u->measures[i].d;
	/* The nearest unit on the way up that has a rule. */
	for (int32_t x = ms->unit; x >= 0; x = m->units[x].parent)
		for (size_t i = 0; i < u->nunits; i++)
			if (u->units[i].unit == x)
				return u->units[i].d;
	if (ms->pillar >= 1 && ms->pillar <= 3 && u->by_pillar[ms->pillar - 1].kind != DIST_NONE)
		return u->by_pillar[ms->pillar - 1];
	if (u->by_status[ms->status].kind != DIST_NONE)
		return u->by_status[ms->status];
	return risk_default_dist((measure_status)ms->status);
}

sampler risk_make_sampler(const dist_spec *d)
{
	sampler s = {d->kind, d->p1, d->p2, d->p3};
	if (d->kind == DIST_BETA) {
		double common = d->p1 * (1 - d->p1) / (d->p2 * d->p2) - 1;
		s.a = d->p1 * common;
		s.b = (1 - d->p1) * common;
	} else if (d->kind == DIST_LOGNORMAL) {
		double v = log(1 + d->p2 * d->p2 / (d->p1 * d->p1));
		s.b = sqrt(v);
		s.a = log(d->p1) - v / 2;
	} else if (d->kind == DIST_PERT) {
		s.a = 1 + 4 * (d->p2 - d->p1) / (d->p3 - d->p1);
		s.b = 1 + 4 * (d->p3 - d->p2) / (d->p3 - d->p1);
	}
	return s;
}

double risk_draw(const sampler *s, const dist_spec *d, gsl_rng *r)
{
	switch (s->kind) {
	case DIST_NONE:
	case DIST_FIXED: return d->p1;
	case DIST_BETA: return gsl_ran_beta(r, s->a, s->b);
	case DIST_TRIANGULAR: {
		/* Inverse CDF of the triangle on one uniform. */
		double u = gsl_rng_uniform(r), lo = d->p1, mo = d->p2, hi = d->p3;
		double f = (mo - lo) / (hi - lo);
		return u < f ? lo + sqrt(u * (hi - lo) * (mo - lo))
			     : hi - sqrt((1 - u) * (hi - lo) * (hi - mo));
	}
	case DIST_PERT: return d->p1 + (d->p3 - d->p1) * gsl_ran_beta(r, s->a, s->b);
	case DIST_NORMAL: return d->p1 + gsl_ran_gaussian_ziggurat(r, d->p2);
	case DIST_LOGNORMAL: return gsl_ran_lognormal(r, s->a, s->b);
	case DIST_UNIFORM: return gsl_ran_flat(r, d->p1, d->p2);
	}
	return 1.0;
}

/* Quantile of a distribution (for one-at-a-time swings). */
double risk_dist_quantile(const sampler *s, const dist_spec *d, double p)
{
	switch (s->kind) {
	case DIST_NONE:
	case DIST_FIXED: return d->p1;
	case DIST_BETA: return gsl_cdf_beta_Pinv(p, s->a, s->b);
	case DIST_TRIANGULAR: {
		double lo = d->p1, mo = d->p2, hi = d->p3, f = (mo - lo) / (hi - lo);
		return p < f ? lo + sqrt(p * (hi - lo) * (mo - lo))
			     : hi - sqrt((1 - p) * (hi - lo) * (hi - mo));
	}
	case DIST_PERT: return d->p1 + (d->p3 - d->p1) * gsl_cdf_beta_Pinv(p, s->a, s->b);
	case DIST_NORMAL: return d->p1 + gsl_cdf_gaussian_Pinv(p, d->p2);
	case DIST_LOGNORMAL: return gsl_cdf_lognormal_Pinv(p, s->a, s->b);
	case DIST_UNIFORM: return d->p1 + p * (d->p2 - d->p1);
	}
	return d->p1;
}

/* A stream's seed from the run's seed and a name: FNV-1a over both, folded to 32 bits
 * (the width GSL's generators take). */
unsigned long risk_stream_seed(uint64_t seed, const char *kind, const char *name)
{
	uint64_t h = 1469598103934665603ULL;
	for (int i = 0; i < 8; i++) {
		h ^= (seed >> (8 * i)) & 0xff;
		h *= 1099511628211ULL;
	}
	for (const char *p = kind; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	h ^= 0x1f;
	h *= 1099511628211ULL;
	for (const char *p = name; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	unsigned long s = (unsigned long)((h >> 32) ^ (h & 0xffffffffULL));
	return s ? s : 1; /* taus2 treats 0 specially */
}

/* The node of the table at u = num / den (the ends exactly: the support's). Where GSL's
 * inverse does not converge (far in a thin tail: beta(3.9, 191.1) at u = 2^-20), the
 * node is found by bisection on GSL's CDF instead. */
static double qtab_node(const sampler *s, double lo, double width, double num, double den)
{
	double u = num / den;
	double b = num == 0 ? 0 : num == den ? 1 : gsl_cdf_beta_Pinv(u, s->a, s->b);
	if (!isfinite(b)) {
		double l = 0, h = 1;
		for (int k = 0; k < 200 && l < h; k++) {
			double m = l + (h - l) / 2;
			if (m <= l || m >= h)
				break;
			if (gsl_cdf_beta_P(m, s->a, s->b) < u)
				l = m;
			else
				h = m;
		}
		b = l + (h - l) / 2;
	}
	return lo + width * b;
}

/* The node at index j of q (risk_int.h's layout), from GSL. */
static double qtab_node_at(const sampler *s, const dist_spec *d, unsigned j)
{
	double lo = s->kind == DIST_PERT ? d->p1 : 0, width = s->kind == DIST_PERT ? d->p3 - d->p1 : 1;
	double cells = QTAB_CELLS, fine = (double)QTAB_CELLS * QTAB_FINE;
	if (j <= QTAB_CELLS)
		return qtab_node(s, lo, width, j, cells);
	j -= QTAB_CELLS + 1;
	if (j <= QTAB_FINE)
		return qtab_node(s, lo, width, j, fine);
	j -= QTAB_FINE + 1;
	return qtab_node(s, lo, width, (double)(QTAB_CELLS - 1) * QTAB_FINE + j, fine);
}

void risk_qtab_nodes(const sampler *s, const dist_spec *d, double *q, unsigned part,
		     unsigned parts)
{
	for (unsigned j = part; j < QTAB_NODES; j += parts)
		q[j] = qtab_node_at(s, d, j);
}

bool risk_qtab_check(const double *q)
{
	const double *first = q + QTAB_CELLS + 1, *last = first + QTAB_FINE + 1;
	for (unsigned j = 0; j < QTAB_NODES; j++)
		if (!isfinite(q[j]))
			return false;
	for (unsigned j = 1; j <= QTAB_CELLS; j++)
		if (q[j] < q[j - 1])
			return false;
	for (unsigned i = 1; i <= QTAB_FINE; i++)
		if (first[i] < first[i - 1] || last[i] < last[i - 1])
			return false;
	return true;
}

bool risk_qtab_build(const sampler *s, const dist_spec *d, double *q)
{
	if (s->kind != DIST_BETA && s->kind != DIST_PERT)
		return false;
	risk_qtab_nodes(s, d, q, 0, 1);
	return risk_qtab_check(q);
}
