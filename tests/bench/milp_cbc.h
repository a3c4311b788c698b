/* milp_cbc: COIN-OR CBC as a milp.h solver, for tests/bench/bench_milp.c only. */
#ifndef FP_BENCH_MILP_CBC_H
#define FP_BENCH_MILP_CBC_H
#include "stats/milp.h"
const milp_solver *milp_cbc(void);
#endif
