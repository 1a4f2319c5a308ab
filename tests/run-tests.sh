#!/bin/sh
# Run every test suite: cmocka unit tests, rule examples, golden files and
# CLI checks.  usage: tests/run-tests.sh BUILD-DIR
# $VALGRIND, when set, prefixes every program run (make valgrind).
BUILD=${1:-build}
export LC_ALL=C.UTF-8
# the program under test, and the data it uses: this tree's dicts/ and rules/
UNSPIN_BIN=$(cd "$(dirname "${UNSPIN_BIN:-unspin}")" && pwd)/$(basename "${UNSPIN_BIN:-unspin}")
UNSPIN_DATADIR=$(cd "$(dirname "$0")/.." && pwd)
export UNSPIN_BIN UNSPIN_DATADIR
pass=0
fail=0
skip=0
failed=""

run() { # name command...  (exit 77: skipped, the log's last line says why)
  name=$1
  shift
  "$@" >"$BUILD/tests/$name.log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    pass=$((pass + 1))
    echo "ok      $name"
  elif [ "$rc" -eq 77 ]; then
    skip=$((skip + 1))
    echo "skip    $name: $(tail -n 1 "$BUILD/tests/$name.log")"
  else
    fail=$((fail + 1))
    failed="$failed $name"
    echo "FAILED  $name"
    sed 's/^/    /' "$BUILD/tests/$name.log" | tail -n 40
  fi
}

mkdir -p "$BUILD/tests"
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  run "$(basename "$t")" $VALGRIND "$t"
done
run rule-examples $VALGRIND "$BUILD/tests/run-rules" .
run rule-examples-academic $VALGRIND "$BUILD/tests/run-rules" . rules/academic/tortured.rules
run rule-examples-mt $VALGRIND "$BUILD/tests/run-rules" . rules/mt/calques.rules
run golden env VALGRIND="$VALGRIND" sh tests/golden/run.sh
run cli env VALGRIND="$VALGRIND" sh tests/cli/run.sh
run hostile env VALGRIND="$VALGRIND" sh tests/cli/hostile.sh
run batch env VALGRIND="$VALGRIND" sh tests/cli/batch.sh
run interactive env VALGRIND="$VALGRIND" sh tests/cli/interactive.sh
run html-cli env VALGRIND="$VALGRIND" sh tests/html/cli.sh
run html env VALGRIND="$VALGRIND" sh tests/html/run.sh
run academic env VALGRIND="$VALGRIND" sh tests/academic/run.sh
run mt env VALGRIND="$VALGRIND" sh tests/mt/run.sh
run install env VALGRIND="$VALGRIND" sh tests/install/run.sh
run precommit env VALGRIND="$VALGRIND" sh tests/precommit/run.sh
run cli-markup env VALGRIND="$VALGRIND" sh tests/cli/markup.sh
# the fuzz targets without libFuzzer, over their regression inputs (every
# crash the fuzzers found) and seed corpora
for t in "$BUILD"/tests/replay-*; do
  [ -x "$t" ] || continue
  name=${t##*/replay-}
  dirs=""
  for d in tests/fuzz/regress/$name tests/fuzz/corpus/$name; do
    [ -d "$d" ] && dirs="$dirs $d"
  done
  [ -n "$dirs" ] && run "fuzz-replay-$name" $VALGRIND "$t" $dirs
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
