/*
 * import_reject.h - the rejections of a CSV import, shared by the activity import (import.c)
 * and the offsets import (import_offsets.c): the reasons of the lowest lines kept, at most
 * IMPORT_MAX_REJECTS in line order (a line's in the order found), each cut to a bounded length;
 * the lines past them only counted, so that a file of junk costs no memory per line.
 */
#ifndef TANBOOK_IMPORT_REJECT_H
#define TANBOOK_IMPORT_REJECT_H

#include <stdarg.h>
#include <stddef.h>

#include "base/xmem.h"
#include "book/import.h"

struct import_rejects {
    struct import_reject v[IMPORT_MAX_REJECTS];
    size_t n;                   /* reasons kept */
    size_t bad_lines;           /* lines with a reason, kept or not */
    size_t last_bad;            /* the line of the last reason while reading (lines only grow) */
};

/*
 * Records a reason for line; new_line says it is the line's first. A reason for a line past the
 * last kept is counted and not even formatted.
 */
void import_reject_vadd(struct import_rejects *rs, size_t line, int new_line, const char *fmt,
                        va_list ap) XMEM_PRINTF(4, 0);
/* A reason found while reading the file, where lines come in order. */
void import_reject_add(struct import_rejects *rs, size_t line, const char *fmt, ...)
    XMEM_PRINTF(3, 4);
/* Whether no more reasons for line would be kept (a rejected row past them need not be read on). */
int import_reject_past_kept(const struct import_rejects *rs, size_t line);
/* How many rejected lines have no reason kept. */
size_t import_reject_unlisted(const struct import_rejects *rs);
void import_reject_free(struct import_rejects *rs);

#endif
