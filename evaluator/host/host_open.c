/* host_open: opening a host (a Lua state with its limits and sandbox, the
 * rule file run in it and its rules resolved) and closing it. */
#include "host_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "mem.h"
#include "path.h"

/* Runs the rule file, then looks up every rule the plan needs. */
static int load_rules(lua_State *L)
{
	struct host *h = host_of(L);
	load_source(L, h, h->rules_path);
	lua_call(L, 0, 0);
	check_overrides(L, h);
	resolve_rules(L, h);
	freeze_rules(L, h);
	return 0;
}

const char *host_rules_path(const struct host *h)
{
	return h->rules_path;
}

double host_weight(const struct host *h, int indicator)
{
	return h->weights[indicator];
}

int host_open(struct host **out, const struct plan *plan, const struct host_limits *limits,
	      diag_t *d)
{
	struct host_setup setup = {.limits = *limits};
	return host_open_setup(out, plan, &setup, d);
}

int host_open_for(struct host **out, const struct plan *plan, const struct period *period,
		  const struct host_limits *limits, diag_t *d)
{
	struct host_setup setup = {.limits = *limits,
				   .rules = plan_rules_at(plan, period_end_date(period))};
	return host_open_setup(out, plan, &setup, d);
}

int host_open_setup(struct host **out, const struct plan *plan, const struct host_setup *setup,
		    diag_t *d)
{
	/* the plan's rules (in force at the year's end, unless setup says
	 * which) with the values the plan gives their parameters; or another
	 * rule file, with its own */
	const struct plan_rules *schedule = setup->rules_path ? NULL
					    : setup->rules ? setup->rules
					    : plan->nrules ? &plan->rules[plan->nrules - 1] : NULL;
	const char *rules_path = setup->rules_path ? setup->rules_path
				 : schedule ? schedule->path : plan->rules_path;
	const struct host_limits *limits = &setup->limits;
	struct host *h = xcalloc(1, sizeof *h);
	*out = NULL;
	h->plan = plan;
	h->limits = *limits;
	h->rules_path = xstrdup(rules_path);
	h->overrides = setup->overrides;
	h->noverrides = setup->noverrides;
	h->trace = setup->trace;
	h->schedule = schedule;
	h->rules_dir = path_dirname(rules_path);
	h->weights = xcalloc(plan->nindicators + 1, sizeof *h->weights);
	h->lights = default_lights;
	h->lines = (struct verdict_lines){NAN, NAN};
	h->native = xcalloc(plan->nindicators + 1, sizeof *h->native);
	for (int k = 0; k < RULE_KINDS; k++)
		h->rule_fn[k] = xcalloc(plan->nindicators + 1, sizeof *h->rule_fn[k]);
	for (int k = 0; k < RULE_KINDS; k++)
		h->rule_key[k] = xcalloc(plan->nindicators + 1, sizeof *h->rule_key[k]);
	h->total_fn = h->commend_fn = h->red_light_fn = h->veto_fn = h->adjust_fn = LUA_NOREF;
	h->assigned_ref = LUA_NOREF;
	watchdog_install();
	h->L = lua_newstate(limited_alloc, h);
	if (!h->L) {
		host_close(h);
		return fail(d, "unable to start Lua: out of memory");
	}
	struct sbuf err = {0};
	if (protected_run(h, setup_environment, NULL, &err) != 0 ||
	    protected_run(h, load_rules, NULL, &err) != 0) {
		fail(d, "%s", sbuf_str(&err));
		sbuf_release(&err);
		host_close(h);
		return -1;
	}
	h->overrides = NULL;    /* read while loading; the caller's may go */
	h->noverrides = 0;
	*out = h;
	return 0;
}

void host_close(struct host *h)
{
	if (!h)
		return;
	if (h->L)
		lua_close(h->L);
	for (int k = 0; k < RULE_KINDS; k++) {
		free(h->rule_fn[k]);
		free(h->rule_key[k]);
	}
	free(h->weights);
	free(h->native);
	free(h->tracked);
	for (size_t k = 0; k < h->nparams; k++) {
		free(h->params[k].name);
		free(h->params[k].about);
	}
	free(h->params);
	for (size_t k = 0; k < h->nsources; k++)
		free(h->sources[k]);
	free(h->sources);
	sbuf_release(&h->warnings);
	sbuf_release(&h->spent);
	free(h->rules_path);
	free(h->rules_dir);
	free(h);
}
