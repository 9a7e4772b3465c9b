/*
 * fuzz_parsers.c - a libFuzzer target for every parser of outside text: CSV (whole, and row by row
 * under a bound as the import reads it; seeds in tests/fuzz/parsers/csv-*), the TSV data-file
 * reader, the encoding detector, periods, typed numbers, and the forms/ and factors/ loaders (fed
 * the input as every file; the measures catalog, the 零碳机关 table and each maturity table ride on
 * the TSV case, so the corpus keeps its routes). The first byte picks the parser. Built and run by
 * `make fuzz` (clang); its corpus is replayed by `make check`. Crashes, leaks and undefined
 * behaviour are the findings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/embed.h"
#include "base/encoding.h"
#include "data/factors.h"
#include "data/forms.h"
#include "data/maturity_defs.h"
#include "data/measures.h"
#include "data/zc.h"
#include "base/embed.h"
#include "base/period.h"
#include "base/text.h"
#include "base/tsv.h"
#include "base/xmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* text as each maturity table in turn, the other three the built-in ones: refused or loaded. */
static void
walk_maturity(const char *text)
{
    static const char *const names[MF__COUNT] = {"forms/maturity_a1.tsv", "forms/maturity_a2.tsv",
                                                 "forms/maturity_settings.tsv",
                                                 "forms/maturity_grades.tsv"};
    struct maturity_text src[MF__COUNT];
    struct maturity_defs *d;
    char *cause;
    int f, g;

    for (f = 0; f < MF__COUNT; f++) {
        for (g = 0; g < MF__COUNT; g++) {
            src[g].file = g == f ? "fuzz.tsv" : names[g];
            src[g].text = g == f ? text : embed_find(names[g])->data;
        }
        d = NULL;
        cause = NULL;
        if (maturity_defs_parse(src, &d, &cause) == ERR_OK)
            maturity_defs_free(d);
        else if (d != NULL || cause == NULL)
            abort();
        free(cause);
    }
}

/* A column set for the TSV reader: two required columns, one optional. */
static const struct tsv_col tsv_cols[] = {
    {.name = "id"},
    {.name = "zh"},
    {.name = "note", .optional = 1},
};

/* Reads every cell of every row, so a bad index or line shows up under the sanitizers. */
static void
walk_tsv(const struct tsv *tv)
{
    size_t r, c, sum = 0;

    for (r = 0; r < tsv_nrows(tv); r++) {
        if (tsv_line(tv, r) <= tsv_header_line(tv))
            abort();
        for (c = 0; c < nitems(tsv_cols); c++)
            sum += strlen(tsv_cell(tv, r, c));
    }
    (void)sum;
}

/*
 * Reads text row by row as the import does, under a small bound on a row (64 bytes), and checks
 * what csv_next promises: lines only grow, a too-long row has no fields, a row's fields fit in it.
 */
static void
walk_csv(const char *text, size_t len, char delim, char **cause)
{
    struct csv_reader r;
    struct csv_row row;
    size_t last = 0, k, bytes;
    int got;

    csv_reader_init(&r, text, len, delim, 0, 64);
    while (csv_next(&r, &row, &got, cause) == ERR_OK && got) {
        if (row.line <= last || (row.too_long && row.n != 0) || (!row.too_long && row.n == 0))
            abort();
        for (k = 0, bytes = 0; k < row.n; k++)
            bytes += strlen(row.fields[k]) + 1;
        if (bytes > 64)
            abort();
        last = row.line;
    }
    csv_reader_free(&r);
}

/* The 零碳机关 loader with text as its indicator table, then as its grades beside the built-in table. */
static void
fuzz_zc(const char *text, char **cause)
{
    const struct embedded_file *zf = embed_find("forms/zc_indicators.tsv");
    const struct embedded_file *gf = embed_find("forms/zc_grades.tsv");
    struct zc_defs *defs = NULL;
    int i;

    for (i = 0; i < 2; i++) {
        if (zc_parse("fuzz.tsv", i == 0 ? text : zf->data, "fuzz.tsv", i == 0 ? gf->data : text,
                     &defs, cause) == ERR_OK)
            zc_free(defs);
        else if (defs != NULL || *cause == NULL || strncmp(*cause, "fuzz.tsv", 8) != 0)
            abort();
        free(*cause);
        *cause = NULL;
        defs = NULL;
    }
}

static const char *
same_text(const char *name, void *ctx)
{
    (void)name;
    return ctx;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_table t;
    struct form_set *fs = NULL;
    struct factor_lib *lib = NULL;
    struct measure_lib *ml = NULL;
    struct tsv *tv = NULL;
    struct period p;
    enum encoding enc;
    char *text, *out = NULL, *cause = NULL;
    size_t outlen;
    double v;

    if (size == 0)
        return 0;
    text = xstrndup((const char *)data + 1, size - 1);   /* NUL-terminated, stops at a NUL */
    switch (data[0] % 7) {
    case 0:
        if (data[0] & 0x20)
            walk_csv((const char *)data + 1, size - 1, data[0] & 0x80 ? '\t' : ',', &cause);
        else if (csv_parse((const char *)data + 1, size - 1, data[0] & 0x80 ? '\t' : ',',
                           data[0] & 0x40 ? CSV_COMMENTS : 0, &t, &cause) == ERR_OK)
            csv_free(&t);
        break;
    case 1:
        if (encoding_to_utf8((const char *)data + 1, size - 1, &out, &outlen, &enc, &cause) == ERR_OK
            && strlen(out) > outlen)
            abort();
        break;
    case 2:
        if (period_parse(text, &p, &cause) == ERR_OK && (p.year < 1990 || p.year > 2100))
            abort();
        break;
    case 3:
        text_parse_number(text, &v, &cause);
        break;
    case 4:
        if (forms_parse(text, same_text, text, &fs, &cause) == ERR_OK)
            forms_free(fs);
        break;
    case 5:
        if (factors_parse(same_text, text, &lib, &cause) == ERR_OK)
            factors_free(lib);
        break;
    case 6:
        if (tsv_parse("fuzz.tsv", text, tsv_cols, nitems(tsv_cols), &tv, &cause) == ERR_OK) {
            walk_tsv(tv);
            tsv_free(tv);
        } else if (tv != NULL || cause == NULL || strncmp(cause, "fuzz.tsv:", 9) != 0) {
            abort();
        }
        free(cause);
        cause = NULL;
        if (measures_parse("fuzz.tsv", text, &ml, &cause) == ERR_OK)
            measures_free(ml);
        else if (ml != NULL || cause == NULL || strncmp(cause, "fuzz.tsv:", 9) != 0)
            abort();
        free(cause);
        cause = NULL;
        fuzz_zc(text, &cause);
        walk_maturity(text);
        break;
    }
    free(out);
    free(cause);
    free(text);
    return 0;
}
