#include "file_texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"

struct file_text {
	char *path;             /* absolute */
	char *text;
	size_t len;
};

/* The process's texts: recorded, or standing in (one or the other). */
static struct {
	bool recording, standing_in;
	struct file_text *files;
	size_t n;
} texts;

/* path joined to the working directory when it is relative; fresh. */
static char *absolute(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	struct sbuf b = {0};
	sbuf_addf(&b, "%s/%s", cwd ? cwd : ".", path);
	free(cwd);
	return sbuf_detach(&b);
}

static const struct file_text *find_absolute(const char *path)
{
	for (size_t k = 0; k < texts.n; k++)
		if (strcmp(texts.files[k].path, path) == 0)
			return &texts.files[k];
	return NULL;
}

static void keep(char *path, const char *text, size_t len)
{
	texts.files = xrealloc(texts.files, (texts.n + 1) * sizeof *texts.files);
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	texts.files[texts.n++] = (struct file_text){path, copy, len};
}

void file_texts_record(void)
{
	texts.recording = true;
}

void file_texts_note(const char *path, const char *text, size_t len)
{
	if (!texts.recording)
		return;
	char *abs = absolute(path);
	if (find_absolute(abs))
		free(abs);
	else
		keep(abs, text, len);
}

void file_texts_bundle(struct sbuf *out)
{
	for (size_t k = 0; k < texts.n; k++) {
		const struct file_text *f = &texts.files[k];
		sbuf_addf(out, "%s\t%zu\n", f->path, f->len);
		sbuf_addn(out, f->text, f->len);
		sbuf_addc(out, '\n');
	}
}

int file_texts_stand_in(const char *bundle, size_t len)
{
	const char *p = bundle, *end = bundle + len;
	while (p < end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		char *after;
		unsigned long long n = tab ? strtoull(tab + 1, &after, 10) : 0;
		if (!tab || *after != '\n' || n > (size_t)(end - after - 1) ||
		    (size_t)(end - after - 1) - n < 1 || after[1 + n] != '\n')
			return -1;
		char *path = xmalloc((size_t)(tab - p) + 1);
		memcpy(path, p, (size_t)(tab - p));
		path[tab - p] = '\0';
		keep(path, after + 1, (size_t)n);
		p = after + 1 + n + 1;
	}
	texts.standing_in = true;
	return 0;
}

const char *file_texts_first(void)
{
	return texts.standing_in && texts.n ? texts.files[0].path : NULL;
}

const char *file_texts_find(const char *path, size_t *len)
{
	if (!texts.standing_in)
		return NULL;
	char *abs = absolute(path);
	const struct file_text *f = find_absolute(abs);
	free(abs);
	if (f)
		*len = f->len;
	return f ? f->text : NULL;
}

bool file_texts_readable(const char *path)
{
	size_t len;
	return file_texts_find(path, &len) || access(path, R_OK) == 0;
}

bool file_texts_active(void)
{
	return texts.recording || texts.standing_in;
}

void file_texts_release(void)
{
	for (size_t k = 0; k < texts.n; k++) {
		free(texts.files[k].path);
		free(texts.files[k].text);
	}
	free(texts.files);
	memset(&texts, 0, sizeof texts);
}
