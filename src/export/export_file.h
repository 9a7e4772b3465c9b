/*
 * export_file.h - how an export reaches disk whole or not at all: a temporary file beside the
 * target, stderr silenced while the writer runs, a zip read back and checked, the file flushed
 * and renamed over the target; a failure said in words (a full disk, a file size limit). Text
 * takes the same way, or goes to standard output for "-". Private to the export files; the
 * exporters supply the writers.
 */
#ifndef TANBOOK_EXPORT_FILE_H
#define TANBOOK_EXPORT_FILE_H

#include <stddef.h>

#include "base/err.h"

/*
 * Writes the export at file, a fresh empty file; returns NULL, or a static text saying why not.
 * On failure errno is the system error behind it (it is 0 when the writer is called), which
 * export_file_write words instead of the text. Scratch files go in export_file_dir(file).
 */
typedef const char *(*export_file_writer)(const char *file, void *arg);

enum export_file_kind {         /* what is read back before the rename */
    EXPORT_FILE_TEXT,           /* written with checked stdio calls: nothing, only flushed */
    EXPORT_FILE_ZIP,            /* a library's zip: every member inflated and checked, every
                                   XML member parsed (xml_check) */
};

/*
 * Has writer(tmp, arg) write a temporary file ".NAME.tmp-XXXXXX" in path's directory, locked
 * (flock) while it is written, with stderr pointed at /dev/null meanwhile; checks a zip it wrote
 * is whole and well formed, flushes the file and renames it over path. First removes what
 * exports to path that were killed left there (such files unlocked and 5 s old). ERR_IO with
 * *cause (Chinese, naming path; caller frees) on any failure, the temporary file removed and
 * path untouched: "无法写入 PATH：WHY，报表未写出[，原有文件未改动]", WHY words for a full disk
 * (磁盘空间不足（No space left on device）), a used-up quota, a file size limit
 * (写出的文件不完整：超出了文件大小限制（File too large）), a part that is not XML
 * (写出的 docProps/core.xml 不是格式正确的 XML（第 N 字节：…）), strerror for another system error.
 */
enum err export_file_write(const char *path, enum export_file_kind kind, export_file_writer writer,
                           void *arg, char **cause);

/*
 * The directory of file (caller frees; "." for a bare name), where a writer puts any scratch
 * files: beside the target, so that an export needs room on one disk only (not in a small or
 * full /tmp), and a full disk is the target's, which the cause names.
 */
char *export_file_dir(const char *file);

/*
 * Writes the n bytes of text to path as export_file_write does, or to standard output when path
 * is "-". ERR_IO with *cause (Chinese, naming path or 标准输出; caller frees) when it cannot.
 */
enum err export_file_text(const char *path, const char *text, size_t n, char **cause);

#endif
