/*
 * tui_watch.c - two windows on one workbook. The window that opened it first edits it and holds
 * its lock (book_lock.h); a second one opens it read-only: the header says so, every key that
 * would change it is refused with one message (moving, switching years, help and export still
 * work), and the hint line offers no edit. While idle it reloads what the other window (or a
 * command-line import) committed, keeping the focus; and once the editing window has closed, it
 * takes the lock and goes on as the editing window at once, saying so - there is nobody left to
 * ask, and a key to press would only be one more thing to find. A workbook the user may not write
 * opens read-only the same way, for good. The editing window says when another program (a
 * command-line import) wrote under it, and which, as it reloads.
 */
#include <stdlib.h>
#include <wctype.h>

#include "book/history.h"
#include "tui/tui_int.h"

/* The latest action of another program into *o (o->action 0: none, or not known). */
static void
last_other(struct tui *t, struct store_origin *o)
{
    char *cause = NULL;

    if (store_last_other(t->st, o, &cause) != ERR_OK)
        free(cause);
}

void
tui_watch_start(struct tui *t)
{
    struct store_origin o;
    char *cause = NULL;

    if (t->st == NULL)
        return;
    if (store_data_version(t->st, &t->data_version, &cause) != ERR_OK)
        free(cause);
    last_other(t, &o);
    t->other_action = o.action;
    store_origin_free(&o);
}

/* After a reload for another program's commit: says so, naming it when it logged a new action. */
static void
say_changed(struct tui *t)
{
    struct store_origin o;

    last_other(t, &o);
    if (o.action > t->other_action)
        tui_message(t, MSG_INFO, TR(t, "工作簿已被另一程序修改（%s），已重新载入",
                                    "The workbook was changed by another program (%s); reloaded"),
                    history_program(&o, t->lang));
    else
        tui_message(t, MSG_INFO, "%s", TR(t, "工作簿已被另一程序修改，已重新载入",
                                          "The workbook was changed by another program; reloaded"));
    if (o.action > t->other_action)
        t->other_action = o.action;
    store_origin_free(&o);
}

/* The editing window has closed: this one takes the workbook over. */
static void
take_over(struct tui *t)
{
    char *cause = NULL;
    int taken;
    enum err e = book_take_over(t->book, &taken, &cause);

    if (e != ERR_OK) {
        tui_message(t, MSG_ERROR, "%s", cause != NULL ? cause : err_str(e));
        free(cause);
        return;
    }
    if (!taken)
        return;
    t->st = book_store(t->book);
    t->readonly = book_share(t->book);
    tui_reload(t);
    tui_watch_start(t);
    tui_message(t, MSG_OK, TR(t, "另一窗口已关闭，本窗口现在可以编辑",
                              "The other window has closed; you can edit here now"));
}

void
tui_watch(struct tui *t)
{
    long long v;
    char *cause = NULL;

    if (t->book == NULL || t->st == NULL)
        return;
    if (t->readonly == BOOK_SHARE_OTHER)
        take_over(t);
    /* a field being typed is not rebuilt under the editor; the change is loaded after it */
    if (t->editing || store_data_version(t->st, &v, &cause) != ERR_OK) {
        free(cause);
        return;
    }
    if (v != t->data_version) {
        t->data_version = v;
        tui_reload(t);           /* the table is rebuilt around the same row and column */
        if (t->readonly == BOOK_SHARE_OWN)
            say_changed(t);      /* a read-only window knows: its header says another edits */
    }
}

int
tui_watch_locked(const struct tui *t, enum action act, wint_t ch, int is_key)
{
    if (t->readonly == BOOK_SHARE_OWN)
        return 0;
    switch (act) {
    case ACT_ADD: case ACT_DELETE: case ACT_SETTINGS: case ACT_UNDO: case ACT_REDO: case ACT_SAVE:
    case ACT_FILL_DOWN: case ACT_FILL_RIGHT: case ACT_NA:
        return 1;
    case ACT_EDIT:               /* the computed steps say themselves why they cannot be edited */
        return t->kind->commit != NULL;
    case ACT_NONE:               /* typing starts an edit */
        return !is_key && iswprint(ch) && t->kind->commit != NULL;
    default:
        return 0;
    }
}

int
tui_watch_refuse(struct tui *t, enum action act, wint_t ch, int is_key)
{
    if (!tui_watch_locked(t, act, ch, is_key))
        return 0;
    if (t->readonly == BOOK_SHARE_OTHER)
        tui_message(t, MSG_WARN, TR(t, "只读：另一窗口正在编辑本工作簿，这里不能修改；"
                                       "那个窗口关闭后，本窗口即可编辑",
                                    "Read-only: another window is editing this workbook; "
                                    "once it closes, you can edit here"));
    else
        tui_message(t, MSG_WARN, TR(t, "只读：没有写入此工作簿文件（或其所在文件夹）的权限，"
                                       "不能修改",
                                    "Read-only: you may not write this workbook file (or its folder)"));
    return 1;
}

const char *
tui_watch_mark(const struct tui *t)
{
    switch (t->readonly) {
    case BOOK_SHARE_OTHER:
        return TR(t, "只读（另一窗口正在编辑）", "read-only (open in another window)");
    case BOOK_SHARE_NOWRITE:
        return TR(t, "只读（文件不可写）", "read-only (file not writable)");
    default:
        return NULL;
    }
}
