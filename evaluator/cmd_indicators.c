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

/* "10" when every unit has the same target, else "商务局 10, 发改局 12". */
static void describe_targets(const struct plan *p, size_t ind, struct sbuf *targets,
			     struct sbuf *units)
{
	bool same = true;
	double first = 0;
	size_t n = 0;
	for (size_t k = 0; k < p->nassignments; k++) {
		const struct plan_assignment *a = &p->assignments[k];
		if (a->indicator != (int)ind)
			continue;
		if (n++ == 0)
			first = a->target;
		same = same && a->target == first;
		sbuf_addf(units, "%s%s", units->len ? "、" : "", p->units[a->unit].name);
	}
	char num[64];
	for (size_t k = 0; k < p->nassignments; k++) {
		const struct plan_assignment *a = &p->assignments[k];
		if (a->indicator != (int)ind)
			continue;
		if (same) {
			sbuf_add(targets, format_number(num, sizeof num, a->target));
			break;
		}
		sbuf_addf(targets, "%s%s %s", targets->len ? ", " : "", p->units[a->unit].name,
			  format_number(num, sizeof num, a->target));
	}
}

int cmd_indicators(int argc, char **argv, const struct context *ctx)
{
	static const char *const headers[] = {"id", "name", "measure", "better", ">target", "units"};
	struct plan plan;
	diag_t d;
	(void)ctx;
	if (wants_help(argc, argv, help))
		return EXIT_OK;
	if (argc != 2 || argv[1][0] == '-')
		return usage_error(USAGE, "indicators takes one plan file");
	if (plan_load(&plan, argv[1], &d) != 0)
		return report(&d);
	struct table t;
	table_init(&t, 6, headers);
	for (size_t i = 0; i < plan.nindicators; i++) {
		const struct plan_indicator *ind = &plan.indicators[i];
		struct sbuf targets = {0}, units = {0};
		describe_targets(&plan, i, &targets, &units);
		const char *cells[6] = {ind->id, ind->name, ind->measure,
					ind->lower_is_better ? "lower" : "higher", sbuf_str(&targets),
					sbuf_str(&units)};
		table_add_row(&t, cells);
		sbuf_release(&targets);
		sbuf_release(&units);
	}
	struct sbuf out = {0};
	table_render(&t, "", &out);
	int rc = print_out(sbuf_str(&out), out.len);
	sbuf_release(&out);
	table_release(&t);
	plan_release(&plan);
	return rc;
}
