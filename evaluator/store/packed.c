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

/* Hands each piece of the text to take, unpacked. */
static int unpack_each(const struct packed *p, void (*take)(void *ctx, const char *s, size_t n),
		       void *ctx, diag_t *d)
{
	if (p->plain) {
		take(ctx, (const char *)p->bytes, p->size);
		return 0;
	}
	z_stream z = {.zalloc = zalloc, .zfree = zfree};
	unsigned char *piece = xmalloc(CHUNK);
	int rc = inflateInit(&z);
	z.next_in = p->bytes;
	z.avail_in = (uInt)p->size;
	while (rc == Z_OK) {
		z.next_out = piece;
		z.avail_out = CHUNK;
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc == Z_OK || rc == Z_STREAM_END)
			take(ctx, (const char *)piece, CHUNK - z.avail_out);
		if (rc == Z_OK && z.avail_in == 0 && z.avail_out > 0)
			rc = Z_DATA_ERROR;      /* the stream ends before its end */
	}
	bool whole = rc == Z_STREAM_END && z.avail_in == 0;
	inflateEnd(&z);
	free(piece);
	return whole ? 0 : fail(d, _("the saved text is damaged (zlib: %s): was the store changed "
				 "outside assay?"), rc == Z_STREAM_END ? "bytes after its end" : zError(rc));
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
