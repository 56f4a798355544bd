/* A large plan's HTML report in pages: a summary page, and a page per
 * peer group that holds its units' scorecards, each written a scorecard at
 * a time. One page of twenty thousand scorecards is hundreds of megabytes,
 * which no browser opens; a group's page is a few. */
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "path.h"
#include "render.h"
#include "render_html.h"

/* "dir/report-g01.html" for "dir/report.html" (or "dir/report"). */
static char *group_path(const char *summary, const char *group_id)
{
	size_t stem = strlen(summary);
	if (path_has_ext(summary, ".html"))
		stem -= strlen(".html");
	struct sbuf path = {0};
	sbuf_addf(&path, "%.*s-%s.html", (int)stem, summary, group_id);
	return sbuf_detach(&path);
}

void html_pages_make(struct html_pages *p, const struct board *b, const char *path)
{
	const struct plan *plan = b->plan;
	p->summary = xstrdup(path);
	p->ngroups = plan->ngroups;
	p->groups = xcalloc(plan->ngroups + 1, sizeof *p->groups);
	render_ranking_make(&p->ranking, b);
	for (size_t g = 0; g < plan->ngroups; g++)
		if (p->ranking.first[g + 1] > p->ranking.first[g])
			p->groups[g] = group_path(path, plan->groups[g].id);
}

void html_pages_release(struct html_pages *p)
{
	for (size_t g = 0; g < p->ngroups; g++)
		free(p->groups[g]);
	free(p->groups);
	free(p->summary);
	render_ranking_release(&p->ranking);
	memset(p, 0, sizeof *p);
}

/* A page's file name as a link beside it: ASCII other than letters,
 * digits and "-._~" percent-encoded (a '#' or '?' in a name would cut the
 * link short), other UTF-8 bytes as they are, as browsers take them. */
static void html_href(struct sbuf *out, const char *path)
{
	for (const unsigned char *s = (const unsigned char *)path_basename(path); *s; s++) {
		if (*s >= 0x80 || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s))
			sbuf_addc(out, (char)*s);
		else
			sbuf_addf(out, "%%%02X", *s);
	}
}

/* <a href="page#anchor">text</a>; anchor may be NULL. */
static void html_link(struct sbuf *out, const char *page, const char *anchor, const char *text)
{
	sbuf_add(out, "<a href=\"");
	html_href(out, page);
	if (anchor)
		sbuf_addf(out, "#%s", anchor);
	sbuf_add(out, "\">");
	html_text(out, text);
	sbuf_add(out, "</a>");
}

void html_unit_link(const struct board *b, const struct html_pages *pages, int unit,
		    struct sbuf *out)
{
	const struct plan_unit *u = &b->plan->units[unit];
	struct sbuf anchor = {0};
	sbuf_addf(&anchor, "unit-%s", u->id);
	sbuf_add(out, "<b>");
	html_link(out, pages->groups[u->group], sbuf_str(&anchor), u->name);
	sbuf_add(out, "</b>");
	sbuf_release(&anchor);
}

/* How many of the group's cards are on the summary's list. */
static size_t group_count(const struct board *b, const struct html_pages *p, size_t g,
			  enum summary_list list)
{
	size_t n = 0;
	for (size_t k = p->ranking.first[g]; k < p->ranking.first[g + 1]; k++)
		n += render_summary_reason(b, p->ranking.cards[k], list) != NULL;
	return n;
}

/* The peer groups, a row each: its page, its units, how many are
 * commended and how many have a red light. */
static void html_group_table(const struct board *b, const struct html_pages *p, struct sbuf *out)
{
	sbuf_addf(out, "<section id=\"groups\">\n<h2>%s</h2>\n<table>\n<thead><tr><th>%s</th>"
		  "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
		  "</tr></thead>\n<tbody>\n", _("Peer groups"), _("peer group"), _("number of units"),
		  _("commended"), _("red light"));
	for (size_t g = 0; g < p->ngroups; g++) {
		if (!p->groups[g])
			continue;
		sbuf_add(out, "<tr><td>");
		html_link(out, p->groups[g], NULL, b->plan->groups[g].name);
		sbuf_addf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
			  "<td class=\"num\">%zu</td></tr>\n", p->ranking.first[g + 1] - p->ranking.first[g],
			  group_count(b, p, g, SUMMARY_COMMENDED), group_count(b, p, g, SUMMARY_RED_LIGHT));
	}
	sbuf_add(out, "</tbody>\n</table>\n</section>\n");
}

void render_html_summary_page(const struct board *b, const struct report_record *rec,
			      const struct html_pages *p, struct sbuf *out,
			      const struct render_sink *sink)
{
	html_head(b, rec, NULL, out);
	html_header(b, rec, out);
	html_summary(b, p, out);
	render_pass_on(sink, out);
	html_group_table(b, p, out);
	html_footer(b, out);
	render_pass_on(sink, out);
}

/* The nearest group before (step -1) or after (+1) g that has a page;
 * SIZE_MAX when none. */
static size_t next_page(const struct html_pages *p, size_t g, int step)
{
	for (size_t k = g + (size_t)step; k < p->ngroups; k += (size_t)step)
		if (p->groups[k])
			return k;
	return (size_t)-1;
}

/* Where the group's page stands: the group, and links to the summary and
 * the groups before and after. */
static void html_group_nav(const struct board *b, const struct html_pages *p, size_t g,
			   struct sbuf *out)
{
	struct sbuf text = {0};
	size_t before = next_page(p, g, -1), after = next_page(p, g, 1);
	sbuf_add(out, "<nav class=\"pages\">\n<h2>");
	html_text(out, b->plan->groups[g].name);
	sbuf_addf(out, "</h2>\n<p class=\"meta\">");
	sbuf_addf(&text, _("peer group %zu of %zu · %zu units"), g + 1, p->ngroups,
		  p->ranking.first[g + 1] - p->ranking.first[g]);
	html_text(out, sbuf_str(&text));
	sbuf_add(out, "</p>\n<p>");
	html_link(out, p->summary, NULL, _("summary and every peer group"));
	if (before != (size_t)-1) {
		sbuf_add(out, " · ← ");
		html_link(out, p->groups[before], NULL, b->plan->groups[before].name);
	}
	if (after != (size_t)-1) {
		sbuf_add(out, " · ");
		html_link(out, p->groups[after], NULL, b->plan->groups[after].name);
		sbuf_add(out, " →");
	}
	sbuf_add(out, "</p>\n</nav>\n");
	sbuf_release(&text);
}

void render_html_group_page(const struct board *b, const struct trend *trend,
			    const struct report_record *rec, const struct html_pages *p,
			    size_t group, struct sbuf *out, const struct render_sink *sink)
{
	const struct card *const *cards = p->ranking.cards + p->ranking.first[group];
	size_t n = p->ranking.first[group + 1] - p->ranking.first[group];
	html_head(b, rec, b->plan->groups[group].name, out);
	html_header(b, rec, out);
	html_group_nav(b, p, group, out);
	html_ranking_of(b, &p->ranking, group, out);
	render_pass_on(sink, out);
	html_matrix(b, cards, n, out, sink);
	for (size_t k = 0; k < n; k++) {
		html_card(b, trend, cards[k], out);
		render_pass_on(sink, out);
	}
	html_footer(b, out);
	render_pass_on(sink, out);
}
