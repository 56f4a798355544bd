/* render_chart: the HTML report's charts, inline SVG drawn here (no
 * script): every peer group's ranking on one scale, with an axis and the
 * rules' verdict lines, and a unit's total month by month on a round
 * axis. Verdicts differ by pattern and by label as well as by colour, so
 * that a page printed in black and white still tells them apart. */
#include <math.h>
#include <stdbool.h>

#include "lang.h"
#include "numbers.h"
#include "render.h"
#include "render_html.h"
#include "trend.h"

const char html_chart_style[] =
	"svg text{font-size:12px;fill:#1d1d1f}\n"
	".bar-commendation{fill:#1f7a3a}.bar-none{fill:#c9d6ea;stroke:#5b7db1}"
	".bar-red_light{fill:url(#verdict-red_light);stroke:#c62828}"
	".bar-vetoed{fill:url(#verdict-vetoed);stroke:#b86a0c}\n"
	".swatch{vertical-align:-1px;margin-right:.25em}\n"
	".grid{stroke:#e4e4e4}.axis{stroke:#555}svg .tick{fill:#555}\n"
	".vline{stroke-width:1.5}.vline-commendation{stroke:#1f7a3a;stroke-dasharray:6 3}"
	".vline-red_light{stroke:#c62828;stroke-dasharray:2 2}\n"
	"svg .vlabel-commendation{fill:#1f7a3a}svg .vlabel-red_light{fill:#c62828}\n"
	".trend polyline{fill:none;stroke:#3d5f94;stroke-width:2}.trend circle{fill:#3d5f94}\n";

/* The patterns of the verdicts drawn with one, defined once on the page
 * (in the legend, which every ranking has) and filled in by the style. */
static const char verdict_patterns[] =
	"<defs><pattern id=\"verdict-red_light\" width=\"6\" height=\"6\" "
	"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	"<rect width=\"6\" height=\"6\" fill=\"#fbe0e0\"/><rect width=\"3\" height=\"6\" fill=\"#c62828\"/>"
	"</pattern><pattern id=\"verdict-vetoed\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
	"<rect width=\"6\" height=\"6\" fill=\"#fde3c8\"/><circle cx=\"3\" cy=\"3\" r=\"1.6\" fill=\"#b86a0c\"/>"
	"</pattern></defs>";

/* ---- axes ---------------------------------------------------------------- */

/* A round range, low to high in steps of 1, 2 or 5 times a power of ten. */
struct axis {
	double low, high, step;
};

/* The round range around lo .. hi in about `steps` steps. */
static struct axis axis_around(double lo, double hi, int steps)
{
	if (!(hi - lo > 1e-9)) {                /* one value: a range around it */
		double pad = fmax(fabs(hi) * 0.05, 1);
		lo -= pad;
		hi += pad;
	}
	double raw = (hi - lo) / steps, power = pow(10, floor(log10(raw)));
	double f = raw / power;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
	return (struct axis){floor(lo / step + 1e-9) * step, ceil(hi / step - 1e-9) * step, step};
}

static int axis_ticks(const struct axis *a)
{
	return (int)lround((a->high - a->low) / a->step);
}

/* The value of tick k (0: low), never -0. */
static double axis_tick(const struct axis *a, int k)
{
	return a->low + k * a->step + 0.0;
}

/* A tick's label, with as many decimals as the step has. */
static const char *tick_label(char buf[64], const struct axis *a, double v)
{
	int digits = a->step >= 1 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
	return format_fixed(buf, 64, v, digits);
}

/* ---- the ranking --------------------------------------------------------- */

/* The ranking's geometry, in SVG user units (pixels on screen). */
#define BAR_LABEL 190           /* the units' names, right-aligned before the bars */
#define BAR_AREA 420            /* the axis from low to high */
#define BAR_ROW 24
#define BAR_TOP 20              /* above the bars: the verdict lines' labels */
#define BAR_AXIS 28             /* below them: the axis and its labels */
#define BAR_WIDTH (BAR_LABEL + BAR_AREA + 180)

static double bar_x(const struct axis *a, double v)
{
	return BAR_LABEL + (v - a->low) / (a->high - a->low) * BAR_AREA;
}

/* One scale for every peer group: from 0 (or the lowest total, when one
 * is below) to the highest total, taking in the verdict lines. */
static struct axis ranking_axis(const struct board *b)
{
	double lo = 0, hi = 0;
	for (size_t u = 0; u < b->ncards; u++) {
		if (!b->cards[u].rank)
			continue;
		lo = fmin(lo, b->cards[u].total);
		hi = fmax(hi, b->cards[u].total);
	}
	const double lines[] = {b->lines.commendation, b->lines.red_light};
	for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
		if (isnan(lines[k]))
			continue;
		lo = fmin(lo, lines[k]);
		hi = fmax(hi, lines[k]);
	}
	return axis_around(lo, fmax(hi, lo + 1), 6);
}

static const char *bar_class(const struct card *c)
{
	return c->veto ? "vetoed" : verdict_name(c->verdict);
}

/* A ranked card's bar from zero to its total, the total written after it
 * and, unless it has none, its verdict. */
static void ranked_bar(const struct card *c, const struct axis *a, double y, struct sbuf *out)
{
	char total[64];
	double zero = bar_x(a, fmax(a->low, 0)), end = bar_x(a, c->total);
	sbuf_addf(out, "<rect class=\"bar-%s\" x=\"%.2f\" y=\"%.0f\" width=\"%.2f\" height=\"%d\"/>"
		  "<text class=\"total\" x=\"%.2f\" y=\"%.0f\">%s", bar_class(c), fmin(zero, end), y + 4,
		  fabs(end - zero), BAR_ROW - 8, fmax(zero, end) + 6, y + 16,
		  format_fixed(total, sizeof total, c->total, 2));
	if (c->veto || c->verdict != VERDICT_NONE) {
		sbuf_add(out, "<tspan class=\"verdict\" font-weight=\"bold\"> ");
		html_text(out, render_card_verdict(c));
		sbuf_add(out, "</tspan>");
	}
	sbuf_add(out, "</text>");
}

static void ranking_bar(const struct board *b, const struct card *c, size_t row,
			const struct axis *a, struct sbuf *out)
{
	double y = BAR_TOP + (double)row * BAR_ROW;
	sbuf_add(out, "<g class=\"bar\"><title>");
	html_text(out, b->plan->units[c->unit].name);
	sbuf_addf(out, ": %s</title><text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">",
		  render_card_verdict(c), BAR_LABEL - 8, y + 16);
	if (c->rank)
		sbuf_addf(out, "%d. ", c->rank);
	html_text(out, b->plan->units[c->unit].name);
	sbuf_add(out, "</text>");
	if (c->rank)
		ranked_bar(c, a, y, out);
	else
		sbuf_addf(out, "<text x=\"%d\" y=\"%.0f\">%s</text>", BAR_LABEL, y + 16,
			  render_card_verdict(c));
	sbuf_add(out, "</g>\n");
}

/* The grid behind the bars, and the axis under them with a label at each
 * tick. */
static void ranking_grid(const struct axis *a, double bottom, struct sbuf *out)
{
	char label[64];
	sbuf_add(out, "<g class=\"x-axis\">");
	for (int k = 0; k <= axis_ticks(a); k++) {
		double v = axis_tick(a, k), x = bar_x(a, v);
		sbuf_addf(out, "<line class=\"grid\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.0f\"/>"
			  "<line class=\"axis\" x1=\"%.2f\" y1=\"%.0f\" x2=\"%.2f\" y2=\"%.0f\"/>"
			  "<text class=\"tick\" x=\"%.2f\" y=\"%.0f\" text-anchor=\"middle\">%s</text>",
			  x, BAR_TOP, x, bottom, x, bottom, x, bottom + 4, x, bottom + 17,
			  tick_label(label, a, v));
	}
	sbuf_addf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\"/></g>\n",
		  BAR_LABEL, bottom, BAR_LABEL + BAR_AREA, bottom);
}

/* A verdict line across the bars at total v, labelled above them: the
 * commendation line's label to its right, the red light's to its left,
 * so that the two part rather than overlap. */
static void verdict_line(const struct axis *a, double v, const char *kind, const char *format,
			 bool label_right, double bottom, struct sbuf *out)
{
	char number[64];
	if (isnan(v))
		return;
	double x = bar_x(a, v);
	sbuf_addf(out, "<line class=\"vline vline-%s\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.0f\"/>"
		  "<text class=\"vlabel vlabel-%s\" x=\"%.2f\" y=\"%d\" text-anchor=\"%s\">", kind, x,
		  BAR_TOP - 6, x, bottom, kind, x + (label_right ? 3 : -3), BAR_TOP - 8,
		  label_right ? "start" : "end");
	sbuf_addf(out, format, format_number(number, sizeof number, v));
	sbuf_add(out, "</text>\n");
}

static void group_chart(const struct board *b, size_t g, const struct card *const *order, size_t n,
			const struct axis *a, struct sbuf *out)
{
	double bottom = BAR_TOP + (double)n * BAR_ROW;
	int height = (int)bottom + BAR_AXIS;
	sbuf_add(out, "<figure class=\"ranking\">\n<figcaption>");
	html_text(out, b->plan->groups[g].name);
	sbuf_addf(out, "%s</figcaption>\n", _(" · total, by rank"));
	sbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" "
		  "width=\"%d\" height=\"%d\">\n", BAR_WIDTH, height, BAR_WIDTH, height);
	ranking_grid(a, bottom, out);
	for (size_t k = 0; k < n; k++)
		ranking_bar(b, order[k], k, a, out);
	verdict_line(a, b->lines.commendation, "commendation", _("commendation line %s"), true,
		     bottom, out);
	verdict_line(a, b->lines.red_light, "red_light", _("red-light line %s"), false, bottom, out);
	sbuf_add(out, "</svg>\n</figure>\n");
}

/* A legend's key: a small bar in the verdict's fill; the first holds the
 * patterns. */
static void legend_key(const char *verdict, const char *label, bool first, struct sbuf *out)
{
	sbuf_addf(out, "<span><svg class=\"swatch\" xmlns=\"http://www.w3.org/2000/svg\" "
		  "aria-hidden=\"true\" width=\"18\" height=\"12\">%s<rect class=\"bar-%s\" x=\"0.5\" "
		  "y=\"0.5\" width=\"17\" height=\"11\"/></svg>", first ? verdict_patterns : "", verdict);
	html_text(out, label);
	sbuf_add(out, "</span>");
}

void html_ranking(const struct board *b, struct sbuf *out)
{
	struct ranking rk;
	render_ranking_make(&rk, b);
	html_ranking_of(b, &rk, HTML_EVERY_GROUP, out);
	render_ranking_release(&rk);
}

void html_ranking_of(const struct board *b, const struct ranking *rk, size_t group,
		     struct sbuf *out)
{
	struct axis a = ranking_axis(b);
	sbuf_addf(out, "<section id=\"ranking\">\n<h2>%s</h2>\n<p class=\"legend\">", _("Ranking"));
	legend_key("commendation", _("commendation"), true, out);
	legend_key("red_light", _("red light"), false, out);
	legend_key("vetoed", _("commendation vetoed"), false, out);
	legend_key("none", _("none"), false, out);
	sbuf_add(out, "</p>\n");
	for (size_t g = 0; g < b->plan->ngroups; g++) {
		size_t n = rk->first[g + 1] - rk->first[g];
		if (n && (group == HTML_EVERY_GROUP || group == g))
			group_chart(b, g, rk->cards + rk->first[g], n, &a, out);
	}
	sbuf_add(out, "</section>\n");
}

/* ---- a unit's total month by month ---------------------------------------- */

#define TREND_W 420
#define TREND_H 160
#define TREND_LEFT 48           /* the y axis's labels */
#define TREND_RIGHT 20
#define TREND_TOP 18
#define TREND_BOTTOM 24         /* the months */

/* The months as the x axis names them. */
static const char *const month_names[12] = {
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

/* The month's name, "Sep" (9月). */
static const char *month_name(int month)
{
	return _(month_names[(month - 1) % 12]);
}

static double trend_x(int months, int month)
{
	double left = TREND_LEFT + 16, span = TREND_W - TREND_RIGHT - left;
	return left + (months > 1 ? (month - 1) * span / (months - 1) : span / 2);
}

static double trend_y(const struct axis *a, double total)
{
	double span = TREND_H - TREND_TOP - TREND_BOTTOM;
	return TREND_TOP + (a->high - total) / (a->high - a->low) * span;
}

/* A round range around the unit's totals. */
static struct axis trend_axis(const struct trend *t, int unit)
{
	double lo = INFINITY, hi = -INFINITY;
	for (int m = 1; m <= t->months; m++) {
		double v = trend_total(t, unit, m);
		if (isnan(v))
			continue;
		lo = fmin(lo, v);
		hi = fmax(hi, v);
	}
	return axis_around(lo, hi, 4);
}

/* The y axis with a label and a grid line at each tick, the x axis with
 * every month named. */
static void trend_axes(const struct axis *a, int months, struct sbuf *out)
{
	char label[64];
	double bottom = TREND_H - TREND_BOTTOM;
	sbuf_add(out, "<g class=\"y-axis\">");
	for (int k = 0; k <= axis_ticks(a); k++) {
		double v = axis_tick(a, k), y = trend_y(a, v);
		sbuf_addf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>"
			  "<text class=\"tick\" x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>",
			  TREND_LEFT, y, TREND_W - TREND_RIGHT + 8, y, TREND_LEFT - 5, y + 4,
			  tick_label(label, a, v));
	}
	sbuf_addf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.0f\"/></g>"
		  "<g class=\"months\"><line class=\"axis\" x1=\"%d\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\"/>",
		  TREND_LEFT, TREND_TOP, TREND_LEFT, bottom, TREND_LEFT, bottom,
		  TREND_W - TREND_RIGHT + 8, bottom);
	for (int m = 1; m <= months; m++)
		sbuf_addf(out, "<line class=\"axis\" x1=\"%.2f\" y1=\"%.0f\" x2=\"%.2f\" y2=\"%.0f\"/>"
			  "<text class=\"tick\" x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
			  trend_x(months, m), bottom, trend_x(months, m), bottom + 4, trend_x(months, m),
			  TREND_H - 6, month_name(m));
	sbuf_add(out, "</g>");
}

static void trend_line(const struct trend *t, int unit, const struct axis *a, struct sbuf *out)
{
	char num[64];
	sbuf_add(out, "<polyline points=\"");
	for (int m = 1; m <= t->months; m++) {
		double v = trend_total(t, unit, m);
		if (!isnan(v))
			sbuf_addf(out, "%.2f,%.2f ", trend_x(t->months, m), trend_y(a, v));
	}
	sbuf_add(out, "\"/>");
	int last = 0;
	for (int m = 1; m <= t->months; m++) {
		double v = trend_total(t, unit, m);
		if (isnan(v))
			continue;
		sbuf_addf(out, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\"><title>%s: %s</title></circle>",
			  trend_x(t->months, m), trend_y(a, v), month_name(m),
			  format_fixed(num, sizeof num, v, 2));
		last = m;
	}
	/* the latest total written out, for a printed page has no tooltips */
	double v = trend_total(t, unit, last);
	sbuf_addf(out, "<text class=\"last\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%s</text>",
		  trend_x(t->months, last), trend_y(a, v) - 7, format_fixed(num, sizeof num, v, 2));
}

void html_trend(const struct board *b, const struct trend *t, int unit, struct sbuf *out)
{
	if (!t || trend_points(t, unit) < 2)
		return;
	struct axis a = trend_axis(t, unit);
	sbuf_add(out, "<figure class=\"trend\">\n<figcaption>");
	sbuf_addf(out, _("total by month, %d"), b->plan->year);
	sbuf_addf(out, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">", TREND_W, TREND_H, TREND_W, TREND_H);
	trend_axes(&a, t->months, out);
	trend_line(t, unit, &a, out);
	sbuf_add(out, "</svg>\n</figure>\n");
}
