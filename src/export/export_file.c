/*
 * export_file.c - an export written safely: into a temporary file beside the target, with
 * stderr silenced for the library that writes it (it prints to stderr, which would tear a
 * curses screen), a zip read back and checked member by member with zlib, flushed, then renamed
 * over the target. Text goes the same way, or to standard output. The writers come from the
 * exporters (export_xlsx.c, export_json.c); this file knows files, not workbooks.
 */
#include "export/export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "base/xmem.h"

/* ---- reading the file back ------------------------------------------------------------------ */

static unsigned long
le16(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* Whether the XML text ends with the end tag of its root element ("</worksheet>"). */
static int
xml_closed(const char *xml, size_t n)
{
    const char *p = xml, *end = xml + n;
    size_t len = 0;

    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && end - p > 1
           && (p[1] == '?' || p[1] == '!'))
        p++;
    if (p == NULL)
        return 0;
    while (p + 1 + len < end && strchr(" \t\r\n/>", p[1 + len]) == NULL)
        len++;
    while (n > 0 && strchr(" \t\r\n", xml[n - 1]) != NULL)
        n--;
    return len > 0 && n >= len + 3 && memcmp(xml + n - len - 3, "</", 2) == 0
           && memcmp(xml + n - len - 1, p + 1, len) == 0 && xml[n - 1] == '>';
}

/* Inflates one stored or deflated member into out (usize bytes); whether it matches its CRC. */
static int
member_ok(const unsigned char *data, unsigned long csize, unsigned long method, char *out,
          unsigned long usize, unsigned long crc)
{
    z_stream z;
    int rc;

    if (method == 0) {
        if (csize != usize)
            return 0;
        memcpy(out, data, usize);
    } else {
        memset(&z, 0, sizeof(z));
        if (method != 8 || inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return 0;
        z.next_in = (unsigned char *)data;
        z.avail_in = (uInt)csize;
        z.next_out = (unsigned char *)out;
        z.avail_out = (uInt)usize;
        rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if (rc != Z_STREAM_END || z.total_out != usize)
            return 0;
    }
    return crc32(0, (const unsigned char *)out, (uInt)usize) == crc;
}

/*
 * Whether the zip in buf (size bytes) is whole: every member inflates to its recorded size and
 * CRC, and every XML member ends with its root's end tag. libxlsxwriter stages each part in a
 * temporary file and does not notice when writing it fails (a full /tmp): the zip would be
 * well-formed around a truncated worksheet.
 */
static int
zip_whole(const unsigned char *buf, size_t size)
{
    const unsigned char *e, *c;
    unsigned long i, n;
    int ok = 1;

    if (size < 22)
        return 0;
    e = buf + size - 22;    /* the end record; libxlsxwriter writes no zip comment */
    if (memcmp(e, "PK\5\6", 4) != 0 || le32(e + 16) + le32(e + 12) > size - 22)
        return 0;
    n = le16(e + 10);
    c = buf + le32(e + 16);
    for (i = 0; i < n && ok; i++) {
        unsigned long nlen, off, csize = 0, usize = 0;
        const unsigned char *l;
        char *out;

        if (c + 46 > e || memcmp(c, "PK\1\2", 4) != 0 || c + 46 + le16(c + 28) > e)
            return 0;
        nlen = le16(c + 28);
        off = le32(c + 42);
        csize = le32(c + 20);
        usize = le32(c + 24);
        l = buf + off;
        /* deflate expands at most about 1032 times: a larger size is damage, not a member */
        if (off + 30 > size || memcmp(l, "PK\3\4", 4) != 0
            || off + 30 + le16(l + 26) + le16(l + 28) + csize > size || usize > 1032 * csize + 64)
            return 0;
        out = xmalloc(usize + 1);
        ok = member_ok(l + 30 + le16(l + 26) + le16(l + 28), csize, le16(c + 10), out, usize,
                       le32(c + 16))
             && (nlen < 4 || (memcmp(c + 46 + nlen - 4, ".xml", 4) != 0
                              && memcmp(c + 46 + nlen - 4, "rels", 4) != 0)
                 || xml_closed(out, usize));
        free(out);
        c += 46 + nlen + le16(c + 30) + le16(c + 32);
    }
    return ok;
}

/* Reads a zip back (zip_whole), then flushes the file to disk, so the rename only ever installs a
   whole file. Returns 0, or -1 with errno set (EIO when the zip is incomplete). */
static int
file_whole(const char *file, enum export_file_kind kind)
{
    struct stat st;
    unsigned char *buf = NULL;
    int fd, en = EIO, ok = 1;

    if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    if (kind == EXPORT_FILE_ZIP) {
        ok = fstat(fd, &st) == 0 && st.st_size > 0;
        if (ok) {
            buf = xmalloc((size_t)st.st_size);
            ok = read(fd, buf, (size_t)st.st_size) == st.st_size
                 && zip_whole(buf, (size_t)st.st_size);
        }
    }
    if (ok && fsync(fd) != 0) {
        en = errno;
        ok = 0;
    }
    free(buf);
    close(fd);
    errno = en;
    return ok ? 0 : -1;
}

/* ---- stderr and the temporary file ---------------------------------------------------------- */

/* Points stderr at /dev/null; returns the saved descriptor, or -1 when it was left alone. */
static int
stderr_quiet(void)
{
    int saved, null;

    fflush(stderr);
    if ((saved = dup(STDERR_FILENO)) < 0)
        return -1;
    if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0) {
        close(saved);
        return -1;
    }
    if (dup2(null, STDERR_FILENO) < 0) {
        close(null);
        close(saved);
        return -1;
    }
    close(null);
    return saved;
}

static void
stderr_restore(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    if (dup2(saved, STDERR_FILENO) < 0)
        fatal("cannot restore stderr: %s", strerror(errno));
    close(saved);
}

/*
 * Creates "DIR/.NAME.tmp-XXXXXX" beside path, with the permissions a new file would get (mkstemp
 * makes it private). Returns 0 with *tmp (caller frees), or -1 with errno set.
 */
static int
temp_create(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash != NULL ? (int)(slash - path + 1) : 0;
    mode_t mask = umask(0);
    int fd, en;

    umask(mask);
    *tmp = xasprintf("%.*s.%s.tmp-XXXXXX", dirlen, path, path + dirlen);
    if ((fd = mkstemp(*tmp)) < 0) {
        en = errno;
        free(*tmp);
        errno = en;
        return -1;
    }
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        en = errno;
        unlink(*tmp);
        free(*tmp);
        errno = en;
        return -1;
    }
    return 0;
}

/* ---- the safe write ------------------------------------------------------------------------- */

enum err
export_file_write(const char *path, enum export_file_kind kind, export_file_writer writer,
                  void *arg, char **cause)
{
    const char *why;
    char *tmp;
    int saved;

    if (temp_create(path, &tmp) != 0) {
        *cause = xasprintf("无法写入 %s：%s", path, strerror(errno));
        return ERR_IO;
    }
    saved = stderr_quiet();
    why = writer(tmp, arg);
    stderr_restore(saved);
    if (why != NULL) {
        unlink(tmp);
        free(tmp);
        *cause = xasprintf("无法写入 %s：%s", path, why);
        return ERR_IO;
    }
    if (file_whole(tmp, kind) != 0) {
        int en = errno;

        unlink(tmp);
        free(tmp);
        *cause = xasprintf("无法写入 %s：%s", path, en == EIO
                           ? "写出的文件不完整（磁盘空间或临时目录已满？）" : strerror(en));
        return ERR_IO;
    }
    if (rename(tmp, path) != 0) {
        int en = errno;

        unlink(tmp);
        free(tmp);
        *cause = xasprintf("无法写入 %s：%s", path, strerror(en));
        return ERR_IO;
    }
    free(tmp);
    return ERR_OK;
}

/* ---- text ----------------------------------------------------------------------------------- */

struct text {
    const char *s;
    size_t n;
};

/* The export_file_writer of export_file_text: arg a struct text. */
static const char *
write_text(const char *file, void *arg)
{
    const struct text *t = arg;
    FILE *f = fopen(file, "w");
    int en;

    if (f == NULL)
        return strerror(errno);
    if (fwrite(t->s, 1, t->n, f) != t->n) {
        en = errno;
        fclose(f);
        return strerror(en);
    }
    return fclose(f) != 0 ? strerror(errno) : NULL;
}

enum err
export_file_text(const char *path, const char *text, size_t n, char **cause)
{
    struct text t = {text, n};

    if (strcmp(path, "-") != 0)
        return export_file_write(path, EXPORT_FILE_TEXT, write_text, &t, cause);
    if (fwrite(text, 1, n, stdout) != n || fflush(stdout) != 0) {
        *cause = xasprintf("无法写入标准输出：%s", strerror(errno));
        return ERR_IO;
    }
    return ERR_OK;
}
