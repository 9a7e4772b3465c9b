#!/bin/sh
# run-tests.sh - runs each test program (cmocka binaries and tests/cli/*.sh scripts), counts the
# TAP "ok" / "not ok" lines they print, and ends with one "check: N passed, M failed" line.
# Exits non-zero when any test failed or a program crashed. RUN_UNDER (e.g. a valgrind command line)
# is put before each program.
passed=0
failed=0
broken=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
    echo "== $t"
    CMOCKA_MESSAGE_OUTPUT=TAP $RUN_UNDER "./${t#./}" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        broken="$broken $t(rc=$rc)"
        failed=$((failed + 1))
    fi
done
[ -z "$broken" ] || echo "crashed or failed outside a test:$broken"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
