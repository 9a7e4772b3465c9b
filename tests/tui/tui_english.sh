#!/bin/bash
# tui_english.sh - under --lang en every text the terminal workbook shows is English: a workbook
# whose own data is ASCII (made with new, set and import) is walked at 80×24 and 160×45 through
# every step, the help, a refused value, undo messages, F2's settings, the Ins source picker and
# the F3 and F5 prompts, and no screen may show a CJK character or full-width punctuation. The
# standard's Chinese unit symbols and grid areas are shown in English (万m³ → 10⁴m³, 人 → persons,
# 全国 → National), and A.3 tells purchased electricity from purchased heat.
#
# Hand calculation for the undo line: natural gas January is imported as 0.12 万m³; typing 0.15
# over it and pressing Ctrl-Z undoes "0.12 10⁴m³ → 0.15 10⁴m³".
. "$(dirname "$0")/lib.sh"

WB="$TMP/english.tanbook"
tb new "$WB" --unit "Test County Education Bureau" --year 2024 --area 8000 --headcount 120 \
    >/dev/null 2>&1 || note "setup: new failed"
tb set "$WB" --uscc 91350100M000100Y43 --address "1 Main Road" --contact Wang --phone 0571-1234 --region Zhejiang \
    >/dev/null 2>&1 || note "setup: set failed"
{
    echo "period,source,quantity,unit,data_source,facility,location,note"
    m=0
    for v in 52000 46000 44000 41000 45000 580000 69000 71000 55000 44000 43000 50000; do
        m=$((m + 1))
        printf '2024-%02d,electricity,%s,kWh,bill,office,main building,\n' "$m" "$v"
    done
    m=0
    for v in 0.12 0.11 0.11 0.10 0.09 0.09 0.08 0.08 0.09 0.10 0.11 0.12; do
        m=$((m + 1))
        printf '2024-%02d,natural_gas,%s,万m3,gas bill,stove,canteen,\n' "$m" "$v"
    done
    for q in 1 2 3 4; do
        echo "2024-Q$q,heat,90,GJ,heat bill,hot water,main building,"
        echo "2024-Q$q,gasoline,2400,L,fuel card,car,garage,"
    done
    echo "2024,r_410a,5,kg,service record,air conditioner,roof,"
} >"$TMP/data.csv"
tb import "$WB" "$TMP/data.csv" >/dev/null 2>&1 || note "setup: import failed"

# no_cjk WHAT - notes every screen line with a CJK character or full-width punctuation.
no_cjk() {
    local bad
    bad=$(tt_screen | "$PY" -c '
import re, sys
cjk = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
for i, line in enumerate(sys.stdin.read().splitlines()):
    if cjk.search(line):
        print("  %2d: %s" % (i, line.rstrip()))
')
    [ -z "$bad" ] || note "$WHERE $1 shows Chinese:"$'\n'"$bad"
}

# start - a fresh copy of the workbook at the current size, on table A.1.
start() {
    cp "$WB" "$TMP/run.tanbook"
    tt_start "$COLS" "$ROWS" "$TMP/run.tanbook" --lang en
    tt_wait 'Table A.1 Basic information'
}

# the screen line that contains TEXT (the first), or nothing.
screen_line() { tt_screen | grep -F -m1 -- "$1"; }

walk() {
    WHERE="${COLS}x$ROWS:"
    start
    no_cjk "A.1"
    tt_wait 'Energy users           120'
    expect_out_line_of 'Energy users' 'persons'
    for title in 'Table A.3 Emission sources' 'Table A.5 Activity data' 'Table A.6 Emission factors' \
                 'Table A.2 Energy use' 'Table A.4 Emission summary' 'P.1 Carbon performance' \
                 'P.2 Carbon targets' 'P.3 Measures plan' 'N.1 Renewables and green power' \
                 'N.2 Offsets' 'N.3 Carbon neutrality' 'N.4 Carbon-neutrality plan and statement' \
                 'E.1 Zero-carbon office evaluation' 'E.2 Carbon-management maturity evaluation' \
                 'Export the Excel report'; do
        tt_keys NPage
        tt_wait "$title"
        no_cjk "$title"
        case $title in
        *A.3*)
            # the source column names each purchased energy on its own, in full
            expect_out_line_of 'office' 'Electricity '
            expect_out_line_of 'hot water' 'Heat '
            tt_screen | grep -q 'Purchased…' && note "$WHERE A.3 still cuts a source to Purchased…"
            tt_wait 'Source'
            ;;
        *A.5*)
            expect_out_line_of 'Natural gas (stove)' '10⁴m³'
            ;;
        *A.6*)
            tt_wait 'National'
            expect_out_line_of 'Natural gas' 'tCO₂/10⁴m³'
            ;;
        esac
    done
    verdict "$WHERE every step is English; 10⁴m³, persons, National; A.3 shows Electricity and Heat"

    tt_keys F1
    tt_wait 'tanbook - keys'
    no_cjk "help"
    tt_keys NPage NPage NPage NPage NPage
    if [ "$ROWS" -lt 40 ]; then
        tt_wait '↑ more above'
        no_cjk "help, last page"
    fi
    tt_keys Escape
    tt_wait_gone 'tanbook - keys'      # the help's F5 line reads as the export step's title
    tt_wait 'Export the Excel report'
    verdict "$WHERE the F1 help is English"

    # A refused value says why in English and keeps the editor open; A.1's fourth row is the
    # building floor area (after the name, the code and the address).
    tt_keys PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage
    tt_wait 'Table A.1 Basic information'
    tt_keys Down Down Down
    tt_wait 'Floor area in use this year'   # the focus is on it before typing
    tt_type 'abc'
    tt_keys Enter
    tt_wait 'Building floor area: “abc” is not a number'
    no_cjk "A.1 refusing abc"
    tt_keys C-u
    tt_type '-5'
    tt_keys Enter
    tt_wait 'Building floor area cannot be negative'
    tt_keys Escape
    tt_keys NPage NPage
    tt_wait 'Table A.5 Activity data'
    tt_type 'abc'               # into January of the first row, where A.5 starts
    tt_keys Enter
    tt_wait 'Quantity: “abc” is not a number'
    no_cjk "A.5 refusing abc"
    tt_keys Escape
    verdict "$WHERE a refused value says why in English"

    # Undo messages: an A.1 value, an A.5 value with its Chinese unit shown in English.
    tt_keys PPage PPage
    tt_wait 'Table A.1 Basic information'
    tt_keys Down Down Down
    tt_type '9000'
    tt_keys Enter
    tt_wait 'Saved “Building floor area”'
    tt_keys C-z
    tt_wait 'Undone: Building floor area: 8000 → 9000'
    no_cjk "undo on A.1"
    tt_keys NPage NPage Down       # natural gas, January
    tt_wait 'Table A.5 Activity data'
    tt_type '0.15'
    tt_keys Enter
    tt_wait '0.15'
    tt_keys C-z
    tt_wait 'Undone: Natural gas (stove) 2024-01: 0.12 10⁴m³ → 0.15 10⁴m³'
    no_cjk "undo on A.5"
    verdict "$WHERE undo messages are English, with 10⁴m³ for 万m³"

    # The Ins source picker, every page of it.
    tt_keys IC
    tt_wait 'Natural gas'
    no_cjk "Ins source picker"
    tt_keys NPage
    tt_wait 'Heat'
    no_cjk "Ins source picker, last page"
    tt_keys Escape
    verdict "$WHERE the Ins source picker is English"

    # F2 on A.6: the settings list, with the grid areas in English; choosing East China and undoing.
    tt_keys NPage
    tt_wait 'Table A.6 Emission factors'
    tt_keys F2
    tt_wait 'National'
    no_cjk "F2 settings"
    tt_keys NPage
    no_cjk "F2 settings, page 2"
    tt_keys NPage NPage NPage
    tt_wait 'GWP'
    no_cjk "F2 settings, last page"
    tt_keys Escape
    tt_keys F2
    tt_wait 'National'
    tt_type 'factor: East'      # not Northeast China
    tt_wait 'East China (regional)'
    tt_keys Enter
    tt_wait 'East China'
    no_cjk "A.6 after choosing East China"
    tt_keys C-z
    tt_wait 'Undone: Year 2024 grid area: National → East China'
    no_cjk "undo of the grid area"
    verdict "$WHERE F2 lists grid areas in English; its undo names National → East China"

    tt_keys F3
    tt_wait '2024 ← now'
    no_cjk "F3 year list"
    tt_keys Up Enter
    tt_wait 'Add year: 2025'
    no_cjk "F3 add year"
    tt_keys C-u
    tt_type 'abc'
    tt_keys Enter
    tt_wait '“abc” is not a valid year'
    no_cjk "F3 refusing abc"
    tt_keys Escape
    tt_keys F5
    tt_wait 'Export to:'
    no_cjk "F5 export prompt"
    tt_keys Escape
    verdict "$WHERE the F3 and F5 prompts are English"
    tt_stop
}

# expect_out_line_of ANCHOR TEXT - the screen line with ANCHOR also shows TEXT.
expect_out_line_of() {
    local line
    line=$(screen_line "$1")
    case $line in
    *"$2"*) ;;
    *) note "$WHERE the line with [$1] lacks [$2]: [$line]" ;;
    esac
}

COLS=80 ROWS=24 walk
COLS=160 ROWS=45 walk
done_testing
