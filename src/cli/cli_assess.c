/*
 * cli_assess.c - what `tanbook evaluate` and `tanbook maturity` share: the options that record an
 * assessor's entry (--set CODE=VALUE, --set-text, --clear, --note, --evidence, --evidence-file,
 * --assessor), the entry built from what was there before and what was typed, the report's texts
 * (--set-text KEY=TEXT, the evaluators also as --evaluator NAME,ROLE,DATE), all the entries of one
 * command written in one transaction (one undoable action), and the wrapping of the working of an
 * item onto lines that fit 80 columns.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/width.h"
#include "cli/cli.h"
#include "core/evaluators.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

int
cli_assess_option(struct cli_assess *ca, int c, const char *arg, const struct cli_cmd *cmd)
{
    char ***list = c == 's' ? &ca->sets : c == 't' ? &ca->texts : c == 'v' ? &ca->evaluators
                                                                           : &ca->clears;
    size_t *n = c == 's' ? &ca->nsets : c == 't' ? &ca->ntexts : c == 'v' ? &ca->nevaluators
                                                                          : &ca->nclears;

    switch (c) {
    case 's':
    case 't':
    case 'c':
    case 'v':
        if (*n == CLI_ASSESS_MAX) {
            cli_error("--set、--set-text、--clear、--evaluator 各最多 %d 个", CLI_ASSESS_MAX);
            return cli_usage(cmd);
        }
        if (*list == NULL)
            *list = xcalloc(CLI_ASSESS_MAX, sizeof **list);
        (*list)[(*n)++] = (char *)arg;
        return 0;
    case 'n':
        ca->note = arg;
        return 0;
    case 'e':
        ca->evidence = arg;
        return 0;
    case 'f':
        ca->evidence_file = arg;
        return 0;
    case 'a':
        ca->assessor = arg;
        return 0;
    default:
        return -1;
    }
}

int
cli_assess_writes(const struct cli_assess *ca)
{
    return ca->nsets + ca->ntexts + ca->nclears + ca->nevaluators > 0;
}

int
cli_assess_check(const struct cli_assess *ca, const char *year_arg, int json,
                 const struct cli_cmd *cmd)
{
    if (!cli_assess_writes(ca)) {
        if (ca->note != NULL || ca->evidence != NULL || ca->evidence_file != NULL
            || ca->assessor != NULL) {
            cli_error("--note、--evidence、--evidence-file、--assessor 只与 --set 一起使用");
            return cli_usage(cmd);
        }
        return 0;
    }
    if (json) {
        cli_error("--json 只用于显示");
        return cli_usage(cmd);
    }
    if (year_arg == NULL) {
        cli_error("写入评价记录时须用 --year 指定年度");
        return cli_usage(cmd);
    }
    return 0;
}

void
cli_assess_free(struct cli_assess *ca)
{
    free(ca->sets);
    free(ca->texts);
    free(ca->clears);
    free(ca->evaluators);
}

const char *
cli_assessor(const struct cli_assess *ca)
{
    const char *env = getenv("TANBOOK_ASSESSOR");

    if (ca->assessor != NULL)
        return ca->assessor;
    return env != NULL ? env : "";
}

int
cli_assess_split(const char *opt, const char *arg, char **key, const char **value,
                 const struct cli_cmd *cmd)
{
    const char *eq = strchr(arg, '=');

    if (eq == NULL || eq == arg) {
        cli_error("%s：应为 CODE=VALUE，而不是“%s”", opt, arg);
        return cli_usage(cmd);
    }
    *key = xasprintf("%.*s", (int)(eq - arg), arg);
    *value = eq + 1;
    return 0;
}

int
cli_assess_number(const char *code, const char *text, int *has, double *v, enum lang l)
{
    char *cause = NULL, *t = text_trim(text);

    *has = *t != '\0';
    if (*has && text_parse_number(t, v, &cause) != ERR_OK) {
        cli_error(TR(l, "--set %s：“%s”不是数值：%s", "--set %s: \"%s\" is not a number: %s"), code,
                  t, cause);
        free(cause);
        free(t);
        return EXIT_REJECTED;
    }
    free(t);
    return 0;
}

/* Copies what was entered before for the code (note, evidence) into a, or empties it. */
static void
from_before(const struct wb_plan *p, int year, const char *eval, const char *code,
            struct wb_assessment *a)
{
    const struct wb_assessment *old = plan_assessment(p, year, eval, code);

    a->year = year;
    a->eval = xstrdup(eval);
    a->code = xstrdup(code);
    a->note = xstrdup(old != NULL ? old->note : "");
    a->ev.ref = xstrdup(old != NULL ? old->ev.ref : "");
    a->ev.file = xstrdup(old != NULL ? old->ev.file : "");
    a->ev.sha256 = xstrdup(old != NULL ? old->ev.sha256 : "");
}

int
cli_assess_entry(const struct cli_assess *ca, const struct wb_plan *p, int year, const char *code,
                 struct cli_change *c)
{
    struct wb_assessment *a = &c->a;

    memset(c, 0, sizeof *c);
    from_before(p, year, ca->eval, code, a);
    a->assessor = xstrdup(cli_assessor(ca));
    if (ca->note != NULL) {
        free(a->note);
        a->note = text_trim(ca->note);
    }
    if (ca->evidence_file != NULL)
        return cli_evidence(&a->ev, ca->evidence != NULL ? ca->evidence : a->ev.ref,
                            ca->evidence_file);
    if (ca->evidence != NULL) {
        free(a->ev.ref);
        a->ev.ref = text_trim(ca->evidence);
    }
    return 0;
}

/* Fills *c for a text kept in the note of code ("#custom_name"); text "" clears it. */
static void
text_entry(const struct cli_assess *ca, const struct wb_plan *p, int year, const char *code,
           const char *text, struct cli_change *c)
{
    memset(c, 0, sizeof *c);
    from_before(p, year, ca->eval, code, &c->a);
    c->a.assessor = xstrdup(cli_assessor(ca));
    free(c->a.note);
    c->a.note = text_trim(text);
    c->clear = *c->a.note == '\0';
}

/* The evaluators of text in their canonical form (caller frees), or NULL after saying why. */
static char *
evaluators_of(const char *opt, const char *text, enum lang l)
{
    struct evaluators ev;
    char *cause = NULL, *s;

    if (evaluators_parse(text, l, &ev, &cause) != ERR_OK) {
        cli_error(TR(l, "%s：%s", "%s: %s"), opt, cause);
        free(cause);
        return NULL;
    }
    s = evaluators_text(&ev);
    evaluators_free(&ev);
    return s;
}

/* "evaluators、findings 或 conclusion" / "evaluators, findings or conclusion" (caller frees). */
static char *
key_words(const char *const *keys, size_t n, enum lang l)
{
    struct strbuf sb = {0};
    size_t i;

    for (i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i == 0 ? "" : i + 1 < n ? TR(l, "、", ", ") : TR(l, " 或 ", " or "),
                  keys[i]);
    return sb_take(&sb);
}

/* The change of one --set-text KEY=TEXT; 0 or an exit code. */
static int
text_change(const struct cli_assess *ca, const struct wb_plan *p, int year, const char *arg,
            const char *const *keys, size_t nkeys, const struct cli_cmd *cmd,
            struct cli_change *c, enum lang l)
{
    const char *value;
    char *key, *code, *canon = NULL;
    size_t i;
    int rc;

    if ((rc = cli_assess_split("--set-text", arg, &key, &value, cmd)) != 0)
        return rc;
    for (i = 0; i < nkeys && strcmp(key, keys[i]) != 0; i++)
        ;
    if (i == nkeys) {
        char *words = key_words(keys, nkeys, l);

        cli_error(TR(l, "--set-text：KEY 应为 %s，而不是“%s”", "--set-text: KEY is %s, not \"%s\""),
                  words, key);
        free(words);
        free(key);
        return EXIT_USAGE;
    }
    if (strcmp(key, "evaluators") == 0 && (canon = evaluators_of("--set-text evaluators", value, l)) == NULL) {
        free(key);
        return EXIT_REJECTED;
    }
    code = xasprintf("#%s", key);
    text_entry(ca, p, year, code, canon != NULL ? canon : value, c);
    free(canon);
    free(code);
    free(key);
    return 0;
}

/* The one change of every --evaluator: the list, one person each, replacing the stored one. */
static int
evaluators_change(const struct cli_assess *ca, const struct wb_plan *p, int year,
                  struct cli_change *c, enum lang l)
{
    struct strbuf sb = {0};
    struct evaluators ev;
    char *cause = NULL, *canon;
    size_t i;

    for (i = 0; i < ca->nevaluators; i++)
        sb_printf(&sb, "%s%s", i > 0 ? "\n" : "", ca->evaluators[i]);
    if (evaluators_parse(sb.s, l, &ev, &cause) != ERR_OK) {
        cli_error(TR(l, "--evaluator：%s", "--evaluator: %s"), cause);
        free(cause);
        sb_free(&sb);
        return EXIT_REJECTED;
    }
    sb_free(&sb);
    if (ev.n != ca->nevaluators) {      /* "" or two people in one option: the count is off */
        cli_error(TR(l, "--evaluator：每个写一位评价人员“姓名,角色,日期”（共 %zu 个选项，读出 %zu 位）",
                     "--evaluator: each names one evaluator \"NAME,ROLE,DATE\" (%zu options, %zu read)"),
                  ca->nevaluators, ev.n);
        evaluators_free(&ev);
        return EXIT_REJECTED;
    }
    canon = evaluators_text(&ev);
    evaluators_free(&ev);
    text_entry(ca, p, year, "#evaluators", canon, c);
    free(canon);
    return 0;
}

/* The change of one --set CODE=VALUE; 0 or an exit code. */
static int
set_change(const struct app *app, const struct cli_assess *ca, const struct cli_assess_kind *k,
           const struct wb_plan *p, int year, const char *arg, struct cli_change *c, enum lang l)
{
    const char *value;
    char *typed, *code;
    int rc, has = 0;
    double v = 0;

    if ((rc = cli_assess_split("--set", arg, &typed, &value, k->cmd)) != 0)
        return rc;
    if ((code = k->code(app, typed)) == NULL) {
        k->unknown("--set", typed, l);
        free(typed);
        return EXIT_USAGE;
    }
    free(typed);
    if ((rc = k->value(app, code, value, &has, &v, l)) == 0) {
        if ((rc = cli_assess_entry(ca, p, year, code, c)) == 0) {
            c->a.has_value = has;
            c->a.value = v;
        } else {
            plan_assessment_free(&c->a);    /* an unreadable --evidence-file: no change */
        }
    }
    free(code);
    return rc;
}

int
cli_assess_changes(const struct app *app, const struct cli_assess *ca,
                   const struct cli_assess_kind *k, const struct wb_plan *p, int year,
                   struct cli_change *c, size_t *n, enum lang l)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < ca->nsets && rc == 0; i++)
        if ((rc = set_change(app, ca, k, p, year, ca->sets[i], &c[*n], l)) == 0)
            (*n)++;
    for (i = 0; i < ca->ntexts && rc == 0; i++) {
        if (ca->nevaluators > 0 && strncmp(ca->texts[i], "evaluators=", 11) == 0) {
            cli_error(TR(l, "--evaluator 与 --set-text evaluators= 只用其一",
                         "--evaluator and --set-text evaluators= do not go together"));
            return EXIT_USAGE;
        }
        if ((rc = text_change(ca, p, year, ca->texts[i], k->text_keys, k->ntext_keys, k->cmd,
                              &c[*n], l)) == 0)
            (*n)++;
    }
    if (rc == 0 && ca->nevaluators > 0 && (rc = evaluators_change(ca, p, year, &c[*n], l)) == 0)
        (*n)++;
    for (i = 0; i < ca->nclears && rc == 0; i++) {
        const char *typed = ca->clears[i];
        char *code = typed[0] == '#' ? xstrdup(typed) : k->code(app, typed);

        if (code == NULL) {
            k->unknown("--clear", typed, l);
            rc = EXIT_USAGE;
        } else {
            cli_assess_clear(ca, year, code, &c[(*n)++]);
            free(code);
        }
    }
    return rc;
}

void
cli_assess_clear(const struct cli_assess *ca, int year, const char *code, struct cli_change *c)
{
    memset(c, 0, sizeof *c);
    c->a.year = year;
    c->a.eval = xstrdup(ca->eval);
    c->a.code = xstrdup(code);
    c->clear = 1;
}

int
cli_assess_put(struct book *wb, struct cli_change *c, size_t n, enum lang l)
{
    struct store *st = book_store(wb);
    char *cause = NULL;
    enum err e;
    size_t i;

    for (i = 0; i < n; i++)
        if (!c[i].clear && plan_assessment_valid(&c[i].a, l, &cause) != ERR_OK) {
            cli_error("%s：%s", c[i].a.code, cause);
            free(cause);
            return EXIT_REJECTED;
        }
    if ((e = store_begin(st, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    for (i = 0; i < n && e == ERR_OK; i++)
        e = store_assessment_put(st, &c[i].a, c[i].clear, &cause);
    if (e == ERR_OK)
        e = store_commit(st, &cause);
    else
        store_rollback(st);
    return e == ERR_OK ? 0 : cli_fail(e, cause);
}

void
cli_changes_free(struct cli_change *c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        plan_assessment_free(&c[i].a);
    free(c);
}

int
cli_assess_write(struct app *app, const char *file, const char *year_arg,
                 const struct cli_assess *ca, const struct cli_assess_writer *w, enum lang l)
{
    struct cli_change *c = xcalloc(CLI_ASSESS_CHANGES, sizeof *c);
    struct book_eval be;
    struct wb_plan p;
    struct book *wb;
    char *cause = NULL;
    int rc, year, exists;
    size_t n = 0;
    enum err e;

    if ((rc = cli_open(app, file, BOOK_WRITE, &wb)) != 0) {
        free(c);
        return rc;
    }
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) == 0) {
        if ((e = book_load_plan(wb, &p, &cause)) != ERR_OK) {
            rc = cli_fail(e, cause);
        } else {
            rc = w->changes(app, ca, &p, year, c, &n, l);
            plan_free(&p);
        }
    }
    if (rc == 0)
        rc = cli_assess_put(wb, c, n, l);
    if (rc == 0 && (rc = w->evaluate(wb, year, l, &be)) == 0) {
        w->written(&be, c, n, l);
        book_eval_free(&be);
    }
    book_close(wb);
    cli_changes_free(c, n);
    return rc;
}

/* The bytes of the character at s and its columns. */
static size_t
char_at(const char *s, int *cols)
{
    unsigned long cp;
    size_t len = text_utf8_next(s, &cp);
    char one[8];

    if (len == 0 || len >= sizeof one)
        len = 1;
    memcpy(one, s, len);
    one[len] = '\0';
    *cols = width_of(one);
    return len;
}

/* Whether s starts with a mark that may not begin a line (、，。；：）). */
static int
closing(const char *s)
{
    static const char *const marks[] = {"、", "，", "。", "；", "：", "）", ")", ",", ";", "."};
    size_t i;

    for (i = 0; i < nitems(marks); i++)
        if (strncmp(s, marks[i], strlen(marks[i])) == 0)
            return 1;
    return 0;
}

static int
ascii_word(unsigned char c)
{
    return c > ' ' && c < 0x80;
}

/* Where the line s … p (p the first character that does not fit) had better end. */
static const char *
line_end(const char *s, const char *p)
{
    const char *q = p;

    if (*p == '\0')
        return p;
    if (closing(p) && q > s) {     /* the character before goes down with the mark */
        do
            q--;
        while (q > s && ((unsigned char)*q & 0xC0) == 0x80);
    }
    if (ascii_word((unsigned char)*q)) {    /* a word or a number ("4.2.2") is not cut */
        const char *w = q;

        while (w > s && ascii_word((unsigned char)w[-1]))
            w--;
        if (w > s)
            q = w;
    }
    return q > s ? q : p;
}

void
cli_wrap(struct strbuf *sb, const char *text, int indent, int width)
{
    char *safe = text_escape_controls(text != NULL ? text : "", 0);
    const char *s = safe;

    while (*s != '\0') {
        const char *p = s, *e;
        int used = indent, w;
        size_t len;

        while (*p != '\0') {
            len = char_at(p, &w);
            if (used + w > width && p > s)
                break;
            used += w;
            p += len;
        }
        e = line_end(s, p);
        sb_printf(sb, "%*s", indent, "");
        sb_appendn(sb, s, (size_t)(e - s));
        while (sb->len > 0 && sb->s[sb->len - 1] == ' ')
            sb->s[--sb->len] = '\0';
        sb_append(sb, "\n");
        s = e;
        while (*s == ' ')
            s++;
    }
    free(safe);
}

const struct cli_opt cli_assess_opts[] = {
    CLI_OPT("year", "Y", 'y', "评价的年度（默认为工作簿中最新的年度）；录入时必须给出"),
    CLI_OPT("json", NULL, 'j', "以 JSON 输出（键名见下）"),
    CLI_OPT("lang", "zh|en", 'l', "输出语言（默认 zh）"),
    CLI_OPT("set", "CODE=VALUE", 's', "录入一项的数值或得分（CODE 与 VALUE 见下）；VALUE 为空时只记录佐证与说明"),
    CLI_OPT("set-text", "KEY=TEXT", 't', "评价报告的文字（KEY 见下）；TEXT 为空时清除"),
    CLI_OPT("clear", "CODE", 'c', "删除该项的录入"),
    CLI_OPT("note", "TEXT", 'n', "佐证说明（查阅的文件、现场核查、访谈，000 §6.5）"),
    CLI_OPT("evidence", "TEXT", 'e', "佐证材料（文件名称、文号、日期）"),
    CLI_OPT("evidence-file", "PATH", 'f', "佐证文件：记录其路径与 SHA-256，之后可核对是否改动"),
    CLI_OPT("assessor", "NAME", 'a', "评审人；不给时取环境变量 TANBOOK_ASSESSOR，再没有则为空"),
    CLI_OPT("evaluator", "NAME,ROLE,DATE", 'v', "一位评价人员：姓名、角色（职务/职称）、日期 YYYY-MM-DD，三项都要\n"
            "（002 附录B.2 评价组组成）；可重复，一次命令给出的全部 --evaluator 取代已有的名单"),
    CLI_OPT_END,
};

int
cli_assess_main(struct app *app, int argc, char **argv, const char *eval,
                const struct cli_cmd *cmd, cli_assess_show_fn show, cli_assess_write_fn write)
{
    struct cli_assess ca = {.eval = eval};
    const char *year_arg = NULL;
    enum lang lang = LANG_ZH;
    int c, json = 0, rc = 0;

    while (rc == 0 && (c = cli_getopt(cli_assess_opts, argc, argv)) != -1) {
        if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'j') {
            json = 1;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                rc = cli_usage(cmd);
        } else if (c == CLI_OPT_BAD || (rc = cli_assess_option(&ca, c, optarg, cmd)) < 0) {
            rc = cli_usage(cmd);
        }
    }
    if (rc == 0 && argc - optind != 1) {
        cli_error(argc - optind == 0 ? "%s 需要工作簿 FILE" : "多余的参数“%s”",
                  argc - optind == 0 ? cmd->name : argv[argc - 1]);
        rc = cli_usage(cmd);
    }
    if (rc == 0)
        rc = cli_assess_check(&ca, year_arg, json, cmd);
    if (rc == 0)
        rc = cli_assess_writes(&ca) ? write(app, argv[optind], year_arg, &ca, lang)
                                    : show(app, argv[optind], year_arg, json, lang);
    cli_assess_free(&ca);
    return rc;
}

/* `"evaluators": [{"name": …, "role": …, "date": …} …]` of the stored text. */
static void
evaluators_json(struct strbuf *sb, const char *stored)
{
    struct evaluators ev;
    size_t i;

    evaluators_read(stored, &ev);
    sb_append(sb, "\"evaluators\": [");
    for (i = 0; i < ev.n; i++) {
        sb_append(sb, i > 0 ? ", {\"name\": " : "{\"name\": ");
        sb_json_str(sb, ev.v[i].name);
        sb_append(sb, ", \"role\": ");
        sb_json_str(sb, ev.v[i].role);
        sb_append(sb, ", \"date\": ");
        sb_json_str(sb, ev.v[i].date);
        sb_append(sb, "}");
    }
    sb_append(sb, "]");
    evaluators_free(&ev);
}

void
cli_assess_report_json(struct strbuf *sb, const struct wb_plan *p, int year, const char *eval)
{
    static const char *const keys[] = {"evaluators", "findings", "conclusion"};
    size_t i;

    sb_append(sb, "\"report\": {");
    for (i = 0; i < nitems(keys); i++) {
        char code[16];
        const struct wb_assessment *a;
        const char *text;

        snprintf(code, sizeof code, "#%s", keys[i]);
        a = plan_assessment(p, year, eval, code);
        text = a != NULL && a->note != NULL ? a->note : "";
        sb_append(sb, i > 0 ? ", " : "");
        if (i == 0) {
            evaluators_json(sb, text);
        } else {
            sb_printf(sb, "\"%s\": ", keys[i]);
            sb_json_str(sb, text);
        }
    }
    sb_append(sb, "}");
}
