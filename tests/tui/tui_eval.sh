#!/bin/bash
# tui_eval.sh - the two evaluation steps on the demo workbook (2024), at 80x24 and 160x40, in
# Chinese and with --lang en: the step bar fits 80 columns with sixteen steps; E.1 shows the total
# and grade; entering 1.1.3's sector average asks the assessor's name once, scores the item and
# changes the total; an assessor's points off the rule's steps and a word are refused with the
# reason, the editor kept; a second score asks no name; Ctrl-Z takes each back; wrong keys (Ins,
# F2, typing on a computed item) change nothing; E.2 setting a1 sets a2 = 1 − a1 and one Ctrl-Z
# takes both back; at 80x24 the findings typed on E.1's report row are saved and shown in full, and
# the evaluators typed there are checked (one without a date refused with the reason, the editor
# kept), stored as the canonical list, shown as the list with the format on the help line.
#
# Hand calculation (the demo's 2024; see tests/test_sheet_eval.c):
#   E.1: 1.1.1 passes check 5 + 2.2.2 40 kW of PV 2 = 7; 1.1.3 4.28 tCO₂e/人 below a sector
#        average of 5 scores 2 → 9; 1.2.1 at 3 → 12
#   E.2: the historical method: 62.3394 kgCO₂e/m² against 2023's 64.1158, a decline of 2.77 %:
#        80 points; I = 0.6 × 0 + 0.4 × 80 = 32; a1 = 0.7: 0.7 × 0 + 0.3 × 80 = 24
. "$(dirname "$0")/lib.sh"

WB="$TMP/eval.tanbook"
tb demo "$WB" >/dev/null 2>&1 || note "setup: demo failed"

# The keys that walk from A.1 to E.1 (the fourteenth step), and on E.2 from the first criterion to
# @a1: 52 criteria with 6 + 21 headings, the quantitative head and 5 rows, the settings' head.
to_e1() { for _ in $(seq 13); do tt_keys NPage; done; }
to_a1() { for _ in $(seq 84); do tt_keys Down; done; }
# On E.1, to the findings' text: past the last row (the conclusion), one up, four right to the
# note column (value, working, evidence, file, note).
to_findings() { for _ in $(seq 70); do tt_keys Down; done; tt_keys Up Right Right Right Right; }
# … and two up, to the evaluators' text.
to_evaluators() { for _ in $(seq 70); do tt_keys Down; done; tt_keys Up Up Right Right Right Right; }

# stored_evaluators - the note of 2024's zc "#evaluators" as the workbook holds it.
stored_evaluators() {
    /usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
r = db.execute("SELECT note FROM assessment WHERE year = 2024 AND eval = ? AND code = ?",
               ("zc", "#evaluators")).fetchone()
print(r[0] if r else "(none)")' "$WB" 2>&1
}

# On E.1 at 80x24, on the evaluators' text: evaluators typed without the second's date are refused, the text kept in the
# editor; the date added, the canonical list is stored and the help line shows it; Ctrl-Z.
evaluators() {
    local saved
    if [ "$lang" = en ]; then
        tt_wait 'Evaluators: each NAME, ROLE (position or title), DATE YYYY-MM-DD'
        tt_wait '(empty: type it; empty clears)'
        tt_type 'Zhang San, leader, 2026-11-30; Li Si | reviewer'
        tt_keys Enter
        tt_wait 'evaluator 2 "Li Si": the date (YYYY-MM-DD) is missing'
        tt_type ' | 2026-12-01'
        tt_keys Enter
        tt_wait 'Saved “Evaluators (name, role, date)” (Ctrl-Z undoes)'
        tt_keys Up           # saving moved down a row
        tt_wait '2 now: Zhang San (leader, 2026-11-30); Li Si'
        want='Zhang San，leader，2026-11-30；Li Si，reviewer，2026-12-01'
    else
        tt_wait '评价人员：每位 姓名，角色（职务/职称），日期 YYYY-MM-DD，各位以；分隔'
        tt_wait '（空，直接输入；留空即清除）'
        tt_type '张三，组长，2026-11-30；李四，评审员'
        tt_keys Enter
        tt_wait '评价人员第 2 位“李四”缺少日期（YYYY-MM-DD）'
        tt_type '，2026-12-01'
        tt_keys Enter
        tt_wait '已保存“评价人员（姓名、角色、日期）”（Ctrl-Z 可撤销）'
        tt_keys Up           # saving moved down a row
        tt_wait '张三（组长，2026-11-30）、李四（评审员，2026-12-01）'
        want='张三，组长，2026-11-30；李四，评审员，2026-12-01'
    fi
    saved=$(stored_evaluators)
    [ "$saved" = "$want" ] || note "${WHERE}the workbook holds for #evaluators: $saved"
    verdict "${WHERE}evaluators without a date refused with the reason, the editor kept; the list saved canonically"
    tt_keys C-z
    tt_wait "$([ "$lang" = en ] && echo Undone || echo 已撤销)"
    saved=$(stored_evaluators)
    [ "$saved" = "(none)" ] || note "${WHERE}Ctrl-Z left #evaluators: $saved"
    verdict "${WHERE}Ctrl-Z takes the evaluators back"
}

run() {
    local cols=$1 rows=$2 lang=$3
    WHERE="${cols}x$rows $lang: "
    if [ "$lang" = en ]; then
        tt_start "$cols" "$rows" "$WB" --lang en
        tt_wait 'Table A.1 Basic information'
    else
        tt_start "$cols" "$rows" "$WB"
        tt_wait '2024年度'
    fi
    bar=$(tt_screen | sed -n 2p)
    [ "$(printf '%s' "$bar" | wc -L)" -le "$cols" ] || note "${WHERE}the step bar is wider than the screen: $bar"
    printf '%s' "$bar" | grep -q 'E.1' && printf '%s' "$bar" | grep -q 'E.2' \
        || note "${WHERE}the step bar does not show E.1 and E.2: $bar"
    if [ "$cols" = 80 ]; then
        tt_wait ' N.4 E.1 E.2 '
    fi
    to_e1
    if [ "$lang" = en ]; then
        tt_wait 'E.1 Zero-carbon office evaluation  (14/16)'
        tt_wait 'Total 7 / 100 · grade Office to improve (provisional: 38 unscored)'
        tt_wait '1.1.1  Completeness'
        verdict "${WHERE}E.1 shows the indicators, the total 7 and the provisional grade"
        tt_keys IC F2            # no Ins, no F2 here: nothing happens
        tt_type 'x'              # on 1.1.1, computed: no value to type
        tt_wait 'This value is computed'
        tt_keys Down Down
        tt_type '5'
        tt_keys Enter
        tt_wait "Assessor's name:"
        tt_type 'Zhang'
        tt_keys Enter
        tt_wait 'Saved “1.1.3 Value” (Ctrl-Z undoes)'
        tt_wait 'Total 9 / 100'
        verdict "${WHERE}1.1.3's sector average asks the assessor once and scores 2: total 9"
        tt_type '2.3'
        tt_keys Enter
        tt_wait '2.3'
        tt_wait_gone 'Saved “1.2.1'
        tt_keys C-u
        tt_type 'good'
        tt_keys Enter
        tt_wait '“good” is not a number'
        tt_keys C-u
        tt_type '3'
        tt_keys Enter
        tt_wait 'Saved “1.2.1 Value”'
        tt_wait 'Total 12 / 100'
        tt_screen | grep -q "Assessor's name" && note "${WHERE}the assessor was asked twice"
        verdict "${WHERE}2.3 and a word are refused with the reason; 3 is saved without asking again"
        tt_keys C-z
        tt_wait 'Undone'
        tt_wait 'Total 9 / 100'
        tt_keys C-z
        tt_wait 'Total 7 / 100'
        verdict "${WHERE}Ctrl-Z takes each score back: 9, then 7"
        if [ "$cols" = 80 ]; then
            to_evaluators
            evaluators
        fi
        tt_keys NPage
        tt_wait 'E.2 Carbon-management maturity evaluation  (15/16)'
        tt_wait 'Qualitative 0 · quantitative 80 · total I 32 · One star (provisional)'
        to_a1
        tt_wait 'Weight a1 of the qualitative'
        tt_type '0.7'
        tt_keys Enter
        tt_wait 'Saved “@a1”'
        tt_wait 'total 24 One star'
        tt_screen | grep '@a2' | grep -q '0.3' || note "${WHERE}a2 did not follow a1: $(tt_screen | grep '@a2')"
        tt_keys C-z
        tt_wait 'total 32 One star'
        tt_screen | grep '@a2' | grep -q '0.4' || note "${WHERE}Ctrl-Z left a2: $(tt_screen | grep '@a2')"
        verdict "${WHERE}E.2: a1 0.7 sets a2 0.3 (total 24), one Ctrl-Z takes both back"
    else
        tt_wait 'E.1 零碳机关评价  (14/16)   总分 7/100 待改进机关（暂定）'
        tt_wait '总分 7 / 100　等级 待改进机关（暂定：38 项未评分）'
        tt_wait '1.1.1  碳排放总量核算完'
        verdict "${WHERE}E.1 shows the indicators, the total 7 and the provisional grade"
        tt_keys IC F2
        tt_type 'x'
        tt_wait '此项由程序计算'
        tt_keys Down Down
        tt_type '5'
        tt_keys Enter
        tt_wait '评审人姓名：'
        tt_type '张三'
        tt_keys Enter
        tt_wait '已保存“1.1.3 取值”（Ctrl-Z 可撤销）'
        tt_wait '总分 9/100'
        verdict "${WHERE}1.1.3's sector average asks the assessor once and scores 2: total 9"
        tt_type '2.3'
        tt_keys Enter
        tt_wait '2.3'
        tt_wait_gone '已保存“1.2.1'
        tt_keys C-u
        tt_type '很好'
        tt_keys Enter
        tt_wait '“很好”不是数字'
        tt_keys C-u
        tt_type '3'
        tt_keys Enter
        tt_wait '已保存“1.2.1 取值”'
        tt_wait '总分 12/100'
        tt_screen | grep -q '评审人姓名' && note "${WHERE}the assessor was asked twice"
        verdict "${WHERE}2.3 and a word are refused with the reason; 3 is saved without asking again"
        tt_keys C-z
        tt_wait '已撤销'
        tt_wait '总分 9/100'
        tt_keys C-z
        tt_wait '总分 7/100'
        verdict "${WHERE}Ctrl-Z takes each score back: 9, then 7"
        if [ "$cols" = 80 ]; then
            to_findings
            tt_wait '评价发现：（空'
            tt_type '能耗台账齐全，光伏运行正常'
            tt_keys Enter
            tt_wait '已保存“评价发现”（Ctrl-Z 可撤销）'
            tt_keys Up
            tt_wait '评价发现：能耗台账齐全，光伏运行正常'
            saved=$(/usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(db.execute("SELECT value IS NULL, note FROM assessment WHERE year = 2024 AND eval = ? AND code = ?",
                 ("zc", "#findings")).fetchone())' "$WB" 2>&1)
            [ "$saved" = "(1, '能耗台账齐全，光伏运行正常')" ] \
                || note "${WHERE}the workbook holds for #findings: $saved"
            verdict "${WHERE}the findings typed on E.1's report row are saved and shown in full"
            tt_keys C-z
            tt_wait '已撤销'
            tt_keys Up          # from the findings' text to the evaluators'
            evaluators
        fi
        tt_keys NPage
        tt_wait 'E.2 碳排放管理体系成熟度评价  (15/16)'
        tt_wait '定性 0　定量 80　总分 I 32　星级 一星（暂定）'
        to_a1
        tt_wait '定性评价指标权重 a1'
        tt_type '0.7'
        tt_keys Enter
        tt_wait '已保存“@a1”'
        tt_wait '总分 24 一星'
        tt_screen | grep '@a2' | grep -q '0.3' || note "${WHERE}a2 did not follow a1: $(tt_screen | grep '@a2')"
        tt_keys C-z
        tt_wait '总分 32 一星'
        tt_screen | grep '@a2' | grep -q '0.4' || note "${WHERE}Ctrl-Z left a2: $(tt_screen | grep '@a2')"
        verdict "${WHERE}E.2: a1 0.7 sets a2 0.3 (total 24), one Ctrl-Z takes both back"
    fi
    tt_keys F10
    tt_wait_exit >/dev/null
}

run 80 24 zh
run 160 40 zh
run 80 24 en
run 160 40 en
