/* assay score PLAN --period P: scorecards and ranking. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "file_texts.h"
#include "progress.h"
#include "render.h"
#include "run_fill.h"
#include "score.h"
#include "text_out.h"
#include "utf8.h"

#define USAGE "assay score PLAN --period P [--unit U | --ranking | --summary] " \
	      "[--format table|csv|json] [--bom] [--quiet] " \
	      "[--save [--final [--supersede RUN --reason TEXT]]]"

static const char *const help[] = {N_(
	"Scores every unit of the plan for a period (2023, 2023Q3 or 2023-09) from\n"
	"the stored figures and the plan's rule file, and prints a scorecard per\n"
	"unit and the ranking within each peer group.\n\n"
	"options:\n"
	"  -p, --period P        the period to score (required)\n"
	"  -u, --unit U          print only this unit's scorecard (id or name)\n"
	"  -r, --ranking         print only the ranking: a row per unit (table or csv)\n"
	"  -f, --format FORMAT   table (default), csv or json\n"
	"      --bom             start the CSV with a byte order mark, so that Excel\n"
	"                        on Windows reads its Chinese text as UTF-8 (the\n"
	"                        scorecards' CSV is for tools: none by default)\n"
	"  -s, --summary         a few lines instead of the scorecards: units scored,\n"
	"                        who is commended, who gets a red light, the top 3\n"
	"      --save            save the run in the store: the scorecards, and the\n"
	"                        fingerprints of the plan, the rule files, the\n"
	"                        parameters and the figures used (assay runs lists\n"
	"                        them); it replaces the period's earlier draft\n"
	"      --final           save it as final (implies --save): frozen, never\n"
	"                        overwritten; the period then takes no other run\n"
	"      --supersede RUN   with --final: replace the period's final run RUN\n"
	"      --reason TEXT     why it is replaced (required with --supersede)\n"
	"  -q, --quiet           no progress bar (it shows only on a terminal)\n"), LIMIT_HELP, N_(
	"\nExits 1 when a rule fails; the scorecard marks the failing items, and\n"
	"such a run is not saved.\n"), NULL};

struct score_options {
	const struct context *ctx;
	const char *plan, *unit;
	enum format format;
	struct scoring_options run;
	bool ranking, format_given, summary;
	bool save, final;
	long supersedes;        /* 0: none */
	const char *reason;     /* NULL: none */
};

static int parse_options(int argc, char **argv, struct score_options *o)
{
	static const struct option options[] = {
		{"unit", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{"ranking", no_argument, NULL, 'r'},
		{"summary", no_argument, NULL, 's'},
		{"save", no_argument, NULL, 'v'},
		{"final", no_argument, NULL, 'F'},
		{"supersede", required_argument, NULL, 'R'},
		{"reason", required_argument, NULL, 'W'},
		SCORING_OPTIONS,
		{0, 0, 0, 0}};
	memset(o, 0, sizeof *o);
	scoring_options_init(&o->run);
	int opt;
	while ((opt = getopt_long(argc, argv, "u:f:rs" SCORING_SHORT, options, NULL)) != -1) {
		switch (opt) {
		case 'r': o->ranking = true; break;
		case 'u': o->unit = optarg; break;
		case 'f':
			if (parse_format(optarg, USAGE, &o->format) != 0)
				return EXIT_USAGE;
			o->format_given = true;
			break;
		case 'v': o->save = true; break;
		case 'F': o->save = o->final = true; break;
		case 'W': o->reason = optarg; break;
		case 'R':
			if (run_id_argument(optarg, "--supersede", USAGE, &o->supersedes) != 0)
				return EXIT_USAGE;
			break;
		case 's': o->summary = true; break;
		default:
			if (scoring_option(opt, optarg, &o->run, USAGE) != 0)
				return EXIT_USAGE;
		}
	}
	if (one_plan_and_period(argc, argv, "score", o->run.period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	if ((o->run.bom || o->run.no_bom) && o->format != FORMAT_CSV)
		return usage_error(USAGE, _("--bom and --no-bom go with --format csv"));
	if (o->run.bom && o->run.no_bom)
		return usage_error(USAGE, _("--bom and --no-bom: choose one"));
	if (o->ranking && o->unit)
		return usage_error(USAGE, _("--ranking and --unit do not go together: the ranking "
				   "shows every unit"));
	if (o->ranking && o->format == FORMAT_JSON)
		return usage_error(USAGE, _("--ranking prints a table or CSV; the JSON scorecards "
				   "carry each unit's rank"));
	if (o->summary && o->ranking)
		return usage_error(USAGE, _("--summary and --ranking: choose one"));
	if (o->summary && (o->unit || o->format_given))
		return usage_error(USAGE, _("--summary covers every unit in a few lines: it takes no "
				   "--unit or --format"));
	if (o->supersedes && !o->final)
		return usage_error(USAGE, _("--supersede replaces a final run with another: give --final too"));
	if (o->supersedes && (!o->reason || !*o->reason))
		return usage_error(USAGE, _("--supersede needs --reason TEXT: why the final run is replaced"));
	if (o->reason && !o->supersedes)
		return usage_error(USAGE, _("--reason goes with --supersede RUN"));
	return 0;
}

/* The board as the options ask, to stdout; the scorecards as they are
 * written, a unit at a time. */
static int print_board(const struct board *b, const struct score_options *o, int unit)
{
	struct text_out t;
	text_out_begin(&t, NULL);
	struct sbuf out = {0};
	if (o->summary)
		render_summary(b, &out);
	else if (o->ranking && o->format == FORMAT_CSV)
		render_ranking_csv_pieces(b, o->run.bom, &out, &t.sink);
	else if (o->ranking)
		render_ranking_table_pieces(b, &out, &t.sink);
	else if (o->format == FORMAT_JSON)
		render_json_pieces(b, unit, &out, &t.sink);
	else if (o->format == FORMAT_CSV)
		render_csv_pieces(b, unit, o->run.bom, &out, &t.sink);
	else
		render_table_pieces(b, unit, &out, &t.sink);
	int rc = text_out_end(&t, &out);
	sbuf_release(&out);
	return rc == EXIT_OK ? report_rule_errors(b) : rc;
}

/* The form of the saved scorecards that is what score prints, or -1
 * when it prints something else (a unit's, the ranking, the summary). */
static int saved_form(const struct score_options *o, int unit)
{
	if (o->summary || o->ranking || unit >= 0)
		return -1;
	return o->format == FORMAT_CSV ? RUN_CSV : o->format == FORMAT_JSON ? RUN_JSON : RUN_TABLE;
}

static int add_bom(struct run *r, struct sbuf *out, diag_t *d)
{
	(void)r, (void)d;
	sbuf_add(out, UTF8_BOM);
	return 0;
}

static void announce_saved(const struct run *r)
{
	if (r->supersedes)
		fprintf(stderr, _("assay: saved run %ld: %s %s, final, superseding run %ld\n"), r->id,
			r->plan, r->period, r->supersedes);
	else
		fprintf(stderr, _("assay: saved run %ld: %s %s, %s\n"), r->id, r->plan, r->period,
			_(run_status(r)));
}

/* Saves the scored board as a run. The store is opened for writing only
 * now: the figures were read from one snapshot, and the run records
 * exactly those. */
static int save_run(const struct score_options *o, const struct board *b,
		    const struct host *host, struct run_figures *figures, long *saved)
{
	struct run run;
	struct store *store = NULL;
	diag_t d;
	int rc = EXIT_OK;
	struct run_writer *w;
	if (run_fill_head(&run, b, host, figures, &d) != 0) {
		rc = report(&d);
	} else {
		struct sbuf files = {0};
		file_texts_bundle(&files);
		packed_pack(sbuf_str(&files), files.len, &run.packed_files);
		sbuf_release(&files);
		run.final = o->final;
		run.supersedes = o->supersedes;
		free(run.reason);
		run.reason = xstrdup(o->reason ? o->reason : "");
		if (store_open(&store, o->ctx->db_path, STORE_WRITE, &d) != 0 ||
		    store_run_begin(store, &run, &w, &d) != 0) {
			rc = report(&d);
		} else {
			/* the scorecards and items go to the store as they are
			 * made: a province's are too many to hold */
			run_fill_stream(&run, b, w);
			if (score_window_failure(b)) {
				store_run_cancel(w);
				rc = report_window_failure(b);
			} else if (store_run_end(w, &d) != 0) {
				rc = report(&d);
			} else {
				announce_saved(&run);
				*saved = run.id;
			}
		}
	}
	store_close(store);
	run_release(&run);
	return rc;
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
	struct run_figures figures = {0};
	struct progress progress;
	diag_t d;
	if (host_open_for(&host, plan, &period, &o->run.limits, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0) {
		rc = report(&d);
		goto out;
	}
	/* a ranking alone needs no item reasons; a saved run keeps them */
	struct score_request rq = {.plan = plan, .host = host, .store = store, .period = period,
				   .shown = !o->ranking || o->save,
				   .trends = o->format == FORMAT_JSON || o->save,
				   .progress = &progress};
	progress_begin(&progress, _("scoring"), plan->nunits, progress_wanted(o->run.quiet));
	rc = score_period(&rq, &board, &d);
	progress_end(&progress);
	/* the figures a saved run records are read again from the same
	 * snapshot, fingerprinted as they are read rather than held */
	if (rc == 0 && o->save && !board.nerrors)
		rc = run_figures_read(&figures, plan, store, &period, &d);
	if (rc != 0) {
		rc = report(&d);
		goto out;
	}
	/* the snapshot read is let go before the run is written, so that the
	 * write-ahead log can be emptied into the store after it; a board held
	 * a window of units at a time reads it again as it is rendered */
	if (!board.window) {
		store_close(store);
		store = NULL;
	}
	long saved = 0;
	if (o->save && !board.nerrors && (rc = save_run(o, &board, host, &figures, &saved)) != 0)
		goto out;
	/* what is printed of a run just saved is what was saved, and a
	 * province's scorecards are not rendered a second time (nor is its
	 * board kept meanwhile: every rule ran, none has an error to tell) */
	int form = saved_form(o, unit);
	if (saved && form >= 0) {
		board_release(&board);
		rc = print_saved_run(o->ctx->db_path, saved, form,
				     form == RUN_CSV && o->run.bom ? add_bom : NULL);
	} else {
		rc = print_board(&board, o, unit);
	}
	if (o->save && board.nerrors)
		fprintf(stderr, _("assay: the run was not saved: a run is saved only when every rule ran\n"));
out:
	run_figures_release(&figures);
	board_release(&board);
	store_close(store);
	host_close(host);
	return rc;
}

int cmd_score(int argc, char **argv, const struct context *ctx)
{
	struct score_options o;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	o.ctx = ctx;
	if (o.save) /* the run keeps the texts of the files it is scored from */
		file_texts_record();
	rc = with_plan(o.plan, score, &o);
	file_texts_release();
	return rc;
}
