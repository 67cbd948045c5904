#!/bin/sh
# run_suite.sh LOG BINARY...: runs each test binary in turn, in the
# environment it was given. Its output goes to the terminal as it comes and
# is appended to LOG between "== run BINARY" and "== exit STATUS BINARY",
# which tests/summary.sh counts; a binary that is not there (it did not
# build) is logged "== missing BINARY". Exits 1 if any binary failed. $SUITE_LABEL,
# if set, follows each binary's name on the terminal ("LANG=fr_FR.UTF-8").
#
# run_suite.sh LOG --shell NAME COMMAND...: one shell check, counted as one
# test ("== shell ok|FAILED NAME" in LOG).
set -u
log=$1
shift
if [ "${1:-}" = --shell ]; then
  name=$2
  shift 2
  if "$@"; then echo "== shell ok $name" >>"$log"; exit 0; fi
  echo "== shell FAILED $name" >>"$log"
  exit 1
fi
fail=0
status_file="$log.status"
for t in "$@"; do
  echo "== $t${SUITE_LABEL:+ ($SUITE_LABEL)}"
  if [ ! -x "$t" ]; then
    echo "$t: missing (it did not build)"
    echo "== missing $t" >>"$log"
    fail=1
    continue
  fi
  echo "== run $t" >>"$log"
  { "$t" 2>&1; echo $? >"$status_file"; } | tee -a "$log"
  status=$(cat "$status_file")
  echo "== exit $status $t" >>"$log"
  [ "$status" = 0 ] || fail=1
done
rm -f "$status_file"
exit $fail
