/* host_freeze: once the rule file has loaded, what it made is read-only
 * for every call of every unit, so that no rule changes what another rule,
 * another unit or the standard library sees:
 *
 *   - every table reachable from the rules (globals, the rules themselves,
 *     their upvalues, the modules `require` returned, metatables) is made
 *     read-only in place (freeze_table: it keeps its identity);
 *   - a global a rule sets while scoring lasts for that call: the rules'
 *     globals are a view whose writes stay in it until the call ends;
 *   - a local of the rule file that a rule assigns (an upvalue: Lua has
 *     no read-only local) is given back its value when the call ends. Which
 *     upvalues a function can assign is read from its bytecode.
 *
 * A module is read-only as soon as `require` has run it. */
#include "host_internal.h"

#include <lauxlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "sbuf.h"

#define FROZEN_WHY "a table the rule file made is read-only once it has loaded " \
		   "(what a rule changed there, the next unit would see)"

/* ---- which upvalues a function assigns ------------------------------------ */

/* Lua 5.4's opcode that assigns an upvalue (SETUPVAL A B: UpValue[B] :=
 * R[A]); checked against a function known to assign one before use. */
#define OP_SETUPVAL 10
#define MAX_UPVALUES 256

/* A dumped function being read. */
struct dump {
	const unsigned char *p, *end;
	bool bad;
};

static int dump_writer(lua_State *L, const void *p, size_t size, void *out)
{
	(void)L;
	sbuf_addn(out, p, size);
	return 0;
}

static unsigned dump_byte(struct dump *d)
{
	if (d->p >= d->end) {
		d->bad = true;
		return 0;
	}
	return *d->p++;
}

static size_t dump_size(struct dump *d)
{
	size_t x = 0;
	unsigned b;
	do {
		b = dump_byte(d);
		if (x > SIZE_MAX >> 8)
			d->bad = true;
		x = (x << 7) | (b & 0x7f);
	} while (!(b & 0x80) && !d->bad);
	return d->bad ? 0 : x;
}

static void dump_skip(struct dump *d, size_t n)
{
	if ((size_t)(d->end - d->p) < n) {
		d->bad = true;
		d->p = d->end;
	} else {
		d->p += n;
	}
}

static void dump_skip_string(struct dump *d)
{
	size_t n = dump_size(d);
	if (n)
		dump_skip(d, n - 1);
}

/* One function's upvalues: which it (or a function made inside it)
 * assigns, and where each comes from in the function around it. */
struct upvalues {
	bool written[MAX_UPVALUES];
	unsigned char instack[MAX_UPVALUES], index[MAX_UPVALUES];
	size_t n;
};

static void read_function(struct dump *d, struct upvalues *u, int depth);

static void read_code(struct dump *d, struct upvalues *u)
{
	size_t n = dump_size(d);
	if (n > (size_t)(d->end - d->p) / 4) {
		d->bad = true;
		return;
	}
	for (size_t i = 0; i < n; i++, d->p += 4) {
		uint32_t ins;
		memcpy(&ins, d->p, 4);
		if ((ins & 0x7f) == OP_SETUPVAL)
			u->written[(ins >> 16) & 0xff] = true;
	}
}

static void read_constants(struct dump *d)
{
	for (size_t n = dump_size(d); n > 0 && !d->bad; n--) {
		switch (dump_byte(d)) {
		case 0x00: case 0x01: case 0x11: break;              /* nil, false, true */
		case 0x03: case 0x13: dump_skip(d, 8); break;        /* integer, float */
		case 0x04: case 0x14: dump_skip_string(d); break;    /* strings */
		default: d->bad = true;
		}
	}
}

/* The functions made inside: what they assign of their upvalues that are
 * this function's upvalues is assigned in this one. */
static void read_nested(struct dump *d, struct upvalues *u, int depth)
{
	for (size_t n = dump_size(d); n > 0 && !d->bad; n--) {
		struct upvalues *inner = xcalloc(1, sizeof *inner);
		read_function(d, inner, depth + 1);
		for (size_t j = 0; j < inner->n; j++)
			if (inner->written[j] && !inner->instack[j])
				u->written[inner->index[j]] = true;
		free(inner);
	}
}

static void skip_debug(struct dump *d)
{
	dump_skip(d, dump_size(d));                             /* line info */
	for (size_t n = dump_size(d); n > 0 && !d->bad; n--) {  /* absolute line info */
		dump_size(d);
		dump_size(d);
	}
	for (size_t n = dump_size(d); n > 0 && !d->bad; n--) {  /* locals */
		dump_skip_string(d);
		dump_size(d);
		dump_size(d);
	}
	for (size_t n = dump_size(d); n > 0 && !d->bad; n--)    /* upvalue names */
		dump_skip_string(d);
}

static void read_function(struct dump *d, struct upvalues *u, int depth)
{
	if (depth > 250) {
		d->bad = true;
		return;
	}
	dump_skip_string(d);                    /* source */
	dump_size(d);                           /* first and last line */
	dump_size(d);
	dump_skip(d, 3);                        /* parameters, vararg, stack size */
	read_code(d, u);
	read_constants(d);
	u->n = dump_size(d);
	if (u->n > MAX_UPVALUES)
		d->bad = true;
	for (size_t j = 0; j < u->n && !d->bad; j++) {
		u->instack[j] = (unsigned char)dump_byte(d);
		u->index[j] = (unsigned char)dump_byte(d);
		dump_byte(d);                   /* kind */
	}
	read_nested(d, u, depth);
	skip_debug(d);
}

/* The header lua_dump writes for Lua 5.4 on this machine. */
static bool read_header(struct dump *d)
{
	static const unsigned char head[] = {0x1b, 'L', 'u', 'a', 0x54, 0,
					     0x19, 0x93, '\r', '\n', 0x1a, '\n',
					     4, sizeof(lua_Integer), sizeof(lua_Number)};
	if ((size_t)(d->end - d->p) < sizeof head + 17 || memcmp(d->p, head, sizeof head) != 0)
		return false;
	d->p += sizeof head + 16 + 1;           /* check numbers, upvalue count */
	return true;
}

/* Which upvalues of the Lua function at idx it can assign; false when its
 * bytecode cannot be read (then any may be). */
static bool assigned_upvalues(lua_State *L, int idx, struct upvalues *u)
{
	struct sbuf code = {0};
	lua_pushvalue(L, idx);
	int rc = lua_dump(L, dump_writer, &code, 1);
	lua_pop(L, 1);
	struct dump d = {(const unsigned char *)code.s, (const unsigned char *)code.s + code.len,
			 false};
	memset(u, 0, sizeof *u);
	bool ok = rc == 0 && code.len && read_header(&d);
	if (ok)
		read_function(&d, u, 0);
	sbuf_release(&code);
	return ok && !d.bad;
}

/* Whether reading bytecode finds what assigns an upvalue here: a function
 * known to assign the second of its two. */
static bool bytecode_readable(lua_State *L)
{
	static int readable = -1;
	if (readable < 0) {
		static const char probe[] = "local a, b\nreturn function() local x = a; b = x end";
		struct upvalues *u = xcalloc(1, sizeof *u);
		readable = luaL_loadbufferx(L, probe, sizeof probe - 1, "=probe", "t") == LUA_OK &&
			   lua_pcall(L, 0, 1, 0) == LUA_OK && assigned_upvalues(L, -1, u) &&
			   u->n == 2 && !u->written[0] && u->written[1];
		lua_pop(L, 1);
		free(u);
	}
	return readable;
}

/* ---- the walk -------------------------------------------------------------- */

struct walk {
	lua_State *L;
	struct host *h;
	int todo, seen, tracked, refuse;        /* stack indexes */
	lua_Integer n;
	bool upvalues;                          /* follow functions' upvalues */
};

/* Puts a table or a function not yet seen on the list to walk. */
static void visit(struct walk *w, int idx)
{
	lua_State *L = w->L;
	int t = lua_type(L, idx);
	if (t != LUA_TTABLE && t != LUA_TFUNCTION)
		return;
	idx = lua_absindex(L, idx);
	lua_pushvalue(L, idx);
	if (lua_rawget(L, w->seen) != LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, 1);
	lua_pushvalue(L, idx);
	lua_pushboolean(L, 1);
	lua_rawset(L, w->seen);
	lua_pushvalue(L, idx);
	lua_rawseti(L, w->todo, ++w->n);
}

/* A table: read-only in place, unless it is a view already; what it
 * holds and its metatable are walked. */
static void walk_table(struct walk *w, int t)
{
	lua_State *L = w->L;
	if (!is_view(L, t))
		freeze_table(L, t, w->refuse);
	push_contents(L, t);
	int contents = lua_gettop(L);
	lua_pushvalue(L, contents);             /* the target is no table of the rules' */
	lua_pushboolean(L, 1);
	lua_rawset(L, w->seen);
	lua_pushnil(L);
	while (lua_next(L, contents)) {
		visit(w, -2);
		visit(w, -1);
		lua_pop(L, 1);
	}
	if (lua_getmetatable(L, t)) {           /* the view's: the metatable the table had */
		int mt = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, mt)) {
			if (lua_type(L, -2) == LUA_TLIGHTUSERDATA && !lua_rawequal(L, -1, contents))
				visit(w, -1);
			lua_pop(L, 1);
		}
	}
	lua_settop(L, contents - 1);
}

/* Notes upvalue k of the function at f for giving back after each call,
 * once per upvalue however many functions share it. */
static void track_upvalue(struct walk *w, int f, int k)
{
	lua_State *L = w->L;
	struct host *h = w->h;
	lua_pushlightuserdata(L, lua_upvalueid(L, f, k));
	lua_pushvalue(L, -1);
	if (lua_rawget(L, w->seen) != LUA_TNIL) {
		lua_pop(L, 2);
		return;
	}
	lua_pop(L, 1);
	lua_pushboolean(L, 1);
	lua_rawset(L, w->seen);
	h->tracked = xrealloc(h->tracked, (h->ntracked + 1) * sizeof *h->tracked);
	h->tracked[h->ntracked] = k;
	lua_pushvalue(L, f);
	lua_rawseti(L, w->tracked, 2 * (lua_Integer)h->ntracked + 1);
	lua_getupvalue(L, f, k);
	lua_rawseti(L, w->tracked, 2 * (lua_Integer)h->ntracked + 2);
	h->ntracked++;
}

/* A Lua function: its upvalues are walked, and those it can assign are
 * tracked. The host's C functions keep theirs. */
static void walk_function(struct walk *w, int f)
{
	lua_State *L = w->L;
	if (lua_iscfunction(L, f) || !w->upvalues)
		return;
	struct upvalues *u = xcalloc(1, sizeof *u);
	bool known = bytecode_readable(L) && assigned_upvalues(L, f, u);
	for (int k = 1; lua_getupvalue(L, f, k); k++) {
		visit(w, -1);
		lua_pop(L, 1);
		if (!known || (k <= MAX_UPVALUES && u->written[k - 1]))
			track_upvalue(w, f, k);
	}
	free(u);
}

static void walk_all(struct walk *w)
{
	lua_State *L = w->L;
	while (w->n > 0) {
		lua_rawgeti(L, w->todo, w->n);
		lua_pushnil(L);
		lua_rawseti(L, w->todo, w->n--);
		int v = lua_gettop(L);
		if (lua_type(L, v) == LUA_TTABLE)
			walk_table(w, v);
		else
			walk_function(w, v);
		lua_settop(L, v - 1);
	}
}

/* Starts a walk: its lists on the stack. */
static void walk_begin(struct walk *w, lua_State *L, bool upvalues, const char *name,
		       const char *why)
{
	*w = (struct walk){.L = L, .h = host_of(L), .upvalues = upvalues};
	lua_newtable(L);
	w->todo = lua_gettop(L);
	lua_newtable(L);
	w->seen = lua_gettop(L);
	push_refuse(L, name, why);
	w->refuse = lua_gettop(L);
}

void freeze_module(lua_State *L, int idx, const char *name)
{
	struct walk w;
	idx = lua_absindex(L, idx);
	int base = lua_gettop(L);
	walk_begin(&w, L, false, name, "modules are read-only in rules");
	if (lua_type(L, idx) == LUA_TTABLE && !is_view(L, idx)) {
		freeze_table(L, idx, w.refuse);  /* named; what it holds is not */
		lua_pushvalue(L, idx);
		lua_pushboolean(L, 1);
		lua_rawset(L, w.seen);
		push_contents(L, idx);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			visit(&w, -2);
			visit(&w, -1);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
		push_refuse(L, NULL, "modules are read-only in rules");
		lua_replace(L, w.refuse);
	}
	walk_all(&w);
	lua_settop(L, base);
}

/* __newindex of the rules' globals while scoring: the global is the
 * call's, kept in the view until the call ends. */
static int call_global(lua_State *L)
{
	lua_settop(L, 3);
	lua_rawset(L, 1);
	return 0;
}

/* Turns the rules' global table into a view of what the rule file set
 * (an undefined name is still an error), whose writes are the call's. */
static void freeze_globals(lua_State *L, struct host *h)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_ref);     /* env */
	int env = lua_gettop(L);
	lua_getmetatable(L, env);
	lua_getfield(L, -1, "__index");                     /* env, mt, undefined */
	int undefined = lua_gettop(L);
	lua_pushnil(L);
	lua_setmetatable(L, env);
	push_refuse(L, NULL, FROZEN_WHY);
	freeze_table(L, env, -1);
	push_contents(L, env);                              /* ..., globals */
	lua_createtable(L, 0, 1);
	lua_pushvalue(L, undefined);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_getmetatable(L, env);                           /* the view's */
	lua_pushcfunction(L, call_global);
	lua_setfield(L, -2, "__newindex");
	lua_settop(L, env - 1);
}

void freeze_rules(lua_State *L, struct host *h)
{
	struct walk w;
	int base = lua_gettop(L);
	freeze_globals(L, h);
	walk_begin(&w, L, true, NULL, FROZEN_WHY);
	lua_newtable(L);
	w.tracked = lua_gettop(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_ref);
	visit(&w, -1);
	push_contents(L, -1);                               /* the modules loaded */
	lua_getfield(L, -1, "require");
	if (lua_getupvalue(L, -1, 1) && lua_type(L, -1) == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			visit(&w, -1);
			lua_pop(L, 1);
		}
	}
	lua_settop(L, w.tracked);
	for (int k = 0; k < RULE_KINDS; k++)
		for (size_t i = 0; i < h->plan->nindicators; i++)
			if (h->rule_fn[k][i] != LUA_NOREF && h->rule_fn[k][i] != 0) {
				lua_rawgeti(L, LUA_REGISTRYINDEX, h->rule_fn[k][i]);
				visit(&w, -1);
				lua_pop(L, 1);
			}
	const int unit_rules[] = {h->total_fn, h->commend_fn, h->red_light_fn, h->veto_fn,
				  h->adjust_fn};
	for (size_t k = 0; k < sizeof unit_rules / sizeof *unit_rules; k++)
		if (unit_rules[k] != LUA_NOREF) {
			lua_rawgeti(L, LUA_REGISTRYINDEX, unit_rules[k]);
			visit(&w, -1);
			lua_pop(L, 1);
		}
	walk_all(&w);
	lua_pushvalue(L, w.tracked);
	h->tracked_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_settop(L, base);
	h->frozen = true;
}

void call_done(lua_State *L, struct host *h)
{
	if (!h->frozen)
		return;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_ref);     /* the call's globals go */
	int env = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, env)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, env);
	}
	lua_pop(L, 1);
	if (!h->ntracked)
		return;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->tracked_ref); /* the upvalues come back */
	int t = lua_gettop(L);
	for (size_t k = 0; k < h->ntracked; k++) {
		lua_rawgeti(L, t, 2 * (lua_Integer)k + 1);
		lua_rawgeti(L, t, 2 * (lua_Integer)k + 2);
		lua_getupvalue(L, -2, h->tracked[k]);
		if (!lua_rawequal(L, -1, -2)) {
			lua_pop(L, 1);
			lua_setupvalue(L, -2, h->tracked[k]);
		} else {
			lua_pop(L, 2);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}
