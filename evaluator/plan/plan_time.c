/* plan_time: what is expected of an assignment by the end of a month (its
 * schedule, the share of the year elapsed, or a target counted across the
 * plan's years), and the months an indicator's figures are due. */
#include "plan_target.h"

#include <math.h>

int frequency_last_due(enum frequency every, int month)
{
	switch (every) {
	case EVERY_QUARTER:
		return month / 3 * 3;
	case EVERY_YEAR:
		return month == 12 ? 12 : 0;
	case EVERY_MONTH:
		break;
	}
	return month;
}

/* The share of a year's target expected by the end of month: the
 * schedule, else the share of the year elapsed. */
static double in_year_share(const struct plan *plan, const struct plan_assignment *a, int month)
{
	int s = plan->terms[a->terms].schedule;
	if (s < 0)
		s = plan->indicators[a->indicator].schedule;
	if (s >= 0)
		return plan->schedules[s].share[month];
	return month / 12.0;
}

bool plan_counts_across_years(const struct plan *plan, const struct plan_assignment *a)
{
	return plan->end_year > plan->year && plan->terms[a->terms].target.since &&
	       indicator_accumulates(plan->indicators[a->indicator].kind);
}

/* What a target counted across the plan's years expects by the end of
 * year: the base before the plan, the checkpoints, the target at the end,
 * straight lines between them. */
static double expected_by(const struct plan *plan, const struct plan_target *t, int year)
{
	int before = year, after = year;
	double at_before, at_after;
	if (year < plan->year)
		return t->base;
	while (before >= plan->year && before < plan->end_year &&
	       isnan(plan_checkpoint(plan, t, before)))
		before--;
	while (after < plan->end_year && isnan(plan_checkpoint(plan, t, after)))
		after++;
	at_before = before < plan->year ? t->base : before >= plan->end_year ? t->value
									: plan_checkpoint(plan, t, before);
	at_after = after >= plan->end_year ? t->value : plan_checkpoint(plan, t, after);
	if (after == before)
		return at_after;
	return at_before + (at_after - at_before) * (year - before) / (after - before);
}

double plan_time_progress(const struct plan *plan, const struct plan_assignment *a, int year,
			  int month)
{
	if (plan->indicators[a->indicator].due)
		return 1; /* a milestone is judged whole, once due, not pro rata */
	double share = in_year_share(plan, a, month);
	if (!plan_counts_across_years(plan, a))
		return share;
	struct plan_target t = plan_target_of(plan, a);
	double start = expected_by(plan, &t, year - 1);
	double end = expected_by(plan, &t, year);
	double target = plan_target_in_year(plan, &t, year).value;
	if (target == 0)
		return share;
	return (start + (end - start) * share) / target;
}
