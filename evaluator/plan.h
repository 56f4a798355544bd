/* plan: the plan model (who is assessed on what) and its YAML loader. */
#ifndef ASSAY_PLAN_H
#define ASSAY_PLAN_H

#include <stdbool.h>
#include <stddef.h>

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
};

struct plan_indicator {
	char *id, *name;
	char *measure, *source, *note; /* "" when not given */
	enum indicator_kind kind;
	bool lower_is_better;
};

/* "amount", "count", "rate", "share", "level". */
const char *indicator_kind_name(enum indicator_kind kind);
/* Whether figures accumulate, so that progress is judged against time. */
bool indicator_accumulates(enum indicator_kind kind);

/* One unit scored on one indicator, with the target that applies to it. */
struct plan_assignment {
	int unit, indicator;
	double target;
};

struct plan {
	char *path;             /* as given, for messages */
	char *id, *title, *issuer, *source;
	int year;
	char *rules_path;       /* resolved against the plan's directory */
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
	size_t *unit_first;
	struct strmap unit_lookup;      /* id and name -> unit index */
	struct strmap indicator_lookup; /* id and name -> indicator index */
};

/* Loads and validates path. 0 on success; on failure d holds a message
 * with file:line:col and, for a typo, the nearest valid name. */
int plan_load(struct plan *plan, const char *path, diag_t *d);
void plan_release(struct plan *plan);

/* Unit or indicator by id or exact name; -1 when there is none. */
int plan_find_unit(const struct plan *plan, const char *id_or_name);
int plan_find_indicator(const struct plan *plan, const char *id_or_name);
/* The assignment index of (unit, indicator), or -1 when the unit is not
 * scored on it. */
long plan_find_assignment(const struct plan *plan, int unit, int indicator);
/* "unknown unit 'x' (did you mean 'y'?)" into d, located at file:line:col. */
int plan_fail_unknown(const struct plan *plan, diag_t *d, const char *file, int line,
		      int col, const char *what, const char *name);

#endif
