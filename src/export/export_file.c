/*
 * export_file.c - an export written safely: into a temporary file beside the target, with
 * stderr silenced for the library that writes it (it prints to stderr, which would tear a
 * curses screen), a zip read back and checked member by member with zlib, flushed, then renamed
 * over the target. Text goes the same way, or to standard output. A failure is said in words
 * (a full disk, a file size limit), from the errno the writer leaves or, when a library lost
 * it, from the disk itself. The writers come from the exporters (export_xlsx.c, export_json.c);
 * this file knows files, not workbooks.
 */
#include "export/export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <zlib.h>

#include "base/xmem.h"
#include "export/zip.h"

/* ---- reading the file back ------------------------------------------------------------------ */

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
    if (method == 0) {
        if (csize != usize)
            return 0;
        memcpy(out, data, usize);
    } else if (method != 8 || !zip_inflate(data, csize, out, usize)) {
        return 0;
    }
    return crc32(0, (const unsigned char *)out, (uInt)usize) == crc;
}

/*
 * Whether the zip in buf (size bytes) is whole: every member inflates to its recorded size and
 * CRC, and every XML member ends with its root's end tag. libxlsxwriter stages each part in a
 * scratch file and does not notice when writing it fails (a full disk): the zip would be
 * well-formed around a truncated worksheet. *largest is the largest member's size, as recorded
 * (the one cut short, when the disk filled while it was staged).
 */
static int
zip_whole(const unsigned char *buf, size_t size, unsigned long *largest)
{
    const unsigned char *e, *c;
    unsigned long i, n;
    int ok = 1;

    if (size < 22)
        return 0;
    e = buf + size - 22;    /* the end record; libxlsxwriter writes no zip comment */
    if (memcmp(e, "PK\5\6", 4) != 0 || zip_le32(e + 16) + zip_le32(e + 12) > size - 22)
        return 0;
    n = zip_le16(e + 10);
    c = buf + zip_le32(e + 16);
    for (i = 0; i < n && ok; i++) {
        unsigned long nlen, off, csize = 0, usize = 0;
        const unsigned char *l;
        char *out;

        if (c + 46 > e || memcmp(c, "PK\1\2", 4) != 0 || c + 46 + zip_le16(c + 28) > e)
            return 0;
        nlen = zip_le16(c + 28);
        off = zip_le32(c + 42);
        csize = zip_le32(c + 20);
        usize = zip_le32(c + 24);
        if (usize > *largest)
            *largest = usize;
        l = buf + off;
        /* deflate expands at most about 1032 times: a larger size is damage, not a member */
        if (off + 30 > size || memcmp(l, "PK\3\4", 4) != 0
            || off + 30 + zip_le16(l + 26) + zip_le16(l + 28) + csize > size || usize > 1032 * csize + 64)
            return 0;
        out = xmalloc(usize + 1);
        ok = member_ok(l + 30 + zip_le16(l + 26) + zip_le16(l + 28), csize, zip_le16(c + 10), out, usize,
                       zip_le32(c + 16))
             && (nlen < 4 || (memcmp(c + 46 + nlen - 4, ".xml", 4) != 0
                              && memcmp(c + 46 + nlen - 4, "rels", 4) != 0)
                 || xml_closed(out, usize));
        free(out);
        c += 46 + nlen + zip_le16(c + 30) + zip_le16(c + 32);
    }
    return ok;
}

/* Reads a zip back (zip_whole), then flushes the file to disk, so the rename only ever installs a
   whole file. Returns 0; 1 when the zip is incomplete, with *largest as zip_whole sets it; or -1
   with errno set. */
static int
file_whole(const char *file, enum export_file_kind kind, unsigned long *largest)
{
    struct stat st;
    unsigned char *buf = NULL;
    int fd, en, rc = 0;

    if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    if (kind == EXPORT_FILE_ZIP) {
        if (fstat(fd, &st) != 0)
            rc = -1;
        else if (st.st_size == 0)
            rc = 1;
        else {
            buf = xmalloc((size_t)st.st_size);
            errno = EIO;    /* a short read of a file this process just wrote */
            rc = read(fd, buf, (size_t)st.st_size) != st.st_size ? -1
                 : !zip_whole(buf, (size_t)st.st_size, largest);
        }
    }
    if (rc == 0 && fsync(fd) != 0)
        rc = -1;
    en = errno;
    free(buf);
    close(fd);
    errno = en;
    return rc;
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

char *
export_file_dir(const char *file)
{
    const char *slash = strrchr(file, '/');

    if (slash == NULL)
        return xstrdup(".");
    return xasprintf("%.*s", slash == file ? 1 : (int)(slash - file), file);
}

/* ---- why, in words -------------------------------------------------------------------------- */

#define FULL_MARGIN (1024UL * 1024)     /* free room that still counts as a full disk */

/*
 * Whether the disk of path's directory is full for a part of part bytes: less room left for
 * this user than the part and a margin (a full disk's last blocks, metadata). Asked only when a
 * file came out cut short and errno no longer says why.
 */
static int
disk_full(const char *path, unsigned long part)
{
    char *dir = export_file_dir(path);
    struct statvfs vfs;
    int full = statvfs(dir, &vfs) == 0
               && (unsigned long long)vfs.f_bavail * vfs.f_frsize
                  < (unsigned long long)part + FULL_MARGIN;

    free(dir);
    return full;
}

/* Whether a file size limit (ulimit -f) stops a part of part bytes. */
static int
size_limited(unsigned long part)
{
    struct rlimit lim;

    return getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY
           && part >= lim.rlim_cur;
}

/*
 * Why writing failed, in words (caller frees): en the errno of the failure, 0 when none is known;
 * why the writer's own text, or NULL; for a file cut short (incomplete), part its largest part
 * and path where it went. A cut file's errno is often gone: libxlsxwriter ignores its scratch
 * files' write errors, and making the next scratch file sets errno to 0. Then the disk of path
 * and the file size limit are asked.
 */
static char *
failure_words(int en, const char *why, int incomplete, const char *path, unsigned long part)
{
    if (incomplete && en != ENOSPC && en != EDQUOT && en != EFBIG)
        en = disk_full(path, part) ? ENOSPC : size_limited(part) ? EFBIG : 0;
    switch (en) {
    case 0:
        return xstrdup(incomplete || why == NULL ? "写出的文件不完整" : why);
    case ENOSPC:
        return xasprintf("磁盘空间不足（%s）", strerror(en));
    case EDQUOT:
        return xasprintf("磁盘配额已用完（%s）", strerror(en));
    case EFBIG:
        return xasprintf("写出的文件不完整：超出了文件大小限制（%s）", strerror(en));
    default:
        return xstrdup(strerror(en));
    }
}

/* The cause of a failed write to path (caller frees), as failure_words words it; it says that
   nothing was written and, when a file is at path, that it is as it was. */
static char *
failure(const char *path, int en, const char *why, int incomplete, unsigned long part)
{
    char *words = failure_words(en, why, incomplete, path, part);
    char *cause = xasprintf("无法写入 %s：%s，报表未写出%s", path, words,
                            access(path, F_OK) == 0 ? "，原有文件未改动" : "");

    free(words);
    return cause;
}

/* ---- the safe write ------------------------------------------------------------------------- */

enum err
export_file_write(const char *path, enum export_file_kind kind, export_file_writer writer,
                  void *arg, char **cause)
{
    const char *why;
    unsigned long part = 0;
    char *tmp;
    int saved, en, rc = 0;

    if (temp_create(path, &tmp) != 0) {
        *cause = failure(path, errno, NULL, 0, 0);
        return ERR_IO;
    }
    saved = stderr_quiet();
    errno = 0;      /* so that what the writer leaves there is the cause of its failure */
    why = writer(tmp, arg);
    en = errno;
    stderr_restore(saved);
    if (why == NULL && (rc = file_whole(tmp, kind, &part)) < 0)
        en = errno;
    if (why == NULL && rc == 0 && rename(tmp, path) != 0) {
        en = errno;
        rc = -1;
    }
    if (why != NULL || rc != 0) {
        *cause = failure(path, en, why, rc > 0, part);
        unlink(tmp);
        free(tmp);
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
        errno = en;
        return strerror(en);
    }
    return fclose(f) != 0 ? strerror(errno) : NULL;
}

enum err
export_file_text(const char *path, const char *text, size_t n, char **cause)
{
    struct text t = {text, n};
    char *words;

    if (strcmp(path, "-") != 0)
        return export_file_write(path, EXPORT_FILE_TEXT, write_text, &t, cause);
    if (fwrite(text, 1, n, stdout) != n || fflush(stdout) != 0) {
        words = failure_words(errno, NULL, 0, NULL, 0);
        *cause = xasprintf("无法写入标准输出：%s", words);
        free(words);
        return ERR_IO;
    }
    return ERR_OK;
}
