/*
 * cli_offset.c - `tanbook offset`: the offsets claimed (碳抵消, 003 §7.3) one at a time, the peer
 * of the terminal workbook's form: record one (or replace row --id) with its evidence, list them
 * with whether each counts for its year and why not (the judgement of book_neutral), delete one.
 * Many at once come from CSV: tanbook import FILE --offsets. Validation is neutral_offset_valid's.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/neutral.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* The options that carry a text of the offset. */
enum { T_PROJECT, T_SERIAL, T_REGISTERED, T_CANCELLED, T_PROOF, T_REGISTRY, T_LOCATION,
       T_SPECIES, T_PERIOD, T_DISCLOSURE, T_NOTE, T__COUNT };

static const char *const text_opts[T__COUNT] = {
    [T_PROJECT] = "project", [T_SERIAL] = "serial", [T_REGISTERED] = "registered",
    [T_CANCELLED] = "cancelled", [T_PROOF] = "proof", [T_REGISTRY] = "registry",
    [T_LOCATION] = "location", [T_SPECIES] = "species", [T_PERIOD] = "period",
    [T_DISCLOSURE] = "disclosure", [T_NOTE] = "note",
};

/* The options of its own (cli_claim_main reads the shared ones). */
enum { OPT_TYPE = CLI_CLAIM_OWN, OPT_QTY, OPT_MWH, OPT_VINTAGE, OPT_USED, OPT_AREA, OPT_EVIDENCE,
       OPT_EVFILE, OPT_ID, OPT_TEXT };

struct off_args {
    const char *type, *qty, *mwh, *vintage, *area, *evidence, *evfile, *id;
    const char *text[T__COUNT];
    int used;
};

static char **
slot(struct wb_offset *o, int t)
{
    char **const s[T__COUNT] = {
        [T_PROJECT] = &o->project, [T_SERIAL] = &o->serial, [T_REGISTERED] = &o->registered,
        [T_CANCELLED] = &o->cancelled, [T_PROOF] = &o->proof, [T_REGISTRY] = &o->registry,
        [T_LOCATION] = &o->location, [T_SPECIES] = &o->species, [T_PERIOD] = &o->period,
        [T_DISCLOSURE] = &o->disclosure, [T_NOTE] = &o->note,
    };

    return s[t];
}

/* A number given to opt (NULL: 0); 0 or EXIT_USAGE. */
static int
num(const char *opt, const char *arg, double *v)
{
    char *why = NULL;

    *v = 0;
    if (arg == NULL)
        return 0;
    if (text_parse_number(arg, v, &why) == ERR_OK)
        return 0;
    cli_error("--%s：%s", opt, why);
    free(why);
    return EXIT_USAGE;
}

/* A year given to opt (NULL: 0); 0 or EXIT_USAGE. */
static int
year_of(const char *opt, const char *arg, int *y)
{
    char *why = NULL;

    *y = 0;
    if (arg == NULL)
        return 0;
    if (period_parse_year(arg, y, &why) == ERR_OK)
        return 0;
    cli_error("--%s：%s", opt, why);
    free(why);
    return EXIT_USAGE;
}

/* The offset the options give, validated; 0 or an exit code. */
static int
build(const struct cli_claim *cl, const struct off_args *a, struct wb_offset *o)
{
    enum lang l = cl->lang;
    char *cause = NULL;
    int t, rc;

    if (cl->year == NULL || a->type == NULL || (a->qty == NULL && a->mwh == NULL)) {
        cli_error(TR(l, "记录抵销需要 --year、--type 和 --quantity（绿证也可只给 --mwh）",
                     "an offset needs --year, --type and --quantity (a 绿证 may give --mwh only)"));
        return cli_usage(&cli_cmd_offset);
    }
    if ((t = neutral_type_find(a->type)) < 0) {
        cli_error(TR(l, "--type：未知的类型“%s”（CCER、深圳碳普惠、广东碳普惠、绿证、林业碳汇、其他，"
                        "或 ccer、sz、gd、cert、forest、other）",
                     "--type: unknown type “%s” (ccer, sz, gd, cert, forest, other, or CCER, 深圳碳普惠, "
                     "广东碳普惠, 绿证, 林业碳汇, 其他)"), a->type);
        return EXIT_USAGE;
    }
    o->type = (enum offset_type)t;
    if (a->qty == NULL && o->type != OFFSET_CERT) {
        cli_error(TR(l, "--quantity：只有绿证可以只给电量（--mwh）", "--quantity: only a 绿证 may give its MWh only"));
        return EXIT_USAGE;
    }
    if ((rc = year_of("year", cl->year, &o->year)) != 0 || (rc = year_of("vintage", a->vintage, &o->vintage)) != 0
        || (rc = num("quantity", a->qty, &o->quantity_tco2e)) != 0
        || (rc = num("mwh", a->mwh, &o->quantity_mwh)) != 0 || (rc = num("area", a->area, &o->area_ha)) != 0)
        return rc;
    o->used_elsewhere = a->used;
    for (t = 0; t < T__COUNT; t++)
        *slot(o, t) = text_trim(a->text[t] != NULL ? a->text[t] : "");
    if ((rc = cli_evidence(&o->ev, a->evidence, a->evfile)) != 0)
        return rc;
    if (neutral_offset_valid(o, l, &cause) != ERR_OK) {
        cli_error("%s", cause);
        free(cause);
        return EXIT_REJECTED;
    }
    return 0;
}

static int
put(struct app *app, const struct cli_claim *cl, const void *own)
{
    const struct off_args *a = own;
    enum lang l = cl->lang;
    struct wb_offset o = {0};
    struct book *wb;
    char *cause = NULL;
    int rc;
    enum err e;

    if (a->id != NULL && (rc = cli_claim_id("--id", a->id, &o.id)) != 0)
        return rc;
    if ((rc = build(cl, a, &o)) != 0) {
        plan_offset_free(&o);
        return rc;
    }
    if ((rc = cli_open(app, cl->file, BOOK_WRITE, &wb)) != 0) {
        plan_offset_free(&o);
        return rc;
    }
    if ((e = store_offset_put(book_store(wb), &o, &cause)) != ERR_OK) {
        book_close(wb);
        plan_offset_free(&o);
        if (e != ERR_NOTFOUND)
            return cli_fail(e, cause);
        free(cause);
        cli_error(TR(l, "没有编号为 %s 的抵销（tanbook offset FILE --list 列出）",
                     "no offset has the id %s (tanbook offset FILE --list lists them)"), a->id);
        return EXIT_REJECTED;
    }
    cli_out(TR(l, "%s抵销 [%lld] %d 年 %s %.3f tCO₂e\n", "%s offset [%lld] for %d: %s %.3f tCO₂e\n"),
            a->id != NULL ? TR(l, "已修改", "Changed") : TR(l, "已记录", "Recorded"), o.id, o.year,
            neutral_type_label(o.type, l), o.quantity_tco2e);
    if (*o.ev.ref == '\0')
        cli_error(TR(l, "注意：没有佐证（--evidence）：已记录，但不计入碳中和",
                     "note: no evidence (--evidence): recorded, but it counts for nothing"));
    else
        cli_offset_notes(wb, &o, 1, NULL, l);
    book_close(wb);
    plan_offset_free(&o);
    return 0;
}

/* Each offset of p judged for its year: eligible[i] 1, 0, or -1 (its year is not in wb). */
static void
judge_all(struct book *wb, const struct wb_plan *p, enum lang l, int *eligible, char **reason)
{
    struct book_neutral bn;
    char *cause = NULL;
    size_t i, j, k;
    int exists;

    for (i = 0; i < p->noffsets; i++)
        eligible[i] = -2;       /* not yet judged */
    for (i = 0; i < p->noffsets; i++) {
        if (eligible[i] != -2)
            continue;
        if (store_year_exists(book_store(wb), p->offsets[i].year, &exists, &cause) != ERR_OK
            || !exists || book_neutral(wb, p->offsets[i].year, l, &bn, &cause) != ERR_OK) {
            free(cause);
            cause = NULL;
            for (j = i; j < p->noffsets; j++)
                if (p->offsets[j].year == p->offsets[i].year) {
                    eligible[j] = -1;
                    reason[j] = xasprintf(TR(l, "工作簿中没有 %d 年度，无从评价", "the workbook has no year %d to judge it in"),
                                          p->offsets[i].year);
                }
            continue;
        }
        for (k = 0; k < bn.n.noffsets; k++)
            for (j = 0; j < p->noffsets; j++)
                if (p->offsets[j].id == bn.n.offsets[k].o->id) {
                    eligible[j] = bn.n.offsets[k].eligible;
                    reason[j] = xstrdup(bn.n.offsets[k].reason != NULL ? bn.n.offsets[k].reason : "");
                }
        for (j = i; j < p->noffsets; j++)       /* a year whose report could not be built */
            if (p->offsets[j].year == p->offsets[i].year && eligible[j] == -2) {
                eligible[j] = -1;
                reason[j] = xstrdup(bn.n.why != NULL ? bn.n.why : "");
            }
        book_neutral_free(&bn);
    }
}

static void
json_offset(struct strbuf *sb, const struct wb_offset *o, int eligible, const char *reason)
{
    int t;

    sb_printf(sb, "{\"id\": %lld, \"year\": %d, \"type\": \"%s\", \"quantity_tco2e\": %.17g, "
                  "\"quantity_mwh\": %.17g, \"vintage\": ", o->id, o->year, neutral_type_id(o->type),
              o->quantity_tco2e, o->quantity_mwh);
    if (o->vintage != 0)
        sb_printf(sb, "%d", o->vintage);
    else
        sb_append(sb, "null");
    sb_printf(sb, ", \"area_ha\": %.17g, \"used_elsewhere\": %s", o->area_ha,
              o->used_elsewhere ? "true" : "false");
    for (t = 0; t < T__COUNT; t++) {
        sb_printf(sb, ", \"%s\": ", text_opts[t]);
        sb_json_str(sb, *slot((struct wb_offset *)o, t));
    }
    sb_append(sb, ", \"evidence\": ");
    sb_json_str(sb, o->ev.ref);
    sb_printf(sb, ", \"evidence_file\": \"%s\", \"evidence_path\": ",
              cli_evidence_state_id(book_evidence_state(&o->ev)));
    sb_json_str(sb, o->ev.file);
    sb_printf(sb, ", \"eligible\": %s, \"reason\": ",
              eligible < 0 ? "null" : eligible ? "true" : "false");
    sb_json_str(sb, reason != NULL ? reason : "");
    sb_append(sb, "}");
}

static void
text_offset(struct strbuf *sb, const struct wb_offset *o, int eligible, const char *reason,
            enum lang l)
{
    char *s;

    sb_printf(sb, "[%lld] %d  %s", o->id, o->year, neutral_type_label(o->type, l));
    if (*o->serial != '\0') {
        s = text_escape_controls(o->serial, 0);
        sb_printf(sb, TR(l, "  编号 %s", "  serial %s"), s);
        free(s);
    }
    sb_printf(sb, "  %.3f tCO₂e", o->quantity_tco2e);
    if (o->quantity_mwh > 0)
        sb_printf(sb, "  %.3f MWh", o->quantity_mwh);
    s = text_escape_controls(reason != NULL ? reason : "", 0);
    if (eligible == 1)
        sb_append(sb, TR(l, "  计入", "  counts"));
    else
        sb_printf(sb, "  %s%s", eligible == 0 ? TR(l, "不计入：", "does not count: ") : "", s);
    free(s);
    sb_append(sb, "\n");
}

static int
list(struct app *app, const struct cli_claim *cl)
{
    enum lang l = cl->lang;
    struct strbuf sb = {0};
    struct wb_plan p;
    struct book *wb;
    char *cause = NULL, **reason;
    int rc, y = 0, *eligible;
    size_t i, shown = 0;
    enum err e;

    if ((rc = year_of("year", cl->year, &y)) != 0)
        return rc;
    if ((rc = cli_open(app, cl->file, BOOK_READ, &wb)) != 0)
        return rc;
    if ((e = book_load_plan(wb, &p, &cause)) != ERR_OK) {
        book_close(wb);
        return cli_fail(e, cause);
    }
    eligible = xcalloc(p.noffsets + 1, sizeof *eligible);
    reason = xcalloc(p.noffsets + 1, sizeof *reason);
    judge_all(wb, &p, l, eligible, reason);
    book_close(wb);
    sb_append(&sb, cl->json ? "{\"offsets\": [" : "");
    for (i = 0; i < p.noffsets; i++) {
        if (y != 0 && p.offsets[i].year != y)
            continue;
        if (cl->json) {
            sb_append(&sb, shown > 0 ? ", " : "");
            json_offset(&sb, &p.offsets[i], eligible[i], reason[i]);
        } else {
            text_offset(&sb, &p.offsets[i], eligible[i], reason[i], l);
        }
        shown++;
    }
    if (cl->json)
        sb_append(&sb, "]}\n");
    else if (shown == 0)
        sb_append(&sb, TR(l, "还没有抵销记录：tanbook offset FILE --year Y --type T --quantity Q --evidence TEXT\n",
                          "No offsets yet: tanbook offset FILE --year Y --type T --quantity Q --evidence TEXT\n"));
    if (cl->json)
        fputs(sb.s, stdout);
    else
        cli_out("%s", sb.s);
    sb_free(&sb);
    for (i = 0; i < p.noffsets; i++)
        free(reason[i]);
    free(reason);
    free(eligible);
    plan_free(&p);
    return 0;
}

static int
take(void *own, int c, const char *arg)
{
    struct off_args *a = own;

    if (c >= OPT_TEXT && c < OPT_TEXT + T__COUNT) {
        a->text[c - OPT_TEXT] = arg;
        return 0;
    }
    switch (c) {
    case OPT_TYPE: a->type = arg; break;
    case OPT_QTY: a->qty = arg; break;
    case OPT_MWH: a->mwh = arg; break;
    case OPT_VINTAGE: a->vintage = arg; break;
    case OPT_USED: a->used = 1; break;
    case OPT_AREA: a->area = arg; break;
    case OPT_EVIDENCE: a->evidence = arg; break;
    case OPT_EVFILE: a->evfile = arg; break;
    case OPT_ID: a->id = arg; break;
    default: return -1;
    }
    return 0;
}

static const struct cli_opt offset_opts[] = {
    CLI_OPT("year", "Y", CLI_CLAIM_YEAR, "抵销用于哪一年度（声明年度）；列出时只列该年度"),
    CLI_OPT("type", "T", OPT_TYPE, "CCER、深圳碳普惠、广东碳普惠、绿证、林业碳汇、其他\n"
            "（或 ccer、sz、gd、cert、forest、other）"),
    CLI_OPT("quantity", "TCO2E", OPT_QTY, "抵销量，tCO₂e；绿证可只给 --mwh（按该年电力排放因子折算）"),
    CLI_OPT("mwh", "MWH", OPT_MWH, "绿证的电量，MWh"),
    CLI_OPT("vintage", "YEAR", OPT_VINTAGE, "绿证的生产年份（须与抵销年度一致）"),
    CLI_OPT("used-elsewhere", NULL, OPT_USED, "已用于其他组织或声明（不计入）"),
    CLI_OPT("area", "HA", OPT_AREA, "自主开发林业碳汇的面积，公顷（003 §7.3.2）"),
    CLI_OPT("evidence", "TEXT", OPT_EVIDENCE, "佐证材料（名称、编号、日期）；没有佐证的抵销不计入"),
    CLI_OPT("evidence-file", "PATH", OPT_EVFILE, "佐证文件：记录其 SHA-256，文件改动后 neutrality 给出警告"),
    CLI_OPT("id", "ID", OPT_ID, "替换编号为 ID 的记录（所有字段按本次给出的重写）"),
    CLI_OPT("list", NULL, CLI_CLAIM_LIST, "列出各项及其在年度中是否计入、原因（不给记录的选项时也是列出）"),
    CLI_OPT("delete", "ID", CLI_CLAIM_DELETE, "删除编号为 ID 的抵销"),
    CLI_OPT("json", NULL, CLI_CLAIM_JSON, "列出时以 JSON 输出（键名见下）"),
    CLI_OPT("lang", "zh|en", CLI_CLAIM_LANG, "输出语言（默认 zh）"),
    CLI_OPT("project", "P", OPT_TEXT + T_PROJECT, "项目名称"),
    CLI_OPT("serial", "S", OPT_TEXT + T_SERIAL, "减排量或证书的编号"),
    CLI_OPT("registered", "YYYY-MM-DD", OPT_TEXT + T_REGISTERED, "登记日期（不早于声明年度前 5 年）"),
    CLI_OPT("cancelled", "YYYY-MM-DD", OPT_TEXT + T_CANCELLED, "注销日期（未注销的不计入）"),
    CLI_OPT("proof", "REF", OPT_TEXT + T_PROOF, "注销证明"),
    CLI_OPT("registry", "R", OPT_TEXT + T_REGISTRY, "登记或交易平台"),
    CLI_OPT("location", "L", OPT_TEXT + T_LOCATION, "自主开发林业碳汇的地点（003 §7.3.2）"),
    CLI_OPT("species", "S", OPT_TEXT + T_SPECIES, "自主开发林业碳汇的树种"),
    CLI_OPT("period", "P", OPT_TEXT + T_PERIOD, "自主开发林业碳汇的计入期"),
    CLI_OPT("disclosure", "D", OPT_TEXT + T_DISCLOSURE, "自主开发林业碳汇的信息公开"),
    CLI_OPT("note", "N", OPT_TEXT + T_NOTE, "备注"),
    CLI_OPT_END,
};

static int
cmd_offset(struct app *app, int argc, char **argv)
{
    static const struct cli_claim_cmd cc = {
        .cmd = &cli_cmd_offset, .opts = offset_opts, .put_opt = "--type", .tbl = "offset_claim",
        .gone_zh = "抵销", .gone_en = "offset", .deleted_zh = "抵销", .deleted_en = "offset",
        .take = take, .put = put, .list = list,
    };
    struct off_args a = {0};

    return cli_claim_main(app, argc, argv, &cc, &a);
}

const struct cli_cmd cli_cmd_offset = {
    .name = "offset",
    .summary = "碳抵消：记录（或替换）一项抵销及其佐证、列出各项是否计入及原因、删除",
    .usage = "offset FILE [选项]",
    .help = "记录: offset FILE --year Y --type T --quantity TCO2E --evidence TEXT [--evidence-file PATH]\n"
            "       [--mwh MWH] [--project P] [--serial S] [--registered YYYY-MM-DD] [--vintage YEAR]\n"
            "       [--cancelled YYYY-MM-DD] [--proof REF] [--used-elsewhere] [--registry R]\n"
            "       [--location L] [--area HA] [--species S] [--period P] [--disclosure D] [--note N]\n"
            "       [--id ID]\n"
            "列出: offset FILE [--list] [--year Y] [--json] [--lang zh|en]   每项注明在其年度是否计入及原因\n"
            "      --json 键名: offsets[]{id, year, type, quantity_tco2e, quantity_mwh, vintage, area_ha,\n"
            "      used_elsewhere, project, serial, registered, cancelled, proof, registry, location, species,\n"
            "      period, disclosure, note, evidence, evidence_file（\"\"、same、changed、missing）, evidence_path,\n"
            "      eligible（年度不在工作簿中时为 null）, reason}\n"
            "删除: offset FILE --delete ID\n"
            "批量: tanbook import FILE --offsets offsets.csv\n",
    .opts = offset_opts,
    .run = cmd_offset,
};
