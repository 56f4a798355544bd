/* assay test PLAN [TESTS]: runs the rule test cases beside the plan's rule
 * file (rules/x.lua -> rules/x.tests.yaml). Each case gives figures for a
 * period and the scores, lights, reasons, totals, ranks and verdicts it
 * expects; the figures go into a store in memory, never the real one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "figure_text.h"
#include "import.h"
#include "score.h"
#include "names.h"
#include "numbers.h"
#include "yaml_doc.h"

#define USAGE "assay test PLAN [TESTS.yaml]"

static const char *const help[] = {N_(
	"Runs the rule test cases of a plan: by default the file beside its rule\n"
	"file with .tests.yaml for .lua (rules/x.lua -> rules/x.tests.yaml).\n\n"
	"  cases:\n"
	"    - name: 领军人才落后时序进度亮红灯\n"
	"      period: 2023-09           # default: the plan's (last) year\n"
	"      figures:                  # unit -> indicator -> year-to-date value\n"
	"        区发改局: {service_leading_talents: 1}\n"
	"      adjustments:              # optional: bonus and deduction items\n"
	"        - {unit: 区发改局, points: +2, reason: 获国务院通报表扬}\n"
	"      params: {red_margin: 0.15} # optional: values for the rules' parameters\n"
	"      expect:                   # unit -> what it should come to\n"
	"        区发改局:\n"
	"          service_leading_talents: {score: 0.5, light: red}\n"
	"          total: 12.5           # also adjustment, rank, verdict\n\n"
	"An item may expect score, completion, light (green, yellow, red or the\n"
	"rules' own lights, or the status not_due, supporting, shown), reason; a unit total, adjustment\n"
	"(the points its bonus and deduction items add), rank, verdict. An\n"
	"adjustment is {unit, points, reason} as in a figures file, in the case's\n"
	"period unless it gives its own. Figures go into a store in memory: the\n"
	"store (--db) is not touched. Prints each case as ok or FAILED with\n"
	"expected and actual values, then 'N passed, M failed'; exits 1 when a\n"
	"case fails.\n"), NULL};

/* What a test run needs at hand. */
struct tester {
	const struct plan *plan;
	const char *path;
	struct host *host;
	diag_t *d;
	struct sbuf failures;   /* of the case under way */
};

static int fail_node(const struct tester *t, const struct ynode *n, const char *what)
{
	return fail_at(t->d, t->path, n->line, n->col, "%s", what);
}

static struct field field_of(const struct ynode *n)
{
	return (struct field){.text = n->text, .line = n->line, .col = n->col};
}

/* figures: unit -> indicator -> value or {value, note}, at the case's period. */
static int read_figures(struct tester *t, const struct ynode *figures, const struct ynode *period,
			struct figure_list *list)
{
	if (figures->kind != YNODE_MAP)
		return fail_node(t, figures, "figures must be a mapping: unit -> indicator -> value");
	struct field pf = field_of(period);
	for (size_t u = 0; u < figures->n; u++) {
		const struct ynode *inds = figures->items[u];
		if (inds->kind != YNODE_MAP)
			return fail_node(t, inds, "a unit's figures must be a mapping: indicator -> value");
		struct field uf = field_of(figures->keys[u]);
		for (size_t i = 0; i < inds->n; i++) {
			const struct ynode *v = inds->items[i], *note = NULL;
			if (v->kind == YNODE_MAP) {
				note = ynode_get(v, "note");
				v = ynode_get(v, "value");
			}
			if (!v || v->kind != YNODE_SCALAR || (note && note->kind != YNODE_SCALAR))
				return fail_node(t, inds->items[i], "a figure is a value or {value, note}");
			struct field inf = field_of(inds->keys[i]), vf = field_of(v);
			if (figures_add(list, t->plan, &uf, &inf, &pf, &vf, note ? note->text : NULL,
					t->d) != 0)
				return -1;
		}
	}
	return 0;
}

/* ---- comparing --------------------------------------------------------- */

static void mismatch(struct tester *t, const char *where, const char *key, const char *want,
		     const char *got)
{
	sbuf_addf(&t->failures, _("        %s: %s expected %s, got %s\n"), where, key, want, got);
}

/* A number as the scorecard shows it, to `digits` decimals. */
static void check_number(struct tester *t, const char *where, const char *key,
			 const struct ynode *want, double got, int digits)
{
	double w;
	char shown[64];
	if (isnan(got))
		snprintf(shown, sizeof shown, "nothing");
	else
		format_fixed(shown, sizeof shown, got, digits);
	if (!parse_number(want->text, &w) || isnan(got) ||
	    round_half_away(w, digits) != round_half_away(got, digits))
		mismatch(t, where, key, want->text, shown);
}

static void check_text(struct tester *t, const char *where, const char *key, const char *want,
		       const char *got)
{
	if (strcmp(want, got) != 0) {
		char quoted_want[1024], quoted_got[1024];
		snprintf(quoted_want, sizeof quoted_want, "'%s'", want);
		snprintf(quoted_got, sizeof quoted_got, "'%s'", got);
		mismatch(t, where, key, quoted_want, quoted_got);
	}
}

/* The item's reason against the one a test case wants. */
static void check_reason(struct tester *t, const char *where, const char *key, const char *want,
			 const struct board *b, const struct item *it)
{
	struct sbuf reason = {0};
	item_reason_add(b, it, &reason);
	check_text(t, where, key, want, sbuf_str(&reason));
	sbuf_release(&reason);
}

static const char *item_light(const struct board *b, const struct item *it)
{
	if (it->error)
		return board_text(b, it->error);
	return it->status == ITEM_SCORED ? light_name(b, it->light) : item_status_name(it->status);
}

static int check_item(struct tester *t, const struct board *b, int unit, const struct ynode *key,
		      const struct ynode *want)
{
	static const char *const keys[] = {"score", "completion", "light", "reason"};
	int ind = plan_find_indicator(t->plan, key->text);
	if (ind < 0)
		return plan_fail_unknown(t->plan, t->d, t->path, key->line, key->col, "indicator",
					 key->text);
	long a = plan_find_assignment(t->plan, unit, ind);
	if (a < 0)
		return fail_node(t, key, "this unit is not responsible for that indicator");
	if (want->kind != YNODE_MAP)
		return fail_node(t, want, "expect an item as {score, completion, light, reason}");
	const struct item *it = board_item(b, (size_t)a);
	char where[512];
	snprintf(where, sizeof where, "%s / %s", t->plan->units[unit].name, t->plan->indicators[ind].id);
	for (size_t k = 0; k < want->n; k++) {
		const char *name = want->keys[k]->text;
		const struct ynode *v = want->items[k];
		if (v->kind != YNODE_SCALAR)
			return fail_node(t, v, "an expected value must be a scalar");
		if (strcmp(name, keys[0]) == 0)
			check_number(t, where, name, v, it->status == ITEM_SCORED ? it->score : NAN, 2);
		else if (strcmp(name, keys[1]) == 0)
			check_number(t, where, name, v, it->completion, 4);
		else if (strcmp(name, keys[2]) == 0)
			check_text(t, where, name, v->text, item_light(b, it));
		else if (strcmp(name, keys[3]) == 0)
			check_reason(t, where, name, v->text, b, it);
		else
			return fail_node(t, want->keys[k], "unknown key: expect score, completion, light "
					 "or reason");
	}
	return 0;
}

/* total, rank, verdict, or an indicator. */
static int check_unit(struct tester *t, const struct board *b, const struct ynode *key,
		      const struct ynode *want)
{
	int u = plan_find_unit(t->plan, key->text);
	if (u < 0)
		return plan_fail_unknown(t->plan, t->d, t->path, key->line, key->col, "unit", key->text);
	if (want->kind != YNODE_MAP)
		return fail_node(t, want, "expect a unit as a mapping: indicator -> {...}, total, "
				 "adjustment, rank, verdict");
	const struct card *c = &b->cards[u];
	const char *where = t->plan->units[u].name;
	for (size_t k = 0; k < want->n; k++) {
		const char *name = want->keys[k]->text;
		const struct ynode *v = want->items[k];
		if (strcmp(name, "total") == 0 && v->kind == YNODE_SCALAR)
			check_number(t, where, name, v, card_has_total(c) ? c->total : NAN, 2);
		else if (strcmp(name, "adjustment") == 0 && v->kind == YNODE_SCALAR)
			check_number(t, where, name, v, card_has_total(c) ? c->adjustment : NAN, 2);
		else if (strcmp(name, "rank") == 0 && v->kind == YNODE_SCALAR)
			check_number(t, where, name, v, c->rank ? c->rank : NAN, 0);
		else if (strcmp(name, "verdict") == 0 && v->kind == YNODE_SCALAR)
			check_text(t, where, name, v->text,
				   card_failed(c) ? "error" : card_ranked(c) ? verdict_name(c->verdict) : "");
		else if (check_item(t, b, u, want->keys[k], v) != 0)
			return -1;
	}
	return 0;
}

/* ---- running ----------------------------------------------------------- */

/* A case's values for the rules' parameters, each with its place. */
struct case_params {
	struct param_override *v;
	char (*place)[600];
	size_t n;
};

static void case_params_release(struct case_params *cp)
{
	free(cp->v);
	free(cp->place);
}

/* params: {name: value}. */
static int read_params(struct tester *t, const struct ynode *params, struct case_params *cp)
{
	if (params->kind != YNODE_MAP)
		return fail_node(t, params, "params must be a mapping: name -> value");
	cp->v = xcalloc(params->n + 1, sizeof *cp->v);
	cp->place = xcalloc(params->n + 1, sizeof *cp->place);
	for (size_t k = 0; k < params->n; k++, cp->n++) {
		const struct ynode *v = params->items[k];
		snprintf(cp->place[k], sizeof cp->place[k], "%s:%d:%d: params.", t->path, v->line, v->col);
		cp->v[k] = (struct param_override){params->keys[k]->text, 0, cp->place[k]};
		if (v->kind != YNODE_SCALAR || !parse_number(v->text, &cp->v[k].value))
			return fail_node(t, v, "a parameter's value must be a number");
	}
	return 0;
}

/* The host a case is scored with: the plan's, or one with the case's
 * parameter values (*own set: the caller closes it). */
static int case_host(struct tester *t, const struct ynode *c, struct host **h, bool *own)
{
	const struct ynode *params = ynode_get(c, "params");
	struct case_params cp = {0};
	struct host_setup setup = {0};
	int rc = 0;
	*h = t->host;
	*own = params != NULL;
	if (!params)
		return 0;
	limits_default(&setup.limits);
	if (read_params(t, params, &cp) != 0) {
		rc = -1;
	} else {
		setup.overrides = cp.v;
		setup.noverrides = cp.n;
		rc = host_open_setup(h, t->plan, &setup, t->d);
	}
	case_params_release(&cp);
	if (rc != 0)
		*own = false;
	return rc;
}

/* Scores the case's figures in a store in memory; the board is the caller's. */
static int score_case(struct tester *t, const struct ynode *c, struct period *period,
		      struct board *b)
{
	const struct ynode *pn = ynode_get(c, "period"), *figures = ynode_get(c, "figures");
	struct host *host = NULL;
	bool own = false;
	struct figure_list list = {0};
	struct store *store = NULL;
	struct import_counts counts;
	char years[64], last_year[16];
	struct ynode year;
	int rc = -1;
	if (!pn) {              /* the plan's (last) year: its annual assessment */
		snprintf(last_year, sizeof last_year, "%d", t->plan->end_year);
		year = (struct ynode){.kind = YNODE_SCALAR, .line = c->line, .col = c->col,
				      .text = last_year};
		pn = &year;
	}
	if (pn->kind != YNODE_SCALAR)
		return fail_node(t, pn, "a case's period is a month, a quarter or a year: 2023-09, "
				 "2023Q3 or 2023");
	if (period_parse(pn->text, period) != 0 || !plan_has_year(t->plan, period->year))
		return fail_at(t->d, t->path, pn->line, pn->col, "the period must be one of the "
			       "plan's %s: 2023-09, 2023Q3 or 2023",
			       plan_years_text(t->plan, years, sizeof years));
	figure_list_add_file(&list, t->path, false);
	if ((figures && read_figures(t, figures, pn, &list) != 0) ||
	    figures_read_adjustments(&list, t->plan, t->path, ynode_get(c, "adjustments"), pn,
				     t->d) != 0 ||
	    figures_check_duplicates(&list, t->plan, t->d) != 0 ||
	    case_host(t, c, &host, &own) != 0 ||
	    store_open(&store, ":memory:", STORE_WRITE, t->d) != 0 ||
	    import_figure_list(store, t->plan, &list, t->path, &counts, t->d) != 0)
		goto out;
	rc = score_period(&(struct score_request){.plan = t->plan, .host = host, .store = store,
						  .period = *period, .shown = true},
			  b, t->d);
	/* the board reads them again while it is checked */
	score_hand_over(b, own ? host : NULL, store);
	own = false;
	store = NULL;
out:
	if (own)
		host_close(host);
	store_close(store);
	figure_list_release(&list);
	return rc;
}

/* A key of a case that is none of those a case has. */
static int check_case_keys(struct tester *t, const struct ynode *c)
{
	static const char *const keys[] = {"name", "period", "figures", "adjustments", "params",
					   "expect"};
	size_t n = sizeof keys / sizeof *keys;
	for (size_t k = 0; k < c->n; k++) {
		const struct ynode *key = c->keys[k];
		size_t j = 0;
		while (j < n && strcmp(key->text, keys[j]) != 0)
			j++;
		if (j == n) {
			const char *near = nearest_name(key->text, keys, n);
			return fail_at(t->d, t->path, key->line, key->col, "unknown key '%s' in a case%s%s%s",
				       key->text, near ? " (did you mean '" : "", near ? near : "",
				       near ? "'?)" : "");
		}
	}
	return 0;
}

/* Runs one case; 1 when it passed, 0 when it failed, -1 on a bad case. */
static int run_case(struct tester *t, const struct ynode *c)
{
	const struct ynode *name = c->kind == YNODE_MAP ? ynode_get(c, "name") : NULL;
	const struct ynode *expect = c->kind == YNODE_MAP ? ynode_get(c, "expect") : NULL;
	if (!name || name->kind != YNODE_SCALAR || !expect || expect->kind != YNODE_MAP)
		return fail_node(t, c, "a case needs a 'name' and 'expect' (a mapping)");
	if (check_case_keys(t, c) != 0)
		return -1;
	struct period period;
	struct board b = {0};
	int rc = score_case(t, c, &period, &b);
	sbuf_reset(&t->failures);
	for (size_t k = 0; rc == 0 && k < expect->n; k++)
		rc = check_unit(t, &b, expect->keys[k], expect->items[k]);
	board_release(&b);
	if (rc != 0)
		return -1;
	printf("%s  %s\n%s", t->failures.len ? "FAILED" : "ok    ", name->text, sbuf_str(&t->failures));
	return t->failures.len == 0;
}

static int run_cases(struct tester *t, const struct ynode *root)
{
	const struct ynode *cases = root && root->kind == YNODE_MAP ? ynode_get(root, "cases") : NULL;
	int passed = 0, failed = 0;
	if (!cases || cases->kind != YNODE_SEQ) {
		fail_at(t->d, t->path, root ? root->line : 1, root ? root->col : 1,
			"a tests file is 'cases:', a list of cases");
		return report(t->d);
	}
	for (size_t k = 0; k < cases->n; k++) {
		int r = run_case(t, cases->items[k]);
		if (r < 0)
			return report(t->d);
		r ? passed++ : failed++;
	}
	printf(_("%d passed, %d failed\n"), passed, failed);
	if (fflush(stdout) != 0)
		return EXIT_FAIL;
	return failed ? EXIT_FAIL : EXIT_OK;
}

/* rules/x.lua -> rules/x.tests.yaml */
static char *default_tests_path(const struct plan *plan)
{
	struct sbuf b = {0};
	const char *rules = plan->rules_path;
	size_t len = strlen(rules);
	if (len > 4 && strcmp(rules + len - 4, ".lua") == 0)
		len -= 4;
	sbuf_addf(&b, "%.*s.tests.yaml", (int)len, rules);
	return sbuf_detach(&b);
}

static const struct file_bound tests_bound = {N_("rule tests file"), (size_t)256 << 20, NULL};

static int run_tests(const struct plan *plan, void *arg)
{
	const char *given = arg;
	char *path = given ? xstrdup(given) : default_tests_path(plan);
	struct host_limits limits;
	struct ydoc doc = {0};
	diag_t d;
	struct tester t = {plan, path, NULL, &d, {0}};
	int rc;
	limits_default(&limits);
	if (ydoc_load(&doc, path, &tests_bound, &d) != 0 || host_open(&t.host, plan, &limits, &d) != 0)
		rc = report(&d);
	else
		rc = run_cases(&t, doc.root);
	host_close(t.host);
	ydoc_release(&doc);
	sbuf_release(&t.failures);
	free(path);
	return rc;
}

int cmd_test(int argc, char **argv, const struct context *ctx)
{
	(void)ctx;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = plan_arguments(argc, argv, USAGE, "test", 2);
	if (rc != 0)
		return rc;
	return with_plan(argv[optind], run_tests, argc - optind == 2 ? argv[optind + 1] : NULL);
}
