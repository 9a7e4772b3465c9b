/*
 * export_xlsx_evidence.c - the Excel export's 佐证材料清单: every evidence reference the reporting
 * year rests on, for the assessor who checks them one by one (000 §7.3.2 准备评审资料): the items
 * of both evaluations (code, reference, evidence note, assessor, when), the year's offsets and
 * renewable rows, and the factors replaced in 表A.6 (the source named instead of the library's).
 * Where a file was named: its path, its SHA-256 as recorded and whether the file still holds it
 * (x->eval->evidence_words, the book layer's check). Collected from x->plan, x->r and x->eval
 * as they are; the rows are in the workbook's order.
 */
#include "export/export_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

#define EC 9                    /* the list's columns */
#define TX(x, zh, en) ((x)->r->lang == LANG_EN ? (en) : (zh))

static int
has_text(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* One row: what kind, which one, the evidence ev (NULL: a reference only, ref), note, who, when. */
struct ev_row {
    const char *kind;
    const char *what;
    const char *ref;
    const char *note;
    const char *who;
    const char *at;
    const struct wb_evidence *ev;
};

static void
put_row(struct sheet *sh, const struct ev_row *e, size_t *count)
{
    struct xl *x = sh->x;
    lxw_row_t r = sh->row++;
    const char *state = "";

    if (e->ev != NULL && has_text(e->ev->file) && x->eval->evidence_words != NULL)
        state = x->eval->evidence_words(e->ev, x->r->lang);
    xl_put_text(sh, r, 0, e->kind, F_TEXT);
    xl_put_wrap(sh, r, 1, e->what, F_TEXT, 24);
    xl_put_wrap(sh, r, 2, has_text(e->ref) ? e->ref : "—", F_TEXT, 20);
    xl_put_wrap(sh, r, 3, e->note, F_TEXT, 20);
    xl_put_wrap(sh, r, 4, e->who, F_TEXT, 8);
    xl_put_text(sh, r, 5, e->at, F_NA);
    xl_put_wrap(sh, r, 6, e->ev != NULL ? e->ev->file : NULL, F_TEXT, 20);
    /* 64 hex digits wrap onto two lines of 32 rather than widening the sheet past A4 */
    xl_put_wrap(sh, r, 7, e->ev != NULL ? e->ev->sha256 : NULL, F_TEXT, 34);
    xl_put_wrap(sh, r, 8, state, F_TEXT, 12);
    (*count)++;
}

/* The item code of evaluation eval in words: "2.2.1 可再生能源利用率" (caller frees). */
static char *
item_words(const struct xl *x, const char *eval, const char *code)
{
    enum lang l = x->r->lang;
    int i;

    if (strcmp(eval, "zc") == 0) {
        const struct zc_def *d = x->eval->zc_defs != NULL ? zc_find(x->eval->zc_defs, code) : NULL;

        if (d != NULL)
            return xasprintf("%s %s", code, zc_name(d, l));
    } else if (x->eval->mat_defs != NULL) {
        const struct maturity_item *d = maturity_defs_item(x->eval->mat_defs, code);

        if (d != NULL)
            return xasprintf("%s %s", code, l == LANG_EN ? d->text_en : d->text_zh);
        if ((i = maturity_defs_setting(x->eval->mat_defs, code)) >= 0) {
            const struct maturity_setting_def *s = &x->eval->mat_defs->settings[i];

            return xasprintf("%s %s", code, l == LANG_EN ? s->label_en : s->label_zh);
        }
        if (strcmp(code, MATURITY_ADVANCED) == 0)
            return xasprintf("%s %s", code, xl_tx(x, "行业先进值（表A.2）", "industry advanced value (Table A.2)"));
        if (strcmp(code, "@custom") == 0)
            return xasprintf("%s %s", code, xl_tx(x, "自定义分母的数值", "the custom denominator"));
    }
    return xstrdup(code);
}

/* The evaluations' entries of the year with a reference, a file or a note (not the texts "#…"). */
static void
ev_assessments(struct sheet *sh, size_t *count)
{
    struct xl *x = sh->x;
    size_t i;

    for (i = 0; x->plan != NULL && i < x->plan->nassessments; i++) {
        const struct wb_assessment *a = &x->plan->assessments[i];
        int zc = strcmp(a->eval, "zc") == 0;
        char *what;

        if (a->year != x->r->year || a->code[0] == '#'
            || !(has_text(a->ev.ref) || has_text(a->ev.file) || has_text(a->note)))
            continue;
        what = item_words(x, a->eval, a->code);
        put_row(sh, &(struct ev_row){zc ? xl_tx(x, "零碳机关评价", "Zero-carbon office")
                                        : xl_tx(x, "成熟度评价", "Maturity"),
                                     what, a->ev.ref, a->note, a->assessor, a->at, &a->ev},
                count);
        free(what);
    }
}

/* The year's offsets and renewable rows. */
static void
ev_claims(struct sheet *sh, size_t *count)
{
    struct xl *x = sh->x;
    size_t i;
    char *what;

    for (i = 0; x->plan != NULL && i < x->plan->noffsets; i++) {
        const struct wb_offset *o = &x->plan->offsets[i];

        if (o->year != x->r->year)
            continue;
        what = xasprintf("%s %s%s%s", neutral_type_label(o->type, x->r->lang),
                         has_text(o->serial) ? o->serial : "—", has_text(o->project) ? " " : "",
                         has_text(o->project) ? o->project : "");
        put_row(sh, &(struct ev_row){xl_tx(x, "碳抵消", "Offset"), what, o->ev.ref,
                                     has_text(o->proof) ? o->proof : o->note, NULL, NULL, &o->ev},
                count);
        free(what);
    }
    for (i = 0; x->plan != NULL && i < x->plan->nrenewables; i++) {
        const struct wb_renewable *w = &x->plan->renewables[i];

        if (w->year != x->r->year)
            continue;
        what = xasprintf("%s %s", neutral_renew_label(w->kind, x->r->lang), w->period);
        put_row(sh, &(struct ev_row){xl_tx(x, "可再生能源与绿电", "Renewables"), what, w->ev.ref,
                                     w->note, NULL, NULL, &w->ev}, count);
        free(what);
    }
}

/* The factors of 表A.6 the user replaced: the source named is their evidence. */
static void
ev_factors(struct sheet *sh, size_t *count)
{
    struct xl *x = sh->x;
    size_t i;

    for (i = 0; i < x->r->nsources; i++) {
        const struct report_source *s = &x->r->sources[i];
        char *what, *note;

        if (!s->overridden)
            continue;
        what = xasprintf("%s %g %s", s->label, s->factor, s->factor_unit);
        note = xstrdup(xl_tx(x, "用户替换了因子库的数值（表A.6 数据来源）",
                             "the user replaced the library's value (Table A.6's source)"));
        put_row(sh, &(struct ev_row){xl_tx(x, "排放因子", "Factor"), what, s->factor_source, note,
                                     NULL, NULL, NULL}, count);
        free(note);
        free(what);
    }
}

void
xl_sheet_evidence(struct xl *x)
{
    static const char *const zh[] = {"类别", "项目", "佐证", "说明", "评审人", "时间", "佐证文件",
                                     "SHA-256", "文件状态"};
    static const char *const en[] = {"Kind", "Item", "Evidence", "Note", "Assessor", "At",
                                     "Evidence file", "SHA-256", "File state"};
    const char *name = xl_tx(x, "佐证材料清单", "Evidence");
    struct sheet sh;
    size_t count = 0;
    char *t;

    if (x->eval == NULL || xl_sheet_open(&sh, x, name, EC, 1) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    sh.row++;
    xl_heads(&sh, zh, en, nitems(zh), 10);
    sh.repeat = sh.row - 1;
    sh.freeze_row = sh.row;
    ev_assessments(&sh, &count);
    ev_claims(&sh, &count);
    ev_factors(&sh, &count);
    if (count == 0)
        t = xasprintf(TX(x, "%d 年度没有登记佐证材料。", "No evidence is recorded for %d."), x->r->year);
    else
        t = xasprintf(TX(x, "共 %zu 项。佐证文件的 SHA-256 为登记时所取；文件状态为导出时核对的结果。",
                         "%zu in all. An evidence file's SHA-256 is the one taken when it was "
                         "recorded; its state is what the export found."), count);
    xl_sheet_note(&sh, t);
    free(t);
    xl_sheet_close(&sh);
}
