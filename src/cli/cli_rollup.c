/*
 * cli_rollup.c - `tanbook rollup`: a regional office's roll-up of many workbooks into one Excel
 * workbook (-o) and/or the JSON contract (--json, docs/rollup.md). Every file is opened read-only;
 * one that cannot be used is listed with its reason and the run goes on. While stderr is a
 * terminal a progress line (files done, rate, time left) is redrawn in place; otherwise nothing
 * but the notes at the end goes there.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/period.h"
#include "book/book_rollup.h"
#include "cli/cli.h"
#include "export/export_rollup.h"
#include "pg/pg.h"

#define TR(l, zh, en) ((l) == LANG_EN ? (en) : (zh))
#define NOTES_MAX 10            /* the files not used named on stderr; the rest are counted */
#define BAR 24

struct progress {
    enum lang lang;
    double start, last;         /* seconds (CLOCK_MONOTONIC) */
    int drawn;
};

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Redraws the progress line at most ten times a second, and for the last file. */
static void
progress(size_t done, size_t total, void *ctx)
{
    struct progress *p = ctx;
    double t = now_s(), rate, left;
    char bar[BAR + 1];
    size_t i, fill;

    if (done < total && t - p->last < 0.1)
        return;
    p->last = t;
    rate = t > p->start ? (double)done / (t - p->start) : 0;
    left = rate > 0 ? (double)(total - done) / rate : 0;
    fill = total > 0 ? done * BAR / total : BAR;
    for (i = 0; i < BAR; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR] = '\0';
    fprintf(stderr, p->lang == LANG_EN ? "\r[%s] %zu/%zu files  %.1f files/s  %d:%02d left\033[K"
                                       : "\r[%s] %zu/%zu 个文件  %.1f 个/秒  剩余 %d:%02d\033[K",
            bar, done, total, rate, (int)left / 60, (int)left % 60);
    fflush(stderr);
    p->drawn = 1;
}

/* The notes after the run: the files not used (the first NOTES_MAX) and every conflict. */
static void
notes(const struct rollup *ru, enum lang l)
{
    size_t i, j;

    for (i = 0; i < ru->nskipped && i < NOTES_MAX; i++)
        cli_error(TR(l, "注意：未使用 %s：%s", "note: not used: %s: %s"), ru->skipped[i].file,
                  ru->skipped[i].reason);
    if (ru->nskipped > NOTES_MAX)
        cli_error(TR(l, "注意：另有 %zu 个文件未使用（全部见报表的“无法使用的文件”）",
                     "note: %zu more files not used (all in the report's Files not used)"),
                  ru->nskipped - NOTES_MAX);
    for (i = 0; i < ru->nconflicts; i++) {
        const struct rollup_conflict *c = &ru->conflicts[i];
        char *files = xstrdup("");

        for (j = 0; j < c->nfiles; j++) {
            char *next = xasprintf("%s%s%s", files, j > 0 ? TR(l, "、", ", ") : "", c->files[j]);

            free(files);
            files = next;
        }
        cli_error(TR(l, "注意：统一社会信用代码 %s 的 %d 年度出现在 %zu 个文件中（%s），均未计入合计",
                     "note: social credit code %s for %d is in %zu files (%s); none is in the totals"),
                  c->code, c->year, c->nfiles, files);
        free(files);
    }
}

static const struct cli_opt rollup_opts[] = {
    CLI_OPT_SHORT('o', "output", "REGION.xlsx", 'o',
                  "写出 Excel 报表（汇总、排放量排序、强度排序、分布图、无法使用的文件、冲突）"),
    CLI_OPT("year", "YEAR", 'y', "汇总的年度（默认为每个文件中最新的年度）；缺少该年度的文件不计入"),
    CLI_OPT("json", NULL, 'j', "在标准输出以 JSON 输出（可不给 -o）：units[]（code, unit, file, year, total_tco2e,\n"
            "scope1_tco2e, scope2_tco2e, intensity_kgco2e_per_m2, per_capita_tco2e, energy_tce,\n"
            "complete, building_area_m2, headcount, change_vs_base_pct, grade, conflict）, totals,\n"
            "skipped[]（file, reason）, conflicts[]（code, year, files[]）；见 docs/rollup.md"),
    CLI_OPT("lang", "zh|en", 'l', "报表和提示的语言（默认 zh）"),
    CLI_OPT("pg", "CONNINFO", 'p', "从区域 PostgreSQL 数据库（tanbook push 推送的）汇总，不读工作簿文件；\n"
            "数据库不记基准期与评价，较基准期变化与等级为空"),
    CLI_OPT_END,
};

static int
cmd_rollup(struct app *app, int argc, char **argv)
{
    const char *out = NULL, *year_arg = NULL, *conninfo = NULL;
    enum lang lang = LANG_ZH;
    struct progress pr = {0};
    struct rollup ru;
    struct rollup_totals t;
    char *cause = NULL, *text;
    int c, json = 0, year = 0, rc = 0;
    size_t n;
    enum err e;

    while ((c = cli_getopt(rollup_opts, argc, argv)) != -1) {
        if (c == 'o') {
            out = optarg;
        } else if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'j') {
            json = 1;
        } else if (c == 'p') {
            conninfo = optarg;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                return cli_usage(&cli_cmd_rollup);
        } else {
            return cli_usage(&cli_cmd_rollup);
        }
    }
    if (conninfo != NULL && optind < argc) {
        cli_error("--pg 从数据库汇总，不再给工作簿文件（“%s”）", argv[optind]);
        return cli_usage(&cli_cmd_rollup);
    }
    if (conninfo == NULL && optind >= argc) {
        cli_error("缺少要汇总的工作簿文件或目录");
        return cli_usage(&cli_cmd_rollup);
    }
    if (out == NULL && !json) {
        cli_error("rollup 需要 -o 报表.xlsx 或 --json");
        return cli_usage(&cli_cmd_rollup);
    }
    n = out != NULL ? strlen(out) : 0;
    if (n >= 8 && strcmp(out + n - 8, ".tanbook") == 0) {
        /* the report is written by a rename over -o: never over a workbook */
        cli_error("-o：报表是 Excel 文件（.xlsx），不能写到工作簿“%s”", out);
        return EXIT_USAGE;
    }
    if (year_arg != NULL && period_parse_year(year_arg, &year, &cause) != ERR_OK) {
        cli_error("--year：%s", cause);
        free(cause);
        return EXIT_USAGE;
    }
    pr.lang = lang;
    pr.start = pr.last = now_s();
    if (conninfo != NULL) {
        if ((e = pg_rollup_load(conninfo, year, &ru, &cause)) != ERR_OK)
            return cli_fail(e, cause);
    } else {
        book_rollup(app, (const char *const *)(argv + optind), (size_t)(argc - optind), year,
                    lang, isatty(STDERR_FILENO) ? progress : NULL, &pr, &ru);
    }
    if (pr.drawn)
        fputs("\r\033[K", stderr);      /* the line goes; what it said is in the notes below */
    notes(&ru, lang);
    if (out != NULL && (e = export_rollup_xlsx(&ru, lang, out, &cause)) != ERR_OK) {
        rollup_free(&ru);
        return cli_fail(e, cause);
    }
    rollup_totals(&ru, &t);
    if (json) {
        text = export_rollup_json(&ru);
        fputs(text, stdout);
        free(text);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error("无法写出到标准输出");
            rc = EXIT_IO;
        }
    } else {
        cli_out(TR(lang, "已汇总 %zu 个单位到 %s（%zu 个文件无法使用，%zu 处代码冲突）\n",
                   "Rolled up %zu organizations into %s (%zu files not used, %zu code conflicts)\n"),
                t.nunits, out, ru.nskipped, ru.nconflicts);
    }
    if (rc == 0 && ru.nunits == 0) {
        cli_error(TR(lang, "没有可用的工作簿", "no workbook could be used"));
        rc = EXIT_REJECTED;
    }
    rollup_free(&ru);
    return rc;
}

const struct cli_cmd cli_cmd_rollup = {
    .name = "rollup",
    .summary = "汇总多个单位的工作簿（区域报表：合计、平均、排序、分布图）",
    .usage = "rollup -o REGION.xlsx [--year YEAR] [--json] [--lang zh|en] FILE_OR_DIRECTORY...\n"
             "       tanbook rollup --pg CONNINFO [-o REGION.xlsx] [--year YEAR] [--json] [--lang zh|en]",
    .help = "每个工作簿只读打开，不写入、不升级；损坏的、不是工作簿的、版本较新的文件列入“无法使用的文件”并注明原因，\n"
            "汇总照常进行。目录中查找（含子目录）名为 *.tanbook 的文件，以“.”开头的文件和目录不查找。\n"
            "同一统一社会信用代码同一年度出现在两个以上文件中为代码冲突：这些单位列出并标明，但均不计入合计、平均和排序。\n"
            "标准错误输出为终端时显示进度（文件数、速度、剩余时间），否则不显示。\n"
            "退出码: 0 已汇总；1 没有可用的工作簿（报表仍写出）；2 用法错误；3 报表无法写出\n",
    .opts = rollup_opts,
    .run = cmd_rollup,
};
