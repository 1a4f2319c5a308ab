#!/bin/sh
# Run libFuzzer targets for a while (make fuzz-run).
# usage: FUZZ_BUILD=DIR FUZZ_SECONDS=N [BUILD_MODEL=build-model] run.sh TARGET...
#
# Each target starts from its committed seeds (tests/fuzz/corpus/TARGET) and
# regression inputs (tests/fuzz/regress/TARGET); what it finds goes into
# FUZZ_BUILD/corpus/TARGET, crashes into FUZZ_BUILD/artifacts/.  Prints the
# executions and coverage of each run (libFuzzer's final "#N DONE" line) and
# fails when any target crashes, leaks, times out or breaks an invariant.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
FUZZ_BUILD=${FUZZ_BUILD:-build/fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
export UNSPIN_DATADIR="$top"
# leaks are errors; symbolised reports
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
fail=0

max_len() {
  case $1 in
  check) echo 65536 ;;
  model) echo 16384 ;;
  *) echo 8192 ;;
  esac
}

for t in "$@"; do
  bin=$FUZZ_BUILD/fuzz_$t
  work=$FUZZ_BUILD/corpus/$t
  art=$FUZZ_BUILD/artifacts
  log=$FUZZ_BUILD/fuzz_$t.log
  mkdir -p "$work" "$art"
  seeds=""
  for d in "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t"; do
    [ -d "$d" ] && seeds="$seeds $d"
  done
  # the model seed is built from tests/data so it follows the format
  if [ "$t" = model ] && [ -x "${BUILD_MODEL:-}" ]; then
    "$BUILD_MODEL" tests/data/tiny-lm.tsv "$work/tiny-lm.bin" >/dev/null 2>&1 ||
      echo "fuzz-run: warning: cannot build the tiny model seed"
  fi
  "$bin" -max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$t")" \
    -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
    -dict=tests/fuzz/unspin.dict -artifact_prefix="$art/$t-" \
    "$work" $seeds >"$log" 2>&1
  rc=$?
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
  if [ "$rc" -eq 0 ]; then
    printf 'fuzz %-6s ok      %s\n' "$t" "$done_line"
  else
    fail=$((fail + 1))
    printf 'fuzz %-6s FAILED  exit %s; log %s\n' "$t" "$rc" "$log"
    grep -E 'ERROR|SUMMARY|invariant failed|BUG|Test unit written' "$log" |
      head -n 20 | sed 's/^/    /'
  fi
done
[ "$fail" -eq 0 ]
