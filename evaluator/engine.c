#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct gather {
	const struct plan *plan;
	double *actuals;
};

static void take_figure(void *ctx, const char *unit, const char *indicator, double value)
{
	struct gather *g = ctx;
	int u = plan_find_unit(g->plan, unit), i = plan_find_indicator(g->plan, indicator);
	long a = u >= 0 && i >= 0 ? plan_find_assignment(g->plan, u, i) : -1;
	if (a >= 0) /* figures for what the plan no longer assesses are ignored */
		g->actuals[a] = value;
}

int engine_gather(const struct plan *plan, struct store *store, const struct period *period,
		  double **actuals, diag_t *d)
{
	struct gather g = {plan, xmalloc((plan->nassignments + 1) * sizeof *g.actuals)};
	for (size_t k = 0; k < plan->nassignments; k++)
		g.actuals[k] = NAN;
	char text[PERIOD_TEXT];
	struct period last = period_last_month(period);
	int rc = 0;
	if (period->kind != PERIOD_MONTH)
		rc = store_each_figure(store, plan->id, period_format(&last, text), take_figure, &g, d);
	if (rc == 0)
		rc = store_each_figure(store, plan->id, period_format(period, text), take_figure, &g, d);
	if (rc != 0) {
		free(g.actuals);
		return -1;
	}
	*actuals = g.actuals;
	return 0;
}

static void score_unit_items(struct host *host, struct board *b, struct card *c,
			     const double *actuals)
{
	const struct plan *plan = b->plan;
	for (size_t k = c->first; k < c->first + c->count; k++) {
		struct item *it = &b->items[k];
		const struct plan_assignment *a = &plan->assignments[k];
		it->indicator = a->indicator;
		it->actual = actuals[k];
		it->target = a->target;
		it->weight = host_weight(host, a->indicator);
		it->completion = NAN;
		if (host_score_item(host, b, c->unit, it) != 0) {
			b->nerrors++;
			c->failed_items++;
			continue;
		}
		c->score += it->score;
		c->weight += it->weight;
		c->green += it->light == LIGHT_GREEN;
		c->yellow += it->light == LIGHT_YELLOW;
		c->red += it->light == LIGHT_RED;
		c->missing += isnan(it->actual);
	}
}

/* A card as ranking sees it. */
struct rank_key {
	double total;           /* rounded, as people compare it */
	size_t card;
};

/* Higher total first; among equals, plan order. */
static int by_total(const void *x, const void *y)
{
	const struct rank_key *a = x, *b = y;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return (a->card > b->card) - (a->card < b->card);
}

/* Ranks the scored units of each peer group; equal totals share a rank
 * (1, 1, 3). A unit whose rules failed is not ranked. */
static void rank_groups(struct board *b)
{
	struct rank_key *keys = xmalloc((b->ncards + 1) * sizeof *keys);
	for (size_t g = 0; g < b->plan->ngroups; g++) {
		size_t n = 0;
		for (size_t c = 0; c < b->ncards; c++)
			if (b->plan->units[b->cards[c].unit].group == (int)g && !card_failed(&b->cards[c]))
				keys[n++] = (struct rank_key){board_rank_value(b->cards[c].total), c};
		qsort(keys, n, sizeof *keys, by_total);
		for (size_t k = 0; k < n; k++) {
			struct card *c = &b->cards[keys[k].card];
			bool tie = k > 0 && keys[k].total == keys[k - 1].total;
			c->rank = tie ? b->cards[keys[k - 1].card].rank : (int)k + 1;
			c->group_size = (int)n;
		}
	}
	free(keys);
}

int engine_score(const struct plan *plan, struct host *host, const struct period *period,
		 const double *actuals, struct board *b)
{
	board_init(b, plan, period);
	for (size_t u = 0; u < plan->nunits; u++) {
		struct card *c = &b->cards[u];
		c->unit = (int)u;
		c->first = plan->unit_first[u];
		c->count = plan->unit_first[u + 1] - c->first;
		score_unit_items(host, b, c, actuals);
		if (!card_failed(c) && host_total(host, b, c) != 0)
			b->nerrors++;
	}
	rank_groups(b);
	for (size_t u = 0; u < plan->nunits; u++) {
		struct card *c = &b->cards[u];
		if (!card_failed(c) && host_verdict(host, b, c) != 0)
			b->nerrors++;
	}
	return 0;
}
