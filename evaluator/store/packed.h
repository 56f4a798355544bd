/* packed: a long text kept compressed with zstd, as the store keeps a
 * saved run's scorecards and figures: a province's printed scorecards are
 * hundreds of megabytes of text that compress fifteenfold. Texts are
 * packed a piece at a time, as they are rendered, so that the whole text
 * is never held. Runs saved before schema 9 packed theirs with zlib
 * (deflate), and runs saved before schema 6 kept them plain: a packed text
 * is read as it was packed. */
#ifndef ASSAY_PACKED_H
#define ASSAY_PACKED_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "fingerprint.h"
#include "sbuf.h"

struct packed {
	unsigned char *bytes;
	size_t size;
	bool plain;             /* bytes is the text itself, not compressed */
};

/* Packs text added a piece at a time: begin, add each piece, end (which
 * frees the packer). */
struct packer;
struct packer *packer_begin(void);
/* Where a packer may hand the packed bytes on as they are made, instead
 * of keeping them: `piece` bytes at a time, the last piece shorter. */
struct packed_sink {
	void (*take)(void *ctx, const unsigned char *bytes, size_t n);
	void *ctx;
	size_t piece;
};
/* A packer handing its bytes to sink (which it copies); packer_end then
 * leaves out empty. */
struct packer *packer_begin_to(const struct packed_sink *sink);
void packer_add(struct packer *p, const char *text, size_t len);
void packer_end(struct packer *p, struct packed *out);
/* A whole text, packed. */
void packed_pack(const char *text, size_t len, struct packed *out);

/* Reads a packed text a piece at a time: unpacker_next gives the next
 * piece (*piece, valid until the next call) and its length, 0 at the end
 * or where the bytes are damaged; unpacker_end, once it gave 0, frees it:
 * 0, or -1 with d set when the bytes were damaged. p must outlive it. */
struct unpacker;
struct unpacker *unpacker_begin(const struct packed *p);
size_t unpacker_next(struct unpacker *u, const char **piece);
int unpacker_end(struct unpacker *u, diag_t *d);

/* Hands each piece of the text to take as it is unpacked (a piece of a
 * damaged text may have been handed on before the damage is seen); 0, or
 * -1 with d set when the bytes are damaged. */
int packed_each(const struct packed *p, void (*take)(void *ctx, const char *s, size_t n),
		void *ctx, diag_t *d);
/* Whether the bytes are whole: 0, or -1 with d set. */
int packed_check(const struct packed *p, diag_t *d);
/* The text, appended to out; -1 with d set when the bytes are damaged. */
int packed_unpack(const struct packed *p, struct sbuf *out, diag_t *d);
/* The SHA-256 of the text, unpacked a piece at a time; -1 with d set when
 * the bytes are damaged. */
int packed_fingerprint(const struct packed *p, char out[FINGERPRINT_HEX], diag_t *d);
void packed_release(struct packed *p);

#endif
