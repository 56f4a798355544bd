#include "engine.h"
#include "numbers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan_target.h"
#include "progress.h"
#include "std_core.h"

/* The status of a task at the period's end, from its reported completion
 * date (0: not done). */
static void settle_task(struct item *it, const struct plan_indicator *ind, int period_end)
{
	if (it->done_on) {
		if (it->done_on > ind->deadline)
			it->flags |= FLAG_LATE;
	} else if (ind->deadline > period_end) {
		it->status = ITEM_NOT_DUE;
	} else {
		it->flags |= FLAG_OVERDUE;
	}
}

/* A milestone before its due date: shown with its figure, not judged
 * (neither missing nor red in February for 建成1个示范区 by December). */
static void settle_before_due(struct item *it)
{
	it->status = ITEM_NOT_DUE;
	it->flags = (uint16_t)((it->flags & ~FLAG_MISSING) | FLAG_NOT_DUE);
}

/* A growth in %: from the figure of the year it grows from, compounded
 * over the years between for a yearly average (年均增长). */
static double growth_of(const struct plan *plan, const struct plan_target *t,
			const struct reading *rd, int year)
{
	double from = t->yearly_average && t->base != 0 ? t->base : rd->last_year;
	if (!(from > 0))
		return NAN;
	int years = plan_growth_years(plan, t, year);
	if (years == 1)
		return (rd->value / from - 1) * 100;
	/* 1.08³ and back carries binary noise (7.999999999999998): drop it */
	return rd->value < 0 ? NAN : drop_noise((pow(rd->value / from, 1.0 / years) - 1) * 100);
}

/* The figure scored: year to date plus what was counted before the plan
 * year, or the growth against the year it grows from when the target is a
 * growth. */
static double scored_actual(const struct plan *plan, const struct plan_indicator *ind,
			    const struct plan_target *t, const struct reading *rd, int year)
{
	double v = rd->value;
	if (t->form == FORM_GROWTH && ind->kind != KIND_RATE)
		return growth_of(plan, t, rd, year);
	if (t->base == 0 && rd->earlier == 0)
		return v;
	/* sums of decimals carry binary noise (16.009999999999998): drop it */
	return drop_noise(v + t->base + rd->earlier);
}

/* Fills an item from its assignment and reading; the rules come later. */
static void prepare_item(struct board *b, size_t k, const struct readings *r)
{
	const struct plan *plan = b->plan;
	const struct plan_assignment *a = &plan->assignments[k];
	const struct plan_indicator *ind = &plan->indicators[a->indicator];
	const struct reading *rd = readings_at(r, k);
	struct item *it = &b->items[k];
	struct plan_target own = plan_target_of(plan, a);
	struct plan_target target = plan_target_in_year(plan, &own, b->period.year);
	const char *note = reading_note(r, rd);
	*it = (struct item){.indicator = a->indicator, .assignment = (uint32_t)k,
			    .flags = (uint16_t)rd->flags, .as_of = (uint8_t)rd->as_of,
			    .reported = rd->value, .target = target.value,
			    .completion = NAN, .score = NAN,
			    .note = board_text_add(b, note, strlen(note))};
	*item_trend(b, it) = (struct item_trend){rd->increment, rd->last_year, rd->jump};
	if (!reading_missing(ind, rd))
		it->flags &= (uint16_t)~FLAG_MISSING;
	if (ind->kind == KIND_TASK) {
		it->done_on = rd->value > 0 ? (int)rd->value : 0;
		it->actual = it->reported = NAN;
		settle_task(it, ind, period_end_date(&b->period));
	} else {
		it->actual = scored_actual(plan, ind, &target, rd, b->period.year);
		if (ind->due > period_end_date(&b->period))
			settle_before_due(it);
	}
	if (rd->flags & FLAG_NOT_DUE)
		it->status = ITEM_NOT_DUE;
	if (!ind->scored)
		it->status = ITEM_SHOWN;
	if (plan_supporting(plan, a))
		it->status = ITEM_SUPPORTING;
}

/* A derived item from the same unit's items it is computed from. */
static void derive_item(struct host *host, struct board *b, struct card *c, struct item *it)
{
	const struct plan *plan = b->plan;
	const struct plan_indicator *ind = &plan->indicators[it->indicator];
	const struct item *inputs[PLAN_MAX_INPUTS];
	size_t n = ind->ninputs;
	it->flags &= (uint16_t)~(FLAG_MISSING | FLAG_NOT_DUE);
	it->as_of = 0;
	it->actual = it->reported = NAN;
	for (size_t j = 0; j < n; j++) {
		inputs[j] = &b->items[plan_find_assignment(plan, c->unit, ind->inputs[j])];
		it->flags |= inputs[j]->flags & (FLAG_MISSING | FLAG_CARRIED);
		if (inputs[j]->as_of && (!it->as_of || inputs[j]->as_of < it->as_of))
			it->as_of = inputs[j]->as_of;
	}
	if (it->flags & FLAG_MISSING)
		return;
	if (host_derive(host, b, c->unit, it, inputs, n) != 0) {
		b->nerrors++;
		c->failed_items++;
		return;
	}
	it->reported = it->actual;
}

/* A target set by another of the unit's figures. */
static void relate_target(struct board *b, const struct card *c, struct item *it, size_t k)
{
	struct plan_target t = plan_target_of(b->plan, &b->plan->assignments[k]);
	if (t.form != FORM_RELATIVE)
		return;
	const struct item *other = &b->items[plan_find_assignment(b->plan, c->unit, t.relative_to)];
	it->target = other->actual + t.value;
	if (isnan(other->actual))
		it->flags |= FLAG_NO_BASE;
}

static void count_item(const struct board *b, struct card *c, const struct item *it)
{
	c->scored++;
	c->score += it->score;
	c->weight += item_weight(b, it);
	c->lights[it->light]++; /* [0]: no light */
	c->missing += (it->flags & FLAG_MISSING) != 0;
	c->review += (it->flags & FLAGS_REVIEW) != 0;
}

/* What the card says of its figures as a whole: whether any is at hand,
 * and how many are sample data. */
static void note_figures(const struct board *b, struct card *c)
{
	for (size_t k = c->first; k < c->first + c->count; k++) {
		c->reported = c->reported || b->items[k].as_of;
		c->sample += item_on_sample(b, &b->items[k]);
	}
}

static void score_unit_items(struct host *host, struct board *b, struct card *c,
			     const struct readings *r)
{
	const struct plan *plan = b->plan;
	size_t end = c->first + c->count;
	for (size_t k = c->first; k < end; k++)
		prepare_item(b, k, r);
	for (size_t k = c->first; k < end; k++)
		if (plan->indicators[b->items[k].indicator].ninputs)
			derive_item(host, b, c, &b->items[k]);
	for (size_t k = c->first; k < end; k++)
		relate_target(b, c, &b->items[k], k);
	note_figures(b, c);
	for (size_t k = c->first; k < end; k++) {
		struct item *it = &b->items[k];
		if (it->status != ITEM_SCORED || it->error)
			continue;
		if (host_score_item(host, b, c->unit, it) != 0) {
			b->nerrors++;
			c->failed_items++;
			continue;
		}
		count_item(b, c, it);
	}
}

/* A card as ranking sees it. */
struct rank_key {
	int group;
	double total;           /* rounded, as people compare it */
	size_t card;
};

/* By peer group; within one, higher total first, and among equals plan
 * order. */
static int by_group_and_total(const void *x, const void *y)
{
	const struct rank_key *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return (a->card > b->card) - (a->card < b->card);
}

/* Some cards of a board: index[0 .. n), or every card (n of them) when
 * index is NULL. */
struct card_list {
	const size_t *index;
	size_t n;
};

static size_t card_at(struct card_list list, size_t k)
{
	return list.index ? list.index[k] : k;
}

/* The peer group of the k-th card listed. */
static int group_at(const struct board *b, struct card_list list, size_t k)
{
	return b->plan->units[b->cards[card_at(list, k)].unit].group;
}

/* Ranks the scored units of each peer group (of those marked in groups,
 * when it is not NULL) among the cards listed; equal totals share a rank
 * (1, 1, 3). A unit whose rules failed is not ranked. One sort of every
 * card, so that many groups cost no more than one. */
static void rank_groups(struct board *b, const bool *groups, struct card_list list)
{
	struct rank_key *keys = xmalloc((list.n + 1) * sizeof *keys);
	size_t n = 0;
	for (size_t k = 0; k < list.n; k++) {
		size_t c = card_at(list, k);
		int g = group_at(b, list, k);
		if ((!groups || groups[g]) && card_ranked(&b->cards[c]))
			keys[n++] = (struct rank_key){g, board_rank_value(b->cards[c].total), c};
	}
	qsort(keys, n, sizeof *keys, by_group_and_total);
	for (size_t first = 0, end; first < n; first = end) {
		for (end = first; end < n && keys[end].group == keys[first].group; end++)
			;
		for (size_t k = first; k < end; k++) {
			struct card *c = &b->cards[keys[k].card];
			bool tie = k > first && keys[k].total == keys[k - 1].total;
			c->rank = tie ? b->cards[keys[k - 1].card].rank : (int)(k - first) + 1;
			c->group_size = (int)(end - first);
		}
	}
	free(keys);
}

/* The period's bonus and deduction items onto the board, each card's
 * together (in the order read: by period) so that a card finds its own
 * without passing over every other's. */
static void take_adjustments(struct board *b, const struct readings *r)
{
	b->adjustments = xcalloc(r->nadj + 1, sizeof *b->adjustments);
	b->nadjustments = r->nadj;
	for (size_t k = 0; k < r->nadj; k++)
		b->cards[r->adj[k].unit].nadjustments++;
	for (size_t u = 1; u < b->ncards; u++)
		b->cards[u].first_adjustment = b->cards[u - 1].first_adjustment +
					       (size_t)b->cards[u - 1].nadjustments;
	size_t *next = xmalloc((b->ncards + 1) * sizeof *next);
	for (size_t u = 0; u < b->ncards; u++)
		next[u] = b->cards[u].first_adjustment;
	for (size_t k = 0; k < r->nadj; k++) {
		const struct reading_adjustment *ra = &r->adj[k];
		const char *reason = readings_text(r, ra->reason), *source = readings_text(r, ra->source);
		b->adjustments[next[ra->unit]++] = (struct board_adjustment){
			ra->unit, ra->period, ra->points, board_text_add(b, reason, strlen(reason)),
			board_text_add(b, source, strlen(source))};
	}
	free(next);
}

/* Scores unit u's card afresh: its items, then its total. */
static void score_card(struct host *host, struct board *b, const struct readings *readings,
		       size_t u)
{
	const struct plan *plan = b->plan;
	struct card *c = &b->cards[u];
	*c = (struct card){.unit = (int)u, .first = plan->unit_first[u],
			   .count = plan->unit_first[u + 1] - plan->unit_first[u],
			   .first_adjustment = c->first_adjustment,
			   .nadjustments = c->nadjustments};
	board_focus(b, c);
	score_unit_items(host, b, c, readings);
	if (card_ranked(c) && host_total(host, b, c) != 0)
		b->nerrors++;
}

/* Asks a ranked unit for its verdict; false when the rule failed, which
 * leaves the unit without a rank (card.h). */
static bool ask_verdict(struct host *host, struct board *b, struct card *c)
{
	if (!card_ranked(c))
		return true;
	c->verdict = VERDICT_NONE;
	c->verdict_reason = c->veto = 0;
	if (host_verdict(host, b, c) == 0)
		return true;
	b->nerrors++;
	c->verdict_failed = true;
	c->rank = c->group_size = 0;
	return false;
}

/* Ranks the peer groups marked in asked (by group) among the cards listed
 * and asks their ranked units for their verdicts. A unit whose verdict
 * rule fails is not ranked, so its group is ranked again without it and
 * the group's other units are asked again with the ranks they now have,
 * until no verdict fails: each pass takes a unit out. asked and failed (by
 * group, failed all false) are the caller's; the list's groups are false
 * in both on return. Each pass costs the cards listed, not the groups. */
static void rank_and_judge(struct board *b, struct host *host, struct card_list list,
			   bool *asked, bool *failed)
{
	for (bool again = true; again;) {
		again = false;
		rank_groups(b, asked, list);
		for (size_t k = 0; k < list.n && !host_spent(host); k++) {
			int g = group_at(b, list, k);
			if (asked[g] && !ask_verdict(host, b, &b->cards[card_at(list, k)]))
				again = failed[g] = true;
		}
		/* a group's cards all copy the same flag before any is cleared */
		for (size_t k = 0; k < list.n; k++)
			asked[group_at(b, list, k)] = failed[group_at(b, list, k)];
		for (size_t k = 0; k < list.n; k++)
			failed[group_at(b, list, k)] = false;
	}
}

/* rank_and_judge of every card, for the groups marked (all when groups is
 * NULL). */
static void rank_and_judge_all(struct board *b, struct host *host, const bool *groups)
{
	const struct plan *plan = b->plan;
	bool *asked = xcalloc(plan->ngroups + 1, sizeof *asked);
	bool *failed = xcalloc(plan->ngroups + 1, sizeof *failed);
	for (size_t g = 0; g < plan->ngroups; g++)
		asked[g] = !groups || groups[g];
	rank_and_judge(b, host, (struct card_list){NULL, b->ncards}, asked, failed);
	free(asked);
	free(failed);
}

/* The period's bonus and deduction items and the rules' weights onto a
 * new board, ready for its units to be scored. */
static void begin_run(struct board *b, const struct plan *plan,
		      const struct readings *adjustments, struct host *host)
{
	take_adjustments(b, adjustments);
	b->lights = *host_lights(host);
	b->lines = host_verdict_lines(host);
	for (size_t i = 0; i < plan->nindicators; i++)
		if (plan->indicators[i].scored)
			b->weights[i] = host_weight(host, (int)i);
	host_pass_begin(host);
}

/* Whether the run's budget is spent: scoring stops, with d saying why. */
static bool budget_spent(const struct host *host, diag_t *d)
{
	const char *why = host_spent(host);
	if (why)
		fail(d, "%s", why);
	return why != NULL;
}

/* Ranks the scored units and asks for their verdicts; the items' reasons,
 * when they are shown, are written as they are read (a province's would
 * be a million strings held). -1 with d set when the run's budget is
 * spent. */
static int finish_run(struct board *b, struct host *host, bool shown, bool judged, diag_t *d)
{
	if (!judged)
		rank_and_judge_all(b, host, NULL);
	host_pass_end(host);
	if (budget_spent(host, d))
		return -1;
	if (shown)
		b->deferred_reason = std_native_reason;
	return 0;
}

/* A board scored a peer group at a time: a group is ranked and judged as
 * soon as its last unit is scored, and its items are let go. */
struct group_tally {
	size_t *first;          /* by group: its units are units[first[g] ..
				 * first[g + 1]) */
	size_t *units;          /* group by group, each in plan order */
	size_t *left;           /* by group: its units still to be scored */
	bool *asked, *failed;   /* by group: rank_and_judge's */
};

static void tally_init(struct group_tally *t, const struct plan *plan)
{
	size_t n = plan->ngroups + 1;
	t->units = plan_group_units(plan, NULL, plan->ngroups, &t->first);
	t->left = xmalloc(n * sizeof *t->left);
	for (size_t g = 0; g < plan->ngroups; g++)
		t->left[g] = t->first[g + 1] - t->first[g];
	t->asked = xcalloc(n, sizeof *t->asked);
	t->failed = xcalloc(n, sizeof *t->failed);
}

static void tally_release(struct group_tally *t)
{
	free(t->first);
	free(t->units);
	free(t->left);
	free(t->asked);
	free(t->failed);
}

/* Unit u is scored: when it was its group's last, the group is ranked and
 * judged (the verdict rules may read its items), then its items let go. */
static void tally_unit(struct group_tally *t, struct board *b, struct host *host, int u)
{
	int g = b->plan->units[u].group;
	if (--t->left[g])
		return;
	struct card_list group = {&t->units[t->first[g]], t->first[g + 1] - t->first[g]};
	t->asked[g] = true;
	rank_and_judge(b, host, group, t->asked, t->failed);
	board_forget_units(b, group.index, group.n);
}

int engine_run_stream(const struct plan *plan, struct host *host, const struct period *period,
		      struct readings_stream *stream, bool shown, bool trends, bool by_group,
		      struct progress *progress, struct board *b, diag_t *d)
{
	int u = 0;
	struct group_tally tally = {0};
	enum board_use use = shown && trends ? BOARD_SHOWN : BOARD_RANKED;
	board_init(b, plan, period, by_group ? use | BOARD_BY_GROUP : use);
	if (by_group)
		tally_init(&tally, plan);
	begin_run(b, plan, readings_stream_adjustments(stream), host);
	while (!budget_spent(host, d) && (u = readings_stream_next(stream, d)) >= 0) {
		score_card(host, b, readings_stream_unit(stream), (size_t)u);
		if (by_group)
			tally_unit(&tally, b, host, u);
		if (progress)
			progress_tick(progress);
	}
	tally_release(&tally);
	if (host_spent(host) || u == READINGS_FAILED ||
	    finish_run(b, host, shown, by_group, d) != 0) {
		host_pass_end(host);
		board_release(b);
		return -1;
	}
	return 0;
}

void engine_fill_items(struct host *host, struct board *b, const struct readings *r, int u)
{
	/* a card of its own to count on: the board's stays as it is */
	const struct card *kept = &b->cards[u];
	struct card c = {.unit = kept->unit, .first = kept->first, .count = kept->count};
	size_t nerrors = b->nerrors;
	board_focus(b, &c);
	score_unit_items(host, b, &c, r);
	b->nerrors = nerrors;
}

/* The rules that failed on the board: its cards' and their items'. Card
 * by card, so that a board holding a few units' items reads only those. */
static size_t count_errors(const struct board *b)
{
	size_t n = 0;
	for (size_t u = 0; u < b->ncards; u++) {
		const struct card *c = &b->cards[u];
		n += c->error != 0;
		for (size_t k = c->first; k < c->first + c->count; k++)
			n += b->items[k].error != 0;
	}
	return n;
}

/* The peer groups of the units marked: a new array of plan.ngroups flags. */
static bool *groups_of(const struct plan *plan, const bool *units)
{
	bool *groups = xcalloc(plan->ngroups + 1, sizeof *groups);
	for (size_t u = 0; u < plan->nunits; u++)
		if (units[u])
			groups[plan->units[u].group] = true;
	return groups;
}

bool *engine_peers(const struct plan *plan, const bool *units)
{
	bool *groups = groups_of(plan, units);
	bool *peers = xcalloc(plan->nunits + 1, sizeof *peers);
	for (size_t u = 0; u < plan->nunits; u++)
		peers[u] = groups[plan->units[u].group];
	free(groups);
	return peers;
}

/* Takes back the verdict rules' failures on the cards of the groups
 * marked, which ranking them again asks afresh: a verdict that failed at
 * the ranks before may not at the ranks now. Their totals stand. */
static void forget_failed_verdicts(struct board *b, const bool *groups)
{
	for (size_t u = 0; u < b->ncards; u++) {
		struct card *c = &b->cards[u];
		if (c->verdict_failed && groups[b->plan->units[c->unit].group]) {
			c->error = 0;
			c->verdict_failed = false;
		}
	}
}

int engine_rescore(const struct plan *plan, struct host *host, struct readings_stream *stream,
		   const bool *units, struct board *b, diag_t *d)
{
	int next = 0;
	host_pass_begin(host);
	while (!budget_spent(host, d) && (next = readings_stream_next(stream, d)) >= 0)
		if (units[next])
			score_card(host, b, readings_stream_unit(stream), (size_t)next);
	if (host_spent(host) || next == READINGS_FAILED) {
		host_pass_end(host);
		return -1;
	}
	bool *groups = groups_of(plan, units);
	forget_failed_verdicts(b, groups);
	rank_and_judge_all(b, host, groups);
	host_pass_end(host);
	b->nerrors = count_errors(b);
	free(groups);
	return budget_spent(host, d) ? -1 : 0;
}

int engine_run_peers(const struct plan *plan, struct host *host, const struct period *period,
		     struct readings_stream *stream, const bool *peers, bool shown,
		     struct board *b, diag_t *d)
{
	board_init(b, plan, period, shown ? BOARD_FEW_SHOWN : BOARD_FEW_UNITS);
	begin_run(b, plan, readings_stream_adjustments(stream), host);
	if (engine_rescore(plan, host, stream, peers, b, d) != 0) {
		board_release(b);
		return -1;
	}
	if (shown) /* written when read: of a peer group, only the unit shown */
		b->deferred_reason = std_native_reason;
	return 0;
}

