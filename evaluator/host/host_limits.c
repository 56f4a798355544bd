/* host_limits: rules are untrusted code, so every call into them runs
 * under an instruction limit (a count hook), a memory limit (the
 * allocator) and a time limit (a watchdog timer), and is a protected call
 * whose failure is reported with the unit and indicator being scored. */
#include "host_internal.h"
#include "lang.h"

#include <lauxlib.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* The count hook runs every HOOK_EVERY instructions. */
#define HOOK_EVERY 1000

static void note_where(struct host *h, lua_State *L, lua_Debug *ar)
{
	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
		snprintf(h->where, sizeof h->where, "%s:%d", ar->short_src, ar->currentline);
}

/* Notes the line of the nearest Lua function on the stack: the rule's
 * line when a library function it called is under way. */
static void note_caller(struct host *h, lua_State *L)
{
	lua_Debug ar;
	for (int level = 0; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
			note_where(h, L, &ar);
			return;
		}
}

void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
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
			note_caller(h, h->L);   /* the line that asked for it */
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
		kill_call(L, h, h->timed_out == 2 ? "run time" : "time");
	h->executed += HOOK_EVERY;
	if (h->executed > h->limits.max_instructions)
		kill_call(L, h, "instructions");
}

/* Counts n instructions' worth of work a library function is about to do
 * in one C call, and stops the call when that is over the limit. */
static void charge(lua_State *L, struct host *h, lua_Unsigned n)
{
	if (h->executed >= h->limits.max_instructions || n > h->limits.max_instructions - h->executed) {
		note_caller(h, L);
		kill_call(L, h, "instructions");
	}
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

static void write_stderr(const char *s, size_t n)
{
	ssize_t ignored = write(STDERR_FILENO, s, n);
	(void)ignored;
}

/* "assay: file:line: time limit exceeded ... (unit, indicator)", with
 * write(2) alone: the handler may have interrupted anything. */
static void last_words(struct host *h)
{
	size_t where = strnlen(h->where, sizeof h->where - 1);
	write_stderr("assay: ", 7);
	if (where)
		write_stderr(h->where, where);
	else                                    /* no line known: the file */
		write_stderr(h->rules_path, strlen(h->rules_path));
	write_stderr(h->last_words, strlen(h->last_words));
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
	if (now - h->call_started > h->call_ticks) {
		h->timed_out_at = now;
		h->timed_out = h->run_binds ? 2 : 1;
		lua_sethook(h->L, count_hook, LUA_MASKCOUNT, 1); /* safe in a signal handler */
	}
}

void watchdog_install(void)
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

/* The ticks left of the run's time budget (rounded up), or -1: none. */
static long run_ticks_left(const struct host *h)
{
	if (!h->limits.max_run_seconds)
		return -1;
	uint64_t budget = (uint64_t)h->limits.max_run_seconds * 1000000000u;
	uint64_t left = h->run_ns < budget ? budget - h->run_ns : 0;
	uint64_t tick = 1000000000u / WATCHDOG_TICKS_PER_SECOND;
	return (long)((left + tick - 1) / tick);
}

/* Arms the watchdog for one call, with its last words ready: the call may
 * run the limit of a call, or what is left of the run's budget. */
static void watchdog_arm(struct host *h, const char *context)
{
	long call = h->limits.max_seconds ? (long)h->limits.max_seconds * WATCHDOG_TICKS_PER_SECOND
					  : -1;
	long run = run_ticks_left(h);
	if (call < 0 && run < 0)
		return;
	h->run_binds = run >= 0 && (call < 0 || run < call);
	bool named = context && *context;
	char context_text[600];
	if (named)
		snprintf(context_text, sizeof context_text, _(" (%s)"), context);
	if (h->run_binds)
		snprintf(h->last_words, sizeof h->last_words,
			 _(": the run's time budget (%u s in the rules) is spent inside a library call "
			   "that cannot be interrupted (a pathological string pattern?): assay stopped"
			   "%s\n"), h->limits.max_run_seconds, named ? context_text : "");
	else
		snprintf(h->last_words, sizeof h->last_words,
			 _(": time limit exceeded (%u s) inside a library call that cannot be "
			   "interrupted (a pathological string pattern?): assay stopped%s\n"),
			 h->limits.max_seconds, named ? context_text : "");
	h->call_ticks = (sig_atomic_t)(h->run_binds ? run : call);
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
 * count each item they loop over as an instruction. Their arguments are
 * checked first, as Lua checks them: a call Lua refuses at once
 * (string.rep("aa", 1 << 30): "resulting string too large") is refused
 * the same way, an error the rule's pcall can catch, and never charged.
 * Pattern matching cannot be priced in advance; its wrapper notes the
 * caller's line, for the watchdog's message. */
enum cost { COST_NONE, COST_REP };

/* The number of pieces string.rep will copy, once its arguments pass the
 * checks Lua makes and the result fits in the memory left (0 otherwise:
 * string.rep itself then says why, or fails to allocate). */
static lua_Unsigned rep_cost(lua_State *L, const struct host *h)
{
	size_t l, lsep = 0;
	int isnum;
	if (!lua_isstring(L, 1) || (!lua_isnoneornil(L, 3) && !lua_isstring(L, 3)))
		return 0;
	lua_Integer n = lua_tointegerx(L, 2, &isnum);
	if (!isnum || n <= 0)
		return 0;
	lua_tolstring(L, 1, &l);
	if (!lua_isnoneornil(L, 3))
		lua_tolstring(L, 3, &lsep);
	size_t piece = l + lsep, max = INT_MAX;
	if (piece < l || piece > max / (lua_Unsigned)n)
		return 0;                       /* "resulting string too large" */
	size_t total = piece * (size_t)n - lsep;
	if (h->memory_used > h->limits.max_memory || total > h->limits.max_memory - h->memory_used)
		return 0;                       /* the memory limit refuses it */
	return (lua_Unsigned)n;
}

/* A library function with its cost charged; upvalues: the function, its
 * cost. Calls it in this same frame, so that its errors still name the
 * rule's line and the function as the rule called it. */
static int charged_call(lua_State *L)
{
	struct host *h = host_of(L);
	lua_CFunction real = lua_tocfunction(L, lua_upvalueindex(1));
	enum cost cost = (enum cost)lua_tointeger(L, lua_upvalueindex(2));
	note_caller(h, L);
	if (cost == COST_REP)
		charge(L, h, rep_cost(L, h));
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

/* table.move and table.concat as Lua 5.4 has them, checking their
 * arguments as it does, and counting each item as they reach it: an item
 * may fail (a hole in concat's list, a read-only destination), which is an
 * error the rule can catch, as it is in Lua. */
enum { TAB_R = 1, TAB_W = 2, TAB_L = 4 };

static int has_field(lua_State *L, const char *key, int n)
{
	lua_pushstring(L, key);
	return lua_rawget(L, -n) != LUA_TNIL;
}

/* A table, or something with the metamethods `what` needs. */
static void check_table(lua_State *L, int arg, int what)
{
	if (lua_type(L, arg) == LUA_TTABLE)
		return;
	int n = 1;
	if (lua_getmetatable(L, arg) && (!(what & TAB_R) || has_field(L, "__index", ++n)) &&
	    (!(what & TAB_W) || has_field(L, "__newindex", ++n)) &&
	    (!(what & TAB_L) || has_field(L, "__len", ++n)))
		lua_pop(L, n);
	else
		luaL_checktype(L, arg, LUA_TTABLE);
}

/* Whether reading or writing idx can run no code: a table without a
 * metatable. */
static bool plain_table(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
		return lua_type(L, idx) == LUA_TTABLE;
	lua_pop(L, 1);
	return false;
}

static int charged_move(lua_State *L)
{
	struct host *h = host_of(L);
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	lua_Integer t = luaL_checkinteger(L, 4);
	int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
	check_table(L, 1, TAB_R);
	check_table(L, tt, TAB_W);
	if (e >= f) {
		luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
		lua_Integer n = e - f + 1;
		luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
		/* plain tables cannot fail half-way: the whole move is charged at once */
		bool at_once = plain_table(L, 1) && plain_table(L, tt);
		if (at_once)
			charge(L, h, (lua_Unsigned)n);
		bool forward = t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ));
		for (lua_Integer i = 0; i < n; i++) {
			lua_Integer k = forward ? i : n - 1 - i;
			if (!at_once)
				charge(L, h, 1);
			lua_geti(L, 1, f + k);
			lua_seti(L, tt, t + k);
		}
	}
	lua_pushvalue(L, tt);
	return 1;
}

static void add_field(lua_State *L, luaL_Buffer *b, lua_Integer i)
{
	lua_geti(L, 1, i);
	if (!lua_isstring(L, -1))
		luaL_error(L, "invalid value (%s) at index %I in table for 'concat'",
			   luaL_typename(L, -1), i);
	luaL_addvalue(b);
}

static int charged_concat(lua_State *L)
{
	struct host *h = host_of(L);
	luaL_Buffer b;
	check_table(L, 1, TAB_R | TAB_L);
	lua_Integer last = luaL_len(L, 1);
	size_t lsep;
	const char *sep = luaL_optlstring(L, 2, "", &lsep);
	lua_Integer i = luaL_optinteger(L, 3, 1);
	last = luaL_optinteger(L, 4, last);
	luaL_buffinit(L, &b);
	for (; i < last; i++) {
		charge(L, h, 1);
		add_field(L, &b, i);
		luaL_addlstring(&b, sep, lsep);
	}
	if (i == last) {
		charge(L, h, 1);
		add_field(L, &b, i);
	}
	luaL_pushresult(&b);
	return 1;
}

void charge_string_library(lua_State *L)
{
	static const char *const patterns[] = {"find", "match", "gmatch", "gsub", NULL};
	charge_function(L, "rep", COST_REP);
	for (const char *const *name = patterns; *name; name++)
		charge_function(L, *name, COST_NONE);
}

void charge_table_library(lua_State *L)
{
	lua_pushcfunction(L, charged_move);
	lua_setfield(L, -2, "move");
	lua_pushcfunction(L, charged_concat);
	lua_setfield(L, -2, "concat");
}

/* ---- protected calls --------------------------------------------------- */

/* Whether a message starts with its place, as Lua gives it: "x.lua:12:". */
static bool has_place(const char *msg)
{
	for (const char *c = strchr(msg, ':'); c && c < msg + 300; c = strchr(c + 1, ':')) {
		const char *d = c + 1;
		while (*d >= '0' && *d <= '9')
			d++;
		if (d > c + 1 && *d == ':')
			return true;
	}
	return false;
}

/* The message handler of every call into the rules: runs where the error
 * was raised, so it can name the place an error without one comes from
 * (error("x", 0), error(nil), error({})): the line of the nearest Lua
 * function. An error object that is not a message becomes one, without
 * running any of its metamethods. */
static int place_error(lua_State *L)
{
	struct host *h = host_of(L);
	if (h->kill)
		return 1;                       /* the limits say what stopped it */
	char where[256] = "";
	lua_Debug ar;
	for (int level = 1; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
			snprintf(where, sizeof where, "%s:%d: ", ar.short_src, ar.currentline);
			break;
		}
	if (lua_type(L, 1) != LUA_TSTRING)
		lua_pushfstring(L, _("%sa rule raised an error that is not a message (a %s value)"),
				where, luaL_typename(L, 1));
	else if (where[0] && !has_place(lua_tostring(L, 1)))
		lua_pushfstring(L, "%s%s", where, lua_tostring(L, 1));
	return 1;
}

/* Why the limits stopped the call, and where (the rule file when the
 * line is not known). */
static void limit_text(const struct host *h, int rc, struct sbuf *out)
{
	const char *where = h->where[0] ? h->where : h->rules_path;
	if (h->kill && strcmp(h->kill, "run time") == 0)
		sbuf_addf(out, _("%s: the run's time budget is spent (%u s in the rules, "
			  "--max-run-seconds): scoring stops"), where, h->limits.max_run_seconds);
	else if (h->kill && strcmp(h->kill, "instructions") == 0)
		sbuf_addf(out, _("%s: instruction limit exceeded (%llu instructions): an endless loop?"),
			  where, (unsigned long long)h->limits.max_instructions);
	else if (h->kill && strcmp(h->kill, "time") == 0)
		sbuf_addf(out, _("%s: time limit exceeded (%u s): an endless loop, or a slow library call?"),
			  where, h->limits.max_seconds);
	else if (h->kill || rc == LUA_ERRMEM)
		sbuf_addf(out, _("%s: memory limit exceeded (%zu MiB)"), where,
			  h->limits.max_memory >> 20);
}

/* ---- the run's budget ---------------------------------------------------- */

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

const char *host_spent(const struct host *h)
{
	return h->spent.len ? h->spent.s : NULL;
}

void spend(struct host *h, const struct sbuf *message)
{
	if (!h->spent.len)
		sbuf_addn(&h->spent, message->s, message->len);
}

/* ---- protected calls, continued ------------------------------------------ */

/* Runs fn under lua_pcall with the limits; on failure writes the message,
 * with what was being scored, to out. Once the run's budget is spent, a
 * call fails at once, with the message of the call that spent it. */
int protected_run(struct host *h, lua_CFunction fn, const char *context,
			 struct sbuf *out)
{
	lua_State *L = h->L;
	if (h->spent.len) {
		sbuf_addn(out, h->spent.s, h->spent.len);
		return -1;
	}
	limits_reset(h);
	watchdog_arm(h, context);
	int base = lua_gettop(L);
	lua_pushcfunction(L, place_error);
	lua_pushcfunction(L, fn);
	uint64_t start = now_ns();
	int rc = lua_pcall(L, 0, 0, base + 1);
	h->run_ns += now_ns() - start;
	watchdog_disarm();
	call_done(L, h);                        /* also after a rule that failed */
	if (rc == LUA_OK) {
		lua_settop(L, base);
		limits_reset(h);
		return 0;
	}
	bool spent = h->kill && strncmp(h->kill, "run ", 4) == 0;
	if (h->kill && strcmp(h->kill, "run memory") != 0) {
		limit_text(h, rc, out);
	} else if (rc == LUA_ERRMEM) {
		limit_text(h, rc, out);
	} else if (lua_type(L, -1) == LUA_TSTRING) {
		size_t len;
		const char *msg = lua_tolstring(L, -1, &len);
		add_cut(out, msg, len);
	} else {                                /* the handler failed: no memory left */
		sbuf_addf(out, _("%s: a rule raised an error that is not a message (a %s value)"),
			  h->rules_path, luaL_typename(L, -1));
	}
	if (context && *context)
		sbuf_addf(out, _(" (%s)"), context);
	if (spent)
		spend(h, out);
	lua_settop(L, base);
	limits_reset(h);
	return -1;
}
