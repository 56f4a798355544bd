#include "lint.h"
#include "lang.h"
#include "numbers.h"
#include "std_core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Units named in a warning before "and N more". */
#define NAMED_UNITS 3

/* Whether assignment a is scored: a scored indicator, and its unit not
 * only supporting. */
static bool scored_on(const struct plan *p, size_t a)
{
	return p->indicators[p->assignments[a].indicator].scored && !plan_supporting(p, &p->assignments[a]);
}

/* The weight of assignment a: the unit's own (targets:), else the rules'. */
static double assignment_weight(const struct plan *p, const struct host *h, size_t a)
{
	const double *own = p->unit_weights;
	return own && !isnan(own[a]) ? own[a] : host_weight(h, p->assignments[a].indicator);
}

/* How many indicators unit u is scored on, and their weights' sum. */
static int unit_weights(const struct plan *p, const struct host *h, size_t u, double *sum)
{
	int n = 0;
	*sum = 0;
	for (size_t a = p->unit_first[u]; a < p->unit_first[u + 1]; a++)
		if (scored_on(p, a)) {
			*sum += assignment_weight(p, h, a);
			n++;
		}
	return n;
}

/* Whether m was made by the standard library's rule that takes option o. */
static bool made_by(const struct made_rule *m, enum std_option o)
{
	return strcmp(m->name, std_options[o].rule) == 0;
}

/* The option o of m, a rule made by o's rule; dflt when it has none. */
static double option(const struct made_rule *m, enum std_option o, double dflt)
{
	return made_option(m, std_options[o].name, dflt);
}

/* "rules/x.lua:12: " for a place noted as "rules/x.lua:12", else the rule
 * file. */
static void add_place(struct sbuf *out, const struct host *h, const char *at)
{
	sbuf_addf(out, "%s: ", at && *at ? at : host_rules_path(h));
}

/* ---- full marks ---------------------------------------------------------- */

/* Each sum of weights that is not the full marks, with the units whose
 * indicators' weights add up to it. */
static void lint_full_marks(const struct plan *p, const struct host *h, struct sbuf *out)
{
	char num[64], marks[64];
	if (isnan(p->full_marks))
		return;
	double *sums = xcalloc(p->nunits + 1, sizeof *sums);
	bool *scored = xcalloc(p->nunits + 1, sizeof *scored);
	for (size_t u = 0; u < p->nunits; u++)
		scored[u] = unit_weights(p, h, u, &sums[u]) > 0;
	for (size_t u = 0; u < p->nunits; u++) {
		if (!scored[u] || drop_noise(sums[u] - p->full_marks) == 0)
			continue;
		int n = 0;
		if (*host_weights_where(h))     /* "rules/x.lua:7: " */
			sbuf_add(out, host_weights_where(h));
		else
			add_place(out, h, NULL);
		sbuf_addf(out, _("warning: the weights add up to %s for "),
			  format_number(num, sizeof num, drop_noise(sums[u])));
		for (size_t v = u; v < p->nunits; v++) {
			if (!scored[v] || drop_noise(sums[v] - sums[u]) != 0)
				continue;
			if (n < NAMED_UNITS)
				sbuf_addf(out, "%s%s", n ? _(", ") : "", p->units[v].name);
			if (v != u)
				scored[v] = false;      /* said once */
			n++;
		}
		if (n > NAMED_UNITS)
			sbuf_addf(out, _(" and %d more"), n - NAMED_UNITS);
		sbuf_addf(out, _(", not the full marks %s the plan declares (%s:%d:%d): change a weight, "
			  "or full_marks\n"), format_number(marks, sizeof marks, p->full_marks), p->path,
			  p->full_marks_line, p->full_marks_col);
	}
	free(scored);
	free(sums);
}

/* ---- verdicts no unit can reach ------------------------------------------ */

/* The most points the score rule of indicator i can give at weight w,
 * when it is one of the standard library's whose highest score is known. */
static bool most_points(const struct host *h, int i, double w, double *most)
{
	struct made_rule m;
	if (!host_rule_made(h, "score", i, &m))
		return false;
	if (made_by(&m, STD_RATIO_CAP))
		*most = w * option(&m, STD_RATIO_CAP, NAN);
	else if (made_by(&m, STD_TASK_MOST))
		*most = w * option(&m, STD_TASK_MOST, NAN);
	else if (made_by(&m, STD_BANDS_MOST))
		*most = w * option(&m, STD_BANDS_MOST, NAN);
	else if (made_by(&m, STD_GAP_FLOOR))
		*most = fmax(w, option(&m, STD_GAP_FLOOR, 0));
	else
		return false;
	return !isnan(*most) && (w > 0 || *most <= 0);
}

/* The most unit u can total on its indicators (its bonus items aside),
 * when the total rule and every score rule are the standard library's. */
static bool unit_most(const struct plan *p, const struct host *h, const char *total, size_t u,
		      double *most)
{
	bool share = strcmp(total, "std.weighted_share") == 0;
	*most = 0;
	for (size_t a = p->unit_first[u]; a < p->unit_first[u + 1]; a++) {
		int i = p->assignments[a].indicator;
		double points, w = assignment_weight(p, h, a);
		if (!scored_on(p, a))
			continue;
		if (!most_points(h, i, w, &points))
			return false;
		if (!share)
			*most += points;
		else if (w > 0)         /* 100 × Σ points ÷ Σ weights: at most the best ratio */
			*most = fmax(*most, 100 * points / w);
	}
	return true;
}

/* The most any unit can total on its indicators. */
static bool most_total(const struct plan *p, const struct host *h, double *most)
{
	struct made_rule total;
	if (!host_rule_made(h, "total", -1, &total) ||
	    (strcmp(total.name, "std.weighted_share") != 0 && strcmp(total.name, "std.sum") != 0))
		return false;
	*most = 0;
	for (size_t u = 0; u < p->nunits; u++) {
		double m;
		if (!unit_most(p, h, total.name, u, &m))
			return false;
		*most = fmax(*most, m);
	}
	return true;
}

/* The most bonus items can add (std.adjustments { bonus = n }); NAN when
 * nothing caps them. */
static double most_bonus(const struct host *h)
{
	struct made_rule m;
	if (!host_rule_made(h, "adjust", -1, &m) || !made_by(&m, STD_ADJUSTMENTS_BONUS))
		return NAN;
	return option(&m, STD_ADJUSTMENTS_BONUS, NAN);
}

/* std.commend { total = T } with T above what any unit can total. */
static void lint_commend(const struct plan *p, const struct host *h, struct sbuf *out)
{
	struct made_rule m;
	double most, bonus = most_bonus(h);
	char t[64], a[64], b[64];
	if (!host_rule_made(h, "commend", -1, &m) || !made_by(&m, STD_COMMEND_TOTAL) ||
	    isnan(option(&m, STD_COMMEND_TOTAL, NAN)) || !most_total(p, h, &most))
		return;
	double total = option(&m, STD_COMMEND_TOTAL, NAN);
	if (drop_noise(total - most - (isnan(bonus) ? 0 : bonus)) <= 0)
		return;
	add_place(out, h, m.at);
	sbuf_addf(out, _("warning: std.commend { total = %s } is never met%s: a unit totals at most %s "
		  "on its indicators (each at its highest score)"), format_number(t, sizeof t, total),
		  isnan(bonus) ? _(" without bonus items") : "", format_fixed(a, sizeof a, most, 2));
	if (!isnan(bonus))
		sbuf_addf(out, _(" plus %s bonus points"), format_number(b, sizeof b, bonus));
	sbuf_add(out, _(": lower the total, or raise the weights or the caps\n"));
}

/* std.red_light { red = R } with R above the indicators any unit is scored
 * on. */
static void lint_red_light(const struct plan *p, const struct host *h, struct sbuf *out)
{
	struct made_rule m;
	char r[64];
	int most = 0;
	if (!host_rule_made(h, "red_light", -1, &m) || !made_by(&m, STD_RED_LIGHT_RED))
		return;
	for (size_t u = 0; u < p->nunits; u++) {
		double sum;
		int n = unit_weights(p, h, u, &sum);
		most = n > most ? n : most;
	}
	double red = option(&m, STD_RED_LIGHT_RED, 1);
	if (red <= most)
		return;
	add_place(out, h, m.at);
	sbuf_addf(out, trn("warning: std.red_light { red = %s } is never met: no unit is scored on "
			   "more than %d indicator, so none has %s red lights: lower red\n",
			   "warning: std.red_light { red = %s } is never met: no unit is scored on "
			   "more than %d indicators, so none has %s red lights: lower red\n",
			   (unsigned long)most),
		  format_number(r, sizeof r, red), most, r);
}

/* A veto rule when no indicator is binding: it is never asked. */
static void lint_veto(const struct plan *p, const struct host *h, struct sbuf *out)
{
	struct rule_origin o;
	host_rule_where(h, "veto", -1, &o);
	if (o.library_default)
		return;
	for (size_t i = 0; i < p->nindicators; i++)
		if (p->indicators[i].binding)
			return;
	add_place(out, h, o.at);
	sbuf_add(out, _("warning: veto is never asked: no indicator of the plan is binding "
		 "(binding: true)\n"));
}

void lint_rules(const struct plan *plan, const struct host *h, struct sbuf *out)
{
	lint_full_marks(plan, h, out);
	lint_commend(plan, h, out);
	lint_red_light(plan, h, out);
	lint_veto(plan, h, out);
}
