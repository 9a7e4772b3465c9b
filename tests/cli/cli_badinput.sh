#!/bin/bash
# cli_badinput.sh - every kind of bad CSV input of issue 2 ("Bad input (each with a test)"): each
# is refused with exit 1 and a "LINE: reason" line on stderr naming the bad line, and leaves the
# workbook unchanged (summary --json and the sha256 of the file and its -wal, taken right before
# and right after the refused import).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=$TMP/bad.tanbook
H='期间,排放源,数量,单位,数据来源'
# A good row that would add a new source (柴油); it sits on line 2 of most files below, so a
# refused file also proves the good row was not imported.
GOOD='2024,柴油,0.3,t,采购发票'

# The workbook holds real data, so a partial write would show: 12 months of electricity and an
# annual natural gas figure.
{
    echo "$H"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "2024-$m,外购电力,40000,kWh,电费账单"; done
    echo "2024,天然气,8000,m³,燃气账单"
} >setup.csv
new_wb "$WB" --unit 某县机关事务管理局 --year 2024 --area 12000 --headcount 150
import_ok "$WB" setup.csv
run tb summary "$WB" --json
expect_json "setup sources" 'sorted(s["id"] for s in d["sources"])' "['electricity', 'natural_gas']"
verdict "setup: a workbook with electricity and natural gas data"

# refuse_run CSV REGEX... - importing CSV exits 1, stderr has a line matching each REGEX (the
# "LINE: reason" lines) and ends with the summary message, and the workbook is unchanged.
refuse_run() {
    local csv=$1 re state
    shift
    state=$(wb_state "$WB")
    run tb import "$WB" "$csv"
    expect_rc 1
    for re in "$@"; do
        expect_err_line "$re"
    done
    expect_err_contains "未导入任何数据"
    expect_same "workbook" "$state" "$(wb_state "$WB")"
}

# refused NAME CSV REGEX... - refuse_run as one test case.
refused() {
    local name=$1
    shift
    refuse_run "$@"
    verdict "$name"
}

# bad_row NAME ROW REGEX - a file with the good row on line 2 and ROW on line 3: refused, and
# only line 3 is blamed.
bad_row() {
    printf '%s\n%s\n%s\n' "$H" "$GOOD" "$2" >case.csv
    refuse_run case.csv "^3: $3"
    if grep -qE '^[0-9]+: ' <<<"$ERR" && grep -E '^[0-9]+: ' <<<"$ERR" | grep -qvE '^3: '; then
        note "a line other than 3 is blamed"
    fi
    verdict "$1"
}

# ---- quantities --------------------------------------------------------------------------------
bad_row "non-numeric quantity (abc) is refused naming line 3" \
    '2024-05,天然气,abc,m³,燃气账单' '.*abc.*不是有效的数字'
bad_row "non-numeric quantity (一百) is refused" \
    '2024-05,天然气,一百,m³,燃气账单' '.*一百'
bad_row "malformed number (1.2.3) is refused" \
    '2024-05,天然气,1.2.3,m³,燃气账单' '.*1\.2\.3'
bad_row "hexadecimal quantity (0x10) is refused" \
    '2024-05,天然气,0x10,m³,燃气账单' '.*0x10'
bad_row "empty quantity is refused" \
    '2024-05,天然气,,m³,燃气账单' '.*数量'
bad_row "negative quantity (-5) is refused" \
    '2024-05,天然气,-5,m³,燃气账单' '.*负数'
bad_row "NaN quantity is refused" \
    '2024-05,天然气,NaN,m³,燃气账单' '.*NaN'
bad_row "nan quantity is refused" \
    '2024-05,天然气,nan,m³,燃气账单' '.*nan'
bad_row "inf quantity is refused" \
    '2024-05,天然气,inf,m³,燃气账单' '.*inf'
bad_row "-inf quantity is refused" \
    '2024-05,天然气,-inf,m³,燃气账单' '.*inf'
bad_row "Infinity quantity is refused" \
    '2024-05,天然气,Infinity,m³,燃气账单' '.*Infinity'
bad_row "a quantity overflowing a double (1e400) is refused" \
    '2024-05,天然气,1e400,m³,燃气账单' '.*1e400'
bad_row "absurdly large quantity (1e20) is refused" \
    '2024-05,天然气,1e20,m³,燃气账单' '.*过大'

# ---- sources and units -------------------------------------------------------------------------
bad_row "unknown source (煤气) is refused naming it" \
    '2024-05,煤气,100,m³,燃气账单' '.*未知的排放源.*煤气'
bad_row "empty source is refused" \
    '2024-05,,100,m³,燃气账单' '.*排放源'
bad_row "天然气 in kWh (wrong dimension) is refused" \
    '2024-05,天然气,100,kWh,燃气账单' '.*天然气.*kWh'
bad_row "电力 in t (wrong dimension) is refused" \
    '2024-05,电力,100,t,电费账单' '.*电力.* t '
bad_row "汽油 in GJ (wrong dimension) is refused" \
    '2024-05,汽油,100,GJ,加油卡记录' '.*汽油.*GJ'
bad_row "unknown unit (桶) is refused naming it" \
    '2024-05,柴油,1,桶,采购发票' '.*桶'
bad_row "empty unit is refused" \
    '2024-05,柴油,1,,采购发票' '.*单位'

# ---- periods -----------------------------------------------------------------------------------
bad_row "malformed period 2024-13 is refused" \
    '2024-13,天然气,100,m³,燃气账单' '期间.*2024-13'
bad_row "malformed period 2024/Q5 is refused" \
    '2024/Q5,天然气,100,m³,燃气账单' '期间.*2024/Q5'
bad_row "malformed period abc is refused" \
    'abc,天然气,100,m³,燃气账单' '期间.*abc'
bad_row "malformed period 2024-Q5 is refused" \
    '2024-Q5,天然气,100,m³,燃气账单' '期间.*2024-Q5'
bad_row "malformed period 2024-00 is refused" \
    '2024-00,天然气,100,m³,燃气账单' '期间.*2024-00'
bad_row "empty period is refused" \
    ',天然气,100,m³,燃气账单' '期间'
bad_row "a period outside 1990-2100 (1980-01) is refused" \
    '1980-01,天然气,100,m³,燃气账单' '期间.*1980'

# ---- other row faults --------------------------------------------------------------------------
bad_row "a row with more cells than the header is refused" \
    '2024-05,天然气,100,m³,燃气账单,多出来的' '.*列数'
bad_row "a 数据来源 longer than 200 characters is refused" \
    "2024-05,天然气,100,m³,$(printf '账%.0s' $(seq 201))" '.*数据来源'

# ---- duplicates and overlaps ---------------------------------------------------------------------
printf '%s\n%s\n%s\n%s\n' "$H" "$GOOD" '2024-Q1,外购热力,100,GJ,结算单' '2024-Q1,外购热力,120,GJ,结算单' >dup.csv
refused "duplicate (period, source, facility) rows in one file: the second is refused, naming the first" \
    dup.csv '^4: .*第 3 行'

printf '%s\n%s\n' 'period,source,quantity,unit,facility' \
    '2024-Q1,heat,100,GJ,食堂' '2024-Q1,heat,120,GJ,食堂' >dupfac.csv
refused "duplicate rows with the same facility (English header) are refused" dupfac.csv '^3: .*第 2 行'

printf '%s\n%s\n%s\n' "$H" '2024-Q1,外购热力,100,GJ,结算单' '2024-02,外购热力,30,GJ,结算单' >overlap.csv
refused "a month inside a quarter of the same file is refused as an overlap" overlap.csv '^3: .*重叠'

printf '%s\n%s\n' "$H" '2024,外购电力,480000,kWh,年度汇总' >annual.csv
refused "an annual figure over months already in the workbook is refused as an overlap" \
    annual.csv '^2: .*重叠'

# ---- whole-file faults ---------------------------------------------------------------------------
: >empty.csv
refused "an empty file is refused (line 1)" empty.csv '^1: .*空'

printf '\xef\xbb\xbf' >bomonly.csv
refused "a file holding only a BOM is refused as empty" bomonly.csv '^1: '

printf '%s\n' "$H" >header.csv
refused "a file with only a header is refused (line 1)" header.csv '^1: .*只有表头'

printf '%s\n\n\n' "$H" >headerblank.csv
refused "a header followed by blank lines is refused as having no data" headerblank.csv '^1: '

printf '%s\n%s\n' '2024-05,天然气,100,m³,燃气账单' '2024-06,天然气,100,m³,燃气账单' >nohdr.csv
refused "a file whose first line is data (missing header) is refused (line 1)" \
    nohdr.csv '^1: .*表头'

printf '%s\n%s\n' '期间,排放源,数量' '2024-05,天然气,100' >nounit.csv
refused "a header without the required 单位 column is refused naming it" nounit.csv '^1: .*单位'

printf '%s\n%s\n' '期间,排放源,数量,单位,颜色' '2024-05,天然气,100,m³,红' >unkcol.csv
refused "a header with an unknown column is refused naming it" unkcol.csv '^1: .*颜色'

# ---- the CSV text itself is malformed ------------------------------------------------------------
printf '%s\n%s\n%s\n%s\n' "$H" "$GOOD" '2024-06,天然气,5,"m³,燃气账单' '2024-07,天然气,5,m³,燃气账单' >quote.csv
refuse_run quote.csv '^3: .*引号'
grep -qE '^0: ' <<<"$ERR" && note "a line numbered 0 is reported"
verdict "an unclosed quote is refused naming the line it opens on (3), not line 0"

printf '%s\n%s\n2024-06,天然气,5\000,m³,燃气账单\n' "$H" "$GOOD" >nul.csv
refuse_run nul.csv '^3: .*NUL'
grep -qE '^0: ' <<<"$ERR" && note "a line numbered 0 is reported"
verdict "a NUL byte is refused naming its line (3), not line 0"

printf '%s\n%s\n2024-06,天然气,5,m³,燃气\377账单\n' "$H" "$GOOD" >badutf8.csv
state=$(wb_state "$WB")
run tb import "$WB" badutf8.csv
expect_rc 1
expect_err_contains "第 3 行"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "a UTF-8 file with one invalid byte on line 3 is refused naming line 3"

{ printf '%s\n%s\n' "$H" "$GOOD" | iconv -f UTF-8 -t GB18030; printf '2024-06,\200,5,t,x\n'; } >badgb.csv
state=$(wb_state "$WB")
run tb import "$WB" badgb.csv
expect_rc 1
expect_err_contains "第 3 行"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "a GB18030 file with an invalid byte on line 3 is refused naming line 3"

printf '%s\n%s\n' "$H" "$GOOD" | iconv -f UTF-8 -t UTF-16 >utf16.csv
state=$(wb_state "$WB")
run tb import "$WB" utf16.csv
expect_rc 1
expect_err_contains "UTF-16"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "a UTF-16 file is refused with a message saying so"

# ---- a good row mixed with bad ones: nothing at all is imported --------------------------------
printf '%s\n%s\n%s\n%s\n' "$H" "$GOOD" '2024-05,天然气,-1,m³,燃气账单' '2024-06,天然气,1e20,m³,燃气账单' >mixed.csv
state=$(wb_state "$WB")
run tb import "$WB" mixed.csv
expect_rc 1
expect_err_line '^3: '
expect_err_line '^4: '
grep -qE '^2: ' <<<"$ERR" && note "the good line 2 is blamed"
expect_same "workbook" "$state" "$(wb_state "$WB")"
run tb summary "$WB" --json
expect_json "the good row's source (diesel) is absent" '[s["id"] for s in d["sources"] if s["id"] == "diesel"]' "[]"
expect_json "sources unchanged" 'sorted(s["id"] for s in d["sources"])' "['electricity', 'natural_gas']"
verdict "a file mixing a good row with bad ones imports nothing: the good row does not appear"

# ---- every bad row is reported -------------------------------------------------------------------
# lines 2 and 4 good, 3 (non-numeric), 5 (unknown source) and 6 (bad period) bad: three lines.
printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$H" "$GOOD" '2024-Q1,外购热力,abc,GJ,结算单' \
    '2024-Q2,外购热力,100,GJ,结算单' '2024-Q3,地热,100,GJ,结算单' '2024-Q9,外购热力,100,GJ,结算单' >three.csv
state=$(wb_state "$WB")
run tb import "$WB" three.csv
expect_rc 1
lines=$(grep -E '^[0-9]+: ' <<<"$ERR" | cut -d: -f1 | tr '\n' ' ')
expect_eq "numbered stderr lines" "$lines" "3 5 6 "
expect_err_contains "3 行"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "a file with 3 bad rows reports exactly 3 LINE: reason lines (3, 5, 6)"

# ---- the CSV file itself cannot be read ---------------------------------------------------------
state=$(wb_state "$WB")
run tb import "$WB" "$TMP/no-such-file.csv"
expect_rc 3
expect_err_contains "no-such-file.csv"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "a missing CSV file exits 3 naming it and changes nothing"

# ---- and after all that, the workbook still accepts good data ----------------------------------
printf '%s\n%s\n' "$H" "$GOOD" >good.csv
run tb import "$WB" good.csv
expect_rc 0
run tb summary "$WB" --json
# diesel 0.3 t × 3.0959 tCO₂/t = 0.92877 tCO₂
expect_json_approx "diesel tco2e" 'src("diesel")["tco2e"]' 0.92877
verdict "after the refused imports the same good row imports normally"

done_testing
