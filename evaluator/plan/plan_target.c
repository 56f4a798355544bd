/* plan_target: the targets of a plan's assignments: the names of their
 * forms, a target as it applies in a year of the plan (its checkpoint),
 * in a few symbols, and whether two are the same. */
#include "plan_target.h"

#include <assert.h>
#include <math.h>

#include "lang.h"
#include "numbers.h"
#include "period.h"
#include "sbuf.h"

static const char *const form_names[] = {"at_least", "at_most", "about", "between", "growth",
					 "relative", "task", "more_than", "range"};

const char *target_form_name(enum target_form form)
{
	return form_names[form];
}

/* The forms' names as marked for a reader: English keeps the plan's own. */
static const char *const form_words[] = {
	NC_("target form", "at_least"), NC_("target form", "at_most"), NC_("target form", "about"),
	NC_("target form", "between"), NC_("target form", "growth"), NC_("target form", "relative"),
	NC_("target form", "task"), NC_("target form", "more_than"), NC_("target form", "range")};

static_assert(sizeof form_words / sizeof *form_words == FORM_RANGE + 1 &&
		      sizeof form_names / sizeof *form_names == FORM_RANGE + 1,
	      "a name for every target form");

const char *target_form_read(enum target_form form)
{
	return tr_in("target form", form_words[form]);
}

double plan_checkpoint(const struct plan *plan, const struct plan_target *t, int year)
{
	if (t->checkpoints < 0 || year < plan->year || year >= plan->end_year)
		return NAN;
	return plan->checkpoints[t->checkpoints].value[year - plan->year];
}

struct plan_target plan_target_in_year(const struct plan *plan, const struct plan_target *t,
				       int year)
{
	struct plan_target in_year = *t;
	double v = plan_checkpoint(plan, t, year);
	if (!isnan(v))
		in_year.value = v;
	in_year.checkpoints = -1;
	return in_year;
}

void plan_describe_target(const struct plan *plan, const struct plan_indicator *ind,
			  const struct plan_target *t, struct sbuf *out)
{
	char a[64], b[64];
	format_number(a, sizeof a, t->value);
	switch (t->form) {
	case FORM_AT_LEAST:
	case FORM_AT_MOST:
	case FORM_ABOUT:
		sbuf_addf(out, "%s %s", t->form == FORM_AT_LEAST ? "≥" : t->form == FORM_AT_MOST ? "≤" : "≈", a);
		break;
	case FORM_MORE_THAN:
		sbuf_addf(out, "> %s", a);
		break;
	case FORM_BETWEEN:
	case FORM_RANGE:
		sbuf_addf(out, "%s–%s", a, format_number(b, sizeof b, t->high));
		break;
	case FORM_GROWTH:
		sbuf_addf(out, t->yearly_average ? _("%s %s%s%%/yr avg") : _("%s %s%s%% y/y"),
			  ind->lower_is_better ? "≤" : "≥", t->value >= 0 ? "+" : "", a);
		break;
	case FORM_RELATIVE:
		sbuf_addf(out, "≥ %s", plan->indicators[t->relative_to].id);
		if (t->value != 0)
			sbuf_addf(out, " %s %s", t->value > 0 ? "+" : "-",
				  format_number(b, sizeof b, fabs(t->value)));
		break;
	case FORM_TASK:
		sbuf_addf(out, _("by %s"), date_format(ind->deadline, a));
		break;
	}
	if (t->since)
		sbuf_addf(out, _(" since %d"), t->since);
	if (t->base != 0)
		sbuf_addf(out, _(" (base %s)"), format_number(b, sizeof b, t->base));
	const char *sep = "; ";
	for (int y = plan->year; y < plan->end_year; y++) {
		double v = plan_checkpoint(plan, t, y);
		if (isnan(v))
			continue;
		sbuf_addf(out, "%s%d: %s", sep, y, format_number(b, sizeof b, v));
		sep = ", ";
	}
}

bool plan_target_equal(const struct plan_target *a, const struct plan_target *b)
{
	return a->form == b->form && a->value == b->value && a->relative_to == b->relative_to &&
	       a->base == b->base && a->since == b->since && a->checkpoints == b->checkpoints &&
	       a->yearly_average == b->yearly_average &&
	       (a->high == b->high || (isnan(a->high) && isnan(b->high)));
}
