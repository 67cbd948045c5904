#!/bin/sh
# summary.sh LOG... [--make-status N]: the one line `make check` ends with,
# "N tests passed, M failed", counted from the logs tests/run_suite.sh wrote.
#
# A cmocka test passed if it printed "[       OK ]"; it failed if it began
# ("[ RUN      ]") and neither passed nor was skipped (a failure, an error
# or a crash). A binary that exited non-zero without any failed test (it
# crashed before its first test, or cmocka refused it) counts as one
# failure, and so does a test binary logged missing (it did not build);
# a non-zero make status with nothing else failed counts as one failure, so
# the line never says "0 failed" when make check fails. A shell check is one test. Exits 1 when anything failed.
set -u
make_status=0
logs=
while [ $# -gt 0 ]; do
  case $1 in
    --make-status) make_status=$2; shift 2 ;;
    *) [ -f "$1" ] && logs="$logs $1"; shift ;;
  esac
done
# shellcheck disable=SC2086
cat /dev/null $logs | awk -v make_status="$make_status" '
  # cmocka lists skipped and failed tests again after its summary: only
  # the first outcome after a RUN line counts.
  /^== run / { runs = 0; oks = 0; skips = 0; pending = 0; next }
  /^\[ RUN      \] / { runs++; pending = 1; next }
  /^\[       OK \] / && pending { oks++; passed++; pending = 0; next }
  /^\[  SKIPPED \] / && pending { skips++; pending = 0; next }
  /^\[  FAILED  \] / || /^\[  ERROR   \] / { pending = 0; next }
  /^== exit / {
    lost = runs - oks - skips
    if (lost < 0) lost = 0
    if ($3 != 0 && lost == 0) lost = 1
    failed += lost
    next
  }
  /^== missing / { failed++; next }
  /^== shell ok / { passed++; next }
  /^== shell FAILED / { failed++; next }
  END {
    if (make_status != 0 && failed == 0) failed = 1
    printf "%d tests passed, %d failed\n", passed, failed
    exit failed != 0
  }'
