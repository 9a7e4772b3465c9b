/*
 * book_evidence.c - the evidence register of a year (issue 16 §3, the export's 佐证材料清单):
 * every document the year's evaluations, offsets, renewable rows and factor overrides rest on,
 * with the file and whether it still matches its recorded SHA-256. Collected here so that the
 * command line, the screens and the export list the same rows.
 */
#include "book/book.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "core/neutral.h"

static char *
dup(const char *s)
{
    return xstrdup(s != NULL ? s : "");
}

static int
has_evidence(const struct wb_evidence *ev)
{
    return (ev->ref != NULL && *ev->ref != '\0') || (ev->file != NULL && *ev->file != '\0');
}

/* Appends a row (item owned by the caller, copied) to *v. */
static void
add(struct book_evidence **v, size_t *n, size_t *cap, const char *kind, const char *item,
    const struct wb_evidence *ev, const char *note, const char *at, const char *assessor)
{
    struct book_evidence *r;

    if (*n == *cap) {
        *cap = *cap > 0 ? 2 * *cap : 16;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    r = &(*v)[(*n)++];
    r->kind = dup(kind);
    r->item = dup(item);
    r->reference = dup(ev != NULL ? ev->ref : NULL);
    r->note = dup(note);
    r->file = dup(ev != NULL ? ev->file : NULL);
    r->sha256 = dup(ev != NULL ? ev->sha256 : NULL);
    r->file_state = ev != NULL ? book_evidence_state(ev) : EVIDENCE_NO_FILE;
    r->at = dup(at);
    r->assessor = dup(assessor);
}

/* The assessments of eval for year that name a document, a file or a note. */
static void
add_assessments(const struct wb_plan *p, int year, const char *eval, struct book_evidence **v,
                size_t *n, size_t *cap)
{
    size_t i;

    for (i = 0; i < p->nassessments; i++) {
        const struct wb_assessment *a = &p->assessments[i];

        /* a '#' code keeps a report text in its note: no evidence */
        if (a->year != year || strcmp(a->eval, eval) != 0 || a->code[0] == '#'
            || (!has_evidence(&a->ev) && (a->note == NULL || *a->note == '\0')))
            continue;
        add(v, n, cap, eval, a->code, &a->ev, a->note, a->at, a->assessor);
    }
}

static void
add_claims(const struct wb_plan *p, int year, struct book_evidence **v, size_t *n, size_t *cap)
{
    size_t i;

    for (i = 0; i < p->noffsets; i++) {
        const struct wb_offset *o = &p->offsets[i];

        if (o->year == year && has_evidence(&o->ev))
            add(v, n, cap, "offset", *o->serial != '\0' ? o->serial : o->project, &o->ev, o->note,
                NULL, NULL);
    }
    for (i = 0; i < p->nrenewables; i++) {
        const struct wb_renewable *r = &p->renewables[i];
        char *item;

        if (r->year != year || !has_evidence(&r->ev))
            continue;
        item = xasprintf("%s %s", neutral_renew_id(r->kind), r->period);
        add(v, n, cap, "renewable", item, &r->ev, r->note, NULL, NULL);
        free(item);
    }
}

enum err
book_evidence_register(struct book *wb, int year, struct book_evidence **out, size_t *n,
                       char **cause)
{
    struct wb_plan p;
    struct wb_year y;
    size_t i, cap = 0;
    enum err e;

    *out = NULL;
    *n = 0;
    if ((e = book_load(wb, year, &y, cause)) != ERR_OK)
        return e;
    if ((e = book_load_plan(wb, &p, cause)) != ERR_OK) {
        model_free(&y);
        return e;
    }
    add_assessments(&p, year, "zc", out, n, &cap);
    add_assessments(&p, year, "maturity", out, n, &cap);
    add_claims(&p, year, out, n, &cap);
    for (i = 0; i < y.npins; i++) {
        const struct factor_pin *f = &y.pins[i];
        struct wb_evidence ev = {.ref = f->source_text};

        if (f->overridden)
            add(out, n, &cap, "factor", f->source_id, &ev, NULL, NULL, NULL);
    }
    plan_free(&p);
    model_free(&y);
    return ERR_OK;
}

void
book_evidence_free(struct book_evidence *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(v[i].kind);
        free(v[i].item);
        free(v[i].reference);
        free(v[i].note);
        free(v[i].file);
        free(v[i].sha256);
        free(v[i].at);
        free(v[i].assessor);
    }
    free(v);
}
