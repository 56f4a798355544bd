#include "plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figure_text.h"
#include "mem.h"
#include "names.h"
#include "numbers.h"
#include "path.h"
#include "period.h"
#include "sbuf.h"
#include "targets_table.h"
#include "yaml_doc.h"

/* What the loader needs at hand while walking the document. */
struct loader {
	struct plan *plan;
	const char *path;
	diag_t *d;
	uint32_t *recent_terms; /* by indicator: its latest in plan.terms */
	int *listed_for;        /* by unit: 1 + the indicator that listed it last */
	struct strmap group_lookup; /* group id and name -> index */
	size_t terms_cap;
};

#define NO_TERMS UINT32_MAX

static int fail_node(struct loader *l, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_node(struct loader *l, const struct ynode *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return fail_at(l->d, l->path, n ? n->line : 1, n ? n->col : 1, "%s", msg);
}

static int want_kind(struct loader *l, const struct ynode *n, enum ynode_kind kind,
		     const char *what)
{
	if (n->kind == kind)
		return 0;
	return fail_node(l, n, "%s must be %s, not %s", what, ynode_kind_name(kind),
			 ynode_kind_name(n->kind));
}

/* Rejects keys of map that are not in allowed[], suggesting the nearest. */
static int check_keys(struct loader *l, const struct ynode *map, const char *const *allowed,
		      size_t nallowed, const char *where)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = map->keys[i];
		bool known = false;
		for (size_t j = 0; j < nallowed && !known; j++)
			known = strcmp(key->text, allowed[j]) == 0;
		if (known)
			continue;
		const char *near = nearest_name(key->text, allowed, nallowed);
		if (near)
			return fail_node(l, key, "unknown key '%s' in %s (did you mean '%s'?)",
					 key->text, where, near);
		return fail_node(l, key, "unknown key '%s' in %s", key->text, where);
	}
	return 0;
}

static int require_key(struct loader *l, const struct ynode *map, const char *key,
		       const char *where, const struct ynode **out)
{
	*out = ynode_get(map, key);
	if (*out)
		return 0;
	return fail_node(l, map, "%s has no '%s'", where, key);
}

/* A non-empty scalar as a fresh string. */
static int read_text(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	if (want_kind(l, n, YNODE_SCALAR, key) != 0)
		return -1;
	if (!n->text[0])
		return fail_node(l, n, "'%s' is empty", key);
	*out = xstrdup(n->text);
	return 0;
}

static int read_optional_text(struct loader *l, const struct ynode *map, const char *key,
			      char **out)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n) {
		*out = xstrdup("");
		return 0;
	}
	return read_text(l, n, key, out);
}

static int read_id(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	if (read_text(l, n, key, out) != 0)
		return -1;
	if (is_valid_id(*out))
		return 0;
	return fail_node(l, n, "'%s' is not a valid id: use letters, digits, '_' and '-'", *out);
}

static int read_number(struct loader *l, const struct ynode *n, const char *key, double *out)
{
	if (want_kind(l, n, YNODE_SCALAR, key) != 0)
		return -1;
	if (!parse_number(n->text, out))
		return fail_node(l, n, "%s must be a number, not '%s'", key, n->text);
	return 0;
}

/* Registers a unit or indicator id and name; both must be new. */
static int register_name(struct loader *l, struct strmap *map, const struct ynode *n,
			 const char *name, int index, const char *what)
{
	if (strmap_put(map, name, index) != index)
		return fail_node(l, n, "duplicate %s '%s'", what, name);
	return 0;
}

/* One entry of groups:, whose id must not be one of ids yet. */
static int load_group(struct loader *l, const struct ynode *g, struct strmap *ids)
{
	static const char *const keys[] = {"id", "name"};
	struct plan *p = l->plan;
	const struct ynode *id, *name;
	if (want_kind(l, g, YNODE_MAP, "a group") != 0 ||
	    check_keys(l, g, keys, 2, "a group") != 0 ||
	    require_key(l, g, "id", "a group", &id) != 0 ||
	    require_key(l, g, "name", "a group", &name) != 0)
		return -1;
	struct plan_group *pg = &p->groups[p->ngroups++];
	if (read_id(l, id, "id", &pg->id) != 0 || read_text(l, name, "name", &pg->name) != 0)
		return -1;
	int index = (int)p->ngroups - 1;
	if (strmap_put(ids, pg->id, index) != index)
		return fail_node(l, id, "duplicate group '%s'", pg->id);
	return 0;
}

static int load_groups(struct loader *l, const struct ynode *seq)
{
	struct plan *p = l->plan;
	if (want_kind(l, seq, YNODE_SEQ, "groups") != 0)
		return -1;
	p->groups = xcalloc(seq->n, sizeof *p->groups);
	struct strmap ids = {0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < seq->n; i++)
		rc = load_group(l, seq->items[i], &ids);
	strmap_release(&ids);
	/* where one text names several groups, the last of them: registered first */
	for (size_t i = p->ngroups; rc == 0 && i-- > 0;) {
		strmap_put(&l->group_lookup, p->groups[i].id, (int)i);
		strmap_put(&l->group_lookup, p->groups[i].name, (int)i);
	}
	return rc;
}

static int find_group(struct loader *l, const struct ynode *n)
{
	const struct plan *p = l->plan;
	int found = strmap_get(&l->group_lookup, n->text);
	if (found >= 0)
		return found;
	const char **ids = xmalloc((p->ngroups + 1) * sizeof *ids);
	for (size_t i = 0; i < p->ngroups; i++)
		ids[i] = p->groups[i].id;
	const char *near = nearest_name(n->text, ids, p->ngroups);
	if (near)
		fail_node(l, n, "unknown group '%s' (did you mean '%s'?)", n->text, near);
	else
		fail_node(l, n, "unknown group '%s'", n->text);
	free(ids);
	return -1;
}

static int load_units(struct loader *l, const struct ynode *seq)
{
	static const char *const keys[] = {"id", "name", "group"};
	struct plan *p = l->plan;
	if (want_kind(l, seq, YNODE_SEQ, "units") != 0)
		return -1;
	p->units = xcalloc(seq->n, sizeof *p->units);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *u = seq->items[i], *id, *name, *group;
		if (want_kind(l, u, YNODE_MAP, "a unit") != 0 ||
		    check_keys(l, u, keys, 3, "a unit") != 0 ||
		    require_key(l, u, "id", "a unit", &id) != 0 ||
		    require_key(l, u, "name", "a unit", &name) != 0 ||
		    require_key(l, u, "group", "a unit", &group) != 0)
			return -1;
		struct plan_unit *pu = &p->units[p->nunits++];
		if (read_id(l, id, "id", &pu->id) != 0 || read_text(l, name, "name", &pu->name) != 0 ||
		    want_kind(l, group, YNODE_SCALAR, "group") != 0)
			return -1;
		if ((pu->group = find_group(l, group)) < 0)
			return -1;
		int index = (int)i;
		if (register_name(l, &p->unit_lookup, id, pu->id, index, "unit") != 0 ||
		    (strcmp(pu->name, pu->id) != 0 &&
		     register_name(l, &p->unit_lookup, name, pu->name, index, "unit") != 0))
			return -1;
	}
	return 0;
}

/* An indicator whose units are 'all': every unit gets the same
 * assignment, made only when the list is indexed. */
struct every_unit {
	bool on;
	struct plan_target target;
	bool has_target;
	bool lead_only;         /* the first unit scored, the others supporting */
};

/* The assignments while the plan is read, each with whether it has a
 * target yet; indexed by unit (sorted, with plan.unit_first) once every
 * indicator is read. The assignments then become the plan's as they are:
 * at province scale they are a million, and every copy of them costs. */
struct assignment_list {
	struct plan_assignment *v;
	bool *has_target;
	size_t n, cap;
	struct every_unit *every; /* by indicator; NULL until one has 'all' */
};

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

static void assignment_push(struct loader *l, struct assignment_list *a, int unit,
			    int indicator, bool has_target, const struct plan_target *target,
			    bool supporting)
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

static void assignment_list_release(struct assignment_list *a)
{
	free(a->v);
	free(a->has_target);
	free(a->every);
	memset(a, 0, sizeof *a);
}

static void assign_every_unit(struct assignment_list *a, const struct plan *p, int indicator,
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

static int assignment_key(const struct plan_assignment *a, enum plan_key key)
{
	return key == PLAN_BY_UNIT ? a->unit : a->indicator;
}

size_t *plan_group_assignments(const struct plan_assignment *v, size_t n, size_t nkeys,
			       enum plan_key key, size_t **first)
{
	size_t *start = xcalloc(nkeys + 1, sizeof *start);
	size_t *order = xmalloc((n + 1) * sizeof *order);
	for (size_t k = 0; k < n; k++)
		start[assignment_key(&v[k], key) + 1]++;
	for (size_t g = 0; g < nkeys; g++)
		start[g + 1] += start[g];
	size_t *next = xmalloc((nkeys + 1) * sizeof *next);
	memcpy(next, start, (nkeys + 1) * sizeof *next);
	for (size_t k = 0; k < n; k++)
		order[next[assignment_key(&v[k], key)]++] = k;
	free(next);
	*first = start;
	return order;
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
static void index_assignments(struct loader *l, struct assignment_list *a)
{
	struct plan *p = l->plan;
	p->unit_first = xcalloc(p->nunits + 1, sizeof *p->unit_first);
	count_by_unit(a, p);
	size_t total = p->unit_first[p->nunits], *first, to = 0;
	struct assignment_list sorted = {xmalloc((total + 1) * sizeof *sorted.v),
					 xmalloc((total + 1) * sizeof *sorted.has_target), total,
					 total, NULL};
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

/* The index of (unit, indicator) in assignments sorted by unit, then
 * indicator, and indexed by unit_first; -1 when there is none. */
static long find_assignment(const struct plan_assignment *v, const size_t *unit_first, int unit,
			    int indicator)
{
	size_t lo = unit_first[unit], hi = unit_first[unit + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int ind = v[mid].indicator;
		if (ind == indicator)
			return (long)mid;
		if (ind < indicator)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The index of the pending assignment of (unit, indicator), or -1. */
static long pending_find(const struct plan *p, const struct assignment_list *a, int unit,
			 int indicator)
{
	return find_assignment(a->v, p->unit_first, unit, indicator);
}

static bool assigned(const struct plan *p, const struct assignment_list *a, int unit,
		     int indicator)
{
	return pending_find(p, a, unit, indicator) >= 0;
}

static int resolve_unit(struct loader *l, const struct ynode *n)
{
	if (want_kind(l, n, YNODE_SCALAR, "a unit") != 0)
		return -1;
	int u = plan_find_unit(l->plan, n->text);
	if (u < 0)
		plan_fail_unknown(l->plan, l->d, l->path, n->line, n->col, "unit", n->text);
	return u;
}

static int resolve_indicator(struct loader *l, const struct ynode *n)
{
	if (want_kind(l, n, YNODE_SCALAR, "an indicator") != 0)
		return -1;
	int i = plan_find_indicator(l->plan, n->text);
	if (i < 0)
		plan_fail_unknown(l->plan, l->d, l->path, n->line, n->col, "indicator", n->text);
	return i;
}

/* A scalar that must be one of names[]: its index into *out, or dflt when
 * the key is absent. */
static int read_choice(struct loader *l, const struct ynode *map, const char *key,
		       const char *const *names, size_t n, int dflt, int *out)
{
	const struct ynode *node = ynode_get(map, key);
	*out = dflt;
	if (!node)
		return 0;
	if (want_kind(l, node, YNODE_SCALAR, key) != 0)
		return -1;
	for (size_t k = 0; k < n; k++)
		if (strcmp(node->text, names[k]) == 0) {
			*out = (int)k;
			return 0;
		}
	struct sbuf all = {0};
	for (size_t k = 0; k < n; k++)
		sbuf_addf(&all, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", names[k]);
	const char *near = nearest_name(node->text, names, n);
	fail_node(l, node, "unknown %s '%s'%s%s%s: use %s", key, node->text,
		  near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "",
		  sbuf_str(&all));
	sbuf_release(&all);
	return -1;
}

static int read_bool(struct loader *l, const struct ynode *map, const char *key, bool dflt,
		     bool *out)
{
	static const char *const names[] = {"false", "true"};
	int v;
	if (read_choice(l, map, key, names, 2, dflt, &v) != 0)
		return -1;
	*out = v;
	return 0;
}

#define NAMES(a) a, sizeof a / sizeof *a

static const char *const kind_names[] = {"amount", "count", "rate", "share", "level", "task"};
static const char *const form_names[] = {"at_least", "at_most", "about", "between",
					 "growth", "relative", "task"};
static const char *const frequency_names[] = {"month", "quarter", "year"};
static const char *const basis_names[] = {"ytd", "period"};

const char *indicator_kind_name(enum indicator_kind kind)
{
	return kind_names[kind];
}

const char *target_form_name(enum target_form form)
{
	return form_names[form];
}

bool indicator_accumulates(enum indicator_kind kind)
{
	return kind == KIND_AMOUNT || kind == KIND_COUNT;
}

int frequency_last_due(enum frequency every, int month)
{
	switch (every) {
	case EVERY_QUARTER:
		return month / 3 * 3;
	case EVERY_YEAR:
		return month == 12 ? 12 : 0;
	case EVERY_MONTH:
		break;
	}
	return month;
}

/* schedule: 4 quarter-end or 12 month-end percentages of the annual target,
 * never falling. Quarters are spread evenly over their months. */
static int read_schedule(struct loader *l, const struct ynode *n, int *index)
{
	struct plan *p = l->plan;
	if (want_kind(l, n, YNODE_SEQ, "schedule") != 0)
		return -1;
	if (n->n != 4 && n->n != 12)
		return fail_node(l, n, "schedule must list 4 quarter-end or 12 month-end percentages, "
			      "not %zu", n->n);
	double given[12];
	for (size_t k = 0; k < n->n; k++) {
		if (read_number(l, n->items[k], "a schedule entry", &given[k]) != 0)
			return -1;
		if (given[k] < 0 || (k > 0 && given[k] < given[k - 1]))
			return fail_node(l, n->items[k], "schedule percentages must not fall or be "
				      "negative (%s after %g)", n->items[k]->text, k ? given[k - 1] : 0);
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

/* The share of a year's target expected by the end of month: the
 * schedule, else the share of the year elapsed. */
static double in_year_share(const struct plan *plan, const struct plan_assignment *a, int month)
{
	int s = plan->terms[a->terms].schedule;
	if (s < 0)
		s = plan->indicators[a->indicator].schedule;
	if (s >= 0)
		return plan->schedules[s].share[month];
	return month / 12.0;
}

bool plan_has_year(const struct plan *plan, int year)
{
	return year >= plan->year && year <= plan->end_year;
}

const char *plan_years_text(const struct plan *plan, char *buf, size_t size)
{
	if (plan->end_year == plan->year)
		snprintf(buf, size, "year %d", plan->year);
	else
		snprintf(buf, size, "years %d-%d", plan->year, plan->end_year);
	return buf;
}

/* The year's checkpoint, or NAN when it has none. */
static double checkpoint(const struct plan *plan, const struct plan_target *t, int year)
{
	if (t->checkpoints < 0 || year < plan->year || year >= plan->end_year)
		return NAN;
	return plan->checkpoints[t->checkpoints].value[year - plan->year];
}

struct plan_target plan_target_in_year(const struct plan *plan, const struct plan_target *t,
				       int year)
{
	struct plan_target in_year = *t;
	double v = checkpoint(plan, t, year);
	if (!isnan(v))
		in_year.value = v;
	in_year.checkpoints = -1;
	return in_year;
}

bool plan_counts_across_years(const struct plan *plan, const struct plan_assignment *a)
{
	return plan->end_year > plan->year && plan->terms[a->terms].target.since &&
	       indicator_accumulates(plan->indicators[a->indicator].kind);
}

/* What a target counted across the plan's years expects by the end of
 * year: the base before the plan, the checkpoints, the target at the end,
 * straight lines between them. */
static double expected_by(const struct plan *plan, const struct plan_target *t, int year)
{
	int before = year, after = year;
	double at_before, at_after;
	if (year < plan->year)
		return t->base;
	while (before >= plan->year && before < plan->end_year && isnan(checkpoint(plan, t, before)))
		before--;
	while (after < plan->end_year && isnan(checkpoint(plan, t, after)))
		after++;
	at_before = before < plan->year ? t->base : before >= plan->end_year ? t->value
									: checkpoint(plan, t, before);
	at_after = after >= plan->end_year ? t->value : checkpoint(plan, t, after);
	if (after == before)
		return at_after;
	return at_before + (at_after - at_before) * (year - before) / (after - before);
}

double plan_time_progress(const struct plan *plan, const struct plan_assignment *a, int year,
			  int month)
{
	double share = in_year_share(plan, a, month);
	if (!plan_counts_across_years(plan, a))
		return share;
	struct plan_target t = plan_target_of(plan, a);
	double start = expected_by(plan, &t, year - 1);
	double end = expected_by(plan, &t, year);
	double target = plan_target_in_year(plan, &t, year).value;
	if (target == 0)
		return share;
	return (start + (end - start) * share) / target;
}

void plan_describe_target(const struct plan *plan, const struct plan_indicator *ind,
			  const struct plan_target *t, struct sbuf *out)
{
	char a[64], b[64];
	format_number(a, sizeof a, t->value);
	switch (t->form) {
	case FORM_AT_LEAST:
	case FORM_AT_MOST:
	case FORM_ABOUT:
		sbuf_addf(out, "%s %s", t->form == FORM_AT_LEAST ? "≥" : t->form == FORM_AT_MOST ? "≤" : "≈", a);
		break;
	case FORM_BETWEEN:
		sbuf_addf(out, "%s–%s", a, format_number(b, sizeof b, t->high));
		break;
	case FORM_GROWTH:
		sbuf_addf(out, "%s %s%s%% y/y", ind->lower_is_better ? "≤" : "≥", t->value >= 0 ? "+" : "", a);
		break;
	case FORM_RELATIVE:
		sbuf_addf(out, "≥ %s", plan->indicators[t->relative_to].id);
		if (t->value != 0)
			sbuf_addf(out, " %s %s", t->value > 0 ? "+" : "-",
				  format_number(b, sizeof b, fabs(t->value)));
		break;
	case FORM_TASK:
		sbuf_addf(out, "by %s", date_format(ind->deadline, a));
		break;
	}
	if (t->since)
		sbuf_addf(out, " since %d", t->since);
	if (t->base != 0)
		sbuf_addf(out, " (base %s)", format_number(b, sizeof b, t->base));
	const char *sep = "; ";
	for (int y = plan->year; y < plan->end_year; y++) {
		double v = checkpoint(plan, t, y);
		if (isnan(v))
			continue;
		sbuf_addf(out, "%s%d: %s", sep, y, format_number(b, sizeof b, v));
		sep = ", ";
	}
}

bool plan_target_equal(const struct plan_target *a, const struct plan_target *b)
{
	return a->form == b->form && a->value == b->value && a->relative_to == b->relative_to &&
	       a->base == b->base && a->since == b->since && a->checkpoints == b->checkpoints &&
	       (a->high == b->high || (isnan(a->high) && isnan(b->high)));
}

/* A whole year from 1900 to 2999 (checked before any cast to int). */
static bool is_year(double y)
{
	return y >= 1900 && y <= 2999 && y == (int)y;
}

/* An optional number, dflt when absent. */
static int read_optional_number(struct loader *l, const struct ynode *map, const char *key,
				double dflt, double *out)
{
	const struct ynode *n = ynode_get(map, key);
	*out = dflt;
	return n ? read_number(l, n, key, out) : 0;
}

/* checkpoints: {2023: 4, 2024: 8}: the targets of a plan's years before
 * its last, for the forms that are one number. */
static int read_checkpoints(struct loader *l, const struct ynode *n,
			    struct plan_target *t)
{
	struct plan *p = l->plan;
	if (p->end_year == p->year)
		return fail_node(l, n, "checkpoints need a plan of several years (years: %d-%d)",
				 p->year, p->year + 4);
	if (t->form == FORM_BETWEEN || t->form == FORM_RELATIVE)
		return fail_node(l, n, "checkpoints give one number a year: a '%s' target has none",
				 form_names[t->form]);
	if (want_kind(l, n, YNODE_MAP, "checkpoints") != 0)
		return -1;
	struct plan_checkpoints cp;
	for (int y = 0; y < PLAN_MAX_YEARS; y++)
		cp.value[y] = NAN;
	for (size_t k = 0; k < n->n; k++) {
		double year;
		if (read_number(l, n->keys[k], "a checkpoint's year", &year) != 0)
			return -1;
		if (!is_year(year) || year < p->year || year >= p->end_year)
			return fail_node(l, n->keys[k], "checkpoint %s is not a year before the plan's "
					 "last: use %d to %d (the target itself is for %d)",
					 n->keys[k]->text, p->year, p->end_year - 1, p->end_year);
		if (read_number(l, n->items[k], "a checkpoint", &cp.value[(int)year - p->year]) != 0)
			return -1;
	}
	p->checkpoints = xrealloc(p->checkpoints, (p->ncheckpoints + 1) * sizeof *p->checkpoints);
	p->checkpoints[p->ncheckpoints] = cp;
	t->checkpoints = (int)p->ncheckpoints++;
	return 0;
}

/* target: a number (at least, or at most when lower is better) or a map
 * naming the form: {about: 6}, {between: [3, 5]}, {growth: 8},
 * {relative_to: loans_growth, plus: 0}, with optional base and since. */
static int read_target_map(struct loader *l, const struct ynode *n,
			   const struct plan_indicator *ind, struct plan_target *t)
{
	static const char *const keys[] = {"at_least", "at_most", "about", "between", "growth",
					   "relative_to", "plus", "base", "since", "checkpoints"};
	static const enum target_form forms[] = {FORM_AT_LEAST, FORM_AT_MOST, FORM_ABOUT,
						  FORM_BETWEEN, FORM_GROWTH, FORM_RELATIVE};
	const struct ynode *form = NULL;
	size_t which = 0;
	if (check_keys(l, n, NAMES(keys), "a target") != 0)
		return -1;
	for (size_t k = 0; k < 6; k++) {
		const struct ynode *v = ynode_get(n, keys[k]);
		if (!v)
			continue;
		if (form)
			return fail_node(l, v, "a target has one form: '%s' and '%s' both given",
					 keys[which], keys[k]);
		form = v;
		which = k;
	}
	if (!form)
		return fail_node(l, n, "a target needs a form: at_least, at_most, about, between, "
				 "growth or relative_to");
	t->form = forms[which];
	double since;
	if (read_optional_number(l, n, "base", 0, &t->base) != 0 ||
	    read_optional_number(l, n, "since", 0, &since) != 0 ||
	    read_optional_number(l, n, "plus", 0, &t->value) != 0)
		return -1;
	if (ynode_get(n, "since") && !is_year(since))
		return fail_node(l, ynode_get(n, "since"), "since must be a year such as 2021, not '%s'",
				 ynode_get(n, "since")->text);
	t->since = (int)since;
	if (t->since > l->plan->year && l->plan->end_year > l->plan->year)
		return fail_node(l, ynode_get(n, "since"), "since %d is after the plan's first year %d: "
				 "a target counted since a year adds up every plan year from it",
				 t->since, l->plan->year);
	if (ynode_get(n, "checkpoints") &&
	    read_checkpoints(l, ynode_get(n, "checkpoints"), t) != 0)
		return -1;
	if ((ynode_get(n, "base") || ynode_get(n, "since")) && !indicator_accumulates(ind->kind))
		return fail_node(l, n, "'base' and 'since' count what was done before the plan "
				 "year: they need an amount or a count, not a %s",
				 indicator_kind_name(ind->kind));
	if (ynode_get(n, "plus") && t->form != FORM_RELATIVE)
		return fail_node(l, ynode_get(n, "plus"), "'plus' goes with 'relative_to'");
	if (t->form == FORM_RELATIVE) {
		if (want_kind(l, form, YNODE_SCALAR, "relative_to") != 0)
			return -1;
		t->relative_to = plan_find_indicator(l->plan, form->text);
		if (t->relative_to < 0)
			return plan_fail_unknown(l->plan, l->d, l->path, form->line, form->col,
						 "indicator", form->text);
		if (t->relative_to == ind - l->plan->indicators)
			return fail_node(l, form, "an indicator cannot be its own reference");
		return 0;
	}
	if (t->form != FORM_BETWEEN)
		return read_number(l, form, keys[which], &t->value);
	if (form->kind != YNODE_SEQ || form->n != 2)
		return fail_node(l, form, "between takes [low, high]");
	if (read_number(l, form->items[0], "between", &t->value) != 0 ||
	    read_number(l, form->items[1], "between", &t->high) != 0)
		return -1;
	if (t->high < t->value)
		return fail_node(l, form, "between: the high end %g is below the low end %g", t->high,
				 t->value);
	return 0;
}

/* A target that is a plain number: at least, or at most when lower is better. */
static struct plan_target plain_target(const struct plan_indicator *ind)
{
	return (struct plan_target){.form = ind->lower_is_better ? FORM_AT_MOST : FORM_AT_LEAST,
				    .high = NAN, .relative_to = -1, .checkpoints = -1};
}

static int read_target(struct loader *l, const struct ynode *n, const struct plan_indicator *ind,
		       struct plan_target *t)
{
	*t = plain_target(ind);
	if (ind->kind == KIND_TASK)
		return fail_node(l, n, "indicator '%s' is a task: it has a deadline, not a target",
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
	if (require_key(l, ind, "units", "an indicator", &units) != 0)
		return -1;
	bool all = units->kind == YNODE_SCALAR && strcmp(units->text, "all") == 0;
	if (!all && units->kind == YNODE_SCALAR)
		return fail_node(l, units, "units must be a list such as [%s] or 'all', not '%s'",
				 units->text, units->text);
	if (!all && want_kind(l, units, YNODE_SEQ, "units") != 0)
		return -1;
	if (!all && units->n == 0)
		return fail_node(l, units, "indicator '%s' has no responsible units", pi->id);
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
			return fail_node(l, units->items[j], "unit '%s' is listed twice",
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
		return fail_node(l, n, "inputs is empty: list the indicators '%s' is computed from",
				 pi->id);
	if (pi->kind == KIND_TASK)
		return fail_node(l, n, "a task cannot be derived from other indicators");
	if (n->n > PLAN_MAX_INPUTS)
		return fail_node(l, n, "'%s' has %zu inputs: at most %d", pi->id, n->n, PLAN_MAX_INPUTS);
	pi->inputs = xcalloc(n->n, sizeof *pi->inputs);
	for (size_t k = 0; k < n->n; k++) {
		int in = resolve_indicator(l, n->items[k]);
		if (in < 0)
			return -1;
		if (in == index)
			return fail_node(l, n->items[k], "'%s' cannot be an input of itself", pi->id);
		if (l->plan->indicators[in].kind == KIND_TASK)
			return fail_node(l, n->items[k], "'%s' is a task: it has no figure to compute with",
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
					 "derived input '%s' must be listed before '%s'", in->id, pi->id);
	}
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
		return fail_node(l, ynode_get(ind, "jump_factor"), "jump_factor must be above 1, "
				 "e.g. 3 flags a figure three times the previous one");
	if (pi->basis == BASIS_PERIOD && !indicator_accumulates(pi->kind))
		return fail_node(l, ynode_get(ind, "basis"), "basis 'period' needs an amount or a "
				 "count: a %s cannot be added up over periods", kind_names[kind]);
	if (schedule && read_schedule(l, schedule, &pi->schedule) != 0)
		return -1;
	if (pi->kind != KIND_TASK) {
		if (deadline)
			return fail_node(l, deadline, "only a task (kind: task) has a deadline");
		return 0;
	}
	if (!deadline)
		return fail_node(l, ind, "task '%s' has no deadline (e.g. deadline: %d-12-31)", pi->id,
				 l->plan->year);
	if (want_kind(l, deadline, YNODE_SCALAR, "deadline") != 0)
		return -1;
	if (date_parse(deadline->text, &pi->deadline) != 0)
		return fail_node(l, deadline, "deadline '%s' is not a date: write 2023-12-31 or 2023-12",
				 deadline->text);
	return 0;
}

static int load_indicators(struct loader *l, const struct ynode *seq, struct assignment_list *a)
{
	static const char *const keys[] = {
		"id", "name", "measure", "kind", "direction", "target", "units", "source", "note",
		"basis", "every", "schedule", "deadline", "scoring", "binding", "scored", "inputs",
		"jump_factor"};
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
		if (want_kind(l, ind, YNODE_MAP, "an indicator") != 0 ||
		    check_keys(l, ind, keys, sizeof keys / sizeof *keys, "an indicator") != 0 ||
		    require_key(l, ind, "id", "an indicator", &id) != 0 ||
		    require_key(l, ind, "name", "an indicator", &name) != 0)
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

/* targets: per-unit targets and schedules that override the indicator's. */
static int load_targets(struct loader *l, const struct ynode *seq, struct assignment_list *a)
{
	static const char *const keys[] = {"unit", "indicator", "target", "schedule"};
	if (want_kind(l, seq, YNODE_SEQ, "targets") != 0)
		return -1;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *t = seq->items[i], *un, *in, *tn, *sn;
		if (want_kind(l, t, YNODE_MAP, "a target") != 0 ||
		    check_keys(l, t, NAMES(keys), "a target") != 0 ||
		    require_key(l, t, "unit", "a target", &un) != 0 ||
		    require_key(l, t, "indicator", "a target", &in) != 0)
			return -1;
		tn = ynode_get(t, "target");
		sn = ynode_get(t, "schedule");
		if (!tn && !sn)
			return fail_node(l, t, "a per-unit entry needs a 'target' or a 'schedule'");
		int u = resolve_unit(l, un), ind = u < 0 ? -1 : resolve_indicator(l, in);
		if (ind < 0)
			return -1;
		long k = pending_find(l->plan, a, u, ind);
		if (k < 0)
			return fail_node(l, un, "unit '%s' is not among the units of indicator '%s'",
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
			return fail_node(l, at, "unit '%s' computes '%s' from '%s' but does not report it "
					 "(add the unit to the units of '%s')", p->units[as->unit].id,
					 pi->id, p->indicators[pi->inputs[k]].id,
					 p->indicators[pi->inputs[k]].id);
	const struct plan_target *t = &p->terms[as->terms].target;
	if (t->form == FORM_RELATIVE && !assigned(p, a, as->unit, t->relative_to))
		return fail_node(l, at, "unit '%s' is compared with '%s' but does not report it",
				 p->units[as->unit].id, p->indicators[t->relative_to].id);
	if (t->form == FORM_GROWTH)
		p->needs_last_year = true;
	return 0;
}

/* Checks every assignment has a target and what it refers to, then hands
 * them to the plan. */
static int finish_assignments(struct loader *l, struct assignment_list *a,
			      const struct ynode *indicators)
{
	struct plan *p = l->plan;
	for (size_t k = 0; k < a->n; k++)
		if (!a->has_target[k])
			return fail_node(l, indicators->items[a->v[k].indicator],
					 "no target for unit '%s' on indicator '%s' (give 'target' or a per-unit target)",
					 p->units[a->v[k].unit].id,
					 p->indicators[a->v[k].indicator].id);
	for (size_t k = 0; k < a->n; k++)
		if (check_references(l, a, &a->v[k], indicators) != 0)
			return -1;
	p->nassignments = a->n;
	p->assignments = a->v; /* the plan's now */
	a->v = NULL;
	return 0;
}

/* A rule file the plan names, resolved against the plan's directory. */
static int read_rule_file(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	char *rel;
	if (read_text(l, n, key, &rel) != 0)
		return -1;
	char *dir = path_dirname(l->path);
	*out = path_join(dir, rel);
	free(dir);
	int rc = 0;
	if (access(*out, R_OK) != 0)
		rc = fail_node(l, n, "rule file '%s' not found (looked for '%s')", rel, *out);
	free(rel);
	return rc;
}

/* years: 2023-2027, a plan of several years (at most PLAN_MAX_YEARS). */
static int read_years(struct loader *l, const struct ynode *n)
{
	struct plan *p = l->plan;
	char from[16], to[16], rest;
	double a, b;
	if (want_kind(l, n, YNODE_SCALAR, "years") != 0)
		return -1;
	if (sscanf(n->text, "%15[0-9]-%15[0-9]%c", from, to, &rest) != 2 ||
	    !parse_number(from, &a) || !parse_number(to, &b) || !is_year(a) || !is_year(b) ||
	    b <= a)
		return fail_node(l, n, "years must be a first and a later last year such as "
				 "2023-2027, not '%s'", n->text);
	if (b - a >= PLAN_MAX_YEARS)
		return fail_node(l, n, "years %s: a plan covers at most %d years", n->text,
				 PLAN_MAX_YEARS);
	p->year = (int)a;
	p->end_year = (int)b;
	return 0;
}

/* year: 2023, or years: 2023-2027; exactly one of them. */
static int read_plan_years(struct loader *l, const struct ynode *root)
{
	const struct ynode *year = ynode_get(root, "year"), *years = ynode_get(root, "years");
	double y;
	if (year && years)
		return fail_node(l, years, "the plan has 'year' and 'years': give one of them");
	if (years)
		return read_years(l, years);
	if (!year)
		return fail_node(l, root, "the plan has no 'year'");
	if (read_number(l, year, "year", &y) != 0)
		return -1;
	if (!is_year(y))
		return fail_node(l, year, "year must be a year such as 2023, not '%s'", year->text);
	l->plan->year = l->plan->end_year = (int)y;
	return 0;
}

/* from: 2023-07-01, or 2023-07 for the first of the month. */
static int read_from(struct loader *l, const struct ynode *n, int *date)
{
	if (want_kind(l, n, YNODE_SCALAR, "from") != 0)
		return -1;
	if (date_parse(n->text, date) != 0)
		return fail_node(l, n, "from must be a date such as 2023-07-01, not '%s'", n->text);
	if (strlen(n->text) == 7)
		*date = *date / 100 * 100 + 1;
	return 0;
}

/* params: {name: value, ...}, the values of the rules' parameters. */
static int read_rule_params(struct loader *l, const struct ynode *n, struct plan_rules *r)
{
	if (want_kind(l, n, YNODE_MAP, "params") != 0)
		return -1;
	r->params = xcalloc(n->n + 1, sizeof *r->params);
	for (size_t k = 0; k < n->n; k++) {
		const struct ynode *key = n->keys[k];
		double value;
		if (!is_valid_id(key->text))
			return fail_node(l, key, "params: '%s' is not a parameter name such as red_margin",
					 key->text);
		if (read_number(l, n->items[k], key->text, &value) != 0)
			return -1;
		r->params[r->nparams++] =
			(struct plan_param){xstrdup(key->text), value, key->line, key->col};
	}
	return 0;
}

/* {from: DATE, file: FILE, params: {...}} */
static int read_rule_entry(struct loader *l, const struct ynode *n, struct plan_rules *r)
{
	static const char *const keys[] = {"from", "file", "params"};
	const struct ynode *from, *file, *params;
	if (want_kind(l, n, YNODE_MAP, "an entry of rules") != 0 ||
	    check_keys(l, n, keys, 3, "an entry of rules") != 0 ||
	    require_key(l, n, "from", "an entry of rules", &from) != 0 ||
	    require_key(l, n, "file", "an entry of rules", &file) != 0 ||
	    read_from(l, from, &r->from) != 0 || read_rule_file(l, file, "file", &r->path) != 0)
		return -1;
	params = ynode_get(n, "params");
	return params ? read_rule_params(l, params, r) : 0;
}

/* The entries' dates: in order, the first at the year's start or before,
 * none after its end. */
static int check_rule_dates(struct loader *l, const struct ynode *seq, size_t k)
{
	const struct plan *p = l->plan;
	const struct ynode *from = ynode_get(seq->items[k], "from");
	int date = p->rules[k].from, year = p->year;
	char a[DATE_TEXT], b[DATE_TEXT];
	if (k == 0 && date > year * 10000 + 101)
		return fail_node(l, from, "the first rules must be in force from the start of the year "
				 "(from: %d-01-01 or before), so that every period of %d has rules",
				 year, year);
	if (k > 0 && date <= p->rules[k - 1].from)
		return fail_node(l, from, "from %s is not after the entry before it (%s): list the "
				 "rules by date", date_format(date, a), date_format(p->rules[k - 1].from, b));
	if (date > p->end_year * 10000 + 1231)
		return fail_node(l, from, "from %s is after the plan's last year %d: these rules would "
				 "never be in force", date_format(date, a), p->end_year);
	return 0;
}

/* rules: FILE, or a schedule [{from: DATE, file: FILE, params: {...}}]. */
static int load_rules(struct loader *l, const struct ynode *n)
{
	struct plan *p = l->plan;
	if (n->kind == YNODE_SEQ && n->n == 0)
		return fail_node(l, n, "rules is empty: name a rule file, or list {from, file} entries");
	p->rules = xcalloc(n->kind == YNODE_SEQ ? n->n : 1, sizeof *p->rules);
	if (n->kind != YNODE_SEQ) {
		p->nrules = 1;
		if (read_rule_file(l, n, "rules", &p->rules[0].path) != 0)
			return -1;
	}
	for (size_t k = 0; n->kind == YNODE_SEQ && k < n->n; k++)
		if (read_rule_entry(l, n->items[k], &p->rules[p->nrules++]) != 0 ||
		    check_rule_dates(l, n, k) != 0)
			return -1;
	p->rules_path = xstrdup(p->rules[p->nrules - 1].path);
	return 0;
}

const struct plan_rules *plan_rules_at(const struct plan *plan, int date)
{
	size_t k = 0;
	while (k + 1 < plan->nrules && plan->rules[k + 1].from <= date)
		k++;
	return &plan->rules[k];
}

static int load_header(struct loader *l, const struct ynode *root)
{
	struct plan *p = l->plan;
	const struct ynode *id, *title, *rules;
	if (require_key(l, root, "id", "the plan", &id) != 0 ||
	    require_key(l, root, "title", "the plan", &title) != 0 ||
	    read_plan_years(l, root) != 0 ||
	    require_key(l, root, "rules", "the plan", &rules) != 0)
		return -1;
	if (read_id(l, id, "id", &p->id) != 0 || read_text(l, title, "title", &p->title) != 0 ||
	    read_optional_text(l, root, "issuer", &p->issuer) != 0 ||
	    read_optional_text(l, root, "source", &p->source) != 0)
		return -1;
	return load_rules(l, rules);
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
			       "unit '%s' is not among the units of indicator '%s'", p->units[unit].id,
			       ind->id);
	struct plan_assignment *as = &t->a->v[k];
	bool *has_target = &t->a->has_target[k];
	enum target_form form = *has_target ? plan_target_form(p, as) : FORM_AT_LEAST;
	if (ind->kind == KIND_TASK || form == FORM_BETWEEN || form == FORM_RELATIVE)
		return fail_at(d, at->path, at->line, at->col,
			       "indicator '%s' %s: a table cell can only give a number", ind->id,
			       ind->kind == KIND_TASK ? "is a task" : form == FORM_BETWEEN
			       ? "has a band target; give the unit's band under targets:"
			       : "is compared with another indicator");
	if (!*has_target) {
		struct plan_target plain = plain_target(ind);
		change_target(t->l, as, &plain);
		*has_target = true;
	}
	as->value = value;
	return 0;
}

/* targets_table: a CSV of per-unit targets, relative to the plan. */
static int load_targets_table(struct loader *l, const struct ynode *n, struct assignment_list *a)
{
	char *rel;
	if (read_text(l, n, "targets_table", &rel) != 0)
		return -1;
	char *dir = path_dirname(l->path);
	char *path = path_join(dir, rel);
	struct table_load t = {l, a, -1};
	int rc = targets_table_read(l->plan, path, take_target_cell, &t, l->d);
	free(dir);
	free(path);
	free(rel);
	return rc;
}

/* full_marks: 100, the total the weights of each unit's indicators add
 * up to (满分); NAN when the plan declares none. */
static int read_full_marks(struct loader *l, const struct ynode *root)
{
	struct plan *p = l->plan;
	const struct ynode *n = ynode_get(root, "full_marks");
	p->full_marks = NAN;
	if (!n)
		return 0;
	if (read_number(l, n, "full_marks", &p->full_marks) != 0)
		return -1;
	if (!(p->full_marks > 0))
		return fail_node(l, n, "full_marks must be above 0 (the points of a perfect score)");
	p->full_marks_line = n->line;
	p->full_marks_col = n->col;
	return 0;
}

static int load_root(struct loader *l, const struct ynode *root)
{
	static const char *const keys[] = {"id",     "title",  "issuer",     "source",
					   "year",   "years",  "rules",  "jump_factor", "full_marks",
					   "groups", "units",  "indicators", "targets", "targets_table"};
	const struct ynode *groups, *units, *indicators, *targets, *table;
	struct assignment_list a = {0};
	int rc = -1;
	if (!root)
		return fail_at(l->d, l->path, 1, 1, "the plan is empty");
	if (want_kind(l, root, YNODE_MAP, "a plan") != 0 ||
	    check_keys(l, root, keys, sizeof keys / sizeof *keys, "the plan") != 0 ||
	    load_header(l, root) != 0 ||
	    read_optional_number(l, root, "jump_factor", 0, &l->plan->jump_factor) != 0 ||
	    read_full_marks(l, root) != 0 ||
	    require_key(l, root, "groups", "the plan", &groups) != 0 ||
	    require_key(l, root, "units", "the plan", &units) != 0 ||
	    require_key(l, root, "indicators", "the plan", &indicators) != 0 ||
	    load_groups(l, groups) != 0 || load_units(l, units) != 0 ||
	    load_indicators(l, indicators, &a) != 0)
		goto out;
	index_assignments(l, &a);
	table = ynode_get(root, "targets_table");
	if (table && load_targets_table(l, table, &a) != 0)
		goto out;
	targets = ynode_get(root, "targets");
	if (targets && load_targets(l, targets, &a) != 0)
		goto out;
	rc = finish_assignments(l, &a, indicators);
out:
	assignment_list_release(&a);
	free(l->recent_terms);
	free(l->listed_for);
	strmap_release(&l->group_lookup);
	l->recent_terms = NULL;
	l->listed_for = NULL;
	return rc;
}

int plan_load(struct plan *plan, const char *path, diag_t *d)
{
	memset(plan, 0, sizeof *plan);
	struct ydoc doc;
	if (ydoc_load(&doc, path, d) != 0)
		return -1;
	plan->path = xstrdup(path);
	struct loader l = {.plan = plan, .path = path, .d = d};
	int rc = load_root(&l, doc.root);
	ydoc_release(&doc);
	if (rc != 0)
		plan_release(plan);
	return rc;
}

void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->ngroups; i++) {
		free(p->groups[i].id);
		free(p->groups[i].name);
	}
	for (size_t i = 0; i < p->nunits; i++) {
		free(p->units[i].id);
		free(p->units[i].name);
	}
	for (size_t i = 0; i < p->nindicators; i++) {
		struct plan_indicator *pi = &p->indicators[i];
		free(pi->id);
		free(pi->name);
		free(pi->measure);
		free(pi->source);
		free(pi->note);
		free(pi->inputs);
	}
	free(p->schedules);
	free(p->checkpoints);
	free(p->groups);
	free(p->units);
	free(p->indicators);
	free(p->assignments);
	free(p->terms);
	free(p->unit_first);
	strmap_release(&p->unit_lookup);
	strmap_release(&p->indicator_lookup);
	free(p->path);
	free(p->id);
	free(p->title);
	free(p->issuer);
	free(p->source);
	free(p->rules_path);
	for (size_t k = 0; k < p->nrules; k++) {
		for (size_t i = 0; i < p->rules[k].nparams; i++)
			free(p->rules[k].params[i].name);
		free(p->rules[k].params);
		free(p->rules[k].path);
	}
	free(p->rules);
	memset(p, 0, sizeof *p);
}

int plan_find_unit(const struct plan *plan, const char *id_or_name)
{
	return strmap_get(&plan->unit_lookup, id_or_name);
}

int plan_find_indicator(const struct plan *plan, const char *id_or_name)
{
	return strmap_get(&plan->indicator_lookup, id_or_name);
}

long plan_find_assignment(const struct plan *plan, int unit, int indicator)
{
	return find_assignment(plan->assignments, plan->unit_first, unit, indicator);
}

const char *plan_nearest(const struct plan *plan, const char *what, const char *name)
{
	bool unit = strcmp(what, "unit") == 0;
	size_t n = unit ? plan->nunits : plan->nindicators;
	const char **cands = xmalloc((2 * n + 1) * sizeof *cands);
	for (size_t i = 0; i < n; i++) {
		cands[2 * i] = unit ? plan->units[i].id : plan->indicators[i].id;
		cands[2 * i + 1] = unit ? plan->units[i].name : plan->indicators[i].name;
	}
	const char *near = nearest_name(name, cands, 2 * n);
	free(cands);
	return near;
}

int plan_fail_unknown(const struct plan *plan, diag_t *d, const char *file, int line,
		      int col, const char *what, const char *name)
{
	const char *near = plan_nearest(plan, what, name);
	if (near)
		return fail_at(d, file, line, col, "unknown %s '%s' (did you mean '%s'?)", what, name,
			       near);
	return fail_at(d, file, line, col, "unknown %s '%s'", what, name);
}
