#!/bin/bash
# lib.sh - shared helpers for the end-to-end tests of the tanbook command line (tests/cli/*.sh).
# A test script sources this file, then for each test case runs commands with `run`, states what it
# expects with the expect_* helpers and ends the case with `verdict NAME`, which prints one TAP line.
# `done_testing` prints the plan and exits 1 when any case failed.
# Run directly (tests/run-tests.sh runs every tests/cli/*.sh), this file prints nothing and exits 0.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    exit 0
fi

export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset TANBOOK_BUSY_TIMEOUT_MS

TB=${TANBOOK:-$(pwd)/tanbook}
T_DIR=$(cd "$(dirname "$0")" && pwd)   # tests/cli, absolute (the scripts cd into $TMP)
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tanbook-cli.XXXXXX") || exit 3
T_PIDS=()      # background processes a test started, ended on exit
trap 'lib_cleanup' EXIT

# lib_cleanup - ends the test's own background processes (by id) and removes the temporary directory.
lib_cleanup() {
    local p
    for p in ${T_PIDS[@]+"${T_PIDS[@]}"}; do
        kill "$p" 2>/dev/null
    done
    rm -rf "$TMP"
}

T_N=0          # cases run
T_FAILED=0     # cases failed
T_REASONS=()   # why the current case fails (empty: it passes so far)
OUT=''         # stdout of the last `run`
ERR=''         # stderr of the last `run`
RC=0           # exit code of the last `run`
CMD=''         # the last command, for failure reports

if [ ! -x "$TB" ]; then
    echo "# tanbook binary not found at $TB (build it with make tanbook, or set TANBOOK)"
fi

# tb ARGS... - runs the tanbook under test.
tb() {
    "$TB" "$@"
}

# run CMD ARGS... - runs a command, capturing stdout in OUT, stderr in ERR and the exit code in RC.
run() {
    CMD="$*"
    "$@" >"$TMP/.out" 2>"$TMP/.err"
    RC=$?
    OUT=$(cat "$TMP/.out")
    ERR=$(cat "$TMP/.err")
    return 0
}

# note REASON - records why the current case fails.
note() {
    T_REASONS+=("$1")
}

# ok NAME - prints a passing TAP line.
ok() {
    T_N=$((T_N + 1))
    echo "ok $T_N - $1"
}

# fail NAME REASON... - prints a failing TAP line, the reasons and the last command's output.
fail() {
    local name=$1 r
    shift
    T_N=$((T_N + 1))
    T_FAILED=$((T_FAILED + 1))
    echo "not ok $T_N - $name"
    for r in "$@"; do
        printf '%s\n' "$r" | sed 's/^/# /'
    done
    echo "#   last command: $CMD (exit $RC)"
    printf '%s\n' "$OUT" | sed 's/^/#   stdout: /'
    printf '%s\n' "$ERR" | sed 's/^/#   stderr: /'
}

# verdict NAME - ends a case: ok when nothing was noted since the previous verdict, else not ok.
verdict() {
    if [ ${#T_REASONS[@]} -eq 0 ]; then
        ok "$1"
    else
        fail "$1" "${T_REASONS[@]}"
    fi
    T_REASONS=()
}

# done_testing - prints the TAP plan; exits 1 when a case failed.
done_testing() {
    echo "1..$T_N"
    [ "$T_FAILED" -eq 0 ] || exit 1
    exit 0
}

# expect_rc N - the last command exited with N.
expect_rc() {
    [ "$RC" -eq "$1" ] || note "exit code $RC, expected $1"
}

# expect_out_contains TEXT - stdout holds TEXT (a fixed string).
expect_out_contains() {
    grep -qF -- "$1" <<<"$OUT" || note "stdout does not contain: $1"
}

# expect_out_lacks TEXT - stdout does not hold TEXT.
expect_out_lacks() {
    ! grep -qF -- "$1" <<<"$OUT" || note "stdout should not contain: $1"
}

# expect_err_contains TEXT - stderr holds TEXT (a fixed string).
expect_err_contains() {
    grep -qF -- "$1" <<<"$ERR" || note "stderr does not contain: $1"
}

# expect_err_lacks TEXT - stderr does not hold TEXT.
expect_err_lacks() {
    ! grep -qF -- "$1" <<<"$ERR" || note "stderr should not contain: $1"
}

# expect_err_line REGEX - some stderr line matches the extended regular expression REGEX.
expect_err_line() {
    grep -qE -- "$1" <<<"$ERR" || note "no stderr line matches: $1"
}

# expect_out_line REGEX - some stdout line matches the extended regular expression REGEX.
expect_out_line() {
    grep -qE -- "$1" <<<"$OUT" || note "no stdout line matches: $1"
}

# expect_err_nonempty - the command said something on stderr.
expect_err_nonempty() {
    [ -n "$ERR" ] || note "stderr is empty, expected a message"
}

# expect_eq WHAT GOT WANT - two strings are equal.
expect_eq() {
    [ "$2" = "$3" ] || note "$1: got '$2', expected '$3'"
}

# expect_file_exists PATH / expect_no_file PATH
expect_file_exists() {
    [ -e "$1" ] || note "file $1 does not exist"
}
expect_no_file() {
    [ ! -e "$1" ] || note "file $1 should not exist"
}

# checksum FILE - sha256 of FILE and of FILE-wal when present (what a change to a workbook touches).
checksum() {
    local f=$1
    if [ -e "$f" ]; then sha256sum <"$f" | cut -d' ' -f1; else echo "no-file"; fi
    if [ -e "$f-wal" ]; then sha256sum <"$f-wal" | cut -d' ' -f1; else echo "no-wal"; fi
}

# wb_state FILE - what must not change when a command is refused: summary --json of the latest
# year, then the checksums. summary runs first, so a WAL it checkpoints is already in the sums.
wb_state() {
    "$TB" summary "$1" --json 2>&1
    echo "rc=$?"
    checksum "$1"
}

# expect_same WHAT BEFORE AFTER - BEFORE and AFTER (e.g. two wb_state outputs) are identical.
expect_same() {
    local d
    if [ "$2" != "$3" ]; then
        d=$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3"))
        note "$1 changed; before (<) and after (>), first lines of each:"
        note "$(grep '^<' <<<"$d" | head -10)"
        note "$(grep '^>' <<<"$d" | head -10)"
    fi
}

# json EXPR [TEXT] - evaluates the Python expression EXPR with d = the JSON TEXT (default: OUT).
# Prints the result (str() of it), or "ERROR: ..." when the text is not JSON or EXPR fails.
json() {
    local text=${2-$OUT}
    "$PY" -c '
import json, sys
try:
    d = json.loads(sys.stdin.read())
    print(eval(sys.argv[1], {"d": d, "src": lambda i: [s for s in d["sources"] if s["id"] == i][0]}))
except Exception as e:
    print("ERROR: %s: %s" % (type(e).__name__, e))
' "$1" <<<"$text"
}

# expect_json WHAT EXPR WANT - the JSON expression EXPR (see json) prints WANT.
expect_json() {
    local got
    got=$(json "$2")
    [ "$got" = "$3" ] || note "$1: $2 = '$got', expected '$3'"
}

# expect_approx WHAT GOT WANT [RELTOL] - a number within RELTOL (default 1e-4 = 0.01 %) of WANT.
expect_approx() {
    local tol=${4:-1e-4} res
    res=$("$PY" -c '
import sys
try:
    got, want, tol = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
except ValueError:
    print("not a number"); sys.exit()
if abs(got - want) <= tol * abs(want) or (want == 0 and abs(got) < 1e-9):
    print("ok")
else:
    print("off by %.6g %%" % (100 * abs(got - want) / abs(want) if want else float("inf")))
' "$2" "$3" "$tol")
    [ "$res" = ok ] || note "$1: got $2, expected $3 (tolerance $tol relative): $res"
}

# expect_json_approx WHAT EXPR WANT [RELTOL] - a JSON number (see json) close to WANT.
expect_json_approx() {
    local res
    res=$("$PY" -c '
import json, sys
expr, want, tol = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
try:
    d = json.loads(sys.stdin.read())
    got = float(eval(expr, {"d": d, "src": lambda i: [s for s in d["sources"] if s["id"] == i][0]}))
except Exception as e:
    print("%s = ERROR: %s: %s" % (expr, type(e).__name__, e)); sys.exit()
if abs(got - want) <= tol * abs(want) or (want == 0 and abs(got) < 1e-9):
    print("ok")
else:
    print("%s = %r, expected %r (tolerance %g relative): off by %.6g %%"
          % (expr, got, want, tol, 100 * abs(got - want) / abs(want) if want else float("inf")))
' "$2" "$3" "${4:-1e-4}" <<<"$OUT")
    [ "$res" = ok ] || note "$1: $res"
}

# expect_json_all WHAT EXPR WANT [WHAT EXPR WANT]... - many expect_json / expect_json_approx checks
# on OUT in one Python run: a numeric WANT is compared within 0.01 % relative, any other as text.
expect_json_all() {
    local res
    res=$("$PY" -c '
import json, sys
a = sys.argv[1:]
try:
    d = json.loads(sys.stdin.read())
except Exception as e:
    print("not JSON: %s" % e); sys.exit()
env = {"d": d, "src": lambda i: [s for s in d["sources"] if s["id"] == i][0]}
for what, expr, want in zip(a[0::3], a[1::3], a[2::3]):
    try:
        got = eval(expr, env)
    except Exception as e:
        print("%s: %s = ERROR: %s: %s" % (what, expr, type(e).__name__, e)); continue
    try:
        w = float(want)
        g = float(got)
        if not (abs(g - w) <= 1e-4 * abs(w) or (w == 0 and abs(g) < 1e-9)):
            print("%s: %s = %r, expected %r (tolerance 0.01 %%): off by %.6g %%"
                  % (what, expr, g, w, 100 * abs(g - w) / abs(w) if w else float("inf")))
    except (TypeError, ValueError):
        if str(got) != want:
            print("%s: %s = %r, expected %r" % (what, expr, str(got), want))
' "$@" <<<"$OUT")
    [ -z "$res" ] || note "$res"
}

# new_wb FILE ARGS... - creates a workbook with `tanbook new`; a failure is noted in the current case.
new_wb() {
    local f=$1
    shift
    if ! "$TB" new "$f" "$@" >"$TMP/.setup" 2>&1; then
        note "setup: tanbook new $f $* failed: $(cat "$TMP/.setup")"
        return 1
    fi
}

# import_ok FILE CSV - imports CSV into FILE; a failure is noted in the current case.
import_ok() {
    if ! "$TB" import "$1" "$2" >"$TMP/.setup" 2>&1; then
        note "setup: tanbook import $1 $2 failed: $(cat "$TMP/.setup")"
        return 1
    fi
}
