/* host: the Lua sandbox that runs a plan's rule file. One host is one Lua
 * state with its own limits; it knows nothing of SQLite. */
#ifndef ASSAY_HOST_H
#define ASSAY_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "plan.h"
#include "scorecard.h"
#include "trace.h"

struct host_limits {
	uint64_t max_instructions;  /* per call into the rules */
	size_t max_memory;          /* bytes, for the whole Lua state */
	unsigned max_seconds;       /* wall clock per call into the rules; 0: none */
	/* The budget of a run (every call into one host): */
	unsigned max_run_seconds;   /* time inside the rules in all; 0: none */
	size_t max_run_memory;      /* bytes of the reasons and error messages
				     * kept from the rules; 0: none */
};

#define HOST_DEFAULT_INSTRUCTIONS 100000000ULL
#define HOST_DEFAULT_MEMORY (256u << 20)
#define HOST_DEFAULT_SECONDS 5u
#define HOST_DEFAULT_RUN_SECONDS 600u
#define HOST_DEFAULT_RUN_MEMORY ((size_t)1024 << 20)
#define HOST_DEFAULT_LIMITS                                                   \
	{HOST_DEFAULT_INSTRUCTIONS, HOST_DEFAULT_MEMORY, HOST_DEFAULT_SECONDS, \
	 HOST_DEFAULT_RUN_SECONDS, HOST_DEFAULT_RUN_MEMORY}

struct host;

/* Builds the sandbox and runs the plan's rule file in it (the one in force
 * at the end of the year, with the parameter values the plan gives it):
 * the rules are compiled, their names checked against the plan, and
 * every indicator the plan scores must have a weight and rules. 0 on
 * success. */
int host_open(struct host **out, const struct plan *plan, const struct host_limits *limits,
	      diag_t *d);
/* The same with the rules in force at the period's end, by the plan's
 * rule schedule: what scoring the period runs. */
int host_open_for(struct host **out, const struct plan *plan, const struct period *period,
		  const struct host_limits *limits, diag_t *d);
/* A value given for a rule parameter (--param NAME=VALUE). */
struct param_override {
	const char *name;
	double value;
	const char *place;      /* where it is given, "x.tests.yaml:7:9: params.";
				 * NULL: on the command line (--param) */
};

/* How to open a host beyond the plan: which entry of the plan's rule
 * schedule, or another rule file (what-if), and values for the rules'
 * parameters (which come before the plan's). */
struct host_setup {
	const char *rules_path;         /* NULL: the plan's */
	const struct plan_rules *rules; /* the plan's entry (when rules_path is
					 * NULL); NULL: the year's last */
	struct host_limits limits;
	const struct param_override *overrides;
	size_t noverrides;
	struct trace *trace;            /* explain: note the steps of its unit's
					 * rules there, run through Lua; NULL:
					 * none. Other units' standard library
					 * rules run in C where they can. */
};

/* A parameter the rule file declared with params { ... }. */
struct host_param {
	char *name, *about;
	double value, dflt, min, max;   /* min/max: -inf/+inf when not given */
};

/* The same as setup says. */
int host_open_setup(struct host **out, const struct plan *plan, const struct host_setup *setup,
		    diag_t *d);
/* Which rule gave an item's `rule` ("completion", "score", "light",
 * "derive") or a unit's ("total", "commend", "red_light", "veto",
 * "adjust"; indicator ignored), and where the rule file set it:
 * "score.default at rules/x.lua:77". out is reset. */
void host_rule_origin(const struct host *h, const char *rule, int indicator, struct sbuf *out);
/* The same in parts, for JSON. */
struct rule_origin {
	char name[160];         /* "score.default", "light", "total" */
	char at[256];           /* "rules/x.lua:77"; "" when not noted */
	bool library_default;   /* the rule file set none: the standard library's */
	bool for_all;           /* one function for every indicator (light = f) */
	bool unset;             /* a unit's rule the rules do not have (commend) */
};
void host_rule_where(const struct host *h, const char *rule, int indicator,
		     struct rule_origin *o);
/* What the rule file does that Lua accepts but is most likely a mistake,
 * "rules/x.lua:12: warning: ...", a line each; "" when nothing. */
const char *host_warnings(const struct host *h);
/* The rule file the host runs. */
const char *host_rules_path(const struct host *h);
/* "rules/x.lua:7: " where the rules called weights { ... }, or "". */
const char *host_weights_where(const struct host *h);
/* The lights the rules judge with, best first (lights { ... }). */
const struct light_set *host_lights(const struct host *h);
/* The totals the rules commend at and give a red light at, for charts:
 * as they declare them (verdict_lines { ... }), else std.commend's total;
 * NAN where neither says. */
struct verdict_lines host_verdict_lines(const struct host *h);

/* A rule the standard library made (std.ratio { cap = 1.2 }), as
 * registered when it was made: its name, where the rule file made it and
 * its options that are numbers (booleans as 1 or 0). */
#define MADE_MAX_OPTIONS 8
struct made_rule {
	char name[64];          /* "std.ratio" */
	char at[256];           /* "rules/x.lua:12"; "" when unknown */
	size_t noptions;
	struct {
		char key[32];
		double value;
	} options[MADE_MAX_OPTIONS];
};
/* Whether the rule (as for host_rule_origin) is one the standard library
 * made; fills *m. */
bool host_rule_made(const struct host *h, const char *rule, int indicator, struct made_rule *m);
/* The option `key` of a made rule, or dflt when it has none. */
double made_option(const struct made_rule *m, const char *key, double dflt);

/* The parameters the rules declared, by name. */
const struct host_param *host_params(const struct host *h, size_t *n);
/* Every Lua file the rules loaded so far: the rule file, then each module
 * `require` found (the standard library among them), in the order loaded. */
const char *const *host_sources(const struct host *h, size_t *n);
void host_close(struct host *h);
/* Brackets a pass of many calls into the rules (scoring every unit): the
 * time limit's timer then runs through the pass instead of being set and
 * cleared for each call. */
void host_pass_begin(struct host *h);
void host_pass_end(struct host *h);

/* Why the run's budget is spent (the message of the call that spent it,
 * with its place, unit and indicator), or NULL while it is not: every
 * later call then fails at once, and scoring stops. */
const char *host_spent(const struct host *h);

/* The weight the rules give an indicator. */
double host_weight(const struct host *h, int indicator);

/* Asks the rules about one item (unit, indicator, actual, target, weight
 * already in *item) for board's period: completion, score, light, reason.
 * A failing rule leaves its message in item->error and returns -1. */
int host_score_item(struct host *h, struct board *b, int unit, struct item *item);
/* Computes a derived item's actual from its inputs (derive.<id>); nil
 * from the rule leaves it not reported. -1 with item->error on failure. */
int host_derive(struct host *h, struct board *b, int unit, struct item *item,
		const struct item *const *inputs, size_t ninputs);
/* The unit's total (the rule 'total'); -1 with card->error on failure. */
int host_total(struct host *h, struct board *b, struct card *card);
/* Commendation and red light for a ranked card; -1 with card->error. */
int host_verdict(struct host *h, struct board *b, struct card *card);

#endif
