/* assay import PLAN FILE...: reported figures into the store, all or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "encoding.h"
#include "figures.h"
#include "import.h"
#include "plan.h"
#include "progress.h"
#include "sbuf.h"
#include "store.h"

#define USAGE "assay import [--encoding NAME] [--quiet] PLAN FILE..."

/* Printed as it is, not by printf: its '%' are no directives. */
static const char *const help[] = {N_(
	/* xgettext:no-c-format */
	"Imports reported figures for the plan into the store (--db). Files are\n"
	"CSV, long (unit,indicator,period,value[,note]) or wide\n"
	"(unit,period,<indicator>...), the same tab-separated (.tsv, or .txt as\n"
	"Excel saves Unicode Text), an Excel workbook (.xlsx, or .xls of Excel\n"
	"97-2003: every sheet whose first row is such a header; percent and date\n"
	"cells read as shown), or YAML (period -> unit -> indicator -> value);\n"
	"UTF-8, with or without a BOM, or UTF-16\n"
	"with its byte order mark. Units and indicators may be given\n"
	"by id or by exact name. Values may be written 1,234.5, in full-width\n"
	"digits, and with a '%' for rates and shares (8.5% is stored as 8.5).\n\n"
	"options:\n"
	"  -e, --encoding NAME   the files' encoding when it is not UTF-8: gbk,\n"
	"                        gb18030, or any name iconv knows (iconv -l)\n"
	"  -q, --quiet           no progress bar (it shows only on a terminal)\n\n"
	"All files are checked before anything is written, and then written in\n"
	"one transaction: one bad row and nothing is imported. A figure imported\n"
	"again replaces the stored one, which is kept in the correction history.\n"), NULL};

static char *file_list(char **files, int n)
{
	struct sbuf b = {0};
	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s", i ? "\n" : "", files[i]);
	return sbuf_detach(&b);
}

struct import_options {
	const char *encoding;
	bool quiet;
};

/* Reads every file, a progress step each; 0, or -1 with d set. */
static int read_files(struct figure_list *list, const struct plan *plan, char **files, int n,
		      struct progress *progress, diag_t *d)
{
	for (int i = 0; i < n; i++) {
		if (figures_read_file(list, plan, files[i], d) != 0)
			return -1;
		progress_tick(progress);
	}
	return figures_check_duplicates(list, plan, d);
}


/* Files whose every value is empty (a template not filled in yet) are
 * refused rather than recorded as an import of nothing. */
static int nothing_to_import(const struct figure_list *list, char **files, int n, diag_t *d)
{
	if (list->n || list->nadj)
		return 0;
	return fail(d, _("nothing to import: every value in %s%s is empty (fill in the value "
		    "column of the rows the unit reports)"), files[0],
		    n > 1 ? _(" and the other files") : "");
}
/* The workbooks' sheets read as no figures, so that a sheet meant to be
 * read but whose header is wrong does not go unnoticed. */
static void print_skipped_sheets(const struct figure_list *list)
{
	if (!list->skipped.len)
		return;
	fputs(_("passed over the sheets whose first row is not a figures header "
		"(unit, period, ...):\n"), stdout);
	for (const char *line = list->skipped.s; *line;) {
		size_t n = strcspn(line, "\n");
		printf("  %.*s\n", (int)n, line);
		line += n + (line[n] == '\n');
	}
}

static int import_files(const struct context *ctx, const struct plan *plan,
			const struct import_options *o, char **files, int n)
{
	struct figure_list list = {.encoding = o->encoding};
	struct store *store = NULL;
	struct import_counts counts;
	struct progress progress;
	char *names = file_list(files, n);
	diag_t d = {0};
	int rc = EXIT_FAIL;
	/* a step per file read, and one for writing them all to the store */
	progress_begin(&progress, _("reading"), (size_t)n + 1, progress_wanted(o->quiet));
	if (read_files(&list, plan, files, n, &progress, &d) != 0 ||
	    nothing_to_import(&list, files, n, &d) != 0 ||
	    store_open(&store, ctx->db_path, STORE_WRITE, &d) != 0 ||
	    import_figure_list(store, plan, &list, names, &counts, &d) != 0) {
		progress_end(&progress);
		goto out;
	}
	progress_tick(&progress);
	progress_end(&progress);
	printf(trn("imported %zu figures from %d file into %s: %ld new, %ld corrected, %ld "
		   "unchanged\n",
		   "imported %zu figures from %d files into %s: %ld new, %ld corrected, %ld "
		   "unchanged\n", (unsigned long)n),
	       list.n, n, ctx->db_path, counts.added, counts.corrected, counts.unchanged);
	if (list.nadj)
		printf(trn("and %zu adjustment (bonus and deduction items)\n",
			   "and %zu adjustments (bonus and deduction items)\n", list.nadj),
		       list.nadj);
	print_skipped_sheets(&list);
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
out:
	if (rc == EXIT_FAIL && d.text[0])
		report(&d);
	store_close(store);
	free(names);
	figure_list_release(&list);
	return rc;
}

static int parse_options(int argc, char **argv, struct import_options *o)
{
	static const struct option options[] = {{"encoding", required_argument, NULL, 'e'},
						{"quiet", no_argument, NULL, 'q'},
						{0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "e:q", options, NULL)) != -1) {
		if (opt == 'q') {
			o->quiet = true;
			continue;
		}
		if (opt != 'e')
			return usage_error(USAGE, _("unknown option"));
		if (!encoding_known(optarg))
			return usage_error(USAGE, _("unknown encoding '%s' (gbk, gb18030, utf-16, or "
					   "another name from 'iconv -l')"), optarg);
		o->encoding = optarg;
	}
	if (argc - optind < 2)
		return usage_error(USAGE, _("import takes a plan and at least one file"));
	return 0;
}

int cmd_import(int argc, char **argv, const struct context *ctx)
{
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	struct import_options o = {0};
	int rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	struct plan plan;
	diag_t d;
	if (plan_load(&plan, argv[optind], &d) != 0)
		return report(&d);
	rc = import_files(ctx, &plan, &o, argv + optind + 1, argc - optind - 1);
	plan_release(&plan);
	return rc;
}
