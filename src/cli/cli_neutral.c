/*
 * cli_neutral.c - `tanbook neutrality`: a year's carbon-neutrality judgement (003 §7.3, §8.3)
 * through book_neutral: the boundary (运营碳中和 = scope 1 + 2), the emissions by scope with
 * both scope-2 figures named (location-based, which the judgement uses, and market-based), every
 * offset with whether it counts and why not, the eligible total, 实现/未实现碳中和 with the
 * shortfall, the three shares with their formulas, and what the evidence says (renewable rows
 * left out for want of it, files changed since they were recorded). As text or as JSON, whose
 * keys are a contract. Also the helpers the claim commands share (cli_offset.c, cli_renewable.c).
 * Nothing is computed here that core/neutral.c computes.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/neutral.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

static const char *const state_ids[] = {
    [EVIDENCE_NO_FILE] = "", [EVIDENCE_SAME] = "same", [EVIDENCE_CHANGED] = "changed",
    [EVIDENCE_MISSING] = "missing",
};

const char *
cli_evidence_state_id(enum evidence_state s)
{
    return (unsigned)s < nitems(state_ids) ? state_ids[s] : "";
}

int
cli_claim_id(const char *opt, const char *arg, long long *id)
{
    char *end;

    errno = 0;
    *id = strtoll(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || *id <= 0 || errno != 0) {
        cli_error("%s：应为列出时方括号中的编号，而不是“%s”", opt, arg);
        return EXIT_USAGE;
    }
    return 0;
}

int
cli_evidence(struct wb_evidence *ev, const char *ref, const char *file)
{
    char *kept = text_trim(ref != NULL ? ref : ""), *abs, *cause = NULL;   /* ref may be ev->ref */
    enum err e;

    free(ev->ref);
    ev->ref = kept;
    if (file == NULL || *file == '\0')
        return book_evidence_take(ev, NULL, &cause) == ERR_OK ? 0 : cli_fail(ERR_IO, cause);
    /* recorded by its absolute path: a later check runs from anywhere */
    abs = realpath(file, NULL);
    e = book_evidence_take(ev, abs != NULL ? abs : file, &cause);
    free(abs);
    if (e != ERR_OK) {
        cli_error("--evidence-file：%s", cause != NULL ? cause : file);
        free(cause);
        return EXIT_REJECTED;
    }
    return 0;
}

/* Appends s escaped whole (one line, whatever it holds). */
static void
t_safe(struct strbuf *sb, const char *s)
{
    char *e = text_escape_controls(s != NULL ? s : "", 0);

    sb_append(sb, e);
    free(e);
}

void
cli_offset_notes(struct book *wb, const struct wb_offset *o, size_t n, const size_t *lines,
                 enum lang l)
{
    struct book_neutral bn;
    char *cause = NULL;
    size_t i, j, k;
    int exists;

    for (i = 0; i < n; i++) {
        for (j = 0; j < i && o[j].year != o[i].year; j++)
            ;
        if (j < i)
            continue;           /* the year was judged with the first of its offsets */
        if (store_year_exists(book_store(wb), o[i].year, &exists, &cause) != ERR_OK || !exists) {
            free(cause);
            cause = NULL;
            cli_error(TR(l, "注意：工作簿中没有 %d 年度：已记录其抵销，建立该年度后才会评价",
                         "note: the workbook has no year %d: its offsets are recorded and judged "
                         "once the year is there"), o[i].year);
            continue;
        }
        if (book_neutral(wb, o[i].year, l, &bn, &cause) != ERR_OK) {
            free(cause);
            cause = NULL;
            continue;
        }
        for (k = 0; k < bn.n.noffsets; k++) {
            const struct neutral_offset *no = &bn.n.offsets[k];

            for (j = 0; j < n && o[j].id != no->o->id; j++)
                ;
            if (j == n || no->eligible)
                continue;
            if (lines != NULL)
                cli_error(TR(l, "注意：第 %zu 行（%s %s）不计入：%s", "note: line %zu (%s %s) does not count: %s"),
                          lines[j], neutral_type_label(o[j].type, l), o[j].serial, no->reason);
            else
                cli_error(TR(l, "注意：抵销 [%lld] 不计入 %d 年：%s", "note: offset [%lld] does not count for %d: %s"),
                          o[j].id, o[j].year, no->reason);
        }
        book_neutral_free(&bn);
    }
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void
j_dbl(struct strbuf *sb, const char *key, double v, int has)
{
    sb_printf(sb, "\"%s\": ", key);
    if (has && isfinite(v))
        sb_printf(sb, "%.17g", v);
    else
        sb_append(sb, "null");
}

static void
j_str(struct strbuf *sb, const char *key, const char *v)
{
    sb_printf(sb, "\"%s\": ", key);
    sb_json_str(sb, v != NULL ? v : "");
}

static void
j_offset(struct strbuf *sb, const struct neutral_offset *no)
{
    const struct wb_offset *o = no->o;

    sb_printf(sb, "{\"id\": %lld, ", o->id);
    j_str(sb, "serial", o->serial);
    sb_append(sb, ", ");
    j_str(sb, "type", neutral_type_id(o->type));
    sb_append(sb, ", ");
    j_str(sb, "project", o->project);
    sb_append(sb, ", ");
    j_dbl(sb, "quantity_tco2e", no->worth_tco2e, 1);
    sb_append(sb, ", ");
    j_dbl(sb, "quantity_mwh", no->mwh, o->type == OFFSET_CERT);
    sb_printf(sb, ", \"eligible\": %s, ", no->eligible ? "true" : "false");
    j_str(sb, "reason", no->eligible ? "" : no->reason);
    sb_append(sb, ", ");
    j_dbl(sb, "counted_tco2e", no->counted_tco2e, 1);
    sb_append(sb, ", ");
    j_str(sb, "evidence", o->ev.ref);
    sb_append(sb, ", ");
    j_str(sb, "evidence_file", cli_evidence_state_id(book_evidence_state(&o->ev)));
    sb_append(sb, ", ");
    j_str(sb, "evidence_path", o->ev.file);
    sb_append(sb, "}");
}

static void
print_json(const struct book_neutral *bn, int exact)
{
    const struct neutral *n = &bn->n;
    struct strbuf sb = {0};
    size_t i;

    sb_printf(&sb, "{\"year\": %d, ", n->year);
    j_str(&sb, "unit", model_info(&bn->year, "unit_name"));
    sb_append(&sb, ", \"boundary\": \"operational\", ");
    j_dbl(&sb, "emissions_tco2e", n->emissions_tco2e, 1);
    sb_append(&sb, ", ");
    j_dbl(&sb, "scope1_tco2e", n->scope1_tco2e, 1);
    sb_append(&sb, ", ");
    j_dbl(&sb, "scope2_tco2e", n->scope2_tco2e, 1);
    sb_append(&sb, ", ");
    j_dbl(&sb, "scope2_market_tco2e", n->scope2_market_tco2e, 1);
    sb_append(&sb, ", \"residual_factor\": ");
    if (bn->residual != NULL) {
        sb_printf(&sb, "{\"value\": %.17g, \"year\": %d, \"exact\": %s, ", bn->residual->value,
                  bn->residual->year, exact ? "true" : "false");
        j_str(&sb, "source", bn->residual->source_text);
        sb_append(&sb, "}");
    } else {
        sb_append(&sb, "null");
    }
    sb_append(&sb, ", ");
    j_dbl(&sb, "eligible_offsets_tco2e", n->eligible_tco2e, 1);
    sb_printf(&sb, ", \"achieved\": %s, \"complete\": %s, \"check_errors\": %zu, ",
              n->achieved ? "true" : "false", n->check_errors == 0 ? "true" : "false",
              n->check_errors);
    j_dbl(&sb, "shortfall_tco2e", n->shortfall_tco2e, 1);
    sb_append(&sb, ", ");
    j_dbl(&sb, "neutrality_rate_pct", n->neutrality_rate_pct, n->has_rate);
    sb_append(&sb, ", ");
    j_dbl(&sb, "renewable_share_pct", n->renewable_share_pct, n->has_renewable_share);
    sb_append(&sb, ", ");
    j_dbl(&sb, "green_power_share_pct", n->green_power_share_pct, n->has_green_share);
    sb_printf(&sb, ", \"renewables\": {\"pv_kwh\": %.17g, \"power_kwh\": %.17g, \"heat_gj\": %.17g, "
                   "\"green_kwh\": %.17g, \"cert_mwh\": %.17g, \"capacity_kw\": %.17g, "
                   "\"no_evidence\": %zu}, \"offsets\": [",
              n->pv_kwh, n->power_kwh, n->heat_gj, n->green_kwh, n->cert_mwh, n->capacity_kw,
              n->no_evidence);
    for (i = 0; i < n->noffsets; i++) {
        sb_append(&sb, i > 0 ? ", " : "");
        j_offset(&sb, &n->offsets[i]);
    }
    sb_append(&sb, "]}\n");
    fputs(sb.s, stdout);
    sb_free(&sb);
}

/* ---- text --------------------------------------------------------------------------------- */

static void
t_offsets(struct strbuf *sb, const struct neutral *n, enum lang l)
{
    size_t i;

    sb_append(sb, TR(l, "\n碳抵消\n", "\nOffsets\n"));
    if (n->noffsets == 0)
        sb_printf(sb, TR(l, "  （%d 年没有抵销记录：tanbook offset 或 tanbook import --offsets 添加）\n",
                         "  (no offsets claimed for %d: add them with tanbook offset or tanbook import --offsets)\n"),
                  n->year);
    for (i = 0; i < n->noffsets; i++) {
        const struct neutral_offset *no = &n->offsets[i];
        const struct wb_offset *o = no->o;

        sb_printf(sb, "  [%lld] %s", o->id, neutral_type_label(o->type, l));
        if (*o->serial != '\0') {
            sb_append(sb, TR(l, "  编号 ", "  serial "));
            t_safe(sb, o->serial);
        }
        if (*o->project != '\0') {
            sb_append(sb, "  ");
            t_safe(sb, o->project);
        }
        sb_printf(sb, "  %.3f tCO₂e", no->worth_tco2e);
        if (o->type == OFFSET_CERT && no->mwh > 0)
            sb_printf(sb, "（%.3f MWh）", no->mwh);
        if (!no->eligible) {
            sb_append(sb, TR(l, "  不计入：", "  does not count: "));
            t_safe(sb, no->reason);
        } else if (no->counted_tco2e < no->worth_tco2e) {
            sb_printf(sb, TR(l, "  计入 %.3f tCO₂e（绿证只抵销范围二，超出范围二的部分不计入）",
                             "  counts for %.3f tCO₂e (certificates offset scope 2 only: what is over it does not count)"),
                      no->counted_tco2e);
        } else {
            sb_append(sb, TR(l, "  计入", "  counts"));
        }
        sb_append(sb, "\n");
    }
    sb_printf(sb, TR(l, "  计入的抵销量合计 %.3f tCO₂e\n", "  Eligible offsets in all: %.3f tCO₂e\n"),
              n->eligible_tco2e);
}

/* "= a ÷ b = x %" or "：无法计算（…）" */
static void
t_share(struct strbuf *sb, enum lang l, const char *formula, double a, double b, const char *unit,
        int has, double pct)
{
    int dec = strcmp(unit, "kWh") == 0 ? 0 : 3;     /* a meter's kWh are whole */

    sb_printf(sb, "  %s", formula);
    if (has)
        sb_printf(sb, " = %.*f %s ÷ %.*f %s = %.2f %%\n", dec, a, unit, dec, b, unit, pct);
    else
        sb_append(sb, TR(l, "：无法计算（分母为 0）\n", ": not defined (nothing to divide by)\n"));
}

static void
t_shares(struct strbuf *sb, const struct neutral *n, enum lang l)
{
    sb_append(sb, TR(l, "\n比率\n", "\nShares\n"));
    t_share(sb, l, TR(l, "碳中和率 = 计入的抵销量 ÷ 排放量（范围一 + 范围二）",
                      "Neutrality rate = eligible offsets ÷ emissions (scope 1 + 2)"),
            n->eligible_tco2e, n->emissions_tco2e, "tCO₂e", n->has_rate, n->neutrality_rate_pct);
    t_share(sb, l, TR(l, "可再生能源利用率 = 可再生能源（当量值）÷（综合能耗 + 可再生能源）",
                      "Renewable share = renewables (tce) ÷ (energy use + renewables)"),
            n->renewable_tce, n->energy_tce, "tce", n->has_renewable_share, n->renewable_share_pct);
    t_share(sb, l, TR(l, "绿色电力利用率 =（光伏等自用 + 绿电交易）÷（外购电力 + 自用可再生电力）",
                      "Green power share = (renewable power used on site + green power bought) ÷ "
                      "(purchased electricity + renewable power used on site)"),
            n->pv_kwh + n->power_kwh + n->green_kwh, n->electricity_kwh + n->pv_kwh + n->power_kwh,
            "kWh", n->has_green_share, n->green_power_share_pct);
}

static void
t_scopes(struct strbuf *sb, const struct book_neutral *bn, int exact, enum lang l)
{
    const struct neutral *n = &bn->n;
    const struct grid_factor *g = bn->residual;

    sb_append(sb, TR(l, "\n排放量\n", "\nEmissions\n"));
    sb_printf(sb, TR(l, "  范围一                      %12.3f tCO₂e\n", "  Scope 1                     %12.3f tCO₂e\n"),
              n->scope1_tco2e);
    sb_printf(sb, TR(l, "  范围二（位置基准）          %12.3f tCO₂e\n", "  Scope 2 (location-based)    %12.3f tCO₂e\n"),
              n->scope2_tco2e);
    sb_printf(sb, TR(l, "  合计（判定用）              %12.3f tCO₂e\n", "  Total (judged)              %12.3f tCO₂e\n"),
              n->emissions_tco2e);
    sb_printf(sb, TR(l, "  范围二（市场基准）          %12.3f tCO₂e", "  Scope 2 (market-based)      %12.3f tCO₂e"),
              n->scope2_market_tco2e);
    if (g != NULL) {
        sb_printf(sb, TR(l, "  未被绿电、绿证覆盖的电量按 %g tCO₂/MWh（%d 年%s）：",
                         "  electricity not covered by green power or certificates at %g tCO₂/MWh (%d%s): "),
                  g->value, g->year, exact ? "" : TR(l, "，最接近的已发布年份", ", the nearest year published"));
        t_safe(sb, l == LANG_EN && g->source_en != NULL ? g->source_en : g->source_text);
    } else {
        sb_append(sb, TR(l, "  （因子库没有剩余电力因子：未覆盖的电量按位置基准因子）",
                         "  (no residual factor in the library: the uncovered electricity at the location-based factor)"));
    }
    sb_append(sb, TR(l, "\n  市场基准只作参考，判定用位置基准\n",
                     "\n  The market-based figure is shown beside it; the judgement uses the location-based one\n"));
}

static void
t_evidence(struct strbuf *sb, const struct neutral *n, enum lang l)
{
    size_t i;

    if (n->no_evidence > 0)
        sb_printf(sb, TR(l, "\n注意：%d 年有 %zu 条可再生能源记录没有佐证，未计入比率（tanbook renewable FILE --list）\n",
                         "\nNote: %d has %zu renewable row(s) without evidence, left out of the shares (tanbook renewable FILE --list)\n"),
                  n->year, n->no_evidence);
    for (i = 0; i < n->noffsets; i++) {
        const struct wb_offset *o = n->offsets[i].o;
        enum evidence_state s = book_evidence_state(&o->ev);

        if (s != EVIDENCE_CHANGED && s != EVIDENCE_MISSING)
            continue;
        sb_printf(sb, TR(l, "警告：抵销 [%lld] 的佐证文件 ", "Warning: the evidence file of offset [%lld], "), o->id);
        t_safe(sb, o->ev.file);
        sb_append(sb, TR(l, "：", ": "));
        sb_append(sb, book_evidence_words(s, l));
        sb_append(sb, "\n");
    }
}

static void
print_text(const struct book_neutral *bn, int exact, enum lang l)
{
    const struct neutral *n = &bn->n;
    const char *unit = model_info(&bn->year, "unit_name");
    struct strbuf sb = {0};

    sb_append(&sb, TR(l, "碳中和评价    单位：", "Carbon neutrality    Unit: "));
    t_safe(&sb, unit != NULL && *unit != '\0' ? unit : TR(l, "（未填写）", "(not filled in)"));
    sb_printf(&sb, TR(l, "    年度：%d\n", "    Year: %d\n"), n->year);
    sb_append(&sb, TR(l, "边界：运营碳中和（范围一 + 范围二，范围二按位置基准；003 §8.3）\n",
                      "Boundary: operational carbon neutrality (scope 1 + 2, scope 2 location-based; 003 §8.3)\n"));
    t_scopes(&sb, bn, exact, l);
    t_offsets(&sb, n, l);
    if (n->check_errors > 0)
        sb_printf(&sb, TR(l, "\n结论：不作判定——该年度数据不完整（tanbook check 发现 %zu 个错误），缺失的数据不能当作零排放；"
                             "补全后再评价（按现有数据差额 %.3f tCO₂e）\n",
                          "\nConclusion: not judged - the year's data are incomplete (tanbook check finds %zu errors) and "
                          "missing data are not zero emissions; complete them first (short by %.3f tCO₂e on the data there)\n"),
                  n->check_errors, n->shortfall_tco2e);
    else if (n->achieved)
        sb_printf(&sb, TR(l, "\n结论：实现碳中和（排放量 %.3f ≤ 计入的抵销量 %.3f tCO₂e）\n",
                          "\nConclusion: carbon neutral (emissions %.3f ≤ eligible offsets %.3f tCO₂e)\n"),
                  n->emissions_tco2e, n->eligible_tco2e);
    else
        sb_printf(&sb, TR(l, "\n结论：未实现碳中和，差额 %.3f tCO₂e（排放量 %.3f，计入的抵销量 %.3f）\n",
                          "\nConclusion: not carbon neutral, short by %.3f tCO₂e (emissions %.3f, eligible offsets %.3f)\n"),
                  n->shortfall_tco2e, n->emissions_tco2e, n->eligible_tco2e);
    t_shares(&sb, n, l);
    t_evidence(&sb, n, l);
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static const struct cli_opt neutral_opts[] = {
    CLI_OPT("year", "YEAR", 'y', "评价的年度（默认为工作簿中最新的年度）"),
    CLI_OPT("json", NULL, 'j', "以 JSON 输出。键名: year, unit, boundary（\"operational\"）, emissions_tco2e,\n"
            "scope1_tco2e, scope2_tco2e（位置基准）, scope2_market_tco2e（市场基准）,\n"
            "residual_factor{value, year, exact, source}（无时为 null）, eligible_offsets_tco2e,\n"
            "achieved, shortfall_tco2e, neutrality_rate_pct, renewable_share_pct,\n"
            "green_power_share_pct（无法计算时为 null）, renewables{pv_kwh, power_kwh, heat_gj,\n"
            "green_kwh, cert_mwh, capacity_kw, no_evidence}, offsets[]{id, serial, type（ccer、sz、\n"
            "gd、cert、forest、other）, project, quantity_tco2e, quantity_mwh, eligible, reason（计入\n"
            "时为空）, counted_tco2e, evidence, evidence_file（\"\"、same、changed、missing）,\n"
            "evidence_path}"),
    CLI_OPT("lang", "zh|en", 'l', "输出语言（默认 zh）"),
    CLI_OPT_END,
};

static int
cmd_neutrality(struct app *app, int argc, char **argv)
{
    const char *year_arg = NULL;
    enum lang lang = LANG_ZH;
    struct book_neutral bn;
    struct book *wb;
    char *cause = NULL;
    int c, json = 0, rc, year, exists, exact = 0;
    enum err e;

    while ((c = cli_getopt(neutral_opts, argc, argv)) != -1) {
        if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'j') {
            json = 1;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                return cli_usage(&cli_cmd_neutrality);
        } else {
            return cli_usage(&cli_cmd_neutrality);
        }
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_neutrality);
    if ((rc = cli_open(app, argv[optind], BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    e = book_neutral(wb, year, lang, &bn, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if (!bn.n.ok) {
        cli_error(TR(lang, "%d 年无法评价：%s", "%d cannot be judged: %s"), year, bn.n.why);
        book_neutral_free(&bn);
        return EXIT_REJECTED;
    }
    factors_residual(app->lib, year, &exact);
    if (json)
        print_json(&bn, exact);
    else
        print_text(&bn, exact, lang);
    book_neutral_free(&bn);
    return 0;
}

const struct cli_cmd cli_cmd_neutrality = {
    .name = "neutrality",
    .summary = "碳中和评价：排放量（范围二按位置基准与市场基准）、每项抵销是否计入及原因、结论与比率",
    .usage = "neutrality FILE [--year YEAR] [--json] [--lang zh|en]",
    .help = "边界为运营碳中和（范围一 + 范围二，位置基准）；排放量 ≤ 计入的抵销量时实现碳中和（003 §8.3）。\n"
            "抵销的条件（003 §7.3）：类型为 CCER、深圳碳普惠、广东碳普惠（或绿证、自主开发林业碳汇）；\n"
            "登记不早于声明年度前 5 年；已注销并有注销证明；未用于其他组织或声明；有佐证。\n"
            "绿证只抵销其生产年份的范围二，合计不超过范围二。\n"
            "佐证文件的 SHA-256 与登记时不同时给出警告。抵销用 tanbook offset 或 tanbook import FILE --offsets\n"
            "记录，可再生能源用 tanbook renewable，碳中和计划用 tanbook pledge。\n",
    .opts = neutral_opts,
    .run = cmd_neutrality,
};
