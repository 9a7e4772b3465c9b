/*
 * cli_import.c - `tanbook import`: activity data (A.5) from CSV, all or nothing. Columns are
 * matched by the A.5 field keys and labels of forms/ (English or Chinese); every bad row is
 * reported as "LINE: reason" and then nothing is written.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/csv.h"
#include "base/encoding.h"
#include "core/engine.h"
#include "base/strbuf.h"
#include "base/text.h"

#define IMPORT_MAX_BYTES (256L * 1024 * 1024)

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
    const struct unit_def *unit;
    char *text[COL__COUNT];     /* trimmed cell text for the text columns, "" when absent */
};

struct import_year {            /* a workbook year the file touches, loaded once */
    int year;
    int exists;
    struct wb_year y;
};

struct import_error {
    size_t line;
    size_t seq;                 /* keeps a line's reasons in the order found */
    char *msg;
};

struct import {
    struct app *app;
    struct store *st;
    const struct form_def *a5;
    int col_of[COL__COUNT];     /* CSV column index of each field, -1 when absent */
    struct import_row *rows;
    size_t nrows;
    struct import_year *years;
    size_t nyears;
    struct import_error *errors;
    size_t nerrors;
    size_t errors_cap;
};

static void
reject(struct import *im, size_t line, const char *fmt, ...) XMEM_PRINTF(3, 4);

static void
reject(struct import *im, size_t line, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = xvasprintf(fmt, ap);
    va_end(ap);
    im->errors = xgrow(im->errors, &im->errors_cap, im->nerrors + 1, sizeof(*im->errors));
    im->errors[im->nerrors].line = line;
    im->errors[im->nerrors].seq = im->nerrors;
    im->errors[im->nerrors].msg = msg;
    im->nerrors++;
}

static int
cmp_errors(const void *a, const void *b)
{
    const struct import_error *x = a, *y = b;

    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Prints every rejection as "LINE: reason" in line order; returns the number of bad lines. */
static size_t
print_errors(struct import *im)
{
    size_t i, lines = 0;

    qsort(im->errors, im->nerrors, sizeof(*im->errors), cmp_errors);
    for (i = 0; i < im->nerrors; i++) {
        fprintf(stderr, "%zu: %s\n", im->errors[i].line, im->errors[i].msg);
        if (i == 0 || im->errors[i].line != im->errors[i - 1].line)
            lines++;
    }
    return lines;
}

static enum err
read_file(const char *path, char **data, size_t *len, char **cause)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = {0};
    char buf[65536];
    size_t n;

    if (f == NULL) {
        *cause = xasprintf("无法打开 %s：%s", path, strerror(errno));
        return ERR_IO;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        if (sb.len + n > (size_t)IMPORT_MAX_BYTES) {
            fclose(f);
            sb_free(&sb);
            *cause = xasprintf("%s 过大（超过 256 MB）", path);
            return ERR_INPUT;
        }
        sb_appendn(&sb, buf, n);
    }
    if (ferror(f)) {
        *cause = xasprintf("读取 %s 出错：%s", path, strerror(errno));
        fclose(f);
        sb_free(&sb);
        return ERR_IO;
    }
    fclose(f);
    *len = sb.len;
    *data = sb_take(&sb);
    return ERR_OK;
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
        if (forms_field(im->a5, columns[c])->required && im->col_of[c] < 0) {
            reject(im, hdr->line, "缺少必需的列“%s”", forms_field(im->a5, columns[c])->zh);
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
        *e = store_load_year(im->st, im->app->lib, year, &iy->y, cause);
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

/* Validates one data row into *out; returns 0 when rejected. */
static int
parse_row(struct import *im, const struct csv_row *r, size_t hdr_n, struct import_row *out,
          char **cause, enum err *fatal_err)
{
    const struct field_def *qf = forms_field(im->a5, "quantity");
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
    for (c = 0; c < COL__COUNT; c++) {
        const struct field_def *fd = forms_field(im->a5, columns[c]);

        out->text[c] = text_trim(cell(im, r, c));
        if (fd->type == FT_TEXT && forms_validate(fd, out->text[c], &act, &why) != ERR_OK) {
            reject(im, r->line, "%s", why);
            free(why);
            why = NULL;
            ok = 0;
        }
    }
    if (period_parse(out->text[COL_PERIOD], &out->period, &why) != ERR_OK) {
        reject(im, r->line, "期间：%s", why);
        free(why);
        why = NULL;
        ok = 0;
    } else {
        period_format(&out->period, out->period_text, sizeof(out->period_text));
    }
    s = out->text[COL_SOURCE];
    if (s[0] == '\0') {
        reject(im, r->line, "缺少排放源");
        ok = 0;
    } else if ((out->src = factors_source(im->app->lib, s)) == NULL) {
        reject(im, r->line, "未知的排放源“%s”（可用的排放源见 tanbook factors）", s);
        ok = 0;
    }
    if (forms_validate(qf, cell(im, r, COL_QUANTITY), &out->quantity, &why) != ERR_OK) {
        reject(im, r->line, "%s", why);
        free(why);
        why = NULL;
        ok = 0;
    }
    s = out->text[COL_UNIT];
    if ((out->unit = units_find(s)) == NULL) {
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
    if (iy->exists)
        pin = model_pin(&iy->y, out->src->id);
    if (engine_to_activity(out->src, pin, out->quantity, out->unit->sym, &act, &why) != ERR_OK) {
        reject(im, r->line, "%s", why);
        free(why);
        return 0;
    }
    return 1;
}

/* Orders rows by (source, facility, first month, kind, line) so that overlaps are neighbours. */
static int
cmp_rows(const void *a, const void *b)
{
    const struct import_row *x = *(const struct import_row *const *)a;
    const struct import_row *y = *(const struct import_row *const *)b;
    int c, fx, fy, lx, ly;

    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    if ((c = strcmp(x->text[COL_FACILITY], y->text[COL_FACILITY])) != 0)
        return c;
    period_months(&x->period, &fx, &lx);
    period_months(&y->period, &fy, &ly);
    fx += x->period.year * 12;
    fy += y->period.year * 12;
    if (fx != fy)
        return fx < fy ? -1 : 1;
    if (x->period.kind != y->period.kind)
        return x->period.kind < y->period.kind ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* The last month a row covers, counted from year 0. */
static int
period_end(const struct import_row *r)
{
    int first, last;

    period_months(&r->period, &first, &last);
    return r->period.year * 12 + last;
}

static int
same_key(const struct import_row *a, const struct import_row *b)
{
    return a->src == b->src && strcmp(a->text[COL_FACILITY], b->text[COL_FACILITY]) == 0;
}

/* Rejects rows that repeat or overlap another row of the file (a sweep over sorted rows). */
static void
check_file_overlaps(struct import *im)
{
    struct import_row **v = xcalloc(im->nrows, sizeof(*v));
    const struct import_row *widest = NULL;   /* the row reaching furthest in the current key */
    size_t i;

    for (i = 0; i < im->nrows; i++)
        v[i] = &im->rows[i];
    qsort(v, im->nrows, sizeof(*v), cmp_rows);
    for (i = 0; i < im->nrows; i++) {
        const struct import_row *a = v[i];

        if (widest == NULL || !same_key(a, widest)) {
            widest = a;
            continue;
        }
        if (period_cmp(&a->period, &widest->period) == 0) {
            reject(im, a->line, "与第 %zu 行重复（期间、排放源、排放设施名称都相同）", widest->line);
            continue;
        }
        if (period_overlap(&a->period, &widest->period)) {
            reject(im, a->line, "期间 %s 与第 %zu 行的 %s 重叠，会重复计算", a->period_text,
                   widest->line, widest->period_text);
            continue;
        }
        if (period_end(a) > period_end(widest))
            widest = a;
    }
    free(v);
}

/* Rejects rows overlapping, without being the same period as, data already in the workbook. */
static void
check_workbook_overlaps(struct import *im)
{
    size_t i, k;

    for (i = 0; i < im->nrows; i++) {
        const struct import_row *a = &im->rows[i];
        const struct import_year *iy = NULL;
        const struct wb_entry *en;

        for (k = 0; k < im->nyears; k++)
            if (im->years[k].year == a->period.year)
                iy = &im->years[k];
        if (iy == NULL || !iy->exists
            || (en = find_entry(&iy->y, a->src->id, a->text[COL_FACILITY])) == NULL)
            continue;
        for (k = 0; k < en->nacts; k++) {
            char p[16];

            if (!period_overlap(&a->period, &en->acts[k].period)
                || period_cmp(&a->period, &en->acts[k].period) == 0)
                continue;
            period_format(&en->acts[k].period, p, sizeof(p));
            reject(im, a->line, "期间 %s 与工作簿中已有的 %s 数据重叠，会重复计算", a->period_text, p);
            break;
        }
    }
}

static enum err
write_rows(struct import *im, size_t *new_entries, size_t *replaced, size_t *new_years,
           char **cause)
{
    size_t i;
    enum err e;

    *new_entries = *replaced = *new_years = 0;
    if ((e = store_begin(im->st, cause)) != ERR_OK)
        return e;
    for (i = 0; i < im->nyears && e == ERR_OK; i++)
        if (!im->years[i].exists) {
            e = store_year_add(im->st, im->app->lib, im->years[i].year, NULL, NULL, cause);
            (*new_years)++;
        }
    for (i = 0; i < im->nrows && e == ERR_OK; i++) {
        const struct import_row *r = &im->rows[i];
        long long id;
        int created = 0, rep = 0;

        e = store_entry_ensure(im->st, r->period.year, r->src->id, r->text[COL_FACILITY],
                               r->text[COL_LOCATION], NULL, &id, &created, cause);
        if (e == ERR_OK)
            e = store_activity_put(im->st, id, r->period_text, r->quantity, r->unit->sym,
                                   r->text[COL_DATA_SOURCE], r->text[COL_NOTE], &rep, cause);
        *new_entries += (size_t)created;
        *replaced += (size_t)rep;
    }
    if (e == ERR_OK)
        e = store_commit(im->st, cause);
    if (e != ERR_OK)
        store_rollback(im->st);
    return e;
}

static void
import_free(struct import *im)
{
    size_t i, c;

    for (i = 0; i < im->nrows; i++)
        for (c = 0; c < COL__COUNT; c++)
            free(im->rows[i].text[c]);
    free(im->rows);
    for (i = 0; i < im->nyears; i++)
        if (im->years[i].exists)
            model_free(&im->years[i].y);
    free(im->years);
    for (i = 0; i < im->nerrors; i++)
        free(im->errors[i].msg);
    free(im->errors);
}

/* Parses the rows of t into im; returns 0, or an exit code for a workbook error. */
static int
parse_table(struct import *im, const struct csv_table *t)
{
    size_t i, c;
    char *cause = NULL;
    enum err e;

    if (!map_header(im, &t->rows[0]))
        return 0;
    im->rows = xcalloc(t->n, sizeof(*im->rows));
    for (i = 1; i < t->n; i++) {
        const struct csv_row *r = &t->rows[i];
        int blank = 1;

        for (c = 0; c < r->n && blank; c++)
            blank = text_is_blank(r->fields[c]);
        if (blank)
            continue;
        if (parse_row(im, r, t->rows[0].n, &im->rows[im->nrows], &cause, &e)) {
            im->nrows++;
        } else {
            for (c = 0; c < COL__COUNT; c++)
                free(im->rows[im->nrows].text[c]);
            if (e != ERR_OK)
                return cli_fail(e, cause);
        }
    }
    if (im->nrows == 0 && im->nerrors == 0)
        reject(im, t->rows[0].line, "只有表头，没有数据行");
    check_file_overlaps(im);
    check_workbook_overlaps(im);
    return 0;
}

static int
cmd_import(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"dry-run", no_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    struct import im = {.app = app};
    struct csv_table t = {0};
    char *raw = NULL, *text = NULL, *cause = NULL;
    size_t rawlen, len, ne, nr, ny;
    enum encoding enc;
    int c, dry = 0, rc = 0;
    enum err e;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
        if (c != 'n') {
            cli_error("无法识别的选项“%s”", argv[optind - 1]);
            return cli_usage(&cli_cmd_import);
        }
        dry = 1;
    }
    if (argc - optind != 2)
        return cli_usage(&cli_cmd_import);
    im.a5 = forms_get(app->forms, "A.5");
    if ((e = store_open(argv[optind], STORE_EXISTING, &im.st, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if ((e = read_file(argv[optind + 1], &raw, &rawlen, &cause)) != ERR_OK
        || (e = encoding_to_utf8(raw, rawlen, &text, &len, &enc, &cause)) != ERR_OK) {
        rc = cli_fail(e, cause);
        goto out;
    }
    /* a header with tabs and no commas: a TSV copied out of a spreadsheet */
    c = strcspn(text, "\n") > strcspn(text, "\t") && strcspn(text, "\n") <= strcspn(text, ",")
        ? '\t' : ',';
    if ((e = csv_parse(text, len, (char)c, 0, &t, &cause)) != ERR_OK) {
        char *msg;
        size_t at = strtoul(cause, &msg, 10);   /* csv_parse says "LINE: reason" */

        reject(&im, at, "%s", msg[0] == ':' ? msg + 2 : cause);
        free(cause);
    } else if (t.n == 0) {
        reject(&im, 1, "文件为空，没有表头和数据");
    } else if ((rc = parse_table(&im, &t)) != 0) {
        goto out;
    }
    if (im.nerrors > 0) {
        size_t bad = print_errors(&im);

        cli_error("%s 有 %zu 行不能导入；未导入任何数据，工作簿没有改变", argv[optind + 1], bad);
        rc = EXIT_REJECTED;
        goto out;
    }
    if (dry) {
        printf("检查通过：%zu 行可以导入（%s 编码）；--dry-run 未写入\n", im.nrows, encoding_name(enc));
        goto out;
    }
    if ((e = write_rows(&im, &ne, &nr, &ny, &cause)) != ERR_OK) {
        rc = cli_fail(e, cause);
        goto out;
    }
    printf("已导入 %zu 行（%s 编码）：新增排放源 %zu 个，替换已有数据 %zu 行", im.nrows,
           encoding_name(enc), ne, nr);
    if (ny > 0)
        printf("，新增年度 %zu 个", ny);
    printf("\n");
out:
    csv_free(&t);
    free(raw);
    free(text);
    import_free(&im);
    store_close(im.st);
    return rc;
}

/* Lists the import columns from the A.5 definition in forms/. */
static void
import_help(const struct app *app)
{
    const struct form_def *a5 = forms_get(app->forms, "A.5");
    char name[96], text[512];
    size_t c;

    printf("CSV 第一行为列名，中英文均可:\n");
    for (c = 0; c < COL__COUNT; c++) {
        const struct field_def *fd = forms_field(a5, columns[c]);

        snprintf(name, sizeof(name), "%s / %s", fd->key, fd->zh);
        snprintf(text, sizeof(text), "%s  %s", fd->required ? "必需" : "可选", fd->help_zh);
        cli_help_row(name, text);
    }
}

const struct cli_cmd cli_cmd_import = {
    .name = "import",
    .summary = "从 CSV 导入活动水平数据（表A.5），全部成功才写入",
    .usage = "import FILE DATA.csv [--dry-run]",
    .help = "排放源的全部名称见 tanbook factors。\n编码可为 UTF-8（带或不带 BOM）或 GB18030/GBK（Excel 另存的 CSV）。\n"
            "不在排放源一览表（表A.3）中的排放源会自动加入；与已有数据期间相同的行会替换原数据。\n"
            "任何一行有误时不导入任何数据，并逐行列出“行号: 原因”，退出码 1。\n"
            "  --dry-run   只检查，不写入\n",
    .run = cmd_import,
    .print_help = import_help,
};
