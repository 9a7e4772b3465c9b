/*
 * cli_pledge.c - `tanbook pledge`: the texts of the 碳中和计划 (003 §6.4.1, Appendix B:
 * commitment, timetable, reduction and offsetting strategy) and of a year's 碳中和声明 (003 §9:
 * period, evaluator, conclusion, other), set or cleared (--set KEY=TEXT, all of one command in
 * one undoable action) or shown. Keys are the stable names or the Chinese labels of
 * plan_text_label.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/plan.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

#define PLEDGE_MAX_SETS 16

static const char *const pledge_keys[] = {"commitment", "timetable", "reduction", "offsetting"};
static const char *const statement_keys[] = {"period", "evaluator", "conclusion", "other"};

/* The key typed (a name or its zh/en label) among keys; NULL when none. */
static const char *
key_find(const char *typed, const char *const *keys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(typed, keys[i]) == 0 || strcmp(typed, plan_text_label(keys[i], LANG_ZH)) == 0
            || text_eq(typed, plan_text_label(keys[i], LANG_EN)))
            return keys[i];
    return NULL;
}

static int
set_texts(struct app *app, const char *file, const char *year_arg, char **sets, size_t nsets,
          enum lang l)
{
    const char *const *keys = year_arg != NULL ? statement_keys : pledge_keys;
    const char *key[PLEDGE_MAX_SETS];
    char *val[PLEDGE_MAX_SETS] = {0}, *cause = NULL;
    struct store *st;
    struct book *wb;
    int rc = 0, year = 0, exists;
    size_t i;
    enum err e = ERR_OK;

    for (i = 0; i < nsets && rc == 0; i++) {
        char *eq = strchr(sets[i], '='), *k;
        unsigned long cp;

        k = eq != NULL ? xasprintf("%.*s", (int)(eq - sets[i]), sets[i]) : xstrdup(sets[i]);
        key[i] = key_find(k, keys, 4);
        if (eq == NULL || key[i] == NULL) {
            cli_error(TR(l, "--set：应为 KEY=TEXT，KEY 为 %s、%s、%s 或 %s（或其中文名称），而不是“%s”",
                         "--set: KEY=TEXT with KEY one of %s, %s, %s, %s (or the Chinese label), not “%s”"),
                      keys[0], keys[1], keys[2], keys[3], sets[i]);
            rc = EXIT_USAGE;
        } else if ((cp = text_control(eq + 1)) != 0) {
            cli_error(TR(l, "--set %s：含有控制字符 U+%04lX", "--set %s: holds the control character U+%04lX"),
                      key[i], cp);
            rc = EXIT_REJECTED;
        } else {
            val[i] = text_trim(eq + 1);
        }
        free(k);
    }
    if (rc == 0 && (rc = cli_open(app, file, BOOK_WRITE, &wb)) == 0) {
        if (year_arg != NULL)
            rc = cli_year(wb, year_arg, 0, &year, &exists);
        st = book_store(wb);
        if (rc == 0 && (e = store_begin(st, &cause)) == ERR_OK) {
            for (i = 0; i < nsets && e == ERR_OK; i++)
                e = store_neutral_text_set(st, year, key[i], val[i], &cause);
            if (e == ERR_OK)
                e = store_commit(st, &cause);
            else
                store_rollback(st);
        }
        book_close(wb);
        if (rc == 0 && e != ERR_OK)
            rc = cli_fail(e, cause);
        for (i = 0; i < nsets && rc == 0; i++) {
            if (*val[i] == '\0')
                cli_out(TR(l, "已清除 %s\n", "Cleared %s\n"), plan_text_label(key[i], l));
            else
                cli_out(TR(l, "已写入 %s\n", "Wrote %s\n"), plan_text_label(key[i], l));
        }
    }
    for (i = 0; i < nsets; i++)
        free(val[i]);
    return rc;
}

/* Appends the texts of keys (their slots texts[i]) as lines or as JSON members. */
static void
texts_out(struct strbuf *sb, const char *const *keys, char *const *texts, int json, enum lang l)
{
    size_t i;

    for (i = 0; i < 4; i++) {
        const char *t = texts[i] != NULL ? texts[i] : "";

        if (json) {
            sb_printf(sb, "%s\"%s\": ", i > 0 ? ", " : "", keys[i]);
            sb_json_str(sb, t);
        } else {
            char *s = text_escape_controls(*t != '\0' ? t : TR(l, "（未填写）", "(not written)"), 0);

            sb_printf(sb, "  %s：%s\n", plan_text_label(keys[i], l), s);
            free(s);
        }
    }
}

static int
show(struct app *app, const char *file, const char *year_arg, int json, enum lang l)
{
    const struct wb_statement *s;
    struct strbuf sb = {0};
    struct wb_plan p;
    struct book *wb;
    char *cause = NULL;
    int rc, year = 0, exists;
    enum err e;

    if ((rc = cli_open(app, file, BOOK_READ, &wb)) != 0)
        return rc;
    if (year_arg != NULL && (rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    e = book_load_plan(wb, &p, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    {
        char *const pt[4] = {p.pledge.commitment, p.pledge.timetable, p.pledge.reduction,
                             p.pledge.offsetting};

        sb_append(&sb, json ? "{\"pledge\": {" : TR(l, "碳中和计划（003 附录B）\n", "Carbon-neutrality plan (003 Appendix B)\n"));
        texts_out(&sb, pledge_keys, pt, json, l);
    }
    if (json)
        sb_append(&sb, "}, \"statement\": ");
    if (year != 0) {
        const struct wb_statement empty = {.year = year};

        s = plan_statement(&p, year);
        if (s == NULL)
            s = &empty;
        {
            char *const st[4] = {s->period, s->evaluator, s->conclusion, s->other};

            if (json)
                sb_printf(&sb, "{\"year\": %d, ", year);
            else
                sb_printf(&sb, TR(l, "\n%d 年碳中和声明（003 §9）\n", "\nCarbon-neutrality statement of %d (003 §9)\n"), year);
            texts_out(&sb, statement_keys, st, json, l);
            sb_append(&sb, json ? "}" : "");
        }
    } else if (json) {
        sb_append(&sb, "null");
    }
    if (json) {
        sb_append(&sb, "}\n");
        fputs(sb.s, stdout);
    } else {
        cli_out("%s", sb.s);
    }
    sb_free(&sb);
    plan_free(&p);
    return 0;
}

static const struct cli_opt pledge_opts[] = {
    CLI_OPT("set", "KEY=TEXT", 's', "写入一项文字（KEY 见下）；TEXT 为空时清除"),
    CLI_OPT("year", "Y", 'y', "年度声明的年度；不给时为碳中和计划"),
    CLI_OPT("json", NULL, 'j', "以 JSON 输出（键名见下）"),
    CLI_OPT("lang", "zh|en", 'l', "输出语言（默认 zh）"),
    CLI_OPT_END,
};

static int
cmd_pledge(struct app *app, int argc, char **argv)
{
    char *sets[PLEDGE_MAX_SETS];
    const char *year_arg = NULL;
    enum lang lang = app->lang;
    size_t nsets = 0;
    int c, json = 0;

    while ((c = cli_getopt(pledge_opts, argc, argv)) != -1) {
        if (c == 's') {
            if (nsets == PLEDGE_MAX_SETS) {
                cli_error("--set 最多 %d 个", PLEDGE_MAX_SETS);
                return cli_usage(&cli_cmd_pledge);
            }
            sets[nsets++] = optarg;
        } else if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'j') {
            json = 1;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                return cli_usage(&cli_cmd_pledge);
        } else {
            return cli_usage(&cli_cmd_pledge);
        }
    }
    if (argc - optind != 1) {
        cli_error(argc - optind == 0 ? "pledge 需要工作簿 FILE" : "多余的参数“%s”", argv[argc - 1]);
        return cli_usage(&cli_cmd_pledge);
    }
    if (nsets > 0 && json) {
        cli_error("--json 只用于显示");
        return cli_usage(&cli_cmd_pledge);
    }
    if (nsets > 0)
        return set_texts(app, argv[optind], year_arg, sets, nsets, lang);
    return show(app, argv[optind], year_arg, json, lang);
}

const struct cli_cmd cli_cmd_pledge = {
    .name = "pledge",
    .summary = "碳中和计划（承诺、时间表、减排策略、抵消策略）与各年碳中和声明的文字：写入、清除、显示",
    .usage = "pledge FILE [--year Y] [--set KEY=TEXT ...] [--json] [--lang zh|en]",
    .help = "碳中和计划（003 §6.4.1、附录B）: pledge FILE --set KEY=TEXT ...\n"
            "  KEY: commitment（碳中和承诺的陈述）、timetable（时间表）、reduction（温室气体减排策略）、\n"
            "       offsetting（碳抵消策略），也可用中文名称\n"
            "年度声明（003 §9）: pledge FILE --year Y --set KEY=TEXT ...\n"
            "  KEY: period（覆盖的时间段）、evaluator（评价机构）、conclusion（评价结论）、other（其他声明内容）\n"
            "TEXT 为空（KEY=）时清除。一次命令的全部 --set 为一次可撤销的修改。\n"
            "显示: pledge FILE [--year Y] [--json]\n"
            "  --json 键名: pledge{commitment, timetable, reduction, offsetting},\n"
            "               statement{year, period, evaluator, conclusion, other}（不给 --year 时为 null）\n",
    .opts = pledge_opts,
    .run = cmd_pledge,
};
