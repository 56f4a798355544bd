#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <strings.h>

bool encoding_is_utf8(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

bool encoding_known(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

int encoding_to_utf8(const char *from, const char *in, size_t len, struct sbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	char *src = (char *)in; /* iconv's prototype wants it writable; it only reads */
	size_t left = len;
	int rc = 0;
	char chunk[4096];
	while (left > 0 && rc == 0) {
		char *dst = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &src, &left, &dst, &room);
		sbuf_addn(out, chunk, (size_t)(dst - chunk));
		/* E2BIG only means the chunk is full; EILSEQ and EINVAL (a
		 * sequence cut short at the end) mean the input is wrong */
		if (r == (size_t)-1 && errno != E2BIG)
			rc = -1;
	}
	char *dst = chunk;
	size_t room = sizeof chunk;
	if (rc == 0 && iconv(cd, NULL, NULL, &dst, &room) != (size_t)-1) /* shift back */
		sbuf_addn(out, chunk, (size_t)(dst - chunk));
	iconv_close(cd);
	return rc;
}
