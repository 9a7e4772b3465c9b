#!/bin/bash
# cli_hostile_store.sh - workbooks that arrive changed by another program (a stranger's tool, a
# damaged copy): a trigger, a view, an index or a table that is not tanbook's, a changed column,
# a number no tanbook writes (inf, 1e308, a negative quantity), a period that does not parse, an
# unknown unit, a year out of range. Every command that reads one - summary, check, export, set,
# import - exits 3 with the reason naming the object or row, writes nothing beside it and leaves
# it byte for byte as it was; nothing a trigger would do happens. The same as nobody in a
# read-only directory (a share).
#
# To add a kind: one line in HOSTILE below. Each line is NAME|WHEN|SQL|WHAT THE REFUSAL SAYS.
# SQL is run by Python's sqlite3 on a copy of the demo workbook (2023 and 2024; CHECK constraints
# ignored, as the sqlite3 shell lets anyone do); the refusal text is a fixed string of stderr.
# WHEN is "open" (refused on opening, by every command: set --area too; the schema, the years)
# or "load" (refused on loading the year that holds it, by every command that reads the year:
# set --factor does, set --area does not - see the case below the loop).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

# The demo's latest row of 2024 (外购热力 生活热水 2024-Q4): the row the value kinds change.
LAST="(SELECT max(id) FROM activity)"
HOSTILE=(
    "trigger|open|CREATE TRIGGER t1 AFTER UPDATE ON year_info BEGIN DELETE FROM activity; END|工作簿含有不属于碳账本的触发器 t1，为安全起见不予打开"
    "trigger on insert|open|CREATE TRIGGER t2 BEFORE INSERT ON activity BEGIN SELECT RAISE(ABORT, 'x'); END|不属于碳账本的触发器 t2"
    "view|open|CREATE VIEW v1 AS SELECT * FROM activity|不属于碳账本的视图 v1"
    "extra index|open|CREATE INDEX by_unit ON activity(unit)|不属于碳账本的索引 by_unit"
    "extra table|open|CREATE TABLE notes (x TEXT)|不属于碳账本的表 notes"
    "trigger named with ESC|open|CREATE TRIGGER \"t"$'\x1b'"[2J\" AFTER INSERT ON years BEGIN SELECT 1; END|触发器 t\\x1B[2J，"
    "added column|open|ALTER TABLE activity ADD COLUMN evil TEXT|工作簿中的表 activity 与碳账本（格式版本 9）的定义不同"
    "CHECK removed|open|PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (quantity >= 0)', '') WHERE name = 'activity'|表 activity 与碳账本"
    "index changed|open|DROP INDEX inventory_by_position; CREATE INDEX inventory_by_position ON inventory(position)|索引 inventory_by_position 与碳账本"
    "index dropped|open|DROP INDEX edit_log_by_action|缺少碳账本（格式版本 9）的索引 edit_log_by_action"
    "factor inf|load|UPDATE factors SET value = 1e999 WHERE year = 2024 AND source = 'natural_gas'|天然气 的排放因子 inf 不在 0 到 1000000 之间"
    "factor 1e308|load|UPDATE factors SET value = 1e308 WHERE year = 2024 AND source = 'natural_gas'|排放因子 1e+308 不在"
    "factor negative|load|UPDATE factors SET value = -0.5 WHERE year = 2024 AND source = 'electricity'|外购电力 的排放因子 -0.5 不在"
    "density inf|load|UPDATE factors SET density = 1e999 WHERE year = 2024 AND source = 'gasoline'|汽油 的密度 inf"
    "quantity negative|load|UPDATE activity SET quantity = -5 WHERE id = $LAST|期间 2024-Q4 的数量 -5 不在 0 到 1000000000 之间（activity 表 id 66）"
    "quantity inf|load|UPDATE activity SET quantity = 1e999 WHERE id = $LAST|的数量 inf 不在"
    "quantity over the form's limit|load|UPDATE activity SET quantity = 2e9 WHERE id = $LAST|的数量 2000000000 不在"
    "period text|load|UPDATE activity SET period = '2024-13' WHERE id = $LAST|活动数据期间“2024-13”有误"
    "period of another year|load|UPDATE activity SET period = '2019-03' WHERE id = $LAST|期间“2019-03”不在 2024 年度内"
    "unit unknown|load|UPDATE activity SET unit = 'furlong' WHERE id = $LAST|单位“furlong”不是碳账本认识的单位"
    "year out of range|open|UPDATE years SET year = 1900 WHERE year = 2023|年度 1900 不在 1990–2100 之间"
)

# hostile FILE SQL - the demo workbook with SQL run on it by another program.
hostile() {
    cp demo.tanbook "$1" && "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA ignore_check_constraints = ON")
c.executescript(sys.argv[2])
c.commit()
c.close()
' "$1" "$2"
}

# refused_by_all FILE WHEN SAYS [AS...] - every command on FILE exits 3 saying SAYS, and FILE
# (with its -wal) is as it was; AS runs the commands (as nobody). WHEN: "open" or "load" (see
# HOSTILE), "read": summary, check and export only, "write": set and import only.
refused_by_all() {
    local f=$1 when=$2 says=$3 before c cmds
    shift 3
    before=$(checksum "$f")
    cmds=("summary $f" "summary $f --json" "check $f" "export $f -o out/x.xlsx")
    [ "$when" != read ] && cmds+=("set $f --factor 天然气=2 --factor-source 测试"
                                  "import $f $TMP/one.csv")
    [ "$when" = open ] && cmds+=("set $f --area 9000" "set $f --year 2025")
    [ "$when" = write ] && cmds=("set $f --area 9000" "import $f $TMP/one.csv")
    for c in "${cmds[@]}"; do
        # shellcheck disable=SC2086
        run "$@" $c
        [ "$RC" -eq 3 ] || note "$c: exit code $RC, expected 3 ($ERR)"
        grep -qF -- "$says" <<<"$ERR" || note "$c: stderr does not say: $says (it says: $ERR)"
        grep -q $'\x1b' <<<"$ERR$OUT" && note "$c: ESC reached the terminal"
    done
    expect_no_file out/x.xlsx
    expect_same "the workbook (sha256 of it and its -wal)" "$before" "$(checksum "$f")"
    expect_eq "files beside it" "$(ls "$(dirname "$f")" | grep -c -- "-shm\|-wal\|-journal")" 0
}

mkdir -p out
chmod 777 out
tb demo demo.tanbook >/dev/null || note "setup: demo failed"
printf '%s\n%s\n' '期间,排放源,数量,单位,数据来源' '2024-03,天然气,100,m³,燃气账单' >one.csv
# the demo as tanbook leaves it: every command works (the last row is id 66)
run "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT max(id), count(*) FROM activity").fetchone())
' demo.tanbook
expect_eq "the demo's activity rows" "$OUT" "(66, 66)"
run tb check demo.tanbook
expect_rc 0
verdict "setup: the demo workbook, 66 activity rows"

for entry in "${HOSTILE[@]}"; do
    IFS='|' read -r name when sql says <<<"$entry"
    hostile "h.tanbook" "$sql" || note "setup: $sql failed"
    refused_by_all h.tanbook "$when" "$says" tb
    verdict "$name: summary, check, export, set and import exit 3 saying so; the file is unchanged"
    rm -f h.tanbook h.tanbook-wal h.tanbook-shm
done

# The issue's case in full: the trigger would have deleted 65 of the 66 rows at a set.
hostile t.tanbook "CREATE TRIGGER t1 AFTER UPDATE ON year_info BEGIN DELETE FROM activity; END"
run tb set t.tanbook --area 9000
run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM activity").fetchone()[0])
' t.tanbook
expect_eq "activity rows after the set" "$OUT" 66
verdict "a delete-everything trigger does not run: the 66 rows are all there"

# A value no command uses is not looked at: set of an A.1 value on a workbook with an impossible
# factor writes the value (it reads neither factors nor activity); summary still refuses it.
hostile v.tanbook "UPDATE factors SET value = 1e999 WHERE year = 2024 AND source = 'natural_gas'"
run tb set v.tanbook --area 9000
expect_rc 0
run tb summary v.tanbook --json
expect_rc 3
expect_out_lacks "inf"
verdict "set --area does not read the factors; summary --json still refuses the inf factor"

# An A.1 number stored as text no tanbook writes (1e999, nan): check flags it, summary counts it
# as not given, and the export writes it as the text it is - never <v>inf</v> or <v>nan</v>, a
# number cell no spreadsheet reads.
for v in 1e999 nan; do
    cp demo.tanbook a.tanbook
    "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE year_info SET value = ? WHERE year = 2024 AND key = ?", (sys.argv[2], "building_area"))
c.commit()
' a.tanbook "$v" || note "setup: year_info update failed"
    run tb check a.tanbook
    expect_rc 1
    expect_out_contains "“建筑面积”：“$v”不是有效的数字"
    run tb summary a.tanbook --json
    expect_rc 0
    expect_json "building area not given" 'd["building_area_m2"]' None
    run tb export a.tanbook -o out/a.xlsx
    expect_rc 0
    run "$PY" -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = [n for n in z.namelist() if n.startswith("xl/worksheets/")
       and re.search(rb"<v>[^<]*(inf|nan)[^<]*</v>", z.read(n), re.I)]
text = z.read("xl/worksheets/sheet1.xml").decode()
shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
print(" ".join(bad) if bad else "none", sys.argv[2] in shared or sys.argv[2] in text)
' out/a.xlsx "$v"
    expect_eq "worksheets with a non-finite number cell, the value kept as text" "$OUT" "none True"
    rm -f a.tanbook a.tanbook-wal a.tanbook-shm out/a.xlsx
    verdict "an A.1 area of $v: check flags it, summary leaves it out, the export writes it as text"
done

# The plan (format versions 6 to 8): a target, base, measure, offset, renewable row or text of the
# 碳中和计划 or an evaluation no tanbook writes is refused by every command that reads the plan -
# kpi, the lists of target, measure, offset and renewable, neutrality, pledge, evaluate, maturity,
# evidence, export - with exit 3 naming its row; summary
# and check do not read it and work. The file is unchanged.
PLAN_HOSTILE=(
    "target 1e308|INSERT INTO target (parameter, target_year, kind, value, position) VALUES ('total', 2025, 0, 1e308, 1)|工作簿的目标（第 1 行）含有碳账本不会写入的值"
    "target parameter|INSERT INTO target (parameter, target_year, kind, value, position) VALUES ('rm -rf', 2025, 0, 7, 1)|工作簿的目标（第 1 行）"
    "base text|INSERT INTO base_period (kind, years, set_at) VALUES (0, '20x2', 'now')|工作簿的碳基准（第 1 行）"
    "measure negative|INSERT INTO measure (name, expected_tco2e, position) VALUES ('x', -1e999, 1)|工作簿的减排措施（第 1 行）"
    "offset type|INSERT INTO offset_claim (id, year, type, quantity_tco2e, position) VALUES (100, 2024, 'vcs', 1.0, 9)|工作簿的碳抵消记录（第 100 行）"
    "offset escape|INSERT INTO offset_claim (id, year, type, quantity_tco2e, serial, position) VALUES (100, 2024, 'ccer', 1.0, printf('x%s]0;owned%s', char(27), char(7)), 9)|工作簿的碳抵消记录（第 100 行）"
    "renewable inf|INSERT INTO renewable (id, year, kind, period, quantity) VALUES (100, 2023, 'pv', '2023', 1e999)|工作簿的可再生能源记录（第 100 行）"
    "assessment inf|INSERT INTO assessment (id, year, eval, code, value, set_at) VALUES (100, 2024, 'zc', '2.2.1', 1e999, 'now')|工作簿的评价记录（第 100 行）"
    "plan text key|INSERT INTO neutral_text (rowid, year, key, value) VALUES (100, 0, 'drop', 'x')|工作簿的碳中和计划（第 100 行）"
)
for entry in "${PLAN_HOSTILE[@]}"; do
    IFS='|' read -r name sql says <<<"$entry"
    hostile p.tanbook "$sql" || note "setup: $sql failed"
    before=$(checksum p.tanbook)
    for c in "kpi p.tanbook" "kpi p.tanbook --json" "target p.tanbook --list" "export p.tanbook -o out/p.xlsx" \
             "measure p.tanbook --list" "neutrality p.tanbook" "offset p.tanbook --list" \
             "renewable p.tanbook --list" "pledge p.tanbook" "evaluate p.tanbook" \
             "maturity p.tanbook" "evidence p.tanbook"; do
        # shellcheck disable=SC2086
        run tb $c
        [ "$RC" -eq 3 ] || note "$c: exit code $RC, expected 3 ($ERR)"
        grep -qF -- "$says" <<<"$ERR" || note "$c: stderr does not say: $says (it says: $ERR)"
    done
    run tb summary p.tanbook --json
    expect_rc 0
    expect_no_file out/p.xlsx
    expect_same "the workbook" "$before" "$(checksum p.tanbook)"
    verdict "plan: $name: kpi, target, measure, neutrality, offset, renewable, pledge, evaluate, maturity, evidence and export exit 3 naming the row; summary works; unchanged"
    rm -f p.tanbook p.tanbook-wal p.tanbook-shm
done

# As nobody in a read-only directory (as cli_readonly.sh): a good workbook is read, a hostile one
# refused the same way, and nothing appears beside either.
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
    ok "# SKIP root without setpriv: every directory is writable"
else
    if [ "$(id -u)" = 0 ]; then
        AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
        chmod 755 "$TMP"
        mkdir -p bin && cp "$TB" bin/tanbook && chmod 755 bin bin/tanbook
        RTB=$TMP/bin/tanbook
        chmod 644 one.csv
    else
        AS=()
        RTB=$TB
    fi
    mkdir -p share
    cp demo.tanbook share/good.tanbook
    hostile share/bad.tanbook "CREATE TRIGGER t1 AFTER UPDATE ON year_info BEGIN DELETE FROM activity; END"
    chmod 444 share/*.tanbook
    chmod 555 share
    listing=$(ls -a share)

    run ${AS[@]+"${AS[@]}"} "$RTB" summary share/good.tanbook --json
    expect_rc 0
    expect_json_approx "total_tco2e" 'd["total_tco2e"]' 779.242995
    run ${AS[@]+"${AS[@]}"} "$RTB" check share/good.tanbook
    expect_rc 0
    run ${AS[@]+"${AS[@]}"} "$RTB" export share/good.tanbook -o out/good.xlsx
    expect_rc 0
    expect_file_exists out/good.xlsx
    verdict "as nobody in a read-only directory: summary, check and export of a good workbook work"

    refused_by_all share/bad.tanbook read "工作簿含有不属于碳账本的触发器 t1" ${AS[@]+"${AS[@]}"} "$RTB"
    expect_eq "the read-only directory" "$(ls -a share)" "$listing"
    verdict "as nobody in a read-only directory: summary, check and export refuse a hostile workbook, nothing written"

    # set and import cannot write there at all, and say so before SQLite's first read would fail
    # making the -shm ("attempt to write a readonly database")
    refused_by_all share/good.tanbook write "没有写入该工作簿文件（或其所在文件夹）的权限" \
        ${AS[@]+"${AS[@]}"} "$RTB"
    expect_eq "the read-only directory" "$(ls -a share)" "$listing"
    verdict "as nobody in a read-only directory: set and import exit 3 saying there is no permission"
    chmod 755 share
fi

done_testing
