/* assay explain PLAN --period P --unit U [--indicator I]: how each score
 * came about: the inputs, each rule with the line of the rule file that
 * set it, and how the total, rank and verdict follow. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "engine.h"
#include "render.h"

#define USAGE "assay explain PLAN --period P --unit U [--indicator I]"

static const char help[] =
	"usage: " USAGE "\n\n"
	"Explains a unit's scorecard for a period: per indicator the figure\n"
	"(reported, carried or missing), the target, the weight and the time\n"
	"progress expected, then the completion, score and light with the rule\n"
	"that gave each and the line of the rule file that set it; then how the\n"
	"total, the rank and the verdict follow.\n\n"
	"options:\n"
	"  -p, --period P        the period (required)\n"
	"  -u, --unit U          the unit, by id or name (required)\n"
	"  -i, --indicator I     only this indicator\n" LIMIT_HELP;

struct explain_options {
	const struct context *ctx;
	const char *plan, *period, *unit, *indicator;
	struct host_limits limits;
};

static int parse_options(int argc, char **argv, struct explain_options *o)
{
	static const struct option options[] = {
		{"period", required_argument, NULL, 'p'},   {"unit", required_argument, NULL, 'u'},
		{"indicator", required_argument, NULL, 'i'}, LIMIT_OPTIONS, {0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "p:u:i:", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o->period = optarg; break;
		case 'u': o->unit = optarg; break;
		case 'i': o->indicator = optarg; break;
		default:
			if (limits_or_unknown_option(opt, optarg, &o->limits, USAGE) != 0)
				return EXIT_USAGE;
		}
	}
	if (one_plan_and_period(argc, argv, "explain", o->period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	if (!o->unit)
		return usage_error(USAGE, "--unit is required");
	return 0;
}

static void line(struct sbuf *out, const char *label, const char *text)
{
	sbuf_addf(out, "  %-11s %s\n", label, text);
}

/* "1 名, reported for 2023-09 · carried from 2023-06 · note: ..." */
static void explain_figure(const struct board *b, const struct item *it, struct sbuf *out)
{
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	struct sbuf text = {0}, notes = {0};
	char num[64], base[64];
	const char *actual = render_item_actual(b, it, num, sizeof num);
	if (!*actual)
		sbuf_add(&text, it->flags & FLAG_MISSING ? "not reported (未报送)" : "none");
	else
		sbuf_addf(&text, "%s%s%s", actual, ind->measure[0] && ind->kind != KIND_TASK ? " " : "",
			  ind->kind == KIND_TASK ? "" : ind->measure);
	if (!isnan(it->last_year))
		sbuf_addf(&text, " (from %s against %s a year before)",
			  format_number(num, sizeof num, it->reported),
			  format_number(base, sizeof base, it->last_year));
	render_item_notes(b, it, &notes);
	if (notes.len)
		sbuf_addf(&text, " · %s", sbuf_str(&notes));
	line(out, "figure", sbuf_str(&text));
	sbuf_release(&text);
	sbuf_release(&notes);
}

static void explain_inputs(const struct board *b, const struct item *it, struct sbuf *out)
{
	struct sbuf text = {0};
	char num[64];
	explain_figure(b, it, out);
	render_item_target(b, it, &text);
	sbuf_addf(&text, " (%s)", target_form_name(b->plan->assignments[it - b->items].target.form));
	line(out, "target", sbuf_str(&text));
	if (it->status == ITEM_SCORED) {
		line(out, "weight", format_number(num, sizeof num, it->weight));
		sbuf_reset(&text);
		sbuf_addf(&text, "%s of the target expected by the figure's month",
			  render_percent(num, sizeof num, it->progress));
		line(out, "progress", sbuf_str(&text));
	}
	sbuf_release(&text);
}

/* "0.50  ← score.default at rules/x.lua:77" */
static void explain_step(struct host *h, const char *label, const char *value, const char *rule,
			 int indicator, struct sbuf *out)
{
	struct sbuf origin = {0}, text = {0};
	host_rule_origin(h, rule, indicator, &origin);
	sbuf_addf(&text, "%s  ← %s", value, sbuf_str(&origin));
	line(out, label, sbuf_str(&text));
	sbuf_release(&origin);
	sbuf_release(&text);
}

static void explain_item(struct host *h, const struct board *b, const struct item *it,
			 struct sbuf *out)
{
	static const char *const not_scored[] = {"", "not due yet: not scored, no light",
						 "supporting: the lead unit is scored",
						 "shown with its figure, never scored"};
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	char num[64];
	struct sbuf text = {0};
	sbuf_addf(out, "%s (%s)\n", ind->name, ind->id);
	explain_inputs(b, it, out);
	if (ind->ninputs)
		explain_step(h, "derived", render_actual(num, sizeof num, it->actual), "derive",
			     it->indicator, out);
	if (it->error) {
		line(out, "error", board_text(b, it->error));
	} else if (it->status != ITEM_SCORED) {
		line(out, "status", not_scored[it->status]);
	} else {
		const char *c = render_percent(num, sizeof num, it->completion);
		explain_step(h, "completion", *c ? c : "none", "completion", it->indicator, out);
		explain_step(h, "score", format_fixed(num, sizeof num, it->score, 2), "score",
			     it->indicator, out);
		sbuf_addf(&text, "%s%s%s", light_name(it->light), it->reason ? ": " : "",
			  board_text(b, it->reason));
		explain_step(h, "light", sbuf_str(&text), "light", it->indicator, out);
	}
	sbuf_addc(out, '\n');
	sbuf_release(&text);
}

static void explain_card(struct host *h, const struct board *b, const struct card *c,
			 struct sbuf *out)
{
	const struct plan *p = b->plan;
	char a[64], w[64], t[64];
	struct sbuf text = {0};
	if (!card_ranked(c)) {
		line(out, "total", card_failed(c) ? "not scored: a rule failed" : "nothing was due and scored");
		sbuf_release(&text);
		return;
	}
	sbuf_addf(&text, "%s from %s points of %s weight over %d scored indicator%s",
		  format_fixed(t, sizeof t, c->base_total, 2), format_fixed(a, sizeof a, c->score, 2),
		  format_fixed(w, sizeof w, c->weight, 2), c->scored, c->scored == 1 ? "" : "s");
	explain_step(h, "total", sbuf_str(&text), "total", -1, out);
	if (c->nadjustments) {
		sbuf_reset(&text);
		sbuf_addf(&text, "%s%s → %s", c->adjustment >= 0 ? "+" : "",
			  format_fixed(a, sizeof a, c->adjustment, 2), format_fixed(t, sizeof t, c->total, 2));
		explain_step(h, "adjustment", sbuf_str(&text), "adjust", -1, out);
	}
	sbuf_reset(&text);
	sbuf_addf(&text, "%d of %d in %s, by totals rounded to 2 decimals", c->rank, c->group_size,
		  p->groups[p->units[c->unit].group].name);
	line(out, "rank", sbuf_str(&text));
	sbuf_reset(&text);
	sbuf_addf(&text, "%s%s%s", verdict_name(c->verdict), c->verdict_reason ? ": " : "",
		  board_text(b, c->verdict_reason));
	if (c->veto)
		sbuf_addf(&text, " (%s)", board_text(b, c->veto));
	explain_step(h, "verdict", sbuf_str(&text),
		     c->verdict == VERDICT_RED_LIGHT ? "red_light" : "commend", -1, out);
	sbuf_release(&text);
}

static int explain(const struct plan *plan, void *arg)
{
	const struct explain_options *o = arg;
	struct period period;
	struct host *host = NULL;
	struct store *store = NULL;
	struct readings r = {0};
	struct board b = {0};
	diag_t d;
	int rc = plan_period(plan, o->period, USAGE, &period);
	if (rc != 0)
		return rc;
	int unit, ind;
	if (resolve_subject(plan, o->unit, o->indicator, &unit, &ind, &d) != 0 ||
	    host_open_for(&host, plan, &period, &o->limits, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    readings_gather(&r, plan, store, &period, &d) != 0) {
		rc = report(&d);
	} else {
		engine_score(plan, host, &period, &r, &b);
		const struct card *c = &b.cards[unit];
		struct sbuf out = {0};
		char text[PERIOD_TEXT];
		sbuf_addf(&out, "%s (%s) · %s · %s\n\n", plan->units[unit].name, plan->units[unit].id,
			  plan->groups[plan->units[unit].group].name, period_format(&period, text));
		for (size_t k = c->first; k < c->first + c->count; k++)
			if (ind < 0 || b.items[k].indicator == ind)
				explain_item(host, &b, &b.items[k], &out);
		if (ind < 0)
			explain_card(host, &b, c, &out);
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
	}
	board_release(&b);
	readings_release(&r);
	store_close(store);
	host_close(host);
	return rc;
}

int cmd_explain(int argc, char **argv, const struct context *ctx)
{
	struct explain_options o = {.ctx = ctx};
	limits_default(&o.limits);
	if (wants_help(argc, argv, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	return rc != 0 ? rc : with_plan(o.plan, explain, &o);
}
