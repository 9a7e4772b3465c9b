#!/bin/bash
# tui_traps.sh - what surprised a new user filling a year, each now right: the live panel keeps
# 化石燃料 and 逸散排放 apart and labels every figure at 80 and 100 columns; Ctrl-C cancels an
# edit and quits at rest; F10 in an edit saves a valid value and stays on an invalid one; the
# source picker filters on names, not categories, and says when a source is already listed;
# Home goes back to 1月 with 排放源 and 单位 kept; Ctrl-R, Ctrl-D and a selection of months fill
# as one undoable step; F6 marks months 不适用; prompts replace their default when typed over; F7
# lists the findings and goes to the cell of one.
#
# Hand calculation (reference/factors.md, AR6, 2024 on the 2023 national grid factor 0.5306):
#   天然气 3000 m³ = 0.3 万m³ × 21.622 = 6.4866 t          → 化石燃料 "6.49"
#   R-410A 5 kg = 0.005 t × 2255.5 (0.5×771 + 0.5×3740) = 11.2775 t → 逸散排放 "11.28"
#   外购电力 12 × 1000 kWh = 12 MWh × 0.5306 = 6.3672 t      → "6.37"
#   total 24.1313 → "24.13"; per m² 24.1313 t × 1000 / 1000 m² = "24.13"; per person / 10 = "2.4131"
#   (the old panel showed 化石燃料 17.76 = 6.4866 + 11.2775)
#   外购热力 in GJ × 0.11 tCO₂/GJ: 10 GJ = 1.1 t; 10 + 3 × 20 = 70 GJ = 7.7 t
. "$(dirname "$0")/lib.sh"

WB="$TMP/traps.tanbook"
{
    echo "period,source,quantity,unit,data_source"
    echo "2024,natural_gas,3000,m³,燃气账单"
    echo "2024,r_410a,5,kg,维修记录"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "2024-$m,electricity,1000,kWh,电费账单"; done
} >"$TMP/traps.csv"
new_wb "$WB" --unit 某县教育局 --year 2024 --area 1000 --headcount 10 --address 文化路8号 \
    --contact 王明 --phone 0571-12345678 --uscc 91350100M000100Y43
import_ok "$WB" "$TMP/traps.csv"
area() { "$TB" summary "$WB" --json | sed -n 's/.*"building_area_m2": *\([0-9.]*\).*/\1/p' | awk '{ print $1 + 0 }'; }

# ---- 1. the live panel ------------------------------------------------------------------------
for size in "80 24" "100 30"; do
    tt_start $size "$WB"
    tt_wait '表A.1 基本信息'
    tt_wait '碳排放总量 24.13 tCO₂e │ 范围一 17.76 │ 范围二 6.37'
    tt_wait '化石燃料 6.49 │ 逸散排放 11.28 │ 外购电力 6.37 │ 外购热力 0.00'
    tt_wait '单位面积 24.13 kgCO₂e/m² │ 人均 2.4131 tCO₂e/人 │ 综合能耗 '
    if tt_screen | tail -5 | grep -q '…'; then note "a figure of the live panel is cut: $(tt_screen | tail -5)"; fi
    tt_keys F10
    tt_wait_exit 5 >/dev/null
done
verdict "the live panel shows 化石燃料 and 逸散排放 apart and labels every figure, uncut, at 80 and 100 columns"

# ---- 2. Ctrl-C and F10 in an edit -----------------------------------------------------------
tt_start 80 24 "$WB"
tt_wait '表A.1 基本信息'
tt_keys Down Down Down             # 建筑面积 (after 单位名称, 统一社会信用代码, 地址)
tt_type '99999'
tt_wait '编辑中'
tt_keys C-c
tt_wait '已保存'
tt_wait '1000'
tt_keys C-c
rc=$(tt_wait_exit 5)
expect_eq "exit code after Ctrl-C at rest" "$rc" 0
expect_eq "建筑面积 after Ctrl-C in an edit" "$(area)" 1000
verdict "Ctrl-C in an edit cancels it (99999 is not written); at rest it quits"

tt_start 80 24 "$WB"
tt_wait '表A.1 基本信息'
tt_keys Down Down Down
tt_type '1250'
tt_keys C-q
rc=$(tt_wait_exit 5)
expect_eq "exit code" "$rc" 0
expect_eq "建筑面积 after Ctrl-Q in an edit" "$(area)" 1250
tt_start 80 24 "$WB"
tt_wait '表A.1 基本信息'
tt_keys Down Down Down
tt_type '1200'
tt_keys F10
rc=$(tt_wait_exit 5)
expect_eq "exit code" "$rc" 0
expect_eq "建筑面积 after F10 in an edit" "$(area)" 1200
tt_start 80 24 "$WB"
tt_wait '表A.1 基本信息'
tt_keys Down Down Down
tt_type 'abc'
tt_keys F10
tt_wait '不是'
tt_wait '未保存：再按一次退出键将不保存退出'
tt_wait '编辑中'
tt_keys F10
rc=$(tt_wait_exit 5)
expect_eq "exit code after the second F10" "$rc" 0
expect_eq "建筑面积 after abc and two F10" "$(area)" 1200
tt_start 80 24 "$WB"
tt_wait '表A.1 基本信息'
tt_keys Down Down Down
tt_type '12万'
tt_keys C-q
tt_wait '“12万”不是有效的数字；未保存：再按一次退出键将不保存退出'
tt_wait '编辑中'
tt_keys C-q
rc=$(tt_wait_exit 5)
expect_eq "exit code after the second Ctrl-Q" "$rc" 0
expect_eq "建筑面积 after 12万 and two Ctrl-Q" "$(area)" 1200
verdict "F10 or Ctrl-Q in an edit saves a valid value; with an invalid one it stays and says why, a second press quits without it"

# ---- 3. the source picker -------------------------------------------------------------------
tt_start 80 24 "$WB"
tt_wait '表A.1 基本信息'
tt_keys NPage
tt_wait '表A.3 碳排放源一览表'
tt_keys IC
tt_wait '添加排放源'
tt_type '热力'
tt_wait '筛选：热力'
tt_wait '19  净购入电力与热力产生的排放 · 外购热力'
if tt_screen | grep -q '18  净购入电力与热力产生的排放 · 外购电力'; then
    note "typing 热力 still lists 外购电力 (its category names 热力)"
fi
tt_keys Enter
tt_wait '排放设施名称（可留空）：'
tt_keys Enter
tt_wait '已添加 外购热力'
tt_keys IC
tt_wait '添加排放源'
tt_type 'steam'                    # no name or alias says steam: nothing matches
tt_wait '（没有匹配的项）'
tt_keys C-u
tt_type '供暖'                      # an alias of 外购热力
tt_wait '19  净购入电力与热力产生的排放 · 外购热力'
tt_keys Enter
tt_wait '排放设施名称（可留空）：'
tt_keys Enter
tt_wait '表A.3 已有 外购热力，未重复添加（光标已在该行）'
verdict "the source picker filters on names and aliases (热力 → 外购热力 only), and a source already listed says so"

# ---- 6. A.5: Home back to 1月, 排放源 and 单位 kept -------------------------------------------
tt_keys NPage
tt_wait '表A.5 碳排放活动水平数据'
tt_keys End
tt_wait '数据来源'
tt_wait '单位'
tt_wait '外购电力'
tt_wait_gone '1月'
tt_keys Home
tt_wait '1月'
tt_wait_gone '全年'
verdict "A.5 keeps 排放源 and 单位 in view when scrolled right, and Home goes back to 1月"

# ---- 7. fills: Ctrl-R, a selection, Ctrl-D, each one undoable step ----------------------------
tt_keys Down Down Down             # the 外购热力 row, last
tt_type '10'
tt_keys Enter                      # saved, on to 2月
tt_wait '外购热力 1.10'
tt_keys C-r                        # 2月 = 1月
tt_wait '外购热力 2.20'
tt_keys C-z
tt_wait '外购热力 1.10'
tt_keys S-Right S-Right            # 2月…4月 selected
tt_type '20'
tt_keys Enter
tt_wait '已填入 3 格（Ctrl-Z 一步撤销）'
tt_wait '外购热力 7.70'
tt_keys C-z
tt_wait '外购热力 1.10'
tt_keys Right Right Right Right    # 9月 (Enter moved on to 5月), under 外购电力's 1000
tt_keys C-d
tt_wait '外购热力 111.10'          # 1000 GJ × 0.11 = 110 t more
tt_keys C-z
tt_wait '外购热力 1.10'
tt_keys Home                       # 1月: on its left is 单位, not a month
tt_keys C-r
tt_wait '左侧没有可复制的格'
if tt_screen | grep -q '不是有效的数字'; then note "Ctrl-R on 1月 copied the unit into the quantity"; fi
tt_keys Right                      # off 1月 again: Home there goes on to 排放源
verdict "Ctrl-R copies from the left, a selection of months takes one value, Ctrl-D copies from above, each one Ctrl-Z; Ctrl-R on 1月 does not copy the unit"

# ---- 8. F6 marks a selection of months 不适用 as one step, and unmarks --------------------------
na_marks() { tt_screen | grep -m1 '^ 外购热力 ' | tr -cd '/' | wc -c; }
na_none() { [ "$(na_marks)" -eq 0 ]; }
tt_keys Home Right Right Right Right Right   # 6月
tt_keys S-Right S-Right            # 6月…8月, the focus on 8月
tt_keys F6
tt_wait '已填入 3 格（Ctrl-Z 一步撤销）'
expect_eq "months shown 不适用" "$(na_marks)" 3
tt_wait '外购热力 1.10'             # 不适用 adds nothing
tt_keys C-z
tt_wait '已撤销'
expect_eq "months 不适用 after one Ctrl-Z" "$(na_marks)" 0
tt_keys F6                         # one month, then again: unmarked
tt_wait '已将 2024-08 标为不适用'
expect_eq "8月 alone" "$(na_marks)" 1
tt_keys F6
_tt_poll 5 na_none || note "a second F6 left 8月 marked: $(na_marks) marks"
verdict "F6 marks the selected months 不适用 (\"/\") in one undoable step, and a second F6 unmarks"

# ---- 12. the cursor in an empty cell; a full-width text keeps its first characters in view ---------
cursor() { tt display-message -p -t "$TT_TGT" '#{cursor_flag} #{cursor_x} #{cursor_y}'; }
tt_keys Home Right                 # 外购热力 2月: empty
tt_wait '外购热力               GJ'
set -- $(cursor)
expect_eq "cursor shown on an empty cell" "$1" 1
tt_keys End Left                   # 数据来源, 16 columns wide
tt_type '热力公司缴费通知单热力公司'   # 13 full-width characters: 26 columns
tt_wait '编辑中'
tt_wait '热力公司缴费通知单热力公司'    # all of it, its first characters too
tt_keys Escape
tt_wait '已保存'
verdict "the focused empty cell shows the cursor, and a full-width text wider than its cell is shown whole while typed"

# ---- 11. F7: the list of findings, Enter goes to the cell ------------------------------------
tt_keys PPage PPage
tt_wait '表A.1 基本信息'
tt_wait '(1/16)  ! 表A.5：外购热力 有 1 条数据没有填写数据来源'   # A.1 has none: the year's first
tt_keys F7
tt_wait '问题清单：0 个错误，2 个提示（Enter 跳到所在单元格）'
tt_wait '2  ! 表A.5：外购热力 只覆盖 1 个月'
tt_keys Down Enter
tt_wait '表A.5 碳排放活动水平数据'
tt_wait '外购热力'
on_heat_row() { set -- $(cursor); [ "$3" = "$(tt_screen | grep -n -m1 '^ 外购热力 ' | cut -d: -f1 | awk '{ print $1 - 1 }')" ]; }
_tt_poll 5 on_heat_row || note "Enter on 外购热力's finding left the cursor off its row: $(cursor)"
verdict "F7 lists every finding and Enter on one goes to its step, on the row of the source"

# ---- the pick list in its own box; the F1 help lists the new keys ---------------------------------
tt_keys IC
tt_wait '│ 添加排放源'
tt_wait '├──'
tt_wait '└──'
tt_keys Escape
tt_keys F1
tt_wait '按键说明'
for k in 'Shift-←' 'Esc/Ctrl-C' 'Ctrl-D ' 'Ctrl-R ' 'F6 ' 'F7 ' 'F10/Ctrl-Q/Ctrl-C'; do   # in the help's order
    _tt_poll 2 _tt_has "$k" || { tt_keys Down Down Down Down Down Down Down Down Down Down; tt_wait "$k"; }
done
tt_keys Escape
verdict "a pick list has a border and a title row of its own; F1 lists Ctrl-D, Ctrl-R, F6, F7, the selection and Ctrl-C"

# ---- 12. a prompt's default is replaced by typing -------------------------------------------
tt_keys F3
tt_wait '切换或添加年度'
tt_keys Up Enter
tt_wait '添加年度：2025'
tt_type '2023'
tt_wait '添加年度：2023'
tt_keys Escape
tt_keys F10
tt_wait_exit 5 >/dev/null
verdict "typing into a prompt replaces its pre-filled default (2025 + 2023 gives 2023, not 20252023)"

# ---- 11. A.6's title row names its own problem at 80 columns, before the settings note -------------
# title_row - the third row of the screen, the step's title and its finding.
title_row() { tt_screen | sed -n 3p; }
title_has() { title_row | grep -qF -- "$1"; }
cp "$WB" "$TMP/nosrc.tanbook"
for size in "80 24" "160 45"; do
    tt_start $size "$TMP/nosrc.tanbook"
    tt_wait '表A.1 基本信息'
    tt_keys NPage NPage NPage
    tt_wait '表A.6 排放因子数据'
    if [ "$size" = "80 24" ]; then
        tt_keys Enter C-u          # 天然气's factor, where A.6 starts
        tt_type '21.65'
        tt_keys Enter
        tt_wait '已改用 21.65'
    fi
    _tt_poll 5 title_has '✗ 天然气 的排放因子缺少数据来源' \
        || note "$size: A.6's title row does not name its error: [$(title_row)]"
    if [ "$size" = "160 45" ] && ! title_has '电力因子地区：全国   GWP：AR6（F2 修改）'; then
        note "160 45: the settings note is cut where it fits: [$(title_row)]"
    fi
    tt_keys F10
    tt_wait_exit 5 >/dev/null
done
verdict "A.6's title row names its error (a factor without a source) at 80 columns, the settings note cut for it"

# ---- a message longer than the line is read in full: it goes on over the hint line ----------------
tt_start 80 24 --lang en "$WB"
tt_wait 'Table A.1 Basic information'
tt_keys Down Down Down             # Building floor area
tt_type '1300'
tt_keys Enter
tt_wait 'Saved'
printf 'period,source,quantity,unit,data_source\n2024-12,heat,70,GJ,bill\n' >"$TMP/beside.csv"
import_ok "$WB" "$TMP/beside.csv"
tt_wait 'changed by another program'
tt_keys C-z
tt_wait 'The last change came from a command-line import'
tt_wait "this window's own last change (that one stays)"   # the rest, on the hint line
tt_keys F10
tt_wait_exit 5 >/dev/null
verdict "a message wider than 80 columns (whose change Ctrl-Z would undo) is shown whole over two lines"
