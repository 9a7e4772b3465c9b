/*
 * store_bulk.c - a bulk import logged compactly (schema version 9). Logging an import a row at a
 * time cost an image pair, a savepoint and an edit_log row for each of its rows: 62-78 % of the
 * import's time, and an edit log 2.5 times the size of the data (issue 17). Between
 * store_bulk_begin and store_bulk_end, the rows that the writes add to inventory and activity
 * are not logged one by one: SQLite gives them consecutive ids after the largest there was, and
 * store_bulk_end logs each table's new rows as one edit_log row whose after_row is a bulk image:
 *
 *   @bulk 1 <table> <first id> <last id> <rows> <sha256>\n
 *   <column>\t<column>...\n
 *   <row>\n ...                 (only while the action is undone, for redo to put back)
 *
 * A row is its columns in the order of the second line, each "n" (NULL), "i<integer>",
 * "r<real, exact>" or "t<text>" (\\, \t, \n, \r escaped), separated by tabs. The digest is
 * SHA-256 of the column names and the rows' values as the table holds them, ordered by id: undo
 * reads the rows of the range and refuses, as for any row, when they are not exactly those the
 * import left (another program changed one since); then it deletes them and keeps them in the
 * image, which redo checks against its digest, inserts again and takes out. A row of the range
 * that the bulk itself changes again is not logged either: the digest is taken at the end. Rows
 * that were there before (an import replacing a month's data) are logged as always. What a bulk
 * step did, as facts for the history's words, is in store_bulk_facts.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/xmem.h"

/* Ids above this leave no room for a bulk's consecutive ids: such a workbook is logged per row. */
#define BULK_ID_MAX (1LL << 62)
#define BULK_MAX_COLS 64

struct bulk_range {
    const char *tbl;
    long long lo, next;       /* the rows with ids lo .. next - 1 were added by the bulk */
};

struct store_bulk {
    struct bulk_range r[2];   /* inventory, activity */
};

static const char *const bulk_tbls[] = {"inventory", "activity"};

static enum err
max_id(struct store *st, const char *tbl, long long *id, char **cause)
{
    static const char *const sql[] = {"SELECT coalesce(max(id), 0) FROM inventory",
                                      "SELECT coalesce(max(id), 0) FROM activity"};
    sqlite3_stmt *s;
    int rc;
    enum err e;

    if ((e = store_prepare(st, sql[strcmp(tbl, "activity") == 0], &s, cause)) != ERR_OK)
        return e;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    store_release(st, s);
    return rc == SQLITE_ROW ? ERR_OK : store_fail(st, rc, "读取工作簿", cause);
}

enum err
store_bulk_begin(struct store *st, char **cause)
{
    struct store_bulk *b;
    long long id = 0;
    size_t i;
    enum err e;

    if (st->readonly)
        return store_refuse_readonly("修改", cause);
    if (st->depth == 0 || st->bulk != NULL) {
        *cause = xstrdup("批量写入须在一个事务之内，且不能嵌套");
        return ERR_INPUT;
    }
    b = xcalloc(1, sizeof(*b));
    for (i = 0; i < nitems(bulk_tbls); i++) {
        if ((e = max_id(st, bulk_tbls[i], &id, cause)) != ERR_OK) {
            free(b);
            return e;
        }
        if (id >= BULK_ID_MAX) {    /* a file made elsewhere: the writes are logged as always */
            free(b);
            return ERR_OK;
        }
        b->r[i].tbl = bulk_tbls[i];
        b->r[i].lo = b->r[i].next = id + 1;
    }
    st->bulk = b;
    return ERR_OK;
}

void
store_bulk_drop(struct store *st)
{
    free(st->bulk);
    st->bulk = NULL;
}

/* The range of the bulk that c's table has, when c is a change of a row the bulk added or adds. */
static struct bulk_range *
covering(struct store *st, const struct store_change *c)
{
    size_t i;

    if (st->bulk == NULL)
        return NULL;
    for (i = 0; i < nitems(st->bulk->r); i++)
        if (strcmp(st->bulk->r[i].tbl, c->tbl) == 0)
            return c->rowid == 0 || c->rowid >= st->bulk->r[i].lo ? &st->bulk->r[i] : NULL;
    return NULL;
}

int
store_bulk_covers(struct store *st, const char *tbl, long long rowid)
{
    const struct store_change c = {.tbl = tbl, .rowid = rowid};

    return covering(st, &c) != NULL;
}

int
store_bulk_take(struct store *st, struct store_change *c, sqlite3_stmt *s, const char *what,
                enum err *e, char **cause)
{
    struct bulk_range *r = covering(st, c);
    long long id;

    if (r == NULL)
        return 0;
    if ((*e = store_step_done(st, s, what, cause)) != ERR_OK || c->rowid != 0)
        return 1;
    id = sqlite3_last_insert_rowid(st->db);
    if (id != r->next) {    /* SQLite gives max + 1 while there is room: never seen */
        *cause = xasprintf("无法%s：新行的编号不连续", what);
        *e = ERR_IO;
        return 1;
    }
    c->rowid = id;
    r->next++;
    return 1;
}

/* Appends text with \\, \t, \n and \r escaped. */
static void
put_text(struct strbuf *sb, const char *t)
{
    size_t n;

    while (*t != '\0') {
        n = strcspn(t, "\\\t\n\r");
        sb_appendn(sb, t, n);
        t += n;
        if (*t == '\0')
            break;
        sb_append(sb, *t == '\\' ? "\\\\" : *t == '\t' ? "\\t" : *t == '\n' ? "\\n" : "\\r");
        t++;
    }
}

/*
 * The digest reads values, not their text (which costs an import a fifth of its time to
 * print), a row at a time: each value is its type, then an integer (zigzag) or a text's length
 * as a varint and the text's bytes, or the 8 bytes of a REAL's bits; a column name is a text.
 */
struct digest {
    struct sha256_ctx h;
    struct strbuf row;        /* the values of the row being read */
};

static void
put_varint(struct strbuf *sb, unsigned long long u)
{
    char b[10];
    size_t n = 0;

    do {
        b[n++] = (char)((u & 0x7f) | (u > 0x7f ? 0x80 : 0));
        u >>= 7;
    } while (u != 0);
    sb_appendn(sb, b, n);
}

static void
digest_val(struct digest *g, int type, long long i, double d, const char *t)
{
    unsigned char b[8];
    unsigned long long u;
    char ty = (char)type;
    size_t k, n;

    sb_appendn(&g->row, &ty, 1);
    if (type == SQLITE_INTEGER) {
        put_varint(&g->row, ((unsigned long long)i << 1) ^ (unsigned long long)(i >> 63));
    } else if (type == SQLITE_FLOAT) {
        memcpy(&u, &d, sizeof(u));
        for (k = 0; k < 8; k++)
            b[k] = (unsigned char)(u >> (8 * k));
        sb_appendn(&g->row, (const char *)b, sizeof(b));
    } else if (type == SQLITE_TEXT) {
        n = strlen(t);
        put_varint(&g->row, n);
        sb_appendn(&g->row, t, n);
    }
}

/* Ends a row (or the column names): its bytes go into the digest. */
static void
digest_row(struct digest *g)
{
    if (g->row.len > 0)
        sha256_update(&g->h, g->row.s, g->row.len);
    g->row.len = 0;
}

static void
digest_hex(struct digest *g, char hex[65])
{
    unsigned char d[SHA256_DIGEST_SIZE];

    sha256_final(&g->h, d);
    sha256_hex(d, hex);
    sb_free(&g->row);
}

/*
 * Reads the rows lo..hi of tbl into sb (when not NULL) as the lines of a bulk image, after its
 * column line, and their count and digest.
 */
static enum err
range_read(struct store *st, const char *tbl, long long lo, long long hi, struct strbuf *sb,
           long long *count, char hex[65], char **cause)
{
    static const char *const sql[] = {
        "SELECT * FROM inventory WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        "SELECT * FROM activity WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    };
    struct digest g = {0};
    sqlite3_stmt *s;
    char num[40];
    int rc, i, n;
    enum err e;

    if ((e = store_prepare(st, sql[strcmp(tbl, "activity") == 0], &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, lo);
    sqlite3_bind_int64(s, 2, hi);
    sha256_init(&g.h);
    n = sqlite3_column_count(s);
    for (i = 0; i < n; i++)
        digest_val(&g, SQLITE_TEXT, 0, 0, sqlite3_column_name(s, i));
    digest_row(&g);
    *count = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (i = 0; i < n; i++) {
            int type = sqlite3_column_type(s, i);
            long long iv = type == SQLITE_INTEGER ? sqlite3_column_int64(s, i) : 0;
            double dv = type == SQLITE_FLOAT ? sqlite3_column_double(s, i) : 0;
            const char *tv = type == SQLITE_TEXT ? (const char *)sqlite3_column_text(s, i) : NULL;

            digest_val(&g, type, iv, dv, tv);    /* the STRICT tables hold no blobs */
            if (sb == NULL)
                continue;
            sb_append(sb, i > 0 ? "\t" : "");
            if (type == SQLITE_NULL) {
                sb_append(sb, "n");
            } else if (type == SQLITE_INTEGER) {
                sb_printf(sb, "i%lld", iv);
            } else if (type == SQLITE_FLOAT) {
                store_real_text(dv, num, sizeof(num));
                sb_printf(sb, "r%s", num);
            } else {
                sb_append(sb, "t");
                put_text(sb, tv);
            }
        }
        digest_row(&g);
        if (sb != NULL)
            sb_append(sb, "\n");
        (*count)++;
    }
    store_release(st, s);
    digest_hex(&g, hex);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取工作簿", cause);
}

/* The header and column line of a bulk image of tbl lo..hi as it is now; *count its rows. */
static enum err
bulk_header(struct store *st, const char *tbl, long long lo, long long hi, struct strbuf *rows,
            char **img, long long *count, char **cause)
{
    static const char *const sql[] = {"SELECT * FROM inventory LIMIT 0",
                                      "SELECT * FROM activity LIMIT 0"};
    struct strbuf sb = {0};
    sqlite3_stmt *s;
    char hex[65];
    int i;
    enum err e;

    if ((e = range_read(st, tbl, lo, hi, rows, count, hex, cause)) != ERR_OK
        || (e = store_prepare(st, sql[strcmp(tbl, "activity") == 0], &s, cause)) != ERR_OK)
        return e;
    sb_printf(&sb, "@bulk 1 %s %lld %lld %lld %s\n", tbl, lo, hi, *count, hex);
    for (i = 0; i < sqlite3_column_count(s); i++)
        sb_printf(&sb, "%s%s", i > 0 ? "\t" : "", sqlite3_column_name(s, i));
    sb_append(&sb, "\n");
    store_release(st, s);
    *img = sb_take(&sb);
    return ERR_OK;
}

enum err
store_bulk_now(struct store *st, const char *tbl, long long lo, long long hi, char **text,
               char **cause)
{
    struct strbuf sb = {0};
    long long count;
    char *head;
    enum err e = bulk_header(st, tbl, lo, hi, &sb, &head, &count, cause);

    *text = NULL;
    if (e == ERR_OK) {
        *text = xasprintf("%s%s", head, sb.s != NULL ? sb.s : "");
        free(head);
    }
    sb_free(&sb);
    return e;
}

enum err
store_bulk_end(struct store *st, char **cause)
{
    struct store_bulk *b = st->bulk;
    size_t i;
    enum err e = ERR_OK;

    if (b == NULL)
        return ERR_OK;    /* none begun, or a workbook whose ids leave no room: logged per row */
    for (i = 0; i < nitems(b->r) && e == ERR_OK; i++) {
        const struct bulk_range *r = &b->r[i];
        struct store_change c = {.tbl = r->tbl, .field = "bulk"};
        long long count;
        char *img = NULL, *row, *n;

        if (r->next == r->lo)
            continue;
        if ((e = bulk_header(st, r->tbl, r->lo, r->next - 1, NULL, &img, &count, cause))
            != ERR_OK)
            break;
        if (count == 0) {    /* added and deleted again */
            free(img);
            continue;
        }
        c.row = row = xasprintf("%lld-%lld", r->lo, r->next - 1);
        c.new_value = n = xasprintf("%lld", count);
        e = store_log_change(st, &c, NULL, img, cause);
        free(row);
        free(n);
        free(img);
    }
    store_bulk_drop(st);
    return e;
}

void
store_bulk_img_free(struct store_bulk_img *b)
{
    size_t i;

    for (i = 0; i < b->ncols; i++)
        free(b->cols[i]);
    for (i = 0; i < b->nrows * b->ncols; i++)
        free(b->v[i].t);
    free(b->cols);
    free(b->v);
    memset(b, 0, sizeof(*b));
}

/* A column name as the image may hold it: what store_log.c's name_ok lets into SQL. */
static int
col_name_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || n >= 64)
        return 0;
    for (i = 0; i < n; i++)
        if (strchr("abcdefghijklmnopqrstuvwxyz_0123456789", s[i]) == NULL || s[i] == '\0')
            return 0;
    return 1;
}

/* A whole decimal number at p .. p+n (no sign but '-'); -1 when it is none. */
static int
whole(const char *p, size_t n, long long *v)
{
    char buf[24], *end;

    if (n == 0 || n >= sizeof(buf) || strspn(p, "-0123456789") < n)
        return -1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    errno = 0;
    *v = strtoll(buf, &end, 10);
    return errno == 0 && *end == '\0' && end != buf ? 0 : -1;
}

/* Reads the field at p .. p+n into v; -1 when malformed. */
static int
field_parse(const char *p, size_t n, struct store_img_val *v)
{
    struct strbuf sb = {0};
    char buf[48], *end;
    size_t i;

    if (n == 0)
        return -1;
    switch (p[0]) {
    case 'n':
        v->type = SQLITE_NULL;
        return n == 1 ? 0 : -1;
    case 'i':
        v->type = SQLITE_INTEGER;
        return whole(p + 1, n - 1, &v->i);
    case 'r':
        v->type = SQLITE_FLOAT;
        if (n < 2 || n - 1 >= sizeof(buf) || strspn(p + 1, "-+0123456789.eE") < n - 1)
            return -1;
        memcpy(buf, p + 1, n - 1);
        buf[n - 1] = '\0';
        v->d = strtod(buf, &end);    /* 1e999 is infinity on purpose: see store_real_text */
        return *end == '\0' ? 0 : -1;
    case 't':
        v->type = SQLITE_TEXT;
        for (i = 1; i < n; i++) {
            char c = p[i];

            if (c == '\r' || c == '\0')
                goto bad;
            if (c == '\\') {
                if (++i == n)
                    goto bad;
                c = p[i] == '\\' ? '\\' : p[i] == 't' ? '\t' : p[i] == 'n' ? '\n'
                  : p[i] == 'r' ? '\r' : '\0';
                if (c == '\0')
                    goto bad;
            }
            sb_appendn(&sb, &c, 1);
        }
        v->t = sb.s != NULL ? sb_take(&sb) : xstrdup("");
        return 0;
    default:
        return -1;
    }
bad:
    sb_free(&sb);
    return -1;
}

/* Reads the header line "@bulk 1 tbl lo hi count sha256\n"; the text after it, or NULL. */
static const char *
header_parse(const char *p, struct store_bulk_img *b)
{
    static const char magic[] = "@bulk 1 ";
    long long *nums[] = {&b->lo, &b->hi, &b->count};
    size_t i, n;

    if (strncmp(p, magic, sizeof(magic) - 1) != 0)
        return NULL;
    p += sizeof(magic) - 1;
    for (i = 0; i < nitems(bulk_tbls) && b->tbl == NULL; i++)
        if (strncmp(p, bulk_tbls[i], strlen(bulk_tbls[i])) == 0
            && p[strlen(bulk_tbls[i])] == ' ')
            b->tbl = bulk_tbls[i];
    if (b->tbl == NULL)
        return NULL;
    p += strlen(b->tbl) + 1;
    for (i = 0; i < nitems(nums); i++) {
        n = strcspn(p, " \n");
        if (p[n] != ' ' || whole(p, n, nums[i]) != 0)
            return NULL;
        p += n + 1;
    }
    if (strspn(p, "0123456789abcdef") != 64 || p[64] != '\n')
        return NULL;
    memcpy(b->sha, p, 64);
    b->sha[64] = '\0';
    if (b->lo < 1 || b->hi < b->lo || b->hi >= BULK_ID_MAX || b->count < 0
        || b->count > b->hi - b->lo + 1)
        return NULL;
    return p + 65;
}

/* Reads the column line at p; the text after it, or NULL. */
static const char *
cols_parse(const char *p, struct store_bulk_img *b)
{
    size_t cap = 0, n, i;
    int id = 0;

    for (;;) {
        n = strcspn(p, "\t\n");
        if (!col_name_ok(p, n) || b->ncols == BULK_MAX_COLS)
            return NULL;
        for (i = 0; i < b->ncols; i++)
            if (strlen(b->cols[i]) == n && strncmp(b->cols[i], p, n) == 0)
                return NULL;    /* twice */
        b->cols = xgrow(b->cols, &cap, b->ncols + 1, sizeof(*b->cols));
        b->cols[b->ncols++] = xstrndup(p, n);
        id |= n == 2 && strncmp(p, "id", 2) == 0;
        p += n;
        if (*p++ == '\n')
            break;
    }
    return id ? p : NULL;
}

/* Reads the row lines at p (ids ascending within lo..hi); -1 when malformed. */
static int
rows_parse(const char *p, struct store_bulk_img *b)
{
    size_t cap = 0, c, n, idc = 0;
    long long last = 0;

    for (c = 0; c < b->ncols; c++)
        if (strcmp(b->cols[c], "id") == 0)
            idc = c;
    while (*p != '\0') {
        struct store_img_val *row;

        if ((long long)b->nrows == b->count)
            return -1;
        b->v = xgrow(b->v, &cap, (b->nrows + 1) * b->ncols, sizeof(*b->v));
        row = &b->v[b->nrows * b->ncols];
        memset(row, 0, b->ncols * sizeof(*row));
        b->nrows++;
        for (c = 0; c < b->ncols; c++) {
            n = strcspn(p, "\t\n");
            if (field_parse(p, n, &row[c]) != 0
                || p[n] != (c + 1 < b->ncols ? '\t' : '\n'))
                return -1;
            p += n + 1;
        }
        if (row[idc].type != SQLITE_INTEGER || row[idc].i < b->lo || row[idc].i > b->hi
            || row[idc].i <= last)
            return -1;
        last = row[idc].i;
    }
    return b->nrows == 0 || (long long)b->nrows == b->count ? 0 : -1;
}

/* Parses a bulk image; verify: its rows (when it has them) must have the header's digest. */
static int
bulk_parse(const char *text, struct store_bulk_img *b, int verify)
{
    struct digest g = {0};
    const char *cols, *rows;
    char hex[65];
    size_t i;

    memset(b, 0, sizeof(*b));
    if ((cols = header_parse(text, b)) == NULL || (rows = cols_parse(cols, b)) == NULL
        || rows_parse(rows, b) != 0)
        goto bad;
    if (verify && b->nrows > 0) {
        sha256_init(&g.h);
        for (i = 0; i < b->ncols; i++)
            digest_val(&g, SQLITE_TEXT, 0, 0, b->cols[i]);
        digest_row(&g);
        for (i = 0; i < b->nrows * b->ncols; i++) {
            digest_val(&g, b->v[i].type, b->v[i].i, b->v[i].d, b->v[i].t);
            if ((i + 1) % b->ncols == 0)
                digest_row(&g);
        }
        digest_hex(&g, hex);
        if (strcmp(hex, b->sha) != 0)
            goto bad;
    }
    b->head_len = (size_t)(rows - text);
    return 0;
bad:
    store_bulk_img_free(b);
    return -1;
}

int
store_bulk_parse(const char *text, struct store_bulk_img *b)
{
    return bulk_parse(text, b, 1);
}

int
store_bulk_is(const char *img)
{
    return img != NULL && img[0] == '@';
}

/* Runs sql, bound with the bulk's range as ?1, ?2 (and text ?3, id ?4 when given). */
static enum err
range_run(struct store *st, const char *sql, const struct store_bulk_img *b, const char *text,
          long long id, long long *count, const char *verb, char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    if ((e = store_prepare(st, sql, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, b->lo);
    sqlite3_bind_int64(s, 2, b->hi);
    if (text != NULL) {
        sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 4, id);
    }
    rc = sqlite3_step(s);
    if (count != NULL)
        *count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, verb, cause);
}

static const char sql_keep[] = "UPDATE edit_log SET after_row = ?3 WHERE id = ?4";

enum err
store_bulk_undo(struct store *st, long long log_id, const char *img, const char *verb,
                char **cause)
{
    static const char *const del[] = {"DELETE FROM inventory WHERE id BETWEEN ?1 AND ?2",
                                      "DELETE FROM activity WHERE id BETWEEN ?1 AND ?2"};
    struct store_bulk_img b;
    struct strbuf sb = {0};
    long long count, children = 0;
    char hex[65], *kept;
    enum err e;

    if (bulk_parse(img, &b, 1) != 0 || b.nrows != 0)
        return store_corrupt(verb, cause);
    if ((e = range_read(st, b.tbl, b.lo, b.hi, &sb, &count, hex, cause)) != ERR_OK)
        goto out;
    /* the rows it added, exactly: else another program changed them since */
    if (count != b.count || strcmp(hex, b.sha) != 0) {
        e = store_conflict(verb, cause);
        goto out;
    }
    /* entries with rows the action did not add (undo took its own rows first) */
    if (strcmp(b.tbl, "inventory") == 0
        && ((e = range_run(st, "SELECT count(*) FROM activity WHERE inventory_id BETWEEN ?1 AND ?2",
                           &b, NULL, 0, &children, verb, cause)) != ERR_OK
            || children > 0)) {
        e = e != ERR_OK ? e : store_conflict(verb, cause);
        goto out;
    }
    if ((e = range_run(st, del[strcmp(b.tbl, "activity") == 0], &b, NULL, 0, NULL, verb, cause))
        != ERR_OK)
        goto out;
    /* what redo puts back */
    kept = xasprintf("%.*s%s", (int)b.head_len, img, sb.s != NULL ? sb.s : "");
    e = range_run(st, sql_keep, &b, kept, log_id, NULL, verb, cause);
    free(kept);
out:
    sb_free(&sb);
    store_bulk_img_free(&b);
    return e;
}

/* Binds the values of one row of b. */
static int
row_bind(sqlite3_stmt *s, const struct store_img_val *row, size_t n)
{
    size_t i;
    int rc = SQLITE_OK;

    for (i = 0; i < n && rc == SQLITE_OK; i++) {
        const struct store_img_val *v = &row[i];

        rc = v->type == SQLITE_INTEGER ? sqlite3_bind_int64(s, (int)i + 1, v->i)
           : v->type == SQLITE_FLOAT ? sqlite3_bind_double(s, (int)i + 1, v->d)
           : v->type == SQLITE_TEXT ? sqlite3_bind_text(s, (int)i + 1, v->t, -1, SQLITE_STATIC)
           : sqlite3_bind_null(s, (int)i + 1);
    }
    return rc;
}

/* Inserts the rows of b; a constraint failing means the workbook changed since: a conflict. */
static enum err
rows_insert(struct store *st, const struct store_bulk_img *b, const char *verb, char **cause)
{
    struct strbuf sb = {0};
    sqlite3_stmt *s;
    size_t i, r;
    int rc;
    enum err e = ERR_OK;

    sb_printf(&sb, "INSERT INTO %s (", b->tbl);
    for (i = 0; i < b->ncols; i++)
        sb_printf(&sb, "%s\"%s\"", i > 0 ? ", " : "", b->cols[i]);
    sb_append(&sb, ") VALUES (");
    for (i = 0; i < b->ncols; i++)
        sb_printf(&sb, "%s?%zu", i > 0 ? ", " : "", i + 1);
    sb_append(&sb, ")");
    rc = sqlite3_prepare_v2(st->db, sb.s, -1, &s, NULL);
    sb_free(&sb);
    if (rc != SQLITE_OK)    /* a column the table does not have */
        return store_corrupt(verb, cause);
    for (r = 0; r < b->nrows && e == ERR_OK; r++) {
        if ((rc = row_bind(s, &b->v[r * b->ncols], b->ncols)) == SQLITE_OK)
            rc = sqlite3_step(s);
        if (rc != SQLITE_DONE)
            e = (rc & 0xff) == SQLITE_CONSTRAINT ? store_conflict(verb, cause)
                                                  : store_fail(st, rc, verb, cause);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return e;
}

enum err
store_bulk_redo(struct store *st, long long log_id, const char *img, const char *verb,
                char **cause)
{
    static const char *const there[] = {
        "SELECT count(*) FROM inventory WHERE id BETWEEN ?1 AND ?2",
        "SELECT count(*) FROM activity WHERE id BETWEEN ?1 AND ?2",
    };
    struct store_bulk_img b;
    long long count;
    char *head;
    enum err e;

    if (bulk_parse(img, &b, 1) != 0 || (long long)b.nrows != b.count)
        return store_corrupt(verb, cause);
    if ((e = range_run(st, there[strcmp(b.tbl, "activity") == 0], &b, NULL, 0, &count, verb,
                       cause)) == ERR_OK
        && count > 0)
        e = store_conflict(verb, cause);    /* rows added since took the ids */
    if (e == ERR_OK)
        e = rows_insert(st, &b, verb, cause);
    if (e == ERR_OK) {
        head = xstrndup(img, b.head_len);    /* the rows are in the table again */
        e = range_run(st, sql_keep, &b, head, log_id, NULL, verb, cause);
        free(head);
    }
    store_bulk_img_free(&b);
    return e;
}
