#!/bin/bash
# cli_export_csv.sh - `tanbook export --format csv FILE…`: the demo workbook and a second one
# exported and read back with Python's csv module: the header, one row per A.5 value, each
# year's tco2e, scope and tce sums against `summary --json`, a facility name with a comma, a
# quote and a newline read back as it is, a value 不适用, --year, -o, and refusals.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

HEADER='unit_code,unit,year,period,category,scope,source,facility,quantity,quantity_unit,activity,activity_unit,factor,factor_unit,factor_source,tco2e,tce,data_source'

# csvpy EXPR FILE - evaluates EXPR with rows = FILE read by csv.DictReader (UTF-8, no BOM
# allowed), raw = its bytes; prints the result or "ERROR: ...".
csvpy() {
    "$PY" -c '
import csv, io, sys
try:
    raw = open(sys.argv[2], "rb").read()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    print(eval(sys.argv[1]))
except Exception as e:
    print("ERROR: %s: %s" % (type(e).__name__, e))
' "$1" "$2"
}

# sums_match CSV WORKBOOK YEAR UNIT - the rows of UNIT and YEAR in CSV add up to summary --json
# of WORKBOOK's YEAR: total, scope 1, scope 2, energy. summary prints 6 decimals, so the
# tolerance is 1e-9 relative plus half its last digit (5e-7).
sums_match() {
    local res
    "$TB" summary "$2" --json --year "$3" >"$TMP/.sum.json" 2>"$TMP/.setup" \
        || { note "setup: summary $2 --year $3 failed: $(cat "$TMP/.setup")"; return 1; }
    res=$("$PY" -c '
import csv, json, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))
        if r["year"] == sys.argv[3] and r["unit"] == sys.argv[4]]
d = json.load(open(sys.argv[2]))
got = {"total_tco2e": sum(float(r["tco2e"]) for r in rows),
       "scope1_tco2e": sum(float(r["tco2e"]) for r in rows if r["scope"] == "1"),
       "scope2_tco2e": sum(float(r["tco2e"]) for r in rows if r["scope"] == "2"),
       "energy_tce": sum(float(r["tce"]) for r in rows)}
for k, v in got.items():
    if abs(v - d[k]) > 1e-9 * abs(d[k]) + 5e-7:
        print("%s %s: rows sum to %.12g, summary says %.12g" % (sys.argv[3], k, v, d[k]))
if not rows:
    print("no rows for %s %s" % (sys.argv[4], sys.argv[3]))
' "$1" "$TMP/.sum.json" "$3" "$4")
    [ -z "$res" ] || note "$res"
}

tb demo demo.tanbook --force >/dev/null 2>&1 || note "setup: demo failed"
UNIT=$("$PY" -c 'import sqlite3; print(sqlite3.connect("demo.tanbook").execute(
    "SELECT value FROM unit_info WHERE key = '"'"'unit_name'"'"'").fetchone()[0])')
NROWS=$("$PY" -c 'import sqlite3; print(sqlite3.connect("demo.tanbook").execute(
    "SELECT count(*) FROM activity").fetchone()[0])')

# ---- the demo to standard output -------------------------------------------------------------------
run tb export --format csv demo.tanbook
expect_rc 0
printf '%s\n' "$OUT" >demo.csv
expect_eq "header" "$(head -n 1 demo.csv)" "$HEADER"
expect_eq "no BOM, UTF-8" "$(csvpy 'raw[:3] != b"\xef\xbb\xbf"' demo.csv)" "True"
expect_eq "one row per A.5 value" "$(csvpy 'len(rows)' demo.csv)" "$NROWS"
expect_eq "years" "$(csvpy 'sorted(set(r["year"] for r in rows))' demo.csv)" "['2023', '2024']"
expect_eq "the unit" "$(csvpy 'set(r["unit"] for r in rows)' demo.csv)" "{'$UNIT'}"
expect_eq "the demo's 统一社会信用代码" "$(csvpy 'set(r["unit_code"] for r in rows)' demo.csv)" "{'12330122MB1A2B3C48'}"
sums_match demo.csv demo.tanbook 2023 "$UNIT"
sums_match demo.csv demo.tanbook 2024 "$UNIT"
# a row by hand: 2023-01 electricity 101200 kWh = 101.2 MWh × 0.5306 = 53.69672 t,
# 101200 × 0.1229 kgce = 12.43748 tce
expect_eq "2023-01 electricity" "$(csvpy '[(r["quantity"], r["quantity_unit"], r["activity"],
    r["activity_unit"], r["factor"], r["factor_unit"], r["tco2e"], round(float(r["tce"]), 9),
    r["scope"], r["category"]) for r in rows if r["period"] == "2023-01"
    and r["source"] == "外购电力"]' demo.csv)" \
    "[('101200', 'kWh', '101.2', 'MWh', '0.5306', 'tCO₂/MWh', '53.69672', 12.43748, '2', '净购入电力与热力产生的排放')]"
verdict "export --format csv: the demo's rows on stdout add up to summary --json"

run tb export --format csv demo.tanbook -o out.csv
expect_rc 0
expect_out_contains "已导出 out.csv"
expect_eq "-o holds what stdout gets" "$(cmp -s out.csv demo.csv && echo same)" "same"
verdict "export --format csv -o OUT.csv writes the same bytes"

run tb export --format csv demo.tanbook --year 2023
expect_rc 0
printf '%s\n' "$OUT" >y2023.csv
expect_eq "--year" "$(csvpy 'sorted(set(r["year"] for r in rows))' y2023.csv)" "['2023']"
verdict "export --format csv --year 2023 has that year only"

# ---- quoting, 不适用 and two workbooks ----------------------------------------------------------
new_wb q.tanbook --year 2024 --unit '乙单位'
printf 'period,source,quantity,unit,facility,data_source\n2024-01,天然气,1000,m³,"食堂,""北楼""",账单\n2024-02,天然气,/,m³,"食堂,""北楼""",\n' >q.csv
import_ok q.tanbook q.csv
# import refuses a control character in a name; a workbook another tool wrote may hold one
"$PY" -c 'import sqlite3; c = sqlite3.connect("q.tanbook")
c.execute("UPDATE inventory SET facility = facility || char(10) || ?", ("二层",)); c.commit()' \
    || note "setup: sqlite3 update failed"
run tb export --format csv demo.tanbook q.tanbook
expect_rc 0
printf '%s\n' "$OUT" >two.csv
expect_eq "both units" "$(csvpy 'sorted(set(r["unit"] for r in rows)) == sorted(["乙单位", "'"$UNIT"'"])' two.csv)" "True"
expect_eq "facility read back" "$(csvpy '[r["facility"] for r in rows if r["unit"] == "乙单位"]' two.csv)" \
    "['食堂,\"北楼\"\\n二层', '食堂,\"北楼\"\\n二层']"
expect_out_contains '"食堂,""北楼""'
# 1000 m³ = 0.1 万m³ × 21.622 = 2.1622 t; 不适用: no quantity, zero emissions
expect_eq "乙 rows" "$(csvpy '[(r["period"], r["quantity"], r["activity"], r["tco2e"], r["data_source"])
    for r in rows if r["unit"] == "乙单位"]' two.csv)" \
    "[('2024-01', '1000', '0.1', '2.1622', '账单'), ('2024-02', '', '', '0', '')]"
expect_eq "不适用 unquoted empty (NULL for COPY)" "$(grep -c '二层",,"",,万m³' two.csv)" "1"
sums_match two.csv q.tanbook 2024 乙单位
sums_match two.csv demo.tanbook 2024 "$UNIT"
verdict "export --format csv of two workbooks: quoting, 不适用, each unit's sums"

# ---- refusals --------------------------------------------------------------------------------
run tb export --format csv
expect_rc 2
expect_err_contains "用法: tanbook export"
verdict "export --format csv without a workbook is a usage error"

run tb export --format csv demo.tanbook -o out.txt
expect_rc 2
expect_err_contains ".csv 结尾"
verdict "export --format csv -o must end in .csv"

run tb export --format csv demo.tanbook -o demo.tanbook
expect_rc 2
verdict "export --format csv refuses -o naming the workbook (not a .csv name)"

rm -f bad.csv
run tb export --format csv demo.tanbook missing.tanbook -o bad.csv
expect_rc 3
expect_err_contains "missing.tanbook"
expect_no_file bad.csv
verdict "export --format csv with a missing workbook exits 3 and writes nothing"

run tb export --format csv demo.tanbook --year 2019
expect_rc 1
expect_eq "nothing on stdout" "$OUT" ""
verdict "export --format csv --year the workbook lacks exits 1, nothing written"

run tb export --format pdf demo.tanbook
expect_rc 2
expect_err_contains "xlsx、json、csv"
verdict "an unknown --format lists csv"

done_testing
