#!/bin/bash
# layers.sh - the house rules of src/ (README "Layout", docs/architecture.md), checked on the
# source text: each layer includes only itself and the layers below it; sqlite3.h, xlsxwriter.h,
# libpq-fe.h and curses.h each stay in their one layer; the terminal workbook never calls the command line;
# no file grows past 800 lines. Prints TAP.
cd "$(dirname "$0")/.." || exit 3
n=0
failed=0

# ok NAME PROBLEMS: one TAP line; PROBLEMS (one per line) empty means it passes.
ok() {
    n=$((n + 1))
    if [ -z "$2" ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        printf '%s\n' "$2" | sed 's/^/#   /'
        failed=1
    fi
}

# The layers from the bottom up; a file may include its own layer and those before it.
order="base data core store book export pg sheet cli tui"
# export, pg and sheet are peers: none includes another; cli never needs a sheet.
below() {
    case $1 in
    base) echo "base" ;;
    data) echo "base data" ;;
    core) echo "base data core" ;;
    store) echo "base data core store" ;;
    book) echo "base data core store book" ;;
    export) echo "base data core export" ;;
    pg) echo "base data core pg" ;;
    sheet) echo "base data core store book sheet" ;;
    cli) echo "base data core store book export pg cli" ;;
    tui) echo "base data core store book export sheet tui" ;;
    esac
}

bad=""
for layer in $order; do
    allowed=" $(below "$layer") "
    for f in src/"$layer"/*.[ch]; do
        [ -e "$f" ] || continue
        while read -r inc; do
            dir=${inc%%/*}
            [ "$dir" = "$inc" ] && continue          # app.h, version.h: the top, shared
            case "$allowed" in
            *" $dir "*) ;;
            *) bad="$bad$f includes $inc"$'\n' ;;
            esac
        done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
    done
done
ok "each layer includes only itself and the layers below it" "${bad%$'\n'}"

seam() {    # seam HEADER-REGEX LAYER: files outside LAYER that include it
    grep -lE "^#include <($1)>" src/*.c src/*/*.[ch] 2>/dev/null | grep -v "^src/$2/"
}
ok "sqlite3.h is included only by store files" "$(seam 'sqlite3\.h' store)"
ok "xlsxwriter.h is included only by export files" "$(seam 'xlsxwriter\.h' export)"
ok "libpq-fe.h is included only by PostgreSQL files" "$(seam 'libpq-fe\.h|postgresql/libpq-fe\.h' pg)"
ok "curses is included only by terminal-workbook files" "$(seam 'n?curses(w)?\.h|ncursesw/curses\.h' tui)"
ok "no terminal-workbook file calls the command line" \
    "$(grep -nE '\bcli_[a-z_]+\(' src/tui/*.[ch] /dev/null | grep -v '^/dev/null')"
ok "the command line does not start the terminal workbook (main.c chooses)" \
    "$(grep -ln 'tui/tui\.h\|tui_main' src/cli/*.[ch])"
long=$(wc -l src/*.[ch] src/*/*.[ch] | awk '$2 != "total" && $1 > 800 { print $2 " has " $1 " lines" }')
ok "no source file is over 800 lines" "$long"
# The walk-through's order is forms/steps.tsv: no list of step ids in the code.
ok "the step order is written only in forms/steps.tsv" \
    "$(grep -nE '"A\.1",[[:space:]]*"A\.3"' src/*.[ch] src/*/*.[ch] /dev/null | grep -v '^/dev/null')"
echo "1..$n"
exit $failed
