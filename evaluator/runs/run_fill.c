/* Making a saved run from a scored board: the fingerprints of what it was
 * scored from, the scorecards as printed, and a summary of every item. */
#include "numbers.h"
#include "run_fill.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* Appends s with tabs, newlines and backslashes escaped, so that a line
 * holds one record and a tab always ends a field. */

static void keep_line(struct run_figures *figures, const char *const fields[6], double number)
{
	struct sbuf line = {0};
	char num[64];
	for (int k = 0; k < 6; k++) {
		if (k)
			sbuf_addc(&line, '\t');
		run_add_escaped(&line, k == 4 ? format_number(num, sizeof num, number) : fields[k]);
	}
	sbuf_addc(&line, '\n');
	figures->lines = xrealloc(figures->lines, (figures->n + 1) * sizeof *figures->lines);
	figures->lines[figures->n++] = sbuf_detach(&line);
}

static void witness_figure(void *ctx, const struct store_figure *f)
{
	const char *fields[6] = {"figure", f->period, f->unit, f->indicator, NULL, f->note};
	keep_line(ctx, fields, f->value);
}

static void witness_adjustment(void *ctx, const struct store_adjustment *a)
{
	const char *fields[6] = {"adjustment", a->period, a->unit, a->reason, NULL, a->source};
	keep_line(ctx, fields, a->points);
}

void run_witness_init(struct readings_witness *w, struct run_figures *figures)
{
	memset(figures, 0, sizeof *figures);
	*w = (struct readings_witness){witness_figure, witness_adjustment, figures};
}

void run_figures_release(struct run_figures *figures)
{
	for (size_t k = 0; k < figures->n; k++)
		free(figures->lines[k]);
	free(figures->lines);
	memset(figures, 0, sizeof *figures);
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The lines sorted and joined; figures is emptied. */

static char *canonical_figures(struct run_figures *figures)
{
	struct sbuf all = {0};
	if (figures->n)
		qsort(figures->lines, figures->n, sizeof *figures->lines, by_text);
	for (size_t k = 0; k < figures->n; k++)
		sbuf_add(&all, figures->lines[k]);
	run_figures_release(figures);
	return all.s ? sbuf_detach(&all) : xstrdup("");
}

/* Undoes add_escaped in place. */

/* "<sha256>  <path>\n" for each rule file loaded, by path (as sha256sum
 * prints them). */

static int rule_fingerprints(const struct host *host, struct sbuf *out, diag_t *d)
{
	size_t n;
	const char *const *sources = host_sources(host, &n);
	const char **paths = xmalloc((n + 1) * sizeof *paths);
	for (size_t k = 0; k < n; k++)
		paths[k] = sources[k];
	if (n)
		qsort(paths, n, sizeof *paths, by_text);
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		char sha[FINGERPRINT_HEX];
		if (k > 0 && strcmp(paths[k], paths[k - 1]) == 0)
			continue;
		rc = fingerprint_file(paths[k], sha, d);
		if (rc == 0)
			sbuf_addf(out, "%s  %s\n", sha, paths[k]);
	}
	free(paths);
	return rc;
}

/* "name=value\n" for each parameter in effect, by name. */

static void param_lines(const struct host *host, struct sbuf *out)
{
	size_t n;
	const struct host_param *p = host_params(host, &n);
	for (size_t k = 0; k < n; k++) {
		char num[64];
		sbuf_addf(out, "%s=%s\n", p[k].name, format_number(num, sizeof num, p[k].value));
	}
}

/* A text and its fingerprint. */

static char *fingerprinted(struct sbuf *text, char sha[FINGERPRINT_HEX])
{
	char *s = text->s ? sbuf_detach(text) : xstrdup("");
	fingerprint_bytes(s, strlen(s), sha);
	return s;
}

void board_standing(const struct board *b, const struct card *c, struct standing *out)
{
	const struct plan *p = b->plan;
	const struct plan_unit *u = &p->units[c->unit];
	bool ranked = card_ranked(c);
	*out = (struct standing){u->id, u->name, p->groups[u->group].name,
				 ranked ? c->total : NAN, ranked ? c->rank : 0,
				 ranked ? verdict_name(c->verdict) : "", card_failed(c)};
}

void board_outcome(const struct board *b, const struct item *it, char actual[64],
		   struct outcome *out)
{
	const struct plan *p = b->plan;
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	bool scored = it->status == ITEM_SCORED && !it->error;
	*out = (struct outcome){p->units[p->assignments[it->assignment].unit].id, ind->id,
				ind->name, render_item_actual(b, it, actual, 64),
				scored ? it->score : NAN, item_outcome(it), it->actual};
}

static void board_standing_at(const void *src, size_t k, struct standing *out)
{
	const struct board *b = src;
	board_standing(b, &b->cards[k], out);
}

struct standings board_standings(const struct board *b)
{
	return (struct standings){b->ncards, board_standing_at, b};
}

static void summarize_units(struct run *r, const struct board *b)
{
	r->nunits = b->ncards;
	r->units = xcalloc(r->nunits + 1, sizeof *r->units);
	for (size_t k = 0; k < b->ncards; k++) {
		struct standing u;
		board_standing(b, &b->cards[k], &u);
		r->units[k] = (struct run_unit){xstrdup(u.unit), xstrdup(u.name), xstrdup(u.group),
						u.total, u.rank, xstrdup(u.verdict)};
	}
}

static void summarize_items(struct run *r, const struct board *b)
{
	r->nitems = b->nitems;
	r->items = xcalloc(r->nitems + 1, sizeof *r->items);
	for (size_t k = 0; k < b->nitems; k++) {
		struct outcome it;
		char actual[64];
		board_outcome(b, &b->items[k], actual, &it);
		r->items[k] = (struct run_item){xstrdup(it.unit), xstrdup(it.indicator),
						xstrdup(it.name), xstrdup(it.actual), it.score,
						xstrdup(it.light)};
	}
}

static void render_all(struct run *r, const struct board *b)
{
	struct sbuf table = {0}, csv = {0}, json = {0};
	render_table(b, -1, &table);
	render_csv(b, -1, false, &csv);
	render_json(b, -1, &json);
	r->table = sbuf_detach(&table);
	r->csv = sbuf_detach(&csv);
	r->json = sbuf_detach(&json);
}

int run_fill(struct run *r, const struct board *b, const struct host *host,
	     struct run_figures *figures, diag_t *d)
{
	const struct plan *p = b->plan;
	struct sbuf rules = {0}, params = {0};
	char period[PERIOD_TEXT];
	memset(r, 0, sizeof *r);
	r->plan = xstrdup(p->id);
	r->title = xstrdup(p->title);
	r->period = xstrdup(period_format(&b->period, period));
	r->reason = xstrdup("");
	r->plan_file = xstrdup(p->path);
	if (fingerprint_file(p->path, r->plan_sha256, d) != 0 ||
	    rule_fingerprints(host, &rules, d) != 0) {
		sbuf_release(&rules);
		run_figures_release(figures);
		return -1;
	}
	param_lines(host, &params);
	r->rules = fingerprinted(&rules, r->rules_sha256);
	r->params = fingerprinted(&params, r->params_sha256);
	r->figures = canonical_figures(figures);
	fingerprint_bytes(r->figures, strlen(r->figures), r->figures_sha256);
	render_all(r, b);
	summarize_units(r, b);
	summarize_items(r, b);
	return 0;
}
