#!/bin/bash
# tui_review.sh - the reviewer's checks and A.6's notes in the terminal workbook: a change
# against the year before named in the title row (and gone once corrected), 0 m² refused with the
# reason, the density A.6 converts litres with, and the electricity factor's note that the
# built-in library lacks the year (not that no factor was published).
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

# 2023: 12 × 20000 kWh over 5000 m²; 2024: 12 × 31000 kWh (+55 %) over 5600 m² (+12 %).
A1=(--unit 某县教育局 --uscc 91350100M000100Y43 --address 某路1号 --contact 李明 --phone 0571-1234567 --headcount 80)
new_wb yoy.tanbook "${A1[@]}" --year 2023 --area 5000
for y in 2023 2024; do
    q=20000
    [ "$y" = 2024 ] && q=31000
    {
        echo "period,source,quantity,unit,data_source"
        for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "$y-$m,electricity,$q,kWh,电费账单"; done
    } >"e$y.csv"
done
import_ok yoy.tanbook e2023.csv
tb set yoy.tanbook --year 2024 --area 5600 --headcount 80 >/dev/null 2>&1 || note "setup: set --year 2024"
import_ok yoy.tanbook e2024.csv

tt_start 100 30 yoy.tanbook
tt_wait '某县教育局 │ 2024年度'
tt_wait '表A.1 基本信息  (1/16)  ! 建筑面积 5600 m² 比 2023 年（5000 m²）增加 12%，请核对'
tt_wait '!A.1  '
tt_keys NPage NPage
tt_wait '! 外购电力 全年比 2023 年增加 55%（372000 kWh 对 240000 kWh）'
tt_wait '!A.5  '
verdict "the title row names the reviewer's warning: 建筑面积 +12 % on A.1, 外购电力 +55 % on A.5"

# Back on A.1: 建筑面积 (the fourth row) to 0 is refused with the reason, to 5000 clears the warning.
tt_keys PPage PPage
tt_wait '表A.1 基本信息  (1/16)'
tt_keys Down Down Down Enter C-u
tt_type '0'
tt_keys Enter
tt_wait '“建筑面积”须大于 0；不知道时请留空'
tt_keys Escape
tt_keys Enter C-u
tt_type '5000'
tt_keys Enter
tt_wait '已保存“建筑面积”'
tt_wait_gone '建筑面积 5600 m² 比 2023 年'
tt_wait '(1/16)  ! 表A.5：外购电力 全年比 2023 年增加 55%'   # A.1 has none left: the year's first
tt_wait '✓A.1  '
verdict "0 m² is refused with the reason; 5000 m² (as in 2023) saves and the warning goes"
tt_keys F10
tt_wait_exit 5 >/dev/null

# The demo: 汽油 is entered in litres (0.73 kg/L, the library's rule of thumb), 柴油 in t; the
# library has no 2024 electricity factor and takes 2023's.
run tb demo demo.tanbook
tt_start 160 45 demo.tanbook
tt_wait '示例县机关事务服务中心'
tt_keys NPage NPage NPage
tt_wait '表A.6 排放因子数据'
tt_wait '2.9251 tCO₂/t，密度 0.73 kg/L'
line=$(tt_screen | grep '柴油')
case $line in *密度*) note "柴油 (entered in t) shows a density: $line" ;; esac
tt_keys Right
tt_wait '以升（L）填报的用量按密度 0.73 kg/L 换算为质量（经验值，非标准规定）'
verdict "A.6 shows the density 汽油's litres are converted with, and says why on its unit cell"

tt_keys Right Down Down Down
tt_wait '全国平均（内置因子库中没有2024年因子，采用库中最新的2023年因子）'
[ -z "$(tt_screen | grep '无2024年因子')" ] || note "the old wording (无2024年因子) is still shown"
verdict "the electricity factor's source says the built-in library lacks 2024, read in full on its cell"
tt_keys F10
tt_wait_exit 5 >/dev/null

tt_start 160 45 --lang en demo.tanbook
tt_wait 'Table A.1'
tt_keys NPage NPage NPage
tt_wait 'Table A.6'
tt_wait '2.9251 tCO₂/t, 0.73 kg/L'
tt_keys Right
tt_wait "Amounts in litres are converted to mass at 0.73 kg/L (the library's rule-of-thumb value)"
verdict "--lang en: the density and its note in English"
tt_keys F10
tt_wait_exit 5 >/dev/null

done_testing
