/*
 * measures.c - loads the catalog of emission-reduction measures (003 表C.1) from forms/measures.tsv
 * through base/tsv. The measures point into the parsed file rather than copying it: the catalog
 * is read-only, so the file's cells are its strings. Strict like the other loaders: a gap in the
 * numbering or an empty cell stops the program at start-up with "FILE:LINE: reason".
 */
#include "data/measures.h"

#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/tsv.h"
#include "base/xmem.h"

#define MEASURES_FILE "forms/measures.tsv"
#define MEASURES_MAX 9999   /* more digits than any catalog needs; keeps the number in an int */

enum { M_NO, M_GROUP_ZH, M_GROUP_EN, M_NAME_ZH, M_NAME_EN, M_DESC_ZH, M_SCOPE_ZH, M__COUNT };

static const struct tsv_col measure_cols[] = {
    [M_NO] = {.name = "no"}, [M_GROUP_ZH] = {.name = "group_zh"},
    [M_GROUP_EN] = {.name = "group_en"}, [M_NAME_ZH] = {.name = "name_zh"},
    [M_NAME_EN] = {.name = "name_en"}, [M_DESC_ZH] = {.name = "desc_zh"},
    [M_SCOPE_ZH] = {.name = "scope_zh"},
};

/* The number written in s as ASCII digits only (no sign, no blank, at most 4 digits), or -1. */
static int
parse_no(const char *s)
{
    int v = 0;
    size_t i;

    for (i = 0; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9' || i == 4)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return i > 0 && v <= MEASURES_MAX ? v : -1;
}

/* Fills m from data row r: every cell present, the number the next one. */
static enum err
parse_row(const struct tsv *tv, size_t r, struct measure_def *m, char **cause)
{
    size_t c;

    for (c = 0; c < M__COUNT; c++)
        if (tsv_cell(tv, r, c)[0] == '\0')
            return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
    m->no = parse_no(tsv_cell(tv, r, M_NO));
    if (m->no < 0)
        return tsv_row_fail(tv, r, cause, "序号“%s”不是正整数", tsv_cell(tv, r, M_NO));
    if ((size_t)m->no != r + 1)
        return tsv_row_fail(tv, r, cause, "序号 %d 应为 %zu（从 1 起依次加一，不能跳号）", m->no,
                            r + 1);
    m->group_zh = tsv_cell(tv, r, M_GROUP_ZH);
    m->group_en = tsv_cell(tv, r, M_GROUP_EN);
    m->name_zh = tsv_cell(tv, r, M_NAME_ZH);
    m->name_en = tsv_cell(tv, r, M_NAME_EN);
    m->desc_zh = tsv_cell(tv, r, M_DESC_ZH);
    m->scope_zh = tsv_cell(tv, r, M_SCOPE_ZH);
    return ERR_OK;
}

/* A group is one run of rows with one English name, as the table prints it under one heading. */
static enum err
check_group(const struct tsv *tv, size_t r, const struct measure_def *v, char **cause)
{
    size_t j;

    if (r == 0 || strcmp(v[r].group_zh, v[r - 1].group_zh) == 0) {
        if (r > 0 && strcmp(v[r].group_en, v[r - 1].group_en) != 0)
            return tsv_row_fail(tv, r, cause, "类别“%s”的英文名“%s”与上一行的“%s”不同",
                                v[r].group_zh, v[r].group_en, v[r - 1].group_en);
        return ERR_OK;
    }
    for (j = 0; j + 1 < r; j++)
        if (strcmp(v[r].group_zh, v[j].group_zh) == 0)
            return tsv_row_fail(tv, r, cause, "类别“%s”已在序号 %d 处结束，同类措施须相邻",
                                v[r].group_zh, v[r - 1].no);
    return ERR_OK;
}

enum err
measures_parse(const char *file, const char *text, struct measure_lib **out, char **cause)
{
    struct measure_lib *lib;
    size_t r;
    enum err e;

    *out = NULL;
    lib = xcalloc(1, sizeof(*lib));
    if ((e = tsv_parse(file, text, measure_cols, M__COUNT, &lib->tv, cause)) != ERR_OK)
        goto fail;
    lib->n = tsv_nrows(lib->tv);
    if (lib->n == 0) {
        e = tsv_fail(cause, file, tsv_header_line(lib->tv), "没有减排措施");
        goto fail;
    }
    lib->v = xcalloc(lib->n, sizeof(*lib->v));
    for (r = 0; r < lib->n; r++)
        if ((e = parse_row(lib->tv, r, &lib->v[r], cause)) != ERR_OK
            || (e = check_group(lib->tv, r, lib->v, cause)) != ERR_OK)
            goto fail;
    *out = lib;
    return ERR_OK;
fail:
    measures_free(lib);
    return e;
}

enum err
measures_load(struct measure_lib **out, char **cause)
{
    const struct embedded_file *ef = embed_find(MEASURES_FILE);

    *out = NULL;
    if (ef == NULL)
        return tsv_fail(cause, MEASURES_FILE, 0, "程序中没有内置此文件");
    return measures_parse(MEASURES_FILE, ef->data, out, cause);
}

void
measures_free(struct measure_lib *lib)
{
    if (lib == NULL)
        return;
    tsv_free(lib->tv);
    free(lib->v);
    free(lib);
}

const struct measure_def *
measures_find(const struct measure_lib *lib, int no)
{
    /* parse_row made v[i].no == i + 1, so the number is the index */
    if (lib == NULL || no < 1 || (size_t)no > lib->n)
        return NULL;
    return &lib->v[no - 1];
}

const char *
measures_name(const struct measure_def *m, enum lang lang)
{
    return lang == LANG_EN ? m->name_en : m->name_zh;
}
