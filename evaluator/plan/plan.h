/* plan: the plan model (who is assessed on what), its YAML loader
 * (plan_load*.c) and its queries (plan.c). What concerns targets and what
 * is expected of them over time is in plan_target.h. */
#ifndef ASSAY_PLAN_H
#define ASSAY_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "strmap.h"

struct plan_group {
	char *id, *name;
};

struct plan_unit {
	char *id, *name;
	int group;              /* index into plan.groups */
};

/* How figures of an indicator behave over the year. */
enum indicator_kind {
	KIND_AMOUNT,            /* money, volumes: accumulate over the year (default) */
	KIND_COUNT,             /* whole things counted: accumulate over the year */
	KIND_RATE,              /* a rate such as a growth rate: does not accumulate */
	KIND_SHARE,             /* a share of something (%, ‰): does not accumulate */
	KIND_LEVEL,             /* any other figure that stands at a level */
	KIND_TASK,              /* a task with a deadline and no number */
};

/* What reported figures mean over the year. */
enum basis {
	BASIS_YTD,              /* year to date (1–M月累计), the usual case */
	BASIS_PERIOD,           /* the period's own amount; assay adds them up */
};

/* How often figures are reported; in between, the last one is carried. */
enum frequency { EVERY_MONTH, EVERY_QUARTER, EVERY_YEAR };

/* The shape of a target, as the plans word it. */
enum target_form {
	FORM_AT_LEAST,          /* X以上, 不低于X */
	FORM_AT_MOST,           /* X以内, 不高于X */
	FORM_ABOUT,             /* X左右: the rules set the tolerance */
	FORM_BETWEEN,           /* within [value, high] */
	FORM_GROWTH,            /* 同比增长X%: against the same period last year */
	FORM_RELATIVE,          /* not below another indicator's figure, plus value */
	FORM_TASK,              /* done by the deadline */
	FORM_MORE_THAN,         /* 超过X, 超X: strictly above */
	FORM_RANGE,             /* X-Y家: met from value up; high is the upper
				 * expectation, not a cap */
};

struct plan_target {
	/* the doubles first: a million of these at province scale, unpadded */
	double value;           /* the number; a band's low end; the growth in %;
				 * the margin over the other indicator */
	double high;            /* a band's high end; NAN otherwise */
	double base;            /* counted before the plan year (累计 since `since`) */
	enum target_form form;
	int relative_to;        /* FORM_RELATIVE: the other indicator; -1 otherwise */
	int since;              /* the base year of a cumulative count; 0 when none */
	int checkpoints;        /* index into plan.checkpoints; -1: none */
	bool yearly_average;    /* FORM_GROWTH: 年均增长 over the plan's years,
				 * from the year before its first (base: that
				 * year's figure, else its stored figures) */
};

/* A plan covers at most this many years (years: 2021-2035). */
#define PLAN_MAX_YEARS 16

/* The targets of a plan's years before its last (NAN where none is set):
 * value[y - plan.year]. */
struct plan_checkpoints {
	double value[PLAN_MAX_YEARS];
};

#define PLAN_MAX_INPUTS 64

/* Expected share of the annual target at each month's end ([1..12]). */
struct plan_schedule {
	double share[13];
};

struct plan_indicator {
	char *id, *name;
	char *measure, *source, *note; /* "" when not given */
	enum indicator_kind kind;
	bool lower_is_better;
	enum basis basis;
	enum frequency every;
	int deadline;           /* tasks: yyyymmdd; 0 otherwise */
	int due;                /* a milestone (建成1个示范区 by the year's end):
				 * judged whole from this date (yyyymmdd), not
				 * due before it; 0: judged against time */
	bool lead_only;         /* co-responsible units: only the first is scored */
	int lead;               /* the first unit listed (the lead unit) */
	bool binding;           /* 约束性: failing it vetoes commendation */
	bool scored;            /* false: shown (an input), never scored */
	int *inputs;            /* derived: the indicators it is computed from
				 * (at most PLAN_MAX_INPUTS) */
	size_t ninputs;         /* 0: reported, not derived */
	double jump_factor;     /* flag a figure this many times the previous; 0: never */
	int schedule;           /* index into plan.schedules; -1: time elapsed */
};

/* "amount", "count", "rate", "share", "level", "task". */
const char *indicator_kind_name(enum indicator_kind kind);
/* Whether figures accumulate, so that progress is judged against time. */
bool indicator_accumulates(enum indicator_kind kind);

/* A value the plan gives one of the rules' parameters. */
struct plan_param {
	char *name;
	double value;
	int line, col;          /* where the plan gives it */
};

/* A rule file and the parameter values in force from a date: an entry of
 * the plan's rule schedule (`rules: FILE` is one entry, from the start). */
struct plan_rules {
	int from;               /* yyyymmdd; 0: from the start */
	char *path;             /* resolved against the plan's directory */
	struct plan_param *params;
	size_t nparams;
};

/* An assignment's target apart from its number, with its schedule and
 * role: shared by the assignments that have the same (most of a plan's:
 * per-unit targets mostly differ in their number alone). */
struct plan_terms {
	struct plan_target target; /* value: 0, each assignment has its own */
	int schedule;           /* index into plan.schedules; -1: time elapsed */
	bool supporting;        /* a co-responsible unit that is not scored */
};

/* One unit assessed on one indicator, with the target that applies to it
 * (plan_target_of). A million of these at province scale: 24 bytes. */
struct plan_assignment {
	int unit, indicator;
	double value;           /* the target's number */
	uint32_t terms;         /* index into plan.terms: the rest of it */
};

struct plan {
	char *path;             /* as given, for messages */
	char *id, *title, *issuer, *source;
	int year;               /* the first year the plan covers */
	int end_year;           /* its last: year itself unless `years: 2023-2027` */
	double jump_factor;     /* the indicators' default; 0: no check */
	double full_marks;      /* 满分: what the weights of each unit's
				 * indicators add up to; NAN: not declared */
	int full_marks_line, full_marks_col;
	double *unit_weights;   /* by assignment: the weight (分值) a targets:
				 * entry gives the unit, NAN where none does
				 * (the rules' weight for the indicator);
				 * NULL when no entry gives one */
	char *rules_path;       /* the rule file in force at the end of the year
				 * (the schedule's last), resolved against the
				 * plan's directory */
	char *rules_folder;     /* where its rule files must lie (rules_folder,
				 * resolved); NULL: the plan's own folder */
	struct plan_rules *rules; /* the rule schedule, by date: in force from
				   * the year's start, one entry at least */
	size_t nrules;
	struct plan_group *groups;
	size_t ngroups;
	struct plan_unit *units;
	size_t nunits;
	struct plan_indicator *indicators;
	size_t nindicators;
	/* Sorted by unit, then by the indicator's order in the plan; the
	 * assignments of unit u are [unit_first[u], unit_first[u + 1]). */
	struct plan_assignment *assignments;
	size_t nassignments;
	struct plan_terms *terms;
	size_t nterms;
	struct plan_schedule *schedules;
	size_t nschedules;
	struct plan_checkpoints *checkpoints;
	size_t ncheckpoints;
	size_t *unit_first;
	bool needs_last_year;   /* some target grows against last year */
	bool needs_base_year;   /* some yearly average grows from the stored
				 * figures of the year before the plan */
	struct strmap unit_lookup;      /* id and name -> unit index */
	struct strmap indicator_lookup; /* id and name -> indicator index */
	int language;           /* its language: key (enum lang); -1: none */
	char **inputs;          /* the files it read besides itself (its
				 * tables), which its compiled form depends on */
	size_t ninputs;
	void *compiled;         /* loaded from its compiled form (plan_cache.h):
				 * the one block everything above lies in */
};

/* Loads and validates path. 0 on success; on failure d holds a message
 * with file:line:col and, for a typo, the nearest valid name. */
int plan_load(struct plan *plan, const char *path, diag_t *d);
void plan_release(struct plan *plan);

/* Whether the plan covers year; "year 2023" or "years 2023-2027" into buf. */
bool plan_has_year(const struct plan *plan, int year);
const char *plan_years_text(const struct plan *plan, char *buf, size_t size);

/* Whether any indicator flags a figure that jumps (jump_factor). */
bool plan_flags_jumps(const struct plan *plan);

/* Whether the assignment's unit is co-responsible and not scored. */
static inline bool plan_supporting(const struct plan *plan, const struct plan_assignment *a)
{
	return plan->terms[a->terms].supporting;
}

/* Which of an assignment's fields plan_group_assignments groups by. */
enum plan_key { PLAN_BY_UNIT, PLAN_BY_INDICATOR };

/* The assignments v[0..n) grouped by key (every key below nkeys), in
 * their order within each group (a stable counting sort): a new array of
 * their indices into v, group g's at [first[g], first[g + 1]) of the new
 * array *first. */
size_t *plan_group_assignments(const struct plan_assignment *v, size_t n, size_t nkeys,
			       enum plan_key key, size_t **first);

/* The plan's units grouped by their peer group's key (key_of_group[g],
 * below nkeys; NULL: the group itself), in plan order within each: a new
 * array of unit indices, key k's at [first[k], first[k + 1]) of the new
 * array *first. */
size_t *plan_group_units(const struct plan *plan, const size_t *key_of_group, size_t nkeys,
			 size_t **first);

/* The schedule's entry in force on date (yyyymmdd): the last one from
 * that date or before. */
const struct plan_rules *plan_rules_at(const struct plan *plan, int date);

/* Unit or indicator by id or exact name; -1 when there is none. */
int plan_find_unit(const struct plan *plan, const char *id_or_name);
int plan_find_indicator(const struct plan *plan, const char *id_or_name);
/* The assignment index of (unit, indicator), or -1 when the unit is not
 * scored on it. */
long plan_find_assignment(const struct plan *plan, int unit, int indicator);
/* The same in assignments v sorted by unit, then indicator, and indexed by
 * unit_first as plan.assignments are (the plan's, or those being loaded). */
long plan_find_assignment_in(const struct plan_assignment *v, const size_t *unit_first,
			     int unit, int indicator);
/* The unit or indicator ("unit" / "indicator") id or name nearest to a
 * misspelt one, or NULL. */
const char *plan_nearest(const struct plan *plan, const char *what, const char *name);
/* "unknown unit 'x' (did you mean 'y'?)" into d, located at file:line:col. */
int plan_fail_unknown(const struct plan *plan, diag_t *d, const char *file, int line,
		      int col, const char *what, const char *name);

#endif
