/* host_views: read-only views. A view is an empty table whose metatable
 * reads from another table, its target, and refuses every write. Rules see
 * the standard libraries, the modules `require` returns, `it`, the card
 * and, once the rule file has loaded, every table it made through views
 * (host_freeze.c), so that no rule changes what another rule, another unit
 * or the standard library sees.
 *
 * A view behaves as the table it shows: `#`, pairs, ipairs and the
 * functions of the table library read through it, and so do the rules'
 * raw access (rawget, rawlen, next), while rawset is refused as an
 * assignment is. A frozen table given to setmetatable as the metatable (a
 * class the rule file made) gives what it holds, and getmetatable hands
 * back the frozen table, never the one behind it. */
#include "host_internal.h"
#include "lang.h"

#include <lauxlib.h>
#include <stdbool.h>
#include <string.h>

/* Keys of a view's metatable (light userdata): its target, and, for a
 * table made read-only in place (frozen), the metatable it had (false:
 * none). */
static const char VIEW_TARGET = 't';
static const char VIEW_META = 'm';
/* The registry's table of targets -> their views (weak keys). */
static const char VIEW_OF_TARGET = 'v';

/* __newindex of a view. Upvalues: its name ("string", "it"; nil for a
 * table of the rule file) and why it is read-only. */
static int refuse_write(lua_State *L)
{
	const char *name = lua_tostring(L, lua_upvalueindex(1));
	const char *why = lua_tostring(L, lua_upvalueindex(2));
	const char *key = lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TNUMBER
			  ? lua_tostring(L, 2) : luaL_typename(L, 2);
	if (name)
		return luaL_error(L, "%s.%s: %s", name, key, why);
	return luaL_error(L, _("cannot set '%s': %s"), key, why);
}

void push_refuse(lua_State *L, const char *name, const char *why)
{
	if (name)
		lua_pushstring(L, name);
	else
		lua_pushnil(L);
	lua_pushstring(L, why);
	lua_pushcclosure(L, refuse_write, 2);
}

bool push_contents(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
		if (lua_rawgetp(L, -1, &VIEW_TARGET) == LUA_TTABLE) {
			lua_remove(L, -2);
			return true;
		}
		lua_pop(L, 2);
	}
	lua_pushvalue(L, idx);
	return false;
}

/* Whether the table at idx was made read-only in place. */
static bool frozen(lua_State *L, int idx)
{
	bool yes = false;
	if (lua_getmetatable(L, idx)) {
		yes = lua_rawgetp(L, -1, &VIEW_META) != LUA_TNIL;
		lua_pop(L, 2);
	}
	return yes;
}

bool is_view(lua_State *L, int idx)
{
	bool view = push_contents(L, idx);
	lua_pop(L, 1);
	return view;
}

/* next(t, k) as Lua's, over what a view shows. */
static int view_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	push_contents(L, 1);
	lua_pushvalue(L, 2);
	if (lua_next(L, -2))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int view_len(lua_State *L)
{
	push_contents(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

static int view_pairs(lua_State *L)
{
	lua_pushcfunction(L, view_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Notes the view at idx as the one of its target (on top), for
 * getmetatable. */
static void note_view_of(lua_State *L, int view, int target)
{
	view = lua_absindex(L, view);
	target = lua_absindex(L, target);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &VIEW_OF_TARGET) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_createtable(L, 0, 1);
		lua_pushliteral(L, "k");
		lua_setfield(L, -2, "__mode");
		lua_setmetatable(L, -2);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &VIEW_OF_TARGET);
	}
	lua_pushvalue(L, target);
	lua_pushvalue(L, view);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

/* The metatable of a view of target: reads go to it (or to index, a
 * function, when not nil), writes to the function at refuse. Pushes it. */
static void push_view_meta(lua_State *L, int target, int refuse)
{
	target = lua_absindex(L, target);
	refuse = lua_absindex(L, refuse);
	lua_createtable(L, 0, 6);
	lua_pushvalue(L, target);
	lua_rawsetp(L, -2, &VIEW_TARGET);
	lua_pushvalue(L, target);
	lua_setfield(L, -2, "__index");
	lua_pushvalue(L, refuse);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, view_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, view_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
}

void push_view(lua_State *L, int target, int refuse)
{
	target = lua_absindex(L, target);
	refuse = lua_absindex(L, refuse);
	lua_newtable(L);
	push_view_meta(L, target, refuse);
	lua_setmetatable(L, -2);
}

/* __index of a table frozen in place whose metatable's __index was a
 * function: its own contents first, then the function, given the table
 * (never its target). Upvalues: the target, the function. */
static int index_through(lua_State *L)
{
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	lua_pushvalue(L, lua_upvalueindex(2));
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_call(L, 2, 1);
	return 1;
}

/* Copies the metamethods of the metatable at old (its contents, when it is
 * a view itself) to the one on top, but those a view sets; sets the
 * target's metatable for an __index table and a __mode; and the view's
 * __index. */
static void carry_metatable(lua_State *L, int old, int target)
{
	int mt = lua_gettop(L);
	push_contents(L, old);                  /* mt, old's contents */
	int from = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, from)) {
		const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
		if (strncmp(key, "__", 2) == 0 && strcmp(key, "__index") != 0 &&
		    strcmp(key, "__newindex") != 0 && strcmp(key, "__metatable") != 0 &&
		    strcmp(key, "__mode") != 0) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, mt);
		} else {
			lua_pop(L, 1);
		}
	}
	lua_createtable(L, 0, 2);               /* mt, from, target's mt */
	lua_getfield(L, from, "__mode");
	lua_setfield(L, -2, "__mode");
	int index = lua_getfield(L, from, "__index");
	if (index == LUA_TFUNCTION) {           /* the view's __index calls it */
		lua_pushvalue(L, target);
		lua_insert(L, -2);
		lua_pushcclosure(L, index_through, 2);
		lua_setfield(L, mt, "__index");
	} else {                                /* a table: after the target's own */
		lua_setfield(L, -2, "__index");
	}
	lua_pushnil(L);
	if (lua_next(L, -2)) {                  /* an __index table or a __mode */
		lua_pop(L, 2);
		lua_setmetatable(L, target);
	}
	lua_settop(L, mt);
}

void freeze_table(lua_State *L, int idx, int refuse)
{
	idx = lua_absindex(L, idx);
	refuse = lua_absindex(L, refuse);
	int base = lua_gettop(L);
	int old = lua_getmetatable(L, idx) ? lua_gettop(L) : 0;
	lua_newtable(L);                        /* [old], target */
	int target = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, target);
	}
	lua_pushnil(L);
	while (lua_next(L, target)) {           /* the table keeps its identity, emptied */
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, idx);
	}
	push_view_meta(L, target, refuse);      /* [old], target, mt */
	if (old)
		lua_pushvalue(L, old);
	else
		lua_pushboolean(L, 0);
	lua_rawsetp(L, -2, &VIEW_META);
	if (old)
		carry_metatable(L, old, target);
	lua_setmetatable(L, idx);
	note_view_of(L, idx, target);
	lua_settop(L, base);
}

/* ---- the rules' raw access ------------------------------------------------ */

static int sandbox_rawget(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checkany(L, 2);
	lua_settop(L, 2);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, 1) != LUA_TNIL)       /* a view holds only a call's globals */
		return 1;
	push_contents(L, 1);
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

/* A view refuses rawset as it refuses an assignment (the rules' globals
 * take it for the call under way). */
static int sandbox_rawset(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checkany(L, 2);
	luaL_checkany(L, 3);
	lua_settop(L, 3);
	if (is_view(L, 1)) {
		lua_getmetatable(L, 1);
		lua_getfield(L, -1, "__newindex");
		lua_pushvalue(L, 1);
		lua_pushvalue(L, 2);
		lua_pushvalue(L, 3);
		lua_call(L, 3, 0);
	} else {
		lua_rawset(L, 1);
	}
	lua_settop(L, 1);
	return 1;
}

static int sandbox_rawlen(lua_State *L)
{
	int t = lua_type(L, 1);
	luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
	push_contents(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

/* Replaces the metatable on top by its view, when it is the target of
 * one. */
static void as_view(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &VIEW_OF_TARGET) == LUA_TTABLE) {
		lua_pushvalue(L, -2);
		if (lua_rawget(L, -2) != LUA_TNIL) {
			lua_replace(L, -3);
			lua_pop(L, 1);
			return;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

/* getmetatable as Lua's (a __metatable field answers for the metatable),
 * where a view's metatable is the one its table had, if any, and a
 * metatable is never the target of a frozen table. */
static int sandbox_getmetatable(lua_State *L)
{
	luaL_checkany(L, 1);
	if (!lua_getmetatable(L, 1)) {
		lua_pushnil(L);
		return 1;
	}
	if (lua_rawgetp(L, -1, &VIEW_TARGET) != LUA_TNIL) {
		lua_pop(L, 1);
		if (lua_rawgetp(L, -1, &VIEW_META) != LUA_TTABLE) {
			lua_pushnil(L);         /* a view of what had none */
			return 1;
		}
		lua_remove(L, -2);              /* the metatable the table had */
	} else {
		lua_pop(L, 1);
	}
	as_view(L);
	push_contents(L, -1);
	lua_pushliteral(L, "__metatable");
	if (lua_rawget(L, -2) != LUA_TNIL)
		return 1;
	lua_pop(L, 2);
	return 1;
}

/* setmetatable without __gc (the collector runs finalizers with hooks
 * off, where no limit could stop a loop); a frozen table given as the
 * metatable gives what it holds (its metamethods are looked up raw). */
static int sandbox_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		if (frozen(L, 2)) {             /* a class the rule file made */
			push_contents(L, 2);
			lua_replace(L, 2);
		}
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, _("__gc finalizers are not available in rules"));
		lua_pop(L, 1);
	}
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

void set_raw_access(lua_State *L, int env)
{
	static const luaL_Reg raw[] = {
		{"rawget", sandbox_rawget}, {"rawset", sandbox_rawset}, {"rawlen", sandbox_rawlen},
		{"next", view_next}, {"getmetatable", sandbox_getmetatable}, {NULL, NULL}};
	env = lua_absindex(L, env);
	for (const luaL_Reg *r = raw; r->name; r++) {
		lua_pushcfunction(L, r->func);
		lua_setfield(L, env, r->name);
	}
	lua_getfield(L, env, "setmetatable");
	lua_pushcclosure(L, sandbox_setmetatable, 1);
	lua_setfield(L, env, "setmetatable");
}
