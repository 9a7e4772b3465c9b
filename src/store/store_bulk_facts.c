/*
 * store_bulk_facts.c - what a bulk step of the edit log did, as facts (struct store_fact): each
 * row the bulk added, with the summaries store_write.c would have logged for it, so that
 * book/history.c puts an undone or redone import in the same words as before (store_bulk.c has
 * the format of a bulk image).
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/xmem.h"

/* The value of column key in a row of b, or NULL. */
static const struct store_img_val *
row_get(const struct store_bulk_img *b, const struct store_img_val *row, const char *key)
{
    size_t i;

    for (i = 0; i < b->ncols; i++)
        if (strcmp(b->cols[i], key) == 0)
            return &row[i];
    return NULL;
}

static const char *
row_text(const struct store_bulk_img *b, const struct store_img_val *row, const char *key)
{
    const struct store_img_val *v = row_get(b, row, key);

    return v != NULL && v->type == SQLITE_TEXT ? v->t : "";
}

static long long
row_int(const struct store_bulk_img *b, const struct store_img_val *row, const char *key)
{
    const struct store_img_val *v = row_get(b, row, key);

    return v != NULL && v->type == SQLITE_INTEGER ? v->i : 0;
}

/* One row of b as a fact: an added row, with the summaries store_write.c would have logged. */
static void
row_fact(const struct store_bulk_img *b, const struct store_img_val *row, struct store_fact *f)
{
    struct store_img im = {xcalloc(b->ncols, sizeof(*im.v)), b->ncols};
    const struct store_img_val *q;
    size_t i;
    char num[40];

    memset(f, 0, sizeof(*f));
    for (i = 0; i < b->ncols; i++) {
        im.v[i] = row[i];
        im.v[i].key = xstrdup(b->cols[i]);
        im.v[i].t = row[i].t != NULL ? xstrdup(row[i].t) : NULL;
    }
    f->tbl = xstrdup(b->tbl);
    if (strcmp(b->tbl, "inventory") == 0) {
        f->row = xasprintf("%lld/%s/%s", row_int(b, row, "year"), row_text(b, row, "source"),
                           row_text(b, row, "facility"));
        f->field = xstrdup("source");
        f->new_value = xstrdup(row_text(b, row, "source"));
    } else {
        q = row_get(b, row, "quantity");
        store_real_text(q != NULL && q->type == SQLITE_FLOAT ? q->d : 0, num, sizeof(num));
        f->row = xasprintf("%lld/%s", row_int(b, row, "inventory_id"), row_text(b, row, "period"));
        f->field = xstrdup("quantity");
        f->new_value = row_int(b, row, "na") ? xstrdup("不适用")
                                              : xasprintf("%s %s", num, row_text(b, row, "unit"));
    }
    store_img_take_cols(&im, &f->after, &f->nafter);
}

enum err
store_bulk_facts(struct store *st, const char *img, struct store_action *a, size_t *cap,
                 const char *verb, char **cause)
{
    struct store_bulk_img b;
    char *text = NULL;
    size_t r;
    enum err e;

    if (store_bulk_parse(img, &b) != 0)
        return store_corrupt(verb, cause);
    if (b.nrows == 0 && b.count > 0) {
        /* done: the rows are in the table, as many as there are now (changed since: undo refuses) */
        e = store_bulk_now(st, b.tbl, b.lo, b.hi, &text, cause);
        store_bulk_img_free(&b);
        if (e != ERR_OK)
            return e;
        if (store_bulk_parse(text, &b) != 0) {
            free(text);
            return store_corrupt(verb, cause);
        }
    }
    a->facts = xgrow(a->facts, cap, a->n + b.nrows, sizeof(*a->facts));
    for (r = 0; r < b.nrows; r++)
        row_fact(&b, &b.v[r * b.ncols], &a->facts[a->n++]);
    store_bulk_img_free(&b);
    free(text);
    return ERR_OK;
}
