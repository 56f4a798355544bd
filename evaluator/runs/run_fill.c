/* Making a saved run from a scored board: the fingerprints of what it was
 * scored from, the scorecards as printed (packed), and a summary of every
 * item. */
#include "numbers.h"
#include "run_fill.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "score.h"

/* Appends a figure's or adjustment's line (run.h), ended by its newline. */
static void add_line(struct sbuf *out, const char *const fields[6], double number)
{
	char num[64];
	for (int k = 0; k < 6; k++) {
		if (k)
			sbuf_addc(out, '\t');
		run_add_escaped(out, k == 4 ? format_number(num, sizeof num, number) : fields[k]);
	}
	sbuf_addc(out, '\n');
}

/* Adds a line to the figures read, NUL-ended in their text. */
static void keep_line(struct run_figures *figures, const char *const fields[6], double number)
{
	if (figures->n == figures->cap)
		figures->at = xrealloc(figures->at, (figures->cap = figures->cap * 2 + 1024) *
							sizeof *figures->at);
	figures->at[figures->n++] = figures->text.len;
	add_line(&figures->text, fields, number);
	sbuf_addn(&figures->text, "", 1);   /* the NUL after the line */
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

/* The lines held, without letting go of the digest. */
static void release_lines(struct run_figures *figures)
{
	sbuf_release(&figures->text);
	free(figures->at);
	figures->at = NULL;
	figures->n = figures->cap = 0;
}

void run_figures_release(struct run_figures *figures)
{
	release_lines(figures);
	packed_release(&figures->packed);
	memset(figures, 0, sizeof *figures);
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The lines held, sorted, added to the packer and the fingerprint; they
 * are let go. */
static void add_sorted(struct run_figures *figures, struct packer *p, struct fingerprinter *f)
{
	const char **lines = xmalloc((figures->n + 1) * sizeof *lines);
	for (size_t k = 0; k < figures->n; k++)
		lines[k] = figures->text.s + figures->at[k];
	if (figures->n)
		qsort(lines, figures->n, sizeof *lines, by_text);
	for (size_t k = 0; k < figures->n; k++) {
		size_t len = strlen(lines[k]);
		packer_add(p, lines[k], len);
		fingerprint_add(f, lines[k], len);
	}
	free(lines);
	release_lines(figures);
}

/* The figures' text (every line, sorted) packed and fingerprinted as it
 * is made: the lines come a period at a time in the store's order, which
 * is the sorted one, with the adjustments (few) held and sorted before
 * the first figure. */
struct digest {
	struct run_figures *figures; /* the adjustments held */
	struct packer *packer;
	struct fingerprinter *fingerprinter;
	struct sbuf line, last;
	bool began;             /* the adjustments were added */
	bool sorted;            /* every line came after the one before */
};

static void digest_figure(void *ctx, const struct store_figure *f)
{
	struct digest *g = ctx;
	const char *fields[6] = {"figure", f->period, f->unit, f->indicator, NULL, f->note};
	if (!g->began) {
		add_sorted(g->figures, g->packer, g->fingerprinter);
		g->began = true;
	}
	sbuf_reset(&g->line);
	add_line(&g->line, fields, f->value);
	if (g->last.len && strcmp(sbuf_str(&g->line), sbuf_str(&g->last)) <= 0)
		g->sorted = false;
	packer_add(g->packer, g->line.s, g->line.len);
	fingerprint_add(g->fingerprinter, g->line.s, g->line.len);
	struct sbuf swap = g->last;
	g->last = g->line;
	g->line = swap;
}

static void digest_adjustment(void *ctx, const struct store_adjustment *a)
{
	struct digest *g = ctx;
	witness_adjustment(g->figures, a);
	if (g->began)
		g->sorted = false; /* after a figure: not where it sorts */
}

/* Packs and fingerprints the figures as the periods are read; whether
 * they came sorted, as they must for the digest to be the text's. */
static int digest_read(struct run_figures *figures, const struct plan *plan, struct store *store,
		       const struct period *period, bool *sorted, diag_t *d)
{
	struct digest g = {figures, packer_begin(), fingerprint_begin(), {0}, {0}, false, true};
	const struct readings_witness w = {digest_figure, digest_adjustment, &g};
	int rc = readings_witness_each(plan, store, period, &w, d);
	if (!g.began)
		add_sorted(figures, g.packer, g.fingerprinter);
	packer_end(g.packer, &figures->packed);
	fingerprint_end(g.fingerprinter, figures->sha256);
	sbuf_release(&g.line);
	sbuf_release(&g.last);
	release_lines(figures);
	*sorted = g.sorted;
	return rc;
}

int run_figures_read(struct run_figures *figures, const struct plan *plan, struct store *store,
		     const struct period *period, diag_t *d)
{
	bool sorted;
	if (digest_read(figures, plan, store, period, &sorted, d) != 0)
		return -1;
	if (sorted) {
		figures->digested = true;
		return 0;
	}
	/* ids the store orders otherwise than their lines sort (with a
	 * character below the tab, or escaped): the lines held and sorted */
	run_figures_release(figures);
	struct readings_witness w;
	run_witness_init(&w, figures);
	return readings_witness_each(plan, store, period, &w, d);
}

/* The lines sorted, packed and fingerprinted as one text, which is never
 * held whole (or as they were read, by run_figures_read); figures is
 * emptied. */
static void canonical_figures(struct run_figures *figures, struct run *r)
{
	if (figures->digested) {
		r->packed_figures = figures->packed;
		memcpy(r->figures_sha256, figures->sha256, FINGERPRINT_HEX);
		figures->packed = (struct packed){0};
	} else {
		struct packer *p = packer_begin();
		struct fingerprinter *f = fingerprint_begin();
		add_sorted(figures, p, f);
		packer_end(p, &r->packed_figures);
		fingerprint_end(f, r->figures_sha256);
	}
	run_figures_release(figures);
}

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
				scored ? it->score : NAN, item_outcome(b, it), it->actual};
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

/* Calls take with each item of the board, card by card (a board holding
 * a few units' items, a what-if's, has only theirs), its strings borrowed
 * from the board and the plan. */
static void each_item(const struct board *b, void (*take)(void *ctx, const struct run_item *it),
		      void *ctx)
{
	for (size_t u = 0; u < b->ncards; u++) {
		const struct card *c = &b->cards[u];
		const struct item *items = card_items(b, c);
		for (size_t k = 0; k < c->count; k++) {
			struct outcome o;
			char actual[64];
			board_outcome(b, &items[k], actual, &o);
			const struct run_item view = {(char *)o.unit, (char *)o.indicator,
						      (char *)o.name, (char *)o.actual, o.score,
						      (char *)o.light};
			take(ctx, &view);
		}
	}
}

/* Where a text streamed to the store goes, a piece at a time. */
struct piece_sink {
	struct run_writer *w;
	int text;               /* enum run_text */
};

static void save_piece(void *ctx, const unsigned char *bytes, size_t n)
{
	const struct piece_sink *ps = ctx;
	store_run_piece(ps->w, ps->text, bytes, n);
}

/* A packer for one of the run's texts: kept in memory, or with w handed
 * to the store a piece at a time through ps (which it keeps). */
static struct packer *text_packer(struct run_writer *w, int text, struct piece_sink *ps)
{
	if (!w)
		return packer_begin();
	*ps = (struct piece_sink){w, text};
	return packer_begin_to(&(struct packed_sink){save_piece, ps, store_run_piece_bytes()});
}

/* What pack_item writes to. */
struct item_packer {
	struct packer *packer;
	struct sbuf line;
};

static void pack_item(void *ctx, const struct run_item *it)
{
	struct item_packer *ip = ctx;
	run_add_item(ip->packer, it, &ip->line);
}

static void pack_piece(void *packer, const char *text, size_t len)
{
	packer_add(packer, text, len);
}

/* A form of the scorecards, as score prints it (CSV without a byte order
 * mark), handed to the packer a unit at a time as it is rendered. */
static void pack_form(const struct board *b, int form, struct packer *p)
{
	struct sbuf scratch = {0};
	const struct render_sink sink = {pack_piece, p};
	if (form == RUN_TABLE)
		render_table_pieces(b, -1, &scratch, &sink);
	else if (form == RUN_CSV)
		render_csv_pieces(b, -1, false, &scratch, &sink);
	else
		render_json_pieces(b, -1, &scratch, &sink);
	sbuf_release(&scratch);
}

/* One of the texts a run keeps of its board, packed as it is made: a
 * province's are hundreds of megabytes. */
struct text_job {
	const struct board *b;
	int form;               /* enum run_form; RUN_FORMS: the items */
	struct packed *out;
	struct run_writer *w;   /* NULL: packed into out */
};

static void pack_text(const struct text_job *job)
{
	struct piece_sink ps;
	struct packer *p = text_packer(job->w, RUN_TEXT_SCORECARDS + job->form, &ps);
	if (job->form == RUN_FORMS) {
		struct item_packer ip = {p, {0}};
		each_item(job->b, pack_item, &ip);
		sbuf_release(&ip.line);
	} else {
		pack_form(job->b, job->form, p);
	}
	packer_end(p, job->out);
}

/* pack_text in a thread of its own, one of the board's readers. */
static void *pack_text_reading(void *arg)
{
	const struct text_job *job = arg;
	pack_text(job);
	score_window_leave(job->b);
	return NULL;
}

/* The three forms of the scorecards and the items at once, each in a
 * thread of its own (they only read the board, and a board held a window
 * at a time fills a window when all of them wait for one); in turn where
 * no thread can be started. */
static void pack_texts(struct run *r, const struct board *b, struct run_writer *w)
{
	enum { TEXTS = RUN_FORMS + 1 };
	struct text_job jobs[TEXTS];
	pthread_t threads[TEXTS];
	bool started[TEXTS] = {false};
	for (int k = 0; k < TEXTS; k++)
		jobs[k] = (struct text_job){b, k, k < RUN_FORMS ? &r->scorecards[k] : &r->packed_items, w};
	score_window_share(b, TEXTS);
	for (int k = 1; k < TEXTS; k++) {
		started[k] = pthread_create(&threads[k], NULL, pack_text_reading, &jobs[k]) == 0;
		if (!started[k])
			score_window_leave(b); /* its text is packed after the others */
	}
	pack_text_reading(&jobs[0]);
	for (int k = 1; k < TEXTS; k++)
		if (started[k])
			pthread_join(threads[k], NULL);
	for (int k = 1; k < TEXTS; k++)
		if (!started[k])
			pack_text(&jobs[k]);
}

int run_fill_inputs(struct run *r, const struct board *b, const struct host *host,
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
	canonical_figures(figures, r);
	return 0;
}

int run_fill_head(struct run *r, const struct board *b, const struct host *host,
		  struct run_figures *figures, diag_t *d)
{
	if (run_fill_inputs(r, b, host, figures, d) != 0)
		return -1;
	summarize_units(r, b);
	return 0;
}

void run_fill_stream(struct run *r, const struct board *b, struct run_writer *w)
{
	pack_texts(r, b, w);
}

int run_fill(struct run *r, const struct board *b, const struct host *host,
	     struct run_figures *figures, diag_t *d)
{
	if (run_fill_head(r, b, host, figures, d) != 0)
		return -1;
	run_fill_stream(r, b, NULL);
	return 0;
}
