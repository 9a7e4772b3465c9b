/*
 * test_sha256.c - SHA-256 against the FIPS 180-2 appendix / NIST example vectors ("", "abc", the
 * 448- and 896-bit messages, a million 'a'), lengths either side of the padding boundary (digests
 * as coreutils sha256sum gives them), incremental updates in awkward pieces, and files: one of a
 * million bytes read in chunks, an empty one, a missing one and a directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"
#include "base/xmem.h"

#define MILLION 1000000
#define MILLION_A "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

static void
hex_of(const void *data, size_t n, char hex[65])
{
    unsigned char d[SHA256_DIGEST_SIZE];

    sha256(data, n, d);
    sha256_hex(d, hex);
}

static void
test_vectors(void **state)
{
    static const struct {
        const char *msg, *hex;
    } rows[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        /* 448 bits: the padding needs a second block */
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
         "opqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    };
    char hex[65];
    size_t i;

    (void)state;
    for (i = 0; i < nitems(rows); i++) {
        hex_of(rows[i].msg, strlen(rows[i].msg), hex);
        assert_string_equal(hex, rows[i].hex);
    }
    hex_of(NULL, 0, hex);
    assert_string_equal(hex, rows[0].hex);
}

/* n 'a's: 55 fits the length in one block, 56 does not; 64 is one whole block. */
static void
test_padding_edges(void **state)
{
    static const struct {
        size_t n;
        const char *hex;
    } rows[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    char a[128], hex[65];
    size_t i;

    (void)state;
    memset(a, 'a', sizeof(a));
    for (i = 0; i < nitems(rows); i++) {
        hex_of(a, rows[i].n, hex);
        if (strcmp(hex, rows[i].hex) != 0)
            fail_msg("%zu 'a's: %s, expected %s", rows[i].n, hex, rows[i].hex);
    }
}

/* A million 'a's fed in pieces of 1, 63, 64, 65, 1000 ... bytes: the digest of the whole. */
static void
test_incremental(void **state)
{
    static const size_t pieces[] = {1, 63, 64, 65, 1000, 7, 4096, 0, 131};
    struct sha256_ctx ctx;
    unsigned char d[SHA256_DIGEST_SIZE];
    char *a = xmalloc(MILLION), hex[65];
    size_t done = 0, i = 0, n;

    (void)state;
    memset(a, 'a', MILLION);
    sha256_init(&ctx);
    while (done < MILLION) {
        n = pieces[i++ % nitems(pieces)];
        if (n > MILLION - done)
            n = MILLION - done;
        sha256_update(&ctx, a + done, n);
        done += n;
    }
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
    assert_string_equal(hex, MILLION_A);

    /* the same in 1000 updates of 1000, and all at once */
    sha256_init(&ctx);
    for (i = 0; i < 1000; i++)
        sha256_update(&ctx, a, 1000);
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
    assert_string_equal(hex, MILLION_A);
    hex_of(a, MILLION, hex);
    assert_string_equal(hex, MILLION_A);
    free(a);
}

/* Writes n bytes of data to path. */
static void
write_file(const char *path, const void *data, size_t n)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static void
test_file(void **state)
{
    char dir[] = "/tmp/tanbook-sha256-XXXXXX", path[64], hex[65], *cause = NULL, *want;
    char *a = xmalloc(MILLION);

    (void)state;
    assert_non_null(mkdtemp(dir));
    /* a million bytes: 15 whole chunks of 65536 and a part, none a whole number of blocks */
    snprintf(path, sizeof(path), "%s/a.txt", dir);
    memset(a, 'a', MILLION);
    write_file(path, a, MILLION);
    assert_int_equal(sha256_file(path, hex, &cause), ERR_OK);
    assert_null(cause);
    assert_string_equal(hex, MILLION_A);
    unlink(path);

    snprintf(path, sizeof(path), "%s/abc.txt", dir);
    write_file(path, "abc", 3);
    assert_int_equal(sha256_file(path, hex, &cause), ERR_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    write_file(path, "", 0);
    assert_int_equal(sha256_file(path, hex, &cause), ERR_OK);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    unlink(path);

    /* gone: ERR_IO naming the file and why, in Chinese; hex emptied */
    assert_int_equal(sha256_file(path, hex, &cause), ERR_IO);
    assert_string_equal(hex, "");
    want = xasprintf("无法读取文件 %s：文件不存在", path);
    assert_string_equal(cause, want);
    free(want);
    free(cause);
    cause = NULL;

    /* a directory opens but does not read */
    assert_int_equal(sha256_file(dir, hex, &cause), ERR_IO);
    want = xasprintf("无法读取文件 %s：这是一个目录，不是文件", dir);
    assert_string_equal(cause, want);
    free(want);
    free(cause);
    assert_int_equal(rmdir(dir), 0);
    free(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_padding_edges),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_file),
    };

    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
