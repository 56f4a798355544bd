/* std_core: the standard library's hot rules in C. std.completion,
 * std.ratio {}, std.time_progress {} and std.weighted_share are written
 * here once: Lua rule files reach them through rules/lib/std.lua (require
 * "std.native"), and the host calls them directly, without Lua, for an
 * indicator (or a total) whose rules are exactly these. The results and
 * reasons they give are the same either way. */
#ifndef ASSAY_STD_CORE_H
#define ASSAY_STD_CORE_H

#include <stdbool.h>

#include "plan.h"
#include "sbuf.h"
#include "scorecard.h"

/* What the rules read of an item (`it`); NAN where `it` has nil. */
struct std_figure {
	enum target_form form;
	double actual, target, target_high, reported;
	double progress, weight;
	bool lower, cumulative, done, overdue;
	bool yearly_average;    /* a growth: 年均, not 同比 */
	const char *measure;    /* "" when none */
};

/* The parameters of std.ratio {} and std.time_progress {}. */
struct std_ratio {
	double floor, full, cap;
	bool pace;
};
struct std_time_progress {
	double yellow, red;
};

/* The options of the rules the standard library makes, declared once:
 * std.lua checks what a rule file gives against them (std.native.options),
 * the rules std.native makes keep theirs by these names, and assay check
 * reads a made rule's options by them. An option without a type is one the
 * library notes itself (the most points a rule gives), not one rule files
 * give. A rule's options stand together, in the order std.native takes them. */
enum std_option {
	STD_ABOUT_TOLERANCE,
	STD_GAP_PER_POINT, STD_GAP_FLOOR,
	STD_TASK_LATE, STD_TASK_MOST,
	STD_TASK_LIGHT_LATE,
	STD_COMMEND_TOTAL, STD_COMMEND_REASON,
	STD_RED_LIGHT_RED,
	STD_ADJUSTMENTS_BONUS, STD_ADJUSTMENTS_DEDUCTION,
	STD_RATIO_FLOOR, STD_RATIO_FULL, STD_RATIO_CAP, STD_RATIO_PACE,
	STD_BANDS_MOST,
	STD_TIME_PROGRESS_YELLOW, STD_TIME_PROGRESS_RED,
	STD_OPTIONS
};
struct std_option_decl {
	const char *rule;       /* "std.ratio" */
	const char *name;       /* "cap" */
	const char *type;       /* as Lua's type() names it; NULL: the library's note */
};
extern const struct std_option_decl std_options[STD_OPTIONS];

/* The figure of an item on the board, as `it` shows it to the rules. */
void std_figure_of(const struct board *b, const struct item *it, struct std_figure *f);

/* std.completion: NAN when there is none (nil). */
double std_completion(const struct std_figure *f);
/* The share of the target expected by now (std.expected). */
double std_expected(const struct std_figure *f);
/* std.ratio {}'s score for completion c (NAN: not reported, 0 points). */
double std_ratio_score(const struct std_ratio *r, const struct std_figure *f, double c);
/* std.time_progress {}'s light for completion c (NAN: red). */
enum light std_time_progress_light(const struct std_time_progress *t,
				   const struct std_figure *f, double c);
/* Its reason, appended to out: "完成率83.3%，落后时序进度5.2个百分点". */
void std_time_progress_reason(const struct std_figure *f, double c, struct sbuf *out);
/* std.weighted_share: 100 × a unit's points ÷ the weight of its
 * indicators, 0 when they weigh nothing. */
double std_weighted_share(double score, double weight);
/* An item's deferred reason (REASON_DEFERRED), appended to out: what a
 * board's deferred_reason writes. */
void std_native_reason(const struct board *b, const struct item *it, struct sbuf *out);
/* Writes an item's deferred reason (REASON_DEFERRED) into the board. */
void std_native_write_reason(struct board *b, struct item *it);
/* Why an item has no completion (std.why_unscored), appended to out. */
void std_why_unscored(const struct std_figure *f, struct sbuf *out);

/* The pieces the rules above and their Lua binding share. */
/* Completion of "at least target" (or "at most" when lower is better). */
double std_toward(double actual, double target, bool lower);
double std_about(double actual, double target, double tolerance);
/* Completion of "more than target" (超过X): as at least when above it; a
 * figure that only reaches it has not exceeded it and stays below 1. */
double std_more_than(double actual, double target);
/* The most a figure that has not exceeded a 超过 target completes: 99.9%. */
#define STD_NOT_EXCEEDED 0.999
/* The completion std.ratio scores: against time progress with pace. */
double std_ratio_basis(const struct std_ratio *r, const struct std_figure *f, double c);
/* The share of the weight that completion gives: clamped to 0 .. cap. */
double std_ratio_share(const struct std_ratio *r, double basis);
/* How far completion is behind what is expected, as on a calculator. */
double std_behind(const struct std_figure *f, double c);
/* x with at most `digits` decimals and no trailing zeros: 42, 48.3. */
void std_add_trimmed(struct sbuf *out, double x, int digits);
void std_add_pct(struct sbuf *out, double x);
/* What a reason says before the completion (std.said). */
void std_add_said(struct sbuf *out, const struct std_figure *f);

#endif
