/*
 * tui_issues.c - F7: every finding of the year's checks in one list (errors first, in the order
 * of the steps), and Enter on one goes to the step and the cell it is about.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"

/* The step showing form id, or -1. */
static int
step_of(const struct tui *t, const char *form_id)
{
    size_t s;

    for (s = 0; s < t->nsteps; s++)
        if (t->steps[s].form != NULL && strcmp(t->steps[s].form->id, form_id) == 0)
            return (int)s;
    return -1;
}

/* Goes to the step and cell of finding it. */
static void
jump(struct tui *t, const struct check_item *it)
{
    struct sheet_env env;
    int step = step_of(t, it->form_id), row, col;

    if (step < 0)
        return;
    tui_go_step(t, step);
    if (t->sheet == NULL || t->sheet->locate == NULL)
        return;
    tui_env(t, &env);
    if (t->sheet->locate(&env, &t->grid, &it->at, &row, &col) && row < t->grid.nrows
        && col < t->grid.ncols) {
        t->row = row;
        t->col = col;
    }
}

void
tui_issues(struct tui *t)
{
    const struct check_item **order;
    char **labels, *title;
    size_t i, n = 0, lvl;
    int pick;

    if (t->chk.n == 0) {
        tui_message(t, MSG_OK, "%s", TR(t, "检查没有发现问题", "The checks found nothing"));
        return;
    }
    order = xcalloc(t->chk.n, sizeof(*order));
    labels = xcalloc(t->chk.n, sizeof(*labels));
    for (lvl = 0; lvl < 2; lvl++)           /* errors, then warnings, each in the checks' order */
        for (i = 0; i < t->chk.n; i++)
            if ((lvl == 0) == (t->chk.items[i].level == CHECK_ERROR)) {
                order[n] = &t->chk.items[i];
                labels[n] = xasprintf("%s %s", lvl == 0 ? "✗" : "!", tui_finding_text(t, order[n]));
                n++;
            }
    title = xasprintf(TR(t, "问题清单：%zu 个错误，%zu 个提示（Enter 跳到所在单元格）",
                         "Issues: %zu errors, %zu warnings (Enter goes to the cell)"),
                      t->chk.nerrors, t->chk.nwarnings);
    pick = tui_pick(t, title, (const char *const *)labels, NULL, (int)n);
    if (pick >= 0)
        jump(t, order[pick]);
    for (i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
    free(order);
    free(title);
}
