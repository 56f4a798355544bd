#include "numbers.h"
#include "plan_target.h"
#include "std_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char NOT_REPORTED[] = "未报送";

const struct std_option_decl std_options[STD_OPTIONS] = {
	[STD_ABOUT_TOLERANCE] = {"std.about", "tolerance", "number"},
	[STD_GAP_PER_POINT] = {"std.gap", "per_point", "number"},
	[STD_GAP_FLOOR] = {"std.gap", "floor", "number"},
	[STD_TASK_LATE] = {"std.task", "late", "number"},
	[STD_TASK_MOST] = {"std.task", "most", NULL},
	[STD_TASK_LIGHT_LATE] = {"std.task_light", "late", "string"},
	[STD_COMMEND_TOTAL] = {"std.commend", "total", "number"},
	[STD_COMMEND_REASON] = {"std.commend", "reason", "string"},
	[STD_RED_LIGHT_RED] = {"std.red_light", "red", "number"},
	[STD_ADJUSTMENTS_BONUS] = {"std.adjustments", "bonus", "number"},
	[STD_ADJUSTMENTS_DEDUCTION] = {"std.adjustments", "deduction", "number"},
	[STD_RATIO_FLOOR] = {"std.ratio", "floor", "number"},
	[STD_RATIO_FULL] = {"std.ratio", "full", "number"},
	[STD_RATIO_CAP] = {"std.ratio", "cap", "number"},
	[STD_RATIO_PACE] = {"std.ratio", "pace", "boolean"},
	[STD_BANDS_MOST] = {"std.bands", "most", NULL},
	[STD_TIME_PROGRESS_YELLOW] = {"std.time_progress", "yellow", "number"},
	[STD_TIME_PROGRESS_RED] = {"std.time_progress", "red", "number"},
};

/* ---- the rules, on plain numbers --------------------------------------- */

void std_figure_of(const struct board *b, const struct item *it, struct std_figure *f)
{
	const struct plan *p = b->plan;
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	enum target_form form = plan_target_form(p, &p->assignments[it->assignment]);
	*f = (struct std_figure){
		.form = form, .actual = it->actual, .target = it->target,
		.target_high = item_target_high(b, it), .reported = it->reported,
		.progress = item_progress(b, it), .weight = item_weight(b, it),
		.lower = ind->lower_is_better,
		/* a growth is a rate, whatever it grows from */
		.cumulative = indicator_accumulates(ind->kind) && form != FORM_GROWTH,
		.done = it->done_on != 0, .overdue = (it->flags & FLAG_OVERDUE) != 0,
		.yearly_average = p->terms[p->assignments[it->assignment].terms].target.yearly_average,
		.measure = ind->measure};
}

/* Completion of a rate against a target at or below zero, where a ratio
 * means nothing: 1 when met, less by the shortfall in target-sized steps. */
static double met_or_short(double shortfall, double target)
{
	if (shortfall <= 0)
		return 1;
	if (target == 0)
		return 0;
	return fmax(0, 1 - shortfall / fabs(target));
}

/* Completion of "at least target" (or "at most" when lower is better). */
double std_toward(double actual, double target, bool lower)
{
	if (lower) {
		if (target <= 0)
			return met_or_short(actual - target, target);
		if (actual <= 0)
			return 2;
		return target / actual;
	}
	if (target == 0)
		return actual >= 0 ? 1 : 0;
	if (target < 0)
		return met_or_short(target - actual, target);
	return actual / target;
}

double std_about(double actual, double target, double tolerance)
{
	double off = fabs(actual - target) - tolerance;
	if (drop_noise(off) <= 0)
		return 1;
	if (target == 0)
		return 0;
	return fmax(0, 1 - off / fabs(target));
}

double std_more_than(double actual, double target)
{
	double c = std_toward(actual, target, false);
	return actual > target ? c : fmin(c, STD_NOT_EXCEEDED);
}

double std_completion(const struct std_figure *f)
{
	if (f->form == FORM_TASK)
		return f->done ? 1 : f->overdue ? 0 : NAN;
	if (isnan(f->actual) || isnan(f->target))
		return NAN;
	if (f->form == FORM_ABOUT)
		return std_about(f->actual, f->target, 0);
	if (f->form == FORM_BETWEEN) {
		if (f->actual < f->target)
			return std_toward(f->actual, f->target, false);
		if (f->actual > f->target_high)
			return std_toward(f->actual, f->target_high, true);
		return 1;
	}
	if (f->form == FORM_MORE_THAN)
		return std_more_than(f->actual, f->target);
	if (f->form == FORM_RANGE) /* met from the low end; above the high end is no fault */
		return f->lower ? std_toward(f->actual, f->target_high, true)
				: std_toward(f->actual, f->target, false);
	return std_toward(f->actual, f->target, f->lower || f->form == FORM_AT_MOST);
}

double std_expected(const struct std_figure *f)
{
	return f->cumulative ? f->progress : 1;
}

/* The completion std.ratio scores: against time progress with pace. */
double std_ratio_basis(const struct std_ratio *r, const struct std_figure *f, double c)
{
	return r->pace ? c / std_expected(f) : c;
}

/* The share of the weight that completion gives: clamped to 0 .. cap. */
double std_ratio_share(const struct std_ratio *r, double basis)
{
	double share = (basis - r->floor) / (r->full - r->floor);
	return share < 0 ? 0 : share > r->cap ? r->cap : share;
}

double std_ratio_score(const struct std_ratio *r, const struct std_figure *f, double c)
{
	if (isnan(c))
		return 0;
	return f->weight * std_ratio_share(r, std_ratio_basis(r, f, c));
}

/* How far completion is behind what is expected, as on a calculator. */
double std_behind(const struct std_figure *f, double c)
{
	return drop_noise(std_expected(f) - c);
}

enum light std_time_progress_light(const struct std_time_progress *t,
				   const struct std_figure *f, double c)
{
	if (isnan(c))
		return LIGHT_RED;
	double behind = std_behind(f, c);
	if (behind <= t->yellow)
		return LIGHT_GREEN;
	return behind <= t->red ? LIGHT_YELLOW : LIGHT_RED;
}

double std_weighted_share(double score, double weight)
{
	return weight == 0 ? 0 : 100 * score / weight;
}

/* ---- reasons ----------------------------------------------------------- */

/* x with at most `digits` decimals and no trailing zeros: 42, 48.3. */
void std_add_trimmed(struct sbuf *out, double x, int digits)
{
	char buf[64];
	format_fixed(buf, sizeof buf, x, digits);
	size_t n = strlen(buf);
	if (strchr(buf, '.')) {
		while (buf[n - 1] == '0')
			n--;
		if (buf[n - 1] == '.')
			n--;
	}
	buf[n] = '\0';
	sbuf_add(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

void std_add_pct(struct sbuf *out, double x)
{
	std_add_trimmed(out, x * 100, 1);
	sbuf_addc(out, '%');
}

static void add_amount(struct sbuf *out, const struct std_figure *f, double x)
{
	std_add_trimmed(out, x, 2);
	sbuf_add(out, f->measure);
}

/* "实际<actual><before><target><after>": the actual against one target. */
static void add_actual_against(struct sbuf *out, const struct std_figure *f, const char *before,
			       const char *after)
{
	sbuf_add(out, "实际");
	add_amount(out, f, f->actual);
	sbuf_add(out, before);
	add_amount(out, f, f->target);
	sbuf_add(out, after);
}

/* What a reason says before the completion (std.said). */
void std_add_said(struct sbuf *out, const struct std_figure *f)
{
	switch (f->form) {
	case FORM_GROWTH:
		if (f->yearly_average)
			sbuf_add(out, f->actual < 0 ? "年均下降" : "年均增长");
		else
			sbuf_add(out, f->actual < 0 ? "同比下降" : "同比增长");
		std_add_trimmed(out, fabs(f->actual), 2);
		sbuf_add(out, "%（目标");
		std_add_trimmed(out, f->target, 2);
		sbuf_add(out, "%），");
		return;
	case FORM_ABOUT:
		add_actual_against(out, f, "（目标", "左右），");
		return;
	case FORM_BETWEEN:
	case FORM_RANGE:
		sbuf_add(out, "实际");
		add_amount(out, f, f->actual);
		sbuf_add(out, "（目标");
		std_add_trimmed(out, f->target, 2);
		sbuf_add(out, "–");
		add_amount(out, f, f->target_high);
		sbuf_add(out, "），");
		return;
	case FORM_MORE_THAN:
		add_actual_against(out, f, "（目标超过", "），");
		return;
	case FORM_RELATIVE:
		add_actual_against(out, f, "（基准", "），");
		return;
	default:
		return;
	}
}

void std_why_unscored(const struct std_figure *f, struct sbuf *out)
{
	if (isnan(f->actual) && f->form == FORM_GROWTH && !isnan(f->reported))
		sbuf_add(out, "上年同期数未报送");
	else if (!isnan(f->actual) && isnan(f->target))
		sbuf_add(out, "比较基准未报送");
	else
		sbuf_add(out, NOT_REPORTED);
}

void std_time_progress_reason(const struct std_figure *f, double c, struct sbuf *out)
{
	if (isnan(c)) {
		std_why_unscored(f, out);
		return;
	}
	double behind = std_behind(f, c);
	/* by the year's end time progress is the whole target */
	bool paced = f->cumulative && std_expected(f) < 1;
	std_add_said(out, f);
	sbuf_add(out, "完成率");
	std_add_pct(out, c);
	if (behind <= 0 && !paced) {
		sbuf_add(out, "，达到目标");
	} else if (behind == 0) {
		sbuf_add(out, "，与时序进度持平");
	} else if (behind < 0) {
		sbuf_add(out, "，超过时序进度");
		std_add_trimmed(out, -behind * 100, 1);
		sbuf_add(out, "个百分点");
	} else {
		sbuf_add(out, paced ? "，落后时序进度" : "，落后目标");
		std_add_trimmed(out, behind * 100, 1);
		sbuf_add(out, "个百分点");
	}
}

void std_native_reason(const struct board *b, const struct item *it, struct sbuf *out)
{
	struct std_figure f;
	std_figure_of(b, it, &f);
	std_time_progress_reason(&f, it->completion, out);
}

void std_native_write_reason(struct board *b, struct item *it)
{
	if (it->reason != REASON_DEFERRED)
		return;
	struct sbuf reason = {0};
	std_native_reason(b, it, &reason);
	it->reason = board_text_add(b, reason.s, reason.len);
	sbuf_release(&reason);
}
