/*
 * demo.c - the built-in demo workbook: a realistic filled-in office (a fictional county bureau)
 * with monthly electricity and canteen gas, quarterly petrol and heat, annual diesel, over two
 * years. `tanbook demo`, `tanbook --demo` and `make run` create it.
 */
#include "book/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "base/xmem.h"
#include "book/book.h"
#include "book/book_lock.h"

struct demo_info {
    const char *key;
    const char *value;
};

struct demo_series {
    int year;
    const char *source;       /* library id */
    const char *facility;
    const char *location;
    const char *period;       /* "M" monthly, "Q" quarterly, "Y" annual */
    const char *unit;
    const char *data_source;
    double values[12];
};

static const struct demo_info demo_unit[] = {
    {"unit_name", "示例县机关事务服务中心"},
    {"uscc", "12330122MB1A2B3C48"},     /* made up, with the check character GB 32100—2015 gives */
    {"address", "浙江省示例县城关镇人民路1号"},
    {"co_located", "与县档案馆合署办公"},
    {"contact", "王晓明"},
    {"phone", "0571-12345678"},
    {"region", "浙江"},
};

static const struct {
    int year;
    const char *area, *land_area, *headcount;
} demo_years[] = {
    {2023, "12500", "8600", "176"},
    {2024, "12500", "8600", "182"},
};

static const struct demo_series demo_data[] = {
    {2023, "electricity", "办公楼用电", "综合办公楼", "M", "kWh", "电费账单",
     {101200, 88400, 84100, 80300, 86900, 108800, 131500, 134200, 104700, 86100, 84800, 99300}},
    {2023, "natural_gas", "食堂炉灶", "机关食堂", "M", "m³", "燃气账单",
     {2380, 1960, 2270, 2210, 2290, 2160, 1850, 1790, 2240, 2300, 2350, 2460}},
    {2023, "gasoline", "公务用车", "机关车库", "Q", "L", "加油卡记录", {3350, 3120, 3060, 3410}},
    {2023, "diesel", "备用柴油发电机", "配电房", "Y", "t", "采购发票", {0.46}},
    {2023, "heat", "生活热水", "综合办公楼", "Q", "GJ", "热力公司结算单", {268, 155, 94, 247}},
    {2024, "electricity", "办公楼用电", "综合办公楼", "M", "kWh", "电费账单",
     {98000, 86000, 82000, 78000, 85000, 105000, 128000, 131000, 102000, 84000, 83000, 96000}},
    {2024, "natural_gas", "食堂炉灶", "机关食堂", "M", "m³", "燃气账单",
     {2300, 1900, 2200, 2150, 2250, 2100, 1800, 1750, 2200, 2250, 2300, 2400}},
    {2024, "gasoline", "公务用车", "机关车库", "Q", "L", "加油卡记录", {3200, 3050, 2980, 3300}},
    {2024, "diesel", "备用柴油发电机", "配电房", "Y", "t", "采购发票", {0.42}},
    {2024, "heat", "生活热水", "综合办公楼", "Q", "GJ", "热力公司结算单", {260, 150, 90, 240}},
};

/*
 * 2024's claims: rooftop PV used on site, a CCER cancelled for 2024 and a 广东碳普惠 credit not yet
 * cancelled (so that the judgement shows a reason), and the commitment of the 碳中和计划.
 */
static enum err
demo_claims(struct store *st, char **cause)
{
    struct wb_renewable pv = {.year = 2024, .kind = RENEW_PV, .period = (char *)"2024",
                              .quantity = 36000, .capacity_kw = 40,
                              .ev.ref = (char *)"光伏发电计量表年度读数（2025-01-05）"};
    struct wb_offset offs[2] = {
        {.year = 2024, .type = OFFSET_CCER, .project = (char *)"示例风电场项目",
         .serial = (char *)"CCER-DEMO-0001", .registered = (char *)"2022-08-15",
         .quantity_tco2e = 50, .cancelled = (char *)"2025-03-20",
         .proof = (char *)"注销证明 2025-0320-07",
         .registry = (char *)"全国温室气体自愿减排注册登记系统",
         .ev.ref = (char *)"注销证明（2025-03-20）"},
        {.year = 2024, .type = OFFSET_GD, .project = (char *)"示例林场碳普惠项目",
         .serial = (char *)"GDPHCER-DEMO-12", .registered = (char *)"2023-05-10",
         .quantity_tco2e = 20, .ev.ref = (char *)"购买合同（2024-11-02）"},
    };
    enum err e;

    if ((e = store_renewable_put(st, &pv, cause)) != ERR_OK
        || (e = store_offsets_add(st, offs, nitems(offs), cause)) != ERR_OK)
        return e;
    return store_neutral_text_set(st, 0, "commitment", "本单位承诺不晚于2030年实现运营碳中和（范围一和范围二）。",
                                  cause);
}

static enum err
demo_fill(const struct app *app, struct store *st, char **cause)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    size_t i;
    int k, n;
    enum err e = ERR_OK;

    for (i = 0; i < nitems(demo_years) && e == ERR_OK; i++) {
        int y = demo_years[i].year;

        if ((e = store_year_add(st, app->lib, y, NULL, NULL, cause)) == ERR_OK
            && (e = store_info_set(st, FS_YEAR, y, "building_area", demo_years[i].area, cause))
                   == ERR_OK
            && (e = store_info_set(st, FS_YEAR, y, "land_area", demo_years[i].land_area, cause))
                   == ERR_OK)
            e = store_info_set(st, FS_YEAR, y, "headcount", demo_years[i].headcount, cause);
    }
    for (i = 0; i < nitems(demo_unit) && e == ERR_OK; i++)
        e = store_info_set(st, forms_field(a1, demo_unit[i].key)->scope, 0, demo_unit[i].key,
                           demo_unit[i].value, cause);
    for (i = 0; i < nitems(demo_data) && e == ERR_OK; i++) {
        const struct demo_series *d = &demo_data[i];
        long long id;

        e = store_entry_ensure(st, d->year, d->source, d->facility, d->location, "/", &id, NULL,
                               cause);
        n = d->period[0] == 'M' ? 12 : d->period[0] == 'Q' ? 4 : 1;
        for (k = 0; k < n && e == ERR_OK; k++) {
            char period[16];

            if (n == 12)
                snprintf(period, sizeof(period), "%d-%02d", d->year, k + 1);
            else if (n == 4)
                snprintf(period, sizeof(period), "%d-Q%d", d->year, k + 1);
            else
                snprintf(period, sizeof(period), "%d", d->year);
            e = store_activity_put(st, id, period, d->values[k], d->unit, d->data_source, NULL,
                                   NULL, cause);
        }
    }
    return e == ERR_OK ? demo_claims(st, cause) : e;
}

const char *
demo_unit_name(void)
{
    return demo_unit[0].value;
}

enum err
demo_create(const struct app *app, const char *path, int replace, char **cause)
{
    struct book *wb;
    struct store *st;
    struct stat sb;
    char *why = NULL;
    enum err e;

    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
        /* a link (or a loop of them) is not replaced, and never removed */
        *cause = xasprintf("%s 是符号链接：示例工作簿只写到普通文件", path);
        return ERR_IO;
    }
    if (replace && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        *cause = xasprintf("%s 不是普通文件，未覆盖", path);
        return ERR_IO;
    }
    if (replace && stat(path, &sb) == 0) {
        /* only ever replace a workbook, and not one in use: a window editing it holds its lock,
           another program writing it holds SQLite's write lock, which is taken here first */
        if (book_lock_busy(path)) {
            *cause = xasprintf("%s 正在另一窗口中编辑，未覆盖；请先关闭那个窗口", path);
            return ERR_LOCKED;
        }
        if ((e = book_open(app, path, BOOK_WRITE, &wb, &why)) != ERR_OK) {
            *cause = e == ERR_LOCKED ? why : xasprintf("只会覆盖碳账本工作簿：%s", why);
            if (e != ERR_LOCKED)
                free(why);
            return e == ERR_LOCKED ? e : ERR_IO;
        }
        if ((e = store_begin(book_store(wb), cause)) != ERR_OK) {
            book_close(wb);
            return e;
        }
        store_remove(path);         /* under the write lock: nobody writes it meanwhile */
        store_rollback(book_store(wb));
        book_close(wb);
    }
    if ((e = book_open(app, path, BOOK_CREATE, &wb, cause)) != ERR_OK)
        return e;
    st = book_store(wb);
    if ((e = store_begin(st, cause)) != ERR_OK || (e = demo_fill(app, st, cause)) != ERR_OK
        || (e = store_commit(st, cause)) != ERR_OK) {
        store_rollback(st);
        book_close(wb);
        store_remove(path);
        return e;
    }
    book_close(wb);
    return ERR_OK;
}

