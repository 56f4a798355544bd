/* plan_load: what the files of the plan loader share (plan_load.c,
 * plan_load_indicators.c, plan_load_assignments.c), and no other file:
 * the loader's state, the assignments while they are read, and the
 * helpers that read a node of the YAML document or fail at it. */
#ifndef ASSAY_PLAN_LOAD_H
#define ASSAY_PLAN_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "lang.h"
#include "plan.h"
#include "strmap.h"
#include "yaml_doc.h"

/* What the loader needs at hand while walking the document. */
struct loader {
	struct plan *plan;
	const char *path;
	diag_t *d;
	uint32_t *recent_terms; /* by indicator: its latest in plan.terms */
	int *listed_for;        /* by unit: 1 + the indicator that listed it last */
	struct strmap group_lookup; /* group id and name -> index */
	size_t terms_cap;
};

#define NO_TERMS UINT32_MAX

/* An indicator whose units are 'all': every unit gets the same
 * assignment, made only when the list is indexed. */
struct every_unit {
	bool on;
	struct plan_target target;
	bool has_target;
	bool lead_only;         /* the first unit scored, the others supporting */
};

/* The assignments while the plan is read, each with whether it has a
 * target yet; indexed by unit (sorted, with plan.unit_first) once every
 * indicator is read. The assignments then become the plan's as they are:
 * at province scale they are a million, and every copy of them costs. */
struct assignment_list {
	struct plan_assignment *v;
	bool *has_target;
	double *weights;        /* by assignment, NAN: none; NULL until a
				 * targets: entry gives a weight */
	size_t n, cap;
	struct every_unit *every; /* by indicator; NULL until one has 'all' */
};

/* An array and its length, for check_keys and read_choice. */
#define NAMES(a) a, sizeof a / sizeof *a

/* Reading nodes (plan_load.c): each fails with d set to file:line:col and
 * returns -1, or returns 0. The message is in the reader's language: a
 * what or where that describes the node ("a unit") is marked where it is
 * written with NC_("plan", ...) and translated here; a key ("groups")
 * stays as the plan writes it. */
int fail_node(struct loader *l, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int want_kind(struct loader *l, const struct ynode *n, enum ynode_kind kind, const char *what);
int check_keys(struct loader *l, const struct ynode *map, const char *const *allowed,
	       size_t nallowed, const char *where);
int require_key(struct loader *l, const struct ynode *map, const char *key, const char *where,
		const struct ynode **out);
int read_text(struct loader *l, const struct ynode *n, const char *key, char **out);
int read_optional_text(struct loader *l, const struct ynode *map, const char *key, char **out);
int read_id(struct loader *l, const struct ynode *n, const char *key, char **out);
int read_number(struct loader *l, const struct ynode *n, const char *key, double *out);
int read_optional_number(struct loader *l, const struct ynode *map, const char *key,
			 double dflt, double *out);
int read_choice(struct loader *l, const struct ynode *map, const char *key,
		const char *const *names, size_t n, int dflt, int *out);
int read_bool(struct loader *l, const struct ynode *map, const char *key, bool dflt, bool *out);
int read_plan_path(struct loader *l, const struct ynode *n, const char *key, char **out);
int register_name(struct loader *l, struct strmap *map, const struct ynode *n,
		  const char *name, int index, const char *what);
bool is_year(double y);
/* A unit or indicator the node names: its index, or -1 with d set. */
int resolve_unit(struct loader *l, const struct ynode *n);
int resolve_indicator(struct loader *l, const struct ynode *n);

/* The group a text names (id or name): its index, or -1 with d set at
 * file:line:col, the nearest group suggested (plan_load.c). */
int find_group_at(struct loader *l, const char *text, const char *file, int line, int col);

/* units_table: the plan's units from a CSV (units_table.c). */
int load_units_table(struct loader *l, const struct ynode *n);

/* Indicators and their targets (plan_load_indicators.c). */
int load_indicators(struct loader *l, const struct ynode *seq, struct assignment_list *a);
int read_target(struct loader *l, const struct ynode *n, const struct plan_indicator *ind,
		struct plan_target *t);
struct plan_target plain_target(const struct plan_indicator *ind);
int read_schedule(struct loader *l, const struct ynode *n, int *index);

/* The assignments (plan_load_assignments.c). */
void assignment_push(struct loader *l, struct assignment_list *a, int unit, int indicator,
		     bool has_target, const struct plan_target *target, bool supporting);
void assign_every_unit(struct assignment_list *a, const struct plan *p, int indicator,
		       const struct every_unit *e);
void index_assignments(struct loader *l, struct assignment_list *a);
int load_targets_table(struct loader *l, const struct ynode *n, struct assignment_list *a);
int load_weights_table(struct loader *l, const struct ynode *n, struct assignment_list *a);
int load_targets(struct loader *l, const struct ynode *seq, struct assignment_list *a);
int finish_assignments(struct loader *l, struct assignment_list *a,
		       const struct ynode *indicators);
void assignment_list_release(struct assignment_list *a);

#endif
