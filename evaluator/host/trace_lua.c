/* The Lua side of the trace: which rules the standard library made, and
 * the steps its functions note. */
#include "trace_lua.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Registry keys: the rules the standard library made (a table with weak
 * keys: function -> {name, at, options}) and the library's sources. */
static const char MADE_KEY[] = "assay.made";
static const char LIBRARY_KEY[] = "assay.library";

/* Pushes the registry table `key`, made on first use. */
static void push_registry_table(lua_State *L, const char *key, bool weak_keys)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);                        /* t */
	if (weak_keys) {
		lua_newtable(L);                /* t, mt */
		lua_pushliteral(L, "k");
		lua_setfield(L, -2, "__mode");
		lua_setmetatable(L, -2);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, key);
}

void trace_library_source(lua_State *L, const char *source)
{
	push_registry_table(L, LIBRARY_KEY, false);
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, source);
	lua_pop(L, 1);
}

static bool is_library(lua_State *L, const char *source)
{
	push_registry_table(L, LIBRARY_KEY, false);
	bool yes = lua_getfield(L, -1, source) != LUA_TNIL;
	lua_pop(L, 2);
	return yes;
}

/* "rules/x.lua:12": the nearest Lua caller outside the standard library,
 * up to the first C function (require, pcall), or "". */
static void where_made(lua_State *L, char *buf, size_t size)
{
	lua_Debug ar;
	buf[0] = '\0';
	for (int level = 1; lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar); level++) {
		if (strcmp(ar.what, "C") == 0)
			return;
		if (is_library(L, ar.source))
			continue;
		if (ar.currentline > 0)
			snprintf(buf, size, "%s:%d", ar.short_src, ar.currentline);
		return;
	}
}

void trace_made(lua_State *L, int idx, const char *name, int options)
{
	char at[256];
	idx = lua_absindex(L, idx);
	options = options ? lua_absindex(L, options) : 0;
	where_made(L, at, sizeof at);
	push_registry_table(L, MADE_KEY, true); /* made */
	lua_pushvalue(L, idx);
	lua_createtable(L, 0, 3);               /* made, fn, entry */
	lua_pushstring(L, name);
	lua_setfield(L, -2, "name");
	lua_pushstring(L, at);
	lua_setfield(L, -2, "at");
	if (options)
		lua_pushvalue(L, options);
	else
		lua_newtable(L);
	lua_setfield(L, -2, "options");
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

const char *trace_made_rule(lua_State *L, int idx, const char **made_at)
{
	idx = lua_absindex(L, idx);
	push_registry_table(L, MADE_KEY, true); /* made */
	lua_pushvalue(L, idx);
	if (lua_rawget(L, -2) != LUA_TTABLE) {  /* made, entry */
		lua_pop(L, 2);
		*made_at = "";
		return NULL;
	}
	lua_getfield(L, -1, "name");
	const char *name = lua_tostring(L, -1);
	lua_getfield(L, -2, "at");
	*made_at = lua_tostring(L, -1);
	lua_pop(L, 2);
	lua_getfield(L, -1, "options");         /* made, entry, options */
	lua_replace(L, -3);                     /* options, entry */
	lua_pop(L, 1);
	return name;                            /* anchored by the entry, which
						 * the registry keeps while the
						 * rule lives */
}

/* Where the rule running at stack level `level` was made, into buf. */
static void made_at_level(lua_State *L, int level, char *buf, size_t size)
{
	lua_Debug ar;
	const char *at = "";
	buf[0] = '\0';
	if (!lua_getstack(L, level, &ar) || !lua_getinfo(L, "f", &ar))
		return;
	if (trace_made_rule(L, -1, &at)) {
		snprintf(buf, size, "%s", at);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

struct trace_step *trace_add_from(lua_State *L, struct trace *t, int level,
				  const char *function, const char *text)
{
	char at[256];
	if (!t || !t->on)
		return NULL;
	made_at_level(L, level, at, sizeof at);
	return trace_add(t, function, at, text);
}

int trace_note(lua_State *L)
{
	struct trace *t = lua_touserdata(L, lua_upvalueindex(1));
	const char *function = luaL_checkstring(L, 1), *text = luaL_checkstring(L, 2);
	struct trace_step *s = trace_add_from(L, t, 1, function, text);
	for (int k = 3; s && k < lua_gettop(L); k += 2) {
		const char *name = luaL_checkstring(L, k);
		switch (lua_type(L, k + 1)) {
		case LUA_TNUMBER: trace_number(s, name, lua_tonumber(L, k + 1)); break;
		case LUA_TBOOLEAN: trace_bool(s, name, lua_toboolean(L, k + 1)); break;
		case LUA_TSTRING: trace_text(s, name, lua_tostring(L, k + 1)); break;
		default: trace_nil(s, name); break;
		}
	}
	return 0;
}
