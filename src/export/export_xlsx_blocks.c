/*
 * export_xlsx_blocks.c - the blocks the plan sheets (碳绩效, 碳中和, 评价) are made of: a numbered
 * title, a bar across the sheet, a line of text, a row of headers, a figure's row with its label
 * and note, a value or a blank where there is none; written with export_xlsx.c's primitives.
 */
#include "export/export_xlsx.h"

#include <math.h>

#include "base/xmem.h"

/* ---- blocks of the plan sheets ------------------------------------------------------------ */

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

char *
xl_block_title(const struct xl *x, int n, const char *title)
{
    if (x->r->lang == LANG_EN)
        return xasprintf("%d. %s", n + 1, title);
    return xasprintf("%s、%s", numerals[n % (int)nitems(numerals)], title);
}

void
xl_bar(struct sheet *sh, const char *text)
{
    sh->row++;
    xl_merge_text(sh, sh->row, 0, sh->row, sh->ncols - 1, text, F_LABEL);
    sh->row++;
}

void
xl_line(struct sheet *sh, const char *text)
{
    xl_merge_text(sh, sh->row, 0, sh->row, sh->ncols - 1, text, F_NOTE);
    sh->row++;
}

void
xl_heads(struct sheet *sh, const char *const *zh, const char *const *en, size_t n, int most)
{
    size_t i;

    for (i = 0; i < n; i++)
        xl_put_wrap(sh, sh->row, (lxw_col_t)i, xl_tx(sh->x, zh[i], en[i]), F_HEAD, most);
    sh->row++;
}

lxw_row_t
xl_fig_row(struct sheet *sh, const char *label, const char *note)
{
    lxw_row_t row = sh->row++;

    xl_merge_text(sh, row, 0, row, 2, label, F_LABEL);
    if (sh->ncols > 4)
        xl_merge_text(sh, row, 4, row, sh->ncols - 1, note, F_TEXT);
    return row;
}

void
xl_put_finite(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt,
              int decimals, const char *unit)
{
    if (!isfinite(v)) {
        xl_put_text(sh, row, col, NULL, F_NA);
        return;
    }
    xl_put_num(sh, row, col, v, fmt, xl_num_width(v, decimals, unit));
}
