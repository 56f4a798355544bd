#include "score.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "readings.h"

bool score_in_trend(const struct board *b, const struct card *c)
{
	(void)b;
	return card_ranked(c) && c->reported;
}

/* The stream of the request's figures: as stored or changed, every
 * unit's or only those marked in peers (NULL: all). */
static int open_stream(const struct score_request *rq, const struct score_change *changes,
		       const bool *peers, struct readings_stream **out, diag_t *d)
{
	if ((peers ? readings_stream_open_only(out, rq->plan, rq->store, &rq->period, rq->witness,
					       peers, d)
		   : readings_stream_open(out, rq->plan, rq->store, &rq->period, rq->witness, d)) != 0)
		return -1;
	for (size_t k = 0; changes && k < rq->nchanges; k++)
		readings_stream_change(*out, changes[k].assignment, changes[k].value);
	return 0;
}

/* ---- a board held a window of units at a time ---------------------------
 *
 * A plan of many units is scored a peer group at a time
 * (engine_run_stream's by_group): each group's items are let go once it
 * is ranked and judged. A reader gets them back a window at a time: whole
 * peer groups, together at least window_units() units, scored again from
 * the same figures by the same rules. */

/* The fewest units a window holds: ASSAY_WINDOW_UNITS when it is set
 * (tests set it low, and then any plan of more units is held a window at
 * a time), else 1,000, for a plan whose groups' units are listed
 * together: one whose groups are mixed would be scored again for each
 * change of group as it is read. A plan of no more units is held whole. */
static size_t window_units(bool *set)
{
	const char *env = getenv("ASSAY_WINDOW_UNITS");
	char *end;
	unsigned long n = env ? strtoul(env, &end, 10) : 0;
	*set = env && *env && !*end && n > 0;
	return *set ? (size_t)n : 1000;
}

struct score_window {
	struct board_window w;  /* first: what the board sees */
	struct board *b;
	struct score_request rq; /* without its witness and progress */
	size_t *of_group;       /* by peer group: its window */
	size_t *first;          /* window k's units are units[first[k] .. first[k + 1]) */
	size_t *units;          /* window by window, each in plan order */
	size_t nwindows;
	bool *wanted;           /* by unit: those of the window being filled */
	size_t pool_mark;       /* the board's texts before any window's */
	struct sbuf failure;    /* why a window could not be filled; "" */
	struct host *own_host;  /* handed over (score_hand_over): closed here */
	struct store *own_store;
	/* Readers in threads of their own (score_window_share): a window is
	 * filled only when every one of them waits for one, the earliest
	 * asked, so that none reads items while they change. */
	pthread_mutex_t lock;
	pthread_cond_t filled;
	int readers;            /* reading at once; 0 or 1: no sharing */
	int waiting;            /* of them, those waiting for a window */
	size_t *asks;           /* by window: the readers waiting for it */
};

/* A window not yet laid out, and its lock (window_release it). */
static struct score_window *window_new(void)
{
	struct score_window *sw = xcalloc(1, sizeof *sw);
	pthread_mutex_init(&sw->lock, NULL);
	pthread_cond_init(&sw->filled, NULL);
	return sw;
}

/* Whether each group's units are listed together in the plan. */
static bool groups_together(const struct plan *plan)
{
	bool *seen = xcalloc(plan->ngroups + 1, sizeof *seen);
	bool together = true;
	for (size_t u = 0; u < plan->nunits && together; u++) {
		int g = plan->units[u].group;
		together = !(seen[g] && plan->units[u - 1].group != g);
		seen[g] = true;
	}
	free(seen);
	return together;
}

/* Each group's window, into window (by group): the groups in the order
 * they first come in the plan, a window closed once it has least units.
 * The number of windows. */
static size_t group_windows(const struct plan *plan, size_t least, size_t *window)
{
	size_t *size = xcalloc(plan->ngroups + 1, sizeof *size);
	bool *placed = xcalloc(plan->ngroups + 1, sizeof *placed);
	size_t n = 0, filled = 0;
	for (size_t u = 0; u < plan->nunits; u++)
		size[plan->units[u].group]++;
	for (size_t u = 0; u < plan->nunits; u++) {
		int g = plan->units[u].group;
		if (placed[g])
			continue;
		if (filled >= least || n == 0) {
			n++;
			filled = 0;
		}
		placed[g] = true;
		window[g] = n - 1;
		filled += size[g];
	}
	free(size);
	free(placed);
	return n;
}

/* The windows of the plan's units into sw; false when the plan is held
 * whole (see window_units). */
static bool plan_windows(const struct plan *plan, struct score_window *sw)
{
	bool set;
	size_t least = window_units(&set);
	if (plan->nunits <= least || (!set && !groups_together(plan)))
		return false;
	sw->of_group = xcalloc(plan->ngroups + 1, sizeof *sw->of_group);
	sw->nwindows = group_windows(plan, least, sw->of_group);
	sw->units = plan_group_units(plan, sw->of_group, sw->nwindows, &sw->first);
	return sw->nwindows > 1;
}

/* Scores the window's units again from the figures; false with
 * sw->failure set when they could not be read, or the rules' budget is
 * spent. */
static bool window_score(struct score_window *sw)
{
	struct readings_stream *s = NULL;
	diag_t d;
	int u = 0;
	bool ok = open_stream(&sw->rq, sw->rq.changes, sw->wanted, &s, &d) == 0;
	host_pass_begin(sw->rq.host);
	while (ok && (u = readings_stream_next(s, &d)) >= 0)
		engine_fill_items(sw->rq.host, sw->b, readings_stream_unit(s), u);
	host_pass_end(sw->rq.host);
	readings_stream_close(s);
	ok = ok && u != READINGS_FAILED;
	if (!ok || host_spent(sw->rq.host)) {
		sbuf_reset(&sw->failure);
		sbuf_add(&sw->failure, ok ? host_spent(sw->rq.host) : d.text);
		return false;
	}
	return true;
}

/* What a reader sees of a unit's items whose figures could not be read
 * again: the items, without figures, each failing with the reason. */
static void unit_fail(struct score_window *sw, size_t u, text_ref why)
{
	struct board *b = sw->b;
	const struct plan *plan = b->plan;
	for (size_t a = plan->unit_first[u]; a < plan->unit_first[u + 1]; a++)
		b->items[a] = (struct item){.indicator = plan->assignments[a].indicator,
					    .assignment = (uint32_t)a, .actual = NAN,
					    .reported = NAN, .target = NAN, .completion = NAN,
					    .score = NAN, .error = why};
}

/* Marks the window's units wanted, or not. */
static void want_window(struct score_window *sw, size_t k, bool wanted)
{
	for (size_t j = sw->first[k]; j < sw->first[k + 1]; j++)
		sw->wanted[sw->units[j]] = wanted;
}

/* Makes window k the one the board holds. */
static void window_fill_at(struct score_window *sw, size_t k)
{
	struct board_window *w = &sw->w;
	struct board *b = sw->b;
	if (w->current < sw->nwindows)
		board_forget_units(b, &sw->units[sw->first[w->current]],
				   sw->first[w->current + 1] - sw->first[w->current]);
	w->current = k;
	sbuf_cut(&b->pool, sw->pool_mark);
	want_window(sw, k, true);
	if (!window_score(sw)) {
		text_ref why = board_text_add(b, sw->failure.s, sw->failure.len);
		for (size_t j = sw->first[k]; j < sw->first[k + 1]; j++)
			unit_fail(sw, sw->units[j], why);
	}
	want_window(sw, k, false);
}

/* With every reader waiting: fills the earliest window asked for, and
 * lets its readers go. */
static void serve_readers(struct score_window *sw)
{
	size_t k = 0;
	while (k < sw->nwindows && !sw->asks[k])
		k++;
	if (k == sw->nwindows)
		return;
	window_fill_at(sw, k);
	sw->waiting -= (int)sw->asks[k];
	sw->asks[k] = 0;
	pthread_cond_broadcast(&sw->filled);
}

static void window_fill(struct board_window *w, int unit)
{
	struct score_window *sw = (struct score_window *)w;
	size_t k = sw->of_group[sw->b->plan->units[unit].group];
	pthread_mutex_lock(&sw->lock);
	if (sw->readers <= 1) {
		window_fill_at(sw, k);
	} else if (w->current != k) {
		sw->asks[k]++;
		sw->waiting++;
		while (w->current != k)
			if (sw->waiting == sw->readers)
				serve_readers(sw);
			else
				pthread_cond_wait(&sw->filled, &sw->lock);
	}
	pthread_mutex_unlock(&sw->lock);
}

void score_window_share(const struct board *b, int readers)
{
	struct score_window *sw = (struct score_window *)b->window;
	if (!sw)
		return;
	pthread_mutex_lock(&sw->lock);
	sw->readers = readers;
	pthread_mutex_unlock(&sw->lock);
}

void score_window_leave(const struct board *b)
{
	struct score_window *sw = (struct score_window *)b->window;
	if (!sw)
		return;
	pthread_mutex_lock(&sw->lock);
	sw->readers--;
	if (sw->readers > 0 && sw->waiting == sw->readers)
		serve_readers(sw);
	pthread_mutex_unlock(&sw->lock);
}

static void window_release(struct board_window *w)
{
	struct score_window *sw = (struct score_window *)w;
	free(sw->of_group);
	free(sw->first);
	free(sw->units);
	free(sw->wanted);
	free(sw->asks);
	pthread_mutex_destroy(&sw->lock);
	pthread_cond_destroy(&sw->filled);
	sbuf_release(&sw->failure);
	host_close(sw->own_host);
	store_close(sw->own_store);
	free(sw);
}

/* A window for b, which rq scored a group at a time, by sw's windows. */
static void window_open(struct score_window *sw, struct board *b, const struct score_request *rq)
{
	sw->w = (struct board_window){sw->of_group, SIZE_MAX, window_fill, window_release};
	sw->b = b;
	sw->rq = *rq;
	sw->rq.witness = NULL;
	sw->rq.progress = NULL;
	sw->wanted = xcalloc(b->plan->nunits + 1, sizeof *sw->wanted);
	sw->asks = xcalloc(sw->nwindows + 1, sizeof *sw->asks);
	sw->pool_mark = b->pool.len;
	b->window = &sw->w;
}

void score_hand_over(struct board *b, struct host *host, struct store *store)
{
	struct score_window *sw = (struct score_window *)b->window;
	if (!sw) {
		host_close(host);
		store_close(store);
		return;
	}
	sw->own_host = host;
	sw->own_store = store;
}

const char *score_window_failure(const struct board *b)
{
	const struct score_window *sw = (const struct score_window *)b->window;
	return sw && sw->failure.len ? sw->failure.s : NULL;
}

int score_period(const struct score_request *rq, struct board *out, diag_t *d)
{
	struct readings_stream *s = NULL;
	bool *peers = rq->units ? engine_peers(rq->plan, rq->units) : NULL;
	struct score_window *sw = peers ? NULL : window_new();
	bool by_group = sw && plan_windows(rq->plan, sw);
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (open_stream(rq, rq->changes, peers, &s, d) == 0)
		rc = peers ? engine_run_peers(rq->plan, rq->host, &rq->period, s, peers, rq->shown,
					      out, d)
			   : engine_run_stream(rq->plan, rq->host, &rq->period, s, rq->shown,
					       rq->trends || plan_flags_jumps(rq->plan),
					       by_group, rq->progress, out, d);
	readings_stream_close(s);
	free(peers);
	if (rc == 0 && by_group)
		window_open(sw, out, rq);
	else if (sw)
		window_release(&sw->w);
	return rc;
}

int score_again(const struct score_request *rq, struct board *b, diag_t *d)
{
	struct readings_stream *s = NULL;
	int rc = -1;
	if (open_stream(rq, rq->changes, rq->units, &s, d) == 0)
		rc = engine_rescore(rq->plan, rq->host, s, rq->units, b, d);
	readings_stream_close(s);
	return rc;
}

/* Scores one month into t with host, or with a host of its own when the
 * plan's rule schedule puts other rules in force then than at the report's
 * period (whose rules host runs). */
static int trend_month(struct trend *t, const struct plan *plan, struct host *host,
		       const struct period *period, struct store *store, int m,
		       const struct host_limits *limits, struct progress *progress, diag_t *d)
{
	struct period month = {period->year, PERIOD_MONTH, m};
	struct host *own = NULL;
	struct board b;
	if (plan_rules_at(plan, period_end_date(&month)) != plan_rules_at(plan, period_end_date(period)) &&
	    host_open_for(&own, plan, &month, limits, d) != 0)
		return -1;
	/* a month's totals only: its items are never shown */
	struct score_request rq = {.plan = plan, .host = own ? own : host, .store = store,
				   .period = month, .progress = progress};
	int rc = score_period(&rq, &b, d);
	for (size_t u = 0; rc == 0 && u < b.ncards; u++)
		t->total[u * (size_t)t->months + (size_t)m - 1] =
			score_in_trend(&b, &b.cards[u]) ? b.cards[u].total : NAN;
	if (rc == 0)
		board_release(&b);
	host_close(own);
	return rc;
}

int trend_gather(struct trend *t, const struct plan *plan, struct host *host,
		 const struct period *period, struct store *store, int months,
		 const struct host_limits *limits, struct progress *progress, diag_t *d)
{
	t->nunits = plan->nunits;
	t->months = months;
	t->total = xmalloc((t->nunits * (size_t)months + 1) * sizeof *t->total);
	for (int m = 1; m <= months; m++)
		if (trend_month(t, plan, host, period, store, m, limits, progress, d) != 0) {
			trend_release(t);
			return -1;
		}
	return 0;
}
