/* assay check PLAN: load and validate the plan, compile its rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lint.h"
#include "numbers.h"
#include "period.h"
#include "plan.h"

#define USAGE "assay check PLAN [--strict] [--max-instructions N] [--max-memory MIB] " \
	"[--max-seconds S]"

static const char *const help[] = {N_(
	"Loads the plan and checks it: known keys, unique ids, every unit, group\n"
	"and indicator that is referred to exists, a target for every unit on\n"
	"every indicator. Then runs the rule file in the sandbox and checks that\n"
	"every indicator has a weight, a score rule and a light rule, and that\n"
	"weights and rules name indicators the plan has. It warns about what Lua\n"
	"accepts but is most likely a mistake, each at its file:line with a fix:\n"
	"  - a global the rules set that is no rule (a misspelt 'comend')\n"
	"  - a rule set to nil (score.default = std.rato)\n"
	"  - a weight or rule for an indicator that is never asked for it (not\n"
	"    scored, not derived; score.tasks in a plan without tasks)\n"
	"  - weights that do not add up to the plan's full_marks, per unit\n"
	"  - a verdict no unit can reach: std.commend { total = T } above the most\n"
	"    any unit can total, std.red_light { red = R } above the indicators\n"
	"    any unit is scored on, a veto rule in a plan without binding ones\n"
	"A plan whose rules change during the year (rules: a list of {from,\n"
	"file, params}) has each of its rule files run with the parameter values\n"
	"it gives them, and the schedule printed.\n\n"
	"options:\n"
	"      --strict              warnings are errors: exit 1 when there is one\n"), LIMIT_HELP, NULL};

/* "plans/x.yaml: ok: 16 units in 2 groups, 70 indicators, 110 unit-indicator
 * targets; rules rules/x.lua", a count at a time for the plural's sake. */
static void print_summary(const struct plan *plan, bool scheduled)
{
	printf(_("%s: ok: "), plan->path);
	printf(trn("%zu unit", "%zu units", plan->nunits), plan->nunits);
	printf(trn(" in %zu group", " in %zu groups", plan->ngroups), plan->ngroups);
	printf(trn(", %zu indicator", ", %zu indicators", plan->nindicators), plan->nindicators);
	printf(trn(", %zu unit-indicator target", ", %zu unit-indicator targets",
		   plan->nassignments), plan->nassignments);
	printf(_("; rules %s\n"), scheduled ? _("by date:") : plan->rules_path);
}

/* A warning line, "rules/x.lua:12: warning: ...", by where it points. */
struct warning_line {
	const char *text;
	size_t len, order;
	size_t file_len;        /* of "rules/x.lua" */
	long line;
};

static int by_place(const void *x, const void *y)
{
	const struct warning_line *a = x, *b = y;
	size_t n = a->file_len < b->file_len ? a->file_len : b->file_len;
	int c = strncmp(a->text, b->text, n);
	if (c == 0 && a->file_len != b->file_len)
		c = a->file_len < b->file_len ? -1 : 1;
	if (c == 0 && a->line != b->line)
		c = a->line < b->line ? -1 : 1;
	return c ? c : a->order < b->order ? -1 : 1;
}

/* Puts the warnings in the order of the lines they point at, file by
 * file, the order they were found in for one line. */
static void sort_warnings(struct sbuf *w)
{
	size_t n = 0, cap = 16;
	struct warning_line *v = xmalloc(cap * sizeof *v);
	struct sbuf sorted = {0};
	for (const char *p = sbuf_str(w); *p; n++) {
		const char *end = strchr(p, '\n'), *colon = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[n] = (struct warning_line){p, len, n, colon && colon < p + len ? (size_t)(colon - p) : len,
					     colon && colon < p + len ? strtol(colon + 1, NULL, 10) : 0};
		p += len;
	}
	qsort(v, n, sizeof *v, by_place);
	for (size_t k = 0; k < n; k++)
		sbuf_addn(&sorted, v[k].text, v[k].len);
	free(v);
	sbuf_reset(w);
	sbuf_add(w, sbuf_str(&sorted));
	sbuf_release(&sorted);
}

/* Runs each rule file of the schedule with its parameter values and
 * prints what the rules warn about; *warnings counts the lines. */
static int compile_schedule(const struct plan *plan, const struct host_limits *limits,
			    size_t *warnings)
{
	struct sbuf lint = {0};
	*warnings = 0;
	for (size_t k = 0; k < plan->nrules; k++) {
		struct host_setup setup = {.limits = *limits, .rules = &plan->rules[k]};
		struct host *host;
		diag_t d;
		if (host_open_setup(&host, plan, &setup, &d) != 0) {
			sbuf_release(&lint);
			return report(&d);
		}
		sbuf_reset(&lint);
		sbuf_add(&lint, host_warnings(host));
		lint_rules(plan, host, &lint);
		sort_warnings(&lint);
		fputs(sbuf_str(&lint), stderr);
		for (const char *c = sbuf_str(&lint); *c; c++)
			*warnings += *c == '\n';
		host_close(host);
	}
	sbuf_release(&lint);
	return 0;
}

/* "  from 2023-07-01  rules/x-h2.lua  red_margin=0.15", a line each. */
static void print_schedule(const struct plan *plan)
{
	for (size_t k = 0; k < plan->nrules; k++) {
		const struct plan_rules *r = &plan->rules[k];
		char date[DATE_TEXT], num[64];
		printf(_("  from %s  %s"), date_format(r->from, date), r->path);
		for (size_t i = 0; i < r->nparams; i++)
			printf("%s%s=%s", i ? ", " : "  ", r->params[i].name,
			       format_number(num, sizeof num, r->params[i].value));
		putchar('\n');
	}
}

int cmd_check(int argc, char **argv, const struct context *ctx)
{
	static const struct option options[] = {{"strict", no_argument, NULL, 's'}, LIMIT_OPTIONS,
						{0, 0, 0, 0}};
	struct host_limits limits;
	bool strict = false;
	size_t warnings;
	(void)ctx;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	limits_default(&limits);
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == '?')
			return usage_error(USAGE, _("unknown option"));
		if (opt == 's')
			strict = true;
		else if (limits_option(opt, optarg, &limits, USAGE) != 0)
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return usage_error(USAGE, _("check takes one plan file"));
	struct plan plan;
	diag_t d;
	if (plan_load(&plan, argv[optind], &d) != 0)
		return report(&d);
	if (compile_schedule(&plan, &limits, &warnings) != 0) {
		plan_release(&plan);
		return EXIT_FAIL;
	}
	if (strict && warnings) {
		fprintf(stderr, trn("assay: %s: %zu warning, errors with --strict\n",
				    "assay: %s: %zu warnings, errors with --strict\n", warnings),
			plan.path, warnings);
		plan_release(&plan);
		return EXIT_FAIL;
	}
	bool scheduled = plan.nrules > 1 || plan.rules[0].from;
	print_summary(&plan, scheduled);
	if (scheduled)
		print_schedule(&plan);
	plan_release(&plan);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
