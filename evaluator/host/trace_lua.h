/* trace_lua: the Lua side of the trace (trace.h), for the host and the
 * standard library's binding alone. */
#ifndef ASSAY_TRACE_LUA_H
#define ASSAY_TRACE_LUA_H

#include <lua.h>

#include "trace.h"

/* Registers the function at idx as made by `name` (the options table at
 * options, or 0 for none), with the line of the rule file that made it:
 * the nearest Lua caller outside the standard library. */
void trace_made(lua_State *L, int idx, const char *name, int options);
/* Marks a Lua chunk (its source, "@path") as part of the standard
 * library, so that no rule is said to be made there. */
void trace_library_source(lua_State *L, const char *source);
/* Pushes the options table of the rule at idx and returns its name, or
 * pushes nothing and returns NULL when the standard library did not make
 * it. *made_at gets where it was made ("" when unknown): a string owned
 * by the Lua state, valid while the options table is on the stack. */
const char *trace_made_rule(lua_State *L, int idx, const char **made_at);
/* Appends a step from a C function of the standard library, at the rule
 * running at stack level `level` (0: that function itself). */
struct trace_step *trace_add_from(lua_State *L, struct trace *t, int level,
				  const char *function, const char *text);
/* note(function, text, name, value, ...): a step with its values, from the
 * library's Lua functions; the upvalue is the trace. */
int trace_note(lua_State *L);

#endif
