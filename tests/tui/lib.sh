#!/bin/bash
# lib.sh - drives the real tanbook binary in a private tmux server for the end-to-end tests of the
# terminal workbook (tests/tui/*.sh). It adds to tests/cli/lib.sh (run, verdict, note, TAP output):
#   tt_start COLS ROWS ARGS...   run tanbook ARGS in a detached pane of that size (LANG=C.UTF-8)
#   tt_keys KEY...               send tmux key names (Enter Escape F5 Up BSpace C-z ...)
#   tt_type TEXT                 send literal text (Chinese included)
#   tt_wait TEXT [SECONDS]       wait until the screen shows TEXT; on timeout note it and dump the screen
#   tt_wait_gone TEXT            wait until TEXT is gone
#   tt_screen                    the visible screen as text
#   tt_resize COLS ROWS          resize the window (the program gets KEY_RESIZE)
#   tt_wait_exit [SECONDS]       wait for the program to end; prints its exit code
#   tt_click X Y                 a left mouse click at column X, row Y (0-based)
#   TT_ENV=NAME=VALUE            one more environment variable for the next tt_start
# A second program on the same server, after tt_start (two windows on one workbook):
#   tt2_start COLS ROWS ARGS...  run tanbook ARGS in a second session beside the first
#   tt2_keys, tt2_type, tt2_wait, tt2_wait_gone, tt2_screen, tt2_wait_exit   as tt_* on it
# Every wait polls the screen every 50 ms: no fixed sleeps.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    exit 0
fi
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../cli/lib.sh"

if ! command -v tmux >/dev/null; then
    echo "# tmux is not installed (make deps installs it)"
fi

TT_DIR="$TMP/tmux"
TT_TGT="app:0.0"
unset TMUX
mkdir -p "$TT_DIR"

tt() {
    tmux -S "$TT_DIR/sock" -f /dev/null "$@"
}

# Ends the server and waits (up to 2 s) until it is gone: kill-server returns before the server
# has exited, and a session started meanwhile joins the dying server ("server exited unexpectedly").
tt_kill() {
    local i=0
    tt kill-server 2>/dev/null
    while { [ -S "$TT_DIR/sock" ] && tt has-session 2>/dev/null; } && [ $i -lt 40 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    rm -f "$TT_DIR/sock"
}

tt_start() {
    local cols=$1 rows=$2 try
    shift 2
    tt_kill
    rm -f "$TT_DIR/rc"
    for try in 1 2; do
        tt set-option -g remain-on-exit on \; \
            new-session -d -s app -x "$cols" -y "$rows" -e LANG=C.UTF-8 -e "TT_RC=$TT_DIR/rc" \
            -e "HOME=$TMP/home" -e "XDG_DATA_HOME=$TMP/data" ${TT_ENV:+-e "$TT_ENV"} \
            -- sh -c '"$@"; echo $? > "$TT_RC"' sh "$TB" "$@" && return 0
        tt_kill     # the server died under us: once more on a fresh one
    done
    return 1
}

tt_screen() { tt capture-pane -p -t "$TT_TGT"; }
tt_keys() { tt send-keys -t "$TT_TGT" "$@"; }
tt_type() { tt send-keys -t "$TT_TGT" -l -- "$1"; }
tt_resize() { tt resize-window -t app -x "$1" -y "$2"; }

_tt_poll() {
    local n=$(($1 * 20))
    shift
    while [ "$n" -gt 0 ]; do
        "$@" && return 0
        sleep 0.05
        n=$((n - 1))
    done
    return 1
}
_tt_has() { tt_screen | grep -qF -- "$1"; }
_tt_hasnt() { ! _tt_has "$1"; }

tt_wait() {
    _tt_poll "${2:-5}" _tt_has "$1" && return 0
    note "screen never showed [$1]; it shows:"$'\n'"$(tt_screen)"
    return 1
}

tt_wait_gone() {
    _tt_poll "${2:-5}" _tt_hasnt "$1" && return 0
    note "screen still shows [$1]"
    return 1
}

tt_wait_exit() {
    _tt_poll "${1:-5}" test -s "$TT_DIR/rc" && cat "$TT_DIR/rc"
}

# tt_click X Y - a left click at column X, row Y (0-based), as an xterm reports it (X10 encoding:
# ESC [ M, then button+32, x+33, y+33; a press, then a release).
tt_click() {
    local x y
    x=$(printf '\\x%x' $(($1 + 33)))
    y=$(printf '\\x%x' $(($2 + 33)))
    tt_type "$(printf "\033[M %b%b\033[M#%b%b" "$x" "$y" "$x" "$y")"
}

# tt_pid - the process id of the program in the pane.
tt_pid() {
    pgrep -P "$(tt list-panes -t app -F '#{pane_pid}')" | head -1
}

# The second program: a session "app2" on the same server (tt_start's kill-server ends it too).
TT2_TGT="app2:0.0"

tt2_start() {
    local cols=$1 rows=$2
    shift 2
    rm -f "$TT_DIR/rc2"
    tt new-session -d -s app2 -x "$cols" -y "$rows" -e LANG=C.UTF-8 -e "TT_RC=$TT_DIR/rc2" \
        -e "HOME=$TMP/home" -e "XDG_DATA_HOME=$TMP/data" ${TT_ENV:+-e "$TT_ENV"} \
        -- sh -c '"$@"; echo $? > "$TT_RC"' sh "$TB" "$@"
}

tt2_screen() { TT_TGT=$TT2_TGT tt_screen; }
tt2_keys() { TT_TGT=$TT2_TGT tt_keys "$@"; }
tt2_type() { TT_TGT=$TT2_TGT tt_type "$1"; }
tt2_wait() { TT_TGT=$TT2_TGT tt_wait "$@"; }
tt2_wait_gone() { TT_TGT=$TT2_TGT tt_wait_gone "$@"; }
tt2_wait_exit() {
    _tt_poll "${1:-5}" test -s "$TT_DIR/rc2" && cat "$TT_DIR/rc2"
}

tt_stop() {
    tt kill-server >/dev/null 2>&1
}
trap 'tt_stop; lib_cleanup' EXIT
