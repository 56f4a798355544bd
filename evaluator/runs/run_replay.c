#include "run_replay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "render.h"
#include "run_fill.h"
#include "score.h"

/* The run's figures read from their packed text a batch of lines at a
 * time, never unpacked whole (a province's are 50 MB of text, and as
 * many again split). */
struct line_batches {
	struct unpacker *u;
	struct sbuf text;       /* whole lines, then the start of the next */
	size_t lines;           /* how many whole lines text holds from pos */
	size_t pos;             /* where in text the lines not yet taken start */
	bool ended;             /* the unpacker gave all */
};

static size_t count_lines(const char *s, size_t n)
{
	size_t lines = 0;
	for (const char *end = s + n; (s = memchr(s, '\n', (size_t)(end - s))); s++)
		lines++;
	return lines;
}

/* Reads until text holds `want` whole lines or the text ends (its last
 * line then ended, if it was not). */
static void read_lines(struct line_batches *lb, size_t want)
{
	while (lb->lines < want && !lb->ended) {
		const char *piece;
		size_t n = unpacker_next(lb->u, &piece);
		if ((lb->ended = n == 0))
			break;
		sbuf_addn(&lb->text, piece, n);
		lb->lines += count_lines(piece, n);
	}
	if (lb->ended && lb->text.len > lb->pos && lb->text.s[lb->text.len - 1] != '\n') {
		sbuf_addc(&lb->text, '\n');
		lb->lines++;
	}
}

/* The next lines, up to cap of them, split into lines[] (their strings
 * valid until the next call); how many, 0 at the end. */
static size_t next_lines(struct line_batches *lb, struct run_figure *lines, size_t cap)
{
	if (lb->lines < cap && !lb->ended && lb->pos) {
		/* the lines taken are let go only when more must be read: a
		 * batch of one line must not move the rest of the text */
		memmove(lb->text.s, lb->text.s + lb->pos, lb->text.len - lb->pos + 1);
		sbuf_cut(&lb->text, lb->text.len - lb->pos);
		lb->pos = 0;
	}
	read_lines(lb, cap);
	char *cursor = lb->text.s ? lb->text.s + lb->pos : NULL;
	size_t n = 0;
	while (n < cap && n < lb->lines && run_figure_next(&cursor, &lines[n]))
		n++;
	lb->lines -= n;
	if (n)
		lb->pos = (size_t)(cursor - lb->text.s);
	return n;
}

/* What store_import is given: the figures, a batch at a time. */
struct replay_figures {
	struct line_batches lb;
	struct run_figure *lines;       /* a batch of them, split */
	size_t cap;
	char source[32];                /* "run 3": where each came from */
};

static size_t give_figures(void *ctx, struct store_figure *buf, size_t cap)
{
	struct replay_figures *f = ctx;
	size_t n = 0, got;
	if (cap > f->cap)
		f->lines = xrealloc(f->lines, (f->cap = cap) * sizeof *f->lines);
	while (n == 0 && (got = next_lines(&f->lb, f->lines, cap)) > 0)
		for (size_t k = 0; k < got; k++)
			if (strcmp(f->lines[k].kind, "figure") == 0)
				buf[n++] = (struct store_figure){
					f->lines[k].unit, f->lines[k].key, f->lines[k].period,
					strtod(f->lines[k].value, NULL), f->lines[k].text, f->source, 0};
	return n;
}

/* The bonus and deduction items of the run (few), their strings copied. */
struct replay_adjustments {
	struct store_adjustment *at;
	size_t n;
};

static void adjustments_release(struct replay_adjustments *a)
{
	for (size_t k = 0; k < a->n; k++) {
		free((char *)a->at[k].unit);
		free((char *)a->at[k].period);
		free((char *)a->at[k].reason);
		free((char *)a->at[k].source);
	}
	free(a->at);
}

/* The packed text of the run's figures (or a plain view of them, for a
 * run whose figures were never packed). */
static struct packed figures_text(const struct run *r)
{
	if (r->packed_figures.bytes)
		return r->packed_figures;
	const char *text = r->figures ? r->figures : "";
	return (struct packed){(unsigned char *)text, strlen(text), true};
}

/* The adjustments among the lines of text, read first: store_import
 * takes them before the figures. */
static int read_adjustments(const struct packed *text, struct replay_adjustments *a,
			    const char *source, diag_t *d)
{
	struct line_batches lb = {.u = unpacker_begin(text)};
	struct run_figure line;
	while (next_lines(&lb, &line, 1) > 0) {
		if (strcmp(line.kind, "adjustment") != 0)
			continue;
		a->at = xrealloc(a->at, (a->n + 1) * sizeof *a->at);
		a->at[a->n++] = (struct store_adjustment){xstrdup(line.unit), xstrdup(line.period),
							  strtod(line.value, NULL), xstrdup(line.key),
							  xstrdup(line.text), source};
	}
	sbuf_release(&lb.text);
	return unpacker_end(lb.u, d);
}

int run_replay_store(const struct run *r, struct store **out, diag_t *d)
{
	struct replay_figures f = {0};
	struct replay_adjustments adjs = {0};
	struct import_counts counts;
	struct packed text = figures_text(r);
	snprintf(f.source, sizeof f.source, "run %ld", r->id);
	*out = NULL;
	int rc = read_adjustments(&text, &adjs, f.source, d);
	if (rc != 0)
		run_damaged(r, RUN_FIGURES_TEXT, d);
	else
		rc = store_open(out, ":memory:", STORE_WRITE, d);
	if (rc == 0) {
		diag_t why;
		f.lb.u = unpacker_begin(&text);
		rc = store_import(*out, r->plan, f.source, give_figures, &f, adjs.at, adjs.n, &counts,
				  d);
		sbuf_release(&f.lb.text);
		if (unpacker_end(f.lb.u, &why) != 0 && rc == 0) {
			*d = why;
			rc = run_damaged(r, RUN_FIGURES_TEXT, d);
		}
	}
	if (rc != 0) {
		store_close(*out);
		*out = NULL;
	}
	adjustments_release(&adjs);
	free(f.lines);
	return rc;
}

/* Scores the plan's period again from store into b, under the rules
 * loaded into *host (closed by the caller), the figures read into
 * figures when witnessed (released by the caller either way). 0; 1 when
 * a rule failed; -1 with d set. */
static int rescore(const struct plan *plan, const struct period *period, struct store *store,
		   const struct host_limits *limits, struct board *b, bool witnessed,
		   struct run_figures *figures, struct host **host, diag_t *d)
{
	struct readings_witness witness;
	run_witness_init(&witness, figures);
	memset(b, 0, sizeof *b);
	*host = NULL;
	if (host_open_for(host, plan, period, limits, d) != 0 ||
	    score_period(&(struct score_request){.plan = plan, .host = *host, .store = store,
						 .period = *period, .shown = true, .trends = true,
						 .witness = witnessed ? &witness : NULL},
			 b, d) != 0)
		return -1;
	return b->nerrors ? 1 : 0;
}

int run_replay_score(const struct plan *plan, const struct period *period, struct store *store,
		     const struct host_limits *limits, struct board *b, struct run *now,
		     diag_t *d)
{
	struct host *host;
	struct run_figures figures;
	memset(now, 0, sizeof *now);
	int rc = rescore(plan, period, store, limits, b, true, &figures, &host, d);
	if (rc == 0 && run_fill(now, b, host, &figures, d) != 0)
		rc = -1;
	run_figures_release(&figures);
	score_hand_over(b, host, NULL);
	return rc;
}

int run_replay_same(const struct run *saved, const struct run *now, bool *same, diag_t *d)
{
	char then_sha[FINGERPRINT_HEX], now_sha[FINGERPRINT_HEX];
	if (run_scorecards_fingerprint(saved, RUN_JSON, then_sha, d) != 0 ||
	    run_scorecards_fingerprint(now, RUN_JSON, now_sha, d) != 0)
		return -1;
	*same = strcmp(then_sha, now_sha) == 0;
	return 0;
}

static void fingerprint_piece(void *f, const char *text, size_t len)
{
	fingerprint_add(f, text, len);
}

/* The SHA-256 of the board's JSON scorecards, rendered a piece at a time
 * and never kept. */
static void board_json_fingerprint(const struct board *b, char out[FINGERPRINT_HEX])
{
	struct fingerprinter *f = fingerprint_begin();
	struct sbuf scratch = {0};
	render_json_pieces(b, -1, &scratch, &(struct render_sink){fingerprint_piece, f});
	fingerprint_end(f, out);
	sbuf_release(&scratch);
}

/* now's figures are saved's: scored from the texts of saved's files, from
 * a store holding only saved's figures, it read exactly those, which are
 * not witnessed again (a province's million are half a gigabyte). */
static void take_saved_figures(struct run *now, const struct run *saved)
{
	const struct packed *from = &saved->packed_figures;
	packed_release(&now->packed_figures);
	now->packed_figures = (struct packed){xmalloc(from->size + 1), from->size, from->plain};
	if (from->size)
		memcpy(now->packed_figures.bytes, from->bytes, from->size);
	memcpy(now->figures_sha256, saved->figures_sha256, FINGERPRINT_HEX);
}

int run_replay_check(const struct plan *plan, const struct period *period, struct store *store,
		     const struct host_limits *limits, const struct run *saved,
		     const char *saved_json, struct board *b, struct run *now, bool *same,
		     diag_t *d)
{
	struct host *host;
	struct run_figures figures;
	char now_json[FINGERPRINT_HEX];
	bool own_files = saved->packed_files.size > 0 && saved->packed_figures.bytes;
	memset(now, 0, sizeof *now);
	*same = false;
	int rc = rescore(plan, period, store, limits, b, !own_files, &figures, &host, d);
	if (rc == 0 && run_fill_inputs(now, b, host, &figures, d) != 0)
		rc = -1;
	if (rc == 0 && own_files)
		take_saved_figures(now, saved);
	if (rc == 0) {
		board_json_fingerprint(b, now_json);
		*same = strcmp(saved_json, now_json) == 0;
	}
	run_figures_release(&figures);
	score_hand_over(b, host, NULL);
	return rc;
}

/* What a month's saved totals go into. */
struct month_totals {
	struct trend *t;
	const struct plan *plan;
	int month;
};

static void take_total(void *ctx, const char *unit, double total)
{
	struct month_totals *m = ctx;
	int u = plan_find_unit(m->plan, unit);
	if (u >= 0)
		m->t->total[(size_t)u * (size_t)m->t->months + (size_t)m->month - 1] = total;
}

int run_replay_trend(struct trend *t, struct store *store, const struct run *r,
		     const struct board *b, diag_t *d)
{
	const struct plan *plan = b->plan;
	t->nunits = plan->nunits;
	t->months = period_end_month(&b->period);
	t->total = xmalloc((t->nunits * (size_t)t->months + 1) * sizeof *t->total);
	for (size_t k = 0; k < t->nunits * (size_t)t->months; k++)
		t->total[k] = NAN;
	for (int m = 1; m <= t->months; m++) {
		struct period month = {b->period.year, PERIOD_MONTH, m};
		if (period_equal(&month, &b->period)) {
			for (size_t u = 0; u < b->ncards; u++)
				t->total[u * (size_t)t->months + (size_t)m - 1] =
					score_in_trend(b, &b->cards[u]) ? b->cards[u].total : NAN;
			continue;
		}
		char text[PERIOD_TEXT];
		struct month_totals totals = {t, plan, m};
		if (store_each_total_before(store, plan->id, period_format(&month, text), r->id,
					    take_total, &totals, d) != 0) {
			trend_release(t);
			return -1;
		}
	}
	return 0;
}
