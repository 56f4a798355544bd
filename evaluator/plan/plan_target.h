/* plan_target: the targets of a plan's assignments (plan_target.c) and what
 * is expected of them by a month of a year (plan_time.c). */
#ifndef ASSAY_PLAN_TARGET_H
#define ASSAY_PLAN_TARGET_H

#include <stdbool.h>

#include "plan.h"
#include "sbuf.h"

/* "at_least", "at_most", "about", "between", "growth", "relative", "task",
 * "more_than", "range". */
const char *target_form_name(enum target_form form);
/* The form's name for a reader: at_least in English, 不低于 in Chinese. */
const char *target_form_read(enum target_form form);

/* An assignment's target: its terms with its number. */
static inline struct plan_target plan_target_of(const struct plan *plan,
						const struct plan_assignment *a)
{
	struct plan_target t = plan->terms[a->terms].target;
	t.value = a->value;
	return t;
}

static inline enum target_form plan_target_form(const struct plan *plan,
						const struct plan_assignment *a)
{
	return plan->terms[a->terms].target.form;
}

/* The target in a few symbols: "≥ 550", "≤ 3.5", "≈ 6", "> 3800", "3–5",
 * "1–2", "≥ +8% y/y", "≥ +8%/yr avg", "≥ loans_growth", "by 2023-12-31";
 * appended to out. */
void plan_describe_target(const struct plan *plan, const struct plan_indicator *ind,
			  const struct plan_target *t, struct sbuf *out);
bool plan_target_equal(const struct plan_target *a, const struct plan_target *b);

/* The year a growth in year grows from: the year before, or for a yearly
 * average the year before the plan's first; and how many years it spans. */
static inline int plan_growth_from_year(const struct plan *plan, const struct plan_target *t,
					int year)
{
	return t->yearly_average ? plan->year - 1 : year - 1;
}
static inline int plan_growth_years(const struct plan *plan, const struct plan_target *t,
				    int year)
{
	return t->yearly_average ? year - plan->year + 1 : 1;
}

/* The target t sets for the end of year (a year before the plan's last),
 * or NAN when it has no checkpoint there. */
double plan_checkpoint(const struct plan *plan, const struct plan_target *t, int year);
/* The target that applies in year: t with the year's checkpoint, if any,
 * as its value (and no checkpoints of its own). */
struct plan_target plan_target_in_year(const struct plan *plan, const struct plan_target *t,
				       int year);

/* Time progress (plan_time.c). */

/* The month of the last reporting point at or before month (0: none yet). */
int frequency_last_due(enum frequency every, int month);
/* Whether the figure scored adds up the plan's years: an amount or count
 * counted since a year (base + since) in a plan of several years. */
bool plan_counts_across_years(const struct plan *plan, const struct plan_assignment *a);
/* Expected share of the target at the end of month (1..12) of year for an
 * assignment: all of it for a milestone with a due date (judged only once
 * due), its schedule, else the share of the year elapsed. A target
 * counted across a plan's years expects, of the year's target, what the
 * previous year's end expected (its checkpoint, else a straight line from
 * the base to the plan's last target) and the year's share of the rest. */
double plan_time_progress(const struct plan *plan, const struct plan_assignment *a, int year,
			  int month);

#endif
