/* assay params PLAN: the tunable numbers the plan's rule file declares. */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "numbers.h"
#include "table.h"

#define USAGE "assay params PLAN"

static const char *const help[] = {N_(
	"Lists the parameters the plan's rule file declares with\n"
	"params { name = {default = n, min = a, max = b, about = \"...\"} }:\n"
	"name, value, allowed range and what it means. `assay whatif --param\n"
	"NAME=VALUE` tries another value without editing the file.\n"), NULL};

static const char *bound_text(double v, char *buf, size_t size)
{
	return isinf(v) ? "" : format_number(buf, size, v);
}

static void list_params(const struct host *host, struct sbuf *out)
{
	static const char *const english[] = {N_("name"), N_(">value"), N_(">min"), N_(">max"),
					      N_("about")};
	const char *headers[5];
	size_t n;
	const struct host_param *p = host_params(host, &n);
	struct table t;
	tr_all(english, 5, headers);
	table_init(&t, 5, headers);
	for (size_t k = 0; k < n; k++) {
		char value[64], min[64], max[64];
		const char *row[5] = {p[k].name, format_number(value, sizeof value, p[k].value),
				      bound_text(p[k].min, min, sizeof min),
				      bound_text(p[k].max, max, sizeof max), p[k].about};
		table_add_row(&t, row);
	}
	if (n)
		table_render(&t, "", out);
	else
		sbuf_add(out, _("the rule file declares no parameters (params { ... })\n"));
	table_release(&t);
}

static int params(const struct plan *plan, void *arg)
{
	(void)arg;
	struct host *host = NULL;
	struct host_limits limits;
	diag_t d;
	int rc;
	limits_default(&limits);
	if (host_open(&host, plan, &limits, &d) != 0) {
		rc = report(&d);
	} else {
		struct sbuf out = {0};
		list_params(host, &out);
		rc = print_out(sbuf_str(&out), out.len);
		sbuf_release(&out);
	}
	host_close(host);
	return rc;
}

int cmd_params(int argc, char **argv, const struct context *ctx)
{
	(void)ctx;
	if (wants_help_in(argc, argv, USAGE, help))
		return EXIT_OK;
	int rc = plan_arguments(argc, argv, USAGE, "params", 1);
	return rc != 0 ? rc : with_plan(argv[optind], params, NULL);
}
