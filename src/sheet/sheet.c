/* sheet.c - the table of sheet modules, and the building blocks they share. */
#include "sheet/sheet.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static const struct sheet_ops *const sheets[] = {
    &sheet_record, &sheet_sources, &sheet_activity, &sheet_factors, &sheet_energy, &sheet_summary,
    &sheet_perf, &sheet_targets, &sheet_measures, &sheet_renewables, &sheet_offsets,
    &sheet_neutrality, &sheet_pledge, &sheet_zerocarbon, &sheet_maturity,
};

const struct sheet_ops *
sheet_find(const char *name)
{
    size_t i;

    for (i = 0; name != NULL && i < nitems(sheets); i++)
        if (strcmp(sheets[i]->name, name) == 0)
            return sheets[i];
    return NULL;
}

const struct sheet_ops *const *
sheet_all(size_t *n)
{
    *n = nitems(sheets);
    return sheets;
}

void
sheet_init(struct sheet *s, int nrows, int ncols, int frozen)
{
    int i;

    sheet_free(s);
    s->nrows = nrows;
    s->ncols = ncols;
    s->frozen = frozen;
    s->widths = xcalloc((size_t)ncols + 1, sizeof(*s->widths));
    s->cells = xcalloc((size_t)nrows * (size_t)ncols + 1, sizeof(*s->cells));
    for (i = 0; i < nrows * ncols; i++)
        s->cells[i].text = xstrdup("");
}

void
sheet_head(struct sheet *s, int col, const char *label, int width)
{
    if (s->heads == NULL)
        s->heads = xcalloc((size_t)s->ncols + 1, sizeof(*s->heads));
    free(s->heads[col]);
    s->heads[col] = xstrdup(label != NULL ? label : "");
    s->widths[col] = width;
}

struct sheet_cell *
sheet_cell(const struct sheet *s, int r, int c)
{
    if (r < 0 || c < 0 || r >= s->nrows || c >= s->ncols)
        return NULL;
    return &s->cells[r * s->ncols + c];
}

void
sheet_set(struct sheet *s, int r, int c, char *text, unsigned flags)
{
    struct sheet_cell *cell = sheet_cell(s, r, c);

    if (cell == NULL)
        fatal("sheet_set: cell %d,%d outside %dx%d", r, c, s->nrows, s->ncols);
    free(cell->text);
    cell->text = text != NULL ? text : xstrdup("");
    cell->flags = flags;
}

void
sheet_note(struct sheet *s, int r, int c, char *note)
{
    struct sheet_cell *cell = sheet_cell(s, r, c);

    if (cell == NULL)
        fatal("sheet_note: cell %d,%d outside %dx%d", r, c, s->nrows, s->ncols);
    free(cell->note);
    cell->note = note;
}

void
sheet_free(struct sheet *s)
{
    int i;

    for (i = 0; s->cells != NULL && i < s->nrows * s->ncols; i++) {
        free(s->cells[i].text);
        free(s->cells[i].note);
    }
    for (i = 0; s->heads != NULL && i < s->ncols; i++)
        free(s->heads[i]);
    free(s->cells);
    free(s->heads);
    free(s->widths);
    free(s->empty);
    memset(s, 0, sizeof(*s));
}

void
sheet_say(struct sheet_out *out, enum sheet_say level, const char *fmt, ...)
{
    va_list ap;

    free(out->msg);
    va_start(ap, fmt);
    out->msg = xvasprintf(fmt, ap);
    va_end(ap);
    out->level = level;
}

enum err
sheet_fail(struct sheet_out *out, enum err e, char *cause)
{
    sheet_say(out, SHEET_SAY_ERROR, "%s", cause != NULL ? cause : err_str(e));
    free(cause);
    return e;
}

void
sheet_out_free(struct sheet_out *out)
{
    size_t i;

    free(out->msg);
    out->msg = NULL;
    for (i = 0; i < out->npatches; i++) {
        free(out->patches[i].unit);
        free(out->patches[i].data_source);
        free(out->patches[i].note);
    }
    free(out->patches);
    out->patches = NULL;
    out->npatches = 0;
}

void
sheet_patch_add(struct sheet_out *out, long long entry_id, const struct period *p, int del,
                double quantity, int na, const char *unit, const char *data_source,
                const char *note)
{
    struct sheet_patch *x;

    out->patches = xrealloc(out->patches, (out->npatches + 1) * sizeof(*out->patches));
    x = &out->patches[out->npatches++];
    memset(x, 0, sizeof(*x));
    x->entry_id = entry_id;
    x->period = *p;
    x->del = del;
    x->quantity = quantity;
    x->na = na;
    x->unit = xstrdup(unit != NULL ? unit : "");
    x->data_source = xstrdup(data_source != NULL ? data_source : "");
    x->note = xstrdup(note != NULL ? note : "");
}

/* Moves what one put of a fill wrote into out; out stays patched while every put is. */
static void
fill_take(struct sheet_out *out, struct sheet_out *one, size_t i)
{
    size_t k;

    out->patched = (i == 0 || out->patched) && one->patched;
    if (out->patched && one->npatches > 0) {
        out->patches = xrealloc(out->patches,
                                (out->npatches + one->npatches) * sizeof(*out->patches));
        for (k = 0; k < one->npatches; k++)
            out->patches[out->npatches++] = one->patches[k];
        free(one->patches);
        one->patches = NULL;
        one->npatches = 0;
    }
}

void
sheet_choice_free(struct sheet_choice *c)
{
    size_t i;

    for (i = 0; i < c->n; i++) {
        free(c->labels[i]);
        if (c->match != NULL)
            free(c->match[i]);
    }
    free(c->labels);
    free(c->match);
    for (i = 0; c->values != NULL && i < c->n; i++)
        free(c->values[i]);
    free(c->values);
    free(c->title);
    free(c->then_ask);
    memset(c, 0, sizeof(*c));
}

enum err
sheet_clear(const struct sheet_ops *ops, const struct sheet_env *env, const struct sheet *s,
            int row, int col, const char *what, struct sheet_out *out)
{
    enum err e = ops->commit(env, s, row, col, "", out);

    if (e == ERR_OK)
        sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已清除“%s”（Ctrl-Z 可撤销）",
                                              "Cleared %s (Ctrl-Z undoes)"), what);
    return e;
}

enum err
sheet_fill(const struct sheet_ops *ops, const struct sheet_env *env, const struct sheet *s,
           const struct sheet_put *puts, size_t n, struct sheet_out *out)
{
    struct sheet_out one;
    char *cause = NULL;
    size_t i;
    enum err e;

    if (n == 1)
        return ops->commit(env, s, puts[0].row, puts[0].col, puts[0].text, out);
    if ((e = store_begin(env->st, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    for (i = 0; i < n; i++) {
        memset(&one, 0, sizeof(one));
        one.row = one.col = -1;
        e = ops->commit(env, s, puts[i].row, puts[i].col, puts[i].text, &one);
        if (e != ERR_OK) {
            const struct sheet_cell *head = s->heads != NULL ? NULL : sheet_cell(s, puts[i].row, 0);

            store_rollback(env->st);
            sheet_say(out, SHEET_SAY_ERROR, SHEET_TR(env, "未填入（%s）：%s", "Nothing filled (%s): %s"),
                      s->heads != NULL ? s->heads[puts[i].col] : head != NULL ? head->text : "",
                      one.msg != NULL ? one.msg : err_str(e));
            sheet_out_free(&one);
            return e;
        }
        fill_take(out, &one, i);
        sheet_out_free(&one);
    }
    if ((e = store_commit(env->st, &cause)) != ERR_OK) {
        out->patched = 0;
        return sheet_fail(out, e, cause);
    }
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已填入 %zu 格（Ctrl-Z 一步撤销）",
                                          "Filled %zu cells (one Ctrl-Z undoes it)"), n);
    return ERR_OK;
}

int
sheet_entry_row(const struct sheet_env *env, long long id)
{
    size_t i;

    for (i = 0; i < env->y->nentries; i++)
        if (env->y->entries[i].id == id)
            return (int)i;
    return -1;
}

char *
sheet_num(double v, int decimals)
{
    char buf[64], *p;
    unsigned long long u;

    /* a whole number (most quantities are) written digit by digit: what text_format_number
       writes for it, without snprintf's decimals for each of a grid's cells */
    if (v >= 1 && v < 1e15 && v == floor(v)) {
        u = (unsigned long long)v;
        p = buf + sizeof(buf) - 1;
        *p = '\0';
        do
            *--p = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        return xstrdup(p);
    }
    text_format_number(v, decimals, buf, sizeof(buf));
    return xstrdup(buf);
}

char *
sheet_fixed(double v, int decimals)
{
    return xasprintf("%.*f", decimals, v);
}

const char *
sheet_src_label(const struct sheet_env *env, const struct source_def *src)
{
    return src == NULL ? "?" : env->lang == LANG_EN ? src->en : src->zh;
}

char *
sheet_entry_label(const struct sheet_env *env, const struct wb_entry *en)
{
    if (en->facility == NULL || en->facility[0] == '\0')
        return xstrdup(sheet_src_label(env, en->src));
    return xasprintf(SHEET_TR(env, "%s（%s）", "%s (%s)"), sheet_src_label(env, en->src),
                     en->facility);
}

const char *
sheet_label(const struct sheet_env *env, const char *key)
{
    const struct field_def *fd = env->step->form != NULL ? forms_field(env->step->form, key)
                                                         : NULL;

    return fd != NULL ? forms_short(fd, env->lang) : key;
}

const char *
sheet_field_help(const struct sheet_env *env, const struct field_def *fd)
{
    return fd == NULL ? NULL : env->lang == LANG_EN ? fd->help_en : fd->help_zh;
}
