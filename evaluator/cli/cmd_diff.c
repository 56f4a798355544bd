/* assay diff RUN_A RUN_B, or assay diff PLAN --period A --period B: what
 * changed between two saved runs, and why. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "rundiff.h"
#include "store.h"

#define USAGE "assay diff RUN_A RUN_B | assay diff PLAN --period A --period B"

static const char *const help[] = {N_(
	"Compares two saved runs of a plan (assay runs lists them; with --period,\n"
	"the run that stands for each period: its final run, else its draft):\n"
	"who moved up or down each peer group's ranking and by how much, whose\n"
	"lights changed, who entered or left the commendation and red-light\n"
	"lists; and why, from what the runs were scored from: the figures\n"
	"corrected (each named, old value and new) or added, the rule files and\n"
	"parameters changed, the plan file changed.\n\n"
	"options:\n"
	"  -p, --period P   a period whose run to compare; given twice\n"), NULL};

struct diff_options {
	const struct context *ctx;
	const char *periods[2];
	int nperiods;
	long ids[2];
};

static int parse_options(int argc, char **argv, struct diff_options *o)
{
	static const struct option options[] = {{"period", required_argument, NULL, 'p'},
						{0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
		if (opt != 'p')
			return usage_error(USAGE, _("unknown option"));
		if (o->nperiods == 2)
			return usage_error(USAGE, _("--period is given twice, not more"));
		o->periods[o->nperiods++] = optarg;
	}
	int n = argc - optind;
	if (o->nperiods == 1 || (o->nperiods == 2 && n != 1))
		return usage_error(USAGE, _("with --period, give a plan file and two periods"));
	if (o->nperiods == 2)
		return 0;
	if (n != 2)
		return usage_error(USAGE, _("diff takes two run numbers, or a plan and two --period"));
	for (int k = 0; k < 2; k++)
		if (run_id_argument(argv[optind + k], "diff", USAGE, &o->ids[k]) != 0)
			return EXIT_USAGE;
	return 0;
}

/* "run 1 (2023-07, draft)". */
static void run_label(const struct run *r, struct sbuf *out)
{
	sbuf_addf(out, _("run %ld (%s, %s)"), r->id, r->period, _(run_status(r)));
}

static int compare(struct store *store, const long ids[2], diag_t *d)
{
	struct run a = {0}, b = {0};
	int rc = EXIT_OK;
	if (store_load_run(store, ids[0], &a, d) != 0 || store_load_run(store, ids[1], &b, d) != 0) {
		rc = report(d);
	} else if (strcmp(a.plan, b.plan) != 0) {
		fprintf(stderr, _("assay: run %ld is of plan '%s', run %ld of plan '%s': diff compares "
			"runs of one plan\n"), a.id, a.plan, b.id, b.plan);
		rc = EXIT_FAIL;
	} else {
		struct sbuf out = {0};
		sbuf_addf(&out, "%s (%s)\n", b.title, b.plan);
		run_label(&a, &out);
		sbuf_add(&out, " → ");
		run_label(&b, &out);
		sbuf_add(&out, "\n\n");
		rundiff_results(&a, &b, false, &out);
		sbuf_add(&out, _("\nwhy\n"));
		rundiff_inputs(&a, &b, &out);
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
	}
	run_release(&a);
	run_release(&b);
	return rc;
}

/* The runs that stand for the two periods of the plan. */
static int runs_of_periods(const struct plan *plan, struct store *store,
			   const struct diff_options *o, long ids[2], diag_t *d)
{
	for (int k = 0; k < 2; k++) {
		struct period p;
		char text[PERIOD_TEXT];
		int rc = plan_period(plan, o->periods[k], USAGE, &p);
		if (rc != 0)
			return rc;
		if (store_current_run(store, plan->id, period_format(&p, text), &ids[k], d) != 0)
			return report(d);
		if (!ids[k]) {
			fprintf(stderr, _("assay: no run of plan '%s' for %s is saved (assay score PLAN "
				"--period %s --save)\n"), plan->id, text, text);
			return EXIT_FAIL;
		}
	}
	return 0;
}

static int diff_periods(const struct plan *plan, void *arg)
{
	const struct diff_options *o = arg;
	struct store *store = NULL;
	long ids[2];
	diag_t d;
	int rc;
	if (store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0)
		rc = report(&d);
	else if ((rc = runs_of_periods(plan, store, o, ids, &d)) == 0)
		rc = compare(store, ids, &d);
	store_close(store);
	return rc;
}

int cmd_diff(int argc, char **argv, const struct context *ctx)
{
	struct diff_options o = {.ctx = ctx};
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	if (o.nperiods == 2)
		return with_plan(argv[optind], diff_periods, &o);
	struct store *store = NULL;
	diag_t d;
	if (store_open(&store, ctx->db_path, STORE_READ, &d) != 0)
		rc = report(&d);
	else
		rc = compare(store, o.ids, &d);
	store_close(store);
	return rc;
}
