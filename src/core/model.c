/* model.c - lookups in, and release of, a loaded reporting year; what marks a period 不适用. */
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmem.h"

int
model_is_na(const char *text)
{
    static const char *const words[] = {MODEL_NA_TEXT, "／", "不适用", "n/a"};
    size_t i;

    for (i = 0; text != NULL && i < nitems(words); i++)
        if (text_eq(text, words[i]))
            return 1;
    return 0;
}

const char *
model_info(const struct wb_year *y, const char *key)
{
    size_t i;

    for (i = 0; i < y->ninfo; i++)
        if (strcmp(y->info[i].key, key) == 0)
            return y->info[i].value;
    return NULL;
}

const struct factor_pin *
model_pin(const struct wb_year *y, const char *source_id)
{
    size_t i;

    for (i = 0; i < y->npins; i++)
        if (strcmp(y->pins[i].source_id, source_id) == 0)
            return &y->pins[i];
    return NULL;
}

void
model_free(struct wb_year *y)
{
    size_t i, j;

    for (i = 0; i < y->ninfo; i++) {
        free(y->info[i].key);
        free(y->info[i].value);
    }
    free(y->info);
    for (i = 0; i < y->nentries; i++) {
        struct wb_entry *e = &y->entries[i];

        for (j = 0; j < e->nacts; j++) {
            free(e->acts[j].unit);
            free(e->acts[j].data_source);
            free(e->acts[j].note);
        }
        free(e->acts);
        free(e->source_id);
        free(e->facility);
        free(e->location);
        free(e->note);
    }
    free(y->entries);
    for (i = 0; i < y->npins; i++)
        factors_pin_free(&y->pins[i]);
    free(y->pins);
    free(y->grid_area);
    free(y->gwp_set);
    memset(y, 0, sizeof(*y));
}
