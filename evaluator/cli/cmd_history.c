/* assay history PLAN --unit U [--indicator I]: every value a unit's
 * figures have had, when and from which file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "numbers.h"
#include "plan.h"
#include "store.h"
#include "table.h"

#define USAGE "assay history PLAN --unit U [--indicator I]"

static const char *const help[] = {N_(
	"The correction history of a unit's figures: for each indicator (or the\n"
	"one given) and period, every value the figure has had, in the order\n"
	"they were imported, with its note, the file and line it came from, when\n"
	"(UTC) and by whom it was imported, and until when it stood (\"current\"\n"
	"for the value that stands).\n\n"
	"options:\n"
	"  -u, --unit U        the unit (id or name; required)\n"
	"  -i, --indicator I   only this indicator (id or name)\n"), NULL};

struct history_options {
	const struct context *ctx;
	const char *plan, *unit, *indicator;
};

/* One value a figure has had, kept until the rows are sorted. */
struct version {
	int indicator;
	struct period period;
	long import_id;
	char *cells[7];         /* period, value, note, from, imported, by, until */
};

struct versions {
	const struct plan *plan;
	struct version *v;
	size_t n;
};

static int parse_options(int argc, char **argv, struct history_options *o)
{
	static const struct option options[] = {{"unit", required_argument, NULL, 'u'},
						{"indicator", required_argument, NULL, 'i'},
						{0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "u:i:", options, NULL)) != -1) {
		if (opt == 'u')
			o->unit = optarg;
		else if (opt == 'i')
			o->indicator = optarg;
		else
			return usage_error(USAGE, _("unknown option"));
	}
	if (argc - optind != 1)
		return usage_error(USAGE, _("history takes one plan file"));
	if (!o->unit)
		return usage_error(USAGE, _("--unit is required"));
	o->plan = argv[optind];
	return 0;
}

static void take_version(void *ctx, const struct store_figure_version *sv)
{
	struct versions *vs = ctx;
	const struct store_figure *f = &sv->figure;
	struct version v = {.indicator = plan_find_indicator(vs->plan, f->indicator),
			    .import_id = sv->import_id};
	char value[64], imported[32], until[32];
	if (v.indicator < 0 || period_parse(f->period, &v.period) != 0)
		return; /* no longer in the plan */
	const char *cells[7] = {f->period, format_number(value, sizeof value, f->value), f->note,
				f->source, format_utc(imported, sv->imported_at), sv->user,
				sv->replaced_at ? format_utc(until, sv->replaced_at) : _("current")};
	for (int k = 0; k < 7; k++)
		v.cells[k] = xstrdup(cells[k] ? cells[k] : "");
	vs->v = xrealloc(vs->v, (vs->n + 1) * sizeof *vs->v);
	vs->v[vs->n++] = v;
}

/* Plan order of indicators; a period's months before its quarter and year;
 * then the order imported in. */
static int by_plan_order(const void *x, const void *y)
{
	const struct version *a = x, *b = y;
	int ma = period_end_month(&a->period), mb = period_end_month(&b->period);
	if (a->indicator != b->indicator)
		return a->indicator < b->indicator ? -1 : 1;
	if (ma != mb)
		return ma < mb ? -1 : 1;
	if (a->period.kind != b->period.kind)
		return a->period.kind > b->period.kind ? -1 : 1;
	return (a->import_id > b->import_id) - (a->import_id < b->import_id);
}

/* A table per indicator, under its name. */
static void render_versions(const struct versions *vs, struct sbuf *out)
{
	static const char *const english[] = {N_("period"), N_(">value"), N_("note"), N_("from"),
					      N_("imported (UTC)"), NC_("imported", "by"), N_("until")};
	const char *headers[7];
	for (int c = 0; c < 7; c++)
		headers[c] = c == 5 ? tr_in("imported", english[c]) : _(english[c]);
	for (size_t k = 0; k < vs->n;) {
		const struct plan_indicator *ind = &vs->plan->indicators[vs->v[k].indicator];
		struct table t;
		table_init(&t, 7, headers);
		size_t end = k;
		for (; end < vs->n && vs->v[end].indicator == vs->v[k].indicator; end++)
			table_add_row(&t, (const char *const *)vs->v[end].cells);
		sbuf_addf(out, "\n%s (%s)\n", ind->name, ind->id);
		table_render(&t, "  ", out);
		table_release(&t);
		k = end;
	}
}

static void versions_release(struct versions *vs)
{
	for (size_t k = 0; k < vs->n; k++)
		for (int c = 0; c < 7; c++)
			free(vs->v[k].cells[c]);
	free(vs->v);
}

static int history(const struct plan *plan, void *arg)
{
	const struct history_options *o = arg;
	struct versions vs = {plan, NULL, 0};
	struct store *store = NULL;
	int unit, ind;
	diag_t d;
	int rc;
	if (resolve_subject(plan, o->unit, o->indicator, &unit, &ind, &d) != 0 ||
	    store_open(&store, o->ctx->db_path, STORE_READ, &d) != 0 ||
	    store_each_figure_version(store, plan->id, plan->units[unit].id,
				      ind >= 0 ? plan->indicators[ind].id : NULL, take_version, &vs,
				      &d) != 0) {
		rc = report(&d);
	} else {
		struct sbuf out = {0};
		if (vs.n)
			qsort(vs.v, vs.n, sizeof *vs.v, by_plan_order);
		sbuf_addf(&out, "%s (%s) · %s (%s)\n", plan->units[unit].name, plan->units[unit].id,
			  plan->title, plan->id);
		if (vs.n)
			render_versions(&vs, &out);
		else
			sbuf_add(&out, _("no figures stored\n"));
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
	}
	versions_release(&vs);
	store_close(store);
	return rc;
}

int cmd_history(int argc, char **argv, const struct context *ctx)
{
	struct history_options o = {.ctx = ctx};
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = parse_options(argc, argv, &o);
	return rc != 0 ? rc : with_plan(o.plan, history, &o);
}
