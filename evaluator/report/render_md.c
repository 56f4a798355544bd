/* Markdown, for pasting into documents: the summary, each peer group's
 * ranking and a scorecard per unit, as pipe tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "numbers.h"
#include "render.h"

/* A table cell: '|' escaped, line breaks as spaces. */
static void md_cell(struct sbuf *out, const char *s)
{
	sbuf_add(out, " ");
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			sbuf_addc(out, '\\');
		sbuf_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	sbuf_add(out, " |");
}

static void md_row(struct sbuf *out, const char *const *cells, size_t n)
{
	sbuf_addc(out, '|');
	for (size_t i = 0; i < n; i++)
		md_cell(out, cells[i]);
	sbuf_addc(out, '\n');
}

/* The header row and its rule; a header starting with '>' is a number
 * column, aligned right. */
static void md_header(struct sbuf *out, const char *const *headers, size_t n)
{
	sbuf_addc(out, '|');
	for (size_t i = 0; i < n; i++)
		md_cell(out, headers[i] + (headers[i][0] == '>'));
	sbuf_add(out, "\n|");
	for (size_t i = 0; i < n; i++)
		sbuf_add(out, headers[i][0] == '>' ? "---:|" : "---|");
	sbuf_addc(out, '\n');
}

/* The sample-data banner as a paragraph of its own, in bold. */
static void md_banner(const struct board *b, struct sbuf *out)
{
	struct sbuf text = {0};
	if (render_sample_banner(b, &text))
		sbuf_addf(out, "**%s**\n\n", sbuf_str(&text));
	sbuf_release(&text);
}

/* One summary list: the units on it, each with its reason. */
static void md_summary(const struct board *b, enum summary_list list, struct sbuf *out)
{
	size_t n = render_summary_count(b, list);
	sbuf_addf(out, "**%s**:%s%s\n", render_summary_title(list), n ? "" : " ", n ? "" : _("none"));
	for (size_t u = 0; u < b->ncards; u++) {
		const char *reason = render_summary_reason(b, &b->cards[u], list);
		if (!reason)
			continue;
		sbuf_addf(out, "- %s%s%s\n", b->plan->units[b->cards[u].unit].name, *reason ? ": " : "",
			  reason);
	}
	sbuf_addc(out, '\n');
}

static void md_ranking(const struct board *b, struct sbuf *out)
{
	char red_header[RED_HEADER_MAX];
	const char *headers[RANKING_COLUMNS];
	struct ranking rk;
	ranking_headers_read(b, red_header, headers);
	render_ranking_make(&rk, b);
	sbuf_addf(out, "## %s\n\n", _("Ranking"));
	for (size_t g = 0; g < b->plan->ngroups; g++) {
		size_t n = rk.first[g + 1] - rk.first[g];
		const struct card *const *order = rk.cards + rk.first[g];
		if (n == 0)
			continue;
		sbuf_addf(out, "### %s\n\n", b->plan->groups[g].name);
		md_header(out, headers, 5);
		for (size_t k = 0; k < n; k++) {
			const struct card *c = order[k];
			char rank[16], total[64], red[16];
			snprintf(rank, sizeof rank, "%d", c->rank);
			snprintf(red, sizeof red, "%d", card_red(b, c));
			bool total_shown = card_has_total(c);
			const char *cells[5] = {c->rank ? rank : "—", b->plan->units[c->unit].name,
						total_shown ? format_fixed(total, sizeof total, c->total, 2) : "",
						total_shown ? red : "", render_card_verdict(c)};
			md_row(out, cells, 5);
		}
		sbuf_addc(out, '\n');
	}
	render_ranking_release(&rk);
}

static void md_items(const struct board *b, const struct card *c, struct sbuf *out)
{
	struct item_cells cells = {0};
	const char *headers[ITEM_COLUMNS];
	item_column_headers_read(headers);
	md_header(out, headers, ITEM_COLUMNS);
	const struct item *items = card_items(b, c);
	for (size_t k = 0; k < c->count; k++) {
		item_cells_fill(&cells, b, &items[k], true);
		md_row(out, cells.cell, ITEM_COLUMNS);
	}
	item_cells_release(&cells);
}

static void md_card(const struct board *b, const struct card *c, struct sbuf *out)
{
	sbuf_add(out, "### ");
	render_card_heading(b, c, out);
	sbuf_add(out, "\n\n");
	md_items(b, c, out);
	sbuf_addc(out, '\n');
	if (!card_has_total(c)) {
		render_card_unscored(b, c, out);
		sbuf_add(out, "\n\n");
		return;
	}
	if (c->nadjustments) {
		render_card_adjustment(b, c, out);
		sbuf_add(out, "  \n");
	}
	render_card_counts(b, c, out);
	sbuf_addf(out, "  \n%s", _("verdict: "));
	render_card_verdict_text(b, c, out);
	sbuf_add(out, "\n\n");
}

/* The head's rows (report_head) as a table of two columns, after the title
 * and the plan's id and time progress. */
static void md_head(const struct board *b, const struct report_record *rec, struct sbuf *out)
{
	const struct plan *p = b->plan;
	char period[PERIOD_TEXT], progress[32];
	struct report_head head;
	sbuf_addf(out, _("# %s\n\nplan `%s` · period %s · time progress %s\n\n"), p->title, p->id,
		  period_format(&b->period, period), render_percent(progress, sizeof progress, b->progress));
	report_head_fill(&head, b, rec);
	const char *headers[2] = {"", ""};
	md_header(out, headers, 2);
	for (size_t k = 0; k < head.n; k++) {
		const char *row[2] = {head.label[k], head.text[k]};
		md_row(out, row, 2);
	}
	sbuf_addc(out, '\n');
	report_head_release(&head);
}

void render_md(const struct board *b, const struct report_record *rec, struct sbuf *out)
{
	render_md_pieces(b, rec, out, NULL);
}

void render_md_pieces(const struct board *b, const struct report_record *rec, struct sbuf *out,
		      const struct render_sink *sink)
{
	md_head(b, rec, out);
	md_banner(b, out);
	sbuf_addf(out, "## %s\n\n", _("Summary"));
	md_banner(b, out);
	for (int list = 0; list < SUMMARY_LISTS; list++)
		md_summary(b, (enum summary_list)list, out);
	md_ranking(b, out);
	sbuf_addf(out, "## %s\n\n", _("Scorecards"));
	render_pass_on(sink, out);
	for (size_t u = 0; u < b->ncards; u++) {
		md_card(b, &b->cards[u], out);
		render_pass_on(sink, out);
	}
	sbuf_add(out, _("Lights: "));
	render_light_legend(b, " · ", out);
	sbuf_addf(out, "%s\n", _(" · ○ not due · ◇ supporting · · shown, not scored"));
	render_pass_on(sink, out);
}
