#!/bin/bash
# cli_evidence.sh - `tanbook evidence FILE --year Y [--json]`: the evidence register of a year
# (book_evidence_register): an evaluation entry with its document, note, assessor and time, an
# offset, a renewable row whose file is changed after it was recorded ("changed"), a factor
# override (its source text is the evidence); rows of another year left out.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=e.tanbook
cat >bills.csv <<'CSV'
期间,排放源,数量,单位,数据来源
2023,外购电力,80000,kWh,电费账单
CSV
new_wb "$WB" --unit 测试单位 --year 2023 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
import_ok "$WB" bills.csv
echo "光伏电表读数" >pv.pdf
echo "注销证明" >proof.pdf
run tb renewable "$WB" --year 2023 --kind pv --quantity 1000 --capacity 10 --evidence "光伏电表 2023" --evidence-file pv.pdf
expect_rc 0
run tb offset "$WB" --year 2023 --type CCER --quantity 5 --serial C-9 --evidence "注销证明 ZX-9" --evidence-file proof.pdf \
    --registered 2022-01-01 --cancelled 2024-01-10 --proof ZX-9
expect_rc 0
run tb offset "$WB" --year 2022 --type CCER --quantity 5 --serial C-OLD --evidence "其他年度"
run tb evaluate "$WB" --year 2023 --set 1.2.1=3 --evidence "监测方案" --note "现场核查" --assessor 李四
expect_rc 0
run tb set "$WB" --year 2023 --factor 外购电力=0.6 --factor-source "某省电网排放因子公告 2023"
expect_rc 0
echo "改过了" >>pv.pdf
run tb evidence "$WB" --year 2023 --json
expect_rc 0
expect_json_all \
    "kinds" "[e['kind'] for e in d['evidence']]" "['zc', 'offset', 'renewable', 'factor']" \
    "keys" "sorted(d['evidence'][0])" "['assessor', 'at', 'file', 'file_state', 'item', 'kind', 'note', 'reference', 'sha256']" \
    "zc item" "d['evidence'][0]['item']" "1.2.1" \
    "zc reference" "d['evidence'][0]['reference']" "监测方案" \
    "zc note" "d['evidence'][0]['note']" "现场核查" \
    "zc assessor" "d['evidence'][0]['assessor']" "李四" \
    "zc at" "len(d['evidence'][0]['at']) == 20 and d['evidence'][0]['at'].endswith('Z')" "True" \
    "offset" "d['evidence'][1]['item']" "C-9" \
    "offset file same" "d['evidence'][1]['file_state']" "same" \
    "offset sha" "len(d['evidence'][1]['sha256'])" "64" \
    "renewable item" "d['evidence'][2]['item']" "pv 2023" \
    "renewable changed" "d['evidence'][2]['file_state']" "changed" \
    "renewable path" "d['evidence'][2]['file'].endswith('/pv.pdf')" "True" \
    "factor" "d['evidence'][3]['item']" "electricity" \
    "factor source" "d['evidence'][3]['reference']" "某省电网排放因子公告 2023"
verdict "evidence --json: the evaluation entry, the offset, the renewable (changed), the factor override"

run tb evidence "$WB" --year 2023
expect_rc 0
expect_out_contains "2023 年佐证材料清单（4 项）"
expect_out_contains "零碳机关评价 1.2.1：监测方案"
expect_out_contains "文件已改"
verdict "evidence (text)"

done_testing
