/* What every format says about the board beyond one item's figures: the
 * light or status an item shows, its reason with the notes, the label of a
 * verdict, and the order of a peer group's ranking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "numbers.h"
#include "render.h"

/* "none", "commendation", "red light". */
static const char *render_verdict_label(enum verdict v)
{
	static const char *const labels[] = {N_("none"), N_("commendation"), N_("red light")};
	return _(labels[v]);
}

void render_pass_on(const struct render_sink *sink, struct sbuf *out)
{
	if (!sink)
		return;
	sink->take(sink->ctx, sbuf_str(out), out->len);
	sbuf_reset(out);
}

void render_indicator_label(const struct plan_indicator *ind, struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_add(out, ind->name);
	if (ind->measure[0])
		sbuf_addf(out, " (%s)", ind->measure);
}

const char *render_item_light(const struct board *b, const struct item *it)
{
	static const char *const status[] = {"", N_("not due"), N_("supporting"), ""};
	if (it->error)
		return _("error");
	return _(it->status == ITEM_SCORED ? light_name(b, it->light) : status[it->status]);
}

const char *render_light_shape(const struct board *b, int light)
{
	/* shapes from GB2312, so any Chinese font draws them, and each reads
	 * apart from the others in black and white */
	static const char *const between[LIGHTS_MAX - 2] = {"▲", "◆", "★", "△", "☆", "□"};
	if (light <= 0 || light > b->lights.n)
		return "";
	return light == 1 ? "●" : light == b->lights.n ? "■" : between[light - 2];
}

void render_light_legend(const struct board *b, const char *sep, struct sbuf *out)
{
	for (int k = 1; k <= b->lights.n; k++)
		sbuf_addf(out, "%s%s %s", k > 1 ? sep : "", render_light_shape(b, k),
			  _(light_name(b, k)));
}

const char *render_red_header(const struct board *b, char buf[RED_HEADER_MAX])
{
	snprintf(buf, RED_HEADER_MAX, ">%s", _(light_name(b, b->lights.n)));
	return buf;
}

void render_light_colours(const char *name, uint32_t *fill, uint32_t *ink)
{
	static const struct {
		const char *name;
		uint32_t fill, ink;
	} colours[] = { /* the names marked for the catalog: shown translated */
		{N_("green"), 0xDFF3E3, 0x1E6B31}, {N_("yellow"), 0xFFF3C4, 0x7A5A00},
		{N_("orange"), 0xFDE3C8, 0x8A4200}, {N_("red"), 0xFBDCDC, 0x9B1C1C},
		{N_("blue"), 0xDBE9FB, 0x1C4F9B},
	};
	*fill = 0xEEEEEE;
	*ink = 0x333333;
	for (size_t k = 0; k < sizeof colours / sizeof *colours; k++)
		if (strcmp(colours[k].name, name) == 0) {
			*fill = colours[k].fill;
			*ink = colours[k].ink;
		}
}

const char *render_light_symbol(const struct board *b, const struct item *it)
{
	static const char *const status[] = {"", "○", "◇", "·"};
	if (it->error)
		return "？";
	return it->status == ITEM_SCORED ? render_light_shape(b, it->light) : status[it->status];
}

void render_item_reason(const struct board *b, const struct item *it, struct sbuf *out)
{
	struct sbuf notes = {0};
	sbuf_reset(out);
	if (it->error)
		sbuf_add(out, board_text(b, it->error));
	else
		item_reason_add(b, it, out);
	render_item_notes(b, it, &notes);
	if (notes.len)
		sbuf_addf(out, "%s%s", out->len ? " · " : "", sbuf_str(&notes));
	sbuf_release(&notes);
}

/* Ranked units first, by rank then plan order; unranked (failed) last. */
static int by_rank(const void *x, const void *y)
{
	const struct card *a = *(const struct card *const *)x, *b = *(const struct card *const *)y;
	int ra = a->rank ? a->rank : 1 << 30, rb = b->rank ? b->rank : 1 << 30;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return (a->unit > b->unit) - (a->unit < b->unit);
}

void render_ranking_make(struct ranking *r, const struct board *b)
{
	size_t ngroups = b->plan->ngroups;
	r->cards = xmalloc((b->ncards + 1) * sizeof *r->cards);
	r->first = xcalloc(ngroups + 1, sizeof *r->first);
	size_t *next = xcalloc(ngroups + 1, sizeof *next);
	/* by peer group (a counting sort), then each group by rank */
	for (size_t u = 0; u < b->ncards; u++)
		r->first[b->plan->units[b->cards[u].unit].group + 1]++;
	for (size_t g = 0; g < ngroups; g++)
		next[g + 1] = r->first[g + 1] += r->first[g];
	for (size_t u = 0; u < b->ncards; u++)
		r->cards[next[b->plan->units[b->cards[u].unit].group]++] = &b->cards[u];
	for (size_t g = 0; g < ngroups; g++)
		qsort(r->cards + r->first[g], r->first[g + 1] - r->first[g], sizeof *r->cards, by_rank);
	free(next);
}

void render_ranking_release(struct ranking *r)
{
	free(r->cards);
	free(r->first);
}

const char *render_card_verdict(const struct card *c)
{
	if (!c->rank)
		return card_failed(c) ? _("error") : _("not scored");
	return c->veto ? _("vetoed") : render_verdict_label(c->verdict);
}

void render_card_heading(const struct board *b, const struct card *c, struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_unit *u = &p->units[c->unit];
	sbuf_addf(out, "%s (%s) · %s", u->name, u->id, p->groups[u->group].name);
	if (c->rank)
		sbuf_addf(out, _(" · rank %d of %d"), c->rank, c->group_size);
}

void render_card_unscored(const struct board *b, const struct card *c, struct sbuf *out)
{
	if (c->error)
		sbuf_addf(out, _("not scored: %s"), board_text(b, c->error));
	else if (c->failed_items == 1)
		sbuf_add(out, _("not scored: the rules failed for 1 indicator"));
	else if (c->failed_items)
		sbuf_addf(out, _("not scored: the rules failed for %d indicators"), c->failed_items);
	else
		sbuf_add(out, _("nothing was due and scored this period"));
}

void render_card_adjustment(const struct board *b, const struct card *c, struct sbuf *out)
{
	char num[64], base[64];
	sbuf_addf(out, _("total before adjustments %s, adjustments %s%s"),
		  format_fixed(base, sizeof base, c->base_total, 2), c->adjustment >= 0 ? "+" : "",
		  format_fixed(num, sizeof num, c->adjustment, 2));
	if (c->adjustment_reason)
		sbuf_addf(out, " (%s)", board_text(b, c->adjustment_reason));
}

void render_card_counts(const struct board *b, const struct card *c, struct sbuf *out)
{
	char total[64];
	sbuf_addf(out, _("total %s"), format_fixed(total, sizeof total, c->total, 2));
	for (int k = 1; k <= b->lights.n; k++)
		sbuf_addf(out, " · %s %d", _(light_name(b, k)), c->lights[k]);
	if (c->missing)
		sbuf_addf(out, _(" · not reported %d"), c->missing);
	if (c->review)
		sbuf_addf(out, _(" · to review %d"), c->review);
}

void render_card_verdict_text(const struct board *b, const struct card *c, struct sbuf *out)
{
	if (c->error) {
		sbuf_addf(out, _("error — %s"), board_text(b, c->error));
		return;
	}
	sbuf_add(out, render_verdict_label(c->verdict));
	if (c->verdict_reason)
		sbuf_addf(out, " — %s", board_text(b, c->verdict_reason));
	if (c->veto)
		sbuf_addf(out, " — %s", board_text(b, c->veto));
	render_sample_mark(b, c, out);
}

const char *render_summary_reason(const struct board *b, const struct card *c,
				  enum summary_list list)
{
	if (!card_ranked(c))
		return NULL;
	switch (list) {
	case SUMMARY_COMMENDED:
		return c->verdict == VERDICT_COMMEND ? board_text(b, c->verdict_reason) : NULL;
	case SUMMARY_RED_LIGHT:
		return c->verdict == VERDICT_RED_LIGHT ? board_text(b, c->verdict_reason) : NULL;
	case SUMMARY_VETOED:
		return c->veto ? board_text(b, c->veto) : NULL;
	}
	return NULL;
}

size_t render_summary_count(const struct board *b, enum summary_list list)
{
	size_t n = 0;
	for (size_t u = 0; u < b->ncards; u++)
		n += render_summary_reason(b, &b->cards[u], list) != NULL;
	return n;
}

const char *render_summary_title(enum summary_list list)
{
	static const char *const titles[] = {N_("Commended (通报表扬)"), N_("Red light (亮灯督促)"),
					     N_("Commendation vetoed (一票否决)")};
	return _(titles[list]);
}

const char *const item_column_headers[ITEM_COLUMNS] = {N_("indicator"), N_(">actual"), N_(">target"),
						N_(">completion"), N_(">score"), N_("light"),
						N_("reason")};

void item_column_headers_read(const char *out[ITEM_COLUMNS])
{
	tr_all(item_column_headers, ITEM_COLUMNS, out);
}

void ranking_headers_read(const struct board *b, char red[RED_HEADER_MAX],
			  const char *out[RANKING_COLUMNS])
{
	static const char *const english[RANKING_COLUMNS] = {N_(">rank"), N_("unit"), N_(">total"),
							     ">red", N_("verdict")};
	tr_all(english, RANKING_COLUMNS, out);
	out[3] = render_red_header(b, red);
}

void item_cells_fill(struct item_cells *c, const struct board *b, const struct item *it,
		     bool shapes)
{
	bool scored = it->status == ITEM_SCORED && !it->error;
	const char *light = render_item_light(b, it);
	render_indicator_label(&b->plan->indicators[it->indicator], &c->label);
	render_item_target(b, it, &c->target);
	render_item_reason(b, it, &c->reason);
	sbuf_reset(&c->light);
	if (shapes)
		sbuf_addf(&c->light, "%s %s", render_light_symbol(b, it), *light ? light : _("shown"));
	else
		sbuf_add(&c->light, light);
	const char *actual = render_item_actual_read(b, it, c->actual, sizeof c->actual);
	c->cell[0] = sbuf_str(&c->label);
	c->cell[1] = *actual ? actual : it->status == ITEM_SCORED ? "—" : "";
	c->cell[2] = sbuf_str(&c->target);
	c->cell[3] = render_percent(c->completion, sizeof c->completion, it->completion);
	c->cell[4] = scored ? format_fixed(c->score, sizeof c->score, it->score, 2) : "";
	c->cell[5] = sbuf_str(&c->light);
	c->cell[6] = sbuf_str(&c->reason);
}

void item_cells_release(struct item_cells *c)
{
	sbuf_release(&c->label);
	sbuf_release(&c->target);
	sbuf_release(&c->light);
	sbuf_release(&c->reason);
}
