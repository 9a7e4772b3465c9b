#!/bin/bash
# cli_export_perf.sh - `tanbook export` of a two-year workbook whose electricity factor changes
# (2022: 100 000 kWh × 0.5366 = 53.66 t; 2023: 110 000 kWh × 0.5306 = 58.366 t; 2000 m², 50
# people): the sheets 碳绩效参数 and 碳基准与目标 read back by tests/export_perf_check.py, first
# without a base (both sheets say so), then with `set --base 2022` and a total target; the whole
# file by tests/export_check.py against summary --json; two exports byte-identical.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=perf.tanbook
PERF="$T_DIR/../export_perf_check.py"
CHECK="$T_DIR/../export_check.py"

# perf_check XLSX ARGS... - export_perf_check.py, then export_check.py against summary --json.
perf_check() {
    local xlsx=$1 res
    shift
    res=$("$PY" "$PERF" "$xlsx" "$@" 2>&1) || note "$res"
    tb summary "$WB" --json >"$xlsx.json" 2>/dev/null || note "setup: summary --json failed"
    res=$("$PY" "$CHECK" "$xlsx" "$xlsx.json" 2>&1) || note "$res"
}

cat >bills.csv <<'CSV'
期间,排放源,数量,单位,数据来源
2022,外购电力,100000,kWh,电费账单
2023,外购电力,110000,kWh,电费账单
CSV
new_wb "$WB" --unit 测试单位 --year 2022 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
tb set "$WB" --year 2023 --area 2000 --headcount 50 >/dev/null 2>&1 || note "setup: set --year 2023"
import_ok "$WB" bills.csv
verdict "setup: 2022 and 2023 with national-grid electricity"

run tb export "$WB" -o nobase.xlsx
expect_rc 0
perf_check nobase.xlsx \
    --row '碳绩效参数|2022|53.66|0|53.66|26.83|1.0732' \
    --row '碳绩效参数|2023|58.366|0|58.366|29.183|1.16732' \
    --row '碳绩效参数|2023|8.770033544||8.770033544' \
    --text '碳绩效参数|tanbook set FILE --base 2022' \
    --text '碳基准与目标|尚未设定碳基准' \
    --text '碳基准与目标|尚未设定碳目标' \
    --charts 2:1
verdict "without a base: as reported and against 2022 (+8.77 %), both sheets say no base is set"

run tb set "$WB" --base 2022 --base-reason "首个数据完整的年份"
expect_rc 0
run tb target "$WB" --parameter total --target-year 2025 --annual-rate 4.48
expect_rc 0
run tb export "$WB" -o perf.xlsx
expect_rc 0
# like for like: 110 MWh × 0.5366 = 59.026 t; split of 外购电力: activity 59.026 − 53.66 = 5.366,
# factor (58.366 − 53.66) − 5.366 = −0.66; target R = 1 − 0.9552³ = 12.8468795 %, 53.66 ×
# 0.871531205 = 46.7663644 t; 2023's milestone 53.66 × 0.9552 = 51.256032, gap 7.109968
perf_check perf.xlsx \
    --row '碳绩效参数|2023|58.366|0|58.366|29.183' \
    --row '碳绩效参数|2023|59.026|0|59.026|29.513' \
    --text '碳绩效参数|按基准期因子可比（2022 年的排放因子）' \
    --text '碳绩效参数|碳基准：2022 年（单一年份）；原因：首个数据完整的年份。' \
    --row '碳基准与目标|原因|首个数据完整的年份' \
    --row '碳基准与目标|2022 年（单一年份）（现行）|单一年份|首个数据完整的年份' \
    --row '碳基准与目标|外购电力|53.66|58.366|4.706|5.366|-0.66' \
    --row '碳基准与目标|碳排放总量|2022 年（单一年份）|2025|12.8468795392|4.48|53.66|46.766364439' \
    --row '碳基准与目标|*|2023|51.256032|58.366|59.026|7.109968|未达标' \
    --text '碳基准与目标|尚无减排措施。' \
    --charts 2:2
verdict "set --base 2022 and a total target: like for like 59.026, the split 5.366 / −0.66, the target's progress"

run tb export "$WB" -o again.xlsx
cmp -s perf.xlsx again.xlsx || note "two exports differ: $(cmp perf.xlsx again.xlsx 2>&1)"
verdict "two exports of the workbook with a base and a target are byte-identical"

done_testing
