/*
 * forms_validate.c - validates a value typed for a field of forms/: numbers against the field's
 * limits, text against its length, periods and units; the reason in Chinese or English. Every
 * field is one line of text: a control character (a vertical tab pasted from Word, an escape
 * sequence) is refused whatever the type, so that no workbook file holds one.
 */
#include "data/forms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "base/uscc.h"
#include "base/xmem.h"
#include "data/units.h"

/* The text in lang; a macro so printf formats stay checked. */
#define L(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* Validates the non-blank trimmed text t for a number or integer field. */
static enum err
validate_number(const struct field_def *fd, const char *t, enum lang lang, double *num,
                char **cause)
{
    const char *name = forms_label(fd, lang);
    char *why = NULL, lim[64];
    double v;

    if (text_parse_number(t, &v, &why) != ERR_OK) {
        /* text_parse_number says why in Chinese; every way it fails is "not a number" */
        *cause = lang == LANG_EN ? xasprintf("%s: “%s” is not a number", name, t)
                                 : xasprintf("“%s”：%s", name, why);
        free(why);
        return ERR_INPUT;
    }
    if (fd->type == FT_INTEGER && v != floor(v)) {
        *cause = xasprintf(L(lang, "“%s”须为整数", "%s must be a whole number"), name);
        return ERR_INPUT;
    }
    if (fd->min != 0 || fd->max != 0) {
        if (v < fd->min) {
            text_format_number(fd->min, 6, lim, sizeof(lim));
            if (fd->min == 0)
                *cause = xasprintf(L(lang, "“%s”不能为负数", "%s cannot be negative"), name);
            else
                *cause = xasprintf(L(lang, "“%s”不能小于 %s", "%s cannot be less than %s"), name,
                                   lim);
            return ERR_INPUT;
        }
        if (fd->min_open && v == fd->min) {
            text_format_number(fd->min, 6, lim, sizeof(lim));
            *cause = xasprintf(L(lang, "“%s”须大于 %s；不知道时请留空",
                                 "%s must be greater than %s; leave it empty when unknown"), name, lim);
            return ERR_INPUT;
        }
        if (v > fd->max) {
            text_format_number(fd->max, 6, lim, sizeof(lim));
            *cause = xasprintf(L(lang, "“%s”数值过大（最大 %s）", "%s is too large (at most %s)"),
                               name, lim);
            return ERR_INPUT;
        }
    }
    *num = v + 0.0;   /* turns -0 into 0 */
    return ERR_OK;
}

/*
 * Checks the non-blank trimmed text t as a 统一社会信用代码 (GB 32100—2015): what is wrong said
 * so that the user can find it on the certificate, the check character named when only it is
 * wrong (a digit typed twice, two swapped).
 */
static enum err
validate_uscc(const struct field_def *fd, const char *t, enum lang lang, char **cause)
{
    const char *name = forms_label(fd, lang);
    size_t n = text_chars(t), i;
    char want = 0;
    enum uscc_error u = uscc_check(t, &want);

    if (u == USCC_LENGTH && n == 18)
        u = USCC_CHARACTER;     /* 18 characters, but more bytes: one is not ASCII */
    switch (u) {
    case USCC_OK:
        return ERR_OK;
    case USCC_LENGTH:
        *cause = xasprintf(L(lang, "“%s”须为 18 位，现有 %zu 位", "%s must be 18 characters, not %zu"),
                           name, n);
        break;
    case USCC_CHARACTER:
        for (i = 0; t[i] != '\0' && uscc_value(t[i]) >= 0; i++)
            ;
        if (t[i] >= 'a' && t[i] <= 'z')
            *cause = xasprintf(L(lang, "“%s”的字母须为大写（第 %zu 位是“%c”）",
                                 "%s takes capital letters (character %zu is “%c”)"),
                               name, i + 1, t[i]);
        else if ((unsigned char)t[i] >= 0x80 || t[i] < 0x20)
            *cause = xasprintf(L(lang, "“%s”只用数字和大写字母，第 %zu 位不是",
                                 "%s holds digits and capital letters only; character %zu is neither"),
                               name, i + 1);
        else
            *cause = xasprintf(L(lang, "“%s”不用字符“%c”（第 %zu 位）：代码只用数字和大写字母，"
                                 "不用 I、O、S、V、Z",
                                 "%s has no “%c” (character %zu): the code uses digits and capital "
                                 "letters without I, O, S, V, Z"), name, t[i], i + 1);
        break;
    case USCC_DIVISION:
        *cause = xasprintf(L(lang, "“%s”的第 3–8 位（登记管理机关行政区划码）须为数字",
                             "%s: characters 3–8 (the administrative division code) must be digits"),
                           name);
        break;
    case USCC_CHECK:
        *cause = xasprintf(L(lang, "“%s”的校验码（第 18 位）应为“%c”，而不是“%c”：请核对前 17 位是否抄错",
                             "%s: the check character (the 18th) should be “%c”, not “%c”; "
                             "check the first 17 for a typing error"), name, want, t[17]);
        break;
    }
    return ERR_INPUT;
}

/* The accepted unit symbols, for a message: "kWh、MWh、…" (English: "kWh, MWh, 10⁴kWh, …"). Caller frees. */
static char *
unit_list(enum lang lang)
{
    struct strbuf sb = {0};
    const struct unit_def *u;
    size_t n, i;

    u = units_all(&n);
    for (i = 0; i < n; i++) {
        if (i > 0)
            sb_append(&sb, L(lang, "、", ", "));
        sb_append(&sb, units_label(u[i].sym, lang == LANG_EN));
    }
    return sb_take(&sb);
}

enum err
forms_validate(const struct field_def *fd, const char *text, double *num, char **cause)
{
    return forms_validate_lang(fd, text, LANG_ZH, num, cause);
}

enum err
forms_validate_lang(const struct field_def *fd, const char *text, enum lang lang, double *num,
                    char **cause)
{
    char *t = text_trim(text != NULL ? text : ""), *why = NULL, *list;
    const char *name = forms_label(fd, lang);
    struct period p;
    size_t n;
    unsigned long cp;
    enum err e = ERR_OK;

    *num = 0;
    if (!text_valid_utf8(t, strlen(t))) {
        *cause = xasprintf(L(lang, "“%s”含有无效的字符（不是 UTF-8 文本）",
                             "%s contains invalid characters (not UTF-8 text)"), name);
        e = ERR_INPUT;
    } else if ((cp = text_control(t)) != 0) {
        /* named by its code point: the character itself would not show, or would act */
        *cause = cp >= 0xfffe
            ? xasprintf(L(lang, "“%s”含有非字符 U+%04lX，请删去",
                          "%s contains the noncharacter U+%04lX; remove it"), name, cp)
            : xasprintf(L(lang, "“%s”含有控制字符 U+%04lX（粘贴来的文字中常有），请删去",
                          "%s contains the control character U+%04lX (pasted text often does); remove it"),
                        name, cp);
        e = ERR_INPUT;
    } else if (t[0] == '\0') {
        /* blank text is allowed here; whether a required field is filled is the completeness check's job */
        if (fd->type != FT_TEXT && fd->type != FT_USCC) {
            *cause = xasprintf(L(lang, "请填写“%s”", "Please fill in %s"), name);
            e = ERR_INPUT;
        }
    } else {
        switch (fd->type) {
        case FT_NUMBER:
        case FT_INTEGER:
            e = validate_number(fd, t, lang, num, cause);
            break;
        case FT_TEXT:
            n = text_chars(t);
            if (fd->max > 0 && (double)n > fd->max) {
                *cause = xasprintf(L(lang, "“%s”太长（最多 %.0f 个字，现有 %zu 个）",
                                     "%s is too long (at most %.0f characters, not %zu)"),
                                   name, fd->max, n);
                e = ERR_INPUT;
            }
            break;
        case FT_PERIOD:
            if (period_parse(t, &p, &why) != ERR_OK) {
                /* period_parse says why in Chinese; in English the accepted forms are named */
                *cause = lang == LANG_EN
                    ? xasprintf("%s: “%s” is not a period; use a year (2024), a quarter (2024-Q1) "
                                "or a month (2024-03), years %d–%d", name, t, PERIOD_YEAR_MIN,
                                PERIOD_YEAR_MAX)
                    : xasprintf("“%s”：%s", name, why);
                free(why);
                e = ERR_INPUT;
            }
            break;
        case FT_UNIT:
            if (units_find(t) == NULL) {
                list = unit_list(lang);
                *cause = xasprintf(L(lang, "“%s”：无法识别的单位“%s”（可用 %s）",
                                     "%s: unknown unit “%s” (use %s)"), name, t, list);
                free(list);
                e = ERR_INPUT;
            }
            break;
        case FT_USCC:
            e = validate_uscc(fd, t, lang, cause);
            break;
        case FT_SOURCE:
        case FT_CATEGORY:
            /* checked against the factor library by the caller, which has it */
            break;
        }
    }
    free(t);
    return e;
}
