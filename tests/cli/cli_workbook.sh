#!/bin/bash
# cli_workbook.sh - workbook-level errors: a file that is not a workbook (text, a foreign SQLite
# database), a missing file, a workbook locked by another process (tanbook waits, then says so;
# after the lock is released the same command works) and a workbook from a newer tanbook. Each
# exits 3 with a message and leaves the file unchanged.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

printf '%s\n%s\n' 'period,source,quantity,unit,data_source' '2024-01,electricity,1000,kWh,电费账单' >one.csv

# refused_3 NAME FILE REGEX CMD... - the tanbook command CMD on FILE exits 3, stderr matches
# REGEX, FILE (and its -wal) are byte-identical afterwards and no -wal/-shm is left behind.
refused_3() {
    local name=$1 f=$2 re=$3 before
    shift 3
    before=$(checksum "$f")
    run tb "$@"
    expect_rc 3
    expect_err_line "$re"
    expect_same "$f" "$before" "$(checksum "$f")"
    [ -e "$f-shm" ] && note "$f-shm left behind"
    verdict "$name"
}

# ---- a text file -------------------------------------------------------------------------------
printf '单位名称,某单位\n这不是工作簿\n' >notes.tanbook
for cmd in summary check; do
    refused_3 "$cmd on a text file exits 3 saying it is not a workbook" notes.tanbook \
        '不是碳账本工作簿' "$cmd" notes.tanbook
done
refused_3 "set on a text file exits 3 and leaves it unchanged" notes.tanbook \
    '不是碳账本工作簿' set notes.tanbook --area 100
refused_3 "import into a text file exits 3 and leaves it unchanged" notes.tanbook \
    '不是碳账本工作簿' import notes.tanbook one.csv
refused_3 "demo --force refuses to overwrite a text file" notes.tanbook \
    '不是碳账本工作簿' demo notes.tanbook --force

# ---- a foreign SQLite database -------------------------------------------------------------------
"$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
c.execute("INSERT INTO contacts VALUES (?, ?)", ("张三", "0571-1234567"))
c.commit()
c.close()
' other.db
for cmd in summary check; do
    refused_3 "$cmd on a foreign SQLite database exits 3 saying it is not a workbook" other.db \
        '不是碳账本工作簿' "$cmd" other.db
done
refused_3 "set on a foreign SQLite database exits 3 and leaves it unchanged" other.db \
    '不是碳账本工作簿' set other.db --area 100
refused_3 "import into a foreign SQLite database exits 3 and leaves it unchanged" other.db \
    '不是碳账本工作簿' import other.db one.csv
run "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA journal_mode").fetchone()[0], c.execute("SELECT name FROM sqlite_master").fetchall())
' other.db
expect_eq "foreign database after the refused commands" "$OUT" "delete [('contacts',)]"
verdict "the foreign database keeps its journal mode and gains no tables"

# ---- a missing file --------------------------------------------------------------------------------
for cmd in summary check; do
    refused_3 "$cmd on a missing file exits 3 naming it" missing.tanbook 'missing\.tanbook' \
        "$cmd" missing.tanbook
done
refused_3 "set on a missing file exits 3 and does not create it" missing.tanbook \
    'missing\.tanbook' set missing.tanbook --area 100
refused_3 "import into a missing file exits 3 and does not create it" missing.tanbook \
    'missing\.tanbook' import missing.tanbook one.csv
expect_no_file missing.tanbook
verdict "no file was created by the commands on a missing workbook"

mkdir adir.tanbook
run tb summary adir.tanbook
expect_rc 3
expect_err_nonempty
verdict "summary on a directory exits 3 with a message"

# ---- a workbook locked by another process ------------------------------------------------------------
WB=$TMP/locked.tanbook
new_wb "$WB" --unit 某单位 --year 2024 --area 500 --headcount 10
import_ok "$WB" one.csv
verdict "setup: a workbook to lock"

# Holds BEGIN IMMEDIATE (the write lock) on the workbook until the file "release" appears (at most
# 20 s), with the marker file "held" telling the lock is taken.
"$PY" -c '
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open("held", "w").close()
end = time.time() + 20
while not os.path.exists("release") and time.time() < end:
    time.sleep(0.02)
c.execute("ROLLBACK")
c.close()
' "$WB" &
HOLDER=$!
T_PIDS+=("$HOLDER")
for _ in $(seq 250); do
    [ -e held ] && break
    kill -0 "$HOLDER" 2>/dev/null || break
    sleep 0.02
done
if [ ! -e held ]; then
    note "the python lock holder did not take the lock"
fi
verdict "setup: another process holds the workbook's write lock"

state_sums=$(checksum "$WB")
t0=$(date +%s%N)
run env TANBOOK_BUSY_TIMEOUT_MS=300 "$TB" set "$WB" --area 1
t1=$(date +%s%N)
waited=$(((t1 - t0) / 1000000))
expect_rc 3
expect_err_contains "占用"
[ "$waited" -ge 250 ] || note "returned after ${waited} ms: it did not wait for the lock (300 ms)"
[ "$waited" -le 4000 ] || note "took ${waited} ms: TANBOOK_BUSY_TIMEOUT_MS=300 not honoured"
expect_same "workbook" "$state_sums" "$(checksum "$WB")"
verdict "set on a locked workbook waits (~300 ms), then exits 3 with a message containing 占用"

run env TANBOOK_BUSY_TIMEOUT_MS=300 "$TB" import "$WB" one.csv
expect_rc 3
expect_err_contains "占用"
expect_same "workbook" "$state_sums" "$(checksum "$WB")"
verdict "import into a locked workbook exits 3 with a message containing 占用"

run env TANBOOK_BUSY_TIMEOUT_MS=300 "$TB" summary "$WB" --json
expect_rc 0
expect_json_approx "area while locked" 'd["building_area_m2"]' 500
verdict "summary still reads a workbook another process is writing (WAL)"

touch release
wait "$HOLDER"
run env TANBOOK_BUSY_TIMEOUT_MS=300 "$TB" set "$WB" --area 1
expect_rc 0
run tb summary "$WB" --json
expect_json_approx "area after the lock is released" 'd["building_area_m2"]' 1
verdict "after the other process releases the lock, the same set command succeeds"

# ---- a workbook from a newer tanbook -------------------------------------------------------------------
NEWER=$TMP/newer.tanbook
new_wb "$NEWER" --unit 某单位 --year 2024
"$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
v = c.execute("PRAGMA user_version").fetchone()[0]
c.execute("PRAGMA user_version = %d" % (v + 7))
c.commit()
c.close()
' "$NEWER"
for cmd in summary check; do
    refused_3 "$cmd on a workbook of a newer format version exits 3 asking for a newer tanbook" \
        "$NEWER" '版本.*(升级|更新)' "$cmd" "$NEWER"
done
refused_3 "set on a newer-version workbook exits 3 and leaves it unchanged" "$NEWER" '版本' \
    set "$NEWER" --area 100
refused_3 "import into a newer-version workbook exits 3 and leaves it unchanged" "$NEWER" '版本' \
    import "$NEWER" one.csv

# ---- a workbook of an older format version opens and is migrated ------------------------------------
FIXTURE=$T_DIR/../fixtures/workbook-v1.sql
if [ -f "$FIXTURE" ]; then
    "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())
c.commit()
c.close()
' "$TMP/old.tanbook" "$FIXTURE"
    run tb summary "$TMP/old.tanbook" --json
    expect_rc 0
    # the fixture: 500 000 kWh in 2022 with the pinned 2022 national factor 0.5366 tCO₂/MWh
    #   500 MWh × 0.5366 = 268.3 tCO₂; 500 000 kWh × 0.1229 kgce/kWh = 61.45 tce; 268.3 t × 1000 / 8000 m² = 33.5375
    expect_json "unit" 'd["unit"]' "旧版本示例学校"
    expect_json "year" 'd["year"]' 2022
    expect_json_approx "total_tco2e" 'd["total_tco2e"]' 268.3
    expect_json_approx "energy_tce" 'd["energy_tce"]' 61.45
    expect_json_approx "intensity" 'd["intensity_kgco2e_per_m2"]' 33.5375
    run tb set "$TMP/old.tanbook" --headcount 40
    expect_rc 0
    run "$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA user_version").fetchone()[0] > 1,
      c.execute("SELECT count(*) FROM edit_log").fetchone()[0] > 0)
' "$TMP/old.tanbook"
    expect_eq "migrated (user_version > 1) and the edit is logged" "$OUT" "True True"
    verdict "a version-1 workbook (tests/fixtures/workbook-v1.sql) opens, is migrated and takes edits"
else
    ok "# SKIP tests/fixtures/workbook-v1.sql not present"
fi

done_testing
