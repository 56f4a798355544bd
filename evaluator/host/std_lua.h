/* std_lua: std.native, the standard library's C rules (std_core.h) bound
 * to Lua: rules/lib/std.lua requires it, and the host recognises the rules
 * it makes to run them without Lua. */
#ifndef ASSAY_STD_LUA_H
#define ASSAY_STD_LUA_H

#include <lua.h>

#include "std_core.h"
#include "trace.h"

/* The C functions behind std.native, for the host to recognise a rule
 * made by std.ratio {} or std.time_progress {} (lua_tocfunction). */
int std_native_completion(lua_State *L);
int std_native_ratio_rule(lua_State *L);
int std_native_time_progress_rule(lua_State *L);
/* Reads the parameters from such a rule's upvalues: the function at idx,
 * or with idx 0 the running rule itself. */
void std_native_ratio_params(lua_State *L, int idx, struct std_ratio *r);
void std_native_time_progress_params(lua_State *L, int idx, struct std_time_progress *t);

/* Pushes the std.native module table. With a trace, its rules note their
 * steps there and std.lua gets native.note for its own; without one
 * (NULL) they note nothing, at no cost. */
void std_native_push(lua_State *L, struct trace *trace);

#endif
