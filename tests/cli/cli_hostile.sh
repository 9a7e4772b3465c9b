#!/bin/bash
# cli_hostile.sh - the hostile-file table: each row builds one bad workbook file (from a good
# workbook or from bytes), runs a command on it and expects an exit code, a message fragment on
# stderr and - when the last column says so - a workbook directory left exactly as it was: no
# file changed, created or removed (the file, its -wal/-shm/-journal, an export's .xlsx). Every
# command runs under `timeout`, so a file that makes tanbook hang (a FIFO) fails instead of
# stopping the suite.
#
# A row: name | build | command | exit | message | same
#   build    shell run in a fresh directory: "$F" is the file to make, "$GOOD" a good workbook
#            (2024, area 500, one month of electricity), "$CSV" a good one-row CSV; helpers:
#            bytes N SEED (N pseudo-random bytes), sql_edit FILE SQL (python's sqlite3),
#            lock_writer FILE (another program holds the write lock until the row ends)
#   command  ALL, OPENING, or shell with tbt (tanbook under `timeout`), "$F" and unit_is FILE
#            NAME (summary --json names that unit). OPENING is one case per command of
#            OPENING_CMDS (reading, checking, setting, importing, exporting), ALL adds demo --force
#   exit     the exit code expected (124 is `timeout`'s: a hang)
#   message  a fixed string stderr must contain ('-': none is checked)
#   same     yes: the directory of "$F" must be unchanged by the command
# To add a kind, add a line. No field may contain '|'; a line starting with # is left out.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

HOSTILE_TABLE=$(cat <<'TABLE'
truncated to half          | cp "$GOOD" "$F"; truncate -s 40960 "$F"                | ALL | 3 | 工作簿文件已损坏 | yes
truncated to its header    | head -c 100 "$GOOD" >"$F"                              | ALL | 3 | 工作簿文件已损坏 | yes
truncated to one page      | head -c 4096 "$GOOD" >"$F"                             | ALL | 3 | 工作簿文件已损坏 | yes
zero bytes                 | : >"$F"                                                | ALL | 3 | 不是碳账本工作簿 | yes
random bytes               | bytes 8192 1 >"$F"                                     | ALL | 3 | 不是 SQLite 数据库文件 | yes
SQLite header, junk pages  | cp "$GOOD" "$F"; bytes 8000 2 >j; dd if=j of="$F" bs=1 seek=1000 conv=notrunc status=none; rm j | ALL | 3 | 工作簿文件已损坏 | yes
a text file                | printf '单位名称,某单位\n这不是工作簿\n' >"$F"          | ALL | 3 | 不是碳账本工作簿 | yes
a zip file (an .xlsx)      | printf 'PK\003\004\024\000junk' >"$F"                    | ALL | 3 | 不是 SQLite 数据库文件 | yes
a newer format version     | cp "$GOOD" "$F"; sql_edit "$F" 'PRAGMA user_version = 99' | ALL | 3 | 高于本程序支持的版本 | yes
a non-tanbook SQLite file  | sql_edit "$F" 'CREATE TABLE contacts (name TEXT, phone TEXT)' | ALL | 3 | 不是碳账本工作簿 | yes
a directory                | mkdir "$F"                                             | ALL | 3 | 不是普通文件 | yes
a FIFO (must not hang)     | mkfifo "$F"                                            | ALL | 3 | 不是普通文件 | yes
a missing file             | :                                                      | OPENING | 3 | 找不到工作簿文件 | yes
a WAL file without the db  | wal_only "$F"                                          | OPENING | 3 | 找不到工作簿文件 | yes
a WAL file without the db: new makes a clean workbook | wal_only "$F" | tbt new "$F" --unit 甲单位 --year 2024 && unit_is "$F" 甲单位 | 0 | - | no
a WAL file without the db: demo makes a clean demo | wal_only "$F" | tbt demo "$F" && unit_is "$F" 示例县机关事务服务中心 | 0 | - | no
a symlink loop             | ln -s "$F" "$F"                                        | OPENING | 3 | 找不到工作簿文件 | yes
a dangling symlink         | ln -s nowhere.tanbook "$F"                             | OPENING | 3 | 找不到工作簿文件 | yes
locked by another writer: set    | cp "$GOOD" "$F"; lock_writer "$F"  | TANBOOK_BUSY_TIMEOUT_MS=300 tbt set "$F" --area 1 | 3 | 占用 | yes
locked by another writer: import | cp "$GOOD" "$F"; lock_writer "$F"  | TANBOOK_BUSY_TIMEOUT_MS=300 tbt import "$F" "$CSV" | 3 | 占用 | yes
locked by another writer: summary reads it | cp "$GOOD" "$F"; lock_writer "$F" | TANBOOK_BUSY_TIMEOUT_MS=300 tbt summary "$F" --json | 0 | - | yes
locked by another writer: export reads it | cp "$GOOD" "$F"; lock_writer "$F" | TANBOOK_BUSY_TIMEOUT_MS=300 tbt export "$F" -o out.xlsx | 0 | - | no
a symlink loop: demo --force keeps it | ln -s "$F" "$F" | tbt demo "$F" --force | 3 | 符号链接 | yes
locked by another writer: demo --force waits, then refuses | cp "$GOOD" "$F"; lock_writer "$F" | TANBOOK_BUSY_TIMEOUT_MS=300 tbt demo "$F" --force | 3 | 占用 | yes
TABLE
)

# The commands a row's OPENING stands for (each needs a workbook there), "$F" the file; out.xlsx
# lands beside it, so a failed export that leaves a file (or a hidden .out.xlsx.tmp-*) makes the
# directory differ. ALL is OPENING and demo --force (which replaces only a workbook).
OPENING_CMDS=(
    'tbt summary "$F" --json'
    'tbt check "$F"'
    'tbt set "$F" --area 1'
    'tbt import "$F" "$CSV"'
    'tbt export "$F" -o "$(dirname "$F")/out.xlsx"'
)
ALL_CMDS=("${OPENING_CMDS[@]}" 'tbt demo "$F" --force')

# tbt ARGS... - tanbook under a 20 s timeout (exit 124 when it hangs), stdin from /dev/null.
tbt() {
    timeout 20 "$TB" "$@" </dev/null
}

# bytes N SEED - N pseudo-random bytes, the same for the same SEED.
bytes() {
    "$PY" -c 'import random, sys; r = random.Random(int(sys.argv[2]))
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(int(sys.argv[1]))))' "$1" "$2"
}

# unit_is FILE NAME - summary --json of FILE exits 0 and names the unit NAME.
unit_is() {
    local got
    got=$(tbt summary "$1" --json) || return 1
    [ "$(json 'd["unit"]' "$got")" = "$2" ] || { echo "unit is $(json 'd["unit"]' "$got"), not $2" >&2; return 1; }
}

# sql_edit FILE SQL - runs SQL on FILE with python's sqlite3 (creating it when missing).
sql_edit() {
    "$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2])
c.commit(); c.close()' "$1" "$2"
}

# wal_only FILE - leaves FILE-wal holding an uncommitted-to-the-db change of a workbook, and no
# FILE: the -wal of a workbook whose main file was lost (or not copied along).
wal_only() {
    cp "$GOOD" "$1"
    "$PY" -c '
import os, shutil, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("UPDATE unit_info SET value = ? WHERE key = ?", ("改过的单位", "unit_name"))
c.commit()
shutil.copy(sys.argv[1] + "-wal", sys.argv[1] + ".keep")
os._exit(0)        # no close: a close would checkpoint the -wal into the file
' "$1"
    rm -f "$1" "$1-shm"
    mv "$1.keep" "$1-wal"
}

HOLDER=''
# lock_writer FILE - another program takes FILE's write lock (BEGIN IMMEDIATE) and keeps it until
# the row ends (release_writer).
lock_writer() {
    local dir
    dir=$(dirname "$1")
    "$PY" -c '
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2] + "/../held", "w").close()
end = time.time() + 30
while not os.path.exists(sys.argv[2] + "/../release") and time.time() < end:
    time.sleep(0.02)
c.execute("ROLLBACK")
c.close()
' "$1" "$dir" &
    HOLDER=$!
    T_PIDS+=("$HOLDER")
    _poll 10 test -e "$dir/../held" || note "setup: the lock holder did not take the lock"
}

release_writer() {
    [ -n "$HOLDER" ] || return 0
    touch "$ROWDIR/release"
    wait "$HOLDER"
    HOLDER=''
}

# _poll SECONDS CMD... - runs CMD every 20 ms until it succeeds (0) or SECONDS pass (1).
_poll() {
    local n=$(($1 * 50))
    shift
    while [ "$n" -gt 0 ]; do
        "$@" && return 0
        sleep 0.02
        n=$((n - 1))
    done
    return 1
}

# dir_state DIR - every entry of DIR with its type, and a checksum of each regular file (a FIFO
# or a directory is listed, never read; a -shm is SQLite's index of the -wal, which every reader
# writes to, so only its presence counts).
dir_state() {
    local e
    (cd "$1" && find . -mindepth 1 -printf '%y %p\n' | sort) | while read -r t e; do
        if [ "$t" = f ] && [ "${e%-shm}" = "$e" ]; then
            echo "$t $e $(sha256sum <"$1/$e" | cut -d' ' -f1)"
        else
            echo "$t $e"
        fi
    done
}

# The good workbook every build starts from, and a good CSV.
GOOD=$TMP/good.tanbook
CSV=$TMP/one.csv
printf '%s\n%s\n' 'period,source,quantity,unit,data_source' '2024-01,electricity,1000,kWh,电费账单' >"$CSV"
new_wb "$GOOD" --unit 某单位 --year 2024 --area 500 --headcount 10
import_ok "$GOOD" "$CSV"
run tb summary "$GOOD" --json
expect_json_all "good workbook" 'd["building_area_m2"]' 500 "sources" 'len(d["sources"])' 1
verdict "setup: a good workbook (area 500, one source) and a good one-row CSV"

# hostile_case NAME BUILD CMD RC MSG SAME - one case of the table: builds the file in a fresh
# directory, runs CMD, checks the exit code, the message and that the directory is unchanged.
N_ROW=0
hostile_case() {
    local name=$1 build=$2 cmd=$3 want_rc=$4 msg=$5 same=$6 before after
    N_ROW=$((N_ROW + 1))
    ROWDIR=$TMP/row$N_ROW
    mkdir -p "$ROWDIR/wb"
    F=$ROWDIR/wb/hostile.tanbook
    cd "$ROWDIR/wb" && { eval "$build" || note "build failed: $build"; }
    cd "$TMP" || exit 3
    [ "$build" = ":" ] || [ -e "$F" ] || [ -L "$F" ] || [ -e "$F-wal" ] || note "build made no file: $build"
    before=$(dir_state "$ROWDIR/wb")
    CMD=$cmd
    eval "$cmd" >"$TMP/.out" 2>"$TMP/.err"
    RC=$?
    OUT=$(cat "$TMP/.out")
    ERR=$(cat "$TMP/.err")
    [ "$RC" -ne 124 ] || note "timed out after 20 s: it hangs"
    expect_rc "$want_rc"
    [ "$msg" = "-" ] || expect_err_contains "$msg"
    if [ "$same" = yes ]; then
        after=$(dir_state "$ROWDIR/wb")
        expect_same "the workbook's directory" "$before" "$after"
    fi
    release_writer
    rm -rf "$ROWDIR"
    local says=", says $msg" kept=''
    [ "$msg" != "-" ] || says=''
    [ "$same" != yes ] || kept=', leaves it unchanged'
    verdict "$name: ${cmd//\"\$F\"/FILE} exits $want_rc$says$kept"
}

trim() {
    local s=$1
    s=${s#"${s%%[![:space:]]*}"}
    printf '%s' "${s%"${s##*[![:space:]]}"}"
}

while IFS='|' read -r name build cmd want msg same; do
    name=$(trim "$name")
    [ -n "$name" ] || continue
    build=$(trim "$build")
    cmd=$(trim "$cmd")
    want=$(trim "$want")
    msg=$(trim "$msg")
    same=$(trim "$same")
    [ "${name#\#}" = "$name" ] || continue
    if [ "$cmd" = ALL ] || [ "$cmd" = OPENING ]; then
        if [ "$cmd" = ALL ]; then cmds=("${ALL_CMDS[@]}"); else cmds=("${OPENING_CMDS[@]}"); fi
        for c in "${cmds[@]}"; do
            hostile_case "$name" "$build" "$c" "$want" "$msg" "$same"
        done
    else
        hostile_case "$name" "$build" "$cmd" "$want" "$msg" "$same"
    fi
done <<<"$HOSTILE_TABLE"

done_testing
