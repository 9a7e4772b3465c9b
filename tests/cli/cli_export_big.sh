#!/bin/bash
# cli_export_big.sh - `tanbook export` of a year of 1,000 entries (设施0000 … 设施0999, purchased
# electricity, 1,000 kWh every month: 12,000 activity rows), which the exporter writes row by row
# in libxlsxwriter's constant_memory mode, flushing 表A.3 and 活动数据明细 as it goes. Read back
# with openpyxl: no cell is lost (every row of both sheets whole, the last ones as entered, the
# category merged down all of A.3, the totals), and the two sheets were written in that mode (their
# strings inline, as libxlsxwriter writes them only in constant_memory; 月度明细, which charts read,
# keeps the shared strings). Hand calculation: 1,000 × 12 × 1,000 kWh = 12,000 MWh; at the 2023
# national grid factor 0.5306 tCO₂/MWh that is 6,367.2 tCO₂e; a facility's year 12,000 kWh.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=big.tanbook
N=1000

"$PY" - "$N" >bills.csv <<'PY'
import sys
n = int(sys.argv[1])
print("期间,排放源,数量,单位,数据来源,排放设施名称")
for k in range(n):
    for m in range(1, 13):
        print("2023-%02d,外购电力,1000,kWh,电费账单,设施%04d" % (m, k))
PY
new_wb "$WB" --unit 大单位 --year 2023 --area 50000 --headcount 800
import_ok "$WB" bills.csv
run tb export "$WB" -o big.xlsx
expect_rc 0
verdict "setup: 1,000 entries, 12,000 activity rows, exported"

res=$("$PY" - big.xlsx "$N" <<'PY' 2>&1
import sys, zipfile, openpyxl
path, n = sys.argv[1], int(sys.argv[2])
wb = openpyxl.load_workbook(path)
errs = []
def want(what, got, exp):
    if got != exp:
        errs.append("%s: %r, expected %r" % (what, got, exp))
a3, rec = wb.worksheets[2], wb["活动数据明细"]
# 表A.3: heading (rows 1-2), headers (3), an entry a row from row 4: the last is row n + 3
want("A.3 last row", a3.max_row, n + 3)
for r in range(4, n + 4):
    b, c = a3.cell(r, 2).value, a3.cell(r, 3).value
    if b != "外购电力" or c != "设施%04d" % (r - 4):
        errs.append("A.3 row %d: %r %r" % (r, b, c)); break
merged = [str(m) for m in a3.merged_cells.ranges if m.min_col == 1 and m.min_row == 4]
want("A.3 category merge", merged, ["A4:A%d" % (n + 3)])
want("A.3 category", bool(a3["A4"].value), True)
# 活动数据明细: a row per activity row, entry by entry, month by month, from row 4
want("records last row", rec.max_row, 12 * n + 3)
cells = 0
for row in rec.iter_rows(min_row=4, max_row=12 * n + 3, max_col=5):
    cells += sum(1 for c in row if c.value is not None)
want("records cells (source, facility, period, quantity, data source)", cells, 5 * 12 * n)
last = [c.value for c in rec[12 * n + 3]][:5]
want("records last row", last, ["外购电力", "设施%04d" % (n - 1), "2023年12月", 1000, "电费账单"])
# 表A.4: the total, 12,000 MWh × 0.5306
a4 = wb.worksheets[3]
wv = openpyxl.load_workbook(path, data_only=True).worksheets[3]
tv = [wv.cell(r, 3).value for r in range(1, wv.max_row + 1) if wv.cell(r, 1).value == "碳排放总量"]
if len(tv) != 1 or abs(tv[0] - 6367.2) > 1e-6:
    errs.append("A.4 total %r, expected 6367.2" % tv)
# the mode: inline strings in A.3 and the records (constant_memory), shared ones in 月度明细
z = zipfile.ZipFile(path)
names = {s: "xl/worksheets/sheet%d.xml" % (i + 1) for i, s in enumerate(wb.sheetnames)}
for s in (wb.sheetnames[2], "活动数据明细"):
    x = z.read(names[s]).decode()
    if 't="inlineStr"' not in x or 't="s"' in x:
        errs.append("%s not written in constant_memory mode (no inline strings)" % s)
if 't="s"' not in z.read(names["月度明细"]).decode():
    errs.append("月度明细 lost its shared strings (its charts' cached values)")
print("\n".join(errs))
sys.exit(1 if errs else 0)
PY
) || note "$res"
verdict "read back: every row of A.3 and 活动数据明细 whole, the last as entered, the total 6,367.2, in constant_memory mode"

done_testing
