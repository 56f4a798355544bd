#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "file_texts.h"
#include "mem.h"

static void sbuf_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

char *sbuf_extend(struct sbuf *b, size_t n)
{
	sbuf_grow(b, n);
	char *at = b->s + b->len;
	b->len += n;
	b->s[b->len] = '\0';
	return at;
}

void sbuf_cut(struct sbuf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sbuf_str(const struct sbuf *b)
{
	return b->s ? b->s : "";
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sbuf_release(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *sbuf_detach(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sbuf_csv_field(struct sbuf *out, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		sbuf_addc(out, '"');
		for (; *s; s++) {
			if (*s == '"')
				sbuf_addc(out, '"');
			sbuf_addc(out, *s);
		}
		sbuf_addc(out, '"');
	} else {
		sbuf_add(out, s);
	}
	sbuf_addc(out, last ? '\n' : ',');
}

const char *file_bound_text(size_t max, char buf[32])
{
	const size_t mib = (size_t)1 << 20, gib = (size_t)1 << 30;
	if (max >= gib && max % gib == 0)
		snprintf(buf, 32, "%zu GiB", max / gib);
	else if (max >= mib && max % mib == 0)
		snprintf(buf, 32, "%zu MiB", max / mib);
	else
		snprintf(buf, 32, "%zu bytes", max);
	return buf;
}

/* Why a file of this mode cannot be read whole; NULL for a regular file. */
static const char *not_a_file(mode_t mode)
{
	if (S_ISREG(mode))
		return NULL;
	if (S_ISDIR(mode))
		return "it is a directory";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "it is a device, not a file";
	if (S_ISFIFO(mode))
		return N_("it is a FIFO (a named pipe), not a file");
	if (S_ISSOCK(mode))
		return N_("it is a socket, not a file");
	return N_("it is not a regular file");
}

const char *file_not_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? not_a_file(st.st_mode) : NULL;
}

static int refuse(const char *path, const struct file_bound *b, const char *why, diag_t *d)
{
	return fail(d, _("unable to read the %s '%s': %s"), _(b->what), path, _(why));
}

static int too_large(const char *path, const struct file_bound *b, diag_t *d)
{
	char max[32];
	return fail(d, _("unable to read the %s '%s': it is larger than %s, the most a %s may be%s%s"),
		    _(b->what), path, file_bound_text(b->max, max), _(b->what), b->hint ? ": " : "",
		    b->hint ? _(b->hint) : "");
}

int file_open_bounded(const char *path, const struct file_bound *b, diag_t *d)
{
	/* the kind of file first: opening a FIFO would wait for a writer */
	const char *why = file_not_regular(path);
	if (why)
		return refuse(path, b, why, d);
	/* O_NONBLOCK: should a FIFO have taken the file's place since, the
	 * open does not wait for it (it is refused below) */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return refuse(path, b, strerror(errno), d);
	struct stat st;
	if (fstat(fd, &st) != 0 || (why = not_a_file(st.st_mode)) != NULL) {
		close(fd);
		return refuse(path, b, why ? why : strerror(errno), d);
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > b->max) {
		close(fd);
		return too_large(path, b, d);
	}
	return fd;
}

/* sbuf_read_file's reading of the file itself. */
static int read_whole(struct sbuf *out, const char *path, const struct file_bound *b, diag_t *d)
{
	int fd = file_open_bounded(path, b, d);
	if (fd < 0)
		return -1;
	/* a regular file's size is known: room for all of it and one byte
	 * more, so that the end is seen without growing (and copying) again */
	struct stat st;
	size_t chunk = 65536, start = out->len;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		chunk = (size_t)st.st_size + 1;
	sbuf_grow(out, chunk);
	int rc = 0;
	for (;;) {
		/* a file that grows while it is read stops one byte past the bound */
		size_t room = out->cap - out->len - 1, left = b->max + 1 - (out->len - start);
		ssize_t n = read(fd, out->s + out->len, room < left ? room : left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = refuse(path, b, strerror(errno), d);
			break;
		}
		out->len += (size_t)n;
		out->s[out->len] = '\0';
		if (out->len - start > b->max) {
			rc = too_large(path, b, d);
			break;
		}
		if (n == 0)
			break;
		if (out->len + 1 == out->cap)
			sbuf_grow(out, 65536);
	}
	close(fd);
	return rc;
}

int sbuf_read_file(struct sbuf *out, const char *path, const struct file_bound *b, diag_t *d)
{
	size_t saved_len;
	const char *saved = file_texts_find(path, &saved_len);
	if (saved) { /* a saved run's text, read as the file was then */
		sbuf_addn(out, saved, saved_len);
		return 0;
	}
	size_t begin = out->len;
	int rc = read_whole(out, path, b, d);
	if (rc == 0)
		file_texts_note(path, out->s + begin, out->len - begin);
	return rc;
}
