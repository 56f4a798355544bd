/* assay status PLAN --period P: the reporting situation (报送情况) for the
 * monthly dispatch: per unit, what is due, reported, missing, carried and
 * flagged for review. Reads the store only; no rules run. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "readings.h"
#include "table.h"

#define USAGE "assay status PLAN --period P"

static const char *const help[] = {N_(
	"Shows, per unit, the figures due for the period (2023, 2023Q3 or 2023-09),\n"
	"how many were reported, which are missing (未报送), carried from an earlier\n"
	"quarter, or flagged for review (a year-to-date figure that fell, or one\n"
	"that jumped by more than the plan's jump_factor). Tasks count as reported\n"
	"once any status was reported. Derived indicators and supporting units are\n"
	"left out: nothing is reported for them. A milestone (due:) is owed from its\n"
	"due date; a figure reported before then counts as reported.\n"), NULL};

/* One unit's counts, and the names behind them. */
struct unit_status {
	int due, reported, missing, carried, review;
	struct sbuf details;
};

static void add_name(struct sbuf *list, const char *label, const char *name, bool *first)
{
	sbuf_addf(list, "%s%s", *first ? label : "、", name);
	*first = false;
}

static void unit_status(const struct plan *plan, const struct readings *r, size_t u, int on,
			struct unit_status *st)
{
	struct sbuf missing = {0}, review = {0};
	bool first_missing = true, first_review = true;
	memset(st, 0, sizeof *st);
	for (size_t k = plan->unit_first[u]; k < plan->unit_first[u + 1]; k++) {
		const struct plan_indicator *ind = &plan->indicators[plan->assignments[k].indicator];
		const struct reading *rd = &r->v[k];
		enum duty duty = reading_duty(plan, k, rd, on);
		if (duty == DUTY_NONE)
			continue;
		st->due++;
		st->reported += duty == DUTY_REPORTED;
		st->carried += (rd->flags & FLAG_CARRIED) != 0;
		if (duty == DUTY_MISSING) {
			st->missing++;
			add_name(&missing, "未报送：", ind->name, &first_missing);
		}
		if (rd->flags & FLAGS_REVIEW) {
			st->review++;
			add_name(&review, "待核：", ind->name, &first_review);
		}
	}
	sbuf_add(&st->details, sbuf_str(&missing));
	if (review.len)
		sbuf_addf(&st->details, "%s%s", missing.len ? "；" : "", sbuf_str(&review));
	sbuf_release(&missing);
	sbuf_release(&review);
}

static void add_count_row(struct table *t, const char *name, const int counts[5],
			  const char *details)
{
	char cells[5][16];
	for (int i = 0; i < 5; i++)
		snprintf(cells[i], sizeof cells[i], "%d", counts[i]);
	const char *row[7] = {name, cells[0], cells[1], cells[2], cells[3], cells[4], details};
	table_add_row(t, row);
}

static void render_status(const struct plan *plan, const struct readings *r,
			  const struct period *period, struct sbuf *out)
{
	static const char *const english[] = {N_("unit"), N_(">due"), N_(">reported"), N_(">missing"),
					      N_(">carried"), N_(">review"), N_("details")};
	const char *headers[7];
	struct table t;
	int total[5] = {0};
	char text[PERIOD_TEXT];
	tr_all(english, 7, headers);
	table_init(&t, 7, headers);
	for (size_t u = 0; u < plan->nunits; u++) {
		struct unit_status st;
		unit_status(plan, r, u, period_end_date(period), &st);
		int counts[5] = {st.due, st.reported, st.missing, st.carried, st.review};
		for (int i = 0; i < 5; i++)
			total[i] += counts[i];
		add_count_row(&t, plan->units[u].name, counts, sbuf_str(&st.details));
		sbuf_release(&st.details);
	}
	add_count_row(&t, tr_in("the row of sums", "total"), total, "");
	sbuf_addf(out, _("%s (%s)\nreporting status for %s\n\n"), plan->title, plan->id,
		  period_format(period, text));
	table_render(&t, "", out);
	table_release(&t);
}

static int status(const struct context *ctx, const struct plan *plan, const char *period_text)
{
	struct period period;
	struct store *store = NULL;
	struct readings readings = {0};
	struct sbuf out = {0};
	diag_t d;
	int rc = plan_period(plan, period_text, USAGE, &period);
	if (rc != 0)
		return rc;
	if (store_open(&store, ctx->db_path, STORE_READ, &d) != 0 ||
	    readings_gather(&readings, plan, store, &period, &d) != 0) {
		rc = report(&d);
	} else {
		render_status(plan, &readings, &period, &out);
		rc = print_out(sbuf_str(&out), out.len);
	}
	sbuf_release(&out);
	readings_release(&readings);
	store_close(store);
	return rc;
}

int cmd_status(int argc, char **argv, const struct context *ctx)
{
	static const struct option options[] = {{"period", required_argument, NULL, 'p'},
						{0, 0, 0, 0}};
	const char *period = NULL;
	int opt;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	while ((opt = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
		if (opt != 'p')
			return usage_error(USAGE, _("unknown option"));
		period = optarg;
	}
	if (argc - optind != 1)
		return usage_error(USAGE, _("status takes one plan file"));
	if (!period)
		return usage_error(USAGE, _("--period is required"));
	struct plan plan;
	diag_t d;
	if (plan_load(&plan, argv[optind], &d) != 0)
		return report(&d);
	int rc = status(ctx, &plan, period);
	plan_release(&plan);
	return rc;
}
