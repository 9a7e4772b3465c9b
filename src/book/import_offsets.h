/*
 * import_offsets.h - offsets (碳抵消, 003 §7.3) from CSV text, all or nothing like the activity
 * import: a header row in English or Chinese (type/类型, year/抵销年度, quantity_tco2e/数量 ...;
 * import_offsets_column lists them), every row read into a struct wb_offset and checked with
 * neutral_offset_valid, the rejections bounded as import.h's. Whether an offset counts is not a
 * reason to refuse it: an ineligible offset is recorded and the judgement gives its reason.
 * Nothing here prints or writes the workbook: the caller adds the rows with store_offsets_add
 * (one undoable action), so that the command line and the terminal workbook read files alike.
 */
#ifndef TANBOOK_IMPORT_OFFSETS_H
#define TANBOOK_IMPORT_OFFSETS_H

#include <stddef.h>

#include "base/err.h"
#include "book/import.h"
#include "core/plan.h"

struct import_offsets;

/* One column an offsets CSV may have. */
struct import_offsets_col {
    const char *key;        /* "type" */
    const char *zh;         /* "类型" */
    int required;           /* 1: type and year; 2: quantity_tco2e or (a 绿证) quantity_mwh */
    const char *help_zh, *help_en;
};

/* The columns, in the order of the help; NULL past the last. */
const struct import_offsets_col *import_offsets_column(size_t i);

/*
 * Reads CSV text (UTF-8, NUL-terminated, len bytes; a header row; comma- or tab-separated; lines
 * end in CRLF, LF or CR) into offsets. dir is the folder relative evidence files are read
 * against (the CSV's; NULL: the current one): each file's SHA-256 is taken now, and a file that
 * cannot be read rejects its line. Rejections (in lang) do not make this fail: they are listed
 * by import_offsets_rejects. Free with import_offsets_free.
 */
struct import_offsets *import_offsets_parse(const char *text, size_t len, const char *dir,
                                            enum lang lang);
/* The first IMPORT_MAX_REJECTS rejections in line order; *n their count. */
const struct import_reject *import_offsets_rejects(const struct import_offsets *io, size_t *n);
/* How many lines were rejected, listed or not; how many of them are not listed. */
size_t import_offsets_bad_lines(const struct import_offsets *io);
size_t import_offsets_unlisted_lines(const struct import_offsets *io);
/*
 * The offsets read (*n of them), in file order, owned by io (store_offsets_add may set their
 * ids); lines[i] is the CSV line of offset i.
 */
struct wb_offset *import_offsets_rows(struct import_offsets *io, size_t *n, const size_t **lines);
void import_offsets_free(struct import_offsets *io);

#endif
