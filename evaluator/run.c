#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* ---- the figures read, as canonical lines -------------------------------- */

/* Appends s with tabs, newlines and backslashes escaped, so that a line
 * holds one record and a tab always ends a field. */
static void add_escaped(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\')
			sbuf_add(b, "\\\\");
		else if (*s == '\t')
			sbuf_add(b, "\\t");
		else if (*s == '\n')
			sbuf_add(b, "\\n");
		else if (*s == '\r')
			sbuf_add(b, "\\r");
		else
			sbuf_addc(b, *s);
	}
}

static void keep_line(struct run_figures *figures, const char *const fields[6], double number)
{
	struct sbuf line = {0};
	char num[64];
	for (int k = 0; k < 6; k++) {
		if (k)
			sbuf_addc(&line, '\t');
		add_escaped(&line, k == 4 ? format_number(num, sizeof num, number) : fields[k]);
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
static void unescape(char *s)
{
	char *out = s;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			*out++ = *s;
			continue;
		}
		s++;
		*out++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
	}
	*out = '\0';
}

int run_figure_next(char **cursor, struct run_figure *f)
{
	char *line = *cursor, *end = strchr(line, '\n');
	if (!*line)
		return 0;
	if (end)
		*end = '\0';
	*cursor = end ? end + 1 : line + strlen(line);
	const char **fields[6] = {&f->kind, &f->period, &f->unit, &f->key, &f->value, &f->text};
	for (int k = 0; k < 6; k++) {
		char *tab = strchr(line, '\t');
		if (tab && k < 5)
			*tab = '\0';
		unescape(line);
		*fields[k] = line;
		line = tab && k < 5 ? tab + 1 : line + strlen(line);
	}
	return 1;
}

void run_count_figures(const struct run *r, size_t *figures, size_t *adjustments)
{
	*figures = *adjustments = 0;
	for (const char *line = r->figures; line && *line;) {
		if (strncmp(line, "figure\t", 7) == 0)
			(*figures)++;
		else
			(*adjustments)++;
		const char *end = strchr(line, '\n');
		line = end ? end + 1 : line + strlen(line);
	}
}

/* ---- what the run was scored with ---------------------------------------- */

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

/* ---- what it gave -------------------------------------------------------- */

static void summarize_units(struct run *r, const struct board *b)
{
	const struct plan *p = b->plan;
	r->nunits = b->ncards;
	r->units = xcalloc(r->nunits + 1, sizeof *r->units);
	for (size_t k = 0; k < b->ncards; k++) {
		const struct card *c = &b->cards[k];
		const struct plan_unit *u = &p->units[c->unit];
		bool ranked = card_ranked(c);
		r->units[k] = (struct run_unit){xstrdup(u->id), xstrdup(u->name),
						xstrdup(p->groups[u->group].name),
						ranked ? c->total : NAN, ranked ? c->rank : 0,
						xstrdup(ranked ? verdict_name(c->verdict) : "")};
	}
}

static void summarize_items(struct run *r, const struct board *b)
{
	const struct plan *p = b->plan;
	r->nitems = b->nitems;
	r->items = xcalloc(r->nitems + 1, sizeof *r->items);
	for (size_t k = 0; k < b->nitems; k++) {
		const struct item *it = &b->items[k];
		const struct plan_assignment *a = &p->assignments[k];
		const struct plan_indicator *ind = &p->indicators[it->indicator];
		char actual[64];
		bool scored = it->status == ITEM_SCORED && !it->error;
		r->items[k] = (struct run_item){xstrdup(p->units[a->unit].id), xstrdup(ind->id),
						xstrdup(ind->name),
						xstrdup(render_item_actual(b, it, actual, sizeof actual)),
						scored ? it->score : NAN, xstrdup(item_outcome(it))};
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

void run_release(struct run *r)
{
	for (size_t k = 0; k < r->nunits; k++) {
		struct run_unit *u = &r->units[k];
		free(u->unit);
		free(u->name);
		free(u->group);
		free(u->verdict);
	}
	for (size_t k = 0; k < r->nitems; k++) {
		struct run_item *it = &r->items[k];
		free(it->unit);
		free(it->indicator);
		free(it->name);
		free(it->actual);
		free(it->light);
	}
	char *texts[] = {r->plan,  r->title, r->period, r->saved_at, r->user,  r->reason,
			 r->plan_file, r->rules, r->params, r->figures, r->table, r->csv, r->json};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
		free(texts[k]);
	free(r->units);
	free(r->items);
	memset(r, 0, sizeof *r);
}

const char *run_status(const struct run *r)
{
	return r->final ? "final" : "draft";
}

void run_standing(const struct run *r, struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_add(out, run_status(r));
	if (r->supersedes)
		sbuf_addf(out, ", supersedes run %ld", r->supersedes);
	if (r->superseded_by)
		sbuf_addf(out, ", superseded by run %ld", r->superseded_by);
}
