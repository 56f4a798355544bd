#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "readings.h"

bool score_in_trend(const struct board *b, const struct card *c)
{
	if (!card_ranked(c))
		return false;
	for (size_t k = c->first; k < c->first + c->count; k++)
		if (b->items[k].as_of)
			return true;
	return false;
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

int score_period(const struct score_request *rq, struct board *out, diag_t *d)
{
	struct readings_stream *s = NULL;
	bool *peers = rq->units ? engine_peers(rq->plan, rq->units) : NULL;
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (open_stream(rq, rq->changes, peers, &s, d) == 0)
		rc = peers ? engine_run_peers(rq->plan, rq->host, &rq->period, s, peers, rq->shown,
					      out, d)
			   : engine_run_stream(rq->plan, rq->host, &rq->period, s, rq->shown,
					       rq->progress, out, d);
	readings_stream_close(s);
	free(peers);
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

bool *score_peers(const struct plan *plan, const bool *units)
{
	return engine_peers(plan, units);
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
	struct score_request rq = {.plan = plan, .host = own ? own : host, .store = store,
				   .period = month, .shown = true, .progress = progress};
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
