#!/bin/bash
# cli_help.sh - the help is the parser's: every option a command's --help lists is one its parser
# takes (and an option it does not list is refused); the man page names every command and every
# option; the bash completion offers the commands and each command's options from the same help.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3
ROOT=$(cd "$T_DIR/../.." && pwd)
MAN=$ROOT/man/tanbook.1

run tb --help
commands=$(awk '/^命令:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' <<<"$OUT")
n=$(wc -w <<<"$commands")
[ "$n" -ge 18 ] || note "tanbook --help lists $n commands, expected at least the 18 of 0.11"
for c in new set import summary export kpi check factors demo evaluate maturity; do
    grep -qx "$c" <<<"$commands" || note "tanbook --help does not list $c"
done
verdict "tanbook --help lists the commands of the command table"

# options CMD: the options CMD --help lists, one "NAME ARG" per line (ARG empty for a flag)
options() {
    tb "$1" --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\)\( \([^ ]*\)\)\{0,1\}  .*/\2 \4/p' \
        | grep -v '键名:$' | sort -u
}

for c in $commands; do
    opts=$(options "$c")
    [ -n "$opts" ] || note "$c --help lists no option"
    while read -r name arg; do
        [ -n "$name" ] || continue
        if [ -n "$arg" ]; then
            run tb "$c" "--$name" 1x2
        else
            run tb "$c" "--$name"
        fi
        grep -q '无法识别的选项' <<<"$ERR" && note "$c refuses --$name, which its --help lists"
        grep -q '需要一个值' <<<"$ERR" && note "$c --$name: its argument was not taken"
    done <<<"$opts"
    run tb "$c" --no-such-option
    expect_rc 2
    expect_err_contains "无法识别的选项“--no-such-option”"
    verdict "$c: every option --help lists is taken by the parser, an unlisted one is refused"
done

# 'summary --year' without its value: the parser says which option lacks it
run tb summary x.tanbook --year
expect_rc 2
expect_err_contains "选项“--year”需要一个值"
verdict "an option missing its value is named"

# the man page: a section per command, every option of each
for c in $commands; do
    grep -q "^\.SS \"$c " "$MAN" || note "man page has no section for $c"
    while read -r name arg; do
        [ -n "$name" ] || continue
        grep -qF -- "\\-\\-${name//-/\\-}" "$MAN" || note "man page does not name $c --$name"
    done < <(options "$c")
done
verdict "the man page names every command and every option the help lists"

run bash -c "preconv '$MAN' | groff -man -Tutf8 -ww 2>&1 >/dev/null | grep -v 'cannot adjust line\|can.t break line'"
[ -z "$OUT" ] || note "groff warns: $(head -3 <<<"$OUT")"
run bash -c "preconv '$MAN' | groff -man -Tutf8 -P-cbou 2>/dev/null"
expect_out_contains "EXIT STATUS"
expect_out_contains "TERMINAL WORKBOOK KEYS"
expect_out_contains "TANBOOK_ASSESSOR"
verdict "the man page renders without macro warnings and has exit codes, keys and environment"

# the completion, as bash calls it: COMP_WORDS, COMP_CWORD, then COMPREPLY
complete_words() {
    bash -c '
        tanbook() { "$TB" "$@"; }
        . "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _tanbook; printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$ROOT/man/tanbook.bash" "$@"
}
export TB
got=$(complete_words tanbook "" | grep -vx '.*\.tanbook' | grep -v /)
want=$(sort <<<"$commands")
[ "$got" = "$want" ] || note "completion of the command differs from tanbook --help: $(diff <(echo "$got") <(echo "$want") | head -3)"
got=$(complete_words tanbook summary --)
[ "$got" = "$(printf -- '--help\n--json\n--year')" ] || note "summary --: got $(echo $got)"
got=$(complete_words tanbook import x.tanbook --d)
[ "$got" = "--dry-run" ] || note "import --d: got $got"
got=$(complete_words tanbook export x.tanbook --format "")
[ "$(echo $got)" = "csv json xlsx" ] || note "--format: got $(echo $got)"
touch office.tanbook notes.txt
got=$(complete_words tanbook summary off)
[ "$got" = "office.tanbook" ] || note "a file name after summary: got $got"
verdict "bash completion: commands and options from the help, values of --format, file names"

done_testing
