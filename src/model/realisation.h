/* realisation: the realisation against plan from the actuals (actuals.h): per unit and plan
 * year the plan, the realised to date, the forecast and the variance, rolled up like the
 * consolidation, and per period the trend of the year's forecast (see realisation.c). */
#ifndef FP_REALISATION_H
#define FP_REALISATION_H
#include "consolidate.h"

typedef struct realisation_cell {
	int64_t plan_cents;       /* every measure's amount in the year, any nature */
	int64_t realised_cents;   /* reported for the year's periods so far */
	int64_t plan_to_date_cents; /* the plan phased to the end of the year's latest period
				     * (realisation_month; 0 before any) */
	int64_t forecast_cents;   /* latest forecast, or the plan where none was given */
	int64_t structural_forecast_cents;
	bool reported;            /* some measure below has actuals for the year */
	/* Who reported in the year's latest period (realisation.latest): of the units at or
	 * below with measures of their own, how many; and how many of those have an actuals
	 * row of that period for one of their own measures (realisation_reported). */
	int32_t units_due, units_reported;
} realisation_cell;

typedef struct trend_point {
	int32_t period;   /* index into model.periods */
	int64_t plan_cents, realised_to_date_cents, forecast_cents; /* root, the period's year */
	int64_t plan_to_date_cents; /* root: the plan phased to the period's last month */
} trend_point;

typedef struct realisation {
	int32_t nyears;
	int *month;              /* per plan year: the last month reported (0 to 12) */
	int32_t *latest;         /* per plan year: the period the month belongs to, -1 none */
	realisation_cell *cells; /* nunits * nyears */
	int64_t *measure_forecast; /* model.nmeasures * nyears: latest forecast, else the plan */
	trend_point *trend;      /* one per period */
	size_t ntrend;
} realisation;

/* realisation_month: the month to which a year's realisation runs: the last month of the
 * latest period of that year among periods [0, upto] of the model (all when upto is
 * m->nperiods), 0 when none; the plan to date runs to the same month (model/phasing.h). */
int realisation_month(const model *m, int32_t year, size_t upto);

/* realisation_latest: the index into model.periods of a year's latest period among
 * periods [0, upto] (all when upto is m->nperiods): the one with the last month
 * realisation_month gives, the first of equals; -1 when the year has none. */
int32_t realisation_latest(const model *m, int32_t year, size_t upto);

typedef enum { REPORTED_NONE, REPORTED_NO, REPORTED_PARTLY, REPORTED_YES } reported_state;

/* realisation_reported: whether unit u reported in plan year y's latest period: NONE when
 * the year has no period or no unit at or below u has measures of its own, YES when every
 * such unit has an actuals row of that period, NO when none has, else PARTLY. */
reported_state realisation_reported(const realisation *r, int32_t u, int y);

/* realisation_compute: over plan p (whose first model.nmeasures measures are the model's
 * own, in order: actuals refer to them). FP_EDATA (reported) on overflow. */
fp_status realisation_compute(const model *m, plan p, realisation *r, diag *d);
void realisation_release(realisation *r);

static inline realisation_cell *real_cell(const realisation *r, int32_t u, int y)
{
	return &r->cells[(size_t)u * (size_t)r->nyears + (size_t)y];
}

/* realisation_rag: the RAG of the structural forecast against the target in force. */
rag realisation_rag(const model *m, const consolidation *c, const realisation *r, int32_t u,
		    int y);

#endif
