#!/bin/bash
# cli_measure.sh - `tanbook measure`: the measures plan (001 §6.5.2, 003 B.3). A measure picked
# from 003 表C.1 by its number takes its name; fields as form P.3 defines them (a control
# character or a negative reduction refused, exit 2, the workbook unchanged); --set changes only
# what it is given; --delete, and Ctrl-Z-like undo is the store's. The list holds the sum of the
# expected reductions against the gap to the total target, by hand below.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=plan.tanbook
cat >bills.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2022,外购电力,100000,kWh,电费账单
2023,外购电力,110000,kWh,电费账单
EOF
new_wb "$WB" --unit 测试单位 --year 2022 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
run tb set "$WB" --year 2023 --area 2000 --headcount 50
import_ok "$WB" bills.csv
run tb set "$WB" --base 2022
expect_rc 0
verdict "setup: 2022/2023 (53.66 t, 58.366 t), base 2022"

run tb measure --catalog-list
expect_rc 0
expect_out_contains " 2  分布式光伏发电技术"
expect_out_contains "25  "
run tb measure --catalog-list --lang en
expect_out_contains "Non-fossil energy substitution"
verdict "--catalog-list lists the 25 measures of 003 Table C.1 by group"

run tb measure "$WB"
expect_rc 0
expect_out_contains "还没有减排措施"
run tb measure "$WB" --catalog 2 --owner 后勤处 --due 2025-06 --resources "屋顶 800 m²" \
    --evaluation 年发电量 --expected 20
expect_rc 0
expect_out_contains "已添加措施 [1] 分布式光伏发电技术"
run tb measure "$WB" --name 空调温控 --expected 1.5
expect_out_contains "已添加措施 [2] 空调温控"
run tb measure "$WB" --json
expect_json_all \
    "count" "len(d['measures'])" "2" \
    "catalog" "d['measures'][0]['catalog']" "2" \
    "owner" "d['measures'][0]['owner']" "后勤处" \
    "due" "d['measures'][0]['due']" "2025-06" \
    "second catalog" "d['measures'][1]['catalog']" "None" \
    "sum" "d['expected_tco2e']" "21.5" \
    "no total target yet" "d['gap_tco2e']" "None"
verdict "--catalog 2 takes 分布式光伏发电技术 with its fields; --name adds one of our own; the sum 20 + 1.5"

# a total target of −10 % from 2022 to 2025: 53.66 × 0.9 = 48.294; 2023 has 58.366:
# gap 58.366 − 48.294 = 10.072 tCO₂e, which 21.5 t of measures cover
run tb target "$WB" --parameter total --target-year 2025 --reduction 10
expect_rc 0
run tb measure "$WB" --json
expect_json_all "gap" "round(d['gap_tco2e'], 6)" "10.072" "target year" "d['target_year']" "2025"
run tb measure "$WB"
expect_out_contains "差距 10.07 tCO₂e（措施足以弥补）"
verdict "the expected reductions (21.5 t) against the gap to the total target (10.072 t)"

before=$(checksum "$WB")
run tb measure "$WB" --name $'bad\x0bname'
expect_rc 2
expect_err_contains "U+000B"
run tb measure "$WB" --name x --expected -3
expect_rc 2
run tb measure "$WB" --catalog 99
expect_rc 2
expect_err_contains "没有第“99”项"
run tb measure "$WB" --owner 某人
expect_rc 2
expect_err_contains "措施需要名称"
expect_same "the workbook" "$before" "$(checksum "$WB")"
verdict "refusals: a control character, a negative reduction, no item 99, no name: exit 2, unchanged"

run tb measure "$WB" --set 2 --owner 办公室
expect_rc 0
run tb measure "$WB" --json
expect_json_all "name kept" "d['measures'][1]['name']" "空调温控" "owner" "d['measures'][1]['owner']" "办公室" \
    "expected kept" "d['measures'][1]['expected_tco2e']" "1.5"
run tb measure "$WB" --delete 1
expect_rc 0
run tb measure "$WB" --delete 1
expect_rc 1
run tb measure "$WB" --json
expect_json_all "left" "[m['id'] for m in d['measures']]" "[2]" "sum" "d['expected_tco2e']" "1.5"
verdict "--set changes only the owner; --delete 1 removes it, a second time exits 1"

done_testing
