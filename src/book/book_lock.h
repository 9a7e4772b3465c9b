/*
 * book_lock.h - the mark that a terminal workbook session is editing a workbook: an exclusive
 * flock(2) on a descriptor of the workbook file, held for the whole session, so that a second
 * window opens it read-only instead of writing under the first. The command-line commands take
 * no lock. A lock dies with its process: a crashed session leaves nothing behind.
 */
#ifndef TANBOOK_BOOK_LOCK_H
#define TANBOOK_BOOK_LOCK_H

#include "base/err.h"

struct book_lock {
    int fd;          /* a descriptor of the workbook file, -1 when closed */
    int held;        /* this lock is taken (or the file system has no locks: see book_lock.c) */
};

/*
 * Opens a descriptor of the workbook at path for the session and tries to take the lock, without
 * waiting: l->held says whether it was. Call before the workbook's store is opened, and close
 * after the store is closed (book_lock.c says why). ERR_IO with *cause (caller frees) when path
 * cannot be opened.
 */
enum err book_lock_open(const char *path, struct book_lock *l, char **cause);
/* Tries again to take the lock, without waiting; 1 when it is held now. */
int book_lock_take(struct book_lock *l);
/* Gives the lock up, keeping the descriptor open (the store may still be open). */
void book_lock_release(struct book_lock *l);
/* Closes the descriptor, giving the lock up; only after the store of the file is closed. */
void book_lock_close(struct book_lock *l);
/*
 * Whether a session holds the lock of path now (0 when path cannot be opened). It opens and closes
 * a descriptor of the file: call it only while this process has no store of path open.
 */
int book_lock_busy(const char *path);

#endif
