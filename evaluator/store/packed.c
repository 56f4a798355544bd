#include "packed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST              /* next_in reads const text */
#include <zlib.h>

#include "lang.h"
#include "mem.h"

/* zlib's fastest level: a province's 700 MB of scorecards at an eighth of
 * their size in a second or two; the default level takes four times as
 * long to save a fifth more. */
#define PACK_LEVEL 1
/* How much zlib is handed, and hands back, at a time. */
#define CHUNK (256 * 1024)

struct packer {
	z_stream z;
	unsigned char *out;
	size_t size, cap;
	struct packed_sink sink;        /* take NULL: the bytes are kept */
};

static void *zalloc(void *opaque, unsigned items, unsigned size)
{
	(void)opaque;
	return xcalloc(items, size);
}

static void zfree(void *opaque, void *p)
{
	(void)opaque;
	free(p);
}

/* Out of memory is the only way deflate fails on its own input, and ends
 * the process as everywhere else. */
static void deflate_failed(int rc)
{
	fprintf(stderr, "assay: compressing failed (zlib error %d)\n", rc);
	abort();
}

struct packer *packer_begin(void)
{
	struct packer *p = xcalloc(1, sizeof *p);
	p->z.zalloc = zalloc;
	p->z.zfree = zfree;
	int rc = deflateInit(&p->z, PACK_LEVEL);
	if (rc != Z_OK)
		deflate_failed(rc);
	return p;
}

struct packer *packer_begin_to(const struct packed_sink *sink)
{
	struct packer *p = packer_begin();
	p->sink = *sink;
	if (!p->sink.piece)
		p->sink.piece = CHUNK;
	return p;
}

/* Hands the sink its whole pieces of what is packed so far (and the
 * last, shorter one at the end), keeping the rest. */
static void hand_on(struct packer *p, bool end)
{
	size_t at = 0, piece = p->sink.piece;
	for (; p->size - at >= piece; at += piece)
		p->sink.take(p->sink.ctx, p->out + at, piece);
	if (end && at < p->size) {
		p->sink.take(p->sink.ctx, p->out + at, p->size - at);
		at = p->size;
	}
	memmove(p->out, p->out + at, p->size - at);
	p->size -= at;
}

/* Runs deflate over what it was given, growing the output as needed (or
 * handing it on). */
static void pack_run(struct packer *p, int flush)
{
	int rc;
	do {
		if (p->sink.take && p->size >= p->sink.piece)
			hand_on(p, false);
		if (p->cap - p->size < CHUNK)
			p->out = xrealloc(p->out, p->cap = p->cap * 2 + CHUNK);
		p->z.next_out = p->out + p->size;
		p->z.avail_out = (uInt)(p->cap - p->size);
		rc = deflate(&p->z, flush);
		p->size = p->cap - p->z.avail_out;
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
			deflate_failed(rc);
	} while (p->z.avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

void packer_add(struct packer *p, const char *text, size_t len)
{
	while (len > 0) {
		size_t n = len < CHUNK ? len : CHUNK;
		p->z.next_in = (const unsigned char *)text;
		p->z.avail_in = (uInt)n;
		pack_run(p, Z_NO_FLUSH);
		text += n;
		len -= n;
	}
}

void packer_end(struct packer *p, struct packed *out)
{
	p->z.next_in = NULL;
	p->z.avail_in = 0;
	pack_run(p, Z_FINISH);
	deflateEnd(&p->z);
	if (p->sink.take) {
		hand_on(p, true);
		free(p->out);
		*out = (struct packed){0};
	} else {
		*out = (struct packed){xrealloc(p->out, p->size + 1), p->size, false};
	}
	free(p);
}

void packed_pack(const char *text, size_t len, struct packed *out)
{
	struct packer *p = packer_begin();
	packer_add(p, text, len);
	packer_end(p, out);
}

struct unpacker {
	const struct packed *p;
	z_stream z;
	unsigned char *piece;
	int rc;                 /* zlib's last answer */
	bool given;             /* a plain text was given */
};

struct unpacker *unpacker_begin(const struct packed *p)
{
	struct unpacker *u = xcalloc(1, sizeof *u);
	u->p = p;
	if (p->plain)
		return u;
	u->z = (z_stream){.zalloc = zalloc, .zfree = zfree};
	u->piece = xmalloc(CHUNK);
	u->rc = inflateInit(&u->z);
	u->z.next_in = p->bytes;
	u->z.avail_in = (uInt)p->size;
	return u;
}

size_t unpacker_next(struct unpacker *u, const char **piece)
{
	if (u->p->plain) {
		*piece = (const char *)u->p->bytes;
		size_t n = u->given ? 0 : u->p->size;
		u->given = true;
		return n;
	}
	while (u->rc == Z_OK) {
		u->z.next_out = u->piece;
		u->z.avail_out = CHUNK;
		u->rc = inflate(&u->z, Z_NO_FLUSH);
		bool inflated = u->rc == Z_OK || u->rc == Z_STREAM_END;
		size_t n = CHUNK - u->z.avail_out;
		if (u->rc == Z_OK && u->z.avail_in == 0 && u->z.avail_out > 0)
			u->rc = Z_DATA_ERROR;   /* the stream ends before its end */
		if (inflated && n > 0) {
			*piece = (const char *)u->piece;
			return n;
		}
	}
	return 0;
}

int unpacker_end(struct unpacker *u, diag_t *d)
{
	bool whole = u->p->plain || (u->rc == Z_STREAM_END && u->z.avail_in == 0);
	int rc = u->rc;
	if (!u->p->plain)
		inflateEnd(&u->z);
	free(u->piece);
	free(u);
	return whole ? 0 : fail(d, _("the saved text is damaged (zlib: %s): was the store changed "
				 "outside assay?"), rc == Z_STREAM_END ? "bytes after its end" : zError(rc));
}

/* Hands each piece of the text to take, unpacked. */
static int unpack_each(const struct packed *p, void (*take)(void *ctx, const char *s, size_t n),
		       void *ctx, diag_t *d)
{
	struct unpacker *u = unpacker_begin(p);
	const char *piece;
	size_t n;
	while ((n = unpacker_next(u, &piece)) > 0)
		take(ctx, piece, n);
	return unpacker_end(u, d);
}

static void add_to_sbuf(void *ctx, const char *s, size_t n)
{
	sbuf_addn(ctx, s, n);
}

int packed_unpack(const struct packed *p, struct sbuf *out, diag_t *d)
{
	return unpack_each(p, add_to_sbuf, out, d);
}

static void add_to_fingerprint(void *ctx, const char *s, size_t n)
{
	fingerprint_add(ctx, s, n);
}

int packed_fingerprint(const struct packed *p, char out[FINGERPRINT_HEX], diag_t *d)
{
	struct fingerprinter *f = fingerprint_begin();
	int rc = unpack_each(p, add_to_fingerprint, f, d);
	fingerprint_end(f, out);
	return rc;
}

void packed_release(struct packed *p)
{
	free(p->bytes);
	memset(p, 0, sizeof *p);
}
