/*
 * export_file.h - how an export reaches disk whole or not at all: a temporary file beside the
 * target, stderr silenced while the writer runs, a zip read back and checked, the file flushed
 * and renamed over the target. Text takes the same way, or goes to standard output for "-".
 * Private to the export files; the exporters supply the writers.
 */
#ifndef TANBOOK_EXPORT_FILE_H
#define TANBOOK_EXPORT_FILE_H

#include <stddef.h>

#include "base/err.h"

/* Writes the export at file, a fresh empty file; returns NULL, or a static text saying why not. */
typedef const char *(*export_file_writer)(const char *file, void *arg);

enum export_file_kind {         /* what is read back before the rename */
    EXPORT_FILE_TEXT,           /* written with checked stdio calls: nothing, only flushed */
    EXPORT_FILE_ZIP,            /* a library's zip: every member inflated and checked */
};

/*
 * Has writer(tmp, arg) write a temporary file in path's directory, with stderr pointed at
 * /dev/null meanwhile; checks a zip it wrote is whole, flushes the file and renames it over path.
 * ERR_IO with *cause (Chinese, naming path; caller frees) on any failure, the temporary file
 * removed and path untouched.
 */
enum err export_file_write(const char *path, enum export_file_kind kind, export_file_writer writer,
                           void *arg, char **cause);

/*
 * Writes the n bytes of text to path as export_file_write does, or to standard output when path
 * is "-". ERR_IO with *cause (Chinese, naming path or 标准输出; caller frees) when it cannot.
 */
enum err export_file_text(const char *path, const char *text, size_t n, char **cause);

#endif
