/* assay whatif PLAN --period P [--set UNIT:INDICATOR=VALUE]... [--rules FILE]:
 * scores the stored figures as they are and as changed, in one run, and
 * prints only what changed. The store is opened for reading only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "figure_text.h"
#include "numbers.h"
#include "render.h"
#include "compare.h"
#include "run_fill.h"
#include "score.h"
#include "table.h"

#define USAGE "assay whatif PLAN --period P [--set UNIT:INDICATOR=VALUE]... " \
	      "[--param NAME=VALUE]... [--rules FILE] [--format table|json]"

static const char *const help[] = {N_(
	"Scores the period twice in one run, from the stored figures as they are\n"
	"and as changed, and prints only what changed: per unit the total and rank\n"
	"before -> after, each indicator whose figure, score or light changed, and\n"
	"who enters or leaves the commendation and red-light lists. With --set\n"
	"alone, only the peer groups of the changed units are scored (no other\n"
	"unit's rank or verdict can move); with --param or --rules, every unit.\n"
	"Nothing stored changes.\n\n"
	"options:\n"
	"  -p, --period P        the period to score (required)\n"
	"  -s, --set U:I=VALUE   take VALUE as unit U's figure for indicator I at the\n"
	"                        period's end (ids or names; for a task, the date it\n"
	"                        was done or 0); may be given many times\n"
	"  -P, --param N=VALUE   score the changed case with the rule parameter N\n"
	"                        set to VALUE (assay params lists them)\n"
	"  -r, --rules FILE      score the changed case with this rule file instead\n"
	"                        of the plan's\n"
	"  -f, --format FORMAT   table (default) or json\n"), LIMIT_HELP, NULL};

/* One --set, as given. */
struct change {
	char *text;             /* owned copy of the argument */
	const char *unit, *indicator, *value; /* point into text */
};

struct whatif_options {
	const struct context *ctx;
	const char *plan, *period, *rules;
	bool json;
	struct change *changes;
	size_t nchanges;
	struct param_override *params;
	size_t nparams;
	struct host_limits limits;
};

/* "区商务局:服务贸易额=5000" into its three parts. */
static int parse_change(const char *arg, struct change *c)
{
	c->text = xstrdup(arg);
	char *colon = strchr(c->text, ':'), *eq = strrchr(c->text, '=');
	if (!colon || !eq || eq < colon || colon == c->text || eq == colon + 1 || !eq[1])
		return usage_error(USAGE, _("--set '%s': write UNIT:INDICATOR=VALUE"), arg);
	*colon = *eq = '\0';
	c->unit = c->text;
	c->indicator = colon + 1;
	c->value = eq + 1;
	return 0;
}

/* "red_margin=0.2"; the name points into arg. */
static int parse_param(char *arg, struct param_override *p)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !parse_number(eq + 1, &p->value))
		return usage_error(USAGE, _("--param '%s': write NAME=NUMBER"), arg);
	*eq = '\0';
	p->name = arg;
	p->place = NULL;        /* on the command line */
	return 0;
}

static int parse_options(int argc, char **argv, struct whatif_options *o)
{
	static const struct option options[] = {
		{"period", required_argument, NULL, 'p'}, {"set", required_argument, NULL, 's'},
		{"rules", required_argument, NULL, 'r'},  {"format", required_argument, NULL, 'f'},
		{"param", required_argument, NULL, 'P'},
		LIMIT_OPTIONS,                            {0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "p:s:r:f:P:", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o->period = optarg; break;
		case 'r': o->rules = optarg; break;
		case 'P':
			o->params = xrealloc(o->params, (o->nparams + 1) * sizeof *o->params);
			if (parse_param(optarg, &o->params[o->nparams++]) != 0)
				return EXIT_USAGE;
			break;
		case 's':
			o->changes = xrealloc(o->changes, (o->nchanges + 1) * sizeof *o->changes);
			if (parse_change(optarg, &o->changes[o->nchanges++]) != 0)
				return EXIT_USAGE;
			break;
		case 'f':
			if (parse_table_or_json(optarg, USAGE, &o->json) != 0)
				return EXIT_USAGE;
			break;
		default:
			if (limits_or_unknown_option(opt, optarg, &o->limits, USAGE) != 0)
				return EXIT_USAGE;
		}
	}
	if (one_plan_and_period(argc, argv, "whatif", o->period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	if (!o->nchanges && !o->rules && !o->nparams)
		return usage_error(USAGE, _("nothing to change: give --set, --param or --rules"));
	return 0;
}

/* The figure a --set gives: a number, or for a task a date (0: not done). */
static int change_value(const struct plan_indicator *ind, const struct change *c, double *out,
			diag_t *d)
{
	int date;
	if (ind->kind == KIND_TASK && date_parse(c->value, &date) == 0) {
		*out = date;
		return 0;
	}
	if (!parse_number(c->value, out) || (ind->kind == KIND_TASK && *out != 0))
		return fail(d, _("--set %s:%s=%s: the value must be %s"), c->unit, c->indicator, c->value,
			    ind->kind == KIND_TASK ? _("the date the task was done, or 0") : _("a number"));
	return 0;
}

/* The --set figures, resolved: which readings they replace, with what,
 * and the units whose figures change. */
struct whatif_changes {
	struct score_change *v;
	size_t n;
	bool *units;            /* plan.nunits flags */
};

/* Resolves a --set against the plan into changes->v[k]: a unit
 * responsible for a reported (not derived) indicator, and a value of the
 * right kind. */
static int resolve_change(const struct plan *plan, const struct change *c,
			  struct whatif_changes *changes, size_t k, diag_t *d)
{
	int u = plan_find_unit(plan, c->unit), i = plan_find_indicator(plan, c->indicator);
	if (u < 0 || i < 0) {
		const char *what = u < 0 ? "unit" : "indicator", *name = u < 0 ? c->unit : c->indicator;
		const char *near = plan_nearest(plan, what, name);
		return near ? fail(d, _("--set %s:%s=%s: unknown %s '%s' (did you mean '%s'?)"), c->unit,
				   c->indicator, c->value, _(what), name, near)
			    : fail(d, _("--set %s:%s=%s: unknown %s '%s'"), c->unit, c->indicator,
				   c->value, _(what), name);
	}
	long a = plan_find_assignment(plan, u, i);
	const struct plan_indicator *ind = &plan->indicators[i];
	if (a < 0)
		return fail(d, _("--set %s:%s: unit '%s' is not responsible for indicator '%s'"), c->unit,
			    c->indicator, plan->units[u].name, ind->id);
	if (ind->ninputs)
		return fail(d, _("--set %s:%s: '%s' is derived from other indicators: set those"),
			    c->unit, c->indicator, ind->id);
	changes->v[k].assignment = (size_t)a;
	changes->units[u] = true;
	return change_value(ind, c, &changes->v[k].value, d);
}

/* ---- what changed: the two boards compared (compare.h) ----------------- */

static bool same_number(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return round_half_away(a, 2) == round_half_away(b, 2);
}

/* A verdict's code (verdict_name: "red_light") as it reads in Chinese;
 * the code itself in English. */
static const char *verdict_shown(const char *code)
{
	return tr_in("verdict code", code);
}

/* The cells of a unit whose standing changed: total, rank, verdict. */
static bool unit_cells(const struct standing *x, const struct standing *y, struct sbuf cells[3])
{
	char b1[64], b2[64];
	compare_cell(&cells[0], compare_total_text(x, b1, sizeof b1),
		     compare_total_text(y, b2, sizeof b2));
	compare_cell(&cells[1], compare_rank_text(x, b1, sizeof b1),
		     compare_rank_text(y, b2, sizeof b2));
	compare_cell(&cells[2], verdict_shown(compare_verdict_text(x)),
		     verdict_shown(compare_verdict_text(y)));
	return compare_cell_changed(&cells[0]) || compare_cell_changed(&cells[1]) ||
	       compare_cell_changed(&cells[2]);
}

/* The cells of an item: figure, score, light. A figure changes when it
 * does to the cent, as the scorecards show it; a task's, when its date does. */
static bool item_cells(const struct outcome *x, const struct outcome *y, struct sbuf cells[3])
{
	char b1[64], b2[64];
	compare_cell(&cells[0], compare_actual_text(x), compare_actual_text(y));
	compare_cell(&cells[1], compare_score_text(x, b1, sizeof b1),
		     compare_score_text(y, b2, sizeof b2));
	compare_cell(&cells[2], _(x->light), _(y->light));
	bool figure = isnan(x->value) && isnan(y->value) ? compare_cell_changed(&cells[0])
							 : !same_number(x->value, y->value);
	return figure || compare_cell_changed(&cells[1]) || compare_cell_changed(&cells[2]);
}

/* Whether two numbers are the same double, NAN included. */
static bool identical(double a, double b)
{
	return isnan(a) ? isnan(b) : a == b;
}

/* Whether nothing a reader sees of a unit or an item can differ: most of
 * a province's do not, and are passed over without writing their cells. */
static bool same_standing(const struct standing *x, const struct standing *y)
{
	return identical(x->total, y->total) && x->rank == y->rank && x->failed == y->failed &&
	       strcmp(x->verdict, y->verdict) == 0;
}

static bool same_item(const struct item *x, const struct item *y)
{
	return identical(x->actual, y->actual) && identical(x->score, y->score) &&
	       x->status == y->status && x->light == y->light && x->done_on == y->done_on &&
	       x->as_of == y->as_of && (x->error != 0) == (y->error != 0);
}

/* Calls fn for each unit whose standing changed, in plan order. */
static void each_changed_unit(const struct board *a, const struct board *b,
			      void (*fn)(void *ctx, const struct standing *x,
					 const struct standing *y, struct sbuf cells[3]),
			      void *ctx)
{
	struct sbuf cells[3] = {{0}, {0}, {0}};
	for (size_t u = 0; u < a->ncards; u++) {
		struct standing x, y;
		board_standing(a, &a->cards[u], &x);
		board_standing(b, &b->cards[u], &y);
		if (!same_standing(&x, &y) && unit_cells(&x, &y, cells))
			fn(ctx, &x, &y, cells);
	}
	for (int k = 0; k < 3; k++)
		sbuf_release(&cells[k]);
}

/* Calls fn for each item that changed, in plan order, with its unit's
 * name: those a has (a what-if's board before its changes keeps the items
 * of the units changed only, the only ones that can change). */
static void each_changed_item(const struct board *a, const struct board *b,
			      void (*fn)(void *ctx, const char *unit_name, const struct outcome *x,
					 const struct outcome *y, struct sbuf cells[3]),
			      void *ctx)
{
	struct sbuf cells[3] = {{0}, {0}, {0}};
	for (size_t u = 0; u < a->ncards; u++) {
		const struct card *ca = &a->cards[u], *cb = &b->cards[u];
		for (size_t j = 0; j < ca->count; j++) {
			const struct item *ix = &a->items[ca->first + j], *iy = &b->items[cb->first + j];
			struct outcome x, y;
			char b1[64], b2[64];
			if (same_item(ix, iy))
				continue;
			board_outcome(a, ix, b1, &x);
			board_outcome(b, iy, b2, &y);
			if (item_cells(&x, &y, cells))
				fn(ctx, a->plan->units[u].name, &x, &y, cells);
		}
	}
	for (int k = 0; k < 3; k++)
		sbuf_release(&cells[k]);
}

static void unit_row(void *ctx, const struct standing *x, const struct standing *y,
		     struct sbuf cells[3])
{
	(void)y;
	const char *row[4] = {x->name, sbuf_str(&cells[0]), sbuf_str(&cells[1]),
			      sbuf_str(&cells[2])};
	table_add_row(ctx, row);
}

static void item_row(void *ctx, const char *unit_name, const struct outcome *x,
		     const struct outcome *y, struct sbuf cells[3])
{
	(void)y;
	const char *row[5] = {unit_name, x->name, sbuf_str(&cells[0]), sbuf_str(&cells[1]),
			      sbuf_str(&cells[2])};
	table_add_row(ctx, row);
}

/* " + 区商务局 · − 区科技局", for one verdict. */
static void add_move(void *ctx, const struct standing *u, bool entered)
{
	struct sbuf *out = ctx;
	sbuf_addf(out, "%s%s %s", out->len ? " · " : " ", entered ? "+" : "−", u->name);
}

static void render_changes(const struct board *a, const struct board *b, struct sbuf *out)
{
	static const char *const unit_english[] = {N_("unit"), N_(">total"), N_(">rank"),
						   N_("verdict")};
	static const char *const item_english[] = {N_("unit"), N_("indicator"), N_(">actual"),
						   N_(">score"), N_("light")};
	const char *unit_headers[4], *item_headers[5];
	struct table units, items;
	tr_all(unit_english, 4, unit_headers);
	tr_all(item_english, 5, item_headers);
	table_init(&units, 4, unit_headers);
	table_init(&items, 5, item_headers);
	each_changed_unit(a, b, unit_row, &units);
	each_changed_item(a, b, item_row, &items);
	/* row 0 is the header */
	if (units.nrows <= 1 && items.nrows <= 1)
		sbuf_add(out, _("nothing changed\n"));
	if (units.nrows > 1)
		table_render(&units, "", out);
	if (items.nrows > 1) {
		sbuf_add(out, units.nrows > 1 ? "\n" : "");
		table_render(&items, "", out);
	}
	static const char *const verdicts[] = {"commendation", "red_light"};
	static const char *const labels[] = {N_("commendation"), N_("red light")};
	struct standings in_a = board_standings(a), in_b = board_standings(b);
	for (int k = 0; k < 2; k++) {
		struct sbuf moves = {0};
		if (compare_verdict_moves(&in_a, &in_b, verdicts[k], add_move, &moves))
			sbuf_addf(out, _("\n%s:%s"), _(labels[k]), sbuf_str(&moves));
		sbuf_release(&moves);
	}
	sbuf_addc(out, '\n');
	table_release(&units);
	table_release(&items);
}

/* ---- JSON: schema assay.whatif/1 ---------------------------------------- */

/* One value of a pair: quoted when asked, null when there is none. */
static void json_pair_value(struct sbuf *out, const char *v, bool quote)
{
	if (!v)
		sbuf_add(out, "null");
	else
		sbuf_addf(out, quote ? "\"%s\"" : "%s", v);
}

static void json_pair(struct sbuf *out, const char *key, const char *a, const char *b, bool quote)
{
	sbuf_addf(out, ",\"%s\":[", key);
	json_pair_value(out, a, quote);
	sbuf_add(out, ",");
	json_pair_value(out, b, quote);
	sbuf_add(out, "]");
}

/* A verdict's code as score's JSON gives it: null when not ranked. */
static const char *json_verdict_code(const struct standing *u)
{
	return *u->verdict ? u->verdict : NULL;
}

static const char *json_number(double v, char *buf, size_t size)
{
	return isnan(v) ? "null" : format_number(buf, size, round_half_away(v, 2));
}

/* A JSON array being written: whether the next element is its first. */
struct json_list {
	struct sbuf *out;
	bool started;
};

/* Starts the next element of the list: a ',' before all but the first. */
static struct sbuf *json_next(struct json_list *l)
{
	if (l->started)
		sbuf_addc(l->out, ',');
	l->started = true;
	return l->out;
}

static void json_unit(void *ctx, const struct standing *x, const struct standing *y,
		      struct sbuf cells[3])
{
	(void)cells;
	struct sbuf *out = json_next(ctx);
	char b1[64], b2[64];
	sbuf_addf(out, "{\"unit\":\"%s\"", x->unit);
	json_pair(out, "total", json_number(x->total, b1, sizeof b1),
		  json_number(y->total, b2, sizeof b2), false);
	json_pair(out, "rank", json_number(x->rank ? x->rank : NAN, b1, sizeof b1),
		  json_number(y->rank ? y->rank : NAN, b2, sizeof b2), false);
	json_pair(out, "verdict", json_verdict_code(x), json_verdict_code(y), true);
	sbuf_addc(out, '}');
}

static void json_item(void *ctx, const char *unit_name, const struct outcome *x,
		      const struct outcome *y, struct sbuf cells[3])
{
	(void)unit_name;
	(void)cells;
	struct sbuf *out = json_next(ctx);
	char b1[64], b2[64];
	sbuf_addf(out, "{\"unit\":\"%s\",\"indicator\":\"%s\"", x->unit, x->indicator);
	json_pair(out, "actual", json_number(x->value, b1, sizeof b1),
		  json_number(y->value, b2, sizeof b2), false);
	json_pair(out, "score", json_number(x->score, b1, sizeof b1),
		  json_number(y->score, b2, sizeof b2), false);
	json_pair(out, "light", x->light, y->light, true);
	sbuf_addc(out, '}');
}

/* The ids entering and leaving a verdict's list. */
struct json_moves {
	struct sbuf added, removed;
};

static void json_move(void *ctx, const struct standing *u, bool entered)
{
	struct json_moves *m = ctx;
	struct sbuf *list = entered ? &m->added : &m->removed;
	sbuf_addf(list, "%s\"%s\"", list->len ? "," : "", u->unit);
}

static void json_verdict(const struct board *a, const struct board *b, const char *verdict,
			 struct sbuf *out)
{
	struct json_moves m = {{0}, {0}};
	struct standings in_a = board_standings(a), in_b = board_standings(b);
	compare_verdict_moves(&in_a, &in_b, verdict, json_move, &m);
	sbuf_addf(out, ",\"%s\":{\"added\":[%s],\"removed\":[%s]}", verdict,
		  sbuf_str(&m.added), sbuf_str(&m.removed));
	sbuf_release(&m.added);
	sbuf_release(&m.removed);
}

static void render_changes_json(const struct board *a, const struct board *b, struct sbuf *out)
{
	char period[PERIOD_TEXT];
	struct json_list units = {out, false}, items = {out, false};
	sbuf_addf(out, "{\"schema\":\"assay.whatif/1\",\"plan\":\"%s\",\"period\":\"%s\",",
		  a->plan->id, period_format(&a->period, period));
	sbuf_add(out, "\"units\":[");
	each_changed_unit(a, b, json_unit, &units);
	sbuf_add(out, "],\"items\":[");
	each_changed_item(a, b, json_item, &items);
	sbuf_add(out, "]");
	json_verdict(a, b, "commendation", out);
	json_verdict(a, b, "red_light", out);
	sbuf_add(out, "}\n");
}

/* "what if, 2023-09: 区商务局:服务贸易额=5000; rules other.lua" */
static void render_heading(const struct whatif_options *o, const struct plan *plan,
			   const struct period *period, struct sbuf *out)
{
	char text[PERIOD_TEXT];
	sbuf_addf(out, _("%s (%s)\nwhat if, %s:"), plan->title, plan->id, period_format(period, text));
	for (size_t k = 0; k < o->nchanges; k++)
		sbuf_addf(out, "%s %s:%s=%s", k ? ";" : "", o->changes[k].unit,
			  o->changes[k].indicator, o->changes[k].value);
	for (size_t k = 0; k < o->nparams; k++) {
		char num[64];
		sbuf_addf(out, "%s %s=%s", o->nchanges || k ? ";" : "", o->params[k].name,
			  format_number(num, sizeof num, o->params[k].value));
	}
	if (o->rules)
		sbuf_addf(out, _("%s rules %s"), o->nchanges || o->nparams ? ";" : "", o->rules);
	sbuf_add(out, "\n\n");
}

/* ---- running ------------------------------------------------------------ */

/* The two boards: as stored (a) and as changed (b). */
struct whatif_run {
	struct store *store;
	struct host *host, *other;
	struct board a, b;
};

static void whatif_release(struct whatif_run *w)
{
	board_release(&w->a);
	board_release(&w->b);
	host_close(w->other);
	host_close(w->host);
	store_close(w->store);
}

/* What scoring the period takes, as stored (no changes) or changed. */
static struct score_request request(const struct plan *plan, const struct period *period,
				    const struct whatif_run *w, struct host *host,
				    const struct whatif_changes *changed)
{
	return (struct score_request){.plan = plan, .host = host, .store = w->store,
				      .period = *period, .units = changed ? changed->units : NULL,
				      .changes = changed ? changed->v : NULL,
				      .nchanges = changed ? changed->n : 0};
}

/* Under other rules or parameters: every unit, as stored (a) and as
 * changed (b). */
static int score_all(const struct plan *plan, const struct period *period, struct whatif_run *w,
		     struct whatif_changes *changed, diag_t *d)
{
	struct score_request as_stored = request(plan, period, w, w->host, NULL);
	struct score_request as_changed = request(plan, period, w, w->other, changed);
	as_changed.units = NULL;
	return score_period(&as_stored, &w->a, d) != 0 ? -1 : score_period(&as_changed, &w->b, d);
}

/* Only the peer groups of the units whose figures changed, as no other
 * unit's rank or verdict can move: scored as stored, kept as a (a
 * snapshot of every card, with the items of the units changed: no other
 * unit's items can change), then rescored in place as changed (b). */
static int score_peers_only(const struct plan *plan, const struct period *period,
			    struct whatif_run *w, struct whatif_changes *changed, diag_t *d)
{
	struct score_request rq = request(plan, period, w, w->host, changed);
	struct score_request as_stored = rq;
	as_stored.changes = NULL;
	as_stored.nchanges = 0;
	struct board scored;
	if (score_period(&as_stored, &scored, d) != 0)
		return -1;
	board_snapshot(&w->a, &scored, changed->units);
	int rc = score_again(&rq, &scored, d);
	w->b = scored;
	return rc;
}

static int score_both(const struct whatif_options *o, const struct plan *plan,
		      const struct period *period, struct whatif_run *w, diag_t *d)
{
	struct host_setup changed = {.rules_path = o->rules, .limits = o->limits,
				     .overrides = o->params, .noverrides = o->nparams,
				     .rules = plan_rules_at(plan, period_end_date(period))};
	struct whatif_changes changes = {
		.v = xcalloc(o->nchanges + 1, sizeof *changes.v), .n = o->nchanges,
		.units = xcalloc(plan->nunits + 1, sizeof *changes.units)};
	int rc = 0;
	for (size_t k = 0; rc == 0 && k < o->nchanges; k++)
		rc = resolve_change(plan, &o->changes[k], &changes, k, d);
	if (rc == 0 && (host_open_for(&w->host, plan, period, &o->limits, d) != 0 ||
			((o->rules || o->nparams) && host_open_setup(&w->other, plan, &changed, d) != 0) ||
			store_open(&w->store, o->ctx->db_path, STORE_READ, d) != 0 ||
			(w->other ? score_all(plan, period, w, &changes, d)
				  : score_peers_only(plan, period, w, &changes, d)) != 0))
		rc = -1;
	free(changes.v);
	free(changes.units);
	return rc;
}

static int whatif(const struct plan *plan, void *arg)
{
	const struct whatif_options *o = arg;
	struct period period;
	struct whatif_run w = {0};
	diag_t d;
	int rc = plan_period(plan, o->period, USAGE, &period);
	if (rc != 0)
		return rc;
	if (score_both(o, plan, &period, &w, &d) != 0) {
		rc = report(&d);
	} else {
		struct sbuf out = {0};
		if (o->json) {
			render_changes_json(&w.a, &w.b, &out);
		} else {
			render_heading(o, plan, &period, &out);
			render_changes(&w.a, &w.b, &out);
		}
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
		if (rc == EXIT_OK && (w.a.nerrors || w.b.nerrors)) {
			fprintf(stderr, _("assay: rules failed (%zu as stored, %zu as changed): see "
				"assay score for the messages\n"), w.a.nerrors, w.b.nerrors);
			rc = EXIT_FAIL;
		}
	}
	whatif_release(&w);
	return rc;
}

int cmd_whatif(int argc, char **argv, const struct context *ctx)
{
	struct whatif_options o = {.ctx = ctx};
	limits_default(&o.limits);
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	if (rc == 0)
		rc = with_plan(o.plan, whatif, &o);
	for (size_t k = 0; k < o.nchanges; k++)
		free(o.changes[k].text);
	free(o.changes);
	free(o.params);
	return rc;
}
