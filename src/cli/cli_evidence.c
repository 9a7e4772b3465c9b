/*
 * cli_evidence.c - `tanbook evidence`: the evidence register of a year (book_evidence_register):
 * every document the year's two evaluations, offsets, renewable rows and factor overrides rest
 * on, with its file, SHA-256 and whether the file still matches; as text or as JSON, whose keys
 * are a contract. Read-only.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

static void
j_str(struct strbuf *sb, const char *key, const char *v)
{
    sb_printf(sb, "\"%s\": ", key);
    sb_json_str(sb, v != NULL ? v : "");
}

static void
print_json(int year, const struct book_evidence *v, size_t n)
{
    struct strbuf sb = {0};
    size_t i;

    sb_printf(&sb, "{\"year\": %d, \"evidence\": [", year);
    for (i = 0; i < n; i++) {
        sb_append(&sb, i > 0 ? ", {" : "{");
        j_str(&sb, "kind", v[i].kind);
        sb_append(&sb, ", ");
        j_str(&sb, "item", v[i].item);
        sb_append(&sb, ", ");
        j_str(&sb, "reference", v[i].reference);
        sb_append(&sb, ", ");
        j_str(&sb, "note", v[i].note);
        sb_append(&sb, ", ");
        j_str(&sb, "file", v[i].file);
        sb_append(&sb, ", ");
        j_str(&sb, "sha256", v[i].sha256);
        sb_append(&sb, ", ");
        j_str(&sb, "file_state", cli_evidence_state_id(v[i].file_state));
        sb_append(&sb, ", ");
        j_str(&sb, "at", v[i].at);
        sb_append(&sb, ", ");
        j_str(&sb, "assessor", v[i].assessor);
        sb_append(&sb, "}");
    }
    sb_append(&sb, "]}\n");
    fputs(sb.s, stdout);
    sb_free(&sb);
}

static const char *
kind_label(const char *kind, enum lang l)
{
    static const char *const k[][3] = {
        {"zc", "零碳机关评价", "zero-carbon evaluation"}, {"maturity", "成熟度评价", "maturity"},
        {"offset", "碳抵销", "offset"}, {"renewable", "可再生能源", "renewable"},
        {"factor", "排放因子", "emission factor"},
    };
    size_t i;

    for (i = 0; i < nitems(k); i++)
        if (strcmp(kind, k[i][0]) == 0)
            return k[i][l == LANG_EN ? 2 : 1];
    return kind;
}

static void
print_text(int year, const struct book_evidence *v, size_t n, enum lang l)
{
    struct strbuf sb = {0};
    size_t i;

    sb_printf(&sb, TR(l, "%d 年佐证材料清单（%zu 项）\n", "Evidence register of %d (%zu rows)\n"), year, n);
    if (n == 0)
        sb_append(&sb, TR(l, "  （没有记录佐证材料）\n", "  (no evidence recorded)\n"));
    for (i = 0; i < n; i++) {
        const struct book_evidence *e = &v[i];
        struct strbuf line = {0};

        sb_printf(&line, "[%zu] %s %s：%s", i + 1, kind_label(e->kind, l), e->item,
                  *e->reference != '\0' ? e->reference : TR(l, "（未写明文件）", "(no document named)"));
        if (*e->at != '\0')
            sb_printf(&line, TR(l, "；%s", "; %s"), e->at);
        if (*e->assessor != '\0')
            sb_printf(&line, TR(l, "；评审：%s", "; assessor: %s"), e->assessor);
        cli_wrap(&sb, line.s, 2, 80);
        sb_free(&line);
        if (*e->note != '\0') {
            sb_printf(&line, TR(l, "说明：%s", "note: %s"), e->note);
            cli_wrap(&sb, line.s, 6, 80);
            sb_free(&line);
        }
        if (*e->file != '\0') {
            sb_printf(&line, TR(l, "文件：%s  SHA-256 %s  %s", "file: %s  SHA-256 %s  %s"), e->file,
                      e->sha256, book_evidence_words(e->file_state, l));
            cli_wrap(&sb, line.s, 6, 80);
            sb_free(&line);
        }
    }
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static const struct cli_opt evidence_opts[] = {
    CLI_OPT("year", "Y", 'y', "年度（默认为工作簿中最新的年度）"),
    CLI_OPT("json", NULL, 'j', "以 JSON 输出。键名: year, evidence[]{kind（zc、maturity、offset、renewable、\n"
            "factor）, item（指标编号、抵销编号、可再生能源的类型与期间、排放源 id）, reference\n"
            "（佐证材料；自定义因子为其数据来源）, note, file, sha256, file_state（\"\"、same、\n"
            "changed、missing）, at（录入时间，评价记录才有）, assessor}"),
    CLI_OPT("lang", "zh|en", 'l', "输出语言（默认 zh）"),
    CLI_OPT_END,
};

static int
cmd_evidence(struct app *app, int argc, char **argv)
{
    struct book_evidence *v;
    const char *year_arg = NULL;
    enum lang lang = LANG_ZH;
    struct book *wb;
    char *cause = NULL;
    int c, json = 0, rc, year, exists;
    size_t n;
    enum err e;

    while ((c = cli_getopt(evidence_opts, argc, argv)) != -1) {
        if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'j') {
            json = 1;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                return cli_usage(&cli_cmd_evidence);
        } else {
            return cli_usage(&cli_cmd_evidence);
        }
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_evidence);
    if ((rc = cli_open(app, argv[optind], BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    e = book_evidence_register(wb, year, &v, &n, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if (json)
        print_json(year, v, n);
    else
        print_text(year, v, n, lang);
    book_evidence_free(v, n);
    return 0;
}

const struct cli_cmd cli_cmd_evidence = {
    .name = "evidence",
    .summary = "佐证材料清单：某年度评价指标、碳抵销、可再生能源和自定义排放因子所依据的文件及其 SHA-256 核对",
    .usage = "evidence FILE [--year Y] [--json] [--lang zh|en]",
    .help = "佐证文件与登记时的 SHA-256 不同时显示“已改动”。评价的佐证用 tanbook evaluate / maturity\n"
            "--set ... --evidence 录入，抵销用 tanbook offset，可再生能源用 tanbook renewable，自定义因子用\n"
            "tanbook set --factor ... --factor-source。\n",
    .opts = evidence_opts,
    .run = cmd_evidence,
};
