/* plan: the plan's queries: units, indicators and assignments by id, name
 * or index, assignments grouped by unit or indicator, the years covered,
 * the rule schedule. plan_load.c reads a plan, plan_target.c describes
 * targets, plan_time.c says what is expected by a month. */
#include "plan.h"

#include "lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "names.h"

bool indicator_accumulates(enum indicator_kind kind)
{
	return kind == KIND_AMOUNT || kind == KIND_COUNT;
}

bool plan_has_year(const struct plan *plan, int year)
{
	return year >= plan->year && year <= plan->end_year;
}

bool plan_flags_jumps(const struct plan *plan)
{
	for (size_t i = 0; i < plan->nindicators; i++)
		if (plan->indicators[i].jump_factor > 0)
			return true;
	return false;
}

const char *plan_years_text(const struct plan *plan, char *buf, size_t size)
{
	if (plan->end_year == plan->year)
		snprintf(buf, size, _("year %d"), plan->year);
	else
		snprintf(buf, size, _("years %d-%d"), plan->year, plan->end_year);
	return buf;
}

const struct plan_rules *plan_rules_at(const struct plan *plan, int date)
{
	size_t k = 0;
	while (k + 1 < plan->nrules && plan->rules[k + 1].from <= date)
		k++;
	return &plan->rules[k];
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

/* The key plan_group_units groups unit u by. */
static size_t unit_key(const struct plan *plan, const size_t *key_of_group, size_t u)
{
	size_t g = (size_t)plan->units[u].group;
	return key_of_group ? key_of_group[g] : g;
}

size_t *plan_group_units(const struct plan *plan, const size_t *key_of_group, size_t nkeys,
			 size_t **first)
{
	size_t *start = xcalloc(nkeys + 2, sizeof *start);
	size_t *order = xmalloc((plan->nunits + 1) * sizeof *order);
	for (size_t u = 0; u < plan->nunits; u++)
		start[unit_key(plan, key_of_group, u) + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		start[k + 1] += start[k];
	size_t *next = xmalloc((nkeys + 1) * sizeof *next);
	memcpy(next, start, (nkeys + 1) * sizeof *next);
	for (size_t u = 0; u < plan->nunits; u++)
		order[next[unit_key(plan, key_of_group, u)]++] = u;
	free(next);
	*first = start;
	return order;
}

long plan_find_assignment_in(const struct plan_assignment *v, const size_t *unit_first,
			     int unit, int indicator)
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
	return plan_find_assignment_in(plan->assignments, plan->unit_first, unit, indicator);
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
		return fail_at(d, file, line, col, _("unknown %s '%s' (did you mean '%s'?)"), _(what),
			       name, near);
	return fail_at(d, file, line, col, _("unknown %s '%s'"), _(what), name);
}
