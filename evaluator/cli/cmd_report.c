/* assay report PLAN --period P --format html|xlsx|md|csv [-o FILE]: the
 * results as people read them: a web page with charts, a workbook, a
 * document, a spreadsheet; scored live (a draft saved nowhere), or, for
 * assay report RUN, a saved run rendered from what was saved. */
/* timegm(3): a saved run's UTC time as the workbook's time, outside POSIX */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "file_texts.h"
#include "numbers.h"
#include "output.h"
#include "render.h"
#include "run_fill.h"
#include "run_replay.h"
#include "rundiff.h"
#include "score.h"
#include "text_out.h"

#define USAGE "assay report PLAN --period P | RUN [--format html|xlsx|md|csv] [-o FILE] [--no-bom] [--quiet]"

static const char *const help[] = {N_(
	"Scores every unit of the plan for a period and writes the results as a\n"
	"report to read, print or pass on. Such a report is a live draft, saved\n"
	"nowhere, and says so; assay report RUN renders a run saved with assay\n"
	"score --save [--final] from what was saved (its figures, its files'\n"
	"texts), the same byte for byte whatever has been imported since. Each\n"
	"report's head gives the plan's title, issuer and document, the period,\n"
	"the run and its status (final or draft), when it was made (a saved run:\n"
	"when it was saved) and the fingerprint of what it was scored from.\n\n"
	"  html   one self-contained page (no scripts, fonts or images from\n"
	"         elsewhere): the commended and red-light units, each peer group's\n"
	"         ranking as a bar chart, a matrix of lights (colour and shape, for\n"
	"         black-and-white print), every unit's scorecard and its total month\n"
	"         by month this year; prints with a page per unit (the default).\n"
	"         A plan of more than 1000 units, written with -o FILE.html, has a\n"
	"         summary page there (the commended and red-light units, the peer\n"
	"         groups) and a page per peer group beside it, FILE-GROUP.html (the\n"
	"         group's id), that a browser opens: its ranking, lights and\n"
	"         scorecards, in ranking order; to standard output, one page\n"
	"  xlsx   an Excel workbook that stands alone: the report's head in its\n"
	"         first rows and its properties, a ranking sheet, a lights sheet\n"
	"         with coloured and shaped cells, one sheet per peer group with a\n"
	"         row per unit and indicator and one per unit's total; each sheet\n"
	"         a table, its header frozen, filtered and printed on every page\n"
	"         (A4 landscape); numbers are numbers (needs -o)\n"
	"  md     Markdown, for pasting into documents\n"
	"  csv    one row per unit and indicator, as 'assay score --format csv'\n\n"
	"options:\n"
	"  -p, --period P        the period to report (required with a plan)\n"
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
	long run_id;                    /* assay report RUN; 0: a plan's live draft */
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
	/* a run's number: the run saved; else a plan and its period */
	if (argc - optind == 1 && argv[optind][strspn(argv[optind], "0123456789")] == '\0') {
		if (run_id_argument(argv[optind], "report", USAGE, &o->run_id) != 0)
			return EXIT_USAGE;
		if (o->run.period)
			return usage_error(USAGE, _("a saved run has its period: report RUN takes no "
						    "--period"));
	} else if (one_plan_and_period(argc, argv, "report", o->run.period, USAGE, &o->plan) != 0) {
		return EXIT_USAGE;
	}
	return check_options(o);
}

/* Which page of a large plan's HTML report write_page writes: a peer
 * group's index, or this. */
#define SUMMARY_PAGE ((size_t)-1)

/* One page of a large plan's HTML report to its file, as it is made. */
static int write_page(const struct board *b, const struct trend *trend,
		      const struct report_record *rec, const struct html_pages *pages,
		      size_t group, const char *path)
{
	struct text_out t;
	if (text_out_begin(&t, path) != EXIT_OK)
		return EXIT_FAIL;
	struct sbuf text = {0};
	if (group == SUMMARY_PAGE)
		render_html_summary_page(b, rec, pages, &text, &t.sink);
	else
		render_html_group_page(b, trend, rec, pages, group, &text, &t.sink);
	int rc = text_out_end(&t, &text);
	sbuf_release(&text);
	return rc;
}

/* A large plan's HTML report: the summary page at path, and a page per
 * peer group beside it. */
static int write_html_pages(const struct board *b, const struct trend *trend,
			    const struct report_record *rec, const char *path)
{
	struct html_pages pages;
	html_pages_make(&pages, b, path);
	int rc = write_page(b, trend, rec, &pages, SUMMARY_PAGE, path);
	for (size_t g = 0; g < pages.ngroups && rc == EXIT_OK; g++)
		if (pages.groups[g])
			rc = write_page(b, trend, rec, &pages, g, pages.groups[g]);
	html_pages_release(&pages);
	return rc;
}

/* The report as text, to the output file or to stdout, written as it is
 * made; a large plan's HTML to a file in pages. */
static int write_text(const struct board *b, const struct trend *trend,
		      const struct report_record *rec, const struct report_options *o)
{
	if (o->format == REPORT_HTML && o->output && b->plan->nunits > RENDER_PAGED_UNITS)
		return write_html_pages(b, trend, rec, o->output);
	struct text_out t;
	if (text_out_begin(&t, o->output) != EXIT_OK)
		return EXIT_FAIL;
	struct sbuf text = {0};
	if (o->format == REPORT_HTML)
		render_html_pieces(b, trend, rec, &text, &t.sink);
	else if (o->format == REPORT_MD)
		render_md_pieces(b, rec, &text, &t.sink);
	else
		render_csv_pieces(b, -1, !o->run.no_bom, &text, &t.sink);
	int rc = text_out_end(&t, &text);
	sbuf_release(&text);
	return rc;
}

static int write_report(const struct board *b, const struct trend *trend,
			const struct report_record *rec, const struct report_options *o)
{
	diag_t d;
	int rc = o->format != REPORT_XLSX ? write_text(b, trend, rec, o)
		 : render_xlsx(b, rec, o->output, &d) == 0 ? EXIT_OK : report(&d);
	return rc == EXIT_OK ? report_rule_errors(b) : rc;
}

/* Scores, for the page's trend charts, every month of the year up to the
 * period, then the period itself. The months first, so that the boards
 * they are scored on are let go before the period's board is made. */
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
	int rc = months ? trend_gather(trend, plan, host, period, store, months, &o->run.limits,
				       &progress, d) : 0;
	if (rc == 0)
		rc = score_period(&rq, b, d);
	progress_end(&progress);
	return rc;
}

/* The time of the store's "2023-10-05T09:12:03Z", shown as "2023-10-05
 * 09:12:03 UTC". */
static void record_time(struct report_record *rec, const char *iso)
{
	char shown[32];
	struct tm tm = {0};
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		rec->when = timegm(&tm);
	}
	snprintf(rec->generated, sizeof rec->generated, "%s UTC", format_utc(shown, iso));
}

/* Now, or $SOURCE_DATE_EPOCH when it is set (the convention for builds
 * that must come out the same byte for byte). */
static void record_now(struct report_record *rec)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long given = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
	time_t now = given >= 0 && end && !*end ? (time_t)given : time(NULL);
	struct tm tm;
	char iso[32];
	gmtime_r(&now, &tm);
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	record_time(rec, iso);
}

/* The short fingerprint of what a board was scored from. */
static void record_fingerprint(struct report_record *rec, const struct run *r)
{
	char full[FINGERPRINT_HEX];
	run_fingerprint(r, full);
	memcpy(rec->fingerprint, full, FINGERPRINT_SHORT);
	rec->fingerprint[FINGERPRINT_SHORT] = '\0';
}

/* A live draft's record: made now, saved nowhere, and the fingerprint of
 * the files and figures it was scored from. */
static int live_record(const struct board *b, const struct host *host,
		       struct run_figures *figures, struct report_record *rec, diag_t *d)
{
	struct run inputs;
	memset(rec, 0, sizeof *rec);
	record_now(rec);
	if (run_fill_inputs(&inputs, b, host, figures, d) != 0)
		return -1;
	record_fingerprint(rec, &inputs);
	run_release(&inputs);
	return 0;
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
	struct run_figures figures = {0};
	struct report_record rec;
	diag_t d;
	if (host_open_for(&host, plan, &period, &o->run.limits, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    score_all(plan, host, store, &period, o, &board, &trend, &d) != 0 ||
	    run_figures_read(&figures, plan, store, &period, &d) != 0 ||
	    live_record(&board, host, &figures, &rec, &d) != 0)
		rc = report(&d);
	else
		rc = write_report(&board, o->format == REPORT_HTML ? &trend : NULL, &rec, o);
	run_figures_release(&figures);
	trend_release(&trend);
	board_release(&board);
	store_close(store);
	host_close(host);
	return rc;
}

/* A saved run's report: the run, the store it is in, and the options. */
struct run_report {
	const struct report_options *o;
	struct store *store;
	struct run saved, now;
	char saved_json[FINGERPRINT_HEX];       /* its JSON scorecards' SHA-256 */
};

/* Why the run, scored again from what was saved, does not come out as it
 * was: what it was scored from that differs now (a rule file, the plan). */
static int not_reproduced(struct run_report *job)
{
	struct sbuf out = {0};
	diag_t d;
	if (run_unpack_figures(&job->saved, &d) != 0 || run_unpack_figures(&job->now, &d) != 0)
		return report(&d);
	rundiff_inputs(&job->saved, &job->now, &out);
	fprintf(stderr, _("assay: run %ld cannot be rendered as it was saved: scored again from its "
			  "figures, its scorecards differ; what it was scored from is not the same "
			  "now:\n%s"), job->saved.id, sbuf_str(&out));
	if (job->saved.packed_files.size == 0)
		fprintf(stderr, _("assay: run %ld was saved before runs kept the texts of their files: "
				  "its report is made from the files as they are now, only while they "
				  "are as they were (restore the file named above, or give its report "
				  "from the time it was saved)\n"), job->saved.id);
	sbuf_release(&out);
	return EXIT_FAIL;
}

/* Whether the run scored again is the run saved: the same scorecards and,
 * for a run whose files' texts were not kept (so that the files as they
 * are now were read), the same plan file, rule files and parameters,
 * whose text the report shows beyond the scorecards (the plan's title). */
static bool reproduced(const struct run_report *job, bool same_scorecards)
{
	const struct run *a = &job->saved, *b = &job->now;
	return same_scorecards &&
	       (a->packed_files.size > 0 || (strcmp(a->plan_sha256, b->plan_sha256) == 0 &&
					     strcmp(a->rules_sha256, b->rules_sha256) == 0 &&
					     strcmp(a->params_sha256, b->params_sha256) == 0));
}

/* The board rebuilt from the run, and its report. */
static int render_saved(const struct plan *plan, struct run_report *job, struct store *figures)
{
	const struct report_options *o = job->o;
	struct period period;
	struct board board;
	struct trend trend = {0};
	struct report_record rec = {.run = job->saved.id, .final = job->saved.final};
	bool same = false;
	diag_t d;
	int rc = plan_period(plan, job->saved.period, USAGE, &period);
	if (rc != 0)
		return rc;
	rc = run_replay_check(plan, &period, figures, &o->run.limits, &job->saved, job->saved_json,
			      &board, &job->now, &same, &d);
	if (rc < 0)
		rc = report(&d);
	else if (rc > 0 || !reproduced(job, same))
		rc = not_reproduced(job);
	else if (o->format == REPORT_HTML && run_replay_trend(&trend, job->store, &job->saved, &board,
							      &d) != 0)
		rc = report(&d);
	else {
		record_time(&rec, job->saved.saved_at);
		record_fingerprint(&rec, &job->saved);
		rc = write_report(&board, o->format == REPORT_HTML ? &trend : NULL, &rec, o);
	}
	trend_release(&trend);
	board_release(&board);
	return rc;
}

static int report_saved(const struct plan *plan, void *arg)
{
	struct run_report *job = arg;
	struct store *figures = NULL;
	diag_t d;
	if (strcmp(plan->id, job->saved.plan) != 0) {
		fprintf(stderr, _("assay: %s is plan '%s', not the plan of run %ld ('%s')\n"),
			plan->path, plan->id, job->saved.id, job->saved.plan);
		return EXIT_FAIL;
	}
	if (run_replay_store(&job->saved, &figures, &d) != 0)
		return report(&d);
	int rc = render_saved(plan, job, figures);
	store_close(figures);
	return rc;
}

/* The texts of the files the run was scored from, standing in for the
 * files from now on: the plan file (the first) and what it loads are read
 * as they were when the run was saved. A run saved before the texts were
 * kept has none: its files are read as they are (and its report made
 * only when they come out the same). */
static int stand_in_saved_files(const struct run *r, diag_t *d)
{
	struct sbuf files = {0};
	int rc = 0;
	if (r->packed_files.size == 0)
		return 0;
	if (packed_unpack(&r->packed_files, &files, d) != 0 ||
	    file_texts_stand_in(sbuf_str(&files), files.len) != 0)
		rc = fail(d, _("run %ld: the texts of its files are damaged in the store"), r->id);
	sbuf_release(&files);
	return rc;
}

/* What of the saved run its report compares with the run scored again:
 * the SHA-256 of its JSON scorecards. Those and its items (a province's
 * are a hundred megabytes packed) are let go. */
static int saved_json_fingerprint(struct run_report *job, diag_t *d)
{
	packed_release(&job->saved.packed_items);
	int rc = store_load_scorecards(job->store, &job->saved, RUN_JSON, d) == 0 &&
			 run_scorecards_fingerprint(&job->saved, RUN_JSON, job->saved_json, d) == 0
		 ? 0 : -1;
	packed_release(&job->saved.scorecards[RUN_JSON]);
	return rc;
}

static int report_run(const struct report_options *o)
{
	struct run_report job = {.o = o};
	diag_t d;
	int rc;
	if (store_open(&job.store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    store_load_run_packed(job.store, o->run_id, &job.saved, &d) != 0 ||
	    saved_json_fingerprint(&job, &d) != 0 ||
	    stand_in_saved_files(&job.saved, &d) != 0)
		rc = report(&d);
	else
		rc = with_plan(file_texts_first() ? file_texts_first() : job.saved.plan_file,
			       report_saved, &job);
	file_texts_release();
	run_release(&job.saved);
	run_release(&job.now);
	store_close(job.store);
	return rc;
}

int cmd_report(int argc, char **argv, const struct context *ctx)
{
	struct report_options o = {.ctx = ctx};
	scoring_options_init(&o.run);
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	return o.run_id ? report_run(&o) : with_plan(o.plan, report_plan, &o);
}
