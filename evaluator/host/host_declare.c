/* host_declare: what rule files declare: the rule tables they fill
 * (score.default = ...), weights { ... }, params { ... }, lights { ... }
 * and verdict_lines { ... }, checked against the plan as they run. */
#include "host_internal.h"
#include "lang.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "names.h"
#include "numbers.h"
#include "std_core.h"

const char *const rule_kind_names[RULE_KINDS] = {"completion", "score", "light", "derive"};

/* Raises an error unless key names an indicator (or, for the rule tables,
 * "default" or "tasks"). */
void check_rule_key(lua_State *L, const char *table, int key, bool allow_reserved)
{
	static const char *const reserved[] = {"default", "tasks"};
	struct host *h = host_of(L);
	if (lua_type(L, key) != LUA_TSTRING)
		luaL_error(L, _("%s: keys must be indicator ids, not %s"), table, luaL_typename(L, key));
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
	luaL_error(L, _("%s.%s: the plan has no indicator '%s'%s"), table, name, name, hint);
}

/* A rule set to nil, most likely a misspelt name on the right
 * (score.default = std.rato): Lua reads it as nil and no rule is set. */
static void warn_nil_rule(lua_State *L, const char *name)
{
	struct host *h = host_of(L);
	luaL_where(L, 1);
	sbuf_addf(&h->warnings, _("%swarning: %s is set to nil, so no rule is set (is the name on "
		  "the right misspelt?)\n"), lua_tostring(L, -1), name);
	lua_pop(L, 1);
}

/* __newindex of score/completion/light: score.<id> = function. */
static int rule_table_set(lua_State *L)
{
	const char *table = lua_tostring(L, lua_upvalueindex(2));
	check_rule_key(L, table, 2, strcmp(table, "derive") != 0);
	if (!lua_isnil(L, 3) && !lua_isfunction(L, 3))
		return luaL_error(L, _("%s.%s must be a function, not %s"), table, lua_tostring(L, 2),
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
	if (h->frozen)
		return luaL_error(L, _("weights { ... } is declared while the rule file loads, not in a rule"));
	push_contents(L, 1);                    /* a table of a module: a view */
	lua_replace(L, 1);
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
			return luaL_error(L, _("weights.%s must be a number of points (0 or more), not %s"),
					  id, luaL_typename(L, -1));
		lua_pushvalue(L, -2);
		lua_pushvalue(L, -2);
		lua_rawset(L, lua_upvalueindex(1));
		lua_pop(L, 1);
	}
	return 0;
}

/* ---- lights -------------------------------------------------------------- */

/* Names a card's table has already: a light may not take one. */
static bool card_field(const char *name)
{
	static const char *const fields[] = {
		"unit", "name", "group", "period", "progress", "score", "weight", "total", "rank",
		"group_size", "missing", "review", "items", "adjustments", "lights"};
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
		if (strcmp(fields[k], name) == 0)
			return true;
	return false;
}

/* A light's name: an id (blue, orange), new in the set, and no field of
 * the card, where its count is read (card.orange). */
static void check_light_name(lua_State *L, const struct light_set *set, int k)
{
	if (lua_type(L, -1) != LUA_TSTRING)
		luaL_error(L, _("lights[%d] must be a name such as \"red\", not %s"), k,
			   luaL_typename(L, -1));
	const char *name = lua_tostring(L, -1);
	bool id = *name && strlen(name) < LIGHT_NAME_MAX;
	for (const char *c = name; id && *c; c++)
		id = (*c >= 'a' && *c <= 'z') || *c == '_' || (c > name && *c >= '0' && *c <= '9');
	if (!id)
		luaL_error(L, _("lights[%d]: '%s' is not a light's name: lower-case letters, digits "
			   "and '_', at most %d bytes (blue, orange)"), k, name, LIGHT_NAME_MAX - 1);
	if (card_field(name))
		luaL_error(L, _("lights[%d]: '%s' is a field of the card already: name the light "
			   "otherwise"), k, name);
	for (int j = 0; j < set->n; j++)
		if (strcmp(set->names[j], name) == 0)
			luaL_error(L, _("lights[%d]: '%s' is listed twice"), k, name);
}

/* lights { "blue", "yellow", "orange", "red" }: the lights, best first;
 * the last is the red light. */
static int declare_lights(lua_State *L)
{
	struct host *h = host_of(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (h->frozen)
		return luaL_error(L, _("lights { ... } is declared while the rule file loads, not in a rule"));
	if (h->lights_declared)
		return luaL_error(L, _("lights { ... } is declared twice"));
	push_contents(L, 1);                    /* a table of a module: a view */
	lua_replace(L, 1);
	lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
	if (n < 2 || n > LIGHTS_MAX)
		return luaL_error(L, _("lights { ... } lists %d lights: from 2 to %d, best first "
				  "(lights { \"blue\", \"yellow\", \"orange\", \"red\" })"), (int)n,
				  LIGHTS_MAX);
	struct light_set set = {0};
	for (lua_Integer k = 1; k <= n; k++) {
		lua_rawgeti(L, 1, k);
		check_light_name(L, &set, (int)k);
		snprintf(set.names[set.n++], LIGHT_NAME_MAX, "%s", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	h->lights = set;
	h->lights_declared = true;
	return 0;
}

const struct light_set *host_lights(const struct host *h)
{
	return &h->lights;
}

/* ---- verdict lines ------------------------------------------------------ */

/* verdict_lines.<key>: a finite number of points, or absent (NAN). */
static double verdict_line(lua_State *L, const char *key)
{
	int t = lua_getfield(L, 1, key);
	double v = NAN;
	if (t == LUA_TNUMBER && isfinite(lua_tonumber(L, -1)))
		v = lua_tonumber(L, -1);
	else if (t != LUA_TNIL)
		luaL_error(L, "verdict_lines.%s must be a total (a number of points), not %s", key,
			   t == LUA_TNUMBER ? "infinity or NaN" : luaL_typename(L, -1));
	lua_pop(L, 1);
	return v;
}

/* verdict_lines { commendation = 90, red_light = 60 }: the totals the
 * verdict rules commend and give a red light at, for the report's charts
 * to draw (the rules themselves decide the verdicts). */
static int declare_verdict_lines(lua_State *L)
{
	static const char *const keys[] = {"commendation", "red_light"};
	struct host *h = host_of(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (h->frozen)
		return luaL_error(L, "verdict_lines { ... } is declared while the rule file loads, "
				  "not in a rule");
	if (h->lines_declared)
		return luaL_error(L, "verdict_lines { ... } is declared twice");
	push_contents(L, 1);                    /* a table of a module: a view */
	lua_replace(L, 1);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
		if (strcmp(key, keys[0]) != 0 && strcmp(key, keys[1]) != 0)
			return luaL_error(L, "verdict_lines: '%s' is no verdict line: commendation or "
					  "red_light (verdict_lines { commendation = P.commend_at })",
					  *key ? key : luaL_typename(L, -2));
		lua_pop(L, 1);
	}
	h->lines.commendation = verdict_line(L, keys[0]);
	h->lines.red_light = verdict_line(L, keys[1]);
	h->lines_declared = true;
	return 0;
}

/* What the rule file declares; without a declaration, std.commend
 * { total = T }'s T is the commendation line, as that rule is. */
struct verdict_lines host_verdict_lines(const struct host *h)
{
	const struct std_option_decl *total = &std_options[STD_COMMEND_TOTAL];
	struct verdict_lines lines = h->lines;
	struct made_rule m;
	if (!h->lines_declared && host_rule_made(h, "commend", -1, &m) &&
	    strcmp(m.name, total->rule) == 0)
		lines.commendation = made_option(&m, total->name, NAN);
	return lines;
}

/* ---- rule parameters --------------------------------------------------- */

static double param_bound(lua_State *L, int spec, const char *name, const char *key, double dflt)
{
	int t = lua_getfield(L, spec, key);
	double v = dflt;
	if (t == LUA_TNUMBER)
		v = lua_tonumber(L, -1);
	else if (t != LUA_TNIL)
		luaL_error(L, _("params.%s: '%s' must be a number"), name, key);
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
		luaL_error(L, _("%s%s=%s is outside its range %s..%s"), given, p->name, v, lo, hi);
	size_t n;
	luaL_where(L, 1);
	const char *where = lua_tolstring(L, -1, &n); /* "rules/x.lua:12: ", or "" */
	if (n > 2)
		snprintf(declared, sizeof declared, " (declared at %.*s)", (int)(n - 2), where);
	lua_pushfstring(L, _("%s%s=%s is outside its range %s..%s%s"), given, p->name, v, lo, hi,
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
		luaL_error(L, _("params.%s must be {default = n, min = a, max = b, about = \"...\"}"), name);
	struct host_param p = {.name = xstrdup(name)};
	h->params = xrealloc(h->params, (h->nparams + 1) * sizeof *h->params);
	h->params[h->nparams++] = p;
	struct host_param *q = &h->params[h->nparams - 1];
	if (lua_getfield(L, spec, "default") != LUA_TNUMBER)
		luaL_error(L, _("params.%s needs a number 'default'"), name);
	q->dflt = lua_tonumber(L, -1);
	lua_pop(L, 1);
	if (lua_getfield(L, spec, "about") != LUA_TSTRING)
		luaL_error(L, _("params.%s needs 'about': what it means, in the plan's language"), name);
	q->about = xstrdup(lua_tostring(L, -1));
	lua_pop(L, 1);
	q->min = param_bound(L, spec, name, "min", -HUGE_VAL);
	q->max = param_bound(L, spec, name, "max", HUGE_VAL);
	if (q->dflt < q->min || q->dflt > q->max) {
		char v[64], lo[64], hi[64];
		luaL_error(L, _("params.%s: the default %s is outside its range %s..%s"), name,
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
	if (h->frozen)
		return luaL_error(L, _("params { ... } is declared while the rule file loads, not in a rule"));
	if (h->params_declared)
		return luaL_error(L, _("params { ... } is declared once per rule file"));
	push_contents(L, 1);
	lua_replace(L, 1);
	h->params_declared = true;
	lua_newtable(L);                        /* values */
	lua_pushnil(L);
	while (lua_next(L, 1)) {                /* values, name, spec */
		if (lua_type(L, -2) != LUA_TSTRING || !is_valid_id(lua_tostring(L, -2)))
			return luaL_error(L, _("params: names are words such as red_margin"));
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
	luaL_error(L, _("%s: %s declares no parameter '%s'%s"), given, h->rules_path, name, hint);
}

/* Every --param, and every value the plan gives, must name a declared
 * parameter. */
void check_overrides(lua_State *L, struct host *h)
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

const struct host_param *host_params(const struct host *h, size_t *n)
{
	*n = h->nparams;
	return h->params;
}

/* Puts what rule files declare with into the environment on top of the
 * stack: the rule tables, weights, params, lights and verdict_lines. */
void declare_in_environment(lua_State *L, struct host *h)
{
	for (int k = 0; k < RULE_KINDS; k++)
		make_rule_table(L, h, (enum rule_kind)k);
	lua_newtable(L);
	lua_pushvalue(L, -1);
	h->weights_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushcclosure(L, declare_weights, 1);
	lua_setfield(L, -2, "weights");
	lua_pushcfunction(L, declare_params);
	lua_setfield(L, -2, "params");
	lua_pushcfunction(L, declare_lights);
	lua_setfield(L, -2, "lights");
	lua_pushcfunction(L, declare_verdict_lines);
	lua_setfield(L, -2, "verdict_lines");
}

const char *host_weights_where(const struct host *h)
{
	return h->weights_where;
}
