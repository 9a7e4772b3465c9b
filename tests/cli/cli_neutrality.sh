#!/bin/bash
# cli_neutrality.sh - `tanbook neutrality`, `import --offsets`, `offset`, `renewable` and `pledge`
# driving the real binary on a 2023 workbook whose emissions are worked out by hand:
#   scope 1: natural gas 10 000 m³ = 1 万m³ × 21.622 tCO₂/万m³        = 21.622 t
#   scope 2: purchased electricity 100 000 kWh = 100 MWh × 0.5306     = 53.060 t (2023 A.4 factor)
#   emissions (运营碳中和 = scope 1 + 2, location-based)               = 74.682 t
# Offsets of each ineligible kind (003 §7.3) beside an eligible one; the boundary (offsets exactly
# equal to the emissions); a 绿证 larger than scope 2 capped at scope 2; the market-based scope 2
# with green power bought at the 2023 residual factor 0.6096; the shares; English text; an
# evidence file changed after it was recorded; an import refused whole for one bad line; Chinese
# headers; renewable clashes; the 碳中和计划's texts; a control character refused.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

WB=n.tanbook

cat >activity.csv <<'EOF'
期间,排放源,数量,单位,数据来源
2023,外购电力,100000,kWh,电费账单
2023,天然气,10000,m³,燃气账单
EOF
new_wb "$WB" --unit 测试单位 --year 2023 --area 2000 --headcount 50 \
    --address 某路1号 --contact 张三 --phone 0571-87654321
import_ok "$WB" activity.csv
echo "注销证明 扫描件" >proof.pdf
run tb neutrality "$WB" --year 2023 --json
expect_rc 0
expect_json_all \
    "emissions" "d['emissions_tco2e']" "74.682" \
    "scope 1" "d['scope1_tco2e']" "21.622" \
    "scope 2" "d['scope2_tco2e']" "53.06" \
    "no offsets" "d['offsets']" "[]" \
    "eligible 0" "d['eligible_offsets_tco2e']" "0" \
    "shortfall: all of it" "d['shortfall_tco2e']" "74.682" \
    "achieved" "d['achieved']" "False" \
    "boundary" "d['boundary']" "operational" \
    "rate: 0 / 74.682" "d['neutrality_rate_pct']" "0"
verdict "setup: 2023 with 21.622 t of scope 1 and 53.06 t of scope 2, no offsets yet"

# ---- each ineligible kind, and one that counts ----------------------------------------------
cat >offsets.csv <<'EOF'
type,project,serial,registered,vintage,quantity_tco2e,cancelled,proof,used_elsewhere,year,evidence,evidence_file
CCER,风电,C-1,2022-05-01,,10,2024-01-10,ZX-1,否,2023,注销证明 ZX-1,proof.pdf
CCER,老项目,C-2,2017-12-31,,5,2024-01-10,ZX-2,否,2023,注销证明 ZX-2,
深圳碳普惠,未注销,S-1,2022-01-01,,5,,,否,2023,合同 S-1,
广东碳普惠,重复,G-1,2022-01-01,,5,2024-01-10,ZX-4,是,2023,注销证明 ZX-4,
其他,其他,O-1,2022-01-01,,5,2024-01-10,ZX-5,否,2023,注销证明 ZX-5,
绿证,错年,GEC-1,2022-01-01,2022,5,2024-01-10,ZX-6,否,2023,注销证明 ZX-6,
CCER,无佐证,C-3,2022-01-01,,5,2024-01-10,ZX-7,否,2023,,
EOF
run tb import "$WB" --offsets offsets.csv
expect_rc 0
# 10 + 6 × 5 = 40 tCO₂e recorded, eligible or not
expect_out_contains "已导入 7 项抵销（UTF-8 编码），合计 40.000 tCO₂e"
# line 3 is C-2: registered 2017, before 2023 − 5 = 2018
expect_err_contains "注意：第 3 行（CCER C-2）不计入：2017 年登记，早于碳中和声明（2023 年）的前 5 年"
expect_err_contains "注意：第 4 行（深圳碳普惠 S-1）不计入：尚未注销"
expect_err_contains "注意：第 8 行（CCER C-3）不计入：没有佐证材料"
expect_err_lacks "第 2 行"
verdict "import --offsets: 7 recorded, a note for each of the 6 that will not count"

run tb neutrality "$WB" --year 2023 --json
expect_rc 0
# only C-1 counts: 10 t; shortfall 74.682 − 10 = 64.682; rate 10 / 74.682 = 13.390107 %
expect_json_all \
    "eligible" "d['eligible_offsets_tco2e']" "10" \
    "achieved" "d['achieved']" "False" \
    "shortfall" "d['shortfall_tco2e']" "64.682" \
    "rate" "d['neutrality_rate_pct']" "13.390107388661257" \
    "serials" "[o['serial'] for o in d['offsets']]" "['C-1', 'C-2', 'S-1', 'G-1', 'O-1', 'GEC-1', 'C-3']" \
    "types" "[o['type'] for o in d['offsets']]" "['ccer', 'ccer', 'sz', 'gd', 'other', 'cert', 'ccer']" \
    "eligible flags" "[o['eligible'] for o in d['offsets']]" "[True, False, False, False, False, False, False]" \
    "eligible reason empty" "d['offsets'][0]['reason']" "" \
    "too old" "'前 5 年' in d['offsets'][1]['reason']" "True" \
    "not cancelled" "'尚未注销' in d['offsets'][2]['reason']" "True" \
    "used elsewhere" "'已用于其他组织或声明' in d['offsets'][3]['reason']" "True" \
    "type 其他" "'类型不在 003 §7.3.1.2' in d['offsets'][4]['reason']" "True" \
    "cert of 2022" "'绿证的生产年份 2022 与抵销年度 2023 不一致' in d['offsets'][5]['reason']" "True" \
    "no evidence" "'没有佐证材料' in d['offsets'][6]['reason']" "True" \
    "quantities" "[o['quantity_tco2e'] for o in d['offsets']]" "[10, 5, 5, 5, 5, 5, 5]" \
    "evidence file recorded" "d['offsets'][0]['evidence_file']" "same" \
    "no evidence file" "d['offsets'][1]['evidence_file']" "" \
    "green share null-free: 0 / 100 000 kWh" "d['green_power_share_pct']" "0"
verdict "neutrality --json: each ineligible kind with its reason, 10 t eligible, short by 64.682 t"

run tb neutrality "$WB" --year 2023
expect_rc 0
expect_out_contains "边界：运营碳中和（范围一 + 范围二"
expect_out_line '^  范围二（位置基准） +53\.060 tCO₂e$'
expect_out_line '^  范围二（市场基准） +60\.960 tCO₂e'
expect_out_contains "[1] CCER  编号 C-1  风电  10.000 tCO₂e  计入"
expect_out_contains "[7] CCER  编号 C-3  无佐证  5.000 tCO₂e  不计入：没有佐证材料"
expect_out_contains "计入的抵销量合计 10.000 tCO₂e"
expect_out_contains "结论：未实现碳中和，差额 64.682 tCO₂e"
expect_out_contains "碳中和率 = 计入的抵销量 ÷ 排放量（范围一 + 范围二） = 10.000 tCO₂e ÷ 74.682 tCO₂e = 13.39 %"
expect_out_lacks "警告"
verdict "neutrality (text): boundary, both scope-2 figures named, each offset, 未实现 with the shortfall"

run tb neutrality "$WB" --year 2023 --lang en
expect_rc 0
expect_out_contains "Boundary: operational carbon neutrality (scope 1 + 2"
expect_out_line '^  Scope 2 \(location-based\) +53\.060 tCO₂e$'
expect_out_line '^  Scope 2 \(market-based\) +60\.960 tCO₂e'
expect_out_contains "Conclusion: not carbon neutral, short by 64.682 tCO₂e"
expect_out_contains "does not count: registered in 2017, more than 5 years before the statement (2023"
verdict "neutrality --lang en"

run tb neutrality "$WB" --year 2019
expect_rc 1
expect_err_contains "工作簿中没有 2019 年度"
verdict "neutrality of a year the workbook lacks: not found, exit 1"

# ---- renewables: green power, PV, the market-based scope 2 and the shares -------------------
run tb renewable "$WB" --year 2023 --kind green --quantity 40000 --evidence "绿电交易结算单 2023"
expect_rc 0
expect_out_contains "已记录 [1] 绿色电力交易（购入） 2023 40000 kWh"
run tb renewable "$WB" --year 2023 --kind 光伏发电（自用） --quantity 25000 --capacity 30 --evidence "光伏电表读数"
expect_rc 0
run tb renewable "$WB" --year 2023 --kind heat --quantity 10
expect_rc 0
expect_err_contains "注意：没有佐证（--evidence）：已记录，但不计入任何比率"
run tb neutrality "$WB" --year 2023 --json
expect_rc 0
# market-based: (100 − 40) MWh × 0.6096 = 36.576 t (no heat bought)
# green share: (25 000 + 40 000) / (100 000 + 25 000) = 52 %
# renewable share: 25 000 kWh × 0.1229 kgce/kWh = 3.0725 tce; energy 100 000 × 0.1229 = 12.29 tce +
#   10 000 m³ × 1.2143 kgce/m³ = 12.143 tce → 24.433 tce; 3.0725 / (24.433 + 3.0725) = 11.17053 %
expect_json_all \
    "market-based" "d['scope2_market_tco2e']" "36.576" \
    "location-based unchanged" "d['scope2_tco2e']" "53.06" \
    "residual value" "d['residual_factor']['value']" "0.6096" \
    "residual year" "d['residual_factor']['year']" "2023" \
    "residual exact" "d['residual_factor']['exact']" "True" \
    "green share" "d['green_power_share_pct']" "52" \
    "renewable share" "d['renewable_share_pct']" "11.170538619548" \
    "pv" "d['renewables']['pv_kwh']" "25000" \
    "green" "d['renewables']['green_kwh']" "40000" \
    "capacity" "d['renewables']['capacity_kw']" "30" \
    "heat left out" "d['renewables']['heat_gj']" "0" \
    "no evidence" "d['renewables']['no_evidence']" "1" \
    "judgement unchanged" "d['eligible_offsets_tco2e']" "10"
verdict "renewables: market-based scope 2 at 0.6096 after green power, the shares, a row without evidence left out"

run tb neutrality "$WB" --year 2023
expect_out_line '^  范围二（市场基准） +36\.576 tCO₂e  未被绿电、绿证覆盖的电量按 0\.6096 tCO₂/MWh（2023 年）'
expect_out_contains "绿色电力利用率 =（光伏等自用 + 绿电交易）÷（外购电力 + 自用可再生电力） = 65000 kWh ÷ 125000 kWh = 52.00 %"
expect_out_contains "注意：2023 年有 1 条可再生能源记录没有佐证，未计入比率"
verdict "neutrality (text): the market-based figure named with its factor, the green share's formula, the note"

run tb renewable "$WB" --year 2023 --kind pv --period 2023-03 --quantity 5 --evidence x
expect_rc 1
expect_err_contains "光伏发电（自用） 2023 年已按全年记录，不能再按月记录（会重复计算）"
run tb renewable "$WB" --year 2023 --kind pv --quantity 5 --evidence x
expect_rc 1
expect_err_contains "光伏发电（自用） 2023 已有记录（第 2 条），请修改该记录"
run tb renewable "$WB" --year 2023 --kind pv --period 2024-03 --quantity 5 --evidence x
expect_rc 1
expect_err_contains "期间须为 2023 年或其中一个月"
run tb renewable "$WB" --year 2023 --kind wind --quantity 5
expect_rc 2
run tb renewable "$WB" --year 2023 --kind pv --quantity 26000 --capacity 30 --evidence "光伏电表读数" --id 2
expect_rc 0
expect_out_contains "已修改 [2] 光伏发电（自用） 2023 26000 kWh"
run tb renewable "$WB" --list --json
expect_json_all \
    "rows" "sorted((r['id'], r['kind'], r['period'], r['quantity']) for r in d['renewables'])" \
    "[(1, 'green', '2023', 40000), (2, 'pv', '2023', 26000), (3, 'heat', '2023', 10)]" \
    "counted" "sorted((r['id'], r['counted']) for r in d['renewables'])" "[(1, True), (2, True), (3, False)]"
run tb renewable "$WB" --year 2023 --kind pv --quantity 25000 --capacity 30 --evidence "光伏电表读数" --id 2
run tb renewable "$WB" --delete 3
expect_rc 0
run tb renewable "$WB" --delete 3
expect_rc 1
verdict "renewable: clashes refused (month beside the year, the same period twice), replace by --id, list, delete"

# ---- a 绿证 larger than scope 2 -----------------------------------------------------------
run tb offset "$WB" --year 2023 --type 绿证 --quantity 60 --vintage 2023 --serial GEC-2 \
    --registered 2023-02-01 --cancelled 2024-01-10 --proof ZX-8 --evidence "绿证注销证明 ZX-8"
expect_rc 0
expect_out_contains "已记录抵销 [8] 2023 年 绿证 60.000 tCO₂e"
expect_err_lacks "不计入"
run tb neutrality "$WB" --year 2023 --json
# the certificate is worth 60 t but offsets scope 2 only: 53.06 counted; eligible 10 + 53.06 = 63.06;
# scope 1 (21.622) is not offset by certificates: short by 74.682 − 63.06 = 11.622
# its MWh: 60 / 0.5306 = 113.079 MWh, more than the 100 − 40 left: market-based scope 2 = 0
expect_json_all \
    "cert counted" "d['offsets'][7]['counted_tco2e']" "53.06" \
    "cert worth" "d['offsets'][7]['quantity_tco2e']" "60" \
    "cert eligible" "d['offsets'][7]['eligible']" "True" \
    "eligible" "d['eligible_offsets_tco2e']" "63.06" \
    "achieved" "d['achieved']" "False" \
    "shortfall: scope 1 left" "d['shortfall_tco2e']" "11.622" \
    "market-based: all covered" "d['scope2_market_tco2e']" "0"
run tb neutrality "$WB" --year 2023
expect_out_contains "计入 53.060 tCO₂e（绿证只抵销范围二，超出范围二的部分不计入）"
verdict "a 绿证 of 60 t against 53.06 t of scope 2: capped at scope 2, scope 1 still short"

# ---- the evidence file changed -------------------------------------------------------------
echo "改过了" >>proof.pdf
run tb neutrality "$WB" --year 2023
expect_rc 0
expect_out_line "^警告：抵销 \[1\] 的佐证文件 .*/proof\.pdf：文件已改动（SHA-256 与登记时不同）$"
run tb neutrality "$WB" --year 2023 --json
expect_json "state" "d['offsets'][0]['evidence_file']" "changed"
run tb offset "$WB" --list --json
expect_json "list: state" "d['offsets'][0]['evidence_file']" "changed"
verdict "an evidence file changed after recording: the text warns, JSON says changed"

# ---- all or nothing -------------------------------------------------------------------------
before=$(tb offset "$WB" --list --json)
cat >bad.csv <<'EOF'
type,serial,registered,quantity_tco2e,cancelled,proof,year,evidence
CCER,B-1,2022-01-01,1,2024-01-10,ZX,2023,证明
CCER,B-2,2022-13-01,1,2024-01-10,ZX,2023,证明
CCER,B-3,2022-01-01,1,2024-01-10,ZX,2023,证明
EOF
run tb import "$WB" --offsets bad.csv
expect_rc 1
expect_err_contains "3: 登记日期（YYYY-MM-DD）不正确"
expect_err_contains "bad.csv 有 1 行不能导入；未导入任何抵销，工作簿没有改变"
expect_eq "offsets after a refused import" "$(tb offset "$WB" --list --json)" "$before"
printf 'type,serial,colour,quantity_tco2e,year\nCCER,X,red,1,2023\n' >hdr.csv
run tb import "$WB" --offsets hdr.csv
expect_rc 1
expect_err_contains "1: 未知的列名“colour”"
printf 'type,serial,quantity_tco2e\nCCER,X,1\n' >noyear.csv
run tb import "$WB" --offsets noyear.csv
expect_rc 1
expect_err_contains "1: 缺少必需的列“year”（抵销年度）"
printf 'type,quantity_tco2e,year,evidence_file\nCCER,1,2023,nowhere.pdf\n' >nofile.csv
run tb import "$WB" --offsets nofile.csv
expect_rc 1
expect_err_line '^2: 佐证文件：'
expect_eq "offsets after the refusals" "$(tb offset "$WB" --list --json)" "$before"
verdict "import --offsets all or nothing: one bad line (line 3), an unknown header, no year column, an unreadable evidence file"

# ---- Chinese headers, CR-only lines, a BOM, a year the workbook lacks ------------------------
printf '\xef\xbb\xbf类型,项目,编号,登记日期,数量,注销日期,注销证明,已用于其他,抵销年度,佐证\r林业碳汇,某林场,F-1,2021-03-01,2,2024-01-10,ZX-9,否,2023,监测报告\r绿证,绿证,GEC-3,2023-02-01,1.5,2024-01-10,ZX-10,否,2025,证明\r' >zh.csv
run tb import "$WB" --offsets zh.csv
expect_rc 0
expect_out_contains "已导入 2 项抵销（UTF-8 (BOM) 编码），合计 3.500 tCO₂e"
# forestry without 公开信息 does not count (003 §7.3.2.2); 2025 is not a year of the workbook
expect_err_contains "注意：第 2 行（林业碳汇 F-1）不计入：林业碳汇项目的位置、树种、面积、碳汇量等未公开"
expect_err_contains "注意：工作簿中没有 2025 年度：已记录其抵销"
run tb offset "$WB" --list --json
expect_json_all \
    "forest" "[o['type'] for o in d['offsets'] if o['serial'] == 'F-1']" "['forest']" \
    "2025 not judged" "[o['eligible'] for o in d['offsets'] if o['serial'] == 'GEC-3']" "[None]"
verdict "import --offsets with Chinese headers, a BOM and CR-only lines; a year not in the workbook imported with a warning"

# ---- exactly equal: achieved -----------------------------------------------------------------
EQ=eq.tanbook
new_wb "$EQ" --unit 等值单位 --year 2023 --area 100 --headcount 5 --address 某路2号 --contact 李四 --phone 0571-1
printf '期间,排放源,数量,单位,数据来源\n2023,天然气,10000,m³,燃气账单\n' >gas.csv
import_ok "$EQ" gas.csv
run tb offset "$EQ" --year 2023 --type ccer --quantity 21.621 --serial E-1 --registered 2020-01-01 \
    --cancelled 2024-01-10 --proof ZX-E1 --evidence 证明
run tb neutrality "$EQ" --year 2023 --json
# 21.622 − 21.621 = 0.001 short
expect_json_all "achieved" "d['achieved']" "False" "shortfall" "d['shortfall_tco2e']" "0.001"
run tb offset "$EQ" --year 2023 --type ccer --quantity 21.622 --serial E-1 --registered 2020-01-01 \
    --cancelled 2024-01-10 --proof ZX-E1 --evidence 证明 --id 1
expect_rc 0
expect_out_contains "已修改抵销 [1] 2023 年 CCER 21.622 tCO₂e"
run tb neutrality "$EQ" --year 2023 --json
# emissions 21.622 (scope 1 only) = offsets 21.622: achieved, shortfall 0, rate 100 %
expect_json_all \
    "achieved" "d['achieved']" "True" \
    "shortfall" "d['shortfall_tco2e']" "0" \
    "rate" "d['neutrality_rate_pct']" "100" \
    "green share undefined: no electricity" "d['green_power_share_pct']" "None"
run tb neutrality "$EQ" --year 2023
expect_out_contains "结论：实现碳中和（排放量 21.622 ≤ 计入的抵销量 21.622 tCO₂e）"
expect_out_contains "绿色电力利用率 =（光伏等自用 + 绿电交易）÷（外购电力 + 自用可再生电力）：无法计算（分母为 0）"
verdict "offsets exactly equal to the emissions: 实现碳中和, shortfall 0 (exit 0 both ways)"

# ---- offset: recorded without evidence, refused fields ---------------------------------------
run tb offset "$EQ" --year 2023 --type sz --quantity 1 --serial N-1
expect_rc 0
expect_err_contains "注意：没有佐证（--evidence）：已记录，但不计入碳中和"
run tb offset "$EQ" --year 2023 --type sz --quantity 1 --project $'a\x1b[2Jb' --evidence x
expect_rc 1
expect_err_contains "项目含有控制字符"
run tb offset "$EQ" --year 2023 --type sz --quantity 1 --registered 2023-02-30 --evidence x
expect_rc 1
expect_err_contains "登记日期（YYYY-MM-DD）不正确"
run tb offset "$EQ" --year 2023 --type 碳汇 --quantity 1
expect_rc 2
run tb offset "$EQ" --year 2023 --type ccer --mwh 3
expect_rc 2
expect_err_contains "只有绿证可以只给电量"
run tb offset "$EQ" --list
expect_rc 0
expect_out_contains "[1] 2023  CCER  编号 E-1  21.622 tCO₂e  计入"
expect_out_contains "[2] 2023  深圳碳普惠  编号 N-1  1.000 tCO₂e  不计入：没有佐证材料"
run tb offset "$EQ" --delete 2
expect_rc 0
run tb offset "$EQ" --delete 2
expect_rc 1
expect_err_contains "没有编号为 2 的抵销"
verdict "offset: without evidence recorded and warned, a control character and a bad date refused, list, delete"

# ---- pledge ----------------------------------------------------------------------------------
run tb pledge "$EQ" --set commitment=2030年前实现运营碳中和 --set 碳抵消策略=购买CCER
expect_rc 0
expect_out_contains "已写入 碳中和承诺的陈述"
expect_out_contains "已写入 碳抵消策略"
run tb pledge "$EQ" --year 2023 --set evaluator=某评价机构 --set conclusion=符合
expect_rc 0
run tb pledge "$EQ" --year 2023 --json
expect_json_all \
    "commitment" "d['pledge']['commitment']" "2030年前实现运营碳中和" \
    "offsetting" "d['pledge']['offsetting']" "购买CCER" \
    "timetable" "d['pledge']['timetable']" "" \
    "statement year" "d['statement']['year']" "2023" \
    "evaluator" "d['statement']['evaluator']" "某评价机构" \
    "conclusion" "d['statement']['conclusion']" "符合"
run tb pledge "$EQ" --set commitment=
expect_rc 0
expect_out_contains "已清除 碳中和承诺的陈述"
run tb pledge "$EQ" --json
expect_json_all "cleared" "d['pledge']['commitment']" "" "no statement" "d['statement']" "None"
run tb pledge "$EQ"
expect_out_contains "碳中和承诺的陈述：（未填写）"
expect_out_contains "碳抵消策略：购买CCER"
before=$(tb pledge "$EQ" --json)
run tb pledge "$EQ" --set $'timetable=2030\x07' --set reduction=节能
expect_rc 1
expect_err_contains "含有控制字符 U+0007"
run tb pledge "$EQ" --set colour=red
expect_rc 2
run tb pledge "$EQ" --year 2019 --set conclusion=符合
expect_rc 1
expect_eq "pledge after refusals" "$(tb pledge "$EQ" --json)" "$before"
verdict "pledge: set by key or Chinese label, a year's statement, clear, show; a control character, an unknown key, a missing year refused"

# A year without its data is not judged: 0 tCO₂e recorded (nothing imported, A.1 without address
# and contact) and a 50 t CCER would give 0 ≤ 50, "achieved"; the year fails check, so no verdict.
run tb new empty.tanbook --unit 空单位 --year 2024 --area 1000 --headcount 10
run tb offset empty.tanbook --year 2024 --type CCER --serial E-1 --quantity 50 --registered 2022-01-01 \
    --cancelled 2025-01-10 --proof 注销证明 --evidence 注销证明
expect_rc 0
run tb neutrality empty.tanbook --year 2024 --json
expect_rc 0
expect_json_all "not achieved" "d['achieved']" "False" "incomplete" "d['complete']" "False" \
    "emissions" "d['emissions_tco2e']" "0" "its offset still counts" "d['offsets'][0]['eligible']" "True"
run tb neutrality empty.tanbook --year 2024
expect_out_contains "结论：不作判定——该年度数据不完整"
verdict "a year check finds errors in is not judged neutral, however few its emissions"

done_testing
