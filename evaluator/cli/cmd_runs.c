/* assay runs PLAN: the saved runs of a plan. */
#include <stdio.h>

#include "cli.h"
#include "numbers.h"
#include "plan.h"
#include "run.h"
#include "store.h"
#include "table.h"

#define USAGE "assay runs PLAN"

static const char *const help[] = {N_(
	"Lists the runs of the plan saved with assay score --save, by period:\n"
	"the run number, the period, when (UTC) and by whom ($USER) it was saved,\n"
	"whether it is final (and what it supersedes or was superseded by), the\n"
	"first digits of the SHA-256 fingerprints of the plan file, the rule\n"
	"files, the parameters and the figures it was scored from, and why it\n"
	"supersedes another. assay show RUN prints one as it was.\n"), NULL};

static void add_run_row(void *ctx, const struct run *r)
{
	struct table *t = ctx;
	const char *full[4] = {r->plan_sha256, r->rules_sha256, r->params_sha256, r->figures_sha256};
	char id[32], saved[32], sha[4][FINGERPRINT_SHORT + 1];
	struct sbuf standing = {0};
	snprintf(id, sizeof id, "%ld", r->id);
	for (int k = 0; k < 4; k++)
		snprintf(sha[k], sizeof sha[k], "%s", full[k]);
	run_standing(r, &standing);
	const char *row[10] = {id, r->period, format_utc(saved, r->saved_at), r->user,
			       sbuf_str(&standing), sha[0], sha[1], sha[2], sha[3], r->reason};
	table_add_row(t, row);
	sbuf_release(&standing);
}

static int list_runs(const struct plan *plan, void *arg)
{
	static const char *const english[] = {N_(">run"), N_("period"), N_("saved (UTC)"), N_("by"),
					      N_("status"), N_("plan"), N_("rules"), N_("params"),
					      N_("figures"), N_("reason")};
	const char *headers[10];
	const struct context *ctx = arg;
	struct store *store = NULL;
	struct table t;
	diag_t d;
	int rc;
	tr_all(english, 10, headers);
	table_init(&t, 10, headers);
	if (store_open(&store, ctx->db_path, STORE_READ, &d) != 0 ||
	    store_each_run(store, plan->id, add_run_row, &t, &d) != 0) {
		rc = report(&d);
	} else {
		struct sbuf out = {0};
		if (t.nrows > 1) /* row 0 is the header */
			table_render(&t, "", &out);
		else
			sbuf_addf(&out, _("no runs of plan '%s' saved yet (assay score PLAN --period P --save)\n"),
				  plan->id);
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
	}
	table_release(&t);
	store_close(store);
	return rc;
}

int cmd_runs(int argc, char **argv, const struct context *ctx)
{
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = plan_arguments(argc, argv, USAGE, "runs", 1);
	return rc != 0 ? rc : with_plan(argv[optind], list_runs, (void *)ctx);
}
