/*
 * tui_export.c - the export step (导出), and F5 from any step: the year's Excel report in the
 * standard's table layouts and the carbon performance over the workbook's years, written beside
 * the workbook under a name the user may change.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "export/export.h"
#include "tui/tui_int.h"

/* "dir/name-2024.xlsx" beside the workbook "dir/name.tanbook". */
static char *
default_path(const struct tui *t)
{
    const char *base = strrchr(t->path, '/');
    const char *dot;
    size_t dirlen = base ? (size_t)(base - t->path + 1) : 0;

    base = base ? base + 1 : t->path;
    dot = strrchr(base, '.');
    return xasprintf("%.*s%.*s-%d.xlsx", (int)dirlen, t->path,
                     (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base, t->year);
}

/* Whether an evidence file still holds its recorded SHA-256, in words: export_eval's check. */
static const char *
evidence_words(const struct wb_evidence *ev, enum lang lang)
{
    return book_evidence_words(book_evidence_state(ev), lang);
}

void
tui_export(struct tui *t)
{
    char *def = default_path(t), *path = NULL, *cause = NULL;
    struct book_calc bc;
    struct book_eval be;
    struct perf p;
    struct export_eval ev = {.zc_defs = t->app->zc, .mat_defs = t->app->maturity,
                             .evidence_words = evidence_words};
    struct export_in in = {.fs = t->app->forms, .eval = &ev};
    enum err e;

    if (!tui_prompt(t, TR(t, "导出到：", "Export to: "), def, &path)) {
        free(def);
        tui_message(t, MSG_INFO, TR(t, "已取消导出", "Export cancelled"));
        return;
    }
    free(def);
    if (text_is_blank(path)) {
        free(path);
        return;
    }
    /* the submitted report always carries the standard's Chinese labels; the carbon
       performance over the workbook's years, its plan, the year's carbon-neutrality judgement
       and its two evaluations go with it, every year computed once (book_calc) */
    if ((e = book_calc_load(t->book, LANG_ZH, &bc, &cause)) == ERR_OK) {
        if ((e = book_evaluate_of(&bc, t->y.year, &be, &cause)) == ERR_OK) {
            if (!be.has_perf) {
                /* the report needs the performance the evaluations did without: say why */
                if ((e = book_perf_of(&bc, t->y.year, &p, &cause)) == ERR_OK)
                    perf_free(&p);
                e = e != ERR_OK ? e : ERR_INPUT;
            } else {
                ev.zc = &be.zc;
                ev.mat = be.mat_ok ? &be.mat : NULL;
                ev.mat_why = be.mat_why;
                in.r = &be.bn.rep;
                in.perf = &be.perf;
                in.plan = &bc.plan;
                in.neutral = &be.bn.n;
                in.residual = be.bn.residual;
                e = export_xlsx_format.write(&in, path, &cause);
            }
            book_eval_free(&be);
        }
        book_calc_free(&bc);
    }
    if (e != ERR_OK)
        tui_message(t, MSG_ERROR, "%s %s", TR(t, "导出失败：", "Export failed:"),
                    cause ? cause : err_str(e));
    else
        tui_message(t, MSG_OK, TR(t, "已导出 %s", "Exported %s"), path);
    free(cause);
    free(path);
}

static void
build(struct tui *t)
{
    sheet_free(&t->grid);
    t->row = t->col = 0;
}

static void
draw(struct tui *t, const struct tui_area *a)
{
    mvaddstr(a->grid_y + 1, a->grid_x + 1, TR(t, "按 Enter 或 F5 导出本年度的 Excel 报表：",
                                              "Press Enter or F5 to export this year's Excel report:"));
    mvaddstr(a->grid_y + 2, a->grid_x + 3, TR(t, "表A.1–A.6、因子说明、月度明细、活动数据明细、图表",
                                              "Tables A.1–A.6, factor notes, monthly detail, records, charts"));
}

static int
key(struct tui *t, enum action a, wint_t ch, int is_key)
{
    (void)ch;
    (void)is_key;
    if (a != ACT_EDIT)
        return 0;
    tui_export(t);
    return 1;
}

const struct tui_kind tui_kind_export = {
    .kind = SK_EXPORT,
    .build = build,
    .draw = draw,
    .key = key,
};
