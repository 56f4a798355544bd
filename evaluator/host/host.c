/* The Lua sandbox. Rules are untrusted code: they get an environment of
 * their own with only safe functions, an instruction limit (a count hook),
 * a memory limit (the allocator) and a time limit (a watchdog timer), and
 * every call into them is a protected call whose failure is reported with
 * the unit and indicator being scored. */
#include "host.h"

#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "mem.h"
#include "names.h"
#include "numbers.h"
#include "path.h"
#include "plan_target.h"
#include "sbuf.h"
#include "std_lua.h"
#include "trace_lua.h"

#ifndef ASSAY_RULES_LIB
#define ASSAY_RULES_LIB "/usr/local/share/assay/rules/lib"
#endif

/* The count hook runs every HOOK_EVERY instructions. */
#define HOOK_EVERY 1000

enum rule_kind { RULE_COMPLETION, RULE_SCORE, RULE_LIGHT, RULE_DERIVE, RULE_KINDS };
static const char *const rule_kind_names[RULE_KINDS] = {"completion", "score", "light",
							"derive"};
/* What a task falls back on when the rules name neither it nor "tasks":
 * std.completion, and the rules std.task {} and std.task_light {} make. */
static const char *const task_defaults[RULE_KINDS] = {"completion", "task", "task_light", NULL};

/* A unit's total as the standard library's rules give it, in C. */
enum native_total {
	TOTAL_IN_LUA,           /* another rule, or a host that traces */
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

	int env_ref;            /* the rules' global table */
	int item_ref;           /* the `it` table, reused for every item */
	int card_meta_ref;      /* every card's metatable: items on first reading */
	const void *card_table; /* the card of the card job under way; NULL: none */
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
	struct native_rules *native; /* per indicator: its rules when all are C */
	int total_fn, commend_fn, red_light_fn, veto_fn, adjust_fn; /* LUA_NOREF: none */
	enum native_total native_total; /* the total's rule, when it is std's */

	/* The job of the protected call under way. */
	struct board *board;
	struct item *item;
	struct card *card;
	int unit;
	const struct item *const *inputs; /* derive: the items computed from */
	size_t ninputs;
};

static struct host *host_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

/* ---- limits ------------------------------------------------------------ */

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct host *h = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		free(ptr);
		h->memory_used -= old;
		return NULL;
	}
	if (nsize > old && h->memory_used - old + nsize > h->limits.max_memory) {
		if (h->L && !h->kill) {
			h->kill = "memory";
			/* stop the rule at its next instruction, even inside its own pcall */
			lua_sethook(h->L, lua_gethook(h->L), LUA_MASKCOUNT, 1);
		}
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (p)
		h->memory_used = h->memory_used - old + nsize;
	return p;
}

static void note_where(struct host *h, lua_State *L, lua_Debug *ar)
{
	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
		snprintf(h->where, sizeof h->where, "%s:%d", ar->short_src, ar->currentline);
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* Stops the running call: from now on every instruction fails, so the
 * rule's own pcall cannot swallow the kill. */
static int kill_call(lua_State *L, struct host *h, const char *why)
{
	if (!h->kill) {
		h->kill = why;
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
	}
	lua_pushstring(L, "stopped by assay");
	return lua_error(L);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct host *h = host_of(L);
	if (h->kill)
		kill_call(L, h, h->kill);
	note_where(h, L, ar);
	if (h->timed_out)
		kill_call(L, h, "time");
	h->executed += HOOK_EVERY;
	if (h->executed > h->limits.max_instructions)
		kill_call(L, h, "instructions");
}

/* Counts n instructions' worth of work a library function is about to do
 * in one C call, and stops the call when that is over the limit. */
static void charge(lua_State *L, struct host *h, lua_Unsigned n)
{
	if (h->executed >= h->limits.max_instructions || n > h->limits.max_instructions - h->executed)
		kill_call(L, h, "instructions");
	h->executed += n;
}

/* The watchdog. A C library call (a pattern match that backtracks for
 * ages) runs as one instruction, so neither the count hook nor the
 * instruction limit can stop it. A wall-clock timer (SIGALRM) ticking
 * while calls into the rules run does: when a call has run longer than
 * the limit, the tick sets the hook to run at the very next instruction,
 * which stops Lua code at once and a slow C call as soon as it returns. If
 * the call is still running a grace second later, nothing inside the
 * process can stop it safely, so the tick prints the message prepared for
 * it (write(2) only) and ends assay with exit code 1. Scoring writes
 * nothing, so nothing is lost but the scorecards. One call into the rules
 * runs at a time, so one watched host is enough.
 *
 * The timer ticks ten times a second, so a call is stopped within a tenth
 * of a second after its limit. It is set for a single call, or kept
 * running over a whole pass of calls (host_pass_begin), which spares two
 * system calls per call when a province's units are scored. */
#define WATCHDOG_GRACE_SECONDS 1
#define WATCHDOG_TICKS_PER_SECOND 10

static struct host *volatile watched;
static volatile sig_atomic_t watchdog_ticks;
static bool watchdog_ticking;   /* the timer is set */
static bool watchdog_in_pass;   /* and stays set between calls */

static void say(const char *s, size_t n)
{
	ssize_t ignored = write(STDERR_FILENO, s, n);
	(void)ignored;
}

/* "assay: file:line: time limit exceeded ... (unit, indicator)", with
 * write(2) alone: the handler may have interrupted anything. */
static void last_words(struct host *h)
{
	size_t where = strnlen(h->where, sizeof h->where - 1);
	say("assay: ", 7);
	say(h->where, where);
	const char *rest = where ? h->last_words : h->last_words + 2; /* no ": " */
	say(rest, strlen(rest));
}

static void watchdog_fired(int sig)
{
	(void)sig;
	sig_atomic_t now = ++watchdog_ticks;
	struct host *h = watched;
	if (!h)
		return;
	if (h->timed_out) {
		if (now - h->timed_out_at >= WATCHDOG_GRACE_SECONDS * WATCHDOG_TICKS_PER_SECOND) {
			last_words(h);
			_exit(1);
		}
		return;
	}
	if (now - h->call_started > (sig_atomic_t)h->limits.max_seconds * WATCHDOG_TICKS_PER_SECOND) {
		h->timed_out_at = now;
		h->timed_out = 1;
		lua_sethook(h->L, count_hook, LUA_MASKCOUNT, 1); /* safe in a signal handler */
	}
}

static void watchdog_install(void)
{
	static bool installed;
	if (installed)
		return;
	installed = true;
	struct sigaction sa = {0};
	sa.sa_handler = watchdog_fired;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
}

static void watchdog_tick(bool on)
{
	if (watchdog_ticking == on)
		return;
	struct timeval every = {0, on ? 1000000 / WATCHDOG_TICKS_PER_SECOND : 0};
	struct itimerval t = {every, every};
	setitimer(ITIMER_REAL, &t, NULL);
	watchdog_ticking = on;
}

/* Arms the watchdog for one call, with its last words ready. */
static void watchdog_arm(struct host *h, const char *context)
{
	if (!h->limits.max_seconds)
		return;
	bool named = context && *context;
	snprintf(h->last_words, sizeof h->last_words,
		 ": time limit exceeded (%u s) inside a library call that cannot be interrupted "
		 "(a pathological string pattern?): assay stopped%s%s%s\n", h->limits.max_seconds,
		 named ? " (" : "", named ? context : "", named ? ")" : "");
	h->timed_out = 0;
	h->call_started = watchdog_ticks;
	watched = h;
	watchdog_tick(true);
}

static void watchdog_disarm(void)
{
	watched = NULL;
	if (!watchdog_in_pass)
		watchdog_tick(false);
}

void host_pass_begin(struct host *h)
{
	(void)h;
	watchdog_in_pass = true;
}

void host_pass_end(struct host *h)
{
	(void)h;
	watchdog_in_pass = false;
	watchdog_tick(false);
}

/* Gets ready for a fresh call into the rules. */
static void limits_reset(struct host *h)
{
	bool after_memory = h->kill && strcmp(h->kill, "memory") == 0;
	h->kill = NULL;
	h->timed_out = 0;
	h->executed = 0;
	h->where[0] = '\0';
	lua_sethook(h->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	if (after_memory)
		lua_gc(h->L, LUA_GCCOLLECT);
}

/* ---- library calls the count hook cannot see into ---------------------- */

/* string.rep, table.move and table.concat loop in C over a range the rule
 * chooses (string.rep("", 1e15) spins for days without allocating): they
 * are charged that range in instructions before they run. Pattern
 * matching cannot be priced in advance; its wrapper notes the caller's
 * line, for the watchdog's message. */
enum cost { COST_NONE, COST_REP, COST_MOVE, COST_CONCAT };

static lua_Unsigned int_arg(lua_State *L, int idx, lua_Integer dflt, bool *ok)
{
	int isnum = 1;
	lua_Integer v = lua_isnoneornil(L, idx) ? dflt : lua_tointegerx(L, idx, &isnum);
	*ok = *ok && isnum;
	return (lua_Unsigned)v;
}

/* The number of items the wrapped call will loop over (0 when its
 * arguments are wrong: the function itself then says why). */
static lua_Unsigned cost_of(lua_State *L, enum cost cost)
{
	bool ok = true;
	lua_Unsigned first, last;
	switch (cost) {
	case COST_REP:
		last = int_arg(L, 2, 0, &ok);
		return ok && (lua_Integer)last > 0 ? last : 0;
	case COST_MOVE:
		first = int_arg(L, 2, 1, &ok);
		last = int_arg(L, 3, 0, &ok);
		break;
	case COST_CONCAT:
		first = int_arg(L, 3, 1, &ok);
		last = int_arg(L, 4, lua_istable(L, 1) ? (lua_Integer)lua_rawlen(L, 1) : 0, &ok);
		break;
	case COST_NONE:
	default:
		return 0;
	}
	return ok && (lua_Integer)last >= (lua_Integer)first ? last - first + 1 : 0;
}

/* A library function with its cost charged; upvalues: the function, its
 * cost. Calls it in this same frame, so that its errors still name the
 * rule's line and the function as the rule called it. */
static int charged_call(lua_State *L)
{
	struct host *h = host_of(L);
	lua_CFunction real = lua_tocfunction(L, lua_upvalueindex(1));
	enum cost cost = (enum cost)lua_tointeger(L, lua_upvalueindex(2));
	lua_Debug ar;
	for (int level = 1; lua_getstack(L, level, &ar); level++) { /* the nearest Lua caller */
		note_where(h, L, &ar);
		if (ar.currentline > 0)
			break;
	}
	charge(L, h, cost_of(L, cost));
	return real(L);
}

/* Replaces lib[name] (lib on top of the stack) by its charged wrapper. */
static void charge_function(lua_State *L, const char *name, enum cost cost)
{
	lua_getfield(L, -1, name);            /* lib, f */
	lua_pushinteger(L, cost);
	lua_pushcclosure(L, charged_call, 2); /* lib, wrapper */
	lua_setfield(L, -2, name);
}

static void charge_string_library(lua_State *L)
{
	static const char *const patterns[] = {"find", "match", "gmatch", "gsub", NULL};
	charge_function(L, "rep", COST_REP);
	for (const char *const *name = patterns; *name; name++)
		charge_function(L, *name, COST_NONE);
}

static void charge_table_library(lua_State *L)
{
	charge_function(L, "move", COST_MOVE);
	charge_function(L, "concat", COST_CONCAT);
}

/* setmetatable without __gc: the collector runs finalizers with hooks
 * off, where no limit could stop a loop. */
static int sandbox_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "__gc finalizers are not available in rules");
		lua_pop(L, 1);
	}
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* ---- the sandbox ------------------------------------------------------- */

static int not_available(lua_State *L)
{
	const char *name = lua_tostring(L, lua_upvalueindex(1));
	return luaL_error(L, "%s is not available in rules", name);
}

/* A field of a removed library (io.open, os.execute). */
static int stub_index(lua_State *L)
{
	const char *lib = lua_tostring(L, lua_upvalueindex(1));
	const char *field = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
	return luaL_error(L, "%s.%s is not available in rules", lib, field);
}

/* Sets a metatable on the table on top of the stack: reads go to the
 * value at `index` (a table or a function), writes raise the error of
 * `set` (a C function given `name`), and getmetatable hides it all. */
static void guard_table(lua_State *L, int index, lua_CFunction set, const char *name)
{
	index = lua_absindex(L, index);
	lua_newtable(L);                      /* t, mt */
	lua_pushvalue(L, index);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, name);
	lua_pushcclosure(L, set, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);              /* t */
}

/* Pushes a stand-in for a removed library: any use of it says so. */
static void push_stub_library(lua_State *L, const char *name)
{
	lua_pushstring(L, name);
	lua_pushcclosure(L, stub_index, 1);   /* index */
	lua_newtable(L);                      /* index, stub */
	guard_table(L, -2, stub_index, name);
	lua_remove(L, -2);                    /* stub */
}

static void set_not_available(lua_State *L, int table, const char *field, const char *name)
{
	table = lua_absindex(L, table);
	lua_pushstring(L, name);
	lua_pushcclosure(L, not_available, 1);
	lua_setfield(L, table, field);
}

/* Collects the string keys of the table at idx (caller frees the array). */
static const char **table_keys(lua_State *L, int idx, size_t *n)
{
	size_t cap = 16;
	const char **keys = xmalloc(cap * sizeof *keys);
	*n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		if (*n == cap)
			keys = xrealloc(keys, (cap *= 2) * sizeof *keys);
		keys[(*n)++] = lua_tostring(L, -1);
	}
	return keys;
}

/* Raises "undefined name 'x' (did you mean 'y'?)" for table t and key k. */
static int undefined_name(lua_State *L, const char *what)
{
	const char *name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
	size_t n;
	const char **keys = table_keys(L, 1, &n);
	const char *near = nearest_name(name, keys, n);
	char hint[128] = "";
	if (near)
		snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
	free(keys);
	return luaL_error(L, "undefined %s '%s'%s", what, name, hint);
}

static int env_index(lua_State *L)
{
	return undefined_name(L, "name");
}

/* __newindex of the rules' globals: keeps where each new global was first
 * set ("rules/x.lua:12: "), so that assay check can point at a misspelt
 * rule name such as 'comend', and explain at the line of a rule. */
/* Notes where `key` was first set (noted[key] = "file:line: "); a global is
 * also listed in order (noted[n] = key) for the warnings of assay check. */
static void note_assignment(lua_State *L, int key, bool listed)
{
	struct host *h = host_of(L);
	if (h->assigned_ref == LUA_NOREF)
		return;
	key = lua_absindex(L, key);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->assigned_ref);  /* noted */
	lua_pushvalue(L, key);
	if (lua_rawget(L, -2) == LUA_TNIL) {
		lua_pushvalue(L, key);
		luaL_where(L, 1);
		lua_rawset(L, -4);
		if (listed) {
			lua_pushvalue(L, key);
			lua_rawseti(L, -3, (lua_Integer)lua_rawlen(L, -3) + 1);
		}
	}
	lua_pop(L, 2);
}

static int env_newindex(lua_State *L)
{
	lua_settop(L, 3);                          /* env, key, value */
	if (lua_type(L, 2) == LUA_TSTRING)
		note_assignment(L, 2, true);
	lua_rawset(L, 1);
	return 0;
}

/* Opens one standard library and removes what rules must not reach. */
static void open_library(lua_State *L, const char *name, lua_CFunction open,
			 const char *const *denied)
{
	luaL_requiref(L, name, open, 0);      /* lib */
	for (; denied && *denied; denied++) {
		char full[64];
		snprintf(full, sizeof full, "%s.%s", name, *denied);
		set_not_available(L, -1, *denied, full);
	}
}

static int sandbox_require(lua_State *L);

static int read_only_set(lua_State *L)
{
	const char *lib = lua_tostring(L, lua_upvalueindex(1));
	const char *field = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
	return luaL_error(L, "%s.%s: the standard libraries are read-only in rules", lib, field);
}

/* Replaces the library on top of the stack by a read-only view of it, so
 * that no rule can change what another rule or the standard library sees. */
static void make_read_only(lua_State *L, const char *name)
{
	lua_newtable(L);                      /* lib, view */
	guard_table(L, -2, read_only_set, name);
	lua_remove(L, -2);                    /* view */
}

/* Hides the string metatable from getmetatable(""), which would otherwise
 * hand rules the real string library. */
static void protect_string_metatable(lua_State *L)
{
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

/* The rules' global table: safe base functions and libraries, stubs for
 * what is removed, an error for any undefined name. Leaves it on the stack. */
static void push_environment(lua_State *L)
{
	static const char *const base[] = {
		"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
		"rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
		"tonumber", "tostring", "type", "xpcall", "_VERSION", NULL};
	static const char *const denied_functions[] = {
		"collectgarbage", "dofile", "load", "loadfile", "loadstring", "print", NULL};
	static const char *const denied_libraries[] = {"io", "os", "debug", "package", NULL};
	static const char *const string_denied[] = {"dump", NULL};
	static const char *const math_denied[] = {"random", "randomseed", NULL};

	luaL_requiref(L, "_G", luaopen_base, 0);   /* G */
	lua_newtable(L);                           /* G, env */
	for (const char *const *name = base; *name; name++) {
		lua_getfield(L, -2, *name);
		lua_setfield(L, -2, *name);
	}
	lua_getfield(L, -2, "setmetatable");
	lua_pushcclosure(L, sandbox_setmetatable, 1);
	lua_setfield(L, -2, "setmetatable");
	lua_remove(L, -2);                         /* env */
	open_library(L, "string", luaopen_string, string_denied);
	charge_string_library(L);
	make_read_only(L, "string");
	lua_setfield(L, -2, "string");
	open_library(L, "table", luaopen_table, NULL);
	charge_table_library(L);
	make_read_only(L, "table");
	lua_setfield(L, -2, "table");
	open_library(L, "math", luaopen_math, math_denied);
	make_read_only(L, "math");
	lua_setfield(L, -2, "math");
	open_library(L, "utf8", luaopen_utf8, NULL);
	make_read_only(L, "utf8");
	lua_setfield(L, -2, "utf8");
	protect_string_metatable(L);
	for (const char *const *name = denied_functions; *name; name++)
		set_not_available(L, -1, *name, *name);
	for (const char *const *name = denied_libraries; *name; name++) {
		push_stub_library(L, *name);
		lua_setfield(L, -2, *name);
	}
	lua_newtable(L);                           /* env, loaded */
	std_native_push(L, host_of(L)->trace);     /* the C half of std */
	make_read_only(L, "std.native");
	lua_setfield(L, -2, "std.native");
	lua_pushcclosure(L, sandbox_require, 1);
	lua_setfield(L, -2, "require");
	lua_newtable(L);                           /* env, mt */
	lua_pushcfunction(L, env_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, env_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);                   /* env */
}

/* ---- loading Lua source ------------------------------------------------ */

/* Compiles a Lua source file as a function whose globals are the rules'
 * environment; binary chunks are refused. Pushes the function. */
static void load_source(lua_State *L, struct host *h, const char *path)
{
	struct sbuf src = {0};
	if (sbuf_read_file(&src, path) != 0) {
		sbuf_release(&src);
		luaL_error(L, "unable to read '%s': %s", path, strerror(errno));
	}
	if (src.len > 0 && src.s[0] == LUA_SIGNATURE[0]) {
		sbuf_release(&src);
		luaL_error(L, "%s: precompiled (binary) chunks are refused: rules must be Lua source", path);
	}
	lua_pushfstring(L, "@%s", path);
	int rc = luaL_loadbufferx(L, sbuf_str(&src), src.len, lua_tostring(L, -1), "t");
	sbuf_release(&src);
	lua_remove(L, -2);                          /* chunk or message */
	if (rc != LUA_OK) {
		/* the parser's nesting limit comes without a place: give the file */
		if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "C stack overflow") == 0)
			luaL_error(L, "%s: C stack overflow: expressions or blocks nested too deeply", path);
		lua_error(L);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_ref);
	lua_setupvalue(L, -2, 1);                   /* _ENV of the chunk */
	h->sources = xrealloc(h->sources, (h->nsources + 1) * sizeof *h->sources);
	h->sources[h->nsources++] = xstrdup(path);
}

static bool valid_module_name(const char *name)
{
	if (!*name || *name == '.')
		return false;
	for (const char *p = name; *p; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_' || (c == '.' && p[1] && p[1] != '.');
		if (!ok)
			return false;
	}
	return true;
}

/* Where a module may come from: beside the rule file, its lib/, the
 * installed standard library. Returns a fresh path, or NULL with the
 * places looked at in `looked`; *library: found in a lib/ directory or
 * the installed library, not beside the rule file. */
static char *find_module(const struct host *h, const char *name, struct sbuf *looked,
			 bool *library)
{
	char *rel = xstrdup(name);
	for (char *p = rel; *p; p++)
		if (*p == '.')
			*p = '/';
	const char *env_lib = getenv("ASSAY_RULES_LIB");
	char *lib = path_join(h->rules_dir, "lib");
	const char *dirs[] = {lib, h->rules_dir, env_lib ? env_lib : ASSAY_RULES_LIB};
	char *found = NULL;
	for (size_t i = 0; i < 3 && !found; i++) {
		struct sbuf b = {0};
		sbuf_addf(&b, "%s/%s.lua", dirs[i], rel);
		char *candidate = path_join(".", sbuf_str(&b));
		sbuf_release(&b);
		sbuf_addf(looked, "%s%s", i ? ", " : "", candidate);
		FILE *f = fopen(candidate, "rb");
		if (f) {
			fclose(f);
			found = candidate;
			*library = i != 1;
		} else {
			free(candidate);
		}
	}
	free(lib);
	free(rel);
	return found;
}

/* require "name": Lua source from the rules' own directories, loaded once. */
static int sandbox_require(lua_State *L)
{
	struct host *h = host_of(L);
	const char *name = luaL_checkstring(L, 1);
	lua_getfield(L, lua_upvalueindex(1), name);
	if (!lua_isnil(L, -1))
		return 1;
	if (!valid_module_name(name))
		return luaL_error(L, "module name '%s' is not valid: use letters, digits, '_' and '.'", name);
	struct sbuf looked = {0};
	bool library = false;
	char *path = find_module(h, name, &looked, &library);
	if (!path) {
		lua_pushfstring(L, "module '%s' not found (looked for %s): rules may require only "
				"Lua files beside the rule file, in its lib/ directory or in the "
				"standard library ($ASSAY_RULES_LIB)", name, sbuf_str(&looked));
		sbuf_release(&looked);
		luaL_where(L, 1);
		lua_insert(L, -2);
		lua_concat(L, 2);
		return lua_error(L);
	}
	sbuf_release(&looked);
	lua_pushstring(L, path);
	if (library) {                              /* no rule is made there */
		lua_pushfstring(L, "@%s", path);
		trace_library_source(L, lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	free(path);
	load_source(L, h, lua_tostring(L, -1));   /* ..., path, chunk */
	lua_pushstring(L, name);
	lua_call(L, 1, 1);                          /* ..., path, module */
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, lua_upvalueindex(1), name);
	return 1;
}

/* ---- what rule files declare ------------------------------------------- */

/* Raises an error unless key names an indicator (or, for the rule tables,
 * "default" or "tasks"). */
static void check_rule_key(lua_State *L, const char *table, int key, bool allow_reserved)
{
	static const char *const reserved[] = {"default", "tasks"};
	struct host *h = host_of(L);
	if (lua_type(L, key) != LUA_TSTRING)
		luaL_error(L, "%s: keys must be indicator ids, not %s", table, luaL_typename(L, key));
	const char *name = lua_tostring(L, key);
	if (allow_reserved && (strcmp(name, reserved[0]) == 0 || strcmp(name, reserved[1]) == 0))
		return;
	int ind = plan_find_indicator(h->plan, name);
	if (ind >= 0 && strcmp(h->plan->indicators[ind].id, name) == 0)
		return;
	size_t n = h->plan->nindicators;
	const char **cands = xmalloc((n + 2) * sizeof *cands);
	for (size_t i = 0; i < n; i++)
		cands[i] = h->plan->indicators[i].id;
	cands[n] = allow_reserved ? reserved[0] : NULL;
	cands[n + 1] = allow_reserved ? reserved[1] : NULL;
	const char *near = ind >= 0 ? h->plan->indicators[ind].id : nearest_name(name, cands, n + 2);
	char hint[160] = "";
	if (near)
		snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
	free(cands);
	luaL_error(L, "%s.%s: the plan has no indicator '%s'%s", table, name, name, hint);
}

/* A rule set to nil, most likely a misspelt name on the right
 * (score.default = std.rato): Lua reads it as nil and no rule is set. */
static void warn_nil_rule(lua_State *L, const char *name)
{
	struct host *h = host_of(L);
	luaL_where(L, 1);
	sbuf_addf(&h->warnings, "%swarning: %s is set to nil, so no rule is set (is the name on "
		  "the right misspelt?)\n", lua_tostring(L, -1), name);
	lua_pop(L, 1);
}

/* __newindex of score/completion/light: score.<id> = function. */
static int rule_table_set(lua_State *L)
{
	const char *table = lua_tostring(L, lua_upvalueindex(2));
	check_rule_key(L, table, 2, strcmp(table, "derive") != 0);
	if (!lua_isnil(L, 3) && !lua_isfunction(L, 3))
		return luaL_error(L, "%s.%s must be a function, not %s", table, lua_tostring(L, 2),
				  luaL_typename(L, 3));
	lua_settop(L, 3);
	lua_pushfstring(L, "%s.%s", table, lua_tostring(L, 2));
	note_assignment(L, -1, false);            /* noted["score.default"] */
	if (lua_isnil(L, 3))                      /* score.x = std.rato: no rule */
		warn_nil_rule(L, lua_tostring(L, -1));
	lua_pop(L, 1);
	lua_rawset(L, lua_upvalueindex(1));
	return 0;
}

static int rule_table_get(lua_State *L)
{
	lua_settop(L, 2);
	lua_rawget(L, lua_upvalueindex(1));
	return 1;
}

/* Makes the empty table rules fill (score.default = ...), recording the
 * assignments in a hidden table; both kept in the registry. */
static void make_rule_table(lua_State *L, struct host *h, enum rule_kind kind)
{
	lua_newtable(L);                        /* env, proxy */
	lua_newtable(L);                        /* env, proxy, hidden */
	lua_pushvalue(L, -1);
	h->hidden_ref[kind] = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);                        /* env, proxy, hidden, mt */
	lua_pushvalue(L, -2);
	lua_pushstring(L, rule_kind_names[kind]);
	lua_pushcclosure(L, rule_table_set, 2);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, -2);
	lua_pushcclosure(L, rule_table_get, 1);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -3);                /* env, proxy, hidden */
	lua_pop(L, 1);
	lua_pushvalue(L, -1);
	h->proxy_ref[kind] = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_setfield(L, -2, rule_kind_names[kind]);
}

/* weights { id = n, ... } */
static int declare_weights(lua_State *L)
{
	struct host *h = host_of(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (!h->weights_where[0]) {             /* "rules/x.lua:7: ", for assay check */
		luaL_where(L, 1);
		snprintf(h->weights_where, sizeof h->weights_where, "%s", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		if (lua_type(L, -2) != LUA_TSTRING || strcmp(lua_tostring(L, -2), "default") != 0)
			check_rule_key(L, "weights", -2, false);
		const char *id = lua_tostring(L, -2);
		if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)) ||
		    lua_tonumber(L, -1) < 0)
			return luaL_error(L, "weights.%s must be a number of points (0 or more), not %s",
					  id, luaL_typename(L, -1));
		lua_pushvalue(L, -2);
		lua_pushvalue(L, -2);
		lua_rawset(L, lua_upvalueindex(1));
		lua_pop(L, 1);
	}
	return 0;
}

/* ---- rule parameters --------------------------------------------------- */

static double param_bound(lua_State *L, int spec, const char *name, const char *key, double dflt)
{
	int t = lua_getfield(L, spec, key);
	double v = dflt;
	if (t == LUA_TNUMBER)
		v = lua_tonumber(L, -1);
	else if (t != LUA_TNIL)
		luaL_error(L, "params.%s: '%s' must be a number", name, key);
	lua_pop(L, 1);
	return v;
}

/* value, once checked against p's range. `given` says where it was
 * given: "--param ", or "plans/x.yaml:7:9: params." for the plan, whose
 * place comes first and the declaration's after. */
static double in_range(lua_State *L, const struct host_param *p, double value, const char *given)
{
	if (value >= p->min && value <= p->max)
		return value;
	char v[64], lo[64], hi[64], declared[512] = "";
	format_number(v, sizeof v, value);
	format_number(lo, sizeof lo, p->min);
	format_number(hi, sizeof hi, p->max);
	if (strncmp(given, "--param", 7) == 0)
		luaL_error(L, "%s%s=%s is outside its range %s..%s", given, p->name, v, lo, hi);
	size_t n;
	luaL_where(L, 1);
	const char *where = lua_tolstring(L, -1, &n); /* "rules/x.lua:12: ", or "" */
	if (n > 2)
		snprintf(declared, sizeof declared, " (declared at %.*s)", (int)(n - 2), where);
	lua_pushfstring(L, "%s%s=%s is outside its range %s..%s%s", given, p->name, v, lo, hi,
			declared);
	return lua_error(L);
}

/* "plans/x.yaml:7:9: params." for a value the plan gives. */
static void plan_param_place(const struct host *h, const struct plan_param *pp, char *buf,
			     size_t size)
{
	snprintf(buf, size, "%s:%d:%d: params.", h->plan->path, pp->line, pp->col);
}

/* Where a value given for a parameter comes from: "--param ", or the
 * place it gives ("x.tests.yaml:7:9: params."). */
static const char *override_place(const struct param_override *o)
{
	return o->place ? o->place : "--param ";
}

/* The value given with --param for p, else the plan's rule schedule's,
 * else p's default. */
static double param_value(struct host *h, lua_State *L, const struct host_param *p)
{
	for (size_t k = 0; k < h->noverrides; k++)
		if (strcmp(h->overrides[k].name, p->name) == 0)
			return in_range(L, p, h->overrides[k].value, override_place(&h->overrides[k]));
	for (size_t k = 0; h->schedule && k < h->schedule->nparams; k++) {
		const struct plan_param *pp = &h->schedule->params[k];
		char place[512];
		if (strcmp(pp->name, p->name) != 0)
			continue;
		plan_param_place(h, pp, place, sizeof place);
		return in_range(L, p, pp->value, place);
	}
	return p->dflt;
}

/* Reads one declaration, name = {default = n, min = a, max = b, about = "..."}. */
static void declare_param(lua_State *L, struct host *h, const char *name, int spec)
{
	if (!lua_istable(L, spec))
		luaL_error(L, "params.%s must be {default = n, min = a, max = b, about = \"...\"}", name);
	struct host_param p = {.name = xstrdup(name)};
	h->params = xrealloc(h->params, (h->nparams + 1) * sizeof *h->params);
	h->params[h->nparams++] = p;
	struct host_param *q = &h->params[h->nparams - 1];
	if (lua_getfield(L, spec, "default") != LUA_TNUMBER)
		luaL_error(L, "params.%s needs a number 'default'", name);
	q->dflt = lua_tonumber(L, -1);
	lua_pop(L, 1);
	if (lua_getfield(L, spec, "about") != LUA_TSTRING)
		luaL_error(L, "params.%s needs 'about': what it means, in the plan's language", name);
	q->about = xstrdup(lua_tostring(L, -1));
	lua_pop(L, 1);
	q->min = param_bound(L, spec, name, "min", -HUGE_VAL);
	q->max = param_bound(L, spec, name, "max", HUGE_VAL);
	if (q->dflt < q->min || q->dflt > q->max) {
		char v[64], lo[64], hi[64];
		luaL_error(L, "params.%s: the default %s is outside its range %s..%s", name,
			   format_number(v, sizeof v, q->dflt), format_number(lo, sizeof lo, q->min),
			   format_number(hi, sizeof hi, q->max));
	}
	q->value = param_value(h, L, q);
}

/* A whole number as an integer, so that "总分" .. P.commend_at reads 90. */
static void push_param_value(lua_State *L, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnumber(L, v);
}

static int by_param_name(const void *x, const void *y)
{
	return strcmp(((const struct host_param *)x)->name, ((const struct host_param *)y)->name);
}

/* local P = params { name = {default = n, min = a, max = b, about = "..."} }:
 * declares the rules' tunable numbers and returns their values. */
static int declare_params(lua_State *L)
{
	struct host *h = host_of(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (h->params_declared)
		return luaL_error(L, "params { ... } is declared once per rule file");
	h->params_declared = true;
	lua_newtable(L);                        /* values */
	lua_pushnil(L);
	while (lua_next(L, 1)) {                /* values, name, spec */
		if (lua_type(L, -2) != LUA_TSTRING || !is_valid_id(lua_tostring(L, -2)))
			return luaL_error(L, "params: names are words such as red_margin");
		declare_param(L, h, lua_tostring(L, -2), lua_gettop(L));
		lua_pop(L, 1);
		push_param_value(L, h->params[h->nparams - 1].value);
		lua_setfield(L, -3, h->params[h->nparams - 1].name);
	}
	qsort(h->params, h->nparams, sizeof *h->params, by_param_name);
	return 1;
}

/* Raises an error unless the rules declared a parameter `name`, given
 * `given` ("--param red_margin", "plans/x.yaml:7:9: params.red_margin"). */
static void check_declared(lua_State *L, struct host *h, const char *name, const char *given)
{
	size_t j = 0;
	while (j < h->nparams && strcmp(h->params[j].name, name) != 0)
		j++;
	if (j < h->nparams)
		return;
	const char **names = xmalloc((h->nparams + 1) * sizeof *names);
	for (size_t i = 0; i < h->nparams; i++)
		names[i] = h->params[i].name;
	const char *near = nearest_name(name, names, h->nparams);
	char hint[160] = "";
	if (near)
		snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
	free(names);
	luaL_error(L, "%s: %s declares no parameter '%s'%s", given, h->rules_path, name, hint);
}

/* Every --param, and every value the plan gives, must name a declared
 * parameter. */
static void check_overrides(lua_State *L, struct host *h)
{
	char given[512];
	for (size_t k = 0; k < h->noverrides; k++) {
		snprintf(given, sizeof given, "%s%s", override_place(&h->overrides[k]),
			 h->overrides[k].name);
		check_declared(L, h, h->overrides[k].name, given);
	}
	for (size_t k = 0; h->schedule && k < h->schedule->nparams; k++) {
		const struct plan_param *pp = &h->schedule->params[k];
		plan_param_place(h, pp, given, sizeof given - 64);
		strncat(given, pp->name, 63);
		check_declared(L, h, pp->name, given);
	}
}

const char *const *host_sources(const struct host *h, size_t *n)
{
	*n = h->nsources;
	return (const char *const *)h->sources;
}

const struct host_param *host_params(const struct host *h, size_t *n)
{
	*n = h->nparams;
	return h->params;
}

static int card_index(lua_State *L);

static int setup_environment(lua_State *L)
{
	struct host *h = host_of(L);
	push_environment(L);                    /* env */
	for (int k = 0; k < RULE_KINDS; k++)
		make_rule_table(L, h, (enum rule_kind)k);
	lua_newtable(L);
	lua_pushvalue(L, -1);
	h->weights_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushcclosure(L, declare_weights, 1);
	lua_setfield(L, -2, "weights");
	lua_pushcfunction(L, declare_params);
	lua_setfield(L, -2, "params");
	h->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	h->item_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_createtable(L, 0, 2);
	lua_pushcfunction(L, card_index);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);                  /* shared: no rule may see or change it */
	lua_setfield(L, -2, "__metatable");
	h->card_meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);                        /* from now on, globals set are noted */
	h->assigned_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* ---- resolving the rules after the file has run ------------------------ */

static void push_env_field(lua_State *L, struct host *h, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_ref);
	lua_pushstring(L, name);
	lua_rawget(L, -2);
	lua_remove(L, -2);
}

static void push_std_function(lua_State *L, const char *name)
{
	push_env_field(L, host_of(L), "require"); /* the sandbox's, with its cache */
	lua_pushstring(L, "std");
	lua_call(L, 1, 1);
	if (!lua_istable(L, -1))
		luaL_error(L, "the standard library 'std' did not return a table");
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	if (!lua_isfunction(L, -1))
		luaL_error(L, "the standard library has no function '%s'", name);
}

/* Pushes the rules' table of kind (the hidden table behind the proxy, or a
 * plain table the file assigned), or a function meaning "for all". */
static void push_rule_source(lua_State *L, struct host *h, enum rule_kind kind)
{
	const char *name = rule_kind_names[kind];
	push_env_field(L, h, name);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->proxy_ref[kind]);
	bool proxy = lua_rawequal(L, -1, -2);
	lua_pop(L, 1);
	if (proxy) {
		lua_pop(L, 1);
		lua_rawgeti(L, LUA_REGISTRYINDEX, h->hidden_ref[kind]);
		return;
	}
	if (lua_isfunction(L, -1))
		return;
	if (!lua_istable(L, -1))
		luaL_error(L, "%s: '%s' must be a function or a table of rules by indicator, not %s",
			   h->rules_path, name, luaL_typename(L, -1));
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		check_rule_key(L, name, -1, kind != RULE_DERIVE);
	}
}

/* Pushes the rule of kind for indicator i from the rules' source at src
 * (a table, or one function for all): its own, else "tasks" (for a task)
 * or "default", else the standard library's default or nil. Tasks never
 * take "default" or a catch-all function, which are written for figures. */
static const char *push_rule_for(lua_State *L, int src, const struct plan_indicator *ind,
				 enum rule_kind kind)
{
	bool task = ind->kind == KIND_TASK;
	const char *key = task ? "tasks" : "default";
	if (lua_isfunction(L, src) && !task) {
		lua_pushvalue(L, src);
		return "";
	}
	if (lua_isfunction(L, src)) {
		lua_pushnil(L);  /* a catch-all function is for figures, not tasks */
	} else {
		lua_getfield(L, src, ind->id);
		if (!lua_isnil(L, -1) || kind == RULE_DERIVE)
			return ind->id;
		lua_pop(L, 1);
		lua_getfield(L, src, key);
		if (!lua_isnil(L, -1))
			return key;
	}
	if (lua_isnil(L, -1) && ind->kind == KIND_TASK) {
		lua_pop(L, 1);
		push_std_function(L, task_defaults[kind]);
		if (kind != RULE_COMPLETION) {
			lua_newtable(L);        /* maker, {} */
			lua_call(L, 1, 1);      /* rule */
		}
	} else if (lua_isnil(L, -1) && kind == RULE_COMPLETION) {
		lua_pop(L, 1);
		push_std_function(L, "completion");
	}
	return NULL;
}

/* Whether indicator needs a rule of kind: derive for derived indicators,
 * the others for every scored one. */
static bool needs_rule(const struct plan_indicator *ind, enum rule_kind kind)
{
	if (kind == RULE_DERIVE)
		return ind->ninputs > 0;
	return ind->scored;
}

static void missing_rule(lua_State *L, const struct host *h, const struct plan_indicator *ind,
			 enum rule_kind kind)
{
	const char *name = rule_kind_names[kind];
	if (kind == RULE_DERIVE)
		luaL_error(L, "%s: indicator '%s' is derived: compute it with derive.%s = "
			   "function(v) ... end", h->rules_path, ind->id, ind->id);
	luaL_error(L, "%s: no %s rule for indicator '%s': set %s.%s or %s.%s", h->rules_path,
		   name, ind->id, name, ind->kind == KIND_TASK ? "tasks" : "default", name, ind->id);
}

/* Fills rule_fn[kind] for every indicator that needs one. */
static void resolve_rule_kind(lua_State *L, struct host *h, enum rule_kind kind)
{
	push_rule_source(L, h, kind);           /* source */
	int src = lua_gettop(L);
	for (size_t i = 0; i < h->plan->nindicators; i++) {
		const struct plan_indicator *ind = &h->plan->indicators[i];
		h->rule_fn[kind][i] = LUA_NOREF;
		if (!needs_rule(ind, kind))
			continue;
		h->rule_key[kind][i] = push_rule_for(L, src, ind, kind);
		if (!lua_isfunction(L, -1))
			missing_rule(L, h, ind, kind);
		h->rule_fn[kind][i] = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	lua_pop(L, 1);
}

static int resolve_unit_rule(lua_State *L, struct host *h, const char *name,
			     const char *std_default)
{
	push_env_field(L, h, name);
	if (lua_isnil(L, -1) && std_default) {
		lua_pop(L, 1);
		push_std_function(L, std_default);
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		return LUA_NOREF;
	}
	if (!lua_isfunction(L, -1))
		luaL_error(L, "%s: '%s' must be a function of the unit's card, not %s",
			   h->rules_path, name, luaL_typename(L, -1));
	return luaL_ref(L, LUA_REGISTRYINDEX);
}

static void resolve_weights(lua_State *L, struct host *h)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->weights_ref);
	for (size_t i = 0; i < h->plan->nindicators; i++) {
		const char *id = h->plan->indicators[i].id;
		h->weights[i] = NAN;
		if (!h->plan->indicators[i].scored)
			continue;
		lua_getfield(L, -1, id);
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			lua_getfield(L, -1, "default");
		}
		if (lua_isnil(L, -1))
			luaL_error(L, "%s: no weight for indicator '%s': add it (or a default) to "
				   "weights { ... }", h->rules_path, id);
		h->weights[i] = lua_tonumber(L, -1);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

/* 'adjust', or the rule std.adjustments {} makes: no caps. */
static int resolve_adjust_rule(lua_State *L, struct host *h)
{
	int ref = resolve_unit_rule(L, h, "adjust", NULL);
	if (ref != LUA_NOREF)
		return ref;
	push_std_function(L, "adjustments");
	lua_newtable(L);                        /* maker, {} */
	lua_call(L, 1, 1);                      /* rule */
	return luaL_ref(L, LUA_REGISTRYINDEX);
}

/* A global the rules set that is none of the names assay asks for: most
 * likely a misspelt rule ('comend'), else a helper that should be local. */
static void warn_unknown_globals(lua_State *L, struct host *h)
{
	/* the rules, then what the rules call ('wieghts = {...}' means weights) */
	static const char *const rules[] = {"total",  "commend", "red_light", "veto",
					    "adjust", "score",   "completion", "light", "derive",
					    "weights", "params"};
	size_t nrules = 9, nnames = sizeof rules / sizeof *rules;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->assigned_ref);
	lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
	for (lua_Integer i = 1; i <= n; i++) {  /* in the order they were set */
		lua_rawgeti(L, -1, i);          /* noted, name */
		lua_pushvalue(L, -1);
		lua_rawget(L, -3);              /* noted, name, where */
		const char *name = lua_tostring(L, -2);
		bool known = false;
		for (size_t k = 0; k < nrules && !known; k++)
			known = strcmp(name, rules[k]) == 0;
		const char *near = nearest_name(name, rules, nnames);
		if (!known && near)
			sbuf_addf(&h->warnings, "%swarning: '%s' is not a rule assay asks for (did you "
				  "mean '%s'?)\n", lua_tostring(L, -1), name, near);
		else if (!known)
			sbuf_addf(&h->warnings, "%swarning: '%s' is set as a global: make it local, or "
				  "name a rule (total, commend, red_light, veto, adjust)\n",
				  lua_tostring(L, -1), name);
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
}

static void noted_where(const struct host *h, const char *name, struct sbuf *out);

/* "rules/x.lua:12: " where the rule file set `name`, or the rule file. */
static void warning_place(const struct host *h, const char *name, struct sbuf *out)
{
	sbuf_reset(out);
	if (name)
		noted_where(h, name, out);
	if (!out->len)
		sbuf_add(out, h->rules_path);
	sbuf_add(out, ": ");
}

static bool plan_has_tasks(const struct plan *p)
{
	for (size_t i = 0; i < p->nindicators; i++)
		if (p->indicators[i].kind == KIND_TASK)
			return true;
	return false;
}

/* Why the rules' table of kind has a rule for indicator i (or for "tasks"
 * when i is -1) that is never asked; NULL when it is asked. */
static const char *unasked_because(const struct plan *p, enum rule_kind kind, int i)
{
	if (i < 0)
		return plan_has_tasks(p) ? NULL : "the plan has no tasks (kind: task)";
	if (needs_rule(&p->indicators[i], kind))
		return NULL;
	if (kind == RULE_DERIVE)
		return "the indicator is reported, not derived (it has no inputs: in the plan)";
	return "the indicator is not scored (scored: false in the plan)";
}

/* Rules set for an indicator (or for tasks) that assay never asks about,
 * in plan order: a leftover, or the wrong indicator. */
static void warn_unasked_kind(lua_State *L, struct host *h, enum rule_kind kind)
{
	struct sbuf place = {0}, name = {0};
	push_rule_source(L, h, kind);           /* source */
	int src = lua_gettop(L);
	for (int i = kind == RULE_DERIVE ? 0 : -1; lua_istable(L, src) &&
	     i < (int)h->plan->nindicators; i++) {
		const char *key = i < 0 ? "tasks" : h->plan->indicators[i].id;
		const char *why = unasked_because(h->plan, kind, i);
		if (!why)
			continue;
		lua_pushstring(L, key);
		bool set = lua_rawget(L, src) != LUA_TNIL;
		lua_pop(L, 1);
		if (!set)
			continue;
		sbuf_reset(&name);
		sbuf_addf(&name, "%s.%s", rule_kind_names[kind], key);
		warning_place(h, sbuf_str(&name), &place);
		sbuf_addf(&h->warnings, "%swarning: %s is never asked: %s\n", sbuf_str(&place),
			  sbuf_str(&name), why);
	}
	lua_pop(L, 1);
	sbuf_release(&place);
	sbuf_release(&name);
}

/* Weights given for indicators that are not scored. */
static void warn_unused_weights(lua_State *L, struct host *h)
{
	struct sbuf place = {0};
	warning_place(h, NULL, &place);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->weights_ref);
	for (size_t i = 0; i < h->plan->nindicators; i++) {
		const struct plan_indicator *ind = &h->plan->indicators[i];
		bool given = lua_getfield(L, -1, ind->id) != LUA_TNIL;
		lua_pop(L, 1);
		if (given && !ind->scored)
			sbuf_addf(&h->warnings, "%swarning: weights.%s is never used: the indicator is "
				  "not scored (scored: false in the plan)\n",
				  h->weights_where[0] ? h->weights_where : sbuf_str(&place), ind->id);
	}
	lua_pop(L, 1);
	sbuf_release(&place);
}

static void warn_unasked_rules(lua_State *L, struct host *h)
{
	for (int k = 0; k < RULE_KINDS; k++)
		warn_unasked_kind(L, h, (enum rule_kind)k);
	warn_unused_weights(L, h);
}

/* "rules/x.lua:77" where the rule file set `name`, or "" (noted with a
 * trailing ": " by luaL_where, which is dropped). */
static void noted_where(const struct host *h, const char *name, struct sbuf *out)
{
	lua_State *L = h->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->assigned_ref);
	if (lua_getfield(L, -1, name) == LUA_TSTRING) {
		size_t len;
		const char *w = lua_tolstring(L, -1, &len);
		sbuf_addn(out, w, len >= 2 ? len - 2 : len);
	}
	lua_pop(L, 2);
}

static int rule_kind_of(const char *rule)
{
	int kind = 0;
	while (kind < RULE_KINDS && strcmp(rule_kind_names[kind], rule) != 0)
		kind++;
	return kind;
}

static int rule_ref(const struct host *h, const char *rule, int indicator);

void host_rule_where(const struct host *h, const char *rule, int indicator,
		     struct rule_origin *o)
{
	struct sbuf at = {0};
	int kind = rule_kind_of(rule);
	*o = (struct rule_origin){0};
	if (kind == RULE_KINDS && rule_ref(h, rule, -1) == LUA_NOREF) {
		snprintf(o->name, sizeof o->name, "%s", rule);
		o->unset = true;
		return;
	}
	if (kind < RULE_KINDS && !h->rule_key[kind][indicator]) {
		snprintf(o->name, sizeof o->name, "%s", rule);
		o->library_default = true;
		return;
	}
	if (kind < RULE_KINDS && !*h->rule_key[kind][indicator]) {
		/* `light = f` replaces a table assay made: no line was noted */
		snprintf(o->name, sizeof o->name, "%s", rule);
		o->for_all = true;
		return;
	}
	if (kind < RULE_KINDS)
		snprintf(o->name, sizeof o->name, "%s.%s", rule, h->rule_key[kind][indicator]);
	else
		snprintf(o->name, sizeof o->name, "%s", rule);
	noted_where(h, o->name, &at);
	snprintf(o->at, sizeof o->at, "%s", sbuf_str(&at));
	/* a unit's rule the file did not set; an item's rule from a plain
	 * table (score = { ... }) has no line noted */
	o->library_default = !at.len && kind == RULE_KINDS;
	sbuf_release(&at);
}

void host_rule_origin(const struct host *h, const char *rule, int indicator, struct sbuf *out)
{
	struct rule_origin o;
	host_rule_where(h, rule, indicator, &o);
	sbuf_reset(out);
	if (o.unset)
		sbuf_addf(out, "%s: the rules set none", o.name);
	else if (o.for_all)
		sbuf_addf(out, "%s, one rule for all indicators", o.name);
	else if (o.library_default && rule_kind_of(rule) < RULE_KINDS)
		sbuf_addf(out, "the standard library's default %s rule", o.name);
	else if (o.library_default)
		sbuf_addf(out, "%s (the standard library's default)", o.name);
	else
		sbuf_addf(out, "%s%s%s", o.name, *o.at ? " at " : "", o.at);
}

const char *host_warnings(const struct host *h)
{
	return sbuf_str(&h->warnings);
}

const char *host_rules_path(const struct host *h)
{
	return h->rules_path;
}

const char *host_weights_where(const struct host *h)
{
	return h->weights_where;
}

/* The registry reference of a rule: an item's by kind, or a unit's. */
static int rule_ref(const struct host *h, const char *rule, int indicator)
{
	static const char *const unit_rules[] = {"total", "commend", "red_light", "veto", "adjust"};
	const int refs[] = {h->total_fn, h->commend_fn, h->red_light_fn, h->veto_fn, h->adjust_fn};
	int kind = rule_kind_of(rule);
	if (kind < RULE_KINDS)
		return indicator >= 0 ? h->rule_fn[kind][indicator] : LUA_NOREF;
	for (size_t k = 0; k < sizeof unit_rules / sizeof *unit_rules; k++)
		if (strcmp(rule, unit_rules[k]) == 0)
			return refs[k];
	return LUA_NOREF;
}

/* Copies the number and boolean options of the table on top of the
 * stack into m; the caller restores the stack. */
static void read_made_options(lua_State *L, struct made_rule *m)
{
	lua_pushnil(L);
	while (m->noptions < MADE_MAX_OPTIONS && lua_next(L, -2)) {
		int t = lua_type(L, -1);
		if (lua_type(L, -2) == LUA_TSTRING && (t == LUA_TNUMBER || t == LUA_TBOOLEAN)) {
			snprintf(m->options[m->noptions].key, sizeof m->options[0].key, "%s",
				 lua_tostring(L, -2));
			m->options[m->noptions++].value = t == LUA_TNUMBER ? lua_tonumber(L, -1)
									    : lua_toboolean(L, -1);
		}
		lua_pop(L, 1);
	}
}

bool host_rule_made(const struct host *h, const char *rule, int indicator, struct made_rule *m)
{
	lua_State *L = h->L;
	int ref = rule_ref(h, rule, indicator);
	const char *at;
	*m = (struct made_rule){0};
	if (ref == LUA_NOREF)
		return false;
	int top = lua_gettop(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	const char *name = trace_made_rule(L, -1, &at);   /* fn, options */
	if (name) {
		snprintf(m->name, sizeof m->name, "%s", name);
		snprintf(m->at, sizeof m->at, "%s", at);
		read_made_options(L, m);
	}
	lua_settop(L, top);
	return name != NULL;
}

double made_option(const struct made_rule *m, const char *key, double dflt)
{
	for (size_t k = 0; k < m->noptions; k++)
		if (strcmp(m->options[k].key, key) == 0)
			return m->options[k].value;
	return dflt;
}

/* Whether the rule of kind for indicator i is the C function fn; leaves
 * the rule on the stack. */
static bool rule_is(lua_State *L, const struct host *h, enum rule_kind kind, size_t i,
		    lua_CFunction fn)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->rule_fn[kind][i]);
	return lua_tocfunction(L, -1) == fn;
}

/* Notes the indicators whose three rules are the standard library's C ones.
 * A host that traces (explain) scores every item through the rules, whose
 * steps are noted. */
static void find_native_rules(lua_State *L, struct host *h)
{
	int top = lua_gettop(L);
	if (h->trace)
		return;
	for (size_t i = 0; i < h->plan->nindicators; i++) {
		struct native_rules *n = &h->native[i];
		if (!needs_rule(&h->plan->indicators[i], RULE_COMPLETION))
			continue;
		n->on = rule_is(L, h, RULE_COMPLETION, i, std_native_completion) &&
			rule_is(L, h, RULE_SCORE, i, std_native_ratio_rule) &&
			rule_is(L, h, RULE_LIGHT, i, std_native_time_progress_rule);
		if (n->on) {
			std_native_ratio_params(L, -2, &n->ratio);
			std_native_time_progress_params(L, -1, &n->light);
		}
		lua_settop(L, top);
	}
}

/* Whether the rule (a registry reference) is std.<name> itself. */
static bool rule_is_std(lua_State *L, int ref, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	push_std_function(L, name);
	bool same = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	return same;
}

/* Whether the total is std.sum or std.weighted_share, which C computes
 * the same way without building the card for Lua. A host that traces
 * (explain) runs them in Lua, which notes their steps. */
static enum native_total find_native_total(lua_State *L, const struct host *h)
{
	if (h->trace || h->total_fn == LUA_NOREF)
		return TOTAL_IN_LUA;
	if (rule_is_std(L, h->total_fn, "sum"))
		return TOTAL_SUM;
	if (rule_is_std(L, h->total_fn, "weighted_share"))
		return TOTAL_WEIGHTED_SHARE;
	return TOTAL_IN_LUA;
}

/* Runs the rule file, then looks up every rule the plan needs. */
static int load_rules(lua_State *L)
{
	struct host *h = host_of(L);
	load_source(L, h, h->rules_path);
	lua_call(L, 0, 0);
	check_overrides(L, h);
	resolve_weights(L, h);
	for (int k = 0; k < RULE_KINDS; k++)
		resolve_rule_kind(L, h, (enum rule_kind)k);
	find_native_rules(L, h);
	h->total_fn = resolve_unit_rule(L, h, "total", "weighted_share");
	h->native_total = find_native_total(L, h);
	h->commend_fn = resolve_unit_rule(L, h, "commend", NULL);
	h->red_light_fn = resolve_unit_rule(L, h, "red_light", NULL);
	h->veto_fn = resolve_unit_rule(L, h, "veto", "veto");
	warn_unknown_globals(L, h);
	warn_unasked_rules(L, h);
	h->adjust_fn = resolve_adjust_rule(L, h);
	return 0;
}

/* ---- protected calls --------------------------------------------------- */

/* The text of an error object, without running any of its metamethods. */
static void error_text(lua_State *L, struct sbuf *out)
{
	if (lua_type(L, -1) == LUA_TSTRING)
		sbuf_add(out, lua_tostring(L, -1));
	else
		sbuf_addf(out, "a rule raised an error that is not a message (a %s value)",
			  luaL_typename(L, -1));
}

/* Runs fn under lua_pcall with the limits; on failure writes the message,
 * with what was being scored, to out. */
static int protected_run(struct host *h, lua_CFunction fn, const char *context,
			 struct sbuf *out)
{
	lua_State *L = h->L;
	limits_reset(h);
	watchdog_arm(h, context);
	lua_pushcfunction(L, fn);
	int rc = lua_pcall(L, 0, 0, 0);
	watchdog_disarm();
	if (rc == LUA_OK) {
		limits_reset(h);
		return 0;
	}
	if (h->kill && strcmp(h->kill, "instructions") == 0)
		sbuf_addf(out, "%s%sinstruction limit exceeded (%llu instructions): an endless loop?",
			  h->where, h->where[0] ? ": " : "",
			  (unsigned long long)h->limits.max_instructions);
	else if (h->kill && strcmp(h->kill, "time") == 0)
		sbuf_addf(out, "%s%stime limit exceeded (%u s): an endless loop, or a slow library call?",
			  h->where, h->where[0] ? ": " : "", h->limits.max_seconds);
	else if (h->kill || rc == LUA_ERRMEM)
		sbuf_addf(out, "%s%smemory limit exceeded (%zu MiB)", h->where,
			  h->where[0] ? ": " : "", h->limits.max_memory >> 20);
	else
		error_text(L, out);
	if (context && *context)
		sbuf_addf(out, " (%s)", context);
	lua_settop(L, 0);
	limits_reset(h);
	return -1;
}

static void set_number(lua_State *L, const char *key, double v)
{
	if (isnan(v))
		lua_pushnil(L);
	else
		lua_pushnumber(L, v);
	lua_setfield(L, -2, key);
}

static void set_string(lua_State *L, const char *key, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, key);
}

/* "rules/x.lua:12" for the function at idx, for results that are wrong. */
static void function_where(lua_State *L, int idx, char *buf, size_t size)
{
	lua_Debug ar;
	lua_pushvalue(L, idx);
	if (lua_getinfo(L, ">S", &ar) && ar.linedefined > 0)
		snprintf(buf, size, "%s:%d", ar.short_src, ar.linedefined);
	else
		snprintf(buf, size, "%s", host_of(L)->rules_path);
}

/* Calls the rule at registry ref with the table at arg; leaves the
 * function at the returned index and its nres results above it. */
static int call_rule(lua_State *L, int ref, int arg, int nres)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	int fn = lua_gettop(L);
	lua_pushvalue(L, fn);
	lua_pushvalue(L, arg);
	lua_call(L, 1, nres);
	return fn;
}

static int wrong_result(lua_State *L, int fn, int idx, const char *stage, const char *want)
{
	char where[200];
	function_where(L, fn, where, sizeof where);
	return luaL_error(L, "%s: the %s rule returned %s, not %s", where, stage,
			  luaL_typename(L, idx), want);
}

/* A result that must be a finite number (or nil when allowed). */
static double number_result(lua_State *L, int fn, int idx, const char *stage, bool allow_nil)
{
	if (allow_nil && lua_isnil(L, idx))
		return NAN;
	if (lua_type(L, idx) != LUA_TNUMBER)
		wrong_result(L, fn, idx, stage, allow_nil ? "a number or nil" : "a number");
	/* beyond 2^53 an integer result has wrapped or lost digits: overflow */
	lua_Integer i = lua_tointeger(L, idx);
	if (lua_isinteger(L, idx) && (i > (1LL << 53) || i < -(1LL << 53))) {
		char where[200];
		function_where(L, fn, where, sizeof where);
		luaL_error(L, "%s: the %s rule returned %I, an integer too large to "
			   "be a figure (an integer overflow?)", where, stage, i);
	}
	double v = lua_tonumber(L, idx);
	if (!isfinite(v)) {
		char where[200];
		function_where(L, fn, where, sizeof where);
		luaL_error(L, "%s: the %s rule returned %s, not a finite number", where, stage,
			   isnan(v) ? "nan (0/0?)" : "an infinite number (divided by zero?)");
	}
	return v;
}

/* A reason: a string, or a list of strings joined with "；" (every reason
 * a verdict has). */
static text_ref reason_result(lua_State *L, struct board *b, int fn, int idx, const char *stage)
{
	if (lua_isnil(L, idx))
		return 0;
	if (lua_type(L, idx) == LUA_TSTRING) {
		size_t len;
		const char *s = lua_tolstring(L, idx, &len);
		return board_text_add(b, s, len);
	}
	if (lua_type(L, idx) != LUA_TTABLE)
		wrong_result(L, fn, idx, stage, "a reason (a string or a list of strings)");
	struct sbuf all = {0};
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	for (lua_Integer k = 1; k <= n; k++) {
		if (lua_rawgeti(L, idx, k) != LUA_TSTRING) {
			sbuf_release(&all);
			wrong_result(L, fn, lua_gettop(L), stage, "a string in its list of reasons");
		}
		sbuf_addf(&all, "%s%s", k > 1 ? "；" : "", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	text_ref ref = board_text_add(b, sbuf_str(&all), all.len);
	sbuf_release(&all);
	return ref;
}

static enum light light_result(lua_State *L, int fn, int idx)
{
	static const char *const names[] = {"green", "yellow", "red"};
	if (lua_type(L, idx) == LUA_TSTRING)
		for (int i = 0; i < 3; i++)
			if (strcmp(lua_tostring(L, idx), names[i]) == 0)
				return (enum light)(LIGHT_GREEN + i);
	char where[200];
	function_where(L, fn, where, sizeof where);
	luaL_error(L, "%s: the light rule returned %s%s%s, not \"green\", \"yellow\" or \"red\"", where,
		   lua_type(L, idx) == LUA_TSTRING ? "'" : "",
		   lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : luaL_typename(L, idx),
		   lua_type(L, idx) == LUA_TSTRING ? "'" : "");
	return LIGHT_NONE;
}

static void set_integer(lua_State *L, const char *key, long v)
{
	lua_pushinteger(L, (lua_Integer)v);
	lua_setfield(L, -2, key);
}

static void set_bool(lua_State *L, const char *key, bool v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, key);
}

static void set_date(lua_State *L, const char *key, int date)
{
	char text[DATE_TEXT];
	if (date)
		lua_pushstring(L, date_format(date, text));
	else
		lua_pushnil(L);
	lua_setfield(L, -2, key);
}

/* The target as the rules see it: form, target, target_high, base. */
static void set_target(lua_State *L, const struct plan_target *t, const struct item *it)
{
	set_string(L, "form", target_form_name(t->form));
	set_number(L, "target", it->target);
	set_number(L, "target_high", t->high);
	set_number(L, "base", t->base);
	set_number(L, "since", t->since ? t->since : NAN);
}

/* What a task's item adds: deadline, done, done_on, late_days, overdue. */
static void set_task(lua_State *L, const struct plan_indicator *ind, const struct item *it)
{
	set_date(L, "deadline", ind->deadline);
	set_bool(L, "done", it->done_on != 0);
	set_date(L, "done_on", it->done_on);
	set_integer(L, "late_days", it->flags & FLAG_LATE
		    ? date_days(it->done_on) - date_days(ind->deadline) : 0);
	set_bool(L, "overdue", it->flags & FLAG_OVERDUE);
}

/* Where the figure comes from: as_of, carried, review, flags, note. */
static void set_provenance(lua_State *L, struct host *h, const struct item *it)
{
	char text[PERIOD_TEXT];
	struct period as_of = {h->board->period.year, PERIOD_MONTH, it->as_of};
	struct sbuf words = {0};
	if (it->as_of)
		set_string(L, "as_of", period_format(&as_of, text));
	else
		set_number(L, "as_of", NAN);
	set_bool(L, "carried", it->flags & FLAG_CARRIED);
	set_bool(L, "review", it->flags & FLAGS_REVIEW);
	item_flag_words(it->flags, &words);
	set_string(L, "flags", sbuf_str(&words));
	sbuf_release(&words);
	set_string(L, "note", board_text(h->board, it->note));
}

/* Fills `it` for the current item. */
static void fill_item_table(lua_State *L, struct host *h)
{
	const struct plan *p = h->plan;
	const struct plan_unit *u = &p->units[h->unit];
	const struct item *it = h->item;
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	uint32_t a = it->assignment;
	char period[PERIOD_TEXT];
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->item_ref);
	set_string(L, "unit", u->id);
	set_string(L, "unit_name", u->name);
	set_string(L, "group", p->groups[u->group].id);
	set_string(L, "indicator", ind->id);
	set_string(L, "name", ind->name);
	set_string(L, "measure", ind->measure);
	set_string(L, "kind", indicator_kind_name(ind->kind));
	/* a growth is a rate, whatever it grows from */
	set_bool(L, "cumulative", indicator_accumulates(ind->kind) &&
		 plan_target_form(p, &p->assignments[a]) != FORM_GROWTH);
	set_string(L, "direction", ind->lower_is_better ? "lower" : "higher");
	set_bool(L, "binding", ind->binding);
	set_string(L, "period", period_format(&h->board->period, period));
	set_integer(L, "month", period_end_month(&h->board->period));
	set_integer(L, "year", h->board->period.year);
	set_integer(L, "end_year", p->end_year);
	set_number(L, "progress", item_progress(h->board, it));
	set_number(L, "actual", it->actual);
	set_bool(L, "missing", it->flags & FLAG_MISSING);
	set_number(L, "reported", it->reported);
	set_number(L, "increment", item_trend(h->board, it)->increment);
	set_number(L, "last_year", item_trend(h->board, it)->last_year);
	struct plan_target target = plan_target_of(p, &p->assignments[a]);
	set_target(L, &target, it);
	set_task(L, ind, it);
	set_provenance(L, h, it);
	set_number(L, "weight", item_weight(h->board, it));
	set_number(L, "completion", NAN);
	set_number(L, "score", NAN);
}

/* Tells the trace, if any, which rule is asked next about the item under
 * way, or about the card (item -1). */
static void enter(struct host *h, int unit, long item, const char *stage)
{
	if (h->trace)
		trace_enter(h->trace, unit, item, stage);
}

static void enter_item(struct host *h, enum rule_kind kind)
{
	enter(h, h->unit, h->item - h->board->items, rule_kind_names[kind]);
}

static int item_job(lua_State *L)
{
	struct host *h = host_of(L);
	struct item *item = h->item;
	int ind = item->indicator;
	fill_item_table(L, h);
	int it = lua_gettop(L);

	enter_item(h, RULE_COMPLETION);
	int fn = call_rule(L, h->rule_fn[RULE_COMPLETION][ind], it, 1);
	item->completion = number_result(L, fn, fn + 1, "completion", true);
	lua_settop(L, it);
	set_number(L, "completion", item->completion);

	enter_item(h, RULE_SCORE);
	fn = call_rule(L, h->rule_fn[RULE_SCORE][ind], it, 2);
	item->score = number_result(L, fn, fn + 1, "score", false);
	text_ref score_reason = reason_result(L, h->board, fn, fn + 2, "score");
	lua_settop(L, it);
	set_number(L, "score", item->score);

	enter_item(h, RULE_LIGHT);
	fn = call_rule(L, h->rule_fn[RULE_LIGHT][ind], it, 2);
	item->light = light_result(L, fn, fn + 1);
	text_ref light_reason = reason_result(L, h->board, fn, fn + 2, "light");
	item->reason = light_reason ? light_reason : score_reason;
	return 0;
}

static void context_of_item(const struct host *h, char *buf, size_t size)
{
	snprintf(buf, size, "unit %s, indicator %s", h->plan->units[h->unit].name,
		 h->plan->indicators[h->item->indicator].id);
}

/* Runs job for one item; a failure leaves its message in item->error. */
static int run_item_job(struct host *h, struct board *b, int unit, struct item *item,
			lua_CFunction job)
{
	h->board = b;
	h->unit = unit;
	h->item = item;
	char context[512];
	context_of_item(h, context, sizeof context);
	struct sbuf err = {0};
	int rc = protected_run(h, job, context, &err);
	if (rc != 0) {
		item->error = board_text_add(b, err.s, err.len);
		item->light = LIGHT_NONE;
	}
	sbuf_release(&err);
	return rc;
}

/* The standard library's rules for an item, in C: the same completion,
 * score, light and reason as through Lua, at a fraction of the cost. */
static void score_natively(const struct native_rules *n, struct board *b, struct item *it)
{
	struct std_figure f;
	std_figure_of(b, it, &f);
	it->completion = std_completion(&f);
	it->score = std_ratio_score(&n->ratio, &f, it->completion);
	it->light = std_time_progress_light(&n->light, &f, it->completion);
	it->reason = REASON_DEFERRED; /* std.time_progress's, written by the engine */
}

int host_score_item(struct host *h, struct board *b, int unit, struct item *item)
{
	const struct native_rules *n = &h->native[item->indicator];
	if (n->on) {
		score_natively(n, b, item);
		return 0;
	}
	return run_item_job(h, b, unit, item, item_job);
}

static int derive_job(lua_State *L)
{
	struct host *h = host_of(L);
	const struct plan_indicator *ind = &h->plan->indicators[h->item->indicator];
	lua_createtable(L, 0, (int)h->ninputs + 2);  /* v */
	for (size_t j = 0; j < h->ninputs; j++)
		set_number(L, h->plan->indicators[h->inputs[j]->indicator].id, h->inputs[j]->actual);
	set_string(L, "unit", h->plan->units[h->unit].id);
	enter_item(h, RULE_DERIVE);
	int fn = call_rule(L, h->rule_fn[RULE_DERIVE][h->item->indicator], lua_gettop(L), 1);
	char stage[160];
	snprintf(stage, sizeof stage, "derive.%s", ind->id);
	h->item->actual = number_result(L, fn, fn + 1, stage, true);
	if (isnan(h->item->actual))
		h->item->flags |= FLAG_MISSING;
	return 0;
}

int host_derive(struct host *h, struct board *b, int unit, struct item *item,
		const struct item *const *inputs, size_t ninputs)
{
	h->inputs = inputs;
	h->ninputs = ninputs;
	return run_item_job(h, b, unit, item, derive_job);
}

/* The unit's bonus and deduction items within the period: a list of
 * {points, reason, source, period}. */
static void push_adjustments(lua_State *L, struct host *h)
{
	const struct board *b = h->board;
	char text[PERIOD_TEXT];
	const struct card *c = h->card;
	lua_createtable(L, c->nadjustments, 0);
	lua_Integer n = 0;
	for (int k = 0; k < c->nadjustments; k++) {
		const struct board_adjustment *a = &card_adjustments(b, c)[k];
		lua_createtable(L, 0, 4);
		set_number(L, "points", a->points);
		set_string(L, "reason", board_text(b, a->reason));
		set_string(L, "source", board_text(b, a->source));
		set_string(L, "period", period_format(&a->period, text));
		lua_rawseti(L, -2, ++n);
	}
}

/* Pushes the card table rules see. */
/* card.items: in plan order, and by indicator id. */
static void push_card_items(lua_State *L, struct host *h)
{
	struct board *b = h->board;
	const struct card *c = h->card;
	const struct plan *p = h->plan;
	lua_createtable(L, (int)c->count, (int)c->count);
	for (size_t k = 0; k < c->count; k++) {
		struct item *it = &b->items[c->first + k];
		const struct plan_indicator *ind = &p->indicators[it->indicator];
		std_native_write_reason(b, it);
		lua_createtable(L, 0, 14);
		set_string(L, "indicator", ind->id);
		set_string(L, "name", ind->name);
		set_string(L, "status", item_status_name(it->status));
		set_bool(L, "binding", ind->binding);
		set_bool(L, "missing", it->flags & FLAG_MISSING);
		set_bool(L, "review", it->flags & FLAGS_REVIEW);
		set_number(L, "actual", it->actual);
		set_number(L, "target", it->target);
		set_number(L, "completion", it->completion);
		set_number(L, "score", it->score);
		set_number(L, "weight", item_weight(b, it));
		set_string(L, "light", light_name(it->light));
		set_string(L, "reason", board_text(b, it->reason));
		lua_pushvalue(L, -1);
		lua_rawseti(L, -3, (lua_Integer)k + 1);
		lua_setfield(L, -2, ind->id);
	}
}

/* The card's __index: its items, made on first reading (most totals and
 * verdicts read only the counts), while its rule runs: a card kept from
 * an earlier call is not the table of the job under way. */
static int card_index(lua_State *L)
{
	struct host *h = host_of(L);
	if (lua_type(L, 2) != LUA_TSTRING || strcmp(lua_tostring(L, 2), "items") != 0)
		return 0;
	if (!h->card_table || lua_topointer(L, 1) != h->card_table)
		return luaL_error(L, "card.items can only be read while the rule given the card runs");
	push_card_items(L, h);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 1);
	return 1;
}

static void push_card(lua_State *L, struct host *h)
{
	const struct board *b = h->board;
	const struct card *c = h->card;
	const struct plan *p = h->plan;
	const struct plan_unit *u = &p->units[c->unit];
	char period[PERIOD_TEXT];
	lua_createtable(L, 0, 16);
	set_string(L, "unit", u->id);
	set_string(L, "name", u->name);
	set_string(L, "group", p->groups[u->group].id);
	set_string(L, "period", period_format(&b->period, period));
	set_number(L, "progress", b->progress);
	set_number(L, "score", c->score);
	set_number(L, "weight", c->weight);
	set_number(L, "total", c->rank ? c->total : NAN);
	if (c->rank) {
		set_integer(L, "rank", c->rank);
		set_integer(L, "group_size", c->group_size);
	}
	set_integer(L, "green", c->green);
	set_integer(L, "yellow", c->yellow);
	set_integer(L, "red", c->red);
	set_integer(L, "missing", c->missing);
	set_integer(L, "review", c->review);
	/* items: made when a rule first reads them */
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->card_meta_ref);
	lua_setmetatable(L, -2);
	h->card_table = lua_topointer(L, -1);
	push_adjustments(L, h);
	lua_setfield(L, -2, "adjustments");
}

/* The points of the card's bonus and deduction items (the rule 'adjust'),
 * added to the total. */
static void adjust_total(lua_State *L, struct host *h, int card)
{
	struct card *c = h->card;
	c->adjustment = 0;
	c->adjustment_reason = 0;
	if (c->nadjustments == 0)
		return;
	lua_pushnumber(L, c->base_total);
	lua_setfield(L, card, "total");
	enter(h, c->unit, -1, "adjust");
	int fn = call_rule(L, h->adjust_fn, card, 2);
	c->adjustment = number_result(L, fn, fn + 1, "adjust", false);
	c->adjustment_reason = reason_result(L, h->board, fn, fn + 2, "adjust");
	c->total = c->base_total + c->adjustment;
	lua_settop(L, card);
}

static int total_job(lua_State *L)
{
	struct host *h = host_of(L);
	push_card(L, h);
	int card = lua_gettop(L);
	enter(h, h->card->unit, -1, "total");
	int fn = call_rule(L, h->total_fn, card, 1);
	h->card->total = h->card->base_total = number_result(L, fn, fn + 1, "total", false);
	lua_settop(L, card);
	adjust_total(L, h, card);
	return 0;
}

/* Notes a verdict rule's answer in the trace: "yes (reason)", "no". */
static void trace_answer(struct host *h, const char *stage, bool yes, text_ref reason)
{
	struct sbuf text = {0};
	sbuf_addf(&text, "%s%s%s%s", yes ? "yes" : "no", reason ? " (" : "",
		  board_text(h->board, reason), reason ? ")" : "");
	struct trace_step *s = trace_add(h->trace, stage, NULL, sbuf_str(&text));
	sbuf_release(&text);
	trace_bool(s, "answer", yes);
	if (reason)
		trace_text(s, "reason", board_text(h->board, reason));
}

/* Asks one verdict rule; sets *yes and *reason. */
static void ask_verdict(lua_State *L, struct host *h, int ref, const char *stage, int card,
			bool *yes, text_ref *reason)
{
	*yes = false;
	*reason = 0;
	if (ref == LUA_NOREF)
		return;
	enter(h, h->card->unit, -1, stage);
	int fn = call_rule(L, ref, card, 2);
	*yes = lua_toboolean(L, fn + 1);
	if (*yes)
		*reason = reason_result(L, h->board, fn, fn + 2, stage);
	lua_settop(L, card);
	if (h->trace)
		trace_answer(h, stage, *yes, *reason);
}

/* Pushes the list of the card's binding items that are red, or nothing
 * (returns false) when there is none. */
static bool push_failed_binding(lua_State *L, struct host *h, int card)
{
	const struct card *c = h->card;
	int n = 0;
	lua_getfield(L, card, "items");         /* items */
	lua_newtable(L);                        /* items, failed */
	for (size_t k = 0; k < c->count; k++) {
		const struct item *it = &h->board->items[c->first + k];
		if (!h->plan->indicators[it->indicator].binding || it->light != LIGHT_RED)
			continue;
		lua_rawgeti(L, -2, (lua_Integer)k + 1);
		lua_rawseti(L, -2, ++n);
	}
	lua_remove(L, -2);                      /* failed */
	if (n == 0)
		lua_pop(L, 1);
	return n > 0;
}

/* A commendation stands unless a binding indicator failed (一票否决); the
 * rule 'veto' (std.veto by default) says why. */
static void check_veto(lua_State *L, struct host *h, int card, bool *commend)
{
	if (!*commend || !push_failed_binding(L, h, card))
		return;
	int failed = lua_gettop(L);
	enter(h, h->card->unit, -1, "veto");
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->veto_fn);
	int fn = lua_gettop(L);
	lua_pushvalue(L, fn);
	lua_pushvalue(L, card);
	lua_pushvalue(L, failed);
	lua_call(L, 2, 1);
	h->card->veto = reason_result(L, h->board, fn, fn + 1, "veto");
	trace_add(h->trace, "veto", NULL, board_text(h->board, h->card->veto));
	*commend = false;
	lua_settop(L, card);
}

static int verdict_job(lua_State *L)
{
	struct host *h = host_of(L);
	push_card(L, h);
	int card = lua_gettop(L);
	bool red, commend;
	text_ref red_reason, commend_reason;
	ask_verdict(L, h, h->red_light_fn, "red_light", card, &red, &red_reason);
	ask_verdict(L, h, h->commend_fn, "commend", card, &commend, &commend_reason);
	if (!red)
		check_veto(L, h, card, &commend);
	h->card->verdict = red ? VERDICT_RED_LIGHT : commend ? VERDICT_COMMEND : VERDICT_NONE;
	h->card->verdict_reason = red ? red_reason : commend ? commend_reason : 0;
	return 0;
}

static int run_card_job(struct host *h, struct board *b, struct card *card, lua_CFunction job)
{
	h->board = b;
	h->card = card;
	char context[512];
	snprintf(context, sizeof context, "unit %s", h->plan->units[card->unit].name);
	struct sbuf err = {0};
	int rc = protected_run(h, job, context, &err);
	h->card_table = NULL;
	if (rc != 0)
		card->error = board_text_add(b, err.s, err.len);
	sbuf_release(&err);
	return rc;
}

/* The total without Lua, when its rule is one of std's and the card has
 * no bonus or deduction items for the rule 'adjust'; false otherwise, and
 * when the total is not a finite number (the rule then says why). */
static bool total_natively(const struct host *h, struct card *c)
{
	if (h->native_total == TOTAL_IN_LUA || c->nadjustments)
		return false;
	double total = h->native_total == TOTAL_SUM ? c->score
		       : c->weight == 0 ? 0 : 100 * c->score / c->weight;
	if (!isfinite(total))
		return false;
	c->total = c->base_total = total;
	c->adjustment = 0;
	c->adjustment_reason = 0;
	return true;
}

int host_total(struct host *h, struct board *b, struct card *card)
{
	if (total_natively(h, card))
		return 0;
	return run_card_job(h, b, card, total_job);
}

int host_verdict(struct host *h, struct board *b, struct card *card)
{
	return run_card_job(h, b, card, verdict_job);
}

/* ---- lifecycle --------------------------------------------------------- */

double host_weight(const struct host *h, int indicator)
{
	return h->weights[indicator];
}

int host_open(struct host **out, const struct plan *plan, const struct host_limits *limits,
	      diag_t *d)
{
	struct host_setup setup = {.limits = *limits};
	return host_open_setup(out, plan, &setup, d);
}

int host_open_for(struct host **out, const struct plan *plan, const struct period *period,
		  const struct host_limits *limits, diag_t *d)
{
	struct host_setup setup = {.limits = *limits,
				   .rules = plan_rules_at(plan, period_end_date(period))};
	return host_open_setup(out, plan, &setup, d);
}

int host_open_rules(struct host **out, const struct plan *plan, const char *rules_path,
		    const struct host_limits *limits, diag_t *d)
{
	struct host_setup setup = {.rules_path = rules_path, .limits = *limits};
	return host_open_setup(out, plan, &setup, d);
}

int host_open_setup(struct host **out, const struct plan *plan, const struct host_setup *setup,
		    diag_t *d)
{
	/* the plan's rules (in force at the year's end, unless setup says
	 * which) with the values the plan gives their parameters; or another
	 * rule file, with its own */
	const struct plan_rules *schedule = setup->rules_path ? NULL
					    : setup->rules ? setup->rules
					    : plan->nrules ? &plan->rules[plan->nrules - 1] : NULL;
	const char *rules_path = setup->rules_path ? setup->rules_path
				 : schedule ? schedule->path : plan->rules_path;
	const struct host_limits *limits = &setup->limits;
	struct host *h = xcalloc(1, sizeof *h);
	*out = NULL;
	h->plan = plan;
	h->limits = *limits;
	h->rules_path = xstrdup(rules_path);
	h->overrides = setup->overrides;
	h->noverrides = setup->noverrides;
	h->trace = setup->trace;
	h->schedule = schedule;
	h->rules_dir = path_dirname(rules_path);
	h->weights = xcalloc(plan->nindicators + 1, sizeof *h->weights);
	h->native = xcalloc(plan->nindicators + 1, sizeof *h->native);
	for (int k = 0; k < RULE_KINDS; k++)
		h->rule_fn[k] = xcalloc(plan->nindicators + 1, sizeof *h->rule_fn[k]);
	for (int k = 0; k < RULE_KINDS; k++)
		h->rule_key[k] = xcalloc(plan->nindicators + 1, sizeof *h->rule_key[k]);
	h->total_fn = h->commend_fn = h->red_light_fn = h->veto_fn = h->adjust_fn = LUA_NOREF;
	h->assigned_ref = LUA_NOREF;
	watchdog_install();
	h->L = lua_newstate(limited_alloc, h);
	if (!h->L) {
		host_close(h);
		return fail(d, "unable to start Lua: out of memory");
	}
	struct sbuf err = {0};
	if (protected_run(h, setup_environment, NULL, &err) != 0 ||
	    protected_run(h, load_rules, NULL, &err) != 0) {
		fail(d, "%s", sbuf_str(&err));
		sbuf_release(&err);
		host_close(h);
		return -1;
	}
	h->overrides = NULL;    /* read while loading; the caller's may go */
	h->noverrides = 0;
	*out = h;
	return 0;
}

void host_close(struct host *h)
{
	if (!h)
		return;
	if (h->L)
		lua_close(h->L);
	for (int k = 0; k < RULE_KINDS; k++) {
		free(h->rule_fn[k]);
		free(h->rule_key[k]);
	}
	free(h->weights);
	free(h->native);
	for (size_t k = 0; k < h->nparams; k++) {
		free(h->params[k].name);
		free(h->params[k].about);
	}
	free(h->params);
	for (size_t k = 0; k < h->nsources; k++)
		free(h->sources[k]);
	free(h->sources);
	sbuf_release(&h->warnings);
	free(h->rules_path);
	free(h->rules_dir);
	free(h);
}
