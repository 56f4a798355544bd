/* assay show RUN: a saved run as it was. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "numbers.h"
#include "run.h"
#include "store.h"
#include "text_out.h"
#include "utf8.h"

#define USAGE "assay show RUN [--format table|csv|json]"

static const char *const help[] = {N_(
	"Prints a run saved with assay score --save exactly as it was printed\n"
	"then, whatever has changed since in the figures, the rules or assay.\n"
	"The table comes after the run's record: when and by whom it was saved,\n"
	"whether it is final, and the SHA-256 fingerprints of the plan file, each\n"
	"rule file, the parameters and the figures it was scored from. CSV and\n"
	"JSON are the scorecards alone, byte for byte as score wrote them.\n\n"
	"options:\n"
	"  -f, --format FORMAT   table (default), csv or json\n"), NULL};

/* The lines of text, each after `first` (the first line) or as many
 * spaces (the others). */
static void add_indented(struct sbuf *out, const char *first, const char *text)
{
	int width = text_width(first);
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (line == text)
			sbuf_add(out, first);
		else
			sbuf_addf(out, "%*s", width, "");
		sbuf_addf(out, "%.*s\n", (int)len, line);
		line += len + (end ? 1 : 0);
	}
}

/* "red_margin=0.1 · score_floor=0.6", or "none". */
static void params_inline(const struct run *r, struct sbuf *out)
{
	if (!*r->params) {
		sbuf_add(out, _("none"));
		return;
	}
	for (const char *p = r->params; *p; p++)
		if (*p != '\n')
			sbuf_addc(out, *p);
		else if (p[1])
			sbuf_add(out, " · ");
}

static void render_record(const struct run *r, struct sbuf *out)
{
	char saved[32];
	size_t nfigures, nadjustments;
	struct sbuf line = {0};
	run_standing(r, &line);
	sbuf_addf(out, _("run %ld · %s (%s) · %s · %s\n"), r->id, r->title, r->plan, r->period,
		  sbuf_str(&line));
	sbuf_addf(out, _("saved %s UTC by %s\n"), format_utc(saved, r->saved_at), r->user);
	if (*r->reason)
		sbuf_addf(out, _("reason: %s\n"), r->reason);
	sbuf_add(out, _("scored from (SHA-256):\n"));
	sbuf_addf(out, _("  plan     %s  %s\n"), r->plan_sha256, r->plan_file);
	add_indented(out, _("  rules    "), r->rules);
	sbuf_reset(&line);
	params_inline(r, &line);
	sbuf_addf(out, _("  params   %s  %s\n"), r->params_sha256, sbuf_str(&line));
	run_count_figures(r, &nfigures, &nadjustments);
	sbuf_addf(out, _("  figures  %s  "), r->figures_sha256);
	sbuf_addf(out, trn("%zu figure", "%zu figures", nfigures), nfigures);
	sbuf_addf(out, trn(", %zu bonus and deduction item\n\n", ", %zu bonus and deduction items\n\n",
			   nadjustments), nadjustments);
	sbuf_release(&line);
}

/* The table's head: the run's record, which counts its figures. */
static int record_head(struct run *r, struct sbuf *out, diag_t *d)
{
	if (run_unpack_figures(r, d) != 0)
		return -1;
	render_record(r, out);
	return 0;
}

static int show(const struct context *ctx, long id, enum format format)
{
	int form = format == FORMAT_CSV ? RUN_CSV : format == FORMAT_JSON ? RUN_JSON : RUN_TABLE;
	return print_saved_run(ctx->db_path, id, form, format == FORMAT_TABLE ? record_head : NULL);
}

int cmd_show(int argc, char **argv, const struct context *ctx)
{
	static const struct option options[] = {{"format", required_argument, NULL, 'f'},
						{0, 0, 0, 0}};
	enum format format = FORMAT_TABLE;
	long id;
	int opt;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	while ((opt = getopt_long(argc, argv, "f:", options, NULL)) != -1) {
		if (opt != 'f')
			return usage_error(USAGE, _("unknown option"));
		if (parse_format(optarg, USAGE, &format) != 0)
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return usage_error(USAGE, _("show takes one run number"));
	if (run_id_argument(argv[optind], "show", USAGE, &id) != 0)
		return EXIT_USAGE;
	return show(ctx, id, format);
}
