#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "mem.h"
#include "sbuf.h"

int output_begin(struct output *o, const char *path, diag_t *d)
{
	struct sbuf temp = {0};
	sbuf_addf(&temp, "%s.tmp-XXXXXX", path);
	o->path = xstrdup(path);
	o->temp = sbuf_detach(&temp);
	int fd = mkstemp(o->temp);
	if (fd < 0) {
		int err = errno;
		free(o->temp);
		o->temp = NULL;
		free(o->path);
		o->path = NULL;
		return fail(d, _("unable to write '%s': %s"), path, strerror(err));
	}
	close(fd);
	return 0;
}

static void output_free(struct output *o)
{
	free(o->path);
	free(o->temp);
	memset(o, 0, sizeof *o);
}

int output_commit(struct output *o, diag_t *d)
{
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(o->temp, 0666 & ~mask) != 0 || rename(o->temp, o->path) != 0) {
		fail(d, _("unable to write '%s': %s"), o->path, strerror(errno));
		output_abandon(o);
		return -1;
	}
	output_free(o);
	return 0;
}

void output_abandon(struct output *o)
{
	if (o->temp)
		unlink(o->temp);
	output_free(o);
}

int output_write(const char *path, const char *data, size_t len, diag_t *d)
{
	struct output o;
	if (output_begin(&o, path, d) != 0)
		return -1;
	FILE *f = fopen(o.temp, "wb");
	bool written = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		written = false;
	if (!written) {
		fail(d, _("unable to write '%s': %s"), path, strerror(errno));
		output_abandon(&o);
		return -1;
	}
	return output_commit(&o, d);
}
