/*
 * export_file.c - an export written safely: into a temporary file beside the target, with
 * stderr silenced for the library that writes it (it prints to stderr, which would tear a
 * curses screen), a zip read back and checked member by member with zlib and every XML part
 * parsed (xml_check.c), flushed, then renamed over the target. Text goes the same way, or to
 * standard output. A failure is said in words (a full disk, a file size limit, a part that is
 * not well-formed), from the errno the writer leaves or, when a library lost it, from the disk
 * itself. What an export killed on the way left beside the target is removed by the next one.
 * The writers come from the exporters (export_xlsx.c, export_json.c); this file knows files,
 * not workbooks.
 */
#include "export/export_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "base/xmem.h"
#include "export/xml_check.h"
#include "export/zip.h"

/* ---- reading the file back ------------------------------------------------------------------ */

#define IN_CHUNK 65536          /* compressed bytes read at a time */
#define OUT_CHUNK 262144        /* inflated bytes checked at a time */

/* Reads n bytes at off of fd into buf; whether all came (errno set when not). */
static int
read_at(int fd, unsigned long off, void *buf, size_t n)
{
    size_t got = 0;
    ssize_t k;

    while (got < n) {
        if ((k = pread(fd, (char *)buf + got, n - got, (off_t)(off + got))) <= 0) {
            if (k == 0)
                errno = EIO;    /* a short read of a file this process just wrote */
            return 0;
        }
        got += (size_t)k;
    }
    return 1;
}

/* Whether the member name (n bytes) is an XML part: "….xml" or "….rels". */
static int
xml_part(const unsigned char *name, unsigned long n)
{
    return (n >= 4 && memcmp(name + n - 4, ".xml", 4) == 0)
           || (n >= 5 && memcmp(name + n - 5, ".rels", 5) == 0);
}

/*
 * Inflates one stored (method 0) or deflated (8) member, csize bytes at off of fd, a piece at a
 * time, and feeds it to xs when that is not NULL (an XML part). Returns 1 when it gives exactly
 * usize bytes matching crc, else 0; -1 when reading fails (errno set). *why (and *at) say the
 * XML check's first problem, if any.
 */
static int
member_ok(int fd, unsigned long off, unsigned long csize, unsigned long method,
          unsigned long usize, unsigned long crc, struct xml_stream *xs, const char **why,
          size_t *at)
{
    unsigned char *in = xmalloc(IN_CHUNK), *out = xmalloc(OUT_CHUNK);
    unsigned long done = 0, total = 0, sum = crc32(0, NULL, 0);
    int rc = Z_OK, ok = 0;
    uInt before;
    z_stream z;

    memset(&z, 0, sizeof(z));
    if (method == 8 ? inflateInit2(&z, -MAX_WBITS) != Z_OK : method != 0 || csize != usize) {
        free(in);
        free(out);
        return 0;
    }
    for (;;) {
        size_t got;

        if (z.avail_in == 0 && done < csize) {
            size_t n = csize - done < IN_CHUNK ? csize - done : IN_CHUNK;

            if (!read_at(fd, off + done, in, n)) {
                ok = -1;
                break;
            }
            z.next_in = in;
            z.avail_in = (uInt)n;
            done += n;
        }
        if (method == 0) {      /* stored: the bytes as they are */
            got = z.avail_in < OUT_CHUNK ? z.avail_in : OUT_CHUNK;
            if (got > 0) {
                memcpy(out, z.next_in, got);
                z.next_in += got;
                z.avail_in -= (uInt)got;
            }
            rc = done == csize && z.avail_in == 0 ? Z_STREAM_END : Z_OK;
        } else {
            z.next_out = out;
            z.avail_out = OUT_CHUNK;
            before = z.avail_in;
            rc = inflate(&z, done == csize ? Z_FINISH : Z_NO_FLUSH);
            got = OUT_CHUNK - z.avail_out;
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                break;
            if (rc != Z_STREAM_END && got == 0 && z.avail_in == before
                && (before > 0 || done == csize))
                break;          /* no way on: the data ends before the deflate stream does */
        }
        if (total + got > usize)
            break;
        sum = crc32(sum, out, (uInt)got);
        total += got;
        if (xs != NULL && *why == NULL)
            *why = xml_stream_feed(xs, (const char *)out, got, rc == Z_STREAM_END, at);
        if (rc == Z_STREAM_END) {
            ok = total == usize && sum == crc;
            break;
        }
    }
    if (method == 8)
        inflateEnd(&z);
    free(in);
    free(out);
    return ok;
}

/*
 * Whether the zip file fd (size bytes) is whole and well formed: every member inflates to its
 * recorded size and CRC, and every XML member parses (xml_stream_feed, as each inflates: the
 * check holds a piece of a member at a time, never the file or a member whole). libxlsxwriter
 * stages each part in a scratch file and does not notice when writing it fails (a full disk):
 * the zip would be well-formed around a truncated worksheet; and it writes some characters XML
 * does not allow as they are. Returns 0; 1 when a member is cut short or damaged, *largest then
 * the largest member's size, as recorded (the one cut short, when the disk filled while it was
 * staged); 2 when an XML member is whole but not well-formed, with *bad saying which and why
 * (caller frees); -1 when reading fails (errno set).
 */
static int
zip_whole(int fd, unsigned long size, unsigned long *largest, char **bad)
{
    unsigned char e[22], *cd, *c, h[30];
    unsigned long i, n, cdoff, cdsize;
    int rc = 0, ok;

    if (size < 22)
        return 1;
    if (!read_at(fd, size - 22, e, 22))
        return -1;
    /* the end record; libxlsxwriter writes no zip comment */
    cdoff = zip_le32(e + 16);
    cdsize = zip_le32(e + 12);
    if (memcmp(e, "PK\5\6", 4) != 0 || cdoff + cdsize > size - 22)
        return 1;
    n = zip_le16(e + 10);
    cd = xmalloc(cdsize + 1);
    if (!read_at(fd, cdoff, cd, cdsize)) {
        free(cd);
        return -1;
    }
    c = cd;
    for (i = 0; i < n && rc == 0; i++) {
        unsigned long nlen, off, csize, usize, data;
        struct xml_stream *xs = NULL;
        const char *why = NULL;
        size_t at = 0;

        if (c + 46 > cd + cdsize || memcmp(c, "PK\1\2", 4) != 0
            || c + 46 + zip_le16(c + 28) > cd + cdsize) {
            rc = 1;
            break;
        }
        nlen = zip_le16(c + 28);
        off = zip_le32(c + 42);
        csize = zip_le32(c + 20);
        usize = zip_le32(c + 24);
        if (usize > *largest)
            *largest = usize;
        /* deflate expands at most about 1032 times: a larger size is damage, not a member */
        if (off + 30 > size || !read_at(fd, off, h, 30) || memcmp(h, "PK\3\4", 4) != 0
            || off + 30 + zip_le16(h + 26) + zip_le16(h + 28) + csize > size
            || usize > 1032 * csize + 64) {
            rc = 1;
            break;
        }
        data = off + 30 + zip_le16(h + 26) + zip_le16(h + 28);
        if (xml_part(c + 46, nlen))
            xs = xml_stream_new();
        ok = member_ok(fd, data, csize, zip_le16(c + 10), usize, zip_le32(c + 16), xs, &why, &at);
        if (ok <= 0)
            rc = ok < 0 ? -1 : 1;
        else if (why != NULL) {
            /* an XML part that ends too soon was cut short; one wrong before its end is wrong */
            rc = at >= usize ? 1 : 2;
            if (rc == 2)
                *bad = xasprintf("写出的 %.*s 不是格式正确的 XML（第 %zu 字节：%s）", (int)nlen,
                                 (const char *)(c + 46), at + 1, why);
        }
        xml_stream_free(xs);
        c += 46 + nlen + zip_le16(c + 30) + zip_le16(c + 32);
    }
    free(cd);
    return rc;
}

/* Reads a zip back (zip_whole), then flushes the file to disk, so the rename only ever installs a
   whole file. Returns 0; 1 or 2 with *largest or *bad as zip_whole sets them; or -1 with errno
   set. */
static int
file_whole(const char *file, enum export_file_kind kind, unsigned long *largest, char **bad)
{
    struct stat st;
    int fd, en, rc = 0;

    if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    if (kind == EXPORT_FILE_ZIP) {
        if (fstat(fd, &st) != 0)
            rc = -1;
        else if (st.st_size == 0)
            rc = 1;
        else
            rc = zip_whole(fd, (unsigned long)st.st_size, largest, bad);
    }
    if (rc == 0 && fsync(fd) != 0)
        rc = -1;
    en = errno;
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

#define TEMP_TAG ".tmp-"          /* a temporary file is ".NAME" TEMP_TAG "XXXXXX" */
#define LEFTOVER_AGE 5              /* seconds a leftover must have lain unchanged */

/*
 * Creates "DIR/.NAME.tmp-XXXXXX" beside path, with the permissions a new file would get (mkstemp
 * makes it private), and takes an flock on it that lasts while the export writes: the writers
 * reopen the file by name, which keeps the inode and so the lock, and the kernel drops it when
 * this process ends in any way, which is how leftovers_clean tells a dead export's file from a
 * live one's. Returns the descriptor holding the lock, with *tmp (caller frees), or -1 with errno set.
 */
static int
temp_create(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash != NULL ? (int)(slash - path + 1) : 0;
    mode_t mask = umask(0);
    int fd, en;

    umask(mask);
    *tmp = xasprintf("%.*s.%s" TEMP_TAG "XXXXXX", dirlen, path, path + dirlen);
    if ((fd = mkstemp(*tmp)) < 0) {
        en = errno;
        free(*tmp);
        errno = en;
        return -1;
    }
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || fchmod(fd, 0666 & ~mask) != 0) {
        en = errno;
        close(fd);
        unlink(*tmp);
        free(*tmp);
        errno = en;
        return -1;
    }
    /* a file system without flock keeps its temporary files from leftovers_clean: safe */
    (void)flock(fd, LOCK_EX | LOCK_NB);
    return fd;
}

/* Whether name is a temporary file of temp_create for the target base: ".BASE.tmp-" and the six
   letters or digits mkstemp puts in place of XXXXXX. */
static int
temp_name(const char *name, const char *base)
{
    size_t n = strlen(base), i;

    if (name[0] != '.' || strncmp(name + 1, base, n) != 0
        || strncmp(name + 1 + n, TEMP_TAG, strlen(TEMP_TAG)) != 0)
        return 0;
    name += 1 + n + strlen(TEMP_TAG);
    for (i = 0; name[i] != '\0'; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'A' && name[i] <= 'Z')
              || (name[i] >= 'a' && name[i] <= 'z')))
            return 0;
    return i == 6;
}

/*
 * Removes what exports to path that were killed (a signal, a file size limit, a crash) left
 * beside it: the files named as temp_create names them for this target, which are regular files
 * of this user, unchanged for LEFTOVER_AGE seconds and not locked - an export that is still
 * writing holds the lock, and the age covers the moment between its mkstemp and its flock. A
 * file is removed only while this process holds its lock and only if the name still leads to
 * it. Anything that fails leaves the file: it is litter, not a reason to refuse an export.
 */
static void
leftovers_clean(const char *path)
{
    const char *slash = strrchr(path, '/'), *base = slash != NULL ? slash + 1 : path;
    char *dir = export_file_dir(path);
    const struct dirent *d;
    DIR *dp;
    int dfd;

    if ((dp = opendir(dir)) == NULL) {
        free(dir);
        return;
    }
    dfd = dirfd(dp);
    while ((d = readdir(dp)) != NULL) {
        struct stat st, again;
        int fd;

        if (!temp_name(d->d_name, base))
            continue;
        if ((fd = openat(dfd, d->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
            continue;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid()
            && time(NULL) - st.st_mtime >= LEFTOVER_AGE && flock(fd, LOCK_EX | LOCK_NB) == 0
            && fstatat(dfd, d->d_name, &again, AT_SYMLINK_NOFOLLOW) == 0
            && again.st_dev == st.st_dev && again.st_ino == st.st_ino)
            (void)unlinkat(dfd, d->d_name, 0);
        close(fd);
    }
    closedir(dp);
    free(dir);
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
    char *tmp, *bad = NULL;
    int fd, saved, en, rc = 0;
    enum err e = ERR_OK;

    leftovers_clean(path);
    if ((fd = temp_create(path, &tmp)) < 0) {
        *cause = failure(path, errno, NULL, 0, 0);
        return ERR_IO;
    }
    saved = stderr_quiet();
    errno = 0;      /* so that what the writer leaves there is the cause of its failure */
    why = writer(tmp, arg);
    en = errno;
    stderr_restore(saved);
    if (why == NULL && (rc = file_whole(tmp, kind, &part, &bad)) < 0)
        en = errno;
    if (rc == 2) {  /* a part whole but not XML: no system error is behind that */
        why = bad;
        en = 0;
    }
    if (why == NULL && rc == 0 && rename(tmp, path) != 0) {
        en = errno;
        rc = -1;
    }
    if (why != NULL || rc != 0) {
        *cause = failure(path, en, why, rc == 1, part);
        unlink(tmp);
        e = ERR_IO;
    }
    close(fd);      /* the lock goes only now, with the file renamed or removed */
    free(tmp);
    free(bad);
    return e;
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
