/*
 * cli_evaluate.c - `tanbook evaluate`: the 零碳机关评价 of a year (000 §6) through book_evaluate,
 * as a table grouped by the first and second level (each item's attribute, points, score, how it
 * was scored and the working), the total, the grade with the veto of 1.1.1, what is still
 * unscored, the reading of the rules and the table's 41 rows; or as JSON, whose keys are a
 * contract. With --set CODE=VALUE it records what an item asks for (zc_value_kind: a reference,
 * a figure, a percentage, points), all of one command in one undoable action, and shows the new
 * score. Nothing is scored here that core/zerocarbon.c scores.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/width.h"
#include "cli/cli.h"
#include "core/zerocarbon.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* The texts of the report kept as notes (--set-text KEY=TEXT): key → code. */
static const char *const text_keys[] = {"evaluators", "findings", "conclusion"};

static const char *
num(double v, char *b, size_t size)
{
    text_format_number(v, 2, b, size);
    return b;
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void
j_str(struct strbuf *sb, const char *key, const char *v)
{
    sb_printf(sb, "\"%s\": ", key);
    sb_json_str(sb, v != NULL ? v : "");
}

static void
j_num(struct strbuf *sb, const char *key, double v, int has)
{
    sb_printf(sb, "\"%s\": ", key);
    if (has && isfinite(v))
        sb_printf(sb, "%.17g", v);
    else
        sb_append(sb, "null");
}

static void
j_item(struct strbuf *sb, const struct zc_item *it, enum lang l)
{
    const struct zc_def *d = it->def;

    sb_append(sb, "{");
    j_str(sb, "code", d->code);
    sb_append(sb, ", ");
    j_str(sb, "level1", zc_level1(d, l));
    sb_append(sb, ", ");
    j_str(sb, "level2", zc_level2(d, l));
    sb_append(sb, ", ");
    j_str(sb, "name", zc_name(d, l));
    sb_append(sb, ", ");
    j_str(sb, "attribute", zc_attribute(d, LANG_EN));
    sb_append(sb, ", ");
    j_num(sb, "max", d->max, 1);
    sb_append(sb, ", ");
    j_num(sb, "score", it->score, it->scored);
    sb_append(sb, ", ");
    j_str(sb, "how", zc_how_name(it->how));
    sb_append(sb, ", ");
    j_str(sb, "rule", zc_rule_text(d, l));
    sb_append(sb, ", ");
    j_str(sb, "inputs", it->inputs);
    sb_append(sb, ", ");
    j_str(sb, "evidence", it->evidence);
    sb_append(sb, ", ");
    j_str(sb, "note", it->note);
    sb_append(sb, ", ");
    j_str(sb, "assessor", it->assessor);
    sb_append(sb, "}");
}

static void
print_json(const struct book_eval *be, enum lang l)
{
    const struct zc_result *r = &be->zc;
    struct strbuf sb = {0};
    size_t i;

    sb_printf(&sb, "{\"year\": %d, ", be->bn.year.year);
    j_str(&sb, "unit", model_info(&be->bn.year, "unit_name"));
    sb_append(&sb, ", \"items\": [");
    for (i = 0; i < r->n; i++) {
        sb_append(&sb, i > 0 ? ", " : "");
        j_item(&sb, &r->items[i], l);
    }
    sb_append(&sb, "], ");
    j_num(&sb, "total", r->total, 1);
    sb_append(&sb, ", ");
    j_num(&sb, "scored_max", r->scored_max, 1);
    sb_append(&sb, ", ");
    j_str(&sb, "grade", zc_grade_name(r->grade, l));
    sb_append(&sb, ", ");
    j_str(&sb, "grade_range", l == LANG_EN ? r->grade->range_en : r->grade->range_zh);
    sb_printf(&sb, ", \"veto\": %s, \"provisional\": %s, \"unscored\": [",
              r->veto ? "true" : "false", r->provisional ? "true" : "false");
    for (i = 0; i < r->nunscored; i++) {
        sb_append(&sb, i > 0 ? ", " : "");
        sb_json_str(&sb, r->unscored[i]);
    }
    sb_append(&sb, "], ");
    j_str(&sb, "reading", r->reading);
    sb_append(&sb, ", ");
    j_str(&sb, "table_note", r->table_note);
    sb_append(&sb, ", ");
    cli_assess_report_json(&sb, &be->bn.plan, be->bn.year.year, "zc");
    sb_append(&sb, "}\n");
    fputs(sb.s, stdout);
    sb_free(&sb);
}

/* ---- text --------------------------------------------------------------------------------- */

static const char *
how_label(enum zc_how h, enum lang l)
{
    switch (h) {
    case ZC_COMPUTED:
        return TR(l, "计算", "computed");
    case ZC_ENTERED:
        return TR(l, "录入", "entered");
    case ZC_ASSESSOR:
        break;
    }
    return TR(l, "评审", "assessor");
}

/* The level headings when it starts a new first or second level. */
static void
t_levels(struct strbuf *sb, const struct zc_def *d, const struct zc_def *prev, enum lang l)
{
    char b[32];

    if (prev == NULL || d->code[0] != prev->code[0]) {
        sb_printf(sb, "\n%c ", d->code[0]);
        sb_append(sb, zc_level1(d, l));
        sb_printf(sb, TR(l, "（%s 分）\n", " (%s points)\n"), num(d->level1_max, b, sizeof b));
    }
    if (prev == NULL || strcmp(d->level2_code, prev->level2_code) != 0) {
        sb_printf(sb, "  %s ", d->level2_code);
        sb_append(sb, zc_level2(d, l));
        sb_printf(sb, TR(l, "（%s 分）\n", " (%s points)\n"), num(d->level2_max, b, sizeof b));
    }
}

#define NAME_COLS 36

static void
t_item(struct strbuf *sb, const struct zc_item *it, enum lang l)
{
    const struct zc_def *d = it->def;
    char b[32], s[32];

    sb_printf(sb, "    %-6s ", d->code);
    if (width_of(zc_name(d, l)) > NAME_COLS) {
        sb_append(sb, zc_name(d, l));
        sb_printf(sb, "\n%*s", 11 + NAME_COLS, "");
    } else {
        width_pad(sb, zc_name(d, l), NAME_COLS);
    }
    sb_append(sb, " ");
    width_pad(sb, zc_attribute(d, l), l == LANG_EN ? 10 : 6);
    sb_printf(sb, " %4s ", num(d->max, b, sizeof b));
    width_pad_left(sb, it->scored ? num(it->score, s, sizeof s) : "—", 5);
    sb_printf(sb, "  %s\n", how_label(it->how, l));
    cli_wrap(sb, it->inputs, 11, 80);
    if (*it->evidence != '\0' || *it->note != '\0' || *it->assessor != '\0') {
        struct strbuf ev = {0};

        if (*it->evidence != '\0')
            sb_printf(&ev, TR(l, "佐证：%s", "evidence: %s"), it->evidence);
        if (*it->note != '\0')
            sb_printf(&ev, TR(l, "%s说明：%s", "%snote: %s"), ev.len > 0 ? TR(l, "；", "; ") : "",
                      it->note);
        if (*it->assessor != '\0')
            sb_printf(&ev, TR(l, "%s评审：%s", "%sassessor: %s"),
                      ev.len > 0 ? TR(l, "；", "; ") : "", it->assessor);
        cli_wrap(sb, ev.s, 11, 80);
        sb_free(&ev);
    }
}

static void
t_result(struct strbuf *sb, const struct zc_result *r, enum lang l)
{
    struct strbuf un = {0};
    char b[32];
    size_t i;

    sb_printf(sb, TR(l, "\n总分：%s / 100    等级：", "\nTotal: %s / 100    Grade: "),
              num(r->total, b, sizeof b));
    sb_append(sb, zc_grade_name(r->grade, l));
    if (r->veto)
        sb_append(sb, TR(l, "（1.1.1 未通过，一票否决：无论总分均为此等级）",
                         " (1.1.1 fails: vetoed, whatever the total)"));
    else
        sb_printf(sb, TR(l, "（%s）", " (%s)"), l == LANG_EN ? r->grade->range_en : r->grade->range_zh);
    if (r->provisional)
        sb_append(sb, TR(l, "（暂定）", " (provisional)"));
    sb_append(sb, "\n");
    if (r->provisional) {
        sb_printf(&un, TR(l, "暂定：尚有 %zu 项未计分：", "Provisional: %zu items not yet scored: "),
                  r->nunscored);
        for (i = 0; i < r->nunscored; i++)
            sb_printf(&un, "%s%s", i > 0 ? TR(l, "、", ", ") : "", r->unscored[i]);
        cli_wrap(sb, un.s, 0, 80);
        sb_free(&un);
    }
    sb_append(sb, "\n");
    cli_wrap(sb, r->reading, 0, 80);
    cli_wrap(sb, r->table_note, 0, 80);
}

static void
print_text(const struct book_eval *be, enum lang l)
{
    const struct zc_result *r = &be->zc;
    const char *unit = model_info(&be->bn.year, "unit_name");
    struct strbuf sb = {0};
    size_t i;

    sb_append(&sb, TR(l, "零碳机关评价（000 §6）    单位：", "Zero-carbon institution evaluation (000 §6)    Unit: "));
    {
        char *u = text_escape_controls(unit != NULL && *unit != '\0' ? unit
                                                                   : TR(l, "（未填写）", "(not filled in)"), 0);

        sb_append(&sb, u);
        free(u);
    }
    sb_printf(&sb, TR(l, "    年度：%d\n", "    Year: %d\n"), be->bn.year.year);
    sb_append(&sb, "    ");
    width_pad(&sb, TR(l, "指标", "code"), 7);
    width_pad(&sb, TR(l, "名称", "indicator"), NAME_COLS);
    sb_append(&sb, " ");
    width_pad(&sb, TR(l, "属性", "attribute"), l == LANG_EN ? 10 : 6);
    sb_append(&sb, TR(l, " 分值  得分  方式\n", "  max score  how\n"));
    for (i = 0; i < r->n; i++) {
        t_levels(&sb, r->items[i].def, i > 0 ? r->items[i - 1].def : NULL, l);
        t_item(&sb, &r->items[i], l);
    }
    t_result(&sb, r, l);
    cli_out("%s", sb.s);
    sb_free(&sb);
}

/* ---- writing ------------------------------------------------------------------------------ */

/* The indicator typed, if the table has it. */
static char *
zc_code(const struct app *app, const char *typed)
{
    return zc_find(app->zc, typed) != NULL ? xstrdup(typed) : NULL;
}

static void
zc_unknown(const char *opt, const char *typed, enum lang l)
{
    cli_error(TR(l, "%s：零碳机关评价没有指标“%s”（见 tanbook evaluate --help）",
                 "%s: the evaluation has no indicator \"%s\" (see tanbook evaluate --help)"), opt, typed);
}

/* A --set value: what the indicator asks for (zc_entry_valid). */
static int
zc_value(const struct app *app, const char *code, const char *text, int *has, double *v,
         enum lang l)
{
    char *cause = NULL;
    int rc = cli_assess_number(code, text, has, v, l);

    if (rc == 0 && *has && zc_entry_valid(zc_find(app->zc, code), *v, l, &cause) != ERR_OK) {
        cli_error("--set %s：%s", code, cause);
        free(cause);
        rc = EXIT_REJECTED;
    }
    return rc;
}

static const struct cli_assess_kind kind = {
    .cmd = &cli_cmd_evaluate,
    .text_keys = text_keys,
    .ntext_keys = nitems(text_keys),
    .code = zc_code,
    .unknown = zc_unknown,
    .value = zc_value,
};

/* After writing: the items changed with their new scores, then the total and grade. */
static void
print_written(const struct book_eval *be, const struct cli_change *c, size_t n, enum lang l)
{
    const struct zc_result *r = &be->zc;
    struct strbuf sb = {0};
    char b[32], m[32];
    size_t i, k;

    for (k = 0; k < n; k++) {
        if (c[k].a.code[0] == '#') {
            sb_printf(&sb, c[k].clear ? TR(l, "已清除 %s\n", "Cleared %s\n")
                                      : TR(l, "已写入 %s\n", "Wrote %s\n"), c[k].a.code + 1);
            continue;
        }
        for (i = 0; i < r->n && strcmp(r->items[i].def->code, c[k].a.code) != 0; i++)
            ;
        if (i == r->n)
            continue;
        sb_printf(&sb, "%s%s ", c[k].clear ? TR(l, "已清除 ", "Cleared ") : "", c[k].a.code);
        sb_append(&sb, zc_name(r->items[i].def, l));
        if (r->items[i].scored)
            sb_printf(&sb, TR(l, "：%s / %s 分\n", ": %s / %s points\n"),
                      num(r->items[i].score, b, sizeof b), num(r->items[i].def->max, m, sizeof m));
        else
            sb_append(&sb, TR(l, "：未计分\n", ": not scored\n"));
        cli_wrap(&sb, r->items[i].inputs, 2, 80);
    }
    sb_printf(&sb, TR(l, "总分 %s / 100，等级 ", "Total %s / 100, grade "), num(r->total, b, sizeof b));
    sb_append(&sb, zc_grade_name(r->grade, l));
    if (r->veto)
        sb_append(&sb, TR(l, "（一票否决）", " (vetoed)"));
    if (r->provisional)
        sb_printf(&sb, TR(l, "（暂定，%zu 项未计分）", " (provisional: %zu items not scored)"),
                  r->nunscored);
    sb_append(&sb, "\n");
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static int
changes_of(const struct app *app, const struct cli_assess *ca, const struct wb_plan *p, int year,
           struct cli_change *c, size_t *n, enum lang l)
{
    return cli_assess_changes(app, ca, &kind, p, year, c, n, l);
}

/* The evaluation of year of wb, or an exit code after saying why. */
static int
evaluate(struct book *wb, int year, enum lang l, struct book_eval *be)
{
    char *cause = NULL;
    enum err e = book_evaluate(wb, year, l, be, &cause);

    return e == ERR_OK ? 0 : cli_fail(e, cause);
}

static const struct cli_assess_writer writer = {
    .changes = changes_of,
    .evaluate = evaluate,
    .written = print_written,
};

static int
write_entries(struct app *app, const char *file, const char *year_arg, const struct cli_assess *ca,
              enum lang l)
{
    return cli_assess_write(app, file, year_arg, ca, &writer, l);
}

static int
show(struct app *app, const char *file, const char *year_arg, int json, enum lang l)
{
    struct book_eval be;
    struct book *wb;
    int rc, year, exists;

    if ((rc = cli_open(app, file, BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) == 0)
        rc = evaluate(wb, year, l, &be);
    book_close(wb);
    if (rc != 0)
        return rc;
    if (json)
        print_json(&be, l);
    else
        print_text(&be, l);
    book_eval_free(&be);
    return 0;
}

static int
cmd_evaluate(struct app *app, int argc, char **argv)
{
    return cli_assess_main(app, argc, argv, "zc", &cli_cmd_evaluate, show, write_entries);
}

/* The indicators and what each takes, from the table (forms/zc_indicators.tsv). */
static void
print_help(const struct app *app)
{
    size_t i;

    printf("指标与 --set 的数值（来自 forms/zc_indicators.tsv）:\n");
    for (i = 0; i < app->zc->n; i++) {
        const struct zc_def *d = &app->zc->v[i];
        char *prompt = zc_value_prompt(d, LANG_ZH), *right;

        right = xasprintf("%s（%s，%g 分）：%s", d->name_zh, zc_how_name(d->how), d->max,
                          prompt != NULL ? prompt : "由工作簿计算，只录入佐证（CODE=）");
        cli_help_row(d->code, right);
        free(right);
        free(prompt);
    }
}

const struct cli_cmd cli_cmd_evaluate = {
    .name = "evaluate",
    .summary = "零碳机关评价（000 §6）：各指标得分、计分方式与依据、总分、等级（一票否决）；录入评审结果",
    .usage = "evaluate FILE [--year Y] [--json] [--lang zh|en] | evaluate FILE --year Y --set CODE=VALUE ...",
    .print_help = print_help,
    .opts = cli_assess_opts,
    .help = "显示（只读）: evaluate FILE [--year Y] [--json] [--lang zh|en]\n"
            "  --json 键名: year, unit, items[]{code, level1, level2, name, attribute\n"
            "               （binding 约束性 / indicative 预期性）, max, score（未计分时为 null）, how（computed、\n"
            "               entered、assessor）, rule, inputs（计分依据）, evidence, note, assessor}, total,\n"
            "               scored_max, grade, grade_range, veto, provisional, unscored[]（指标编号）, reading,\n"
            "               table_note, report{evaluators[]{name, role, date}（之前写的自由文字：各位只有\n"
            "               name，role 与 date 为 \"\"）, findings, conclusion}\n"
            "录入: evaluate FILE --year Y --set CODE=VALUE [--set ...] [--note TEXT] [--evidence TEXT]\n"
            "      [--evidence-file PATH] [--assessor NAME] [--evaluator NAME,ROLE,DATE ...]\n"
            "  VALUE 按指标而定（见上表）：1.1.3 的行业平均水平（tCO₂e/人）、2.1.1 的定额标准（kgce/m²）、\n"
            "  录入类指标的百分比、评审类指标的得分（须为评分标准允许的档位）；工作簿中没有数据时 1.3.2、\n"
            "  2.2.1、2.2.2 可录入数值。VALUE 为空（CODE=）时只记录佐证与说明。\n"
            "  --set-text 的 KEY: evaluators（评价人员）、findings（主要发现）、conclusion（评价结论）。\n"
            "  evaluators= 的 TEXT 与 --evaluator 是同样的名单：各位之间用 ; ； 或换行分开，各项之间用\n"
            "  , ， | 或制表符，如 \"张三,组长,2026-11-30;李四,评审员,2026-12-01\"；写不全的退出码 1\n"
            "  未给的说明与佐证保留此前录入的内容。一次命令的全部修改为一次可撤销的修改；写入后显示\n"
            "  该指标的新得分与总分、等级。未知指标为用法错误（退出码 2），不允许的数值退出码 1。\n"
            "等级（000 §6.6）：90–100 零碳引领机关，80–89 零碳先进机关，70–79 零碳达标机关，60–69 零碳培育\n"
            "机关，60 以下待改进机关；1.1.1 未通过时一票否决，为待改进机关。尚有指标未计分时等级为暂定。\n",
    .run = cmd_evaluate,
};
