#!/bin/bash
# cli_workbook_format.sh - docs/workbook-format.md stays true: its pragmas on a new workbook, and
# its totals query (between the totals.sql markers), run by Python's sqlite3 on the demo workbook
# opened read-only, gives each year's total and scopes as `summary --json` (to its 6 decimals).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

DOC="$T_DIR/../../docs/workbook-format.md"
tb demo demo.tanbook --force >/dev/null 2>&1 || note "setup: demo failed"
# litres of diesel (through the pinned density), a refrigerant in kg, a 不适用 quarter
printf 'period,source,quantity,unit\n2024,柴油,200,L\n2024,HFC-32,2,kg\n2024-Q4,外购热力,/,GJ\n' >x.csv
import_ok demo.tanbook x.csv

run "$PY" -c 'import sqlite3; c = sqlite3.connect("file:demo.tanbook?mode=ro", uri=True)
print(c.execute("PRAGMA application_id").fetchone()[0], c.execute("PRAGMA user_version").fetchone()[0])'
expect_eq "application_id, user_version" "$OUT" "1413566018 9"
expect_eq "the version the doc names" "$(grep -c 'the number of migrations applied, \*\*9\*\* today' "$DOC")" 1
verdict "the workbook's pragmas are the ones docs/workbook-format.md names"

run "$PY" -c '
import json, re, sqlite3, subprocess, sys
doc = open(sys.argv[1], encoding="utf-8").read()
sql = re.search(r"<!-- totals.sql -->\s*```sql\n(.*?)```", doc, re.S).group(1)
c = sqlite3.connect("file:demo.tanbook?mode=ro", uri=True)
for year, total, s1, s2 in c.execute(sql):
    d = json.loads(subprocess.run([sys.argv[2], "summary", "demo.tanbook", "--year", str(year),
                                   "--json"], capture_output=True, check=True).stdout)
    for k, v in (("total_tco2e", total), ("scope1_tco2e", s1), ("scope2_tco2e", s2)):
        if abs(v - d[k]) > 1e-9 * abs(d[k]) + 5e-7:
            print("%d %s: query %.9f, summary %.6f" % (year, k, v, d[k]))
    print("year", year)
' "$DOC" "$TB"
expect_rc 0
expect_eq "years, no difference" "$OUT" "$(printf 'year 2023\nyear 2024')"
verdict "the doc's totals query on the demo workbook equals summary --json"

done_testing
