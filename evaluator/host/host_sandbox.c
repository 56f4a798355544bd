/* host_sandbox: the environment rule files run in. They get a global
 * table of their own with only safe functions and read-only libraries, an
 * error for any undefined name, and a require that loads Lua source from
 * the rules' own directories and the standard library only. */
#include "host_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file_texts.h"
#include "lang.h"
#include "mem.h"
#include "names.h"
#include "path.h"
#include "std_lua.h"
#include "trace_lua.h"

/* Where `make install` put the standard library (the Makefile says). */
#ifndef ASSAY_RULES_LIB
#define ASSAY_RULES_LIB "/usr/local/share/assay/rules/lib"
#endif

static int not_available(lua_State *L)
{
	const char *name = lua_tostring(L, lua_upvalueindex(1));
	return luaL_error(L, _("%s is not available in rules"), name);
}

/* A field of a removed library (io.open, os.execute). */
static int stub_index(lua_State *L)
{
	const char *lib = lua_tostring(L, lua_upvalueindex(1));
	const char *field = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
	return luaL_error(L, _("%s.%s is not available in rules"), lib, field);
}

/* Pushes a stand-in for a removed library: a read-only view in which any
 * field read says so. */
static void push_stub_library(lua_State *L, const char *name)
{
	lua_newtable(L);                      /* target */
	lua_createtable(L, 0, 1);
	lua_pushstring(L, name);
	lua_pushcclosure(L, stub_index, 1);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_pushfstring(L, _("%s is not available in rules"), name);
	push_refuse(L, name, lua_tostring(L, -1));
	push_view(L, -3, -1);                 /* target, why, refuse, view */
	lua_replace(L, -4);
	lua_pop(L, 2);
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
	return luaL_error(L, _("undefined %s '%s'%s"), what, name, hint);
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
void note_assignment(lua_State *L, int key, bool listed)
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

/* Replaces the library on top of the stack by a read-only view of it, so
 * that no rule can change what another rule or the standard library sees. */
static void make_read_only(lua_State *L, const char *name)
{
	push_refuse(L, name, "the standard libraries are read-only in rules");
	push_view(L, -2, -1);                 /* lib, refuse, view */
	lua_replace(L, -3);
	lua_pop(L, 1);
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
	set_raw_access(L, -1);
	lua_remove(L, -2);                         /* env */
	lua_pushvalue(L, -1);                      /* _G: the rules' globals */
	lua_setfield(L, -2, "_G");
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

/* The rules' environment with what rule files declare with, and the
 * tables every call reuses. */
int setup_environment(lua_State *L)
{
	struct host *h = host_of(L);
	push_environment(L);                    /* env */
	declare_in_environment(L, h);
	h->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);                        /* it: filled for each item, */
	push_refuse(L, "it", "the item is read-only in rules");
	push_view(L, -2, -1);                   /* read through a view */
	h->item_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pop(L, 1);
	h->item_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	push_card_metatable(L);
	h->card_meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);                        /* from now on, globals set are noted */
	h->assigned_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* ---- loading Lua source ------------------------------------------------ */

/* Compiles a Lua source file as a function whose globals are the rules'
 * environment; binary chunks are refused. Pushes the function. */
void load_source(lua_State *L, struct host *h, const char *path)
{
	static const struct file_bound bound = {N_("rule file"), (size_t)64 << 20, NULL};
	struct sbuf src = {0};
	diag_t d;
	/* a .lua that is no regular file is refused by the reader, by its kind */
	if (access(path, R_OK) == 0 && !path_has_ext(path, ".lua"))
		luaL_error(L, _("'%s' is not a Lua file: rules are Lua source in files named .lua"), path);
	if (sbuf_read_file(&src, path, &bound, &d) != 0) {
		sbuf_release(&src);
		luaL_error(L, "%s", d.text);
	}
	if (src.len > 0 && src.s[0] == LUA_SIGNATURE[0]) {
		sbuf_release(&src);
		luaL_error(L, _("%s: precompiled (binary) chunks are refused: rules must be Lua source"), path);
	}
	lua_pushfstring(L, "@%s", path);
	int rc = luaL_loadbufferx(L, sbuf_str(&src), src.len, lua_tostring(L, -1), "t");
	sbuf_release(&src);
	lua_remove(L, -2);                          /* chunk or message */
	if (rc != LUA_OK) {
		/* the parser's nesting limit comes without a place: give the file */
		size_t n = 0;
		const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : "";
		if (n >= 16 && strcmp(msg + n - 16, "C stack overflow") == 0)
			luaL_error(L, _("%s: C stack overflow: expressions or blocks nested too deeply"), path);
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

/* The standard library's directory: $ASSAY_RULES_LIB, else the one
 * installed with the program (share/assay/rules/lib beside its bin/), else
 * where it was built to be installed. Caller frees. */
static char *standard_library(void)
{
	const char *env = getenv("ASSAY_RULES_LIB");
	if (env && *env)
		return xstrdup(env);
	char *program = path_of_program();
	if (program) {
		char *bin = path_dirname(program);
		char *lib = path_join(bin, "../share/assay/rules/lib");
		free(bin);
		free(program);
		if (path_is_folder(lib))
			return lib;
		free(lib);
	}
	return xstrdup(ASSAY_RULES_LIB);
}

/* Where a module may come from: beside the rule file, its lib/, the
 * installed standard library. Returns a fresh path, or NULL with the
 * places looked at in `looked`; *library: found in a lib/ directory or
 * the installed library, not beside the rule file; *outside: found beside
 * the rule file or in its lib/, but a link to somewhere else. */
static char *find_module(const struct host *h, const char *name, struct sbuf *looked,
			 bool *library, bool *outside)
{
	char *rel = xstrdup(name);
	for (char *p = rel; *p; p++)
		if (*p == '.')
			*p = '/';
	char *lib = path_join(h->rules_dir, "lib"), *std = standard_library();
	const char *dirs[] = {lib, h->rules_dir, std};
	char *found = NULL;
	for (size_t i = 0; i < 3 && !found; i++) {
		struct sbuf b = {0};
		sbuf_addf(&b, "%s/%s.lua", dirs[i], rel);
		char *candidate = path_join(".", sbuf_str(&b));
		sbuf_release(&b);
		sbuf_addf(looked, "%s%s", i ? ", " : "", candidate);
		/* not opened here: a FIFO would block (load_source refuses it) */
		if (file_texts_readable(candidate)) {
			found = candidate;
			*library = i != 1;
			*outside = i < 2 && path_within(candidate, h->rules_dir) != 1;
		} else {
			free(candidate);
		}
	}
	free(lib);
	free(std);
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
		return luaL_error(L, _("module name '%s' is not valid: use letters, digits, '_' and '.'"), name);
	struct sbuf looked = {0};
	bool library = false, outside = false;
	char *path = find_module(h, name, &looked, &library, &outside);
	if (!path) {
		lua_pushfstring(L, _("module '%s' not found (looked for %s): rules may require only "
				"Lua files beside the rule file, in its lib/ directory or in the "
				"standard library ($ASSAY_RULES_LIB)"), name, sbuf_str(&looked));
		sbuf_release(&looked);
		luaL_where(L, 1);
		lua_insert(L, -2);
		lua_concat(L, 2);
		return lua_error(L);
	}
	sbuf_release(&looked);
	if (h->frozen) {
		free(path);
		return luaL_error(L, _("require '%s': modules are loaded while the rule file loads "
				  "(require it at the top of the rule file)"), name);
	}
	if (outside) {
		lua_pushfstring(L, _("module '%s': '%s' leads outside the rule file's folder"), name, path);
		free(path);
		luaL_where(L, 1);
		lua_insert(L, -2);
		lua_concat(L, 2);
		return lua_error(L);
	}
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
	freeze_module(L, -1, name);                 /* shared by every rule */
	lua_pushvalue(L, -1);
	lua_setfield(L, lua_upvalueindex(1), name);
	return 1;
}

const char *const *host_sources(const struct host *h, size_t *n)
{
	*n = h->nsources;
	return (const char *const *)h->sources;
}
