#include "run_replay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "render.h"
#include "run_fill.h"
#include "score.h"

/* The run's figures and adjustments, split out of a copy of its text
 * (their strings point into it). */
struct replay_figures {
	char *text;
	struct store_figure *figs;
	size_t nfigs, given;            /* given: how many store_import has had */
	struct store_adjustment *adjs;
	size_t nadj;
	char source[32];                /* "run 3": where each came from */
};

static void split_figures(const struct run *r, struct replay_figures *f)
{
	size_t figures, adjustments;
	run_count_figures(r, &figures, &adjustments);
	f->text = xstrdup(r->figures ? r->figures : "");
	f->figs = xmalloc((figures + 1) * sizeof *f->figs);
	f->adjs = xmalloc((adjustments + 1) * sizeof *f->adjs);
	snprintf(f->source, sizeof f->source, "run %ld", r->id);
	struct run_figure line;
	for (char *cursor = f->text; run_figure_next(&cursor, &line);) {
		double value = strtod(line.value, NULL);
		if (strcmp(line.kind, "figure") == 0)
			f->figs[f->nfigs++] = (struct store_figure){line.unit, line.key, line.period,
								     value, line.text, f->source, 0};
		else
			f->adjs[f->nadj++] = (struct store_adjustment){line.unit, line.period, value,
									line.key, line.text, f->source};
	}
}

static size_t give_figures(void *ctx, struct store_figure *buf, size_t cap)
{
	struct replay_figures *f = ctx;
	size_t n = f->nfigs - f->given < cap ? f->nfigs - f->given : cap;
	memcpy(buf, f->figs + f->given, n * sizeof *buf);
	f->given += n;
	return n;
}

int run_replay_store(const struct run *r, struct store **out, diag_t *d)
{
	struct replay_figures f = {0};
	struct import_counts counts;
	split_figures(r, &f);
	int rc = store_open(out, ":memory:", STORE_WRITE, d);
	if (rc == 0 && (rc = store_import(*out, r->plan, f.source, give_figures, &f, f.adjs, f.nadj,
					  &counts, d)) != 0) {
		store_close(*out);
		*out = NULL;
	}
	free(f.text);
	free(f.figs);
	free(f.adjs);
	return rc;
}

/* Scores the plan's period again from store into b, under the rules
 * loaded into *host (closed by the caller), the figures read into
 * figures (released by the caller). 0; 1 when a rule failed; -1 with d
 * set. */
static int rescore(const struct plan *plan, const struct period *period, struct store *store,
		   const struct host_limits *limits, struct board *b,
		   struct run_figures *figures, struct host **host, diag_t *d)
{
	struct readings_witness witness;
	run_witness_init(&witness, figures);
	memset(b, 0, sizeof *b);
	*host = NULL;
	if (host_open_for(host, plan, period, limits, d) != 0 ||
	    score_period(&(struct score_request){.plan = plan, .host = *host, .store = store,
						 .period = *period, .shown = true,
						 .witness = &witness},
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
	int rc = rescore(plan, period, store, limits, b, &figures, &host, d);
	if (rc == 0 && run_fill(now, b, host, &figures, d) != 0)
		rc = -1;
	run_figures_release(&figures);
	host_close(host);
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

int run_replay_check(const struct plan *plan, const struct period *period, struct store *store,
		     const struct host_limits *limits, const char *saved_json, struct board *b,
		     struct run *now, bool *same, diag_t *d)
{
	struct host *host;
	struct run_figures figures;
	char now_json[FINGERPRINT_HEX];
	memset(now, 0, sizeof *now);
	*same = false;
	int rc = rescore(plan, period, store, limits, b, &figures, &host, d);
	if (rc == 0 && run_fill_inputs(now, b, host, &figures, d) != 0)
		rc = -1;
	if (rc == 0) {
		board_json_fingerprint(b, now_json);
		*same = strcmp(saved_json, now_json) == 0;
	}
	run_figures_release(&figures);
	host_close(host);
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
