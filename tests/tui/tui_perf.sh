#!/bin/bash
# tui_perf.sh - the carbon performance steps at 80x24 on a two-year office (2022, 2023): P.1
# shows the figures as reported, F2 sets the base 2022 with its reason and the screen then shows
# the like-for-like figures and the activity/factor split, Ctrl-Z removes the base again; P.2
# Ins adds an intensity target −10 % to 2025 with its milestone, off track; P.3 Ins picks
# 分布式光伏发电技术 from 003 表C.1; the step bar shows ids at 80 (only marks between) and 100 columns and names
# at 240; --lang en shows English heads; nothing on P.1 is cut at 80x24.
#
# Hand calculation (the national grid factors the workbook pins):
#   2022 100 000 kWh × 0.5366 tCO₂/MWh = 53.66 tCO₂e; 2023 110 000 kWh × 0.5306 = 58.366 → "58.37"
#   like for like (2022's factor): 110 000 × 0.5366 = 59.026 → "59.03", +10.00 % on the base
#   split of 58.366 − 53.66 = 4.706 → "+4.71": activity 59.026 − 53.66 = "+5.37",
#   factor 58.366 − 59.026 = "−0.66"
#   intensity 2022 53.66 × 1000 / 2000 = 26.83; −10 % by 2025: r = 1 − 0.9^(1/3) = 3.451 %,
#   milestone 2023 26.83 × (1 − r) = 25.904 → "25.90" < actual 58.366 × 1000 / 2000 = 29.18: off track
. "$(dirname "$0")/lib.sh"

WB="$TMP/perf.tanbook"
printf '期间,排放源,数量,单位,数据来源\n2022,外购电力,100000,kWh,电费账单\n2023,外购电力,110000,kWh,电费账单\n' \
    >"$TMP/perf.csv"
tb new "$WB" --unit 某县机关 --year 2022 --area 2000 --headcount 50 --address 某路1号 \
    --contact 张三 --phone 0571-87654321 --co-located 无 --uscc 91350100M000100Y43 >/dev/null 2>&1 \
    || note "setup: new failed"
tb set "$WB" --year 2023 --area 2000 --headcount 50 >/dev/null 2>&1 || note "setup: set failed"
tb import "$WB" "$TMP/perf.csv" >/dev/null 2>&1 || note "setup: import failed"

# no_cut WHAT - notes a cut text ("…") anywhere on the screen.
no_cut() {
    if tt_screen | grep -q '…'; then
        note "$WHERE$1: something is cut:"$'\n'"$(tt_screen)"
    fi
}

tt_start 80 24 "$WB"
tt_wait '2023年度'
tt_wait ' P.1 P.2 P.3 N.1 N.2 N.3 N.4 E.1 E.2 导出'   # ids with only their marks between: sixteen steps at 80
tt_keys NPage NPage NPage NPage NPage NPage
tt_wait 'P.1 碳绩效  (7/16)   未设碳基准（F2 设定）'
tt_wait '碳排放总量           tCO₂e        58.37   +8.77       —          —        —'
tt_wait '按报告值 较上年% 较基准% 可比       较基准%'
no_cut "P.1 without a base"
verdict "P.1 shows the figures as reported (58.37, +8.77 % on 2022) and that no base is set, uncut at 80x24"

tt_keys F2
tt_wait '设定碳基准（选一种，再写原因）'
tt_wait '2022 年（单一年份）'
tt_wait '2022—2023 年平均'
tt_wait '最近 3 个完整年份的移动平均'
tt_keys Enter
tt_wait '设定或重设碳基准的原因（可留空）：'
tt_type '首次设定'
tt_keys Enter
tt_wait '已设定碳基准：2022 年（单一年份）（Ctrl-Z 可撤销）'
tt_wait '可比 = 按 2022 年因子重算（F2 基准）'
tt_wait '按报告值 较上年% 较基准% 可比(2022) 较基准%'
tt_wait '碳排放总量           tCO₂e        58.37   +8.77   +8.77      59.03   +10.00'
no_cut "P.1 with the base"
for i in $(seq 1 30); do tt_keys Down; done
tt_wait '碳基准：2022 年（单一年份），因子取 2022 年（F2 重设，Ctrl-Z 撤销）'
tt_wait '基准值（按报告值）：53.66 tCO₂e · 26.83 kgCO₂e/m² · 1.073 tCO₂e/人'
tt_wait '原因：首次设定'
tt_wait '较基准变化分解 tCO₂e               变化                   活动影响 因子影响'
tt_wait '外购电力                        +4.71                      +5.37    −0.66'
tt_wait '碳排放总量           ▁█           53.66                      58.37    +8.77'
verdict "F2 sets the base 2022: like for like 59.03 (+10.00 %), base 53.66, split +5.37 activity −0.66 factor"

tt_keys C-z
tt_wait '已撤销'
tt_wait '尚未设定碳基准：按 F2 设定'
tt_wait_gone '活动影响'
verdict "Ctrl-Z removes the base again"

tt_keys F2
tt_wait '2022 年（单一年份）'
tt_keys Enter
tt_wait '原因（可留空）'
tt_keys Enter
tt_wait '已设定碳基准'
tt_keys NPage
tt_wait 'P.2 碳目标  (8/16)'
tt_wait '还没有碳目标：按 Ins 添加'
tt_keys IC
tt_wait '添加碳目标'
tt_wait '预设 national-2025'
tt_type '单位建筑面积碳'
tt_wait '单位建筑面积碳排放量（kgCO₂e/m²）'
tt_keys Enter
tt_wait '目标年 总体下降率%'
tt_type '2025 -10'
tt_keys Enter
tt_wait '已保存单位建筑面积碳排放量'
tt_wait '参数                 基准期    目标年 总体降% 年均降% 目标值  实际    里程碑'
tt_wait '单位建筑面积碳排放量 2022        2025   10.00    3.45   24.15   29.18    25.90'
tt_keys Right Right Right Right Right Right Right Right
tt_wait '未达标'
verdict "P.2 Ins adds an intensity target −10 % to 2025: milestone 25.90, actual 29.18, off track"

tt_keys NPage
tt_wait 'P.3 措施计划  (9/16)'
tt_keys IC
tt_wait '添加减排措施（003 表C.1）'
tt_type '光伏'
tt_wait '分布式光伏发电技术 · 非化石能源替代'
tt_keys Enter
tt_wait '已添加 分布式光伏发电技术'
tt_wait '   2 分布式光伏发电技术'
tt_wait '预期减排合计 0.00 tCO₂e（尚无可计算的碳排放总量目标，P.2 添加）'
verdict "P.3 Ins picks 分布式光伏发电技术 from 表C.1; the total row holds the sum"

tt_resize 100 30
tt_wait ' P.1   P.2   P.3   N.1   N.2   N.3   N.4   E.1   E.2   导出'
tt_resize 240 40
tt_wait '✓A.4 排放汇总   P.1 碳绩效   P.2 碳目标   P.3 措施计划   N.1 可再生能源   N.2 碳抵消'
verdict "the step bar shows ids at 100 columns (sixteen names do not fit) and every name at 240"
tt_keys F10
tt_wait_exit >/dev/null

WHERE="--lang en: "
tt_start 80 24 "$WB" --lang en
tt_wait ' P.1 P.2 P.3 N.1 N.2 N.3 N.4 E.1 E.2 Export'
tt_keys NPage NPage NPage NPage NPage NPage
tt_wait 'P.1 Carbon performance  (7/16)'
tt_wait 'Parameter                Unit      Reported ±prev % ±base % LFL(2022) ±base %'
tt_wait 'Total emissions          tCO₂e        58.37   +8.77   +8.77     59.03   +10.00'
no_cut "P.1"
tt_keys NPage
tt_wait 'Parameter                Base      Year   Total % Yearly % Target   Actual'
tt_keys End
tt_wait 'off track '                        # the whole word: its column fits it
tt_keys Home
tt_keys NPage
tt_wait 'C.1  What'
tt_wait 'Distributed photovoltaics'
verdict "--lang en: English heads on P.1, P.2 and P.3, nothing cut on P.1"
tt_keys F10
tt_wait_exit >/dev/null

# Degree-days entered (2022: 1200 + 300, 2023: 1100 + 350 ℃·d) and the base reset with a reason:
# the base (2022-2023 average) per degree-day with its formula, and the earlier setting (the 2022
# the P.2 case set) listed.
#   electricity per degree-day: 2022 53 660 / 1500 = 35.773; 2023 58 366 / 1450 = 40.252;
#   base = (35.773 + 40.252) / 2 = 38.01 kgCO₂e/(℃·d)
WHERE="degree-days: "
tb set "$WB" --year 2022 --hdd 1200 --cdd 300 >/dev/null 2>&1 || note "setup: set --hdd failed"
tb set "$WB" --year 2023 --hdd 1100 --cdd 350 >/dev/null 2>&1 || note "setup: set --hdd failed"
tb set "$WB" --base 2022-2023 --base-reason 合并办公 >/dev/null 2>&1 || note "setup: set --base failed"
tt_start 160 45 "$WB"
tt_keys NPage NPage NPage NPage NPage NPage
tt_wait 'P.1 碳绩效  (7/16)'
tt_wait '外购电力排放/度日'
tt_wait '碳基准：2022—2023 年平均，因子取 2022 年'
tt_wait '基准值：外购电力排放/度日 = 外购电力排放量（kgCO₂e）÷（采暖度日数 + 空调度日数） = 38.01 kgCO₂e/(℃·d)'
tt_wait '原因：合并办公'
tt_wait '外购电力排放/度日     kgCO₂e/(℃·d)    40.25'     # the unit is not cut
tt_wait '此前的设定（1 次）：'
tt_wait '2022 年（单一年份）'
verdict "degree-days: the base per degree-day with its formula, and the earlier settings of the base"
tt_keys F10
tt_wait_exit >/dev/null

done_testing
