/* The summary: a few lines a leader reads first. How many units were
 * scored, who is commended, who gets a red light, and the three highest
 * totals. */
#include <stdlib.h>

#include "lang.h"
#include "numbers.h"
#include "render.h"

/* Highest total first; among equals, plan order (as ranks are shared). */
static int by_total(const void *x, const void *y)
{
	const struct card *a = *(const struct card *const *)x, *b = *(const struct card *const *)y;
	double ta = board_rank_value(a->total), tb = board_rank_value(b->total);
	if (ta != tb)
		return ta > tb ? -1 : 1;
	return (a->unit > b->unit) - (a->unit < b->unit);
}

/* "commended 2: 区科技局、区财政局", or "commended 0"; " (on sample
 * data)" after the names when one of them rests on sample figures. */
static void verdict_line(const struct board *b, const char *label, enum verdict v,
			 struct sbuf *out)
{
	struct sbuf names = {0};
	int n = 0;
	bool sample = false;
	for (size_t u = 0; u < b->ncards; u++) {
		const struct card *c = &b->cards[u];
		if (!card_ranked(c) || c->verdict != v)
			continue;
		sbuf_addf(&names, "%s%s", n++ ? "、" : "", b->plan->units[c->unit].name);
		sample = sample || render_card_on_sample(b, c);
	}
	if (n)
		sbuf_addf(out, _("%s %d: %s%s\n"), label, n, sbuf_str(&names),
			  sample ? _(" (on sample data)") : "");
	else
		sbuf_addf(out, "%s 0\n", label);
	sbuf_release(&names);
}

static void top_line(const struct board *b, size_t most, struct sbuf *out)
{
	const struct card **order = xmalloc((b->ncards + 1) * sizeof *order);
	size_t n = 0;
	for (size_t u = 0; u < b->ncards; u++)
		if (card_ranked(&b->cards[u]))
			order[n++] = &b->cards[u];
	qsort(order, n, sizeof *order, by_total);
	sbuf_addf(out, _("top %zu:"), most < n ? most : n);
	for (size_t k = 0; k < n && k < most; k++) {
		char total[64];
		sbuf_addf(out, "%s %s %s", k ? " ·" : "", b->plan->units[order[k]->unit].name,
			  format_fixed(total, sizeof total, order[k]->total, 2));
	}
	sbuf_addc(out, '\n');
	free(order);
}

void render_summary(const struct board *b, struct sbuf *out)
{
	char period[PERIOD_TEXT];
	size_t scored = 0, failed = 0;
	for (size_t u = 0; u < b->ncards; u++) {
		scored += card_ranked(&b->cards[u]);
		failed += card_failed(&b->cards[u]);
	}
	sbuf_addf(out, _("%s (%s) · %s\n"), b->plan->title, b->plan->id,
		  period_format(&b->period, period));
	if (render_sample_banner(b, out))
		sbuf_addc(out, '\n');
	sbuf_addf(out, _("units %zu · scored %zu"), b->ncards, scored);
	if (failed)
		sbuf_addf(out, _(" · rules failed %zu"), failed);
	sbuf_addc(out, '\n');
	verdict_line(b, _("commended"), VERDICT_COMMEND, out);
	verdict_line(b, _("red light"), VERDICT_RED_LIGHT, out);
	top_line(b, 3, out);
}
