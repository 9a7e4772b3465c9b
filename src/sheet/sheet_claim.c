/*
 * sheet_claim.c - what the carbon-neutrality steps share (N.1 renewables, N.2 offsets): a claim's
 * evidence file taken with its SHA-256 and checked again on every build, the words a row's
 * evidence shows, numbers and long texts as their cells show them, and the deleting of a row.
 */
#include "sheet/sheet.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"

char *
sheet_dup0(const char *s)
{
    return xstrdup(s != NULL ? s : "");
}

/* path as a full path: relative ones from the current folder (the file itself need not exist). */
static char *
full_path(const char *path)
{
    char buf[PATH_MAX], *real = realpath(path, NULL);

    if (real != NULL)
        return real;
    if (path[0] == '/' || getcwd(buf, sizeof(buf)) == NULL)
        return xstrdup(path);
    return xasprintf("%s/%s", buf, path);
}

enum err
sheet_evidence_file(const struct sheet_env *env, struct wb_evidence *ev, const char *text,
                    struct sheet_out *out)
{
    char *v = text_trim(text), *path = v[0] != '\0' ? full_path(v) : xstrdup(""), *cause = NULL;
    enum err e = book_evidence_take(ev, path, &cause);

    free(path);
    if (e != ERR_OK) {
        free(cause);        /* the reader's cause is in Chinese: say it in the screen's language */
        e = sheet_fail(
            out, ERR_INPUT,
            xasprintf(
                SHEET_TR(env, "读不到佐证文件“%s”：请写出文件的路径（或留空）",
                         "Cannot read the evidence file “%s”: type its path (or leave it empty)"),
                v));
    }
    free(v);
    return e;
}

char *
sheet_evidence_state(const struct sheet_env *env, const struct wb_evidence *ev, unsigned *flags)
{
    enum evidence_state st = book_evidence_state(ev);
    const char *file = book_evidence_words(st, env->lang);

    *flags = SHEET_DIM;
    if (ev->ref == NULL || ev->ref[0] == '\0') {
        *flags = SHEET_WARN;
        return xstrdup(SHEET_TR(env, "无佐证，不计入", "no evidence: not counted"));
    }
    if (st == EVIDENCE_CHANGED || st == EVIDENCE_MISSING) {
        *flags = SHEET_WARN;
        return xasprintf(SHEET_TR(env, "计入；%s", "counted; %s"), file);
    }
    return xstrdup(SHEET_TR(env, "计入", "counted"));
}

char *
sheet_amount(double v, int blank_zero)
{
    return blank_zero && v == 0 ? xstrdup("") : sheet_num(v, 4);
}

enum err
sheet_number(const struct sheet_env *env, const struct field_def *fd, const char *text, double *v,
             struct sheet_out *out)
{
    char *cause = NULL;

    *v = 0;
    if (text_is_blank(text))
        return ERR_OK;
    if (forms_validate_lang(fd, text, env->lang, v, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    return ERR_OK;
}

enum err
sheet_claim_delete(const struct sheet_env *env, const char *tbl, long long id, int r,
                   const char *done_zh, const char *done_en, struct sheet_out *out)
{
    char *cause = NULL;
    enum err e;

    if ((e = store_claim_delete(env->st, tbl, id, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    out->row = r > 0 ? r - 1 : 0;
    sheet_say(out, SHEET_SAY_OK, "%s", SHEET_TR(env, done_zh, done_en));
    return ERR_OK;
}

const char *
sheet_text_help(const struct sheet_env *env, const struct field_def *fd, const char *text,
                char **buf)
{
    if (fd == NULL || text == NULL || text[0] == '\0')
        return sheet_field_help(env, fd);
    free(*buf);
    *buf = xasprintf("%s%s%s", forms_label(fd, env->lang), SHEET_TR(env, "：", ": "), text);
    return *buf;
}
