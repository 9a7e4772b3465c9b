/*
 * cli_export.c - `tanbook export`: a year's Excel report (tables A.1–A.6 and the sheets after them,
 * the carbon performance over all the workbook's years last), the
 * same file the terminal workbook writes on F5, or the year in another format of the exporter
 * table (--format json: what `summary --json` prints); --format csv is the tidy CSV of any
 * number of workbooks (cli_export_csv.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "export/export.h"
#include "core/report.h"
#include "base/strbuf.h"

/* "dir/name-2024.xlsx" beside the workbook "dir/name.tanbook", as the terminal workbook offers;
   suffix is the format's. */
static char *
default_output(const char *file, int year, const char *suffix)
{
    const char *base = strrchr(file, '/');
    const char *dot;
    size_t dirlen = base ? (size_t)(base - file + 1) : 0;

    base = base ? base + 1 : file;
    dot = strrchr(base, '.');
    return xasprintf("%.*s%.*s-%d%s", (int)dirlen, file,
                     (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base, year,
                     suffix);
}

/* Whether path is a file name ending in suffix (".xlsx"), not the bare suffix after a '/'. */
static int
has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);

    return n > k && path[n - k - 1] != '/' && strcasecmp(path + n - k, suffix) == 0;
}

/* "xlsx、json、csv": the names of the exporter table and csv, for a message. */
static char *
format_names(void)
{
    struct strbuf sb = {0};
    size_t i;

    for (i = 0; export_formats[i] != NULL; i++)
        sb_printf(&sb, "%s%s", i ? "、" : "", export_formats[i]->name);
    sb_append(&sb, "、csv");
    return sb_take(&sb);
}

/* Whether a and b name one existing file. */
static int
same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

/* Whether an evidence file still holds its recorded SHA-256, in words: export_eval's check. */
static const char *
evidence_words(const struct wb_evidence *ev, enum lang lang)
{
    return book_evidence_words(book_evidence_state(ev), lang);
}

/*
 * Loads from the workbook at file every year, computed once (bc, Chinese labels as the report),
 * and the year (year_arg, NULL = latest) into *year with its two evaluations into *be (which
 * also hold its carbon performance over the years, for 碳绩效参数, and its neutrality
 * judgement), for 零碳机关评价, 成熟度评价 and 佐证材料清单. Returns 0 (free be, then bc), or an
 * exit code after printing why (nothing left to free).
 */
static int
load(struct app *app, const char *file, const char *year_arg, struct book_calc *bc, int *year,
     struct book_eval *be)
{
    struct book *wb;
    struct perf p;
    char *cause = NULL;
    int exists, rc;
    enum err e;

    if ((rc = cli_open(app, file, BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    e = book_calc_load(wb, LANG_ZH, bc, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if ((e = book_evaluate_of(bc, *year, be, &cause)) == ERR_OK && !be->has_perf) {
        /* the evaluations do without the performance, the report does not: say why it failed */
        if ((e = book_perf_of(bc, *year, &p, &cause)) == ERR_OK)
            perf_free(&p);
        book_eval_free(be);
        e = e != ERR_OK ? e : ERR_INPUT;
    }
    if (e != ERR_OK) {
        book_calc_free(bc);
        return cli_fail(e, cause);
    }
    return 0;
}

static int
write_report(struct app *app, const struct exporter *ex, const struct book_calc *bc,
             const struct book_eval *be, const char *out)
{
    struct export_eval ev = {.zc_defs = app->zc, .zc = &be->zc, .mat_defs = app->maturity,
                             .mat = be->mat_ok ? &be->mat : NULL, .mat_why = be->mat_why,
                             .evidence_words = evidence_words};
    /* the submitted report always carries the standard's Chinese labels (bc's); the year's
       judgement, for the 碳中和 sheets, is the evaluations' (its offsets point into bc's plan) */
    struct export_in in = {.fs = app->forms, .r = &be->bn.rep, .perf = &be->perf,
                           .plan = &bc->plan, .neutral = &be->bn.n, .residual = be->bn.residual,
                           .eval = &ev};
    char *cause = NULL;
    enum err e;

    if ((e = ex->write(&in, out, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    cli_out("已导出 %s（%d 年度）\n", out, be->bn.year.year);
    return 0;
}

static const struct cli_opt export_opts[] = {
    CLI_OPT("year", "YEAR", 'y', "年度（默认为工作簿中最新的年度；csv 默认为全部年度）"),
    CLI_OPT_SHORT('o', "output", "OUT", 'o', "输出文件，须以格式的后缀结尾；xlsx 与 json 默认为工作簿旁的\n"
                  "NAME-YEAR.xlsx / NAME-YEAR.json，csv 默认写到标准输出"),
    CLI_OPT("format", "FORMAT", 'f', "xlsx（默认）：Excel 报表；json：与 summary --json 相同的 JSON；\n"
            "csv：一个或多个工作簿各年度的活动数据明细（长表，见下）"),
    CLI_OPT_END,
};

static int
cmd_export(struct app *app, int argc, char **argv)
{
    const char *year_arg = NULL, *out_arg = NULL, *format_arg = NULL, *file;
    const struct exporter *ex = &export_xlsx_format;
    struct book_calc bc;
    struct book_eval be;
    char *out, *names;
    int c, rc, year;

    while ((c = cli_getopt(export_opts, argc, argv)) != -1) {
        if (c == 'y')
            year_arg = optarg;
        else if (c == 'o')
            out_arg = optarg;
        else if (c == 'f')
            format_arg = optarg;
        else
            return cli_usage(&cli_cmd_export);
    }
    if (format_arg != NULL && strcmp(format_arg, "csv") == 0) {
        if (argc - optind < 1)
            return cli_usage(&cli_cmd_export);
        if (out_arg != NULL && !has_suffix(out_arg, ".csv")) {
            cli_error("输出文件名须以 .csv 结尾，如 -o 数据.csv：“%s”", out_arg);
            return EXIT_USAGE;
        }
        return cli_export_csv(app, argv + optind, argc - optind, year_arg, out_arg);
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_export);
    file = argv[optind];
    if (format_arg != NULL && (ex = export_find(format_arg)) == NULL) {
        names = format_names();
        cli_error("--format：“%s”不是可用的格式（%s）", format_arg, names);
        free(names);
        return EXIT_USAGE;
    }
    if (out_arg != NULL && !has_suffix(out_arg, ex->suffix)) {
        cli_error("输出文件名须以 %s 结尾，如 -o 报表%s：“%s”", ex->suffix, ex->suffix, out_arg);
        return EXIT_USAGE;
    }
    if (out_arg != NULL && same_file(file, out_arg)) {
        cli_error("输出文件不能是工作簿本身：%s", out_arg);
        return EXIT_USAGE;
    }
    if ((rc = load(app, file, year_arg, &bc, &year, &be)) != 0)
        return rc;
    out = out_arg != NULL ? xstrdup(out_arg) : default_output(file, year, ex->suffix);
    rc = write_report(app, ex, &bc, &be, out);
    book_eval_free(&be);
    book_calc_free(&bc);
    free(out);
    return rc;
}

const struct cli_cmd cli_cmd_export = {
    .name = "export",
    .summary = "导出 Excel 报表（表A.1–A.6、因子说明、月度明细、活动数据明细、图表、碳绩效、碳中和、评价）",
    .usage = "export FILE [--year YEAR] [-o OUT.xlsx] [--format xlsx|json]\n"
             "       tanbook export --format csv FILE… [--year YEAR] [-o OUT.csv]",
    .opts = export_opts,
    .help = "工作表: 表A.1 基本信息 … 表A.6 排放因子数据（按 T/ZJJGSW 0005—2024 附录A 的表格样式），\n"
            "因子说明（因子的推导、升的换算密度、折标准煤系数），月度明细（各排放源逐月、逐季度\n"
            "的活动水平和碳排放量），活动数据明细（每条活动数据及其数据来源、备注）和图表（按排放\n"
            "源、按月、按季度的碳排放量），以及碳绩效参数（工作簿各年按报告值和按基准期因子可比的\n"
            "碳绩效参数、较上年和较基准期的变化、趋势图）和碳基准与目标（基准期及其设定记录、\n"
            "较基准期变化的分解、碳目标及逐年进度、减排措施计划），可再生能源与绿电（可再生能源\n"
            "与绿色电力记录及其佐证、绿证、可再生能源利用率和绿色电力利用率、基于位置与基于市场\n"
            "的范围二排放）、碳抵消与碳中和（核算边界、每项碳抵消是否计入及原因、碳中和评价、\n"
            "碳中和计划），实现碳中和的年度另有碳中和声明（《碳中和实施指南 组织》第 9 章），最后是\n"
            "零碳机关评价（评价概况、各项指标的得分及依据、小计、合计、等级、一票否决）、成熟度评价\n"
            "（定性与定量评价、权重与设定、综合得分与星级）和佐证材料清单（佐证、文件及其 SHA-256）。\n"
            "数字均为数值单元格；合计为公式并带有计算结果，不需重新计算即可显示。\n"
            "已存在的 OUT.xlsx 会被替换：先写入同目录下的临时文件，写完后再改名替换，\n"
            "导出失败时原文件不变，也不留下临时文件；被中断（信号、文件大小限制）的导出留下的\n"
            "临时文件 .OUT.xlsx.tmp-XXXXXX 由下一次导出删除。同一工作簿的两次导出得到完全相同的文件。\n"
            "--format csv: 每条活动数据（单位、年度、期间、排放源、排放设施）一行，列为 unit_code,\n"
            "unit, year, period, category, scope, source, facility, quantity, quantity_unit,\n"
            "activity, activity_unit, factor, factor_unit, factor_source, tco2e, tce, data_source；\n"
            "tco2e 之和即各工作簿的碳排放总量。UTF-8（无 BOM），RFC 4180 引号规则；不适用的期间\n"
            "quantity 与 activity 为空（PostgreSQL 的 COPY 读作 NULL），tco2e 与 tce 为 0；\n"
            "可直接用 COPY … WITH (FORMAT csv, HEADER) 或 pandas.read_csv 读入。--year 只导出该年度。\n"
            "退出码: 0 成功, 1 工作簿中没有该年度, 2 用法错误, 3 工作簿或文件读写错误\n",
    .run = cmd_export,
};
