/* assay indicators PLAN: what the plan measures, with targets and units. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "table.h"

#define USAGE "assay indicators PLAN"

static const char help[] =
	"usage: " USAGE "\n\n"
	"Lists the plan's indicators: id, name, measure, which way is better, the\n"
	"target (per unit where units differ) and the responsible units.\n";

/* "≥ 10" when every unit has the same target, else "商务局 ≥ 10, 发改局 ≥ 12";
 * units in plan order, co-responsible units that are not scored marked. */
static void describe_targets(const struct plan *p, size_t ind, struct sbuf *targets,
			     struct sbuf *units)
{
	const struct plan_indicator *pi = &p->indicators[ind];
	struct plan_target first, target;
	bool any = false, same = true;
	for (size_t k = 0; k < p->nassignments; k++) {
		const struct plan_assignment *a = &p->assignments[k];
		if (a->indicator != (int)ind)
			continue;
		target = plan_target_of(p, a);
		if (!any)
			first = target;
		any = true;
		same = same && plan_target_equal(&target, &first);
		sbuf_addf(units, "%s%s%s", units->len ? "、" : "", p->units[a->unit].name,
			  plan_supporting(p, a) ? " (supporting)" : "");
	}
	if (!pi->scored) {
		sbuf_add(targets, "not scored");
		return;
	}
	for (size_t k = 0; k < p->nassignments; k++) {
		const struct plan_assignment *a = &p->assignments[k];
		if (a->indicator != (int)ind || plan_supporting(p, a))
			continue;
		target = plan_target_of(p, a);
		if (same) {
			plan_describe_target(p, pi, &target, targets);
			break;
		}
		sbuf_addf(targets, "%s%s ", targets->len ? ", " : "", p->units[a->unit].name);
		plan_describe_target(p, pi, &target, targets);
	}
}

static void list_indicators(const struct plan *plan, struct table *t)
{
	static const char *const headers[] = {"id", "name", "measure", "kind", "better",
					      ">target", "units"};
	table_init(t, 7, headers);
	for (size_t i = 0; i < plan->nindicators; i++) {
		const struct plan_indicator *ind = &plan->indicators[i];
		struct sbuf targets = {0}, units = {0};
		describe_targets(plan, i, &targets, &units);
		const char *cells[7] = {ind->id, ind->name, ind->measure,
					indicator_kind_name(ind->kind),
					ind->lower_is_better ? "lower" : "higher", sbuf_str(&targets),
					sbuf_str(&units)};
		table_add_row(t, cells);
		sbuf_release(&targets);
		sbuf_release(&units);
	}
}

int cmd_indicators(int argc, char **argv, const struct context *ctx)
{
	(void)ctx;
	return run_plan_listing(argc, argv, USAGE, help, list_indicators);
}
