/*
 * encoding.c - brings imported text to UTF-8. Chinese Excel saves "CSV" as GB18030 (GBK) unless
 * the user picks "CSV UTF-8", which adds a BOM; both are accepted, UTF-16 ("Unicode text") is not.
 */
#include "base/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmem.h"

static const char bom_utf8[] = "\xef\xbb\xbf";

/* 1-based line of byte offset off: one more than the line ends ("\n", "\r\n", a lone '\r') before it. */
static size_t
line_of(const char *data, size_t off)
{
    size_t i, line = 1;

    for (i = 0; i < off; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= off || data[i + 1] != '\n')))
            line++;
    return line;
}

/*
 * Whether data looks like UTF-16 without a BOM: its first bytes hold NULs, all at odd offsets
 * (little-endian: the high byte of ASCII characters) or all at even ones (big-endian). Text in
 * UTF-8 or GB18030 has no NUL; /dev/zero and other binary files have them at both.
 */
static int
utf16_without_bom(const char *data, size_t len)
{
    size_t i, n = len < 4096 ? len : 4096, odd = 0, even = 0;

    for (i = 0; i < n; i++)
        if (data[i] == '\0')
            *(i % 2 ? &odd : &even) += 1;
    return (odd >= 2 && even == 0) || (even >= 2 && odd == 0);
}

/* The message for unreadable bytes: the line and the 1-based byte position of data[off]. */
static char *
bad_bytes_cause(const char *data, size_t off, const char *what)
{
    return xasprintf("第 %zu 行（文件第 %zu 字节）含有无法识别的字节 0x%02X：%s，"
                     "请另存为 UTF-8 或 GB18030 (CSV)",
                     line_of(data, off), off + 1, (unsigned)(unsigned char)data[off], what);
}

/* The offset of the first byte in s[0..len) that does not start a valid UTF-8 sequence. */
static size_t
utf8_first_invalid(const char *s, size_t len)
{
    size_t i = 0, n;
    unsigned char c;

    while (i < len) {
        c = (unsigned char)s[i];
        n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        if (n > len - i || !text_valid_utf8(s + i, n))
            return i;
        i += n;
    }
    return len;
}

/* Decodes GB18030 with iconv; on a bad sequence sets *bad to its offset and returns ERR_INPUT. */
static enum err
gb18030_decode(const char *data, size_t len, char **out, size_t *outlen, size_t *bad, char **cause)
{
    iconv_t cd;
    char *in = (char *)data, *buf, *op;     /* iconv takes char **, but does not write the input */
    size_t inleft = len, cap, outleft, r;

    cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        *cause = xstrdup("系统缺少 GB18030 编码转换支持 (iconv)，请将文件另存为 UTF-8");
        return ERR_IO;
    }
    /* a GB18030 character of n bytes becomes at most 3n/2 bytes of UTF-8 */
    cap = len + len / 2 + 16;
    buf = xmalloc(cap);
    op = buf;
    outleft = cap - 1;
    while (inleft > 0) {
        r = iconv(cd, &in, &inleft, &op, &outleft);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(op - buf);

            cap *= 2;
            buf = xrealloc(buf, cap);
            op = buf + used;
            outleft = cap - 1 - used;
            continue;
        }
        /* EILSEQ: an invalid sequence; EINVAL: a sequence cut off by the end of the data */
        *bad = (size_t)(in - data);
        iconv_close(cd);
        free(buf);
        return ERR_INPUT;
    }
    iconv_close(cd);
    *op = '\0';
    *out = buf;
    *outlen = (size_t)(op - buf);
    return ERR_OK;
}

enum err
encoding_to_utf8(const char *data, size_t len, char **out, size_t *outlen, enum encoding *enc,
                 char **cause)
{
    size_t bad = 0;
    enum err e;

    *out = NULL;
    *outlen = 0;
    if (len >= 2 && ((data[0] == '\xff' && data[1] == '\xfe')
                     || (data[0] == '\xfe' && data[1] == '\xff'))) {
        *cause = xstrdup("文件是 UTF-16 编码，请另存为 UTF-8 或 GB18030 (CSV)");
        return ERR_INPUT;
    }
    if (utf16_without_bom(data, len)) {
        *cause = xstrdup("文件似乎是 UTF-16 编码（含有隔字节的空字符），不支持 UTF-16，"
                         "请另存为 UTF-8 或 GB18030 (CSV)");
        return ERR_INPUT;
    }
    if (len >= 3 && memcmp(data, bom_utf8, 3) == 0) {
        /* the BOM says UTF-8: invalid bytes after it are an error, not a hint to try GB18030 */
        if (!text_valid_utf8(data + 3, len - 3)) {
            bad = 3 + utf8_first_invalid(data + 3, len - 3);
            *cause = bad_bytes_cause(data, bad, "文件标明为 UTF-8，但内容不是有效的 UTF-8");
            return ERR_INPUT;
        }
        *out = xstrndup(data + 3, len - 3);
        *outlen = len - 3;
        *enc = ENC_UTF8_BOM;
        return ERR_OK;
    }
    if (text_valid_utf8(data, len)) {
        *out = xstrndup(data, len);
        *outlen = len;
        *enc = ENC_UTF8;
        return ERR_OK;
    }
    e = gb18030_decode(data, len, out, outlen, &bad, cause);
    if (e == ERR_INPUT) {
        /*
         * Neither reading works. The one that got further is the file's real encoding, and where
         * it stopped is the damage: a UTF-8 file with one bad byte fails as GB18030 at its first
         * Chinese character, long before.
         */
        size_t bad_utf8 = utf8_first_invalid(data, len);

        *cause = bad_bytes_cause(data, bad_utf8 > bad ? bad_utf8 : bad,
                                 "既不是 UTF-8 也不是 GB18030 编码");
    }
    if (e == ERR_OK)
        *enc = ENC_GB18030;
    return e;
}

const char *
encoding_name(enum encoding enc)
{
    static const char *const names[] = {
        [ENC_UTF8] = "UTF-8",
        [ENC_UTF8_BOM] = "UTF-8 (BOM)",
        [ENC_GB18030] = "GB18030",
    };

    if ((size_t)enc >= nitems(names))
        return "?";
    return names[enc];
}
