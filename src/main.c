/* main.c - locale, the built-in data, and the choice between the command line and the terminal workbook. */
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "store/store.h"
#include "tui/tui.h"

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
    struct app app = {.lang = LANG_ZH, .session = store_session_new()};
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
    if ((e = measures_load(&app.measures, &cause)) != ERR_OK
        || (e = zc_load(&app.zc, &cause)) != ERR_OK
        || (e = maturity_defs_load(&app.maturity, &cause)) != ERR_OK) {
        zc_free(app.zc);
        measures_free(app.measures);
        factors_free(app.lib);
        forms_free(app.forms);
        return cli_fail(e, cause);
    }
    if ((argc < 2 || !cli_is_command(argv[1])) && tui_wants(argc, argv))
        rc = tui_main(&app, argc, argv);
    else
        rc = cli_main(&app, argc, argv);
    maturity_defs_free(app.maturity);
    zc_free(app.zc);
    measures_free(app.measures);
    factors_free(app.lib);
    forms_free(app.forms);
    return rc;
}
