#!/bin/bash
# cli_rollup.sh - `tanbook rollup`: four workbooks made with new/set/import/evaluate (one in a
# subdirectory, one a copy claiming another's code for the same year), a file of random bytes named
# x.tanbook, a foreign SQLite file, a workbook of a newer format and a text file. The JSON's numbers
# are checked against each workbook's own `summary --json`, the conflict is reported and counted in
# no total, every unusable file is listed with its reason, no file's bytes change, nothing but the
# notes reaches a stderr that is not a terminal (and the progress line does reach a terminal), and
# the Excel report is read back with openpyxl.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

CODE_A=91350100M000100Y43       # GB 32100—2015's own example
CODE_B=12330122MB1A2B3C48       # the demo's, valid
A1=(--address 某路1号 --contact 张三 --phone 0571-87654321)
mkdir -p region/sub region/dup
cat >a.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2024,外购电力,40000,kWh,电费账单
2024,天然气,1000,m³,燃气账单
EOF
cat >b.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2023,外购电力,100000,kWh,电费账单
2024,外购电力,110000,kWh,电费账单
EOF
cat >c.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2024,外购电力,20000,kWh,电费账单
EOF
new_wb region/a.tanbook --unit 甲局 --uscc $CODE_A --year 2024 --area 2000 --headcount 50 "${A1[@]}"
import_ok region/a.tanbook a.csv
# 乙局: 2023 and 2024, base 2023, an evaluation entered for 2024
new_wb region/b.tanbook --unit 乙局 --uscc $CODE_B --year 2023 --area 1000 --headcount 20 "${A1[@]}"
run tb set region/b.tanbook --year 2024 --area 1000 --headcount 20
import_ok region/b.tanbook b.csv
run tb set region/b.tanbook --base 2023
[ "$RC" -eq 0 ] || note "setup: set --base failed: $ERR"
run tb evaluate region/b.tanbook --year 2024 --set 1.1.3=0.8
[ "$RC" -eq 0 ] || note "setup: evaluate failed: $ERR"
# 丙局: no code, in a subdirectory, no headcount
new_wb region/sub/c.tanbook --unit 丙局 --year 2024 --area 500 "${A1[@]}"
import_ok region/sub/c.tanbook c.csv
# a copy of 甲局 claiming its code for 2024 under another name: a conflict
cp region/a.tanbook region/dup/a-copy.tanbook
run tb set region/dup/a-copy.tanbook --unit 甲局（重复报送）
# what cannot be used
head -c 20000 /dev/urandom >region/x.tanbook
"$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE contacts (name TEXT)"); c.commit()' \
    region/foreign.tanbook
cp region/a.tanbook region/newer.tanbook
"$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
v = c.execute("PRAGMA user_version").fetchone()[0]
c.execute("PRAGMA user_version = %d" % (v + 7))
c.commit()
' region/newer.tanbook
echo "not a workbook" >notes.txt
echo "ignored: not *.tanbook" >region/README.txt
verdict "setup: three units, a conflicting copy, a broken, a foreign, a newer file and a text file"

# the figures each workbook gives itself
sum_a=$(tb summary region/a.tanbook --json)
sum_b=$(tb summary region/b.tanbook --json)
sum_b23=$(tb summary region/b.tanbook --year 2023 --json)
sum_c=$(tb summary region/sub/c.tanbook --json)
num() { json "$1" "$2"; }

bytes_before=$(cd region && find . -type f | sort | xargs sha256sum; sha256sum ../notes.txt)

# ---- JSON -----------------------------------------------------------------------------------
run tb rollup --json region notes.txt
expect_rc 0
A_TOT=$(num 'd["total_tco2e"]' "$sum_a")
B_TOT=$(num 'd["total_tco2e"]' "$sum_b")
B23_TOT=$(num 'd["total_tco2e"]' "$sum_b23")
C_TOT=$(num 'd["total_tco2e"]' "$sum_c")
# the units in the roll-up's order: with a code first by code (1233… before 9135…), then 丙局
expect_json "unit files" '[u["file"] for u in d["units"]]' \
    "['region/b.tanbook', 'region/a.tanbook', 'region/dup/a-copy.tanbook', 'region/sub/c.tanbook']"
expect_json "the contract's keys first, in order" 'list(d["units"][0])[:11]' \
    "['code', 'unit', 'file', 'year', 'total_tco2e', 'scope1_tco2e', 'scope2_tco2e', 'intensity_kgco2e_per_m2', 'per_capita_tco2e', 'energy_tce', 'complete']"
expect_json_all \
    "乙 code" 'd["units"][0]["code"]' "$CODE_B" \
    "乙 unit" 'd["units"][0]["unit"]' "乙局" \
    "乙 year: the latest" 'd["units"][0]["year"]' "2024" \
    "乙 total = its summary" 'd["units"][0]["total_tco2e"]' "$B_TOT" \
    "乙 scope 2" 'd["units"][0]["scope2_tco2e"]' "$(num 'd["scope2_tco2e"]' "$sum_b")" \
    "乙 intensity" 'd["units"][0]["intensity_kgco2e_per_m2"]' "$(num 'd["intensity_kgco2e_per_m2"]' "$sum_b")" \
    "乙 per capita" 'd["units"][0]["per_capita_tco2e"]' "$(num 'd["per_capita_tco2e"]' "$sum_b")" \
    "乙 tce" 'd["units"][0]["energy_tce"]' "$(num 'd["energy_tce"]' "$sum_b")" \
    "乙 complete" 'd["units"][0]["complete"]' "True" \
    "乙 against 2023: 110000 / 100000 − 1 = +10 %" 'd["units"][0]["change_vs_base_pct"]' "10" \
    "乙 grade (one item entered: provisional)" 'd["units"][0]["grade"]' "待改进机关（暂定）" \
    "甲 total = its summary" 'd["units"][1]["total_tco2e"]' "$A_TOT" \
    "甲 scope 1 = its summary" 'd["units"][1]["scope1_tco2e"]' "$(num 'd["scope1_tco2e"]' "$sum_a")" \
    "甲 in the conflict" 'd["units"][1]["conflict"]' "True" \
    "甲 copy in the conflict" 'd["units"][2]["conflict"]' "True" \
    "甲 no base: no change" 'd["units"][1]["change_vs_base_pct"]' "None" \
    "丙 no code" 'd["units"][3]["code"]' "None" \
    "丙 total" 'd["units"][3]["total_tco2e"]' "$C_TOT" \
    "丙 no headcount: no per capita" 'd["units"][3]["per_capita_tco2e"]' "None" \
    "丙 not complete (no headcount)" 'd["units"][3]["complete"]' "False" \
    "totals count 乙 and 丙 only" 'd["totals"]["units"]' "2" \
    "totals: 2 in the conflict" 'd["totals"]["conflicted"]' "2" \
    "totals: 1 complete" 'd["totals"]["complete"]' "1" \
    "total = 乙 + 丙" 'd["totals"]["total_tco2e"]' "$("$PY" -c "print($B_TOT + $C_TOT)")" \
    "area = 1000 + 500" 'd["totals"]["building_area_m2"]' "1500" \
    "region intensity = (乙 + 丙) × 1000 / 1500" 'd["totals"]["intensity_kgco2e_per_m2"]' "$("$PY" -c "print(($B_TOT + $C_TOT) * 1000 / 1500)")" \
    "region per capita = 乙 / 20 (丙 has no headcount)" 'd["totals"]["per_capita_tco2e"]' "$("$PY" -c "print($B_TOT / 20)")" \
    "mean total" 'd["totals"]["mean_total_tco2e"]' "$("$PY" -c "print(($B_TOT + $C_TOT) / 2)")" \
    "mean intensity = (乙/1000 + 丙/500) × 1000 / 2" 'd["totals"]["mean_intensity_kgco2e_per_m2"]' "$("$PY" -c "print(($B_TOT / 1000 + $C_TOT / 500) * 1000 / 2)")" \
    "conflicts" 'd["conflicts"]' "[{'code': '$CODE_A', 'year': 2024, 'files': ['region/a.tanbook', 'region/dup/a-copy.tanbook']}]" \
    "skipped files" 'sorted(s["file"] for s in d["skipped"])' "['notes.txt', 'region/foreign.tanbook', 'region/newer.tanbook', 'region/x.tanbook']"
expect_json "the newer file's reason" '[s["reason"] for s in d["skipped"] if "newer" in s["file"]][0].count("高于本程序支持的版本")' "1"
expect_json "the foreign file's reason" '[s["reason"] for s in d["skipped"] if "foreign" in s["file"]][0].count("不是碳账本工作簿")' "1"
expect_json "the broken file's reason" '"不是碳账本工作簿" in [s["reason"] for s in d["skipped"] if "x.tanbook" in s["file"]][0] or "损坏" in [s["reason"] for s in d["skipped"] if "x.tanbook" in s["file"]][0]' "True"
verdict "rollup --json: each unit's figures are its summary's, the conflict counts in no total, four files skipped with reasons"

expect_err_contains "注意：统一社会信用代码 $CODE_A 的 2024 年度出现在 2 个文件中（region/a.tanbook、region/dup/a-copy.tanbook），均未计入合计"
expect_err_contains "注意：未使用 region/newer.tanbook："
expect_err_lacks "/秒"
expect_err_lacks "剩余"
[[ $ERR != *$'\r'* ]] || note "stderr holds a carriage return: a progress line was drawn on a file"
verdict "stderr that is not a terminal: the notes only, no progress line"

bytes_after=$(cd region && find . -type f | sort | xargs sha256sum; sha256sum ../notes.txt)
expect_same "the bytes of every file (and no -wal or -shm left)" "$bytes_before" "$bytes_after"
verdict "rollup writes to no file it reads: every sha256 unchanged"

# ---- --year -----------------------------------------------------------------------------------
run tb rollup --json --year 2023 region
expect_rc 0
expect_json_all \
    "2023: 乙 alone" '[u["unit"] for u in d["units"]]' "['乙局']" \
    "乙 2023 total" 'd["units"][0]["total_tco2e"]' "$B23_TOT" \
    "乙 2023 is the base: no change" 'd["units"][0]["change_vs_base_pct"]' "0" \
    "the 2024-only files skipped" '[s["reason"] for s in d["skipped"] if s["file"] == "region/a.tanbook"]' "['工作簿中没有 2023 年度']"
verdict "--year 2023: the files without 2023 are skipped saying so"

# ---- the Excel report -----------------------------------------------------------------------
run tb rollup -o region.xlsx region notes.txt
expect_rc 0
expect_out_contains "已汇总 2 个单位到 region.xlsx（4 个文件无法使用，1 处代码冲突）"
expect_file_exists region.xlsx
res=$("$PY" - region.xlsx "$B_TOT" "$C_TOT" "$CODE_A" <<'PY'
import sys, zipfile, openpyxl
path, b, c, code = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
wb = openpyxl.load_workbook(path)
bad = []
want = ["汇总", "排放量排序", "强度排序", "分布图", "无法使用的文件", "冲突"]
if wb.sheetnames != want:
    bad.append("sheets %s" % wb.sheetnames)
ws = wb["汇总"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
head = rows[2]
for h in ("统一社会信用代码", "单位名称", "建筑面积（m²）", "用能人数（人）", "碳排放总量（tCO₂e）", "范围一（tCO₂e）",
          "范围二（tCO₂e）", "单位建筑面积碳排放量（kgCO₂e/m²）", "人均碳排放量（tCO₂e/人）", "综合能耗（tce）",
          "数据完整", "较基准期变化（%）", "评价等级"):
    if h not in head:
        bad.append("汇总 lacks the head %s" % h)
col = {h: i for i, h in enumerate(head)}
units = [r for r in rows[3:] if r[col["单位名称"]] in ("甲局", "乙局", "丙局", "甲局（重复报送）")]
if len(units) != 4:
    bad.append("汇总 has %d unit rows, not 4" % len(units))
b_row = [r for r in units if r[col["单位名称"]] == "乙局"][0]
if abs(b_row[col["碳排放总量（tCO₂e）"]] - b) > 1e-6 or abs(b_row[col["较基准期变化（%）"]] - 10) > 1e-6:
    bad.append("乙局 row %s" % b_row)
conf = [r for r in units if r[col["备注"]] == "代码冲突，未计入合计"]
if len(conf) != 2:
    bad.append("%d rows marked as in the conflict, not 2" % len(conf))
total = [r for r in rows if r[0] == "合计"]
if not total or abs(total[0][col["碳排放总量（tCO₂e）"]] - (b + c)) > 1e-6:
    bad.append("合计 row %s, want %s" % (total, b + c))
if not [r for r in rows if r[0] == "平均"]:
    bad.append("no 平均 row")
rank = [[c.value for c in r] for r in wb["排放量排序"].iter_rows(min_row=4)]
if [r[2] for r in rank] != sorted(["乙局", "丙局"], key=lambda n: -(b if n == "乙局" else c)):
    bad.append("排放量排序 %s" % rank)
skipped = [r[0].value for r in wb["无法使用的文件"].iter_rows(min_row=4)]
if sorted(skipped) != ["notes.txt", "region/foreign.tanbook", "region/newer.tanbook", "region/x.tanbook"]:
    bad.append("无法使用的文件 %s" % skipped)
conflicts = [[c.value for c in r] for r in wb["冲突"].iter_rows(min_row=4)]
if conflicts != [[code, 2024, "region/a.tanbook"], [code, 2024, "region/dup/a-copy.tanbook"]]:
    bad.append("冲突 %s" % conflicts)
charts = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart")]
if len(charts) != 2:
    bad.append("charts %s" % charts)
print("\n".join(bad))
PY
)
[ -z "$res" ] || note "$res"
verdict "rollup -o: 汇总 with the units, 合计 and 平均; the rankings, the charts, the skipped files and the conflict"

# ---- a terminal's stderr gets the progress line -----------------------------------------------
if command -v script >/dev/null 2>&1; then
    script -qec "\"$TB\" rollup --json region >/dev/null" /dev/null >tty.out 2>&1
    # the seven *.tanbook files under region/ (README.txt is not one)
    grep -q '7/7 个文件' tty.out || note "no progress line on a terminal: $(head -c 300 tty.out)"
    grep -q '个/秒' tty.out || note "the progress line has no rate"
    grep -q '剩余' tty.out || note "the progress line has no time left"
    grep -q $'\r' tty.out || note "the progress line is not redrawn in place (no \\r)"
    verdict "stderr on a terminal: the progress line (files done, rate, time left) redrawn with \\r"
else
    ok "# SKIP no script(1) for a pseudo-terminal"
fi

# ---- usage ------------------------------------------------------------------------------------
run tb rollup
expect_rc 2
run tb rollup region
expect_rc 2
expect_err_contains "rollup 需要 -o 报表.xlsx 或 --json"
run tb rollup -o region/a.tanbook region
expect_rc 2
run tb rollup --json --year 20x4 region
expect_rc 2
run tb rollup --help
expect_rc 0
expect_out_contains "用法: tanbook rollup -o REGION.xlsx"
expect_out_contains "代码冲突"
run tb --help
expect_out_contains "rollup"
verdict "usage: files, -o or --json, -o never a workbook, --year; --help"

# nothing usable: the report still says why, exit 1
run tb rollup --json region/x.tanbook
expect_rc 1
expect_json "the one file skipped" 'len(d["skipped"])' "1"
verdict "no usable workbook: exit 1 with the reasons"

done_testing
