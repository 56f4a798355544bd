/* assay check PLAN: load and validate the plan, compile its rules. */
#include <stdio.h>

#include "cli.h"
#include "period.h"
#include "plan.h"

#define USAGE "assay check PLAN [--max-instructions N] [--max-memory MIB] [--max-seconds S]"

static const char help[] =
	"usage: " USAGE "\n\n"
	"Loads the plan and checks it: known keys, unique ids, every unit, group\n"
	"and indicator that is referred to exists, a target for every unit on\n"
	"every indicator. Then runs the rule file in the sandbox and checks that\n"
	"every indicator has a weight, a score rule and a light rule, and warns\n"
	"about globals the rules set that are no rule assay asks for (a misspelt\n"
	"'comend' would never be asked). A plan whose rules change during the year\n"
	"(rules: a list of {from, file, params}) has each of its rule files run\n"
	"with the parameter values it gives them, and the schedule printed.\n\n"
	"options:\n" LIMIT_HELP;

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Runs each rule file of the schedule with its parameter values and
 * prints what the rules warn about. */
static int compile_schedule(const struct plan *plan, const struct host_limits *limits)
{
	for (size_t k = 0; k < plan->nrules; k++) {
		struct host_setup setup = {.limits = *limits, .rules = &plan->rules[k]};
		struct host *host;
		diag_t d;
		if (host_open_setup(&host, plan, &setup, &d) != 0)
			return report(&d);
		fputs(host_warnings(host), stderr);
		host_close(host);
	}
	return 0;
}

/* "  from 2023-07-01  rules/x-h2.lua  red_margin=0.15", a line each. */
static void print_schedule(const struct plan *plan)
{
	for (size_t k = 0; k < plan->nrules; k++) {
		const struct plan_rules *r = &plan->rules[k];
		char date[DATE_TEXT], num[64];
		printf("  from %s  %s", date_format(r->from, date), r->path);
		for (size_t i = 0; i < r->nparams; i++)
			printf("%s%s=%s", i ? ", " : "  ", r->params[i].name,
			       format_number(num, sizeof num, r->params[i].value));
		putchar('\n');
	}
}

int cmd_check(int argc, char **argv, const struct context *ctx)
{
	static const struct option options[] = {LIMIT_OPTIONS, {0, 0, 0, 0}};
	struct host_limits limits;
	(void)ctx;
	if (wants_help(argc, argv, help))
		return EXIT_OK;
	limits_default(&limits);
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == '?')
			return usage_error(USAGE, "unknown option");
		if (limits_option(opt, optarg, &limits, USAGE) != 0)
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return usage_error(USAGE, "check takes one plan file");
	struct plan plan;
	diag_t d;
	if (plan_load(&plan, argv[optind], &d) != 0)
		return report(&d);
	if (compile_schedule(&plan, &limits) != 0) {
		plan_release(&plan);
		return EXIT_FAIL;
	}
	bool scheduled = plan.nrules > 1 || plan.rules[0].from;
	printf("%s: ok: %zu unit%s in %zu group%s, %zu indicator%s, %zu unit-indicator "
	       "target%s; rules %s\n", plan.path, plan.nunits, plural(plan.nunits), plan.ngroups,
	       plural(plan.ngroups), plan.nindicators, plural(plan.nindicators), plan.nassignments,
	       plural(plan.nassignments), scheduled ? "by date:" : plan.rules_path);
	if (scheduled)
		print_schedule(&plan);
	plan_release(&plan);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
