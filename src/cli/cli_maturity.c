/*
 * cli_maturity.c - `tanbook maturity`: the carbon-management maturity evaluation of a year (002
 * §12, a draft) through book_evaluate: the qualitative part (表A.1, each criterion's points), the
 * quantitative part (表A.2, the intensity against the industry advanced value or the best earlier
 * year), the weights, every setting with its default and what the draft writes, the total, the
 * stars and the note on the draft; as text or as JSON, whose keys are a contract. With --set it
 * records criteria and settings (setting a1 alone sets a2 = 1 − a1, as the weights must add up
 * to 1), all of one command in one undoable action. Nothing is scored here that
 * core/maturity.c scores.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/maturity.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

static const char *const denom_ids[MD__COUNT] = {"area", "person", "custom"};
static const char *const text_keys[] = {"custom_name", "custom_unit", "evaluators", "findings",
                                        "conclusion"};

static const char *
num(double v, int dec, char *b, size_t size)
{
    text_format_number(v, dec, b, size);
    return b;
}

static const char *
mtext(const struct maturity_item *d, enum lang l)
{
    return l == LANG_EN ? d->text_en : d->text_zh;
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
j_qual(struct strbuf *sb, const struct maturity_result *r, const struct maturity_defs *defs,
       enum lang l)
{
    size_t i;

    sb_append(sb, "\"qualitative\": {");
    j_num(sb, "score", r->qualitative, 1);
    sb_append(sb, ", ");
    j_num(sb, "max", defs->total, 1);
    sb_append(sb, ", \"items\": [");
    for (i = 0; i < r->nitems; i++) {
        const struct maturity_item_score *it = &r->items[i];
        const struct eval_entry *en = it->entry;

        sb_append(sb, i > 0 ? ", {" : "{");
        j_str(sb, "code", it->def->code);
        sb_append(sb, ", ");
        j_str(sb, "level1", l == LANG_EN ? it->def->level1_en : it->def->level1_zh);
        sb_append(sb, ", ");
        j_str(sb, "level2", l == LANG_EN ? it->def->level2_en : it->def->level2_zh);
        sb_append(sb, ", ");
        j_str(sb, "criterion", mtext(it->def, l));
        sb_append(sb, ", ");
        j_num(sb, "max", it->def->max, 1);
        sb_append(sb, ", ");
        j_num(sb, "score", it->points, it->scored);
        sb_append(sb, ", ");
        j_str(sb, "evidence", en != NULL ? en->evidence : "");
        sb_append(sb, ", ");
        j_str(sb, "note", en != NULL ? en->note : "");
        sb_append(sb, ", ");
        j_str(sb, "assessor", en != NULL ? en->assessor : "");
        sb_append(sb, "}");
    }
    sb_append(sb, "], \"unscored\": [");
    for (i = 0; i < r->nunscored; i++) {
        sb_append(sb, i > 0 ? ", " : "");
        sb_json_str(sb, r->unscored[i]);
    }
    sb_append(sb, "]}");
}

static void
j_quant(struct strbuf *sb, const struct maturity_quant *q)
{
    sb_append(sb, "\"quantitative\": {\"method\": ");
    if (q->ok)
        sb_json_str(sb, q->method == MM_ADVANCED ? "advanced" : "historical");
    else
        sb_append(sb, "null");
    sb_append(sb, ", ");
    j_str(sb, "denominator", (unsigned)q->denom < MD__COUNT ? denom_ids[q->denom] : "");
    sb_append(sb, ", ");
    j_num(sb, "intensity", q->intensity, q->has_intensity);
    sb_append(sb, ", ");
    j_str(sb, "unit", q->unit);
    sb_append(sb, ", ");
    j_num(sb, "reference", q->reference, q->has_reference);
    sb_append(sb, ", ");
    j_num(sb, "reference_year", q->ref_year, q->has_reference && q->ref_year != 0);
    sb_append(sb, ", ");
    j_num(sb, "deviation_pct", q->deviation_pct, q->has_intensity && q->has_reference);
    sb_append(sb, ", ");
    j_num(sb, "points", q->points, q->ok);
    sb_append(sb, ", ");
    j_str(sb, "band", q->band != NULL ? q->band->code : "");
    sb_append(sb, ", ");
    j_str(sb, "words", q->words);
    sb_append(sb, "}");
}

static void
j_settings(struct strbuf *sb, const struct maturity_result *r, enum lang l)
{
    size_t i;

    sb_append(sb, "\"settings\": [");
    for (i = 0; i < r->nsettings; i++) {
        const struct maturity_setting_value *s = &r->settings[i];

        sb_append(sb, i > 0 ? ", {" : "{");
        j_str(sb, "key", s->def->key);
        sb_append(sb, ", ");
        j_num(sb, "value", s->value, 1);
        sb_append(sb, ", ");
        j_num(sb, "default", s->def->def, 1);
        sb_printf(sb, ", \"entered\": %s, ", s->entered ? "true" : "false");
        j_str(sb, "draft", s->def->draft);
        sb_printf(sb, ", \"draft_unset\": %s, ", s->def->draft_unset ? "true" : "false");
        j_str(sb, "label", l == LANG_EN ? s->def->label_en : s->def->label_zh);
        sb_append(sb, ", ");
        j_str(sb, "source", s->def->source);
        sb_append(sb, "}");
    }
    sb_append(sb, "]");
}

static void
print_json(const struct book_eval *be, const struct maturity_defs *defs, enum lang l)
{
    const struct maturity_result *r = &be->mat;
    struct strbuf sb = {0};

    sb_printf(&sb, "{\"year\": %d, ", be->bn.year.year);
    j_str(&sb, "unit", model_info(&be->bn.year, "unit_name"));
    sb_append(&sb, ", ");
    j_qual(&sb, r, defs, l);
    sb_append(&sb, ", ");
    j_quant(&sb, &r->quant);
    sb_printf(&sb, ", \"weights\": {\"a1\": %.17g, \"a2\": %.17g}, ", r->a1, r->a2);
    j_settings(&sb, r, l);
    sb_append(&sb, ", ");
    j_num(&sb, "total", r->total, 1);
    sb_append(&sb, ", ");
    j_str(&sb, "grade", r->grade != NULL ? (l == LANG_EN ? r->grade->name_en : r->grade->name_zh) : "");
    sb_printf(&sb, ", \"provisional\": %s, ", r->provisional ? "true" : "false");
    j_str(&sb, "note", r->note);
    sb_append(&sb, ", ");
    cli_assess_report_json(&sb, &be->bn.plan, be->bn.year.year, "maturity");
    sb_append(&sb, "}\n");
    fputs(sb.s, stdout);
    sb_free(&sb);
}

/* ---- text --------------------------------------------------------------------------------- */

static void
t_item(struct strbuf *sb, const struct maturity_item_score *it, const struct maturity_item *prev,
       enum lang l)
{
    const struct maturity_item *d = it->def;
    const struct eval_entry *en = it->entry;
    char a[32], b[32];

    if (prev == NULL || d->l1 != prev->l1)
        sb_printf(sb, "\n%d %s\n", d->l1, l == LANG_EN ? d->level1_en : d->level1_zh);
    if (prev == NULL || d->l1 != prev->l1 || d->l2 != prev->l2)
        sb_printf(sb, "  %d.%d %s\n", d->l1, d->l2, l == LANG_EN ? d->level2_en : d->level2_zh);
    sb_printf(sb, "    %-8s %5s / %s\n", d->code, it->scored ? num(it->points, 2, a, sizeof a) : "—",
              num(d->max, 2, b, sizeof b));
    cli_wrap(sb, mtext(d, l), 6, 80);
    if (en != NULL && (*en->evidence != '\0' || *en->note != '\0' || *en->assessor != '\0')) {
        struct strbuf ev = {0};

        if (*en->evidence != '\0')
            sb_printf(&ev, TR(l, "佐证：%s", "evidence: %s"), en->evidence);
        if (*en->note != '\0')
            sb_printf(&ev, TR(l, "%s说明：%s", "%snote: %s"), ev.len > 0 ? TR(l, "；", "; ") : "",
                      en->note);
        if (*en->assessor != '\0')
            sb_printf(&ev, TR(l, "%s评审：%s", "%sassessor: %s"),
                      ev.len > 0 ? TR(l, "；", "; ") : "", en->assessor);
        cli_wrap(sb, ev.s, 6, 80);
        sb_free(&ev);
    }
}

/* A setting's value as typed: the denominator by its name ("area"). */
static void
setting_text(const struct maturity_setting_def *def, double v, char *b, size_t size)
{
    if (strcmp(def->key, "@denominator") == 0 && v >= 0 && v < MD__COUNT)
        snprintf(b, size, "%s", denom_ids[(int)v]);
    else
        num(v, TEXT_DIGITS, b, size);
}

static void
t_settings(struct strbuf *sb, const struct maturity_result *r, enum lang l)
{
    char v[32], d[32];
    size_t i;

    sb_append(sb, TR(l, "\n设置（征求意见稿未定的取默认值；--set @KEY=VALUE 修改）\n",
                     "\nSettings (what the draft leaves open takes the default; change with --set @KEY=VALUE)\n"));
    for (i = 0; i < r->nsettings; i++) {
        const struct maturity_setting_value *s = &r->settings[i];
        struct strbuf line = {0};

        setting_text(s->def, s->value, v, sizeof v);
        setting_text(s->def, s->def->def, d, sizeof d);
        sb_printf(&line, TR(l, "%s = %s（默认 %s%s；草案：%s）", "%s = %s (default %s%s; the draft: %s)"),
                  s->def->key, v, d,
                  s->entered ? TR(l, "，已录入", ", entered") : "", s->def->draft);
        cli_wrap(sb, line.s, 2, 80);
        cli_wrap(sb, l == LANG_EN ? s->def->label_en : s->def->label_zh, 6, 80);
        sb_free(&line);
    }
}

static void
t_result(struct strbuf *sb, const struct maturity_result *r, enum lang l)
{
    char a1[32], a2[32], ql[32], qn[32], t[32];
    struct strbuf un = {0};
    size_t i;

    sb_printf(sb, TR(l, "\n总分 I = a1 × 定性 + a2 × 定量 = %s × %s + %s × %s = %s    等级：",
                     "\nTotal I = a1 × qualitative + a2 × quantitative = %s × %s + %s × %s = %s    Grade: "),
              num(r->a1, TEXT_DIGITS, a1, sizeof a1), num(r->qualitative, 2, ql, sizeof ql),
              num(r->a2, TEXT_DIGITS, a2, sizeof a2), num(r->quant.points, 2, qn, sizeof qn),
              num(r->total, 2, t, sizeof t));
    sb_append(sb, r->grade != NULL ? (l == LANG_EN ? r->grade->name_en : r->grade->name_zh) : "");
    sb_append(sb, r->provisional ? TR(l, "（暂定）\n", " (provisional)\n") : "\n");
    if (r->provisional) {
        if (r->nunscored > 0) {
            sb_printf(&un, TR(l, "暂定：尚有 %zu 项定性指标未计分：", "Provisional: %zu criteria not yet scored: "),
                      r->nunscored);
            for (i = 0; i < r->nunscored; i++)
                sb_printf(&un, "%s%s", i > 0 ? TR(l, "、", ", ") : "", r->unscored[i]);
        }
        if (!r->quant.ok)
            sb_append(&un, TR(l, "（定量评价未计分）", " (the quantitative part is not scored)"));
        cli_wrap(sb, un.s, 0, 80);
        sb_free(&un);
    }
    sb_append(sb, "\n");
    cli_wrap(sb, r->note, 0, 80);
}

static void
print_text(const struct book_eval *be, enum lang l)
{
    const struct maturity_result *r = &be->mat;
    const char *unit = model_info(&be->bn.year, "unit_name");
    struct strbuf sb = {0};
    char *u = text_escape_controls(unit != NULL && *unit != '\0' ? unit
                                                               : TR(l, "（未填写）", "(not filled in)"), 0);
    char b[32];
    size_t i;

    sb_printf(&sb, TR(l, "碳排放管理体系成熟度评价（002 §12，征求意见稿）    单位：%s    年度：%d\n",
                      "Carbon-management maturity (002 §12, a draft)    Unit: %s    Year: %d\n"),
              u, be->bn.year.year);
    free(u);
    sb_printf(&sb, TR(l, "\n定性评价（表A.1）：%s / 100\n", "\nQualitative (table A.1): %s / 100\n"),
              num(r->qualitative, 2, b, sizeof b));
    for (i = 0; i < r->nitems; i++)
        t_item(&sb, &r->items[i], i > 0 ? r->items[i - 1].def : NULL, l);
    sb_append(&sb, TR(l, "\n定量评价（表A.2）：", "\nQuantitative (table A.2): "));
    sb_append(&sb, r->quant.ok ? num(r->quant.points, 2, b, sizeof b) : "—");
    sb_append(&sb, " / 100\n");
    cli_wrap(&sb, r->quant.words, 2, 80);
    t_settings(&sb, r, l);
    t_result(&sb, r, l);
    cli_out("%s", sb.s);
    sb_free(&sb);
}

/* ---- writing ------------------------------------------------------------------------------ */

/* "a1" or "@a1" as the stored code; NULL when code is neither a criterion nor a setting. */
static char *
code_of(const struct maturity_defs *defs, const char *typed)
{
    char *c = typed[0] == '@' || typed[0] == 'M' ? xstrdup(typed) : xasprintf("@%s", typed);

    if (maturity_defs_item(defs, c) != NULL || maturity_defs_setting(defs, c) >= 0
        || strcmp(c, MATURITY_ADVANCED) == 0 || strcmp(c, "@custom") == 0)
        return c;
    free(c);
    return NULL;
}

/* Whether v may be entered for code (a criterion, a setting, @advanced, @custom); 0 or 1. */
static int
value_ok(const struct maturity_defs *defs, const char *code, double v, enum lang l)
{
    const struct maturity_item *it = maturity_defs_item(defs, code);
    int k = maturity_defs_setting(defs, code);
    char *cause = NULL;
    enum err e = ERR_OK;

    if (it != NULL)
        e = maturity_entry_valid(it, v, l, &cause);
    else if (k >= 0)
        e = maturity_setting_valid(&defs->settings[k], v, l, &cause);
    else if (!(v > 0))
        cause = xstrdup(TR(l, "应大于 0", "must be above 0")), e = ERR_INPUT;
    if (e == ERR_OK)
        return 1;
    cli_error("--set %s：%s", code, cause);
    free(cause);
    return 0;
}

static char *
mat_code(const struct app *app, const char *typed)
{
    return code_of(app->maturity, typed);
}

static void
mat_unknown(const char *opt, const char *typed, enum lang l)
{
    cli_error(TR(l, "%s：成熟度评价没有“%s”这一项或设置（见 tanbook maturity --help）",
                 "%s: the maturity evaluation has no item or setting \"%s\" (see tanbook maturity --help)"),
              opt, typed);
}

/* A --set value: @denominator by its name too; a setting needs one; each within its limits. */
static int
mat_value(const struct app *app, const char *code, const char *text, int *has, double *v,
          enum lang l)
{
    int rc = 0, d;

    if (strcmp(code, "@denominator") == 0 && (d = maturity_denom_parse(text)) >= 0)
        *has = 1, *v = d;
    else
        rc = cli_assess_number(code, text, has, v, l);
    if (rc == 0 && !*has && code[0] == '@') {
        cli_error(TR(l, "--set %s：设置须给数值（恢复默认用 --clear %s）",
                     "--set %s: a setting needs a value (--clear %s restores the default)"), code, code);
        rc = EXIT_REJECTED;
    }
    if (rc == 0 && *has && !value_ok(app->maturity, code, *v, l))
        rc = EXIT_REJECTED;
    return rc;
}

static const struct cli_assess_kind kind = {
    .cmd = &cli_cmd_maturity,
    .text_keys = text_keys,
    .ntext_keys = nitems(text_keys),
    .code = mat_code,
    .unknown = mat_unknown,
    .value = mat_value,
};

/* The change for code among c[0..n), or NULL. */
static struct cli_change *
change_for(struct cli_change *c, size_t n, const char *code)
{
    size_t i;

    for (i = n; i-- > 0;)
        if (strcmp(c[i].a.code, code) == 0)
            return &c[i];
    return NULL;
}

/*
 * The weights must add up to 1: a1 set (or cleared) alone takes a2 with it, and a2 alone a1;
 * says so on stdout.
 */
static void
pair_weights(const struct cli_assess *ca, const struct wb_plan *p, int year, struct cli_change *c,
             size_t *n, enum lang l)
{
    static const char *const keys[2] = {"@a1", "@a2"};
    int i;

    for (i = 0; i < 2; i++) {
        struct cli_change *w = change_for(c, *n, keys[i]), *o = &c[*n];
        char b[32];

        if (w == NULL || change_for(c, *n, keys[1 - i]) != NULL)
            continue;
        if (w->clear) {
            cli_assess_clear(ca, year, keys[1 - i], o);
            cli_out(TR(l, "同时清除 %s（两个权重都恢复默认值）\n", "Cleared %s too (both weights back to their defaults)\n"),
                    keys[1 - i]);
        } else {
            double v = round((1 - w->a.value) * 1e9) / 1e9;

            cli_assess_entry(ca, p, year, keys[1 - i], o);
            o->a.has_value = 1;
            o->a.value = v;
            cli_out(TR(l, "%s 设为 1 − %s = %s（a1 + a2 须为 1）\n", "%s set to 1 − %s = %s (a1 + a2 must be 1)\n"),
                    keys[1 - i], keys[i], num(v, TEXT_DIGITS, b, sizeof b));
        }
        (*n)++;
        return;
    }
}

/* The settings as they would be after the changes: maturity_settings refuses what does not fit. */
static int
settings_fit(const struct app *app, const struct wb_plan *p, int year, struct cli_change *c,
             size_t n, enum lang l)
{
    struct eval_entry *en = xcalloc(p->nassessments + n + 1, sizeof *en);
    struct maturity_setting_value *sv = NULL;
    char *cause = NULL;
    size_t i, k = 0;
    enum err e;

    for (i = 0; i < p->nassessments; i++) {
        const struct wb_assessment *a = &p->assessments[i];

        if (a->year == year && strcmp(a->eval, "maturity") == 0 && a->code[0] == '@'
            && change_for(c, n, a->code) == NULL)
            en[k++] = (struct eval_entry){.code = a->code, .has_value = a->has_value, .value = a->value};
    }
    for (i = 0; i < n; i++)
        if (!c[i].clear && c[i].a.code[0] == '@')
            en[k++] = (struct eval_entry){.code = c[i].a.code, .has_value = c[i].a.has_value,
                                          .value = c[i].a.value};
    e = maturity_settings(app->maturity, en, k, l, &sv, &cause);
    free(sv);
    free(en);
    if (e == ERR_OK)
        return 0;
    cli_error("--set：%s", cause);
    free(cause);
    return EXIT_REJECTED;
}

/* The changes the options ask for, the weights paired, the settings checked together. */
static int
changes_of(const struct app *app, const struct cli_assess *ca, const struct wb_plan *p, int year,
           struct cli_change *c, size_t *n, enum lang l)
{
    int rc = cli_assess_changes(app, ca, &kind, p, year, c, n, l);

    if (rc == 0)
        pair_weights(ca, p, year, c, n, l);
    return rc == 0 ? settings_fit(app, p, year, c, *n, l) : rc;
}

static void
print_written(const struct book_eval *be, const struct cli_change *c, size_t n, enum lang l)
{
    const struct maturity_result *r = &be->mat;
    struct strbuf sb = {0};
    char b[32], m[32], t[32];
    size_t i, k;

    for (k = 0; k < n; k++) {
        const char *code = c[k].a.code;

        for (i = 0; i < r->nitems && strcmp(r->items[i].def->code, code) != 0; i++)
            ;
        if (i < r->nitems && r->items[i].scored)
            sb_printf(&sb, TR(l, "%s：%s / %s 分\n", "%s: %s / %s points\n"), code,
                      num(r->items[i].points, 2, b, sizeof b), num(r->items[i].def->max, 2, m, sizeof m));
        else
            sb_printf(&sb, c[k].clear ? TR(l, "已清除 %s\n", "Cleared %s\n")
                                      : TR(l, "已写入 %s\n", "Wrote %s\n"), code);
    }
    sb_printf(&sb, TR(l, "定性 %s / 100，定量 %s / 100，总分 %s，等级 ", "Qualitative %s / 100, quantitative %s / 100, total %s, grade "),
              num(r->qualitative, 2, b, sizeof b), r->quant.ok ? num(r->quant.points, 2, m, sizeof m) : "—",
              num(r->total, 2, t, sizeof t));
    sb_append(&sb, r->grade != NULL ? (l == LANG_EN ? r->grade->name_en : r->grade->name_zh) : "");
    sb_append(&sb, r->provisional ? TR(l, "（暂定）\n", " (provisional)\n") : "\n");
    cli_out("%s", sb.s);
    sb_free(&sb);
}

/* The evaluation of year of wb, or an exit code after saying why it cannot be scored. */
static int
evaluate(struct book *wb, int year, enum lang l, struct book_eval *be)
{
    char *cause = NULL;
    enum err e;

    if ((e = book_evaluate(wb, year, l, be, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if (!be->mat_ok) {
        cli_error(TR(l, "%d 年成熟度评价无法计分：%s", "the maturity of %d cannot be scored: %s"), year,
                  be->mat_why != NULL ? be->mat_why : "");
        book_eval_free(be);
        return EXIT_REJECTED;
    }
    return 0;
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
        print_json(&be, app->maturity, l);
    else
        print_text(&be, l);
    book_eval_free(&be);
    return 0;
}

static int
cmd_maturity(struct app *app, int argc, char **argv)
{
    return cli_assess_main(app, argc, argv, "maturity", &cli_cmd_maturity, show, write_entries);
}

/* The settings with their defaults, from forms/maturity_settings.tsv. */
static void
print_help(const struct app *app)
{
    size_t i;

    printf("设置（来自 forms/maturity_settings.tsv，征求意见稿写作 ** 的取默认值）:\n");
    for (i = 0; i < app->maturity->nsettings; i++) {
        const struct maturity_setting_def *s = &app->maturity->settings[i];
        char *right = xasprintf("%s，默认 %g，%g–%g（%s）", s->label_zh, s->def, s->min, s->max, s->source);

        cli_help_row(s->key, right);
        free(right);
    }
    cli_help_row("@advanced", "行业先进值，> 0，单位同所选碳排放强度（录入后按行业先进值法，否则按历史法）");
    cli_help_row("@custom", "本年自定义分母的数值（@denominator=custom 时）");
}

const struct cli_cmd cli_cmd_maturity = {
    .name = "maturity",
    .summary = "碳排放管理体系成熟度评价（002 §12，征求意见稿）：定性、定量、权重、总分与星级；录入评审结果",
    .usage = "maturity FILE [--year Y] [--json] [--lang zh|en] | maturity FILE --year Y --set CODE=VALUE ...",
    .print_help = print_help,
    .opts = cli_assess_opts,
    .help = "显示（只读）: maturity FILE [--year Y] [--json] [--lang zh|en]\n"
            "  --json 键名: year, unit, qualitative{score, max, items[]{code, level1, level2, criterion, max,\n"
            "               score（未计分时为 null）, evidence, note, assessor}, unscored[]}, quantitative{method\n"
            "               （advanced、historical，未计分时为 null）, denominator（area、person、custom）,\n"
            "               intensity, unit, reference, reference_year, deviation_pct, points, band, words},\n"
            "               weights{a1, a2}, settings[]{key, value, default, entered, draft, draft_unset, label,\n"
            "               source}, total, grade（四星、三星、二星、一星）, provisional, note（草案的说明）,\n"
            "               report{evaluators[]{name, role, date}, findings, conclusion}\n"
            "录入: maturity FILE --year Y --set CODE=VALUE [--set ...] [--note TEXT] [--evidence TEXT]\n"
            "      [--evidence-file PATH] [--assessor NAME] [--evaluator NAME,ROLE,DATE ...]\n"
            "  CODE 为表A.1 的评分细则（M1.1.1 …，得分 0 至满分，步长 1）或上列设置（@ 可省略）；\n"
            "  @denominator 取 area（面积）、person（人数）或 custom（自定义，并用 @custom 录入本年的数值）。\n"
            "  只设 a1 时 a2 自动设为 1 − a1（反之亦然），因为 a1 + a2 须为 1。\n"
            "  --set-text 的 KEY: custom_name（自定义分母的名称，如 营业收入）、custom_unit（其单位，如\n"
            "  万元）、evaluators、findings、conclusion（评价报告的文字）；evaluators= 的格式同 tanbook evaluate。\n"
            "  一次命令的全部修改为一次可撤销的修改。\n"
            "等级（表22）：四星 90–100，三星 80–89，二星 60–79，一星 0–59（正文写作三星、二星、一星、不合格，\n"
            "按表）。定量（表A.2）：≤ 行业先进值 100 分，高出 10% 以内（含）80 分，高出 10% 以上 60 分；\n"
            "未录入行业先进值时按历史法与往年最优年度比较。\n",
    .run = cmd_maturity,
};
