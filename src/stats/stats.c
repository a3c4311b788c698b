/* stats: see stats.h. */
#include "stats.h"
#include <gsl/gsl_version.h>

const char *stats_gsl_version(void)
{
	return gsl_version;
}
