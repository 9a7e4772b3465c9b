#!/bin/bash
# cli_kpi.sh - `tanbook kpi FILE [--year Y] [--json] [--lang en]` and `tanbook set FILE --base SPEC
# [--base-reason TEXT]`, driving the real binary on a two-year workbook whose electricity factor
# changes (2022: 100 000 kWh × 0.5366 = 53.66 t; 2023: 110 000 kWh × 0.5306 = 58.366 t), with the
# numbers of the JSON checked against the hand calculation beside them; the base kinds (one year,
# average, a moving average that moves when a year is added), the history of base settings, bad
# specs (exit 2), English output, and a workbook of the older format read (never written).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=perf.tanbook

cat >bills.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2022,外购电力,100000,kWh,电费账单
2023,外购电力,110000,kWh,电费账单
EOF
new_wb "$WB" --unit 测试单位 --year 2022 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
run tb set "$WB" --year 2023 --area 2000 --headcount 50
expect_rc 0
import_ok "$WB" bills.csv
run tb check "$WB"
expect_rc 0
verdict "setup: 2022 and 2023 with national-grid electricity, both complete"

# ---- no base yet --------------------------------------------------------------------------
run tb kpi "$WB" --json
expect_rc 0
# 2023: 110 000 kWh × 0.5306 kgCO₂e/kWh = 58 366 kg = 58.366 t; per m²: 58 366 / 2000 = 29.183;
# per person: 58.366 / 50 = 1.16732 t; against 2022: 58.366 / 53.66 − 1 = +8.770 %
expect_json_all \
    "year" "d['year']" "2023" \
    "unit" "d['unit']" "测试单位" \
    "total" "d['total_tco2e']" "58.366" \
    "scope 2" "d['scope2_tco2e']" "58.366" \
    "intensity" "d['intensity_kgco2e_per_m2']" "29.183" \
    "per capita" "d['per_capita_tco2e']" "1.16732" \
    "neutrality: no offsets, 0 %" "d['neutrality_rate_pct']" "0" \
    "renewables: none, 0 %" "d['renewable_share_pct']" "0" \
    "base" "d['base']" "None" \
    "effects" "d['effects']" "None" \
    "change vs base" "d['change_vs_base_pct']['total']" "None" \
    "change vs previous" "d['change_vs_previous_pct']['total']" "8.770033544539688" \
    "targets" "d['targets']" "[]" \
    "trend years" "[t['year'] for t in d['trend']]" "[2022, 2023]" \
    "trend 2022 total" "d['trend'][0]['total_tco2e']" "53.66" \
    "trend 2023 vs previous" "d['trend'][1]['change_vs_previous_pct']['total']" "8.770033544539688"
verdict "kpi --json without a base: the 2023 figures, the change vs 2022, base/effects null"

run tb kpi "$WB"
expect_rc 0
expect_out_contains "基准期：未设定"
expect_out_line '^碳排放总量 +58\.37 +— +\+8\.77 % +— +— +tCO₂e$'
verdict "kpi (text) without a base: as reported only, says the base is not set"

# ---- one year -----------------------------------------------------------------------------
run tb set "$WB" --base 2022
expect_rc 0
expect_out_contains "已设定基准期：2022 年（单一年份）"
run tb kpi "$WB" --json
expect_rc 0
# like for like: 110 000 kWh × 0.5366 (the 2022 factor) = 59.026 t; 59.026 / 53.66 − 1 = +10.000 %
# split: activity (59.026 − 53.66) = +5.366 t, factor (58.366 − 53.66) − 5.366 = −0.660 t
# intensity: 53.66 t / 2000 m² = 26.83 kgCO₂e/m² → 29.183 (+8.770 %), like for like 29.513
expect_json_all \
    "base kind" "d['base']['kind']" "year" \
    "base years" "d['base']['years']" "[2022]" \
    "base spec" "d['base']['spec']" "2022" \
    "factor year" "d['base']['factor_year']" "2022" \
    "base ok" "d['base']['ok']" "True" \
    "base total" "d['base']['total_tco2e']" "53.66" \
    "base intensity" "d['base']['intensity_kgco2e_per_m2']" "26.83" \
    "lfl total" "d['like_for_like']['total_tco2e']" "59.026" \
    "lfl intensity" "d['like_for_like']['intensity_kgco2e_per_m2']" "29.513" \
    "vs base total" "d['change_vs_base_pct']['total']" "8.770033544539688" \
    "vs base lfl total" "d['change_vs_base_like_for_like_pct']['total']" "10.0" \
    "vs base intensity" "d['change_vs_base_pct']['intensity']" "8.770033544539688" \
    "activity" "d['effects']['activity_tco2e']" "5.366" \
    "factor" "d['effects']['factor_tco2e']" "-0.66" \
    "effects add up" "round(d['effects']['activity_tco2e'] + d['effects']['factor_tco2e'], 9)" "4.706" \
    "source" "d['effects']['sources'][0]['source']" "electricity" \
    "source base" "d['effects']['sources'][0]['base_tco2e']" "53.66" \
    "history" "len(d['base']['history'])" "1"
verdict "set --base 2022: change vs base 8.770 % as reported, 10.000 % like for like, split +5.366 / −0.660"

run tb kpi "$WB" --year 2022 --json
expect_json_all \
    "year" "d['year']" "2022" \
    "total" "d['total_tco2e']" "53.66" \
    "vs base" "d['change_vs_base_pct']['total']" "0" \
    "vs previous" "d['change_vs_previous_pct']['total']" "None"
verdict "kpi --year 2022: the base year itself, 0 % against the base, no previous year"

run tb kpi "$WB"
expect_rc 0
expect_out_contains "按报告值"
expect_out_contains "按基准期因子（2022 年的排放因子）重算"
expect_out_line '^碳排放总量 +58\.37 +59\.03 +\+8\.77 % +\+8\.77 % +\+10\.00 % +tCO₂e$'
expect_out_line '^外购电力 +53\.660 +58\.366 +\+5\.366 +-0\.660$'
expect_out_contains "基准期：2022 年（单一年份）"
verdict "kpi (text): both columns named, the split per source"

run tb kpi "$WB" --lang en
expect_rc 0
expect_out_contains "Carbon performance"
expect_out_line '^Total emissions +58\.37 +59\.03 '
expect_out_contains "Base period: 2022 (one year)"
expect_out_contains "restated with the base period's factors (those of 2022"
expect_out_lacks "碳排放总量"
verdict "kpi --lang en: English labels"

# ---- re-set with a reason: history ---------------------------------------------------------
run tb set "$WB" --base 2022-2023 --base-reason "2023 年合并了附属单位"
expect_rc 0
run tb kpi "$WB" --json
# average: (53.66 + 58.366) / 2 = 56.013 t; like for like with 2022's factors: (53.66 + 59.026) / 2 = 56.343
expect_json_all \
    "kind" "d['base']['kind']" "average" \
    "years" "d['base']['years']" "[2022, 2023]" \
    "spec" "d['base']['spec']" "2022-2023" \
    "reason" "d['base']['reason']" "2023 年合并了附属单位" \
    "base total" "d['base']['total_tco2e']" "56.013" \
    "base lfl total" "d['base']['like_for_like']['total_tco2e']" "56.343" \
    "history length" "len(d['base']['history'])" "2" \
    "history 1" "[d['base']['history'][0][k] for k in ('spec', 'kind', 'reason')]" "['2022', 'year', '']" \
    "history 2" "[d['base']['history'][1][k] for k in ('spec', 'kind', 'reason')]" "['2022-2023', 'average', '2023 年合并了附属单位']" \
    "set_at" "d['base']['history'][1]['set_at'][:2]" "20"
verdict "set --base 2022-2023 --base-reason: the average in force, both settings kept oldest first"

run tb set "$WB" --base 2022,2023
expect_rc 0
run tb kpi "$WB" --json
expect_json_all "spec" "d['base']['spec']" "2022-2023" "history" "len(d['base']['history'])" "3"
verdict "set --base 2022,2023: years named one by one, a third setting"

# ---- moving average ------------------------------------------------------------------------
run tb set "$WB" --base moving:2
expect_rc 0
run tb kpi "$WB" --json
expect_json_all \
    "kind" "d['base']['kind']" "moving" \
    "years" "d['base']['years']" "[2022]" \
    "ok" "d['base']['ok']" "False" \
    "missing names 2023" "'2023' in d['base']['missing']" "True" \
    "no change" "d['change_vs_base_pct']['total']" "None"
verdict "moving:2 for 2023: one complete year before it, so missing (says so), no number"

cat >bills2024.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2024,外购电力,120000,kWh,电费账单
EOF
run tb set "$WB" --year 2024 --area 2000 --headcount 50
import_ok "$WB" bills2024.csv
run tb kpi "$WB" --json
# 2024's base: the complete 2022 and 2023: (53.66 + 58.366) / 2 = 56.013 t
expect_json_all \
    "year" "d['year']" "2024" \
    "years" "d['base']['years']" "[2022, 2023]" \
    "ok" "d['base']['ok']" "True" \
    "base total" "d['base']['total_tco2e']" "56.013" \
    "factor year" "d['base']['factor_year']" "2022"
verdict "moving:2 moves when 2024 is added: 2022 and 2023, 56.013 t"

# ---- refusals ------------------------------------------------------------------------------
before=$(checksum "$WB")
for spec in 20x 2023-2021 moving:0 "" 2022,,2023; do
    run tb set "$WB" --base "$spec"
    expect_rc 2
    expect_err_contains "--base："
done
run tb set "$WB" --base-reason "why"
expect_rc 2
expect_err_contains "需要同时给出 --base"
expect_same "the workbook" "$before" "$(checksum "$WB")"
verdict "bad --base specs and --base-reason alone: exit 2 with plan_base_parse's message, nothing written"

run tb kpi "$WB" --lang fr
expect_rc 2
run tb kpi "$WB" --year 1999
expect_rc 1
run tb kpi nosuch.tanbook
expect_rc 3
run tb kpi
expect_rc 2
verdict "kpi: bad --lang 2, a year the workbook lacks 1, no workbook 3, no FILE 2"

run tb set --help
expect_rc 0
expect_out_line '^  --base SPEC +设定基准期'
expect_out_line '^  --base-reason TEXT +设定或重新设定基准期的原因'
expect_out_contains "moving:3"
run tb kpi --help
expect_out_contains "change_vs_base_like_for_like_pct"
verdict "set --help offers --base and --base-reason; kpi --help lists the JSON keys"

# ---- JSON stays JSON with hostile text -------------------------------------------------------
run tb set "$WB" --base 2022 --base-reason $'line1\nline2 "quoted" \e[31m'
expect_rc 0
run tb kpi "$WB" --json
expect_json "reason round-trips" "d['base']['reason']" $'line1\nline2 "quoted" \e[31m'
run tb kpi "$WB"
expect_out_lacks $'\e'
expect_out_contains 'line1\u000aline2'   # escaped whole: one line
verdict "a reason with controls and quotes: valid JSON, escaped text output"

# ---- an older workbook, read-only ----------------------------------------------------------
FIXTURE=$T_DIR/../fixtures/workbook-v1.sql
if [ -r "$FIXTURE" ]; then
    "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())
c.commit()
c.close()
' old.tanbook "$FIXTURE" || note "setup: v1 fixture failed"
    before=$(checksum old.tanbook)
    run tb kpi old.tanbook --json
    expect_rc 0
    expect_json_all "base" "d['base']" "None" "targets" "d['targets']" "[]" \
        "total is a number" "d['total_tco2e'] > 0" "True"
    run tb kpi old.tanbook
    expect_rc 0
    expect_same "the version-1 workbook" "$before" "$(checksum old.tanbook)"
    verdict "kpi reads a version-1 workbook (no plan) without migrating or writing it"
else
    ok "# SKIP tests/fixtures/workbook-v1.sql not present"
fi

# a base year the workbook does not have: set warns (the year may be added later) and says only
# that the base was set; kpi says the base lacks data, names no factor year and restates nothing
cp "$WB" nobase.tanbook
run tb set nobase.tanbook --base 2031
expect_rc 0
expect_err_contains "注意：工作簿中还没有 2031 年度"
expect_out_contains "已设定基准期：2031 年（单一年份）"
expect_out_lacks "已保存"
run tb kpi nobase.tanbook --json
expect_json_all "ok" "d['base']['ok']" "False" "factor year" "d['base']['factor_year']" "None" \
    "missing" "d['base']['missing']" "工作簿中没有基准期的 2031 年" \
    "no like for like" "d['like_for_like']['total_tco2e']" "None"
run tb kpi nobase.tanbook
expect_out_contains "基准期缺少数据（见下），故无可比值"
expect_out_lacks "2031 年的排放因子"
verdict "a base year the workbook lacks: set warns, kpi says what is missing and restates nothing"

done_testing
