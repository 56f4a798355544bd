/* JSON, schema "assay.scorecards/1" (documented in the README): stable
 * keys, numbers as numbers, null for what is not there. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "plan_target.h"
#include "render.h"

static void json_text_or_null(struct sbuf *out, const char *key, const struct board *b,
			      text_ref ref)
{
	json_str_or_null(out, key, ref ? board_text(b, ref) : NULL, false);
}

/* The item's reason; null when it has none (a reason written as it is
 * read that comes out empty is none, as one written when scored). */
static void json_reason(const struct board *b, const struct item *it, struct sbuf *out)
{
	struct sbuf reason = {0};
	if (it->reason)
		item_reason_add(b, it, &reason);
	bool none = !it->reason || (!reason.len && it->reason == REASON_DEFERRED && b->deferred_reason);
	json_str_or_null(out, "reason", none ? NULL : sbuf_str(&reason), false);
	sbuf_release(&reason);
}

/* The flags as a list of words: ["carried", "jump"]. */
static void json_flags(struct sbuf *out, unsigned flags)
{
	struct sbuf words = {0};
	item_flag_words(flags, &words);
	json_key(out, "flags", false);
	sbuf_addc(out, '[');
	const char *w = sbuf_str(&words);
	for (size_t k = 0; *w; k++) {
		const char *end = strchr(w, ' ');
		size_t len = end ? (size_t)(end - w) : strlen(w);
		char word[32];
		snprintf(word, sizeof word, "%.*s", (int)len, w);
		if (k)
			sbuf_addc(out, ',');
		json_string(out, word);
		w += len + (end != NULL);
	}
	sbuf_addc(out, ']');
	sbuf_release(&words);
}

static void json_date_field(struct sbuf *out, const char *key, int date)
{
	char text[DATE_TEXT];
	json_key(out, key, false);
	if (date)
		json_string(out, date_format(date, text));
	else
		sbuf_add(out, "null");
}

/* How the figure was read: status, flags, as_of, reported, last_year, note. */
static void json_provenance(const struct board *b, const struct item *it, struct sbuf *out)
{
	char text[PERIOD_TEXT];
	struct period month = {b->period.year, PERIOD_MONTH, it->as_of};
	json_str_field(out, "status", item_status_name(it->status), false);
	json_flags(out, it->flags);
	json_key(out, "as_of", false);
	if (it->as_of)
		json_string(out, period_format(&month, text));
	else
		sbuf_add(out, "null");
	json_num_field(out, "reported", it->reported, -1);
	json_num_field(out, "increment", item_trend(b, it)->increment, -1);
	json_num_field(out, "last_year", item_trend(b, it)->last_year, -1);
	json_text_or_null(out, "note", b, it->note);
}

void render_json_item_fields(const struct board *b, const struct item *it, struct sbuf *out)
{
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	enum target_form form = plan_target_form(b->plan, &b->plan->assignments[it->assignment]);
	json_str_field(out, "indicator", ind->id, true);
	json_str_field(out, "name", ind->name, false);
	json_str_field(out, "measure", ind->measure, false);
	json_str_field(out, "kind", indicator_kind_name(ind->kind), false);
	json_provenance(b, it, out);
	json_num_field(out, "actual", it->actual, -1);
	json_str_field(out, "target_form", target_form_name(form), false);
	json_num_field(out, "target", it->target, -1);
	json_num_field(out, "target_high", item_target_high(b, it), -1);
	if (form == FORM_GROWTH) /* 年均 or 同比 */
		json_bool_field(out, "yearly_average",
				b->plan->terms[b->plan->assignments[it->assignment].terms].target.yearly_average,
				false);
	json_num_field(out, "progress", item_progress(b, it), -1);
	if (ind->kind == KIND_TASK) {
		json_date_field(out, "deadline", ind->deadline);
		json_date_field(out, "done_on", it->done_on);
	}
	json_num_field(out, "weight", item_weight(b, it), -1);
	json_num_field(out, "completion", it->error ? NAN : it->completion, 4);
	json_num_field(out, "score", it->error ? NAN : it->score, 2);
	json_key(out, "light", false);
	if (it->error || it->status != ITEM_SCORED)
		sbuf_add(out, "null");
	else
		json_string(out, light_name(b, it->light));
	json_reason(b, it, out);
	json_text_or_null(out, "error", b, it->error);
}

/* The total before adjustments, the adjustment and its items. */
static void json_adjustments(const struct board *b, const struct card *c, struct sbuf *out)
{
	char period[PERIOD_TEXT];
	bool first = true;
	json_num_field(out, "base_total", card_has_total(c) ? c->base_total : NAN, 2);
	json_num_field(out, "adjustment", card_has_total(c) ? c->adjustment : NAN, 2);
	json_text_or_null(out, "adjustment_reason", b, c->adjustment_reason);
	json_key(out, "adjustments", false);
	sbuf_addc(out, '[');
	for (int k = 0; k < c->nadjustments; k++) {
		const struct board_adjustment *a = &card_adjustments(b, c)[k];
		sbuf_add(out, first ? "{" : ",{");
		first = false;
		json_str_field(out, "period", period_format(&a->period, period), true);
		json_num_field(out, "points", a->points, -1);
		json_text_or_null(out, "reason", b, a->reason);
		json_text_or_null(out, "source", b, a->source);
		sbuf_addc(out, '}');
	}
	sbuf_addc(out, ']');
}

void render_json_card_fields(const struct board *b, const struct card *c, struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_unit *u = &p->units[c->unit];
	json_str_field(out, "unit", u->id, true);
	json_str_field(out, "name", u->name, false);
	json_str_field(out, "group", p->groups[u->group].id, false);
	json_num_field(out, "total", card_has_total(c) ? c->total : NAN, 2);
	json_num_field(out, "rank", c->rank ? c->rank : NAN, -1);
	json_num_field(out, "group_size", c->rank ? c->group_size : NAN, -1);
	for (int k = 1; k <= b->lights.n; k++)
		json_num_field(out, light_name(b, k), c->lights[k], -1);
	json_num_field(out, "missing", c->missing, -1);
	json_num_field(out, "review", c->review, -1);
	json_key(out, "verdict", false);
	if (!card_ranked(c))
		sbuf_add(out, "null");
	else
		json_string(out, verdict_name(c->verdict));
	json_text_or_null(out, "verdict_reason", b, c->verdict_reason);
	json_text_or_null(out, "veto", b, c->veto);
	json_adjustments(b, c, out);
	json_text_or_null(out, "error", b, c->error);
}

static void json_card(const struct board *b, const struct card *c, struct sbuf *out)
{
	sbuf_addc(out, '{');
	render_json_card_fields(b, c, out);
	json_key(out, "items", false);
	sbuf_addc(out, '[');
	const struct item *items = card_items(b, c);
	for (size_t k = 0; k < c->count; k++) {
		sbuf_add(out, k ? ",{" : "{");
		render_json_item_fields(b, &items[k], out);
		sbuf_addc(out, '}');
	}
	sbuf_add(out, "]}");
}

void render_json_pieces(const struct board *b, int unit, struct sbuf *out,
			const struct render_sink *sink)
{
	const struct plan *p = b->plan;
	char period[PERIOD_TEXT];
	sbuf_addc(out, '{');
	json_str_field(out, "schema", "assay.scorecards/1", true);
	json_str_field(out, "plan", p->id, false);
	json_str_field(out, "title", p->title, false);
	json_str_field(out, "period", period_format(&b->period, period), false);
	json_num_field(out, "time_progress", b->progress, -1);
	json_num_field(out, "errors", (double)b->nerrors, -1);
	json_key(out, "groups", false);
	sbuf_addc(out, '[');
	for (size_t g = 0; g < p->ngroups; g++) {
		sbuf_add(out, g ? ",{" : "{");
		json_str_field(out, "id", p->groups[g].id, true);
		json_str_field(out, "name", p->groups[g].name, false);
		sbuf_addc(out, '}');
	}
	sbuf_add(out, "],");
	json_key(out, "units", true);
	sbuf_addc(out, '[');
	bool first = true;
	for (size_t u = 0; u < b->ncards; u++) {
		if (unit >= 0 && b->cards[u].unit != unit)
			continue;
		if (!first)
			sbuf_addc(out, ',');
		first = false;
		json_card(b, &b->cards[u], out);
		render_pass_on(sink, out);
	}
	sbuf_add(out, "]}\n");
	render_pass_on(sink, out);
}

void render_json(const struct board *b, int unit, struct sbuf *out)
{
	render_json_pieces(b, unit, out, NULL);
}
