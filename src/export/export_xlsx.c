/*
 * export_xlsx.c - the Excel export: one sheet per table A.1–A.6 in the standard's layout, then
 * 月度明细 and 图表. The only file that includes xlsxwriter.h. Labels come from forms/ and the
 * report; every figure from the report. Totals are formulas carrying their computed value, so
 * programs that do not recalculate (LibreOffice, WPS, protected view) still show the figure.
 * export_file.c sees the file onto disk whole (temporary file, check, rename).
 */
#include "export/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "export/export_file.h"
#include "base/strbuf.h"
#include "base/width.h"
#include "base/xmem.h"

#define MAX_COLS 16             /* the widest sheet: 月度明细 */
#define MONTH_COLS 12
#define COL_MIN 6               /* column widths in Excel character units */
#define COL_MAX 44
#define ROW_PT 18.0             /* row height: roomier than the default 15 pt, as forms are */
#define LINE_PT 14.0            /* each further line of wrapped text */
#define CELL_MAX 32767          /* characters Excel holds in a cell */

enum fmt {
    F_TITLE,   /* the merged title row */
    F_PLAIN,   /* the unit line, no border */
    F_YEAR,    /* the report year in the unit line */
    F_HEAD,    /* column headers */
    F_LABEL,   /* a label cell of A.1, A.2 and A.4 */
    F_GROUP,   /* a category merged down beside its rows */
    F_TEXT,    /* body text */
    F_T2,      /* tCO₂e and tce: 0.00 */
    F_T2B,     /* a total in tCO₂e or tce */
    F_FACTOR,  /* factor values, as pinned */
    F_INT,     /* 用能人数 */
    F__COUNT
};

struct num_fmt {                /* a bordered number format made on demand: #,##0.00##" kWh" */
    char *code;
    lxw_format *fmt;
};

struct xl {                     /* one export in progress */
    const struct form_set *fs;
    const struct report_year *r;   /* the reporting year */
    lxw_workbook *wb;
    lxw_error err;              /* the first libxlsxwriter failure, which fails the export */
    lxw_format *fmt[F__COUNT];
    struct num_fmt *nfmt;
    size_t nnfmt;
    char *month_sheet;          /* the name charts read from */
    lxw_row_t em_first, em_last;/* 月度明细: the emission rows of the sources */
    lxw_row_t em_head, em_total;/* … their header row and total row */
};

struct tcell {                  /* a text written, for column widths and row heights */
    lxw_row_t row;
    lxw_col_t c1, c2;
    int width;                  /* display columns, CJK counted double */
};

struct sheet {                  /* a worksheet being filled */
    struct xl *x;
    lxw_worksheet *ws;
    lxw_col_t ncols;
    lxw_row_t row;              /* the next row to write */
    lxw_row_t repeat;           /* rows 0..repeat print on every page */
    int landscape;
    int width[MAX_COLS];        /* widest single-column content per column */
    struct tcell *cells;
    size_t ncells, cap;
};

/* ---- small helpers ------------------------------------------------------------------------- */

static const char *
tx(const struct xl *x, const char *zh, const char *en)
{
    return x->r->lang == LANG_EN ? en : zh;
}

static void
check(struct xl *x, lxw_error e)
{
    if (x->err == LXW_NO_ERROR && e != LXW_NO_ERROR)
        x->err = e;
}

static const struct form_def *
form(const struct xl *x, const char *id)
{
    const struct form_def *f = forms_get(x->fs, id);

    if (f == NULL)
        fatal("export: form %s missing", id);
    return f;
}

static const char *
label(const struct xl *x, const char *form_id, const char *key)
{
    const struct field_def *fd = forms_field(form(x, form_id), key);

    if (fd == NULL)
        fatal("export: field %s.%s missing", form_id, key);
    return forms_label(fd, x->r->lang);
}

static const char *
unit_of(const struct xl *x, const char *form_id, const char *key)
{
    const struct field_def *fd = forms_field(form(x, form_id), key);

    return fd != NULL && fd->unit != NULL ? fd->unit : "";
}

/* Text over CELL_MAX characters cut to fit, ending in "…" to say so; NULL when s fits. */
static char *
cell_cut(const char *s)
{
    size_t i, n = 0, keep = 0;

    for (i = 0; s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;       /* a UTF-8 continuation byte */
        if (++n == CELL_MAX)
            keep = i;
        else if (n > CELL_MAX)
            return xasprintf("%.*s…", (int)keep, s);
    }
    return NULL;
}

/* Whether v shows as a whole number, so its quantity needs no decimals. */
static int
whole(double v)
{
    return fabs(v - nearbyint(v)) <= 1e-9 * fmax(1, fabs(v));
}

/* Display width of v with `decimals` decimals and thousands separators, plus its unit suffix. */
static int
num_width(double v, int decimals, const char *suffix)
{
    char buf[64];
    int n = snprintf(buf, sizeof(buf), "%.0f", fabs(v));

    return (v < 0) + n + (n - 1) / 3 + (decimals ? 1 + decimals : 0)
           + (suffix != NULL && suffix[0] != '\0' ? 1 + width_of(suffix) : 0);
}

/* "=SUM(C5:C9)" into buf (size LXW_MAX_CELL_RANGE_LENGTH + 8). */
static void
sum_formula(char *buf, size_t size, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
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
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (num != NULL)
        format_set_num_format(f, num);
    return f;
}

static void
formats_init(struct xl *x)
{
    lxw_format **f = x->fmt;

    f[F_TITLE] = new_format(x, 0, NULL);
    format_set_bold(f[F_TITLE]);
    format_set_font_size(f[F_TITLE], 14);
    format_set_align(f[F_TITLE], LXW_ALIGN_CENTER);
    f[F_PLAIN] = new_format(x, 0, NULL);
    f[F_YEAR] = new_format(x, 0, "0");
    format_set_align(f[F_YEAR], LXW_ALIGN_LEFT);
    f[F_HEAD] = new_format(x, 1, NULL);
    format_set_bold(f[F_HEAD]);
    format_set_align(f[F_HEAD], LXW_ALIGN_CENTER);
    format_set_text_wrap(f[F_HEAD]);
    format_set_bg_color(f[F_HEAD], 0xF2F2F2);
    f[F_LABEL] = new_format(x, 1, NULL);
    format_set_text_wrap(f[F_LABEL]);
    format_set_bg_color(f[F_LABEL], 0xF2F2F2);
    f[F_GROUP] = new_format(x, 1, NULL);
    format_set_align(f[F_GROUP], LXW_ALIGN_CENTER);
    format_set_text_wrap(f[F_GROUP]);
    format_set_bg_color(f[F_GROUP], 0xF2F2F2);
    f[F_TEXT] = new_format(x, 1, NULL);
    format_set_text_wrap(f[F_TEXT]);
    f[F_T2] = new_format(x, 1, "0.00");
    f[F_T2B] = new_format(x, 1, "0.00");
    format_set_bold(f[F_T2B]);
    f[F_FACTOR] = new_format(x, 1, "General");
    f[F_INT] = new_format(x, 1, "0");
}

/* The bordered format with number format code, made once per code. */
static lxw_format *
code_format(struct xl *x, const char *code)
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

/*
 * A quantity format: no decimals for whole numbers (bills mostly are), else 2 to 4; the unit after
 * the number when given; with dash, a zero shows as "-" so the months with data stand out.
 */
static lxw_format *
qty_format(struct xl *x, const char *unit, int is_whole, int dash)
{
    const char *num = is_whole ? "#,##0" : "#,##0.00##";
    char *suffix = unit != NULL && unit[0] != '\0' && strpbrk(unit, "\"\\") == NULL
                       ? xasprintf("\" %s\"", unit) : xstrdup("");
    char *code = dash ? xasprintf("%s%s;-%s%s;\"-\"", num, suffix, num, suffix)
                      : xasprintf("%s%s", num, suffix);
    lxw_format *f = code_format(x, code);

    free(code);
    free(suffix);
    return f;
}

/* ---- sheet primitives ------------------------------------------------------------------------ */

/* Records a cell's text width (for its row's height) and what its column needs (need). */
static void
track(struct sheet *sh, lxw_row_t row, lxw_col_t c1, lxw_col_t c2, int width, int need)
{
    if (c1 == c2 && need > sh->width[c1])
        sh->width[c1] = need;
    if (sh->ncells == sh->cap) {
        sh->cap = sh->cap ? 2 * sh->cap : 64;
        sh->cells = xrealloc(sh->cells, sh->cap * sizeof(*sh->cells));
    }
    sh->cells[sh->ncells++] = (struct tcell){row, c1, c2, width};
}

static void
put_text(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *s, enum fmt f)
{
    lxw_format *fmt = sh->x->fmt[f];
    char *cut;
    int w;

    if (s == NULL || s[0] == '\0') {
        check(sh->x, worksheet_write_blank(sh->ws, row, col, fmt));
        return;
    }
    cut = cell_cut(s);
    check(sh->x, worksheet_write_string(sh->ws, row, col, cut != NULL ? cut : s, fmt));
    free(cut);
    w = width_of(s);
    /* a long header wraps onto two lines rather than widening a column of short numbers */
    if (f != F_TITLE)
        track(sh, row, col, col, w, f == F_HEAD && w > 12 ? (w + 1) / 2 + 1 : w);
}

/* A number in format fmt, taking `width` display columns. */
static void
put_num(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt, int width)
{
    check(sh->x, worksheet_write_number(sh->ws, row, col, v, fmt));
    track(sh, row, col, col, width, width);
}

/* A figure in tCO₂e or tce: 2 decimals. */
static void
put_t2(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, enum fmt f)
{
    put_num(sh, row, col, v, sh->x->fmt[f], num_width(v, 2, NULL));
}

/* A quantity, with its unit after the number when unit is given (see qty_format). */
static void
put_qty(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, const char *unit,
        int is_whole, int dash)
{
    put_num(sh, row, col, v, qty_format(sh->x, unit, is_whole, dash),
            num_width(v, is_whole ? 0 : 4, unit));
}

/* A formula with its value computed here, so no program needs to recalculate to show it. */
static void
put_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula, double v,
            lxw_format *fmt, int width)
{
    check(sh->x, worksheet_write_formula_num(sh->ws, row, col, formula, fmt, v));
    track(sh, row, col, col, width, width);
}

static void
put_t2_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula, double v,
               enum fmt f)
{
    put_formula(sh, row, col, formula, v, sh->x->fmt[f], num_width(v, 2, NULL));
}

/* Merges r1..r2 × c1..c2 showing s (a single cell is simply written). */
static void
merge_text(struct sheet *sh, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
           const char *s, enum fmt f)
{
    char *cut;

    if (r1 == r2 && c1 == c2) {
        put_text(sh, r1, c1, s, f);
        return;
    }
    cut = s != NULL ? cell_cut(s) : NULL;
    check(sh->x, worksheet_merge_range(sh->ws, r1, c1, r2, c2, cut ? cut : s ? s : "",
                                       sh->x->fmt[f]));
    free(cut);
    if (f != F_TITLE && s != NULL && s[0] != '\0')
        track(sh, r1, c1, c2, width_of(s), width_of(s));
}

/* Merges a row's cells c1..c2 and puts a formula with its value into the first. */
static void
merge_formula(struct sheet *sh, lxw_row_t row, lxw_col_t c1, lxw_col_t c2, const char *formula,
              double v, lxw_format *fmt)
{
    check(sh->x, worksheet_merge_range(sh->ws, row, c1, row, c2, "", fmt));
    check(sh->x, worksheet_write_formula_num(sh->ws, row, c1, formula, fmt, v));
}

/* Adds a worksheet; returns 0, or -1 with x->err set when the name is not a valid sheet name. */
static int
sheet_open(struct sheet *sh, struct xl *x, const char *name, lxw_col_t ncols, int landscape)
{
    lxw_error e;

    memset(sh, 0, sizeof(*sh));
    sh->x = x;
    sh->ncols = ncols;
    sh->landscape = landscape;
    if (x->err != LXW_NO_ERROR)
        return -1;
    if ((e = workbook_validate_sheet_name(x->wb, name)) != LXW_NO_ERROR) {
        check(x, e);
        return -1;
    }
    if ((sh->ws = workbook_add_worksheet(x->wb, name)) == NULL) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return -1;
    }
    return 0;
}

/* Row 1: the title across the table. Row 2: 单位名称 and 报告年度. */
static void
sheet_heading(struct sheet *sh, const char *title)
{
    const struct xl *x = sh->x;
    lxw_col_t last = sh->ncols - 1;

    merge_text(sh, 0, 0, 0, last, title, F_TITLE);
    check(sh->x, worksheet_set_row(sh->ws, 0, 24, NULL));
    put_text(sh, 1, 0, label(x, "A.1", "unit_name"), F_PLAIN);
    merge_text(sh, 1, 1, 1, last - 2, x->r->unit_name, F_PLAIN);
    put_text(sh, 1, last - 1, tx(x, "报告年度", "Reporting year"), F_PLAIN);
    check(sh->x, worksheet_write_number(sh->ws, 1, last, x->r->year, x->fmt[F_YEAR]));
    sh->row = 2;
}

/* Widths from the content (CJK double), row heights for wrapped text, A4 print setup. */
static void
sheet_close(struct sheet *sh)
{
    int colw[MAX_COLS], *lines;
    lxw_row_t r;
    lxw_col_t c;
    size_t i;

    if (sh->ws == NULL)
        return;
    for (c = 0; c < sh->ncols; c++) {
        colw[c] = sh->width[c] + 2;
        colw[c] = colw[c] < COL_MIN ? COL_MIN : colw[c] > COL_MAX ? COL_MAX : colw[c];
        check(sh->x, worksheet_set_column(sh->ws, c, c, colw[c], NULL));
    }
    lines = xcalloc(sh->row + 1, sizeof(*lines));
    for (i = 0; i < sh->ncells; i++) {
        const struct tcell *t = &sh->cells[i];
        int room = 0, n;

        for (c = t->c1; c <= t->c2; c++)
            room += colw[c];
        n = (t->width + room - 3) / (room - 2);     /* lines, rounded up; 2 units of padding */
        if (t->row <= sh->row && n > lines[t->row])
            lines[t->row] = n;
    }
    worksheet_set_default_row(sh->ws, ROW_PT, 0);
    for (r = 2; r <= sh->row; r++)
        if (lines[r] > 1)
            check(sh->x, worksheet_set_row(sh->ws, r, ROW_PT + (lines[r] - 1) * LINE_PT, NULL));
    free(lines);
    free(sh->cells);

    worksheet_set_paper(sh->ws, 9);
    if (sh->landscape)
        worksheet_set_landscape(sh->ws);
    else
        worksheet_set_portrait(sh->ws);
    worksheet_fit_to_pages(sh->ws, 1, 0);
    worksheet_center_horizontally(sh->ws);
    check(sh->x, worksheet_repeat_rows(sh->ws, 0, sh->repeat));
    check(sh->x, worksheet_set_footer(sh->ws, tx(sh->x, "&C第 &P 页，共 &N 页",
                                                 "&CPage &P of &N")));
}

/* A row of column headers: the forms' labels of keys, from column 0. */
static void
header_row(struct sheet *sh, const char *form_id, const char *const *keys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        put_text(sh, sh->row, (lxw_col_t)i, label(sh->x, form_id, keys[i]), F_HEAD);
    sh->repeat = sh->row;
    sh->row++;
}

/* ---- A.1 基本信息 ---------------------------------------------------------------------------- */

/* The standard prints these fields two to a row; any other in_table field gets a row of its own. */
static const char *const a1_pairs[][2] = {
    {"building_area", "land_area"},
    {"contact", "phone"},
};

static const char *
a1_partner(const char *key, int *first)
{
    size_t i;

    for (i = 0; i < nitems(a1_pairs); i++) {
        if (strcmp(a1_pairs[i][0], key) == 0) {
            *first = 1;
            return a1_pairs[i][1];
        }
        if (strcmp(a1_pairs[i][1], key) == 0) {
            *first = 0;
            return a1_pairs[i][0];
        }
    }
    return NULL;
}

/* One A.1 value in cells c1..c2 of the row: numbers as numbers with their unit, text as text. */
static void
a1_value(struct sheet *sh, lxw_col_t c1, lxw_col_t c2, const struct report_info *ri)
{
    char *end;
    double v;

    if (ri->value != NULL && (ri->fd->type == FT_NUMBER || ri->fd->type == FT_INTEGER)) {
        v = strtod(ri->value, &end);
        if (end != ri->value && *end == '\0') {
            if (c1 != c2)
                merge_text(sh, sh->row, c1, sh->row, c2, "", F_TEXT);
            put_qty(sh, sh->row, c1, v, ri->fd->unit, whole(v), 0);
            return;
        }
    }
    merge_text(sh, sh->row, c1, sh->row, c2, ri->value, F_TEXT);
}

static const struct report_info *
a1_info(const struct report_year *r, const char *key)
{
    size_t i;

    for (i = 0; i < r->ninfo; i++)
        if (strcmp(r->info[i].fd->key, key) == 0)
            return &r->info[i];
    return NULL;
}

static void
sheet_a1(struct xl *x)
{
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (sheet_open(&sh, x, forms_title(form(x, "A.1"), r->lang), 4, 0) != 0)
        return;
    sheet_heading(&sh, forms_title(form(x, "A.1"), r->lang));
    sh.repeat = 1;
    for (i = 0; i < r->ninfo; i++) {
        const struct report_info *ri = &r->info[i], *other;
        const char *partner;
        int first;

        if (!ri->fd->in_table)
            continue;
        partner = a1_partner(ri->fd->key, &first);
        other = partner != NULL ? a1_info(r, partner) : NULL;
        if (other != NULL && other->fd->in_table && !first)
            continue;   /* written beside its partner */
        put_text(&sh, sh.row, 0, ri->label, F_LABEL);
        if (other != NULL && other->fd->in_table) {
            a1_value(&sh, 1, 1, ri);
            put_text(&sh, sh.row, 2, other->label, F_LABEL);
            a1_value(&sh, 3, 3, other);
        } else {
            a1_value(&sh, 1, 3, ri);
        }
        sh.row++;
    }
    sheet_close(&sh);
}

/* ---- A.2 用能情况 ---------------------------------------------------------------------------- */

static void
sheet_a2(struct xl *x)
{
    static const char *const heads[] = {"energy_kind", "consumption", "energy_tce"};
    const struct report_year *r = x->r;
    lxw_row_t total_row, first;
    char formula[64];
    struct sheet sh;
    size_t i, n = 0;

    if (sheet_open(&sh, x, forms_title(form(x, "A.2"), r->lang), 4, 0) != 0)
        return;
    sheet_heading(&sh, forms_title(form(x, "A.2"), r->lang));
    total_row = sh.row++;
    put_text(&sh, total_row, 0, label(x, "A.2", "total_tce"), F_LABEL);
    for (i = 0; i < nitems(heads); i++)
        put_text(&sh, sh.row, (lxw_col_t)(i + 1), label(x, "A.2", heads[i]), F_HEAD);
    sh.repeat = sh.row++;
    first = sh.row;
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        if (!s->is_energy)
            continue;
        put_text(&sh, sh.row, 1, s->label, F_TEXT);
        put_qty(&sh, sh.row, 2, s->quantity, s->unit, whole(s->quantity), 0);
        put_t2(&sh, sh.row, 3, s->tce, F_T2);
        sh.row++;
        n++;
    }
    merge_text(&sh, first - 1, 0, first - 1 + n, 0, label(x, "A.2", "energy_group"), F_GROUP);
    if (n > 0) {
        sum_formula(formula, sizeof(formula), first, 3, first + n - 1, 3);
        merge_formula(&sh, total_row, 1, 3, formula, r->energy_tce, x->fmt[F_T2B]);
    } else {
        merge_text(&sh, total_row, 1, total_row, 3, "", F_T2B);
        check(x, worksheet_write_number(sh.ws, total_row, 1, r->energy_tce, x->fmt[F_T2B]));
    }
    sheet_close(&sh);
}

/* ---- A.3 碳排放源一览表 ------------------------------------------------------------------------ */

/* The standard's example writes "/" in a cell with nothing to say. */
static const char *
or_slash(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "/";
}

static void
sheet_a3(struct xl *x)
{
    static const char *const heads[] = {"category", "source", "facility", "location", "note"};
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (sheet_open(&sh, x, forms_title(form(x, "A.3"), r->lang), 5, 0) != 0)
        return;
    sheet_heading(&sh, forms_title(form(x, "A.3"), r->lang));
    header_row(&sh, "A.3", heads, nitems(heads));
    for (i = 0; i < r->nentries; i++) {
        const struct report_entry *en = &r->entries[i];

        put_text(&sh, sh.row, 0, en->category, F_TEXT);
        put_text(&sh, sh.row, 1, en->source, F_TEXT);
        put_text(&sh, sh.row, 2, or_slash(en->facility), F_TEXT);
        put_text(&sh, sh.row, 3, or_slash(en->location), F_TEXT);
        put_text(&sh, sh.row, 4, or_slash(en->note), F_TEXT);
        sh.row++;
    }
    sheet_close(&sh);
}

/* ---- A.4 碳排放汇总表 -------------------------------------------------------------------------- */

/* The rows the standard always prints under 净购入电力与热力产生的排放, present or not. */
static const struct {
    enum src_kind kind;
    const char *zh, *en;
} a4_fixed[] = {
    {SRC_ELECTRICITY, "外购电力", "Purchased electricity"},
    {SRC_HEAT, "外购热力", "Purchased heat"},
};

struct a4_item {
    const char *label;
    double tco2e;
};

/* The rows of category cat: its sources, and for purchased energy the standard's fixed rows. */
static size_t
a4_items(const struct xl *x, enum src_cat cat, struct a4_item *items, size_t max)
{
    const struct report_year *r = x->r;
    size_t i, k, n = 0;

    if (cat == CAT_PURCHASED) {
        for (k = 0; k < nitems(a4_fixed) && n < max; k++, n++) {
            items[n] = (struct a4_item){tx(x, a4_fixed[k].zh, a4_fixed[k].en), 0};
            for (i = 0; i < r->nsources; i++)
                if (r->sources[i].src->kind == a4_fixed[k].kind)
                    items[n] = (struct a4_item){r->sources[i].label, r->sources[i].tco2e};
        }
    }
    for (i = 0; i < r->nsources && n < max; i++) {
        const struct report_source *s = &r->sources[i];

        if (s->cat != cat)
            continue;
        for (k = 0; cat == CAT_PURCHASED && k < nitems(a4_fixed); k++)
            if (s->src->kind == a4_fixed[k].kind)
                break;
        if (cat != CAT_PURCHASED || k == nitems(a4_fixed))
            items[n++] = (struct a4_item){s->label, s->tco2e};
    }
    return n;
}

/* A category: its name merged down beside 小计 and one row per source. Returns the 小计 row. */
static lxw_row_t
a4_group(struct sheet *sh, enum src_cat cat, const char *unit)
{
    struct xl *x = sh->x;
    size_t n = x->r->nsources + nitems(a4_fixed), i;
    struct a4_item *items = xcalloc(n, sizeof(*items));
    lxw_row_t sub = sh->row;
    char formula[64];

    n = a4_items(x, cat, items, n);
    merge_text(sh, sub, 0, sub + n, 0, factors_cat_label(cat, x->r->lang == LANG_EN), F_GROUP);
    put_text(sh, sub, 1, tx(x, "小计", "Subtotal"), F_TEXT);
    put_text(sh, sub, 3, unit, F_TEXT);
    for (i = 0; i < n; i++) {
        put_text(sh, sub + 1 + i, 1, items[i].label, F_TEXT);
        put_t2(sh, sub + 1 + i, 2, items[i].tco2e, F_T2);
        put_text(sh, sub + 1 + i, 3, unit, F_TEXT);
    }
    if (n > 0) {
        sum_formula(formula, sizeof(formula), sub + 1, 2, sub + n, 2);
        put_t2_formula(sh, sub, 2, formula, x->r->cat_tco2e[cat], F_T2B);
    } else {
        put_t2(sh, sub, 2, x->r->cat_tco2e[cat], F_T2B);
    }
    sh->row = sub + 1 + n;
    free(items);
    return sub;
}

/* An indicator row of A.4: label over two columns, value (or why there is none), unit. */
static lxw_row_t
a4_line(struct sheet *sh, const char *key, const char *missing)
{
    lxw_row_t row = sh->row++;

    merge_text(sh, row, 0, row, 1, label(sh->x, "A.4", key), F_LABEL);
    put_text(sh, row, 3, unit_of(sh->x, "A.4", key), F_TEXT);
    if (missing != NULL)
        put_text(sh, row, 2, missing, F_TEXT);
    return row;
}

static void
sheet_a4(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *t = unit_of(x, "A.4", "total");
    lxw_row_t total, row;
    char formula[128], a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    struct strbuf sb = {0};
    struct sheet sh;
    size_t i;
    int c, fugitive = 0;

    if (sheet_open(&sh, x, forms_title(form(x, "A.4"), r->lang), 4, 0) != 0)
        return;
    sheet_heading(&sh, forms_title(form(x, "A.4"), r->lang));
    sh.repeat = 1;
    total = a4_line(&sh, "total", NULL);
    for (i = 0; i < r->nsources; i++)
        fugitive |= r->sources[i].cat == CAT_FUGITIVE;
    sb_append(&sb, "=");
    for (c = 0; c < CAT__COUNT; c++) {
        if (c == CAT_FUGITIVE && !fugitive)
            continue;
        lxw_rowcol_to_cell(a, a4_group(&sh, (enum src_cat)c, t), 2);
        sb_printf(&sb, "%s%s", sb.len > 1 ? "+" : "", a);
    }
    put_t2_formula(&sh, total, 2, sb.s, r->total_tco2e, F_T2B);
    sb_free(&sb);

    lxw_rowcol_to_cell(a, total, 2);
    row = a4_line(&sh, "building_area", r->has_area ? NULL : tx(x, "未填写", "not filled in"));
    if (r->has_area)
        put_qty(&sh, row, 2, r->building_area_m2, NULL, whole(r->building_area_m2), 0);
    lxw_rowcol_to_cell(b, row, 2);
    row = a4_line(&sh, "intensity", r->has_area ? NULL : tx(x, "未填写建筑面积", "no floor area"));
    snprintf(formula, sizeof(formula), "=%s*1000/%s", a, b);
    if (r->has_area)
        put_t2_formula(&sh, row, 2, formula, r->intensity_kgco2e_per_m2, F_T2);
    row = a4_line(&sh, "headcount", r->has_headcount ? NULL : tx(x, "未填写", "not filled in"));
    if (r->has_headcount)
        put_num(&sh, row, 2, r->headcount, x->fmt[F_INT], num_width(r->headcount, 0, NULL));
    lxw_rowcol_to_cell(b, row, 2);
    row = a4_line(&sh, "per_capita", r->has_headcount ? NULL
                                                       : tx(x, "未填写用能人数", "no headcount"));
    snprintf(formula, sizeof(formula), "=%s/%s", a, b);
    if (r->has_headcount)
        put_t2_formula(&sh, row, 2, formula, r->per_capita_tco2e, F_T2);
    sheet_close(&sh);
}

/* ---- A.5 碳排放活动水平数据, A.6 排放因子数据 ---------------------------------------------------- */

static void
sheet_a5(struct xl *x)
{
    static const char *const heads[] = {"category", "source", "data", "unit", "data_source"};
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (sheet_open(&sh, x, forms_title(form(x, "A.5"), r->lang), 5, 0) != 0)
        return;
    sheet_heading(&sh, forms_title(form(x, "A.5"), r->lang));
    header_row(&sh, "A.5", heads, nitems(heads));
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        put_text(&sh, sh.row, 0, s->category, F_TEXT);
        put_text(&sh, sh.row, 1, s->label, F_TEXT);
        put_qty(&sh, sh.row, 2, s->quantity, NULL, whole(s->quantity), 0);
        put_text(&sh, sh.row, 3, s->unit, F_TEXT);
        put_text(&sh, sh.row, 4, s->data_source, F_TEXT);
        sh.row++;
    }
    sheet_close(&sh);
}

static void
sheet_a6(struct xl *x)
{
    static const char *const heads[] = {"category", "source", "data", "factor_unit", "data_source",
                                        "derivation"};
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (sheet_open(&sh, x, forms_title(form(x, "A.6"), r->lang), 6, 1) != 0)
        return;
    sheet_heading(&sh, forms_title(form(x, "A.6"), r->lang));
    header_row(&sh, "A.6", heads, nitems(heads));
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];
        char *src = s->flag != NULL ? xasprintf("%s（%s%s）", s->factor_source,
                                                tx(x, "注意：", "caution: "), s->flag)
                                    : xstrdup(s->factor_source);

        put_text(&sh, sh.row, 0, s->category, F_TEXT);
        put_text(&sh, sh.row, 1, s->label, F_TEXT);
        put_num(&sh, sh.row, 2, s->factor, x->fmt[F_FACTOR], snprintf(NULL, 0, "%.9g", s->factor));
        put_text(&sh, sh.row, 3, s->factor_unit, F_TEXT);
        put_text(&sh, sh.row, 4, src, F_TEXT);
        put_text(&sh, sh.row, 5, or_slash(s->derivation), F_TEXT);
        sh.row++;
        free(src);
    }
    sheet_close(&sh);
}

/* ---- 月度明细 -------------------------------------------------------------------------------- */

static const char *const month_zh[MONTH_COLS] = {
    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
};
static const char *const month_en[MONTH_COLS] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

#define COL_SRC 0                               /* 排放源 */
#define COL_UNIT 1                              /* 单位 */
#define COL_MONTH 2                             /* 1月 */
#define COL_UNALLOC (COL_MONTH + MONTH_COLS)    /* 季度/全年（未分摊到月） */
#define COL_TOTAL (COL_UNALLOC + 1)             /* 合计 */

/* A block's caption and column headers. */
static void
month_header(struct sheet *sh, const char *caption)
{
    const struct xl *x = sh->x;
    int m;

    merge_text(sh, sh->row, 0, sh->row, COL_TOTAL, caption, F_PLAIN);
    sh->row++;
    put_text(sh, sh->row, COL_SRC, label(x, "A.5", "source"), F_HEAD);
    put_text(sh, sh->row, COL_UNIT, label(x, "A.5", "unit"), F_HEAD);
    for (m = 0; m < MONTH_COLS; m++)
        put_text(sh, sh->row, COL_MONTH + m, tx(x, month_zh[m], month_en[m]), F_HEAD);
    put_text(sh, sh->row, COL_UNALLOC, tx(x, "季度/全年（未分摊到月）",
                                          "Quarterly/annual (not by month)"), F_HEAD);
    put_text(sh, sh->row, COL_TOTAL, tx(x, "合计", "Total"), F_HEAD);
    sh->row++;
}

/* A source's activity: 12 months, the quarterly and annual rest, their sum; whole numbers when
   the row has no fractions. */
static void
month_quantities(struct sheet *sh, const struct report_source *s)
{
    char formula[64];
    int m, w = whole(s->unallocated_quantity) && whole(s->quantity);

    for (m = 0; m < MONTH_COLS; m++)
        w &= whole(s->month_quantity[m]);
    put_text(sh, sh->row, COL_SRC, s->label, F_TEXT);
    put_text(sh, sh->row, COL_UNIT, s->unit, F_TEXT);
    for (m = 0; m < MONTH_COLS; m++)
        put_qty(sh, sh->row, COL_MONTH + m, s->month_quantity[m], NULL, w, 1);
    put_qty(sh, sh->row, COL_UNALLOC, s->unallocated_quantity, NULL, w, 1);
    sum_formula(formula, sizeof(formula), sh->row, COL_MONTH, sh->row, COL_UNALLOC);
    put_formula(sh, sh->row, COL_TOTAL, formula, s->quantity, qty_format(sh->x, NULL, w, 0),
                num_width(s->quantity, w ? 0 : 4, NULL));
    sh->row++;
}

/* A source's emissions by month, the rest, and their sum. */
static void
month_emissions(struct sheet *sh, const struct report_source *s)
{
    lxw_format *dash = code_format(sh->x, "0.00;-0.00;\"-\"");
    char formula[64];
    int m;

    put_text(sh, sh->row, COL_SRC, s->label, F_TEXT);
    put_text(sh, sh->row, COL_UNIT, unit_of(sh->x, "A.4", "total"), F_TEXT);
    for (m = 0; m < MONTH_COLS; m++)
        put_num(sh, sh->row, COL_MONTH + m, s->month_tco2e[m], dash,
                num_width(s->month_tco2e[m], 2, NULL));
    put_num(sh, sh->row, COL_UNALLOC, s->unallocated_tco2e, dash,
            num_width(s->unallocated_tco2e, 2, NULL));
    sum_formula(formula, sizeof(formula), sh->row, COL_MONTH, sh->row, COL_UNALLOC);
    put_t2_formula(sh, sh->row, COL_TOTAL, formula, s->tco2e, F_T2);
    sh->row++;
}

/* The total row of the emission block: each column summed over the sources. */
static void
month_totals(struct sheet *sh, lxw_row_t first, size_t n)
{
    struct xl *x = sh->x;
    const struct report_year *r = x->r;
    char formula[64];
    lxw_col_t c;

    put_text(sh, sh->row, COL_SRC, tx(x, "合计", "Total"), F_LABEL);
    put_text(sh, sh->row, COL_UNIT, unit_of(x, "A.4", "total"), F_TEXT);
    for (c = COL_MONTH; c <= COL_TOTAL; c++) {
        double v = c < COL_UNALLOC ? r->month_tco2e[c - COL_MONTH]
                   : c == COL_UNALLOC ? r->unallocated_tco2e : r->total_tco2e;

        if (n == 0) {
            put_t2(sh, sh->row, c, v, F_T2B);
            continue;
        }
        sum_formula(formula, sizeof(formula), first, c, first + n - 1, c);
        put_t2_formula(sh, sh->row, c, formula, v, F_T2B);
    }
    sh->row++;
}

static void
sheet_months(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = tx(x, "月度明细", "Monthly detail");
    struct sheet sh;
    size_t i;

    if (sheet_open(&sh, x, name, COL_TOTAL + 1, 1) != 0)
        return;
    x->month_sheet = xstrdup(name);
    sheet_heading(&sh, name);
    sh.repeat = 1;
    month_header(&sh, tx(x, "活动水平（数量）", "Activity (quantity)"));
    for (i = 0; i < r->nsources; i++)
        month_quantities(&sh, &r->sources[i]);
    sh.row++;
    month_header(&sh, tx(x, "碳排放量（tCO₂e）", "Emissions (tCO₂e)"));
    x->em_head = sh.row - 1;
    x->em_first = sh.row;
    for (i = 0; i < r->nsources; i++)
        month_emissions(&sh, &r->sources[i]);
    x->em_last = sh.row - 1;
    x->em_total = sh.row;
    month_totals(&sh, x->em_first, r->nsources);
    sheet_close(&sh);
}

/* ---- 图表 ------------------------------------------------------------------------------------ */

static lxw_chart *
new_chart(struct xl *x, uint8_t type, const char *title, lxw_row_t r1, lxw_col_t c1,
          lxw_row_t r2, lxw_col_t c2, lxw_row_t vrow, lxw_col_t vcol)
{
    lxw_chart *chart = workbook_add_chart(x->wb, type);
    lxw_chart_series *s;

    if (chart == NULL || (s = chart_add_series(chart, NULL, NULL)) == NULL)
        fatal("export: out of memory");
    chart_series_set_categories(s, x->month_sheet, r1, c1, r2, c2);
    chart_series_set_values(s, x->month_sheet, vrow, vcol, vrow + (r2 - r1), vcol + (c2 - c1));
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0.00");
    chart_title_set_name(chart, title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* in a bar chart x is the (horizontal) value axis, in a column chart y is */
    chart_axis_set_num_format(type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis, "0");
    return chart;
}

static void
sheet_charts(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = tx(x, "图表", "Charts");
    lxw_chart_options opt = {.x_offset = 8, .y_offset = 8, .x_scale = 1.4, .y_scale = 1.3};
    lxw_col_t last = r->unallocated_tco2e != 0 ? COL_UNALLOC : COL_UNALLOC - 1;
    lxw_chart *chart;
    struct sheet sh;

    if (sheet_open(&sh, x, name, 10, 0) != 0)
        return;
    sheet_heading(&sh, name);
    if (r->nsources == 0 || x->month_sheet == NULL) {
        put_text(&sh, sh.row++, 0, tx(x, "本年度没有排放数据。", "No emission data this year."),
                 F_PLAIN);
        sheet_close(&sh);
        return;
    }
    /* by source: horizontal bars, top-down in the table's order (a bar chart lists bottom-up) */
    chart = new_chart(x, LXW_CHART_BAR, tx(x, "碳排放量（按排放源，tCO₂e）",
                                           "Emissions by source (tCO₂e)"),
                      x->em_first, COL_SRC, x->em_last, COL_SRC, x->em_first, COL_TOTAL);
    chart_axis_set_reverse(chart->y_axis);
    check(x, worksheet_insert_chart_opt(sh.ws, 3, 0, chart, &opt));
    /* by month, the quarterly and annual rest as a 13th column when there is one */
    chart = new_chart(x, LXW_CHART_COLUMN, tx(x, "碳排放量（按月，tCO₂e）",
                                              "Emissions by month (tCO₂e)"),
                      x->em_head, COL_MONTH, x->em_head, last, x->em_total, COL_MONTH);
    check(x, worksheet_insert_chart_opt(sh.ws, 21, 0, chart, &opt));
    sh.row = 2;
    sheet_close(&sh);
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
    char *title = xasprintf("%s%s%d %s", r->unit_name, r->unit_name[0] != '\0' ? " " : "",
                            r->year, tx(x, "年度碳排放数据", "carbon emission data"));
    char subject[] = "T/ZJJGSW 0005—2024 附录A";
    char comments[] = "tanbook";
    lxw_doc_properties p = {
        .title = title,
        .subject = subject,
        .comments = comments,
        .created = created_time(r->year),
    };

    check(x, workbook_set_properties(x->wb, &p));
    free(title);
}

/*
 * Writes the whole workbook to file: the export_file_writer of export_xlsx, arg its struct xl
 * with only fs and r set. Returns NULL, or the text of the first libxlsxwriter error.
 */
static const char *
write_workbook(const char *file, void *arg)
{
    struct xl *x = arg;
    lxw_error e;
    size_t i;

    if ((x->wb = workbook_new(file)) == NULL)
        return lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED);
    formats_init(x);
    set_properties(x);
    sheet_a1(x);
    sheet_a2(x);
    sheet_a3(x);
    sheet_a4(x);
    sheet_a5(x);
    sheet_a6(x);
    sheet_months(x);
    sheet_charts(x);
    e = workbook_close(x->wb);
    for (i = 0; i < x->nnfmt; i++)
        free(x->nfmt[i].code);
    free(x->nfmt);
    free(x->month_sheet);
    if (x->err != LXW_NO_ERROR)
        e = x->err;
    return e != LXW_NO_ERROR ? lxw_strerror(e) : NULL;
}

enum err
export_xlsx(const struct form_set *fs, const struct report *r, const char *path, char **cause)
{
    struct xl x = {.fs = fs, .r = report_cur(r)};

    return export_file_write(path, write_workbook, &x, cause);
}
