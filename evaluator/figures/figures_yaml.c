/* Reported figures in YAML: period -> unit -> indicator -> value, where a
 * value is a number or {value: n, note: text}; and under the key
 * `adjustments`, a list of bonus and deduction items
 * {unit, period, points, reason, source}. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "lang.h"
#include "yaml_doc.h"

struct yaml_reader {
	struct figure_list *list;
	const struct plan *plan;
	const char *path;
	diag_t *d;
	const struct ynode *period;     /* an adjustment's when it gives none; NULL */
};

static struct field field_of(const struct ynode *n)
{
	return (struct field){.text = n->text, .line = n->line, .col = n->col};
}

static int want_map(const struct yaml_reader *r, const struct ynode *n, const char *what)
{
	if (n->kind == YNODE_MAP)
		return 0;
	return fail_at(r->d, r->path, n->line, n->col, _("%s must be a mapping, not %s"), _(what),
		       _(ynode_kind_name(n->kind)));
}

static int read_figure(const struct yaml_reader *r, const struct ynode *period,
		       const struct ynode *unit, const struct ynode *ind, const struct ynode *v)
{
	const struct ynode *value = v, *note = NULL;
	if (v->kind == YNODE_MAP) {
		value = ynode_get(v, "value");
		note = ynode_get(v, "note");
		for (size_t i = 0; i < v->n; i++)
			if (strcmp(v->keys[i]->text, "value") != 0 && strcmp(v->keys[i]->text, "note") != 0)
				return fail_at(r->d, r->path, v->keys[i]->line, v->keys[i]->col,
					       _("unknown key '%s' in a figure (expected value, note)"),
					       v->keys[i]->text);
		if (!value)
			return fail_at(r->d, r->path, v->line, v->col, _("a figure needs a 'value'"));
	}
	if (value->kind != YNODE_SCALAR || (note && note->kind != YNODE_SCALAR))
		return fail_at(r->d, r->path, value->line, value->col, _("a value must be a number"));
	struct field uf = field_of(unit), inf = field_of(ind), pf = field_of(period),
		     vf = field_of(value);
	return figures_add(r->list, r->plan, &uf, &inf, &pf, &vf, note ? note->text : NULL, r->d);
}

static int read_unit(const struct yaml_reader *r, const struct ynode *period,
		     const struct ynode *unit, const struct ynode *figures)
{
	if (want_map(r, figures, N_("a unit's figures")) != 0)
		return -1;
	for (size_t k = 0; k < figures->n; k++)
		if (read_figure(r, period, unit, figures->keys[k], figures->items[k]) != 0)
			return -1;
	return 0;
}

static int read_adjustment(const struct yaml_reader *r, const struct ynode *n)
{
	static const char *const keys[] = {"unit", "period", "points", "reason", "source"};
	const struct ynode *v[5];
	if (want_map(r, n, N_("an adjustment")) != 0)
		return -1;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *k = n->keys[i];
		bool known = false;
		for (size_t j = 0; j < 5; j++)
			known |= strcmp(k->text, keys[j]) == 0;
		if (!known)
			return fail_at(r->d, r->path, k->line, k->col, _("unknown key '%s' in an adjustment "
				       "(expected unit, period, points, reason, source)"), k->text);
	}
	for (size_t j = 0; j < 5; j++) {
		v[j] = ynode_get(n, keys[j]);
		if (!v[j] && j == 1)
			v[j] = r->period;
		if (!v[j] && j < 4)
			return fail_at(r->d, r->path, n->line, n->col, _("an adjustment needs '%s'"), keys[j]);
		if (v[j] && v[j]->kind != YNODE_SCALAR)
			return fail_at(r->d, r->path, v[j]->line, v[j]->col, _("'%s' must be a scalar"),
				       keys[j]);
	}
	struct field unit = field_of(v[0]), period = field_of(v[1]), points = field_of(v[2]),
		     reason = field_of(v[3]);
	return figures_add_adjustment(r->list, r->plan, &unit, &period, &points, &reason,
				      v[4] ? v[4]->text : NULL, r->d);
}

static int read_adjustments(const struct yaml_reader *r, const struct ynode *seq)
{
	if (!seq)
		return 0;
	if (seq->kind != YNODE_SEQ)
		return fail_at(r->d, r->path, seq->line, seq->col,
			       _("adjustments must be a list of {unit, period, points, reason, source}"));
	for (size_t i = 0; i < seq->n; i++)
		if (read_adjustment(r, seq->items[i]) != 0)
			return -1;
	return 0;
}

int figures_read_adjustments(struct figure_list *list, const struct plan *plan,
			     const char *path, const struct ynode *seq, const struct ynode *period,
			     diag_t *d)
{
	struct yaml_reader r = {list, plan, path, d, period};
	return read_adjustments(&r, seq);
}

int figures_read_yaml(struct figure_list *list, const struct plan *plan, diag_t *d)
{
	struct yaml_reader r = {list, plan, list->files[list->nfiles - 1], d, NULL};
	struct ydoc doc;
	char *text;
	size_t len;
	if (figures_slurp(r.path, list->encoding, &text, &len, d) != 0)
		return -1;
	int loaded = ydoc_load_text(&doc, r.path, text, len, d);
	free(text);
	if (loaded != 0)
		return -1;
	int rc = 0;
	const struct ynode *root = doc.root;
	if (!root)
		rc = fail_at(d, r.path, 1, 1, _("the file is empty: write period -> unit -> "
			     "indicator -> value"));
	else if (want_map(&r, root, N_("a figures file (period -> unit -> indicator -> value)")) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && root && i < root->n; i++) {
		const struct ynode *units = root->items[i];
		if (strcmp(root->keys[i]->text, "adjustments") == 0) {
			rc = read_adjustments(&r, units);
			continue;
		}
		if (want_map(&r, units, N_("a period's figures")) != 0) {
			rc = -1;
			break;
		}
		for (size_t j = 0; rc == 0 && j < units->n; j++)
			rc = read_unit(&r, root->keys[i], units->keys[j], units->items[j]);
	}
	ydoc_release(&doc);
	return rc;
}
