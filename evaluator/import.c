/* import: a checked figure list into the store, in one transaction. */
#include "import.h"

#include <stdlib.h>

/* What the store is given: borrowed strings, the period texts made for
 * them (figures first, then adjustments), and the adjustments' "file:line"
 * origins (a figure's the store makes as it writes it). */
struct import_batch {
	struct store_figure *figs;
	struct store_adjustment *adjs;
	char (*periods)[PERIOD_TEXT];
	char **sources;
	size_t n, nadj;
};

/* "file:line" of the k-th adjustment, kept in the batch. */
static const char *batch_origin(struct import_batch *b, size_t k, const char *file, int line)
{
	struct sbuf source = {0};
	sbuf_addf(&source, "%s:%d", file, line);
	b->sources[k] = sbuf_detach(&source);
	return b->sources[k];
}

static void batch_build(struct import_batch *b, const struct figure_list *list,
			const struct plan *plan)
{
	b->n = list->n;
	b->nadj = list->nadj;
	b->figs = xcalloc(b->n + 1, sizeof *b->figs);
	b->adjs = xcalloc(b->nadj + 1, sizeof *b->adjs);
	b->periods = xcalloc(b->n + b->nadj + 1, sizeof *b->periods);
	b->sources = xcalloc(b->nadj + 1, sizeof *b->sources);
	for (size_t i = 0; i < b->n; i++) {
		const struct figure *f = &list->v[i];
		b->figs[i] = (struct store_figure){
			.unit = plan->units[f->unit].id,
			.indicator = plan->indicators[f->indicator].id,
			.period = period_format(&f->period, b->periods[i]),
			.value = f->value,
			.note = f->note,
			.source = list->files[f->file],
			.line = f->line,
		};
	}
	for (size_t i = 0; i < b->nadj; i++) {
		const struct adjustment *a = &list->adj[i];
		size_t k = b->n + i;
		b->adjs[i] = (struct store_adjustment){
			.unit = plan->units[a->unit].id,
			.period = period_format(&a->period, b->periods[k]),
			.points = a->points,
			.reason = a->reason,
			.source = a->source,
			.origin = batch_origin(b, i, list->files[a->file], a->line),
		};
	}
}

static void batch_release(struct import_batch *b)
{
	for (size_t i = 0; i < b->nadj; i++)
		free(b->sources[i]);
	free(b->sources);
	free(b->periods);
	free(b->figs);
	free(b->adjs);
}

int import_figure_list(struct store *store, const struct plan *plan,
		       const struct figure_list *list, const char *files,
		       struct import_counts *counts, diag_t *d)
{
	struct import_batch batch = {0};
	batch_build(&batch, list, plan);
	int rc = store_import(store, plan->id, files, batch.figs, batch.n, batch.adjs, batch.nadj,
			      counts, d);
	batch_release(&batch);
	return rc;
}
