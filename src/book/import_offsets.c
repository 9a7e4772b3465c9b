/*
 * import_offsets.c - CSV rows → struct wb_offset (import_offsets.h): the header mapped by key or
 * Chinese label, each cell read into its field (numbers as typed, years, 是/否), the evidence
 * file hashed, the row checked with neutral_offset_valid. The eligibility rules are not applied
 * here: an offset that will not count is still recorded (neutral_build says why).
 */
#include "book/import_offsets.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/period.h"
#include "base/text.h"
#include "base/xmem.h"
#include "book/book.h"
#include "book/import_reject.h"
#include "core/neutral.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* Bytes a row may take: an offset is a few hundred, its longest texts a few hundred more. */
#define OFFSETS_MAX_LINE (64 * 1024)

enum ocol {
    OC_TYPE, OC_YEAR, OC_QTY, OC_MWH, OC_PROJECT, OC_SERIAL, OC_REGISTERED, OC_VINTAGE,
    OC_CANCELLED, OC_PROOF, OC_USED, OC_EVIDENCE, OC_EVFILE, OC_REGISTRY, OC_LOCATION, OC_AREA,
    OC_SPECIES, OC_PERIOD, OC_DISCLOSURE, OC_NOTE, OC__COUNT
};

static const struct import_offsets_col cols[OC__COUNT] = {
    [OC_TYPE] = {"type", "类型", 1, "CCER、深圳碳普惠、广东碳普惠、绿证、林业碳汇、其他",
                 "CCER, 深圳碳普惠, 广东碳普惠, 绿证, 林业碳汇, 其他 (or ccer, sz, gd, cert, forest, other)"},
    [OC_YEAR] = {"year", "抵销年度", 1, "抵销用于哪一年度的碳中和", "the year it is claimed for"},
    [OC_QTY] = {"quantity_tco2e", "数量", 2, "抵销量，tCO₂e（绿证可只填电量）",
                "tCO₂e (a 绿证 may give its MWh instead)"},
    [OC_MWH] = {"quantity_mwh", "电量", 0, "绿证的电量，MWh", "a 绿证's electricity, MWh"},
    [OC_PROJECT] = {"project", "项目", 0, "项目名称", "the project"},
    [OC_SERIAL] = {"serial", "编号", 0, "序列号或登记编号", "serial or registry id"},
    [OC_REGISTERED] = {"registered", "登记日期", 0, "YYYY-MM-DD", "YYYY-MM-DD"},
    [OC_VINTAGE] = {"vintage", "年份", 0, "绿证的生产年份", "a 绿证's production year"},
    [OC_CANCELLED] = {"cancelled", "注销日期", 0, "YYYY-MM-DD；空：未注销", "YYYY-MM-DD; empty: not cancelled"},
    [OC_PROOF] = {"proof", "注销证明", 0, "注销证明的编号或名称", "the cancellation proof"},
    [OC_USED] = {"used_elsewhere", "已用于其他", 0, "是/否（空为否）", "yes/no (empty: no)"},
    [OC_EVIDENCE] = {"evidence", "佐证", 0, "佐证材料（名称、编号、日期）；无佐证不计入",
                     "the evidence (name, number, date); without it the offset counts for nothing"},
    [OC_EVFILE] = {"evidence_file", "佐证文件", 0, "佐证文件的路径（相对于 CSV 所在文件夹），记录其 SHA-256",
                   "the evidence file (relative to the CSV's folder); its SHA-256 is recorded"},
    [OC_REGISTRY] = {"registry", "登记机构", 0, "登记机构或交易平台", "registry or trading platform"},
    [OC_LOCATION] = {"location", "地点", 0, "林业碳汇：地点", "forestry: location"},
    [OC_AREA] = {"area", "面积", 0, "林业碳汇：面积，hm²", "forestry: area, hm²"},
    [OC_SPECIES] = {"species", "树种", 0, "林业碳汇：树种", "forestry: species"},
    [OC_PERIOD] = {"period", "计入期", 0, "林业碳汇：计入期（如 2021-2040）", "forestry: crediting period"},
    [OC_DISCLOSURE] = {"disclosure", "公开信息", 0, "林业碳汇：公开信息的出处（003 §7.3.2.2）",
                       "forestry: where it is made public (003 §7.3.2.2)"},
    [OC_NOTE] = {"note", "备注", 0, "", ""},
};

struct import_offsets {
    enum lang lang;
    const char *dir;
    int col_of[OC__COUNT];      /* CSV column of each field, -1 when absent */
    struct wb_offset *rows;
    size_t *lines;
    size_t nrows, cap, lines_cap;
    struct import_rejects rj;
};

const struct import_offsets_col *
import_offsets_column(size_t i)
{
    return i < OC__COUNT ? &cols[i] : NULL;
}

const struct import_reject *
import_offsets_rejects(const struct import_offsets *io, size_t *n)
{
    *n = io->rj.n;
    return io->rj.v;
}

size_t
import_offsets_bad_lines(const struct import_offsets *io)
{
    return io->rj.bad_lines;
}

size_t
import_offsets_unlisted_lines(const struct import_offsets *io)
{
    return import_reject_unlisted(&io->rj);
}

struct wb_offset *
import_offsets_rows(struct import_offsets *io, size_t *n, const size_t **lines)
{
    *n = io->nrows;
    if (lines != NULL)
        *lines = io->lines;
    return io->rows;
}

void
import_offsets_free(struct import_offsets *io)
{
    size_t i;

    if (io == NULL)
        return;
    for (i = 0; i < io->nrows; i++)
        plan_offset_free(&io->rows[i]);
    free(io->rows);
    free(io->lines);
    import_reject_free(&io->rj);
    free(io);
}

/* The column named by a header cell (its key, ASCII case ignored, or its Chinese label); -1. */
static int
col_find(const char *name)
{
    char *t = text_trim(name);
    int c;

    for (c = 0; c < OC__COUNT; c++)
        if (strcasecmp(t, cols[c].key) == 0 || strcmp(t, cols[c].zh) == 0)
            break;
    free(t);
    return c < OC__COUNT ? c : -1;
}

/* Maps header cells to columns; returns 0 when the header is unusable (after rejecting it). */
static int
map_header(struct import_offsets *io, const struct csv_row *hdr)
{
    enum lang l = io->lang;
    size_t i;
    int c, ok = 1;

    for (c = 0; c < OC__COUNT; c++)
        io->col_of[c] = -1;
    for (i = 0; i < hdr->n; i++) {
        if (text_is_blank(hdr->fields[i]))
            continue;
        if ((c = col_find(hdr->fields[i])) < 0) {
            import_reject_add(&io->rj, hdr->line,
                              TR(l, "未知的列名“%s”（可用列名见 tanbook import --help）",
                                 "unknown column “%s” (tanbook import --help lists them)"),
                              hdr->fields[i]);
            ok = 0;
            continue;
        }
        if (io->col_of[c] >= 0) {
            import_reject_add(&io->rj, hdr->line, TR(l, "列“%s”出现了两次", "column “%s” twice"),
                              TR(l, cols[c].zh, cols[c].key));
            ok = 0;
        }
        io->col_of[c] = (int)i;
    }
    for (c = 0; c < OC__COUNT; c++)
        if (cols[c].required == 1 && io->col_of[c] < 0) {
            import_reject_add(&io->rj, hdr->line,
                              TR(l, "缺少必需的列“%s”（%s）", "the column “%s” (%s) is missing"),
                              cols[c].key, cols[c].zh);
            ok = 0;
        }
    if (io->col_of[OC_QTY] < 0 && io->col_of[OC_MWH] < 0) {
        import_reject_add(&io->rj, hdr->line,
                          TR(l, "缺少数量列：quantity_tco2e（数量），绿证也可用 quantity_mwh（电量）",
                             "no quantity column: quantity_tco2e (数量), or quantity_mwh (电量) for a 绿证"));
        ok = 0;
    }
    return ok;
}

/* The trimmed cell of column c ("" when absent); caller frees. */
static char *
cell(const struct import_offsets *io, const struct csv_row *r, enum ocol c)
{
    int i = io->col_of[c];

    return text_trim(i >= 0 && (size_t)i < r->n ? r->fields[i] : "");
}

/* Reads 是/否, yes/no (empty: no) into *v; 0 when it is neither. */
static int
parse_yes_no(const char *s, int *v)
{
    static const char *const yes[] = {"是", "yes", "y", "true", "1"};
    static const char *const no[] = {"", "否", "no", "n", "false", "0"};
    size_t i;

    for (i = 0; i < nitems(yes); i++)
        if (strcasecmp(s, yes[i]) == 0)
            return *v = 1, 1;
    for (i = 0; i < nitems(no); i++)
        if (strcasecmp(s, no[i]) == 0)
            return *v = 0, 1;
    return 0;
}

/* A number cell into *v (empty: 0, *given 0); 0 after rejecting the line. */
static int
number(struct import_offsets *io, size_t line, enum ocol c, const char *s, double *v, int *given)
{
    char *why = NULL;

    *v = 0;
    if (given != NULL)
        *given = *s != '\0';
    if (*s == '\0')
        return 1;
    if (text_parse_number(s, v, &why) == ERR_OK)
        return 1;
    import_reject_add(&io->rj, line, "%s：%s", TR(io->lang, cols[c].zh, cols[c].key), why);
    free(why);
    return 0;
}

/* A year cell into *v (empty: 0); 0 after rejecting the line. */
static int
year(struct import_offsets *io, size_t line, enum ocol c, const char *s, int *v)
{
    char *why = NULL;

    *v = 0;
    if (*s == '\0')
        return 1;
    if (period_parse_year(s, v, &why) == ERR_OK)
        return 1;
    import_reject_add(&io->rj, line, "%s：%s", TR(io->lang, cols[c].zh, cols[c].key), why);
    free(why);
    return 0;
}

/* The evidence file of a row: relative to io->dir, recorded by its absolute path and SHA-256. */
static int
evidence_file(struct import_offsets *io, size_t line, const char *name, struct wb_evidence *ev)
{
    char *path, *abs, *cause = NULL;
    enum err e;

    if (*name == '\0')
        return book_evidence_take(ev, NULL, &cause) == ERR_OK;
    path = name[0] == '/' || io->dir == NULL || *io->dir == '\0' ? xstrdup(name)
                                                                 : xasprintf("%s/%s", io->dir, name);
    abs = realpath(path, NULL);
    e = book_evidence_take(ev, abs != NULL ? abs : path, &cause);
    free(abs);
    free(path);
    if (e == ERR_OK)
        return 1;
    import_reject_add(&io->rj, line, TR(io->lang, "佐证文件：%s", "evidence file: %s"),
                      cause != NULL ? cause : name);
    free(cause);
    return 0;
}

/* The text fields of o, by column. */
static char **
text_slot(struct wb_offset *o, enum ocol c)
{
    switch (c) {
    case OC_PROJECT: return &o->project;
    case OC_SERIAL: return &o->serial;
    case OC_REGISTERED: return &o->registered;
    case OC_CANCELLED: return &o->cancelled;
    case OC_PROOF: return &o->proof;
    case OC_EVIDENCE: return &o->ev.ref;
    case OC_REGISTRY: return &o->registry;
    case OC_LOCATION: return &o->location;
    case OC_SPECIES: return &o->species;
    case OC_PERIOD: return &o->period;
    case OC_DISCLOSURE: return &o->disclosure;
    case OC_NOTE: return &o->note;
    default: return NULL;
    }
}

/* Reads the cells of a data row into *o; 0 when the line was rejected. */
static int
read_cells(struct import_offsets *io, const struct csv_row *r, char **v, struct wb_offset *o)
{
    enum lang l = io->lang;
    size_t line = r->line;
    int t, ok = 1, has_qty = 0, has_mwh = 0;

    if (v[OC_TYPE][0] == '\0') {
        import_reject_add(&io->rj, line, TR(l, "缺少类型", "no type"));
        ok = 0;
    } else if ((t = neutral_type_find(v[OC_TYPE])) < 0) {
        import_reject_add(&io->rj, line,
                          TR(l, "未知的类型“%s”（CCER、深圳碳普惠、广东碳普惠、绿证、林业碳汇、其他）",
                             "unknown type “%s” (CCER, 深圳碳普惠, 广东碳普惠, 绿证, 林业碳汇, 其他)"),
                          v[OC_TYPE]);
        ok = 0;
    } else {
        o->type = (enum offset_type)t;
    }
    if (v[OC_YEAR][0] == '\0') {
        import_reject_add(&io->rj, line, TR(l, "缺少抵销年度", "no year claimed for"));
        ok = 0;
    } else {
        ok &= year(io, line, OC_YEAR, v[OC_YEAR], &o->year);
    }
    ok &= year(io, line, OC_VINTAGE, v[OC_VINTAGE], &o->vintage);
    ok &= number(io, line, OC_QTY, v[OC_QTY], &o->quantity_tco2e, &has_qty);
    ok &= number(io, line, OC_MWH, v[OC_MWH], &o->quantity_mwh, &has_mwh);
    ok &= number(io, line, OC_AREA, v[OC_AREA], &o->area_ha, NULL);
    if (!has_qty && !(has_mwh && o->type == OFFSET_CERT) && v[OC_TYPE][0] != '\0') {
        import_reject_add(&io->rj, line,
                          TR(l, "缺少数量（tCO₂e）；绿证可只填电量（MWh）",
                             "no quantity (tCO₂e); a 绿证 may give its MWh instead"));
        ok = 0;
    }
    if (!parse_yes_no(v[OC_USED], &o->used_elsewhere)) {
        import_reject_add(&io->rj, line,
                          TR(l, "已用于其他：应为 是 或 否（yes/no），而不是“%s”",
                             "used_elsewhere: yes or no (是/否), not “%s”"), v[OC_USED]);
        ok = 0;
    }
    return ok;
}

/* Validates one data row into *o (its texts owned by o); 0 when rejected. */
static int
parse_row(struct import_offsets *io, const struct csv_row *r, size_t hdr_n, struct wb_offset *o)
{
    char *v[OC__COUNT], *why = NULL, **slot;
    int ok = 1;
    size_t c;

    memset(o, 0, sizeof *o);
    for (c = hdr_n; c < r->n; c++)
        if (!text_is_blank(r->fields[c])) {
            import_reject_add(&io->rj, r->line,
                              TR(io->lang, "列数（%zu）多于表头（%zu）",
                                 "%zu columns, more than the header's %zu"), r->n, hdr_n);
            return 0;
        }
    for (c = 0; c < OC__COUNT; c++)
        v[c] = cell(io, r, (enum ocol)c);
    if (col_find(v[OC_TYPE]) == OC_TYPE) {
        import_reject_add(&io->rj, r->line,
                          TR(io->lang, "这一行又是表头：文件是几个 CSV 拼在一起的吗？请删去这一行",
                             "this line is a header again: were several CSV files joined? delete it"));
        ok = 0;
    }
    ok = ok && read_cells(io, r, v, o);
    for (c = 0; c < OC__COUNT; c++) {
        if ((slot = text_slot(o, (enum ocol)c)) != NULL) {
            *slot = v[c];
            v[c] = NULL;
        }
    }
    if (ok)
        ok = evidence_file(io, r->line, v[OC_EVFILE], &o->ev);
    if (ok && neutral_offset_valid(o, io->lang, &why) != ERR_OK) {
        import_reject_add(&io->rj, r->line, "%s", why);
        free(why);
        ok = 0;
    }
    for (c = 0; c < OC__COUNT; c++)
        free(v[c]);
    /* every text "" rather than NULL, as store_load_plan gives them */
    for (c = 0; c < OC__COUNT; c++)
        if ((slot = text_slot(o, (enum ocol)c)) != NULL && *slot == NULL)
            *slot = xstrdup("");
    if (o->ev.file == NULL)
        o->ev.file = xstrdup("");
    if (o->ev.sha256 == NULL)
        o->ev.sha256 = xstrdup("");
    if (!ok)
        plan_offset_free(o);
    return ok;
}

/* Whether every cell of r is blank. */
static int
blank_row(const struct csv_row *r)
{
    size_t c;

    for (c = 0; c < r->n; c++)
        if (!text_is_blank(r->fields[c]))
            return 0;
    return 1;
}

static void
read_rows(struct import_offsets *io, const char *text, size_t len, char delim)
{
    enum lang l = io->lang;
    struct csv_reader rd;
    struct csv_row r;
    size_t hdr_n = 0, hdr_line = 0;
    int got, have_hdr = 0;
    char *why = NULL, *msg;

    csv_reader_init(&rd, text, len, delim, 0, OFFSETS_MAX_LINE);
    for (;;) {
        if (csv_next(&rd, &r, &got, &why) != ERR_OK) {
            size_t at = strtoul(why, &msg, 10);   /* csv_next says "LINE: reason" */

            import_reject_add(&io->rj, at, "%s", msg[0] == ':' ? msg + 2 : why);
            free(why);
            break;
        }
        if (!got)
            break;
        if (r.too_long) {
            import_reject_add(&io->rj, r.line,
                              TR(l, "这一行超过 %d KB：不是抵销记录，或者有引号没有配对",
                                 "this line is over %d KB: not an offset, or a quote is not closed"),
                              OFFSETS_MAX_LINE / 1024);
            if (!have_hdr)
                break;
            continue;
        }
        if (!have_hdr) {
            have_hdr = 1;
            hdr_line = r.line;
            hdr_n = r.n;
            if (!map_header(io, &r))
                break;
            continue;
        }
        if (blank_row(&r))
            continue;
        io->rows = xgrow(io->rows, &io->cap, io->nrows + 1, sizeof *io->rows);
        io->lines = xgrow(io->lines, &io->lines_cap, io->nrows + 1, sizeof *io->lines);
        if (parse_row(io, &r, hdr_n, &io->rows[io->nrows]))
            io->lines[io->nrows++] = r.line;
    }
    csv_reader_free(&rd);
    if (!have_hdr && io->rj.bad_lines == 0)
        import_reject_add(&io->rj, 1, TR(l, "文件为空，没有表头和数据", "the file is empty"));
    else if (have_hdr && io->nrows == 0 && io->rj.bad_lines == 0)
        import_reject_add(&io->rj, hdr_line, TR(l, "只有表头，没有数据行", "a header and no rows"));
}

struct import_offsets *
import_offsets_parse(const char *text, size_t len, const char *dir, enum lang lang)
{
    struct import_offsets *io = xcalloc(1, sizeof *io);
    size_t eol = strcspn(text, "\r\n");
    int delim;

    io->lang = lang;
    io->dir = dir;
    /* a header with tabs and no commas: a TSV copied out of a spreadsheet */
    delim = eol > strcspn(text, "\t") && eol <= strcspn(text, ",") ? '\t' : ',';
    read_rows(io, text, len, (char)delim);
    io->dir = NULL;
    return io;
}
