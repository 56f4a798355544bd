/* render_html: what the HTML report's files share: the page
 * (render_html.c) and its charts (render_chart.c). */
#ifndef ASSAY_RENDER_HTML_H
#define ASSAY_RENDER_HTML_H

#include "render.h"
#include "sbuf.h"
#include "scorecard.h"

struct trend;

/* Text as HTML: the five characters that mean something there escaped. */
void html_text(struct sbuf *out, const char *s);

/* The charts' part of the page's style sheet. */
extern const char html_chart_style[];
/* The ranking section: a legend, then a bar chart per peer group, every
 * group on one scale, with the rules' verdict lines. */
void html_ranking(const struct board *b, struct sbuf *out);
/* The same of one peer group's chart (HTML_EVERY_GROUP: every group's)
 * from their ranking (render_ranking_make), still on the one scale. */
#define HTML_EVERY_GROUP ((size_t)-1)
struct ranking;
void html_ranking_of(const struct board *b, const struct ranking *rk, size_t group,
		     struct sbuf *out);
/* The unit's total month by month, when it has two months or more. */
void html_trend(const struct board *b, const struct trend *t, int unit, struct sbuf *out);

/* The parts of a page, which the single page (render_html.c) and a large
 * plan's pages (render_html_pages.c) put together. */
/* From <!DOCTYPE> to <body>: its title the plan's, then subtitle (NULL:
 * none), then the period. */
void html_head(const struct board *b, const struct report_record *rec, const char *subtitle,
	       struct sbuf *out);
/* The plan's title, period and what the report is the record of. */
void html_header(const struct board *b, const struct report_record *rec, struct sbuf *out);
/* Who is commended, has a red light, was vetoed; each unit linked to its
 * scorecard on its group's page when pages is not NULL. */
struct html_pages;
void html_summary(const struct board *b, const struct html_pages *pages, struct sbuf *out);
/* The unit's name, bold, linked to its scorecard on its group's page. */
void html_unit_link(const struct board *b, const struct html_pages *pages, int unit,
		    struct sbuf *out);
/* The lights of ncards cards (cards NULL: the board's, in plan order):
 * indicators down and units across, or, for more than
 * RENDER_LARGE_PLAN_UNITS, units down (twenty thousand columns could
 * not be read). A row at a time to the sink. */
void html_matrix(const struct board *b, const struct card *const *cards, size_t ncards,
		 struct sbuf *out, const struct render_sink *sink);
/* A unit's scorecard, with its trend (t may be NULL). */
void html_card(const struct board *b, const struct trend *t, const struct card *c,
	       struct sbuf *out);
/* The rule file it was scored with, and the page's end. */
void html_footer(const struct board *b, struct sbuf *out);

#endif
