/* render: scorecards as text. Each format reads the board only: no store,
 * no Lua. `unit` limits the scorecards to one unit (-1: all). */
#ifndef ASSAY_RENDER_H
#define ASSAY_RENDER_H

#include <stdint.h>
#include <time.h>

#include "diag.h"
#include "fingerprint.h"
#include "sbuf.h"
#include "scorecard.h"

void render_table(const struct board *b, int unit, struct sbuf *out);
/* bom: start with a UTF-8 byte order mark, which Excel on Windows needs to
 * read the file as UTF-8 rather than the local code page. */
void render_csv(const struct board *b, int unit, bool bom, struct sbuf *out);
void render_json(const struct board *b, int unit, struct sbuf *out);
/* Where scorecards may go as they are written, so that no one holds the
 * whole text (a saved run packs it as it comes): take gets what was
 * written since, after each unit's scorecard and at the end. */
struct render_sink {
	void (*take)(void *ctx, const char *text, size_t len);
	void *ctx;
};
/* render_table, render_csv and render_json, handing the text to sink as
 * it is written (out is then only where it is written); without a sink,
 * into out. */
void render_table_pieces(const struct board *b, int unit, struct sbuf *out,
			 const struct render_sink *sink);
void render_csv_pieces(const struct board *b, int unit, bool bom, struct sbuf *out,
		       const struct render_sink *sink);
void render_json_pieces(const struct board *b, int unit, struct sbuf *out,
			const struct render_sink *sink);
/* Hands out's text to the sink, and empties out; nothing without a sink. */
void render_pass_on(const struct render_sink *sink, struct sbuf *out);
/* The fields of an item's and of a card's JSON object (the card's without
 * its items), without the braces, for documents that add their own. */
void render_json_item_fields(const struct board *b, const struct item *it, struct sbuf *out);
void render_json_card_fields(const struct board *b, const struct card *c, struct sbuf *out);
/* Only the ranking: per peer group, rank, unit, total, lights, verdict. */
void render_ranking_table(const struct board *b, struct sbuf *out);
void render_ranking_csv(const struct board *b, bool bom, struct sbuf *out);
/* The same, handing the text to sink a peer group at a time. */
void render_ranking_table_pieces(const struct board *b, struct sbuf *out,
				 const struct render_sink *sink);
void render_ranking_csv_pieces(const struct board *b, bool bom, struct sbuf *out,
			       const struct render_sink *sink);
/* A few lines: units scored, commended, red lights, the three highest totals. */
void render_summary(const struct board *b, struct sbuf *out);
struct report_record;
/* Markdown: the head (report_head), summary, ranking, every unit's
 * scorecard. */
void render_md(const struct board *b, const struct report_record *rec, struct sbuf *out);
/* render_md, handing the text to sink a scorecard at a time. */
void render_md_pieces(const struct board *b, const struct report_record *rec, struct sbuf *out,
		      const struct render_sink *sink);
/* A plan of more units than this is large: the lights of its units are
 * shown down the rows (HTML, xlsx), and its workbook is streamed. */
#define RENDER_LARGE_PLAN_UNITS 300

/* What a report is the record of (render_record.c): a saved run, or a
 * live draft scored from the store as it is and saved nowhere. */
struct report_record {
	long run;                       /* the saved run's number; 0: a live draft */
	bool final;
	time_t when;                    /* the run's saving, or now */
	char generated[32];             /* when, as "2023-10-05 09:12:03 UTC" */
	char fingerprint[FINGERPRINT_SHORT + 1]; /* of what it was scored from; "" unknown */
};
/* "final", "draft" or "live draft, not saved", in the reader's language. */
const char *render_record_status(const struct report_record *rec);
/* "run 3 · final · generated 2023-10-05 09:12 UTC · fingerprint 1a2b3c4d". */
void render_record_line(const struct report_record *rec, struct sbuf *out);
/* A report's head, a row each: the plan's title, its issuer and document
 * (when the plan gives them), the period, the status, the run, the date
 * made and the fingerprint; labels in the reader's language. */
#define REPORT_HEAD_ROWS 8
struct report_head {
	size_t n;
	const char *label[REPORT_HEAD_ROWS];
	char *text[REPORT_HEAD_ROWS];   /* owned */
};
void report_head_fill(struct report_head *h, const struct board *b,
		      const struct report_record *rec);
void report_head_release(struct report_head *h);

struct trend;
/* One self-contained HTML page: summary, ranking charts, the light
 * matrix, every unit's scorecard with its trend (trend may be NULL). */
void render_html(const struct board *b, const struct trend *trend,
		 const struct report_record *rec, struct sbuf *out);
/* render_html, handing the text to sink as it is written, a scorecard at
 * a time (as the _pieces of the scorecards above). */
void render_html_pieces(const struct board *b, const struct trend *trend,
			const struct report_record *rec, struct sbuf *out,
			const struct render_sink *sink);
/* An Excel workbook at path: ranking, lights, a sheet per peer group
 * (more when its scorecards pass Excel's last row). 0, or -1 with d set. */
int render_xlsx(const struct board *b, const struct report_record *rec, const char *path,
		diag_t *d);
/* The same with a peer group's sheets ending at sheet_rows rows instead
 * of Excel's 1,048,576 (tests see a group's sheets split on a small plan). */
int render_xlsx_sheet_rows(const struct board *b, const struct report_record *rec,
			   const char *path, unsigned long sheet_rows, diag_t *d);

/* Shared by the formats. */
const char *render_actual(char *buf, size_t size, double actual);
const char *render_percent(char *buf, size_t size, double ratio);
/* The figure as read: a number, a growth ("+2.5%"), a task's date done or
 * render_in_progress; "" when not reported. Never translated: the CSV
 * and saved runs hold it. */
extern const char render_in_progress[];
const char *render_item_actual(const struct board *b, const struct item *it, char *buf,
			       size_t size);
/* The same for a person to read: "in progress" in the reader's language. */
const char *render_item_actual_read(const struct board *b, const struct item *it, char *buf,
				    size_t size);
/* The target: a number, or its form in symbols ("≈ 6", "by 2023-12-31");
 * out is reset. */
void render_item_target(const struct board *b, const struct item *it, struct sbuf *out);
/* What a reader should know besides the rule's reason: carried, review
 * flags, not due, supporting, the reported note, joined by " · "; out is
 * reset. */
void render_item_notes(const struct board *b, const struct item *it, struct sbuf *out);
/* The rule's reason (or error), then the notes; out is reset. */
void render_item_reason(const struct board *b, const struct item *it, struct sbuf *out);
/* "name (measure)"; out is reset. */
void render_indicator_label(const struct plan_indicator *ind, struct sbuf *out);
/* The light, or why there is none: "green", "not due", "supporting",
 * "error", "" (shown). */
const char *render_item_light(const struct board *b, const struct item *it);
/* The light as a shape that reads in black and white: ● green, ▲ yellow,
 * ■ red (the first light ●, the last ■, those between ▲ ◆ ★ △ ☆ □),
 * ○ not due, ◇ supporting, · shown, ？ error. */
const char *render_light_symbol(const struct board *b, const struct item *it);
/* The shape of light k (1-based) of the board's set. */
const char *render_light_shape(const struct board *b, int light);
/* "● green · ▲ yellow · ■ red": the board's lights, shape and name,
 * joined by sep. */
void render_light_legend(const struct board *b, const char *sep, struct sbuf *out);
/* The ranking's column of red lights, right-aligned: ">red", or the name
 * of the rules' last light, in the reader's language. */
#define RED_HEADER_MAX 64
const char *render_red_header(const struct board *b, char buf[RED_HEADER_MAX]);
/* A light's colours by its name (green, yellow, orange, red, blue; grey
 * for any other), as 0xRRGGBB: the cell's fill and its ink. */
void render_light_colours(const char *name, uint32_t *fill, uint32_t *ink);
/* A unit's verdict in a ranking: the label, "vetoed", "error" or
 * "not scored". */
const char *render_card_verdict(const struct card *c);
/* Every card in ranking order, peer group by peer group: group g's are
 * cards[first[g] .. first[g + 1]), ranked by rank then plan order, the
 * unranked last. One pass however many groups there are. */
struct ranking {
	const struct card **cards;
	size_t *first;
};
void render_ranking_make(struct ranking *r, const struct board *b);
/* A ranking table's headers for a person: rank, unit, total, red lights
 * (written into red), verdict ('>' marks a number column). */
#define RANKING_COLUMNS 5
void ranking_headers_read(const struct board *b, char red[RED_HEADER_MAX],
			  const char *out[RANKING_COLUMNS]);
void render_ranking_release(struct ranking *r);

/* A plan of more units than this has its HTML report, when written to a
 * file, in pages that a browser opens: a summary page linking a page per
 * peer group ("report.html", and "report-g01.html" beside it, by the
 * group's id), each group's page linking back and to the groups before
 * and after. */
#define RENDER_PAGED_UNITS 1000
struct html_pages {
	char *summary;          /* the summary page's path, as given */
	char **groups;          /* by peer group, its page's path; NULL for a
				 * group without units */
	size_t ngroups;
	struct ranking ranking; /* the cards, group by group, in ranking order */
};
/* The pages of b's report whose summary page is path (html_pages_release
 * them). */
void html_pages_make(struct html_pages *p, const struct board *b, const char *path);
void html_pages_release(struct html_pages *p);
/* The summary page: the report's head, who is commended and who has a
 * red light (each linked to the scorecard) and the peer groups, each
 * linked to its page. */
void render_html_summary_page(const struct board *b, const struct report_record *rec,
			      const struct html_pages *p, struct sbuf *out,
			      const struct render_sink *sink);
/* A peer group's page: its ranking chart, lights and scorecards, units in
 * ranking order, a scorecard at a time to the sink (trend may be NULL). */
void render_html_group_page(const struct board *b, const struct trend *trend,
			    const struct report_record *rec, const struct html_pages *p,
			    size_t group, struct sbuf *out, const struct render_sink *sink);

/* An item's scorecard row as every format shows it: indicator (name and
 * measure), actual ("—" when not reported), target, completion, score,
 * light, reason with notes. */
#define ITEM_COLUMNS 7
/* The columns' headers; '>' marks a number column, aligned right. In
 * English, as tools read them; item_column_headers_read gives them in the
 * language of the reader. */
extern const char *const item_column_headers[ITEM_COLUMNS];
void item_column_headers_read(const char *out[ITEM_COLUMNS]);
struct item_cells {
	const char *cell[ITEM_COLUMNS]; /* valid until the next fill or release */
	struct sbuf label, target, light, reason;
	char actual[64], completion[64], score[64];
};
/* Fills c's cells for it; shapes: the light with its shape ("● green"),
 * for pages and documents that may be printed in black and white. Start
 * from a zeroed struct; item_cells_release frees it. */
void item_cells_fill(struct item_cells *c, const struct board *b, const struct item *it,
		     bool shapes);
void item_cells_release(struct item_cells *c);

/* The lists a report's summary gives: who is commended, who has a red
 * light, whose commendation a binding indicator vetoed. */
enum summary_list { SUMMARY_COMMENDED, SUMMARY_RED_LIGHT, SUMMARY_VETOED };
#define SUMMARY_LISTS 3
/* The card's reason for being on the list ("" when the rules gave none),
 * or NULL when it is not on it. */
const char *render_summary_reason(const struct board *b, const struct card *c,
				  enum summary_list list);
size_t render_summary_count(const struct board *b, enum summary_list list);
/* "Commended (通报表扬)", ... */
const char *render_summary_title(enum summary_list list);

/* Sample data (render_sample.c): whether any of the card's figures carry
 * the note 样例数据; how many of the board's do. */
bool render_card_on_sample(const struct board *b, const struct card *c);
size_t render_sample_figures(const struct board *b);
/* "SAMPLE DATA: 146 of the figures behind these results ..." appended to
 * out (no line break); false, and nothing, when no figure is sample. */
bool render_sample_banner(const struct board *b, struct sbuf *out);
/* " (on sample data)" after a card's verdict when it rests on sample
 * figures; nothing otherwise. */
void render_sample_mark(const struct board *b, const struct card *c, struct sbuf *out);

/* A scorecard's parts, appended to out. The heading: "区发改局 (drc) ·
 * 区政府部门 · rank 8 of 14". */
void render_card_heading(const struct board *b, const struct card *c, struct sbuf *out);
/* Why a card has no total: "not scored: " and the failing rule's message,
 * "not scored: the rules failed for 2 indicators", or "nothing was due and
 * scored this period". */
void render_card_unscored(const struct board *b, const struct card *c, struct sbuf *out);
/* "total before adjustments 91.50, adjustments +2.00 (reason)". */
void render_card_adjustment(const struct board *b, const struct card *c, struct sbuf *out);
/* "total 103.91 · green 6 · yellow 1 · red 1 · not reported 1 · to review 1". */
void render_card_counts(const struct board *b, const struct card *c, struct sbuf *out);
/* "commendation — reason — veto", and " (on sample data)" when the card
 * rests on sample figures; "error — the message" when a verdict rule
 * failed. */
void render_card_verdict_text(const struct board *b, const struct card *c, struct sbuf *out);

#endif
