/*
 * test_export.c - the exporter table and what needs no spreadsheet reader: export_find, the JSON
 * exporter's exact text over an in-memory year (figures by hand from reference/factors.md),
 * standard output for text and its refusal for xlsx, and whole-or-nothing writes: a missing
 * directory, a directory in the way and a file size limit leave nothing behind; a full device
 * and a file size limit are said in words; scratch files go beside the target; text holding
 * control characters gives well-formed JSON and xlsx, and a part that is not well-formed XML
 * fails the export; leftovers of a killed export are removed by the next one, others kept. The xlsx content
 * is read back by tests/cli/cli_export.sh with openpyxl; a disk filling up is in
 * tests/cli/cli_export_full.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "export/export.h"
#include "export/export_file.h"
#include "core/report.h"
#include "base/xmem.h"

#include "year_fixture.h"

/* A fresh temporary directory; remove it with dir_remove. */
static void
dir_make(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/tanbook-export-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void
dir_remove(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
}

/* How many entries dir holds, . and .. not counted. */
static int
dir_count(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* The whole of file (caller frees), NUL-terminated. */
static char *
slurp(const char *file)
{
    FILE *f = fopen(file, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = xmalloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void
has(const char *text, const char *want)
{
    if (strstr(text, want) == NULL)
        fail_msg("missing %s\nin:\n%s", want, text);
}

static void
starts(const char *text, const char *want)
{
    if (strncmp(text, want, strlen(want)) != 0)
        fail_msg("does not start with %s\nin:\n%s", want, text);
}

static void
ends(const char *text, const char *want)
{
    size_t n = strlen(text), k = strlen(want);

    if (n < k || strcmp(text + n - k, want) != 0)
        fail_msg("does not end with %s\nin:\n%s", want, text);
}

/*
 * A small office, 2024 (the 2023 national grid factor 0.5306 tCO₂/MWh stands in):
 *   外购电力 办公楼: 2024-01 11 500 kWh; 50 people, no floor area;
 * and its report in Chinese.
 */
static void
office(struct wb_year *y, const char *unit_name, struct report *r)
{
    char *cause = NULL;

    year_new(y, 2024, "全国", "AR6");
    year_info(y, "unit_name", unit_name);
    year_info(y, "headcount", "50");
    year_act(y, "electricity", "办公楼", "2024-01", 11500, "kWh");
    assert_int_equal(report_build(forms, y, 1, y->year, LANG_ZH, r, &cause), ERR_OK);
}

static void
test_find(void **state)
{
    size_t i;

    (void)state;
    assert_ptr_equal(export_find("xlsx"), &export_xlsx_format);
    assert_ptr_equal(export_find("json"), &export_json_format);
    assert_null(export_find("csv"));
    assert_null(export_find("XLSX"));
    assert_null(export_find(""));
    /* every entry is found by its name, and its files end in ".NAME" */
    for (i = 0; export_formats[i] != NULL; i++) {
        char *suffix = xasprintf(".%s", export_formats[i]->name);

        assert_ptr_equal(export_find(export_formats[i]->name), export_formats[i]);
        assert_string_equal(export_formats[i]->suffix, suffix);
        assert_non_null(export_formats[i]->write);
        free(suffix);
    }
    assert_int_equal(i, 2);
    assert_false(export_xlsx_format.text);
    assert_true(export_json_format.text);
}

static void
test_json(void **state)
{
    char dir[64], *file, *text, *again, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    FILE *f;

    (void)state;
    office(&y, "某县档案局", &R);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.json", dir);
    /* an older file there is replaced */
    assert_non_null(f = fopen(file, "w"));
    fputs("old", f);
    fclose(f);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_OK);
    assert_null(cause);
    assert_int_equal(dir_count(dir), 1);
    text = slurp(file);
    starts(text, "{\n  \"unit\": \"某县档案局\",\n  \"year\": 2024,\n");
    /* 11 500 kWh = 11.5 MWh × 0.5306 = 6.1019 tCO₂, all scope 2 */
    has(text, "\n  \"total_tco2e\": 6.101900,\n");
    has(text, "\n  \"scope1_tco2e\": 0.000000,\n  \"scope2_tco2e\": 6.101900,\n");
    has(text, "\n  \"fossil_tco2e\": 0.000000,\n  \"fugitive_tco2e\": 0.000000,\n"
              "  \"purchased_tco2e\": 6.101900,\n");
    /* 11 500 kWh × 0.1229 kgce/kWh = 1413.35 kgce */
    has(text, "\n  \"energy_tce\": 1.413350,\n");
    /* no floor area: null, and so is the intensity; 6.1019 / 50 people = 0.122038 */
    has(text, "\n  \"building_area_m2\": null,\n  \"headcount\": 50.000000,\n"
              "  \"intensity_kgco2e_per_m2\": null,\n  \"per_capita_tco2e\": 0.122038,\n");
    has(text, "\n  \"sources\": [\n    {\"category\": \"净购入电力与热力产生的排放\", \"scope\": 2, "
              "\"id\": \"electricity\", \"source\": \"外购电力\", \"quantity\": 11500.000000, "
              "\"unit\": \"kWh\", \"activity\": 11.5, \"activity_unit\": \"MWh\", "
              "\"tco2e\": 6.101900, \"tce\": 1.413350, \"factor\": 0.5306, "
              "\"factor_unit\": \"tCO₂/MWh\", \"factor_source\": \"");
    ends(text, "\", \"na_months\": []}\n  ]\n}\n");    /* no month 不适用 */

    /* the xlsx export of the same report changes nothing the JSON shows */
    free(file);
    file = xasprintf("%s/r.xlsx", dir);
    assert_int_equal(export_xlsx(forms, &R, file, &cause), ERR_OK);
    again = slurp(file);
    assert_memory_equal(again, "PK\3\4", 4);
    free(again);
    free(file);
    file = xasprintf("%s/r.json", dir);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_OK);
    again = slurp(file);
    assert_string_equal(again, text);
    assert_int_equal(dir_count(dir), 2);
    free(again);
    free(text);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* A year with nothing filled in: the unit is null, sources an empty list, totals 0. */
static void
test_json_empty(void **state)
{
    char dir[64], *file, *text, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    assert_int_equal(report_build(forms, &y, 1, 2024, LANG_ZH, &R, &cause), ERR_OK);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/empty.json", dir);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_OK);
    text = slurp(file);
    starts(text, "{\n  \"unit\": null,\n  \"year\": 2024,\n  \"total_tco2e\": 0.000000,\n");
    has(text, "\n  \"headcount\": null,\n");
    has(text, "\n  \"per_capita_tco2e\": null,\n");
    ends(text, "\n  \"sources\": []\n}\n");
    free(text);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* A unit name with a quote and a backslash is escaped; "-" writes the same bytes as a file. */
static void
test_json_stdout(void **state)
{
    char dir[64], *file, *out, *text, *from_file, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    enum err e;
    int saved, fd;

    (void)state;
    office(&y, "某\"县\\局", &R);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.json", dir);
    out = xasprintf("%s/stdout", dir);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_OK);
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(saved >= 0 && fd >= 0);
    assert_true(dup2(fd, STDOUT_FILENO) >= 0);
    close(fd);
    e = export_json_format.write(&in, "-", &cause);
    fflush(stdout);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);
    assert_int_equal(e, ERR_OK);
    text = slurp(out);
    from_file = slurp(file);
    assert_string_equal(text, from_file);
    has(text, "{\n  \"unit\": \"某\\\"县\\\\局\",\n");
    /* xlsx is not text: "-" is refused, and no file "-" is made */
    assert_int_equal(export_xlsx_format.write(&in, "-", &cause), ERR_USAGE);
    assert_non_null(cause);
    free(cause);
    assert_int_equal(access("-", F_OK), -1);
    free(text);
    free(from_file);
    free(out);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* A unit name holding controls (edited into a workbook with sqlite3): the JSON escapes each as
   \u00XX - C0, DEL and C1 - so that it parses and prints nothing a terminal acts on; a byte that
   is not UTF-8 becomes \ufffd. */
static void
test_json_controls(void **state)
{
    char *out, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    char dir[64], *file;

    (void)state;
    office(&y, "示例\v单位\x1b]2;T\a\r\xc2\x9b" "31m\x7f\xff", &R);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.json", dir);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_OK);
    out = slurp(file);
    starts(out, "{\n  \"unit\": \"示例\\u000b单位\\u001b]2;T\\u0007\\r\\u009b31m\\u007f\\ufffd\",\n");
    free(out);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/*
 * The same unit name in an Excel report: libxlsxwriter 1.1.4 would write it raw into
 * docProps/core.xml (not XML: the export's read-back refuses that part, see test_bad_part), so the
 * exporter replaces what XML does not allow with U+FFFD; the report is written, well formed.
 */
static void
test_xlsx_controls(void **state)
{
    char dir[64], *file, *cause = NULL;
    struct wb_year y;
    struct report R;

    (void)state;
    office(&y, "示例\v单位\x1b[2J\xc2\x9b\xef\xbf\xbe\xff", &R);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.xlsx", dir);
    if (export_xlsx(forms, &R, file, &cause) != ERR_OK)
        fail_msg("export refused: %s", cause);
    assert_int_equal(dir_count(dir), 1);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* A writer as libxlsxwriter would be without the exporter's cleaning: a title with a vertical tab. */
static const char *
raw_title_writer(const char *file, void *arg)
{
    lxw_workbook *wb = workbook_new(file);
    lxw_doc_properties p = {.title = arg};

    (void)workbook_add_worksheet(wb, NULL);
    workbook_set_properties(wb, &p);
    return workbook_close(wb) == LXW_NO_ERROR ? NULL : "workbook_close";
}

/*
 * The export's read-back parses every XML part: a part with a control character fails the
 * export (ERR_IO naming the part, the byte and why), the target keeps its old content and no
 * temporary file is left. libxlsxwriter writes <dc:title>a\vb</dc:title>, which it reports as
 * a success.
 */
static void
test_bad_part(void **state)
{
    char dir[64], *file, *text, *cause = NULL;
    char title[] = "a\vb";
    FILE *f;

    (void)state;
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.xlsx", dir);
    assert_non_null(f = fopen(file, "w"));
    fputs("old", f);
    fclose(f);
    assert_int_equal(export_file_write(file, EXPORT_FILE_ZIP, raw_title_writer, title, &cause),
                     ERR_IO);
    assert_non_null(cause);
    has(cause, "无法写入 ");
    has(cause, "：写出的 docProps/core.xml 不是格式正确的 XML（第 ");
    has(cause, " 字节：含有 XML 不允许的字符），报表未写出，原有文件未改动");
    free(cause);
    text = slurp(file);
    assert_string_equal(text, "old");
    assert_int_equal(dir_count(dir), 1);
    free(text);
    free(file);
    dir_remove(dir);
}

/* A writer of one big worksheet, in constant_memory mode as the export writes: 30,000 rows of
   text, then a cell with a byte that is not UTF-8 (arg), which libxlsxwriter writes as it is. */
static const char *
big_bad_writer(const char *file, void *arg)
{
    lxw_workbook_options o = {.constant_memory = 1};
    lxw_workbook *wb = workbook_new_opt(file, &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    char text[32];
    lxw_row_t r;

    for (r = 0; r < 30000; r++) {
        snprintf(text, sizeof(text), "第 %u 行", (unsigned)r);
        worksheet_write_string(ws, r, 0, text, NULL);
    }
    worksheet_write_string(ws, r, 0, arg, NULL);
    return workbook_close(wb) == LXW_NO_ERROR ? NULL : "workbook_close";
}

/*
 * The read-back checks a part as it inflates, a piece at a time (export_file.c), never the part
 * whole: the stray byte at the end of a worksheet of some 1.5 MB, far past the first piece
 * (256 KiB), is still found, at its byte (beyond 262,144), and fails the export.
 */
static void
test_bad_part_deep(void **state)
{
    char dir[64], *file, *cause = NULL, text[] = "a\xff" "b";
    const char *p;

    (void)state;
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.xlsx", dir);
    assert_int_equal(export_file_write(file, EXPORT_FILE_ZIP, big_bad_writer, text, &cause),
                     ERR_IO);
    assert_non_null(cause);
    has(cause, "：写出的 xl/worksheets/sheet1.xml 不是格式正确的 XML（第 ");
    has(cause, " 字节：不是 UTF-8 文本）");
    p = strstr(cause, "（第 ") + strlen("（第 ");
    assert_true(strtoul(p, NULL, 10) > 262144);
    free(cause);
    assert_int_equal(dir_count(dir), 0);
    free(file);
    dir_remove(dir);
}

/* Makes dir/name with text, its times set back by age seconds. */
static void
leftover(const char *dir, const char *name, long age)
{
    char *path = xasprintf("%s/%s", dir, name);
    struct timespec t[2];
    FILE *f;

    assert_non_null(f = fopen(path, "w"));
    fputs("partial", f);
    fclose(f);
    assert_int_equal(clock_gettime(CLOCK_REALTIME, &t[0]), 0);
    t[0].tv_sec -= age;
    t[1] = t[0];
    assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
    free(path);
}

static int
exists(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    struct stat st;
    int yes = lstat(path, &st) == 0;

    free(path);
    return yes;
}

/*
 * What an export killed on the way left beside r.json (a signal, a file size limit) is removed
 * by the next export to r.json: only a file named as its temporary files are (.r.json.tmp- and
 * six letters or digits), a regular file, an hour old and not locked. Kept: one 1 s old (another
 * export may have just made it), one an export still writing holds locked (flock, here by this
 * test), a symbolic link, the temporary files of another target and other names.
 */
static void
test_leftovers(void **state)
{
    char dir[64], *file, *path, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    int fd;

    (void)state;
    office(&y, "某县档案局", &R);
    dir_make(dir, sizeof(dir));
    leftover(dir, ".r.json.tmp-aB3xYz", 3600);         /* removed */
    leftover(dir, ".r.json.tmp-QQ1234", 3600);         /* removed */
    leftover(dir, ".r.json.tmp-fresh1", 1);            /* kept: too new */
    leftover(dir, ".r.json.tmp-Locked", 3600);         /* kept: locked below */
    leftover(dir, ".r.json.tmp-123", 3600);            /* kept: not six characters */
    leftover(dir, ".r.json.tmp-1234567", 3600);
    leftover(dir, ".r.json.tmp-ab.c_d", 3600);
    leftover(dir, ".s.json.tmp-aB3xYz", 3600);         /* kept: another target's */
    leftover(dir, "r.json.tmp-aB3xYz", 3600);          /* kept: not hidden, not ours */
    leftover(dir, "target", 3600);
    path = xasprintf("%s/.r.json.tmp-Link00", dir);
    assert_int_equal(symlink("target", path), 0);      /* kept: a link, not a file */
    free(path);
    path = xasprintf("%s/.r.json.tmp-Locked", dir);
    assert_true((fd = open(path, O_RDONLY)) >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    free(path);
    file = xasprintf("%s/r.json", dir);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_OK);
    close(fd);
    assert_false(exists(dir, ".r.json.tmp-aB3xYz"));
    assert_false(exists(dir, ".r.json.tmp-QQ1234"));
    assert_true(exists(dir, ".r.json.tmp-fresh1"));
    assert_true(exists(dir, ".r.json.tmp-Locked"));
    assert_true(exists(dir, ".r.json.tmp-123"));
    assert_true(exists(dir, ".r.json.tmp-1234567"));
    assert_true(exists(dir, ".r.json.tmp-ab.c_d"));
    assert_true(exists(dir, ".s.json.tmp-aB3xYz"));
    assert_true(exists(dir, "r.json.tmp-aB3xYz"));
    assert_true(exists(dir, ".r.json.tmp-Link00"));
    assert_true(exists(dir, "target"));
    /* the 11 above less the 2 removed, and r.json */
    assert_int_equal(dir_count(dir), 10);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* Every exporter: into a directory that does not exist, ERR_IO naming the path, nothing made. */
static void
test_missing_dir(void **state)
{
    char dir[64], *file, *cause;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    size_t i;

    (void)state;
    office(&y, "某县档案局", &R);
    dir_make(dir, sizeof(dir));
    for (i = 0; export_formats[i] != NULL; i++) {
        file = xasprintf("%s/missing/r%s", dir, export_formats[i]->suffix);
        cause = NULL;
        assert_int_equal(export_formats[i]->write(&in, file, &cause), ERR_IO);
        assert_non_null(cause);
        has(cause, file);
        free(cause);
        assert_int_equal(dir_count(dir), 0);
        free(file);
    }
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* A directory where the JSON should go: ERR_IO after writing, the temporary file removed. */
static void
test_dir_in_way(void **state)
{
    char dir[64], *file, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    struct stat st;

    (void)state;
    office(&y, "某县档案局", &R);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.json", dir);
    assert_int_equal(mkdir(file, 0755), 0);
    assert_int_equal(export_json_format.write(&in, file, &cause), ERR_IO);
    assert_non_null(cause);
    has(cause, file);
    free(cause);
    assert_int_equal(dir_count(dir), 1);
    assert_int_equal(stat(file, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* Under a 100-byte file size limit (SIGXFSZ ignored, so write() fails with EFBIG) the JSON cannot
   be written whole: ERR_IO, and neither the file nor a temporary one is left. */
static void
test_too_large(void **state)
{
    char dir[64], *file, *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    struct rlimit old, lim;
    void (*old_xfsz)(int);
    enum err e;

    (void)state;
    office(&y, "某县档案局", &R);
    dir_make(dir, sizeof(dir));
    file = xasprintf("%s/r.json", dir);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 100;
    old_xfsz = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    e = export_json_format.write(&in, file, &cause);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_xfsz);
    assert_int_equal(e, ERR_IO);
    assert_non_null(cause);
    has(cause, file);
    has(cause, "：写出的文件不完整：超出了文件大小限制（");
    ends(cause, "），报表未写出");
    free(cause);
    assert_int_equal(dir_count(dir), 0);
    free(file);
    dir_remove(dir);
    report_free(&R);
    model_free(&y);
}

/* Standard output on a full device (/dev/full, a real ENOSPC): ERR_IO saying so in words. */
static void
test_stdout_full(void **state)
{
    char *cause = NULL;
    struct wb_year y;
    struct report R;
    struct export_in in = {.fs = forms, .r = &R};
    enum err e;
    int saved, fd;

    (void)state;
    office(&y, "某县档案局", &R);
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    fd = open("/dev/full", O_WRONLY);
    if (fd < 0) {
        close(saved);
        report_free(&R);
        model_free(&y);
        skip();
    }
    assert_true(saved >= 0 && dup2(fd, STDOUT_FILENO) >= 0);
    close(fd);
    e = export_json_format.write(&in, "-", &cause);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);
    clearerr(stdout);
    assert_int_equal(e, ERR_IO);
    assert_non_null(cause);
    assert_string_equal(cause, "无法写入标准输出：磁盘空间不足（No space left on device）");
    free(cause);
    report_free(&R);
    model_free(&y);
}

/* Where a writer puts its scratch files: the target's directory. */
static void
test_scratch_dir(void **state)
{
    static const struct {
        const char *file, *dir;
    } cases[] = {
        {"report.xlsx", "."},
        {"out/report.xlsx", "out"},
        {"/tmp/a/.r.xlsx.tmp-ABC123", "/tmp/a"},
        {"/r.xlsx", "/"},
        {"报表/2024/碳排放.xlsx", "报表/2024"},
    };
    size_t i;
    char *dir;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        dir = export_file_dir(cases[i].file);
        assert_string_equal(dir, cases[i].dir);
        free(dir);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_empty),
        cmocka_unit_test(test_json_stdout),
        cmocka_unit_test(test_json_controls),
        cmocka_unit_test(test_xlsx_controls),
        cmocka_unit_test(test_bad_part),
        cmocka_unit_test(test_bad_part_deep),
        cmocka_unit_test(test_leftovers),
        cmocka_unit_test(test_missing_dir),
        cmocka_unit_test(test_dir_in_way),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_stdout_full),
        cmocka_unit_test(test_scratch_dir),
    };

    return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
