/*
 * export.h - the exporters: peers that each write the same neutral report model in one format,
 * found by name in one table. xlsx is the Excel workbook in the standard's table layouts (A.1–A.6,
 * plus monthly detail and charts; export_xlsx*.c, the only files that know libxlsxwriter); json is
 * what `tanbook summary --json` prints (export_json.c). A new format is one more file defining one
 * struct exporter and one more entry in export_formats[] (export.c).
 *
 * The contract every exporter keeps (as ncdu's dir.h states its dir_output's):
 *   - Calls: write() is the whole interface, and each call is one complete export. An exporter
 *     keeps no state between calls, so it may be called any number of times, for any report.
 *   - Ownership: in, its report and its forms stay the caller's and must outlive the call. The
 *     exporter only reads them: an export never changes the model (no sorting, no rows added to
 *     lay out a sheet and removed after). It frees all it allocates before it returns, except
 *     *cause, which it sets only on error and the caller frees.
 *   - Whole or not at all: on ERR_OK, path holds the complete new file; on error, path is as it
 *     was (a file there untouched, no file made) and no temporary file is left behind. The file
 *     is written beside path under a temporary name, checked, flushed and renamed over path.
 *   - Standard output: for an exporter with text set, path "-" writes to standard output. The
 *     whole text is made before the first byte goes out, but output that fails half-way (a full
 *     disk, a closed pipe) cannot be taken back: ERR_IO says so. An exporter without text
 *     refuses "-" with ERR_USAGE.
 *   - Reproducible and quiet: the same report gives byte-identical output; nothing is printed
 *     (libxlsxwriter's own stderr messages are discarded, safe under curses). Errors are ERR_IO
 *     with *cause in Chinese naming path.
 *   - Years: the reporting year is report_cur(in->r), and it is what today's formats write; the
 *     other years of the report are there for formats that show baselines and trends. Trends,
 *     the base period and targets come computed in in->perf (core/perf.h), never recomputed.
 */
#ifndef TANBOOK_EXPORT_H
#define TANBOOK_EXPORT_H

#include "base/err.h"
#include "data/forms.h"
#include "data/factors.h"
#include "data/maturity_defs.h"
#include "data/zc.h"
#include "core/maturity.h"
#include "core/neutral.h"
#include "core/perf.h"
#include "core/plan.h"
#include "core/report.h"
#include "core/zerocarbon.h"

/*
 * The reporting year's two evaluations as the book layer scored them (book_evaluate: 000 §6's
 * 零碳机关评价, 002 §12's maturity), with the tables they were scored by, for xlsx's 零碳机关评价,
 * 成熟度评价 and 佐证材料清单. Core values only, as the export sits below the book layer: the
 * front ends fill it from their struct book_eval.
 */
struct export_eval {
    const struct zc_defs *zc_defs;          /* the grades of §6.6 */
    const struct zc_result *zc;
    const struct maturity_defs *mat_defs;   /* 表22 and the criteria */
    const struct maturity_result *mat;      /* NULL when it could not be scored: */
    const char *mat_why;                    /* … why (weights not adding up to 1 …) */
    /* Whether an evidence file still holds what its SHA-256 says, in words ("" when ev names no
       file): the book layer's book_evidence_state and book_evidence_words; NULL: not told. */
    const char *(*evidence_words)(const struct wb_evidence *ev, enum lang lang);
};

struct export_in {                /* what every exporter reads */
    const struct form_set *fs;    /* labels and units of the forms */
    const struct report *r;       /* the reporting year is report_cur(r); other years may follow */
    /* The carbon performance of the workbook assessed for the reporting year, and its plan (the
       history of base periods, the measures): formats that show them do (xlsx: 碳绩效参数 and
       碳基准与目标); NULL perf means there is none to show, and those sheets are left out. */
    const struct perf *perf;
    const struct wb_plan *plan;
    /* The reporting year's carbon-neutrality judgement (core/neutral.h: its offsets point into
       plan) and the library's residual factor it used (NULL: none): xlsx shows them in
       可再生能源与绿电, 碳抵消与碳中和 and, when neutrality is achieved, 碳中和声明; NULL neutral
       leaves those sheets out. */
    const struct neutral *neutral;
    const struct grid_factor *residual;
    /* The year's two evaluations: xlsx shows them in 零碳机关评价, 成熟度评价 and 佐证材料清单 (the
       texts an assessor entered, "#evaluators" …, come from plan); NULL leaves those sheets out. */
    const struct export_eval *eval;
};

struct exporter {
    const char *name;             /* "xlsx", "json": what --format takes */
    const char *suffix;           /* ".xlsx", ".json": what an output file name ends in */
    int text;                     /* writes text, so "-" may mean standard output */
    /* Writes the report to path, whole or not at all ("-": standard output, for text formats). */
    enum err (*write)(const struct export_in *in, const char *path, char **cause);
};

extern const struct exporter export_xlsx_format;
extern const struct exporter export_json_format;

/* Every exporter, in the order help lists them, ended by NULL. */
extern const struct exporter *const export_formats[];

/* The exporter called name, or NULL. */
const struct exporter *export_find(const char *name);

/*
 * Writes r as an .xlsx at path: export_xlsx_format's write. The same report gives a
 * byte-identical file. ERR_IO with *cause (Chinese, naming path; caller frees) when it cannot be
 * written, nothing left behind then; ERR_USAGE for "-".
 */
enum err export_xlsx(const struct form_set *fs, const struct report *r, const char *path,
                     char **cause);

#endif
