/* std_native: the standard library's hot rules in C. std.completion,
 * std.ratio {} and std.time_progress {} are written here once: Lua rule
 * files reach them through rules/lib/std.lua (require "std.native"), and
 * the host calls them directly, without Lua, for an indicator whose rules
 * are exactly these. The reasons they give are the same either way. */
#ifndef ASSAY_STD_NATIVE_H
#define ASSAY_STD_NATIVE_H

#include <lua.h>
#include <stdbool.h>

#include "plan.h"
#include "scorecard.h"
#include "text.h"
#include "trace.h"

/* What the rules read of an item (`it`); NAN where `it` has nil. */
struct std_figure {
	enum target_form form;
	double actual, target, target_high, reported;
	double progress, weight;
	bool lower, cumulative, done, overdue;
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
/* Writes an item's deferred reason (REASON_DEFERRED) into the board. */
void std_native_write_reason(struct board *b, struct item *it);
/* Why an item has no completion (std.why_unscored), appended to out. */
void std_why_unscored(const struct std_figure *f, struct sbuf *out);

/* The C functions behind std.native, for the host to recognise a rule
 * made by std.ratio {} or std.time_progress {} (lua_tocfunction). */
int std_native_completion(lua_State *L);
int std_native_ratio_rule(lua_State *L);
int std_native_time_progress_rule(lua_State *L);
/* Reads the parameters from such a rule's upvalues: the function at idx,
 * or with idx 0 the running rule itself. */
void std_native_ratio_params(lua_State *L, int idx, struct std_ratio *r);
void std_native_time_progress_params(lua_State *L, int idx, struct std_time_progress *t);

/* Pushes the std.native module table. With a trace, its rules note their
 * steps there and std.lua gets native.note for its own; without one
 * (NULL) they note nothing, at no cost. */
void std_native_push(lua_State *L, struct trace *trace);

#endif
