#!/bin/bash
# cli_pg.sh - `tanbook push --pg` and the regional schema against a real PostgreSQL server:
# Debian's postgresql (initdb, pg_ctl from /usr/lib/postgresql/*/bin), started by this test in a
# temporary directory on a private Unix socket there (no TCP port) and stopped and removed at
# the end. Postgres refuses to run as root: as root (CI, this machine) the server runs as
# `nobody`. Three workbooks pushed: the SQL sums per unit-year and in total equal `summary
# --json`; the tidy CSV loaded with \copy … WITH (FORMAT csv, HEADER) holds exactly the
# database's rows; a corrected workbook pushed again changes its own unit-year only and
# duplicates nothing; a broken file is skipped, an unreachable server exits 3; tests/test_pg.c
# (pg_rollup_load) runs against the same server. Without the server programs the test is
# skipped, except under CI=true, where it fails (`make deps` installs them).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ] \
    || ! command -v psql >/dev/null; then
    if [ "${CI:-}" = true ]; then
        echo "not ok 1 - PostgreSQL's initdb, pg_ctl and psql are installed (make deps installs postgresql)"
        echo "1..1"
        exit 1
    fi
    echo "1..0 # SKIP PostgreSQL is not installed (make deps installs postgresql)"
    exit 0
fi

# The server's directory: data, log and socket; owned by the user the server runs as.
PGD=$(mktemp -d "${TMPDIR:-/tmp}/tanbook-pg.XXXXXX") || exit 3
PG_STARTED=0
if [ "$(id -u)" -eq 0 ]; then
    chown nobody "$PGD" || exit 3
    as_pg() { setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups -- \
                  env HOME="$PGD" "$@"; }
else
    as_pg() { "$@"; }
fi

pg_cleanup() {
    [ "$PG_STARTED" -eq 1 ] && as_pg "$PG_BIN/pg_ctl" -D "$PGD/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$PGD"
    lib_cleanup
}
trap pg_cleanup EXIT

if ! as_pg "$PG_BIN/initdb" -D "$PGD/data" -A trust -U tanbook -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$PGD/initdb.log" 2>&1; then
    echo "not ok 1 - initdb in $PGD"; sed 's/^/# /' "$PGD/initdb.log"; echo "1..1"; exit 1
fi
if ! as_pg "$PG_BIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w -t 60 \
        -o "-k $PGD -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1; then
    echo "not ok 1 - postgres started on a socket in $PGD"; sed 's/^/# /' "$PGD/server.log"
    echo "1..1"; exit 1
fi
PG_STARTED=1
BASE="host=$PGD user=tanbook"
CONN="$BASE dbname=region"
sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }          # a psql of our own, no ~/.psqlrc
sql "$BASE dbname=postgres" -c 'CREATE DATABASE region' -c 'CREATE DATABASE unit_test' \
    -c 'CREATE DATABASE empty_test' || { echo "not ok 1 - databases made"; echo "1..1"; exit 1; }
# q SQL - the query's rows as CSV (psql --csv, no header).
q() { sql "$CONN" -At --csv -c "$1" 2>&1; }

# ---- three workbooks --------------------------------------------------------------------------
tb demo a.tanbook --force >/dev/null 2>&1 || note "setup: demo failed"
cp a.tanbook b.tanbook
# b: another unit, with its 统一社会信用代码 (the A.1 key tidy.h names), written as another tool would
"$PY" -c 'import sqlite3; c = sqlite3.connect("b.tanbook")
c.execute("UPDATE unit_info SET value = ? WHERE key = ?", ("乙局", "unit_name"))
c.execute("INSERT OR REPLACE INTO unit_info (key, value) VALUES (?, ?)", ("uscc", "91350100M000100Y43"))
c.commit()' || note "setup: b.tanbook"
new_wb c.tanbook --year 2024 --unit '丙所'
cat >c.csv <<'CSV'
period,source,quantity,unit,facility,data_source
2024-01,外购电力,12000,kWh,"办公楼,""主楼""",电费账单
2024-02,外购电力,11000,kWh,"办公楼,""主楼""",电费账单
2024-03,外购电力,9000,kWh,"办公楼,""主楼""",电费账单
2024-01,天然气,800,m³,食堂,燃气账单
2024-02,天然气,/,m³,食堂,
CSV
import_ok c.tanbook c.csv
NROWS=$(for f in a b c; do "$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*) FROM activity").fetchone()[0])' $f.tanbook; done | awk '{ s += $1 } END { print s }')

# summaries FILE YEAR... - summary --json of each year as lines "UNIT,YEAR,TOTAL,SCOPE1,SCOPE2,TCE".
summaries() {
    local f=$1 y
    shift
    for y in "$@"; do
        "$TB" summary "$f" --year "$y" --json | "$PY" -c 'import json, sys; d = json.load(sys.stdin)
print("%s,%d,%r,%r,%r,%r" % (d["unit"], d["year"], d["total_tco2e"], d["scope1_tco2e"],
                             d["scope2_tco2e"], d["energy_tce"]))'
    done
}
# same_sums WHAT SUMMARIES SQLROWS - lines of the two (UNIT,YEAR,numbers…) sorted agree: the
# numbers within 1e-9 relative plus half the last digit summary --json prints (5e-7).
same_sums() {
    local res
    res=$("$PY" -c '
import csv, sys
a = sorted(csv.reader(sys.argv[1].splitlines())); b = sorted(csv.reader(sys.argv[2].splitlines()))
if [r[:2] for r in a] != [r[:2] for r in b]:
    print("unit-years differ: %s / %s" % ([r[:2] for r in a], [r[:2] for r in b])); sys.exit()
for x, y in zip(a, b):
    for i, (u, v) in enumerate(zip(x[2:], y[2:])):
        if abs(float(u) - float(v)) > 1e-9 * abs(float(u)) + 5e-7:
            print("%s %s column %d: summary %s, SQL %s" % (x[0], x[1], i + 3, u, v))
' "$2" "$3")
    [ -z "$res" ] || note "$1: $res"
}
WANT=$( { summaries a.tanbook 2023 2024; summaries b.tanbook 2023 2024; summaries c.tanbook 2024; } )
# every unit-year from its own rows (activity) and as pushed (unit_years)
ROWS_SQL="SELECT y.unit, y.year, sum(a.tco2e), sum(a.tco2e) FILTER (WHERE a.scope = 1),
    coalesce(sum(a.tco2e) FILTER (WHERE a.scope = 2), 0), sum(a.tce)
    FROM tanbook.activity a JOIN tanbook.rollup y ON (y.unit, y.year) = (a.unit, a.year)
    GROUP BY y.unit, y.year"
TOTALS_SQL="SELECT unit, year, total_tco2e, scope1_tco2e, scope2_tco2e, energy_tce FROM tanbook.rollup"

# ---- push ---------------------------------------------------------------------------------
run tb push --pg "$CONN" a.tanbook b.tanbook c.tanbook
expect_rc 0
expect_eq "unit-years pushed" "$(grep -c '^已推送' <<<"$OUT")" 5
expect_out_contains "已推送 c.tanbook 的 2024 年度（丙所，5 条活动数据）"
expect_eq "no notices on stderr" "$ERR" ""
expect_eq "schema version" "$(q 'SELECT version FROM tanbook.schema_version')" 1
expect_eq "units" "$(q 'SELECT unit_key FROM tanbook.units ORDER BY unit_key')" \
    "$(printf '%s\n' 12330122MB1A2B3C48 91350100M000100Y43 'name:丙所')"   # the demo's code, b's, c has none
expect_eq "unit-years" "$(q 'SELECT count(*) FROM tanbook.unit_years')" 5
expect_eq "activity rows" "$(q 'SELECT count(*) FROM tanbook.activity')" "$NROWS"
expect_eq "b's code" "$(q "SELECT DISTINCT code FROM tanbook.rollup WHERE unit = '乙局'")" \
    91350100M000100Y43
expect_eq "file and its sha256" "$(q "SELECT DISTINCT file, file_sha256 FROM tanbook.rollup WHERE unit = '丙所'")" \
    "c.tanbook,$(sha256sum <c.tanbook | cut -d' ' -f1)"
same_sums "unit_years against summary --json" "$WANT" "$(q "$TOTALS_SQL")"
same_sums "activity sums against summary --json" "$WANT" "$(q "$ROWS_SQL")"
same_sums "the region's total" "$(awk -F, '{ t += $3 } END { printf "all,0,%.9f,0,0,0\n", t }' <<<"$WANT")" \
    "$(q "SELECT 'all', 0, sum(total_tco2e), 0, 0, 0 FROM tanbook.rollup")"
same_sums "category_totals add up" "$(q "$TOTALS_SQL" | cut -d, -f1-3)" \
    "$(q 'SELECT unit, year, sum(tco2e) FROM tanbook.category_totals GROUP BY unit, year')"
expect_eq "不适用 is NULL" "$(q "SELECT count(*) FROM tanbook.activity WHERE quantity IS NULL AND tco2e = 0")" 1
expect_eq "c is not complete (A.1 unfilled), a is" \
    "$(q "SELECT unit, complete FROM tanbook.rollup WHERE year = 2024 ORDER BY unit")" \
    "$(printf '%s\n' '丙所,f' '乙局,t' '示例县机关事务服务中心,t')"
verdict "push: three workbooks; SQL sums per unit-year and in total equal summary --json"

# ---- the CSV into PostgreSQL ----------------------------------------------------------------
tb export --format csv a.tanbook b.tanbook c.tanbook -o all.csv >/dev/null 2>&1 || note "setup: export failed"
run sql "$CONN" <<'SQL'
CREATE TABLE csv_load (unit_code text, unit text, year integer, period text, category text,
    scope integer, source text, facility text, quantity double precision, quantity_unit text,
    activity double precision, activity_unit text, factor double precision, factor_unit text,
    factor_source text, tco2e double precision, tce double precision, data_source text);
\copy csv_load FROM 'all.csv' WITH (FORMAT csv, HEADER)
SQL
expect_rc 0
expect_eq "CSV rows" "$(q 'SELECT count(*) FROM csv_load')" "$NROWS"
same_sums "CSV sums against summary --json" "$WANT" \
    "$(q 'SELECT unit, year, sum(tco2e), sum(tco2e) FILTER (WHERE scope = 1),
          coalesce(sum(tco2e) FILTER (WHERE scope = 2), 0), sum(tce) FROM csv_load GROUP BY unit, year')"
COLS="unit_code, unit, year, period, category, scope, source, facility, quantity, quantity_unit,
      activity, activity_unit, factor, factor_unit, factor_source, tco2e, tce, data_source"
expect_eq "CSV rows not in the database" \
    "$(q "SELECT count(*) FROM (SELECT $COLS FROM csv_load EXCEPT ALL SELECT $COLS FROM tanbook.activity) x")" 0
expect_eq "database rows not in the CSV" \
    "$(q "SELECT count(*) FROM (SELECT $COLS FROM tanbook.activity EXCEPT ALL SELECT $COLS FROM csv_load) x")" 0
expect_eq "the quoted facility, empty text not NULL" \
    "$(q "SELECT DISTINCT facility, unit_code IS NULL, quantity IS NULL FROM csv_load WHERE unit = '丙所' AND source = '外购电力'")" \
    '"办公楼,""主楼""",f,f'
verdict "the tidy CSV loads with \\copy … WITH (FORMAT csv, HEADER) and holds exactly the pushed rows"

# ---- a corrected workbook pushed again --------------------------------------------------------
OTHERS="SELECT y.*, a.* FROM tanbook.unit_years y JOIN tanbook.units u ON u.id = y.unit_id
        LEFT JOIN tanbook.activity a ON a.unit_year_id = y.id WHERE u.name <> '丙所'
        ORDER BY y.id, a.row_no"
before=$(q "$OTHERS")
printf 'period,source,quantity,unit,facility\n2024-03,外购电力,19000,kWh,"办公楼,""主楼"""\n' >fix.csv
import_ok c.tanbook fix.csv
run tb push --pg "$CONN" c.tanbook
expect_rc 0
expect_out_contains "替换了此前推送的数据"
expect_same "the other units' rows (ids, push times and all)" "$before" "$(q "$OTHERS")"
WANT=$( { summaries a.tanbook 2023 2024; summaries b.tanbook 2023 2024; summaries c.tanbook 2024; } )
same_sums "after the correction" "$WANT" "$(q "$TOTALS_SQL")"
same_sums "after the correction, from the rows" "$WANT" "$(q "$ROWS_SQL")"
# 2024-03 electricity 9000 → 19000 kWh: 10 MWh more at the 2024 factor
expect_eq "c's March" "$(q "SELECT quantity FROM tanbook.activity WHERE unit = '丙所' AND period = '2024-03'")" 19000
expect_eq "unit-years" "$(q 'SELECT count(*) FROM tanbook.unit_years')" 5
expect_eq "activity rows" "$(q 'SELECT count(*) FROM tanbook.activity')" "$NROWS"
verdict "a corrected workbook pushed again replaces its own unit-year, nothing else"

run tb push --pg "$CONN" a.tanbook b.tanbook c.tanbook
expect_rc 0
expect_eq "units" "$(q 'SELECT count(*) FROM tanbook.units')" 3
expect_eq "unit-years" "$(q 'SELECT count(*) FROM tanbook.unit_years')" 5
expect_eq "one row per unit, year" "$(q 'SELECT count(*) FROM (SELECT DISTINCT unit, year FROM tanbook.rollup) x')" 5
expect_eq "activity rows" "$(q 'SELECT count(*) FROM tanbook.activity')" "$NROWS"
expect_eq "schema_version still one row" "$(q 'SELECT count(*) FROM tanbook.schema_version')" 1
same_sums "after pushing all again" "$WANT" "$(q "$TOTALS_SQL")"
verdict "pushing every workbook again duplicates nothing"

run tb push --pg "$CONN" --year 2023 a.tanbook
expect_rc 0
expect_eq "one unit-year" "$(grep -c '^已推送' <<<"$OUT")" 1
expect_out_contains "已推送 a.tanbook 的 2023 年度"
expect_eq "a's 2024 untouched" "$(q "SELECT count(*) FROM tanbook.rollup WHERE unit = '示例县机关事务服务中心' AND pushed_at = (SELECT max(pushed_at) FROM tanbook.rollup)")" 1
expect_eq "unit-years" "$(q 'SELECT count(*) FROM tanbook.unit_years')" 5
verdict "push --year pushes that year only"

# ---- rollup --pg: the same report from the database --------------------------------------------
# the units of a rollup --json, one line each: code, unit, year and the figures (file and the
# plan's change and grade left out: the database names its files pg:…, and keeps no plan)
units_of() {
    "$PY" -c '
import json, sys
for u in json.load(sys.stdin)["units"]:
    print(u["code"], u["unit"], u["year"], *("-" if u[k] is None else "%.9g" % u[k] for k in (
          "total_tco2e", "scope1_tco2e", "scope2_tco2e", "intensity_kgco2e_per_m2",
          "per_capita_tco2e", "energy_tce")), u["complete"])'
}
run tb rollup --json --year 2024 a.tanbook b.tanbook c.tanbook
want=$(units_of <<<"$OUT")
run tb rollup --pg "$CONN" --json --year 2024
expect_rc 0
got=$(units_of <<<"$OUT")
expect_same "rollup --pg --year 2024 against the files' rollup" "$want" "$got"
[ "$(wc -l <<<"$got")" -eq 3 ] || note "expected 3 units in 2024, got: $got"
[ "$(wc -l <<<"$want")" -eq 3 ] || note "the files' rollup: expected 3 units in 2024, got: $want"
grep -q '"file": "pg:' <<<"$OUT" || note "a unit from the database should name its file pg:…"
run tb rollup --pg "$CONN" -o region.xlsx
expect_rc 0
expect_file_exists region.xlsx
"$PY" - region.xlsx <<'PYEOF' || note "region.xlsx from the database lacks the three units"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
names = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
sys.exit(0 if {"乙局", "丙所", "示例县机关事务服务中心"} <= names else 1)
PYEOF
run tb rollup --pg "$CONN" --json a.tanbook
expect_rc 2
expect_err_contains "--pg 从数据库汇总"
run tb rollup --pg "$BASE dbname=empty_test" --json
expect_rc 1
expect_err_contains "tanbook push --pg"
verdict "rollup --pg gives the units the files' rollup gives; files with --pg are refused"

# ---- refusals ---------------------------------------------------------------------------------
printf 'not a workbook, just text\n' >bad.tanbook
before=$(q "$OTHERS")
run tb push --pg "$CONN" bad.tanbook a.tanbook
expect_rc 1
expect_err_contains "跳过 bad.tanbook"
expect_out_contains "已推送 a.tanbook 的 2024 年度"
expect_eq "unit-years" "$(q 'SELECT count(*) FROM tanbook.unit_years')" 5
verdict "a broken file is skipped with its reason, the others pushed, exit 1"

run tb push --pg "host=$PGD/nowhere user=tanbook dbname=region" a.tanbook
expect_rc 3
expect_err_contains "无法连接 PostgreSQL"
verdict "a server that is not there exits 3"

run tb push --pg "this is not=a conninfo" a.tanbook
expect_rc 3
expect_err_contains "无法连接 PostgreSQL"
verdict "a conninfo libpq cannot read exits 3"

run tb push a.tanbook
expect_rc 2
expect_err_contains "--pg"
run tb push --pg "$CONN"
expect_rc 2
expect_err_contains "用法: tanbook push"
verdict "push without --pg or without a file is a usage error"

run tb push --help
expect_rc 0
expect_out_contains "用法: tanbook push --pg CONNINFO FILE…"
verdict "push --help"

# ---- the example queries of docs/regional-schema.md ---------------------------------------------
"$PY" -c '
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
part = doc[doc.index("## Example queries"):doc.index("## How it is tested")]
print("\n".join(re.findall(r"```sql\n(.*?)```", part, re.S)))
' "$T_DIR/../../docs/regional-schema.md" >examples.sql
run sql "$CONN" -f examples.sql
expect_rc 0
expect_eq "no error" "$ERR" ""
expect_eq "queries found" "$(grep -c '^SELECT' examples.sql)" 7
expect_out_contains "乙局"
verdict "the example queries of docs/regional-schema.md run on the pushed data"

# ---- pg_rollup_load (tests/test_pg.c) ---------------------------------------------------------
if [ -x "${TANBOOK_PG_TEST:-}" ]; then
    run env TANBOOK_PG_CONNINFO="$BASE" CMOCKA_MESSAGE_OUTPUT=STDOUT "$TANBOOK_PG_TEST"
    expect_rc 0
    expect_out_lacks "SKIPPED"
    expect_out_contains "OK ] test_push_and_load"
    expect_out_contains "OK ] test_refusals"
    expect_err_contains "PASSED  ] 2 test(s)"
else
    note "test_pg not built (TANBOOK_PG_TEST=${TANBOOK_PG_TEST:-unset}; make sets it)"
fi
verdict "pg_rollup_load reads the rollup view back (test_pg against this server)"

done_testing
