/* plan_load_assignments: the assignments a plan file makes, while it is
 * read (plan_load.c): each one's terms shared with others where they are
 * the same, indexed by unit, given per-unit targets and schedules
 * (`targets:` and the CSV of `targets_table:`), checked, then handed to
 * the plan. */
#include "plan_load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "path.h"
#include "plan_cache.h"
#include "plan_target.h"
#include "targets_table.h"

static bool same_terms(const struct plan_terms *a, const struct plan_terms *b)
{
	return a->schedule == b->schedule && a->supporting == b->supporting &&
	       plan_target_equal(&a->target, &b->target);
}

/* The index in plan.terms of an assignment's target (all but its number),
 * schedule and role: the indicator's latest terms when they are the same,
 * as they mostly are, else new ones. */
static uint32_t share_terms(struct loader *l, int indicator, struct plan_target target,
			    int schedule, bool supporting)
{
	struct plan *p = l->plan;
	struct plan_terms t = {target, schedule, supporting};
	t.target.value = 0;
	uint32_t *recent = &l->recent_terms[indicator];
	if (*recent != NO_TERMS && same_terms(&p->terms[*recent], &t))
		return *recent;
	if (p->nterms == l->terms_cap) {
		l->terms_cap = l->terms_cap ? l->terms_cap * 2 : 16;
		p->terms = xrealloc(p->terms, l->terms_cap * sizeof *p->terms);
	}
	p->terms[p->nterms] = t;
	*recent = (uint32_t)p->nterms++;
	return *recent;
}

/* An assignment's new target, with the schedule and role it had. */
static void change_target(struct loader *l, struct plan_assignment *as,
			  const struct plan_target *target)
{
	struct plan_terms was = l->plan->terms[as->terms];
	as->terms = share_terms(l, as->indicator, *target, was.schedule, was.supporting);
	as->value = target->value;
}

/* An assignment's own schedule, with the target and role it had. */
static void change_schedule(struct loader *l, struct plan_assignment *as, int schedule)
{
	struct plan_terms was = l->plan->terms[as->terms];
	as->terms = share_terms(l, as->indicator, was.target, schedule, was.supporting);
}

void assignment_push(struct loader *l, struct assignment_list *a, int unit, int indicator,
		     bool has_target, const struct plan_target *target, bool supporting)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
		a->has_target = xrealloc(a->has_target, a->cap * sizeof *a->has_target);
	}
	a->has_target[a->n] = has_target;
	a->v[a->n++] = (struct plan_assignment){
		.unit = unit, .indicator = indicator, .value = target->value,
		.terms = share_terms(l, indicator, *target, -1, supporting)};
}

void assignment_list_release(struct assignment_list *a)
{
	free(a->v);
	free(a->has_target);
	free(a->weights);
	free(a->every);
	memset(a, 0, sizeof *a);
}

void assign_every_unit(struct assignment_list *a, const struct plan *p, int indicator,
		       const struct every_unit *e)
{
	if (!a->every)
		a->every = xcalloc(p->nindicators + 1, sizeof *a->every);
	a->every[indicator] = *e;
}

/* Counts each unit's assignments into plan.unit_first[unit + 1]. */
static void count_by_unit(const struct assignment_list *a, struct plan *p)
{
	size_t every = 0;
	for (size_t i = 0; a->every && i < p->nindicators; i++)
		every += a->every[i].on;
	for (size_t u = 0; u < p->nunits; u++)
		p->unit_first[u + 1] = every;
	for (size_t k = 0; k < a->n; k++)
		p->unit_first[a->v[k].unit + 1]++;
	for (size_t u = 0; u < p->nunits; u++)
		p->unit_first[u + 1] += p->unit_first[u];
}

/* The terms of the indicators given to 'all': the first unit's, and the
 * others' (supporting ones when only the first is scored); NO_TERMS for
 * the other indicators. */
static void every_unit_terms(struct loader *l, const struct assignment_list *a, uint32_t *first,
			     uint32_t *others)
{
	for (size_t i = 0; i < l->plan->nindicators; i++) {
		const struct every_unit *e = a->every && a->every[i].on ? &a->every[i] : NULL;
		first[i] = e ? share_terms(l, (int)i, e->target, -1, false) : NO_TERMS;
		others[i] = e && e->lead_only ? share_terms(l, (int)i, e->target, -1, true) : first[i];
	}
}

/* Orders the assignments by unit, then indicator, and indexes them in
 * plan.unit_first, making those of 'all' on the way. Unit by unit, so
 * that a million assignments are written in order, once. */
void index_assignments(struct loader *l, struct assignment_list *a)
{
	struct plan *p = l->plan;
	p->unit_first = xcalloc(p->nunits + 1, sizeof *p->unit_first);
	count_by_unit(a, p);
	size_t total = p->unit_first[p->nunits], *first, to = 0;
	struct assignment_list sorted = {.v = xmalloc((total + 1) * sizeof *sorted.v),
					 .has_target = xmalloc((total + 1) * sizeof *sorted.has_target),
					 .n = total, .cap = total};
	uint32_t *lead = xmalloc((p->nindicators + 1) * sizeof *lead);
	uint32_t *others = xmalloc((p->nindicators + 1) * sizeof *others);
	every_unit_terms(l, a, lead, others);
	/* the listed ones are in indicator order, and stay so within a unit */
	size_t *listed = plan_group_assignments(a->v, a->n, p->nunits, PLAN_BY_UNIT, &first);
	for (size_t u = 0; u < p->nunits; u++)
		for (size_t i = 0, k = first[u]; i < p->nindicators; i++) {
			const struct every_unit *e = lead[i] != NO_TERMS ? &a->every[i] : NULL;
			if (e) {
				sorted.v[to] = (struct plan_assignment){
					.unit = (int)u, .indicator = (int)i, .value = e->target.value,
					.terms = u ? others[i] : lead[i]};
				sorted.has_target[to++] = e->has_target;
			} else if (k < first[u + 1] && a->v[listed[k]].indicator == (int)i) {
				sorted.v[to] = a->v[listed[k]];
				sorted.has_target[to++] = a->has_target[listed[k++]];
			}
		}
	free(listed);
	free(first);
	free(lead);
	free(others);
	assignment_list_release(a);
	*a = sorted;
}

/* The index of the pending assignment of (unit, indicator), or -1. */
static long pending_find(const struct plan *p, const struct assignment_list *a, int unit,
			 int indicator)
{
	return plan_find_assignment_in(a->v, p->unit_first, unit, indicator);
}

static bool assigned(const struct plan *p, const struct assignment_list *a, int unit,
		     int indicator)
{
	return pending_find(p, a, unit, indicator) >= 0;
}

/* Whether w can be assignment as's own weight (分值); -1 with d set to
 * path:line:col and why not. The one check of targets: entries and of
 * the weights table. */
static int check_unit_weight(const struct plan *p, const struct plan_assignment *as, double w,
			     const struct table_cell *at, diag_t *d)
{
	const struct plan_indicator *ind = &p->indicators[as->indicator];
	if (!(w >= 0))
		return fail_at(d, at->path, at->line, at->col,
			       _("weight must be a number of points (0 or more)"));
	if (!ind->scored || plan_supporting(p, as))
		return fail_at(d, at->path, at->line, at->col,
			       _("unit '%s' is not scored on '%s' (%s): a weight would count for nothing"),
			       p->units[as->unit].id, ind->id,
			       ind->scored ? _("a supporting unit") : "scored: false");
	return 0;
}

/* Assignment k's own weight, in place of the rules' (a lead unit 6
 * points, a supporting one 4). */
static void set_unit_weight(struct assignment_list *a, long k, double w)
{
	if (!a->weights) {
		a->weights = xmalloc((a->n + 1) * sizeof *a->weights);
		for (size_t j = 0; j < a->n; j++)
			a->weights[j] = NAN;
	}
	a->weights[k] = w;
}

/* A targets: entry's weight. */
static int read_unit_weight(struct loader *l, const struct ynode *wn, struct assignment_list *a,
			    long k)
{
	double w;
	struct table_cell at = {l->path, wn->line, wn->col};
	if (read_number(l, wn, "weight", &w) != 0 ||
	    check_unit_weight(l->plan, &a->v[k], w, &at, l->d) != 0)
		return -1;
	set_unit_weight(a, k, w);
	return 0;
}

/* targets: per-unit targets, schedules and weights that override the
 * indicator's. */
int load_targets(struct loader *l, const struct ynode *seq, struct assignment_list *a)
{
	static const char *const keys[] = {"unit", "indicator", "target", "schedule", "weight"};
	if (want_kind(l, seq, YNODE_SEQ, "targets") != 0)
		return -1;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *t = seq->items[i], *un, *in, *tn, *sn;
		if (want_kind(l, t, YNODE_MAP, NC_("plan", "a target")) != 0 ||
		    check_keys(l, t, NAMES(keys), NC_("plan", "a target")) != 0 ||
		    require_key(l, t, "unit", NC_("plan", "a target"), &un) != 0 ||
		    require_key(l, t, "indicator", NC_("plan", "a target"), &in) != 0)
			return -1;
		tn = ynode_get(t, "target");
		sn = ynode_get(t, "schedule");
		const struct ynode *wn = ynode_get(t, "weight");
		if (!tn && !sn && !wn)
			return fail_node(l, t, _("a per-unit entry needs a 'target', a 'schedule' or a "
					 "'weight'"));
		int u = resolve_unit(l, un), ind = u < 0 ? -1 : resolve_indicator(l, in);
		if (ind < 0)
			return -1;
		long k = pending_find(l->plan, a, u, ind);
		if (k < 0)
			return fail_node(l, un, _("unit '%s' is not among the units of indicator '%s'"),
					 un->text, in->text);
		struct plan_target target;
		int schedule;
		if (tn && read_target(l, tn, &l->plan->indicators[ind], &target) != 0)
			return -1;
		if (tn)
			change_target(l, &a->v[k], &target);
		if (sn && read_schedule(l, sn, &schedule) != 0)
			return -1;
		if (sn)
			change_schedule(l, &a->v[k], schedule);
		if (wn && read_unit_weight(l, wn, a, k) != 0)
			return -1;
		a->has_target[k] |= tn != NULL;
	}
	return 0;
}

/* What an assignment is computed from or compared with must be reported by
 * the same unit. */
static int check_references(struct loader *l, struct assignment_list *a,
			    const struct plan_assignment *as, const struct ynode *indicators)
{
	struct plan *p = l->plan;
	const struct plan_indicator *pi = &p->indicators[as->indicator];
	const struct ynode *at = indicators->items[as->indicator];
	for (size_t k = 0; k < pi->ninputs; k++)
		if (!assigned(p, a, as->unit, pi->inputs[k]))
			return fail_node(l, at, _("unit '%s' computes '%s' from '%s' but does not report it "
					 "(add the unit to the units of '%s')"), p->units[as->unit].id,
					 pi->id, p->indicators[pi->inputs[k]].id,
					 p->indicators[pi->inputs[k]].id);
	const struct plan_target *t = &p->terms[as->terms].target;
	if (t->form == FORM_RELATIVE && !assigned(p, a, as->unit, t->relative_to))
		return fail_node(l, at, _("unit '%s' is compared with '%s' but does not report it"),
				 p->units[as->unit].id, p->indicators[t->relative_to].id);
	if (t->form == FORM_GROWTH && !t->yearly_average)
		p->needs_last_year = true;
	if (t->yearly_average && t->base == 0 && pi->kind != KIND_RATE)
		p->needs_base_year = true;
	return 0;
}

/* Checks every assignment has a target and what it refers to, then hands
 * them to the plan. */
int finish_assignments(struct loader *l, struct assignment_list *a, const struct ynode *indicators)
{
	struct plan *p = l->plan;
	for (size_t k = 0; k < a->n; k++)
		if (!a->has_target[k])
			return fail_node(l, indicators->items[a->v[k].indicator],
					 _("no target for unit '%s' on indicator '%s' (give 'target' or a per-unit target)"),
					 p->units[a->v[k].unit].id,
					 p->indicators[a->v[k].indicator].id);
	for (size_t k = 0; k < a->n; k++)
		if (check_references(l, a, &a->v[k], indicators) != 0)
			return -1;
	p->nassignments = a->n;
	p->assignments = a->v; /* the plan's now, and so are the weights */
	p->unit_weights = a->weights;
	a->v = NULL;
	a->weights = NULL;
	return 0;
}

struct table_load {
	struct loader *l;
	struct assignment_list *a;
	long last;              /* the last cell's assignment; -1: none yet */
};

/* The pending assignment of (unit, indicator): the one after the last
 * cell's when it is (a table's columns mostly follow the plan's order of
 * indicators), else looked up; -1 when there is none. */
static long table_assignment(struct table_load *t, int unit, int indicator)
{
	long next = t->last + 1;
	if (t->last >= 0 && (size_t)next < t->a->n && t->a->v[next].unit == unit &&
	    t->a->v[next].indicator == indicator)
		return t->last = next;
	long k = pending_find(t->l->plan, t->a, unit, indicator);
	if (k >= 0)
		t->last = k;
	return k;
}

/* A cell of the targets table: the indicator's form with the unit's number. */
static int take_target_cell(void *ctx, int unit, int indicator, double value,
			    const struct table_cell *at, diag_t *d)
{
	struct table_load *t = ctx;
	const struct plan *p = t->l->plan;
	const struct plan_indicator *ind = &p->indicators[indicator];
	long k = table_assignment(t, unit, indicator);
	if (k < 0)
		return fail_at(d, at->path, at->line, at->col,
			       _("unit '%s' is not among the units of indicator '%s'"), p->units[unit].id,
			       ind->id);
	struct plan_assignment *as = &t->a->v[k];
	bool *has_target = &t->a->has_target[k];
	enum target_form form = *has_target ? plan_target_form(p, as) : FORM_AT_LEAST;
	if (ind->kind == KIND_TASK || form == FORM_BETWEEN || form == FORM_RANGE ||
	    form == FORM_RELATIVE)
		return fail_at(d, at->path, at->line, at->col,
			       _("indicator '%s' %s: a table cell can only give a number"), ind->id,
			       ind->kind == KIND_TASK ? _("is a task")
			       : form == FORM_BETWEEN ? _("has a band target; give the unit's band under targets:")
			       : form == FORM_RANGE ? _("has a range target; give the unit's range under targets:")
			       : _("is compared with another indicator"));
	if (!*has_target) {
		struct plan_target plain = plain_target(ind);
		change_target(t->l, as, &plain);
		*has_target = true;
	}
	as->value = value;
	return 0;
}

/* A cell of the weights table: the unit's own weight on the indicator. */
static int take_weight_cell(void *ctx, int unit, int indicator, double value,
			    const struct table_cell *at, diag_t *d)
{
	struct table_load *t = ctx;
	const struct plan *p = t->l->plan;
	long k = table_assignment(t, unit, indicator);
	if (k < 0)
		return fail_at(d, at->path, at->line, at->col,
			       "unit '%s' is not among the units of indicator '%s'", p->units[unit].id,
			       p->indicators[indicator].id);
	if (check_unit_weight(p, &t->a->v[k], value, at, d) != 0)
		return -1;
	set_unit_weight(t->a, k, value);
	return 0;
}

/* The table the plan names under key (a path relative to the plan), read
 * cell by cell into the pending assignments. */
static int load_unit_table(struct loader *l, const struct ynode *n, const char *key,
			   const struct unit_table_names *names, target_cell_fn take,
			   struct assignment_list *a)
{
	char *path;
	if (read_plan_path(l, n, key, &path) != 0)
		return -1;
	struct table_load t = {l, a, -1};
	int rc = targets_table_read(l->plan, path, names, take, &t, l->d);
	plan_note_input(l->plan, path);
	return rc;
}

/* targets_table: a CSV of per-unit targets. */
int load_targets_table(struct loader *l, const struct ynode *n, struct assignment_list *a)
{
	static const struct unit_table_names names = {N_("targets table"), N_("target")};
	return load_unit_table(l, n, "targets_table", &names, take_target_cell, a);
}

/* weights_table: a CSV of per-unit weights (分值), as targets_table. */
int load_weights_table(struct loader *l, const struct ynode *n, struct assignment_list *a)
{
	static const struct unit_table_names names = {N_("weights table"), N_("weight")};
	return load_unit_table(l, n, "weights_table", &names, take_weight_cell, a);
}
