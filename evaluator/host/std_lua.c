/* std.native: the C rules of std_core.h as Lua functions for
 * rules/lib/std.lua, and the steps they note for assay explain. */
#include "host_internal.h"
#include "lang.h"
#include "numbers.h"
#include "plan_target.h"
#include "std_lua.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "trace_lua.h"

/* ---- steps, for assay explain ------------------------------------------ */

/* "actual 5 ÷ target 10": the sum std_toward() did (lower: target ÷ actual). */
static void describe_toward(struct sbuf *out, double actual, double target, bool lower)
{
	const char *a = lower ? _("target ") : _("actual ");
	const char *b = lower ? _(" ÷ actual ") : _(" ÷ target ");
	if (target <= 0 || (lower && actual <= 0)) {
		sbuf_add(out, _("actual "));
		std_add_trimmed(out, actual, 4);
		sbuf_add(out, lower ? _(", at most ") : _(", at least "));
		std_add_trimmed(out, target, 4);
		sbuf_add(out, target <= 0 ? _(" (a target at or below zero)")
					  : _(" (an actual at or below zero)"));
		return;
	}
	sbuf_add(out, a);
	std_add_trimmed(out, lower ? target : actual, 4);
	sbuf_add(out, b);
	std_add_trimmed(out, lower ? actual : target, 4);
}

/* How std.completion came to c, by the same branches it took. */
static void describe_completion(const struct std_figure *f, double c, struct sbuf *out)
{
	if (f->form == FORM_TASK) {
		sbuf_add(out, f->done ? _("done") : f->overdue ? _("overdue")
						       : _("not done, not yet overdue"));
	} else if (isnan(c)) {
		std_why_unscored(f, out);
	} else if (f->form == FORM_ABOUT) {
		sbuf_add(out, _("1 − |actual "));
		std_add_trimmed(out, f->actual, 4);
		sbuf_add(out, _(" − target "));
		std_add_trimmed(out, f->target, 4);
		sbuf_add(out, _("| ÷ target"));
	} else if (f->form == FORM_BETWEEN && f->actual >= f->target && f->actual <= f->target_high) {
		sbuf_add(out, _("actual "));
		std_add_trimmed(out, f->actual, 4);
		sbuf_add(out, _(" inside "));
		std_add_trimmed(out, f->target, 4);
		sbuf_add(out, "–");
		std_add_trimmed(out, f->target_high, 4);
	} else if (f->form == FORM_BETWEEN) {
		bool above = f->actual > f->target_high;
		describe_toward(out, f->actual, above ? f->target_high : f->target, above);
	} else if (f->form == FORM_MORE_THAN) {
		describe_toward(out, f->actual, f->target, false);
		if (f->actual <= f->target)
			sbuf_add(out, _(", not more than the target: at most 99.9%"));
	} else if (f->form == FORM_RANGE) {
		describe_toward(out, f->actual, f->lower ? f->target_high : f->target, f->lower);
		sbuf_add(out, f->lower ? _(" (the range's high end)") : _(" (the range's low end)"));
	} else {
		describe_toward(out, f->actual, f->target, f->lower || f->form == FORM_AT_MOST);
	}
	sbuf_add(out, " → ");
	if (isnan(c))
		sbuf_add(out, _("none"));
	else
		std_add_pct(out, c);
}

static void trace_completion(lua_State *L, struct trace *t, const struct std_figure *f, double c)
{
	struct sbuf text = {0};
	describe_completion(f, c, &text);
	struct trace_step *s = trace_add_from(L, t, 0, "std.completion", sbuf_str(&text));
	trace_number(s, "actual", f->actual);
	trace_number(s, "target", f->target);
	if (f->form == FORM_BETWEEN || f->form == FORM_RANGE)
		trace_number(s, "target_high", f->target_high);
	trace_number(s, "completion", c);
	sbuf_release(&text);
}

/* "completion 55.7% ÷ expected 75% = 74.2%; weight 5 × clamp((74.2% −
 * 60%) ÷ (100% − 60%), 0, 1.2) = 5 × 0.355 = 1.78" */
static void trace_ratio(lua_State *L, struct trace *t, const struct std_ratio *r,
			const struct std_figure *f, double c, double score)
{
	struct sbuf text = {0};
	char num[64];
	double basis = isnan(c) ? NAN : std_ratio_basis(r, f, c);
	double share = isnan(c) ? 0 : std_ratio_share(r, basis);
	if (isnan(c)) {
		sbuf_add(&text, _("no completion: 0 points"));
	} else {
		if (r->pace) {
			sbuf_add(&text, _("completion "));
			std_add_pct(&text, c);
			sbuf_add(&text, _(" ÷ expected "));
			std_add_pct(&text, std_expected(f));
			sbuf_add(&text, " = ");
			std_add_pct(&text, basis);
			sbuf_add(&text, "; ");
		}
		sbuf_add(&text, _("weight "));
		std_add_trimmed(&text, f->weight, 4);
		sbuf_add(&text, " × clamp((");
		std_add_pct(&text, basis);
		sbuf_add(&text, " − ");
		std_add_pct(&text, r->floor);
		sbuf_add(&text, ") ÷ (");
		std_add_pct(&text, r->full);
		sbuf_add(&text, " − ");
		std_add_pct(&text, r->floor);
		sbuf_add(&text, "), 0, ");
		std_add_trimmed(&text, r->cap, 4);
		sbuf_add(&text, ") = ");
		std_add_trimmed(&text, f->weight, 4);
		sbuf_add(&text, " × ");
		std_add_trimmed(&text, share, 4);
		sbuf_addf(&text, " = %s", format_fixed(num, sizeof num, score, 2));
	}
	struct trace_step *s = trace_add_from(L, t, 0, "std.ratio", sbuf_str(&text));
	trace_number(s, "completion", c);
	if (r->pace)
		trace_number(s, "expected", std_expected(f));
	trace_number(s, "against", basis);
	trace_number(s, "floor", r->floor);
	trace_number(s, "full", r->full);
	trace_number(s, "cap", r->cap);
	trace_number(s, "share", share);
	trace_number(s, "weight", f->weight);
	trace_number(s, "score", score);
	sbuf_release(&text);
}

/* "the yellow margin 0" (format: "the yellow margin %s"), in points. */
static void add_margin(struct sbuf *out, const char *format, double margin)
{
	struct sbuf points = {0};
	std_add_trimmed(&points, margin * 100, 1);
	sbuf_addf(out, format, sbuf_str(&points));
	sbuf_release(&points);
}

/* "expected 75% − completion 55.7% = 19.3 points behind: over the red
 * margin 10 → red" */
static void describe_time_progress(const struct std_time_progress *tp,
				   const struct std_figure *f, double c, enum light light,
				   struct sbuf *out)
{
	if (isnan(c)) {
		std_why_unscored(f, out);
		sbuf_add(out, _(": no completion"));
	} else {
		double behind = std_behind(f, c);
		struct sbuf points = {0};
		std_add_trimmed(&points, fabs(behind) * 100, 1);
		sbuf_add(out, _("expected "));
		std_add_pct(out, std_expected(f));
		sbuf_add(out, _(" − completion "));
		std_add_pct(out, c);
		sbuf_addf(out, behind < 0 ? _(" = %s points ahead: ") : _(" = %s points behind: "),
			  sbuf_str(&points));
		sbuf_release(&points);
		if (light == LIGHT_GREEN) {
			add_margin(out, _("within the yellow margin %s"), tp->yellow);
		} else if (light == LIGHT_YELLOW) {
			add_margin(out, _("over the yellow margin %s"), tp->yellow);
			add_margin(out, _(", within the red margin %s"), tp->red);
		} else if (light == LIGHT_RED) {
			add_margin(out, _("over the red margin %s"), tp->red);
		}
	}
	sbuf_addf(out, " → %s", _(light_role_name(light)));
}

static void trace_time_progress(lua_State *L, struct trace *t, const struct std_time_progress *tp,
				const struct std_figure *f, double c, enum light light)
{
	struct sbuf text = {0};
	describe_time_progress(tp, f, c, light, &text);
	struct trace_step *s = trace_add_from(L, t, 0, "std.time_progress", sbuf_str(&text));
	trace_number(s, "expected", std_expected(f));
	trace_number(s, "completion", c);
	trace_number(s, "behind", isnan(c) ? NAN : std_behind(f, c));
	trace_number(s, "yellow", tp->yellow);
	trace_number(s, "red", tp->red);
	trace_text(s, "light", light_role_name(light));
	sbuf_release(&text);
}

/* ---- the same, for Lua: std.native ------------------------------------- */

static double number_field(lua_State *L, int it, const char *key)
{
	lua_getfield(L, it, key);
	double v = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : NAN;
	lua_pop(L, 1);
	return v;
}

static bool bool_field(lua_State *L, int it, const char *key)
{
	lua_getfield(L, it, key);
	bool v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

static bool string_field_is(lua_State *L, int it, const char *key, const char *value)
{
	lua_getfield(L, it, key);
	const char *s = lua_tostring(L, -1);
	bool is = s && strcmp(s, value) == 0;
	lua_pop(L, 1);
	return is;
}

static enum target_form form_field(lua_State *L, int it)
{
	static const enum target_form forms[] = {FORM_AT_LEAST, FORM_AT_MOST, FORM_ABOUT,
						  FORM_BETWEEN, FORM_GROWTH, FORM_RELATIVE, FORM_TASK,
						  FORM_MORE_THAN, FORM_RANGE};
	lua_getfield(L, it, "form");
	const char *s = lua_tostring(L, -1);
	enum target_form form = FORM_AT_LEAST;
	for (size_t k = 0; s && k < sizeof forms / sizeof *forms; k++)
		if (strcmp(s, target_form_name(forms[k])) == 0)
			form = forms[k];
	lua_pop(L, 1);
	return form;
}

/* The figure from the table `it` at index 1. The measure stays on the
 * stack (at index 2 after the call) while f is in use. */
static void figure_from_table(lua_State *L, struct std_figure *f)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	push_contents(L, 1);                    /* `it` is a view: read what it shows */
	lua_replace(L, 1);
	lua_getfield(L, 1, "measure");
	const char *measure = lua_tostring(L, 2);
	*f = (struct std_figure){
		.form = form_field(L, 1), .actual = number_field(L, 1, "actual"),
		.target = number_field(L, 1, "target"),
		.target_high = number_field(L, 1, "target_high"),
		.reported = number_field(L, 1, "reported"),
		.progress = number_field(L, 1, "progress"), .weight = number_field(L, 1, "weight"),
		.lower = string_field_is(L, 1, "direction", "lower"),
		.cumulative = bool_field(L, 1, "cumulative"), .done = bool_field(L, 1, "done"),
		.overdue = bool_field(L, 1, "overdue"),
		.yearly_average = bool_field(L, 1, "yearly_average"), .measure = measure ? measure : ""};
}

static void push_number_or_nil(lua_State *L, double v)
{
	if (isnan(v))
		lua_pushnil(L);
	else
		lua_pushnumber(L, v);
}

static int push_text(lua_State *L, struct sbuf *b)
{
	lua_pushlstring(L, sbuf_str(b), b->len);
	sbuf_release(b);
	return 1;
}

/* The trace a module function was given (its first upvalue), when the
 * host is tracing the item or card under way; else NULL. */
static struct trace *tracing(lua_State *L, int upvalue)
{
	struct trace *t = lua_touserdata(L, lua_upvalueindex(upvalue));
	return t && t->on ? t : NULL;
}

int std_native_completion(lua_State *L)
{
	struct std_figure f;
	figure_from_table(L, &f);
	double c = std_completion(&f);
	struct trace *t = tracing(L, 1);
	if (t)
		trace_completion(L, t, &f, c);
	push_number_or_nil(L, c);
	return 1;
}

static int native_why_unscored(lua_State *L)
{
	struct std_figure f;
	struct sbuf b = {0};
	figure_from_table(L, &f);
	std_why_unscored(&f, &b);
	return push_text(L, &b);
}

static int native_said(lua_State *L)
{
	struct std_figure f;
	struct sbuf b = {0};
	figure_from_table(L, &f);
	std_add_said(&b, &f);
	return push_text(L, &b);
}

static int native_round(lua_State *L)
{
	lua_pushnumber(L, round_half_away(luaL_checknumber(L, 1), (int)luaL_optinteger(L, 2, 0)));
	return 1;
}

static int native_drop_noise(lua_State *L)
{
	lua_pushnumber(L, drop_noise(luaL_checknumber(L, 1)));
	return 1;
}

static int native_about(lua_State *L)
{
	lua_pushnumber(L, std_about(luaL_checknumber(L, 1), luaL_checknumber(L, 2),
				luaL_checknumber(L, 3)));
	return 1;
}

static int native_weighted_share(lua_State *L)
{
	lua_pushnumber(L, std_weighted_share(luaL_checknumber(L, 1), luaL_checknumber(L, 2)));
	return 1;
}

static int native_trimmed(lua_State *L)
{
	struct sbuf b = {0};
	std_add_trimmed(&b, luaL_checknumber(L, 1), (int)luaL_checkinteger(L, 2));
	return push_text(L, &b);
}

static int native_pct(lua_State *L)
{
	struct sbuf b = {0};
	std_add_pct(&b, luaL_checknumber(L, 1));
	return push_text(L, &b);
}

/* native.say(message, ...): message in the reader's language (the
 * catalog's, as the host's own messages), each %s replaced by the next
 * argument as tostring gives it, %% by %. Only while explaining do the
 * standard library's steps need it, so no cost elsewhere. */
static int native_say(lua_State *L)
{
	const char *format = _(luaL_checkstring(L, 1));
	int next = 2, top = lua_gettop(L);
	luaL_Buffer b; /* Lua's own: nothing leaks when a __tostring raises */
	luaL_buffinit(L, &b);
	for (const char *c = format; *c; c++) {
		if (*c != '%') {
			luaL_addchar(&b, *c);
		} else if (c[1] == '%') {
			luaL_addchar(&b, '%');
			c++;
		} else if (c[1] == 's' && next <= top) {
			luaL_tolstring(L, next++, NULL);
			luaL_addvalue(&b);
			c++;
		} else {
			return luaL_error(L, "native.say: '%s' wants %%s and an argument for each", format);
		}
	}
	luaL_pushresult(&b);
	return 1;
}

/* native.tr(word): a word the catalog knows (a light's code: green) in the
 * reader's language; any other text as it is. */
static int native_tr(lua_State *L)
{
	lua_pushstring(L, _(luaL_checkstring(L, 1)));
	return 1;
}

/* The parameters of a rule from its upvalues: those of the function at idx
 * (the host), or of the running closure (idx 0). */
static void push_upvalues(lua_State *L, int idx, int n)
{
	for (int k = 1; k <= n; k++) {
		if (idx)
			lua_getupvalue(L, idx, k);
		else
			lua_pushvalue(L, lua_upvalueindex(k));
	}
}

void std_native_ratio_params(lua_State *L, int idx, struct std_ratio *r)
{
	if (idx < 0)
		idx = lua_absindex(L, idx);
	push_upvalues(L, idx, 4);
	*r = (struct std_ratio){lua_tonumber(L, -4), lua_tonumber(L, -3), lua_tonumber(L, -2),
				lua_toboolean(L, -1)};
	lua_pop(L, 4);
}

void std_native_time_progress_params(lua_State *L, int idx, struct std_time_progress *t)
{
	if (idx < 0)
		idx = lua_absindex(L, idx);
	push_upvalues(L, idx, 2);
	*t = (struct std_time_progress){lua_tonumber(L, -2), lua_tonumber(L, -1)};
	lua_pop(L, 2);
}

/* The rule std.ratio {} makes: the score, and why when not reported.
 * Upvalues: floor, full, cap, pace, the trace. */
int std_native_ratio_rule(lua_State *L)
{
	struct std_figure f;
	struct std_ratio r;
	struct trace *t = tracing(L, 5);
	figure_from_table(L, &f);
	std_native_ratio_params(L, 0, &r);
	double c = number_field(L, 1, "completion");
	if (t)
		trace_ratio(L, t, &r, &f, c, isnan(c) ? 0 : std_ratio_score(&r, &f, c));
	if (isnan(c)) {
		struct sbuf why = {0};
		std_why_unscored(&f, &why);
		lua_pushinteger(L, 0);
		push_text(L, &why);
		return 2;
	}
	if (isnan(f.weight))
		return luaL_error(L, "std.ratio: the item has no weight");
	lua_pushnumber(L, std_ratio_score(&r, &f, c));
	return 1;
}

/* The rule std.time_progress {} makes: the light and its reason.
 * Upvalues: yellow, red, the trace. */
int std_native_time_progress_rule(lua_State *L)
{
	struct std_figure f;
	struct std_time_progress t;
	struct sbuf reason = {0};
	struct trace *tr = tracing(L, 3);
	figure_from_table(L, &f);
	std_native_time_progress_params(L, 0, &t);
	double c = number_field(L, 1, "completion");
	enum light light = std_time_progress_light(&t, &f, c);
	if (tr)
		trace_time_progress(L, tr, &t, &f, c, light);
	lua_pushstring(L, light_role_name(light));
	std_time_progress_reason(&f, c, &reason);
	push_text(L, &reason);
	return 2;
}

/* Makes the rule fn with the n arguments as its upvalues and the trace
 * (the module's upvalue) after them, registered as made by the rule of
 * option `first` with the arguments as its options from `first` on.
 * Leaves the rule on top. */
static void make_rule(lua_State *L, lua_CFunction fn, enum std_option first, int n)
{
	lua_settop(L, n);
	lua_createtable(L, 0, n);               /* args, options */
	for (int k = 0; k < n; k++) {
		lua_pushvalue(L, k + 1);
		lua_setfield(L, -2, std_options[first + k].name);
	}
	for (int k = 0; k < n; k++)
		lua_pushvalue(L, k + 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, fn, n + 1);         /* args, options, rule */
	trace_made(L, -1, std_options[first].rule, -2);
}

/* native.ratio(floor, full, cap, pace): the rule, checked by std.lua. */
static int native_ratio(lua_State *L)
{
	make_rule(L, std_native_ratio_rule, STD_RATIO_FLOOR, 4);
	return 1;
}

static int native_time_progress(lua_State *L)
{
	make_rule(L, std_native_time_progress_rule, STD_TIME_PROGRESS_YELLOW, 2);
	return 1;
}

/* native.options(name): the options rule files may give the rule `name`,
 * {option = its type}, for std.lua to check what they give against. */
static int native_options(lua_State *L)
{
	const char *rule = luaL_checkstring(L, 1);
	int n = 0;
	for (int k = 0; k < STD_OPTIONS; k++)
		n += std_options[k].type && strcmp(std_options[k].rule, rule) == 0;
	lua_createtable(L, 0, n);
	for (int k = 0; k < STD_OPTIONS; k++) {
		if (!std_options[k].type || strcmp(std_options[k].rule, rule) != 0)
			continue;
		lua_pushstring(L, std_options[k].type);
		lua_setfield(L, -2, std_options[k].name);
	}
	return 1;
}

/* native.made(rule, name [, options]): registers a rule the library made
 * (for explain and assay check) and returns it. */
static int native_made(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	const char *name = luaL_checkstring(L, 2);
	if (!lua_isnoneornil(L, 3))
		luaL_checktype(L, 3, LUA_TTABLE);
	trace_made(L, 1, name, lua_istable(L, 3) ? 3 : 0);
	lua_settop(L, 1);
	return 1;
}

void std_native_push(lua_State *L, struct trace *trace)
{
	static const luaL_Reg functions[] = {
		{"completion", std_native_completion},
		{"ratio", native_ratio},
		{"time_progress", native_time_progress},
		{"why_unscored", native_why_unscored},
		{"said", native_said},
		{"round", native_round},
		{"drop_noise", native_drop_noise},
		{"about", native_about},
		{"weighted_share", native_weighted_share},
		{"trimmed", native_trimmed},
		{"pct", native_pct},
		{"made", native_made},
		{"options", native_options},
		{"say", native_say},
		{"tr", native_tr},
		{NULL, NULL}};
	luaL_newlibtable(L, functions);
	lua_pushlightuserdata(L, trace);
	luaL_setfuncs(L, functions, 1);
	if (trace) {                    /* only while explaining: std.lua's steps */
		lua_pushlightuserdata(L, trace);
		lua_pushcclosure(L, trace_note, 1);
		lua_setfield(L, -2, "note");
	}
}
