/* assay verify RUN [--plan FILE]: scores a saved run again from the store
 * and the files as they are now, and says whether the result is the same
 * and, if not, what changed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "run_replay.h"
#include "rundiff.h"
#include "score.h"
#include "store.h"

#define USAGE "assay verify RUN [--plan FILE]"

static const char *const help[] = {N_(
	"Scores a saved run's plan and period again, from the figures in the\n"
	"store and the plan and rule files as they are now, and compares the\n"
	"scorecards with the run's, byte for byte. It says whether they are\n"
	"identical and which of what the run was scored from changed since: the\n"
	"plan file, a rule file, a parameter, a figure (each named, with its\n"
	"value then and now); when the scorecards differ, who moved in the\n"
	"ranking, whose lights and verdicts changed. Exits 0 when identical, 1\n"
	"when not.\n\n"
	"options:\n"
	"      --plan FILE   the plan file, when it is no longer where the run\n"
	"                    was saved from\n"), LIMIT_HELP, NULL};

struct verify_options {
	const struct context *ctx;
	long id;
	const char *plan;       /* NULL: the run's */
	struct host_limits limits;
};

/* The run saved, and the same scored again now. */
struct verification {
	struct store *store;
	struct run saved, now;
	bool same;              /* the JSON scorecards are identical */
};

static int parse_options(int argc, char **argv, struct verify_options *o)
{
	static const struct option options[] = {{"plan", required_argument, NULL, 'P'},
						LIMIT_OPTIONS, {0, 0, 0, 0}};
	int opt;
	limits_default(&o->limits);
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'P')
			o->plan = optarg;
		else if (limits_or_unknown_option(opt, optarg, &o->limits, USAGE) != 0)
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return usage_error(USAGE, _("verify takes one run number"));
	return run_id_argument(argv[optind], "verify", USAGE, &o->id);
}

/* Scores the plan's period as the run did, into v->now. */
static int score_as_saved(const struct plan *plan, const struct verify_options *o,
			  struct verification *v, diag_t *d)
{
	struct period period;
	struct board board;
	int rc = plan_period(plan, v->saved.period, USAGE, &period);
	if (rc != 0)
		return rc;
	rc = run_replay_score(plan, &period, v->store, &o->limits, &board, &v->now, d);
	if (rc < 0) {
		rc = report(d);
	} else if (rc > 0) {
		fprintf(stderr, trn("assay: run %ld cannot be scored again: %zu rule error now (assay "
				    "score %s --period %s shows them)\n",
				    "assay: run %ld cannot be scored again: %zu rule errors now (assay "
				    "score %s --period %s shows them)\n", board.nerrors),
			o->id, board.nerrors, plan->path, v->saved.period);
		rc = EXIT_FAIL;
	}
	board_release(&board);
	return rc;
}

/* Whether the JSON scorecards saved and made now are the same text, by
 * their fingerprints: a province's are never unpacked whole. */
static int same_scorecards(struct verification *v, diag_t *d)
{
	if (store_load_scorecards(v->store, &v->saved, RUN_JSON, d) != 0)
		return -1;
	return run_replay_same(&v->saved, &v->now, &v->same, d);
}

/* What of the two runs is compared line by line: the figures when their
 * fingerprints differ, the items when the scorecards do. A province's
 * are hundreds of megabytes unpacked, so they stay packed otherwise. */
static int unpack_differences(struct verification *v, diag_t *d)
{
	if (!v->same)
		return run_unpack(&v->saved, d) == 0 && run_unpack(&v->now, d) == 0 ? 0 : -1;
	if (strcmp(v->saved.figures_sha256, v->now.figures_sha256) == 0)
		return 0;
	return run_unpack_figures(&v->saved, d) == 0 && run_unpack_figures(&v->now, d) == 0 ? 0 : -1;
}

static void render_verdict(const struct verification *v, struct sbuf *out)
{
	const struct run *r = &v->saved;
	sbuf_addf(out, _("run %ld · %s (%s) · %s · %s\n"), r->id, r->title, r->plan, r->period,
		  _(run_status(r)));
	sbuf_addf(out, _("scored again from the store and the files as they are now: %s\n"),
		  v->same ? _("identical") : _("different"));
	rundiff_inputs(r, &v->now, out);
	if (v->same)
		return;
	sbuf_addc(out, '\n');
	if (!rundiff_results(r, &v->now, true, out))
		sbuf_add(out, _("\n(the scorecards read differently, though no rank, light or verdict "
			      "changed: see assay show and assay score)\n"));
}

/* What verify works on: the options, the store and the two runs. */
struct verify_job {
	const struct verify_options *o;
	struct verification v;
};

static int verify(const struct plan *plan, void *arg)
{
	struct verify_job *job = arg;
	const struct run *saved = &job->v.saved;
	diag_t d;
	if (strcmp(plan->id, saved->plan) != 0) {
		fprintf(stderr, _("assay: %s is plan '%s', not the plan of run %ld ('%s')\n"), plan->path,
			plan->id, saved->id, saved->plan);
		return EXIT_FAIL;
	}
	int rc = score_as_saved(plan, job->o, &job->v, &d);
	if (rc != 0)
		return rc;
	if (same_scorecards(&job->v, &d) != 0 || unpack_differences(&job->v, &d) != 0)
		return report(&d);
	struct sbuf out = {0};
	render_verdict(&job->v, &out);
	rc = print_out(sbuf_str(&out), out.len);
	sbuf_release(&out);
	if (rc == EXIT_OK && !job->v.same)
		rc = EXIT_FAIL;
	return rc;
}

/* The plan file to score with: --plan, else the one the run was saved from. */
static int plan_file(const struct verify_job *job, const char **path)
{
	*path = job->o->plan ? job->o->plan : job->v.saved.plan_file;
	if (job->o->plan || access(*path, R_OK) == 0)
		return 0;
	fprintf(stderr, _("assay: run %ld was saved from the plan file '%s', which is not there now: "
		"give it with --plan FILE\n"), job->v.saved.id, *path);
	return EXIT_FAIL;
}

int cmd_verify(int argc, char **argv, const struct context *ctx)
{
	struct verify_options o = {.ctx = ctx};
	struct verify_job job = {.o = &o};
	const char *path;
	diag_t d;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	if (store_open(&job.v.store, ctx->db_path, STORE_READ, &d) != 0 ||
	    store_load_run_packed(job.v.store, o.id, &job.v.saved, &d) != 0)
		rc = report(&d);
	else if ((rc = plan_file(&job, &path)) == 0)
		rc = with_plan(path, verify, &job);
	run_release(&job.v.saved);
	run_release(&job.v.now);
	store_close(job.v.store);
	return rc;
}
