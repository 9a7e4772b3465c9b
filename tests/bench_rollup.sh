#!/bin/bash
# bench_rollup.sh - the regional roll-up's figure for `make bench` (printed, never asserted): 1,000
# small workbooks made with the command line (one made with new + import, copied, each copy given
# its own name and 统一社会信用代码 with set), then `tanbook rollup` of their directory, as JSON and
# as the Excel report, against the goal of issue 18: 1,000 workbooks in under 5 s.
set -eu
TB=${TANBOOK:-$(pwd)/tanbook}
N=${BENCH_ROLLUP_N:-1000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8

now() { date +%s%N; }
secs() { echo "scale=2; ($2 - $1) / 1000000000" | bc; }

# two years of monthly electricity, gas and petrol: what a small office reports
/usr/bin/python3 - "$dir/one.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("期间,排放源,数量,单位,数据来源\n")
    for year in (2023, 2024):
        for m in range(1, 13):
            f.write(f"{year}-{m:02d},外购电力,{9000 + 300 * m},kWh,电费账单\n")
            f.write(f"{year}-{m:02d},天然气,{200 + 10 * m},m³,燃气账单\n")
            f.write(f"{year}-{m:02d},汽油,{300 + m},L,加油卡\n")
PY
"$TB" new "$dir/one.tanbook" --unit 模板单位 --year 2023 --area 3000 --headcount 60 \
    --address 某路1号 --contact 张三 --phone 0571-87654321 >/dev/null
"$TB" set "$dir/one.tanbook" --year 2024 --area 3000 --headcount 62 >/dev/null
"$TB" import "$dir/one.tanbook" "$dir/one.csv" >/dev/null
# valid codes (GB 32100—2015's check character) for 1233 0100 MB + a serial
/usr/bin/python3 - "$N" >"$dir/codes" <<'PY'
import sys
cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
for i in range(int(sys.argv[1])):
    c17 = "12330100MB%07d" % i
    s, w = 0, 1
    for ch in c17:
        s += cs.index(ch) * w
        w = w * 3 % 31
    print(c17 + cs[(31 - s % 31) % 31])
PY
mkdir "$dir/region"
t0=$(now)
i=0
while read -r code; do
    i=$((i + 1))
    f="$dir/region/unit$(printf %04d "$i").tanbook"
    cp "$dir/one.tanbook" "$f"
    "$TB" set "$f" --unit "第${i}单位" --uscc "$code" --area $((1000 + i * 7)) >/dev/null
done <"$dir/codes"
t1=$(now)
echo "rollup: $N workbooks made (cp + set) in $(secs "$t0" "$t1") s"

t0=$(now)
"$TB" rollup --json "$dir/region" >"$dir/r.json" 2>/dev/null
t1=$(now)
units=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["units"])' "$dir/r.json")
echo "rollup --json of $N workbooks ($units units): $(secs "$t0" "$t1") s (goal: under 5 s)"
t0=$(now)
"$TB" rollup -o "$dir/region.xlsx" "$dir/region" >/dev/null 2>&1
t1=$(now)
echo "rollup -o REGION.xlsx of $N workbooks: $(secs "$t0" "$t1") s (goal: under 5 s), $(du -k "$dir/region.xlsx" | cut -f1) KiB"
