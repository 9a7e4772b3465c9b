#!/bin/bash
# cli_install.sh - make install DESTDIR=… PREFIX=… puts the binary, the man page (with the
# binary's version) and the bash completion where the variables say; make uninstall takes them away.
set -u
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$T_DIR/../.." && pwd)
DEST=$TMP/dest

run make -C "$ROOT" --no-print-directory -s install DESTDIR="$DEST" PREFIX=/opt/tb
expect_rc 0
expect_file_exists "$DEST/opt/tb/bin/tanbook"
expect_file_exists "$DEST/opt/tb/share/man/man1/tanbook.1"
expect_file_exists "$DEST/opt/tb/share/bash-completion/completions/tanbook"
[ -x "$DEST/opt/tb/bin/tanbook" ] || note "the installed binary is not executable"
verdict "make install DESTDIR=… PREFIX=/opt/tb: binary, man page and completion under the prefix"

run "$DEST/opt/tb/bin/tanbook" --version
want=$(tb --version)
expect_eq "installed --version" "$OUT" "$want"
version=${want#tanbook }
grep -q "^\.TH TANBOOK 1 .*\"tanbook $version\"" "$DEST/opt/tb/share/man/man1/tanbook.1" \
    || note "the installed man page does not carry version $version"
grep -q '@VERSION@' "$DEST/opt/tb/share/man/man1/tanbook.1" && note "@VERSION@ left in the man page"
verdict "the installed binary runs; the man page carries its version"

run make -C "$ROOT" --no-print-directory -s install DESTDIR="$DEST" PREFIX=/usr BINDIR=/usr/sbin \
    MANDIR=/usr/man BASHCOMPDIR=/etc/bash_completion.d
expect_rc 0
expect_file_exists "$DEST/usr/sbin/tanbook"
expect_file_exists "$DEST/usr/man/man1/tanbook.1"
expect_file_exists "$DEST/etc/bash_completion.d/tanbook"
verdict "BINDIR, MANDIR and BASHCOMPDIR each move their file"

run make -C "$ROOT" --no-print-directory -s uninstall DESTDIR="$DEST" PREFIX=/opt/tb
expect_rc 0
left=$(find "$DEST/opt" -type f | wc -l)
expect_eq "files left" "$left" 0
verdict "make uninstall removes the three files"

done_testing
