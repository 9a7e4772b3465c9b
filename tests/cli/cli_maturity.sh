#!/bin/bash
# cli_maturity.sh - `tanbook maturity`: the carbon-management maturity (002 §12, a draft) of a
# two-year workbook: the historical method against the best earlier year, then the industry
# advanced value at the 表A.2 boundaries (exactly at it, 10 % above, 10.01 % above), the weights as
# settings (a1 alone sets a2 = 1 − a1; weights not adding up to 1 refused), the stars of 表22,
# provisional while a criterion is unscored, the --json keys; the evaluators (--evaluator) as a list.
#   2022: 100 000 kWh × 0.5366 = 53.66 t → 53 660 / 2000 m² = 26.83 kgCO₂e/m²
#   2023:  80 000 kWh × 0.5306 = 42.448 t → 42 448 / 2000 m² = 21.224 kgCO₂e/m²
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=m.tanbook
cat >bills.csv <<'CSV'
期间,排放源,数量,单位,数据来源
2022,外购电力,100000,kWh,电费账单
2023,外购电力,80000,kWh,电费账单
CSV
new_wb "$WB" --unit 测试单位 --year 2022 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
run tb set "$WB" --year 2023 --area 2000 --headcount 50
import_ok "$WB" bills.csv

run tb maturity "$WB" --year 2023 --json
expect_rc 0
# historical: decline from 2022, (26.83 − 21.224) / 26.83 = 20.894 % ≥ @hist_100 (10) → 100;
# total = 0.6 × 0 + 0.4 × 100 = 40 → 一星 (0–59)
expect_json_all \
    "keys" "sorted(d)" "['grade', 'note', 'provisional', 'qualitative', 'quantitative', 'report', 'settings', 'total', 'unit', 'weights', 'year']" \
    "qual keys" "sorted(d['qualitative'])" "['items', 'max', 'score', 'unscored']" \
    "item keys" "sorted(d['qualitative']['items'][0])" "['assessor', 'code', 'criterion', 'evidence', 'level1', 'level2', 'max', 'note', 'score']" \
    "quant keys" "sorted(k for k in d['quantitative'] if k != 'band')" "['denominator', 'deviation_pct', 'intensity', 'method', 'points', 'reference', 'reference_year', 'unit', 'words']" \
    "setting keys" "all(set(s) >= {'key','value','default','entered','draft'} for s in d['settings'])" "True" \
    "max" "d['qualitative']['max']" "100" \
    "qual" "d['qualitative']['score']" "0" \
    "item null" "d['qualitative']['items'][0]['score']" "None" \
    "method" "d['quantitative']['method']" "historical" \
    "denominator" "d['quantitative']['denominator']" "area" \
    "intensity" "d['quantitative']['intensity']" "21.224" \
    "reference" "d['quantitative']['reference']" "26.83" \
    "reference year" "d['quantitative']['reference_year']" "2022" \
    "decline" "d['quantitative']['deviation_pct']" "20.894521058516587" \
    "points" "d['quantitative']['points']" "100" \
    "weights" "d['weights']" "{'a1': 0.6, 'a2': 0.4}" \
    "total" "d['total']" "40" \
    "grade" "d['grade']" "一星" \
    "provisional" "d['provisional']" "True" \
    "a1 default" "[(s['value'], s['default'], s['entered'], s['draft']) for s in d['settings'] if s['key'] == '@a1'][0]" "(0.6, 0.6, False, '**')" \
    "draft note" "'征求意见稿' in d['note']" "True"
verdict "maturity --json: the historical method (100), weights 0.6/0.4 by default, 40 → 一星, provisional"

# every criterion at its full points but M1.1.1 at 1 of 2: 100 − 1 = 99
codes=$(json "' '.join('%s=%g' % (i['code'], i['max']) for i in d['qualitative']['items'] if i['code'] != 'M1.1.1')")
sets=(--set M1.1.1=1)
for c in $codes; do sets+=(--set "$c"); done
run tb maturity "$WB" --year 2023 "${sets[@]}" --evidence "管理手册 2023 版" --assessor 李四
expect_rc 0
# 0.6 × 99 + 0.4 × 100 = 99.4 → 四星 (90–100)
expect_out_contains "定性 99 / 100，定量 100 / 100，总分 99.4，等级 四星"
expect_out_lacks "暂定"
verdict "every criterion scored: 99; 0.6 × 99 + 0.4 × 100 = 99.4 → 四星"

run tb maturity "$WB" --year 2023 --set M1.1.1=1.5
expect_rc 1
expect_err_nonempty
verdict "an off-step criterion score (steps of 1) refused"

# ---- the industry advanced value at the boundaries of 表A.2 ---------------------------------
adv10=$(python3 -c 'print(repr(21.224 / 1.1))')
adv1001=$(python3 -c 'print(repr(21.224 / 1.1001))')
run tb maturity "$WB" --year 2023 --set @advanced=21.224
expect_rc 0
# at the advanced value → 100: 59.4 + 40 = 99.4
expect_out_contains "定量 100 / 100，总分 99.4，等级 四星"
run tb maturity "$WB" --year 2023 --set "advanced=$adv10"
expect_rc 0
# 10 % above (inclusive) → 80: 59.4 + 0.4 × 80 = 91.4 → 四星
expect_out_contains "定量 80 / 100，总分 91.4，等级 四星"
run tb maturity "$WB" --year 2023 --json
expect_json_all "method" "d['quantitative']['method']" "advanced" \
    "deviation" "d['quantitative']['deviation_pct']" "10" "band" "d['quantitative']['band']" "Q1.2" \
    "reference year null" "d['quantitative']['reference_year']" "None"
run tb maturity "$WB" --year 2023 --set "@advanced=$adv1001"
expect_rc 0
# 10.01 % above → 60: 59.4 + 0.4 × 60 = 83.4 → 三星 (80–89)
expect_out_contains "定量 60 / 100，总分 83.4，等级 三星"
verdict "@advanced: at it 100, 10 % above 80, 10.01 % above 60; the stars follow"

# ---- the weights ----------------------------------------------------------------------------
run tb maturity "$WB" --year 2023 --set a1=0.5
expect_rc 0
expect_out_contains "@a2 设为 1 − @a1 = 0.5"
# 0.5 × 99 + 0.5 × 60 = 79.5 → 二星 (60–79: 79.5 is below 三星's 80)
expect_out_contains "总分 79.5，等级 二星"
run tb maturity "$WB" --year 2023 --json
expect_json_all "weights" "d['weights']" "{'a1': 0.5, 'a2': 0.5}" \
    "a2 entered" "[s['entered'] for s in d['settings'] if s['key'] == '@a2'][0]" "True"
before=$(wb_state "$WB")
run tb maturity "$WB" --year 2023 --set a1=0.7 --set a2=0.4
expect_rc 1
expect_err_contains "应为 1"
run tb maturity "$WB" --year 2023 --set a9=1
expect_rc 2
run tb maturity "$WB" --year 2023 --set a1=1.5
expect_rc 1
expect_same "workbook" "$before" "$(wb_state "$WB")"
verdict "a1 alone sets a2 = 1 − a1 (79.5 → 二星); weights adding up to 1.1, an unknown setting, a1 1.5 refused"

run tb maturity "$WB" --year 2023 --clear a1
expect_rc 0
expect_out_contains "同时清除 @a2"
# back to 0.6 / 0.4: 59.4 + 24 = 83.4
expect_out_contains "总分 83.4，等级 三星"
verdict "--clear a1 clears a2 too: the defaults again"

# ---- the denominator and provisional ---------------------------------------------------------
run tb maturity "$WB" --year 2023 --set @denominator=person --clear @advanced --clear M6.2.1
expect_rc 0
run tb maturity "$WB" --year 2023 --json
# per person: 42.448 / 50 = 0.84896 t/人 against 2022's 53.66 / 50 = 1.0732: 20.89 % lower → 100;
# M6.2.1 (2 points) unscored: 99 − 2 = 97; 0.6 × 97 + 40 = 98.2, provisional
expect_json_all "denominator" "d['quantitative']['denominator']" "person" \
    "unit" "d['quantitative']['unit']" "tCO₂e/人" "intensity" "d['quantitative']['intensity']" "0.84896" \
    "qual" "d['qualitative']['score']" "97" "total" "d['total']" "98.2" \
    "provisional" "d['provisional']" "True" "unscored" "d['qualitative']['unscored']" "['M6.2.1']"
run tb maturity "$WB" --year 2023
expect_rc 0
expect_out_contains "（暂定）"
expect_out_contains "M6.2.1"
expect_out_contains "@denominator = person（默认 area"
expect_out_contains "征求意见稿"
verdict "@denominator=person; a criterion cleared: provisional with its code"

run tb maturity "$WB" --year 2023 --set @denominator=custom --set @custom=200 \
    --set-text custom_name=营业收入 --set-text custom_unit=万元
expect_rc 0
run tb maturity "$WB" --year 2023 --json
# 42.448 t / 200 万元 = 0.21224 tCO₂e/万元; 2022 has no custom value: no earlier year → unscored
expect_json_all "unit" "d['quantitative']['unit']" "tCO₂e/万元" \
    "intensity" "d['quantitative']['intensity']" "0.21224" "points" "d['quantitative']['points']" "None"
verdict "a custom denominator (@custom, #custom_name, #custom_unit)"

# ---- the evaluators ---------------------------------------------------------------------------
run tb maturity "$WB" --year 2023 --evaluator "张三,组长,2026-11-30" --evaluator "李四，评审员，2026-12-01"
expect_rc 0
expect_out_contains "已写入 #evaluators"
run tb maturity "$WB" --year 2023 --json
expect_json_all "two evaluators" "[(e['name'], e['role'], e['date']) for e in d['report']['evaluators']]" \
    "[('张三', '组长', '2026-11-30'), ('李四', '评审员', '2026-12-01')]"
run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT note FROM assessment WHERE year = 2023 AND eval = ? AND code = ?", ("maturity", "#evaluators")).fetchone()[0])
' "$WB"
expect_eq "the stored text" "$OUT" "张三，组长，2026-11-30；李四，评审员，2026-12-01"
before=$(wb_state "$WB")
run tb maturity "$WB" --year 2023 --evaluator "王五,评审员,2026-12-32"
expect_rc 1
expect_err_contains "评价人员第 1 位“王五”的日期“2026-12-32”不是有效的日期（YYYY-MM-DD）"
run tb maturity "$WB" --year 2023 --set-text "evaluators=王五" --lang en
expect_rc 1
expect_err_contains "--set-text evaluators: evaluator 1 \"王五\": the role (position or title) is missing"
run tb maturity "$WB" --year 2023 --set-text "people=王五" --lang en
expect_rc 2
expect_err_contains "KEY is custom_name, custom_unit, evaluators, findings or conclusion, not \"people\""
expect_same "workbook" "$before" "$(wb_state "$WB")"
verdict "maturity --evaluator: the list in --json and stored canonically; a bad date, no role refused"

run tb maturity "$WB" --year 2023 --lang en
expect_rc 0
expect_out_contains "Carbon-management maturity (002 §12, a draft)"
verdict "maturity --lang en"

done_testing
