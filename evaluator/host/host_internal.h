/* host_internal: what the host's files share (host.h is what the rest of
 * assay sees). The host is split by concern:
 *
 *   host_limits.c   instructions, memory and time; library calls charged
 *   host_sandbox.c  the rules' environment, loading Lua source, require
 *   host_views.c    read-only views; the rules' raw access through them
 *   host_freeze.c   what the rule file made, read-only once it has loaded
 *   host_declare.c  what rule files declare: rule tables, weights, params, lights,
 *                   verdict lines
 *   host_resolve.c  which rule answers for which indicator; its origin
 *   host_item.c     asking the rules about an item; checking their answers
 *   host_card.c     asking the rules about a unit's card: total, verdicts
 *   host_open.c     opening a host on a rule file, and closing it */
#ifndef ASSAY_HOST_INTERNAL_H
#define ASSAY_HOST_INTERNAL_H

#include <lua.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host.h"
#include "sbuf.h"
#include "scorecard.h"
#include "std_core.h"
#include "trace.h"

enum rule_kind { RULE_COMPLETION, RULE_SCORE, RULE_LIGHT, RULE_DERIVE, RULE_KINDS };
/* "completion", "score", "light", "derive": the rule tables' names. */
extern const char *const rule_kind_names[RULE_KINDS];

/* A unit's total as the standard library's rules give it, in C. */
enum native_total {
	TOTAL_IN_LUA,           /* another rule */
	TOTAL_SUM,              /* std.sum */
	TOTAL_WEIGHTED_SHARE,   /* std.weighted_share */
};

/* An indicator whose rules are std.completion, std.ratio {} and
 * std.time_progress {}: scored in C, without a call into Lua. */
struct native_rules {
	bool on;
	struct std_ratio ratio;
	struct std_time_progress light;
};

struct host {
	lua_State *L;
	const struct plan *plan;
	struct host_limits limits;
	char *rules_path;       /* the rule file: the plan's, or another to try */
	char *rules_dir;
	char **sources;         /* every Lua file loaded, in the order loaded */
	size_t nsources;

	/* Limits: what the running call has used, and why it is being stopped. */
	size_t memory_used;
	uint64_t executed;
	const char *kill;       /* NULL while the call may go on */
	char where[256];        /* "file:line" last seen by the hook, or "" */
	volatile sig_atomic_t timed_out; /* set by the watchdog */
	volatile sig_atomic_t call_started; /* the watchdog's tick when the call began */
	volatile sig_atomic_t timed_out_at; /* and when it timed out */
	char last_words[1024];  /* what the watchdog prints if it must end assay */
	volatile sig_atomic_t call_ticks; /* the ticks the call may run */
	bool run_binds;         /* the run's time budget, not the call's limit,
				 * sets call_ticks */

	/* The run's budget: what its calls have used, and why it is spent. */
	uint64_t run_ns;        /* time inside calls into the rules */
	size_t run_text;        /* bytes of reasons and messages kept */
	struct sbuf spent;      /* empty while the budget lasts */

	int env_ref;            /* the rules' global table */
	int item_ref;           /* the `it` table, reused for every item */
	int item_view_ref;      /* the read-only view of it the rules get */
	int card_meta_ref;      /* every card's metatable: items on first reading */
	const void *card_table; /* the card of the card job under way; NULL: none */
	/* What every card shares, read-only, made on first need (0: not yet):
	 * the function refusing writes to a card, card.adjustments when it has
	 * none, and card.lights for the lights card_lights. */
	int card_refuse_ref, card_no_adjustments_ref, card_lights_ref;
	struct light_set card_lights;
	int proxy_ref[RULE_KINDS];  /* the score/completion/light tables rules fill */
	int hidden_ref[RULE_KINDS]; /* what was assigned into them */
	int weights_ref;        /* what `weights { ... }` declared */
	int assigned_ref;       /* new globals the rules set -> "file:line: " */
	struct sbuf warnings;   /* for assay check, a line each */
	struct host_param *params; /* what `params { ... }` declared */
	size_t nparams;
	bool params_declared;
	const struct param_override *overrides;
	size_t noverrides;
	const struct plan_rules *schedule; /* the plan's entry whose parameter
					    * values apply; NULL: none */
	struct trace *trace;    /* explain: where the steps go; NULL: none */
	char weights_where[256]; /* "rules/x.lua:7: " where weights { } was called */

	int *rule_fn[RULE_KINDS];   /* per indicator: registry ref of its rule */
	const char **rule_key[RULE_KINDS]; /* per indicator: the key its rule came from
				     * ("default", an id, "tasks"; "" for all,
				     * NULL for the standard library's) */
	double *weights;            /* per indicator; NAN when none */
	struct light_set lights;    /* lights { ... }; default green, yellow, red */
	bool lights_declared;
	struct verdict_lines lines; /* verdict_lines { ... }; NAN: none */
	bool lines_declared;
	struct native_rules *native; /* per indicator: its rules when all are C */
	int total_fn, commend_fn, red_light_fn, veto_fn, adjust_fn; /* LUA_NOREF: none */
	enum native_total native_total; /* the total's rule, when it is std's */

	/* Once the rule file has loaded (host_freeze.c): what rules change is
	 * undone when each call ends. */
	bool frozen;
	int *tracked;           /* upvalues a rule may assign: their indexes; */
	size_t ntracked;
	int tracked_ref;        /* their functions and values at the load's end */

	/* The job of the protected call under way. */
	struct board *board;
	struct item *item;
	struct card *card;
	int unit;
	const struct item *const *inputs; /* derive: the items computed from */
	size_t ninputs;
};

/* The host of a Lua state: the allocator's user data. */
static inline struct host *host_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

/* The longest reason or error message kept from a rule, in bytes; a
 * longer one is cut, and marked "…(cut at 4096 bytes)". */
#define HOST_MAX_TEXT 4096

/* host_limits.c */
void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void watchdog_install(void);
void charge_string_library(lua_State *L);
void charge_table_library(lua_State *L);
int protected_run(struct host *h, lua_CFunction fn, const char *context, struct sbuf *out);
/* Notes that the run's budget is spent, by the call whose message is
 * `message`: every later call fails with it. */
void spend(struct host *h, const struct sbuf *message);

/* host_sandbox.c */
int setup_environment(lua_State *L);
void load_source(lua_State *L, struct host *h, const char *path);
void note_assignment(lua_State *L, int key, bool listed);

/* host_views.c */
/* Pushes the __newindex of read-only views: "name.key: why", or, without
 * a name, "cannot set 'key': why". */
void push_refuse(lua_State *L, const char *name, const char *why);
/* Pushes a read-only view of the table at target, refusing writes with
 * the function at refuse. */
void push_view(lua_State *L, int target, int refuse);
/* Makes the table at idx a read-only view of its own contents, in place
 * (it keeps its identity; its metatable's behaviour is kept). */
void freeze_table(lua_State *L, int idx, int refuse);
/* Pushes the table whose contents the table at idx shows: its target when
 * it is a view, else itself; true for a view. For raw access from C. */
bool push_contents(lua_State *L, int idx);
bool is_view(lua_State *L, int idx);
/* Sets the rules' raw access in the table at env: rawget, rawset, rawlen,
 * next, getmetatable, setmetatable, which see through views. */
void set_raw_access(lua_State *L, int env);

/* host_freeze.c */
/* Makes the module at idx (what require returned) read-only, with what it
 * holds; name is its name, for messages. */
void freeze_module(lua_State *L, int idx, const char *name);
/* Once the rule file has loaded: everything it made read-only, the
 * globals a view whose writes last for a call, the upvalues rules may
 * assign tracked. */
void freeze_rules(lua_State *L, struct host *h);
/* After each call into a rule: its globals forgotten, the rule file's
 * locals it assigned given back their values. */
void call_done(lua_State *L, struct host *h);

/* host_declare.c */
void declare_in_environment(lua_State *L, struct host *h);
void check_rule_key(lua_State *L, const char *table, int key, bool allow_reserved);
void check_overrides(lua_State *L, struct host *h);

/* host_resolve.c */
void resolve_rules(lua_State *L, struct host *h);

/* host_item.c */
/* Appends s[0..len), cut to HOST_MAX_TEXT bytes at a character's start. */
void add_cut(struct sbuf *out, const char *s, size_t len);
/* Keeps a text a rule returned (a reason) on the board, cut to
 * HOST_MAX_TEXT bytes and counted against the run's memory budget: when
 * it is spent, raises the error that says so, naming the rule at fn. */
text_ref keep_text(lua_State *L, struct board *b, int fn, const char *s, size_t len);
/* Keeps an error message on the board, counted against the budget. */
text_ref keep_error(struct host *h, struct board *b, const struct sbuf *message);
void set_number(lua_State *L, const char *key, double v);
void set_string(lua_State *L, const char *key, const char *v);
void set_integer(lua_State *L, const char *key, long v);
void set_bool(lua_State *L, const char *key, bool v);
int call_rule(lua_State *L, int ref, int arg, int nres);
double number_result(lua_State *L, int fn, int idx, const char *stage, bool allow_nil);
text_ref reason_result(lua_State *L, struct board *b, int fn, int idx, const char *stage);
void enter_rule(struct host *h, int unit, long item, const char *stage);
/* Whether explain traces the unit: its rules then run in Lua, which notes
 * their steps, where the other units' are computed in C when they can be. */
bool host_traces(const struct host *h, int unit);
/* "rules/x.lua:12" for the function at idx, for results that are wrong. */
void function_where(lua_State *L, int idx, char *buf, size_t size);

/* host_card.c */
void push_card_metatable(lua_State *L);

#endif
