#!/bin/bash
# cli_check.sh - `tanbook check` (the demo passes; an empty workbook lists what Appendix A still
# needs; a month ten times the others is flagged 异常波动) and `tanbook factors` / `set --factor`
# (the library with its sources; a user factor with its own source reaches summary; an electricity
# factor that is the carbon-footprint factor is warned of and stored).
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

# ---- demo ------------------------------------------------------------------------------------------
run tb demo demo.tanbook
expect_rc 0
expect_file_exists demo.tanbook
verdict "demo creates a workbook"

run tb check demo.tanbook
expect_rc 0
expect_out_contains "共 0 个错误"
expect_out_lacks "错误  "
verdict "check passes on the demo workbook (exit 0, no errors)"

run tb check demo.tanbook --year 2023
expect_rc 0
expect_out_contains "2023"
expect_out_contains "共 0 个错误"
verdict "check --year 2023 passes on the demo's earlier year"

run tb summary demo.tanbook --json
expect_rc 0
expect_json "demo year" 'd["year"]' 2024
expect_json "demo sources" 'sorted(s["id"] for s in d["sources"])' \
    "['diesel', 'electricity', 'gasoline', 'heat', 'natural_gas']"
expect_json "demo total is positive" 'd["total_tco2e"] > 0' True
expect_json "demo indicators present" \
    'd["intensity_kgco2e_per_m2"] is not None and d["per_capita_tco2e"] is not None' True
verdict "the demo has several fuels, electricity and heat, and its indicators"

before=$(checksum demo.tanbook)
run tb demo demo.tanbook
expect_rc 3
expect_same "demo workbook" "$before" "$(checksum demo.tanbook)"
verdict "demo on an existing file without --force exits 3 and leaves it unchanged"

# ---- an empty workbook -------------------------------------------------------------------------------
new_wb empty.tanbook --unit 某县机关事务管理局 --year 2024
run tb check empty.tanbook
expect_rc 1
for f in 联系人 联系电话 地址 建筑面积 用能人数; do
    expect_out_line "^错误 .*“$f”"
done
expect_out_lacks "“单位名称”"
expect_out_line '^错误 .*表A\.3'
verdict "check on a new workbook exits 1 listing the missing A.1 fields and the empty A.3"

# ---- 异常波动 -------------------------------------------------------------------------------------------
# A complete workbook with 12 months of electricity; month 07 is ten times the others.
new_wb swing.tanbook --unit 某县机关事务管理局 --year 2024 --area 5000 --headcount 80 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
{
    echo "period,source,quantity,unit,data_source"
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
        q=20000
        [ "$m" = 07 ] && q=200000
        echo "2024-$m,electricity,$q,kWh,电费账单"
    done
} >swing.csv
import_ok swing.tanbook swing.csv
run tb check swing.tanbook
expect_rc 0
expect_out_line '^警告 .*2024-07.*异常波动'
expect_out_contains "共 0 个错误"
# only July is flagged: no other month is mentioned in a 异常波动 line
n=$(grep -c '异常波动' <<<"$OUT")
expect_eq "number of 异常波动 warnings" "$n" 1
verdict "a month ten times the others is flagged 异常波动 as a warning; check still exits 0"

# The same workbook with an even July has no such warning (the flag above is not unconditional).
new_wb even.tanbook --unit 某县机关事务管理局 --year 2024 --area 5000 --headcount 80 \
    --address 某路1号 --contact 张三 --phone 0571-87654321 --uscc 91350100M000100Y43
sed 's/,200000,/,20000,/' swing.csv >even.csv
import_ok even.tanbook even.csv
run tb check even.tanbook
expect_rc 0
expect_out_lacks "异常波动"
expect_out_contains "共 0 个错误，0 个警告"
verdict "twelve even months give no warning at all"

# 统一社会信用代码 is optional but asked for: without it check warns (exit 0, no error); a wrong
# check character is refused by set, naming the one GB 32100—2015 gives (…Y43, not …Y44).
run tb set even.tanbook --uscc ""
run tb check even.tanbook
expect_rc 0
expect_out_contains "警告  表A.1 基本信息：未填写“统一社会信用代码”"
expect_out_contains "共 0 个错误，1 个警告"
run tb check even.tanbook --lang en
expect_out_contains "warning  Table A.1 Basic information: “Social credit code” is not filled in"
before=$(checksum even.tanbook)
run tb set even.tanbook --uscc 91350100M000100Y44
expect_rc 1
expect_err_contains "“统一社会信用代码”的校验码（第 18 位）应为“3”，而不是“4”"
expect_same "the workbook after a refused code" "$before" "$(checksum even.tanbook)"
verdict "a missing 统一社会信用代码 is a warning; a wrong check character is refused naming the right one"

# Three months of 100, 100 and 1000 kWh: the terminal workbook flags March, and so does check
# (one rule in check.c: the median of the months is 100 and 1000 > 3 × 100; January and February
# are the median itself).
new_wb three.tanbook --unit 某县机关事务管理局 --year 2024 --area 5000 --headcount 80 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
printf 'period,source,quantity,unit,data_source\n2024-01,electricity,100,kWh,电费账单\n2024-02,electricity,100,kWh,电费账单\n2024-03,electricity,1000,kWh,电费账单\n' >three.csv
import_ok three.tanbook three.csv
run tb check three.tanbook
expect_rc 0
expect_out_line '^警告 .*2024-03 的数量 1000 kWh 与各月的中位数 100 相差超过 3 倍（异常波动）'
expect_eq "number of 异常波动 warnings" "$(grep -c '异常波动' <<<"$OUT")" 1
verdict "months of 100, 100 and 1000 kWh: check flags March, as the screen does"

# ---- factors ---------------------------------------------------------------------------------------------
run tb factors
expect_rc 0
expect_out_contains "天然气"
expect_out_contains "21.622"
expect_out_contains "  2023  0.6096  生态环境部 国家统计局《2023年电力二氧化碳排放因子》（公告2025年第47号）"
expect_out_contains "电力碳足迹因子（全生命周期，不是范围二排放因子"
verdict "factors prints the library, the residual factors and the footprint factors named as not scope 2"

run tb factors --json
expect_rc 0
expect_json "parses" 'type(d).__name__' dict
expect_json_approx "natural_gas factor" '[s["factor"] for s in d["sources"] if s["id"] == "natural_gas"][0]' 21.622
expect_json "natural_gas name" '[s["source"] for s in d["sources"] if s["id"] == "natural_gas"][0]' 天然气
expect_json "sources without a factor_source" \
    '[s["id"] for s in d["sources"] if not (s.get("factor_source") or "").strip()]' "[]"
expect_json "number of sources (at least the 13 fuels and energies of the issue)" 'len(d["sources"]) >= 13' True
for id in electricity heat natural_gas gasoline diesel lpg fuel_oil kerosene lng raw_coal bituminous_coal anthracite coke; do
    expect_json "source $id listed" "any(s['id'] == '$id' for s in d['sources'])" True
done
expect_json_approx "2023 national electricity" \
    '[e["tco2_per_mwh"] for e in d["electricity"] if e["year"] == 2023 and e["area"] == "全国"][0]' 0.5306
expect_json "every electricity factor has a source" \
    'all((e.get("source") or "").strip() for e in d["electricity"])' True
expect_json "residual factors by year" '[(e["year"], e["tco2_per_mwh"]) for e in d["electricity_residual"]]' \
    "[(2021, 0.5942), (2022, 0.5856), (2023, 0.6096)]"
expect_json "footprint factors are not among the electricity factors" \
    'any(e["tco2_per_mwh"] in (0.5777, 0.6205) for e in d["electricity"])' False
expect_json "footprint 2024" '[e["tco2_per_mwh"] for e in d["not_scope2_footprint"] if e["year"] == 2024]' "[0.5777]"
verdict "factors --json parses, natural_gas is 21.622, every source has a factor_source, residual and footprint apart"

# ---- set --factor ----------------------------------------------------------------------------------------
new_wb fac.tanbook --unit 某单位 --year 2024
printf '%s\n%s\n' '期间,排放源,数量,单位,数据来源' '2024,天然气,10000,m³,燃气账单' >ng.csv
import_ok fac.tanbook ng.csv
run tb summary fac.tanbook --json
# 10 000 m³ = 1 万m³ × 21.622 = 21.622 tCO₂ with the library factor
expect_json_approx "library natural gas tco2e" 'src("natural_gas")["tco2e"]' 21.622
verdict "setup: natural gas with the library factor (21.622 tCO₂)"

state=$(wb_state fac.tanbook)
run tb set fac.tanbook --factor 天然气=21.65
expect_rc 1
expect_err_contains "--factor-source"
expect_same "workbook" "$state" "$(wb_state fac.tanbook)"
verdict "--factor without --factor-source exits 1 and changes nothing"

state=$(wb_state fac.tanbook)
run tb set fac.tanbook --factor 煤气=1 --factor-source 某报告
expect_rc 1
expect_err_contains "煤气"
expect_same "workbook" "$state" "$(wb_state fac.tanbook)"
verdict "--factor for an unknown source exits 1 naming it and changes nothing"

state=$(wb_state fac.tanbook)
run tb set fac.tanbook --factor 天然气=-2 --factor-source 某报告
expect_rc 1
expect_same "workbook" "$state" "$(wb_state fac.tanbook)"
verdict "--factor with a negative value exits 1 and changes nothing"

run tb set fac.tanbook --factor 天然气=21.65 --factor-source "某检测报告"
expect_rc 0
run tb summary fac.tanbook --json
# 1 万m³ × 21.65 = 21.65 tCO₂
expect_json_approx "natural gas factor" 'src("natural_gas")["factor"]' 21.65
expect_json "natural gas factor_source" 'src("natural_gas")["factor_source"]' 某检测报告
expect_json_approx "natural gas tco2e" 'src("natural_gas")["tco2e"]' 21.65
expect_json_approx "total" 'd["total_tco2e"]' 21.65
verdict "set --factor 天然气=21.65 --factor-source 某检测报告 changes summary's factor, source and figures"

run tb check fac.tanbook
expect_out_line '^共 [0-9]+ 个错误'
expect_out_lacks "排放因子缺少数据来源"
verdict "check accepts the user factor, which has its own source"

# ---- set --factor with a carbon-footprint factor: warned of, stored all the same --------------------------
new_wb cf.tanbook --unit 某单位 --year 2024
printf '%s\n%s\n' '期间,排放源,数量,单位,数据来源' '2024,电力,10000,kWh,电费账单' >el.csv
import_ok cf.tanbook el.csv
run tb set cf.tanbook --factor 电力=0.5777 --factor-source "某网站"
expect_rc 0
# factors/footprint.tsv: 0.5777 is the 2024 电力碳足迹因子 (life cycle), not the MEE/NBS CO₂ factor
expect_err_contains "警告：0.5777 与 2024 年电力碳足迹因子（全生命周期）相同，它不是范围二排放因子"
expect_err_contains "请使用生态环境部、国家统计局发布的电力二氧化碳排放因子"
expect_out_contains "已保存"
run tb summary cf.tanbook --json
# 10 000 kWh = 10 MWh × 0.5777 tCO₂/MWh = 5.777 tCO₂
expect_json_approx "electricity factor kept" 'src("electricity")["factor"]' 0.5777
expect_json_approx "electricity tco2e" 'src("electricity")["tco2e"]' 5.777
verdict "set --factor 电力=0.5777 warns it is the 2024 carbon-footprint factor, exits 0 and stores it"

# 0.5790 is 0.0013 / 0.5777 = 0.23 % from it: still warned of, as close to it
run tb set cf.tanbook --factor 电力=0.579 --factor-source "某网站"
expect_rc 0
expect_err_contains "警告：0.579 接近 2024 年电力碳足迹因子 0.5777（全生命周期）"
verdict "set --factor 电力=0.579 (0.23 % off 0.5777) warns too"

# 0.5703 (the ETS 2022 grid factor) is 1.3 % from 0.5777: a scope 2 factor, nothing to say
run tb set cf.tanbook --factor 电力=0.5703 --factor-source "生态环境部 2022年度全国电网平均排放因子"
expect_rc 0
expect_err_lacks "碳足迹"
# 天然气=0.5777 is a fuel factor: the footprint factor is electricity's only
run tb set cf.tanbook --factor 天然气=0.5777 --factor-source "某报告"
expect_rc 0
expect_err_lacks "碳足迹"
verdict "no warning for 0.5703 on electricity nor for 0.5777 on natural gas"

# ---- set --density ---------------------------------------------------------------------------------------
new_wb den.tanbook --unit 某单位 --year 2024
printf '%s\n%s\n' '期间,排放源,数量,单位,数据来源' '2024,汽油,1000,L,加油卡记录' >petrol.csv
import_ok den.tanbook petrol.csv
run tb set den.tanbook --density 汽油=0.75
expect_rc 0
run tb summary den.tanbook --json
# 1000 L × 0.75 kg/L = 750 kg = 0.75 t × 2.9251 tCO₂/t = 2.193825 tCO₂ (0.73 kg/L would give 2.135323)
expect_json_approx "gasoline tco2e with 0.75 kg/L" 'src("gasoline")["tco2e"]' 2.193825
expect_json_approx "gasoline activity (t)" 'src("gasoline")["activity"]' 0.75
verdict "set --density 汽油=0.75 changes the litre conversion of gasoline already imported"

# Natural gas is metered by volume; a litre density (kg/L) must not turn a mass unit into a valid
# one for it: 天然气 in t stays a unit of the wrong dimension.
run tb set den.tanbook --density 天然气=0.7
printf '%s\n%s\n' '期间,排放源,数量,单位,数据来源' '2024,天然气,5,t,燃气账单' >ngmass.csv
state=$(wb_state den.tanbook)
run tb import den.tanbook ngmass.csv
expect_rc 1
expect_err_line '^2: .*天然气'
expect_same "workbook" "$state" "$(wb_state den.tanbook)"
verdict "after set --density 天然气=0.7, 天然气 in t is still refused as the wrong dimension"

done_testing
