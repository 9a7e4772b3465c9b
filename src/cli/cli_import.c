/*
 * cli_import.c - `tanbook import`: reads a CSV file, brings it to UTF-8 and hands it to the
 * import core (book/import.c), then prints what it found: the first rejections as "LINE: reason"
 * and a count of the other bad lines, or what was written. All or nothing; a year the workbook
 * lacks only with --add-years. With --offsets the CSV holds offsets (book/import_offsets.c): all
 * or nothing too, one undoable action, with a note for each offset that will not count.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/encoding.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "book/import.h"
#include "book/import_offsets.h"
#include "cli/cli.h"

/* A unit's activity CSV is a few KB; the bound keeps /dev/zero or a wrong file from filling memory. */
#define IMPORT_MAX_MB 64
#define IMPORT_MAX_BYTES ((size_t)IMPORT_MAX_MB * 1024 * 1024)

/* The A.5 field keys an import reads, for the help; book/import.c reads the same columns. */
static const char *const columns[] = {
    "period", "source", "quantity", "unit", "data_source", "facility", "location", "note",
};

/*
 * Reads the file whole, up to IMPORT_MAX_BYTES; a directory or a bigger file is refused with the
 * reason. Reading stops after a block holding a NUL byte: such a file is refused whatever follows
 * (the CSV reader names the line), and /dev/zero has no end.
 */
static enum err
read_file(const char *path, char **data, size_t *len, char **cause)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = {0};
    struct stat st;
    char buf[65536];
    size_t n;

    if (f == NULL) {
        *cause = xasprintf("无法打开 %s：%s", path, strerror(errno));
        return ERR_IO;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        *cause = xasprintf("%s 是一个文件夹，不是 CSV 文件", path);
        return ERR_INPUT;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > IMPORT_MAX_BYTES) {
            fclose(f);
            *cause = xasprintf("%s 过大（%lld MB，最多 %d MB）：活动数据的 CSV 通常只有几 KB", path,
                               (long long)(st.st_size / (1024 * 1024)), IMPORT_MAX_MB);
            return ERR_INPUT;
        }
        sb.s = xmalloc((size_t)st.st_size + 1);    /* one allocation for the usual case */
        sb.cap = (size_t)st.st_size + 1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        if (sb.len + n > IMPORT_MAX_BYTES) {
            fclose(f);
            sb_free(&sb);
            *cause = xasprintf("%s 过大（超过 %d MB）：活动数据的 CSV 通常只有几 KB", path,
                               IMPORT_MAX_MB);
            return ERR_INPUT;
        }
        sb_appendn(&sb, buf, n);
        if (memchr(buf, '\0', n) != NULL)
            break;
    }
    if (ferror(f)) {
        *cause = xasprintf("读取 %s 出错：%s", path, strerror(errno));
        fclose(f);
        sb_free(&sb);
        return ERR_IO;
    }
    fclose(f);
    *len = sb.len;
    *data = sb_take(&sb);
    return ERR_OK;
}

/* Prints the rejections of an import, the first ones with their lines, then the count. */
static void
say_rejects(const struct import_reject *rej, size_t nrej, size_t unlisted)
{
    size_t i;

    for (i = 0; i < nrej; i++) {
        /* a reason quotes the CSV's cells: one line, whatever they hold */
        char *why = text_escape_controls(rej[i].reason, 0);

        fprintf(stderr, "%zu: %s\n", rej[i].line, why);
        free(why);
    }
    if (unlisted > 0)
        fprintf(stderr, "……另有 %zu 行有误，未逐一列出\n", unlisted);
}

/* `import FILE --offsets CSV [--dry-run]`: text is the CSV in UTF-8. */
static int
import_offsets(struct book *wb, const char *csv, const char *text, size_t len, enum encoding enc,
               int dry)
{
    const struct import_reject *rej;
    struct import_offsets *io;
    struct wb_offset *o;
    const size_t *lines;
    char *copy = xstrdup(csv), *cause = NULL;
    double total = 0;
    size_t n, nrej, i;
    int rc = 0;
    enum err e;

    io = import_offsets_parse(text, len, dirname(copy), LANG_ZH);
    rej = import_offsets_rejects(io, &nrej);
    o = import_offsets_rows(io, &n, &lines);
    if (nrej > 0) {
        say_rejects(rej, nrej, import_offsets_unlisted_lines(io));
        cli_error("%s 有 %zu 行不能导入；未导入任何抵销，工作簿没有改变", csv,
                  import_offsets_bad_lines(io));
        rc = EXIT_REJECTED;
    } else if (dry) {
        printf("检查通过：%zu 项抵销可以导入（%s 编码）；--dry-run 未写入\n", n, encoding_name(enc));
    } else if ((e = store_offsets_add(book_store(wb), o, n, &cause)) != ERR_OK) {
        rc = cli_fail(e, cause);
    } else {
        for (i = 0; i < n; i++)
            total += o[i].quantity_tco2e;
        printf("已导入 %zu 项抵销（%s 编码），合计 %.3f tCO₂e\n", n, encoding_name(enc), total);
        cli_offset_notes(wb, o, n, lines, LANG_ZH);
    }
    import_offsets_free(io);
    free(copy);
    return rc;
}

static const struct cli_opt import_opts[] = {
    CLI_OPT_SHORT('n', "dry-run", NULL, 'n', "只检查，不写入"),
    CLI_OPT("add-years", NULL, 'a', "新增数据中出现而工作簿中没有的年度"),
    CLI_OPT("offsets", "OFFSETS.csv", 'o', "导入碳抵销（列名见上）：同样全部成功才写入，为一次可撤销的修改；\n"
            "不计入的抵销（登记过早、未注销、已用于其他、类型不符、无佐证 …）照样记录，\n"
            "并逐项提示原因；工作簿中没有的抵销年度照样导入并提示。\n"
            "*数量必需，绿证可只填电量。佐证文件按 CSV 所在文件夹解析，记录其 SHA-256。"),
    CLI_OPT_END,
};

static int
cmd_import(struct app *app, int argc, char **argv)
{
    const struct import_reject *rej;
    struct import_counts n;
    struct book *wb = NULL;
    struct import *im = NULL;
    char *raw = NULL, *text = NULL, *cause = NULL;
    const char *offsets = NULL, *csv;
    size_t rawlen, len, nrej;
    enum encoding enc;
    int c, dry = 0, rc = 0;
    unsigned flags = 0;
    enum err e;

    while ((c = cli_getopt(import_opts, argc, argv)) != -1) {
        if (c == 'n') {
            dry = 1;
        } else if (c == 'a') {
            flags |= IMPORT_ADD_YEARS;
        } else if (c == 'o') {
            offsets = optarg;
        } else {
            return cli_usage(&cli_cmd_import);
        }
    }
    if (argc - optind != (offsets != NULL ? 1 : 2))
        return cli_usage(&cli_cmd_import);
    if (offsets != NULL && (flags & IMPORT_ADD_YEARS)) {
        cli_error("--add-years 只用于活动数据：抵销的年度不在工作簿中时照样导入并给出提示");
        return cli_usage(&cli_cmd_import);
    }
    csv = offsets != NULL ? offsets : argv[optind + 1];
    if ((rc = cli_open(app, argv[optind], BOOK_WRITE, &wb)) != 0)
        return rc;
    if ((e = read_file(csv, &raw, &rawlen, &cause)) != ERR_OK
        || (e = encoding_to_utf8(raw, rawlen, &text, &len, &enc, &cause)) != ERR_OK) {
        rc = cli_fail(e, cause);
        goto out;
    }
    free(raw);                  /* the UTF-8 copy is what is read from here on */
    raw = NULL;
    if (offsets != NULL) {
        rc = import_offsets(wb, csv, text, len, enc, dry);
        goto out;
    }
    if ((e = import_parse(wb, text, len, flags, &im, &cause)) != ERR_OK) {
        rc = cli_fail(e, cause);
        goto out;
    }
    rej = import_rejects(im, &nrej);
    if (nrej > 0) {
        say_rejects(rej, nrej, import_unlisted_lines(im));
        cli_error("%s 有 %zu 行不能导入；未导入任何数据，工作簿没有改变", argv[optind + 1],
                  import_bad_lines(im));
        rc = EXIT_REJECTED;
        goto out;
    }
    if (dry) {
        printf("检查通过：%zu 行可以导入（%s 编码）；--dry-run 未写入\n", import_rows(im),
               encoding_name(enc));
        goto out;
    }
    if ((e = import_apply(im, &n, &cause)) != ERR_OK) {
        rc = cli_fail(e, cause);
        goto out;
    }
    printf("已导入 %zu 行（%s 编码）：新增排放源 %zu 个，替换已有数据 %zu 行", n.rows,
           encoding_name(enc), n.new_entries, n.replaced);
    if (n.new_years > 0)
        printf("，新增年度 %zu 个", n.new_years);
    printf("\n");
out:
    free(raw);
    free(text);
    import_free(im);
    book_close(wb);
    return rc;
}

/* Lists the import columns from the A.5 definition in forms/. */
static void
import_help(const struct app *app)
{
    const struct form_def *a5 = forms_get(app->forms, "A.5");
    char *name, *text;
    size_t c;

    printf("CSV 第一行为列名，中英文均可:\n");
    for (c = 0; c < nitems(columns); c++) {
        const struct field_def *fd = forms_field(a5, columns[c]);

        name = xasprintf("%s / %s", fd->key, fd->zh);
        text = xasprintf("%s  %s", fd->required ? "必需" : "可选", fd->help_zh);
        cli_help_row(name, text);
        free(name);
        free(text);
    }
    printf("\n--offsets 的 CSV（碳抵消，003 §7.3）第一行为列名，中英文均可:\n");
    for (c = 0; c < 64 && import_offsets_column(c) != NULL; c++) {
        const struct import_offsets_col *oc = import_offsets_column(c);

        name = xasprintf("%s / %s", oc->key, oc->zh);
        text = xasprintf("%s  %s", oc->required == 1 ? "必需" : oc->required == 2 ? "必需*" : "可选",
                         oc->help_zh);
        cli_help_row(name, text);
        free(name);
        free(text);
    }
}

const struct cli_cmd cli_cmd_import = {
    .name = "import",
    .summary = "从 CSV 导入活动水平数据（表A.5）或碳抵销（--offsets），全部成功才写入",
    .usage = "import FILE DATA.csv [--dry-run] [--add-years] | import FILE --offsets OFFSETS.csv [--dry-run]",
    .help = "排放源的全部名称见 tanbook factors。\n"
            "编码可为 UTF-8（带或不带 BOM）或 GB18030/GBK（Excel 另存的 CSV）。\n"
            "不在排放源一览表（表A.3）中的排放源会自动加入；与已有数据期间相同的行会替换原数据。\n"
            "工作簿中没有的年度的行会被拒绝（期间的笔误不会新建年度），除非给出 --add-years。\n"
            "数量填 / 或“不适用”表示该期间不适用（如夏季不供暖）：不计排放，检查时算作已填，单位可不填。\n"
            "任何一行有误时不导入任何数据，并列出前 100 条“行号: 原因”及其余有误的行数，退出码 1。\n"
            "文件不能超过 64 MB，单行不能超过 64 KB；不支持 UTF-16 编码。\n",
    .opts = import_opts,
    .run = cmd_import,
    .print_help = import_help,
};
