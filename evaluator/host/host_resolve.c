/* host_resolve: once the rule file has run, which rule answers for which
 * indicator (its own, "default", "tasks" or the standard library's), and
 * which of them C runs without Lua; what the file does that is most likely
 * a mistake (assay check); and where each rule came from (assay explain). */
#include "host_internal.h"
#include "lang.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "std_lua.h"
#include "trace_lua.h"

/* What a task falls back on when the rules name neither it nor "tasks":
 * std.completion, and the rules std.task {} and std.task_light {} make. */
static const char *const task_defaults[RULE_KINDS] = {"completion", "task", "task_light", NULL};

static void push_env_field(lua_State *L, struct host *h, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_ref);
	push_contents(L, -1);
	lua_pushstring(L, name);
	lua_rawget(L, -2);
	lua_replace(L, -3);
	lua_pop(L, 1);
}

static void push_std_function(lua_State *L, const char *name)
{
	push_env_field(L, host_of(L), "require"); /* the sandbox's, with its cache */
	lua_pushstring(L, "std");
	lua_call(L, 1, 1);
	if (!lua_istable(L, -1))
		luaL_error(L, _("the standard library 'std' did not return a table"));
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	if (!lua_isfunction(L, -1))
		luaL_error(L, _("the standard library has no function '%s'"), name);
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
		luaL_error(L, _("%s: '%s' must be a function or a table of rules by indicator, not %s"),
			   h->rules_path, name, luaL_typename(L, -1));
	push_contents(L, -1);                   /* a module's table: a view */
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		check_rule_key(L, name, -1, kind != RULE_DERIVE);
	}
	lua_pop(L, 1);
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
		luaL_error(L, _("%s: indicator '%s' is derived: compute it with derive.%s = "
			   "function(v) ... end"), h->rules_path, ind->id, ind->id);
	luaL_error(L, _("%s: no %s rule for indicator '%s': set %s.%s or %s.%s"), h->rules_path,
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
		luaL_error(L, _("%s: '%s' must be a function of the unit's card, not %s"),
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
			luaL_error(L, _("%s: no weight for indicator '%s': add it (or a default) to "
				   "weights { ... }"), h->rules_path, id);
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

/* ---- what is most likely a mistake, for assay check -------------------- */

/* A global the rules set that is none of the names assay asks for: most
 * likely a misspelt rule ('comend'), else a helper that should be local. */
static void warn_unknown_globals(lua_State *L, struct host *h)
{
	/* the rules, then what the rules call ('wieghts = {...}' means weights) */
	static const char *const rules[] = {"total",  "commend", "red_light", "veto",
					    "adjust", "score",   "completion", "light", "derive",
					    "weights", "params", "lights", "verdict_lines"};
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
			sbuf_addf(&h->warnings, _("%swarning: '%s' is not a rule assay asks for (did you "
				  "mean '%s'?)\n"), lua_tostring(L, -1), name, near);
		else if (!known)
			sbuf_addf(&h->warnings, _("%swarning: '%s' is set as a global: make it local, or "
				  "name a rule (total, commend, red_light, veto, adjust)\n"),
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
		sbuf_addf(&h->warnings, _("%swarning: %s is never asked: %s\n"), sbuf_str(&place),
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
			sbuf_addf(&h->warnings, _("%swarning: weights.%s is never used: the indicator is "
				  "not scored (scored: false in the plan)\n"),
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

/* ---- where each rule came from, and the library rules made ------------- */

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
		sbuf_addf(out, _("%s: the rules set none"), o.name);
	else if (o.for_all)
		sbuf_addf(out, _("%s, one rule for all indicators"), o.name);
	else if (o.library_default && rule_kind_of(rule) < RULE_KINDS)
		sbuf_addf(out, _("the standard library's default %s rule"), o.name);
	else if (o.library_default)
		sbuf_addf(out, _("%s (the standard library's default)"), o.name);
	else
		sbuf_addf(out, *o.at ? _("%s at %s") : "%s%s", o.name, o.at);
}

const char *host_warnings(const struct host *h)
{
	return sbuf_str(&h->warnings);
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
	push_contents(L, -1);                   /* frozen once the rules loaded */
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

/* ---- the standard library's rules that C runs without Lua -------------- */

/* Whether the rule of kind for indicator i is the C function fn; leaves
 * the rule on the stack. */
static bool rule_is(lua_State *L, const struct host *h, enum rule_kind kind, size_t i,
		    lua_CFunction fn)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->rule_fn[kind][i]);
	return lua_tocfunction(L, -1) == fn;
}

/* Notes the indicators whose three rules are the standard library's C ones.
 * A host that traces (explain) scores the traced unit's items through the
 * rules, whose steps are noted (host_traces). */
static void find_native_rules(lua_State *L, struct host *h)
{
	int top = lua_gettop(L);
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
 * (explain) runs them in Lua for the traced unit, which notes their steps. */
static enum native_total find_native_total(lua_State *L, const struct host *h)
{
	if (h->total_fn == LUA_NOREF)
		return TOTAL_IN_LUA;
	if (rule_is_std(L, h->total_fn, "sum"))
		return TOTAL_SUM;
	if (rule_is_std(L, h->total_fn, "weighted_share"))
		return TOTAL_WEIGHTED_SHARE;
	return TOTAL_IN_LUA;
}

/* Looks up every rule the plan needs once the rule file has run, and notes
 * what the file does that is most likely a mistake. */
void resolve_rules(lua_State *L, struct host *h)
{
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
}
