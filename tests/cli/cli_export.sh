#!/bin/bash
# cli_export.sh - `tanbook export`: the demo workbook, a workbook with only electricity and one
# with no data are exported and read back with openpyxl by tests/export_check.py (sheet names,
# titles, labels, merged ranges, every figure against `summary --json`, numbers as numbers,
# cached formula values, print setup, charts); two exports are byte-identical; unwritable paths
# exit 3 with a clear message, leave no file or temporary file and no libxlsxwriter chatter.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

CHECK="$T_DIR/../export_check.py"

# check_export XLSX WORKBOOK [YEAR] [CHECKER ARGS...] - summary --json of the same workbook and
# year, then export_check.py; a difference is noted in the current case.
check_export() {
    local xlsx=$1 wb=$2 year=$3 res
    shift 3
    if ! "$TB" summary "$wb" --json --year "$year" >"$xlsx.json" 2>"$TMP/.setup"; then
        note "setup: summary --json $wb failed: $(cat "$TMP/.setup")"
        return 1
    fi
    res=$("$PY" "$CHECK" "$@" "$xlsx" "$xlsx.json" 2>&1) || note "$res"
}

# no_temp DIR - nothing like a temporary export is left in DIR.
no_temp() {
    local left
    left=$(find "$1" -maxdepth 1 -name '.*.tmp-*')
    [ -z "$left" ] || note "temporary file left behind: $left"
}

# quiet_stderr - stderr holds only our own messages, none of libxlsxwriter's.
quiet_stderr() {
    ! grep -qE '\[(ERROR|WARNING)\]' <<<"$ERR" || note "libxlsxwriter output on stderr: $ERR"
}

# ---- help and usage ------------------------------------------------------------------------------
run tb export --help
expect_rc 0
expect_out_contains "用法: tanbook export FILE [--year YEAR] [-o OUT.xlsx]"
expect_out_contains "-o, --output OUT "
expect_out_contains "会被替换"
expect_out_contains "完全相同"
verdict "export --help shows the synopsis, the options and the overwrite rule"

run tb --help
expect_out_line '^  export +导出 Excel 报表'
verdict "tanbook --help lists export"

tb demo demo.tanbook --force >/dev/null 2>&1 || note "setup: demo failed"
for args in "" "demo.tanbook extra.tanbook" "demo.tanbook --bogus" "demo.tanbook -o"; do
    # shellcheck disable=SC2086
    run tb export $args
    expect_rc 2
    expect_err_contains "用法: tanbook export"
    verdict "usage error exits 2: export $args"
done

run tb export demo.tanbook -o report.txt
expect_rc 2
expect_err_contains "须以 .xlsx 结尾"
expect_no_file report.txt
verdict "an output name not ending in .xlsx is refused (exit 2) with the reason"

cp demo.tanbook same.xlsx
before=$(checksum same.xlsx)
run tb export same.xlsx -o same.xlsx
expect_rc 2
expect_err_contains "不能是工作簿本身"
expect_same "the workbook" "$before" "$(checksum same.xlsx)"
verdict "exporting a workbook over itself is refused and leaves it unchanged"

run tb export demo.tanbook --year 2019 -o y2019.xlsx
expect_rc 1
expect_err_contains "没有 2019 年度"
expect_no_file y2019.xlsx
verdict "a year the workbook lacks exits 1 and writes nothing"

run tb export missing.tanbook -o missing.xlsx
expect_rc 3
expect_no_file missing.xlsx
verdict "a missing workbook exits 3 and writes nothing"

# ---- the demo workbook ---------------------------------------------------------------------------
# Hand-checked figures of 2024 (reference/factors.md; the engine tests prove the arithmetic):
#   外购电力 98 000 + 86 000 + … + 96 000 = 1 158 000 kWh = 1158 MWh × 0.5306 = 614.4348 tCO₂
#   January: 98 MWh × 0.5306 = 51.9988 tCO₂; by quarter (its months summed) 98 000 + 86 000 +
#     82 000 = 266 000, 78 000 + 85 000 + 105 000 = 268 000, 128 000 + 131 000 + 102 000 = 361 000,
#     84 000 + 83 000 + 96 000 = 263 000 kWh; nothing entered for the whole year
#   汽油 entered by quarter: 3200, 3050, 2980, 3300 L = 12 530 L, in 第一季度 … 第四季度 as given
#   天然气 2300 + 1900 + … + 2400 = 25 600 m³ = 2.56 万m³ × 21.622 = 55.35232 tCO₂
#   表A.4 化石燃料 26.75559719 + 1.300278 + 55.35232 = 83.40819519 tCO₂
#   表A.2: 13.46 + 0.61 + 31.09 + 142.32 + 25.25 = 212.73 shown, the total 212.11182866 +
#     0.611982 = 212.72 (13.45874866 + 0.611982 + 31.08608 + 142.3182 + 25.2488): the rounding note
#   33 A.5 rows: petrol 4, diesel 1, gas 12, electricity 12, heat 4
run tb export demo.tanbook -o demo.xlsx
expect_rc 0
expect_out_contains "已导出 demo.xlsx（2024 年度）"
expect_eq "stderr" "$ERR" ""
check_export demo.xlsx demo.tanbook 2024 --entries 5 --records 33 \
    --a1 "uscc=12330122MB1A2B3C48" --a1 "address=浙江省示例县城关镇人民路1号" --a1 "co_located=与县档案馆合署办公" \
    --a1 "contact=王晓明" --a1 "phone=0571-12345678" --a1 "land_area=8600" \
    --row "表A.2|注：合计按未舍入的数值计算，可能与所列各项（保留两位小数）之和相差 0.01。" \
    --row "表A.3|净购入电力与热力产生的排放|外购电力|办公楼用电|综合办公楼|/" \
    --row "表A.3|化石燃料燃烧排放|汽油|公务用车|机关车库|/" \
    --row "表A.3||天然气|食堂炉灶|机关食堂|/" \
    --row "表A.4|化石燃料燃烧排放|汽油|26.75559719|tCO₂e" \
    --row "表A.4||天然气|55.35232|tCO₂e" \
    --row "表A.4||小计|83.40819519|tCO₂e" \
    --row "表A.4|净购入电力与热力产生的排放|外购电力|614.4348|tCO₂e" \
    --row "表A.5|净购入电力与热力产生的排放|外购电力|1158000|电费账单" \
    --row "表A.5|化石燃料燃烧排放|汽油|12530|加油卡记录" \
    --row "表A.6||天然气|21.622|《公共建筑运营单位（企业）温室气体排放核算方法与报告指南（试行）》缺省值" \
    --row "表A.6|净购入电力与热力产生的排放|外购电力|0.5306|*" \
    --row "因子说明|天然气|21.622|低位发热量 389.31 GJ/万m³ × 单位热值含碳量 0.0153 tC/GJ × 碳氧化率 99% × 44/12|1.2143 kgce/m³（GB/T 2589—2008 附录A（气田天然气））|/" \
    --row "因子说明|汽油|2.9251|*|1.4714 kgce/kg（GB/T 2589）|以升（L）填报的用量按密度 0.73 kg/L 换算为质量（经验值，非标准规定）" \
    --row "月度明细|外购电力|kWh|98000|86000|82000|78000|85000|105000|128000|131000|102000|84000|83000|96000|266000|268000|361000|263000|0|1158000" \
    --row "月度明细|汽油|L|0|0|0|0|0|0|0|0|0|0|0|0|3200|3050|2980|3300|0|12530" \
    --row "月度明细|外购电力|tCO₂e|51.9988" \
    --row "活动数据明细|汽油|公务用车|2024年第1季度|3200|加油卡记录|" \
    --row "活动数据明细|外购电力|办公楼用电|2024年12月|96000|电费账单|" \
    --row "活动数据明细|柴油|备用柴油发电机|2024年|0.42|采购发票|"
verdict "the demo workbook's 2024 export reads back equal to summary --json, in the standard's layout"

run tb export demo.tanbook --year 2023
expect_rc 0
expect_out_contains "已导出 demo-2023.xlsx（2023 年度）"
expect_file_exists demo-2023.xlsx
[ -e demo-2023.xlsx ] && check_export demo-2023.xlsx demo.tanbook 2023 --entries 5
verdict "--year 2023 without -o writes demo-2023.xlsx beside the workbook, equal to summary"

run tb export demo.tanbook -o again.xlsx
cmp -s demo.xlsx again.xlsx || note "two exports of one workbook differ: $(cmp demo.xlsx again.xlsx 2>&1)"
verdict "two exports of the same workbook are byte-identical"

cp demo-2023.xlsx over.xlsx
run tb export demo.tanbook -o over.xlsx
expect_rc 0
cmp -s demo.xlsx over.xlsx || note "the replaced file differs from a fresh export"
no_temp .
expect_eq "mode under umask 022" "$(umask 022; stat -c %a over.xlsx)" "644"
verdict "an existing export is replaced by the new one (mode 644 under umask 022, no temp file)"

# ---- a workbook with only electricity, and no area or headcount ------------------------------------
# 12 months of 10 000 kWh: 120 MWh × 0.5306 = 63.672 tCO₂; 120 000 kWh × 0.1229 kgce = 14.748 tce
{
    echo "period,source,quantity,unit,data_source"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
        echo "2024-$m,electricity,10000,kWh,电费账单"
    done
} >elec.csv
new_wb elec.tanbook --unit 某街道办事处 --year 2024
import_ok elec.tanbook elec.csv
run tb export elec.tanbook -o elec.xlsx
expect_rc 0
check_export elec.xlsx elec.tanbook 2024 --entries 1 --records 12 \
    --row "表A.2||外购电力|120000|14.748" \
    --row "表A.4|化石燃料燃烧排放|汽油|0|tCO₂e" \
    --row "表A.4||柴油|0|tCO₂e" \
    --row "表A.4||天然气|0|tCO₂e" \
    --row "表A.4||小计|0|tCO₂e" \
    --row "表A.4|净购入电力与热力产生的排放|外购电力|63.672|tCO₂e" \
    --row "表A.4||外购热力|0|tCO₂e" \
    --row "表A.4|建筑面积||未填写|m²" \
    --row "表A.4|人均碳排放量||未填写用能人数|tCO₂e/人" \
    --row "月度明细|外购电力|tCO₂e|5.3060|5.3060" \
    --row "月度明细|外购电力|kWh|10000|10000|10000|10000|10000|10000|10000|10000|10000|10000|10000|10000|30000|30000|30000|30000|0|120000"
verdict "electricity only: 汽油, 柴油, 天然气 and 外购热力 at 0 as the standard prints them, one A.2 row, 未填写 for area and headcount"

# ---- a year with no data ------------------------------------------------------------------------
new_wb empty.tanbook --unit 某空单位 --year 2024 --area 1000 --headcount 10
run tb export empty.tanbook -o empty.xlsx
expect_rc 0
check_export empty.xlsx empty.tanbook 2024 --entries 0 --records 0 --row "图表|本年度没有排放数据。" \
    --row "活动数据明细|本年度没有活动数据。" --row "表A.4|化石燃料燃烧排放|汽油|0|tCO₂e"
verdict "a year with no data exports empty tables with zero totals and no charts"

# ---- a long unit name, notes, text that looks like a formula, every kind of period ----------------
# The name is 29 characters (58 columns wide): its cell or merged range must hold it or wrap it.
# 外购电力 Jan 1200 + Feb 1000 kWh and Q2 3000 kWh: 第一季度 2200, 第二季度 3000 as entered, 全年 5200
#   (5.2 MWh × 0.5306 = 2.75912 t). 汽油 2024-Q1 50 L + 2024-Q3 40 L = 90 L → 90 × 0.73 kg =
#   0.0657 t × 2.9251 = 0.19217907 t. 天然气 for the whole year 1000 m³ = 0.1 万m³ × 21.622 =
#   2.1622 t. R-410A 2 kg = 0.002 t × AR6 GWP → a fugitive block and its note on A.4.
name='杭州市西湖区机关事务管理服务中心（西湖区公务用车服务中心）'
cat >notes.csv <<'CSV'
period,source,quantity,unit,data_source,facility,location,note
2024-01,electricity,1200,kWh,电费账单,=SUM(A1:A9),综合楼,抄表日 1月25日
2024-02,electricity,1000,kWh,@电费账单,=SUM(A1:A9),综合楼,-按上月估算
2024-Q2,electricity,3000,kWh,电费账单,=SUM(A1:A9),综合楼,+季度结算
2024-Q1,gasoline,50,L,加油卡记录,公务车,车库,加油卡一季度汇总
2024-Q3,gasoline,40,L,加油卡记录,公务车,车库,
2024,natural_gas,1000,m³,燃气年度结算单,食堂,食堂,全年一张结算单
2024,r_410a,2,kg,维修记录,空调,机房,补充制冷剂
CSV
new_wb notes.tanbook --unit "$name" --year 2024 --area 3000 --headcount 40
import_ok notes.tanbook notes.csv
tb set notes.tanbook --entry 天然气 --note "年度结算，含食堂热水" >/dev/null 2>&1 || note "setup: set --entry failed"
run tb export notes.tanbook -o notes.xlsx
expect_rc 0
check_export notes.xlsx notes.tanbook 2024 --entries 4 --records 7 \
    --row "表A.1 基本信息|单位名称|$name" \
    --row "表A.3|净购入电力与热力产生的排放|外购电力|=SUM(A1:A9)|综合楼|/" \
    --row "表A.3||天然气|食堂|食堂|年度结算，含食堂热水" \
    --row "表A.5|净购入电力与热力产生的排放|外购电力|5200|电费账单；@电费账单" \
    --row "月度明细|外购电力|kWh|1200|1000|0|0|0|0|0|0|0|0|0|0|2200|3000|0|0|0|5200" \
    --row "月度明细|汽油|L|0|0|0|0|0|0|0|0|0|0|0|0|50|0|40|0|0|90" \
    --row "月度明细|天然气|m³|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1000|1000" \
    --row "月度明细|天然气|tCO₂e|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|2.1622|2.1622" \
    --row "活动数据明细|外购电力|=SUM(A1:A9)|2024年1月|1200|电费账单|抄表日 1月25日" \
    --row "活动数据明细|外购电力|=SUM(A1:A9)|2024年2月|1000|@电费账单|-按上月估算" \
    --row "活动数据明细|外购电力|=SUM(A1:A9)|2024年第2季度|3000|电费账单|+季度结算" \
    --row "活动数据明细|天然气|食堂|2024年|1000|燃气年度结算单|全年一张结算单" \
    --row "因子说明|汽油|2.9251|*|*|以升（L）填报的用量按密度 0.73 kg/L 换算为质量（经验值，非标准规定）" \
    --row "图表|按季度填报的 1.78 tCO₂e 不在按月图表中，见按季度图表。"
verdict "a 29-character unit name is never cut off; A.3 and A.5 notes, quarters, whole-year rows and formula-like text survive (quotePrefix)"

# ---- every source of the library: 19 bars, each with its label --------------------------------------
"$PY" -c '
import csv, sys
rows = [l.split("\t") for l in open(sys.argv[1], encoding="utf-8") if l[:1] not in ("#", "i")]
print("period,source,quantity,unit")
for r in rows:
    print("2024-06,%s,%s,%s" % (r[0], 1 if r[7] in ("t", "kg") else 100, r[7]))
' "$T_DIR/../../factors/sources.tsv" >all.csv
new_wb all.tanbook --unit 某县综合单位 --year 2024
import_ok all.tanbook all.csv
run tb export all.tanbook -o all.xlsx
expect_rc 0
check_export all.xlsx all.tanbook 2024 --entries 19 --records 19
verdict "19 sources: the by-source chart is tall enough for every label, A.3 in category order"

# ---- unwritable paths ------------------------------------------------------------------------------
run tb export demo.tanbook -o /nonexistent/dir/x.xlsx
expect_rc 3
expect_err_contains "无法写入 /nonexistent/dir/x.xlsx"
quiet_stderr
expect_no_file /nonexistent/dir/x.xlsx
verdict "a directory that does not exist: exit 3, the path named, no file"

touch plain
run tb export demo.tanbook -o plain/x.xlsx
expect_rc 3
expect_err_contains "无法写入 plain/x.xlsx"
quiet_stderr
verdict "a path through a regular file: exit 3 with a message"

mkdir -p sub/dir.xlsx
run tb export demo.tanbook -o sub/dir.xlsx
expect_rc 3
expect_err_contains "无法写入 sub/dir.xlsx"
quiet_stderr
no_temp sub
[ -d sub/dir.xlsx ] || note "the directory sub/dir.xlsx was replaced"
verdict "a directory in the way: exit 3 after writing, and the temporary file is removed"

mkdir ro
cp demo-2023.xlsx ro/report.xlsx
before=$(checksum ro/report.xlsx)
chmod 555 ro
if [ -w ro ]; then
    ok "# SKIP a read-only directory is writable for this user (root)"
else
    run tb export demo.tanbook -o ro/report.xlsx
    expect_rc 3
    expect_err_contains "无法写入 ro/report.xlsx"
    quiet_stderr
    expect_same "the earlier export" "$before" "$(checksum ro/report.xlsx)"
    no_temp ro
    verdict "a read-only directory: exit 3, the earlier export there unchanged"
fi
chmod 755 ro

# A write that fails inside workbook_close(): under a 64 KiB file size limit (SIGXFSZ ignored, so
# write() fails with EFBIG) libxlsxwriter's temporary file for the 240 KB A.3 sheet is cut short.
# libxlsxwriter does not notice and zips the truncated XML; the export must read its file back
# and refuse it. (The workbook's own 32 KiB -shm file stays under the limit.) 1000 facilities
# with long random-looking names make the export (about 74 KB) larger than the limit.
"$PY" -c '
import hashlib
print("period,source,quantity,unit,facility")
for i in range(1000):
    print("2024,electricity,1,kWh,%s" % hashlib.sha256(str(i).encode()).hexdigest()[:60])
' >big.csv
new_wb big.tanbook --unit 大单位 --year 2024
import_ok big.tanbook big.csv
run tb export big.tanbook -o big-full.xlsx
[ "$RC" -eq 0 ] || note "setup: export without the limit failed: $ERR"
run bash -c "trap '' XFSZ; ulimit -f 64; exec \"$TB\" export big.tanbook -o big.xlsx"
expect_rc 3
expect_err_contains "无法写入 big.xlsx：写出的文件不完整"
quiet_stderr
expect_no_file big.xlsx
no_temp .
verdict "a write failing inside workbook_close (file size limit): exit 3, no file, no temp"

# ---- --format json: the JSON exporter beside the xlsx one, over the same report ----------------------
run tb export demo.tanbook --year 2023 --format json -o demo-2023.json
expect_rc 0
expect_eq "the JSON file is what summary --json prints" "$(cat demo-2023.json 2>/dev/null)" \
    "$(tb summary demo.tanbook --year 2023 --json)"
verdict "export --format json writes what summary --json prints"

run tb export demo.tanbook --format json
expect_rc 0
expect_file_exists demo-2024.json
run tb export demo.tanbook --format pdf -o x.pdf
expect_rc 2
expect_no_file x.pdf
run tb export demo.tanbook --format json -o x.xlsx
expect_rc 2
expect_no_file x.xlsx
verdict "--format json defaults to NAME-YEAR.json; an unknown format or a wrong suffix exits 2"

done_testing
