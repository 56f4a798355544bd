/* assay score PLAN --period P: scorecards and ranking. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"
#include "scoring.h"

#define USAGE "assay score PLAN --period P [--unit U] [--format table|csv|json] [--bom] [--quiet]"

static const char help[] =
	"usage: " USAGE "\n\n"
	"Scores every unit of the plan for a period (2023, 2023Q3 or 2023-09) from\n"
	"the stored figures and the plan's rule file, and prints a scorecard per\n"
	"unit and the ranking within each peer group.\n\n"
	"options:\n"
	"  -p, --period P        the period to score (required)\n"
	"  -u, --unit U          print only this unit's scorecard (id or name)\n"
	"  -f, --format FORMAT   table (default), csv or json\n"
	"      --bom             start the CSV with a byte order mark, so that Excel\n"
	"                        on Windows reads its Chinese text as UTF-8\n"
	"  -q, --quiet           no progress bar (it shows only on a terminal)\n" LIMIT_HELP
	"\nExits 1 when a rule fails; the scorecard marks the failing items.\n";

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

struct score_options {
	const struct context *ctx;
	const char *plan, *unit;
	enum format format;
	struct scoring_options run;
};

static int parse_format(const char *arg, enum format *out)
{
	static const char *const names[] = {"table", "csv", "json"};
	for (int i = 0; i < 3; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum format)i;
			return 0;
		}
	return usage_error(USAGE, "unknown format '%s' (table, csv or json)", arg);
}

static int parse_options(int argc, char **argv, struct score_options *o)
{
	static const struct option options[] = {
		{"unit", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		SCORING_OPTIONS,
		{0, 0, 0, 0}};
	memset(o, 0, sizeof *o);
	scoring_options_init(&o->run);
	int opt;
	while ((opt = getopt_long(argc, argv, "u:f:" SCORING_SHORT, options, NULL)) != -1) {
		if (opt == 'u')
			o->unit = optarg;
		else if (opt == 'f' ? parse_format(optarg, &o->format) != 0
				    : scoring_option(opt, optarg, &o->run, USAGE) != 0)
			return EXIT_USAGE;
	}
	if (one_plan_and_period(argc, argv, "score", o->run.period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	if (o->run.bom && o->format != FORMAT_CSV)
		return usage_error(USAGE, "--bom goes with --format csv");
	return 0;
}

static int print_board(const struct board *b, const struct score_options *o, int unit)
{
	struct sbuf out = {0};
	if (o->format == FORMAT_JSON)
		render_json(b, unit, &out);
	else if (o->format == FORMAT_CSV)
		render_csv(b, unit, o->run.bom, &out);
	else
		render_table(b, unit, &out);
	int rc = print_out(sbuf_str(&out), out.len);
	sbuf_release(&out);
	return rc == EXIT_OK ? report_rule_errors(b) : rc;
}

static int score(const struct plan *plan, void *arg)
{
	const struct score_options *o = arg;
	struct period period;
	int unit, rc;
	if ((rc = plan_period(plan, o->run.period, USAGE, &period)) != 0 ||
	    (rc = unit_option(plan, o->unit, &unit)) != 0)
		return rc;
	struct host *host = NULL;
	struct store *store = NULL;
	struct board board = {0};
	struct progress progress;
	diag_t d;
	progress_begin(&progress, "scoring", plan->nunits, progress_wanted(o->run.quiet));
	if (host_open(&host, plan, &o->run.limits, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    score_from_store(plan, host, store, &period, &progress, &board, &d) != 0) {
		progress_end(&progress);
		rc = report(&d);
		goto out;
	}
	progress_end(&progress);
	rc = print_board(&board, o, unit);
out:
	board_release(&board);
	store_close(store);
	host_close(host);
	return rc;
}

int cmd_score(int argc, char **argv, const struct context *ctx)
{
	struct score_options o;
	if (wants_help(argc, argv, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	o.ctx = ctx;
	return with_plan(o.plan, score, &o);
}
