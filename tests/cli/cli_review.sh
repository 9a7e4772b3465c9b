#!/bin/bash
# cli_review.sh - the checks a reviewer makes, in `tanbook check` (warnings, exit 0): a source
# and 建筑面积 far off the year before, an implausible 单位建筑面积碳排放量, a unit slip of 10⁴, a
# row without 数据来源; the same in English with --lang en; --area 0 refused with a reason; an
# import row of a year the workbook lacks refused unless --add-years.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

A1=(--unit 某县教育局 --uscc 91350100M000100Y43 --address 某路1号 --contact 李明 --phone 0571-1234567 --headcount 80)

# months CSV YEAR QUANTITY UNIT - twelve months of electricity with 数据来源.
months() {
    {
        echo "period,source,quantity,unit,data_source"
        for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
            echo "$2-$m,electricity,$3,$4,电费账单"
        done
    } >"$1"
}

# ---- the year before ------------------------------------------------------------------------------
# 2023: 12 × 20000 kWh = 240000 kWh over 5000 m². 2024: 12 × 31000 kWh = 372000 kWh (+55 %) over
# 5600 m² (+12 %). 2024's intensity: 372 MWh × 0.5306 = 197.3832 t / 5600 m² = 35.25 kgCO₂e/m²,
# inside 5–300.
new_wb yoy.tanbook "${A1[@]}" --year 2023 --area 5000
months y2023.csv 2023 20000 kWh
import_ok yoy.tanbook y2023.csv
run tb set yoy.tanbook --year 2024 --area 5600 --headcount 80
expect_rc 0
months y2024.csv 2024 31000 kWh
import_ok yoy.tanbook y2024.csv
run tb check yoy.tanbook
expect_rc 0
expect_out_contains "检查 yoy.tanbook（2024 年度）"
expect_out_line '^警告  表A\.5：外购电力 全年比 2023 年增加 55%（372000 kWh 对 240000 kWh），请核对$'
expect_out_line '^警告  表A\.1：建筑面积 5600 m² 比 2023 年（5000 m²）增加 12%，请核对$'
expect_out_contains "共 0 个错误，2 个警告"
verdict "check: a source +55 % and 建筑面积 +12 % against 2023 are warnings; exit 0"

run tb check yoy.tanbook --year 2023
expect_rc 0
expect_out_contains "共 0 个错误，0 个警告"
verdict "check --year 2023 (no year before it) compares nothing"

run tb check yoy.tanbook --lang en
expect_rc 0
expect_out_contains "Checking yoy.tanbook (year 2024)"
expect_out_line '^warning  Table A\.5: Electricity is up 55 % on 2023 \(the whole year\): 372000 kWh against 240000 kWh; please check$'
expect_out_line '^warning  Table A\.1: Building floor area 5600 m² is up 12 % on 2023 \(5000 m²\); please check$'
expect_out_contains "0 errors, 2 warnings"
expect_out_lacks "警告"
verdict "check --lang en says the same in English"

run tb check yoy.tanbook --lang fr
expect_rc 2
expect_err_contains "--lang"
verdict "check --lang fr is a usage error"

# An empty workbook in English: the errors too, with the forms' English labels.
new_wb bare.tanbook --unit 某单位 --year 2024
run tb check bare.tanbook --lang en
expect_rc 1
expect_out_line '^error  Table A\.1 Basic information: “Contact person” is missing$'
expect_out_line '^error  Table A\.3 .*there is no emission source yet$'
expect_out_lacks "缺少"
verdict "check --lang en on an empty workbook: every error in English, exit 1"

# ---- implausible intensity, a slip of 10⁴, no 数据来源 ----------------------------------------------
# 12 × 20000 万kWh (the kWh readings typed as 万kWh) = 2400000 MWh × 0.5306 = 1273440 t over
# 5000 m²: 254688 kgCO₂e/m², far above 300, and 20000 万kWh like 2023's 20000 kWh. No 数据来源.
new_wb slip.tanbook "${A1[@]}" --year 2023 --area 5000
import_ok slip.tanbook y2023.csv
run tb set slip.tanbook --year 2024 --area 5000 --headcount 80
{
    echo "period,source,quantity,unit"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "2024-$m,electricity,20000,万kWh"; done
} >slip.csv
import_ok slip.tanbook slip.csv
run tb check slip.tanbook
expect_rc 0
expect_out_line '^警告  表A\.4：单位建筑面积碳排放量 254688 kgCO₂e/m² 高于 300，超出常见范围（5–300）'
expect_out_line '^警告  表A\.5：外购电力 按 万kWh 填写（如 2024-01，每月中位数 20000 万kWh），数值却与 2023 年按 kWh 填写的相近（每月中位数 20000 kWh）；两种单位相差 10⁴ 倍，请核对单位$'
expect_out_line '^警告  表A\.5：外购电力 有 12 条数据没有填写数据来源'
expect_out_lacks "比 2023 年"
expect_out_lacks "e+0"
expect_out_contains "共 0 个错误，3 个警告"
verdict "check: intensity above 300, the 万kWh slip against 2023 and no 数据来源 are warnings; exit 0"

# ---- --area 0 --------------------------------------------------------------------------------------
run tb new zero.tanbook --unit 某单位 --year 2024 --area 0
expect_rc 1
expect_err_contains "“建筑面积”须大于 0；不知道时请留空"
expect_no_file zero.tanbook
verdict "new --area 0 is refused with the reason; no file"

state=$(wb_state yoy.tanbook)
run tb set yoy.tanbook --area 0
expect_rc 1
expect_err_contains "--area：“建筑面积”须大于 0"
expect_same "workbook" "$state" "$(wb_state yoy.tanbook)"
verdict "set --area 0 is refused and changes nothing"

# ---- a year the workbook does not have ---------------------------------------------------------------
printf 'period,source,quantity,unit,data_source\n2024-03,electricity,100,kWh,电费账单\n2042-03,electricity,100,kWh,电费账单\n' >typo.csv
state=$(wb_state yoy.tanbook)
run tb import yoy.tanbook typo.csv
expect_rc 1
expect_err_line '^3: 工作簿中没有 2042 年度：期间“2042-03”写错了吗？确要新增该年度时请加 --add-years$'
expect_err_lacks_line() { ! grep -qE -- "$1" <<<"$ERR" || note "stderr should not match: $1"; }
expect_err_lacks_line '^2: '
expect_same "workbook" "$state" "$(wb_state yoy.tanbook)"
verdict "import of a row of 2042 (not in the workbook) is refused naming the year and --add-years"

run tb import yoy.tanbook typo.csv --add-years
expect_rc 0
expect_out_contains "新增年度 1 个"
run tb summary yoy.tanbook --json --year 2042
expect_rc 0
expect_json "the year was added" 'd["year"]' 2042
verdict "import --add-years adds the year"

run tb import --help
expect_out_contains "--add-years"
verdict "import --help explains --add-years"

done_testing
