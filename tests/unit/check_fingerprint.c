#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "fingerprint.h"
#include "unit.h"

/* FIPS 180-2's examples, and the empty text. */
START_TEST(sha256_of_known_texts)
{
	char hex[FINGERPRINT_HEX];
	fingerprint_bytes("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	fingerprint_bytes("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	fingerprint_bytes(two_blocks, 56, hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

/* A text fingerprinted a piece at a time is fingerprinted as a whole. */
START_TEST(pieces_give_the_fingerprint_of_the_whole)
{
	char whole[FINGERPRINT_HEX], pieces[FINGERPRINT_HEX];
	const char *text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	fingerprint_bytes(text, strlen(text), whole);
	struct fingerprinter *f = fingerprint_begin();
	for (size_t k = 0; k < strlen(text); k += 5)
		fingerprint_add(f, text + k, strlen(text) - k < 5 ? strlen(text) - k : 5);
	fingerprint_end(f, pieces);
	ck_assert_str_eq(pieces, whole);
}
END_TEST

START_TEST(file_fingerprint_is_its_bytes)
{
	char path[] = "/tmp/assay-fingerprint-XXXXXX", a[FINGERPRINT_HEX], b[FINGERPRINT_HEX];
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	close(fd);
	diag_t d;
	ck_assert_int_eq(fingerprint_file(path, a, &d), 0);
	fingerprint_bytes("abc", 3, b);
	ck_assert_str_eq(a, b);
	unlink(path);
	ck_assert_int_eq(fingerprint_file(path, a, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.text, "unable to read the file '/tmp/assay-fingerprint-"));
}
END_TEST

Suite *fingerprint_suite(void)
{
	Suite *s = suite_create("fingerprint");
	TCase *tc = tcase_create("sha256");
	tcase_add_test(tc, sha256_of_known_texts);
	tcase_add_test(tc, pieces_give_the_fingerprint_of_the_whole);
	tcase_add_test(tc, file_fingerprint_is_its_bytes);
	suite_add_tcase(s, tc);
	return s;
}
