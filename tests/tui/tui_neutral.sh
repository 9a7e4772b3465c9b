#!/bin/bash
# tui_neutral.sh - the steps of 可再生能源与抵销 at 80x24 on the office of tui_perf.sh (2023): N.1 Ins
# adds a PV row, without evidence it is marked and left out, with evidence and its file it counts
# and N.3's green power share shows it; N.2 Ins adds a CCER, it is 不计入 with its reason until it is
# cancelled with a proof, then 计入, and N.3 flips to 实现碳中和; Ctrl-Z takes the proof back and
# with it the judgement; N.4's commitment typed and saved; the step bar fits 80 columns; --lang en
# labels at 80 and 160 columns; a wrong key on the view changes nothing.
#
# Hand calculation (the national grid factor the workbook pins for 2023):
#   110 000 kWh × 0.5306 tCO₂/MWh = 58.366 tCO₂e → "58.37" (scope 2 = emissions; no scope 1)
#   PV 10 000 kWh with evidence: green power share 10 000 ÷ (110 000 + 10 000) = 8.33 %
#   CCER 60 t registered 2020, cancelled with a proof: 60 ≥ 58.366 → 实现碳中和; rate 60 ÷ 58.366 = 102.80 %
#   without the proof: 0 eligible, shortfall 58.37
. "$(dirname "$0")/lib.sh"

WB="$TMP/neutral.tanbook"
printf '期间,排放源,数量,单位,数据来源\n2022,外购电力,100000,kWh,电费账单\n2023,外购电力,110000,kWh,电费账单\n' \
    >"$TMP/n.csv"
tb new "$WB" --unit 某县机关 --year 2022 --area 2000 --headcount 50 --address 某路1号 \
    --contact 张三 --phone 0571-87654321 --co-located 无 >/dev/null 2>&1 || note "setup: new failed"
tb set "$WB" --year 2023 --area 2000 --headcount 50 >/dev/null 2>&1 || note "setup: set failed"
tb import "$WB" "$TMP/n.csv" >/dev/null 2>&1 || note "setup: import failed"
printf 'PV 2023 settlement\n' >"$TMP/pv.pdf"

# no_cut WHAT - notes a cut text ("…") on the grid's rows (the help line may end in one).
tt_start 80 24 "$WB"
tt_wait '2023年度'
tt_wait ' P.1 P.2 P.3 N.1 N.2 N.3 N.4 E.1 E.2 导出'
bar=$(tt_screen | sed -n 2p)
[ "$(printf '%s' "$bar" | wc -L)" -le 80 ] || note "the step bar is wider than 80 columns: $bar"
verdict "the step bar shows all sixteen ids within 80 columns"

tt_keys NPage NPage NPage NPage NPage NPage NPage NPage NPage
tt_wait 'N.1 可再生能源与绿电  (10/16)'
tt_wait '还没有记录：按 Ins 添加'
tt_keys IC
tt_wait '添加可再生能源或绿电'
tt_wait '可再生热力（太阳能热水、热泵）（GJ）'
tt_type '光伏'
tt_keys Enter
tt_wait '期间 数量（如 2023 12000'
tt_type '2023 10000'
tt_keys Enter
tt_wait '已添加 光伏发电（自用） 2023：请填写佐证'
tt_wait '光伏发电（自用）     2023          10000 kWh  无佐证，不计入'
tt_keys NPage NPage
tt_wait 'N.3 碳中和  (12/16)'
tt_wait '绿色电力利用率                     0.00 %'
for i in $(seq 1 20); do tt_keys Down; done
tt_wait '1 条     在 N.1 填写佐证后计入利用率'
tt_keys PPage PPage
tt_wait 'N.1 可再生能源与绿电'
tt_keys Tab                        # from 数量 to 佐证, the next cell to fill
tt_type '光伏结算单 2023-12'
tt_keys Enter
tt_wait '已保存“佐证”（Ctrl-Z 可撤销）'
tt_wait '光伏发电（自用）     2023          10000 kWh  计入           光伏结算单 20'
tt_keys Right Right
tt_type "$TMP/pv.pdf"
tt_keys Enter
tt_wait '已保存“佐证文件”'
tt_keys Left Right                 # the message gone, the help line has the path in full
tt_wait "佐证文件：$TMP/pv.pdf"
verdict "N.1 Ins adds PV 10 000 kWh: 无佐证，不计入 until its evidence is given, then 计入 with its file"

tt_keys NPage NPage
tt_wait 'N.3 碳中和  (12/16)'
tt_wait '排放合计（边界内）                58.37 tCO₂e'
tt_wait '绿色电力利用率                     8.33 %'
tt_wait '判断（003 §8.3）           未实现碳中和'
tt_wait '缺口                              58.37 tCO₂e'
tt_keys Down Down Down Down Down
tt_wait '基于市场：绿电、绿证为零'       # the focused row's basis, on the help line
tt_type 'x'
tt_keys Enter
tt_wait '不能直接修改'
tt_keys IC F2
tt_wait '判断（003 §8.3）           未实现碳中和'
verdict "N.3 shows the PV in the green share (8.33 %), 未实现碳中和 with the shortfall; typing there changes nothing"

tt_keys PPage
tt_wait 'N.2 碳抵消  (11/16)'
tt_keys IC
tt_wait '添加 2023 年的碳抵消'
tt_wait '其他（不在 003 §7.3.1.2 之列）'
tt_keys Enter
tt_wait '已添加 CCER'
tt_type '60'
tt_keys Enter
tt_wait '已保存“数量”'
tt_wait 'CCER       不计入：没有佐证…'
tt_keys Right Right
tt_type 'CCER-001'
tt_keys Enter Right
tt_type '2020-13-01'
tt_keys Enter
tt_wait '登记日期须为日期 YYYY-MM-DD（如 2024-06-30）'
tt_wait '2020-13-01'                   # the typed text is still there
tt_keys C-u
tt_type '2020-01-01'
tt_keys Enter
tt_wait '已保存“登记日期”'
tt_keys Right Right Right Right Right Right Right
tt_type '交易凭证 2023-06'
tt_keys Enter
tt_wait '已保存“佐证”'
tt_keys Left
tt_wait '不计入：尚未注销（003 §7.3.1.1：须在登记机构注销）'
verdict "N.2 Ins adds a CCER of 60 t: 不计入 with the reason on the help line; a bad date is refused, the text kept"

tt_keys Left Left Left
tt_type '2023-12-01'
tt_keys Enter
tt_wait '已保存“注销日期”'
tt_keys Right
tt_wait '不计入：没有注销证明（003 §7.3.1.1）'
tt_type '注销证明 001'
tt_keys Enter
tt_wait '已保存“注销证明”'
tt_wait 'CCER       计入   '
tt_keys NPage
tt_wait '判断（003 §8.3）             实现碳中和'
tt_wait '碳中和率                         102.80 %'
tt_wait_gone '缺口 '
verdict "cancelled with a proof the CCER is 计入, and N.3 says 实现碳中和 (102.80 %)"

tt_keys C-z
tt_wait '已撤销'
tt_wait '判断（003 §8.3）           未实现碳中和'
tt_keys PPage
tt_wait 'CCER       不计入：没有注销…'
verdict "Ctrl-Z takes the proof back: not counted, 未实现碳中和 again"

tt_keys NPage NPage
tt_wait 'N.4 碳中和计划与声明  (13/16)   计划：全工作簿；声明：2023 年'
tt_type '本单位承诺于 2030 年前实现运营碳中和'
tt_keys Enter
tt_wait '已保存“碳中和承诺的陈述”'
tt_wait '碳中和承诺的陈述   本单位承诺于 2030 年前实现运营碳中和'
tt_keys Up
tt_wait '碳中和承诺的陈述：本单位承诺于 2030 年前实现运营碳中和'
verdict "N.4: the commitment typed and saved, in full on the help line"
tt_keys F10
tt_wait_exit >/dev/null
tb neutrality "$WB" --year 2023 --json >"$TMP/n.json" 2>/dev/null \
    && { grep -q '"achieved": *false' "$TMP/n.json" || note "neutrality --json: $(cat "$TMP/n.json")"; }

WHERE="--lang en: "
# cjk_beyond WHAT - notes Chinese on the screen other than the unit's name and the texts typed.
cjk_beyond() {
    local bad
    bad=$(tt_screen | "$PY" -c '
import re, sys
cjk = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
for line in sys.stdin.read().splitlines():
    for typed in ("某县机关", "本单位承诺于 2030 年前实现运营碳中和", "光伏结算单 20", "交易凭证 20"):
        line = line.replace(typed, "")
    if cjk.search(line):
        print(line.rstrip())
')
    [ -z "$bad" ] || note "$WHERE$1: Chinese in English labels:"$'\n'"$bad"
}
for size in "80 24" "160 40"; do
    tt_start $size "$WB" --lang en
    tt_wait 'Table A.1'
    tt_keys NPage NPage NPage NPage NPage NPage NPage NPage NPage
    tt_wait 'N.1 Renewables and green power  (10/16)'
    tt_wait 'Kind                 Period   Quantity   Unit Counted        Evidence'
    tt_wait 'PV used on site      2023          10000 kWh  counted'
    cjk_beyond "N.1 $size"
    tt_keys NPage
    tt_wait 'Type         Counted            tCO₂e'
    tt_wait 'not counted: no c…'
    tt_wait 'Not counted: no cancellation proof (003 §7.3.1.1)'
    cjk_beyond "N.2 $size"
    tt_keys NPage
    tt_wait 'N.3 Carbon neutrality  (12/16)'
    tt_wait 'Judgement (003 §8.3)'
    tt_wait 'not achieved'
    tt_wait 'Green power share'
    cjk_beyond "N.3 $size"
    tt_keys NPage
    tt_wait 'N.4 Carbon-neutrality plan and statement  (13/16)'
    tt_wait 'Commitment'
    tt_wait 'Evaluator'
    cjk_beyond "N.4 $size"
    tt_keys F10
    tt_wait_exit >/dev/null
done
verdict "--lang en: English labels on N.1-N.4 at 80 and 160 columns"

done_testing
