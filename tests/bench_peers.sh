#!/bin/bash
# bench_peers.sh - tanbook beside its peers, for `make bench` (figures printed, never asserted).
#
# For a year of 100, 1,000 and 10,000 entries (an entry is a source at a facility, twelve months
# each) and for 20 and 50 years of 100 entries, it measures in one run:
#   import  tanbook import of the CSV   against the sqlite3 shell importing the same CSV into the
#           same tables (inventory, activity) set-based in one transaction: the SQLite floor;
#   export  tanbook export of 2024   against bench_xlsx (a minimal C program writing the same
#           cells, dumped from tanbook's file with openpyxl beforehand, with libxlsxwriter, with and
#           without constant_memory), and /usr/bin/python3 writing them with xlsxwriter and with
#           openpyxl;
#   and the read-only commands summary, check and kpi;
# and prints the ratios. Times are the best of 3 runs (1 above 50,000 rows), peak
# memory is the maximum resident size: a line under each size sets tanbook's export beside
# bench_xlsx's with and without constant_memory. BENCH_CALLGRIND=1 adds instruction counts
# (valgrind --tool=callgrind) at 1,000 entries and at 50 years, steadier than times on a noisy
# machine.
set -eu
TB=${TANBOOK:-$(pwd)/tanbook}
XLSX=${BENCH_XLSX:?bench_xlsx, the C peer, is built by make bench}
SIZES=${BENCH_SIZES:-"100x1 1000x1 10000x1 100x20 100x50"}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8

# gen ENTRIES YEARS FILE: the CSV, an entry's twelve months on consecutive lines, years up to 2024
# (from 1990 on when there are more than 35).
gen() {
    /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import sys
n, years, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
srcs = [("外购电力", "kWh", 90000), ("天然气", "m³", 2000), ("汽油", "L", 900),
        ("柴油", "kg", 40), ("外购热力", "GJ", 60)]
with open(path, "w", encoding="utf-8") as f:
    f.write("期间,排放源,数量,单位,数据来源,排放设施名称\n")
    first = max(1990, 2024 - years + 1)     # workbook years are 1990-2100; 2024 always among them
    for year in range(first, first + years):
        for k in range(n):
            name, unit, base = srcs[k % 5]
            fac = k // 5
            for m in range(1, 13):
                q = base * (1 + ((m * 7 + fac + year) % 10) / 20)
                f.write(f"{year}-{m:02d},{name},{q:.1f},{unit},账单,设施{fac:04d}\n")
PY
}

# The floor: the same CSV into the same tables by the sqlite3 shell, set-based, one transaction.
floor_sql() {
    cat <<SQL
CREATE TEMP TABLE raw (period TEXT, source TEXT, quantity TEXT, unit TEXT, data_source TEXT, facility TEXT);
.import --csv --skip 1 --schema temp $1 raw
BEGIN;
CREATE TEMP TABLE src (name TEXT PRIMARY KEY, code TEXT);
INSERT INTO src VALUES ('外购电力','electricity'),('天然气','natural_gas'),('汽油','gasoline'),
  ('柴油','diesel'),('外购热力','heat');
INSERT OR IGNORE INTO years (year, created_at)
  SELECT DISTINCT CAST(substr(period, 1, 4) AS INTEGER), '2026-01-01T00:00:00Z' FROM raw;
INSERT INTO inventory (year, source, facility, position)
  SELECT y, code, facility, row_number() OVER (PARTITION BY y ORDER BY first)
  FROM (SELECT CAST(substr(r.period, 1, 4) AS INTEGER) AS y, s.code, r.facility, min(r.rowid) AS first
        FROM raw r JOIN src s ON s.name = r.source GROUP BY 1, 2, 3);
INSERT INTO activity (inventory_id, period, quantity, unit, data_source)
  SELECT i.id, r.period, CAST(r.quantity AS REAL), r.unit, r.data_source
  FROM raw r JOIN src s ON s.name = r.source
  JOIN inventory i ON i.year = CAST(substr(r.period, 1, 4) AS INTEGER) AND i.source = s.code
                  AND i.facility = r.facility;
COMMIT;
SQL
}

# measure RUNS CMD...: sets ms (best wall time) and kib (peak resident size of that run). An exit
# status of 1 counts as a run (check exits 1 when it finds an error); 2 and above do not.
measure() {
    local runs=$1 best="" t0 t1 i rc
    shift
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        rc=0; /usr/bin/time -f "%M" -o "$dir/rss" "$@" >/dev/null 2>"$dir/err" || rc=$?
        if [ "$rc" -gt 1 ]; then echo "bench: failed ($rc): $*" >&2; cat "$dir/err" >&2; return 1; fi
        t1=$(date +%s%N)
        if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); kib=$(tail -1 "$dir/rss"); fi
    done
    ms=$(echo "scale=1; $best / 1000000" | bc)
}

ratio() { echo "scale=2; $1 / $2" | bc; }

# fresh FILE YEARS: a new workbook with the CSV's latest year, the earlier ones added by the import.
fresh() { rm -f "$1"; "$TB" new "$1" --unit 基准测试单位 --year 2024 --area 50000 --headcount 800 >/dev/null; }

# The cells of tanbook's export, dumped once (untimed) for the peers to write: sheet, row, column,
# n|s|f and the value, sheet by sheet and row by row (bench_xlsx.c reads the same format).
cat >"$dir/dump.py" <<'PY'
import sys, openpyxl
esc = lambda v: str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
wb = openpyxl.load_workbook(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                k = "f" if c.data_type == "f" else "n" if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) else "s"
                out.write("%s\t%d\t%d\t%s\t%s\n" % (ws.title, c.row - 1, c.column - 1, k, esc(c.value)))
PY
# The Python peers: the same cells with xlsxwriter and with openpyxl.
cat >"$dir/px.py" <<'PY'
import re, sys, xlsxwriter
unesc = lambda v: re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), v)
wb = xlsxwriter.Workbook(sys.argv[2]); num = wb.add_format({"num_format": "#,##0.00"}); ws, name = None, None
for line in open(sys.argv[1], encoding="utf-8"):
    sheet, r, c, k, v = line.rstrip("\n").split("\t", 4)
    if sheet != name:
        ws, name = wb.add_worksheet(sheet), sheet
    r, c, v = int(r), int(c), unesc(v)
    if k == "n": ws.write_number(r, c, float(v), num)
    elif k == "f": ws.write_formula(r, c, v, num)
    else: ws.write_string(r, c, v)
wb.close()
PY
cat >"$dir/op.py" <<'PY'
import re, sys, openpyxl
unesc = lambda v: re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), v)
wb = openpyxl.Workbook(); wb.remove(wb.active); ws, name = None, None
for line in open(sys.argv[1], encoding="utf-8"):
    sheet, r, c, k, v = line.rstrip("\n").split("\t", 4)
    if sheet != name:
        ws, name = wb.create_sheet(sheet), sheet
    cell = ws.cell(row=int(r) + 1, column=int(c) + 1, value=float(unesc(v)) if k == "n" else unesc(v))
    if k == "n": cell.number_format = "#,##0.00"
wb.save(sys.argv[2])
PY

printf '%-14s %8s | %10s %10s %6s | %9s %9s %9s | %10s %5s %10s %8s %5s %11s %11s %6s %6s\n' \
    entries/year rows import floor ×floor summary check kpi export MiB C C-const MiB py-xlsxw openpyxl ×C ×Cc
for size in $SIZES; do
    n=${size%x*} years=${size#*x}
    csv=$dir/in.csv wb=$dir/b.tanbook
    gen "$n" "$years" "$csv"
    rows=$(($(wc -l <"$csv") - 1))
    runs=3; [ "$rows" -gt 50000 ] && runs=1

    # import: every run starts from a new workbook (the creation is not timed)
    best=""
    for ((i = 0; i < runs; i++)); do
        fresh "$wb"
        t0=$(date +%s%N); "$TB" import "$wb" "$csv" --add-years >/dev/null; t1=$(date +%s%N)
        if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
    done
    imp=$(echo "scale=1; $best / 1000000" | bc)
    best=""
    for ((i = 0; i < runs; i++)); do
        fresh "$dir/f.tanbook"
        floor_sql "$csv" >"$dir/floor.sql"
        t0=$(date +%s%N); sqlite3 "$dir/f.tanbook" <"$dir/floor.sql"; t1=$(date +%s%N)
        if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
    done
    flo=$(echo "scale=1; $best / 1000000" | bc)
    got=$(sqlite3 "$dir/f.tanbook" "SELECT count(*) FROM activity")
    [ "$got" -eq "$rows" ] || { echo "bench: the floor imported $got of $rows rows" >&2; exit 1; }

    measure "$runs" "$TB" summary "$wb" --year 2024 --json; sum=$ms; sumk=$kib
    measure "$runs" "$TB" check "$wb" --year 2024; chk=$ms
    measure "$runs" "$TB" kpi "$wb" --year 2024 --json; kpi=$ms
    measure "$runs" "$TB" export "$wb" --year 2024 -o "$dir/t.xlsx"; exp=$ms; expk=$kib
    /usr/bin/python3 "$dir/dump.py" "$dir/t.xlsx" "$dir/cells.tsv"
    ncells=$(wc -l <"$dir/cells.tsv")
    measure "$runs" "$XLSX" "$dir/cells.tsv" "$dir/c.xlsx"; c=$ms; ck=$kib
    measure "$runs" "$XLSX" "$dir/cells.tsv" "$dir/cc.xlsx" constant; cc=$ms; cck=$kib
    measure "$runs" /usr/bin/python3 "$dir/px.py" "$dir/cells.tsv" "$dir/p.xlsx"; px=$ms
    measure "$runs" /usr/bin/python3 "$dir/op.py" "$dir/cells.tsv" "$dir/o.xlsx"; op=$ms
    printf '%-14s %8d | %10s %10s %6s | %9s %9s %9s | %10s %5s %10s %8s %5s %11s %11s %6s %6s\n' \
        "$n x $years y" "$rows" "$imp" "$flo" "$(ratio "$imp" "$flo")" "$sum" "$chk" "$kpi" \
        "$exp" "$((expk / 1024))" "$c" "$cc" "$((cck / 1024))" "$px" "$op" \
        "$(ratio "$exp" "$c")" "$(ratio "$exp" "$cc")"
    echo "    the peers wrote the export's $ncells cells on $(cut -f1 "$dir/cells.tsv" | uniq | wc -l) sheets"
    echo "    peak memory: tanbook export $((expk / 1024)) MiB;" \
        "bench_xlsx $((ck / 1024)) MiB, with constant_memory $((cck / 1024)) MiB;" \
        "tanbook ÷ constant_memory $(ratio "$expk" "$cck")×, above summary's peak" \
        "(its load of the year, $((sumk / 1024)) MiB) $(((expk - sumk) / 1024)) MiB"
    if [ "${BENCH_CALLGRIND:-0}" = 1 ] \
        && { [ "$n" = 1000 ] && [ "$years" = 1 ] || [ "$years" = 50 ]; }; then
        for what in "summary $wb --year 2024 --json" "export $wb --year 2024 -o $dir/t.xlsx"; do
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --callgrind-out-file="$dir/cg" "$TB" $what >/dev/null 2>"$dir/cgerr"
            echo "    callgrind tanbook ${what%% *}: $(grep -m1 '^summary:' "$dir/cg" | cut -d' ' -f2) instructions"
        done
        valgrind --tool=callgrind --callgrind-out-file="$dir/cg" "$XLSX" "$dir/cells.tsv" "$dir/c.xlsx" >/dev/null 2>"$dir/cgerr"
        echo "    callgrind bench_xlsx: $(grep -m1 '^summary:' "$dir/cg" | cut -d' ' -f2) instructions"
    fi
done
echo "times in ms (best of 3; of 1 above 50,000 rows); MiB: peak resident size; ×floor: import ÷ the"
echo "sqlite3 shell's set-based import; ×C, ×Cc: tanbook's export (load, compute, check and write the"
echo "report) ÷ the minimal libxlsxwriter program writing the same cells (numbers, strings, formulas;"
echo "no styles, merges or charts), without and with constant_memory"
