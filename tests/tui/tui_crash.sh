#!/bin/bash
# tui_crash.sh - kill -9 at random moments during a scripted stream of edits: `tanbook set` and
# `tanbook import` of small CSVs on the command line, values typed into A.1 and A.5 of the
# terminal workbook (through tmux). Each edit the program acknowledged (the command exited 0; the
# screen showed its 已保存 message) is logged; after each kill the workbook is reopened
# (`tanbook summary --json` exits 0) and read back with python's sqlite3: PRAGMA integrity_check
# and foreign_key_check are clean, and the workbook is exactly the state before the round with the
# acknowledged edits applied, plus at most the one edit in flight when the kill came, whole or not
# at all (an import of two rows lands with both or neither).
#
#   CRASH_KILLS=N   rounds until N kills landed while the program ran (default 36: `make check`;
#                   `make stress` runs 1000); a command that ends before its kill acknowledges its edit
#   CRASH_SEED=S    the seed of the round plan (kinds, values, delays); printed first, so a failure
#                   can be replayed: CRASH_SEED=S tests/tui/tui_crash.sh (the kill lands at the
#                   same delay; what the program is doing then may differ by a few ms)
#
# The waits before a kill are random delays: they are the point of the test, not a wait for a
# result (every result is polled for).
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

KILLS=${CRASH_KILLS:-36}
SEED=${CRASH_SEED:-$(( $(date +%s%N) % 32768 ))}
RANDOM=$SEED
echo "# tui_crash: CRASH_SEED=$SEED CRASH_KILLS=$KILLS"
T0=$(date +%s%N)

WB=$TMP/crash.tanbook
STATE=$TMP/state.json       # the workbook as read after the last round
EDITS=$TMP/edits.txt        # the edits of the round: one line each, "key=value" TAB-separated
ACKLOG=$TMP/acked.log       # every acknowledged edit: round, kind, its keys and values

# The read-back: checks the file, compares it with the state before the round plus the edits of the
# round (argv: db, state file, edits file, acknowledged count), prints "ok J" (J edits found
# applied) or what is wrong, and saves what it read as the state the next round starts from.
# Keys: f:FIELD (A.1, unit_info and 2024's year_info) and a:SOURCE:PERIOD (a quantity).
CHECK_PY='
import json, sqlite3, sys
db, state_file, edits_file, acked = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
bad = []
ic = c.execute("PRAGMA integrity_check").fetchall()
if ic != [("ok",)]:
    bad.append("integrity_check: %r" % ic[:5])
fk = c.execute("PRAGMA foreign_key_check").fetchall()
if fk:
    bad.append("foreign_key_check: %r" % fk[:5])
now = {}
for k, v in c.execute("SELECT key, value FROM unit_info"):
    now["f:" + k] = v
for k, v in c.execute("SELECT key, value FROM year_info WHERE year = 2024"):
    now["f:" + k] = v
for s, p, q in c.execute("SELECT i.source, a.period, a.quantity FROM activity a "
                         "JOIN inventory i ON i.id = a.inventory_id WHERE i.year = 2024"):
    now["a:%s:%s" % (s, p)] = repr(float(q))
c.close()
try:
    before = json.load(open(state_file))
except FileNotFoundError:
    before = None
edits = []
for line in open(edits_file, encoding="utf-8").read().splitlines():
    e = dict(kv.split("=", 1) for kv in line.split("\t") if kv)
    edits.append({k: (repr(float(v)) if k.startswith("a:") else v) for k, v in e.items()})
found = None
if before is None:
    found = 0
else:
    for j in range(acked, min(acked + 1, len(edits)) + 1):
        want = dict(before)
        for e in edits[:j]:
            want.update(e)
        if want == now:
            found = j
            break
    if found is None:
        want = dict(before)
        for e in edits[:acked]:
            want.update(e)
        diff = sorted(k for k in set(want) | set(now) if want.get(k) != now.get(k))
        bad.append("the workbook is not the state before plus the %d acknowledged edit(s) "
                   "(and at most the one in flight); differing keys: %s"
                   % (acked, ", ".join("%s: want %r, found %r" % (k, want.get(k), now.get(k))
                                       for k in diff[:8])))
json.dump(now, open(state_file, "w"), ensure_ascii=False, sort_keys=True)   # the next round starts here
print("\n".join(bad) if bad else "ok %d" % found)
'

# rnd N - a number 0 <= R < N in R, from the seeded generator (never in a subshell: each would
# start from the same state).
rnd() {
    R=$(((RANDOM << 15 | RANDOM) % $1))
}

# ms_sleep MS - sleeps MS milliseconds.
ms_sleep() {
    sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

N_KILLS=0        # kills delivered while the program ran
N_ACKED=0        # edits acknowledged
N_FOUND=0        # acknowledged edits found in the workbook after the kill
N_INFLIGHT=0     # edits in flight at the kill found whole in the workbook (allowed, counted)
N_ROUNDS=0

# reopen_check ROUND KIND ACKED - reopens the workbook after a kill and checks it (see CHECK_PY).
reopen_check() {
    local round=$1 kind=$2 acked=$3 res found
    run tb summary "$WB" --json
    expect_rc 0
    json 'd["year"]' | grep -qx 2024 || note "summary --json after the kill: $(json 'd["year"]')"
    res=$("$PY" -c "$CHECK_PY" "$WB" "$STATE" "$EDITS" "$acked" 2>&1)
    case $res in
    "ok "*)
        found=${res#ok }
        N_ACKED=$((N_ACKED + acked))
        N_FOUND=$((N_FOUND + acked))
        N_INFLIGHT=$((N_INFLIGHT + found - acked))
        ;;
    *)
        note "round $round ($kind, seed $SEED): $res"
        found=?
        ;;
    esac
    head -n "$acked" "$EDITS" | sed "s/^/$round $kind /" >>"$ACKLOG"
    verdict "round $round: $kind, $acked edit(s) acknowledged, ${found} found applied, workbook intact"
}

# cli_round ROUND KIND WINDOW_MS CMD... - runs a tanbook command and kills it after a random delay
# of 0..WINDOW_MS; an exit 0 before the kill acknowledges the one edit (the line in EDITS).
cli_round() {
    local round=$1 kind=$2 window=$3 pid rc acked=0
    shift 3
    rnd "$window"
    "$TB" "$@" >/dev/null 2>"$TMP/cli.err" &
    pid=$!
    ms_sleep "$R"
    kill -9 "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null      # without bash's "Killed" line
    rc=$?
    case $rc in
    0) acked=1; kind="$kind, ended before the kill at $R ms" ;;
    137) N_KILLS=$((N_KILLS + 1)); kind="$kind, killed at $R ms" ;;
    *) note "round $round: $* exited $rc: $(cat "$TMP/cli.err")" ;;
    esac
    reopen_check "$round" "$kind" "$acked"
}

# cli_set ROUND - `tanbook set` of one to three A.1 fields at once (text and numbers).
cli_set() {
    local round=$1 args=() line='' k
    rnd 3
    for k in $(seq 0 "$R"); do
        case $(((round + k) % 5)) in
        0) args+=(--address "文化路R${round}号"); line+="f:address=文化路R${round}号"$'\t' ;;
        1) args+=(--area $((1000 + round))); line+="f:building_area=$((1000 + round))"$'\t' ;;
        2) args+=(--contact "联系人R$round"); line+="f:contact=联系人R$round"$'\t' ;;
        3) args+=(--headcount $((10 + round))); line+="f:headcount=$((10 + round))"$'\t' ;;
        4) args+=(--phone "0571-$round"); line+="f:phone=0571-$round"$'\t' ;;
        esac
    done
    printf '%s\n' "$line" >"$EDITS"
    cli_round "$round" "cli set" 25 set "$WB" "${args[@]}"
}

# cli_import ROUND - `tanbook import` of a CSV of two rows: a month of electricity and of gas.
cli_import() {
    local round=$1 m
    rnd 12
    m=$(printf '%02d' $((R + 1)))
    printf '期间,排放源,数量,单位,数据来源\n2024-%s,外购电力,%d,kWh,电费R%d\n2024-%s,天然气,%d,m³,燃气R%d\n' \
        "$m" $((20000 + round)) "$round" "$m" $((300 + round)) "$round" >"$TMP/round.csv"
    printf 'a:electricity:2024-%s=%d\ta:natural_gas:2024-%s=%d\n' \
        "$m" $((20000 + round)) "$m" $((300 + round)) >"$EDITS"
    cli_round "$round" "cli import 2024-$m" 25 import "$WB" "$TMP/round.csv"
}

# _tui_until TEXT - polls the screen until it shows TEXT (0) or the program has ended (1); notes a
# hang after 10 s.
_tui_until() {
    local n=500
    while [ "$n" -gt 0 ]; do
        tt_screen | grep -qF -- "$1" && return 0
        [ -s "$TT_DIR/rc" ] && return 1
        sleep 0.02
        n=$((n - 1))
    done
    note "the terminal workbook neither showed [$1] nor ended in 10 s; it shows:"$'\n'"$(tt_screen)"
    return 1
}

# tui_start - runs tanbook on the workbook in the tmux pane: the first time with tt_start, then by
# respawning the pane, as a new server for each of a thousand rounds now and then lost the race
# with the old one shutting down (a blank pane, no program).
tui_start() {
    if ! tt has-session -t app 2>/dev/null; then
        tt_start 100 30 "$WB"
        return
    fi
    rm -f "$TT_DIR/rc"
    tt respawn-pane -k -t "$TT_TGT" -- sh -c '"$@"; echo $? > "$TT_RC"' sh "$TB" "$WB"
}

# The A.1 fields from 地址 down, in screen order: key, label, and whether the value is a number.
A1_FIELDS=(address:地址:t building_area:建筑面积:n land_area:占地面积:n co_located:合署办公情况:t
           contact:联系人:t phone:联系电话:t headcount:用能人数:n)

# tui_round ROUND - opens the terminal workbook, types 1..7 A.1 fields or 1..12 months of A.5
# electricity, each Enter waited for until its 已保存 message, while a timer kills the program
# with -9 at a random moment (or, when it comes after the last edit, at rest).
tui_round() {
    local round=$1 kind n i acked=0 killer v key label typ m window
    : >"$EDITS"
    rnd 2
    if [ "$R" -eq 0 ]; then
        kind="tui A.1"
        rnd ${#A1_FIELDS[@]}
        n=$((R + 1))
    else
        kind="tui A.5"
        rnd 12
        n=$((R + 1))
    fi
    # from the moment the process exists: about 100 ms to open, then 20-40 ms an edit here
    window=$((150 + n * 40))
    rnd "$window"
    tui_start
    (
        for _ in $(seq 250); do
            p=$(tt_pid)
            [ -n "$p" ] && break
            sleep 0.02
        done
        ms_sleep "$R"
        [ -n "$p" ] && [ "$(cat /proc/"$p"/comm 2>/dev/null)" = tanbook ] && kill -9 "$p"
    ) &
    killer=$!
    if _tui_until '表A.1 基本信息'; then
        if [ "$kind" = "tui A.1" ]; then
            tt_keys Up Up Up Up Up Up Up Up Up Up Down      # 单位名称 at the top, then 地址
            for ((i = 0; i < n; i++)); do
                IFS=: read -r key label typ <<<"${A1_FIELDS[$i]}"
                if [ "$typ" = n ]; then v=$((5000 + round * 10 + i)); else v="值R${round}e$i"; fi
                printf 'f:%s=%s\n' "$key" "$v" >>"$EDITS"
                tt_type "$v"
                tt_keys Enter
                _tui_until "已保存“$label”" || break
                acked=$((acked + 1))
            done
        else
            tt_keys NPage NPage
            if _tui_until '表A.5 碳排放活动水平数据'; then
                for ((i = 0; i < n; i++)); do
                    m=$(printf '%02d' $((i + 1)))
                    v=$((40000 + round * 10 + i))
                    printf 'a:electricity:2024-%s=%d\n' "$m" "$v" >>"$EDITS"
                    tt_type "$v"
                    tt_keys Enter
                    _tui_until "已保存 2024-$m：$v kWh" || break
                    acked=$((acked + 1))
                done
            fi
        fi
    fi
    if ! wait "$killer"; then     # the timer found no program to kill: it ended, or is at rest
        p=$(tt_pid)
        [ -n "$p" ] && kill -9 "$p"
        kind="$kind, at rest (the timer at $R ms found no process), killed"
    else
        kind="$kind, killed at $R ms"
    fi
    _tt_poll 5 test -s "$TT_DIR/rc" || note "round $round: the terminal workbook did not end"
    rc=$(cat "$TT_DIR/rc" 2>/dev/null)
    if [ "$rc" = 137 ]; then
        N_KILLS=$((N_KILLS + 1))
    else
        note "round $round: the terminal workbook ended with exit code '$rc', not by the kill (137)"
    fi
    reopen_check "$round" "$kind" "$acked"
}

# ---- setup: every A.1 field filled, so the terminal workbook opens on the first ----------------------
new_wb "$WB" --unit 某单位 --year 2024 --area 800 --headcount 20
run tb set "$WB" --address 初始地址 --contact 初始联系人 --phone 0571-1
expect_rc 0
printf '期间,排放源,数量,单位,数据来源\n2024-01,外购电力,1000,kWh,电费\n2024-01,天然气,10,m³,燃气\n' >setup.csv
import_ok "$WB" setup.csv
: >"$EDITS"
reopen_check 0 setup 0

for ((r = 1; N_KILLS < KILLS; r++)); do
    rnd 3
    case $R in
    0) cli_set "$r" ;;
    1) cli_import "$r" ;;
    2) tui_round "$r" ;;
    esac
    N_ROUNDS=$r
done
tt_stop

T1=$(date +%s%N)
echo "# FIGURES: seed $SEED, $N_ROUNDS rounds, $N_KILLS kills while running, $N_ACKED edits" \
    "acknowledged, $N_FOUND found after the kills, $N_INFLIGHT in-flight edits found whole," \
    "$(((T1 - T0) / 1000000)) ms"
done_testing
