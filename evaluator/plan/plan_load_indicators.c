/* plan_load_indicators: the indicators of a plan file (plan_load.c reads
 * the rest): their kind, reporting and scoring options, schedules, inputs,
 * targets with their checkpoints, and the responsible units each makes an
 * assignment for. */
#include "plan_load.h"

#include <math.h>
#include <string.h>

#include "mem.h"
#include "period.h"
#include "plan_target.h"

/* The words of a plan file for an indicator's kind, basis and frequency. */
static const char *const kind_names[] = {"amount", "count", "rate", "share", "level", "task"};
static const char *const frequency_names[] = {"month", "quarter", "year"};
static const char *const basis_names[] = {"ytd", "period"};

const char *indicator_kind_name(enum indicator_kind kind)
{
	return kind_names[kind];
}

/* schedule: 4 quarter-end or 12 month-end percentages of the annual target,
 * never falling. Quarters are spread evenly over their months. */
int read_schedule(struct loader *l, const struct ynode *n, int *index)
{
	struct plan *p = l->plan;
	if (want_kind(l, n, YNODE_SEQ, "schedule") != 0)
		return -1;
	if (n->n != 4 && n->n != 12)
		return fail_node(l, n, _("schedule must list 4 quarter-end or 12 month-end percentages, "
			      "not %zu"), n->n);
	double given[12];
	for (size_t k = 0; k < n->n; k++) {
		if (read_number(l, n->items[k], NC_("plan", "a schedule entry"), &given[k]) != 0)
			return -1;
		if (given[k] < 0 || (k > 0 && given[k] < given[k - 1]))
			return fail_node(l, n->items[k], _("schedule percentages must not fall or be "
				      "negative (%s after %g)"), n->items[k]->text, k ? given[k - 1] : 0);
	}
	p->schedules = xrealloc(p->schedules, (p->nschedules + 1) * sizeof *p->schedules);
	struct plan_schedule *sc = &p->schedules[p->nschedules];
	sc->share[0] = 0;
	for (int m = 1; m <= 12; m++) {
		if (n->n == 12) {
			sc->share[m] = given[m - 1] / 100;
			continue;
		}
		int q = (m - 1) / 3;
		double from = q ? given[q - 1] : 0, to = given[q];
		sc->share[m] = (from + (to - from) * (m - 3 * q) / 3) / 100;
	}
	*index = (int)p->nschedules++;
	return 0;
}

/* checkpoints: {2023: 4, 2024: 8}: the targets of a plan's years before
 * its last, for the forms that are one number. */
static int read_checkpoints(struct loader *l, const struct ynode *n,
			    struct plan_target *t)
{
	struct plan *p = l->plan;
	if (p->end_year == p->year)
		return fail_node(l, n, _("checkpoints need a plan of several years (years: %d-%d)"),
				 p->year, p->year + 4);
	if (t->form == FORM_BETWEEN || t->form == FORM_RANGE || t->form == FORM_RELATIVE)
		return fail_node(l, n, _("checkpoints give one number a year: a '%s' target has none"),
				 target_form_name(t->form));
	if (want_kind(l, n, YNODE_MAP, "checkpoints") != 0)
		return -1;
	struct plan_checkpoints cp;
	for (int y = 0; y < PLAN_MAX_YEARS; y++)
		cp.value[y] = NAN;
	for (size_t k = 0; k < n->n; k++) {
		double year;
		if (read_number(l, n->keys[k], NC_("plan", "a checkpoint's year"), &year) != 0)
			return -1;
		if (!is_year(year) || year < p->year || year >= p->end_year)
			return fail_node(l, n->keys[k], _("checkpoint %s is not a year before the plan's "
					 "last: use %d to %d (the target itself is for %d)"),
					 n->keys[k]->text, p->year, p->end_year - 1, p->end_year);
		if (read_number(l, n->items[k], NC_("plan", "a checkpoint"), &cp.value[(int)year - p->year]) != 0)
			return -1;
	}
	p->checkpoints = xrealloc(p->checkpoints, (p->ncheckpoints + 1) * sizeof *p->checkpoints);
	p->checkpoints[p->ncheckpoints] = cp;
	t->checkpoints = (int)p->ncheckpoints++;
	return 0;
}

/* A two-number form: between: [low, high], range: [low, high]. */
static int read_pair(struct loader *l, const struct ynode *form, const char *key,
		     struct plan_target *t)
{
	if (form->kind != YNODE_SEQ || form->n != 2)
		return fail_node(l, form, _("%s takes [low, high]"), key);
	if (read_number(l, form->items[0], key, &t->value) != 0 ||
	    read_number(l, form->items[1], key, &t->high) != 0)
		return -1;
	if (t->high < t->value)
		return fail_node(l, form, _("%s: the high end %g is below the low end %g"), key, t->high,
				 t->value);
	return 0;
}

/* yearly_average: true on a growth (年均增长X%) in a plan of several years;
 * base is then the figure of the year before the plan, of any kind. */
static int read_yearly_average(struct loader *l, const struct ynode *n,
			       const struct plan_indicator *ind, struct plan_target *t)
{
	const struct ynode *flag = ynode_get(n, "yearly_average");
	if (read_bool(l, n, "yearly_average", false, &t->yearly_average) != 0)
		return -1;
	if (!flag)
		return 0;
	if (t->form != FORM_GROWTH)
		return fail_node(l, flag, _("'yearly_average' goes with 'growth': "
				 "{growth: 8, yearly_average: true} for 年均增长8%%"));
	if (t->yearly_average && l->plan->end_year == l->plan->year)
		return fail_node(l, flag, _("a yearly average needs a plan of several years "
				 "(years: %d-%d); in one year it is the growth itself"),
				 l->plan->year, l->plan->year + 4);
	if (t->yearly_average && ind->kind == KIND_RATE && ynode_get(n, "base"))
		return fail_node(l, ynode_get(n, "base"), _("'%s' is a rate: its figure is the yearly "
				 "average growth itself, with no base figure"), ind->id);
	return 0;
}

/* target: a number (at least, or at most when lower is better) or a map
 * naming the form: {about: 6}, {more_than: 3800}, {between: [3, 5]},
 * {range: [1, 2]}, {growth: 8}, {growth: 8, yearly_average: true},
 * {relative_to: loans_growth, plus: 0}, with optional base and since. */
static int read_target_map(struct loader *l, const struct ynode *n,
			   const struct plan_indicator *ind, struct plan_target *t)
{
	static const char *const form_keys[] = {"at_least", "at_most", "about", "more_than",
						"between", "range", "growth", "relative_to"};
	static const enum target_form forms[] = {FORM_AT_LEAST, FORM_AT_MOST, FORM_ABOUT,
						  FORM_MORE_THAN, FORM_BETWEEN, FORM_RANGE,
						  FORM_GROWTH, FORM_RELATIVE};
	static const char *const keys[] = {"at_least", "at_most", "about", "more_than", "between",
					   "range", "growth", "relative_to", "plus", "base",
					   "since", "checkpoints", "yearly_average"};
	const struct ynode *form = NULL;
	size_t which = 0;
	if (check_keys(l, n, NAMES(keys), NC_("plan", "a target")) != 0)
		return -1;
	for (size_t k = 0; k < sizeof form_keys / sizeof *form_keys; k++) {
		const struct ynode *v = ynode_get(n, form_keys[k]);
		if (!v)
			continue;
		if (form)
			return fail_node(l, v, _("a target has one form: '%s' and '%s' both given"),
					 form_keys[which], form_keys[k]);
		form = v;
		which = k;
	}
	if (!form)
		return fail_node(l, n, _("a target needs a form: at_least, at_most, about, more_than, "
				 "between, range, growth or relative_to"));
	t->form = forms[which];
	double since;
	if (read_optional_number(l, n, "base", 0, &t->base) != 0 ||
	    read_optional_number(l, n, "since", 0, &since) != 0 ||
	    read_optional_number(l, n, "plus", 0, &t->value) != 0 ||
	    read_yearly_average(l, n, ind, t) != 0)
		return -1;
	if (ynode_get(n, "since") && !is_year(since))
		return fail_node(l, ynode_get(n, "since"), _("since must be a year such as 2021, not '%s'"),
				 ynode_get(n, "since")->text);
	t->since = (int)since;
	if (t->since > l->plan->year && l->plan->end_year > l->plan->year)
		return fail_node(l, ynode_get(n, "since"), _("since %d is after the plan's first year %d: "
				 "a target counted since a year adds up every plan year from it"),
				 t->since, l->plan->year);
	if (ynode_get(n, "checkpoints") &&
	    read_checkpoints(l, ynode_get(n, "checkpoints"), t) != 0)
		return -1;
	if ((ynode_get(n, "base") || ynode_get(n, "since")) && !indicator_accumulates(ind->kind) &&
	    !t->yearly_average)
		return fail_node(l, n, _("'base' and 'since' count what was done before the plan "
				 "year: they need an amount or a count, not a %s"),
				 indicator_kind_name(ind->kind));
	if (ynode_get(n, "plus") && t->form != FORM_RELATIVE)
		return fail_node(l, ynode_get(n, "plus"), _("'plus' goes with 'relative_to'"));
	if (t->form == FORM_RELATIVE) {
		if (want_kind(l, form, YNODE_SCALAR, "relative_to") != 0)
			return -1;
		t->relative_to = plan_find_indicator(l->plan, form->text);
		if (t->relative_to < 0)
			return plan_fail_unknown(l->plan, l->d, l->path, form->line, form->col,
						 "indicator", form->text);
		if (t->relative_to == ind - l->plan->indicators)
			return fail_node(l, form, _("an indicator cannot be its own reference"));
		return 0;
	}
	if (t->form == FORM_BETWEEN || t->form == FORM_RANGE)
		return read_pair(l, form, form_keys[which], t);
	return read_number(l, form, form_keys[which], &t->value);
}

/* A target that is a plain number: at least, or at most when lower is better. */
struct plan_target plain_target(const struct plan_indicator *ind)
{
	return (struct plan_target){.form = ind->lower_is_better ? FORM_AT_MOST : FORM_AT_LEAST,
				    .high = NAN, .relative_to = -1, .checkpoints = -1};
}

int read_target(struct loader *l, const struct ynode *n, const struct plan_indicator *ind,
		struct plan_target *t)
{
	*t = plain_target(ind);
	if (ind->kind == KIND_TASK)
		return fail_node(l, n, _("indicator '%s' is a task: it has a deadline, not a target"),
				 ind->id);
	if (n->kind == YNODE_MAP)
		return read_target_map(l, n, ind, t);
	return read_number(l, n, "target", &t->value);
}

/* units: the responsible units, or `all` for every unit of the plan. */
static int load_responsible(struct loader *l, const struct ynode *ind, int index,
			    struct assignment_list *a)
{
	const struct plan_indicator *pi = &l->plan->indicators[index];
	const struct ynode *units, *target_node = ynode_get(ind, "target");
	struct plan_target target = {.form = FORM_TASK, .high = NAN, .relative_to = -1,
				     .checkpoints = -1};
	if (require_key(l, ind, "units", NC_("plan", "an indicator"), &units) != 0)
		return -1;
	bool all = units->kind == YNODE_SCALAR && strcmp(units->text, "all") == 0;
	if (!all && units->kind == YNODE_SCALAR)
		return fail_node(l, units, _("units must be a list such as [%s] or 'all', not '%s'"),
				 units->text, units->text);
	if (!all && want_kind(l, units, YNODE_SEQ, "units") != 0)
		return -1;
	if (!all && units->n == 0)
		return fail_node(l, units, _("indicator '%s' has no responsible units"), pi->id);
	if (target_node && read_target(l, target_node, pi, &target) != 0)
		return -1;
	bool has_target = target_node || pi->kind == KIND_TASK || !pi->scored;
	if (all) {
		struct every_unit e = {true, target, has_target, pi->lead_only};
		assign_every_unit(a, l->plan, index, &e);
		l->plan->indicators[index].lead = 0;
		return 0;
	}
	for (size_t j = 0; j < units->n; j++) {
		int u = resolve_unit(l, units->items[j]);
		if (u < 0)
			return -1;
		if (l->listed_for[u] == index + 1)
			return fail_node(l, units->items[j], _("unit '%s' is listed twice"),
					 l->plan->units[u].id);
		l->listed_for[u] = index + 1;
		if (j == 0)
			l->plan->indicators[index].lead = u;
		assignment_push(l, a, u, index, has_target, &target, pi->lead_only && j > 0);
	}
	return 0;
}

/* inputs: the indicators a derived one is computed from (by the rule
 * file's derive.<id>). */
static int load_inputs(struct loader *l, const struct ynode *ind, int index)
{
	struct plan_indicator *pi = &l->plan->indicators[index];
	const struct ynode *n = ynode_get(ind, "inputs");
	if (!n)
		return 0;
	if (want_kind(l, n, YNODE_SEQ, "inputs") != 0)
		return -1;
	if (n->n == 0)
		return fail_node(l, n, _("inputs is empty: list the indicators '%s' is computed from"),
				 pi->id);
	if (pi->kind == KIND_TASK)
		return fail_node(l, n, _("a task cannot be derived from other indicators"));
	if (n->n > PLAN_MAX_INPUTS)
		return fail_node(l, n, _("'%s' has %zu inputs: at most %d"), pi->id, n->n, PLAN_MAX_INPUTS);
	pi->inputs = xcalloc(n->n, sizeof *pi->inputs);
	for (size_t k = 0; k < n->n; k++) {
		int in = resolve_indicator(l, n->items[k]);
		if (in < 0)
			return -1;
		if (in == index)
			return fail_node(l, n->items[k], _("'%s' cannot be an input of itself"), pi->id);
		if (l->plan->indicators[in].kind == KIND_TASK)
			return fail_node(l, n->items[k], _("'%s' is a task: it has no figure to compute with"),
					 n->items[k]->text);
		pi->inputs[pi->ninputs++] = in;
	}
	return 0;
}

/* A derived input that is itself derived must come first, so that one pass
 * in plan order computes them all. */
static int check_input_order(struct loader *l, const struct ynode *ind, int index)
{
	const struct plan_indicator *pi = &l->plan->indicators[index];
	for (size_t k = 0; k < pi->ninputs; k++) {
		const struct plan_indicator *in = &l->plan->indicators[pi->inputs[k]];
		if (in->ninputs && pi->inputs[k] > index)
			return fail_node(l, ynode_get(ind, "inputs")->items[k],
					 _("derived input '%s' must be listed before '%s'"), in->id, pi->id);
	}
	return 0;
}

/* A figure's due date (due: 2023-12): not due before it, judged whole
 * from it. */
static int read_due(struct loader *l, const struct ynode *ind, struct plan_indicator *pi)
{
	const struct ynode *due = ynode_get(ind, "due");
	if (!due)
		return 0;
	if (want_kind(l, due, YNODE_SCALAR, "due") != 0)
		return -1;
	if (date_parse(due->text, &pi->due) != 0)
		return fail_node(l, due, _("due '%s' is not a date: write 2023-12-31 or 2023-12"),
				 due->text);
	return 0;
}

/* The reporting and scoring options of one indicator. */
static int read_indicator_options(struct loader *l, const struct ynode *ind,
				  struct plan_indicator *pi, double plan_jump)
{
	static const char *const scoring[] = {"each", "lead"};
	int kind, basis, every, lead, lower;
	static const char *const directions[] = {"higher", "lower"};
	const struct ynode *deadline = ynode_get(ind, "deadline"), *schedule = ynode_get(ind, "schedule");
	if (read_choice(l, ind, "kind", NAMES(kind_names), KIND_AMOUNT, &kind) != 0 ||
	    read_choice(l, ind, "direction", NAMES(directions), 0, &lower) != 0 ||
	    read_choice(l, ind, "basis", NAMES(basis_names), BASIS_YTD, &basis) != 0 ||
	    read_choice(l, ind, "every", NAMES(frequency_names), EVERY_MONTH, &every) != 0 ||
	    read_choice(l, ind, "scoring", NAMES(scoring), 0, &lead) != 0 ||
	    read_bool(l, ind, "binding", false, &pi->binding) != 0 ||
	    read_bool(l, ind, "scored", true, &pi->scored) != 0 ||
	    read_optional_number(l, ind, "jump_factor", plan_jump, &pi->jump_factor) != 0)
		return -1;
	pi->kind = (enum indicator_kind)kind;
	pi->lower_is_better = lower;
	pi->basis = (enum basis)basis;
	pi->every = (enum frequency)every;
	pi->lead_only = lead;
	pi->schedule = -1;
	if (pi->jump_factor != 0 && pi->jump_factor <= 1)
		return fail_node(l, ynode_get(ind, "jump_factor"), _("jump_factor must be above 1, "
				 "e.g. 3 flags a figure three times the previous one"));
	if (pi->basis == BASIS_PERIOD && !indicator_accumulates(pi->kind))
		return fail_node(l, ynode_get(ind, "basis"), _("basis 'period' needs an amount or a "
				 "count: a %s cannot be added up over periods"), kind_names[kind]);
	if (schedule && read_schedule(l, schedule, &pi->schedule) != 0)
		return -1;
	if (pi->kind != KIND_TASK) {
		if (deadline)
			return fail_node(l, deadline, _("only a task (kind: task) has a deadline: a "
					 "figure judged whole at a date says due: %d-12"), l->plan->year);
		return read_due(l, ind, pi);
	}
	if (ynode_get(ind, "due"))
		return fail_node(l, ynode_get(ind, "due"), _("a task is judged at its deadline: "
				 "write deadline:, not due:"));
	if (!deadline)
		return fail_node(l, ind, _("task '%s' has no deadline (e.g. deadline: %d-12-31)"), pi->id,
				 l->plan->year);
	if (want_kind(l, deadline, YNODE_SCALAR, "deadline") != 0)
		return -1;
	if (date_parse(deadline->text, &pi->deadline) != 0)
		return fail_node(l, deadline, _("deadline '%s' is not a date: write 2023-12-31 or 2023-12"),
				 deadline->text);
	return 0;
}

int load_indicators(struct loader *l, const struct ynode *seq, struct assignment_list *a)
{
	static const char *const keys[] = {
		"id", "name", "measure", "kind", "direction", "target", "units", "source", "note",
		"basis", "every", "schedule", "deadline", "due", "scoring", "binding", "scored",
		"inputs", "jump_factor"};
	double plan_jump = l->plan->jump_factor;
	struct plan *p = l->plan;
	if (want_kind(l, seq, YNODE_SEQ, "indicators") != 0)
		return -1;
	p->indicators = xcalloc(seq->n, sizeof *p->indicators);
	l->recent_terms = xmalloc((seq->n + 1) * sizeof *l->recent_terms);
	memset(l->recent_terms, 0xff, (seq->n + 1) * sizeof *l->recent_terms); /* NO_TERMS */
	l->listed_for = xcalloc(p->nunits + 1, sizeof *l->listed_for);
	/* Names first, so that every indicator is known before targets refer to them. */
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *ind = seq->items[i], *id, *name;
		if (want_kind(l, ind, YNODE_MAP, NC_("plan", "an indicator")) != 0 ||
		    check_keys(l, ind, keys, sizeof keys / sizeof *keys, NC_("plan", "an indicator")) != 0 ||
		    require_key(l, ind, "id", NC_("plan", "an indicator"), &id) != 0 ||
		    require_key(l, ind, "name", NC_("plan", "an indicator"), &name) != 0)
			return -1;
		struct plan_indicator *pi = &p->indicators[p->nindicators++];
		if (read_id(l, id, "id", &pi->id) != 0 || read_text(l, name, "name", &pi->name) != 0 ||
		    read_optional_text(l, ind, "measure", &pi->measure) != 0 ||
		    read_optional_text(l, ind, "source", &pi->source) != 0 ||
		    read_optional_text(l, ind, "note", &pi->note) != 0 ||
		    read_indicator_options(l, ind, pi, plan_jump) != 0)
			return -1;
		if (register_name(l, &p->indicator_lookup, id, pi->id, (int)i, "indicator") != 0 ||
		    (strcmp(pi->name, pi->id) != 0 &&
		     register_name(l, &p->indicator_lookup, name, pi->name, (int)i, "indicator") != 0))
			return -1;
	}
	for (size_t i = 0; i < seq->n; i++)
		if (load_inputs(l, seq->items[i], (int)i) != 0)
			return -1;
	for (size_t i = 0; i < seq->n; i++)
		if (check_input_order(l, seq->items[i], (int)i) != 0 ||
		    load_responsible(l, seq->items[i], (int)i, a) != 0)
			return -1;
	return 0;
}
