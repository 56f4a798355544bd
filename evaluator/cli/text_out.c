#include "text_out.h"

#include <errno.h>
#include <string.h>

#include "cli.h"

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
