/*
 * test_store_neutral.c - the claims toward carbon neutrality in the workbook (store_neutral.c,
 * schema version 7): offsets and renewable rows put, replaced and deleted with every field kept
 * exactly, an import of offsets one action that undo takes back whole, the 碳中和计划's texts set
 * and cleared, the words the screen shows for each, and what no tanbook writes refused on loading.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/history.h"
#include "core/neutral.h"
#include "core/plan.h"
#include "store/store.h"
#include "base/xmem.h"

#include "store_fixture.h"

static struct store *
fresh(struct ctx *c)
{
    struct store *st = NULL;
    char *cause = NULL;

    remove(c->path);
    assert_int_equal(store_open(c->path, STORE_CREATE, &st, &cause), ERR_OK);
    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    return st;
}

static char *
undo_words(struct ctx *c, struct store *st, enum lang lang)
{
    struct store_action done = {0};
    char *cause = NULL, *w;

    assert_int_equal(store_undo(st, &done, &cause), ERR_OK);
    w = history_describe(&done, c->forms, c->lib, lang);
    store_action_free(&done);
    return w;
}

static struct wb_plan
load(struct store *st)
{
    struct wb_plan p;
    char *cause = NULL;

    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    return p;
}

static struct wb_offset
ccer(const char *serial, double q)
{
    return (struct wb_offset){.year = 2024, .type = OFFSET_CCER, .project = (char *)"某风电项目",
                              .serial = (char *)serial, .registered = (char *)"2021-06-30",
                              .quantity_tco2e = q, .cancelled = (char *)"2025-03-01",
                              .proof = (char *)"注销凭证 2025-017",
                              .registry = (char *)"全国温室气体自愿减排注册登记系统",
                              .ev = {(char *)"注销证明（2025-03-01）", (char *)"", (char *)""}};
}

static void
test_offsets(void **state)
{
    struct ctx *c = *state;
    struct store *st = fresh(c);
    struct wb_offset o = ccer("CCER-001", 12.5), batch[2] = {ccer("CCER-002", 1), ccer("CCER-003", 2)};
    struct wb_plan p;
    char *cause = NULL, *w;

    assert_int_equal(store_offset_put(st, &o, &cause), ERR_OK);
    assert_true(o.id > 0);
    p = load(st);
    assert_int_equal(p.noffsets, 1);
    assert_int_equal(p.offsets[0].type, OFFSET_CCER);
    assert_string_equal(p.offsets[0].serial, "CCER-001");
    assert_string_equal(p.offsets[0].registry, "全国温室气体自愿减排注册登记系统");
    assert_string_equal(p.offsets[0].ev.ref, "注销证明（2025-03-01）");
    assert_true(p.offsets[0].quantity_tco2e == 12.5);
    plan_free(&p);
    /* replaced: 12.5 → 0.1 kept to the bit */
    o.quantity_tco2e = 0.1;
    o.used_elsewhere = 1;
    assert_int_equal(store_offset_put(st, &o, &cause), ERR_OK);
    p = load(st);
    assert_true(p.offsets[0].quantity_tco2e == 0.1 && p.offsets[0].used_elsewhere == 1);
    plan_free(&p);
    w = undo_words(c, st, LANG_ZH);
    assert_string_equal(w, "修改碳抵消：CCER CCER-001 0.1 tCO₂e（2024 年）");
    free(w);
    p = load(st);
    assert_true(p.offsets[0].quantity_tco2e == 12.5 && p.offsets[0].used_elsewhere == 0);
    plan_free(&p);
    /* an import: two offsets, one action */
    assert_int_equal(store_offsets_add(st, batch, 2, &cause), ERR_OK);
    p = load(st);
    assert_int_equal(p.noffsets, 3);
    assert_string_equal(p.offsets[2].serial, "CCER-003");   /* in the order entered */
    plan_free(&p);
    w = undo_words(c, st, LANG_EN);
    assert_string_equal(w, "Batch change: 2 offsets");
    free(w);
    p = load(st);
    assert_int_equal(p.noffsets, 1);
    plan_free(&p);
    /* deleted, and gone ids say so */
    assert_int_equal(store_claim_delete(st, "offset_claim", o.id, &cause), ERR_OK);
    assert_int_equal(store_claim_delete(st, "offset_claim", o.id, &cause), ERR_NOTFOUND);
    assert_non_null(strstr(cause, "已不存在"));
    free(cause);
    store_close(st);
}

static void
test_renewables_and_texts(void **state)
{
    struct ctx *c = *state;
    struct store *st = fresh(c);
    struct wb_renewable r = {.year = 2024, .kind = RENEW_PV, .period = (char *)"2024-03",
                             .quantity = 1234.5, .capacity_kw = 50,
                             .ev = {(char *)"光伏电表 3 月", (char *)"/tmp/m.pdf",
                                    (char *)"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}};
    struct wb_renewable twin = r;
    struct wb_plan p;
    char *cause = NULL, *w;

    assert_int_equal(store_renewable_put(st, &r, &cause), ERR_OK);
    twin.quantity = 1;
    assert_int_not_equal(store_renewable_put(st, &twin, &cause), ERR_OK);   /* same kind, month */
    free(cause);
    cause = NULL;
    p = load(st);
    assert_int_equal(p.nrenewables, 1);
    assert_string_equal(p.renewables[0].period, "2024-03");
    assert_string_equal(p.renewables[0].ev.sha256,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_true(p.renewables[0].quantity == 1234.5 && p.renewables[0].capacity_kw == 50);
    /* the texts are "" where none was written */
    assert_string_equal(p.pledge.commitment, "");
    assert_null(plan_statement(&p, 2024));
    plan_free(&p);
    assert_int_equal(store_neutral_text_set(st, 0, "commitment", "2030 年前实现运营碳中和", &cause),
                     ERR_OK);
    assert_int_equal(store_neutral_text_set(st, 2024, "evaluator", "某评价机构", &cause), ERR_OK);
    assert_int_equal(store_neutral_text_set(st, 2024, "nonsense", "x", &cause), ERR_USAGE);
    free(cause);
    cause = NULL;
    assert_int_equal(store_neutral_text_set(st, 0, "evaluator", "x", &cause), ERR_USAGE);
    free(cause);
    cause = NULL;
    p = load(st);
    assert_string_equal(p.pledge.commitment, "2030 年前实现运营碳中和");
    assert_string_equal(p.pledge.timetable, "");
    assert_string_equal(plan_statement(&p, 2024)->evaluator, "某评价机构");
    assert_string_equal(plan_statement(&p, 2024)->conclusion, "");
    plan_free(&p);
    w = undo_words(c, st, LANG_ZH);
    assert_string_equal(w, "添加碳中和计划：评价机构");
    free(w);
    w = undo_words(c, st, LANG_EN);
    assert_string_equal(w, "Added the carbon-neutrality plan: Commitment");
    free(w);
    w = undo_words(c, st, LANG_ZH);
    assert_string_equal(w, "添加可再生能源：光伏发电（自用） 2024-03 1234.5");
    free(w);
    p = load(st);
    assert_int_equal(p.nrenewables, 0);
    assert_string_equal(p.pledge.commitment, "");
    plan_free(&p);
    store_close(st);
}

/* An assessor's entries (schema 8): set, replaced, cleared, undone with words; loaded by year. */
static void
test_assessments(void **state)
{
    struct ctx *c = *state;
    struct store *st = fresh(c);
    struct wb_assessment a = {.year = 2024, .eval = (char *)"zc", .code = (char *)"2.2.1",
                              .has_value = 1, .value = 3, .note = (char *)"现场核查光伏计量表",
                              .ev = {(char *)"计量表照片（2025-01-05）", (char *)"", (char *)""},
                              .assessor = (char *)"张三"};
    struct wb_assessment bad = a;
    struct wb_plan p;
    char *cause = NULL, *w;

    assert_int_equal(store_assessment_put(st, &a, 0, &cause), ERR_OK);
    a.value = 2.5;
    assert_int_equal(store_assessment_put(st, &a, 0, &cause), ERR_OK);
    p = load(st);
    assert_int_equal(p.nassessments, 1);
    assert_true(plan_assessment(&p, 2024, "zc", "2.2.1")->value == 2.5);
    assert_string_equal(plan_assessment(&p, 2024, "zc", "2.2.1")->assessor, "张三");
    assert_non_null(plan_assessment(&p, 2024, "zc", "2.2.1")->at);
    assert_null(plan_assessment(&p, 2024, "maturity", "2.2.1"));
    plan_free(&p);
    w = undo_words(c, st, LANG_ZH);
    assert_string_equal(w, "零碳机关评价 2.2.1：3 → 2.5（张三）");
    free(w);
    assert_int_equal(store_assessment_put(st, &a, 1, &cause), ERR_OK);     /* cleared */
    p = load(st);
    assert_int_equal(p.nassessments, 0);
    plan_free(&p);
    w = undo_words(c, st, LANG_EN);
    assert_string_equal(w, "Cleared zero-carbon evaluation 2.2.1");
    free(w);
    /* what may not be entered */
    bad.eval = (char *)"leed";
    assert_int_equal(plan_assessment_valid(&bad, LANG_ZH, &cause), ERR_INPUT);
    free(cause);
    bad.eval = (char *)"zc";
    bad.code = (char *)"2.2.1; DROP";
    assert_int_equal(plan_assessment_valid(&bad, LANG_ZH, &cause), ERR_INPUT);
    free(cause);
    store_close(st);
}

/* Rows that no tanbook writes: the file is refused naming the row. */
static void
test_claims_refused(void **state)
{
    static const char *const bad[] = {
        "INSERT INTO offset_claim (year, type, quantity_tco2e, position) VALUES (2024, 'vcs', 1.0, 1)",
        "INSERT INTO offset_claim (year, type, quantity_tco2e, position) VALUES (2024, 'ccer', 1e308, 1)",
        "INSERT INTO offset_claim (year, type, quantity_tco2e, registered, position) "
        "VALUES (2024, 'ccer', 1.0, '2024-02-30', 1)",
        "INSERT INTO offset_claim (year, type, quantity_tco2e, evidence, position) "
        "VALUES (2024, 'ccer', 1.0, 'a' || char(27) || '[2J', 1)",
        "INSERT INTO offset_claim (year, type, quantity_tco2e, evidence_sha256, position) "
        "VALUES (2024, 'ccer', 1.0, 'abc', 1)",
        "INSERT INTO offset_claim (year, type, quantity_tco2e, position) VALUES (1800, 'ccer', 1.0, 1)",
        "INSERT INTO renewable (id, year, kind, period, quantity) VALUES (1, 2024, 'pv', '2023-05', 1.0)",
        "INSERT INTO renewable (id, year, kind, period, quantity) VALUES (1, 2024, 'pv', '2024-Q1', 1.0)",
        "INSERT INTO renewable (id, year, kind, period, quantity) VALUES (1, 2024, 'sun', '2024', 1.0)",
        "INSERT INTO renewable (id, year, kind, period, quantity) VALUES (1, 2024, 'pv', '2024', -1.0)",
        "INSERT INTO neutral_text (year, key, value) VALUES (0, 'evaluator', 'x')",
        "INSERT INTO neutral_text (year, key, value) VALUES (2024, 'commitment', 'x')",
        "INSERT INTO assessment (id, year, eval, code, value, set_at) VALUES (1, 2024, 'zc', '2.2.1', 1e999, 'now')",
        "INSERT INTO assessment (id, year, eval, code, set_at) VALUES (1, 2024, 'star', '2.2.1', 'now')",
    };
    struct ctx *c = *state;
    size_t i;

    for (i = 0; i < nitems(bad); i++) {
        struct store *st = fresh(c);
        struct wb_plan p;
        char *cause = NULL;

        store_close(st);
        sql_exec(c->path, bad[i]);
        assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
        if (store_load_plan(st, &p, &cause) != ERR_CORRUPT)
            fail_msg("%s was not refused", bad[i]);
        if (strstr(cause, "第 1 行") == NULL)
            fail_msg("%s: %s", bad[i], cause);
        free(cause);
        store_close(st);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_renewables_and_texts),
        cmocka_unit_test(test_assessments),
        cmocka_unit_test(test_claims_refused),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
