/*
 * book_lock.c - the session lock of a workbook: flock(2) on a descriptor of the file itself, so
 * that no lock file is left beside the user's workbook, and none stays behind a crash.
 *
 * Why flock and why the descriptor is kept: SQLite locks the workbook with fcntl(2) record locks,
 * which belong to the process, and POSIX drops all of a process's fcntl locks on a file when it
 * closes ANY descriptor of that file - so opening and closing a descriptor of the workbook while
 * its store is open would silently take away SQLite's locks. The lock's descriptor is therefore
 * opened before the store and closed only after it. flock locks belong to the open file
 * description instead, and on Linux's local file systems they are apart from fcntl locks: SQLite
 * and this lock never meet. (Two descriptors opened in one process conflict with each other, which
 * the unit test uses.) On NFS, Linux emulates flock with an fcntl lock over the whole file, which
 * would collide with SQLite's own locks; SQLite's WAL mode, which every workbook uses, does not
 * work over a network file system anyway. A file system that refuses locks altogether (flock
 * failing other than with EWOULDBLOCK) counts as held: the session edits as it did before there
 * was a lock.
 */
#include "book/book_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xmem.h"

int
book_lock_take(struct book_lock *l)
{
    if (l->fd < 0)
        return 0;
    if (!l->held)
        l->held = flock(l->fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK;
    return l->held;
}

enum err
book_lock_open(const char *path, struct book_lock *l, char **cause)
{
    struct stat sb;

    l->held = 0;
    /* O_NONBLOCK: a FIFO in the workbook's place must not hang the open (it is refused below) */
    if ((l->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0) {
        *cause = xasprintf("无法打开 %s：%s", path, strerror(errno));
        return ERR_IO;
    }
    if (fstat(l->fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(l->fd);
        l->fd = -1;
        *cause = xasprintf("%s 不是普通文件", path);
        return ERR_IO;
    }
    book_lock_take(l);
    return ERR_OK;
}

void
book_lock_release(struct book_lock *l)
{
    if (l->fd >= 0 && l->held)
        flock(l->fd, LOCK_UN);
    l->held = 0;
}

void
book_lock_close(struct book_lock *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
    l->held = 0;
}

int
book_lock_busy(const char *path)
{
    struct book_lock l;
    char *cause = NULL;
    int busy;

    if (book_lock_open(path, &l, &cause) != ERR_OK) {
        free(cause);
        return 0;
    }
    busy = !l.held;
    book_lock_close(&l);
    return busy;
}
