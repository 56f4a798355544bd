/* assay report PLAN --period P --format html|xlsx|md|csv [-o FILE]: the
 * results as people read them: a web page with charts, a workbook, a
 * document, a spreadsheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "render.h"
#include "score.h"
#include "text_out.h"

#define USAGE "assay report PLAN --period P [--format html|xlsx|md|csv] [-o FILE] [--no-bom] [--quiet]"

static const char *const help[] = {N_(
	"Scores every unit of the plan for a period and writes the results as a\n"
	"report to read, print or pass on:\n\n"
	"  html   one self-contained page (no scripts, fonts or images from\n"
	"         elsewhere): the commended and red-light units, each peer group's\n"
	"         ranking as a bar chart, a matrix of lights (colour and shape, for\n"
	"         black-and-white print), every unit's scorecard and its total month\n"
	"         by month this year; prints with a page per unit (the default)\n"
	"  xlsx   an Excel workbook: a ranking sheet, a lights sheet with coloured\n"
	"         cells, one sheet per peer group with every unit's scorecard;\n"
	"         numbers are numbers (needs -o)\n"
	"  md     Markdown, for pasting into documents\n"
	"  csv    one row per unit and indicator, as 'assay score --format csv'\n\n"
	"options:\n"
	"  -p, --period P        the period to report (required)\n"
	"  -f, --format FORMAT   html (default), xlsx, md or csv\n"
	"  -o, --output FILE     write to FILE (written whole or not at all);\n"
	"                        without it, to standard output\n"
	"      --no-bom          no byte order mark before the CSV: it starts with one,\n"
	"                        so that Excel on Windows reads its Chinese text as\n"
	"                        UTF-8; a tool may not want it\n"
	"  -q, --quiet           no progress bar (it shows only on a terminal)\n"), LIMIT_HELP, N_(
	"\nExits 1 when a rule fails; the report marks the failing items.\n"), NULL};

enum report_format { REPORT_HTML, REPORT_XLSX, REPORT_MD, REPORT_CSV };

struct report_options {
	const struct context *ctx;
	const char *plan, *output;
	enum report_format format;
	struct scoring_options run;
};

static int parse_report_format(const char *arg, enum report_format *out)
{
	static const char *const names[] = {"html", "xlsx", "md", "csv"};
	for (int i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	return usage_error(USAGE, _("unknown format '%s' (html, xlsx, md or csv)"), arg);
}

static int check_options(const struct report_options *o)
{
	if ((o->run.bom || o->run.no_bom) && o->format != REPORT_CSV)
		return usage_error(USAGE, _("--bom and --no-bom go with --format csv"));
	if (o->run.bom && o->run.no_bom)
		return usage_error(USAGE, _("--bom and --no-bom: choose one"));
	if (o->format == REPORT_XLSX && !o->output)
		return usage_error(USAGE, _("--format xlsx writes a file: name it with -o FILE"));
	return 0;
}

static int parse_options(int argc, char **argv, struct report_options *o)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		SCORING_OPTIONS,
		{0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "f:o:" SCORING_SHORT, options, NULL)) != -1) {
		if (opt == 'o')
			o->output = optarg;
		else if (opt == 'f' ? parse_report_format(optarg, &o->format) != 0
				    : scoring_option(opt, optarg, &o->run, USAGE) != 0)
			return EXIT_USAGE;
	}
	if (one_plan_and_period(argc, argv, "report", o->run.period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	return check_options(o);
}

/* The report as text, to the output file or to stdout, written as it is
 * made (Markdown, which is for small plans, whole). */
static int write_text(const struct board *b, const struct trend *trend,
		      const struct report_options *o)
{
	struct text_out t;
	if (text_out_begin(&t, o->output) != EXIT_OK)
		return EXIT_FAIL;
	struct sbuf text = {0};
	if (o->format == REPORT_HTML)
		render_html_pieces(b, trend, &text, &t.sink);
	else if (o->format == REPORT_MD)
		render_md(b, &text);
	else
		render_csv_pieces(b, -1, !o->run.no_bom, &text, &t.sink);
	int rc = text_out_end(&t, &text);
	sbuf_release(&text);
	return rc;
}

static int write_report(const struct board *b, const struct trend *trend,
			const struct report_options *o)
{
	diag_t d;
	int rc = o->format != REPORT_XLSX ? write_text(b, trend, o)
		 : render_xlsx(b, o->output, &d) == 0 ? EXIT_OK : report(&d);
	return rc == EXIT_OK ? report_rule_errors(b) : rc;
}

/* Scores the period and, for the page's trend charts, every month of the
 * year up to it. */
static int score_all(const struct plan *plan, struct host *host, struct store *store,
		     const struct period *period, const struct report_options *o,
		     struct board *b, struct trend *trend, diag_t *d)
{
	int months = o->format == REPORT_HTML ? period_end_month(period) : 0;
	struct progress progress;
	progress_begin(&progress, "scoring", plan->nunits * (size_t)(1 + months),
		       progress_wanted(o->run.quiet));
	struct score_request rq = {.plan = plan, .host = host, .store = store, .period = *period,
				   .shown = true, .progress = &progress};
	int rc = score_period(&rq, b, d);
	if (rc == 0 && months)
		rc = trend_gather(trend, plan, host, period, store, months, &o->run.limits, &progress, d);
	progress_end(&progress);
	return rc;
}

static int report_plan(const struct plan *plan, void *arg)
{
	const struct report_options *o = arg;
	struct period period;
	int rc = plan_period(plan, o->run.period, USAGE, &period);
	if (rc != 0)
		return rc;
	struct host *host = NULL;
	struct store *store = NULL;
	struct board board = {0};
	struct trend trend = {0};
	diag_t d;
	if (host_open_for(&host, plan, &period, &o->run.limits, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    score_all(plan, host, store, &period, o, &board, &trend, &d) != 0)
		rc = report(&d);
	else
		rc = write_report(&board, o->format == REPORT_HTML ? &trend : NULL, o);
	trend_release(&trend);
	board_release(&board);
	store_close(store);
	host_close(host);
	return rc;
}

int cmd_report(int argc, char **argv, const struct context *ctx)
{
	struct report_options o = {.ctx = ctx};
	scoring_options_init(&o.run);
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	return rc != 0 ? rc : with_plan(o.plan, report_plan, &o);
}
