/*
 * cli_measure.c - `tanbook measure`: the measures plan of a workbook (001 §6.5.2, 003 B.3): add
 * one, by its number in 003 表C.1 (--catalog N, which gives its name) or by name (--name), with
 * what it needs, who does it, by when, how its result is judged and its expected reduction;
 * change (--set ID) or delete (--delete ID) one; list them with the sum of expected reductions
 * against the gap to the total target (the same figures as the 碳基准与目标 sheet), or list
 * 表C.1 itself (--catalog-list). Every text is validated by the fields of form P.3 in forms/.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/perf.h"
#include "core/plan.h"
#include "data/measures.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* The options that carry a field of form P.3, by its key. */
enum { F_NAME, F_RESOURCES, F_OWNER, F_DUE, F_EVALUATION, F_EXPECTED, F_NOTE, F__COUNT };

static const char *const field_keys[F__COUNT] = {
    [F_NAME] = "name", [F_RESOURCES] = "resources", [F_OWNER] = "owner", [F_DUE] = "due",
    [F_EVALUATION] = "evaluation", [F_EXPECTED] = "expected_tco2e", [F_NOTE] = "note",
};

enum { OPT_CATALOG = 1, OPT_SET, OPT_DELETE, OPT_LIST, OPT_CATALOG_LIST, OPT_JSON, OPT_LANG,
       OPT_FIELD };

struct meas_args {
    const char *file, *catalog, *set, *del;
    const char *field[F__COUNT];
    int list, catalog_list, json;
    enum lang lang;
};

/* Reads a row id given to opt into *id; 0, or EXIT_USAGE after saying why. */
static int
parse_id(const char *opt, const char *arg, long long *id)
{
    char *end;

    *id = strtoll(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || *id <= 0) {
        cli_error("%s：应为列出时方括号中的编号，而不是“%s”", opt, arg);
        return EXIT_USAGE;
    }
    return 0;
}

/* Validates and copies the fields given into m (those not given stay); 0 or EXIT_USAGE. */
static int
apply_fields(const struct app *app, const struct meas_args *a, struct wb_measure *m)
{
    const struct form_def *f = forms_get(app->forms, "P.3");
    char **slot[F__COUNT] = {
        [F_NAME] = &m->name, [F_RESOURCES] = &m->resources, [F_OWNER] = &m->owner,
        [F_DUE] = &m->due, [F_EVALUATION] = &m->evaluation, [F_NOTE] = &m->note,
    };
    size_t i;

    for (i = 0; i < F__COUNT; i++) {
        const struct field_def *fd = f != NULL ? forms_field(f, field_keys[i]) : NULL;
        char *why = NULL, *t;
        double v = 0;

        if (a->field[i] == NULL)
            continue;
        t = text_trim(a->field[i]);
        if (fd != NULL && *t != '\0' && forms_validate_lang(fd, t, a->lang, &v, &why) != ERR_OK) {
            cli_error("--%s：%s", i == F_EXPECTED ? "expected" : field_keys[i], why);
            free(why);
            free(t);
            return EXIT_USAGE;
        }
        if (i == F_EXPECTED) {
            m->has_expected = *t != '\0';
            m->expected_tco2e = m->has_expected ? v : 0;
            free(t);
        } else {
            free(*slot[i]);
            *slot[i] = t;
        }
    }
    if (m->name == NULL || *m->name == '\0') {
        cli_error(TR(a->lang, "措施需要名称：--name TEXT，或 --catalog N 取 003 表C.1 的第 N 项",
                     "a measure needs a name: --name TEXT, or --catalog N for item N of 003 Table C.1"));
        return EXIT_USAGE;
    }
    return 0;
}

/* --catalog N: the measure's number and, unless --name gives another, its name. */
static int
apply_catalog(const struct app *app, const struct meas_args *a, struct wb_measure *m)
{
    const struct measure_def *d;
    char *end;
    long n;

    if (a->catalog == NULL)
        return 0;
    n = strtol(a->catalog, &end, 10);
    d = *a->catalog != '\0' && *end == '\0' && n > 0 && n < 1000 ? measures_find(app->measures, (int)n)
                                                                  : NULL;
    if (d == NULL) {
        cli_error(TR(a->lang, "--catalog：003 表C.1 没有第“%s”项（1—%zu，见 tanbook measure --catalog-list）",
                     "--catalog: 003 Table C.1 has no item “%s” (1-%zu, see tanbook measure --catalog-list)"),
                  a->catalog, app->measures->n);
        return EXIT_USAGE;
    }
    m->catalog = d->no;
    if (a->field[F_NAME] == NULL) {
        free(m->name);
        m->name = xstrdup(measures_name(d, a->lang));
    }
    return 0;
}

static int
catalog_list(const struct app *app, const struct meas_args *a)
{
    const char *group = NULL;
    size_t i;

    for (i = 0; i < app->measures->n; i++) {
        const struct measure_def *d = &app->measures->v[i];
        const char *g = a->lang == LANG_EN ? d->group_en : d->group_zh;

        if (group == NULL || strcmp(group, g) != 0)
            cli_out("%s%s\n", group != NULL ? "\n" : "", g);
        group = g;
        cli_out("  %2d  %s\n", d->no, measures_name(d, a->lang));
        if (a->lang != LANG_EN)
            cli_out("      适用范围：%s\n", d->scope_zh);
    }
    cli_out(TR(a->lang, "\n（003《碳中和实施指南 组织》表C.1 组织减排措施清单；tanbook measure FILE --catalog N 添加）\n",
               "\n(003 Table C.1, reduction measures; add one with tanbook measure FILE --catalog N)\n"));
    return 0;
}

static void
json_text(struct strbuf *sb, const char *key, const char *v, int last)
{
    sb_printf(sb, "\"%s\": ", key);
    sb_json_str(sb, v != NULL ? v : "");
    sb_append(sb, last ? "" : ", ");
}

static int
list(struct app *app, const struct meas_args *a)
{
    struct book *wb;
    struct wb_plan plan;
    struct perf p;
    const struct perf_target *t;
    const struct perf_year *cur;
    struct strbuf sb = {0};
    char *cause = NULL;
    int rc, year, exists;
    size_t i;
    enum err e;

    if ((rc = cli_open(app, a->file, BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, NULL, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    if ((e = book_load_plan(wb, &plan, &cause)) != ERR_OK) {
        book_close(wb);
        return cli_fail(e, cause);
    }
    if ((e = book_perf(wb, year, a->lang, &p, &cause)) != ERR_OK) {
        plan_free(&plan);
        book_close(wb);
        return cli_fail(e, cause);
    }
    cur = perf_cur(&p);
    t = perf_total_target(&p);
    if (a->json) {
        sb_printf(&sb, "{\"year\": %d, \"measures\": [", year);
        for (i = 0; i < plan.nmeasures; i++) {
            const struct wb_measure *m = &plan.measures[i];

            sb_printf(&sb, "%s{\"id\": %lld, ", i > 0 ? ", " : "", m->id);
            if (m->catalog > 0)
                sb_printf(&sb, "\"catalog\": %d, ", m->catalog);
            else
                sb_append(&sb, "\"catalog\": null, ");
            json_text(&sb, "name", m->name, 0);
            json_text(&sb, "resources", m->resources, 0);
            json_text(&sb, "owner", m->owner, 0);
            json_text(&sb, "due", m->due, 0);
            json_text(&sb, "evaluation", m->evaluation, 0);
            json_text(&sb, "note", m->note, 0);
            if (m->has_expected)
                sb_printf(&sb, "\"expected_tco2e\": %.17g}", m->expected_tco2e);
            else
                sb_append(&sb, "\"expected_tco2e\": null}");
        }
        sb_printf(&sb, "], \"expected_tco2e\": %.17g, ", p.expected_tco2e);
        if (t != NULL && cur->rep[PK_TOTAL].ok && t->target_value.ok)
            sb_printf(&sb, "\"gap_tco2e\": %.17g, \"target_year\": %d}\n",
                      cur->rep[PK_TOTAL].v - t->target_value.v, t->def.target_year);
        else
            sb_append(&sb, "\"gap_tco2e\": null, \"target_year\": null}\n");
        fputs(sb.s, stdout);
        sb_free(&sb);
    } else {
        if (plan.nmeasures == 0)
            cli_out(TR(a->lang, "还没有减排措施：tanbook measure FILE --catalog N 或 --name TEXT 添加\n",
                       "No measures yet: add one with tanbook measure FILE --catalog N or --name TEXT\n"));
        for (i = 0; i < plan.nmeasures; i++) {
            const struct wb_measure *m = &plan.measures[i];
            char v[64] = "—";

            if (m->has_expected)
                snprintf(v, sizeof v, "%.2f tCO₂e", m->expected_tco2e);
            cli_out("[%lld] %s  %s %s\n", m->id, m->name, TR(a->lang, "预期减排", "expected"), v);
            if (m->catalog > 0)
                cli_out(TR(a->lang, "     表C.1 第 %d 项\n", "     Table C.1 no. %d\n"), m->catalog);
            if (*m->owner != '\0' || *m->due != '\0')
                cli_out(TR(a->lang, "     负责：%s  完成：%s\n", "     who: %s  when: %s\n"), m->owner, m->due);
            if (*m->resources != '\0')
                cli_out(TR(a->lang, "     资源：%s\n", "     resources: %s\n"), m->resources);
            if (*m->evaluation != '\0')
                cli_out(TR(a->lang, "     评价：%s\n", "     evaluation: %s\n"), m->evaluation);
        }
        cli_out(TR(a->lang, "预期减排量合计 %.2f tCO₂e", "Expected reductions: %.2f tCO₂e in all"),
                p.expected_tco2e);
        if (t != NULL && cur->rep[PK_TOTAL].ok && t->target_value.ok)
            cli_out(TR(a->lang, "；%d 年碳排放总量 %.2f，%d 年目标 %.2f，差距 %.2f tCO₂e%s\n",
                       "; %d total %.2f, target for %d %.2f, gap %.2f tCO₂e%s\n"),
                    year, cur->rep[PK_TOTAL].v, t->def.target_year, t->target_value.v,
                    cur->rep[PK_TOTAL].v - t->target_value.v,
                    p.expected_tco2e >= cur->rep[PK_TOTAL].v - t->target_value.v
                        ? TR(a->lang, "（措施足以弥补）", " (the measures cover it)")
                        : TR(a->lang, "（措施尚不足以弥补）", " (the measures fall short)"));
        else
            cli_out(TR(a->lang, "（没有可评估的碳排放总量目标，无从比较差距）\n",
                       " (no total-emissions target to hold them against)\n"));
    }
    perf_free(&p);
    plan_free(&plan);
    book_close(wb);
    return 0;
}

static int
put(struct app *app, const struct meas_args *a)
{
    struct wb_measure m = {0};
    struct wb_plan plan;
    struct book *wb;
    char *cause = NULL;
    long long id = 0;
    int rc;
    size_t i;
    enum err e;

    if (a->set != NULL && (rc = parse_id("--set", a->set, &id)) != 0)
        return rc;
    if ((rc = cli_open(app, a->file, BOOK_WRITE, &wb)) != 0)
        return rc;
    if (id != 0) {
        if ((e = book_load_plan(wb, &plan, &cause)) != ERR_OK) {
            book_close(wb);
            return cli_fail(e, cause);
        }
        for (i = 0; i < plan.nmeasures && plan.measures[i].id != id; i++)
            ;
        if (i == plan.nmeasures) {
            plan_free(&plan);
            book_close(wb);
            cli_error(TR(a->lang, "没有编号为 %lld 的措施（tanbook measure FILE 列出）",
                         "no measure has the id %lld (tanbook measure FILE lists them)"), id);
            return EXIT_REJECTED;
        }
        m = plan.measures[i];
        memset(&plan.measures[i], 0, sizeof plan.measures[i]);
        plan_free(&plan);
    }
    if ((rc = apply_catalog(app, a, &m)) != 0 || (rc = apply_fields(app, a, &m)) != 0) {
        plan_measure_free(&m);
        book_close(wb);
        return rc;
    }
    e = store_measure_put(book_store(wb), &m, &cause);
    book_close(wb);
    if (e != ERR_OK) {
        plan_measure_free(&m);
        return cli_fail(e, cause);
    }
    cli_out(TR(a->lang, "%s措施 [%lld] %s\n", "%s measure [%lld] %s\n"),
            id != 0 ? TR(a->lang, "已修改", "Changed") : TR(a->lang, "已添加", "Added"), m.id, m.name);
    plan_measure_free(&m);
    return 0;
}

static int
delete_one(struct app *app, const struct meas_args *a)
{
    struct book *wb;
    char *cause = NULL;
    long long id;
    int rc;
    enum err e;

    if ((rc = parse_id("--delete", a->del, &id)) != 0)
        return rc;
    if ((rc = cli_open(app, a->file, BOOK_WRITE, &wb)) != 0)
        return rc;
    e = store_plan_delete(book_store(wb), "measure", id, &cause);
    book_close(wb);
    if (e == ERR_NOTFOUND) {
        free(cause);
        cli_error(TR(a->lang, "没有编号为 %lld 的措施", "no measure has the id %lld"), id);
        return EXIT_REJECTED;
    }
    if (e != ERR_OK)
        return cli_fail(e, cause);
    cli_out(TR(a->lang, "已删除措施 [%lld]\n", "Deleted measure [%lld]\n"), id);
    return 0;
}

static const struct cli_opt measure_opts[] = {
    CLI_OPT("catalog", "N", OPT_CATALOG, "003 表C.1 组织减排措施清单的第 N 项（名称随之；--name 可另写）"),
    CLI_OPT("set", "ID", OPT_SET, "修改编号为 ID 的措施，只改给出的项"),
    CLI_OPT("delete", "ID", OPT_DELETE, "删除编号为 ID 的措施"),
    CLI_OPT("list", NULL, OPT_LIST, "列出措施及预期减排量合计（不给其他选项时也是列出）"),
    CLI_OPT("catalog-list", NULL, OPT_CATALOG_LIST, "列出 003 表C.1 的 25 项措施（不需要 FILE）"),
    CLI_OPT("json", NULL, OPT_JSON, "列出时以 JSON 输出"),
    CLI_OPT("lang", "zh|en", OPT_LANG, "输出语言（默认 zh）"),
    CLI_OPT("name", "TEXT", OPT_FIELD + F_NAME, "措施名称"),
    CLI_OPT("resources", "T", OPT_FIELD + F_RESOURCES, "所需资源"),
    CLI_OPT("owner", "T", OPT_FIELD + F_OWNER, "责任部门或责任人"),
    CLI_OPT("due", "T", OPT_FIELD + F_DUE, "完成时间（如 2025-06）"),
    CLI_OPT("evaluation", "T", OPT_FIELD + F_EVALUATION, "结果的评价方式"),
    CLI_OPT("expected", "TCO2E", OPT_FIELD + F_EXPECTED, "每年预期减排量，tCO₂e"),
    CLI_OPT("note", "T", OPT_FIELD + F_NOTE, "备注"),
    CLI_OPT_END,
};

static int
cmd_measure(struct app *app, int argc, char **argv)
{
    struct meas_args a = {.lang = app->lang};
    int c, fields = 0;

    while ((c = cli_getopt(measure_opts, argc, argv)) != -1) {
        if (c >= OPT_FIELD && c < OPT_FIELD + F__COUNT) {
            a.field[c - OPT_FIELD] = optarg;
            fields++;
            continue;
        }
        switch (c) {
        case OPT_CATALOG: a.catalog = optarg; break;
        case OPT_SET: a.set = optarg; break;
        case OPT_DELETE: a.del = optarg; break;
        case OPT_LIST: a.list = 1; break;
        case OPT_CATALOG_LIST: a.catalog_list = 1; break;
        case OPT_JSON: a.json = 1; break;
        case OPT_LANG:
            if (cli_lang(optarg, &a.lang) != 0)
                return cli_usage(&cli_cmd_measure);
            break;
        default:
            return cli_usage(&cli_cmd_measure);
        }
    }
    if (a.catalog_list && argc - optind == 0)
        return catalog_list(app, &a);
    if (argc - optind != 1) {
        cli_error(argc - optind == 0 ? "measure 需要工作簿 FILE" : "多余的参数“%s”", argv[argc - 1]);
        return cli_usage(&cli_cmd_measure);
    }
    a.file = argv[optind];
    if (a.catalog_list)
        return catalog_list(app, &a);
    if ((a.del != NULL) + a.list + (a.set != NULL || a.catalog != NULL || fields > 0) > 1) {
        cli_error("添加或修改（--catalog、--name、--set …）、--delete 与 --list 每次只用一个");
        return cli_usage(&cli_cmd_measure);
    }
    if (a.del != NULL)
        return delete_one(app, &a);
    if (a.set != NULL || a.catalog != NULL || fields > 0)
        return put(app, &a);
    return list(app, &a);
}

const struct cli_cmd cli_cmd_measure = {
    .name = "measure",
    .summary = "减排措施计划：添加（可取自 003 表C.1）、修改、删除、列出及其预期减排量",
    .usage = "measure FILE [选项]",
    .help = "添加: measure FILE (--catalog N | --name TEXT) [--resources T] [--owner T] [--due T]\n"
            "                   [--evaluation T] [--expected TCO2E] [--note T]\n"
            "修改: measure FILE --set ID [同上的选项]   只改给出的项\n"
            "删除: measure FILE --delete ID\n"
            "列出: measure FILE [--list] [--json] [--lang zh|en]   及预期减排量合计与总量目标差距的比较\n"
            "      measure --catalog-list   列出 003 表C.1 的 25 项措施\n"
            "例: tanbook measure office.tanbook --catalog 2 --owner 后勤处 --due 2025-06 --expected 35\n",
    .opts = measure_opts,
    .run = cmd_measure,
};
