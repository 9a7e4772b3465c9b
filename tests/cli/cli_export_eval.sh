#!/bin/bash
# cli_export_eval.sh - `tanbook export` of the demo workbook carries the two evaluations last:
# 零碳机关评价, 成熟度评价 and 佐证材料清单 after the carbon-neutrality sheets, read back by
# tests/export_eval_check.py, the whole file by tests/export_check.py against summary --json.
# No assessment is entered (the command that enters them is tested on its own): the items the
# workbook computes are scored, the rest blank, the grade provisional. Then the evaluators entered
# with --evaluator (E.1) and --set-text evaluators= (E.2) are the covers' tables of name, role and
# date, the assessor of an entry not on the list added once.
#
# The demo's 2024: 1.1.1 passes check → 5; 2.2.2 40 kW → 0.5 per full 10 kW = 2; 2.2.1 可再生能源
# 利用率 2.04 % → 3 − 0.5 × 10 started 5 % steps = 0 (below 0 is 0): total 7, 待改进机关 (暂定).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

EVAL="$T_DIR/../export_eval_check.py"
CHECK="$T_DIR/../export_check.py"

run tb demo demo.tanbook
expect_rc 0
run tb export demo.tanbook -o demo.xlsx
expect_rc 0
res=$("$PY" "$EVAL" demo.xlsx --names '零碳机关评价,成熟度评价,佐证材料清单' \
    --row '零碳机关评价|*|*|1.1.1|碳排放总量核算完备性|约束性|5|*|5|计算' \
    --row '零碳机关评价|*|*|2.2.2|可再生能源发电装机容量(kW)|预期性|2|*|2|计算|40 kW' \
    --blank '零碳机关评价|*|*|1.2.1|碳排放监测体系完备度|约束性|3|*|8' \
    --row '零碳机关评价|综合得分|||7' \
    --row '零碳机关评价|评价等级|||待改进机关（暂定）' \
    --row '零碳机关评价|评价人员|||未填写' --people '零碳机关评价|' --people '成熟度评价|' \
    --row '成熟度评价|定性评价指标权重 a1|||**|0.6|0.6' \
    --row '佐证材料清单|碳抵消|CCER CCER-DEMO-0001 示例风电场项目|注销证明（2025-03-20）' 2>&1) || note "$res"
tb summary demo.tanbook --json >demo.json 2>/dev/null || note "setup: summary --json failed"
res=$("$PY" "$CHECK" demo.xlsx demo.json 2>&1) || note "$res"
verdict "the demo's export ends with the evaluations: computed items scored, the rest blank, provisional"

run tb evaluate demo.tanbook --year 2024 --evaluator "王五,组长（高级工程师）,2026-11-30" \
    --evaluator "赵六，评审员，2026-12-01"
expect_rc 0
run tb evaluate demo.tanbook --year 2024 --set 1.2.1=2 --assessor 孙七
expect_rc 0
run tb maturity demo.tanbook --year 2024 --set-text "evaluators=赵六|组长|2026-12-02"
expect_rc 0
run tb export demo.tanbook -o people.xlsx
expect_rc 0
# 孙七 scored 1.2.1 and is not on E.1's list: a row of their own, after it; E.2 has no assessor
res=$("$PY" "$EVAL" people.xlsx --names '零碳机关评价,成熟度评价,佐证材料清单' \
    --people '零碳机关评价|王五,组长（高级工程师）,2026-11-30;赵六,评审员,2026-12-01;孙七,评审人（录入评分）,' \
    --people '成熟度评价|赵六,组长,2026-12-02' 2>&1) || note "$res"
verdict "the evaluators entered on the command line are the covers' tables: name, role, date"

done_testing
