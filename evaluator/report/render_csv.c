/* CSV: one row per unit and indicator, with the unit's total, rank and
 * verdict repeated on each of its rows, for spreadsheets and scripts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "render.h"
#include "utf8.h"

static const char *fixed_or_empty(char *buf, size_t size, double x, int digits, bool show)
{
	return show && !isnan(x) ? format_fixed(buf, size, x, digits) : "";
}

static void csv_row(const char *const *fields, size_t n, struct sbuf *out)
{
	for (size_t i = 0; i < n; i++)
		sbuf_csv_field(out, fields[i], i + 1 == n);
}

/* The verdict columns: "error" when a rule failed, else the verdict's
 * name once ranked; its reason, the failure or the veto. */
static const char *card_verdict(const struct card *c)
{
	return card_failed(c) ? "error" : card_ranked(c) ? verdict_name(c->verdict) : "";
}

static const char *card_verdict_reason(const struct board *b, const struct card *c)
{
	return board_text(b, c->error ? c->error : c->verdict_reason ? c->verdict_reason : c->veto);
}

static void csv_item(const struct board *b, const struct card *c, const struct item *it,
		     struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_unit *u = &p->units[c->unit];
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	char period[PERIOD_TEXT], actual[64], completion[64], score[64], weight[64], total[64],
		rank[16], size[16], as_of[PERIOD_TEXT], adjustment[64];
	struct sbuf target = {0}, flags = {0}, reason = {0};
	struct period month = {b->period.year, PERIOD_MONTH, it->as_of};
	bool scored = it->status == ITEM_SCORED && !it->error;
	render_item_target(b, it, &target);
	item_flag_words(it->flags, &flags);
	if (it->error)
		sbuf_add(&reason, board_text(b, it->error));
	else
		item_reason_add(b, it, &reason);
	snprintf(rank, sizeof rank, "%d", c->rank);
	snprintf(size, sizeof size, "%d", c->group_size);
	const char *fields[] = {
		period_format(&b->period, period), u->id, u->name, p->groups[u->group].id,
		ind->id, ind->name, ind->measure,
		render_item_actual(b, it, actual, sizeof actual),
		sbuf_str(&target),
		fixed_or_empty(completion, sizeof completion, it->completion, 4, scored),
		fixed_or_empty(score, sizeof score, it->score, 2, scored),
		fixed_or_empty(weight, sizeof weight, item_weight(b, it), 2, ind->scored),
		it->error ? "error" : scored ? light_name(b, it->light) : "",
		sbuf_str(&reason),
		fixed_or_empty(total, sizeof total, c->total, 2, card_has_total(c)),
		c->rank ? rank : "", c->rank ? size : "",
		card_verdict(c), card_verdict_reason(b, c),
		item_status_name(it->status), sbuf_str(&flags),
		it->as_of ? period_format(&month, as_of) : "", board_text(b, it->note),
		fixed_or_empty(adjustment, sizeof adjustment, c->adjustment, 2, card_has_total(c)),
	};
	csv_row(fields, sizeof fields / sizeof *fields, out);
	sbuf_release(&target);
	sbuf_release(&flags);
	sbuf_release(&reason);
}

void render_csv_pieces(const struct board *b, int unit, bool bom, struct sbuf *out,
		       const struct render_sink *sink)
{
	if (bom)
		sbuf_add(out, UTF8_BOM);
	sbuf_add(out, "period,unit,unit_name,group,indicator,indicator_name,measure,actual,target,"
		      "completion,score,weight,light,reason,total,rank,group_size,verdict,verdict_reason,"
		      "status,flags,as_of,note,adjustment\n");
	for (size_t u = 0; u < b->ncards; u++) {
		const struct card *c = &b->cards[u];
		if (unit >= 0 && c->unit != unit)
			continue;
		const struct item *items = card_items(b, c);
		for (size_t k = 0; k < c->count; k++)
			csv_item(b, c, &items[k], out);
		render_pass_on(sink, out);
	}
	render_pass_on(sink, out);
}

void render_csv(const struct board *b, int unit, bool bom, struct sbuf *out)
{
	render_csv_pieces(b, unit, bom, out, NULL);
}

static void csv_ranking_row(const struct board *b, const struct card *c, struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_unit *u = &p->units[c->unit];
	char rank[16], size[16], total[64], counts[LIGHTS_MAX + 1][16];
	bool ranked = c->rank > 0;
	snprintf(rank, sizeof rank, "%d", c->rank);
	snprintf(size, sizeof size, "%d", c->group_size);
	const char *fields[6 + LIGHTS_MAX + 4] = {
		p->groups[u->group].id, ranked ? rank : "", ranked ? size : "", u->id, u->name,
		fixed_or_empty(total, sizeof total, c->total, 2, card_has_total(c))};
	size_t n = 6;
	for (int k = 1; k <= b->lights.n; k++) { /* each light's count, then the missing */
		snprintf(counts[k], sizeof counts[k], "%d", c->lights[k]);
		fields[n++] = counts[k];
	}
	snprintf(counts[0], sizeof counts[0], "%d", c->missing);
	fields[n++] = counts[0];
	fields[n++] = card_verdict(c);
	fields[n++] = card_verdict_reason(b, c);
	fields[n++] = render_card_on_sample(b, c) ? "yes" : "";
	csv_row(fields, n, out);
}

void render_ranking_csv(const struct board *b, bool bom, struct sbuf *out)
{
	render_ranking_csv_pieces(b, bom, out, NULL);
}

void render_ranking_csv_pieces(const struct board *b, bool bom, struct sbuf *out,
			       const struct render_sink *sink)
{
	struct ranking rk;
	render_ranking_make(&rk, b);
	if (bom)
		sbuf_add(out, UTF8_BOM);
	/* sample_data: "yes" when the unit's result rests on figures marked as
	 * sample data (render_sample.c) */
	sbuf_add(out, "group,rank,group_size,unit,unit_name,total,");
	for (int k = 1; k <= b->lights.n; k++)
		sbuf_addf(out, "%s,", light_name(b, k));
	sbuf_add(out, "missing,verdict,verdict_reason,sample_data\n");
	for (size_t g = 0; g < b->plan->ngroups; g++) {
		size_t n = rk.first[g + 1] - rk.first[g];
		const struct card *const *order = rk.cards + rk.first[g];
		for (size_t k = 0; k < n; k++)
			csv_ranking_row(b, order[k], out);
		render_pass_on(sink, out);
	}
	render_ranking_release(&rk);
}
