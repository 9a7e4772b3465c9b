/*
 * export_xlsx.c - the Excel exporter: the workbook, its formats and properties, the cell and sheet
 * primitives every sheet writes with, and the writer that puts the sheets in order (表A.1–表A.6
 * from export_xlsx_tables.c, then 月度明细 and 图表 from export_xlsx_detail.c, then 碳绩效参数
 * and 碳基准与目标 from export_xlsx_perf.c, and last 可再生能源与绿电, 碳抵消与碳中和
 * (export_xlsx_neutral.c) and 碳中和声明 (export_xlsx_statement.c), so the sheets before them keep
 * their parts' numbers: the same files whether a workbook has a plan or not). Labels come from
 * forms/ and the report; every figure from the report. Totals are formulas carrying their
 * computed value, so programs that do not recalculate (LibreOffice, WPS, protected view) still
 * show the figure. The primitives here record each write; export_xlsx_rows.c writes them out in
 * row order, which lets libxlsxwriter keep one row at a time (constant_memory). export_file.c
 * sees the file onto disk whole (temporary file, check, rename).
 */
#include "export/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export/export_xlsx.h"
#include "export/export_file.h"
#include "export/xlsx_patch.h"
#include "export/xml_check.h"
#include "base/width.h"
#include "base/xmem.h"

#define CELL_MAX 32767          /* characters Excel holds in a cell */

struct num_fmt {                /* a bordered number format made on demand: #,##0.00##" kWh" */
    char *code;
    lxw_format *fmt;
};

/* ---- small helpers ------------------------------------------------------------------------- */

const char *
xl_tx(const struct xl *x, const char *zh, const char *en)
{
    return x->r->lang == LANG_EN ? en : zh;
}

void
xl_check(struct xl *x, lxw_error e)
{
    if (x->err == LXW_NO_ERROR && e != LXW_NO_ERROR)
        x->err = e;
}

const struct form_def *
xl_form(const struct xl *x, const char *id)
{
    const struct form_def *f = forms_get(x->fs, id);

    if (f == NULL)
        fatal("export: form %s missing", id);
    return f;
}

const char *
xl_label(const struct xl *x, const char *form_id, const char *key)
{
    const struct field_def *fd = forms_field(xl_form(x, form_id), key);

    if (fd == NULL)
        fatal("export: field %s.%s missing", form_id, key);
    return forms_label(fd, x->r->lang);
}

const char *
xl_unit_of(const struct xl *x, const char *form_id, const char *key)
{
    const struct field_def *fd = forms_field(xl_form(x, form_id), key);

    return fd != NULL && fd->unit != NULL ? fd->unit : "";
}

/*
 * The text to write for s: characters XML does not allow replaced (xml_clean: a vertical tab a
 * workbook got from outside, which libxlsxwriter would write as it is), then over CELL_MAX
 * characters cut to fit, ending in "…" to say so; NULL when s is fine as it is (caller frees).
 */
static char *
cell_cut(const char *s)
{
    char *clean = xml_clean(s), *cut = NULL;
    size_t i, n = 0, keep = 0;

    if (clean != NULL)
        s = clean;
    for (i = 0; s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;       /* a UTF-8 continuation byte */
        if (++n == CELL_MAX)
            keep = i;
        else if (n > CELL_MAX) {
            cut = xasprintf("%.*s…", (int)keep, s);
            break;
        }
    }
    if (cut == NULL)
        return clean;
    free(clean);
    return cut;
}

int
xl_whole(double v)
{
    return fabs(v - nearbyint(v)) <= 1e-9 * fmax(1, fabs(v));
}

int
xl_num_width(double v, int decimals, const char *suffix)
{
    char buf[64];
    double a = fabs(v), r = nearbyint(a);
    int n = 1;

    /* the digits "%.0f" prints: it rounds half to even, as nearbyint does; counted without
       snprintf below 10^15, where every whole double is exact */
    if (r < 1e15)
        for (; r >= 10; r = floor(r / 10))
            n++;
    else
        n = snprintf(buf, sizeof(buf), "%.0f", a);

    return (v < 0) + n + (n - 1) / 3 + (decimals ? 1 + decimals : 0)
           + (suffix != NULL && suffix[0] != '\0' ? 2 + width_of(suffix) : 0);
}

void
xl_sum_formula(char *buf, size_t size, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
               lxw_col_t c2)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH];

    lxw_rowcol_to_range(range, r1, c1, r2, c2);
    snprintf(buf, size, "=SUM(%s)", range);
}

/* ---- formats ------------------------------------------------------------------------------- */

static lxw_format *
new_format(struct xl *x, int border, const char *num)
{
    lxw_format *f = workbook_add_format(x->wb);

    if (f == NULL)
        fatal("export: out of memory");
    format_set_font_name(f, XL_FONT);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (num != NULL)
        format_set_num_format(f, num);
    return f;
}

/* Format f; quoted, marked hidden, which xlsx_patch turns into quotePrefix. */
static lxw_format *
make_format(struct xl *x, enum fmt f, int quoted)
{
    lxw_format *m = NULL;

    switch (f) {
    case F_TITLE:
        m = new_format(x, 0, NULL);
        format_set_bold(m);
        format_set_font_size(m, 14);
        format_set_align(m, LXW_ALIGN_CENTER);
        break;
    case F_PLAIN:
        m = new_format(x, 0, NULL);
        break;
    case F_NAME:
    case F_NOTE:
        m = new_format(x, 0, NULL);
        format_set_text_wrap(m);
        break;
    case F_YEAR:
        m = new_format(x, 0, "0");
        format_set_align(m, LXW_ALIGN_LEFT);
        break;
    case F_HEAD:
        m = new_format(x, 1, NULL);
        format_set_bold(m);
        format_set_align(m, LXW_ALIGN_CENTER);
        format_set_text_wrap(m);
        format_set_bg_color(m, 0xF2F2F2);
        break;
    case F_LABEL:
        m = new_format(x, 1, NULL);
        format_set_text_wrap(m);
        format_set_bg_color(m, 0xF2F2F2);
        break;
    case F_GROUP:
        m = new_format(x, 1, NULL);
        format_set_align(m, LXW_ALIGN_CENTER);
        format_set_text_wrap(m);
        format_set_bg_color(m, 0xF2F2F2);
        break;
    case F_TEXT:
        m = new_format(x, 1, NULL);
        format_set_text_wrap(m);
        break;
    case F_T2:
    case F_T2B:
        m = new_format(x, 1, "#,##0.00");
        if (f == F_T2B)
            format_set_bold(m);
        break;
    case F_INT:
        m = new_format(x, 1, "#,##0");
        break;
    case F_NA:
        m = new_format(x, 1, NULL);
        format_set_align(m, LXW_ALIGN_CENTER);
        break;
    case F__COUNT:
        fatal("export: no format %d", (int)f);
    }
    if (quoted)
        format_set_hidden(m);
    return m;
}

static void
formats_init(struct xl *x)
{
    int f;

    for (f = 0; f < F__COUNT; f++)
        x->fmt[f] = make_format(x, (enum fmt)f, 0);
}

/*
 * Format f for text s: text beginning with =, +, - or @ would turn into a formula when a reviewer
 * edits the cell, so it gets the quotePrefix variant.
 */
static lxw_format *
text_format(struct xl *x, const char *s, enum fmt f)
{
    if (s == NULL || strchr("=+-@", s[0]) == NULL || s[0] == '\0')
        return x->fmt[f];
    if (x->quoted[f] == NULL)
        x->quoted[f] = make_format(x, f, 1);
    return x->quoted[f];
}

lxw_format *
xl_code_format(struct xl *x, const char *code)
{
    size_t i;

    for (i = 0; i < x->nnfmt; i++)
        if (strcmp(x->nfmt[i].code, code) == 0)
            return x->nfmt[i].fmt;
    x->nfmt = xrealloc(x->nfmt, (x->nnfmt + 1) * sizeof(*x->nfmt));
    x->nfmt[x->nnfmt].code = xstrdup(code);
    x->nfmt[x->nnfmt].fmt = new_format(x, 1, code);
    return x->nfmt[x->nnfmt++].fmt;
}

lxw_format *
xl_unit_format(struct xl *x, int decimals, const char *unit)
{
    char *code = xasprintf("#,##0%s%.*s%s%s%s", decimals > 0 ? "." : "", decimals, "000000000",
                           unit != NULL && unit[0] != '\0' ? "\" " : "",
                           unit != NULL && unit[0] != '\0' ? unit : "",
                           unit != NULL && unit[0] != '\0' ? "\"" : "");
    lxw_format *f = xl_code_format(x, code);

    free(code);
    return f;
}

int
xl_decimals(double v)
{
    int d;

    for (d = 0; d < 9; d++) {
        double p = pow(10, d);

        if (fabs(nearbyint(v * p) / p - v) <= 1e-12 * fmax(1, fabs(v)))
            break;
    }
    return d;
}

/* v as 2 decimals show it (half away from zero, as spreadsheets display). */
static double
shown2(double v)
{
    return round(v * 100 + copysign(1e-7, v)) / 100;
}

void
xl_sum_shown(struct sheet *sh, double total, const double *parts, size_t n)
{
    double sum = 0;
    size_t i;

    for (i = 0; i < n; i++)
        sum += shown2(parts[i]);
    if (fabs(sum - shown2(total)) > 0.001)
        sh->rounded = 1;
}

lxw_format *
xl_qty_format(struct xl *x, const char *unit, int is_whole, int dash)
{
    const char *num = is_whole ? "#,##0" : "#,##0.00##";
    struct qty_last *q = &x->qty_last;
    char *suffix, *code;
    lxw_format *f;

    /* the rows of an entry ask for the same format one after another */
    if (q->fmt != NULL && q->whole == is_whole && q->dash == dash
        && strcmp(q->unit, unit != NULL ? unit : "") == 0)
        return q->fmt;
    suffix = unit != NULL && unit[0] != '\0' && strpbrk(unit, "\"\\") == NULL
             ? xasprintf("\" %s\"", unit) : xstrdup("");
    code = dash ? xasprintf("%s%s;-%s%s;\"-\"", num, suffix, num, suffix)
                : xasprintf("%s%s", num, suffix);
    f = xl_code_format(x, code);
    free(code);
    free(suffix);
    free(q->unit);
    *q = (struct qty_last){xstrdup(unit != NULL ? unit : ""), is_whole, dash, f};
    return f;
}

/* ---- sheet primitives ------------------------------------------------------------------------ */

/*
 * Records op o's text width (display columns, CJK double: for its row's height) over columns
 * c1..c2 and what its column needs (need). o is NULL while the sheet is only measured.
 */
static void
track(struct sheet *sh, struct xop *o, lxw_col_t c1, lxw_col_t c2, int width, int need)
{
    if (c1 == c2 && need > sh->width[c1])
        sh->width[c1] = need;
    if (o != NULL) {
        o->tc1 = c1;
        o->tc2 = c2;
        o->width = width;
    }
}

/* An op writing string s (cut to what a cell holds) in fmt; NULL while measuring. */
static struct xop *
op_string(struct sheet *sh, enum xop_kind kind, lxw_row_t row, lxw_col_t col, const char *s,
          lxw_format *fmt)
{
    struct xop *o = xl_op(sh, kind, row, col, fmt);
    char *cut;

    if (o == NULL)
        return NULL;
    cut = cell_cut(s);
    xl_op_text(sh, o, cut != NULL ? cut : s);
    free(cut);
    return o;
}

void
xl_put_text(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *s, enum fmt f)
{
    lxw_format *fmt = text_format(sh->x, s, f);
    struct xop *o;
    int w;

    if (s == NULL || s[0] == '\0') {
        xl_op(sh, OP_BLANK, row, col, fmt);
        return;
    }
    o = op_string(sh, OP_STRING, row, col, s, fmt);
    /* written again after its measure, the sheet knows its widths: a text of no more bytes than
       its column has room holds one line (a character is never wider than its bytes), so its
       width changes nothing */
    if (sh->stream && strlen(s) + 2 <= (size_t)xl_col_width(sh, col))
        return;
    w = width_of(s);
    /* a long header wraps onto two lines rather than widening a column of short numbers */
    if (f != F_TITLE)
        track(sh, o, col, col, w, f == F_HEAD && w > 12 ? (w + 1) / 2 + 1 : w);
}

void
xl_put_wrap(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *s, enum fmt f, int most)
{
    struct xop *o;
    int w;

    if (s == NULL || s[0] == '\0') {
        xl_put_text(sh, row, col, s, f);
        return;
    }
    o = op_string(sh, OP_STRING, row, col, s, text_format(sh->x, s, f));
    w = width_of(s);
    track(sh, o, col, col, w, w < most ? w : most);
}

void
xl_put_bare_num(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt)
{
    struct xop *o = xl_op(sh, OP_NUMBER, row, col, fmt);

    if (o != NULL)
        o->v = v;
}

void
xl_put_num(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt,
           int width)
{
    struct xop *o = xl_op(sh, OP_NUMBER, row, col, fmt);

    if (o != NULL)
        o->v = v;
    track(sh, o, col, col, width, width);
}

void
xl_put_t2(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, enum fmt f)
{
    xl_put_num(sh, row, col, v, sh->x->fmt[f], xl_num_width(v, 2, NULL));
}

void
xl_put_qty(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, const char *unit,
           int is_whole, int dash)
{
    xl_put_num(sh, row, col, v, xl_qty_format(sh->x, unit, is_whole, dash),
               xl_num_width(v, is_whole ? 0 : 4, unit));
}

void
xl_put_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula,
               double v, lxw_format *fmt, int width)
{
    struct xop *o = xl_op(sh, OP_FORMULA, row, col, fmt);

    if (o != NULL) {
        o->v = v;
        xl_op_text(sh, o, formula);
    }
    track(sh, o, col, col, width, width);
}

void
xl_put_t2_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula,
                  double v, enum fmt f)
{
    xl_put_formula(sh, row, col, formula, v, sh->x->fmt[f], xl_num_width(v, 2, NULL));
}

void
xl_merge_text(struct sheet *sh, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
              const char *s, enum fmt f)
{
    struct xop *o;

    if (r1 == r2 && c1 == c2) {
        xl_put_text(sh, r1, c1, s, f);
        return;
    }
    o = op_string(sh, OP_MERGE, r1, c1, s != NULL ? s : "", text_format(sh->x, s, f));
    if (o != NULL) {
        o->r2 = r2;
        o->c2 = c2;
    }
    if (f == F_TITLE || s == NULL || s[0] == '\0')
        return;
    if (r1 == r2)
        track(sh, o, c1, c2, width_of(s), width_of(s));
    else if (c1 == c2 && width_of(s) * 11 / 20 + 1 > sh->width[c1])
        /* a category merged down two rows or more: its column wide enough for two lines, which
           two rows hold, so no row grows for it */
        sh->width[c1] = width_of(s) * 11 / 20 + 1;
}

void
xl_merge_formula(struct sheet *sh, lxw_row_t row, lxw_col_t c1, lxw_col_t c2,
                 const char *formula, double v, lxw_format *fmt)
{
    struct xop *o = xl_op(sh, OP_MERGE, row, c1, fmt);

    if (o != NULL)
        o->c2 = c2;
    o = xl_op(sh, OP_FORMULA, row, c1, fmt);
    if (o != NULL) {
        o->v = v;
        xl_op_text(sh, o, formula);
    }
}

int
xl_sheet_open(struct sheet *sh, struct xl *x, const char *name, lxw_col_t ncols,
              int landscape)
{
    lxw_error e;

    memset(sh, 0, sizeof(*sh));
    sh->x = x;
    sh->ncols = ncols;
    sh->landscape = landscape;
    if (x->err != LXW_NO_ERROR)
        return -1;
    if (x->measure) {           /* the first run of a sheet written twice: widths only */
        sh->measure = 1;
        return 0;
    }
    if (x->measured) {
        memcpy(sh->width, x->measured_width, sizeof(sh->width));
        sh->stream = 1;
    }
    if ((e = workbook_validate_sheet_name(x->wb, name)) != LXW_NO_ERROR) {
        xl_check(x, e);
        return -1;
    }
    if ((sh->ws = workbook_add_worksheet(x->wb, name)) == NULL) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return -1;
    }
    return 0;
}

void
xl_sheet_heading(struct sheet *sh, const char *title, int with_name)
{
    const struct xl *x = sh->x;
    lxw_col_t last = sh->ncols - 1;

    struct xop *o;

    xl_merge_text(sh, 0, 0, 0, last, title, F_TITLE);
    if ((o = xl_op(sh, OP_ROW, 0, 0, NULL)) != NULL)
        o->v = 24;
    if (with_name) {
        xl_put_text(sh, 1, 0, xl_label(x, "A.1", "unit_name"), F_PLAIN);
        xl_merge_text(sh, 1, 1, 1, last - 2, x->r->unit_name, F_NAME);
    }
    xl_put_text(sh, 1, last - 1, xl_tx(x, "报告年度", "Reporting year"), F_PLAIN);
    xl_put_bare_num(sh, 1, last, x->r->year, x->fmt[F_YEAR]);
    sh->row = 2;
}

void
xl_sheet_note(struct sheet *sh, const char *text)
{
    sh->row++;
    xl_merge_text(sh, sh->row, 0, sh->row, sh->ncols - 1, text, F_NOTE);
    sh->row++;
}

void
xl_rounding_note(struct sheet *sh)
{
    if (sh->rounded)
        xl_sheet_note(sh, xl_tx(sh->x, "注：合计按未舍入的数值计算，可能与所列各项（保留两位小数）之和相差 0.01。",
                                "Note: totals are computed before rounding and may differ by 0.01 "
                                "from the sum of the parts as shown (2 decimals)."));
}

void
xl_sheet_close(struct sheet *sh)
{
    int colw[MAX_COLS];
    lxw_col_t c;

    if (sh->measure) {
        memcpy(sh->x->measured_width, sh->width, sizeof(sh->width));
        return;
    }
    if (sh->ws == NULL) {
        xl_rows_free(sh);
        return;
    }
    xl_col_widths(sh, colw);
    for (c = 0; c < sh->ncols; c++)
        xl_check(sh->x, worksheet_set_column(sh->ws, c, c, colw[c], NULL));
    xl_rows_flush(sh, LXW_ROW_MAX, colw);
    xl_rows_free(sh);

    worksheet_set_paper(sh->ws, 9);
    if (sh->landscape)
        worksheet_set_landscape(sh->ws);
    else
        worksheet_set_portrait(sh->ws);
    worksheet_fit_to_pages(sh->ws, 1, 0);
    worksheet_center_horizontally(sh->ws);
    xl_check(sh->x, worksheet_repeat_rows(sh->ws, 0, sh->repeat));
    if (sh->freeze_row > 0 || sh->freeze_col > 0)
        worksheet_freeze_panes(sh->ws, sh->freeze_row, sh->freeze_col);
    xl_check(sh->x, worksheet_set_footer(sh->ws, xl_tx(sh->x, "&C第 &P 页，共 &N 页",
                                                          "&CPage &P of &N")));
}

void
xl_header_row(struct sheet *sh, const char *form_id, const char *const *keys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        xl_put_text(sh, sh->row, (lxw_col_t)i, xl_label(sh->x, form_id, keys[i]), F_HEAD);
    sh->repeat = sh->row;
    sh->row++;
}

/* ---- the workbook -------------------------------------------------------------------------- */

/* 1 January after the reporting year, 00:00 UTC: fixed, so equal reports give equal files. */
static time_t
created_time(int year)
{
    long days = 0;
    int y;

    for (y = 1970; y <= year; y++)
        days += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
    return (time_t)days * 86400;
}

static void
set_properties(struct xl *x)
{
    const struct report_year *r = x->r;
    char *unit = xml_clean(r->unit_name);      /* docProps/core.xml: libxlsxwriter writes it raw */
    char *title = xasprintf("%s%s%d %s", unit != NULL ? unit : r->unit_name,
                            r->unit_name[0] != '\0' ? " " : "", r->year,
                            xl_tx(x, "年度碳排放数据", "carbon emission data"));
    char subject[] = "T/ZJJGSW 0005—2024 附录A";
    char comments[] = "tanbook";
    lxw_doc_properties p = {
        .title = title,
        .subject = subject,
        .comments = comments,
        .created = created_time(r->year),
    };

    xl_check(x, workbook_set_properties(x->wb, &p));
    free(title);
    free(unit);
}

/*
 * The sheets in workbook order; 图表 reads what 月度明细 wrote; the 碳绩效, 碳中和 and 评价 sheets
 * come last. The two that grow with the entries are measured first, then written row by row.
 * Every sheet is written in row order and in libxlsxwriter's constant_memory mode but the two
 * that charts read (月度明细 and 碳绩效参数, a row per source or per year): in that mode a
 * chart gets no cached values and its text categories are taken for numbers.
 */
enum { SH_MEASURED = 1, SH_CHARTED = 2 };

static const struct {
    void (*write)(struct xl *);
    int how;
} sheets[] = {
    {xl_sheet_a1, 0}, {xl_sheet_a2, 0}, {xl_sheet_a3, SH_MEASURED}, {xl_sheet_a4, 0},
    {xl_sheet_a5, 0}, {xl_sheet_a6, 0}, {xl_sheet_factor_notes, 0}, {xl_sheet_months, SH_CHARTED},
    {xl_sheet_records, SH_MEASURED}, {xl_sheet_charts, 0}, {xl_sheet_perf, SH_CHARTED},
    {xl_sheet_targets, 0}, {xl_sheet_renewables, 0}, {xl_sheet_offsets, 0},
    {xl_sheet_statement, 0}, {xl_sheet_zc, 0}, {xl_sheet_maturity, 0}, {xl_sheet_evidence, 0},
};

/*
 * Writes the whole workbook to file: the export_file_writer of xlsx_write, arg its struct xl
 * with only fs, r, perf, plan, neutral, residual and eval set. Returns NULL, or the text of the first
 * libxlsxwriter error.
 */
static const char *
write_workbook(const char *file, void *arg)
{
    struct xl *x = arg;
    /* every sheet is written in row order (export_xlsx_rows.c), so libxlsxwriter keeps one row
       at a time; scratch files beside file */
    lxw_workbook_options o = {.constant_memory = 1, .tmpdir = export_file_dir(file)};
    lxw_error e;
    size_t i;

    x->wb = workbook_new_opt(file, &o);
    free(o.tmpdir);
    if (x->wb == NULL)
        return lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED);
    formats_init(x);
    set_properties(x);
    for (i = 0; i < nitems(sheets); i++) {
        if (sheets[i].how & SH_MEASURED) {
            x->measure = 1;
            sheets[i].write(x);
            x->measure = 0;
            x->measured = 1;
        }
        /* libxlsxwriter takes the mode of a worksheet from the option when it adds it */
        x->wb->options.constant_memory = !(sheets[i].how & SH_CHARTED);
        sheets[i].write(x);
        x->measured = 0;
    }
    e = workbook_close(x->wb);
    for (i = 0; i < x->nnfmt; i++)
        free(x->nfmt[i].code);
    free(x->nfmt);
    free(x->qty_last.unit);
    free(x->month_sheet);
    if (x->err != LXW_NO_ERROR)
        e = x->err;
    if (e != LXW_NO_ERROR)
        return lxw_strerror(e);
    return xlsx_patch(file, XL_FONT);
}

static enum err
xlsx_write(const struct export_in *in, const char *path, char **cause)
{
    struct xl x = {.fs = in->fs, .r = report_cur(in->r), .perf = in->perf, .plan = in->plan,
                   .neutral = in->neutral, .residual = in->residual, .eval = in->eval};

    if (strcmp(path, "-") == 0) {
        *cause = xstrdup("Excel 报表只能写入文件，不能写到标准输出");
        return ERR_USAGE;
    }
    return export_file_write(path, EXPORT_FILE_ZIP, write_workbook, &x, cause);
}

const struct exporter export_xlsx_format = {
    .name = "xlsx",
    .suffix = ".xlsx",
    .text = 0,
    .write = xlsx_write,
};

enum err
export_xlsx(const struct form_set *fs, const struct report *r, const char *path, char **cause)
{
    struct export_in in = {.fs = fs, .r = r};

    return export_xlsx_format.write(&in, path, cause);
}
