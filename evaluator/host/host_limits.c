/* host_limits: rules are untrusted code, so every call into them runs
 * under an instruction limit (a count hook), a memory limit (the
 * allocator) and a time limit (a watchdog timer), and is a protected call
 * whose failure is reported with the unit and indicator being scored. */
#include "host_internal.h"

#include <lauxlib.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* The count hook runs every HOOK_EVERY instructions. */
#define HOOK_EVERY 1000

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

void charge_string_library(lua_State *L)
{
	static const char *const patterns[] = {"find", "match", "gmatch", "gsub", NULL};
	charge_function(L, "rep", COST_REP);
	for (const char *const *name = patterns; *name; name++)
		charge_function(L, *name, COST_NONE);
}

void charge_table_library(lua_State *L)
{
	charge_function(L, "move", COST_MOVE);
	charge_function(L, "concat", COST_CONCAT);
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
int protected_run(struct host *h, lua_CFunction fn, const char *context,
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
