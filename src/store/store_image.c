/*
 * store_image.c - row images for the edit log: the logged tables, one row read as a JSON object
 * of every column (and the rowid where it is no column), and such an image parsed back. Written
 * and read here rather than with SQLite's json functions, which print REAL values with 15
 * digits: an image keeps every bit, so undo restores a value exactly. Undo and redo hand images
 * out as columns (struct store_col).
 */
#include "store/store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/strbuf.h"
#include "base/xmem.h"

enum {
    STORE_T_UNIT_INFO, STORE_T_YEARS, STORE_T_YEAR_INFO, STORE_T_INVENTORY, STORE_T_ACTIVITY,
    STORE_T_FACTORS, STORE_T_BASE_PERIOD, STORE_T_TARGET, STORE_T_MEASURE, STORE_T_OFFSET,
    STORE_T_RENEWABLE, STORE_T_NEUTRAL_TEXT, STORE_T_ASSESSMENT, STORE_T__COUNT
};

static const struct store_tbl store_tbls[STORE_T__COUNT] = {
    [STORE_T_UNIT_INFO] = {"unit_info", "rowid",
                           "SELECT rowid AS rowid, * FROM unit_info WHERE rowid = ?1", NULL},
    [STORE_T_YEARS] = {"years", "year", "SELECT * FROM years WHERE year = ?1",
                       "SELECT (SELECT count(*) FROM year_info WHERE year = ?1) + (SELECT count(*) "
                       "FROM inventory WHERE year = ?1) + (SELECT count(*) FROM factors WHERE "
                       "year = ?1)"},
    [STORE_T_YEAR_INFO] = {"year_info", "rowid",
                           "SELECT rowid AS rowid, * FROM year_info WHERE rowid = ?1", NULL},
    [STORE_T_INVENTORY] = {"inventory", "id", "SELECT * FROM inventory WHERE id = ?1",
                           "SELECT count(*) FROM activity WHERE inventory_id = ?1"},
    [STORE_T_ACTIVITY] = {"activity", "id", "SELECT * FROM activity WHERE id = ?1", NULL},
    [STORE_T_FACTORS] = {"factors", "rowid",
                         "SELECT rowid AS rowid, * FROM factors WHERE rowid = ?1", NULL},
    [STORE_T_BASE_PERIOD] = {"base_period", "id", "SELECT * FROM base_period WHERE id = ?1", NULL},
    [STORE_T_TARGET] = {"target", "id", "SELECT * FROM target WHERE id = ?1", NULL},
    [STORE_T_MEASURE] = {"measure", "id", "SELECT * FROM measure WHERE id = ?1", NULL},
    [STORE_T_OFFSET] = {"offset_claim", "id", "SELECT * FROM offset_claim WHERE id = ?1", NULL},
    [STORE_T_RENEWABLE] = {"renewable", "id", "SELECT * FROM renewable WHERE id = ?1", NULL},
    [STORE_T_NEUTRAL_TEXT] = {"neutral_text", "rowid",
                              "SELECT rowid AS rowid, * FROM neutral_text WHERE rowid = ?1", NULL},
    [STORE_T_ASSESSMENT] = {"assessment", "id", "SELECT * FROM assessment WHERE id = ?1", NULL},
};

const struct store_tbl *
store_tbl_find(const char *name)
{
    size_t i;

    for (i = 0; i < nitems(store_tbls); i++)
        if (strcmp(store_tbls[i].name, name) == 0)
            return &store_tbls[i];
    return NULL;
}

/* The shortest text that reads back as exactly v ("1200", "0.1", "1e-07"). */
static void
num_text(double v, char *buf, size_t size)
{
    int prec;

    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, size, "%.0f", v);
        return;
    }
    for (prec = 1; prec < 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
    snprintf(buf, size, "%.17g", v);
}

/* A REAL for an image: exact, and always with '.' or an exponent so it reads back as REAL. */
void
store_real_text(double v, char *buf, size_t size)
{
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "1e999" : "-1e999");
        return;
    }
    num_text(v, buf, size);
    if (strpbrk(buf, ".e") == NULL && strlen(buf) + 3 <= size)
        strcat(buf, ".0");
}

enum err
store_image(struct store *st, const char *tbl, long long rowid, char **img, char **cause)
{
    const struct store_tbl *t = store_tbl_find(tbl);
    struct strbuf sb = {0};
    sqlite3_stmt *s;
    char num[40];
    int rc, i;
    enum err e;

    if (t == NULL)
        fatal("store_image: %s is not a logged table", tbl);
    *img = NULL;
    if ((e = store_prepare(st, t->image, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, rowid);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sb_append(&sb, "{");
        for (i = 0; i < sqlite3_column_count(s); i++) {
            sb_append(&sb, i > 0 ? "," : "");
            sb_json_str(&sb, sqlite3_column_name(s, i));
            sb_append(&sb, ":");
            switch (sqlite3_column_type(s, i)) {
            case SQLITE_NULL:
                sb_append(&sb, "null");
                break;
            case SQLITE_INTEGER:
                sb_printf(&sb, "%lld", (long long)sqlite3_column_int64(s, i));
                break;
            case SQLITE_FLOAT:
                store_real_text(sqlite3_column_double(s, i), num, sizeof(num));
                sb_append(&sb, num);
                break;
            default:    /* the STRICT tables hold no blobs */
                sb_json_str(&sb, (const char *)sqlite3_column_text(s, i));
                break;
            }
        }
        sb_append(&sb, "}");
        *img = sb_take(&sb);
    }
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取工作簿", cause);
}

void
store_img_free(struct store_img *im)
{
    size_t i;

    for (i = 0; i < im->n; i++) {
        free(im->v[i].key);
        free(im->v[i].t);
    }
    free(im->v);
    im->v = NULL;
    im->n = 0;
}

static int
hex4(const char *p, unsigned *out)
{
    int i;

    *out = 0;
    for (i = 0; i < 4; i++) {
        char c = p[i];

        if (c >= '0' && c <= '9')
            *out = *out * 16 + (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            *out = *out * 16 + (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            *out = *out * 16 + (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    return 0;
}

static void
put_utf8(struct strbuf *sb, unsigned cp)
{
    char b[4];
    size_t n;

    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    sb_appendn(sb, b, n);
}

/* The character a JSON escape \c stands for, or -1. */
static int
unescape(char c)
{
    switch (c) {
    case '"': case '\\': case '/': return c;
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return -1;
    }
}

/* Reads a JSON string at *pp (at its opening quote) into *out; -1 when malformed. */
static int
parse_str(const char **pp, char **out)
{
    struct strbuf sb = {0};
    const char *p = *pp + 1;
    unsigned cp, lo;
    int c;

    for (; *p != '"'; p++) {
        if (*p == '\0' || (unsigned char)*p < 0x20)
            goto bad;
        if (*p != '\\') {
            sb_appendn(&sb, p, 1);
            continue;
        }
        p++;
        if (*p == 'u') {
            if (hex4(p + 1, &cp) != 0 || cp == 0 || (cp >= 0xdc00 && cp < 0xe000))
                goto bad;
            p += 4;
            if (cp >= 0xd800 && cp < 0xdc00) {
                if (p[1] != '\\' || p[2] != 'u' || hex4(p + 3, &lo) != 0 || lo < 0xdc00
                    || lo >= 0xe000)
                    goto bad;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;
            }
            put_utf8(&sb, cp);
        } else if ((c = unescape(*p)) >= 0) {
            char ch = (char)c;

            sb_appendn(&sb, &ch, 1);
        } else {
            goto bad;
        }
    }
    *pp = p + 1;
    *out = sb_take(&sb);
    return 0;
bad:
    sb_free(&sb);
    return -1;
}

/* Reads a value at *pp into v; -1 when malformed. */
static int
parse_value(const char **pp, struct store_img_val *v)
{
    const char *p = *pp;
    char *end;
    size_t n;

    if (*p == '"') {
        v->type = SQLITE_TEXT;
        return parse_str(pp, &v->t);
    }
    if (strncmp(p, "null", 4) == 0) {
        v->type = SQLITE_NULL;
        *pp = p + 4;
        return 0;
    }
    n = strspn(p, "-+0123456789.eE");
    if (n == 0)
        return -1;
    errno = 0;
    if (memchr(p, '.', n) != NULL || memchr(p, 'e', n) != NULL || memchr(p, 'E', n) != NULL) {
        v->type = SQLITE_FLOAT;
        v->d = strtod(p, &end);    /* 1e999 overflows to infinity: see store_real_text */
    } else {
        v->type = SQLITE_INTEGER;
        v->i = strtoll(p, &end, 10);
        if (errno == ERANGE)
            return -1;
    }
    if (end != p + n)
        return -1;
    *pp = end;
    return 0;
}

int
store_img_parse(const char *json, struct store_img *im)
{
    const char *p = json;
    size_t cap = 0;

    im->v = NULL;
    im->n = 0;
    if (*p++ != '{')
        return -1;
    while (*p != '}') {
        struct store_img_val *v;

        if (im->n > 0 && *p++ != ',')
            goto bad;
        im->v = xgrow(im->v, &cap, im->n + 1, sizeof(*im->v));
        v = &im->v[im->n++];
        memset(v, 0, sizeof(*v));
        if (*p != '"' || parse_str(&p, &v->key) != 0 || *p++ != ':' || parse_value(&p, v) != 0)
            goto bad;
    }
    if (p[1] == '\0')
        return 0;
bad:
    store_img_free(im);
    return -1;
}

/* The member key, or NULL. */
static const struct store_img_val *
img_get(const struct store_img *im, const char *key)
{
    size_t i;

    for (i = 0; i < im->n; i++)
        if (strcmp(im->v[i].key, key) == 0)
            return &im->v[i];
    return NULL;
}

static int
val_eq(const struct store_img_val *a, const struct store_img_val *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case SQLITE_INTEGER:
        return a->i == b->i;
    case SQLITE_FLOAT:
        return a->d == b->d;
    case SQLITE_TEXT:
        return strcmp(a->t, b->t) == 0;
    default:
        return 1;
    }
}

int
store_img_covers(const struct store_img *want, const struct store_img *have)
{
    size_t i;
    const struct store_img_val *h;

    for (i = 0; i < want->n; i++)
        if ((h = img_get(have, want->v[i].key)) == NULL || !val_eq(&want->v[i], h))
            return 0;
    return 1;
}

int
store_img_rowid(const struct store_img *im, const struct store_tbl *t, long long *rowid)
{
    const struct store_img_val *v = img_get(im, t->key);

    if (v == NULL || v->type != SQLITE_INTEGER)
        return 0;
    *rowid = v->i;
    return 1;
}

void
store_img_take_cols(struct store_img *im, struct store_col **out, size_t *n)
{
    char num[40];
    size_t i;

    *out = xcalloc(im->n, sizeof(**out));
    *n = im->n;
    for (i = 0; i < im->n; i++) {
        struct store_img_val *v = &im->v[i];
        struct store_col *c = &(*out)[i];

        c->key = v->key;
        v->key = NULL;
        switch (v->type) {
        case SQLITE_TEXT:
            c->text = v->t;
            v->t = NULL;
            break;
        case SQLITE_INTEGER:
            c->is_num = 1;
            c->num = (double)v->i;
            c->text = xasprintf("%lld", v->i);
            break;
        case SQLITE_FLOAT:
            c->is_num = 1;
            c->num = v->d;
            num_text(v->d, num, sizeof(num));
            c->text = xstrdup(num);
            break;
        default:
            c->is_null = 1;
            break;
        }
    }
    store_img_free(im);
}

int
store_img_cols(const char *json, struct store_col **cols, size_t *n)
{
    struct store_img im;

    *cols = NULL;
    *n = 0;
    if (json == NULL)
        return 0;
    if (store_img_parse(json, &im) != 0)
        return -1;
    if (im.n > 0)
        store_img_take_cols(&im, cols, n);
    return 0;
}

void
store_cols_free(struct store_col *cols, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(cols[i].key);
        free(cols[i].text);
    }
    free(cols);
}

const struct store_col *
store_col_find(const struct store_col *c, size_t n, const char *key)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(c[i].key, key) == 0)
            return &c[i];
    return NULL;
}

const char *
store_col_text(const struct store_col *c, size_t n, const char *key)
{
    const struct store_col *col = store_col_find(c, n, key);

    return col != NULL && col->text != NULL ? col->text : "";
}
