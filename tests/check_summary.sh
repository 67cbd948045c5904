#!/bin/sh
# check_summary.sh: tests/summary.sh counts what cmocka printed — passes,
# failures listed twice, a skip, a binary that crashed mid-test and one
# that died before its first — and fails when anything failed.
set -u
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cat >"$log" <<'LOG'
== run a
[==========] Running 3 test(s).
[ RUN      ] one
[       OK ] one
[ RUN      ] two
[  ERROR   ] --- 1 != 2
[  FAILED  ] two
[ RUN      ] three
[  SKIPPED ] three
[==========] 3 test(s) run.
[  PASSED  ] 1 test(s).
[  SKIPPED ] 1 test(s), listed below:
[  SKIPPED ] three
[  FAILED  ] 1 test(s), listed below:
[  FAILED  ] two
== exit 1 a
== run b
[ RUN      ] four
[       OK ] four
[ RUN      ] five
== exit 139 b
== run c
== exit 1 c
== shell ok layers
== shell FAILED compare
== missing d
LOG
got=$(sh tests/summary.sh "$log"); status=$?
want="3 tests passed, 5 failed"
[ "$got" = "$want" ] || { echo "summary: got '$got', want '$want'"; exit 1; }
[ "$status" = 1 ] || { echo "summary: exit $status with failures, want 1"; exit 1; }
printf '== run d\n[ RUN      ] six\n[       OK ] six\n== exit 0 d\n' >"$log"
got=$(sh tests/summary.sh "$log"); status=$?
[ "$got" = "1 tests passed, 0 failed" ] && [ "$status" = 0 ] || { echo "summary: got '$got' ($status) for one pass"; exit 1; }
got=$(sh tests/summary.sh "$log" --make-status 2); status=$?
[ "$got" = "1 tests passed, 1 failed" ] && [ "$status" = 1 ] || { echo "summary: got '$got' ($status) after a failed build"; exit 1; }
echo "summary: counts as expected"
