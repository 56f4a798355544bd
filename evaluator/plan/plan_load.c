/* plan_load: the YAML walk of a plan file, and what the rest of it shares.
 * This file reads the document: its header (id, years, rule schedule, full
 * marks), groups and units, and frees a plan; the indicators and their
 * targets are read in plan_load_indicators.c, and the assignments they make
 * are indexed and given per-unit targets in plan_load_assignments.c. */
#include "plan_load.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figure_text.h"
#include "file_texts.h"
#include "lang.h"
#include "mem.h"
#include "names.h"
#include "path.h"
#include "period.h"
#include "plan_cache.h"
#include "sbuf.h"

int fail_node(struct loader *l, const struct ynode *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return fail_at(l->d, l->path, n ? n->line : 1, n ? n->col : 1, "%s", msg);
}

int want_kind(struct loader *l, const struct ynode *n, enum ynode_kind kind, const char *what)
{
	if (n->kind == kind)
		return 0;
	return fail_node(l, n, _("%s must be %s, not %s"), tr_in("plan", what),
			 _(ynode_kind_name(kind)), _(ynode_kind_name(n->kind)));
}

/* Rejects keys of map that are not in allowed[], suggesting the nearest. */
int check_keys(struct loader *l, const struct ynode *map, const char *const *allowed,
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
			return fail_node(l, key, _("unknown key '%s' in %s (did you mean '%s'?)"),
					 key->text, tr_in("plan", where), near);
		return fail_node(l, key, _("unknown key '%s' in %s"), key->text,
				 tr_in("plan", where));
	}
	return 0;
}

int require_key(struct loader *l, const struct ynode *map, const char *key, const char *where,
		const struct ynode **out)
{
	*out = ynode_get(map, key);
	if (*out)
		return 0;
	return fail_node(l, map, _("%s has no '%s'"), tr_in("plan", where), key);
}

/* A non-empty scalar as a fresh string. */
int read_text(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	if (want_kind(l, n, YNODE_SCALAR, key) != 0)
		return -1;
	if (!n->text[0])
		return fail_node(l, n, _("'%s' is empty"), key);
	*out = xstrdup(n->text);
	return 0;
}

int read_optional_text(struct loader *l, const struct ynode *map, const char *key, char **out)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n) {
		*out = xstrdup("");
		return 0;
	}
	return read_text(l, n, key, out);
}

int read_id(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	if (read_text(l, n, key, out) != 0)
		return -1;
	if (is_valid_id(*out))
		return 0;
	return fail_node(l, n, _("'%s' is not a valid id: use letters, digits, '_' and '-'"), *out);
}

int read_number(struct loader *l, const struct ynode *n, const char *key, double *out)
{
	if (want_kind(l, n, YNODE_SCALAR, key) != 0)
		return -1;
	if (!parse_number(n->text, out))
		return fail_node(l, n, _("%s must be a number, not '%s'"), tr_in("plan", key),
				 n->text);
	return 0;
}

/* A file the plan names under key, as a path relative to the plan's. */
int read_plan_path(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	char *rel;
	if (read_text(l, n, key, &rel) != 0)
		return -1;
	char *dir = path_dirname(l->path);
	*out = path_join(dir, rel);
	free(dir);
	free(rel);
	return 0;
}

/* Registers a unit or indicator id and name; both must be new. */
int register_name(struct loader *l, struct strmap *map, const struct ynode *n, const char *name,
		  int index, const char *what)
{
	if (strmap_put(map, name, index) != index)
		return fail_node(l, n, _("duplicate %s '%s'"), _(what), name);
	return 0;
}

int resolve_unit(struct loader *l, const struct ynode *n)
{
	if (want_kind(l, n, YNODE_SCALAR, NC_("plan", "a unit")) != 0)
		return -1;
	int u = plan_find_unit(l->plan, n->text);
	if (u < 0)
		plan_fail_unknown(l->plan, l->d, l->path, n->line, n->col, "unit", n->text);
	return u;
}

int resolve_indicator(struct loader *l, const struct ynode *n)
{
	if (want_kind(l, n, YNODE_SCALAR, NC_("plan", "an indicator")) != 0)
		return -1;
	int i = plan_find_indicator(l->plan, n->text);
	if (i < 0)
		plan_fail_unknown(l->plan, l->d, l->path, n->line, n->col, "indicator", n->text);
	return i;
}

/* A scalar that must be one of names[]: its index into *out, or dflt when
 * the key is absent. */
int read_choice(struct loader *l, const struct ynode *map, const char *key,
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
		sbuf_addf(&all, "%s%s", k == 0 ? "" : k + 1 == n ? _(" or ") : _(", "), names[k]);
	const char *near = nearest_name(node->text, names, n);
	if (near)
		fail_node(l, node, _("unknown %s '%s' (did you mean '%s'?): use %s"), key, node->text,
			  near, sbuf_str(&all));
	else
		fail_node(l, node, _("unknown %s '%s': use %s"), key, node->text, sbuf_str(&all));
	sbuf_release(&all);
	return -1;
}

int read_bool(struct loader *l, const struct ynode *map, const char *key, bool dflt, bool *out)
{
	static const char *const names[] = {"false", "true"};
	int v;
	if (read_choice(l, map, key, names, 2, dflt, &v) != 0)
		return -1;
	*out = v;
	return 0;
}

/* A whole year from 1900 to 2999 (checked before any cast to int). */
bool is_year(double y)
{
	return y >= 1900 && y <= 2999 && y == (int)y;
}

/* An optional number, dflt when absent. */
int read_optional_number(struct loader *l, const struct ynode *map, const char *key, double dflt,
			 double *out)
{
	const struct ynode *n = ynode_get(map, key);
	*out = dflt;
	return n ? read_number(l, n, key, out) : 0;
}

/* One entry of groups:, whose id must not be one of ids yet. */
static int load_group(struct loader *l, const struct ynode *g, struct strmap *ids)
{
	static const char *const keys[] = {"id", "name"};
	struct plan *p = l->plan;
	const struct ynode *id, *name;
	if (want_kind(l, g, YNODE_MAP, NC_("plan", "a group")) != 0 ||
	    check_keys(l, g, keys, 2, NC_("plan", "a group")) != 0 ||
	    require_key(l, g, "id", NC_("plan", "a group"), &id) != 0 ||
	    require_key(l, g, "name", NC_("plan", "a group"), &name) != 0)
		return -1;
	struct plan_group *pg = &p->groups[p->ngroups++];
	if (read_id(l, id, "id", &pg->id) != 0 || read_text(l, name, "name", &pg->name) != 0)
		return -1;
	int index = (int)p->ngroups - 1;
	if (strmap_put(ids, pg->id, index) != index)
		return fail_node(l, id, _("duplicate group '%s'"), pg->id);
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

int find_group_at(struct loader *l, const char *text, const char *file, int line, int col)
{
	const struct plan *p = l->plan;
	int found = strmap_get(&l->group_lookup, text);
	if (found >= 0)
		return found;
	const char **ids = xmalloc((p->ngroups + 1) * sizeof *ids);
	for (size_t i = 0; i < p->ngroups; i++)
		ids[i] = p->groups[i].id;
	const char *near = nearest_name(text, ids, p->ngroups);
	if (near)
		fail_at(l->d, file, line, col, _("unknown group '%s' (did you mean '%s'?)"), text, near);
	else
		fail_at(l->d, file, line, col, _("unknown group '%s'"), text);
	free(ids);
	return -1;
}

static int find_group(struct loader *l, const struct ynode *n)
{
	return find_group_at(l, n->text, l->path, n->line, n->col);
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
		if (want_kind(l, u, YNODE_MAP, NC_("plan", "a unit")) != 0 ||
		    check_keys(l, u, keys, 3, NC_("plan", "a unit")) != 0 ||
		    require_key(l, u, "id", NC_("plan", "a unit"), &id) != 0 ||
		    require_key(l, u, "name", NC_("plan", "a unit"), &name) != 0 ||
		    require_key(l, u, "group", NC_("plan", "a unit"), &group) != 0)
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

/* units: a list, or units_table: a CSV of them; one of the two. */
static int load_plan_units(struct loader *l, const struct ynode *root)
{
	const struct ynode *units = ynode_get(root, "units"), *table = ynode_get(root, "units_table");
	if (units && table)
		return fail_node(l, table, _("the plan has 'units' and 'units_table': give one of them"));
	if (table)
		return load_units_table(l, table);
	if (!units)
		return fail_node(l, root, _("the plan has no 'units' (or 'units_table')"));
	return load_units(l, units);
}

/* A rule file the plan names, resolved against the plan's directory: Lua
 * source (a file named .lua) under the plan's folder, or under the folder
 * its rules_folder names, links followed: a plan cannot have a file from
 * elsewhere compiled, and its text echoed in an error. */
static int read_rule_file(struct loader *l, const struct ynode *n, const char *key, char **out)
{
	const struct plan *p = l->plan;
	char *rel;
	if (read_text(l, n, key, &rel) != 0)
		return -1;
	char *dir = path_dirname(l->path);
	*out = path_join(dir, rel);
	int rc = 0;
	if (!file_texts_readable(*out))
		rc = fail_node(l, n, _("rule file '%s' not found (looked for '%s')"), rel, *out);
	else if (!path_has_ext(*out, ".lua")) /* a directory or a FIFO: the reader says which */
		rc = fail_node(l, n, _("rule file '%s' is not a Lua file: rules are Lua source in "
			       "files named .lua"), rel);
	else if (path_within(*out, p->rules_folder ? p->rules_folder : dir) != 1)
		rc = p->rules_folder
		     ? fail_node(l, n, _("rule file '%s' is not under the folder rules_folder names "
				 "('%s')"), rel, p->rules_folder)
		     : fail_node(l, n, _("rule file '%s' is not under the plan's folder ('%s'): name "
				 "the folder of its rule files with rules_folder"), rel, dir);
	free(dir);
	free(rel);
	return rc;
}

/* rules_folder: ../rules, the folder the plan's rule files come from
 * (by default, the plan's own). */
static int read_rules_folder(struct loader *l, const struct ynode *root)
{
	const struct ynode *n = ynode_get(root, "rules_folder");
	char *rel;
	if (!n)
		return 0;
	if (read_text(l, n, "rules_folder", &rel) != 0)
		return -1;
	char *dir = path_dirname(l->path);
	l->plan->rules_folder = path_join(dir, rel);
	free(dir);
	int rc = 0;
	if (!path_is_folder(l->plan->rules_folder))
		rc = fail_node(l, n, _("rules_folder '%s' is not a folder (looked for '%s')"), rel,
			       l->plan->rules_folder);
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
		return fail_node(l, n, _("years must be a first and a later last year such as "
				 "2023-2027, not '%s'"), n->text);
	if (b - a >= PLAN_MAX_YEARS)
		return fail_node(l, n, _("years %s: a plan covers at most %d years"), n->text,
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
		return fail_node(l, years, _("the plan has 'year' and 'years': give one of them"));
	if (years)
		return read_years(l, years);
	if (!year)
		return fail_node(l, root, _("the plan has no 'year'"));
	if (read_number(l, year, "year", &y) != 0)
		return -1;
	if (!is_year(y))
		return fail_node(l, year, _("year must be a year such as 2023, not '%s'"), year->text);
	l->plan->year = l->plan->end_year = (int)y;
	return 0;
}

/* from: 2023-07-01, or 2023-07 for the first of the month. */
static int read_from(struct loader *l, const struct ynode *n, int *date)
{
	if (want_kind(l, n, YNODE_SCALAR, "from") != 0)
		return -1;
	if (date_parse(n->text, date) != 0)
		return fail_node(l, n, _("from must be a date such as 2023-07-01, not '%s'"), n->text);
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
			return fail_node(l, key, _("params: '%s' is not a parameter name such as red_margin"),
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
	if (want_kind(l, n, YNODE_MAP, NC_("plan", "an entry of rules")) != 0 ||
	    check_keys(l, n, keys, 3, NC_("plan", "an entry of rules")) != 0 ||
	    require_key(l, n, "from", NC_("plan", "an entry of rules"), &from) != 0 ||
	    require_key(l, n, "file", NC_("plan", "an entry of rules"), &file) != 0 ||
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
		return fail_node(l, from, _("the first rules must be in force from the start of the year "
				 "(from: %d-01-01 or before), so that every period of %d has rules"),
				 year, year);
	if (k > 0 && date <= p->rules[k - 1].from)
		return fail_node(l, from, _("from %s is not after the entry before it (%s): list the "
				 "rules by date"), date_format(date, a), date_format(p->rules[k - 1].from, b));
	if (date > p->end_year * 10000 + 1231)
		return fail_node(l, from, _("from %s is after the plan's last year %d: these rules would "
				 "never be in force"), date_format(date, a), p->end_year);
	return 0;
}

/* rules: FILE, or a schedule [{from: DATE, file: FILE, params: {...}}]. */
static int load_rules(struct loader *l, const struct ynode *n)
{
	struct plan *p = l->plan;
	if (n->kind == YNODE_SEQ && n->n == 0)
		return fail_node(l, n, _("rules is empty: name a rule file, or list {from, file} entries"));
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

/* language: zh or en, what the plan's readers read; it is chosen for what
 * is printed unless --lang says otherwise (base/lang.h). */
static int read_language(struct loader *l, const struct ynode *root)
{
	char *code = NULL;
	enum lang lang;
	if (read_optional_text(l, root, "language", &code) != 0)
		return -1;
	int rc = 0;
	l->plan->language = -1;
	if (*code && lang_parse(code, &lang) != 0)
		rc = fail_node(l, ynode_get(root, "language"),
			       _("language must be zh (Chinese) or en (English), not '%s'"), code);
	else if (*code)
		lang_choose(l->plan->language = lang, LANG_BY_PLAN);
	free(code);
	return rc;
}

static int load_header(struct loader *l, const struct ynode *root)
{
	struct plan *p = l->plan;
	const struct ynode *id, *title, *rules;
	if (require_key(l, root, "id", NC_("plan", "the plan"), &id) != 0 ||
	    require_key(l, root, "title", NC_("plan", "the plan"), &title) != 0 ||
	    read_plan_years(l, root) != 0 ||
	    require_key(l, root, "rules", NC_("plan", "the plan"), &rules) != 0)
		return -1;
	if (read_id(l, id, "id", &p->id) != 0 || read_text(l, title, "title", &p->title) != 0 ||
	    read_optional_text(l, root, "issuer", &p->issuer) != 0 ||
	    read_optional_text(l, root, "source", &p->source) != 0 ||
	    read_rules_folder(l, root) != 0 || read_language(l, root) != 0)
		return -1;
	return load_rules(l, rules);
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
		return fail_node(l, n, _("full_marks must be above 0 (the points of a perfect score)"));
	p->full_marks_line = n->line;
	p->full_marks_col = n->col;
	return 0;
}

static int load_root(struct loader *l, const struct ynode *root)
{
	static const char *const keys[] = {"id",     "title",  "issuer",     "source",  "language",
					   "year",   "years",  "rules",  "rules_folder", "jump_factor", "full_marks",
					   "groups", "units",  "indicators", "targets", "targets_table",
					   "weights_table", "units_table"};
	const struct ynode *groups, *indicators, *targets, *table;
	struct assignment_list a = {0};
	int rc = -1;
	if (!root)
		return fail_at(l->d, l->path, 1, 1, _("the plan is empty"));
	if (want_kind(l, root, YNODE_MAP, NC_("plan", "a plan")) != 0 ||
	    check_keys(l, root, keys, sizeof keys / sizeof *keys, NC_("plan", "the plan")) != 0 ||
	    load_header(l, root) != 0 ||
	    read_optional_number(l, root, "jump_factor", 0, &l->plan->jump_factor) != 0 ||
	    read_full_marks(l, root) != 0 ||
	    require_key(l, root, "groups", NC_("plan", "the plan"), &groups) != 0 ||
	    require_key(l, root, "indicators", NC_("plan", "the plan"), &indicators) != 0 ||
	    load_groups(l, groups) != 0 || load_plan_units(l, root) != 0 ||
	    load_indicators(l, indicators, &a) != 0)
		goto out;
	index_assignments(l, &a);
	table = ynode_get(root, "targets_table");
	if (table && load_targets_table(l, table, &a) != 0)
		goto out;
	table = ynode_get(root, "weights_table");
	if (table && load_weights_table(l, table, &a) != 0)
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

/* A plan of 20,000 units is 1 MB, its targets table (a file of its own)
 * 6 MB. */
static const struct file_bound plan_bound = {N_("plan"), (size_t)256 << 20, NULL};

int plan_load(struct plan *plan, const char *path, diag_t *d)
{
	memset(plan, 0, sizeof *plan);
	/* a saved run keeps the texts the plan is loaded from, and its report
	 * loads them: neither may take the compiled form of the files on disk */
	bool cached = !file_texts_active();
	if (cached && plan_cache_read(plan, path) == 0)
		return 0;
	struct ydoc doc;
	if (ydoc_load(&doc, path, &plan_bound, d) != 0)
		return -1;
	plan->path = xstrdup(path);
	struct loader l = {.plan = plan, .path = path, .d = d};
	int rc = load_root(&l, doc.root);
	ydoc_release(&doc);
	if (rc != 0)
		plan_release(plan);
	else if (cached)
		plan_cache_write(plan, path);
	return rc;
}

void plan_release(struct plan *p)
{
	if (p->compiled) { /* one block: nothing in it was allocated alone */
		plan_cache_release(p->compiled);
		memset(p, 0, sizeof *p);
		return;
	}
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
	free(p->unit_weights);
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
	free(p->rules_folder);
	for (size_t k = 0; k < p->nrules; k++) {
		for (size_t i = 0; i < p->rules[k].nparams; i++)
			free(p->rules[k].params[i].name);
		free(p->rules[k].params);
		free(p->rules[k].path);
	}
	free(p->rules);
	for (size_t k = 0; k < p->ninputs; k++)
		free(p->inputs[k]);
	free(p->inputs);
	memset(p, 0, sizeof *p);
}
