#!/bin/bash
# tui_na.sh - 不适用 months and the row note of A.5 at 80x24: "/" typed into July and August of a
# heat row that has no summer bills shows "/", makes the year complete and leaves the total as it
# was; Del clears a "/" and Ctrl-Z brings it back; a long 数据来源 and 备注 are shown in full on
# the help line (the 备注 over two lines); the 备注 edited sets the note of every value of the
# row, and Ctrl-Z undoes it as one step.
#
# Hand calculation (the factors the workbook pins for 2024):
#   外购电力 12 × 10 000 kWh = 120 MWh × 0.5306 tCO₂/MWh = 63.672 → "63.67"
#   外购热力 10 × 100 GJ (no July, August) = 1 000 GJ × 0.11 tCO₂/GJ = 110.00; "/" counts as 0
#   total 63.672 + 110 = 173.672 → "173.67", before and after the two "/"
. "$(dirname "$0")/lib.sh"

WB="$TMP/na.tanbook"
DS="某某热力有限公司供热结算单（按月抄表，由财务处提供复印件存档备查）"
{
    echo "期间,排放源,数量,单位,数据来源,排放设施名称,排放设施位置,备注"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
        echo "2024-$m,外购电力,10000,kWh,电费账单,,,"
    done
    echo "2024-01,外购热力,100,GJ,$DS,,,抄表日 1月25日"
    echo "2024-02,外购热力,100,GJ,$DS,,,抄表日 2月25日"
    echo "2024-03,外购热力,100,GJ,$DS,,,按上年同期估算，待结算单到后更正"
    for m in 04 05 06 09 10 11 12; do
        echo "2024-$m,外购热力,100,GJ,$DS,,,"
    done
} >"$TMP/na.csv"
tb new "$WB" --unit 某县教育局 --year 2024 --area 8000 --headcount 120 --address 某路1号 \
    --contact 张三 --phone 0571-87654321 --co-located 无 --uscc 91350100M000100Y43 >/dev/null 2>&1 \
    || note "setup: new failed"
tb import "$WB" "$TMP/na.csv" >/dev/null 2>&1 || note "setup: import failed"

# heat_notes - the heat row's notes in the file, by period.
heat_notes() {
    run "$PY" -c '
import sqlite3, sys
print([r[0] for r in sqlite3.connect(sys.argv[1]).execute(
    "SELECT activity.note FROM activity JOIN inventory ON inventory.id = inventory_id "
    "WHERE source = ? ORDER BY activity.period", ("heat",))])
' "$WB"
}

tt_start 80 24 "$WB"
tt_wait '2024年度'
tt_wait '!A.5'                              # July and August are missing
tt_keys NPage NPage
tt_wait '缺 7、8 月的数据'
tt_wait '碳排放总量 173.67 tCO₂e'
tt_wait '该期间不用（如夏季停暖）填 / 表示不适用'    # the help of a month says how
tt_keys Down Right Right Right Right Right Right     # 外购热力, 7月
tt_type '/'
tt_keys Enter
tt_wait '已将 2024-07 标为不适用（不计排放）'
tt_type '／'                                 # full-width, as a Chinese keyboard types it
tt_keys Enter
tt_wait '已将 2024-08 标为不适用（不计排放）'
tt_wait '✓A.5'
tt_wait_gone '缺 7、8 月'
tt_wait '外购热力               GJ            100          /          /        100'   # 6月 7月 8月 9月, 单位 kept in view
tt_wait '碳排放总量 173.67 tCO₂e'
tt_wait '外购热力 110.00'
run tb check "$WB"
expect_out_contains '共 0 个错误，0 个警告'
verdict "\"/\" in July and August shows \"/\", completes the year, and the total stays 173.67"

tt_keys Left                                # back on August's "/"
tt_keys DC
tt_wait '已清除“外购热力 8月”'
tt_wait '!A.5'
tt_wait '缺 8 月的数据'
tt_keys C-z
tt_wait '已撤销：外购热力 2024-08：不适用 → （空）'    # the undo says what it undid, in words
tt_wait '✓A.5'
tt_wait '          /          /        100'
verdict "Del clears a \"/\" (8月 missing again), Ctrl-Z brings it back"

tt_keys End Left                            # 数据来源
tt_wait "数据来源：$DS"
verdict "a long 数据来源 is shown in full on the help line"

tt_keys End                                 # 备注: three notes, shown with their months
tt_wait '1月：抄表日 1月…'
tt_wait ' 备注：1月：抄表日 1月25日；2月：抄表日 2月25日；3月：按上年同期估算，待结算单'
tt_wait ' 到后更正'                           # goes on over the hint line
tt_keys Left                                # away: the hints return
tt_wait 'Ctrl-Z 撤销'
verdict "a long 备注 is shown in full over two lines, each note with its month"

tt_keys End Enter C-u
tt_type '按供热结算单'
tt_keys Enter
tt_wait '已保存备注（本行 12 条数据）'
tt_wait '某某热力有限公…  按供热结算单'
heat_notes
expect_out_contains "$(printf "['%s'" 按供热结算单)$(printf ", '%s'" 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单 按供热结算单)]"
tt_keys C-z
tt_wait '已撤销'
tt_wait '1月：抄表日 1月…'
heat_notes
expect_out_contains "['抄表日 1月25日', '抄表日 2月25日', '按上年同期估算，待结算单到后更正', '', '', '', '', '', '', '', '', '']"
verdict "editing 备注 sets the note of all 12 values (the two \"/\" too); Ctrl-Z undoes it in one step"

tt_keys F10
rc=$(tt_wait_exit)
expect_eq "exit code" "$rc" 0
verdict "F10 quits with exit code 0"

done_testing
