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
	struct readings r;
	if (readings_gather(&r, plan, store, period, d) != 0)
		return -1;
	engine_score_ticking(plan, host, period, &r, out, progress ? progress_tick : NULL, progress);
	readings_release(&r);
	return 0;
}

int trend_gather(struct trend *t, const struct plan *plan, struct host *host,
		 struct store *store, int months, struct progress *progress, diag_t *d)
{
	t->nunits = plan->nunits;
	t->months = months;
	t->total = xmalloc((t->nunits * (size_t)months + 1) * sizeof *t->total);
	for (int m = 1; m <= months; m++) {
		struct period month = {plan->year, PERIOD_MONTH, m};
		struct board b;
		if (score_from_store(plan, host, store, &month, progress, &b, d) != 0) {
			trend_release(t);
			return -1;
		}
		for (size_t u = 0; u < b.ncards; u++)
			t->total[u * (size_t)months + (size_t)m - 1] =
				in_trend(&b, &b.cards[u]) ? b.cards[u].total : NAN;
		board_release(&b);
	}
	return 0;
}

double trend_total(const struct trend *t, int unit, int month)
{
	return t->total[(size_t)unit * (size_t)t->months + (size_t)month - 1];
}

int trend_points(const struct trend *t, int unit)
{
	int n = 0;
	for (int m = 1; m <= t->months; m++)
		n += !isnan(trend_total(t, unit, m));
	return n;
}

void trend_release(struct trend *t)
{
	free(t->total);
	memset(t, 0, sizeof *t);
}
