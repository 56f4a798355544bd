/* assay units PLAN: who the plan assesses. */
#include <stdio.h>

#include "cli.h"
#include "plan.h"
#include "table.h"

#define USAGE "assay units PLAN"

static const char help[] =
	"usage: " USAGE "\n\n"
	"Lists the units the plan assesses: id, name, peer group and how many\n"
	"indicators each is scored on.\n";

int cmd_units(int argc, char **argv, const struct context *ctx)
{
	static const char *const headers[] = {"id", "name", "group", ">indicators"};
	struct plan plan;
	diag_t d;
	(void)ctx;
	if (wants_help(argc, argv, help))
		return EXIT_OK;
	if (argc != 2 || argv[1][0] == '-')
		return usage_error(USAGE, "units takes one plan file");
	if (plan_load(&plan, argv[1], &d) != 0)
		return report(&d);
	struct table t;
	table_init(&t, 4, headers);
	for (size_t u = 0; u < plan.nunits; u++) {
		char count[16];
		snprintf(count, sizeof count, "%zu", plan.unit_first[u + 1] - plan.unit_first[u]);
		const char *cells[4] = {plan.units[u].id, plan.units[u].name,
					plan.groups[plan.units[u].group].name, count};
		table_add_row(&t, cells);
	}
	struct sbuf out = {0};
	table_render(&t, "", &out);
	int rc = print_out(sbuf_str(&out), out.len);
	sbuf_release(&out);
	table_release(&t);
	plan_release(&plan);
	return rc;
}
