/* host_item: asking the rules about one item (its completion, score and
 * light, or a derived figure) with the table `it` they read, and checking
 * what they answer; what asking about a card shares with it. */
#include "host_internal.h"
#include "lang.h"
#include "plan_target.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The fields of the table on top of the stack; a NAN number is nil. */
void set_number(lua_State *L, const char *key, double v)
{
	if (isnan(v))
		lua_pushnil(L);
	else
		lua_pushnumber(L, v);
	lua_setfield(L, -2, key);
}

void set_string(lua_State *L, const char *key, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, key);
}

void set_integer(lua_State *L, const char *key, long v)
{
	lua_pushinteger(L, (lua_Integer)v);
	lua_setfield(L, -2, key);
}

void set_bool(lua_State *L, const char *key, bool v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, key);
}

void function_where(lua_State *L, int idx, char *buf, size_t size)
{
	lua_Debug ar;
	lua_pushvalue(L, idx);
	if (lua_getinfo(L, ">S", &ar) && ar.linedefined > 0)
		snprintf(buf, size, "%s:%d", ar.short_src, ar.linedefined);
	else
		snprintf(buf, size, "%s", host_of(L)->rules_path);
}

/* Calls the rule at registry ref with the table at arg; leaves the
 * function at the returned index and its nres results above it. */
int call_rule(lua_State *L, int ref, int arg, int nres)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	int fn = lua_gettop(L);
	lua_pushvalue(L, fn);
	lua_pushvalue(L, arg);
	lua_call(L, 1, nres);
	call_done(L, host_of(L));
	return fn;
}

static int wrong_result(lua_State *L, int fn, int idx, const char *stage, const char *want)
{
	char where[200];
	function_where(L, fn, where, sizeof where);
	return luaL_error(L, _("%s: the %s rule returned %s, not %s"), where, stage,
			  luaL_typename(L, idx), _(want));
}

/* A result that must be a finite number (or nil when allowed). */
double number_result(lua_State *L, int fn, int idx, const char *stage, bool allow_nil)
{
	if (allow_nil && lua_isnil(L, idx))
		return NAN;
	if (lua_type(L, idx) != LUA_TNUMBER)
		wrong_result(L, fn, idx, stage, allow_nil ? N_("a number or nil") : N_("a number"));
	/* beyond 2^53 an integer result has wrapped or lost digits: overflow */
	lua_Integer i = lua_tointeger(L, idx);
	if (lua_isinteger(L, idx) && (i > (1LL << 53) || i < -(1LL << 53))) {
		char where[200];
		function_where(L, fn, where, sizeof where);
		luaL_error(L, _("%s: the %s rule returned %I, an integer too large to "
			   "be a figure (an integer overflow?)"), where, stage, i);
	}
	double v = lua_tonumber(L, idx);
	if (!isfinite(v)) {
		char where[200];
		function_where(L, fn, where, sizeof where);
		luaL_error(L, _("%s: the %s rule returned %s, not a finite number"), where, stage,
			   isnan(v) ? "nan (0/0?)" : "an infinite number (divided by zero?)");
	}
	return v;
}

/* ---- texts kept from the rules ------------------------------------------ */

void add_cut(struct sbuf *out, const char *s, size_t len)
{
	if (len <= HOST_MAX_TEXT) {
		sbuf_addn(out, s, len);
		return;
	}
	size_t n = HOST_MAX_TEXT;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)  /* a character's start */
		n--;
	sbuf_addn(out, s, n);
	sbuf_addf(out, _("…(cut at %d bytes)"), HOST_MAX_TEXT);
}

text_ref keep_text(lua_State *L, struct board *b, int fn, const char *s, size_t len)
{
	struct host *h = host_of(L);
	struct sbuf cut = {0};
	if (len > HOST_MAX_TEXT) {
		add_cut(&cut, s, len);
		s = cut.s;
		len = cut.len;
	}
	size_t budget = h->limits.max_run_memory;
	if (budget && (h->run_text > budget || len > budget - h->run_text)) {
		char where[200];
		sbuf_release(&cut);
		function_where(L, fn, where, sizeof where);
		h->kill = "run memory";         /* no pcall of the rule may go on */
		return (text_ref)luaL_error(L, _("%s: the run's memory budget is spent (%d MiB of "
					    "reasons and messages, --max-run-memory): scoring stops"),
					    where, (int)(budget >> 20));
	}
	h->run_text += len;
	text_ref ref = board_text_add(b, s, len);
	sbuf_release(&cut);
	return ref;
}

text_ref keep_error(struct host *h, struct board *b, const struct sbuf *message)
{
	h->run_text += message->len;
	if (h->limits.max_run_memory && h->run_text > h->limits.max_run_memory)
		spend(h, message);
	return board_text_add(b, message->s, message->len);
}

/* A reason: a string, or a list of strings joined with "；" (every reason
 * a verdict has). */
text_ref reason_result(lua_State *L, struct board *b, int fn, int idx, const char *stage)
{
	if (lua_isnil(L, idx))
		return 0;
	if (lua_type(L, idx) == LUA_TSTRING) {
		size_t len;
		const char *s = lua_tolstring(L, idx, &len);
		return keep_text(L, b, fn, s, len);
	}
	if (lua_type(L, idx) != LUA_TTABLE)
		wrong_result(L, fn, idx, stage, N_("a reason (a string or a list of strings)"));
	struct sbuf all = {0};
	push_contents(L, idx);                  /* a list the rule file made: a view */
	idx = lua_gettop(L);
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	for (lua_Integer k = 1; k <= n; k++) {
		if (lua_rawgeti(L, idx, k) != LUA_TSTRING) {
			sbuf_release(&all);
			wrong_result(L, fn, lua_gettop(L), stage, N_("a string in its list of reasons"));
		}
		if (all.len <= HOST_MAX_TEXT) /* past it, the rest would be cut */
			sbuf_addf(&all, "%s%s", k > 1 ? "；" : "", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	text_ref ref = keep_text(L, b, fn, sbuf_str(&all), all.len);
	sbuf_release(&all);
	lua_pop(L, 1);
	return ref;
}

/* "\"green\", \"yellow\" or \"red\"": the names a light rule may return. */
static void list_lights(const struct light_set *set, char *out, size_t size)
{
	size_t len = 0;
	for (int k = 0; k < set->n && len < size; k++)
		len += (size_t)snprintf(out + len, size - len, "%s\"%s\"",
					k == 0 ? "" : k == set->n - 1 ? " or " : ", ", set->names[k]);
}

/* The light a rule returned: one of the set's names, or a role of the
 * standard library's (green: the first, yellow: the second, red: the last). */
static int light_result(lua_State *L, const struct light_set *set, int fn, int idx)
{
	int light = lua_type(L, idx) == LUA_TSTRING ? light_by_name(set, lua_tostring(L, idx)) : 0;
	if (light)
		return light;
	char where[200], names[LIGHTS_MAX * (LIGHT_NAME_MAX + 6)];
	function_where(L, fn, where, sizeof where);
	list_lights(set, names, sizeof names);
	luaL_error(L, _("%s: the light rule returned %s%s%s, not %s"), where,
		   lua_type(L, idx) == LUA_TSTRING ? "'" : "",
		   lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : luaL_typename(L, idx),
		   lua_type(L, idx) == LUA_TSTRING ? "'" : "", names);
	return LIGHT_NONE;
}

static void set_date(lua_State *L, const char *key, int date)
{
	char text[DATE_TEXT];
	if (date)
		lua_pushstring(L, date_format(date, text));
	else
		lua_pushnil(L);
	lua_setfield(L, -2, key);
}

/* The target as the rules see it: form, target, target_high, base,
 * yearly_average. */
static void set_target(lua_State *L, const struct plan_target *t, const struct item *it)
{
	set_string(L, "form", target_form_name(t->form));
	set_bool(L, "yearly_average", t->yearly_average);
	set_number(L, "target", it->target);
	set_number(L, "target_high", t->high);
	set_number(L, "base", t->base);
	set_number(L, "since", t->since ? t->since : NAN);
}

/* What a task's item adds: deadline, done, done_on, late_days, overdue. */
static void set_task(lua_State *L, const struct plan_indicator *ind, const struct item *it)
{
	set_date(L, "deadline", ind->deadline);
	set_bool(L, "done", it->done_on != 0);
	set_date(L, "done_on", it->done_on);
	set_integer(L, "late_days", it->flags & FLAG_LATE
		    ? date_days(it->done_on) - date_days(ind->deadline) : 0);
	set_bool(L, "overdue", it->flags & FLAG_OVERDUE);
}

/* Where the figure comes from: as_of, carried, review, flags, note. */
static void set_provenance(lua_State *L, struct host *h, const struct item *it)
{
	char text[PERIOD_TEXT];
	struct period as_of = {h->board->period.year, PERIOD_MONTH, it->as_of};
	struct sbuf words = {0};
	if (it->as_of)
		set_string(L, "as_of", period_format(&as_of, text));
	else
		set_number(L, "as_of", NAN);
	set_bool(L, "carried", it->flags & FLAG_CARRIED);
	set_bool(L, "review", it->flags & FLAGS_REVIEW);
	item_flag_words(it->flags, &words);
	set_string(L, "flags", sbuf_str(&words));
	sbuf_release(&words);
	set_string(L, "note", board_text(h->board, it->note));
}

/* Fills `it` for the current item. */
static void fill_item_table(lua_State *L, struct host *h)
{
	const struct plan *p = h->plan;
	const struct plan_unit *u = &p->units[h->unit];
	const struct item *it = h->item;
	const struct plan_indicator *ind = &p->indicators[it->indicator];
	uint32_t a = it->assignment;
	char period[PERIOD_TEXT];
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->item_ref);
	set_string(L, "unit", u->id);
	set_string(L, "unit_name", u->name);
	set_string(L, "group", p->groups[u->group].id);
	set_string(L, "indicator", ind->id);
	set_string(L, "name", ind->name);
	set_string(L, "measure", ind->measure);
	set_string(L, "kind", indicator_kind_name(ind->kind));
	/* a growth is a rate, whatever it grows from */
	set_bool(L, "cumulative", indicator_accumulates(ind->kind) &&
		 plan_target_form(p, &p->assignments[a]) != FORM_GROWTH);
	set_string(L, "direction", ind->lower_is_better ? "lower" : "higher");
	set_bool(L, "binding", ind->binding);
	set_string(L, "period", period_format(&h->board->period, period));
	set_integer(L, "month", period_end_month(&h->board->period));
	set_integer(L, "year", h->board->period.year);
	set_integer(L, "end_year", p->end_year);
	set_number(L, "progress", item_progress(h->board, it));
	set_number(L, "actual", it->actual);
	set_bool(L, "missing", it->flags & FLAG_MISSING);
	set_number(L, "reported", it->reported);
	set_number(L, "increment", item_trend(h->board, it)->increment);
	set_number(L, "last_year", item_trend(h->board, it)->last_year);
	struct plan_target target = plan_target_of(p, &p->assignments[a]);
	set_target(L, &target, it);
	set_task(L, ind, it);
	set_provenance(L, h, it);
	set_number(L, "weight", item_weight(h->board, it));
	set_number(L, "completion", NAN);
	set_number(L, "score", NAN);
}

/* Tells the trace, if any, which rule is asked next about the item under
 * way, or about the card (item -1). */
void enter_rule(struct host *h, int unit, long item, const char *stage)
{
	if (h->trace)
		trace_enter(h->trace, unit, item, stage);
}

bool host_traces(const struct host *h, int unit)
{
	return h->trace && h->trace->unit == unit;
}

static void enter_item(struct host *h, enum rule_kind kind)
{
	enter_rule(h, h->unit, h->item - h->board->items, rule_kind_names[kind]);
}

static int item_job(lua_State *L)
{
	struct host *h = host_of(L);
	struct item *item = h->item;
	int ind = item->indicator;
	fill_item_table(L, h);                  /* the table, */
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->item_view_ref);
	int it = lua_gettop(L);                 /* and the view the rules read */

	enter_item(h, RULE_COMPLETION);
	int fn = call_rule(L, h->rule_fn[RULE_COMPLETION][ind], it, 1);
	item->completion = number_result(L, fn, fn + 1, "completion", true);
	lua_settop(L, it - 1);
	set_number(L, "completion", item->completion);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->item_view_ref);

	enter_item(h, RULE_SCORE);
	fn = call_rule(L, h->rule_fn[RULE_SCORE][ind], it, 2);
	item->score = number_result(L, fn, fn + 1, "score", false);
	text_ref score_reason = reason_result(L, h->board, fn, fn + 2, "score");
	lua_settop(L, it - 1);
	set_number(L, "score", item->score);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->item_view_ref);

	enter_item(h, RULE_LIGHT);
	fn = call_rule(L, h->rule_fn[RULE_LIGHT][ind], it, 2);
	item->light = (uint8_t)light_result(L, &h->board->lights, fn, fn + 1);
	text_ref light_reason = reason_result(L, h->board, fn, fn + 2, "light");
	item->reason = light_reason ? light_reason : score_reason;
	return 0;
}

static void context_of_item(const struct host *h, char *buf, size_t size)
{
	snprintf(buf, size, _("unit %s, indicator %s"), h->plan->units[h->unit].name,
		 h->plan->indicators[h->item->indicator].id);
}

/* Runs job for one item; a failure leaves its message in item->error. */
static int run_item_job(struct host *h, struct board *b, int unit, struct item *item,
			lua_CFunction job)
{
	h->board = b;
	h->unit = unit;
	h->item = item;
	char context[512];
	context_of_item(h, context, sizeof context);
	struct sbuf err = {0};
	int rc = protected_run(h, job, context, &err);
	if (rc != 0) {
		item->error = keep_error(h, b, &err);
		item->light = LIGHT_NONE;
	}
	sbuf_release(&err);
	return rc;
}

/* The standard library's rules for an item, in C: the same completion,
 * score, light and reason as through Lua, at a fraction of the cost. */
static void score_natively(const struct native_rules *n, struct board *b, struct item *it)
{
	struct std_figure f;
	std_figure_of(b, it, &f);
	it->completion = std_completion(&f);
	it->score = std_ratio_score(&n->ratio, &f, it->completion);
	it->light = (uint8_t)light_of_role(&b->lights,
					   std_time_progress_light(&n->light, &f, it->completion));
	it->reason = REASON_DEFERRED; /* std.time_progress's, written by the engine */
}

int host_score_item(struct host *h, struct board *b, int unit, struct item *item)
{
	const struct native_rules *n = &h->native[item->indicator];
	if (n->on && !host_traces(h, unit)) {
		score_natively(n, b, item);
		return 0;
	}
	return run_item_job(h, b, unit, item, item_job);
}

static int derive_job(lua_State *L)
{
	struct host *h = host_of(L);
	const struct plan_indicator *ind = &h->plan->indicators[h->item->indicator];
	lua_createtable(L, 0, (int)h->ninputs + 2);  /* v */
	for (size_t j = 0; j < h->ninputs; j++)
		set_number(L, h->plan->indicators[h->inputs[j]->indicator].id, h->inputs[j]->actual);
	set_string(L, "unit", h->plan->units[h->unit].id);
	enter_item(h, RULE_DERIVE);
	int fn = call_rule(L, h->rule_fn[RULE_DERIVE][h->item->indicator], lua_gettop(L), 1);
	char stage[160];
	snprintf(stage, sizeof stage, "derive.%s", ind->id);
	h->item->actual = number_result(L, fn, fn + 1, stage, true);
	if (isnan(h->item->actual))
		h->item->flags |= FLAG_MISSING;
	return 0;
}

int host_derive(struct host *h, struct board *b, int unit, struct item *item,
		const struct item *const *inputs, size_t ninputs)
{
	h->inputs = inputs;
	h->ninputs = ninputs;
	return run_item_job(h, b, unit, item, derive_job);
}
