#!/bin/bash
# cli_set_entry.sh - `tanbook set --entry SOURCE[/FACILITY]` with --facility, --location and --note:
# one A.3 row of the year changed, read back with Python's sqlite3 (not through tanbook); every
# refusal (ambiguous, unknown source, no such row or facility, a rename onto another row, no
# --entry, a text too long) exits with its code, says why, and leaves the workbook as it was.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=office.tanbook

# entries - the year's A.3 rows as the file holds them, "source|facility|location|note" in A.3
# order, each with the A.5 quantities it owns, into OUT.
entries() {
    run "$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for i, src, fac, loc, note in db.execute(
        "SELECT id, source, facility, location, note FROM inventory WHERE year = 2024 ORDER BY position"):
    q = [r[0] for r in db.execute("SELECT quantity FROM activity WHERE inventory_id = ? ORDER BY period", (i,))]
    print("%s|%s|%s|%s|%s" % (src, fac, loc, note, q))
' "$WB"
}

# actions - how many undoable actions the edit log holds, into OUT.
actions() {
    run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM edit_action").fetchone()[0])
' "$WB"
}

# refused NAME RC MESSAGE ARGS... - `tanbook set $WB ARGS...` exits RC, says MESSAGE on stderr,
# and the workbook (file, A.3 rows, edit log) is the same as before.
refused() {
    local name=$1 rc=$2 msg=$3 before rows
    shift 3
    before=$(wb_state "$WB")
    entries
    rows=$OUT
    run tb set "$WB" "$@"
    expect_rc "$rc"
    expect_err_contains "$msg"
    expect_out_lacks "已保存"
    expect_same "the workbook" "$before" "$(wb_state "$WB")"
    entries
    expect_eq "A.3 rows" "$OUT" "$rows"
    verdict "$name"
}

cat >bills.csv <<'EOF'
期间,排放源,数量,单位,数据来源,排放设施名称,排放设施位置
2024-01,外购电力,52000,kWh,电费账单,办公楼,综合楼
2024-02,外购电力,46000,kWh,电费账单,办公楼,综合楼
2024-01,外购电力,8000,kWh,电费账单,附楼,东侧
2024-01,天然气,1200,m³,燃气账单,食堂炉灶,食堂
EOF
new_wb "$WB" --unit 某县机关事务管理局 --year 2024 --area 12000 --headcount 150
import_ok "$WB" bills.csv
entries
expect_eq "A.3 after the import" "$OUT" "electricity|办公楼|综合楼||[52000.0, 46000.0]
electricity|附楼|东侧||[8000.0]
natural_gas|食堂炉灶|食堂||[1200.0]"
verdict "setup: the import gives two 外购电力 rows (办公楼, 附楼) and one 天然气 row, no 备注"

# ---- help ------------------------------------------------------------------------------------
run tb set --help
expect_rc 0
expect_out_contains "表A.3 碳排放源一览表 选项:"
expect_out_line '^  --entry SOURCE\[/FACILITY\] +要修改的一行'
expect_out_line '^  --facility TEXT +排放设施名称  如 炉灶'
expect_out_line '^  --location TEXT +排放设施位置  如 食堂'
expect_out_line '^  --note TEXT +备注  其他说明'
verdict "set --help lists --entry and the A.3 options from forms/ under the A.3 title"

run tb new --help
expect_out_lacks "--entry"
expect_out_lacks "--note"
verdict "new --help offers no A.3 options (a new workbook has no rows)"

# ---- changes ---------------------------------------------------------------------------------
actions
n0=$OUT
run tb set "$WB" --entry 天然气 --note 仅食堂使用 --location 一楼食堂
expect_rc 0
expect_eq "stdout" "$OUT" "已保存 2 项到 office.tanbook（2024 年度）"
entries
expect_eq "A.3" "$OUT" "electricity|办公楼|综合楼||[52000.0, 46000.0]
electricity|附楼|东侧||[8000.0]
natural_gas|食堂炉灶|一楼食堂|仅食堂使用|[1200.0]"
actions
expect_eq "undoable actions" "$OUT" "$((n0 + 1))"
# the one action is what undo takes back: the row's images before and after, not yet undone
run "$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
a = db.execute("SELECT max(id) FROM edit_action").fetchone()[0]
print(db.execute("SELECT state FROM edit_action WHERE id = ?", (a,)).fetchone()[0],
      db.execute("SELECT tbl, field, before_row IS NOT NULL, after_row IS NOT NULL FROM edit_log "
                 "WHERE action = ?", (a,)).fetchall())
' "$WB"
expect_eq "the logged action" "$OUT" "0 [('inventory', 'location,note', 1, 1)]"
verdict "set --entry 天然气 --note --location changes that row only, as one logged action"

run tb set "$WB" --entry electricity/办公楼 --facility 主楼
expect_rc 0
expect_eq "stdout" "$OUT" "已保存 1 项到 office.tanbook（2024 年度）"
entries
expect_eq "A.3" "$OUT" "electricity|主楼|综合楼||[52000.0, 46000.0]
electricity|附楼|东侧||[8000.0]
natural_gas|食堂炉灶|一楼食堂|仅食堂使用|[1200.0]"
verdict "set --entry electricity/办公楼 --facility 主楼 renames the row; its A.5 data stays with it"

run tb set "$WB" --entry " 外购电力 / 附楼 " --note "  含空调用电  " --location ""
expect_rc 0
expect_eq "stdout" "$OUT" "已保存 2 项到 office.tanbook（2024 年度）"
entries
expect_eq "A.3" "$OUT" "electricity|主楼|综合楼||[52000.0, 46000.0]
electricity|附楼||含空调用电|[8000.0]
natural_gas|食堂炉灶|一楼食堂|仅食堂使用|[1200.0]"
verdict "source and facility of --entry and the texts are trimmed; an empty --location clears it"

run tb set "$WB" --entry natural_gas --facility "" --area 13000
expect_rc 0
expect_eq "stdout" "$OUT" "已保存 2 项到 office.tanbook（2024 年度）"
run tb set "$WB" --entry 天然气/ --note 燃气
expect_rc 0
entries
expect_eq "A.3" "$OUT" "electricity|主楼|综合楼||[52000.0, 46000.0]
electricity|附楼||含空调用电|[8000.0]
natural_gas||一楼食堂|燃气|[1200.0]"
run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT value FROM year_info WHERE year = 2024 AND key = ?", ("building_area",)).fetchone()[0])
' "$WB"
expect_eq "建筑面积, set in the same command" "$OUT" 13000
verdict "an empty --facility clears the name; --entry 天然气/ then selects the row without one"

long=$("$PY" -c 'print("备" * 200)')
run tb set "$WB" --entry 天然气 --note "$long"
expect_rc 0
run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT length(note) FROM inventory WHERE source = ?", ("natural_gas",)).fetchone()[0])
' "$WB"
expect_eq "length of the stored 备注" "$OUT" 200
verdict "a 备注 of 200 characters (forms/ max) is accepted whole"

# ---- refusals --------------------------------------------------------------------------------
refused "--entry 外购电力 with two rows exits 1 listing their facilities" 1 \
    "外购电力 有 2 行：主楼、附楼；请写作 --entry 外购电力/主楼" \
    --entry 外购电力 --note x
refused "--entry with an unknown source exits 1 naming it" 1 \
    "--entry：未知的排放源“煤气”" --entry 煤气 --note x
refused "--entry with a source the year has no row of exits 1" 1 \
    "--entry：2024 年度的表A.3 碳排放源一览表中没有汽油" --entry gasoline --note x
refused "--entry with a facility no row has exits 1 listing the ones there are" 1 \
    "--entry：2024 年度的外购电力没有排放设施名称为“办公楼”的一行（有：主楼、附楼）" \
    --entry 外购电力/办公楼 --note x
refused "--facility onto another row's name exits 1 with the store's reason" 1 \
    "--facility：2024 年度已有同一排放源、排放设施名称为“附楼”的一行，不能重复" \
    --entry 外购电力/主楼 --facility 附楼
refused "a refused row takes back the A.1 value of the same set (one transaction)" 1 \
    "不能重复" --area 99 --entry 外购电力/主楼 --facility " 附楼 "
refused "--note without --entry is a usage error (exit 2)" 2 \
    "--note 需要用 --entry 选择表A.3 碳排放源一览表中的一行" --note x
refused "--facility without --entry is a usage error (exit 2)" 2 \
    "--facility 需要用 --entry" --area 99 --facility x
refused "--entry with nothing to change is a usage error (exit 2)" 2 \
    "--entry 选择了一行，但没有要修改的内容（--facility、--location、--note）" --entry 天然气
refused "--entry given twice is a usage error (exit 2)" 2 \
    "--entry 只能给一次" --entry 天然气 --entry 外购电力/主楼 --note x
refused "a 备注 of 201 characters exits 1 with the limit of forms/" 1 \
    "--note：“备注”太长（最多 200 个字，现有 201 个）" --entry 天然气 --note "${long}注"
refused "an 排放设施名称 of 101 characters exits 1 with the limit of forms/" 1 \
    "--facility：“排放设施名称”太长（最多 100 个字，现有 101 个）" \
    --entry 天然气 --facility "$("$PY" -c 'print("名" * 101)')"
refused "an 排放设施位置 of 101 characters exits 1 with the limit of forms/" 1 \
    "--location：“排放设施位置”太长（最多 100 个字，现有 101 个）" \
    --entry 天然气 --location "$("$PY" -c 'print("位" * 101)')"
refused "--entry in a year the workbook lacks exits 1 and does not add the year" 1 \
    "--entry：2025 年度的表A.3 碳排放源一览表中没有天然气" --year 2025 --entry 天然气 --note x

run tb set "$WB" --entry 外购电力/主楼 --facility ""
expect_rc 0
run tb set "$WB" --entry 外购电力 --note x
expect_rc 1
expect_err_contains "外购电力 有 2 行：（未填排放设施名称）、附楼；请写作 --entry 外购电力/附楼"
run tb set "$WB" --entry 外购电力/ --facility 主楼
expect_rc 0
entries
expect_eq "A.3" "$OUT" "electricity|主楼|综合楼||[52000.0, 46000.0]
electricity|附楼||含空调用电|[8000.0]
natural_gas||一楼食堂|$long|[1200.0]"
verdict "a row without a facility is listed as such, offered no example, and chosen with 外购电力/"

run tb new fresh.tanbook --unit 某局 --year 2024 --entry 天然气 --note x
expect_rc 2
expect_err_contains "无法识别的选项“--entry”"
expect_no_file fresh.tanbook
verdict "new refuses --entry (exit 2) and creates no file"

done_testing
