/*
 * cli_renewable.c - `tanbook renewable`: on-site renewables and green power bought (001 §6.2,
 * issue 15), the peer of the terminal workbook's form: record a row (PV or other renewable power
 * used on site, renewable heat, green power bought; a year's total or one month) with its
 * evidence, or replace row --id; list them; delete one. Validation is neutral_renewable_valid's;
 * one row per kind and period, a year's total never beside its months (neutral_renewable_clash).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/neutral.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* The options of its own (cli_claim_main reads the shared ones). */
enum { O_KIND = CLI_CLAIM_OWN, O_QTY, O_PERIOD, O_CAP, O_EV, O_EVFILE, O_NOTE, O_ID };

struct ren_args {
    const char *kind, *qty, *period, *capacity, *evidence, *evfile, *note, *id;
};

static const char *
unit_of(enum renew_kind k)
{
    return k == RENEW_HEAT ? "GJ" : "kWh";
}

/* A number given to opt (NULL: 0); 0 or EXIT_USAGE. */
static int
num(const char *opt, const char *arg, double *v)
{
    char *why = NULL;

    *v = 0;
    if (arg == NULL || text_parse_number(arg, v, &why) == ERR_OK)
        return 0;
    cli_error("--%s：%s", opt, why);
    free(why);
    return EXIT_USAGE;
}

/* The row the options give, validated alone; 0 or an exit code. */
static int
build(const struct cli_claim *cl, const struct ren_args *a, struct wb_renewable *r)
{
    enum lang l = cl->lang;
    char *cause = NULL;
    int k, rc;

    if (cl->year == NULL || a->kind == NULL || a->qty == NULL) {
        cli_error(TR(l, "记录需要 --year、--kind 和 --quantity", "a row needs --year, --kind and --quantity"));
        return cli_usage(&cli_cmd_renewable);
    }
    if ((k = neutral_renew_find(a->kind)) < 0) {
        cli_error(TR(l, "--kind：应为 pv、power、heat 或 green（或其中文名称），而不是“%s”",
                     "--kind: pv, power, heat or green (or the Chinese label), not “%s”"), a->kind);
        return EXIT_USAGE;
    }
    r->kind = (enum renew_kind)k;
    if (period_parse_year(cl->year, &r->year, &cause) != ERR_OK) {
        cli_error("--year：%s", cause);
        free(cause);
        return EXIT_USAGE;
    }
    if ((rc = num("quantity", a->qty, &r->quantity)) != 0
        || (rc = num("capacity", a->capacity, &r->capacity_kw)) != 0)
        return rc;
    r->period = a->period != NULL ? text_trim(a->period) : xasprintf("%d", r->year);
    r->note = text_trim(a->note != NULL ? a->note : "");
    if ((rc = cli_evidence(&r->ev, a->evidence, a->evfile)) != 0)
        return rc;
    if (neutral_renewable_valid(r, l, &cause) != ERR_OK) {
        cli_error("%s", cause);
        free(cause);
        return EXIT_REJECTED;
    }
    return 0;
}

static int
put(struct app *app, const struct cli_claim *cl, const void *own)
{
    const struct ren_args *a = own;
    enum lang l = cl->lang;
    struct wb_renewable r = {0};
    struct wb_plan p;
    struct book *wb;
    char *cause = NULL;
    int rc, exists = 0;
    size_t i;
    enum err e;

    if (a->id != NULL && (rc = cli_claim_id("--id", a->id, &r.id)) != 0)
        return rc;
    if ((rc = build(cl, a, &r)) != 0 || (rc = cli_open(app, cl->file, BOOK_WRITE, &wb)) != 0) {
        plan_renewable_free(&r);
        return rc;
    }
    if ((e = book_load_plan(wb, &p, &cause)) != ERR_OK) {
        book_close(wb);
        plan_renewable_free(&r);
        return cli_fail(e, cause);
    }
    for (i = 0; i < p.nrenewables && p.renewables[i].id != r.id; i++)
        ;
    if (r.id != 0 && i == p.nrenewables) {
        cli_error(TR(l, "没有编号为 %lld 的记录（tanbook renewable FILE --list 列出）",
                     "no row has the id %lld (tanbook renewable FILE --list lists them)"), r.id);
        rc = EXIT_REJECTED;
    } else if (neutral_renewable_clash(&p, &r, l, &cause) != ERR_OK) {
        cli_error("%s", cause);
        free(cause);
        rc = EXIT_REJECTED;
    }
    plan_free(&p);
    if (rc == 0 && (e = store_year_exists(book_store(wb), r.year, &exists, &cause)) != ERR_OK)
        rc = cli_fail(e, cause);
    if (rc == 0 && (e = store_renewable_put(book_store(wb), &r, &cause)) != ERR_OK)
        rc = cli_fail(e, cause);
    book_close(wb);
    if (rc == 0) {
        cli_out(TR(l, "%s [%lld] %s %s %g %s\n", "%s [%lld] %s %s %g %s\n"),
                a->id != NULL ? TR(l, "已修改", "Changed") : TR(l, "已记录", "Recorded"), r.id,
                neutral_renew_label(r.kind, l), r.period, r.quantity, unit_of(r.kind));
        if (*r.ev.ref == '\0')
            cli_error(TR(l, "注意：没有佐证（--evidence）：已记录，但不计入任何比率",
                         "note: no evidence (--evidence): recorded, but it counts for nothing"));
        if (!exists)
            cli_error(TR(l, "注意：工作簿中没有 %d 年度：建立该年度后才会计入",
                         "note: the workbook has no year %d: the row counts once the year is there"), r.year);
    }
    plan_renewable_free(&r);
    return rc;
}

static void
json_row(struct strbuf *sb, const struct wb_renewable *r)
{
    sb_printf(sb, "{\"id\": %lld, \"year\": %d, \"kind\": \"%s\", \"period\": ", r->id, r->year,
              neutral_renew_id(r->kind));
    sb_json_str(sb, r->period);
    sb_printf(sb, ", \"quantity\": %.17g, \"unit\": \"%s\", \"capacity_kw\": %.17g, \"evidence\": ",
              r->quantity, unit_of(r->kind), r->capacity_kw);
    sb_json_str(sb, r->ev.ref);
    sb_printf(sb, ", \"counted\": %s, \"evidence_file\": \"%s\", \"evidence_path\": ",
              *r->ev.ref != '\0' ? "true" : "false", cli_evidence_state_id(book_evidence_state(&r->ev)));
    sb_json_str(sb, r->ev.file);
    sb_append(sb, ", \"note\": ");
    sb_json_str(sb, r->note);
    sb_append(sb, "}");
}

static void
text_row(struct strbuf *sb, const struct wb_renewable *r, enum lang l)
{
    enum evidence_state s = book_evidence_state(&r->ev);
    char *ref = text_escape_controls(r->ev.ref, 0), *per = text_escape_controls(r->period, 0);

    sb_printf(sb, "[%lld] %s  %s  %g %s", r->id, per, neutral_renew_label(r->kind, l), r->quantity,
              unit_of(r->kind));
    if (r->capacity_kw > 0)
        sb_printf(sb, TR(l, "  装机 %g kW", "  capacity %g kW"), r->capacity_kw);
    if (*r->ev.ref == '\0')
        sb_append(sb, TR(l, "  没有佐证：不计入", "  no evidence: counts for nothing"));
    else
        sb_printf(sb, TR(l, "  佐证：%s", "  evidence: %s"), ref);
    if (s == EVIDENCE_CHANGED || s == EVIDENCE_MISSING)
        sb_printf(sb, TR(l, "  警告：%s", "  warning: %s"), book_evidence_words(s, l));
    sb_append(sb, "\n");
    free(ref);
    free(per);
}

static int
list(struct app *app, const struct cli_claim *cl)
{
    struct strbuf sb = {0};
    struct wb_plan p;
    struct book *wb;
    char *cause = NULL;
    int rc, y = 0;
    size_t i, shown = 0;
    enum err e;

    if (cl->year != NULL && period_parse_year(cl->year, &y, &cause) != ERR_OK) {
        cli_error("--year：%s", cause);
        free(cause);
        return EXIT_USAGE;
    }
    if ((rc = cli_open(app, cl->file, BOOK_READ, &wb)) != 0)
        return rc;
    e = book_load_plan(wb, &p, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    sb_append(&sb, cl->json ? "{\"renewables\": [" : "");
    for (i = 0; i < p.nrenewables; i++) {
        if (y != 0 && p.renewables[i].year != y)
            continue;
        if (cl->json) {
            sb_append(&sb, shown > 0 ? ", " : "");
            json_row(&sb, &p.renewables[i]);
        } else {
            text_row(&sb, &p.renewables[i], cl->lang);
        }
        shown++;
    }
    if (cl->json) {
        sb_append(&sb, "]}\n");
        fputs(sb.s, stdout);
    } else {
        if (shown == 0)
            sb_append(&sb, TR(cl->lang, "还没有可再生能源记录：tanbook renewable FILE --year Y --kind pv --quantity Q --evidence TEXT\n",
                              "No renewable rows yet: tanbook renewable FILE --year Y --kind pv --quantity Q --evidence TEXT\n"));
        cli_out("%s", sb.s);
    }
    sb_free(&sb);
    plan_free(&p);
    return 0;
}

static int
take(void *own, int c, const char *arg)
{
    struct ren_args *a = own;

    switch (c) {
    case O_KIND: a->kind = arg; break;
    case O_QTY: a->qty = arg; break;
    case O_PERIOD: a->period = arg; break;
    case O_CAP: a->capacity = arg; break;
    case O_EV: a->evidence = arg; break;
    case O_EVFILE: a->evfile = arg; break;
    case O_NOTE: a->note = arg; break;
    case O_ID: a->id = arg; break;
    default: return -1;
    }
    return 0;
}

static const struct cli_opt renewable_opts[] = {
    CLI_OPT("year", "Y", CLI_CLAIM_YEAR, "记录的年度；列出时只列该年度"),
    CLI_OPT("kind", "KIND", O_KIND, "pv（光伏发电自用，kWh）、power（其他可再生电力自用，kWh）、\n"
            "heat（可再生热力，GJ）、green（绿色电力交易购入，kWh），也可用中文名称"),
    CLI_OPT("quantity", "Q", O_QTY, "数量，单位随 KIND"),
    CLI_OPT("period", "PERIOD", O_PERIOD, "全年（默认，即 Y）或其中一个月（Y-MM）；同一类别一年只按全年或只按月记录"),
    CLI_OPT("capacity", "KW", O_CAP, "光伏装机容量，kW"),
    CLI_OPT("evidence", "TEXT", O_EV, "佐证材料（名称、编号、日期）；没有佐证的记录不计入任何比率"),
    CLI_OPT("evidence-file", "PATH", O_EVFILE, "佐证文件：记录其 SHA-256，文件改动后给出警告"),
    CLI_OPT("note", "TEXT", O_NOTE, "备注"),
    CLI_OPT("id", "ID", O_ID, "替换编号为 ID 的记录"),
    CLI_OPT("list", NULL, CLI_CLAIM_LIST, "列出记录（不给记录的选项时也是列出）"),
    CLI_OPT("delete", "ID", CLI_CLAIM_DELETE, "删除编号为 ID 的记录"),
    CLI_OPT("json", NULL, CLI_CLAIM_JSON, "列出时以 JSON 输出（键名见下）"),
    CLI_OPT("lang", "zh|en", CLI_CLAIM_LANG, "输出语言（默认 zh）"),
    CLI_OPT_END,
};

static int
cmd_renewable(struct app *app, int argc, char **argv)
{
    static const struct cli_claim_cmd cc = {
        .cmd = &cli_cmd_renewable, .opts = renewable_opts, .put_opt = "--kind", .tbl = "renewable",
        .gone_zh = "记录", .gone_en = "row", .deleted_zh = "可再生能源记录",
        .deleted_en = "renewable row",
        .take = take, .put = put, .list = list,
    };
    struct ren_args a = {0};

    return cli_claim_main(app, argc, argv, &cc, &a);
}

const struct cli_cmd cli_cmd_renewable = {
    .name = "renewable",
    .summary = "可再生能源与绿电：记录（或替换）光伏自用、其他可再生电力、可再生热力、绿电交易，列出、删除",
    .usage = "renewable FILE [选项]",
    .help = "记录: renewable FILE --year Y --kind KIND --quantity Q --evidence TEXT [--period 2024-03]\n"
            "       [--capacity KW] [--evidence-file PATH] [--note TEXT] [--id ID]\n"

            "列出: renewable FILE [--list] [--year Y] [--json] [--lang zh|en]\n"
            "      --json 键名: renewables[]{id, year, kind, period, quantity, unit, capacity_kw, evidence,\n"
            "      counted, evidence_file（\"\"、same、changed、missing）, evidence_path, note}\n"
            "删除: renewable FILE --delete ID\n",
    .opts = renewable_opts,
    .run = cmd_renewable,
};
