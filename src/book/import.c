/*
 * import.c - the import core: CSV rows → validated A.5 rows, rejections as {line, reason}, and
 * the all-or-nothing write. The overlap rule is check.c's (check_overlaps, check_overlap).
 * A file from a stranger costs memory for its accepted rows only: the CSV is read one row at a
 * time, a row is bounded (IMPORT_MAX_LINE), and of the rejections only the first
 * IMPORT_MAX_REJECTS are kept; the others are counted.
 */
#include "book/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/period.h"
#include "base/text.h"
#include "base/xmem.h"
#include "book/import_reject.h"
#include "core/check.h"
#include "core/engine.h"

/* Bytes a CSV row may take: an A.5 row is a few hundred, its longest texts 200 characters. */
#define IMPORT_MAX_LINE (64 * 1024)

/* The A.5 fields an import reads; the others (排放种类, 数据) are computed and ignored. */
enum col { COL_PERIOD, COL_SOURCE, COL_QUANTITY, COL_UNIT, COL_DATA_SOURCE, COL_FACILITY,
           COL_LOCATION, COL_NOTE, COL__COUNT };

/* The A.5 field key of each column; labels and required flags come from forms/. */
static const char *const columns[] = {
    [COL_PERIOD] = "period",
    [COL_SOURCE] = "source",
    [COL_QUANTITY] = "quantity",
    [COL_UNIT] = "unit",
    [COL_DATA_SOURCE] = "data_source",
    [COL_FACILITY] = "facility",
    [COL_LOCATION] = "location",
    [COL_NOTE] = "note",
};

struct import_row {
    size_t line;
    struct period period;
    char period_text[16];
    const struct source_def *src;
    double quantity;
    int na;                     /* the quantity was "/" or 不适用: the period is not applicable */
    const struct unit_def *unit;
    char *text[COL__COUNT];     /* trimmed cell text for the text columns, "" when absent */
    char *texts;                /* once accepted, text[] points into this one block */
    int rejected;               /* an overlap was found for it (counted in bad_lines) */
};

struct import_year {            /* a workbook year the file touches, loaded once */
    int year;
    int exists;
    struct wb_year y;
};


struct import {
    struct book *wb;
    unsigned flags;             /* enum import_flag */
    const struct app *app;
    struct store *st;
    const struct form_def *a5;
    int col_of[COL__COUNT];     /* CSV column index of each field, -1 when absent */
    const struct field_def *fd[COL__COUNT];   /* each column's field in forms/, looked up once */
    struct import_row *rows;
    size_t nrows;
    size_t rows_cap;
    struct import_year *years;
    size_t nyears;
    struct import_rejects rj;   /* the first IMPORT_MAX_REJECTS reasons, the other lines counted */
    char *last_name;            /* the 排放源 text of the row before and what it named: a file's */
    const struct source_def *last_src;   /* rows come a source's months together, and the */
};                              /* library's names are compared without case (a fifth of it) */

/* The library source a 排放源 cell names, or NULL. */
static const struct source_def *
source_of(struct import *im, const char *name)
{
    if (im->last_name == NULL || strcmp(im->last_name, name) != 0) {
        free(im->last_name);
        im->last_name = xstrdup(name);
        im->last_src = factors_source(im->app->lib, name);
    }
    return im->last_src;
}

/* A reason found while reading the file, where lines come in order. */
#define reject(im, ...) import_reject_add(&(im)->rj, __VA_ARGS__)

/* A reason found for an accepted row after reading (an overlap), in any line order. */
static void
reject_row(struct import *im, struct import_row *r, const char *fmt, ...) XMEM_PRINTF(3, 4);

static void
reject_row(struct import *im, struct import_row *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    import_reject_vadd(&im->rj, r->line, !r->rejected, fmt, ap);
    va_end(ap);
    r->rejected = 1;
}

const struct import_reject *
import_rejects(const struct import *im, size_t *n)
{
    *n = im->rj.n;
    return im->rj.v;
}

size_t
import_bad_lines(const struct import *im)
{
    return im->rj.bad_lines;
}

size_t
import_unlisted_lines(const struct import *im)
{
    return import_reject_unlisted(&im->rj);
}

size_t
import_rows(const struct import *im)
{
    return im->nrows;
}

/* Maps header cells to fields; returns 0 when the header is unusable (after rejecting it). */
static int
map_header(struct import *im, const struct csv_row *hdr)
{
    size_t i, c;
    int ok = 1, matched = 0;

    for (c = 0; c < COL__COUNT; c++)
        im->col_of[c] = -1;
    for (i = 0; i < hdr->n; i++) {
        const struct field_def *fd = forms_field_match(im->a5, hdr->fields[i]);

        if (text_is_blank(hdr->fields[i]))
            continue;
        if (fd == NULL) {
            reject(im, hdr->line, "未知的列名“%s”（可用列名见 tanbook import --help）", hdr->fields[i]);
            ok = 0;
            continue;
        }
        matched++;
        for (c = 0; c < COL__COUNT; c++) {
            if (strcmp(fd->key, columns[c]) != 0)
                continue;
            if (im->col_of[c] >= 0) {
                reject(im, hdr->line, "列“%s”出现了两次", fd->zh);
                ok = 0;
            }
            im->col_of[c] = (int)i;
        }
    }
    if (matched == 0) {
        reject(im, hdr->line, "缺少表头行：第一行应为列名，如 期间,排放源,数量,单位,数据来源");
        return 0;
    }
    for (c = 0; c < COL__COUNT; c++)
        if (im->fd[c]->required && im->col_of[c] < 0) {
            reject(im, hdr->line, "缺少必需的列“%s”", im->fd[c]->zh);
            ok = 0;
        }
    return ok;
}

static const char *
cell(const struct import *im, const struct csv_row *r, enum col c)
{
    int i = im->col_of[c];

    return i >= 0 && (size_t)i < r->n ? r->fields[i] : "";
}

static struct import_year *
year_of(struct import *im, int year, char **cause, enum err *e)
{
    struct import_year *iy;
    size_t i;

    *e = ERR_OK;
    for (i = 0; i < im->nyears; i++)
        if (im->years[i].year == year)
            return &im->years[i];
    im->years = xrealloc(im->years, (im->nyears + 1) * sizeof(*im->years));
    iy = &im->years[im->nyears++];
    memset(iy, 0, sizeof(*iy));
    iy->year = year;
    if ((*e = store_year_exists(im->st, year, &iy->exists, cause)) == ERR_OK && iy->exists)
        *e = book_load(im->wb, year, &iy->y, cause);
    return iy;
}

/* The workbook entry (source, facility) of a loaded year, or NULL. */
static const struct wb_entry *
find_entry(const struct wb_year *y, const char *source_id, const char *facility)
{
    size_t i;

    for (i = 0; i < y->nentries; i++)
        if (strcmp(y->entries[i].source_id, source_id) == 0
            && strcmp(y->entries[i].facility, facility) == 0)
            return &y->entries[i];
    return NULL;
}

/*
 * Whether no more reasons for line would be kept: a rejected row past them is not looked at
 * further (it is counted once; its other reasons would not be shown).
 */
static int
past_kept(const struct import *im, size_t line)
{
    return import_reject_past_kept(&im->rj, line);
}

/* Is a trimmed period cell the period column's name (a header again: files joined with cat)? */
static int
is_header_again(const struct import *im, const char *period)
{
    const struct field_def *fd = im->fd[COL_PERIOD];

    /* text_eq's comparison, without its copies: this runs for every row */
    return strcasecmp(period, fd->key) == 0 || strcmp(period, fd->zh) == 0
           || strcasecmp(period, fd->en) == 0;
}

/* Validates one data row into *out; returns 0 when rejected. */
static int
parse_row(struct import *im, const struct csv_row *r, size_t hdr_n, struct import_row *out,
          char **cause, enum err *fatal_err)
{
    const struct field_def *qf = im->fd[COL_QUANTITY];
    struct import_year *iy;
    const struct factor_pin *pin = NULL;
    char *why = NULL;
    const char *s;
    double act;
    int ok = 1;
    size_t c;

    memset(out, 0, sizeof(*out));
    out->line = r->line;
    *fatal_err = ERR_OK;
    if (r->n > hdr_n)
        for (c = hdr_n; c < r->n; c++)
            if (!text_is_blank(r->fields[c])) {
                reject(im, r->line, "列数（%zu）多于表头（%zu）", r->n, hdr_n);
                ok = 0;
                break;
            }
    if (!ok && past_kept(im, r->line))
        return 0;
    for (c = 0; c < COL__COUNT; c++) {
        const struct field_def *fd = im->fd[c];

        out->text[c] = text_trim(cell(im, r, c));
        if (fd->type == FT_TEXT && forms_validate(fd, out->text[c], &act, &why) != ERR_OK) {
            reject(im, r->line, "%s", why);
            free(why);
            why = NULL;
            ok = 0;
        }
    }
    if (is_header_again(im, out->text[COL_PERIOD])) {
        reject(im, r->line, "这一行又是表头：文件是几个 CSV 拼在一起的吗？请删去这一行");
        return 0;
    }
    if (period_parse(out->text[COL_PERIOD], &out->period, &why) != ERR_OK) {
        reject(im, r->line, "期间：%s", why);
        free(why);
        why = NULL;
        ok = 0;
    } else {
        period_format(&out->period, out->period_text, sizeof(out->period_text));
    }
    if (!ok && past_kept(im, r->line))
        return 0;
    s = out->text[COL_SOURCE];
    if (s[0] == '\0') {
        reject(im, r->line, "缺少排放源");
        ok = 0;
    } else if ((out->src = source_of(im, s)) == NULL) {
        reject(im, r->line, "未知的排放源“%s”（可用的排放源见 tanbook factors）", s);
        ok = 0;
    }
    out->na = model_is_na(cell(im, r, COL_QUANTITY));
    if (!out->na && forms_validate(qf, cell(im, r, COL_QUANTITY), &out->quantity, &why) != ERR_OK) {
        reject(im, r->line, "%s", why);
        free(why);
        why = NULL;
        ok = 0;
    }
    s = out->text[COL_UNIT];
    if (out->na && s[0] == '\0' && out->src != NULL)
        out->unit = out->src->report_unit;      /* 不适用 needs no unit */
    else if ((out->unit = units_find(s)) == NULL) {
        if (s[0] == '\0')
            reject(im, r->line, "缺少单位");
        else
            reject(im, r->line, "未知的单位“%s”", s);
        ok = 0;
    }
    if (!ok || out->src == NULL)
        return 0;
    iy = year_of(im, out->period.year, cause, fatal_err);
    if (*fatal_err != ERR_OK)
        return 0;
    if (!iy->exists && !(im->flags & IMPORT_ADD_YEARS)) {
        reject(im, r->line, "工作簿中没有 %d 年度：期间“%s”写错了吗？确要新增该年度时请加 --add-years",
               out->period.year, out->text[COL_PERIOD]);
        return 0;
    }
    if (iy->exists)
        pin = model_pin(&iy->y, out->src->id);
    if (engine_to_activity(out->src, pin, out->quantity, out->unit->sym, &act, &why) != ERR_OK) {
        reject(im, r->line, "%s", why);
        free(why);
        return 0;
    }
    return 1;
}

/* Orders rows by (source, facility) and then line, so that each key's rows are neighbours. */
static int
cmp_rows(const void *a, const void *b)
{
    const struct import_row *x = *(const struct import_row *const *)a;
    const struct import_row *y = *(const struct import_row *const *)b;
    int c;

    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    if ((c = strcmp(x->text[COL_FACILITY], y->text[COL_FACILITY])) != 0)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

static int
same_key(const struct import_row *a, const struct import_row *b)
{
    return a->src == b->src && strcmp(a->text[COL_FACILITY], b->text[COL_FACILITY]) == 0;
}

/* check_overlaps found b repeating or overlapping a: both tags are rows of the import. */
static void
file_overlap(const struct check_span *a, const struct check_span *b, void *ctx)
{
    struct import *im = ctx;
    struct import_row *x = &im->rows[a->tag], *y = &im->rows[b->tag];

    if (period_cmp(&x->period, &y->period) == 0)
        reject_row(im, y, "与第 %zu 行重复（期间、排放源、排放设施名称都相同）", x->line);
    else
        reject_row(im, y, "期间 %s 与第 %zu 行的 %s 重叠，会重复计算", y->period_text, x->line,
                   x->period_text);
}

/* Rejects rows that repeat or overlap another row of the file with the same source and facility. */
static void
check_file_overlaps(struct import *im)
{
    struct import_row **v = xcalloc(im->nrows + 1, sizeof(*v));
    struct check_span *spans = xcalloc(im->nrows + 1, sizeof(*spans));
    size_t i, j, k;

    for (i = 0; i < im->nrows; i++)
        v[i] = &im->rows[i];
    if (im->nrows > 1)
        qsort(v, im->nrows, sizeof(*v), cmp_rows);
    for (i = 0; i < im->nrows; i = j) {
        for (j = i, k = 0; j < im->nrows && same_key(v[i], v[j]); j++, k++) {
            spans[k].p = v[j]->period;
            spans[k].tag = (size_t)(v[j] - im->rows);
        }
        check_overlaps(spans, k, file_overlap, im);
    }
    free(spans);
    free(v);
}

/* Rejects rows overlapping, without being the same period as, data already in the workbook. */
static void
check_workbook_overlaps(struct import *im)
{
    size_t i, k;

    for (i = 0; i < im->nrows; i++) {
        struct import_row *a = &im->rows[i];
        const struct import_year *iy = NULL;
        const struct wb_activity *other;
        const struct wb_entry *en;
        char p[16];

        for (k = 0; k < im->nyears; k++)
            if (im->years[k].year == a->period.year)
                iy = &im->years[k];
        if (iy == NULL || !iy->exists
            || (en = find_entry(&iy->y, a->src->id, a->text[COL_FACILITY])) == NULL
            || (other = check_overlap(en, &a->period)) == NULL)
            continue;
        period_format(&other->period, p, sizeof(p));
        reject_row(im, a, "期间 %s 与工作簿中已有的 %s 数据重叠，会重复计算", a->period_text, p);
    }
}

enum err
import_apply(struct import *im, struct import_counts *out, char **cause)
{
    long long id = 0;
    size_t i;
    enum err e;

    memset(out, 0, sizeof(*out));
    if (im->rj.bad_lines > 0) {
        *cause = xasprintf("有 %zu 行不能导入", im->rj.bad_lines);
        return ERR_INPUT;
    }
    if ((e = store_begin(im->st, cause)) != ERR_OK)
        return e;
    /* the rows it adds are logged as one (store_bulk.c): one action, a compact log */
    e = store_bulk_begin(im->st, cause);
    for (i = 0; i < im->nyears && e == ERR_OK; i++)
        if (!im->years[i].exists) {
            e = store_year_add(im->st, im->app->lib, im->years[i].year, NULL, NULL, cause);
            out->new_years++;
        }
    for (i = 0; i < im->nrows && e == ERR_OK; i++) {
        const struct import_row *r = &im->rows[i];
        int created = 0, rep = 0;

        /* an entry's months come on consecutive lines: its row is looked up once */
        if (i == 0 || r->period.year != r[-1].period.year || !same_key(r, &r[-1]))
            e = store_entry_ensure(im->st, r->period.year, r->src->id, r->text[COL_FACILITY],
                                   r->text[COL_LOCATION], NULL, &id, &created, cause);
        if (e == ERR_OK && r->na)
            e = store_activity_put_na(im->st, id, r->period_text, r->unit->sym,
                                      r->text[COL_DATA_SOURCE], r->text[COL_NOTE], &rep, cause);
        else if (e == ERR_OK)
            e = store_activity_put(im->st, id, r->period_text, r->quantity, r->unit->sym,
                                   r->text[COL_DATA_SOURCE], r->text[COL_NOTE], &rep, cause);
        out->new_entries += (size_t)created;
        out->replaced += (size_t)rep;
    }
    if (e == ERR_OK)
        e = store_commit(im->st, cause);
    if (e == ERR_OK)
        out->rows = im->nrows;
    if (e != ERR_OK)
        store_rollback(im->st);
    return e;
}

void
import_free(struct import *im)
{
    size_t i;

    if (im == NULL)
        return;
    for (i = 0; i < im->nrows; i++)
        free(im->rows[i].texts);
    free(im->rows);
    for (i = 0; i < im->nyears; i++)
        if (im->years[i].exists)
            model_free(&im->years[i].y);
    free(im->years);
    import_reject_free(&im->rj);
    free(im->last_name);
    free(im);
}

/* Moves an accepted row's texts into one block: a file of many rows costs one allocation each. */
static void
pack_texts(struct import_row *r)
{
    size_t c, n = 0, len[COL__COUNT];
    char *p;

    for (c = 0; c < COL__COUNT; c++)
        n += (len[c] = strlen(r->text[c])) + 1;
    p = r->texts = xmalloc(n);
    for (c = 0; c < COL__COUNT; c++) {
        memcpy(p, r->text[c], len[c] + 1);
        free(r->text[c]);
        r->text[c] = p;
        p += len[c] + 1;
    }
}

/* Reads the CSV rows into im one at a time; a workbook error stops it. */
static enum err
read_rows(struct import *im, const char *text, size_t len, char delim, char **cause)
{
    struct csv_reader rd;
    struct csv_row r;
    size_t hdr_n = 0, hdr_line = 0, c;
    int got, have_hdr = 0, blank;
    char *why = NULL, *msg;
    enum err e = ERR_OK;

    csv_reader_init(&rd, text, len, delim, 0, IMPORT_MAX_LINE);
    for (;;) {
        if (csv_next(&rd, &r, &got, &why) != ERR_OK) {
            size_t at = strtoul(why, &msg, 10);   /* csv_next says "LINE: reason" */

            reject(im, at, "%s", msg[0] == ':' ? msg + 2 : why);
            free(why);
            break;
        }
        if (!got)
            break;
        if (r.too_long) {
            reject(im, r.line, "这一行超过 %d KB（活动数据每行不过几百字节）：不是活动数据，"
                   "或者有引号没有配对", IMPORT_MAX_LINE / 1024);
            if (!have_hdr)
                break;          /* no header to read the rest by */
            continue;
        }
        if (!have_hdr) {
            have_hdr = 1;
            hdr_line = r.line;
            hdr_n = r.n;
            if (!map_header(im, &r))
                break;
            continue;
        }
        for (c = 0, blank = 1; c < r.n && blank; c++)
            blank = text_is_blank(r.fields[c]);
        if (blank)
            continue;
        im->rows = xgrow(im->rows, &im->rows_cap, im->nrows + 1, sizeof(*im->rows));
        if (parse_row(im, &r, hdr_n, &im->rows[im->nrows], cause, &e)) {
            pack_texts(&im->rows[im->nrows]);
            im->nrows++;
        } else {
            for (c = 0; c < COL__COUNT; c++)
                free(im->rows[im->nrows].text[c]);
            if (e != ERR_OK)
                break;
        }
    }
    csv_reader_free(&rd);
    if (e != ERR_OK)
        return e;
    if (!have_hdr && im->rj.bad_lines == 0)
        reject(im, 1, "文件为空，没有表头和数据");
    else if (have_hdr && im->nrows == 0 && im->rj.bad_lines == 0)
        reject(im, hdr_line, "只有表头，没有数据行");
    check_file_overlaps(im);
    check_workbook_overlaps(im);
    return ERR_OK;
}

enum err
import_parse(struct book *wb, const char *text, size_t len, unsigned flags, struct import **out,
             char **cause)
{
    struct import *im = xcalloc(1, sizeof(*im));
    size_t eol = strcspn(text, "\r\n");
    enum err e;
    size_t c;
    int delim;

    im->wb = wb;
    im->flags = flags;
    im->app = book_app(wb);
    im->st = book_store(wb);
    im->a5 = forms_get(im->app->forms, "A.5");
    for (c = 0; c < COL__COUNT; c++)
        im->fd[c] = forms_field(im->a5, columns[c]);
    /* a header with tabs and no commas: a TSV copied out of a spreadsheet */
    delim = eol > strcspn(text, "\t") && eol <= strcspn(text, ",") ? '\t' : ',';
    if ((e = read_rows(im, text, len, (char)delim, cause)) != ERR_OK) {
        import_free(im);
        return e;
    }
    *out = im;
    return ERR_OK;
}
