/*
 * xlsx_patch.c - what libxlsxwriter 1.1.4 cannot write, put into its finished file: one zip
 * member (xl/styles.xml) is inflated, edited and deflated again, every other member is copied
 * byte for byte. The edit gives the default font a CJK name and turns the formats marked
 * "hidden" (a protection flag with no effect on an unprotected sheet, used here only as a
 * marker) into quotePrefix formats, so text that begins like a formula stays text when a
 * reviewer edits the cell.
 */
#include "export/xlsx_patch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/strbuf.h"
#include "base/xmem.h"
#include "export/zip.h"

#define STYLES "xl/styles.xml"

static void
put16(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)(v >> 8 & 0xff);
}

static void
put32(unsigned char *p, unsigned long v)
{
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16 & 0xffff);
}

/* ---- the edit of xl/styles.xml --------------------------------------------------------------- */

/* s with every `from` replaced by `to`. */
static void
replace_all(struct strbuf *out, const char *s, const char *from, const char *to)
{
    size_t n = strlen(from);
    const char *hit;

    while ((hit = strstr(s, from)) != NULL) {
        sb_appendn(out, s, (size_t)(hit - s));
        sb_append(out, to);
        s = hit + n;
    }
    sb_append(out, s);
}

/*
 * The styles with the edits: the theme's Calibri becomes font_name (and leaves the theme, which
 * would put Calibri back), and each cell format carrying <protection hidden="1"/> gets
 * quotePrefix="1" instead of its protection.
 */
static char *
styles_edit(const char *xml, const char *font_name)
{
    static const char hidden[] = "<protection hidden=\"1\"/>";
    struct strbuf a = {0}, b = {0};
    const char *p, *xf, *end;
    char *to = xasprintf("<name val=\"%s\"/><family val=\"3\"/><charset val=\"134\"/>", font_name);

    replace_all(&a, xml, "<name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/>", to);
    free(to);
    p = a.s;
    while ((xf = strstr(p, "<xf ")) != NULL) {
        end = strchr(xf, '>');
        if (end == NULL)
            break;
        /* a format with children ends at </xf>; the marker is among them */
        if (end[-1] != '/') {
            const char *close = strstr(end, "</xf>"), *h = strstr(end, hidden);

            if (close != NULL && h != NULL && h < close) {
                const char *ap = strstr(xf, " applyProtection=\"1\"");

                sb_appendn(&b, p, (size_t)(xf - p));
                sb_append(&b, "<xf quotePrefix=\"1\"");
                if (ap != NULL && ap < end) {
                    sb_appendn(&b, xf + 3, (size_t)(ap - (xf + 3)));
                    sb_appendn(&b, ap + 20, (size_t)(h - (ap + 20)));
                } else {
                    sb_appendn(&b, xf + 3, (size_t)(h - (xf + 3)));
                }
                p = h + sizeof(hidden) - 1;
                continue;
            }
        }
        sb_appendn(&b, p, (size_t)(end + 1 - p));
        p = end + 1;
    }
    sb_append(&b, p);
    sb_free(&a);
    return sb_take(&b);
}

/* ---- the zip -------------------------------------------------------------------------------- */

/* The raw deflate of in (n bytes) into *out; returns its size, or 0 on failure. */
static size_t
deflate_raw(const char *in, size_t n, unsigned char **out)
{
    z_stream z;
    uLong cap = compressBound((uLong)n) + 64;
    size_t size;

    memset(&z, 0, sizeof(z));
    *out = xmalloc(cap);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)n;
    z.next_out = *out;
    z.avail_out = (uInt)cap;
    size = deflate(&z, Z_FINISH) == Z_STREAM_END ? z.total_out : 0;
    deflateEnd(&z);
    return size;
}

/* A deflated member inflated (usize bytes, NUL-terminated), or NULL. */
static char *
inflate_member(const unsigned char *data, unsigned long csize, unsigned long usize)
{
    char *out = xmalloc(usize + 1);

    if (!zip_inflate(data, csize, out, usize)) {
        free(out);
        return NULL;
    }
    out[usize] = '\0';
    return out;
}

/*
 * The zip in buf with member STYLES edited, into *out. The zip is libxlsxwriter's: no comment,
 * no zip64, members deflated without data descriptors. Returns its size, 0 when buf is not such
 * a zip.
 */
static size_t
zip_rewrite(const unsigned char *buf, size_t size, const char *font_name, unsigned char **out)
{
    const unsigned char *e, *c, *cd;
    unsigned char *o, *dir, *packed = NULL;
    unsigned long i, n, cdsize, pos = 0, dpos = 0;
    size_t np = 0, cap;
    char *xml = NULL, *edited = NULL;

    *out = NULL;
    if (size < 22 || memcmp(buf + size - 22, "PK\5\6", 4) != 0)
        return 0;
    e = buf + size - 22;
    n = zip_le16(e + 10);
    cdsize = zip_le32(e + 12);
    cd = buf + zip_le32(e + 16);
    if (cd + cdsize != e)
        return 0;
    /* the edited member first, so the new sizes are known */
    for (i = 0, c = cd; i < n; i++, c += 46 + zip_le16(c + 28) + zip_le16(c + 30) + zip_le16(c + 32)) {
        const unsigned char *l;

        if (c + 46 > e || memcmp(c, "PK\1\2", 4) != 0)
            return 0;
        if (zip_le16(c + 28) != strlen(STYLES) || memcmp(c + 46, STYLES, strlen(STYLES)) != 0)
            continue;
        l = buf + zip_le32(c + 42);
        if (zip_le16(c + 10) != 8 || l + 30 > cd || memcmp(l, "PK\3\4", 4) != 0)
            return 0;
        xml = inflate_member(l + 30 + zip_le16(l + 26) + zip_le16(l + 28), zip_le32(c + 20), zip_le32(c + 24));
        if (xml == NULL)
            return 0;
        edited = styles_edit(xml, font_name);
        np = deflate_raw(edited, strlen(edited), &packed);
    }
    if (edited == NULL || np == 0) {
        free(xml);
        free(edited);
        free(packed);
        return 0;
    }
    cap = size + np + 64;
    o = xmalloc(cap);
    dir = xmalloc(cdsize);
    for (i = 0, c = cd; i < n; i++, c += 46 + zip_le16(c + 28) + zip_le16(c + 30) + zip_le16(c + 32)) {
        unsigned long off = zip_le32(c + 42), clen = 46 + zip_le16(c + 28) + zip_le16(c + 30) + zip_le16(c + 32);
        const unsigned char *l = buf + off;
        unsigned long hlen = 30 + zip_le16(l + 26) + zip_le16(l + 28), csize = zip_le32(c + 20);
        int is_styles = zip_le16(c + 28) == strlen(STYLES)
                        && memcmp(c + 46, STYLES, strlen(STYLES)) == 0;

        if (off + hlen + csize > (unsigned long)(cd - buf)) {
            free(o);
            o = NULL;
            break;
        }
        memcpy(dir + dpos, c, clen);
        put32(dir + dpos + 42, pos);
        memcpy(o + pos, l, hlen);
        if (is_styles) {
            unsigned long crc = crc32(0, (const unsigned char *)edited, (uInt)strlen(edited));

            put32(o + pos + 14, crc);
            put32(o + pos + 18, np);
            put32(o + pos + 22, strlen(edited));
            put32(dir + dpos + 16, crc);
            put32(dir + dpos + 20, np);
            put32(dir + dpos + 24, strlen(edited));
            memcpy(o + pos + hlen, packed, np);
            pos += hlen + np;
        } else {
            memcpy(o + pos + hlen, l + hlen, csize);
            pos += hlen + csize;
        }
        dpos += clen;
    }
    if (o != NULL) {
        memcpy(o + pos, dir, cdsize);
        memcpy(o + pos + cdsize, e, 22);
        put32(o + pos + cdsize + 16, pos);
        pos += cdsize + 22;
    }
    free(dir);
    free(xml);
    free(edited);
    free(packed);
    *out = o;
    return o != NULL ? pos : 0;
}

const char *
xlsx_patch(const char *path, const char *font_name)
{
    FILE *f;
    unsigned char *buf, *out;
    long size;
    size_t n;
    int ok;

    if ((f = fopen(path, "rb")) == NULL)
        return strerror(errno);
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return "写出的文件不完整";
    }
    buf = xmalloc((size_t)size);
    ok = fread(buf, 1, (size_t)size, f) == (size_t)size;
    fclose(f);
    n = ok ? zip_rewrite(buf, (size_t)size, font_name, &out) : 0;
    free(buf);
    if (n == 0)
        return "写出的文件不完整";
    if ((f = fopen(path, "wb")) == NULL) {
        free(out);
        return strerror(errno);
    }
    ok = fwrite(out, 1, n, f) == n;
    free(out);
    if (fclose(f) != 0 || !ok)
        return strerror(errno != 0 ? errno : EIO);
    return NULL;
}
