#!/bin/bash
# cli_import.sh - `tanbook import` of a realistic small office, checked against a hand calculation
# from ../shared/reference/factors.md ("Defaults to ship"); the same data with English headers and
# ids, with a UTF-8 BOM, in GB18030 and with CRLF line ends gives the same figures; a corrected row
# replaces the old one; a source not yet in the inventory is added.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

# The office's activity data, one CSV row each, with placeholder source ids (ELEC, NG, GASOLINE,
# DIESEL, HEAT) that office_csv swaps for Chinese names or English ids.
office_rows() {
    cat <<'EOF'
2024-01,ELEC,52000,kWh,电费账单,办公楼用电,综合楼,
2024-02,ELEC,46000,kWh,电费账单,办公楼用电,综合楼,
2024-03,ELEC,44000,kWh,电费账单,办公楼用电,综合楼,
2024-04,ELEC,41000,kWh,电费账单,办公楼用电,综合楼,
2024-05,ELEC,45000,kWh,电费账单,办公楼用电,综合楼,
2024-06,ELEC,58000,kWh,电费账单,办公楼用电,综合楼,
2024-07,ELEC,69000,kWh,电费账单,办公楼用电,综合楼,
2024-08,ELEC,71000,kWh,电费账单,办公楼用电,综合楼,
2024-09,ELEC,55000,kWh,电费账单,办公楼用电,综合楼,
2024-10,ELEC,44000,kWh,电费账单,办公楼用电,综合楼,
2024-11,ELEC,43000,kWh,电费账单,办公楼用电,综合楼,
2024-12,ELEC,50000,kWh,电费账单,办公楼用电,综合楼,"含""空调""用电，抄表日 25 日"
2024-01,NG,1200,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-02,NG,1100,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-03,NG,1150,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-04,NG,1000,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-05,NG,950,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-06,NG,900,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-07,NG,850,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-08,NG,800,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-09,NG,950,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-10,NG,1000,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-11,NG,1100,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-12,NG,1250,GASUNIT,燃气账单,食堂炉灶,食堂,
2024-Q1,GASOLINE,2400,L,加油卡记录,公务用车,车库,
2024-Q2,GASOLINE,2300,L,加油卡记录,公务用车,车库,
2024-Q3,GASOLINE,2200,L,加油卡记录,公务用车,车库,
2024-Q4,GASOLINE,2500,L,加油卡记录,公务用车,车库,
2024,DIESEL,0.5,t,采购发票,备用发电机,配电房,
2024-Q1,HEAT,180,GJ,热力结算单,生活热水,综合楼,
2024-Q2,HEAT,90,GJ,热力结算单,生活热水,综合楼,
2024-Q3,HEAT,60,GJ,热力结算单,生活热水,综合楼,
2024-Q4,HEAT,170,GJ,热力结算单,生活热水,综合楼,
EOF
}

# office_csv zh|en - the office's CSV with Chinese or English headers and source names.
office_csv() {
    if [ "$1" = zh ]; then
        echo "期间,排放源,数量,单位,数据来源,排放设施名称,排放设施位置,备注"
        office_rows | sed 's/,ELEC,/,外购电力,/; s/,NG,/,天然气,/; s/,GASOLINE,/,汽油,/;
                           s/,DIESEL,/,柴油,/; s/,HEAT,/,外购热力,/; s/,GASUNIT,/,m³,/'
    else
        echo "period,source,quantity,unit,data_source,facility,location,note"
        office_rows | sed 's/,ELEC,/,electricity,/; s/,NG,/,natural_gas,/; s/,GASOLINE,/,gasoline,/;
                           s/,DIESEL,/,diesel,/; s/,HEAT,/,heat,/; s/,GASUNIT,/,m3,/'
    fi
}

# new_office FILE - an empty workbook for the office: 12 000 m², 150 people, year 2024.
new_office() {
    new_wb "$1" --unit 某县机关事务管理局 --year 2024 --area 12000 --headcount 150
}

# ---- The hand calculation (factors.md "Defaults to ship"; tolerance 0.01 % relative) ----------
# Electricity, 12 months in kWh:
#   52000+46000+44000+41000+45000+58000+69000+71000+55000+44000+43000+50000 = 618 000 kWh = 618 MWh
#   2024 is not shipped, so the 2023 national factor applies: 618 × 0.5306 tCO₂/MWh = 327.9108 tCO₂
#   standard coal: 618 000 kWh × 0.1229 kgce/kWh = 75 952.2 kgce = 75.9522 tce
ELEC_Q=618000
ELEC_T=327.9108
ELEC_TCE=75.9522
# Natural gas, 12 months in m³:
#   1200+1100+1150+1000+950+900+850+800+950+1000+1100+1250 = 12 250 m³ = 1.225 万m³
#   1.225 × 21.622 tCO₂/万m³ = 26.48695 tCO₂
#   12 250 m³ × 1.2143 kgce/m³ = 14 875.175 kgce = 14.875175 tce
NG_Q=12250
NG_T=26.48695
NG_TCE=14.875175
# Gasoline, 4 quarters in L: 2400+2300+2200+2500 = 9400 L × 0.73 kg/L = 6862 kg = 6.862 t
#   6.862 × 2.9251 tCO₂/t = 20.0720362 tCO₂      (6 × 2.9251 = 17.5506; 0.862 × 2.9251 = 2.5214362)
#   6862 kg × 1.4714 kgce/kg = 10 096.7468 kgce = 10.0967468 tce
GAS_Q=9400
GAS_T=20.0720362
GAS_TCE=10.0967468
# Diesel, annual: 0.5 t × 3.0959 tCO₂/t = 1.54795 tCO₂; 500 kg × 1.4571 kgce/kg = 728.55 kgce = 0.72855 tce
DIE_Q=0.5
DIE_T=1.54795
DIE_TCE=0.72855
# Heat, 4 quarters in GJ: 180+90+60+170 = 500 GJ × 0.11 tCO₂/GJ = 55 tCO₂
#   500 GJ = 500 000 MJ × 0.03412 kgce/MJ = 17 060 kgce = 17.06 tce
HEAT_Q=500
HEAT_T=55
HEAT_TCE=17.06
# Scope 1 = natural gas + gasoline + diesel = 26.48695 + 20.0720362 + 1.54795 = 48.1069362 tCO₂
# Scope 2 = electricity + heat = 327.9108 + 55 = 382.9108 tCO₂
# Total = 48.1069362 + 382.9108 = 431.0177362 tCO₂
# Energy = 75.9522 + 14.875175 + 10.0967468 + 0.72855 + 17.06 = 118.7126718 tce
# Intensity = 431.0177362 t × 1000 / 12 000 m² = 35.918144683 kgCO₂e/m²
# Per capita = 431.0177362 / 150 = 2.873451575 tCO₂e/person
SCOPE1=48.1069362
SCOPE2=382.9108
TOTAL=431.0177362
ENERGY=118.7126718
INTENSITY=35.918144683
PER_CAPITA=2.873451575

# expect_office SUMMARY_JSON - the summary equals the hand calculation above.
expect_office() {
    OUT=$1
    expect_json_all \
        "year" 'd["year"]' 2024 \
        "total_tco2e" 'd["total_tco2e"]' $TOTAL \
        "scope1_tco2e" 'd["scope1_tco2e"]' $SCOPE1 \
        "scope2_tco2e" 'd["scope2_tco2e"]' $SCOPE2 \
        "energy_tce" 'd["energy_tce"]' $ENERGY \
        "building_area_m2" 'd["building_area_m2"]' 12000 \
        "headcount" 'd["headcount"]' 150 \
        "intensity_kgco2e_per_m2" 'd["intensity_kgco2e_per_m2"]' $INTENSITY \
        "per_capita_tco2e" 'd["per_capita_tco2e"]' $PER_CAPITA \
        "number of sources" 'len(d["sources"])' 5 \
        "electricity tco2e" 'src("electricity")["tco2e"]' $ELEC_T \
        "electricity tce" 'src("electricity")["tce"]' $ELEC_TCE \
        "electricity quantity" 'src("electricity")["quantity"]' $ELEC_Q \
        "electricity factor (2023 national)" 'src("electricity")["factor"]' 0.5306 \
        "natural gas tco2e" 'src("natural_gas")["tco2e"]' $NG_T \
        "natural gas tce" 'src("natural_gas")["tce"]' $NG_TCE \
        "natural gas quantity" 'src("natural_gas")["quantity"]' $NG_Q \
        "natural gas factor" 'src("natural_gas")["factor"]' 21.622 \
        "gasoline tco2e" 'src("gasoline")["tco2e"]' $GAS_T \
        "gasoline tce" 'src("gasoline")["tce"]' $GAS_TCE \
        "gasoline quantity" 'src("gasoline")["quantity"]' $GAS_Q \
        "diesel tco2e" 'src("diesel")["tco2e"]' $DIE_T \
        "diesel tce" 'src("diesel")["tce"]' $DIE_TCE \
        "diesel quantity" 'src("diesel")["quantity"]' $DIE_Q \
        "heat tco2e" 'src("heat")["tco2e"]' $HEAT_T \
        "heat tce" 'src("heat")["tce"]' $HEAT_TCE \
        "heat quantity" 'src("heat")["quantity"]' $HEAT_Q \
        "scope of natural gas" 'src("natural_gas")["scope"]' 1 \
        "scope of electricity" 'src("electricity")["scope"]' 2 \
        "every source has category and factor_source" \
        'all(s["category"] and s["factor_source"] and s["factor_unit"] for s in d["sources"])' True
}

# same_numbers A B - prints the numeric fields on which two summary JSONs differ ("" = none).
same_numbers() {
    "$PY" -c '
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
diff = []
for k, v in a.items():
    if k != "sources" and isinstance(v, (int, float)) and b.get(k) != v:
        diff.append("%s: %r vs %r" % (k, v, b.get(k)))
sa = {s["id"]: s for s in a["sources"]}
sb = {s["id"]: s for s in b["sources"]}
if sorted(sa) != sorted(sb):
    diff.append("sources %s vs %s" % (sorted(sa), sorted(sb)))
for i in sa:
    for k in ("quantity", "activity", "tco2e", "tce", "factor"):
        if i in sb and sa[i][k] != sb[i][k]:
            diff.append("%s.%s: %r vs %r" % (i, k, sa[i][k], sb[i][k]))
print("; ".join(diff))
' "$1" "$2" 2>&1
}

# ---- Chinese headers: the "Done when" figure ------------------------------------------------
office_csv zh >office_zh.csv
new_office zh.tanbook
run tb import zh.tanbook office_zh.csv
expect_rc 0
expect_out_contains "33"
run tb summary zh.tanbook --json
expect_rc 0
ZH_JSON=$OUT
expect_office "$ZH_JSON"
verdict "Chinese-header CSV: summary --json equals the hand calculation within 0.01 %"

OUT=$ZH_JSON
expect_json "electricity factor_source says 2023 is used" \
    '"2023" in src("electricity")["factor_source"]' True
expect_json "natural gas factor_unit" 'src("natural_gas")["factor_unit"]' "tCO₂/万m³"
verdict "electricity 2024 uses the 2023 national factor and says so in factor_source"

run tb summary zh.tanbook
expect_rc 0
expect_out_contains "431.02"
expect_out_contains "118.71"
verdict "summary table shows the same total (431.02 tCO₂e) and energy (118.71 tce)"

# ---- English headers and ids ----------------------------------------------------------------
office_csv en >office_en.csv
new_office en.tanbook
run tb import en.tanbook office_en.csv
expect_rc 0
run tb summary en.tanbook --json
expect_rc 0
expect_office "$OUT"
expect_eq "numbers differing from the Chinese import" "$(same_numbers "$ZH_JSON" "$OUT")" ""
verdict "English headers and source ids give identical numbers"

# ---- Encodings and line ends ----------------------------------------------------------------
{ printf '\xef\xbb\xbf'; cat office_zh.csv; } >office_bom.csv
new_office bom.tanbook
run tb import bom.tanbook office_bom.csv
expect_rc 0
run tb summary bom.tanbook --json
expect_eq "numbers differing from the plain UTF-8 import" "$(same_numbers "$ZH_JSON" "$OUT")" ""
expect_json "sources" 'len(d["sources"])' 5
verdict "UTF-8 with BOM gives the same result"

if iconv -f UTF-8 -t GB18030 office_zh.csv >office_gb.csv 2>"$TMP/iconv.err"; then
    if cmp -s office_zh.csv office_gb.csv; then
        note "iconv produced an identical file: the test would prove nothing"
    fi
    new_office gb.tanbook
    run tb import gb.tanbook office_gb.csv
    expect_rc 0
    expect_out_contains "GB18030"
    run tb summary gb.tanbook --json
    expect_eq "numbers differing from the UTF-8 import" "$(same_numbers "$ZH_JSON" "$OUT")" ""
    expect_json "sources" 'len(d["sources"])' 5
else
    note "iconv -t GB18030 failed: $(cat "$TMP/iconv.err")"
fi
verdict "GB18030 (iconv -t GB18030) gives the same result"

sed 's/$/\r/' office_zh.csv >office_crlf.csv
new_office crlf.tanbook
run tb import crlf.tanbook office_crlf.csv
expect_rc 0
run tb summary crlf.tanbook --json
expect_eq "numbers differing from the LF import" "$(same_numbers "$ZH_JSON" "$OUT")" ""
verdict "CRLF line ends (as Excel saves) give the same result"

# ---- Dry run ---------------------------------------------------------------------------------
new_office dry.tanbook
state=$(wb_state dry.tanbook)
run tb import dry.tanbook office_zh.csv --dry-run
expect_rc 0
expect_out_contains "33"
expect_same "workbook" "$state" "$(wb_state dry.tanbook)"
verdict "import --dry-run accepts the file and writes nothing"

# ---- A corrected row replaces the old one ---------------------------------------------------
# 2024-03 electricity was 44 000 kWh; the corrected bill says 45 000 kWh (+1000 kWh = +1 MWh):
#   electricity 619 MWh × 0.5306 = 328.4414 tCO₂; total 431.0177362 + 0.5306 = 431.5483362 tCO₂
#   energy 118.7126718 + 1000 × 0.1229 / 1000 = 118.8355718 tce
cat >fix.csv <<'EOF'
期间,排放源,数量,单位,数据来源,排放设施名称
2024-03,外购电力,45000,kWh,电费账单（更正）,办公楼用电
EOF
run tb import zh.tanbook fix.csv
expect_rc 0
expect_out_contains "替换已有数据 1 行"
expect_out_contains "新增排放源 0 个"
run tb summary zh.tanbook --json
expect_json_approx "electricity quantity" 'src("electricity")["quantity"]' 619000
expect_json_approx "electricity tco2e" 'src("electricity")["tco2e"]' 328.4414
expect_json_approx "total_tco2e" 'd["total_tco2e"]' 431.5483362
expect_json_approx "energy_tce" 'd["energy_tce"]' 118.8355718
expect_json "sources" 'len(d["sources"])' 5
verdict "re-importing a corrected row replaces it (reported) and the totals update"

# The same period and source under another facility is a separate entry, not a replacement:
#   + 1000 kWh × 0.5306 / 1000 = 0.5306 tCO₂ → electricity 620 MWh × 0.5306 = 328.972 tCO₂
cat >annex.csv <<'EOF'
period,source,quantity,unit,data_source,facility
2024-03,electricity,1000,kWh,电费账单,附楼用电
EOF
run tb import zh.tanbook annex.csv
expect_rc 0
expect_out_contains "替换已有数据 0 行"
run tb summary zh.tanbook --json
expect_json_approx "electricity quantity" 'src("electricity")["quantity"]' 620000
expect_json_approx "electricity tco2e" 'src("electricity")["tco2e"]' 328.972
verdict "the same period and source under another facility adds to the source, replaces nothing"

# ---- A source not yet in the inventory is added ------------------------------------------------
# LPG for the canteen, annual 0.2 t: 0.2 × 3.1013 = 0.62026 tCO₂; 200 kg × 1.7143 kgce/kg = 0.34286 tce
#   total 431.0177362 + 0.62026 = 431.6379962 tCO₂; scope 1: 48.1069362 + 0.62026 = 48.7271962
cat >lpg.csv <<'EOF'
期间,排放源,数量,单位,数据来源,排放设施名称
2024,液化石油气,0.2,t,采购发票,食堂备用灶
EOF
run tb import en.tanbook lpg.csv
expect_rc 0
expect_out_contains "新增排放源 1 个"
run tb summary en.tanbook --json
expect_json "sources" 'len(d["sources"])' 6
expect_json "LPG listed" 'src("lpg")["source"]' "液化石油气"
expect_json_approx "LPG tco2e" 'src("lpg")["tco2e"]' 0.62026
expect_json_approx "LPG tce" 'src("lpg")["tce"]' 0.34286
expect_json_approx "LPG factor" 'src("lpg")["factor"]' 3.1013
expect_json_approx "total_tco2e" 'd["total_tco2e"]' 431.6379962
expect_json_approx "scope1_tco2e" 'd["scope1_tco2e"]' 48.7271962
verdict "a source not yet in the inventory (液化石油气) is added and counted"

# ---- Aliases and other units ----------------------------------------------------------------
# 电力 in 万kWh, 天然气 in 万m3, 汽油 in kg, 热力 in MJ, all annual, into a fresh workbook:
#   电力 1.5 万kWh = 15 MWh × 0.5306 = 7.959 tCO₂
#   天然气 0.3 万m³ × 21.622 = 6.4866 tCO₂
#   汽油 800 kg = 0.8 t × 2.9251 = 2.34008 tCO₂
#   热力 20 000 MJ = 20 GJ × 0.11 = 2.2 tCO₂
#   total 7.959 + 6.4866 + 2.34008 + 2.2 = 18.98568 tCO₂
cat >units.csv <<'EOF'
期间,排放源,数量,单位
2024,电力,1.5,万kWh
2024,天然气,0.3,万m3
2024,汽油,800,kg
2024,热力,20000,MJ
EOF
new_office units.tanbook
run tb import units.tanbook units.csv
expect_rc 0
run tb summary units.tanbook --json
expect_json_approx "electricity tco2e" 'src("electricity")["tco2e"]' 7.959
expect_json_approx "natural gas tco2e" 'src("natural_gas")["tco2e"]' 6.4866
expect_json_approx "gasoline tco2e" 'src("gasoline")["tco2e"]' 2.34008
expect_json_approx "heat tco2e" 'src("heat")["tco2e"]' 2.2
expect_json_approx "total_tco2e" 'd["total_tco2e"]' 18.98568
verdict "aliases (电力, 热力) and units 万kWh, 万m3, kg, MJ convert correctly"

# ---- Rows of a year the workbook does not have yet -------------------------------------------
cat >y2025.csv <<'EOF'
period,source,quantity,unit,data_source
2025-01,electricity,10000,kWh,电费账单
EOF
run tb import units.tanbook y2025.csv --add-years
expect_rc 0
run tb summary units.tanbook --json
expect_json "latest year" 'd["year"]' 2025
expect_json_approx "2025 electricity (10 MWh × 0.5306)" 'src("electricity")["tco2e"]' 5.306
run tb summary units.tanbook --json --year 2024
expect_json_approx "2024 total unchanged" 'd["total_tco2e"]' 18.98568
verdict "a row for a year not yet in the workbook adds that year with --add-years"

done_testing
