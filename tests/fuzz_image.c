/*
 * fuzz_image.c - a libFuzzer target for the edit-history parser undo and redo read: the row images
 * (JSON objects of a row's columns) kept in edit_log.before_row / after_row, which a workbook from
 * anywhere may hold in any form. store_img_parse and store_img_cols (src/store/store_image.c) get
 * the input as text; a parsed image must cover itself (when its keys are distinct), give its
 * rowid only as an integer, and become as many columns as it has members. The same text goes to
 * store_bulk_parse (src/store/store_bulk.c), the compact image of a bulk import's rows: one it
 * accepts has an id column, ids ascending within its range, 0 or `count` rows of its columns, and
 * rows only under the digest they have. Built and run by
 * `make fuzz` (clang); its corpus, tests/fuzz/image/, is replayed by `make check`
 * (tests/fuzz_replay.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/xmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether two members of im share a key (then covers() compares against the first of them). */
static int
dup_keys(const struct store_img *im)
{
    size_t i, j;

    for (i = 0; i < im->n; i++)
        for (j = i + 1; j < im->n; j++)
            if (strcmp(im->v[i].key, im->v[j].key) == 0)
                return 1;
    return 0;
}

/* What store_bulk_parse promises of an image it accepts. */
static void
bulk_check(const char *text)
{
    struct store_bulk_img b;
    size_t i, r, id = 0;
    long long last = 0;

    if (store_bulk_parse(text, &b) != 0) {
        if (b.ncols != 0 || b.nrows != 0 || b.cols != NULL || b.v != NULL)
            abort();    /* refused: left empty */
        return;
    }
    if (b.ncols == 0 || b.lo < 1 || b.hi < b.lo || b.count > b.hi - b.lo + 1
        || (b.nrows != 0 && (long long)b.nrows != b.count) || b.head_len > strlen(text))
        abort();
    for (i = 0; i < b.ncols; i++)
        if (strcmp(b.cols[i], "id") == 0)
            id = i + 1;
    if (id == 0)
        abort();
    for (r = 0; r < b.nrows; r++) {
        const struct store_img_val *v = &b.v[r * b.ncols + id - 1];

        if (v->type != SQLITE_INTEGER || v->i < b.lo || v->i > b.hi || v->i <= last)
            abort();
        last = v->i;
    }
    store_bulk_img_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct store_tbl *t = store_tbl_find("activity");
    struct store_img im;
    struct store_col *cols;
    size_t n, members, i, sum = 0;
    long long rowid;
    char *text = xstrndup((const char *)data, size);   /* as SQLite hands TEXT: up to a NUL */
    int parsed = store_img_parse(text, &im) == 0;

    if (parsed) {
        if (!dup_keys(&im) && !store_img_covers(&im, &im))
            abort();
        if (store_img_rowid(&im, t, &rowid) && im.n == 0)
            abort();
        members = im.n;
        store_img_free(&im);
        if (store_img_cols(text, &cols, &n) != 0 || n != members || (n != 0 && cols == NULL))
            abort();
        for (i = 0; i < n; i++) {
            sum += strlen(cols[i].key) + strlen(store_col_text(cols, n, cols[i].key));
            if (cols[i].is_null && cols[i].text != NULL)
                abort();
        }
        store_cols_free(cols, n);
    } else if (store_img_cols(text, &cols, &n) != -1) {
        abort();
    }
    (void)sum;
    bulk_check(text);
    free(text);
    return 0;
}
