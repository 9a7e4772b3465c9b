#!/bin/bash
# cli_na.sh - 不适用 months from the command line: a CSV whose heat rows say "/" (or 不适用, ／,
# N/A) for the summer imports them as not applicable; `tanbook check` finds the year complete and
# asks no 数据来源 for them; the figures are those of the other months alone; the Excel export shows
# "/" in 月度明细 and 活动数据明细 (read back by tests/export_check.py) and the JSON lists the
# months as na_months; a workbook from before 不适用 (schema version 3) is migrated and still reads.
#
# Hand calculation (the factors the workbook pins for 2024):
#   外购电力 12 × 10 000 kWh = 120 MWh × 0.5306 tCO₂/MWh = 63.672 tCO₂
#   外购热力 6 × 100 GJ (January-March, October-December) = 600 GJ × 0.11 tCO₂/GJ = 66.000 tCO₂;
#   April-September are 不适用 and count 0
#   total 63.672 + 66 = 129.672 tCO₂e; 129.672 × 1000 / 8000 m² = 16.209 kgCO₂e/m²
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

CHECK="$T_DIR/../export_check.py"

new_wb na.tanbook --unit 某县教育局 --year 2024 --area 8000 --headcount 120 --address 某路1号 \
    --contact 张三 --phone 0571-87654321 --co-located 无 --uscc 91350100M000100Y43
{
    echo "期间,排放源,数量,单位,数据来源,排放设施名称,排放设施位置,备注"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
        echo "2024-$m,外购电力,10000,kWh,电费账单,,,"
    done
    for m in 01 02 03 10 11 12; do
        echo "2024-$m,外购热力,100,GJ,热力结算单,,,"
    done
    echo "2024-04,外购热力,/,,热力结算单,,,停暖"
    echo "2024-05,外购热力,不适用,GJ,,,,"
    echo "2024-06,外购热力,／,GJ,,,,"
    echo "2024-07,外购热力,N/A,,,,,"
    echo "2024-08,外购热力, / ,,,,,"
    echo "2024-09,外购热力,/,,,,,"
} >na.csv

run tb import --help
expect_rc 0
expect_out_contains "数量填 / 或“不适用”表示该期间不适用"
verdict "import --help says how a period is marked 不适用"

run tb import na.tanbook na.csv
expect_rc 0
expect_out_contains "已导入 24 行"
run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT group_concat(period || \"=\" || quantity || \"/\" || na || \"/\" || unit, \" \") FROM "
    "(SELECT period, quantity, na, unit FROM activity JOIN inventory ON inventory.id = inventory_id "
    "WHERE source = \"heat\" AND activity.na = 1 ORDER BY period)").fetchone()[0])
' na.tanbook
# six rows of quantity 0, na 1, in GJ (given, or the source's unit when left empty)
expect_out_contains "2024-04=0.0/1/GJ 2024-05=0.0/1/GJ 2024-06=0.0/1/GJ 2024-07=0.0/1/GJ 2024-08=0.0/1/GJ 2024-09=0.0/1/GJ"
verdict "\"/\", 不适用, ／ and N/A import as 不适用: quantity 0, na 1, a unit when none is given"

run tb check na.tanbook
expect_rc 0
expect_out_contains "未发现问题：附录A各表填写完整。"
expect_out_contains "共 0 个错误，0 个警告"
expect_out_lacks "数据来源"
verdict "check: the year is complete and no 数据来源 is asked for the 不适用 months"

run tb summary na.tanbook --json
expect_rc 0
expect_json_all "total" 'd["total_tco2e"]' 129.672 \
    "heat" 'src("heat")["tco2e"]' 66 \
    "heat quantity" 'src("heat")["quantity"]' 600 \
    "electricity" 'src("electricity")["tco2e"]' 63.672 \
    "intensity" 'd["intensity_kgco2e_per_m2"]' 16.209 \
    "heat na_months" 'src("heat")["na_months"]' "[4, 5, 6, 7, 8, 9]" \
    "electricity na_months" 'src("electricity")["na_months"]' "[]"
verdict "summary --json: 不适用 counts as zero (129.672 tCO₂e) and the JSON lists na_months"

run tb export na.tanbook -o na.xlsx
expect_rc 0
tb summary na.tanbook --json >na.json
run "$PY" "$CHECK" --records 24 --na-records 6 na.xlsx na.json
expect_rc 0
expect_out_contains "na.xlsx: ok"
run "$PY" -c '
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["月度明细"]
heat = [r for r in ws.iter_rows(values_only=True) if r[0] == "外购热力"]
print([heat[0][2:19], heat[1][2:19]])
ws = wb["活动数据明细"]
print([(r[2], r[3], r[5]) for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "外购热力" and r[3] == "/"])
' na.xlsx
# 1-3 and 10-12 hold 100 GJ (11 tCO₂e); 4-9 and the second and third quarters are "/"
expect_out_contains "[(100, 100, 100, '/', '/', '/', '/', '/', '/', 100, 100, 100, '=SUM(C6:E6)', '/', '/', '=SUM(L6:N6)', 0), (11, 11, 11, '/', '/', '/', '/', '/', '/', 11, 11, 11, '=SUM(C11:E11)', '/', '/', '=SUM(L11:N11)', 0)]"
expect_out_contains "[('2024年4月', '/', '停暖'), ('2024年5月', '/', None), ('2024年6月', '/', None), ('2024年7月', '/', None), ('2024年8月', '/', None), ('2024年9月', '/', None)]"
verdict "export: \"/\" in 月度明细 (months and the quarters of three such months) and 活动数据明细, checked by export_check.py"

# a workbook as schema version 3 wrote it (no activity.na), read-only and then migrated
cp na.tanbook old.tanbook
"$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode = DELETE")
for q in ("ALTER TABLE edit_log RENAME TO edit_log_v9",   # version 8
          "CREATE TABLE edit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, tbl TEXT NOT NULL, "
          "row TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, "
          "action INTEGER REFERENCES edit_action(id), "
          "kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1, 2)), before_row TEXT, "
          "after_row TEXT) STRICT",
          "INSERT INTO edit_log SELECT * FROM edit_log_v9", "DROP TABLE edit_log_v9",
          "CREATE INDEX edit_log_by_action ON edit_log(action)",
          "CREATE INDEX activity_by_entry ON activity(inventory_id)",
          "DROP INDEX inventory_by_position"):
    db.execute(q)
db.execute("DELETE FROM activity WHERE na = 1")
db.execute("ALTER TABLE activity DROP COLUMN na")
for col in ("session", "pid", "program"):             # version 5
    db.execute("ALTER TABLE edit_action DROP COLUMN %s" % col)
db.execute("DROP TABLE pending_edit")
for t in ("base_period", "target", "measure", "offset_claim", "renewable", "neutral_text", "assessment"):
    db.execute("DROP TABLE %s" % t)
db.execute("PRAGMA user_version = 3")
db.commit()
' old.tanbook || note "setup: making a version 3 workbook failed"
run tb summary old.tanbook --json          # read-only: the file stays as it is
expect_rc 0
expect_json_approx "version 3 total" 'd["total_tco2e"]' 129.672
run tb check old.tanbook
expect_out_contains "缺 4、5、6、7、8、9 月的数据"
printf '期间,排放源,数量,单位\n2024-04,外购热力,/,\n' >april.csv
run tb import old.tanbook april.csv             # the first write migrates it
expect_rc 0
run "$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("PRAGMA user_version").fetchone()[0],
      [r[1] for r in db.execute("PRAGMA table_info(activity)")][-1],
      db.execute("SELECT count(*) FROM activity WHERE na = 0").fetchone()[0],
      db.execute("SELECT period FROM activity WHERE na = 1").fetchall())
' old.tanbook
expect_out_contains "9 na 18 [('2024-04',)]"
run tb check old.tanbook
expect_out_contains "缺 5、6、7、8、9 月的数据"
verdict "a version 3 workbook reads as it is, migrates to the latest version on the first write (its 18 rows na 0) and takes a 不适用 month"

done_testing
