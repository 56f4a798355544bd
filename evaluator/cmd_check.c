/* assay check PLAN: load and validate the plan, compile its rules. */
#include <stdio.h>

#include "cli.h"
#include "plan.h"

#define USAGE "assay check PLAN [--max-instructions N] [--max-memory MIB] [--max-seconds S]"

static const char help[] =
	"usage: " USAGE "\n\n"
	"Loads the plan and checks it: known keys, unique ids, every unit, group\n"
	"and indicator that is referred to exists, a target for every unit on\n"
	"every indicator. Then runs the rule file in the sandbox and checks that\n"
	"every indicator has a weight, a score rule and a light rule, and warns\n"
	"about globals the rules set that are no rule assay asks for (a misspelt\n"
	"'comend' would never be asked).\n\n"
	"options:\n" LIMIT_HELP;

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
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
	struct host *host;
	diag_t d;
	if (plan_load(&plan, argv[optind], &d) != 0)
		return report(&d);
	if (host_open(&host, &plan, &limits, &d) != 0) {
		plan_release(&plan);
		return report(&d);
	}
	fputs(host_warnings(host), stderr);
	printf("%s: ok: %zu unit%s in %zu group%s, %zu indicator%s, %zu unit-indicator "
	       "target%s; rules %s\n", plan.path, plan.nunits, plural(plan.nunits), plan.ngroups,
	       plural(plan.ngroups), plan.nindicators, plural(plan.nindicators), plan.nassignments,
	       plural(plan.nassignments), plan.rules_path);
	host_close(host);
	plan_release(&plan);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
