/*
 * book_fixture.h - what the tests over whole workbooks (test_book.c, test_sheet.c) share: the
 * built-in forms and factors in an application context, and a temporary directory for the
 * workbooks, removed with everything in it at the end. Include it after cmocka.h and xmem.h.
 */
#ifndef TANBOOK_BOOK_FIXTURE_H
#define TANBOOK_BOOK_FIXTURE_H

/* Loads app's forms, factors and the evaluations' tables (zc, maturity) and makes dir (at least 32
   bytes); 0, or -1 on failure. */
static int
fixture_open(struct app *app, char *dir)
{
    char *cause = NULL;

    app->lang = LANG_ZH;
    strcpy(dir, "/tmp/tanbook-test-XXXXXX");
    if (mkdtemp(dir) == NULL || forms_load(&app->forms, &cause) != ERR_OK
        || factors_load(&app->lib, &cause) != ERR_OK || zc_load(&app->zc, &cause) != ERR_OK
        || maturity_defs_load(&app->maturity, &cause) != ERR_OK) {
        free(cause);
        return -1;
    }
    return 0;
}

/* Removes dir and frees app's forms and factors; 0, or -1 when dir would not go. */
static int
fixture_close(struct app *app, const char *dir)
{
    char cmd[96];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    forms_free(app->forms);
    factors_free(app->lib);
    zc_free(app->zc);
    maturity_defs_free(app->maturity);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
