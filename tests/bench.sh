#!/bin/bash
# bench.sh - performance figures for `make bench` (printed, never asserted): importing a large
# CSV, loading + computing one year of a 20-year, 100-source workbook, the terminal workbook's
# first frame and edit path at 100, 1,000 and 10,000 entries (bench_reload), and exporting one
# year to Excel.
set -eu
TB=${TANBOOK:-$(pwd)/tanbook}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8

now() { date +%s%N; }
ms() { echo "scale=1; ($2 - $1) / 1000000" | bc 2>/dev/null || echo $(( ($2 - $1) / 1000000 )); }

# 20 facilities × 5 sources = 100 inventory rows per year, 12 months, 20 years = 24 000 rows
/usr/bin/python3 - "$dir/big.csv" <<'PY'
import sys
srcs = [("外购电力", "kWh", 90000), ("天然气", "m³", 2000), ("汽油", "L", 900),
        ("柴油", "kg", 40), ("外购热力", "GJ", 60)]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("期间,排放源,数量,单位,数据来源,排放设施名称\n")
    for year in range(2005, 2025):
        for fac in range(20):
            for name, unit, base in srcs:
                for m in range(1, 13):
                    q = base * (1 + ((m * 7 + fac) % 10) / 20)
                    f.write(f"{year}-{m:02d},{name},{q:.1f},{unit},账单,设施{fac:02d}\n")
PY
rows=$(($(wc -l < "$dir/big.csv") - 1))
"$TB" new "$dir/b.tanbook" --unit 基准测试单位 --year 2024 --area 50000 --headcount 800 >/dev/null
t0=$(now)
"$TB" import "$dir/b.tanbook" "$dir/big.csv" --add-years >/dev/null    # the CSV spans 2005-2024
t1=$(now)
echo "import: $rows rows (20 years x 100 sources x 12 months) in $(ms "$t0" "$t1") ms"

t0=$(now)
for _ in 1 2 3 4 5 6 7 8 9 10; do "$TB" summary "$dir/b.tanbook" --year 2024 --json >/dev/null; done
t1=$(now)
echo "summary --json (open + load one year + compute), 20-year workbook: $(ms "$t0" "$(( t0 + (t1 - t0) / 10 ))") ms per run, process start included"

t0=$(now)
"$TB" check "$dir/b.tanbook" --year 2024 >/dev/null || true
t1=$(now)
echo "check one year: $(ms "$t0" "$t1") ms"
echo "workbook size: $(du -k "$dir/b.tanbook" | cut -f1) KiB"

# The terminal workbook: its first frame and an A.5 edit, through the functions it calls
# (bench_reload), at 100, 1,000 and 10,000 entries in one year (the CSV as bench_peers.sh's gen()
# makes it: five sources, a new facility every five entries, twelve months each).
if [ -n "${BENCH_RELOAD:-}" ]; then
    echo "terminal workbook, 2024 of the 20-year workbook (the checks compare with 2023):"
    cp "$dir/b.tanbook" "$dir/e.tanbook"
    "$BENCH_RELOAD" "$dir/e.tanbook" 2024 50 </dev/null
    echo "terminal workbook (goals: an edit under 1 ms at 100 entries and 16 ms at 10,000; the first frame under 50 ms at 10,000):"
    for n in 100 1000 10000; do
        /usr/bin/python3 - "$n" "$dir/t$n.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
srcs = [("外购电力", "kWh", 90000), ("天然气", "m³", 2000), ("汽油", "L", 900),
        ("柴油", "kg", 40), ("外购热力", "GJ", 60)]
with open(path, "w", encoding="utf-8") as f:
    f.write("期间,排放源,数量,单位,数据来源,排放设施名称\n")
    for k in range(n):
        name, unit, base = srcs[k % 5]
        fac = k // 5
        for m in range(1, 13):
            q = base * (1 + ((m * 7 + fac + 2024) % 10) / 20)
            f.write(f"2024-{m:02d},{name},{q:.1f},{unit},账单,设施{fac:04d}\n")
PY
        "$TB" new "$dir/t$n.tanbook" --unit 基准测试单位 --year 2024 --area 50000 --headcount 800 >/dev/null
        "$TB" import "$dir/t$n.tanbook" "$dir/t$n.csv" >/dev/null
        "$BENCH_RELOAD" "$dir/t$n.tanbook" 2024 50 </dev/null
    done
fi

t0=$(now)
/usr/bin/time -f "%M" -o "$dir/rss" "$TB" export "$dir/b.tanbook" --year 2024 -o "$dir/b.xlsx" >/dev/null
t1=$(now)
echo "export one year (100 sources, 1200 values) to Excel: $(ms "$t0" "$t1") ms, max RSS $(cat "$dir/rss") KiB, $(du -k "$dir/b.xlsx" | cut -f1) KiB"
