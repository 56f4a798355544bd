#include "numbers.h"
#include "rundiff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "lang.h"
#include "table.h"

/* ---- records kept a line each, compared by key --------------------------- */

/* One line of a record: the rule file's path, the parameter's name, the
 * figure's kind, period, unit and indicator (or reason); and the line. */
struct keyed {
	char *key, *line;
};

struct keyed_list {
	struct keyed *v;
	size_t n;
};

/* Where a line's key ends: "<sha>  PATH" keys on PATH, "name=value" on
 * name, a figure on its first four fields. */
enum key_shape { KEY_PATH, KEY_NAME, KEY_FIGURE };

static char *key_of(const char *line, enum key_shape shape)
{
	if (shape == KEY_PATH) {
		const char *path = strstr(line, "  ");
		return xstrdup(path ? path + 2 : line);
	}
	if (shape == KEY_NAME)
		return xstrndup(line, strcspn(line, "="));
	const char *end = line;
	for (int tabs = 0; *end && tabs < 4; end++)
		tabs += *end == '\t';
	return xstrndup(line, (size_t)(end - line));
}

static int by_key(const void *x, const void *y)
{
	return strcmp(((const struct keyed *)x)->key, ((const struct keyed *)y)->key);
}

static void keyed_lines(const char *text, enum key_shape shape, struct keyed_list *out)
{
	memset(out, 0, sizeof *out);
	for (const char *p = text ? text : ""; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		out->v[out->n++] = (struct keyed){key_of(line, shape), line};
		p += len + (p[len] == '\n');
	}
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, by_key);
}

static void keyed_release(struct keyed_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		free(l->v[k].key);
		free(l->v[k].line);
	}
	free(l->v);
}

/* Calls differs(x, y) for every key whose lines differ: x NULL when only
 * b has it, y NULL when only a has it. Returns how many. */
static size_t diff_records(const char *a, const char *b, enum key_shape shape,
			      void (*differs)(void *ctx, const struct keyed *x, const struct keyed *y),
			      void *ctx)
{
	struct keyed_list la, lb;
	size_t i = 0, j = 0, n = 0;
	keyed_lines(a, shape, &la);
	keyed_lines(b, shape, &lb);
	while (i < la.n || j < lb.n) {
		int c = i == la.n ? 1 : j == lb.n ? -1 : strcmp(la.v[i].key, lb.v[j].key);
		const struct keyed *x = c <= 0 ? &la.v[i++] : NULL, *y = c >= 0 ? &lb.v[j++] : NULL;
		if (!x || !y || strcmp(x->line, y->line) != 0) {
			differs(ctx, x, y);
			n++;
		}
	}
	keyed_release(&la);
	keyed_release(&lb);
	return n;
}

/* ---- what the runs were scored from -------------------------------------- */

/* "; " between the parts of one line. */
static void separate(struct sbuf *out, size_t *parts)
{
	if ((*parts)++)
		sbuf_add(out, "; ");
}

struct part_list {
	struct sbuf *out;
	size_t parts;
};

static void rule_differs(void *ctx, const struct keyed *x, const struct keyed *y)
{
	struct part_list *p = ctx;
	separate(p->out, &p->parts);
	if (x && y)
		sbuf_addf(p->out, _("%s changed (%.8s → %.8s)"), x->key, x->line, y->line);
	else
		sbuf_addf(p->out, x ? _("%s no longer loaded") : _("%s loaded"), (x ? x : y)->key);
}

static void param_differs(void *ctx, const struct keyed *x, const struct keyed *y)
{
	struct part_list *p = ctx;
	const char *before = x ? x->line + strlen(x->key) + 1 : NULL;
	const char *after = y ? y->line + strlen(y->key) + 1 : NULL;
	separate(p->out, &p->parts);
	if (x && y)
		sbuf_addf(p->out, "%s %s → %s", x->key, before, after);
	else if (y)
		sbuf_addf(p->out, _("%s=%s (new)"), y->key, after);
	else
		sbuf_addf(p->out, _("%s (no longer declared)"), x->key);
}

/* Appends "  what: " and the parts diff_records finds, or "unchanged". */
static bool record_line(struct sbuf *out, const char *what, const char *a, const char *b,
			enum key_shape shape,
			void (*differs)(void *ctx, const struct keyed *x, const struct keyed *y))
{
	struct part_list parts = {out, 0};
	sbuf_addf(out, _("  %s: "), _(what));
	size_t n = diff_records(a, b, shape, differs, &parts);
	sbuf_add(out, n ? "\n" : _("unchanged\n"));
	return n > 0;
}

static bool plan_line(const struct run *a, const struct run *b, struct sbuf *out)
{
	bool changed = strcmp(a->plan_sha256, b->plan_sha256) != 0;
	if (changed)
		sbuf_addf(out, _("  plan: %s changed (%.8s → %.8s)\n"), b->plan_file, a->plan_sha256,
			  b->plan_sha256);
	else
		sbuf_add(out, _("  plan: unchanged\n"));
	return changed;
}

/* The names a run gives a unit and an indicator, or their ids. */
static const char *unit_name(const struct run *r, const char *id)
{
	for (size_t k = 0; k < r->nunits; k++)
		if (strcmp(r->units[k].unit, id) == 0)
			return r->units[k].name;
	return id;
}

static const char *indicator_name(const struct run *r, const char *id)
{
	for (size_t k = 0; k < r->nitems; k++)
		if (strcmp(r->items[k].indicator, id) == 0)
			return r->items[k].name;
	return id;
}

/* What the figures compare to: the corrections a line each, and how many
 * are only in one run, by period. */
struct figure_changes {
	const struct run *b;
	struct sbuf corrections;
	size_t corrected, added, dropped;
	struct sbuf added_periods, dropped_periods; /* "2023-08, 2023-09" */
};

/* Adds period to a list of periods unless it is the last one there. */
static void note_period(struct sbuf *list, const char *period)
{
	size_t len = strlen(period);
	if (list->len >= len && strcmp(list->s + list->len - len, period) == 0)
		return;
	sbuf_addf(list, "%s%s", list->len ? ", " : "", period);
}

static void correction(struct figure_changes *c, const struct keyed *x, const struct keyed *y)
{
	char *before = xstrdup(x->line), *after = xstrdup(y->line), *cx = before, *cy = after;
	struct run_figure fx, fy;
	run_figure_next(&cx, &fx);
	run_figure_next(&cy, &fy);
	bool figure = strcmp(fy.kind, "figure") == 0;
	sbuf_addf(&c->corrections, "    %s / %s%s %s: %s → %s", unit_name(c->b, fy.unit),
		  figure ? "" : _("adjustment "), figure ? indicator_name(c->b, fy.key) : fy.key,
		  fy.period, fx.value, fy.value);
	if (strcmp(fx.text, fy.text) != 0)
		sbuf_addf(&c->corrections, " · %s %s", figure ? tr_in("correction", "note")
			  : tr_in("correction", "source"), *fy.text ? fy.text : _("removed"));
	sbuf_addc(&c->corrections, '\n');
	c->corrected++;
	free(before);
	free(after);
}

static void figure_differs(void *ctx, const struct keyed *x, const struct keyed *y)
{
	struct figure_changes *c = ctx;
	if (x && y) {
		correction(c, x, y);
		return;
	}
	char *line = xstrdup((x ? x : y)->line), *cursor = line;
	struct run_figure f;
	run_figure_next(&cursor, &f);
	note_period(x ? &c->dropped_periods : &c->added_periods, f.period);
	(*(x ? &c->dropped : &c->added))++;
	free(line);
}

static bool figures_line(const struct run *a, const struct run *b, struct sbuf *out)
{
	struct figure_changes c = {.b = b};
	if (!diff_records(a->figures, b->figures, KEY_FIGURE, figure_differs, &c)) {
		sbuf_add(out, _("  figures: unchanged\n"));
		return false;
	}
	size_t parts = 0;
	sbuf_add(out, _("  figures: "));
	if (c.corrected) {
		separate(out, &parts);
		sbuf_addf(out, _("%zu corrected"), c.corrected);
	}
	if (c.added) {
		separate(out, &parts);
		sbuf_addf(out, _("%zu added (%s)"), c.added, sbuf_str(&c.added_periods));
	}
	if (c.dropped) {
		separate(out, &parts);
		sbuf_addf(out, _("%zu no longer used (%s)"), c.dropped, sbuf_str(&c.dropped_periods));
	}
	sbuf_addf(out, "\n%s", sbuf_str(&c.corrections));
	sbuf_release(&c.corrections);
	sbuf_release(&c.added_periods);
	sbuf_release(&c.dropped_periods);
	return true;
}

int rundiff_inputs(const struct run *a, const struct run *b, struct sbuf *out)
{
	int n = plan_line(a, b, out);
	n += record_line(out, N_("rules"), a->rules, b->rules, KEY_PATH, rule_differs);
	n += record_line(out, N_("parameters"), a->params, b->params, KEY_NAME, param_differs);
	n += figures_line(a, b, out);
	return n;
}

/* ---- what they gave ------------------------------------------------------ */

/* "up 2", "down 1"; "" unless both are ranked. */
static const char *move_text(const struct standing *x, const struct standing *y, char *buf,
			     size_t size)
{
	if (!x)
		return _("new");
	if (!x->rank || !y->rank || x->rank == y->rank)
		return "";
	snprintf(buf, size, y->rank < x->rank ? _("up %d") : _("down %d"), abs(x->rank - y->rank));
	return buf;
}

/* A unit's place in the ranking's list: its peer group (in the order the
 * groups first appear), then its new rank (unranked last). */
struct place {
	size_t group, unit;
	int rank;
};

static int by_group_then_rank(const void *x, const void *y)
{
	const struct place *a = x, *b = y;
	int ra = a->rank ? a->rank : 1 << 30, rb = b->rank ? b->rank : 1 << 30;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return (a->unit > b->unit) - (a->unit < b->unit);
}

/* b's units by peer group, then new rank. */
static struct place *ranking_order(const struct run *b)
{
	struct place *order = xcalloc(b->nunits + 1, sizeof *order);
	for (size_t k = 0; k < b->nunits; k++) {
		size_t g = 0;
		while (strcmp(b->units[g].group, b->units[k].group) != 0)
			g++;
		order[k] = (struct place){g, k, b->units[k].rank};
	}
	if (b->nunits)
		qsort(order, b->nunits, sizeof *order, by_group_then_rank);
	return order;
}

/* Units of a that b does not have (the plan dropped them), in a's order. */
static size_t gone_rows(const struct run *a, const struct run *b, struct sbuf *total,
			struct sbuf *rank, struct table *t)
{
	struct standings in_b = run_standings(b);
	size_t rows = 0;
	for (size_t k = 0; k < a->nunits; k++) {
		if (compare_find(&in_b, a->units[k].unit, k) < b->nunits)
			continue;
		struct standing x;
		char b1[64], r1[16];
		standing_of_run(&a->units[k], &x);
		compare_cell(total, compare_total_text(&x, b1, sizeof b1), "—");
		compare_cell(rank, compare_rank_text(&x, r1, sizeof r1), "—");
		const char *row[5] = {x.name, x.group, sbuf_str(total), sbuf_str(rank), _("gone")};
		table_add_row(t, row);
		rows++;
	}
	return rows;
}

/* Units whose rank changed (or, with every, their total), by peer group
 * and new rank. */
static size_t ranking_rows(const struct run *a, const struct run *b, bool every, struct table *t)
{
	struct sbuf total = {0}, rank = {0};
	struct place *order = ranking_order(b);
	struct standings in_a = run_standings(a);
	size_t rows = 0;
	for (size_t k = 0; k < b->nunits; k++) {
		size_t at = order[k].unit, found = compare_find(&in_a, b->units[at].unit, at);
		struct standing y, xs, *x = found < a->nunits ? &xs : NULL;
		standing_of_run(&b->units[at], &y);
		if (x)
			standing_of_run(&a->units[found], x);
		char b1[64], b2[64], r1[16], r2[16], move[32];
		compare_cell(&total, compare_total_text(x, b1, sizeof b1),
			     compare_total_text(&y, b2, sizeof b2));
		if (x && x->rank == y.rank && (!every || !compare_cell_changed(&total)))
			continue;
		compare_cell(&rank, compare_rank_text(x, r1, sizeof r1),
			     compare_rank_text(&y, r2, sizeof r2));
		const char *row[5] = {y.name, y.group, sbuf_str(&total), sbuf_str(&rank),
				      move_text(x, &y, move, sizeof move)};
		table_add_row(t, row);
		rows++;
	}
	rows += gone_rows(a, b, &total, &rank, t);
	free(order);
	sbuf_release(&total);
	sbuf_release(&rank);
	return rows;
}

/* The item of the same unit and indicator as `of` in r, or NULL; runs of
 * one plan hold it at the same place, so `hint` is looked at first. */
static const struct run_item *find_item(const struct run *r, const struct run_item *of,
					size_t hint)
{
	for (size_t k = 0; k < r->nitems; k++) {
		const struct run_item *it = &r->items[(hint + k) % r->nitems];
		if (strcmp(it->unit, of->unit) == 0 && strcmp(it->indicator, of->indicator) == 0)
			return it;
	}
	return NULL;
}

/* Items whose light changed (or, with every, their figure or score). */
static size_t item_rows(const struct run *a, const struct run *b, bool every, struct table *t)
{
	struct sbuf cells[3] = {{0}, {0}, {0}};
	size_t rows = 0;
	for (size_t k = 0; k < b->nitems; k++) {
		const struct run_item *found = find_item(a, &b->items[k], k);
		struct outcome y, xs, *x = found ? &xs : NULL;
		outcome_of_run(&b->items[k], &y);
		if (x)
			outcome_of_run(found, x);
		char s1[64], s2[64];
		compare_cell(&cells[0], compare_actual_text(x), compare_actual_text(&y));
		compare_cell(&cells[1], compare_score_text(x, s1, sizeof s1),
			     compare_score_text(&y, s2, sizeof s2));
		compare_cell(&cells[2], x ? _(x->light) : "—", _(y.light));
		bool changed = !x || strcmp(x->light, y.light) != 0;
		if (every)
			changed = changed || compare_cell_changed(&cells[0]) ||
				  compare_cell_changed(&cells[1]);
		if (!changed)
			continue;
		const char *row[5] = {unit_name(b, y.unit), y.name, sbuf_str(&cells[0]),
				      sbuf_str(&cells[1]), sbuf_str(&cells[2])};
		table_add_row(t, row);
		rows++;
	}
	for (int k = 0; k < 3; k++)
		sbuf_release(&cells[k]);
	return rows;
}

/* " + 区商务局 · − 区科技局": who entered and who left a verdict's list. */
static void add_move(void *ctx, const struct standing *u, bool entered)
{
	struct sbuf *out = ctx;
	sbuf_addf(out, "%s%s %s", out->len ? " · " : " ", entered ? "+" : "−", u->name);
}

/* Renders t under its title, or "title: none" when it has no rows. */
static void section(struct sbuf *out, const char *title, const struct table *t, size_t rows,
		    const char *none)
{
	if (!rows) {
		sbuf_addf(out, _("%s: %s\n"), title, none);
		return;
	}
	sbuf_addf(out, "%s\n", title);
	table_render(t, "  ", out);
}

bool rundiff_results(const struct run *a, const struct run *b, bool every, struct sbuf *out)
{
	static const char *const rank_english[] = {N_("unit"), N_("group"), N_(">total"), N_(">rank"),
						   N_("moved")};
	static const char *const light_english[] = {N_("unit"), N_("indicator"), N_(">actual"),
						    N_(">score"), N_("light")};
	static const char *const verdicts[] = {"commendation", "red_light"};
	static const char *const labels[] = {N_("commendation"), N_("red light")};
	const char *rank_headers[5], *light_headers[5];
	struct table ranks, lights;
	tr_all(rank_english, 5, rank_headers);
	tr_all(light_english, 5, light_headers);
	table_init(&ranks, 5, rank_headers);
	table_init(&lights, 5, light_headers);
	size_t moved = ranking_rows(a, b, every, &ranks), changed = item_rows(a, b, every, &lights);
	size_t listed = 0;
	section(out, every ? _("totals") : _("ranking"), &ranks, moved,
		every ? _("none changed") : _("no unit moved"));
	sbuf_addc(out, '\n');
	section(out, every ? _("items") : _("lights"), &lights, changed, _("none changed"));
	sbuf_addc(out, '\n');
	for (int k = 0; k < 2; k++) {
		struct sbuf moves = {0};
		struct standings in_a = run_standings(a), in_b = run_standings(b);
		size_t n = compare_verdict_moves(&in_a, &in_b, verdicts[k], add_move, &moves);
		sbuf_addf(out, _("%s:%s\n"), _(labels[k]), n ? sbuf_str(&moves) : _(" no change"));
		listed += n;
		sbuf_release(&moves);
	}
	table_release(&ranks);
	table_release(&lights);
	return moved || changed || listed;
}
