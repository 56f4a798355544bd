/* assay template PLAN --period P [--unit U] --format csv|xlsx: the sheet
 * each unit fills in with its figures, for `assay import` to read back. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"
#include "plan.h"
#include "readings.h"
#include "template.h"

#define USAGE "assay template PLAN --period P [--unit U] [--format csv|xlsx] [-o FILE] [--no-bom]"

static const char *const help[] = {N_(
	"Writes the sheet the units fill in with their figures for a period: a row\n"
	"per unit and indicator it reports that month, with the indicator's name,\n"
	"measure and target and the unit's last stored figure (when there is a\n"
	"store), empty value and note columns, and a guide saying what to write\n"
	"and the target in words. The workbook has an instructions sheet, a sheet\n"
	"per unit, validation on the value and note cells, and the rest protected\n"
	"(no password). Filled in, it is imported as it is: 'assay import PLAN\n"
	"FILE' reads the CSV, or every unit's sheet of the workbook, takes the\n"
	"value and note columns, passes over the others, and leaves out the rows\n"
	"left empty.\n\n"
	"options:\n"
	"  -p, --period P        the period to report (required)\n"
	"  -u, --unit U          only this unit's rows (id or name)\n"
	"  -f, --format FORMAT   csv (default) or xlsx\n"
	"  -o, --output FILE     write to FILE (written whole or not at all);\n"
	"                        without it, to standard output (csv only)\n"
	"      --no-bom          no byte order mark before the CSV: it starts with one,\n"
	"                        so that Excel on Windows reads its Chinese text as\n"
	"                        UTF-8; a tool may not want it\n"
	"\nThe column headers are in the reader's language (--lang); assay import\n"
	"reads them in either.\n"), NULL};

struct template_options {
	const struct context *ctx;
	const char *plan, *period, *unit, *output;
	bool xlsx, bom, no_bom;
};

static int parse_sheet_format(const char *arg, bool *xlsx)
{
	if (strcmp(arg, "csv") != 0 && strcmp(arg, "xlsx") != 0)
		return usage_error(USAGE, _("unknown format '%s' (csv or xlsx)"), arg);
	*xlsx = strcmp(arg, "xlsx") == 0;
	return 0;
}

static int parse_options(int argc, char **argv, struct template_options *o)
{
	static const struct option options[] = {
		{"period", required_argument, NULL, 'p'},
		{"unit", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"bom", no_argument, NULL, 'B'},
		{"no-bom", no_argument, NULL, 'N'},
		{0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "p:u:f:o:", options, NULL)) != -1) {
		switch (opt) {
		case 'p': o->period = optarg; break;
		case 'u': o->unit = optarg; break;
		case 'o': o->output = optarg; break;
		case 'B': o->bom = true; break;
		case 'N': o->no_bom = true; break;
		case 'f':
			if (parse_sheet_format(optarg, &o->xlsx) != 0)
				return EXIT_USAGE;
			break;
		default:
			return usage_error(USAGE, _("unknown option"));
		}
	}
	if (one_plan_and_period(argc, argv, "template", o->period, USAGE, &o->plan) != 0)
		return EXIT_USAGE;
	if ((o->bom || o->no_bom) && o->xlsx)
		return usage_error(USAGE, _("--bom and --no-bom go with --format csv"));
	if (o->bom && o->no_bom)
		return usage_error(USAGE, _("--bom and --no-bom: choose one"));
	if (o->xlsx && !o->output)
		return usage_error(USAGE, _("--format xlsx writes a file: name it with -o FILE"));
	return 0;
}

/* Each row's last figure: the readings before the period. */
static void set_last_figures(struct template *t, const struct readings *last)
{
	for (size_t k = 0; k < t->n; k++) {
		struct template_row *r = &t->rows[k];
		const struct reading *rd = readings_at(last, r->assignment);
		if (rd->as_of) {
			r->last_month = rd->as_of;
			r->last_value = rd->value;
		}
	}
}

/* The figures stored before the period, when there is a store: a
 * template for a new plan is made before anything is imported. */
static int read_last(const struct plan *plan, const struct period *period, const char *db,
		     struct readings *last, bool *have, diag_t *d)
{
	struct period month = {period->year, PERIOD_MONTH, template_last_month(period)};
	struct store *store = NULL;
	*have = false;
	if (!month.index || access(db, F_OK) != 0)
		return 0;
	int rc = store_open(&store, db, STORE_READ, d) == 0 &&
		 readings_gather(last, plan, store, &month, d) == 0 ? 0 : -1;
	*have = rc == 0;
	store_close(store);
	return rc;
}

static int write_template(const struct template *t, const struct template_options *o)
{
	diag_t d;
	if (o->xlsx)
		return template_xlsx(t, o->output, &d) == 0 ? EXIT_OK : report(&d);
	struct sbuf text = {0};
	template_csv(t, !o->no_bom, &text);
	int rc = !o->output ? print_out(sbuf_str(&text), text.len)
		 : output_write(o->output, sbuf_str(&text), text.len, &d) == 0 ? EXIT_OK : report(&d);
	sbuf_release(&text);
	return rc;
}

static int make_template(const struct plan *plan, void *arg)
{
	const struct template_options *o = arg;
	struct period period;
	struct readings last;
	struct template t;
	bool have_last;
	int unit, rc;
	diag_t d;
	if ((rc = plan_period(plan, o->period, USAGE, &period)) != 0 ||
	    (rc = unit_option(plan, o->unit, &unit)) != 0)
		return rc;
	if (read_last(plan, &period, o->ctx->db_path, &last, &have_last, &d) != 0)
		return report(&d);
	template_build(&t, plan, &period, unit);
	if (have_last)
		set_last_figures(&t, &last);
	rc = write_template(&t, o);
	template_release(&t);
	if (have_last)
		readings_release(&last);
	return rc;
}

int cmd_template(int argc, char **argv, const struct context *ctx)
{
	struct template_options o = {.ctx = ctx};
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	return rc != 0 ? rc : with_plan(o.plan, make_template, &o);
}
