#!/bin/bash
# cli_basic.sh - tanbook's command line basics: --version, --help, usage errors and exit codes,
# `new` (creates, never overwrites), `set` (A.1 values, adding a year) and summary's year choice.
set -u
. "$(dirname "$0")/lib.sh"

# --- version and help -------------------------------------------------------------------------
run tb --version
expect_rc 0
expect_out_line '^tanbook [0-9]+\.[0-9]+\.[0-9]+$'
verdict "--version prints the version and exits 0"

run tb --help
expect_rc 0
for c in new set import summary check factors demo; do
    expect_out_line "^  $c "
done
expect_out_contains "退出码"
verdict "--help lists every command and the exit codes, exits 0"

for c in new set import summary check factors demo; do
    run tb "$c" --help
    expect_rc 0
    expect_out_line "^用法: tanbook $c( |$)"
    [ -z "$ERR" ] || note "stderr should be empty for --help"
    verdict "$c --help prints its usage and exits 0"
done

run tb new --help
expect_out_contains "--unit"
expect_out_contains "--headcount"
expect_out_contains "--area"
verdict "new --help lists the A.1 options (--unit, --area, --headcount)"

run tb import --help
expect_out_contains "期间"
expect_out_contains "quantity"
verdict "import --help names the CSV columns in both languages"

# --- usage errors -----------------------------------------------------------------------------
run tb </dev/null
expect_rc 2
expect_err_contains "终端"
verdict "no command and no terminal: the workbook screen is not started, exit 2"

run tb frobnicate
expect_rc 2
expect_err_contains "frobnicate"
verdict "an unknown command exits 2 and names it"

run tb summary
expect_rc 2
expect_err_contains "用法"
verdict "summary without a file exits 2 with its usage"

cd "$TMP" || exit 3

run tb new nounit.tanbook --year 2024
expect_rc 2
expect_err_contains "--unit"
expect_no_file nounit.tanbook
verdict "new without --unit exits 2 and creates no file"

run tb new noyear.tanbook --unit 某单位
expect_rc 2
expect_err_contains "--year"
expect_no_file noyear.tanbook
verdict "new without --year exits 2 and creates no file"

run tb new badyear.tanbook --unit 某单位 --year 1980
expect_rc 2
expect_err_contains "1980"
expect_no_file badyear.tanbook
verdict "new with a year outside 1990-2100 exits 2 and creates no file"

run tb new badarea.tanbook --unit 某单位 --year 2024 --area -5
expect_rc 1
expect_err_contains "建筑面积"
expect_no_file badarea.tanbook
verdict "new with a negative --area exits 1 naming the field, creates no file"

run tb new opt.tanbook --unit 某单位 --year 2024 --no-such-option
expect_rc 2
expect_no_file opt.tanbook
verdict "new with an unknown option exits 2"

run tb new blankunit.tanbook --unit "   " --year 2024
[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || note "exit code $RC, expected 1 or 2 (a blank --unit is no unit name)"
expect_err_line '(--unit|单位名称)'
expect_no_file blankunit.tanbook
verdict "new with a blank --unit is refused (exit 1 or 2) and creates no file"

# --- new ---------------------------------------------------------------------------------------
WB=$TMP/basic.tanbook
run tb new "$WB" --unit 某县机关事务管理局 --year 2024
expect_rc 0
expect_file_exists "$WB"
expect_out_contains "2024"
run tb summary "$WB" --json
expect_rc 0
expect_json "unit" 'd["unit"]' "某县机关事务管理局"
expect_json "year" 'd["year"]' "2024"
expect_json "total" 'd["total_tco2e"]' "0.0"
expect_json "sources" 'd["sources"]' "[]"
expect_json "area without a value" 'd["building_area_m2"]' "None"
expect_json "intensity without an area" 'd["intensity_kgco2e_per_m2"]' "None"
expect_json "per capita without a headcount" 'd["per_capita_tco2e"]' "None"
verdict "new creates a workbook; summary --json shows the unit, the year and null indicators"

before=$(checksum "$WB")
run tb new "$WB" --unit 另一个单位 --year 2025
expect_rc 3
expect_err_contains "已存在"
expect_same "workbook" "$before" "$(checksum "$WB")"
run tb summary "$WB" --json
expect_json "unit" 'd["unit"]' "某县机关事务管理局"
verdict "new on an existing workbook exits 3 and leaves it byte-identical"

echo "not a workbook, just notes" >"$TMP/notes.txt"
before=$(checksum "$TMP/notes.txt")
run tb new "$TMP/notes.txt" --unit 某单位 --year 2024
expect_rc 3
expect_same "text file" "$before" "$(checksum "$TMP/notes.txt")"
verdict "new on an existing text file exits 3 and leaves it unchanged"

# --- set ---------------------------------------------------------------------------------------
run tb set "$WB" --area 12000 --headcount 150
expect_rc 0
run tb summary "$WB" --json
expect_rc 0
expect_json_approx "building_area_m2" 'd["building_area_m2"]' 12000
expect_json_approx "headcount" 'd["headcount"]' 150
expect_json "intensity is a number now" 'type(d["intensity_kgco2e_per_m2"]).__name__' "float"
expect_json "per capita is a number now" 'type(d["per_capita_tco2e"]).__name__' "float"
verdict "set --area 12000 --headcount 150 shows in summary --json"

run tb set "$WB" --contact 王晓明 --phone 0571-87654321 --address 某路1号
expect_rc 0
run tb check "$WB"
expect_rc 1
expect_out_line '^错误 .*表A\.3'
expect_out_lacks "联系人"
expect_out_lacks "联系电话"
expect_out_lacks "“地址”"
verdict "set --contact/--phone/--address fills the A.1 fields check asks for"

state=$(wb_state "$WB")
run tb set "$WB" --area abc
expect_rc 1
expect_err_contains "建筑面积"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "set --area abc exits 1 naming the field and changes nothing"

state=$(wb_state "$WB")
run tb set "$WB" --headcount 12.5
expect_rc 1
expect_err_nonempty
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "set --headcount 12.5 (not an integer) exits 1 and changes nothing"

state=$(wb_state "$WB")
run tb set "$WB" --gwp AR99
expect_rc 1
expect_err_contains "AR99"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "set --gwp with an unknown set exits 1 and changes nothing"

printf '%s\n%s\n' 'period,source,quantity,unit,data_source' '2024-01,electricity,1000,kWh,电费账单' >"$TMP/grid.csv"
import_ok "$WB" "$TMP/grid.csv"
run tb set "$WB" --grid-area 华东
expect_rc 0
run tb summary "$WB" --json
# a 2024 year takes the latest shipped regional factor: 2023 华东 0.5500 tCO₂/MWh
# 1000 kWh = 1 MWh × 0.5500 = 0.55 tCO₂
expect_json_approx "electricity factor (2023 华东)" 'src("electricity")["factor"]' 0.55
expect_json_approx "electricity tco2e" 'src("electricity")["tco2e"]' 0.55
expect_json "factor_source names 华东" '"华东" in src("electricity")["factor_source"]' True
verdict "set --grid-area 华东 pins the 华东 regional factor (2023: 0.5500)"

run tb set "$WB" --grid-area 华北
expect_rc 0
expect_out_contains "已保存"
expect_out_lacks "已保存 0 项"
verdict "set --grid-area 华北 (a real change) does not report \"已保存 0 项\""

state=$(wb_state "$WB")
run tb set "$WB" --grid-area 火星
expect_rc 1
expect_err_contains "火星"
expect_same "workbook" "$state" "$(wb_state "$WB")"
verdict "set --grid-area with an unknown area exits 1 naming it and changes nothing"

run tb set "$WB" --year 2025
expect_rc 0
expect_out_contains "2025"
run tb summary "$WB" --json
expect_rc 0
expect_json "default year" 'd["year"]' "2025"
run tb summary "$WB" --json --year 2024
expect_rc 0
expect_json "explicit year" 'd["year"]' "2024"
expect_json_approx "2024 area kept" 'd["building_area_m2"]' 12000
verdict "set --year 2025 adds the year; summary defaults to the latest (2025), --year 2024 still works"

run tb summary "$WB" --year 2030
expect_rc 1
expect_err_contains "2030"
verdict "summary --year for a year not in the workbook exits 1 naming it"

run tb summary "$WB" --year 20x4
expect_rc 2
verdict "summary --year with a malformed year exits 2"

run tb summary "$WB" --json
expect_rc 0
text_ok=$(json 'sorted(k for k in ("unit","year","total_tco2e","scope1_tco2e","scope2_tco2e","energy_tce","building_area_m2","headcount","intensity_kgco2e_per_m2","per_capita_tco2e","sources") if k not in d)')
expect_eq "missing summary keys" "$text_ok" "[]"
verdict "summary --json has every key of the contract"

run tb summary "$WB" --year 2024
expect_rc 0
expect_out_contains "碳排放总量"
expect_out_contains "12000"
verdict "summary without --json prints the A.4 table"

done_testing
