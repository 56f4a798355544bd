/* assay units PLAN: who the plan assesses. */
#include <stdio.h>

#include "cli.h"
#include "plan.h"
#include "table.h"

#define USAGE "assay units PLAN"

static const char *const help[] = {N_(
	"Lists the units the plan assesses: id, name, peer group and how many\n"
	"indicators each is scored on.\n"), NULL};

static void list_units(const struct plan *plan, struct table *t)
{
	static const char *const english[] = {N_("id"), N_("name"), N_("group"), N_(">indicators")};
	const char *headers[4];
	tr_all(english, 4, headers);
	table_init(t, 4, headers);
	for (size_t u = 0; u < plan->nunits; u++) {
		char count[16];
		snprintf(count, sizeof count, "%zu", plan->unit_first[u + 1] - plan->unit_first[u]);
		const char *cells[4] = {plan->units[u].id, plan->units[u].name,
					plan->groups[plan->units[u].group].name, count};
		table_add_row(t, cells);
	}
}

int cmd_units(int argc, char **argv, const struct context *ctx)
{
	(void)ctx;
	return run_plan_listing(argc, argv, USAGE, help, list_units);
}
