/* HTML: one self-contained page that opens from a USB stick and prints
 * cleanly. Charts are inline SVG (render_chart.c); there is no script, no font,
 * no image and no style sheet from elsewhere, and the page's content
 * security policy forbids any (so a browser would refuse, and say so,
 * rather than fetch one). Chinese text takes the system's fonts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "numbers.h"
#include "path.h"
#include "render.h"
#include "render_html.h"

static const char style[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Hiragino Sans GB\","
	"\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\","
	"\"WenQuanYi Zen Hei\",SimSun,sans-serif;color:#1d1d1f;margin:2em auto;max-width:60em;"
	"padding:0 1em;line-height:1.45}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #1d1d1f;padding-bottom:.2em;"
	"margin-top:2em}h3{margin:1.2em 0 .4em}\n"
	".meta{color:#555}.record.live{color:#b00020}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"table{border-collapse:collapse;width:100%;font-size:.9em}\n"
	"th,td{border:1px solid #bbb;padding:.25em .45em;vertical-align:top}th{background:#f0f0f0}\n"
	".summary ul{margin:.2em 0 1em}.summary .none{color:#555}\n"
	".l-green{background:#dff3e3;color:#1e6b31}.l-yellow{background:#fff3c4;color:#7a5a00}\n"
	".l-red{background:#fbdcdc;color:#9b1c1c;font-weight:bold}.l-error{background:#eee;color:#9b1c1c}\n"
	".l-blue{background:#dbe9fb;color:#1c4f9b}.l-orange{background:#fde3c8;color:#8a4200}\n"
	".matrix{width:auto}.matrix td.cell{text-align:center;min-width:1.6em;padding:.1em}\n"
	".matrix th.unit{writing-mode:vertical-rl;text-align:left;padding:.4em .1em;font-weight:normal}\n"
	".matrix th.ind{text-align:left;font-weight:normal;white-space:nowrap}\n"
	".matrix td.na{background:#fff}\n"
	".legend{color:#333;font-size:.9em}.legend span{padding:0 .3em;margin-right:.6em}\n"
	".totals{margin:.5em 0 .2em}.verdict{margin:.2em 0}\n"
	"table.card td:nth-child(6){white-space:nowrap}\n"
	"footer{margin-top:3em;color:#555;font-size:.85em}\n"
	"p.sample{border:3px solid #b00020;color:#b00020;font-weight:bold;padding:.4em .6em}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"@media print{body{margin:0;max-width:none;font-size:10pt}@page{size:A4;margin:14mm}"
	"section.unit{break-before:page}h2,h3{break-after:avoid}tr,figure{break-inside:avoid}"
	"thead{display:table-header-group}}\n";

void html_text(struct sbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sbuf_add(out, "&amp;"); break;
		case '<': sbuf_add(out, "&lt;"); break;
		case '>': sbuf_add(out, "&gt;"); break;
		case '"': sbuf_add(out, "&quot;"); break;
		case '\'': sbuf_add(out, "&#39;"); break;
		default: sbuf_addc(out, *s);
		}
	}
}

/* <tag class="cls">text</tag>, the text escaped; cls may be NULL. */
static void html_element(struct sbuf *out, const char *tag, const char *cls, const char *text)
{
	sbuf_addf(out, "<%s", tag);
	if (cls)
		sbuf_addf(out, " class=\"%s\"", cls);
	sbuf_addc(out, '>');
	html_text(out, text);
	sbuf_addf(out, "</%s>", tag);
}

/* The class of an item's light: "l-green", "l-orange", ..., "l-error", or
 * "" (light names are ids: nothing in them to escape). */
static const char *light_class(const struct board *b, const struct item *it,
			       char buf[LIGHT_NAME_MAX + 3])
{
	if (it->error)
		return "l-error";
	if (it->status != ITEM_SCORED)
		return "";
	snprintf(buf, LIGHT_NAME_MAX + 3, "l-%s", light_name(b, it->light));
	return buf;
}

/* Text as a CSS string's content: quotes, backslashes and line breaks
 * escaped, and '<' too, so that nothing in it ends the <style>. */
static void css_text(struct sbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sbuf_addf(out, "\\%c", *s);
		else if (*s == '\n' || *s == '\r' || *s == '<')
			sbuf_addf(out, "\\%X ", (unsigned)(unsigned char)*s);
		else
			sbuf_addc(out, *s);
	}
}

/* "page 3 of 12" as CSS content: the reader's words around the page
 * counters, each %s of the message a counter in turn. */
static void css_page_numbers(struct sbuf *out)
{
	static const char *const counters[] = {"counter(page)", "counter(pages)"};
	const char *text = _("page %s of %s");
	sbuf_addc(out, '"');
	for (int k = 0; *text; text++) {
		if (text[0] == '%' && text[1] == 's' && k < 2) {
			sbuf_addf(out, "\" %s \"", counters[k++]);
			text++;
		} else {
			char one[2] = {*text, 0};
			css_text(out, one);
		}
	}
	sbuf_addc(out, '"');
}

#define MARGIN_BOX_STYLE "font-size:8pt;color:#555"

/* A margin box of every printed page, its content a string. */
static void css_margin_box(struct sbuf *out, const char *box, const char *text)
{
	sbuf_addf(out, "@%s{content:\"", box);
	css_text(out, text);
	sbuf_add(out, "\";" MARGIN_BOX_STYLE "}");
}

/* The running header and footer of the printed pages (A4): the plan's
 * title, the period and status; what the report is the record of, and
 * the page numbers. */
static void html_page_style(const struct board *b, const struct report_record *rec,
			    struct sbuf *out)
{
	char period[PERIOD_TEXT];
	struct sbuf text = {0};
	sbuf_add(out, "<style>\n@media print{@page{");
	css_margin_box(out, "top-left", b->plan->title);
	sbuf_addf(&text, "%s · %s", period_format(&b->period, period), render_record_status(rec));
	css_margin_box(out, "top-right", sbuf_str(&text));
	sbuf_reset(&text);
	render_record_line(rec, &text);
	css_margin_box(out, "bottom-left", sbuf_str(&text));
	sbuf_add(out, "@bottom-right{content:");
	css_page_numbers(out);
	sbuf_add(out, ";" MARGIN_BOX_STYLE "}}}\n</style>\n");
	sbuf_release(&text);
}

void html_head(const struct board *b, const struct report_record *rec, const char *subtitle,
	       struct sbuf *out)
{
	char period[PERIOD_TEXT];
	sbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang_tag());
	sbuf_add(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		      "style-src 'unsafe-inline'\">\n<title>");
	html_text(out, b->plan->title);
	if (subtitle) {
		sbuf_add(out, " · ");
		html_text(out, subtitle);
	}
	sbuf_addf(out, " · %s</title>\n<style>\n%s%s</style>\n", period_format(&b->period, period),
		  style, html_chart_style);
	html_page_style(b, rec, out);
	sbuf_add(out, "</head>\n<body>\n");
}

/* The sample-data banner, when the results rest on sample figures. */
static void html_banner(const struct board *b, struct sbuf *out)
{
	struct sbuf text = {0};
	if (render_sample_banner(b, &text)) {
		sbuf_addc(out, '\n');
		html_element(out, "p", "sample", sbuf_str(&text));
		sbuf_addc(out, '\n');
	}
	sbuf_release(&text);
}

void html_header(const struct board *b, const struct report_record *rec, struct sbuf *out)
{
	const struct plan *p = b->plan;
	char period[PERIOD_TEXT], progress[32];
	struct sbuf meta = {0};
	sbuf_add(out, "<header>\n");
	html_element(out, "h1", NULL, p->title);
	sbuf_addf(&meta, _("period %s · time progress %s · plan %s"), period_format(&b->period, period),
		  render_percent(progress, sizeof progress, b->progress), p->id);
	if (p->issuer && *p->issuer)
		sbuf_addf(&meta, " · %s", p->issuer);
	if (p->source && *p->source)
		sbuf_addf(&meta, " · %s", p->source);
	sbuf_addc(out, '\n');
	html_element(out, "p", "meta", sbuf_str(&meta));
	sbuf_reset(&meta);
	render_record_line(rec, &meta);
	sbuf_addc(out, '\n');
	html_element(out, "p", rec->run ? "meta record" : "meta record live", sbuf_str(&meta));
	html_banner(b, out);
	sbuf_add(out, "\n</header>\n");
	sbuf_release(&meta);
}

static void html_summary_list(const struct board *b, enum summary_list list,
			      const struct html_pages *pages, struct sbuf *out)
{
	html_element(out, "h3", NULL, render_summary_title(list));
	if (!render_summary_count(b, list)) {
		sbuf_addf(out, "\n<p class=\"none\">%s</p>\n", _("none"));
		return;
	}
	sbuf_add(out, "\n<ul>\n");
	for (size_t u = 0; u < b->ncards; u++) {
		const char *reason = render_summary_reason(b, &b->cards[u], list);
		if (!reason)
			continue;
		sbuf_add(out, "<li>");
		if (pages)
			html_unit_link(b, pages, b->cards[u].unit, out);
		else
			html_element(out, "b", NULL, b->plan->units[b->cards[u].unit].name);
		if (*reason)
			sbuf_add(out, ": ");
		html_text(out, reason);
		sbuf_add(out, "</li>\n");
	}
	sbuf_add(out, "</ul>\n");
}

void html_summary(const struct board *b, const struct html_pages *pages, struct sbuf *out)
{
	sbuf_addf(out, "<section class=\"summary\" id=\"summary\">\n<h2>%s</h2>\n", _("Summary"));
	html_banner(b, out);
	for (int list = 0; list < SUMMARY_LISTS; list++)
		html_summary_list(b, (enum summary_list)list, pages, out);
	sbuf_add(out, "</section>\n");
}

static void html_legend(const struct board *b, struct sbuf *out)
{
	sbuf_add(out, "<p class=\"legend\">");
	for (int l = 1; l <= b->lights.n; l++)
		sbuf_addf(out, "<span class=\"l-%s\">%s %s</span>", light_name(b, l),
			  render_light_shape(b, l), _(light_name(b, l)));
	sbuf_addf(out, "<span>○ %s</span><span>◇ %s</span><span>· %s</span><span>？ %s</span></p>\n",
		  _("not due"), _("supporting"), _("shown, not scored"), _("the rule failed"));
}

/* "区商务局 · 服务贸易额: red — 完成率42%…", a cell's tooltip. */
static void cell_title(const struct board *b, const struct item *it, int unit, struct sbuf *out)
{
	struct sbuf reason = {0};
	render_item_reason(b, it, &reason);
	sbuf_addf(out, "%s · %s: %s", b->plan->units[unit].name,
		  b->plan->indicators[it->indicator].name, render_item_light(b, it));
	if (reason.len)
		sbuf_addf(out, " — %s", sbuf_str(&reason));
	sbuf_release(&reason);
}

static void html_matrix_cell(const struct board *b, int unit, int indicator, struct sbuf *out)
{
	long k = plan_find_assignment(b->plan, unit, indicator);
	if (k < 0) {
		sbuf_add(out, "<td class=\"cell na\"></td>");
		return;
	}
	const struct item *it = board_item(b, (size_t)k);
	struct sbuf title = {0};
	char class[LIGHT_NAME_MAX + 3];
	cell_title(b, it, unit, &title);
	sbuf_addf(out, "<td class=\"cell %s\" title=\"", light_class(b, it, class));
	html_text(out, sbuf_str(&title));
	sbuf_addf(out, "\">%s</td>", render_light_symbol(b, it));
	sbuf_release(&title);
}

/* The unit of the matrix's k-th card: cards[k]'s, or the plan's k-th
 * when cards is NULL. */
static int matrix_unit(const struct card *const *cards, size_t k)
{
	return cards ? cards[k]->unit : (int)k;
}

void html_matrix(const struct board *b, const struct card *const *cards, size_t ncards,
		 struct sbuf *out, const struct render_sink *sink)
{
	const struct plan *p = b->plan;
	bool units_down = ncards > RENDER_LARGE_PLAN_UNITS;
	size_t nrows = units_down ? ncards : p->nindicators;
	size_t ncols = units_down ? p->nindicators : ncards;
	struct sbuf label = {0};
	sbuf_addf(out, "<section id=\"matrix\">\n<h2>%s</h2>\n", _("Lights"));
	html_legend(b, out);
	sbuf_addf(out, "<table class=\"matrix\">\n<thead><tr><th class=\"ind\">%s</th>",
		  units_down ? _("unit") : _("indicator"));
	for (size_t c = 0; c < ncols; c++) {
		if (units_down)
			render_indicator_label(&p->indicators[c], &label);
		html_element(out, "th", "unit",
			     units_down ? sbuf_str(&label) : p->units[matrix_unit(cards, c)].name);
	}
	sbuf_add(out, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < nrows; r++) {
		if (!units_down)
			render_indicator_label(&p->indicators[r], &label);
		sbuf_add(out, "<tr>");
		html_element(out, "th", "ind",
			     units_down ? p->units[matrix_unit(cards, r)].name : sbuf_str(&label));
		for (size_t c = 0; c < ncols; c++)
			html_matrix_cell(b, units_down ? matrix_unit(cards, r) : matrix_unit(cards, c),
					 (int)(units_down ? c : r), out);
		sbuf_add(out, "</tr>\n");
		render_pass_on(sink, out);
	}
	sbuf_add(out, "</tbody>\n</table>\n</section>\n");
	sbuf_release(&label);
}

static void html_items(const struct board *b, const struct card *c, struct sbuf *out)
{
	struct item_cells cells = {0};
	const char *headers[ITEM_COLUMNS];
	item_column_headers_read(headers);
	char class[LIGHT_NAME_MAX + 3];
	sbuf_add(out, "<table class=\"card\">\n<thead><tr>");
	for (size_t i = 0; i < ITEM_COLUMNS; i++)
		html_element(out, "th", NULL, headers[i] + (headers[i][0] == '>'));
	sbuf_add(out, "</tr></thead>\n<tbody>\n");
	const struct item *items = card_items(b, c);
	for (size_t k = 0; k < c->count; k++) {
		const struct item *it = &items[k];
		item_cells_fill(&cells, b, it, true);
		sbuf_add(out, "<tr>");
		for (size_t i = 0; i < ITEM_COLUMNS; i++)
			html_element(out, "td", i == 5 ? light_class(b, it, class) : item_column_headers[i][0] == '>'
				     ? "num" : NULL, cells.cell[i]);
		sbuf_add(out, "</tr>\n");
	}
	sbuf_add(out, "</tbody>\n</table>\n");
	item_cells_release(&cells);
}

void html_card(const struct board *b, const struct trend *t, const struct card *c,
	       struct sbuf *out)
{
	struct sbuf text = {0};
	sbuf_addf(out, "<section class=\"unit\" id=\"unit-%s\">\n", b->plan->units[c->unit].id);
	render_card_heading(b, c, &text);
	html_element(out, "h2", NULL, sbuf_str(&text));
	sbuf_addc(out, '\n');
	html_items(b, c, out);
	sbuf_reset(&text);
	if (!card_has_total(c)) {
		render_card_unscored(b, c, &text);
		html_element(out, "p", "totals", sbuf_str(&text));
	} else {
		if (c->nadjustments) {
			render_card_adjustment(b, c, &text);
			html_element(out, "p", "totals", sbuf_str(&text));
			sbuf_reset(&text);
		}
		render_card_counts(b, c, &text);
		html_element(out, "p", "totals", sbuf_str(&text));
		sbuf_reset(&text);
		sbuf_add(&text, _("verdict: "));
		render_card_verdict_text(b, c, &text);
		html_element(out, "p", "verdict", sbuf_str(&text));
	}
	sbuf_addc(out, '\n');
	html_trend(b, t, c->unit, out);
	sbuf_add(out, "</section>\n");
	sbuf_release(&text);
}

void html_footer(const struct board *b, struct sbuf *out)
{
	struct sbuf footer = {0};
	sbuf_add(out, "<footer>");
	sbuf_addf(&footer, _("Scored by assay from the stored figures with the rule file %s."),
		  path_basename(b->plan->rules_path));
	html_text(out, sbuf_str(&footer));
	sbuf_add(out, "</footer>\n</body>\n</html>\n");
	sbuf_release(&footer);
}

void render_html_pieces(const struct board *b, const struct trend *trend,
			const struct report_record *rec, struct sbuf *out,
			const struct render_sink *sink)
{
	html_head(b, rec, NULL, out);
	html_header(b, rec, out);
	html_summary(b, NULL, out);
	html_ranking(b, out);
	render_pass_on(sink, out);
	html_matrix(b, NULL, b->ncards, out, sink);
	for (size_t u = 0; u < b->ncards; u++) {
		html_card(b, trend, &b->cards[u], out);
		render_pass_on(sink, out);
	}
	html_footer(b, out);
	render_pass_on(sink, out);
}

void render_html(const struct board *b, const struct trend *trend,
		 const struct report_record *rec, struct sbuf *out)
{
	render_html_pieces(b, trend, rec, out, NULL);
}
