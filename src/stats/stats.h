/* stats: the statistics of fitplan, on the GNU Scientific Library (the only place that
 * includes GSL headers). Floating point is used here and nowhere else. */
#ifndef FP_STATS_H
#define FP_STATS_H

/* stats_gsl_version: the GSL library's version ("2.7.1"), for the run record. */
const char *stats_gsl_version(void);

#endif
