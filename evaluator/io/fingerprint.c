#include "fingerprint.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "sbuf.h"

struct fingerprinter {
	struct sha256_ctx ctx;
};

struct fingerprinter *fingerprint_begin(void)
{
	struct fingerprinter *f = xmalloc(sizeof *f);
	sha256_init(&f->ctx);
	return f;
}

void fingerprint_add(struct fingerprinter *f, const void *data, size_t len)
{
	sha256_update(&f->ctx, len, data);
}

void fingerprint_end(struct fingerprinter *f, char out[FINGERPRINT_HEX])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&f->ctx, sizeof digest, digest);
	for (size_t k = 0; k < sizeof digest; k++) {
		out[2 * k] = hex[digest[k] >> 4];
		out[2 * k + 1] = hex[digest[k] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
	free(f);
}

void fingerprint_bytes(const void *data, size_t len, char out[FINGERPRINT_HEX])
{
	struct fingerprinter *f = fingerprint_begin();
	fingerprint_add(f, data, len);
	fingerprint_end(f, out);
}

int fingerprint_file(const char *path, char out[FINGERPRINT_HEX], diag_t *d)
{
	/* what is fingerprinted (a plan, rule files) was read already, within
	 * bounds of its own */
	static const struct file_bound bound = {N_("file"), (size_t)1 << 30, NULL};
	struct sbuf content = {0};
	int rc = 0;
	if (sbuf_read_file(&content, path, &bound, d) != 0)
		rc = -1;
	else
		fingerprint_bytes(content.s ? content.s : "", content.len, out);
	sbuf_release(&content);
	return rc;
}
