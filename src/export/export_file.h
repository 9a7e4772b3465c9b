/*
 * export_file.h - how an export reaches disk whole or not at all: a temporary file beside the
 * target, stderr silenced while a library writes it, the zip read back and checked, flushed,
 * renamed over the target. Private to the export files; export_xlsx.c supplies the writer.
 */
#ifndef TANBOOK_EXPORT_FILE_H
#define TANBOOK_EXPORT_FILE_H

#include "base/err.h"

/* Writes the zip at file, a fresh empty file; returns NULL, or a static text saying why not. */
typedef const char *(*export_file_writer)(const char *file, void *arg);

/*
 * Has writer(tmp, arg) write a temporary file in path's directory, with stderr pointed at
 * /dev/null meanwhile; checks the zip it wrote is whole, flushes it and renames it over path.
 * ERR_IO with *cause (Chinese, naming path; caller frees) on any failure, the temporary file
 * removed and path untouched.
 */
enum err export_file_write(const char *path, export_file_writer writer, void *arg, char **cause);

#endif
