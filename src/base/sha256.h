/*
 * sha256.h - SHA-256 (FIPS 180-4 §6.2): of a buffer at once, incrementally, or of a file read in
 * chunks, so that a file can be named by what it holds (a fingerprint that stays the same when the
 * file is copied or renamed, and changes when one byte does).
 */
#ifndef TANBOOK_SHA256_H
#define TANBOOK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE 64

/* An incremental hash: sha256_init, any number of sha256_update, one sha256_final. */
struct sha256_ctx {
    uint32_t h[8];                          /* the hash value H(i) so far */
    unsigned char block[SHA256_BLOCK_SIZE]; /* input not yet hashed: less than one block */
    size_t nblock;
    uint64_t nbytes;                        /* the message length so far */
};

void sha256_init(struct sha256_ctx *ctx);
/* Adds n bytes of data (data may be NULL when n is 0). */
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t n);
/* Pads the message, writes its digest to out; ctx must be initialised again before reuse. */
void sha256_final(struct sha256_ctx *ctx, unsigned char out[SHA256_DIGEST_SIZE]);

/* The digest of the n bytes at data, at once. */
void sha256(const void *data, size_t n, unsigned char out[SHA256_DIGEST_SIZE]);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(const unsigned char digest[SHA256_DIGEST_SIZE], char hex[65]);
/*
 * The digest of the file at path, read in chunks (any size), as sha256_hex writes it. ERR_IO with
 * *cause "无法读取文件 PATH：REASON" (caller frees) when it cannot be opened or read; hex is then "".
 */
enum err sha256_file(const char *path, char hex[65], char **cause);

#endif
