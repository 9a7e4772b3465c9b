/*
 * forms.h - the Appendix A table definitions (T/ZJJGSW 0005—2024, tables A.1–A.6), loaded from
 * the master copy in forms/ (built into the binary). Every screen, check, import and export reads
 * fields from here; nothing else hard-codes a field of a particular form.
 */
#ifndef TANBOOK_FORMS_H
#define TANBOOK_FORMS_H

#include <stddef.h>

#include "base/err.h"

enum lang { LANG_ZH, LANG_EN };

enum field_type {
    FT_TEXT,     /* free text; max = longest length in characters (0: no limit) */
    FT_NUMBER,   /* a real number within [min, max] */
    FT_INTEGER,  /* a whole number within [min, max] */
    FT_SOURCE,   /* an emission source of the factor library (排放源) */
    FT_CATEGORY, /* an emission category (排放种类), derived from the source */
    FT_PERIOD,   /* YYYY, YYYY-Qn or YYYY-MM */
    FT_UNIT,     /* a unit of units.h */
    FT_USCC,     /* a 统一社会信用代码 (GB 32100—2015, base/uscc.h): 18 characters, check character */
};

enum field_scope {
    FS_UNIT,     /* one value for the reporting unit (单位名称, 地址 ...) */
    FS_YEAR,     /* one value per reporting year (建筑面积, 用能人数 ...) */
    FS_ROW,      /* a column of a grid: one value per row */
};

enum form_kind {
    FK_RECORD,   /* label/value pairs (A.1) */
    FK_GRID,     /* rows entered by the user (A.3, A.5) or pinned (A.6) */
    FK_COMPUTED, /* computed from the other tables, read-only (A.2, A.4) */
};

struct field_def {
    char *key;        /* stable identifier, also the English CSV header: "building_area" */
    char *zh;         /* label exactly as the standard writes it: "建筑面积" */
    char *en;         /* English label */
    char *short_zh;   /* a column head for a narrow grid column ("Source"), or NULL: the label */
    char *short_en;
    enum field_type type;
    enum field_scope scope;
    char *unit;       /* unit shown beside the value ("m²", "tCO₂e"), or NULL */
    int required;     /* must be filled for the year to be complete */
    int asked;        /* optional, but asked for: `check` warns while it is empty ("asked" in forms/) */
    int computed;     /* derived by the program, never typed */
    int in_table;     /* appears in the standard's printed table (extra fields do not) */
    double min, max;  /* numeric limits; for FT_TEXT max is a length; 0/0 means none */
    int min_open;     /* min itself is refused (">0" in forms/): the value must be greater */
    char *cli;        /* command-line option name without "--" ("area"), or NULL */
    char *help_zh;    /* one-line help */
    char *help_en;
};

struct form_def {
    char *id;         /* "A.1" */
    char *key;        /* "basic_info" */
    char *zh;         /* "基本信息" */
    char *en;         /* "Basic information" */
    char *title_zh;   /* "表A.1 基本信息" */
    char *title_en;   /* "Table A.1 Basic information" */
    enum form_kind kind;
    struct field_def *fields;
    size_t nfields;
};

/* What a step of the terminal workbook's walk-through shows (forms/steps.tsv "kind"). */
enum step_kind {
    SK_RECORD,   /* a record form (FK_RECORD) */
    SK_GRID,     /* a grid form (FK_GRID) */
    SK_VIEW,     /* a computed form (FK_COMPUTED), read-only */
    SK_EXPORT,   /* no form: writing the Excel report */
};

struct step_def {
    char *id;                      /* "A.1", "export" */
    enum step_kind kind;
    char *sheet;                   /* the module that fills it ("record", "sources"...), NULL for export */
    const struct form_def *form;   /* the form it shows, NULL for a step that is no form */
    char *title_zh, *title_en;     /* NULL when the form's title is used */
    char *short_zh, *short_en;     /* the step bar's label: "基本信息", "Info" */
};

struct form_set {
    struct form_def *forms;  /* in the standard's order: A.1 … A.6 */
    size_t nforms;
    struct step_def *steps;  /* walk-through order (forms/steps.tsv, its one master copy) */
    size_t nsteps;
};

/* Loads the built-in forms/ files. On error returns ERR_DATA with *cause "FILE:LINE: reason". */
enum err forms_load(struct form_set **out, char **cause);
/*
 * Parses an index file (forms.tsv), looking each form's field file and then the walk-through
 * ("steps.tsv") up through get(name, ctx), which returns the file's NUL-terminated text or NULL.
 * Used by forms_load and by tests. Errors as forms_load; *out is NULL then.
 */
enum err forms_parse(const char *index_text, const char *(*get)(const char *name, void *ctx),
                     void *ctx, struct form_set **out, char **cause);
void forms_free(struct form_set *fs);

/* The form with id "A.1" (or key "basic_info"), or NULL. */
const struct form_def *forms_get(const struct form_set *fs, const char *id);
/* The field with that key, or NULL. */
const struct field_def *forms_field(const struct form_def *f, const char *key);
/* The field whose key, zh or en label equals name (trimmed, ASCII case-insensitive), or NULL. */
const struct field_def *forms_field_match(const struct form_def *f, const char *name);
/* The field's label in lang. */
const char *forms_label(const struct field_def *fd, enum lang lang);
/* The field's column head in lang: its short label, or its label when it has none. */
const char *forms_short(const struct field_def *fd, enum lang lang);
/* The form's title ("表A.1 基本信息") in lang. */
const char *forms_title(const struct form_def *f, enum lang lang);

/* The step's title ("表A.1 基本信息", or its own) and short label in lang. */
const char *forms_step_title(const struct step_def *s, enum lang lang);
const char *forms_step_short(const struct step_def *s, enum lang lang);
/* The step with that id (trimmed, ASCII case-insensitive, as forms_get), or NULL. */
const struct step_def *forms_step(const struct form_set *fs, const char *id);

/*
 * Validates text typed for fd: numbers parsed with text_parse_number, checked against min/max
 * ("不能为负数", "数值过大"); text against its length; a 统一社会信用代码 by GB 32100—2015, naming the
 * check character its first 17 characters give when the 18th is not it. On success *num gets the number (0 for
 * text). Returns ERR_INPUT with *cause (caller frees) naming the field and the reason.
 */
enum err forms_validate(const struct field_def *fd, const char *text, double *num, char **cause);
/* forms_validate with *cause in lang (forms_validate says it in Chinese). */
enum err forms_validate_lang(const struct field_def *fd, const char *text, enum lang lang,
                             double *num, char **cause);

#endif
