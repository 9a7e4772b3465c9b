/* main.c - locale, the built-in data, and dispatch to the command line. */
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"

/* A UTF-8 LC_CTYPE even where LANG is unset or names an ungenerated locale; '.' as decimal point. */
static void
init_locale(void)
{
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    setlocale(LC_NUMERIC, "C");
}

int
main(int argc, char **argv)
{
    struct app app = {.lang = LANG_ZH};
    char *cause = NULL;
    enum err e;
    int rc;

    init_locale();
    if ((e = forms_load(&app.forms, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if ((e = factors_load(&app.lib, &cause)) != ERR_OK) {
        forms_free(app.forms);
        return cli_fail(e, cause);
    }
    rc = cli_main(&app, argc, argv);
    factors_free(app.lib);
    forms_free(app.forms);
    return rc;
}
