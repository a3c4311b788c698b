/* stats: see stats.h. */
#include "stats.h"
#include <gsl/gsl_version.h>
#include <math.h>

const char *stats_gsl_version(void)
{
	return gsl_version;
}

bool stats_euros(double euros, int64_t *out)
{
	return risk_round_cents(euros * 100.0, out);
}
