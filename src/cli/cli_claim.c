/*
 * cli_claim.c - what `tanbook offset` and `tanbook renewable` share: the reading of their
 * options (--year, --list, --delete ID, --json, --lang, and the command's own options that
 * describe a row), the check that one thing is asked at a time, and the deletion of a row.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

static int
claim_delete(struct app *app, const struct cli_claim *cl, const char *del,
             const struct cli_claim_cmd *cc)
{
    struct book *wb;
    char *cause = NULL;
    long long id;
    int rc;
    enum err e;

    if ((rc = cli_claim_id("--delete", del, &id)) != 0)
        return rc;
    if ((rc = cli_open(app, cl->file, BOOK_WRITE, &wb)) != 0)
        return rc;
    e = store_claim_delete(book_store(wb), cc->tbl, id, &cause);
    book_close(wb);
    if (e == ERR_NOTFOUND) {
        free(cause);
        if (cl->lang == LANG_EN)
            cli_error("no %s has the id %lld", cc->gone_en, id);
        else
            cli_error("没有编号为 %lld 的%s", id, cc->gone_zh);
        return EXIT_REJECTED;
    }
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if (cl->lang == LANG_EN)
        cli_out("Deleted %s [%lld]\n", cc->deleted_en, id);
    else
        cli_out("已删除%s [%lld]\n", cc->deleted_zh, id);
    return 0;
}

int
cli_claim_main(struct app *app, int argc, char **argv, const struct cli_claim_cmd *cc,
               void *own)
{
    struct cli_claim cl = {.lang = app->lang};
    const char *del = NULL;
    int c, list = 0, puts = 0;

    while ((c = cli_getopt(cc->opts, argc, argv)) != -1) {
        switch (c) {
        case CLI_CLAIM_YEAR: cl.year = optarg; break;
        case CLI_CLAIM_LIST: list = 1; break;
        case CLI_CLAIM_DELETE: del = optarg; break;
        case CLI_CLAIM_JSON: cl.json = 1; break;
        case CLI_CLAIM_LANG:
            if (cli_lang(optarg, &cl.lang) != 0)
                return cli_usage(cc->cmd);
            break;
        default:
            if (c == CLI_OPT_BAD || cc->take(own, c, optarg) != 0)
                return cli_usage(cc->cmd);
            puts++;
        }
    }
    if (argc - optind != 1) {
        cli_error(argc - optind == 0 ? "%s 需要工作簿 FILE" : "多余的参数“%s”",
                  argc - optind == 0 ? cc->cmd->name : argv[argc - 1]);
        return cli_usage(cc->cmd);
    }
    cl.file = argv[optind];
    if ((del != NULL) + list + (puts > 0) > 1 || (cl.json && !list)) {
        cli_error("记录（%s …）、--delete 与 --list 每次只用一个；--json 只用于 --list",
                  cc->put_opt);
        return cli_usage(cc->cmd);
    }
    if (del != NULL)
        return claim_delete(app, &cl, del, cc);
    if (puts > 0)
        return cc->put(app, &cl, own);
    return cc->list(app, &cl);
}
