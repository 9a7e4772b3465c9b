/*
 * sha256.c - SHA-256 as FIPS 180-4 describes it: the message padded to whole 512-bit blocks (§5.1.1),
 * each block expanded into a 64-word schedule and folded into the eight-word hash value (§6.2.2),
 * big-endian throughout. Files are read in chunks, so their size does not matter.
 */
#include "base/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

#define CHUNK 65536     /* bytes read from a file at a time */

/* §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
static const uint32_t h0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static uint32_t
rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* §4.1.2: the six logical functions. */
static uint32_t
ch(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (~x & z);
}

static uint32_t
maj(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (x & z) ^ (y & z);
}

static uint32_t
big_sigma0(uint32_t x)
{
    return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}

static uint32_t
big_sigma1(uint32_t x)
{
    return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}

static uint32_t
small_sigma0(uint32_t x)
{
    return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}

static uint32_t
small_sigma1(uint32_t x)
{
    return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

/* §6.2.2: folds one 64-byte block into h. */
static void
compress(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64], v[8], t1, t2;
    int t;

    for (t = 0; t < 16; t++, p += 4)
        w[t] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    for (; t < 64; t++)
        w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    memcpy(v, h, sizeof(v));    /* a, b, c, d, e, f, g, h */
    for (t = 0; t < 64; t++) {
        t1 = v[7] + big_sigma1(v[4]) + ch(v[4], v[5], v[6]) + k[t] + w[t];
        t2 = big_sigma0(v[0]) + maj(v[0], v[1], v[2]);
        memmove(v + 1, v, 7 * sizeof(*v));
        v[4] += t1;             /* e = d + T1, d having moved to v[4] */
        v[0] = t1 + t2;
    }
    for (t = 0; t < 8; t++)
        h[t] += v[t];
}

void
sha256_init(struct sha256_ctx *ctx)
{
    memcpy(ctx->h, h0, sizeof(ctx->h));
    ctx->nblock = 0;
    ctx->nbytes = 0;
}

void
sha256_update(struct sha256_ctx *ctx, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t take;

    ctx->nbytes += n;
    if (ctx->nblock > 0) {      /* first complete the block held back */
        take = SHA256_BLOCK_SIZE - ctx->nblock < n ? SHA256_BLOCK_SIZE - ctx->nblock : n;
        memcpy(ctx->block + ctx->nblock, p, take);
        ctx->nblock += take;
        p += take;
        n -= take;
        if (ctx->nblock < SHA256_BLOCK_SIZE)
            return;
        compress(ctx->h, ctx->block);
        ctx->nblock = 0;
    }
    for (; n >= SHA256_BLOCK_SIZE; n -= SHA256_BLOCK_SIZE, p += SHA256_BLOCK_SIZE)
        compress(ctx->h, p);
    if (n > 0)
        memcpy(ctx->block, p, n);
    ctx->nblock = n;
}

void
sha256_final(struct sha256_ctx *ctx, unsigned char out[SHA256_DIGEST_SIZE])
{
    uint64_t bits = ctx->nbytes * 8;
    int i;

    /* §5.1.1: a 1 bit, zeros up to 448 bits mod 512, then the length in bits as 64 bits */
    ctx->block[ctx->nblock++] = 0x80;
    if (ctx->nblock > SHA256_BLOCK_SIZE - 8) {
        memset(ctx->block + ctx->nblock, 0, SHA256_BLOCK_SIZE - ctx->nblock);
        compress(ctx->h, ctx->block);
        ctx->nblock = 0;
    }
    memset(ctx->block + ctx->nblock, 0, SHA256_BLOCK_SIZE - 8 - ctx->nblock);
    for (i = 0; i < 8; i++)
        ctx->block[SHA256_BLOCK_SIZE - 1 - i] = (unsigned char)(bits >> (8 * i));
    compress(ctx->h, ctx->block);
    for (i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(ctx->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(ctx->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(ctx->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)ctx->h[i];
    }
    memset(ctx, 0, sizeof(*ctx));
}

void
sha256(const void *data, size_t n, unsigned char out[SHA256_DIGEST_SIZE])
{
    struct sha256_ctx ctx;

    sha256_init(&ctx);
    sha256_update(&ctx, data, n);
    sha256_final(&ctx, out);
}

void
sha256_hex(const unsigned char digest[SHA256_DIGEST_SIZE], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
    hex[64] = '\0';
}

/* Why a file cannot be read, in Chinese for the usual reasons (strerror speaks the C locale). */
static const char *
read_reason(int en)
{
    switch (en) {
    case ENOENT: return "文件不存在";
    case EACCES: return "没有读取权限";
    case EISDIR: return "这是一个目录，不是文件";
    default: return strerror(en);
    }
}

enum err
sha256_file(const char *path, char hex[65], char **cause)
{
    unsigned char *buf;
    struct sha256_ctx ctx;
    unsigned char digest[SHA256_DIGEST_SIZE];
    FILE *fp;
    size_t n;
    int en;

    hex[0] = '\0';
    if ((fp = fopen(path, "rb")) == NULL) {
        *cause = xasprintf("无法读取文件 %s：%s", path, read_reason(errno));
        return ERR_IO;
    }
    buf = xmalloc(CHUNK);
    sha256_init(&ctx);
    while ((n = fread(buf, 1, CHUNK, fp)) > 0)
        sha256_update(&ctx, buf, n);
    free(buf);
    if (ferror(fp)) {
        en = errno;
        fclose(fp);
        *cause = xasprintf("无法读取文件 %s：%s", path, read_reason(en));
        return ERR_IO;
    }
    fclose(fp);
    sha256_final(&ctx, digest);
    sha256_hex(digest, hex);
    return ERR_OK;
}
