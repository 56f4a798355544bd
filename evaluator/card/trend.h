/* trend: each unit's total month by month up to a period, for the
 * report's charts (score/score.h gathers it). */
#ifndef ASSAY_TREND_H
#define ASSAY_TREND_H

#include <stddef.h>

/* Each unit's total at the end of months 1 .. months of the plan's year. */
struct trend {
	size_t nunits;
	int months;
	double *total;          /* [unit * months + month - 1]; NAN: not ranked, or
				 * nothing reported yet */
};
/* A unit's total at a month (1-based); NAN when there is none. */
double trend_total(const struct trend *t, int unit, int month);
/* How many months the unit has a total for. */
int trend_points(const struct trend *t, int unit);
void trend_release(struct trend *t);

#endif
