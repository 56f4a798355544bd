/* units_table: a plan's units as a CSV (`units_table: units.csv`), a row
 * per unit with its id, name and group (an id or name of the plan's
 * groups:), so that a province's 20,000 units are a table, not YAML. The
 * units are checked as those of `units:` are, each error at its cell. */
#include "plan_load.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "names.h"
#include "plan_cache.h"
#include "targets_table.h"

/* A units table being read. */
struct units_reader {
	struct loader *l;
	const char *path;
	size_t cap;
};

static const char *const columns[] = {"id", "name", "group"};
#define NCOLUMNS (sizeof columns / sizeof *columns)

static int read_header(struct units_reader *r, const char *const *fields, size_t n, int line)
{
	for (size_t c = 0; c < NCOLUMNS; c++)
		if (c >= n || strcmp(fields[c], columns[c]) != 0)
			return fail_at(r->l->d, r->path, line, (int)c + 1,
				       _("the header must be id,name,group: a row per unit"));
	if (n > NCOLUMNS)
		return fail_at(r->l->d, r->path, line, NCOLUMNS + 1,
			       _("unknown column '%s': the header must be id,name,group"), fields[NCOLUMNS]);
	return 0;
}

/* A unit's id or name, registered: both must be new. */
static int register_unit_name(struct units_reader *r, const char *name, int index, int line,
			      int col)
{
	if (strmap_put(&r->l->plan->unit_lookup, name, index) != index)
		return fail_at(r->l->d, r->path, line, col, _("duplicate unit '%s'"), name);
	return 0;
}

static int read_unit(struct units_reader *r, const char *const *fields, int line)
{
	struct plan *p = r->l->plan;
	for (size_t c = 0; c < NCOLUMNS; c++)
		if (!fields[c][0])
			return fail_at(r->l->d, r->path, line, (int)c + 1, _("the unit's %s is empty"),
				       columns[c]);
	if (!is_valid_id(fields[0]))
		return fail_at(r->l->d, r->path, line, 1,
			       _("'%s' is not a valid id: use letters, digits, '_' and '-'"), fields[0]);
	int group = find_group_at(r->l, fields[2], r->path, line, 3);
	if (group < 0)
		return -1;
	if (p->nunits == r->cap)
		p->units = xrealloc(p->units, (r->cap = r->cap * 2 + 64) * sizeof *p->units);
	struct plan_unit *u = &p->units[p->nunits++];
	*u = (struct plan_unit){xstrdup(fields[0]), xstrdup(fields[1]), group};
	int index = (int)p->nunits - 1;
	if (register_unit_name(r, u->id, index, line, 1) != 0 ||
	    (strcmp(u->name, u->id) != 0 && register_unit_name(r, u->name, index, line, 2) != 0))
		return -1;
	return 0;
}

static int on_row(void *ctx, const char *const *fields, size_t n, size_t row, int line)
{
	struct units_reader *r = ctx;
	return row == 0 ? read_header(r, fields, n, line) : read_unit(r, fields, line);
}

int load_units_table(struct loader *l, const struct ynode *n)
{
	char *path;
	if (read_plan_path(l, n, "units_table", &path) != 0)
		return -1;
	struct units_reader r = {l, path, 0};
	int rc = plan_table_read(path, N_("units table"), N_("a header id,name,group and a row per unit"),
				 on_row, &r, l->d);
	if (rc == 0 && l->plan->nunits == 0)
		rc = fail_at(l->d, path, 2, 1, _("the units table has no units: give a row per unit"));
	plan_note_input(l->plan, path);
	return rc;
}
