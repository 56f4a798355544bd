#include "scoring.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "readings.h"

/* Whether the unit has a total and had reported something by then, so
 * that the months before its first report are not drawn as zeros. */
static bool in_trend(const struct board *b, const struct card *c)
{
	if (!card_ranked(c))
		return false;
	for (size_t k = c->first; k < c->first + c->count; k++)
		if (b->items[k].as_of)
			return true;
	return false;
}

int score_from_store(const struct plan *plan, struct host *host, struct store *store,
		       const struct period *period, struct progress *progress, struct board *out,
		       diag_t *d)
{
	struct readings_stream *s = NULL;
	int rc = readings_stream_open(&s, plan, store, period, NULL, d) != 0 ||
		 engine_run_stream(plan, host, period, s, true, progress, out, d) != 0 ? -1 : 0;
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
	int rc = score_from_store(plan, own ? own : host, store, &month, progress, &b, d);
	for (size_t u = 0; rc == 0 && u < b.ncards; u++)
		t->total[u * (size_t)t->months + (size_t)m - 1] =
			in_trend(&b, &b.cards[u]) ? b.cards[u].total : NAN;
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
