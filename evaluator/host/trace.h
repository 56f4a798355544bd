/* trace: the steps the rules took for one unit, for assay explain. The
 * host says where it is (which item, which rule); the standard library
 * notes each step with its intermediate values. Nothing is traced unless
 * a trace is given to the host: scoring without one pays nothing.
 *
 * The rules the standard library makes (std.ratio { ... }, std.commend
 * { ... }) are also registered with the name, the options and the line of
 * the rule file that made them, traced or not: explain shows the line,
 * assay check reads the options. */
#ifndef ASSAY_TRACE_H
#define ASSAY_TRACE_H

#include <stdbool.h>
#include <stddef.h>

enum trace_kind { TRACE_NUMBER, TRACE_TEXT, TRACE_BOOL, TRACE_NIL };

/* A named intermediate value: weight 5, completion 0.742, light "red". */
struct trace_value {
	char *name;
	enum trace_kind kind;
	double number;          /* TRACE_NUMBER; TRACE_BOOL: 0 or 1 */
	char *text;             /* TRACE_TEXT */
};

/* One step: what a library function (or the host, asking a rule) did. */
struct trace_step {
	long item;              /* the item's index on the board; -1: the card's */
	const char *stage;      /* the rule asked: "completion", "score",
				 * "light", "derive", "total", "adjust",
				 * "red_light", "commend", "veto" */
	char *function;         /* "std.ratio" */
	char *made_at;          /* "rules/x.lua:12", where the rule file made
				 * the rule; NULL when unknown */
	char *text;             /* "weight 5 × clamp(...) = 1.78" */
	struct trace_value *values;
	size_t nvalues;
};

struct trace {
	int unit;               /* the unit traced */
	bool on;                /* the host is asking a rule for that unit */
	long item;              /* ... about this item (-1: its card) */
	const char *stage;      /* ... this rule */
	struct trace_step *steps;
	size_t nsteps, cap;
};

/* An empty trace of one unit's steps. */
void trace_init(struct trace *t, int unit);
void trace_release(struct trace *t);
/* The host is about to ask `stage` for unit's item (-1: its card). */
void trace_enter(struct trace *t, int unit, long item, const char *stage);
/* Drops the steps noted for unit's card at the stages named (a list
 * ending in NULL), so that a rule asked again is traced once. */
void trace_forget(struct trace *t, int unit, const char *const *stages);
/* Appends a step where the host is; NULL when that is not traced. */
struct trace_step *trace_add(struct trace *t, const char *function, const char *made_at,
			     const char *text);
void trace_number(struct trace_step *s, const char *name, double v);
void trace_bool(struct trace_step *s, const char *name, bool v);
void trace_text(struct trace_step *s, const char *name, const char *v);
void trace_nil(struct trace_step *s, const char *name);

#endif
