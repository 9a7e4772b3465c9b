#!/bin/bash
# cli_evaluate.sh - `tanbook evaluate`: the 零碳机关评价 (000 §6) of a two-year workbook whose
# computable items are worked out by hand, the rest entered (--set), to a hand-checked total and
# grade; the veto of a year that fails check; provisional with the unscored codes; an off-step
# assessor score and an unknown code refused with nothing written; --set-text, --clear, English;
# the evaluators as a list (--evaluator, --set-text evaluators=): stored canonically, one undoable
# action, refused with the entry and the reason, an older free text read as names.
#   2022: 100 000 kWh × 0.5366 = 53.66 t;  2023: 80 000 kWh × 0.5306 = 42.448 t   (area 2000 m², 50 人)
#   1.1.1  2023 passes check                                                        → 5
#   1.1.2  42 448 / 2000 = 21.224 kgCO₂e/m² against the base year 2022's 26.83:
#          1 − 21.224 / 26.83 = 20.89 % lower, ≥ 20 %                              → 5
#   1.1.3  42.448 / 50 = 0.84896 t/人 against an entered average 0.8: 6.12 % above,
#          one started step of 10 %: 2 − 0.5                                       → 1.5
#   2.1.1  80 000 kWh × 0.1229 kgce/kWh / 2000 = 4.916 kgce/m² against a quota of 5.2:
#          (5.2 − 4.916) / 5.2 = 5.46 % below, one full step of 5 %: 4 + 1         → 5
#   2.2.1  PV 80 000 kWh against 80 000 kWh bought: 50 % renewable, ≥ 50 %          → 3
#   2.2.2  PV 40 kW: 4 full steps of 10 kW × 0.5 = 2, at most 2                     → 2
#   4.2.3  water 4000 / 2000 = 2 m³/m² in 2022, 3000 / 2000 = 1.5 in 2023: falling  → 1
#   1.3.2  no target in the workbook: entered 90 %, 10 points short, two steps of 5: 4 − 2 → 2
#   computed and 1.3.2: 5 + 5 + 1.5 + 5 + 3 + 2 + 1 + 2 = 24.5
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=zc.tanbook
cat >bills.csv <<'CSV'
期间,排放源,数量,单位,数据来源
2022,外购电力,100000,kWh,电费账单
2023,外购电力,80000,kWh,电费账单
CSV
new_wb "$WB" --unit 测试单位 --year 2022 --area 2000 --headcount 50 --water 4000 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
run tb set "$WB" --year 2023 --area 2000 --headcount 50 --water 3000
expect_rc 0
import_ok "$WB" bills.csv
run tb set "$WB" --base 2022
expect_rc 0
run tb renewable "$WB" --year 2023 --kind pv --quantity 80000 --capacity 40 --evidence "光伏电表读数 2023"
expect_rc 0
run tb check "$WB" --year 2023
expect_rc 0
verdict "setup: 2022 and 2023, base 2022, PV 80 000 kWh / 40 kW, water, check passes"

run tb evaluate "$WB" --year 2023 --json
expect_rc 0
# before any entry: 1.1.1 5 + 1.1.2 5 + 2.2.1 3 + 2.2.2 2 + 4.2.3 1 = 16; 41 − 5 = 36 unscored
expect_json_all \
    "keys" "sorted(k for k in d if k in ('items','total','grade','veto','provisional','unscored'))" \
        "['grade', 'items', 'provisional', 'total', 'unscored', 'veto']" \
    "41 rows" "len(d['items'])" "41" \
    "item keys" "all(set(i) >= {'code','name','attribute','max','score','how','evidence'} for i in d['items'])" "True" \
    "1.1.1" "d['items'][0]['score']" "5" \
    "1.1.2" "d['items'][1]['score']" "5" \
    "1.1.3 unscored" "d['items'][2]['score']" "None" \
    "1.1.3 how" "d['items'][2]['how']" "computed" \
    "2.2.1" "[i['score'] for i in d['items'] if i['code'] == '2.2.1'][0]" "3" \
    "2.2.2" "[i['score'] for i in d['items'] if i['code'] == '2.2.2'][0]" "2" \
    "4.2.3" "[i['score'] for i in d['items'] if i['code'] == '4.2.3'][0]" "1" \
    "total" "d['total']" "16" \
    "provisional" "d['provisional']" "True" \
    "veto" "d['veto']" "False" \
    "unscored" "len(d['unscored'])" "36" \
    "unscored first" "d['unscored'][:5]" "['1.1.3', '1.2.1', '1.2.2', '1.3.1', '1.3.2']" \
    "1.2.1 how" "[i['how'] for i in d['items'] if i['code'] == '1.2.1'][0]" "assessor" \
    "2.1.2 how" "[i['how'] for i in d['items'] if i['code'] == '2.1.2'][0]" "entered" \
    "attribute" "d['items'][0]['attribute']" "binding" \
    "table note" "'41' in d['table_note'] and '42' in d['table_note']" "True"
verdict "evaluate --json: the computed items, 16 points, provisional with 36 codes unscored"

# ---- the references and the rest entered ---------------------------------------------------
run tb evaluate "$WB" --year 2023 --set 1.1.3=0.8 --set 2.1.1=5.2 --set 1.3.2=90 \
    --evidence "行业统计公报 2023" --note "查阅统计公报" --assessor 李四
expect_rc 0
expect_out_contains "1.1.3 人均碳排放量(tCO₂e/人)：1.5 / 2 分"
expect_out_contains "2.1.1 单位建筑面积综合能耗(kgce/m²)：5 / 6 分"
expect_out_contains "1.3.2 年度减排目标及达成率管理：2 / 4 分"
# 16 + 1.5 + 5 + 2 = 24.5
expect_out_contains "总分 24.5 / 100，等级 待改进机关（暂定，33 项未计分）"
verdict "--set the references of 1.1.3 and 2.1.1 and 1.3.2's figure: 1.5, 5, 2; total 24.5"

# the percentage items: all 100 % (full points, 35) but 5.1.2 at 85 %: 15 points short, two
# started steps of 10: 3 − 2 × 0.5 = 2  → 35 − 1 = 34
# the assessor items: 37 in all, but 1.2.1 2.5 (of 3), 3.1.1 2.5 (of 3), 6.1.1 0 (of 3),
# 6.1.3 0 (of 2)                         → 37 − 0.5 − 0.5 − 3 − 2 = 31
sets=()
for c in 2.1.2 2.1.3 3.1.2 3.2.1 3.2.2 4.1.1 4.1.2 4.1.3 4.2.1 4.2.2 4.3.1 5.1.1 5.1.3 6.2.1 6.2.3; do
    sets+=(--set "$c=100")
done
sets+=(--set 5.1.2=85)
for c in 1.2.2=2 1.3.1=4 2.3.1=1 2.3.2=2 3.1.3=2 3.3.1=2 5.2.1=2 5.2.2=1 6.1.2=3 6.2.2=2 \
    6.3.1=2 6.3.2=2 6.3.3=1 1.2.1=2.5 3.1.1=2.5 6.1.1=0 6.1.3=0; do
    sets+=(--set "$c")
done
TANBOOK_ASSESSOR=王五 run tb evaluate "$WB" --year 2023 "${sets[@]}"
expect_rc 0
# 24.5 + 34 + 31 = 89.5: the grade of its lower band, 零碳先进机关 (80–89)
expect_out_contains "总分 89.5 / 100，等级 零碳先进机关"
expect_out_lacks "暂定"
run tb evaluate "$WB" --year 2023 --json
expect_rc 0
expect_json_all \
    "total" "d['total']" "89.5" \
    "grade" "d['grade']" "零碳先进机关" \
    "veto" "d['veto']" "False" \
    "provisional" "d['provisional']" "False" \
    "unscored" "d['unscored']" "[]" \
    "5.1.2" "[i['score'] for i in d['items'] if i['code'] == '5.1.2'][0]" "2" \
    "1.1.3 evidence" "d['items'][2]['evidence']" "行业统计公报 2023" \
    "1.1.3 note" "d['items'][2]['note']" "查阅统计公报" \
    "1.1.3 assessor" "d['items'][2]['assessor']" "李四" \
    "assessor from the environment" "[i['assessor'] for i in d['items'] if i['code'] == '6.3.3'][0]" "王五" \
    "1.3.2 entered" "[i['how'] for i in d['items'] if i['code'] == '1.3.2'][0]" "entered"
verdict "every item scored: 89.5, 零碳先进机关, not provisional (assessor from TANBOOK_ASSESSOR)"

run tb evaluate "$WB" --year 2023
expect_rc 0
expect_out_line '^    1\.1\.3  人均碳排放量\(tCO₂e/人\) +预期性 +2 +1\.5  计算$'
expect_out_contains "佐证：行业统计公报 2023；说明：查阅统计公报；评审：李四"
expect_out_contains "总分：89.5 / 100    等级：零碳先进机关（80-89 分）"
expect_out_contains "评分标准的读法"
expect_out_contains "41 个三级指标"
long=$(awk '{ if (length($0) > 0) print }' <<<"$OUT" | while IFS= read -r l; do
    w=$(printf '%s' "$l" | python3 -c 'import sys,unicodedata; s=sys.stdin.read(); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))')
    [ "$w" -le 80 ] || echo "$l"; done | head -3)
expect_eq "lines wider than 80 columns" "$long" ""
verdict "evaluate (text): the table by level, the working, total and grade, the reading, 80 columns"

run tb evaluate "$WB" --year 2023 --lang en
expect_rc 0
expect_out_contains "Total: 89.5 / 100    Grade: Zero-carbon advanced office (80–89)"
expect_out_contains "Carbon emissions per person (tCO₂e/person)"
verdict "evaluate --lang en"

# ---- refused: nothing written --------------------------------------------------------------
before=$(wb_state "$WB")
run tb evaluate "$WB" --year 2023 --set 1.2.2=0 --set 1.2.1=2.7
expect_rc 1
# 1.2.1 goes 0 … 3 in steps of 0.5: 2.7 is none
expect_err_contains "2.7 分不可用：1.2.1 的得分须在 0 到 3 之间，步长 0.5"
expect_same "workbook" "$before" "$(wb_state "$WB")"
verdict "an off-step assessor score refused (exit 1), the other --set of the command not written"

run tb evaluate "$WB" --year 2023 --set 9.9.9=1
expect_rc 2
expect_err_contains "零碳机关评价没有指标“9.9.9”"
run tb evaluate "$WB" --year 2023 --set 1.1.1=5
expect_rc 1
expect_err_contains "1.1.1 由工作簿的数据计算，不录入数值"
run tb evaluate "$WB" --year 2023 --set 2.1.2=abc
expect_rc 1
run tb evaluate "$WB" --set 2.1.2=50
expect_rc 2
expect_err_contains "须用 --year"
run tb evaluate "$WB" --year 2023 --set 2.1.2=50 --json
expect_rc 2
expect_same "workbook" "$before" "$(wb_state "$WB")"
verdict "an unknown code (exit 2), a value for a computed item, not a number, no --year: nothing written"

# ---- clear, texts ---------------------------------------------------------------------------
run tb evaluate "$WB" --year 2023 --clear 6.3.3 --set-text "findings=监测体系基本完善"
expect_rc 0
expect_out_contains "已清除 6.3.3 最佳实践案例贡献：未计分"
expect_out_contains "已写入 findings"
# 89.5 − 1 = 88.5, 6.3.3 unscored again
expect_out_contains "总分 88.5 / 100，等级 零碳先进机关（暂定，1 项未计分）"
run tb evaluate "$WB" --year 2023 --json
expect_json_all "unscored" "d['unscored']" "['6.3.3']" "provisional" "d['provisional']" "True" \
    "6.3.3 null" "[i['score'] for i in d['items'] if i['code'] == '6.3.3'][0]" "None" \
    "findings in the report" "d['report']['findings']" "监测体系基本完善" \
    "no conclusion yet" "d['report']['conclusion']" ""
run tb evaluate "$WB" --year 2023
expect_out_contains "暂定：尚有 1 项未计分：6.3.3"
verdict "--clear makes an item unscored again: provisional, its code listed; --set-text"

# ---- the evaluators ---------------------------------------------------------------------------
# actions - how many undoable actions the edit log holds, into OUT.
actions() {
    run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM edit_action").fetchone()[0])
' "$WB"
}
# stored CODE - the note of the year 2023's zc entry CODE as the workbook holds it, into OUT.
stored() {
    run "$PY" -c '
import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute(
    "SELECT note FROM assessment WHERE year = 2023 AND eval = ? AND code = ?", ("zc", sys.argv[2])).fetchone()
print(r[0] if r else "(none)")
' "$WB" "$1"
}

actions
n0=$OUT
run tb evaluate "$WB" --year 2023 --evaluator "张三,组长,2026-11-30" --evaluator "李四 | 评审员（高级工程师） | 2026-12-01"
expect_rc 0
expect_out_contains "已写入 evaluators"
stored "#evaluators"
expect_eq "the stored text" "$OUT" "张三，组长，2026-11-30；李四，评审员（高级工程师），2026-12-01"
actions
# two --evaluator options, one change of the one "#evaluators" entry: one action more
expect_eq "undoable actions" "$OUT" "$((n0 + 1))"
run tb evaluate "$WB" --year 2023 --json
expect_json_all "two evaluators" "len(d['report']['evaluators'])" "2" \
    "the first" "d['report']['evaluators'][0]" "{'name': '张三', 'role': '组长', 'date': '2026-11-30'}" \
    "the second's role" "d['report']['evaluators'][1]['role']" "评审员（高级工程师）" \
    "the second's date" "d['report']['evaluators'][1]['date']" "2026-12-01" \
    "findings kept" "d['report']['findings']" "监测体系基本完善"
# one --evaluator now: the list it gives replaces the two
run tb evaluate "$WB" --year 2023 --evaluator "王五，评审员，2026-12-02"
expect_rc 0
run tb evaluate "$WB" --year 2023 --json
expect_json "replaced" "d['report']['evaluators']" "[{'name': '王五', 'role': '评审员', 'date': '2026-12-02'}]"
verdict "--evaluator twice: one undoable change, stored canonically, --json report.evaluators[]; once more replaces"

before=$(wb_state "$WB")
run tb evaluate "$WB" --year 2023 --evaluator "张三,组长,2026-11-30" --evaluator "李四,评审员"
expect_rc 1
expect_err_contains "--evaluator：评价人员第 2 位“李四”缺少日期（YYYY-MM-DD）"
run tb evaluate "$WB" --year 2023 --set-text "evaluators=张三,组长,2026-02-29"
expect_rc 1
# 2026 is no leap year
expect_err_contains "评价人员第 1 位“张三”的日期“2026-02-29”不是有效的日期（YYYY-MM-DD）"
run tb evaluate "$WB" --year 2023 --set-text "evaluators=张三,2026-11-30" --lang en
expect_rc 1
expect_err_contains "evaluator 1 \"张三\": the role (position or title) is missing"
run tb evaluate "$WB" --year 2023 --evaluator "张三,组长,2026-11-30;李四,评审员,2026-12-01"
expect_rc 1
expect_err_contains "每个写一位评价人员"
run tb evaluate "$WB" --year 2023 --evaluator "张三,组长,2026-11-30" --set-text "evaluators=李四,评审员,2026-12-01"
expect_rc 2
run tb evaluate "$WB" --year 2023 --set-text "people=张三"
expect_rc 2
expect_err_contains "KEY 应为 evaluators、findings 或 conclusion，而不是“people”"
expect_same "workbook" "$before" "$(wb_state "$WB")"
verdict "evaluators that do not parse: exit 1 with the entry and the reason (zh, en); nothing written"

run tb evaluate "$WB" --year 2023 --set-text "evaluators=张三|组长|2026-11-30
李四	评审员	2026-12-01"
expect_rc 0
stored "#evaluators"
expect_eq "the stored text" "$OUT" "张三，组长，2026-11-30；李四，评审员，2026-12-01"
# an older workbook's free text, written straight into the entry: names with role and date ""
"$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE assessment SET note = ? WHERE year = 2023 AND eval = ? AND code = ?",
           ("评审组：王五（组长）；赵六", "zc", "#evaluators"))
db.commit()' "$WB"
run tb evaluate "$WB" --year 2023 --json
expect_json "the free text as names" "d['report']['evaluators']" \
    "[{'name': '评审组：王五（组长）', 'role': '', 'date': ''}, {'name': '赵六', 'role': '', 'date': ''}]"
run tb evaluate "$WB" --year 2023 --set-text "evaluators="
expect_rc 0
expect_out_contains "已清除 evaluators"
run tb evaluate "$WB" --year 2023 --json
expect_json "cleared" "d['report']['evaluators']" "[]"
verdict "--set-text evaluators= by newline and tab, stored canonically; an older free text read as names; cleared"

# ---- the veto -------------------------------------------------------------------------------
run tb set "$WB" --year 2024 --area 2000 --headcount 50
expect_rc 0
run tb evaluate "$WB" --year 2024 --json
expect_rc 0
# 2024 has no emission source: check fails, 1.1.1 0, vetoed
expect_json_all "veto" "d['veto']" "True" "grade" "d['grade']" "待改进机关" \
    "1.1.1" "d['items'][0]['score']" "0"
run tb evaluate "$WB" --year 2024
expect_out_contains "待改进机关（1.1.1 未通过，一票否决：无论总分均为此等级）"
verdict "a year that fails check: 1.1.1 0, vetoed, 待改进机关"

run tb evaluate "$WB" --year 2023 --set 6.3.3=1 --evidence-file missing.pdf
expect_rc 1
verdict "an evidence file that cannot be read: refused"

# --evidence-file without --evidence keeps the reference entered before (the two were one buffer:
# a sanitizer build caught the old code reading it after freeing it)
run tb evaluate "$WB" --year 2023 --set 6.3.2=2 --evidence "持续改进制度 2023"
expect_rc 0
echo "改进记录" > "$TMP/improve.pdf"
run tb evaluate "$WB" --year 2023 --set 6.3.2=2 --evidence-file "$TMP/improve.pdf"
expect_rc 0
run tb evaluate "$WB" --year 2023 --set 6.3.2=2 --evidence-file "$TMP/missing.pdf"
expect_rc 1
run tb evaluate "$WB" --year 2023 --json
expect_json_all "the reference kept" "[i['evidence'] for i in d['items'] if i['code'] == '6.3.2'][0]" "持续改进制度 2023"
verdict "--evidence-file alone keeps the reference entered before; an unreadable one changes nothing"

done_testing
