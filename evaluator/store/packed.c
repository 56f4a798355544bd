#include "packed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST              /* next_in reads const text */
#include <zlib.h>
#include <zstd.h>

#include "lang.h"
#include "mem.h"

/* zstd's level 1: a province's 730 MB of scorecards at a fifteenth of
 * their size in about a second of one core's time (zlib's fastest level
 * took five seconds for a tenth). */
#define PACK_LEVEL 1
/* How much is handed to the compressor, and taken back, at a time. */
#define CHUNK (256 * 1024)
/* How a zstd frame begins (zstd.h's ZSTD_MAGICNUMBER, little-endian): never
 * how a zlib stream does, whose first two bytes are a multiple of 31. */
static const unsigned char zstd_magic[4] = {0x28, 0xb5, 0x2f, 0xfd};

struct packer {
	ZSTD_CCtx *z;
	unsigned char *out;
	size_t size, cap;
	struct packed_sink sink;        /* take NULL: the bytes are kept */
};

/* Compressing fails on its own input only for want of memory, once its
 * parameters are set: anything else is a bug in assay. */
static void packing_failed(const char *why)
{
	fprintf(stderr, "assay: compressing failed (zstd: %s)\n", why);
	abort();
}

struct packer *packer_begin(void)
{
	struct packer *p = xcalloc(1, sizeof *p);
	p->z = ZSTD_createCCtx();
	if (!p->z)
		out_of_memory();
	size_t rc = ZSTD_CCtx_setParameter(p->z, ZSTD_c_compressionLevel, PACK_LEVEL);
	if (!ZSTD_isError(rc)) /* damage is found, as zlib's adler32 found it */
		rc = ZSTD_CCtx_setParameter(p->z, ZSTD_c_checksumFlag, 1);
	if (ZSTD_isError(rc))
		packing_failed(ZSTD_getErrorName(rc));
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

/* Compresses what `in` holds, growing the output as needed (or handing
 * it on); ZSTD_e_end also ends the frame. */
static void pack_run(struct packer *p, ZSTD_inBuffer *in, ZSTD_EndDirective mode)
{
	size_t left;
	do {
		if (p->sink.take && p->size >= p->sink.piece)
			hand_on(p, false);
		if (p->cap - p->size < CHUNK)
			p->out = xrealloc(p->out, p->cap = p->cap * 2 + CHUNK);
		ZSTD_outBuffer out = {p->out, p->cap, p->size};
		left = ZSTD_compressStream2(p->z, &out, in, mode);
		if (ZSTD_isError(left))
			packing_failed(ZSTD_getErrorName(left));
		p->size = out.pos;
	} while (in->pos < in->size || (mode == ZSTD_e_end && left > 0));
}

void packer_add(struct packer *p, const char *text, size_t len)
{
	ZSTD_inBuffer in = {text, len, 0};
	if (len > 0)
		pack_run(p, &in, ZSTD_e_continue);
}

void packer_end(struct packer *p, struct packed *out)
{
	ZSTD_inBuffer in = {NULL, 0, 0};
	pack_run(p, &in, ZSTD_e_end);
	ZSTD_freeCCtx(p->z);
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

/* How a text was packed: by this assay (zstd), or by one before (zlib
 * until schema 9; plain text until schema 6). */
enum packing { PACKED_PLAIN, PACKED_ZLIB, PACKED_ZSTD };

struct unpacker {
	const struct packed *p;
	enum packing packing;
	z_stream z;
	ZSTD_DCtx *zd;
	ZSTD_inBuffer in;
	unsigned char *piece;
	const char *damage;     /* why the bytes cannot be read; NULL */
	bool done;              /* the text ended (or was given, when plain) */
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

static enum packing packing_of(const struct packed *p)
{
	if (p->plain)
		return PACKED_PLAIN;
	return p->size >= sizeof zstd_magic && memcmp(p->bytes, zstd_magic, sizeof zstd_magic) == 0
		       ? PACKED_ZSTD : PACKED_ZLIB;
}

struct unpacker *unpacker_begin(const struct packed *p)
{
	struct unpacker *u = xcalloc(1, sizeof *u);
	u->p = p;
	u->packing = packing_of(p);
	if (u->packing == PACKED_PLAIN)
		return u;
	u->piece = xmalloc(CHUNK);
	if (u->packing == PACKED_ZSTD) {
		if (!(u->zd = ZSTD_createDCtx()))
			out_of_memory();
		u->in = (ZSTD_inBuffer){p->bytes, p->size, 0};
	} else {
		u->z = (z_stream){.zalloc = zalloc, .zfree = zfree};
		if (inflateInit(&u->z) != Z_OK) /* its only failure here */
			out_of_memory();
		u->z.next_in = p->bytes;
		u->z.avail_in = (uInt)p->size;
	}
	return u;
}

/* The next piece of a zlib stream, as runs were packed before schema 9. */
static size_t next_of_zlib(struct unpacker *u)
{
	while (!u->done && !u->damage) {
		u->z.next_out = u->piece;
		u->z.avail_out = CHUNK;
		int rc = inflate(&u->z, Z_NO_FLUSH);
		size_t n = CHUNK - u->z.avail_out;
		if (rc == Z_STREAM_END)
			u->done = true;
		if (rc == Z_STREAM_END && u->z.avail_in > 0)
			u->damage = N_("bytes after its end");
		else if (rc == Z_OK && u->z.avail_in == 0 && u->z.avail_out > 0)
			u->damage = N_("it ends before its end");
		else if (rc != Z_OK && rc != Z_STREAM_END)
			u->damage = zError(rc);
		if (n > 0 && !u->damage)
			return n;
	}
	return 0;
}

/* The next piece of a zstd frame. */
static size_t next_of_zstd(struct unpacker *u)
{
	while (!u->done && !u->damage) {
		ZSTD_outBuffer out = {u->piece, CHUNK, 0};
		size_t left = ZSTD_decompressStream(u->zd, &out, &u->in);
		if (ZSTD_isError(left)) {
			u->damage = ZSTD_getErrorName(left);
			return 0;
		}
		if (left == 0) {
			u->done = true;
			if (u->in.pos < u->in.size)
				u->damage = N_("bytes after its end");
		} else if (u->in.pos == u->in.size && out.pos < out.size) {
			u->damage = N_("it ends before its end");
		}
		if (out.pos > 0 && !u->damage)
			return out.pos;
	}
	return 0;
}

size_t unpacker_next(struct unpacker *u, const char **piece)
{
	if (u->packing == PACKED_PLAIN) {
		*piece = (const char *)u->p->bytes;
		size_t n = u->done ? 0 : u->p->size;
		u->done = true;
		return n;
	}
	*piece = (const char *)u->piece;
	return u->packing == PACKED_ZSTD ? next_of_zstd(u) : next_of_zlib(u);
}

int unpacker_end(struct unpacker *u, diag_t *d)
{
	/* our own reasons in the reader's language; the libraries' as they say them */
	const char *damage = u->damage ? u->damage : u->done ? NULL : N_("it ends before its end");
	const char *library = u->packing == PACKED_ZSTD ? "zstd" : "zlib";
	if (u->packing == PACKED_ZLIB)
		inflateEnd(&u->z);
	ZSTD_freeDCtx(u->zd);
	free(u->piece);
	free(u);
	return damage ? fail(d, _("the saved text is damaged (%s: %s): was the store changed "
				  "outside assay?"), library, _(damage)) : 0;
}

int packed_each(const struct packed *p, void (*take)(void *ctx, const char *s, size_t n),
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
	return packed_each(p, add_to_sbuf, out, d);
}

static void add_to_fingerprint(void *ctx, const char *s, size_t n)
{
	fingerprint_add(ctx, s, n);
}

int packed_fingerprint(const struct packed *p, char out[FINGERPRINT_HEX], diag_t *d)
{
	struct fingerprinter *f = fingerprint_begin();
	int rc = packed_each(p, add_to_fingerprint, f, d);
	fingerprint_end(f, out);
	return rc;
}

static void take_nothing(void *ctx, const char *s, size_t n)
{
	(void)ctx, (void)s, (void)n;
}

int packed_check(const struct packed *p, diag_t *d)
{
	return packed_each(p, take_nothing, NULL, d);
}

void packed_release(struct packed *p)
{
	free(p->bytes);
	memset(p, 0, sizeof *p);
}
