/* The correction history of figures: every value each has had. */
#include <stdio.h>

#include "store.h"
#include "store_internal.h"

/* The values replaced (figure_history) and the values standing (figures),
 * each with the import that brought it. */
static const char versions_sql[] =
	"SELECT v.indicator, v.period, v.value, v.note, v.source, v.import_id, i.imported_at,"
	" i.user, r.imported_at"
	" FROM (SELECT indicator, period, value, note, source, import_id, replaced_by"
	"       FROM figure_history WHERE plan = ?1 AND unit = ?2 AND (?3 IS NULL OR indicator = ?3)"
	"       UNION ALL"
	"       SELECT indicator, period, value, note, source, import_id, NULL"
	"       FROM figures WHERE plan = ?1 AND unit = ?2 AND (?3 IS NULL OR indicator = ?3)) v"
	" JOIN imports i ON i.id = v.import_id"
	" LEFT JOIN imports r ON r.id = v.replaced_by"
	" ORDER BY v.indicator, v.period, v.import_id";

int store_each_figure_version(struct store *s, const char *plan_id, const char *unit,
			      const char *indicator, store_version_fn fn, void *ctx, diag_t *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, versions_sql, -1, &st, NULL) != SQLITE_OK)
		return fail_sql(s, d, "reading the history of figures");
	sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	if (indicator)
		sqlite3_bind_text(st, 3, indicator, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text[9];
		for (int k = 0; k < 9; k++)
			text[k] = (const char *)sqlite3_column_text(st, k);
		struct store_figure_version v = {
			.figure = {.unit = unit, .indicator = text[0], .period = text[1],
				   .value = sqlite3_column_double(st, 2), .note = text[3],
				   .source = text[4]},
			.import_id = (long)sqlite3_column_int64(st, 5),
			.imported_at = text[6],
			.user = text[7],
			.replaced_at = text[8]};
		fn(ctx, &v);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail_sql(s, d, "reading the history of figures");
}
