#include "fingerprint.h"

#include <nettle/sha2.h>
#include <string.h>

#include "sbuf.h"

void fingerprint_bytes(const void *data, size_t len, char out[FINGERPRINT_HEX])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t k = 0; k < sizeof digest; k++) {
		out[2 * k] = hex[digest[k] >> 4];
		out[2 * k + 1] = hex[digest[k] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

int fingerprint_file(const char *path, char out[FINGERPRINT_HEX], diag_t *d)
{
	/* what is fingerprinted (a plan, rule files) was read already, within
	 * bounds of its own */
	static const struct file_bound bound = {"file", (size_t)1 << 30, NULL};
	struct sbuf content = {0};
	int rc = 0;
	if (sbuf_read_file(&content, path, &bound, d) != 0)
		rc = -1;
	else
		fingerprint_bytes(content.s ? content.s : "", content.len, out);
	sbuf_release(&content);
	return rc;
}
