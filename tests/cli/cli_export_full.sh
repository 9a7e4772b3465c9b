#!/bin/bash
# cli_export_full.sh - `tanbook export` when the disk fills up: the message says so in words
# (磁盘空间不足, the file size limit), exit 3, no file, no temporary or scratch file left, an
# earlier file at the target unchanged, no libxlsxwriter chatter. The full disk is made without
# mounting one: build/enospc.so (tests/fixtures/enospc.c), preloaded, fails the writes to one
# directory with ENOSPC once ENOSPC_FREE bytes have gone there. /dev/full and `ulimit -f` give
# real errors; a real full tmpfs is tried too where a private mount is allowed.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

SHIM=${TANBOOK_ENOSPC:-$T_DIR/../../build/enospc.so}
# Under AddressSanitizer (make asan) the shim is preloaded before the sanitizer's runtime.
ASAN=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

# full DIR FREE [NAME] -- ARGS... : runs tanbook ARGS with DIR's disk holding only FREE more bytes
# (only for files named like NAME, when given).
full() {
    local dir=$1 free=$2 name=''
    shift 2
    if [ "$1" != -- ]; then
        name=$1
        shift
    fi
    shift
    run env LD_PRELOAD="$SHIM" ASAN_OPTIONS="$ASAN" ENOSPC_DIR="$dir" ENOSPC_FREE="$free" \
        ENOSPC_NAME="$name" "$TB" "$@"
}

# nothing_left DIR - no temporary export (.NAME.tmp-*) and no libxlsxwriter scratch file (tmp.*).
nothing_left() {
    local left
    left=$(find "$1" -maxdepth 1 \( -name '.*.tmp-*' -o -name 'tmp.*' \))
    [ -z "$left" ] || note "temporary file left behind: $left"
}

# quiet_stderr - stderr holds only our own messages, none of libxlsxwriter's.
quiet_stderr() {
    ! grep -qE '\[(ERROR|WARNING)\]' <<<"$ERR" || note "libxlsxwriter output on stderr: $ERR"
}

FULL='磁盘空间不足（No space left on device），报表未写出'
LIMIT='写出的文件不完整：超出了文件大小限制（File too large），报表未写出'

if [ ! -e "$SHIM" ]; then
    note "the preload library $SHIM is missing (make $(basename "$SHIM") builds it)"
    verdict "the full-disk library is built"
    done_testing
fi

tb demo demo.tanbook --force >/dev/null 2>&1 || note "setup: demo failed"
run tb export demo.tanbook -o ref.xlsx
[ "$RC" -eq 0 ] || note "setup: export failed: $ERR"
run tb export demo.tanbook --year 2023 -o earlier.xlsx
[ "$RC" -eq 0 ] || note "setup: export of 2023 failed: $ERR"
mkdir disk tmpdir
full disk 10000000 -- export demo.tanbook -o disk/roomy.xlsx
expect_rc 0
cmp -s ref.xlsx disk/roomy.xlsx || note "the export under the library differs from one without it"
rm -f disk/roomy.xlsx
verdict "with room on the disk the library changes nothing: the same bytes as without it"

# ---- the target's disk is full ---------------------------------------------------------------------
full disk 0 -- export demo.tanbook -o disk/report.xlsx
expect_rc 3
expect_eq "message" "$ERR" "tanbook: 无法写入 disk/report.xlsx：$FULL"
quiet_stderr
expect_no_file disk/report.xlsx
nothing_left disk
verdict "xlsx, no room at all: 磁盘空间不足 in words, exit 3, no file, nothing left"

cp earlier.xlsx disk/report.xlsx
before=$(checksum disk/report.xlsx)
for free in 4000 20000; do
    full disk "$free" -- export demo.tanbook -o disk/report.xlsx
    expect_rc 3
    expect_eq "message" "$ERR" "tanbook: 无法写入 disk/report.xlsx：$FULL，原有文件未改动"
    quiet_stderr
    expect_same "the earlier export" "$before" "$(checksum disk/report.xlsx)"
    nothing_left disk
    verdict "xlsx, the disk fills after $free bytes: in words, the earlier file unchanged"
done
rm -f disk/report.xlsx

# libxlsxwriter ignores a failing write to its scratch files and zips what is there; when the zip
# itself still fits (a full disk's last block), errno no longer says why: the disk is asked.
full disk 5000 'tmp.*' -- export demo.tanbook -o disk/report.xlsx
expect_rc 3
expect_eq "message" "$ERR" "tanbook: 无法写入 disk/report.xlsx：$FULL"
quiet_stderr
expect_no_file disk/report.xlsx
nothing_left disk
verdict "xlsx, only the scratch files fail: the report is cut short, said as 磁盘空间不足"

# ---- the temporary directory is full -------------------------------------------------------------
run env LD_PRELOAD="$SHIM" ASAN_OPTIONS="$ASAN" ENOSPC_DIR="$TMP/tmpdir" ENOSPC_FREE=0 \
    TMPDIR="$TMP/tmpdir" "$TB" export demo.tanbook -o tmp-full.xlsx
expect_rc 0
cmp -s ref.xlsx tmp-full.xlsx || note "the export differs from one with room in TMPDIR"
[ -z "$(ls -A tmpdir)" ] || note "files left in TMPDIR: $(ls -A tmpdir)"
nothing_left .
verdict "a full TMPDIR does not matter: the scratch files go beside the target"

# ---- --format json -------------------------------------------------------------------------------
cp earlier.xlsx disk/report.json
before=$(checksum disk/report.json)
for free in 0 1000; do
    full disk "$free" -- export demo.tanbook --format json -o disk/report.json
    expect_rc 3
    expect_eq "message" "$ERR" "tanbook: 无法写入 disk/report.json：$FULL，原有文件未改动"
    expect_same "the earlier file" "$before" "$(checksum disk/report.json)"
    nothing_left disk
    verdict "json, the disk full after $free bytes: in words, the earlier file unchanged"
done
full disk 1000 -- export demo.tanbook --format json -o disk/new.json
expect_rc 3
expect_eq "message" "$ERR" "tanbook: 无法写入 disk/new.json：$FULL"
expect_no_file disk/new.json
verdict "json, a new file on a full disk: in words, no file"

run bash -c "\"$TB\" summary demo.tanbook --json >/dev/full"
expect_rc 3
expect_eq "message" "$ERR" "tanbook: 无法写入标准输出：磁盘空间不足（No space left on device）"
verdict "summary --json to a full device (/dev/full): 磁盘空间不足 in words"

# ---- a file size limit (ulimit -f; SIGXFSZ ignored, so write() fails with EFBIG) ----------------------
run bash -c "trap '' XFSZ; ulimit -f 8; exec \"$TB\" export demo.tanbook -o limit.xlsx"
expect_rc 3
expect_eq "message" "$ERR" "tanbook: 无法写入 limit.xlsx：$LIMIT"
quiet_stderr
expect_no_file limit.xlsx
nothing_left .
verdict "xlsx over an 8 KiB file size limit: the limit in words, no file"

run bash -c "trap '' XFSZ; ulimit -f 1; exec \"$TB\" export demo.tanbook --format json -o limit.json"
expect_rc 3
expect_eq "message" "$ERR" "tanbook: 无法写入 limit.json：$LIMIT"
expect_no_file limit.json
nothing_left .
verdict "json over a 1 KiB file size limit: the limit in words, no file"

# ---- a real full disk: a 64 KiB tmpfs in a private mount namespace, where that is allowed ----------
mkdir real
real_disk() {    # real_disk FREE_KIB: in the namespace, fill the tmpfs to FREE_KIB and export there
    local ns
    for ns in "unshare -rm" "unshare -m"; do
        $ns true 2>/dev/null || continue
        run $ns bash -c 'mount -t tmpfs -o size=64k tmpfs real || exit 99
            head -c $(( (64 - $1) * 1024 )) /dev/zero >real/fill
            "$2" export demo.tanbook -o real/report.xlsx; rc=$?
            find real -maxdepth 1 \( -name ".*.tmp-*" -o -name "tmp.*" -o -name report.xlsx \) >&2
            exit $rc' real_disk "$1" "$TB"
        [ "$RC" -eq 99 ] && continue
        return 0
    done
    return 1
}
if real_disk 12; then
    expect_rc 3
    expect_eq "message" "$ERR" "tanbook: 无法写入 real/report.xlsx：$FULL"
    verdict "a real full tmpfs (12 KiB left): 磁盘空间不足 in words, no file, nothing left"
else
    ok "# SKIP no private tmpfs mount here (unshare -m not allowed)"
fi

done_testing
