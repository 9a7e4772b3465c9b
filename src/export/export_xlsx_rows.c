/*
 * export_xlsx_rows.c - the sheets' cells written to libxlsxwriter in row order, which its
 * constant_memory mode requires (a cell above the row being written is refused): the primitives
 * of export_xlsx.c record each write as an op; xl_rows_flush sorts the ops by row, keeping the
 * order they were made in within a row (a later write to a cell still wins), and writes them with
 * each row's height, worked out from its texts and the columns' final widths. A small sheet is
 * written whole when it closes. A sheet that grows with the entries (表A.3, 活动数据明细) is
 * measured first (export_xlsx.c runs it twice, the first time writing nothing) and flushes as it
 * goes, so neither its ops nor libxlsxwriter's rows pile up: memory stays bounded as rows grow.
 *
 * A merge down several rows is written at its first row: the range, its text, the blanks of that
 * row; the blanks of the rows below are written as those rows come (the pending merges), as
 * libxlsxwriter's own worksheet_merge_range would write them all at once and move past the rows
 * still to be filled.
 */
#include "export/export_xlsx.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

#define COL_MIN 6               /* column widths in Excel character units */
#define COL_MAX 44
#define FLUSH_OPS 1024          /* a streaming sheet writes its rows out once this many ops wait */
#define ROW_PT 18.0             /* row height: roomier than the default 15 pt, as forms are */
#define LINE_PT 14.0            /* each further line of wrapped text */
#define NO_TEXT ((size_t)-1)

struct pending {                /* a merge whose rows below its first are still to be padded */
    lxw_row_t r1, r2;
    lxw_col_t c1, c2;
    lxw_format *fmt;
};

struct xop *
xl_op(struct sheet *sh, enum xop_kind kind, lxw_row_t row, lxw_col_t col, lxw_format *fmt)
{
    struct xop *o;

    if (sh->measure)
        return NULL;
    if (sh->nops == sh->opcap) {
        sh->opcap = sh->opcap ? 2 * sh->opcap : 64;
        sh->ops = xrealloc(sh->ops, sh->opcap * sizeof(*sh->ops));
    }
    o = &sh->ops[sh->nops];
    *o = (struct xop){.kind = kind, .row = row, .col = col, .r2 = row, .c2 = col, .fmt = fmt,
                      .seq = sh->seq++, .width = -1, .text = NO_TEXT};
    sh->nops++;
    return o;
}

void
xl_op_text(struct sheet *sh, struct xop *o, const char *s)
{
    size_t n = strlen(s) + 1;

    if (o == NULL)
        return;
    if (sh->tlen + n > sh->tcap) {
        while (sh->tlen + n > sh->tcap)
            sh->tcap = sh->tcap ? 2 * sh->tcap : 4096;
        sh->text = xrealloc(sh->text, sh->tcap);
    }
    memcpy(sh->text + sh->tlen, s, n);
    o->text = sh->tlen;
    sh->tlen += n;
}

static int
cmp_op(const void *a, const void *b)
{
    const struct xop *x = a, *y = b;

    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static const char *
op_text(const struct sheet *sh, const struct xop *o)
{
    return o->text == NO_TEXT ? "" : sh->text + o->text;
}

/* The blanks that the pending merges put in row r; those merges done with it are dropped. */
static void
pad_row(struct sheet *sh, lxw_row_t r)
{
    size_t i, keep = 0;
    lxw_col_t c;

    for (i = 0; i < sh->npend; i++) {
        struct pending *p = &sh->pend[i];

        if (p->r1 < r && r <= p->r2)
            for (c = p->c1; c <= p->c2; c++)
                xl_check(sh->x, worksheet_write_blank(sh->ws, r, c, p->fmt));
        if (p->r2 > r)
            sh->pend[keep++] = *p;
    }
    sh->npend = keep;
}

/* Pads the rows after the last written up to (not including) row r. */
static void
pad_to(struct sheet *sh, lxw_row_t r)
{
    while (sh->npend > 0 && sh->padded + 1 < r)
        pad_row(sh, ++sh->padded);
}

static void
write_op(struct sheet *sh, const struct xop *o)
{
    struct xl *x = sh->x;
    lxw_col_t c;

    /* a format's number in styles.xml is given when a cell first uses it, now: a sheet in
       constant_memory mode gives it as it writes a row, one in the normal mode (those charts
       read) only as the workbook closes, after every later sheet. Given here, the numbers follow
       the order of the sheets for both, so the sheets before 碳中和 or 评价 ones keep their parts'
       bytes whether those come after or not. */
    if (o->fmt != NULL)
        lxw_format_get_xf_index(o->fmt);
    switch (o->kind) {
    case OP_STRING:
        xl_check(x, worksheet_write_string(sh->ws, o->row, o->col, op_text(sh, o), o->fmt));
        break;
    case OP_BLANK:
        xl_check(x, worksheet_write_blank(sh->ws, o->row, o->col, o->fmt));
        break;
    case OP_NUMBER:
        xl_check(x, worksheet_write_number(sh->ws, o->row, o->col, o->v, o->fmt));
        break;
    case OP_FORMULA:
        xl_check(x, worksheet_write_formula_num(sh->ws, o->row, o->col, op_text(sh, o), o->fmt,
                                                o->v));
        break;
    case OP_MERGE:
        if (o->r2 == o->row) {
            xl_check(x, worksheet_merge_range(sh->ws, o->row, o->col, o->r2, o->c2,
                                              op_text(sh, o), o->fmt));
            break;
        }
        /* without a format, worksheet_merge_range writes the text alone and no blanks (a blank
           cell with no format is no cell); the text's format and the blanks follow */
        xl_check(x, worksheet_merge_range(sh->ws, o->row, o->col, o->r2, o->c2,
                                          op_text(sh, o), NULL));
        xl_check(x, worksheet_write_string(sh->ws, o->row, o->col, op_text(sh, o), o->fmt));
        for (c = o->col + 1; c <= o->c2; c++)
            xl_check(x, worksheet_write_blank(sh->ws, o->row, c, o->fmt));
        if (sh->npend == sh->pendcap) {
            sh->pendcap = sh->pendcap ? 2 * sh->pendcap : 8;
            sh->pend = xrealloc(sh->pend, sh->pendcap * sizeof(*sh->pend));
        }
        sh->pend[sh->npend++] = (struct pending){o->row, o->r2, o->col, o->c2, o->fmt};
        break;
    case OP_ROW:
        xl_check(x, worksheet_set_row(sh->ws, o->row, o->v, NULL));
        break;
    }
}

/* The lines the widest text of ops[0..n) (one row's) needs in columns of colw. */
static int
row_lines(const struct xop *ops, size_t n, const int *colw)
{
    size_t i;
    int most = 0;

    for (i = 0; i < n; i++) {
        const struct xop *t = &ops[i];
        int room = 0, lines, w;
        lxw_col_t c;

        if (t->width < 0)
            continue;
        for (c = t->tc1; c <= t->tc2; c++)
            room += colw[c];
        /* lines, rounded up, with 2 units of padding; a merged text has a tenth to spare, as
           CJK glyphs are a little wider than two digits and no column was sized to fit it */
        w = t->tc1 == t->tc2 ? t->width : t->width * 11 / 10;
        lines = (w + room - 3) / (room - 2);
        if (lines > most)
            most = lines;
    }
    return most;
}

void
xl_rows_flush(struct sheet *sh, lxw_row_t below, const int *colw)
{
    size_t i = 0, j, done;

    if (sh->ws == NULL || sh->measure)
        return;
    if (!sh->started) {
        /* before any row: a row libxlsxwriter made earlier would keep 15 pt as its height */
        worksheet_set_default_row(sh->ws, ROW_PT, 0);
        sh->started = 1;
        sh->padded = (lxw_row_t)-1;
    }
    for (i = 1; i < sh->nops && sh->ops[i - 1].row <= sh->ops[i].row; i++)
        ;
    if (i < sh->nops)           /* most sheets write their rows in order already */
        qsort(sh->ops, sh->nops, sizeof(*sh->ops), cmp_op);
    i = 0;
    while (i < sh->nops && sh->ops[i].row < below) {
        lxw_row_t r = sh->ops[i].row;
        int lines;

        for (j = i; j < sh->nops && sh->ops[j].row == r; j++)
            ;
        pad_to(sh, r);
        lines = row_lines(sh->ops + i, j - i, colw);
        if (r >= 1 && r <= sh->row && lines > 1)
            xl_check(sh->x, worksheet_set_row(sh->ws, r, ROW_PT + (lines - 1) * LINE_PT, NULL));
        if (sh->npend > 0)
            pad_row(sh, r);
        sh->padded = r;
        for (; i < j; i++)
            write_op(sh, &sh->ops[i]);
    }
    pad_to(sh, below);
    done = i;
    /* what is left keeps its texts, packed again at the front */
    if (done > 0) {
        char *text = NULL;
        size_t tlen = 0, tcap = 0, k;

        for (k = done; k < sh->nops; k++) {
            struct xop *o = &sh->ops[k];

            if (o->text != NO_TEXT) {
                size_t n = strlen(sh->text + o->text) + 1;

                if (tlen + n > tcap) {
                    tcap = 2 * (tlen + n) + 256;
                    text = xrealloc(text, tcap);
                }
                memcpy(text + tlen, sh->text + o->text, n);
                o->text = tlen;
                tlen += n;
            }
        }
        memmove(sh->ops, sh->ops + done, (sh->nops - done) * sizeof(*sh->ops));
        sh->nops -= done;
        free(sh->text);
        sh->text = text;
        sh->tlen = tlen;
        sh->tcap = tcap;
    }
}

int
xl_col_width(const struct sheet *sh, lxw_col_t c)
{
    int w = sh->width[c] + 2;

    return w < COL_MIN ? COL_MIN : w > COL_MAX ? COL_MAX : w;
}

void
xl_col_widths(const struct sheet *sh, int *colw)
{
    lxw_col_t c;

    for (c = 0; c < sh->ncols; c++)
        colw[c] = xl_col_width(sh, c);
}

void
xl_sheet_flush(struct sheet *sh, lxw_row_t below)
{
    int colw[MAX_COLS];

    if (!sh->stream || sh->nops < FLUSH_OPS)
        return;
    xl_col_widths(sh, colw);
    xl_rows_flush(sh, below, colw);
}

void
xl_rows_free(struct sheet *sh)
{
    free(sh->ops);
    free(sh->text);
    free(sh->pend);
    sh->ops = NULL;
    sh->text = NULL;
    sh->pend = NULL;
    sh->nops = sh->opcap = sh->tlen = sh->tcap = sh->npend = sh->pendcap = 0;
}
