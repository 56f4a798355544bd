/* What every format says about one item beyond its numbers: how its
 * figure reads, its target in words, and the notes a reader should see. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lang.h"
#include "numbers.h"
#include "plan_target.h"
#include "render.h"

const char *render_actual(char *buf, size_t size, double actual)
{
	if (isnan(actual))
		return "";
	return format_number(buf, size, actual);
}

const char *render_percent(char *buf, size_t size, double ratio)
{
	if (isnan(ratio))
		return "";
	char num[64];
	snprintf(buf, size, "%s%%", format_fixed(num, sizeof num, ratio * 100, 1));
	return buf;
}

const char render_in_progress[] = N_("in progress");

const char *render_item_actual_read(const struct board *b, const struct item *it, char *buf,
				    size_t size)
{
	const char *actual = render_item_actual(b, it, buf, size);
	return actual == render_in_progress ? _(actual) : actual;
}

const char *render_item_actual(const struct board *b, const struct item *it, char *buf,
			       size_t size)
{
	const struct plan_assignment *a = &b->plan->assignments[it->assignment];
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	if (ind->kind == KIND_TASK)
		return it->done_on ? date_format(it->done_on, buf) : it->as_of ? render_in_progress : "";
	if (isnan(it->actual))
		return "";
	if (plan_target_form(b->plan, a) == FORM_GROWTH) {
		char num[64];
		snprintf(buf, size, "%s%s%%", it->actual >= 0 ? "+" : "",
			 format_fixed(num, sizeof num, round_half_away(it->actual, 2), 2));
		return buf;
	}
	return format_number(buf, size, it->actual);
}

void render_item_target(const struct board *b, const struct item *it, struct sbuf *out)
{
	const struct plan_assignment *a = &b->plan->assignments[it->assignment];
	const struct plan_indicator *ind = &b->plan->indicators[it->indicator];
	struct plan_target own = plan_target_of(b->plan, a);
	struct plan_target target = plan_target_in_year(b->plan, &own, b->period.year);
	char num[64];
	sbuf_reset(out);
	if (!ind->scored)
		return;
	switch (target.form) {
	case FORM_AT_LEAST:
	case FORM_AT_MOST:
		if (target.base == 0) {
			sbuf_add(out, format_number(num, sizeof num, it->target));
			return;
		}
		break;
	case FORM_MORE_THAN:
		if (target.base == 0) {
			sbuf_addf(out, "> %s", format_number(num, sizeof num, it->target));
			return;
		}
		break;
	case FORM_RELATIVE:
		if (!isnan(it->target)) {
			sbuf_addf(out, "≥ %s", format_number(num, sizeof num, it->target));
			return;
		}
		break;
	default:
		break;
	}
	plan_describe_target(b->plan, ind, &target, out);
}

static void add_note(struct sbuf *out, const char *fmt, const char *arg)
{
	if (out->len)
		sbuf_add(out, " · ");
	sbuf_addf(out, fmt, arg);
}

/* "from 服务业投资 80、固定资产投资 200": what a derived figure came from. */
static void add_inputs(const struct board *b, const struct item *it, struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	int unit = p->assignments[it->assignment].unit;
	add_note(out, "%s", _("from "));
	for (size_t j = 0; j < ind->ninputs; j++) {
		const struct item *in = board_item(b, (size_t)plan_find_assignment(p, unit, ind->inputs[j]));
		char num[64];
		const char *v = render_item_actual(b, in, num, sizeof num);
		sbuf_addf(out, "%s%s %s", j ? "、" : "", p->indicators[in->indicator].name, *v ? v : "—");
	}
}

void render_item_notes(const struct board *b, const struct item *it, struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	struct period month = {b->period.year, PERIOD_MONTH, it->as_of};
	char text[64];
	sbuf_reset(out);
	if (it->status == ITEM_SUPPORTING)
		add_note(out, _("supporting: the lead unit %s is scored"), p->units[ind->lead].name);
	if (it->status == ITEM_NOT_DUE)
		add_note(out, "%s", _("not due yet"));
	if (ind->kind == KIND_TASK && it->status == ITEM_NOT_DUE)
		add_note(out, _("deadline %s"), date_format(ind->deadline, text));
	if (ind->due && it->status == ITEM_NOT_DUE)
		add_note(out, _("due %s"), date_format(ind->due, text));
	if (it->flags & FLAG_CARRIED)
		add_note(out, _("carried from %s"), period_format(&month, text));
	if (it->flags & FLAG_GAP)
		add_note(out, "%s", _("per-period figures missing: no year-to-date total"));
	if (it->flags & FLAG_EARLIER_GAP)
		add_note(out, "%s", _("an earlier year's figure missing: no total across the years"));
	if (ind->ninputs)
		add_inputs(b, it, out);
	if (it->status == ITEM_SHOWN)
		add_note(out, "%s", _("shown, not scored"));
	if (it->flags & FLAG_BACKWARDS)
		add_note(out, "%s", _("review: below the previous year-to-date figure"));
	if (it->flags & FLAG_JUMP) {
		char ratio[64];
		format_fixed(ratio, sizeof ratio, round_half_away(item_trend(b, it)->jump, 1), 1);
		add_note(out, _("review: %s× the previous figure"), ratio);
	}
	if (it->note)
		add_note(out, _("note: %s"), board_text(b, it->note));
}
