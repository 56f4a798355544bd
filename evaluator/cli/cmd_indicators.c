/* assay indicators PLAN: what the plan measures, with targets and units. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "plan_target.h"
#include "table.h"

#define USAGE "assay indicators PLAN"

static const char *const help[] = {N_(
	"Lists the plan's indicators: id, name, measure, which way is better, the\n"
	"target (per unit where units differ) and the responsible units. Beyond 8\n"
	"units, a cell sums them up: the lowest and highest target, the first\n"
	"units and how many.\n"), NULL};

/* A cell names at most this many units; a province's thousands are
 * summed up instead. */
#define LISTED_UNITS 8
/* The units a summed-up cell still names. */
#define NAMED_UNITS 3

static void add_unit(const struct plan *p, const struct plan_assignment *a, struct sbuf *out)
{
	sbuf_addf(out, "%s%s%s", out->len ? "、" : "", p->units[a->unit].name,
		  plan_supporting(p, a) ? _(" (supporting)") : "");
}

/* The responsible units (as[0..n) of the plan's assignments), in plan
 * order, co-responsible ones that are not scored marked; many are summed
 * up: "all 20000 units", "区商务局、区发改局、区财政局 … (1200 units)". */
static void describe_units(const struct plan *p, const size_t *as, size_t n, struct sbuf *out)
{
	size_t supporting = 0;
	for (size_t k = 0; k < n; k++)
		supporting += plan_supporting(p, &p->assignments[as[k]]);
	if (n > LISTED_UNITS && n == p->nunits) {
		sbuf_addf(out, _("all %zu units"), n);
		if (supporting)
			sbuf_addf(out, _(" (%zu supporting)"), supporting);
		return;
	}
	for (size_t k = 0; k < n && (n <= LISTED_UNITS || k < NAMED_UNITS); k++)
		add_unit(p, &p->assignments[as[k]], out);
	if (n > LISTED_UNITS)
		sbuf_addf(out, _(" … (%zu units)"), n);
}

/* "≥ 10" when every scored unit has the same target, else
 * "商务局 ≥ 10, 发改局 ≥ 12"; for many units, the lowest and highest:
 * "by unit, ≥ 53.2 to ≥ 149.8". */
static void describe_targets(const struct plan *p, size_t ind, const size_t *as, size_t n,
			     struct sbuf *out)
{
	const struct plan_indicator *pi = &p->indicators[ind];
	const struct plan_assignment *low = NULL, *high = NULL;
	struct plan_target first, t;
	size_t scored = 0;
	bool same = true;
	if (!pi->scored) {
		sbuf_add(out, _("not scored"));
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const struct plan_assignment *a = &p->assignments[as[k]];
		if (plan_supporting(p, a))
			continue;
		t = plan_target_of(p, a);
		if (scored++ == 0) {
			first = t;
			low = high = a;
		}
		same = same && plan_target_equal(&t, &first);
		low = a->value < low->value ? a : low;
		high = a->value > high->value ? a : high;
	}
	if (scored && (same || scored > LISTED_UNITS)) {
		sbuf_add(out, same ? "" : _("by unit, "));
		t = plan_target_of(p, low);
		plan_describe_target(p, pi, &t, out);
		if (!same) {
			sbuf_add(out, _(" to "));
			t = plan_target_of(p, high);
			plan_describe_target(p, pi, &t, out);
		}
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const struct plan_assignment *a = &p->assignments[as[k]];
		if (plan_supporting(p, a))
			continue;
		sbuf_addf(out, "%s%s ", out->len ? ", " : "", p->units[a->unit].name);
		t = plan_target_of(p, a);
		plan_describe_target(p, pi, &t, out);
	}
}

static void list_indicators(const struct plan *plan, struct table *t)
{
	static const char *const english[] = {N_("id"), N_("name"), N_("measure"), N_("kind"),
					      N_("better"), N_(">target"), N_("units")};
	const char *headers[7];
	tr_all(english, 7, headers);
	table_init(t, 7, headers);
	size_t *first, *by_indicator = plan_group_assignments(plan->assignments, plan->nassignments,
							      plan->nindicators, PLAN_BY_INDICATOR,
							      &first);
	for (size_t i = 0; i < plan->nindicators; i++) {
		const struct plan_indicator *ind = &plan->indicators[i];
		const size_t *as = &by_indicator[first[i]];
		size_t n = first[i + 1] - first[i];
		struct sbuf targets = {0}, units = {0};
		describe_targets(plan, i, as, n, &targets);
		if (ind->due) { /* a milestone is judged only from then */
			char date[DATE_TEXT];
			sbuf_addf(&targets, _(" (due %s)"), date_format(ind->due, date));
		}
		describe_units(plan, as, n, &units);
		const char *cells[7] = {ind->id, ind->name, ind->measure,
					indicator_kind_name(ind->kind),
					ind->lower_is_better ? "lower" : "higher", sbuf_str(&targets),
					sbuf_str(&units)};
		table_add_row(t, cells);
		sbuf_release(&targets);
		sbuf_release(&units);
	}
	free(by_indicator);
	free(first);
}

int cmd_indicators(int argc, char **argv, const struct context *ctx)
{
	(void)ctx;
	return run_plan_listing(argc, argv, USAGE, help, list_indicators);
}
