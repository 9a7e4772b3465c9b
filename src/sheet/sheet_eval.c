/*
 * sheet_eval.c - what the two evaluation steps (E.1 零碳机关评价, E.2 成熟度评价) share: the year
 * evaluated afresh on every rebuild (book_evaluate, in the sheet's language, from the workbook as
 * stored), an assessor's entry copied, changed and saved as one undoable action with the assessor's
 * name, and the numbers and texts typed into them read; the texts kept as "#…" entries (the
 * evaluation report's, E.2's custom denominator; the evaluators a list checked by
 * core/evaluators.h and kept in its canonical form) and an item's evidence file as its row shows
 * them.
 */
#include "sheet/sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "core/evaluators.h"

void
sheet_eval_free(void *state)
{
    struct sheet_eval *se = state;

    if (se == NULL)
        return;
    if (se->ok)
        book_eval_free(&se->be);
    free(se->why);
    free(se->rows);
    free(se->help);
    free(se->title);
    free(se);
}

struct sheet_eval *
sheet_eval_state(const struct sheet_env *env)
{
    return *env->state;
}

struct sheet_eval *
sheet_eval_load(const struct sheet_env *env)
{
    struct sheet_eval *se = *env->state;

    if (se == NULL)
        *env->state = se = xcalloc(1, sizeof(*se));
    if (se->ok)
        book_eval_free(&se->be);
    free(se->why);
    se->why = NULL;
    se->ok = book_evaluate(env->book, env->y->year, env->lang, &se->be, &se->why) == ERR_OK;
    if (!se->ok && se->why == NULL)
        se->why = xstrdup(err_str(ERR_IO));
    return se;
}

void
sheet_eval_entry(const struct sheet_env *env, const char *eval, const char *code,
                 struct wb_assessment *a)
{
    const struct sheet_eval *se = sheet_eval_state(env);
    const struct wb_assessment *old = se != NULL && se->ok
        ? plan_assessment(&se->be.bn.plan, env->y->year, eval, code) : NULL;

    memset(a, 0, sizeof(*a));
    if (old != NULL)
        *a = *old;
    a->year = env->y->year;
    a->eval = xstrdup(eval);
    a->code = xstrdup(code);
    a->note = sheet_dup0(old != NULL ? old->note : NULL);
    a->ev.ref = sheet_dup0(old != NULL ? old->ev.ref : NULL);
    a->ev.file = sheet_dup0(old != NULL ? old->ev.file : NULL);
    a->ev.sha256 = sheet_dup0(old != NULL ? old->ev.sha256 : NULL);
    a->assessor = sheet_dup0(old != NULL ? old->assessor : NULL);
    a->at = old != NULL && old->at != NULL ? xstrdup(old->at) : NULL;
}

enum err
sheet_eval_save(const struct sheet_env *env, struct wb_assessment *a, const char *what,
                struct sheet_out *out)
{
    char *cause = NULL;
    int clear;
    enum err e;

    if (env->assessor != NULL) {        /* whoever scores now stands for the entry */
        free(a->assessor);
        a->assessor = xstrdup(env->assessor);
    }
    if (plan_assessment_valid(a, env->lang, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    clear = !a->has_value && a->note[0] == '\0' && a->ev.ref[0] == '\0' && a->ev.file[0] == '\0';
    if ((e = store_assessment_put(env->st, a, clear, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存“%s”（Ctrl-Z 可撤销）", "Saved “%s” (Ctrl-Z undoes)"),
              what);
    return ERR_OK;
}

enum err
sheet_eval_number(const struct sheet_env *env, const char *text, int *has, double *v,
                  struct sheet_out *out)
{
    char *t = text_trim(text), *end;
    size_t n = strlen(t);

    *has = 0;
    *v = 0;
    if (n > 0 && t[n - 1] == '%')       /* "45%": the percentage as written */
        t[--n] = '\0';
    if (n == 0 || strcmp(t, "—") == 0) {     /* "—" is how an unscored cell reads */
        free(t);
        return ERR_OK;
    }
    *v = strtod(t, &end);
    if (*end != '\0' || !isfinite(*v)) {
        sheet_fail(out, ERR_INPUT, xasprintf(SHEET_TR(env, "“%s”不是数字", "“%s” is not a number"), t));
        free(t);
        return ERR_INPUT;
    }
    free(t);
    *has = 1;
    return ERR_OK;
}

enum err
sheet_eval_text(const struct sheet_env *env, const char *key, const char *text, char **slot,
                struct sheet_out *out)
{
    const struct field_def *fd = forms_field(env->step->form, key);
    char *v = text_trim(text), *cause = NULL;
    double x;

    if (fd != NULL && forms_validate_lang(fd, v, env->lang, &x, &cause) != ERR_OK) {
        free(v);
        return sheet_fail(out, ERR_INPUT, cause);
    }
    free(*slot);
    *slot = v;
    return ERR_OK;
}

char *
sheet_eval_points(int scored, double v)
{
    return scored ? sheet_num(v, 2) : xstrdup("—");
}

/* The texts kept as "#…" entries (the note holds the text): the report's and E.2's denominator. */
static const struct {
    const char *code, *zh, *en;
} texts[] = {
    {"#evaluators", "评价人员（姓名、角色、日期）", "Evaluators (name, role, date)"},
    {"#findings", "评价发现", "Findings"},
    {"#conclusion", "评价结论", "Conclusion"},
    {"#custom_name", "自定义分母的名称（如 营业收入）", "Custom denominator's name (e.g. revenue)"},
    {"#custom_unit", "自定义分母的单位（如 万元）", "Custom denominator's unit (e.g. 10k yuan)"},
};

const char *const sheet_eval_report[SHEET_EVAL_NREPORT] = {"#evaluators", "#findings", "#conclusion"};

const char *
sheet_eval_text_label(const struct sheet_env *env, const char *code)
{
    size_t i;

    for (i = 0; i < nitems(texts); i++)
        if (strcmp(texts[i].code, code) == 0)
            return SHEET_TR(env, texts[i].zh, texts[i].en);
    return code;
}

const char *
sheet_eval_text_now(const struct sheet_env *env, const char *eval, const char *code)
{
    const struct sheet_eval *se = sheet_eval_state(env);
    const struct wb_assessment *a = se != NULL && se->ok
        ? plan_assessment(&se->be.bn.plan, env->y->year, eval, code) : NULL;

    return a != NULL && a->note != NULL ? a->note : "";
}

/* Whether text is an evaluators' text written before the list (one that does not parse). */
static int
evaluators_old(const char *text)
{
    struct evaluators ev;
    char *cause = NULL;

    if (evaluators_parse(text, LANG_ZH, &ev, &cause) == ERR_OK) {
        evaluators_free(&ev);
        return 0;
    }
    free(cause);
    return 1;
}

static int
is_evaluators(const char *code)
{
    return strcmp(code, "#evaluators") == 0;
}

void
sheet_eval_text_row(const struct sheet_env *env, struct sheet *s, int r, const char *eval,
                    const char *code, int c_code, int c_label, int c_text)
{
    const char *now = sheet_eval_text_now(env, eval, code);

    sheet_set(s, r, c_code, xstrdup(code), SHEET_DIM);
    sheet_set(s, r, c_label, xstrdup(sheet_eval_text_label(env, code)), 0);
    /* the evaluators as the list is written, so editing starts from what parses again; an older
       free text is marked, the help line says why */
    sheet_set(s, r, c_text, xstrdup(now),
              SHEET_EDIT | (is_evaluators(code) && evaluators_old(now) ? SHEET_WARN : 0));
}

enum err
sheet_eval_put_text(const struct sheet_env *env, const char *eval, const char *code,
                    const char *text, struct sheet_out *out)
{
    struct wb_assessment a;
    struct evaluators ev;
    char *cause = NULL;
    enum err e;

    if (is_evaluators(code) && evaluators_parse(text, env->lang, &ev, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    sheet_eval_entry(env, eval, code, &a);
    free(a.note);
    if (is_evaluators(code)) {
        a.note = evaluators_text(&ev);
        evaluators_free(&ev);
    } else {
        a.note = text_trim(text);       /* "" clears the entry: a text has nothing else */
    }
    a.has_value = 0;
    e = sheet_eval_save(env, &a, sheet_eval_text_label(env, code), out);
    plan_assessment_free(&a);
    return e;
}

/* The evaluators' help: the format first (all that shows while editing), then the list now. */
static char *
evaluators_help(const struct sheet_env *env, const char *text)
{
    struct strbuf sb = {0};
    struct evaluators ev;
    size_t i;

    sb_append(&sb, SHEET_TR(env, "评价人员：每位 姓名，角色（职务/职称），日期 YYYY-MM-DD，各位以；分隔",
                            "Evaluators: each NAME, ROLE (position or title), DATE YYYY-MM-DD, separated by ;"));
    if (text[0] == '\0') {
        sb_append(&sb, SHEET_TR(env, " · （空，直接输入；留空即清除）", " · (empty: type it; empty clears)"));
        return sb_take(&sb);
    }
    if (evaluators_old(text)) {
        sb_printf(&sb, SHEET_TR(env, " · 现有文字不是这样的名单（旧版写的），改写后保存：%s",
                                " · the text now is not such a list (an older version's): rewrite it: %s"),
                  text);
        return sb_take(&sb);
    }
    evaluators_read(text, &ev);
    sb_printf(&sb, SHEET_TR(env, " · 共 %zu 位：", " · %zu now: "), ev.n);
    for (i = 0; i < ev.n; i++)
        sb_printf(&sb, SHEET_TR(env, "%s%s（%s，%s）", "%s%s (%s, %s)"), i > 0 ? SHEET_TR(env, "、", "; ") : "",
                  ev.v[i].name, ev.v[i].role, ev.v[i].date);
    evaluators_free(&ev);
    return sb_take(&sb);
}

const char *
sheet_eval_text_help(const struct sheet_env *env, const char *code, const char *text)
{
    struct sheet_eval *se = sheet_eval_state(env);

    free(se->help);
    if (is_evaluators(code))
        se->help = evaluators_help(env, text);
    else
        se->help = text[0] != '\0'
            ? xasprintf(SHEET_TR(env, "%s：%s", "%s: %s"), sheet_eval_text_label(env, code), text)
            : xasprintf(SHEET_TR(env, "%s：（空，直接输入；留空即清除）", "%s: (empty: type it; empty clears)"),
                        sheet_eval_text_label(env, code));
    return se->help;
}

void
sheet_eval_file_cell(struct sheet *s, int r, int c, const struct wb_evidence *ev)
{
    enum evidence_state st = book_evidence_state(ev);
    const char *f = ev->file != NULL ? ev->file : "", *base = strrchr(f, '/');

    /* the file's name in the cell (the full path on the help line), marked when it no longer matches */
    sheet_set(s, r, c, xstrdup(base != NULL ? base + 1 : f),
              SHEET_EDIT | (st == EVIDENCE_CHANGED || st == EVIDENCE_MISSING ? SHEET_WARN : 0));
}

const char *
sheet_eval_file_help(const struct sheet_env *env, const struct wb_evidence *ev)
{
    struct sheet_eval *se = sheet_eval_state(env);
    enum evidence_state st = book_evidence_state(ev);

    free(se->help);
    if (st == EVIDENCE_NO_FILE)
        se->help = xstrdup(SHEET_TR(env, "佐证文件：无（输入文件路径，保存时记下其 SHA-256）",
                                    "Evidence file: none (type its path; its SHA-256 is taken on saving)"));
    else
        se->help = xasprintf(SHEET_TR(env, "佐证文件：%s · SHA-256 %.12s… · %s", "Evidence file: %s · SHA-256 %.12s… · %s"),
                             ev->file, ev->sha256 != NULL ? ev->sha256 : "",
                             book_evidence_words(st, env->lang));
    return se->help;
}

void
sheet_eval_wide(struct sheet *s, int r, int c, char *text, unsigned flags)
{
    sheet_note(s, r, c, xstrdup(text));
    sheet_set(s, r, c, text, SHEET_WIDE | flags);
}

void
sheet_eval_advance(const struct sheet_env *env, const struct sheet *s, int *row, int *col)
{
    int r;

    (void)env;
    for (r = *row + 1; r < s->nrows; r++)
        if (sheet_cell(s, r, *col)->flags & SHEET_EDIT) {
            *row = r;
            return;
        }
}

enum err
sheet_eval_field(const struct sheet_env *env, const char *key, const char *text,
                 struct wb_assessment *a, struct sheet_out *out)
{
    if (strcmp(key, "evidence") == 0)
        return sheet_eval_text(env, "evidence", text, &a->ev.ref, out);
    if (strcmp(key, "evidence_file") == 0)
        return sheet_evidence_file(env, &a->ev, text, out);
    if (strcmp(key, "note") == 0)
        return sheet_eval_text(env, "note", text, &a->note, out);
    return ERR_NOTFOUND;
}

void
sheet_eval_point_choices(const struct sheet_env *env, struct sheet_choice *c, const double *pts,
                         double step, size_t n)
{
    size_t i;

    c->labels = xcalloc(n + 2, sizeof(*c->labels));
    c->values = xcalloc(n + 2, sizeof(*c->values));
    c->labels[0] = xstrdup(SHEET_TR(env, "—（未评分）", "— (unscored)"));
    c->values[0] = xstrdup("");
    for (i = 0; i < n; i++) {
        double v = pts != NULL ? pts[i] : step * (double)i;
        char *t = sheet_num(v, 2);

        c->labels[i + 1] = xasprintf(SHEET_TR(env, "%s 分", "%s points"), t);
        free(t);
        c->values[i + 1] = sheet_num(v, 4);
    }
    c->n = n + 1;
}
