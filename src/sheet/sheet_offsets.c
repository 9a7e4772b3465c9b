/*
 * sheet_offsets.c - N.2 碳抵消 (003 §7.3): one row per offset claimed for the year on screen, with
 * the fields `tanbook import --offsets` reads and, for a forestry sink (§7.3.2), its location,
 * area, species, crediting period and disclosure. Each row shows live whether it counts and, when
 * not, why (neutral_build through book_neutral_judge, with the year in memory); the reason is on
 * the help line wherever the focus is in the row. Every change is validated as an import is
 * (neutral_offset_valid) and refused with the reason, the typed text kept. Ins adds an offset of
 * a type, Enter on 类型 or 已用于其他 picks the value, Del clears a field or deletes the offset
 * (asking).
 */
#include "sheet/sheet.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* What a column holds, and how typing into it is read. */
enum kind { K_TYPE, K_ELIGIBLE, K_TEXT, K_DATE, K_NUM, K_YEAR, K_YESNO, K_FILE };

static const struct col {
    const char *key;
    enum kind kind;
    size_t at;              /* K_TEXT, K_DATE: offset of the char *; K_NUM: of the double */
    int forest;             /* a forestry field: editable on a forestry sink only */
    int width_zh, width_en;
} cols[] = {
    {"type", K_TYPE, 0, 0, 10, 12},
    {"eligible", K_ELIGIBLE, 0, 0, 18, 18},
    {"quantity_tco2e", K_NUM, offsetof(struct wb_offset, quantity_tco2e), 0, 10, 10},
    {"project", K_TEXT, offsetof(struct wb_offset, project), 0, 16, 16},
    {"serial", K_TEXT, offsetof(struct wb_offset, serial), 0, 14, 14},
    {"registered", K_DATE, offsetof(struct wb_offset, registered), 0, 10, 10},
    {"vintage", K_YEAR, 0, 0, 6, 7},
    {"quantity_mwh", K_NUM, offsetof(struct wb_offset, quantity_mwh), 0, 9, 9},
    {"cancelled", K_DATE, offsetof(struct wb_offset, cancelled), 0, 10, 10},
    {"proof", K_TEXT, offsetof(struct wb_offset, proof), 0, 14, 14},
    {"used_elsewhere", K_YESNO, 0, 0, 10, 14},
    {"registry", K_TEXT, offsetof(struct wb_offset, registry), 0, 14, 14},
    {"evidence", K_TEXT, offsetof(struct wb_offset, ev.ref), 0, 14, 14},
    {"evidence_file", K_FILE, 0, 0, 20, 20},
    {"note", K_TEXT, offsetof(struct wb_offset, note), 0, 14, 14},
    {"location", K_TEXT, offsetof(struct wb_offset, location), 1, 12, 12},
    {"area_ha", K_NUM, offsetof(struct wb_offset, area_ha), 1, 9, 9},
    {"species", K_TEXT, offsetof(struct wb_offset, species), 1, 10, 10},
    {"period", K_TEXT, offsetof(struct wb_offset, period), 1, 10, 10},
    {"disclosure", K_TEXT, offsetof(struct wb_offset, disclosure), 1, 16, 16},
};
#define NCOLS ((int)nitems(cols))
#define COL_TYPE 0
#define COL_ELIGIBLE 1
#define COL_QTY 2
#define COL_PROJECT 3

struct offsets_state {
    struct wb_plan plan;
    int ok;
    struct neutral n;       /* the judgement of the year: n.offsets[i] is row i */
    int judged;
    char *help;
};

static void
state_free(void *state)
{
    struct offsets_state *os = state;

    if (os == NULL)
        return;
    if (os->judged)
        neutral_free(&os->n);
    plan_free(&os->plan);
    free(os->help);
    free(os);
}

static char **
text_at(struct wb_offset *o, size_t at)
{
    return (char **)(void *)((char *)o + at);
}

static const char *
text_of(const struct wb_offset *o, size_t at)
{
    const char *v = *(const char *const *)(const void *)((const char *)o + at);

    return v != NULL ? v : "";
}

static double *
num_at(struct wb_offset *o, size_t at)
{
    return (double *)(void *)((char *)o + at);
}

static const char *
yes_no(const struct sheet_env *env, int yes)
{
    return yes ? SHEET_TR(env, "是", "yes") : SHEET_TR(env, "否", "no");
}

/* 是/否 as typed (是, 否, yes, no, y, n, 1, 0, empty: no); -1 for anything else. */
static int
yes_no_read(const char *v)
{
    static const char *const yes[] = {"是", "yes", "y", "1", "true"}, *const no[] = {"否",    "no",
                                                                                     "n",     "0",
                                                                                     "false", ""};
    size_t i;

    for (i = 0; i < nitems(yes); i++)
        if (text_eq(v, yes[i]))
            return 1;
    for (i = 0; i < nitems(no); i++)
        if (text_eq(v, no[i]))
            return 0;
    return -1;
}

/* The type's label on screen: 其他 says it is outside 003 §7.3.1.2's list. */
static char *
type_label(const struct sheet_env *env, enum offset_type t)
{
    if (t == OFFSET_OTHER)
        return xasprintf(SHEET_TR(env, "%s（不在 003 §7.3.1.2 之列）", "%s (not in 003 §7.3.1.2)"),
                         neutral_type_label(t, env->lang));
    return xstrdup(neutral_type_label(t, env->lang));
}

/* Loads the plan and judges the year (the judgement needs the year's report). */
static struct offsets_state *
reload(const struct sheet_env *env, char **cause)
{
    struct offsets_state *os = *env->state;

    if (os == NULL)
        *env->state = os = xcalloc(1, sizeof(*os));
    if (os->judged)
        neutral_free(&os->n);
    os->judged = 0;
    plan_free(&os->plan);
    os->ok = book_load_plan(env->book, &os->plan, cause) == ERR_OK;
    if (os->ok && env->rep != NULL) {
        book_neutral_judge(env->app, env->y, env->rep, env->chk->nerrors, &os->plan, env->lang,
                           &os->n, NULL);
        os->judged = os->n.ok;
        if (!os->n.ok) {
            neutral_free(&os->n);
            os->judged = 0;
        }
    }
    return os;
}

/* The offsets of the year, in the order entered: the judged ones, or (no report) counted here. */
static const struct wb_offset *
offset_at(const struct sheet_env *env, int r)
{
    const struct offsets_state *os = *env->state;
    size_t i, k = 0;

    if (os == NULL || !os->ok || r < 0)
        return NULL;
    if (os->judged)
        return (size_t)r < os->n.noffsets ? os->n.offsets[r].o : NULL;
    for (i = 0; i < os->plan.noffsets; i++)
        if (os->plan.offsets[i].year == env->y->year && k++ == (size_t)r)
            return &os->plan.offsets[i];
    return NULL;
}

static const struct neutral_offset *
judged_at(const struct sheet_env *env, int r)
{
    const struct offsets_state *os = *env->state;

    return os != NULL && os->judged && r >= 0 && (size_t)r < os->n.noffsets ? &os->n.offsets[r]
                                                                             : NULL;
}

static void
eligibility(const struct sheet_env *env, struct sheet *s, int r)
{
    const struct neutral_offset *no = judged_at(env, r);
    char *t;

    if (no == NULL) {
        sheet_set(s, r, COL_ELIGIBLE, xstrdup("—"), SHEET_DIM);
        if (env->rep_err != NULL)
            sheet_note(s, r, COL_ELIGIBLE, xstrdup(env->rep_err));
        return;
    }
    if (no->eligible && no->counted_tco2e < no->worth_tco2e - 1e-9) {
        /* a certificate beyond scope 2 counts for what scope 2 leaves (003 §7.3.1.4) */
        t = xasprintf(SHEET_TR(env, "计入 %.2f tCO₂e（以范围二为限）",
                               "counted: %.2f tCO₂e (scope 2 at most)"),
                      no->counted_tco2e);
        sheet_note(s, r, COL_ELIGIBLE, xstrdup(t));
        sheet_set(s, r, COL_ELIGIBLE, t, 0);
        return;
    }
    if (no->eligible) {
        sheet_set(s, r, COL_ELIGIBLE, xstrdup(SHEET_TR(env, "计入", "counted")), 0);
        return;
    }
    t = xasprintf(SHEET_TR(env, "不计入：%s", "not counted: %s"), no->reason);
    sheet_note(s, r, COL_ELIGIBLE, xstrdup(t));
    sheet_set(s, r, COL_ELIGIBLE, t, SHEET_WARN);
}

static void
cell(const struct sheet_env *env, struct sheet *s, int r, int c, const struct wb_offset *o)
{
    const struct col *k = &cols[c];
    unsigned edit = !k->forest || o->type == OFFSET_FOREST ? SHEET_EDIT : SHEET_DIM;
    double v;

    switch (k->kind) {
    case K_TYPE: sheet_set(s, r, c, type_label(env, o->type), SHEET_EDIT); break;
    case K_ELIGIBLE: eligibility(env, s, r); break;
    case K_TEXT:
    case K_DATE: sheet_set(s, r, c, xstrdup(text_of(o, k->at)), edit); break;
    case K_NUM:
        v = *num_at((struct wb_offset *)(void *)o, k->at);
        sheet_set(s, r, c, sheet_amount(v, 1), edit | SHEET_NUM);
        break;
    case K_YEAR:
        sheet_set(s, r, c, o->vintage != 0 ? xasprintf("%d", o->vintage) : xstrdup(""),
                  SHEET_EDIT | SHEET_NUM);
        break;
    case K_YESNO: sheet_set(s, r, c, xstrdup(yes_no(env, o->used_elsewhere)), SHEET_EDIT); break;
    case K_FILE: {
        unsigned fl;
        char *st = sheet_evidence_state(env, &o->ev, &fl);

        sheet_set(s, r, c, xstrdup(o->ev.file != NULL ? o->ev.file : ""),
                  SHEET_EDIT | (o->ev.file != NULL && o->ev.file[0] != '\0' && (fl & SHEET_WARN)
                                ? SHEET_WARN : 0));
        if (o->ev.file != NULL && o->ev.file[0] != '\0' && (fl & SHEET_WARN))
            sheet_note(s, r, c,
                       xasprintf("%s：%s", o->ev.file,
                                 book_evidence_words(book_evidence_state(&o->ev), env->lang)));
        free(st);
        break;
    }
    }
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    char *cause = NULL;
    struct offsets_state *os = reload(env, &cause);
    const struct wb_offset *o;
    int r, c, n = 0;

    while (os->ok && offset_at(env, n) != NULL)
        n++;
    sheet_init(s, n, NCOLS, 2);      /* the type and whether it counts stay in sight */
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, cols[c].key),
                   env->lang == LANG_EN ? cols[c].width_en : cols[c].width_zh);
    s->start_col = COL_QTY;
    if (!os->ok) {
        s->empty = cause != NULL ? cause : xstrdup("");
        return;
    }
    s->empty = xasprintf(
        SHEET_TR(env, "%d 年还没有碳抵消：按 Ins 添加（CCER、碳普惠、绿证、林业碳汇）",
                 "No offsets for %d yet: press Ins to add one (CCER, certificates, forestry)"),
        env->y->year);
    for (r = 0; r < n; r++) {
        o = offset_at(env, r);
        for (c = 0; c < NCOLS; c++)
            cell(env, s, r, c, o);
    }
}

static void
copy(struct wb_offset *to, const struct wb_offset *from)
{
    size_t i;

    *to = *from;
    for (i = 0; i < nitems(cols); i++)
        if (cols[i].kind == K_TEXT || cols[i].kind == K_DATE)
            *text_at(to, cols[i].at) = xstrdup(text_of(from, cols[i].at));
    to->ev.file = sheet_dup0(from->ev.file);
    to->ev.sha256 = sheet_dup0(from->ev.sha256);
}

/* Validates o and saves it; ERR_INPUT (the editor stays) with the reason. */
static enum err
save(const struct sheet_env *env, struct wb_offset *o, const char *what, struct sheet_out *out)
{
    char *cause = NULL;
    enum err e;

    if (neutral_offset_valid(o, env->lang, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    if ((e = store_offset_put(env->st, o, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存“%s”（Ctrl-Z 可撤销）", "Saved “%s” (Ctrl-Z undoes)"),
              what);
    return ERR_OK;
}

/* The type typed: a name, an id, or the one type whose label begins so ("深圳", "林业"). */
static int
type_named(const char *v)
{
    int t = neutral_type_find(v), i, n = 0, k = -1;

    for (i = 0; t < 0 && v[0] != '\0' && i < OFFSET__COUNT; i++)
        if (strncmp(neutral_type_label((enum offset_type)i, LANG_ZH), v, strlen(v)) == 0) {
            n++;
            k = i;
        }
    return t >= 0 ? t : n == 1 ? k : -1;
}

/* Reads v into column c of o; ERR_INPUT with out->msg when it is no such value. */
static enum err
put(const struct sheet_env *env, const struct field_def *fd, int c, char *v, struct wb_offset *o,
    struct sheet_out *out)
{
    const struct col *k = &cols[c];
    double x;
    int i;

    switch (k->kind) {
    case K_TYPE:
        if ((i = type_named(v)) < 0)
            return sheet_fail(out, ERR_INPUT, xasprintf(SHEET_TR(env,
                "没有类型“%s”：可选 CCER、深圳碳普惠、广东碳普惠、绿证、林业碳汇、其他（按 Enter 选择）",
                "No type “%s”: CCER, 深圳碳普惠, 广东碳普惠, 绿证, 林业碳汇, 其他 (Enter picks)"), v));
        o->type = (enum offset_type)i;
        return ERR_OK;
    case K_DATE:
        if (v[0] != '\0' && !neutral_date_ok(v))
            return sheet_fail(out, ERR_INPUT,
                              xasprintf(SHEET_TR(env, "%s须为日期 YYYY-MM-DD（如 2024-06-30）",
                                                 "%s must be a date YYYY-MM-DD (e.g. 2024-06-30)"),
                                        forms_label(fd, env->lang)));
        /* fall through */
    case K_TEXT: {
        char **slot = text_at(o, k->at);

        free(*slot);
        *slot = xstrdup(v);
        return ERR_OK;
    }
    case K_NUM:
        if (sheet_number(env, fd, v, &x, out) != ERR_OK)
            return ERR_INPUT;
        *num_at(o, k->at) = x;
        return ERR_OK;
    case K_YEAR:
        if (sheet_number(env, fd, v, &x, out) != ERR_OK)
            return ERR_INPUT;
        o->vintage = (int)x;
        return ERR_OK;
    case K_YESNO:
        if ((i = yes_no_read(v)) < 0)
            return sheet_fail(out, ERR_INPUT, xstrdup(SHEET_TR(env, "请填 是 或 否", "Type yes or no")));
        o->used_elsewhere = i;
        return ERR_OK;
    case K_FILE:
        return sheet_evidence_file(env, &o->ev, v, out);
    default:
        return ERR_NOTFOUND;
    }
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int r, int c, const char *text,
       struct sheet_out *out)
{
    const struct wb_offset *old = offset_at(env, r);
    const struct field_def *fd = c >= 0 && c < NCOLS ? forms_field(env->step->form, cols[c].key)
                                                      : NULL;
    const struct sheet_cell *cl = sheet_cell(s, r, c);
    struct wb_offset o;
    char *v, *cause = NULL;
    double x;
    enum err e;

    if (old == NULL || fd == NULL || fd->computed || cl == NULL || !(cl->flags & SHEET_EDIT))
        return ERR_NOTFOUND;
    v = text_trim(text);
    if (fd->type == FT_TEXT && fd->max > 0
        && forms_validate_lang(fd, v, env->lang, &x, &cause) != ERR_OK) {
        free(v);
        return sheet_fail(out, ERR_INPUT, cause);
    }
    copy(&o, old);
    if ((e = put(env, fd, c, v, &o, out)) == ERR_OK)
        e = save(env, &o, forms_label(fd, env->lang), out);
    free(v);
    plan_offset_free(&o);
    return e;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct field_def *fd =
        col >= 0 && col < NCOLS ? forms_field(env->step->form, cols[col].key) : NULL;
    const struct neutral_offset *no = judged_at(env, row);
    const struct sheet_cell *c = sheet_cell(s, row, col);
    const struct wb_offset *o = offset_at(env, row);
    struct offsets_state *os = *env->state;
    const char *h;
    char *mine = NULL;

    if (os == NULL || c == NULL || o == NULL)
        return sheet_field_help(env, fd);
    if (cols[col].forest && o->type != OFFSET_FOREST)
        return SHEET_TR(env, "仅林业碳汇填写（003 §7.3.2）", "For a forestry sink only (003 §7.3.2)");
    h = cols[col].kind == K_TEXT || cols[col].kind == K_FILE
        ? sheet_text_help(env, fd, c->text, &mine) : sheet_field_help(env, fd);
    free(os->help);
    /* wherever the focus is in the row, why it does not count comes first */
    if (no != NULL && !no->eligible)
        os->help = xasprintf(SHEET_TR(env, "不计入：%s · %s", "Not counted: %s · %s"), no->reason,
                             h != NULL ? h : "");
    else
        os->help = xstrdup(h != NULL ? h : "");
    free(mine);
    return os->help;
}

static void
types(const struct sheet_env *env, struct sheet_choice *c, int values)
{
    int i;

    c->labels = xcalloc(OFFSET__COUNT + 1, sizeof(*c->labels));
    c->match = xcalloc(OFFSET__COUNT + 1, sizeof(*c->match));
    c->values = values ? xcalloc(OFFSET__COUNT + 1, sizeof(*c->values)) : NULL;
    for (i = 0; i < OFFSET__COUNT; i++) {
        c->labels[c->n] = type_label(env, (enum offset_type)i);
        c->match[c->n] = xasprintf("%s|%s|%s", neutral_type_id((enum offset_type)i),
                                   neutral_type_label((enum offset_type)i, LANG_ZH),
                                   neutral_type_label((enum offset_type)i, LANG_EN));
        if (values)
            c->values[c->n] = xstrdup(neutral_type_id((enum offset_type)i));
        c->n++;
    }
}

static int
cell_choice(const struct sheet_env *env, const struct sheet *s, int row, int col,
            struct sheet_choice *c)
{
    (void)s;
    if (offset_at(env, row) == NULL || (cols[col].kind != K_TYPE && cols[col].kind != K_YESNO))
        return 0;
    memset(c, 0, sizeof(*c));
    if (cols[col].kind == K_TYPE) {
        c->title = xstrdup(SHEET_TR(env, "类型", "Type"));
        types(env, c, 1);
        return 1;
    }
    c->title = xstrdup(SHEET_TR(env, "已用于其他组织或声明？", "Used for another organisation or claim?"));
    c->labels = xcalloc(3, sizeof(*c->labels));
    c->values = xcalloc(3, sizeof(*c->values));
    c->labels[0] = xstrdup(yes_no(env, 0));
    c->values[0] = xstrdup("no");
    c->labels[1] = xstrdup(yes_no(env, 1));
    c->values[1] = xstrdup("yes");
    c->n = 2;
    return 1;
}

static void
add_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    memset(c, 0, sizeof(*c));
    c->title = xasprintf(SHEET_TR(env, "添加 %d 年的碳抵消", "Add an offset for %d"), env->y->year);
    types(env, c, 0);
}

static enum err
add(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    const struct wb_offset blank = {0};
    struct wb_offset o;
    int n = 0;
    enum err e;

    (void)text;
    if (pick >= OFFSET__COUNT || *env->state == NULL)
        return ERR_NOTFOUND;
    while (offset_at(env, n) != NULL)
        n++;
    copy(&o, &blank);
    o.year = env->y->year;
    o.type = (enum offset_type)pick;
    if ((e = save(env, &o, neutral_type_label(o.type, env->lang), out)) == ERR_OK) {
        out->row = n;               /* a new offset comes last */
        out->col = COL_QTY;
        sheet_say(out, SHEET_SAY_OK,
                  SHEET_TR(env, "已添加 %s：请填写数量、项目、编号、登记日期、注销日期、"
                                "注销证明和佐证（Ctrl-Z 可撤销）",
                           "Added %s: fill in the quantity, project, serial, dates, "
                           "cancellation proof and evidence (Ctrl-Z undoes)"),
                  neutral_type_label(o.type, env->lang));
    }
    plan_offset_free(&o);
    return e;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int r, int col, char **question)
{
    const struct wb_offset *o = offset_at(env, r);
    const struct sheet_cell *c = sheet_cell(s, r, col);

    if (o == NULL || c == NULL || col == COL_ELIGIBLE)
        return SHEET_DEL_NONE;
    if (col != COL_TYPE)
        return (c->flags & SHEET_EDIT) && c->text[0] != '\0'
                       && !(cols[col].kind == K_YESNO && !o->used_elsewhere)
                   ? SHEET_DEL_CLEAR
                   : SHEET_DEL_NONE;
    *question =
        xasprintf(SHEET_TR(env, "删除这项碳抵消（%s %s）？", "Delete this offset (%s %s)?"),
                  neutral_type_label(o->type, env->lang), o->serial != NULL ? o->serial : "");
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int r, int col, struct sheet_out *out)
{
    const struct wb_offset *o = offset_at(env, r);

    if (o == NULL)
        return ERR_NOTFOUND;
    if (col != COL_TYPE)
        return sheet_clear(&sheet_offsets, env, s, r, col, s->heads[col], out);
    return sheet_claim_delete(env, "offset_claim", o->id, r, "已删除这项碳抵消（Ctrl-Z 可撤销）",
                              "Deleted the offset (Ctrl-Z undoes)", out);
}

const struct sheet_ops sheet_offsets = {
    .name = "offsets",
    .build = build,
    .commit = commit,
    .help = help,
    .add_choice = add_choice,
    .add = add,
    .del_what = del_what,
    .del = del,
    .cell_choice = cell_choice,
    .state_free = state_free,
};
