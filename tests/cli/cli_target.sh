#!/bin/bash
# cli_target.sh - `tanbook target`: the calculator of 003 formula A.1 (the standard's two worked
# examples, and back), and a workbook's targets: recorded with --parameter (progress checked by
# hand in `kpi --json` and the list), the presets national-2025 (on a workbook without 2020: its
# targets say 2020 is missing) and 1.5c (target year: the latest + 5), --delete, and refusals
# (exit 2, the workbook unchanged).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=perf.tanbook

# ---- the calculator ----------------------------------------------------------------------
run tb target --base-year 2022 --target-year 2025 --annual-rate 4.48
expect_rc 0
# 003 A.2 example: R = 1 − (1 − 0.0448)^3 = 1 − 0.9552³ = 1 − 0.871531204608 = 12.8468795392 %
expect_out_contains "12.85 %"
expect_out_contains "4.48 %"
run tb target --base-year 2022 --target-year 2025 --annual-rate 4.48 --json
expect_json_all \
    "base_year" "d['base_year']" "2022" \
    "target_year" "d['target_year']" "2025" \
    "annual_rate_pct" "d['annual_rate_pct']" "4.48" \
    "reduction_pct" "d['reduction_pct']" "12.8468795392" \
    "keys" "sorted(d)" "['annual_rate_pct', 'base_year', 'reduction_pct', 'target_year']"
verdict "calculator: 2022 → 2025 at 4.48 % a year is 12.85 % (003 A.2's first example)"

run tb target --base-year 2020 --target-year 2025 --annual-rate 4
expect_rc 0
# 1 − 0.96⁵ = 1 − 0.8153726976 = 18.46273024 %
expect_out_contains "18.46 %"
run tb target --base-year 2020 --target-year 2025 --annual-rate 4 --json
expect_json_all "reduction_pct" "d['reduction_pct']" "18.46273024"
verdict "calculator: 2020 → 2025 at 4 % a year is 18.46 % (the second example)"

run tb target --base-year 2022 --target-year 2025 --reduction 12.8468795392 --json
# back: r = 1 − (1 − 0.128468795392)^(1/3) = 4.48 %
expect_json_all "annual_rate_pct" "d['annual_rate_pct']" "4.48" "reduction_pct" "d['reduction_pct']" "12.8468795392"
run tb target --base-year 2022 --target-year 2025 --annual-rate 4.48 --lang en
expect_out_contains "overall reduction 12.85 %"
verdict "calculator: --reduction gives the annual rate back; --lang en"

run tb target --base-year 2022 --target-year 2022 --annual-rate 4
expect_rc 2
expect_err_contains "目标年（2022）须晚于基准年（2022）"
run tb target --base-year 2023 --target-year 2022 --annual-rate 4 --lang en
expect_rc 2
expect_err_contains "must come after the base year"
run tb target --base-year 2022 --target-year 2025
expect_rc 2
run tb target --base-year 2022 --target-year 2025 --annual-rate 4 --reduction 10
expect_rc 2
run tb target --base-year 2022 --target-year 2025 --annual-rate 100
expect_rc 2
run tb target --base-year 2022 --target-year 2025 --annual-rate abc
expect_rc 2
verdict "calculator refusals: target year not after the base, neither or both values, out of range: exit 2"

# ---- a workbook ----------------------------------------------------------------------------
cat >bills.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2022,外购电力,100000,kWh,电费账单
2023,外购电力,110000,kWh,电费账单
EOF
new_wb "$WB" --unit 测试单位 --year 2022 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
run tb set "$WB" --year 2023 --area 2000 --headcount 50
import_ok "$WB" bills.csv
run tb set "$WB" --base 2022
expect_rc 0
verdict "setup: 2022/2023 (53.66 t, 58.366 t), base 2022"

run tb target "$WB" --parameter intensity --target-year 2025 --reduction 10 --note "十四五"
expect_rc 0
expect_out_line '^已记录目标 \[1\] 单位建筑面积碳排放量  2025  下降 10 %'
run tb kpi "$WB" --json
# base 2022: 53 660 kg / 2000 m² = 26.83 kgCO₂e/m²; target 26.83 × 0.9 = 24.147
# r = 1 − 0.9^(1/3) = 3.4511 %; 2023 milestone 26.83 × 0.9^(1/3) = 25.904; actual 29.183
# gap 29.183 − 25.904 = 3.2789 → off track; still needed 1 − (24.147 / 29.183)^(1/2) = 9.0366 % a year
expect_json_all \
    "count" "len(d['targets'])" "1" \
    "id" "d['targets'][0]['id']" "1" \
    "parameter" "d['targets'][0]['parameter']" "intensity" \
    "kind" "d['targets'][0]['kind']" "reduction" \
    "base" "d['targets'][0]['base']" "2022" \
    "base_year" "d['targets'][0]['base_year']" "2022" \
    "reduction" "d['targets'][0]['reduction_pct']" "10" \
    "annual" "d['targets'][0]['annual_rate_pct']" "3.451061539437028" \
    "base value" "d['targets'][0]['base_value']" "26.83" \
    "target value" "d['targets'][0]['target_value']" "24.147" \
    "milestone" "d['targets'][0]['milestone']" "25.904080188969044" \
    "actual" "d['targets'][0]['actual']" "29.183" \
    "actual lfl" "d['targets'][0]['actual_like_for_like']" "29.513" \
    "gap" "d['targets'][0]['gap']" "3.2789198110309563" \
    "on track" "d['targets'][0]['on_track']" "False" \
    "needed" "d['targets'][0]['needed_annual_pct']" "9.036612863175764" \
    "missing" "d['targets'][0]['missing']" "None" \
    "preset" "d['targets'][0]['preset']" "None"
verdict "a −10 % intensity target for 2025: milestone 2023 25.904, actual 29.183, off track"

run tb target "$WB"
expect_rc 0
expect_out_contains "[1] 单位建筑面积碳排放量"
expect_out_contains "里程碑 25.90"
expect_out_contains "未达标"
expect_out_contains "--delete ID"
run tb target "$WB" --list --json
expect_json_all "year" "d['year']" "2023" "ids" "[t['id'] for t in d['targets']]" "[1]"
run tb target "$WB" --list --lang en
expect_out_contains "off track"
verdict "target FILE lists the targets with their ids and progress (text, --json, --lang en)"

run tb target "$WB" --preset national-2025
expect_rc 0
expect_out_contains "单位建筑面积综合能耗"
expect_out_contains "煤炭消费占比"
run tb kpi "$WB" --json
expect_json_all \
    "count" "len(d['targets'])" "4" \
    "presets" "[t['preset'] for t in d['targets']]" "[None, 'national-2025', 'national-2025', 'national-2025']" \
    "intensity −7 %" "[d['targets'][1][k] for k in ('parameter', 'target_year', 'reduction_pct', 'base')]" "['intensity', 2025, 7, '2020']" \
    "its annual rate unknown" "d['targets'][1]['annual_rate_pct']" "None" \
    "its missing names 2020" "'2020' in d['targets'][1]['missing']" "True" \
    "no number" "d['targets'][1]['milestone']" "None" \
    "energy −5 %: missing 2020" "'2020' in d['targets'][2]['missing']" "True" \
    "coal cap" "[d['targets'][3][k] for k in ('parameter', 'kind', 'value')]" "['coal_share', 'cap', 13]"
run tb target "$WB" --preset national-2025
expect_rc 0
expect_out_contains "已有，未重复添加"
run tb target "$WB" --list --json
expect_json "still four" "len(d['targets'])" "4"
verdict "--preset national-2025 without 2020 in the workbook: its targets say 2020 is missing; not added twice"

run tb target "$WB" --preset 1.5c
expect_rc 0
run tb target "$WB" --list --json
# the latest year 2023 + 5 = 2028; against base 2022: R = 1 − 0.958^6 = 22.6976 %
expect_json_all \
    "1.5c" "[d['targets'][4][k] for k in ('parameter', 'kind', 'target_year', 'preset')]" "['total', 'rate', 2028, '1.5c']" \
    "annual" "d['targets'][4]['annual_rate_pct']" "4.2" \
    "reduction" "d['targets'][4]['reduction_pct']" "22.697586321836038"
verdict "--preset 1.5c: 4.2 % a year on the total, target year the latest + 5 (2028)"

run tb target "$WB" --delete 5
expect_rc 0
expect_out_contains "已删除目标 [5]"
run tb target "$WB" --list --json
expect_json "ids" "[t['id'] for t in d['targets']]" "[1, 2, 3, 4]"
run tb target "$WB" --delete 5
expect_rc 1
expect_err_contains "5"
verdict "--delete ID deletes that target; a second time it is gone (exit 1)"

# ---- refusals ------------------------------------------------------------------------------
before=$(checksum "$WB")
run tb target "$WB" --parameter intensity --target-year 2022 --reduction 10
expect_rc 2
expect_err_contains "须晚于基准年（2022）"
run tb target "$WB" --parameter intensity --target-year 2025 --reduction 10 --base 2025
expect_rc 2
run tb target "$WB" --parameter intensity --target-year 2025 --reduction 10 --base 20x
expect_rc 2
expect_err_contains "--base："
run tb target "$WB" --parameter nothing --target-year 2025 --reduction 10
expect_rc 2
run tb target "$WB" --parameter total --target-year 2025 --reduction 120
expect_rc 2
expect_err_contains "目标值须大于 0 且小于 100"
run tb target "$WB" --parameter total --target-year 2025
expect_rc 2
run tb target "$WB" --preset 2c
expect_rc 2
run tb target "$WB" --preset national-2025 --target-year 2030
expect_rc 2
run tb target "$WB" --delete x
expect_rc 2
run tb target "$WB" --base-year 2022
expect_rc 2
expect_same "the workbook" "$before" "$(checksum "$WB")"
verdict "refusals (target year = base year, bad --base, parameter, value, preset, id): exit 2, nothing written"

run tb target "$WB" --parameter total --target-year 2030 --annual-rate 3 --base 2023
expect_rc 0
run tb target "$WB" --list --json
# its own base 2023 (58.366 t): R = 1 − 0.97^7 = 19.20172 %; in 2023 (tB) the milestone is the base
expect_json_all \
    "own base" "d['targets'][4]['base']" "2023" \
    "base value" "d['targets'][4]['base_value']" "58.366" \
    "reduction" "d['targets'][4]['reduction_pct']" "19.201715522" \
    "milestone in the base year" "d['targets'][4]['milestone']" "58.366"
verdict "--base SPEC: a target with its own base period"

run tb target nosuch.tanbook
expect_rc 3
verdict "target on a missing workbook: exit 3"

done_testing
