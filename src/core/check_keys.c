/*
 * check_keys.c - the entries of a year sorted by source, facility and position (check_internal.h):
 * how the checks that compare entries (duplicates, a source's first entry, the year before's
 * same source) find each other in n log n instead of n².
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "core/check_internal.h"

static int
cmp_key(const void *a, const void *b)
{
    const struct check_key *x = a, *y = b;
    int c = strcmp(x->source_id, y->source_id);

    if (c == 0)
        c = strcmp(x->facility, y->facility);
    return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

void
check_keys_build(const struct wb_year *y, struct check_keys *ks)
{
    size_t i;

    ks->n = y->nentries;
    ks->k = xcalloc(ks->n + 1, sizeof(*ks->k));
    for (i = 0; i < ks->n; i++)
        ks->k[i] = (struct check_key){y->entries[i].source_id, y->entries[i].facility, i};
    if (ks->n > 1)
        qsort(ks->k, ks->n, sizeof(*ks->k), cmp_key);
}

void
check_keys_free(struct check_keys *ks)
{
    free(ks->k);
    memset(ks, 0, sizeof(*ks));
}

/*
 * The first key of ks not before (source_id, facility), facility NULL meaning before every
 * facility; with after, the first key after every one of source_id.
 */
static size_t
bound(const struct check_keys *ks, const char *source_id, const char *facility, int after)
{
    size_t a = 0, b = ks->n, m;
    int c;

    while (a < b) {
        m = a + (b - a) / 2;
        c = strcmp(ks->k[m].source_id, source_id);
        if (c == 0 && facility != NULL)
            c = strcmp(ks->k[m].facility, facility);
        if (c < 0 || (after && c == 0))
            a = m + 1;
        else
            b = m;
    }
    return a;
}

void
check_keys_source(const struct check_keys *ks, const char *source_id, size_t *lo, size_t *hi)
{
    *lo = bound(ks, source_id, NULL, 0);
    *hi = bound(ks, source_id, NULL, 1);
}

const struct check_key *
check_keys_find(const struct check_keys *ks, const char *source_id, const char *facility)
{
    size_t k = bound(ks, source_id, facility, 0);

    /* by position within the same source and facility: k is the first of them */
    return k < ks->n && strcmp(ks->k[k].source_id, source_id) == 0
                   && strcmp(ks->k[k].facility, facility) == 0
               ? &ks->k[k]
               : NULL;
}

void
check_keys_first(const struct check_keys *ks, char *first)
{
    size_t k, lo, min;

    memset(first, 0, ks->n);
    for (lo = 0; lo < ks->n; lo = k) {
        /* a source's keys are adjacent, by facility then position: its first entry is the
           smallest position among them */
        min = ks->k[lo].i;
        for (k = lo + 1; k < ks->n && strcmp(ks->k[k].source_id, ks->k[lo].source_id) == 0; k++)
            if (ks->k[k].i < min)
                min = ks->k[k].i;
        first[min] = 1;
    }
}
