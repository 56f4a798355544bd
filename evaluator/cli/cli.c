#include "cli.h"

#include "plan.h"
#include "period.h"
#include "score.h"
#include "scorecard.h"
#include "table.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int report(const diag_t *d)
{
	fprintf(stderr, "%s%s\n", d->located ? "" : "assay: ", d->text);
	return EXIT_FAIL;
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	fputs("assay: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nusage: %s\n"), usage);
	return EXIT_USAGE;
}

int print_out(const char *text, size_t len)
{
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, _("assay: unable to write the output: %s\n"), strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

void limits_default(struct host_limits *limits)
{
	*limits = (struct host_limits)HOST_DEFAULT_LIMITS;
}

static int parse_positive(const char *arg, unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (*arg == '-' || *end || errno || v == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

int limits_option(int opt, const char *arg, struct host_limits *limits, const char *usage)
{
	unsigned long long v;
	if (opt == 'I') {
		if (parse_positive(arg, 1ULL << 50, &v) != 0)
			return usage_error(usage, _("--max-instructions takes a positive whole "
						    "number, not '%s'"), arg);
		limits->max_instructions = v;
		return 0;
	}
	if (opt == 'S') {
		if (parse_positive(arg, 86400, &v) != 0)
			return usage_error(usage, _("--max-seconds takes a whole number of seconds "
						    "(1 or more), not '%s'"), arg);
		limits->max_seconds = (unsigned)v;
		return 0;
	}
	if (opt == OPT_MAX_RUN_SECONDS) {
		if (parse_positive(arg, 10000000, &v) != 0)
			return usage_error(usage, _("--max-run-seconds takes a whole number of "
						    "seconds (1 or more), not '%s'"), arg);
		limits->max_run_seconds = (unsigned)v;
		return 0;
	}
	if (parse_positive(arg, 1ULL << 20, &v) != 0)
		return usage_error(usage, _("--%s takes a number of MiB (1 or more), not '%s'"),
				   opt == 'M' ? "max-memory" : "max-run-memory", arg);
	if (opt == 'M')
		limits->max_memory = (size_t)v << 20;
	else
		limits->max_run_memory = (size_t)v << 20;
	return 0;
}

int parse_format(const char *arg, const char *usage, enum format *out)
{
	static const char *const names[] = {"table", "csv", "json"};
	for (int i = 0; i < 3; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum format)i;
			return 0;
		}
	return usage_error(usage, _("unknown format '%s' (table, csv or json)"), arg);
}

int parse_table_or_json(const char *arg, const char *usage, bool *json)
{
	if (strcmp(arg, "json") != 0 && strcmp(arg, "table") != 0)
		return usage_error(usage, _("unknown format '%s' (table or json)"), arg);
	*json = strcmp(arg, "json") == 0;
	return 0;
}

int run_id_argument(const char *text, const char *what, const char *usage, long *id)
{
	unsigned long long v;
	if (parse_positive(text, 1ULL << 53, &v) != 0)
		return usage_error(usage, _("%s takes a run number as assay runs lists it, not '%s'"),
				   what, text);
	*id = (long)v;
	return 0;
}

static bool asks_for_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

int wants_help_in(int argc, char **argv, const char *usage, const char *const *parts)
{
	if (!asks_for_help(argc, argv))
		return 0;
	printf(_("usage: %s\n\n"), usage);
	for (; *parts; parts++)
		fputs(_(*parts), stdout);
	return 1;
}

int run_plan_listing(int argc, char **argv, const char *usage, const char *const *help,
		     void (*fill)(const struct plan *plan, struct table *t))
{
	struct plan plan;
	struct table t;
	struct sbuf out = {0};
	diag_t d;
	if (wants_help_in(argc, argv, usage, help))
		return EXIT_OK;
	if (argc != 2 || argv[1][0] == '-')
		return usage_error(usage, _("%s takes one plan file"), argv[0]);
	if (plan_load(&plan, argv[1], &d) != 0)
		return report(&d);
	fill(&plan, &t);
	table_render(&t, "", &out);
	int rc = print_out(sbuf_str(&out), out.len);
	sbuf_release(&out);
	table_release(&t);
	plan_release(&plan);
	return rc;
}

int plan_period(const struct plan *plan, const char *text, const char *usage, struct period *out)
{
	if (period_parse(text, out) != 0)
		return usage_error(usage, _("'%s' is not a period: write 2023, 2023Q3 or 2023-09"), text);
	if (!plan_has_year(plan, out->year)) {
		char years[64];
		fprintf(stderr, _("assay: period %s is outside the plan's %s\n"), text,
			plan_years_text(plan, years, sizeof years));
		return EXIT_FAIL;
	}
	return 0;
}

int limits_or_unknown_option(int opt, const char *arg, struct host_limits *limits,
			     const char *usage)
{
	if (opt == 'I' || opt == 'M' || opt == 'S' || opt == OPT_MAX_RUN_SECONDS ||
	    opt == OPT_MAX_RUN_MEMORY)
		return limits_option(opt, arg, limits, usage) == 0 ? 0 : EXIT_USAGE;
	return usage_error(usage, _("unknown option"));
}

void scoring_options_init(struct scoring_options *o)
{
	*o = (struct scoring_options){0};
	limits_default(&o->limits);
}

int scoring_option(int opt, const char *arg, struct scoring_options *o, const char *usage)
{
	switch (opt) {
	case 'p': o->period = arg; return 0;
	case 'B': o->bom = true; return 0;
	case 'N': o->no_bom = true; return 0;
	case 'q': o->quiet = true; return 0;
	default: return limits_or_unknown_option(opt, arg, &o->limits, usage);
	}
}

int one_plan_and_period(int argc, char **argv, const char *command, const char *period,
			const char *usage, const char **plan)
{
	if (argc - optind != 1)
		return usage_error(usage, _("%s takes one plan file"), command);
	if (!period)
		return usage_error(usage, _("--period is required"));
	*plan = argv[optind];
	return 0;
}

int with_plan(const char *path, int (*fn)(const struct plan *plan, void *arg), void *arg)
{
	struct plan plan;
	diag_t d;
	if (plan_load(&plan, path, &d) != 0)
		return report(&d);
	int rc = fn(&plan, arg);
	plan_release(&plan);
	return rc;
}

int resolve_subject(const struct plan *plan, const char *unit_name, const char *indicator_name,
		    int *unit, int *ind, diag_t *d)
{
	*unit = plan_find_unit(plan, unit_name);
	*ind = indicator_name ? plan_find_indicator(plan, indicator_name) : -1;
	if (*unit < 0)
		return plan_fail_unknown(plan, d, plan->path, 0, 0, "unit", unit_name);
	if (indicator_name && *ind < 0)
		return plan_fail_unknown(plan, d, plan->path, 0, 0, "indicator", indicator_name);
	if (*ind >= 0 && plan_find_assignment(plan, *unit, *ind) < 0)
		return fail(d, _("unit '%s' is not responsible for indicator '%s'"),
			    plan->units[*unit].name, plan->indicators[*ind].id);
	return 0;
}

int plan_arguments(int argc, char **argv, const char *usage, const char *command, int most)
{
	static const struct option none[] = {{0, 0, 0, 0}};
	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return usage_error(usage, _("unknown option"));
	int n = argc - optind;
	if (n < 1 || n > most)
		return usage_error(usage, _("%s takes a plan file%s"), command,
				   most > 1 ? _(" and, optionally, one more") : "");
	return 0;
}

int unit_option(const struct plan *plan, const char *name, int *out)
{
	*out = -1;
	if (!name)
		return 0;
	*out = plan_find_unit(plan, name);
	if (*out >= 0)
		return 0;
	diag_t d;
	plan_fail_unknown(plan, &d, plan->path, 0, 0, "unit", name);
	return report(&d);
}

int report_window_failure(const struct board *b)
{
	const char *why = score_window_failure(b);
	if (!why)
		return EXIT_OK;
	fprintf(stderr, _("assay: the items of the scorecards could not be scored again: %s\n"), why);
	return EXIT_FAIL;
}

int report_rule_errors(const struct board *b)
{
	int rc = report_window_failure(b);
	if (!b->nerrors)
		return rc;
	fprintf(stderr, trn("assay: %zu rule error; the scorecards mark them:\n",
			    "assay: %zu rule errors; the scorecards mark them:\n", b->nerrors), b->nerrors);
	for (size_t u = 0; u < b->ncards; u++) {
		const struct card *c = &b->cards[u];
		const struct item *items = c->failed_items ? card_items(b, c) : NULL;
		for (size_t k = 0; items && k < c->count; k++)
			if (items[k].error)
				fprintf(stderr, "  %s\n", board_text(b, items[k].error));
	}
	for (size_t i = 0; i < b->ncards; i++)
		if (b->cards[i].error)
			fprintf(stderr, "  %s\n", board_text(b, b->cards[i].error));
	return EXIT_FAIL;
}
