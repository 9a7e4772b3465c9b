#!/bin/bash
# cli_export_neutral.sh - `tanbook export` of a workbook with renewables, green power, a green
# certificate and offsets: the sheets 可再生能源与绿电, 碳抵消与碳中和 and, once the offsets cover
# the emissions, 碳中和声明 after 碳基准与目标, read back by tests/export_neutral_check.py, the whole
# file by tests/export_check.py against summary --json. The claims go straight into the tables of
# store migration 7 with sqlite3 (the commands that write them are tested on their own), so this
# tests the export, not how the claims were entered.
#
# The year: 2023, 110 000 kWh × 0.5306 = 58.366 tCO₂e (scope 2) and 1 000 m³ natural gas =
# 0.1 万m³ × 21.622 = 2.1622 tCO₂e (scope 1): 60.5282 tCO₂e.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=neutral.tanbook
NEUTRAL="$T_DIR/../export_neutral_check.py"
CHECK="$T_DIR/../export_check.py"

# neutral_check XLSX ARGS... - export_neutral_check.py, then export_check.py against summary --json.
neutral_check() {
    local xlsx=$1 res
    shift
    res=$("$PY" "$NEUTRAL" "$xlsx" "$@" 2>&1) || note "$res"
    tb summary "$WB" --json >"$xlsx.json" 2>/dev/null || note "setup: summary --json failed"
    res=$("$PY" "$CHECK" "$xlsx" "$xlsx.json" 2>&1) || note "$res"
}

# sql STATEMENTS - runs them on the workbook with Python's sqlite3.
sql() {
    "$PY" - "$WB" "$1" <<'PY' || note "setup: sqlite3 failed"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(sys.argv[2])
db.commit()
db.close()
PY
}

cat >bills.csv <<'CSV'
期间,排放源,数量,单位,数据来源
2023,外购电力,110000,kWh,电费账单
2023,天然气,1000,m³,燃气账单
CSV
new_wb "$WB" --unit 测试单位 --year 2023 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
import_ok "$WB" bills.csv
sql "INSERT INTO renewable (year, kind, period, quantity, capacity_kw, evidence, note) VALUES
       (2023, 'pv', '2023', 20000, 50, '光伏发电量统计表', '屋顶光伏'),
       (2023, 'green', '2023', 30000, 0, '绿电交易结算单', ''),
       (2023, 'power', '2023-05', 5000, 0, '', '小型风机');
     INSERT INTO offset_claim (year, type, project, serial, registered, vintage, quantity_tco2e,
                               quantity_mwh, cancelled, proof, used_elsewhere, registry, evidence,
                               position) VALUES
       (2023, 'cert', '绿色电力证书', 'GEC-001', '', 2023, 0, 10, '2024-01-15', '绿证注销凭证 001',
        0, '中国绿证交易平台', '绿证 001', 1),
       (2023, 'ccer', '某水电项目', 'CCER-OLD', '2017-03-01', 2017, 10, 0, '2024-02-01',
        '注销证明 9', 0, '', 'CCER 注销证明 9', 2);
     INSERT INTO neutral_text (year, key, value) VALUES (0, 'commitment', '2025 年实现运营碳中和');"
verdict "setup: 2023 with electricity and gas, PV, green power, a certificate, a CCER too old"

run tb export "$WB" -o short.xlsx
expect_rc 0
# the certificate: 10 MWh × 0.5306 = 5.306 t; the 2017 CCER is too old for 2023; shortfall
# 60.5282 − 5.306 = 55.2222; market-based (110 − 30 − 10) MWh × 0.6096 = 42.672
neutral_check short.xlsx --names '可再生能源与绿电,碳抵消与碳中和' \
    --row '可再生能源与绿电|光伏发电（自用）|2023年|20000|kWh|50|光伏发电量统计表' \
    --row '可再生能源与绿电|无佐证而不计入的记录|||1' \
    --row '可再生能源与绿电|范围二排放（基于位置，A.4）|||58.366' \
    --row '可再生能源与绿电|范围二排放（基于市场）|||42.672' \
    --row '碳抵消与碳中和|绿证|绿色电力证书|GEC-001|—|2023|0|10|2024-01-15|绿证注销凭证 001|否|绿证 001|是|5.306|—' \
    --row '碳抵消与碳中和|CCER|某水电项目|CCER-OLD|2017-03-01|2017|10||2024-02-01|注销证明 9|否|CCER 注销证明 9|否|0|2017 年登记，早于碳中和声明（2023 年）的前 5 年（003 §7.3.1.3）' \
    --row '碳抵消与碳中和|评价结论|||未实现碳中和' \
    --row '碳抵消与碳中和|差额（tCO₂e）|||55.2222' \
    --row '碳抵消与碳中和|碳中和率|||8.766161888' \
    --row '碳抵消与碳中和|碳中和承诺的陈述|||2025 年实现运营碳中和'
verdict "short of neutrality: both scope 2 figures, the certificate counted, the old CCER refused with its reason, no statement"

sql "INSERT INTO offset_claim (year, type, project, serial, registered, vintage, quantity_tco2e,
                               cancelled, proof, evidence, position) VALUES
       (2023, 'ccer', '某风电项目', 'CCER-123', '2021-06-01', 2021, 60, '2024-02-01',
        '注销证明 123', 'CCER 注销证明', 3);
     INSERT INTO neutral_text (year, key, value) VALUES (2023, 'evaluator', '某碳核查机构');"
run tb export "$WB" -o achieved.xlsx
expect_rc 0
# 60 + 5.306 = 65.306 ≥ 60.5282; rate 65.306 / 60.5282 = 107.893510793 %
neutral_check achieved.xlsx --names '可再生能源与绿电,碳抵消与碳中和,碳中和声明' \
    --row '碳抵消与碳中和|评价结论|||实现碳中和' \
    --row '碳抵消与碳中和|碳中和率|||107.893510793' \
    --row '碳中和声明|单位名称|测试单位' \
    --row '碳中和声明|CCER|某风电项目|CCER-123|2021|注销证明 123|60' \
    --row '碳中和声明|评价机构|某碳核查机构' \
    --row '碳中和声明|评价结论|未填写'
verdict "a CCER of 60 t more: achieved, 碳中和声明 with the offsets and the evaluator as entered"

run tb export "$WB" -o again.xlsx
cmp -s achieved.xlsx again.xlsx || note "two exports differ: $(cmp achieved.xlsx again.xlsx 2>&1)"
verdict "two exports of the workbook with offsets are byte-identical"

# A year check finds errors in (no activity data, A.1 without address) is not judged, although
# its 0 tCO₂e are below the 50 t offset: no statement sheet.
run tb new empty.tanbook --unit 空单位 --year 2024 --area 1000 --headcount 10
run tb offset empty.tanbook --year 2024 --type CCER --serial E-1 --quantity 50 --registered 2022-01-01 \
    --cancelled 2025-01-10 --proof 注销证明 --evidence 注销证明
run tb export empty.tanbook -o empty.xlsx
expect_rc 0
res=$("$PY" "$NEUTRAL" empty.xlsx --names '可再生能源与绿电,碳抵消与碳中和' \
    --row '碳抵消与碳中和|评价结论|||不作判定：该年度数据不完整（tanbook check 有错误），缺失的数据不能当作零排放' 2>&1) || note "$res"
verdict "an incomplete year: 不作判定 on the sheet, no 碳中和声明"

done_testing
