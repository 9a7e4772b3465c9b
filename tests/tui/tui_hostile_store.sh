#!/bin/bash
# tui_hostile_store.sh - the terminal workbook refuses a workbook another program changed, as the
# command line does (tests/cli/cli_hostile_store.sh has every kind): a foreign trigger on opening,
# an impossible number on loading the year or the plan (its targets, its offsets) - exit 3, the reason on the terminal, the file as it
# was; never an empty year on screen to type into.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

# said TEXT - the dead pane, with what scrolled off it, shows TEXT (a fixed string; the message
# is printed after the terminal is restored, at its last line).
said() {
    tt capture-pane -p -J -S -100 -t "$TT_TGT" | grep -qF -- "$1" \
        || note "the terminal never showed [$1]; it shows:"$'\n'"$(tt capture-pane -p -J -S -100 -t "$TT_TGT")"
}

# hostile FILE SQL - the demo workbook with SQL run on it by another program.
hostile() {
    tb demo "$1" >/dev/null && "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(sys.argv[2])
c.commit()
c.close()
' "$1" "$2"
}

hostile t.tanbook "CREATE TRIGGER t1 AFTER UPDATE ON year_info BEGIN DELETE FROM activity; END" \
    || note "setup: the trigger workbook"
before=$(checksum t.tanbook)
tt_start 100 30 "$TMP/t.tanbook"
expect_eq "exit code" "$(tt_wait_exit 5)" 3
said '工作簿含有不属于碳账本的触发器 t1'
expect_same "the workbook" "$before" "$(checksum t.tanbook)"
verdict "a workbook with a foreign trigger is refused on opening: exit 3, the reason, unchanged"

# 2024 (the year it opens on) with a natural-gas factor of inf
hostile v.tanbook "UPDATE factors SET value = 1e999 WHERE year = 2024 AND source = 'natural_gas'" \
    || note "setup: the inf workbook"
before=$(checksum v.tanbook)
tt_start 100 30 "$TMP/v.tanbook"
expect_eq "exit code" "$(tt_wait_exit 5)" 3
said '天然气 的排放因子 inf 不在 0 到 1000000 之间'
tt_screen | grep -qF '表A.1' && note "the year was shown"
expect_same "the workbook" "$before" "$(checksum v.tanbook)"
verdict "a workbook with an infinite factor is refused before the screen: exit 3, the reason, unchanged"

# the plan (format version 6): a target no tanbook writes
hostile p.tanbook "INSERT INTO target (parameter, target_year, kind, value, position) VALUES ('total', 2025, 0, 1e308, 1)" \
    || note "setup: the plan workbook"
before=$(checksum p.tanbook)
tt_start 100 30 "$TMP/p.tanbook"
expect_eq "exit code" "$(tt_wait_exit 5)" 3
said '工作簿的目标（第 1 行）含有碳账本不会写入的值'
tt_screen | grep -qF '表A.1' && note "the year was shown"
expect_same "the workbook" "$before" "$(checksum p.tanbook)"
verdict "a workbook with a target of 1e308 is refused before the screen: exit 3, the reason, unchanged"

# the claims (format version 7): an offset of an infinite quantity, which N.2 would show and N.3 add up
hostile o.tanbook "INSERT INTO offset_claim (id, year, type, project, serial, registered, vintage, quantity_tco2e, quantity_mwh, cancelled, proof, used_elsewhere, registry, location, area_ha, species, period, disclosure, evidence, evidence_file, evidence_sha256, note, position) VALUES (100, 2024, 'ccer', '', 'X', '', 0, 1e999, 0, '', '', 0, '', '', 0, '', '', '', '', '', '', '', 1)" \
    || note "setup: the offset workbook"
before=$(checksum o.tanbook)
tt_start 100 30 "$TMP/o.tanbook"
expect_eq "exit code" "$(tt_wait_exit 5)" 3
said '工作簿的碳抵消记录（第 100 行）含有碳账本不会写入的值（数量（tCO₂e）不正确）'
tt_screen | grep -qF '表A.1' && note "the year was shown"
expect_same "the workbook" "$before" "$(checksum o.tanbook)"
verdict "a workbook with an offset of inf tCO₂e is refused before the screen: exit 3, the reason, unchanged"

done_testing
