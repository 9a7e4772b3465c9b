#!/bin/bash
# cli_readonly.sh - summary, check and export open a workbook read-only: they never write it,
# never migrate it, leave nothing beside it, and read it in a directory they may not write (a
# regional office reading submitted files from a read-only share). Run as root, the commands run
# as nobody (setpriv), since root may write any directory.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

if [ "$(id -u)" = 0 ]; then
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod 755 "$TMP"
    mkdir -p bin && cp "$TB" bin/tanbook && chmod 755 bin bin/tanbook
    RTB=$TMP/bin/tanbook
else
    AS=()
    RTB=$TB
fi
# rtb ARGS... - the tanbook under test, as the reader (nobody when the tests run as root).
rtb() {
    ${AS[@]+"${AS[@]}"} "$RTB" "$@"
}

mkdir -p share out
chmod 777 out
tb demo share/demo.tanbook >/dev/null || note "setup: demo failed"
"$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())
c.commit()
c.close()
' share/old.tanbook "$T_DIR/../fixtures/workbook-v1.sql" || note "setup: v1 fixture failed"
want=$(tb summary share/demo.tanbook --json)
before=$(checksum share/demo.tanbook; checksum share/old.tanbook)
chmod 444 share/*.tanbook
chmod 555 share
listing=$(ls -a share)

run rtb summary share/demo.tanbook --json
expect_rc 0
expect_eq "summary --json as in a writable directory" "$OUT" "$want"
verdict "summary reads a workbook in a read-only directory"

run rtb check share/demo.tanbook
expect_rc 0
expect_out_contains "共 0 个错误"
verdict "check reads a workbook in a read-only directory"

run rtb export share/demo.tanbook --year 2023 -o out/demo-2023.xlsx
expect_rc 0
expect_file_exists out/demo-2023.xlsx
verdict "export reads a workbook in a read-only directory and writes elsewhere"

# the fixture: 500 000 kWh in 2022 × the pinned 2022 national factor 0.5366 tCO₂/MWh = 268.3 tCO₂
run rtb summary share/old.tanbook --json
expect_rc 0
expect_json_approx "total_tco2e" 'd["total_tco2e"]' 268.3
run "$PY" -c '
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(c.execute("PRAGMA user_version").fetchone()[0])
' share/old.tanbook
expect_eq "user_version of the version-1 workbook" "$OUT" 1
verdict "a version-1 workbook is read as it is, not migrated"

run rtb set share/demo.tanbook --area 1
expect_rc 3
verdict "set on a workbook it may not write exits 3"

expect_eq "the read-only directory's files" "$(ls -a share)" "$listing"
expect_same "the workbooks" "$before" "$(checksum share/demo.tanbook; checksum share/old.tanbook)"
verdict "nothing was written to the read-only directory, and the workbooks are byte for byte the same"

# In a writable directory too, a reading command leaves no -wal or -shm behind.
chmod 755 share
chmod 644 share/*.tanbook
run tb summary share/demo.tanbook --json
run tb check share/demo.tanbook
run tb export share/demo.tanbook -o out/demo.xlsx
expect_eq "files beside the workbooks" "$(ls share)" "$(printf 'demo.tanbook\nold.tanbook')"
expect_same "the workbooks" "$before" "$(checksum share/demo.tanbook; checksum share/old.tanbook)"
verdict "summary, check and export leave a workbook and its directory as they found them"

done_testing
