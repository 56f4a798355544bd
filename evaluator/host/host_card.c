/* host_card: asking the rules about a unit's card: its total (with the
 * bonus and deduction items), commendation, red light and veto, with the
 * card table they read; and the totals of the standard library in C. */
#include "host_internal.h"
#include "lang.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define CARD_WHY "the card is read-only in rules"

/* Replaces the table on top by a read-only view of it, refused with the
 * function at refuse. */
static void read_only(lua_State *L, int refuse)
{
	push_view(L, -1, refuse);
	lua_remove(L, -2);
}

/* Pushes the registry's value at *ref, made by make (which pushes it)
 * when *ref is 0: what every card shares. */
static void push_shared(lua_State *L, int *ref, void (*make)(lua_State *L, struct host *h),
			struct host *h)
{
	if (!*ref) {
		make(L, h);
		*ref = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, *ref);
}

static void make_card_refuse(lua_State *L, struct host *h)
{
	(void)h;
	push_refuse(L, "card", CARD_WHY);
}

/* The function refusing writes to a card and what it holds. */
static void push_card_refuse(lua_State *L, struct host *h)
{
	push_shared(L, &h->card_refuse_ref, make_card_refuse, h);
}

static void make_no_adjustments(lua_State *L, struct host *h)
{
	lua_newtable(L);
	push_card_refuse(L, h);
	push_view(L, -2, -1);
	lua_replace(L, -3);
	lua_pop(L, 1);
}

/* The unit's bonus and deduction items within the period: a list of
 * {points, reason, source, period}; most cards have none, and share the
 * one empty list. */
static void push_adjustments(lua_State *L, struct host *h, int refuse)
{
	const struct board *b = h->board;
	char text[PERIOD_TEXT];
	const struct card *c = h->card;
	if (c->nadjustments == 0) {
		push_shared(L, &h->card_no_adjustments_ref, make_no_adjustments, h);
		return;
	}
	lua_createtable(L, c->nadjustments, 0);
	lua_Integer n = 0;
	for (int k = 0; k < c->nadjustments; k++) {
		const struct board_adjustment *a = &card_adjustments(b, c)[k];
		lua_createtable(L, 0, 4);
		set_number(L, "points", a->points);
		set_string(L, "reason", board_text(b, a->reason));
		set_string(L, "source", board_text(b, a->source));
		set_string(L, "period", period_format(&a->period, text));
		read_only(L, refuse);
		lua_rawseti(L, -2, ++n);
	}
	read_only(L, refuse);
}

/* card.items: in plan order, and by indicator id. */
static void push_card_items(lua_State *L, struct host *h)
{
	struct board *b = h->board;
	const struct card *c = h->card;
	const struct plan *p = h->plan;
	push_refuse(L, NULL, CARD_WHY);
	int refuse = lua_gettop(L);
	lua_createtable(L, (int)c->count, (int)c->count);
	for (size_t k = 0; k < c->count; k++) {
		struct item *it = &b->items[c->first + k];
		const struct plan_indicator *ind = &p->indicators[it->indicator];
		std_native_write_reason(b, it);
		lua_createtable(L, 0, 14);
		set_string(L, "indicator", ind->id);
		set_string(L, "name", ind->name);
		set_string(L, "status", item_status_name(it->status));
		set_bool(L, "binding", ind->binding);
		set_bool(L, "missing", it->flags & FLAG_MISSING);
		set_bool(L, "review", it->flags & FLAGS_REVIEW);
		set_number(L, "actual", it->actual);
		set_number(L, "target", it->target);
		set_number(L, "completion", it->completion);
		set_number(L, "score", it->score);
		set_number(L, "weight", item_weight(b, it));
		set_string(L, "light", light_name(b, it->light));
		set_string(L, "reason", board_text(b, it->reason));
		read_only(L, refuse);
		lua_pushvalue(L, -1);
		lua_rawseti(L, -3, (lua_Integer)k + 1);
		lua_setfield(L, -2, ind->id);
	}
	read_only(L, refuse);
	lua_remove(L, refuse);
}

/* The card's __index: its items, made on first reading (most totals and
 * verdicts read only the counts), while its rule runs: a card kept from
 * an earlier call is not the table of the job under way. */
static int card_index(lua_State *L)
{
	struct host *h = host_of(L);
	if (lua_type(L, 2) != LUA_TSTRING || strcmp(lua_tostring(L, 2), "items") != 0)
		return 0;
	if (!h->card_table || lua_topointer(L, 1) != h->card_table)
		return luaL_error(L, _("card.items can only be read while the rule given the card runs"));
	push_card_items(L, h);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 1);
	return 1;
}

/* Pushes the metatable every card shares. */
void push_card_metatable(lua_State *L)
{
	lua_createtable(L, 0, 2);
	lua_pushcfunction(L, card_index);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);                  /* shared: no rule may see or change it */
	lua_setfield(L, -2, "__metatable");
}

/* The card's count of each light by its name (card.orange), and by the
 * standard library's roles where no light has their name: card.red is
 * the count of the last light, which std.commend and std.red_light read. */
static void set_light_counts(lua_State *L, const struct light_set *set, const struct card *c)
{
	for (int k = 1; k <= set->n; k++)
		set_integer(L, set->names[k - 1], c->lights[k]);
	for (int role = LIGHT_GREEN; role <= LIGHT_RED; role++)
		if (light_by_name(set, default_lights.names[role - 1]) ==
		    light_of_role(set, (enum light)role))
			set_integer(L, default_lights.names[role - 1],
				    c->lights[light_of_role(set, (enum light)role)]);
}

static bool same_lights(const struct light_set *a, const struct light_set *b)
{
	if (a->n != b->n)
		return false;
	for (int k = 0; k < a->n; k++)
		if (strcmp(a->names[k], b->names[k]) != 0)
			return false;
	return true;
}

static void make_light_names(lua_State *L, struct host *h)
{
	const struct light_set *set = &h->card_lights;
	lua_createtable(L, set->n, 0);
	for (int k = 1; k <= set->n; k++) {
		lua_pushstring(L, set->names[k - 1]);
		lua_rawseti(L, -2, k);
	}
	push_card_refuse(L, h);
	push_view(L, -2, -1);
	lua_replace(L, -3);
	lua_pop(L, 1);
}

/* card.lights: the rules' lights, best first, read-only; the same list
 * for every card while the lights are the same. */
static void push_light_names(lua_State *L, struct host *h, const struct light_set *set)
{
	if (h->card_lights_ref && !same_lights(&h->card_lights, set)) {
		luaL_unref(L, LUA_REGISTRYINDEX, h->card_lights_ref);
		h->card_lights_ref = 0;
	}
	h->card_lights = *set;
	push_shared(L, &h->card_lights_ref, make_light_names, h);
}

/* Pushes the card table, then the read-only view of it rules see;
 * returns the view's index. */
static int push_card(lua_State *L, struct host *h)
{
	const struct board *b = h->board;
	const struct card *c = h->card;
	const struct plan *p = h->plan;
	const struct plan_unit *u = &p->units[c->unit];
	char period[PERIOD_TEXT];
	/* room for every field below without a rehash: 17 with three lights */
	lua_createtable(L, 0, 17 + b->lights.n);
	set_string(L, "unit", u->id);
	set_string(L, "name", u->name);
	set_string(L, "group", p->groups[u->group].id);
	set_string(L, "period", period_format(&b->period, period));
	set_number(L, "progress", b->progress);
	set_number(L, "score", c->score);
	set_number(L, "weight", c->weight);
	/* the total as the reader sees it: 59.995 is printed 60.00 and is 60 */
	set_number(L, "total", c->rank ? board_rank_value(c->total) : NAN);
	if (c->rank) {
		set_integer(L, "rank", c->rank);
		set_integer(L, "group_size", c->group_size);
	}
	set_light_counts(L, &b->lights, c);
	set_integer(L, "missing", c->missing);
	set_integer(L, "review", c->review);
	/* items: made when a rule first reads them */
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->card_meta_ref);
	lua_setmetatable(L, -2);
	h->card_table = lua_topointer(L, -1);
	push_card_refuse(L, h);
	push_adjustments(L, h, lua_gettop(L));
	lua_setfield(L, -3, "adjustments");
	push_light_names(L, h, &b->lights);
	lua_setfield(L, -3, "lights");
	push_view(L, -2, -1);                   /* card, refuse, view */
	lua_remove(L, -2);
	return lua_gettop(L);
}

/* The points of the card's bonus and deduction items (the rule 'adjust'),
 * added to the total. */
static void adjust_total(lua_State *L, struct host *h, int card)
{
	struct card *c = h->card;
	c->adjustment = 0;
	c->adjustment_reason = 0;
	if (c->nadjustments == 0)
		return;
	lua_pushnumber(L, c->base_total);
	lua_setfield(L, card - 1, "total");     /* the table behind the view */
	enter_rule(h, c->unit, -1, "adjust");
	int fn = call_rule(L, h->adjust_fn, card, 2);
	c->adjustment = number_result(L, fn, fn + 1, "adjust", false);
	c->adjustment_reason = reason_result(L, h->board, fn, fn + 2, "adjust");
	c->total = c->base_total + c->adjustment;
	lua_settop(L, card);
}

static int total_job(lua_State *L)
{
	struct host *h = host_of(L);
	int card = push_card(L, h);
	enter_rule(h, h->card->unit, -1, "total");
	int fn = call_rule(L, h->total_fn, card, 1);
	h->card->total = h->card->base_total = number_result(L, fn, fn + 1, "total", false);
	lua_settop(L, card);
	adjust_total(L, h, card);
	return 0;
}

/* Notes a verdict rule's answer in the trace: "yes (reason)", "no". */
static void trace_answer(struct host *h, const char *stage, bool yes, text_ref reason)
{
	struct sbuf text = {0};
	sbuf_add(&text, yes ? _("yes") : _("no"));
	if (reason)
		sbuf_addf(&text, _(" (%s)"), board_text(h->board, reason));
	struct trace_step *s = trace_add(h->trace, stage, NULL, sbuf_str(&text));
	sbuf_release(&text);
	trace_bool(s, "answer", yes);
	if (reason)
		trace_text(s, "reason", board_text(h->board, reason));
}

/* Asks one verdict rule; sets *yes and *reason. */
static void ask_verdict(lua_State *L, struct host *h, int ref, const char *stage, int card,
			bool *yes, text_ref *reason)
{
	*yes = false;
	*reason = 0;
	if (ref == LUA_NOREF)
		return;
	enter_rule(h, h->card->unit, -1, stage);
	int fn = call_rule(L, ref, card, 2);
	*yes = lua_toboolean(L, fn + 1);
	if (*yes)
		*reason = reason_result(L, h->board, fn, fn + 2, stage);
	lua_settop(L, card);
	if (h->trace)
		trace_answer(h, stage, *yes, *reason);
}

static bool failed_binding(const struct host *h, const struct item *it)
{
	/* the red light is the last of the rule file's lights */
	return h->plan->indicators[it->indicator].binding && it->light == h->board->lights.n;
}

/* Pushes the list of the card's binding items that are red, or nothing
 * (returns false) when there is none. card.items, which costs a table per
 * item, is made only when there is such an item. */
static bool push_failed_binding(lua_State *L, struct host *h, int card)
{
	const struct card *c = h->card;
	const struct item *items = &h->board->items[c->first];
	size_t k = 0;
	while (k < c->count && !failed_binding(h, &items[k]))
		k++;
	if (k == c->count)
		return false;
	int n = 0;
	lua_getfield(L, card, "items");         /* items */
	lua_newtable(L);                        /* items, failed */
	for (; k < c->count; k++) {
		if (!failed_binding(h, &items[k]))
			continue;
		lua_geti(L, -2, (lua_Integer)k + 1);
		lua_rawseti(L, -2, ++n);
	}
	lua_remove(L, -2);                      /* failed */
	return true;
}

/* A commendation stands unless a binding indicator failed (一票否决); the
 * rule 'veto' (std.veto by default) says why. */
static void check_veto(lua_State *L, struct host *h, int card, bool *commend)
{
	if (!*commend || !push_failed_binding(L, h, card))
		return;
	int failed = lua_gettop(L);
	enter_rule(h, h->card->unit, -1, "veto");
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->veto_fn);
	int fn = lua_gettop(L);
	lua_pushvalue(L, fn);
	lua_pushvalue(L, card);
	lua_pushvalue(L, failed);
	lua_call(L, 2, 1);
	call_done(L, h);
	h->card->veto = reason_result(L, h->board, fn, fn + 1, "veto");
	trace_add(h->trace, "veto", NULL, board_text(h->board, h->card->veto));
	*commend = false;
	lua_settop(L, card);
}

static int verdict_job(lua_State *L)
{
	struct host *h = host_of(L);
	int card = push_card(L, h);
	bool red, commend;
	text_ref red_reason, commend_reason;
	ask_verdict(L, h, h->red_light_fn, "red_light", card, &red, &red_reason);
	ask_verdict(L, h, h->commend_fn, "commend", card, &commend, &commend_reason);
	if (!red)
		check_veto(L, h, card, &commend);
	h->card->verdict = red ? VERDICT_RED_LIGHT : commend ? VERDICT_COMMEND : VERDICT_NONE;
	h->card->verdict_reason = red ? red_reason : commend ? commend_reason : 0;
	return 0;
}

static int run_card_job(struct host *h, struct board *b, struct card *card, lua_CFunction job)
{
	h->board = b;
	h->card = card;
	char context[512];
	snprintf(context, sizeof context, _("unit %s"), h->plan->units[card->unit].name);
	struct sbuf err = {0};
	int rc = protected_run(h, job, context, &err);
	h->card_table = NULL;
	if (rc != 0)
		card->error = keep_error(h, b, &err);
	sbuf_release(&err);
	return rc;
}

/* The total without Lua, when its rule is one of std's and the card has
 * no bonus or deduction items for the rule 'adjust'; false otherwise, for
 * the unit explain traces, and when the total is not a finite number (the
 * rule then says why). */
static bool total_natively(const struct host *h, struct card *c)
{
	if (h->native_total == TOTAL_IN_LUA || c->nadjustments || host_traces(h, c->unit))
		return false;
	double total = h->native_total == TOTAL_SUM ? c->score
		       : std_weighted_share(c->score, c->weight);
	if (!isfinite(total))
		return false;
	c->total = c->base_total = total;
	c->adjustment = 0;
	c->adjustment_reason = 0;
	return true;
}

int host_total(struct host *h, struct board *b, struct card *card)
{
	if (total_natively(h, card))
		return 0;
	return run_card_job(h, b, card, total_job);
}

int host_verdict(struct host *h, struct board *b, struct card *card)
{
	/* a unit is asked again when a peer's verdict failed (the ranks moved) */
	static const char *const stages[] = {"red_light", "commend", "veto", NULL};
	if (h->trace)
		trace_forget(h->trace, card->unit, stages);
	return run_card_job(h, b, card, verdict_job);
}
