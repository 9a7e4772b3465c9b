/*
 * measures.h - the catalog of emission-reduction measures of 003 《碳中和实施指南 组织》 表C.1
 * 组织减排措施清单, loaded from its master copy forms/measures.tsv (built into the binary), for a
 * measures plan to offer as picks. Immutable once loaded.
 */
#ifndef TANBOOK_MEASURES_H
#define TANBOOK_MEASURES_H

#include <stddef.h>

#include "base/err.h"
#include "data/forms.h"

/* One row of 表C.1; every text is non-empty and owned by the library it came from. */
struct measure_def {
    int no;                /* 序号, 1..n in the table's order */
    const char *group_zh;  /* the group heading without its numbering: "非化石能源替代" */
    const char *group_en;  /* "Non-fossil energy substitution" */
    const char *name_zh;   /* 措施名称, as the standard writes it: "分布式光伏发电技术" */
    const char *name_en;   /* a short English name: "Distributed photovoltaics" */
    const char *desc_zh;   /* 措施简介 */
    const char *scope_zh;  /* 适用范围 */
};

struct tsv;

struct measure_lib {
    struct measure_def *v;  /* v[i].no == i + 1 */
    size_t n;
    struct tsv *tv;         /* the parsed file: owns every text of v */
};

/* Loads the built-in forms/measures.tsv into *out (free with measures_free). On error *out is
   NULL and it returns ERR_DATA with *cause "FILE:LINE: reason" (caller frees). */
enum err measures_load(struct measure_lib **out, char **cause);
/*
 * Parses text as the measures file called file (the name messages give): the columns no,
 * group_zh, group_en, name_zh, name_en, desc_zh, scope_zh, every cell required; no counts 1, 2, 3
 * ... without a gap; a group's rows stand together under one English name; at least one row.
 * Used by measures_load and by tests. Errors as measures_load.
 */
enum err measures_parse(const char *file, const char *text, struct measure_lib **out, char **cause);
/* Frees lib and every text of its measures; NULL is a no-op. */
void measures_free(struct measure_lib *lib);

/* The measure with 序号 no, or NULL when there is none. */
const struct measure_def *measures_find(const struct measure_lib *lib, int no);
/* The measure's name in lang (LANG_ZH: name_zh, LANG_EN: name_en). */
const char *measures_name(const struct measure_def *m, enum lang lang);

#endif
