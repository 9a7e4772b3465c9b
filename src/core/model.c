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

static struct wb_entry *
entry_of(struct wb_year *y, long long id)
{
    size_t i;

    for (i = 0; i < y->nentries; i++)
        if (y->entries[i].id == id)
            return &y->entries[i];
    return NULL;
}

/* Where period p is in en's rows, or where it would go (*found 0). */
static size_t
act_slot(const struct wb_entry *en, const struct period *p, int *found)
{
    size_t i;
    int c = 1;

    for (i = 0; i < en->nacts && (c = period_cmp(&en->acts[i].period, p)) < 0; i++)
        ;
    *found = i < en->nacts && c == 0;
    return i;
}

static void
act_free(struct wb_activity *a)
{
    free(a->unit);
    free(a->data_source);
    free(a->note);
}

int
model_act_put(struct wb_year *y, long long entry_id, const struct period *p, double quantity,
              int na, const char *unit, const char *data_source, const char *note)
{
    struct wb_entry *en = entry_of(y, entry_id);
    struct wb_activity *a;
    size_t i;
    int found;

    if (en == NULL)
        return 0;
    i = act_slot(en, p, &found);
    if (found) {
        act_free(&en->acts[i]);
    } else {
        en->acts = xrealloc(en->acts, (en->nacts + 1) * sizeof(*en->acts));
        memmove(&en->acts[i + 1], &en->acts[i], (en->nacts - i) * sizeof(*en->acts));
        en->nacts++;
    }
    a = &en->acts[i];
    memset(a, 0, sizeof(*a));
    a->period = *p;
    a->quantity = na ? 0 : quantity;
    a->na = na != 0;
    a->unit = xstrdup(unit != NULL ? unit : "");
    a->data_source = xstrdup(data_source != NULL ? data_source : "");
    a->note = xstrdup(note != NULL ? note : "");
    return 1;
}

int
model_act_delete(struct wb_year *y, long long entry_id, const struct period *p)
{
    struct wb_entry *en = entry_of(y, entry_id);
    size_t i;
    int found;

    if (en == NULL)
        return 0;
    i = act_slot(en, p, &found);
    if (found) {
        act_free(&en->acts[i]);
        memmove(&en->acts[i], &en->acts[i + 1], (en->nacts - i - 1) * sizeof(*en->acts));
        en->nacts--;
    }
    return 1;
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
