/* import: a checked figure list into the store, in one transaction. */
#include "import.h"

#include <stdlib.h>

/* The list's figures as the store takes them, a chunk at a time, with
 * the period texts made for them (one per period, not per figure). */
struct figure_feed {
	const struct figure_list *list;
	const struct plan *plan;
	size_t next;
	char (*periods)[PERIOD_TEXT];   /* as many as the store asks for */
	size_t cap;
};

static size_t feed_figures(void *ctx, struct store_figure *buf, size_t cap)
{
	struct figure_feed *feed = ctx;
	const struct figure_list *list = feed->list;
	if (cap > feed->cap) {
		feed->periods = xrealloc(feed->periods, cap * sizeof *feed->periods);
		feed->cap = cap;
	}
	size_t n = 0;
	for (; n < cap && feed->next < list->n; n++, feed->next++) {
		const struct figure *f = &list->v[feed->next];
		bool same_period = n > 0 && period_equal(&f[-1].period, &f->period);
		buf[n] = (struct store_figure){
			.unit = feed->plan->units[f->unit].id,
			.indicator = feed->plan->indicators[f->indicator].id,
			.period = same_period ? buf[n - 1].period
					      : period_format(&f->period, feed->periods[n]),
			.value = f->value,
			.note = figure_note(list, f),
			.source = list->files[f->file],
			.line = f->line,
		};
	}
	return n;
}

/* The adjustments as the store takes them, with their "file:line"
 * origins and period texts; release with release_adjustments. */
struct adjustment_batch {
	struct store_adjustment *adjs;
	char (*periods)[PERIOD_TEXT];
	char **origins;
	size_t n;
};

static void build_adjustments(struct adjustment_batch *b, const struct figure_list *list,
			      const struct plan *plan)
{
	b->n = list->nadj;
	b->adjs = xcalloc(b->n + 1, sizeof *b->adjs);
	b->periods = xcalloc(b->n + 1, sizeof *b->periods);
	b->origins = xcalloc(b->n + 1, sizeof *b->origins);
	for (size_t i = 0; i < b->n; i++) {
		const struct adjustment *a = &list->adj[i];
		struct sbuf origin = {0};
		sbuf_addf(&origin, "%s:%d", list->files[a->file], a->line);
		b->origins[i] = sbuf_detach(&origin);
		b->adjs[i] = (struct store_adjustment){
			.unit = plan->units[a->unit].id,
			.period = period_format(&a->period, b->periods[i]),
			.points = a->points,
			.reason = a->reason,
			.source = a->source,
			.origin = b->origins[i],
		};
	}
}

static void release_adjustments(struct adjustment_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->origins[i]);
	free(b->origins);
	free(b->periods);
	free(b->adjs);
}

int import_figure_list(struct store *store, const struct plan *plan,
		       const struct figure_list *list, const char *files,
		       struct import_counts *counts, diag_t *d)
{
	struct figure_feed feed = {.list = list, .plan = plan};
	struct adjustment_batch adjustments = {0};
	build_adjustments(&adjustments, list, plan);
	int rc = store_import(store, plan->id, files, feed_figures, &feed, adjustments.adjs,
			      adjustments.n, counts, d);
	release_adjustments(&adjustments);
	free(feed.periods);
	return rc;
}
