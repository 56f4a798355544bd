#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "text.h"
#include "yaml_doc.h"

/* What the loader needs at hand while walking the document. */
struct loader {
	struct plan *plan;
	const char *path;
	diag_t *d;
};

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

static int load_groups(struct loader *l, const struct ynode *seq)
{
	static const char *const keys[] = {"id", "name"};
	struct plan *p = l->plan;
	if (want_kind(l, seq, YNODE_SEQ, "groups") != 0)
		return -1;
	p->groups = xcalloc(seq->n, sizeof *p->groups);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *g = seq->items[i], *id, *name;
		if (want_kind(l, g, YNODE_MAP, "a group") != 0 ||
		    check_keys(l, g, keys, 2, "a group") != 0 ||
		    require_key(l, g, "id", "a group", &id) != 0 ||
		    require_key(l, g, "name", "a group", &name) != 0)
			return -1;
		struct plan_group *pg = &p->groups[p->ngroups++];
		if (read_id(l, id, "id", &pg->id) != 0 || read_text(l, name, "name", &pg->name) != 0)
			return -1;
		for (size_t j = 0; j + 1 < p->ngroups; j++)
			if (strcmp(p->groups[j].id, pg->id) == 0)
				return fail_node(l, id, "duplicate group '%s'", pg->id);
	}
	return 0;
}

static int find_group(struct loader *l, const struct ynode *n)
{
	const struct plan *p = l->plan;
	const char **ids = xmalloc((p->ngroups + 1) * sizeof *ids);
	int found = -1;
	for (size_t i = 0; i < p->ngroups; i++) {
		ids[i] = p->groups[i].id;
		if (strcmp(ids[i], n->text) == 0 || strcmp(p->groups[i].name, n->text) == 0)
			found = (int)i;
	}
	if (found < 0) {
		const char *near = nearest_name(n->text, ids, p->ngroups);
		if (near)
			fail_node(l, n, "unknown group '%s' (did you mean '%s'?)", n->text, near);
		else
			fail_node(l, n, "unknown group '%s'", n->text);
	}
	free(ids);
	return found;
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

/* A growing list of assignments while the plan is read. */
struct assignment_list {
	struct plan_assignment *v;
	size_t n, cap;
	bool *has_target;
};

static void assignment_push(struct assignment_list *a, int unit, int indicator,
			    bool has_target, double target)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
		a->has_target = xrealloc(a->has_target, a->cap * sizeof *a->has_target);
	}
	a->v[a->n] = (struct plan_assignment){unit, indicator, target};
	a->has_target[a->n++] = has_target;
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

static int read_direction(struct loader *l, const struct ynode *ind, bool *lower)
{
	const struct ynode *n = ynode_get(ind, "direction");
	*lower = false;
	if (!n)
		return 0;
	if (want_kind(l, n, YNODE_SCALAR, "direction") != 0)
		return -1;
	if (strcmp(n->text, "higher") == 0)
		return 0;
	if (strcmp(n->text, "lower") == 0) {
		*lower = true;
		return 0;
	}
	return fail_node(l, n, "direction must be 'higher' or 'lower', not '%s'", n->text);
}

static const char *const kind_names[] = {"amount", "count", "rate", "share", "level"};

const char *indicator_kind_name(enum indicator_kind kind)
{
	return kind_names[kind];
}

bool indicator_accumulates(enum indicator_kind kind)
{
	return kind == KIND_AMOUNT || kind == KIND_COUNT;
}

static int read_kind(struct loader *l, const struct ynode *ind, enum indicator_kind *kind)
{
	const struct ynode *n = ynode_get(ind, "kind");
	size_t nkinds = sizeof kind_names / sizeof *kind_names;
	*kind = KIND_AMOUNT;
	if (!n)
		return 0;
	if (want_kind(l, n, YNODE_SCALAR, "kind") != 0)
		return -1;
	for (size_t k = 0; k < nkinds; k++)
		if (strcmp(n->text, kind_names[k]) == 0) {
			*kind = (enum indicator_kind)k;
			return 0;
		}
	const char *near = nearest_name(n->text, kind_names, nkinds);
	return fail_node(l, n, "unknown kind '%s'%s%s%s: use amount, count, rate, share or level",
			 n->text, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

/* The responsible units of one indicator become assignments. */
static int load_responsible(struct loader *l, const struct ynode *ind, int index,
			    struct assignment_list *a)
{
	const struct ynode *units, *target_node = ynode_get(ind, "target");
	double target = 0;
	if (require_key(l, ind, "units", "an indicator", &units) != 0 ||
	    want_kind(l, units, YNODE_SEQ, "units") != 0)
		return -1;
	if (units->n == 0)
		return fail_node(l, units, "indicator '%s' has no responsible units",
				 l->plan->indicators[index].id);
	if (target_node && read_number(l, target_node, "target", &target) != 0)
		return -1;
	size_t first = a->n;
	for (size_t j = 0; j < units->n; j++) {
		int u = resolve_unit(l, units->items[j]);
		if (u < 0)
			return -1;
		for (size_t k = first; k < a->n; k++)
			if (a->v[k].unit == u)
				return fail_node(l, units->items[j], "unit '%s' is listed twice",
						 units->items[j]->text);
		assignment_push(a, u, index, target_node != NULL, target);
	}
	return 0;
}

static int load_indicators(struct loader *l, const struct ynode *seq, struct assignment_list *a)
{
	static const char *const keys[] = {"id", "name", "measure", "kind", "direction",
					   "target", "units", "source", "note"};
	struct plan *p = l->plan;
	if (want_kind(l, seq, YNODE_SEQ, "indicators") != 0)
		return -1;
	p->indicators = xcalloc(seq->n, sizeof *p->indicators);
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
		    read_kind(l, ind, &pi->kind) != 0 ||
		    read_direction(l, ind, &pi->lower_is_better) != 0)
			return -1;
		if (register_name(l, &p->indicator_lookup, id, pi->id, (int)i, "indicator") != 0 ||
		    (strcmp(pi->name, pi->id) != 0 &&
		     register_name(l, &p->indicator_lookup, name, pi->name, (int)i, "indicator") != 0))
			return -1;
	}
	for (size_t i = 0; i < seq->n; i++)
		if (load_responsible(l, seq->items[i], (int)i, a) != 0)
			return -1;
	return 0;
}

/* targets: per-unit targets that override the indicator's. */
static int load_targets(struct loader *l, const struct ynode *seq, struct assignment_list *a)
{
	static const char *const keys[] = {"unit", "indicator", "target"};
	if (want_kind(l, seq, YNODE_SEQ, "targets") != 0)
		return -1;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *t = seq->items[i], *un, *in, *tn;
		if (want_kind(l, t, YNODE_MAP, "a target") != 0 ||
		    check_keys(l, t, keys, 3, "a target") != 0 ||
		    require_key(l, t, "unit", "a target", &un) != 0 ||
		    require_key(l, t, "indicator", "a target", &in) != 0 ||
		    require_key(l, t, "target", "a target", &tn) != 0)
			return -1;
		int u = resolve_unit(l, un), ind = u < 0 ? -1 : resolve_indicator(l, in);
		double value;
		if (ind < 0 || read_number(l, tn, "target", &value) != 0)
			return -1;
		size_t k = 0;
		while (k < a->n && !(a->v[k].unit == u && a->v[k].indicator == ind))
			k++;
		if (k == a->n)
			return fail_node(l, un, "unit '%s' is not among the units of indicator '%s'",
					 un->text, in->text);
		a->v[k].target = value;
		a->has_target[k] = true;
	}
	return 0;
}

static int compare_assignments(const void *x, const void *y)
{
	const struct plan_assignment *a = x, *b = y;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	return (a->indicator > b->indicator) - (a->indicator < b->indicator);
}

/* Checks every assignment has a target and indexes them by unit. */
static int finish_assignments(struct loader *l, struct assignment_list *a,
			      const struct ynode *indicators)
{
	struct plan *p = l->plan;
	for (size_t k = 0; k < a->n; k++)
		if (!a->has_target[k])
			return fail_node(l, indicators->items[a->v[k].indicator],
					 "no target for unit '%s' on indicator '%s' (give 'target' or a per-unit target)",
					 p->units[a->v[k].unit].id, p->indicators[a->v[k].indicator].id);
	qsort(a->v, a->n, sizeof *a->v, compare_assignments);
	p->assignments = a->v;
	p->nassignments = a->n;
	a->v = NULL;
	p->unit_first = xcalloc(p->nunits + 1, sizeof *p->unit_first);
	for (size_t k = 0; k < p->nassignments; k++)
		p->unit_first[p->assignments[k].unit + 1]++;
	for (size_t u = 0; u < p->nunits; u++)
		p->unit_first[u + 1] += p->unit_first[u];
	return 0;
}

static int load_rules_path(struct loader *l, const struct ynode *n)
{
	char *rel;
	if (read_text(l, n, "rules", &rel) != 0)
		return -1;
	char *dir = path_dirname(l->path);
	l->plan->rules_path = path_join(dir, rel);
	free(dir);
	int rc = 0;
	if (access(l->plan->rules_path, R_OK) != 0)
		rc = fail_node(l, n, "rule file '%s' not found (looked for '%s')", rel,
			       l->plan->rules_path);
	free(rel);
	return rc;
}

static int load_header(struct loader *l, const struct ynode *root)
{
	struct plan *p = l->plan;
	const struct ynode *id, *title, *year, *rules;
	double y;
	if (require_key(l, root, "id", "the plan", &id) != 0 ||
	    require_key(l, root, "title", "the plan", &title) != 0 ||
	    require_key(l, root, "year", "the plan", &year) != 0 ||
	    require_key(l, root, "rules", "the plan", &rules) != 0)
		return -1;
	if (read_id(l, id, "id", &p->id) != 0 || read_text(l, title, "title", &p->title) != 0 ||
	    read_optional_text(l, root, "issuer", &p->issuer) != 0 ||
	    read_optional_text(l, root, "source", &p->source) != 0 ||
	    read_number(l, year, "year", &y) != 0)
		return -1;
	if (y != (int)y || y < 1900 || y > 2999)
		return fail_node(l, year, "year must be a year such as 2023, not '%s'", year->text);
	p->year = (int)y;
	return load_rules_path(l, rules);
}

static int load_root(struct loader *l, const struct ynode *root)
{
	static const char *const keys[] = {"id", "title", "issuer", "source", "year", "rules",
					   "groups", "units", "indicators", "targets"};
	const struct ynode *groups, *units, *indicators, *targets;
	struct assignment_list a = {0};
	int rc = -1;
	if (!root)
		return fail_at(l->d, l->path, 1, 1, "the plan is empty");
	if (want_kind(l, root, YNODE_MAP, "a plan") != 0 ||
	    check_keys(l, root, keys, sizeof keys / sizeof *keys, "the plan") != 0 ||
	    load_header(l, root) != 0 ||
	    require_key(l, root, "groups", "the plan", &groups) != 0 ||
	    require_key(l, root, "units", "the plan", &units) != 0 ||
	    require_key(l, root, "indicators", "the plan", &indicators) != 0 ||
	    load_groups(l, groups) != 0 || load_units(l, units) != 0 ||
	    load_indicators(l, indicators, &a) != 0)
		goto out;
	targets = ynode_get(root, "targets");
	if (targets && load_targets(l, targets, &a) != 0)
		goto out;
	rc = finish_assignments(l, &a, indicators);
out:
	free(a.v);
	free(a.has_target);
	return rc;
}

int plan_load(struct plan *plan, const char *path, diag_t *d)
{
	memset(plan, 0, sizeof *plan);
	struct ydoc doc;
	if (ydoc_load(&doc, path, d) != 0)
		return -1;
	plan->path = xstrdup(path);
	struct loader l = {plan, path, d};
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
	}
	free(p->groups);
	free(p->units);
	free(p->indicators);
	free(p->assignments);
	free(p->unit_first);
	strmap_release(&p->unit_lookup);
	strmap_release(&p->indicator_lookup);
	free(p->path);
	free(p->id);
	free(p->title);
	free(p->issuer);
	free(p->source);
	free(p->rules_path);
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
	size_t lo = plan->unit_first[unit], hi = plan->unit_first[unit + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int ind = plan->assignments[mid].indicator;
		if (ind == indicator)
			return (long)mid;
		if (ind < indicator)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int plan_fail_unknown(const struct plan *plan, diag_t *d, const char *file, int line,
		      int col, const char *what, const char *name)
{
	bool unit = strcmp(what, "unit") == 0;
	size_t n = unit ? plan->nunits : plan->nindicators;
	const char **cands = xmalloc((2 * n + 1) * sizeof *cands);
	for (size_t i = 0; i < n; i++) {
		cands[2 * i] = unit ? plan->units[i].id : plan->indicators[i].id;
		cands[2 * i + 1] = unit ? plan->units[i].name : plan->indicators[i].name;
	}
	const char *near = nearest_name(name, cands, 2 * n);
	if (near)
		fail_at(d, file, line, col, "unknown %s '%s' (did you mean '%s'?)", what, name, near);
	else
		fail_at(d, file, line, col, "unknown %s '%s'", what, name);
	free(cands);
	return -1;
}
