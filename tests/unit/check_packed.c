/* packed: texts kept compressed, as a saved run keeps its scorecards. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "packed.h"
#include "unit.h"

/* A text of n bytes that repeats, as scorecards do, with every byte value. */
static char *sample(size_t n)
{
	char *text = xmalloc(n + 1);
	for (size_t k = 0; k < n; k++)
		text[k] = (char)(k % 997 < 900 ? "区商务局,trade,7000\n"[k % 24] : (int)(k % 256));
	text[n] = '\0';
	return text;
}

START_TEST(a_text_packed_in_pieces_unpacks_whole)
{
	size_t n = 3 * 1024 * 1024 + 17;       /* more than is packed at a time */
	char *text = sample(n);
	struct packer *p = packer_begin();
	for (size_t k = 0; k < n; k += 100000)
		packer_add(p, text + k, n - k < 100000 ? n - k : 100000);
	struct packed packed;
	packer_end(p, &packed);
	ck_assert(!packed.plain);
	ck_assert_uint_lt(packed.size, n / 4);
	struct sbuf out = {0};
	diag_t d;
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), 0);
	ck_assert_uint_eq(out.len, n);
	ck_assert(memcmp(out.s, text, n) == 0);
	char a[FINGERPRINT_HEX], b[FINGERPRINT_HEX];
	ck_assert_int_eq(packed_fingerprint(&packed, a, &d), 0);
	fingerprint_bytes(text, n, b);
	ck_assert_str_eq(a, b);
	sbuf_release(&out);
	packed_release(&packed);
	free(text);
}
END_TEST

/* What a sink was handed: the pieces, joined, and how long each was. */
struct taken {
	struct sbuf bytes;
	size_t pieces, longest, last;
};

static void take(void *ctx, const unsigned char *bytes, size_t n)
{
	struct taken *t = ctx;
	sbuf_addn(&t->bytes, (const char *)bytes, n);
	t->pieces++;
	t->longest = n > t->longest ? n : t->longest;
	t->last = n;
}

START_TEST(a_packer_hands_its_bytes_on_in_pieces)
{
	size_t n = 3 * 1024 * 1024 + 17;
	char *text = sample(n);
	struct packed whole, left;
	packed_pack(text, n, &whole);
	struct taken t = {0};
	struct packer *p = packer_begin_to(&(struct packed_sink){take, &t, 1000});
	for (size_t k = 0; k < n; k += 100000)
		packer_add(p, text + k, n - k < 100000 ? n - k : 100000);
	packer_end(p, &left);
	/* nothing kept; the pieces joined are the text packed whole */
	ck_assert_ptr_null(left.bytes);
	ck_assert_uint_eq(left.size, 0);
	ck_assert_uint_eq(t.bytes.len, whole.size);
	ck_assert(memcmp(t.bytes.s, whole.bytes, whole.size) == 0);
	ck_assert_uint_eq(t.pieces, (whole.size + 999) / 1000);
	ck_assert_uint_eq(t.longest, 1000);
	ck_assert_uint_eq(t.last, whole.size % 1000 ? whole.size % 1000 : 1000);
	sbuf_release(&t.bytes);
	packed_release(&whole);
	free(text);
}
END_TEST

START_TEST(the_empty_text_and_a_plain_one)
{
	struct packed packed;
	struct sbuf out = {0};
	diag_t d;
	packed_pack("", 0, &packed);
	ck_assert_uint_gt(packed.size, 0);
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), 0);
	ck_assert_uint_eq(out.len, 0);
	packed_release(&packed);
	/* as runs saved before schema 6 kept their texts */
	struct packed plain = {(unsigned char *)xstrdup("总分 100.00\n"), strlen("总分 100.00\n"), true};
	ck_assert_int_eq(packed_unpack(&plain, &out, &d), 0);
	ck_assert_str_eq(sbuf_str(&out), "总分 100.00\n");
	packed_release(&plain);
	sbuf_release(&out);
}
END_TEST

/* Damaged bytes are refused with a message, never read as a text. */
START_TEST(damaged_bytes_are_refused)
{
	char *text = sample(50000);
	struct packed packed;
	packed_pack(text, strlen(text), &packed);
	struct sbuf out = {0};
	diag_t d;
	char sha[FINGERPRINT_HEX];
	/* cut short */
	size_t size = packed.size;
	packed.size = size / 2;
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), -1);
	ck_assert_msg(strstr(d.text, "the saved text is damaged (zstd: it ends before its end)"),
		      "%s", d.text);
	ck_assert_int_eq(packed_fingerprint(&packed, sha, &d), -1);
	/* a byte changed: the checksum sees it */
	packed.size = size;
	packed.bytes[size / 2] ^= 0x55;
	sbuf_reset(&out);
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), -1);
	ck_assert_msg(strstr(d.text, "the saved text is damaged (zstd: "), "%s", d.text);
	packed.bytes[size / 2] ^= 0x55;
	/* bytes after its end */
	packed.bytes = xrealloc(packed.bytes, size + 1);
	packed.bytes[size] = 'x';
	packed.size = size + 1;
	sbuf_reset(&out);
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), -1);
	ck_assert_msg(strstr(d.text, "bytes after its end"), "%s", d.text);
	sbuf_release(&out);
	packed_release(&packed);
	free(text);
}
END_TEST

/* A run saved before schema 9 packed its texts with zlib: they are read
 * as they were packed, and found damaged as they were. */
START_TEST(a_text_packed_by_zlib_before_unpacks)
{
	size_t n = 600000;
	char *text = sample(n);
	uLongf size = compressBound(n);
	struct packed packed = {xmalloc(size), 0, false};
	ck_assert_int_eq(compress2(packed.bytes, &size, (const Bytef *)text, n, 1), Z_OK);
	packed.size = size;
	struct sbuf out = {0};
	diag_t d;
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), 0);
	ck_assert_uint_eq(out.len, n);
	ck_assert(memcmp(out.s, text, n) == 0);
	packed.size = size / 2;
	sbuf_reset(&out);
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), -1);
	ck_assert_msg(strstr(d.text, "the saved text is damaged (zlib: it ends before its end)"),
		      "%s", d.text);
	packed.size = size;
	packed.bytes[size / 2] ^= 0x55;
	sbuf_reset(&out);
	ck_assert_int_eq(packed_unpack(&packed, &out, &d), -1);
	ck_assert_msg(strstr(d.text, "the saved text is damaged (zlib: "), "%s", d.text);
	sbuf_release(&out);
	packed_release(&packed);
	free(text);
}
END_TEST

Suite *packed_suite(void)
{
	Suite *s = suite_create("packed");
	TCase *tc = tcase_create("packed");
	tcase_add_test(tc, a_text_packed_in_pieces_unpacks_whole);
	tcase_add_test(tc, a_packer_hands_its_bytes_on_in_pieces);
	tcase_add_test(tc, the_empty_text_and_a_plain_one);
	tcase_add_test(tc, damaged_bytes_are_refused);
	tcase_add_test(tc, a_text_packed_by_zlib_before_unpacks);
	suite_add_tcase(s, tc);
	return s;
}
