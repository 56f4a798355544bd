#include "text_out.h"

#include <errno.h>
#include <string.h>

#include "cli.h"
#include "run.h"
#include "store.h"

static void take(void *ctx, const char *text, size_t len)
{
	struct text_out *t = ctx;
	if (!t->error && fwrite(text, 1, len, t->file) != len)
		t->error = errno ? errno : EIO;
}

int text_out_begin(struct text_out *t, const char *path)
{
	memset(t, 0, sizeof *t);
	t->sink = (struct render_sink){take, t};
	t->file = stdout;
	if (!path)
		return EXIT_OK;
	diag_t d;
	if (output_begin(&t->output, path, &d) != 0)
		return report(&d);
	t->to_file = true;
	t->file = fopen(t->output.temp, "wb");
	if (!t->file) {
		fprintf(stderr, _("assay: unable to write '%s': %s\n"), path, strerror(errno));
		output_abandon(&t->output);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Flushes or closes the file; keeps the first error. */
static void finish_file(struct text_out *t)
{
	int rc = t->to_file ? fclose(t->file) : fflush(t->file);
	if (rc != 0 && !t->error)
		t->error = errno;
}

int text_out_end(struct text_out *t, struct sbuf *rest)
{
	render_pass_on(&t->sink, rest);
	finish_file(t);
	if (!t->to_file) {
		if (!t->error)
			return EXIT_OK;
		fprintf(stderr, _("assay: unable to write the output: %s\n"), strerror(t->error));
		return EXIT_FAIL;
	}
	if (t->error) {
		fprintf(stderr, _("assay: unable to write '%s': %s\n"), t->output.path,
			strerror(t->error));
		output_abandon(&t->output);
		return EXIT_FAIL;
	}
	diag_t d;
	return output_commit(&t->output, &d) == 0 ? EXIT_OK : report(&d);
}

/* Prints head (and empties it), then the run's scorecards in form a piece
 * at a time. */
static int print_scorecards(const struct run *r, int form, struct sbuf *head)
{
	struct text_out t;
	diag_t d;
	text_out_begin(&t, NULL);
	render_pass_on(&t.sink, head);
	if (run_scorecards_each(r, form, t.sink.take, t.sink.ctx, &d) != 0) {
		text_out_end(&t, head);
		return report(&d);
	}
	return text_out_end(&t, head);
}

int print_saved_run(const char *db_path, long id, int form,
		    int (*head)(struct run *r, struct sbuf *out, diag_t *d))
{
	struct store *store = NULL;
	struct run r = {0};
	struct sbuf text = {0};
	diag_t d;
	int rc;
	if (store_open(&store, db_path, STORE_READ, &d) != 0 ||
	    store_load_run_record(store, id, &r, &d) != 0 ||
	    store_load_scorecards(store, &r, form, &d) != 0 ||
	    run_scorecards_check(&r, form, &d) != 0 || (head && head(&r, &text, &d) != 0))
		rc = report(&d);
	else
		rc = print_scorecards(&r, form, &text);
	sbuf_release(&text);
	run_release(&r);
	store_close(store);
	return rc;
}
