/* assay explain PLAN --period P --unit U [--indicator I] [--format json]:
 * how each score came about: the inputs, each rule with the line of the
 * rule file that set it and each step of the standard library with its
 * intermediate values, and how the total, rank and verdict follow. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "numbers.h"
#include "plan_target.h"
#include "render.h"
#include "score.h"
#include "trace.h"
#include "utf8.h"

#define USAGE "assay explain PLAN --period P --unit U [--indicator I] [--format table|json]"

static const char *const help[] = {N_(
	"Explains a unit's scorecard for a period: per indicator the figure\n"
	"(reported, carried or missing), the target, the weight and the time\n"
	"progress expected, then the completion, score and light with the rule\n"
	"that gave each and the line of the rule file that set it, and under\n"
	"each the standard library's steps with their values (std.ratio's\n"
	"floor, cap and share, std.time_progress's margins, ...); then how the\n"
	"total, the rank and the verdict follow.\n\n"
	"options:\n"
	"  -p, --period P        the period (required)\n"
	"  -u, --unit U          the unit, by id or name (required)\n"
	"  -i, --indicator I     only this indicator\n"
	"  -f, --format FORMAT   table (default) or json (schema assay.explain/1)\n"), LIMIT_HELP, N_(
	"\nExits 1 when a rule failed on what is explained; the explanation shows\n"
	"where.\n"), NULL};

struct explain_options {
	const struct context *ctx;
	const char *plan, *period, *unit, *indicator;
	bool json;
	struct host_limits limits;
};

static int parse_options(int argc, char **argv, struct explain_options *o)
{
	static const struct option options[] = {
		{"period", required_argument, NULL, 'p'},   {"unit", required_argument, NULL, 'u'},
		{"indicator", required_argument, NULL, 'i'}, {"format", required_argument, NULL, 'f'},
		LIMIT_OPTIONS, {0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "p:u:i:f:", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o->period = optarg; break;
		case 'u': o->unit = optarg; break;
		case 'i': o->indicator = optarg; break;
		case 'f':
			if (parse_table_or_json(optarg, USAGE, &o->json) != 0)
				return EXIT_USAGE;
			break;
		default:
			if (limits_or_unknown_option(opt, optarg, &o->limits, USAGE) != 0)
				return EXIT_USAGE;
		}
	}
	if (one_plan_and_period(argc, argv, "explain", o->period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	if (!o->unit)
		return usage_error(USAGE, _("--unit is required"));
	return 0;
}

/* What an explanation reads: the board, the trace of its unit, the host
 * (for where each rule was set). */
struct story {
	struct host *host;
	const struct board *b;
	const struct trace *trace;
	const struct card *card;
};

/* Whether step s is one of (item, stage); the stage "verdict" is every
 * verdict rule asked: red_light, commend and veto. */
static bool in_stage(const struct trace_step *s, long item, const char *stage)
{
	if (s->item != item)
		return false;
	if (strcmp(stage, "verdict") == 0)
		return strcmp(s->stage, "red_light") == 0 || strcmp(s->stage, "commend") == 0 ||
		       strcmp(s->stage, "veto") == 0;
	return strcmp(s->stage, stage) == 0;
}

/* Whether step s is the host's note of a verdict rule's answer. */
static bool is_answer(const struct trace_step *s)
{
	return strcmp(s->function, s->stage) == 0;
}

/* ---- the peers a rank follows from -------------------------------------- */

#define NAMED_PEERS 3

/* How a rank follows from the rounded totals of the unit's peer group. */
struct rank_story {
	int above;                      /* peers with a higher total */
	double nearest;                 /* the lowest of those totals */
	const struct card *next[NAMED_PEERS]; /* peers at `nearest` */
	int nnext;
	const struct card *tied[NAMED_PEERS]; /* peers at the same total */
	int ntied;
};

static void add_peer(const struct card **list, int *n, const struct card *c)
{
	if (*n < NAMED_PEERS)
		list[*n] = c;
	(*n)++;
}

static void rank_story_of(const struct board *b, const struct card *c, struct rank_story *r)
{
	const struct plan *p = b->plan;
	double mine = board_rank_value(c->total);
	*r = (struct rank_story){.nearest = INFINITY};
	for (size_t k = 0; k < b->ncards; k++) {
		const struct card *o = &b->cards[k];
		if (o == c || !card_ranked(o) || p->units[o->unit].group != p->units[c->unit].group)
			continue;
		double v = board_rank_value(o->total);
		if (v == mine)
			add_peer(r->tied, &r->ntied, o);
		else if (v > mine && ++r->above && v < r->nearest)
			r->nearest = v;
	}
	for (size_t k = 0; r->above && k < b->ncards; k++) {
		const struct card *o = &b->cards[k];
		if (o != c && card_ranked(o) && p->units[o->unit].group == p->units[c->unit].group &&
		    board_rank_value(o->total) == r->nearest)
			add_peer(r->next, &r->nnext, o);
	}
}

/* "区科技局, 区财政局 and 2 more" */
static void add_names(const struct board *b, const struct card *const *list, int n,
		      struct sbuf *out)
{
	for (int k = 0; k < n && k < NAMED_PEERS; k++)
		sbuf_addf(out, "%s%s", k ? tr_in("list", ", ") : "", b->plan->units[list[k]->unit].name);
	if (n > NAMED_PEERS)
		sbuf_addf(out, _(" and %d more"), n - NAMED_PEERS);
}

/* ---- text --------------------------------------------------------------- */

/* A line under its label (marked in the context "explain"), the labels
 * padded to one width in the reader's language. */
static void line(struct sbuf *out, const char *label, const char *text)
{
	sbuf_add(out, "  ");
	sbuf_pad(out, tr_in("explain", label), 11, false);
	sbuf_addf(out, " %s\n", text);
}

/* "1 名, reported for 2023-09 · carried from 2023-06 · note: ..." */
static void explain_figure(const struct board *b, const struct item *it, struct sbuf *out)
{
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	struct sbuf text = {0}, notes = {0};
	char num[64], base[64];
	const char *actual = render_item_actual_read(b, it, num, sizeof num);
	if (!*actual)
		sbuf_add(&text, it->flags & FLAG_MISSING ? _("not reported (未报送)") : _("none"));
	else
		sbuf_addf(&text, "%s%s%s", actual, ind->measure[0] && ind->kind != KIND_TASK ? " " : "",
			  ind->kind == KIND_TASK ? "" : ind->measure);
	struct plan_target t = plan_target_of(b->plan, &b->plan->assignments[it->assignment]);
	double last_year = item_trend(b, it)->last_year;
	if (t.yearly_average && t.base != 0)
		last_year = t.base;
	if (!isnan(last_year) && t.yearly_average)
		sbuf_addf(&text, _(" (from %s against %s in %d, a yearly average over %d years)"),
			  format_number(num, sizeof num, it->reported),
			  format_number(base, sizeof base, last_year), b->plan->year - 1,
			  plan_growth_years(b->plan, &t, b->period.year));
	else if (!isnan(last_year))
		sbuf_addf(&text, _(" (from %s against %s a year before)"),
			  format_number(num, sizeof num, it->reported),
			  format_number(base, sizeof base, last_year));
	render_item_notes(b, it, &notes);
	if (notes.len)
		sbuf_addf(&text, " · %s", sbuf_str(&notes));
	line(out, NC_("explain", "figure"), sbuf_str(&text));
	sbuf_release(&text);
	sbuf_release(&notes);
}

static void explain_inputs(const struct board *b, const struct item *it, struct sbuf *out)
{
	struct sbuf text = {0};
	char num[64];
	explain_figure(b, it, out);
	render_item_target(b, it, &text);
	if (text.len)
		sbuf_addf(&text, _(" (%s)"),
			  target_form_read(plan_target_of(b->plan, &b->plan->assignments[it->assignment]).form));
	line(out, NC_("explain", "target"), text.len ? sbuf_str(&text) : _("none: not scored"));
	if (it->status == ITEM_SCORED) {
		line(out, NC_("explain", "weight"), format_number(num, sizeof num, item_weight(b, it)));
		sbuf_reset(&text);
		sbuf_addf(&text, _("%s of the target expected by the figure's month"),
			  render_percent(num, sizeof num, item_progress(b, it)));
		line(out, NC_("explain", "progress"), sbuf_str(&text));
	}
	sbuf_release(&text);
}

/* The steps noted for (item, stage), a line each under the rule's line:
 * "std.time_progress (rules/x.lua:21): expected 75% − ...", with where the
 * rule file made the library's rule unless that is the rule's own line
 * (rule_at). A verdict rule's answer, noted by the host, names the rule
 * and where it was set. */
static void explain_steps(const struct story *st, long item, const char *stage,
			  const char *rule_at, struct sbuf *out)
{
	struct sbuf origin = {0};
	for (size_t k = 0; k < st->trace->nsteps; k++) {
		const struct trace_step *s = &st->trace->steps[k];
		bool place = s->made_at && strcmp(s->made_at, rule_at) != 0;
		if (!in_stage(s, item, stage))
			continue;
		if (is_answer(s)) {
			host_rule_origin(st->host, s->function, -1, &origin);
			sbuf_addf(out, "  %-11s %s: %s\n", "", sbuf_str(&origin), s->text);
		} else {
			sbuf_addf(out, "  %-11s %s%s%s%s: %s\n", "", s->function, place ? " (" : "",
				  place ? s->made_at : "", place ? ")" : "", s->text);
		}
	}
	sbuf_release(&origin);
}

/* "0.50  ← score.default at rules/x.lua:77", and the steps of `stage`
 * beneath. */
static void explain_rule(const struct story *st, const char *label, const char *value,
			 const char *rule, const char *stage, const struct item *it,
			 struct sbuf *out)
{
	struct sbuf origin = {0}, text = {0};
	struct rule_origin o;
	int ind = it ? it->indicator : -1;
	host_rule_origin(st->host, rule, ind, &origin);
	host_rule_where(st->host, rule, ind, &o);
	sbuf_addf(&text, "%s  ← %s", value, sbuf_str(&origin));
	line(out, label, sbuf_str(&text));
	explain_steps(st, it ? it - st->b->items : -1, stage, o.at, out);
	sbuf_release(&origin);
	sbuf_release(&text);
}

static const char *const not_scored[] = {"", N_("not due yet: not scored, no light"),
					 N_("supporting: the lead unit is scored"),
					 N_("shown with its figure, never scored")};

static void explain_item(const struct story *st, const struct item *it, struct sbuf *out)
{
	const struct board *b = st->b;
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	char num[64];
	struct sbuf text = {0};
	sbuf_addf(out, "%s (%s)\n", ind->name, ind->id);
	explain_inputs(b, it, out);
	if (ind->ninputs)
		explain_rule(st, NC_("explain", "derived"), render_actual(num, sizeof num, it->actual),
			     "derive", "derive", it, out);
	if (it->error) {
		line(out, NC_("explain", "error"), board_text(b, it->error));
	} else if (it->status != ITEM_SCORED) {
		line(out, NC_("explain", "status"), _(not_scored[it->status]));
	} else {
		const char *c = render_percent(num, sizeof num, it->completion);
		explain_rule(st, NC_("explain", "completion"), *c ? c : _("none"), "completion",
			     "completion", it, out);
		explain_rule(st, NC_("explain", "score"), format_fixed(num, sizeof num, it->score, 2),
			     "score", "score", it, out);
		sbuf_addf(&text, "%s%s", _(light_name(b, it->light)), it->reason ? _(": ") : "");
		item_reason_add(b, it, &text);
		explain_rule(st, NC_("explain", "light"), sbuf_str(&text), "light", "light", it, out);
	}
	sbuf_addc(out, '\n');
	sbuf_release(&text);
}

/* "3 of 3 in 区级部门, by totals rounded to 2 decimals: 2 units above, the
 * nearest 区科技局, 区财政局 at 100.00; level with ..." */
static void explain_rank(const struct board *b, const struct card *c, struct sbuf *out)
{
	const struct plan *p = b->plan;
	struct rank_story r;
	struct sbuf text = {0};
	char t[64];
	rank_story_of(b, c, &r);
	sbuf_addf(&text, _("%d of %d in %s, by totals rounded to 2 decimals"), c->rank, c->group_size,
		  p->groups[p->units[c->unit].group].name);
	if (r.above) {
		sbuf_addf(&text, trn(": %d unit above, the nearest ", ": %d units above, the nearest ",
				     (unsigned long)r.above), r.above);
		add_names(b, r.next, r.nnext, &text);
		sbuf_addf(&text, _(" at %s"), format_fixed(t, sizeof t, r.nearest, 2));
	}
	if (r.ntied) {
		sbuf_add(&text, r.above ? _("; level with ") : _(": level with "));
		add_names(b, r.tied, r.ntied, &text);
	}
	line(out, NC_("explain", "rank"), sbuf_str(&text));
	sbuf_release(&text);
}

/* Why the verdict is what the rules answered: a red light comes first, a
 * commendation a binding indicator's red light vetoes. */
static const char *verdict_why(const struct story *st)
{
	bool red = false, commend = false;
	for (size_t k = 0; k < st->trace->nsteps; k++) {
		const struct trace_step *s = &st->trace->steps[k];
		bool yes = s->nvalues && s->values[0].number != 0;
		if (s->item == -1 && is_answer(s)) {
			red |= strcmp(s->stage, "red_light") == 0 && yes;
			commend |= strcmp(s->stage, "commend") == 0 && yes;
		}
	}
	if (red && commend)
		return "a red light comes before a commendation";
	if (commend && st->card->veto)
		return "a binding indicator is red: the commendation is vetoed";
	return NULL;
}

static void explain_card(const struct story *st, struct sbuf *out)
{
	const struct card *c = st->card;
	char a[64], w[64], t[64];
	struct sbuf text = {0};
	if (!card_has_total(c)) {
		line(out, NC_("explain", "total"), card_failed(c) ? _("not scored: a rule failed")
							       : _("nothing was due and scored"));
		if (c->error)
			line(out, NC_("explain", "error"), board_text(st->b, c->error));
		return;
	}
	sbuf_addf(&text, trn("%s from %s points of %s weight over %d scored indicator",
			     "%s from %s points of %s weight over %d scored indicators",
			     (unsigned long)c->scored),
		  format_fixed(t, sizeof t, c->base_total, 2), format_fixed(a, sizeof a, c->score, 2),
		  format_fixed(w, sizeof w, c->weight, 2), c->scored);
	explain_rule(st, NC_("explain", "total"), sbuf_str(&text), "total", "total", NULL, out);
	if (c->nadjustments) {
		sbuf_reset(&text);
		sbuf_addf(&text, "%s%s → %s", c->adjustment >= 0 ? "+" : "",
			  format_fixed(a, sizeof a, c->adjustment, 2), format_fixed(t, sizeof t, c->total, 2));
		explain_rule(st, NC_("explain", "adjustment"), sbuf_str(&text), "adjust", "adjust", NULL,
			     out);
	}
	if (c->verdict_failed) {
		line(out, NC_("explain", "rank"), _("not ranked: a verdict rule failed"));
		line(out, NC_("explain", "error"), board_text(st->b, c->error));
		sbuf_release(&text);
		return;
	}
	explain_rank(st->b, c, out);
	sbuf_reset(&text);
	sbuf_addf(&text, "%s%s%s", tr_in("verdict code", verdict_name(c->verdict)), c->verdict_reason ? _(": ") : "",
		  board_text(st->b, c->verdict_reason));
	if (c->veto)
		sbuf_addf(&text, _(" (%s)"), board_text(st->b, c->veto));
	explain_rule(st, NC_("explain", "verdict"), sbuf_str(&text),
		     c->verdict == VERDICT_RED_LIGHT ? "red_light" : "commend", "verdict", NULL, out);
	if (verdict_why(st))
		line(out, "", verdict_why(st));
	sbuf_release(&text);
}

static void render_story(const struct story *st, int ind, struct sbuf *out)
{
	const struct board *b = st->b;
	const struct card *c = st->card;
	const struct plan *p = b->plan;
	char text[PERIOD_TEXT];
	sbuf_addf(out, "%s (%s) · %s · %s\n\n", p->units[c->unit].name, p->units[c->unit].id,
		  p->groups[p->units[c->unit].group].name, period_format(&b->period, text));
	for (size_t k = c->first; k < c->first + c->count; k++)
		if (ind < 0 || b->items[k].indicator == ind)
			explain_item(st, &b->items[k], out);
	if (ind < 0)
		explain_card(st, out);
}

/* ---- JSON --------------------------------------------------------------- */

static void json_value(struct sbuf *out, const struct trace_value *v, bool first)
{
	char num[64];
	json_key(out, v->name, first);
	if (v->kind == TRACE_NUMBER && !isnan(v->number))
		sbuf_add(out, format_number(num, sizeof num, v->number));
	else if (v->kind == TRACE_BOOL)
		sbuf_add(out, v->number ? "true" : "false");
	else if (v->kind == TRACE_TEXT)
		json_string(out, v->text);
	else
		sbuf_add(out, "null");
}

/* "steps": [{"function", "made_at", "text", "values": {...}}] */
static void json_steps(const struct story *st, long item, const char *stage, struct sbuf *out)
{
	bool first = true;
	json_key(out, "steps", false);
	sbuf_addc(out, '[');
	for (size_t k = 0; k < st->trace->nsteps; k++) {
		const struct trace_step *s = &st->trace->steps[k];
		if (!in_stage(s, item, stage))
			continue;
		sbuf_add(out, first ? "{" : ",{");
		first = false;
		json_str_field(out, "function", s->function, true);
		json_str_or_null(out, "made_at", s->made_at, false);
		json_str_field(out, "text", s->text, false);
		json_key(out, "values", false);
		sbuf_addc(out, '{');
		for (size_t i = 0; i < s->nvalues; i++)
			json_value(out, &s->values[i], i == 0);
		sbuf_add(out, "}}");
	}
	sbuf_addc(out, ']');
}

/* "key": {"rule": "score.default", "at": "rules/x.lua:5", "default":
 * false, "steps": [...]}: the rule asked and the steps of `stage`. */
static void json_rule(const struct story *st, const char *key, const char *rule,
		      const char *stage, const struct item *it, bool first, struct sbuf *out)
{
	struct rule_origin o;
	host_rule_where(st->host, rule, it ? it->indicator : -1, &o);
	json_key(out, key, first);
	sbuf_addc(out, '{');
	json_str_field(out, "rule", o.name, true);
	json_str_or_null(out, "at", *o.at ? o.at : NULL, false);
	json_bool_field(out, "default", o.library_default, false);
	json_bool_field(out, "set", !o.unset, false);
	json_steps(st, it ? it - st->b->items : -1, stage, out);
	sbuf_addc(out, '}');
}

static void json_item_trace(const struct story *st, const struct item *it, struct sbuf *out)
{
	static const char *const stages[] = {"completion", "score", "light"};
	bool derived = st->b->plan->indicators[it->indicator].ninputs > 0;
	json_key(out, "trace", false);
	sbuf_addc(out, '{');
	if (derived)
		json_rule(st, "derive", "derive", "derive", it, true, out);
	for (size_t k = 0; k < 3 && it->status == ITEM_SCORED && !it->error; k++)
		json_rule(st, stages[k], stages[k], stages[k], it, k == 0 && !derived, out);
	sbuf_addc(out, '}');
}

static void json_peers(const struct board *b, const char *key, const struct card *const *list,
		       int n, struct sbuf *out)
{
	const struct plan *p = b->plan;
	json_key(out, key, false);
	sbuf_addc(out, '[');
	for (int k = 0; k < n && k < NAMED_PEERS; k++) {
		sbuf_add(out, k ? ",{" : "{");
		json_str_field(out, "unit", p->units[list[k]->unit].id, true);
		json_str_field(out, "name", p->units[list[k]->unit].name, false);
		json_num_field(out, "total", list[k]->total, 2);
		sbuf_addc(out, '}');
	}
	sbuf_addc(out, ']');
}

static void json_rank(const struct story *st, struct sbuf *out)
{
	struct rank_story r;
	rank_story_of(st->b, st->card, &r);
	json_key(out, "rank", false);
	sbuf_addc(out, '{');
	json_str_field(out, "compared", "totals rounded to 2 decimals", true);
	json_num_field(out, "above", r.above, -1);
	json_num_field(out, "nearest_above", r.above ? r.nearest : NAN, 2);
	json_peers(st->b, "next", r.next, r.nnext, out);
	json_num_field(out, "tied", r.ntied, -1);
	json_peers(st->b, "level_with", r.tied, r.ntied, out);
	sbuf_addc(out, '}');
}

/* The unit's trace: total, adjustment, rank, verdict. */
static void json_card_trace(const struct story *st, struct sbuf *out)
{
	const struct card *c = st->card;
	const char *why = verdict_why(st);
	json_key(out, "trace", false);
	if (!card_ranked(c)) {
		sbuf_add(out, "null");
		return;
	}
	sbuf_addc(out, '{');
	json_rule(st, "total", "total", "total", NULL, true, out);
	json_num_field(out, "points", c->score, -1);
	json_num_field(out, "weight", c->weight, -1);
	json_num_field(out, "scored", c->scored, -1);
	if (c->nadjustments)
		json_rule(st, "adjustment", "adjust", "adjust", NULL, false, out);
	json_rank(st, out);
	json_key(out, "verdict", false);
	sbuf_addc(out, '{');
	json_str_or_null(out, "why", why, true);
	json_rule(st, "red_light", "red_light", "red_light", NULL, false, out);
	json_rule(st, "commend", "commend", "commend", NULL, false, out);
	if (c->veto)
		json_rule(st, "veto", "veto", "veto", NULL, false, out);
	sbuf_add(out, "}}");
}

static void render_story_json(const struct story *st, int ind, struct sbuf *out)
{
	const struct board *b = st->b;
	const struct card *c = st->card;
	char text[PERIOD_TEXT];
	bool first = true;
	sbuf_addc(out, '{');
	json_str_field(out, "schema", "assay.explain/1", true);
	json_str_field(out, "plan", b->plan->id, false);
	json_str_field(out, "title", b->plan->title, false);
	json_str_field(out, "period", period_format(&b->period, text), false);
	json_num_field(out, "time_progress", b->progress, -1);
	json_key(out, "unit", false);
	sbuf_addc(out, '{');
	render_json_card_fields(b, c, out);
	json_card_trace(st, out);
	sbuf_addc(out, '}');
	json_key(out, "items", false);
	sbuf_addc(out, '[');
	for (size_t k = c->first; k < c->first + c->count; k++) {
		if (ind >= 0 && b->items[k].indicator != ind)
			continue;
		sbuf_add(out, first ? "{" : ",{");
		first = false;
		render_json_item_fields(b, &b->items[k], out);
		json_item_trace(st, &b->items[k], out);
		sbuf_addc(out, '}');
	}
	sbuf_add(out, "]}\n");
}

/* ---- running ------------------------------------------------------------ */

/* Whether a rule failed on what is explained: the unit's card, or its
 * items (only the indicator's when one is asked for). */
static bool explained_rule_failed(const struct board *b, const struct card *c, int ind)
{
	if (c->error)
		return true;
	for (size_t k = c->first; k < c->first + c->count; k++)
		if (b->items[k].error && (ind < 0 || b->items[k].indicator == ind))
			return true;
	return false;
}

/* The unit's peer group scored from the store onto b, the only units its
 * rank depends on. */
static int score_group(const struct plan *plan, struct host *host, struct store *store,
		       const struct period *period, int unit, struct board *b, diag_t *d)
{
	bool *units = xcalloc(plan->nunits + 1, sizeof *units);
	units[unit] = true;
	struct score_request rq = {.plan = plan, .host = host, .store = store, .period = *period,
				   .shown = true, .units = units};
	int rc = score_period(&rq, b, d);
	free(units);
	return rc;
}

static int explain(const struct plan *plan, void *arg)
{
	const struct explain_options *o = arg;
	struct period period;
	struct store *store = NULL;
	struct board b = {0};
	struct trace trace;
	struct story st = {0};
	diag_t d;
	int unit, ind;
	int rc = plan_period(plan, o->period, USAGE, &period);
	if (rc != 0)
		return rc;
	if (resolve_subject(plan, o->unit, o->indicator, &unit, &ind, &d) != 0)
		return report(&d);
	trace_init(&trace, unit);
	struct host_setup setup = {.limits = o->limits, .trace = &trace,
				   .rules = plan_rules_at(plan, period_end_date(&period))};
	if (host_open_setup(&st.host, plan, &setup, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    score_group(plan, st.host, store, &period, unit, &b, &d) != 0) {
		rc = report(&d);
	} else {
		struct sbuf out = {0};
		st.b = &b;
		st.trace = &trace;
		st.card = &b.cards[unit];
		if (o->json)
			render_story_json(&st, ind, &out);
		else
			render_story(&st, ind, &out);
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
		if (rc == EXIT_OK && explained_rule_failed(&b, st.card, ind)) {
			fprintf(stderr, _("assay: a rule failed; the explanation shows where\n"));
			rc = EXIT_FAIL;
		}
	}
	board_release(&b);
	store_close(store);
	host_close(st.host);
	trace_release(&trace);
	return rc;
}

int cmd_explain(int argc, char **argv, const struct context *ctx)
{
	struct explain_options o = {.ctx = ctx};
	limits_default(&o.limits);
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	return rc != 0 ? rc : with_plan(o.plan, explain, &o);
}
