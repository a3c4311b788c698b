/* risk_result: the quantiles a risk_summary holds and the reading of its figures as cents
 * (see risk_result.h). */
#include "risk_result.h"

const double risk_quantile_p[RISK_QUANTILES] = {0.05, 0.10, 0.50, 0.90, 0.95};

int64_t risk_cents(double euros)
{
	int64_t c = 0;
	risk_round_cents(euros * 100.0, &c);
	return c;
}
