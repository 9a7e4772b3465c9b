/*
 * export_xlsx.h - what the Excel export files share: export_xlsx.c (the workbook, its formats,
 * the cell and sheet primitives, properties, the writer), export_xlsx_rows.c (the writes put
 * out in row order, for constant_memory), export_xlsx_blocks.c (the plan sheets' blocks),
 * export_xlsx_tables.c (表A.1–表A.6),
 * export_xlsx_notes.c (因子说明, 活动数据明细), export_xlsx_detail.c (月度明细, 图表) and
 * export_xlsx_perf.c (碳绩效参数, 碳基准与目标), export_xlsx_neutral.c (可再生能源与绿电,
 * 碳抵消与碳中和), export_xlsx_statement.c (碳中和声明), export_xlsx_zc.c (零碳机关评价),
 * export_xlsx_maturity.c (成熟度评价) and export_xlsx_evidence.c (佐证材料清单): the
 * export in progress, the sheet being filled and the helpers every sheet writes with. The shared
 * names start with xl_, after struct xl. Private to export_xlsx*.c, the only files that include
 * xlsxwriter.h.
 */
#ifndef TANBOOK_EXPORT_XLSX_H
#define TANBOOK_EXPORT_XLSX_H

#include <stddef.h>

#include <xlsxwriter.h>

#include "data/factors.h"
#include "data/forms.h"
#include "export/export.h"
#include "core/neutral.h"
#include "core/perf.h"
#include "core/plan.h"
#include "core/report.h"

#define MAX_COLS 24             /* the widest sheet: 月度明细 */
#define XL_FONT "宋体"          /* every cell and chart; Calibri has no Chinese */

enum fmt {
    F_TITLE,   /* the merged title row */
    F_PLAIN,   /* the unit line's labels, no border */
    F_NAME,    /* the unit name in the unit line: wraps rather than being cut off */
    F_YEAR,    /* the report year in the unit line */
    F_HEAD,    /* column headers */
    F_LABEL,   /* a label cell of A.1, A.2 and A.4 */
    F_GROUP,   /* a category merged down beside its rows */
    F_TEXT,    /* body text */
    F_NOTE,    /* a note under a table, across it, no border */
    F_T2,      /* tCO₂e and tce: #,##0.00 */
    F_T2B,     /* a total in tCO₂e or tce */
    F_INT,     /* 用能人数 */
    F_NA,      /* "/": a period 不适用 (the source does not run), centred */
    F__COUNT
};

struct xl {                     /* one export in progress */
    const struct form_set *fs;
    const struct report_year *r;   /* the reporting year */
    const struct perf *perf;    /* the performance over the years, or NULL (no 碳绩效 sheets) */
    const struct wb_plan *plan; /* its plan (base history, measures), or NULL */
    const struct neutral *neutral;      /* the year's judgement, or NULL (no 碳中和 sheets) */
    const struct grid_factor *residual; /* the residual factor it used, or NULL */
    const struct export_eval *eval;     /* the year's evaluations, or NULL (no 评价 sheets) */
    lxw_workbook *wb;
    lxw_error err;              /* the first libxlsxwriter failure, which fails the export */
    lxw_format *fmt[F__COUNT];
    lxw_format *quoted[F__COUNT];   /* the same, for text that begins like a formula (on demand) */
    struct num_fmt *nfmt;       /* the number formats made on demand (export_xlsx.c) */
    struct qty_last {           /* the last xl_qty_format asked for, and what it gave */
        char *unit;
        int whole, dash;
        lxw_format *fmt;
    } qty_last;
    size_t nnfmt;
    char *month_sheet;          /* the name charts read from */
    lxw_row_t em_first, em_last;/* 月度明细: the emission rows of the sources */
    lxw_row_t em_head, em_total;/* … their header row and total row */
    int any_month, any_quarter, any_year;   /* the year has monthly, quarterly, annual rows */
    int measure;                /* the sheet being written is only measured this time */
    int measured;               /* … and this time written with the widths of measured_width */
    int measured_width[MAX_COLS];
};

enum xop_kind {                 /* what an op writes (export_xlsx_rows.c) */
    OP_STRING, OP_BLANK, OP_NUMBER, OP_FORMULA, OP_MERGE, OP_ROW
};

struct xop {                    /* one write to a sheet, kept until its row is written */
    lxw_row_t row, r2;          /* the cell, or the merge row..r2 × col..c2 */
    lxw_col_t col, c2;
    lxw_col_t tc1, tc2;         /* the columns its text spans, for its row's height … */
    int width;                  /* … and its display width (-1: not counted) */
    enum xop_kind kind;
    lxw_format *fmt;
    double v;                   /* a number, a formula's value, a row's height */
    size_t text;                /* offset of its string or formula in the sheet's texts */
    size_t seq;                 /* the order it was made in */
};

struct pending;

struct sheet {                  /* a worksheet being filled */
    struct xl *x;
    lxw_worksheet *ws;
    lxw_col_t ncols;
    lxw_row_t row;              /* the next row to write */
    lxw_row_t repeat;           /* rows 0..repeat print on every page */
    int landscape;
    lxw_row_t freeze_row;       /* panes frozen above this row and left of freeze_col (0: none) */
    lxw_col_t freeze_col;
    int rounded;                /* a total shown differs from the sum of its parts as shown */
    int width[MAX_COLS];        /* widest single-column content per column */
    int measure;                /* the first of two runs: only the widths are worked out */
    int stream;                 /* the widths are known: rows may be written as they are done */
    struct xop *ops;            /* the writes waiting for their rows (export_xlsx_rows.c) */
    size_t nops, opcap, seq;
    char *text;                 /* their strings and formulas */
    size_t tlen, tcap;
    struct pending *pend;       /* merges whose lower rows are still to be padded */
    size_t npend, pendcap;
    lxw_row_t padded;           /* the last row written or padded */
    int started;
};

/* ---- writing in row order (export_xlsx_rows.c) ---------------------------------------------- */

/* A new op of sh (NULL, nothing kept, while sh is only measured). */
struct xop *xl_op(struct sheet *sh, enum xop_kind kind, lxw_row_t row, lxw_col_t col,
                  lxw_format *fmt);
/* Keeps a copy of s as o's text (nothing when o is NULL). */
void xl_op_text(struct sheet *sh, struct xop *o, const char *s);
/*
 * Writes the ops of the rows above row below, in row order, each row with the height its texts
 * need in columns colw, and the pads of the merges over them; keeps the rest.
 */
void xl_rows_flush(struct sheet *sh, lxw_row_t below, const int *colw);
/* Column c's width (Excel units) from its widest content, within limits; all of them in colw. */
int xl_col_width(const struct sheet *sh, lxw_col_t c);
void xl_col_widths(const struct sheet *sh, int *colw);
/* Frees what sh keeps for writing in row order. */
void xl_rows_free(struct sheet *sh);

/* ---- helpers (export_xlsx.c) ----------------------------------------------------------------- */

/* zh or en, in the report's language. */
const char *xl_tx(const struct xl *x, const char *zh, const char *en);
/* Keeps e as the export's error when it is the first failure. */
void xl_check(struct xl *x, lxw_error e);
/* The form id; fatal() when forms/ lacks it. */
const struct form_def *xl_form(const struct xl *x, const char *id);
/* The label of field key of form form_id in the report's language; fatal() when it is missing. */
const char *xl_label(const struct xl *x, const char *form_id, const char *key);
/* The unit of field key of form form_id, "" when it has none. */
const char *xl_unit_of(const struct xl *x, const char *form_id, const char *key);
/* Whether v shows as a whole number, so its quantity needs no decimals. */
int xl_whole(double v);
/* Display width of v with `decimals` decimals and thousands separators, plus its unit suffix. */
int xl_num_width(double v, int decimals, const char *suffix);
/* "=SUM(C5:C9)" into buf (size LXW_MAX_CELL_RANGE_LENGTH + 8). */
void xl_sum_formula(char *buf, size_t size, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                    lxw_col_t c2);

/* The bordered format with number format code, made once per code. */
lxw_format *xl_code_format(struct xl *x, const char *code);
/*
 * A quantity format: no decimals for whole numbers (bills mostly are), else 2 to 4; the unit after
 * the number when given; with dash, a zero shows as "-" so the months with data stand out.
 */
lxw_format *xl_qty_format(struct xl *x, const char *unit, int is_whole, int dash);

/* ---- sheet primitives (export_xlsx.c) -------------------------------------------------------- */

/* Text in format f; a blank cell for NULL or "". */
void xl_put_text(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *s, enum fmt f);
/*
 * Text in format f (one that wraps) that asks its column for at most `most` display columns and
 * wraps beyond: free text (a reason, a measure) that should not widen a table of figures.
 */
void xl_put_wrap(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *s, enum fmt f,
                 int most);
/* A number in format fmt that no column width counts (the year beside 报告年度). */
void xl_put_bare_num(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt);
/* A number in format fmt, taking `width` display columns. */
void xl_put_num(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt,
                int width);
/*
 * The bordered format for a value with `decimals` decimals (thousands separated) and unit after
 * it: 0.0000" tCO₂/MWh".
 */
lxw_format *xl_unit_format(struct xl *x, int decimals, const char *unit);
/* The fewest decimals (at most 9) that show v exactly as stored. */
int xl_decimals(double v);
/*
 * Notes that the total shown differs from the sum of the n parts as shown (2 decimals), so the
 * sheet gets xl_rounding_note().
 */
void xl_sum_shown(struct sheet *sh, double total, const double *parts, size_t n);

/* A figure in tCO₂e or tce: 2 decimals. */
void xl_put_t2(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, enum fmt f);
/* A quantity, with its unit after the number when unit is given (see xl_qty_format). */
void xl_put_qty(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, const char *unit,
                int is_whole, int dash);
/* A formula with its value computed here, so no program needs to recalculate to show it. */
void xl_put_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula,
                    double v, lxw_format *fmt, int width);
/* xl_put_formula of a figure in tCO₂e or tce, in format f. */
void xl_put_t2_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula,
                       double v, enum fmt f);
/* Merges r1..r2 × c1..c2 showing s (a single cell is simply written). */
void xl_merge_text(struct sheet *sh, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                   const char *s, enum fmt f);
/* Merges a row's cells c1..c2 and puts a formula with its value into the first. */
void xl_merge_formula(struct sheet *sh, lxw_row_t row, lxw_col_t c1, lxw_col_t c2,
                      const char *formula, double v, lxw_format *fmt);

/* Adds a worksheet; returns 0, or -1 with x->err set when the name is not a valid sheet name. */
int xl_sheet_open(struct sheet *sh, struct xl *x, const char *name, lxw_col_t ncols,
                  int landscape);
/* Row 1: the title across the table. Row 2: 单位名称 (unless with_name is 0) and 报告年度. */
void xl_sheet_heading(struct sheet *sh, const char *title, int with_name);
/* A note under the table, across it, after a blank row; wrapped to fit. */
void xl_sheet_note(struct sheet *sh, const char *text);
/* The note that totals are summed before rounding, when sh->rounded. */
void xl_rounding_note(struct sheet *sh);
/*
 * For a sheet that grows with the entries and is written twice (measured, then streamed): writes
 * out the rows above row below when enough are waiting. The sheet writes nothing above it after.
 */
void xl_sheet_flush(struct sheet *sh, lxw_row_t below);
/* Widths from the content (CJK double), row heights for wrapped text, A4 print setup. */
void xl_sheet_close(struct sheet *sh);
/* A row of column headers: the forms' labels of keys, from column 0. */
void xl_header_row(struct sheet *sh, const char *form_id, const char *const *keys, size_t n);

/* ---- blocks of the plan sheets (export_xlsx_blocks.c) ---------------------------------------- */

/* "一、title" in Chinese, "1. title" in English: the numbered title of block n (from 0); caller frees. */
char *xl_block_title(const struct xl *x, int n, const char *title);
/* A block's title: a grey bar across the sheet, after a blank row. */
void xl_bar(struct sheet *sh, const char *text);
/* A line of text across the sheet, no border, wrapped to fit; the next row after it. */
void xl_line(struct sheet *sh, const char *text);
/* Headers from column 0 (zh or en by the report's language), wrapping beyond most columns. */
void xl_heads(struct sheet *sh, const char *const *zh, const char *const *en, size_t n, int most);
/*
 * A figure's row: label merged over columns 0..2, the value's cell in column 3 (the caller
 * writes it), and note (NULL: none) merged over the rest. Returns the row; the next row after it.
 */
lxw_row_t xl_fig_row(struct sheet *sh, const char *label, const char *note);
/* v in fmt, or a blank cell when v is not finite (never inf or NaN in a cell). */
void xl_put_finite(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt,
                   int decimals, const char *unit);

/* ---- the sheets, in workbook order ----------------------------------------------------------- */

/* 表A.1 … 表A.6 (export_xlsx_tables.c). */
void xl_sheet_a1(struct xl *x);
void xl_sheet_a2(struct xl *x);
void xl_sheet_a3(struct xl *x);
void xl_sheet_a4(struct xl *x);
void xl_sheet_a5(struct xl *x);
void xl_sheet_a6(struct xl *x);
/* 因子说明 and 活动数据明细: what the standard's four columns leave out (export_xlsx_notes.c). */
void xl_sheet_factor_notes(struct xl *x);
void xl_sheet_records(struct xl *x);
/* A.3's rows in category order (then library order, then inventory order): n indexes. */
size_t *xl_entry_order(const struct report_year *r);
/* 月度明细, which sets x->month_sheet and the em_ rows 图表 reads (export_xlsx_detail.c). */
void xl_sheet_months(struct xl *x);
/* 图表: charts of the 月度明细 emission rows; a note instead when there are none. */
void xl_sheet_charts(struct xl *x);
/*
 * 碳绩效参数 (every year as reported and like for like, the changes, the trend charts) and
 * 碳基准与目标 (the base period and its history, the split of the change, targets, progress,
 * the measures plan) from x->perf and x->plan (export_xlsx_perf.c); nothing when x->perf is NULL.
 */
void xl_sheet_perf(struct xl *x);
void xl_sheet_targets(struct xl *x);
/*
 * 可再生能源与绿电 (the renewable rows, certificates, shares, both scope 2 figures) and 碳抵消与碳中和
 * (the boundary, every offset judged, the judgement, the rules, the 碳中和计划) from x->neutral
 * and x->plan (export_xlsx_neutral.c); 碳中和声明 (003 §9) when the year achieves neutrality
 * (export_xlsx_statement.c). Nothing when x->neutral is NULL.
 */
void xl_sheet_renewables(struct xl *x);
void xl_sheet_offsets(struct xl *x);
void xl_sheet_statement(struct xl *x);
/*
 * 零碳机关评价 (000 §7's report: the cover, the indicator table with every score and its working,
 * the subtotals, total, grade and veto), 成熟度评价 (002 §12: both parts, the settings, I and its
 * stars) and 佐证材料清单 (every evidence reference of the year, with its file's SHA-256 and
 * state) from x->eval and x->plan; nothing when x->eval is NULL.
 */
void xl_sheet_zc(struct xl *x);
void xl_sheet_maturity(struct xl *x);
void xl_sheet_evidence(struct xl *x);

/* ---- what the evaluation sheets share (export_xlsx_zc.c) ------------------------------------ */

/* The text an assessor entered as code ("#findings") of evaluation eval for the year, or NULL. */
const char *xl_eval_text(const struct xl *x, const char *eval, const char *code);
/* A label merged over columns 0..2 and its text (未填写 when NULL or "") over the rest. */
void xl_eval_pair(struct sheet *sh, const char *label, const char *text);
/*
 * The evaluators of eval on the cover (002 B.2 评价组组成): a table 姓名 | 角色（职务/职称）| 日期 in
 * columns 3 … of the "#evaluators" list (an older free text: names alone), then each assessor
 * named on the year's entries who is not on it, once; 未填写 when there is nobody.
 */
void xl_eval_people(struct sheet *sh, const char *eval);

#endif
