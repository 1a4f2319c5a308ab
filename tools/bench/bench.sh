#!/usr/bin/env bash
# tools/bench/bench.sh - the benchmark harness behind `make bench` (issue 6).
#
# Builds the corpus (tools/bench/corpus.py) into build/bench/, times unspin
# and its peers on the same inputs, and regenerates BENCHMARKS.md
# (tools/bench/report.py; the hand-written text above the marker line there
# is kept).  Timing lives here, never in the tests.
#
# Knobs (environment):
#   UNSPIN=./unspin           the program under test
#   SHARED=../shared          where eval/dev-clean.jsonl lives (optional)
#   BENCH_DIR=build/bench     corpus, raw timings, logs
#   BENCH_OUTPUT=BENCHMARKS.md
#   BENCH_TIMEOUT=300         time box for one run of one command, seconds
#   BENCH_RUNS_STARTUP=20     runs on the 1 KB file (unspin; peers get 5)
#   BENCH_RUNS_SMALL=5        runs on 1 MB, and for `wc -w`
#   BENCH_RUNS_BIG=3          runs on 10 and 20 MB
#   BENCH_RUNS_HUGE=3         runs on 100 MB
#   BENCH_RUNS_PROSELINT=1    runs of proselint on 1 MB (about a minute each)
#   BENCH_INSTALL=1           0: never apt-get install missing tools
#   BENCH_NO_HYPERFINE=1      use the shell loop even if hyperfine exists
set -u
cd "$(dirname "$0")/../.." || exit 2

UNSPIN=${UNSPIN:-./unspin}
SHARED=${SHARED:-../shared}
OUT=${BENCH_DIR:-build/bench}
MD=${BENCH_OUTPUT:-BENCHMARKS.md}
TB=${BENCH_TIMEOUT:-300}
RUNS_STARTUP=${BENCH_RUNS_STARTUP:-20}
RUNS_SMALL=${BENCH_RUNS_SMALL:-5}
RUNS_BIG=${BENCH_RUNS_BIG:-3}
RUNS_HUGE=${BENCH_RUNS_HUGE:-3}
RUNS_PROSELINT=${BENCH_RUNS_PROSELINT:-1}
INSTALL=${BENCH_INSTALL:-1}

PREPARE=
RES=$OUT/results
LOG=$OUT/bench.log
T0=$(date +%s)
mkdir -p "$OUT" || exit 2
rm -rf "$RES" && mkdir -p "$RES" || exit 2
: > "$LOG"

say() { printf 'bench: %s\n' "$*"; printf 'bench: %s\n' "$*" >> "$LOG"; }
note() { printf '%s\n' "$*" >> "$RES/notes.txt"; say "$*"; }

if [ ! -x "$UNSPIN" ]; then
  echo "bench: $UNSPIN not found; run make first" >&2; exit 2
fi

# --- tools ------------------------------------------------------------------
# command -> Debian package.  Installed only when missing, as root, and
# BENCH_INSTALL is not 0.
have() { command -v "$1" >/dev/null 2>&1; }
missing_pkgs=""
want() { # want CMD PKG [FILE]
  if ! have "$1" || { [ -n "${3:-}" ] && [ ! -e "$3" ]; }; then
    missing_pkgs="$missing_pkgs $2"
  fi
}
want hyperfine hyperfine
[ -x /usr/bin/time ] || missing_pkgs="$missing_pkgs time"
want codespell codespell
want hunspell hunspell
[ -e /usr/share/hunspell/en_US.dic ] || missing_pkgs="$missing_pkgs hunspell-en-us"
want diction diction
want proselint python3-proselint
if [ -n "$missing_pkgs" ]; then
  if [ "$INSTALL" != 0 ] && [ "$(id -u)" = 0 ] && have apt-get; then
    say "installing from Debian:$missing_pkgs"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >> "$LOG" 2>&1
    # shellcheck disable=SC2086  # a list of package names
    if ! apt-get install -y -qq $missing_pkgs >> "$LOG" 2>&1; then
      for p in $missing_pkgs; do   # one unavailable package must not block the rest
        apt-get install -y -qq "$p" >> "$LOG" 2>&1 ||
          note "Debian package $p could not be installed (apt-get failed)"
      done
    fi
  else
    note "missing and not installed (not root, or BENCH_INSTALL=0):$missing_pkgs"
  fi
fi

HYPERFINE=
if have hyperfine && [ -z "${BENCH_NO_HYPERFINE:-}" ]; then HYPERFINE=hyperfine; fi
TIMEBIN=
[ -x /usr/bin/time ] && TIMEBIN=/usr/bin/time

# --- versions and feature detection ----------------------------------------
ver() { printf '%s\t%s\n' "$1" "$2" >> "$RES/versions.tsv"; }
ver unspin "$("$UNSPIN" --version 2>&1 | head -n 1) (git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git status --porcelain -- src 2>/dev/null | grep -q . && echo ', uncommitted changes in src/'))"
ver cc "$(${CC:-cc} --version 2>/dev/null | head -n 1)"
[ -n "$HYPERFINE" ] && ver hyperfine "$(hyperfine --version | head -n 1)"
[ -n "$TIMEBIN" ] && ver time "$(dpkg-query -W -f '${Package} ${Version}' time 2>/dev/null || echo 'GNU time')"
ver wc "$(wc --version | head -n 1)"
have codespell && ver codespell "codespell $(codespell --version 2>&1 | head -n 1)"
have hunspell && ver hunspell "$(hunspell -v 2>&1 | head -n 1 | sed 's/^@(#) //')"
have diction && ver diction "$(diction --version 2>&1 | head -n 1)"
have proselint && ver proselint "proselint $(proselint --version 2>&1 | head -n 1)"
have perf && ver perf "$(perf --version 2>&1 | head -n 1)"

JOBS=0
if "$UNSPIN" --help 2>&1 | grep -qE -- '(^|[[:space:],])-j'; then JOBS=1; fi
echo "$JOBS" > "$RES/jobs"
# One thread: say so explicitly once -j exists (its default may become nproc).
if [ "$JOBS" = 1 ]; then ONE=("$UNSPIN" -j 1 -f lines); else ONE=("$UNSPIN" -f lines); fi
TWO=("$UNSPIN" -j 2 -f lines)

cut -d ' ' -f 1-3 /proc/loadavg > "$RES/load-start"

# --- corpus -----------------------------------------------------------------
say "corpus -> $OUT"
if ! python3 tools/bench/corpus.py --shared "$SHARED" --out "$OUT" > "$RES/corpus.tsv"; then
  echo "bench: corpus generation failed" >&2; exit 2
fi
grep '^source' "$RES/corpus.tsv" | cut -f 2- | sed 's/^/bench: corpus source: /'
case "$(grep '^source' "$RES/corpus.tsv")" in
  *"only ("*) note "fallback: $SHARED/eval/dev-clean.jsonl not found, corpus built from samples/ only (all spun text)";;
esac
C() { echo "$OUT/corpus-$1.txt"; }
for s in 1k 1m 10m 20m 100m; do
  printf '%s\t%s\t%s\n' "$s" "$(wc -c < "$(C $s)")" "$(wc -w < "$(C $s)")" >> "$RES/files.tsv"
done

# --- measuring ----------------------------------------------------------------
# [PREPARE=CMD] measure KEY RUNS WARMUP WRAP CMD...
#   Times CMD (stdout and stderr to /dev/null) RUNS times after WARMUP
#   untimed runs.  WRAP=1 runs it as `/usr/bin/time -f %M -a -o RSSFILE
#   timeout -k 5 TB CMD` (peak RSS of every run, and the time box; adds a
#   millisecond or two); WRAP=0 runs CMD bare (start-up) and takes the RSS
#   from one extra run.  PREPARE (a simple command, no shell syntax) runs
#   before every run, untimed.  The first timed run goes alone: when it hits the
#   time box the others are skipped.  Raw results: RES/KEY.{cmd,times,rss}.
measure() {
  local key=$1 runs=$2 warm=$3 wrap=$4; shift 4
  local rss="$RES/$key.rss" times="$RES/$key.times" pre=()
  printf '%s\n' "$*" > "$RES/$key.cmd"
  [ -n "$PREPARE" ] && printf '%s\n' "$PREPARE" > "$RES/$key.prepare"
  : > "$times"; : > "$rss"
  if [ "$wrap" = 1 ]; then
    [ -n "$TIMEBIN" ] && pre=("$TIMEBIN" -f %M -a -o "$rss")
    pre+=(timeout -k 5 "$TB")
  fi
  say "$key: $* (runs $runs, warm-up $warm)"
  local batch n w=$warm
  for batch in 1 2; do
    if [ "$batch" = 1 ]; then n=1; else n=$((runs - 1)); fi
    [ "$n" -ge 1 ] || break
    if [ -n "$HYPERFINE" ]; then
      hyperfine -N -i --style basic --runs "$n" --warmup "$w" \
        ${PREPARE:+--prepare "$PREPARE"} --export-json "$RES/$key.$batch.json" "${pre[*]} $*" >> "$LOG" 2>&1
      python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
for t, c in zip(r["times"], r.get("exit_codes") or [0] * len(r["times"])):
    print("%.6f %s" % (t, c))' "$RES/$key.$batch.json" >> "$times"
    else
      local i
      for ((i = 0; i < w; i++)); do $PREPARE; "${pre[@]}" "$@" > /dev/null 2>&1; done
      for ((i = 0; i < n; i++)); do
        local s e rc
        $PREPARE
        s=$(date +%s.%N); "${pre[@]}" "$@" > /dev/null 2>&1; rc=$?; e=$(date +%s.%N)
        echo "$(echo "$e - $s" | awk '{print $1 - $3}') $rc" >> "$times"
        [ "$rc" = 124 ] || [ "$rc" = 137 ] && break
      done
    fi
    w=0
    if awk '$2 == 124 || $2 == 137 { f = 1 } END { exit !f }' "$times"; then
      say "$key: time box of $TB s reached"; break
    fi
  done
  if [ "$wrap" = 0 ] && [ -n "$TIMEBIN" ]; then
    $PREPARE
    "$TIMEBIN" -f %M -a -o "$rss" "$@" > /dev/null 2>&1
  fi
}

unavailable() { printf '%s\n' "$2" > "$RES/$1.na"; say "$1: $2"; }

# 1. start-up: the 1 KB file, end to end.
measure start-unspin "$RUNS_STARTUP" 3 0 "${ONE[@]}" "$(C 1k)"
measure start-wc "$RUNS_SMALL" 3 0 wc -w "$(C 1k)"
have codespell && measure start-codespell "$RUNS_SMALL" 1 0 codespell "$(C 1k)"
have hunspell && measure start-hunspell "$RUNS_SMALL" 1 0 hunspell -l -d en_US "$(C 1k)"
have diction && measure start-diction "$RUNS_SMALL" 1 0 diction "$(C 1k)"
# proselint memoises its checks in XDG_CACHE_HOME/proselint: a second run on
# the same text is mostly cache hits.  Every run starts with an empty cache.
PL_CACHE=$OUT/proselint-cache
PROSELINT=(env "XDG_CACHE_HOME=$PL_CACHE" proselint)
have proselint && PREPARE="rm -rf $PL_CACHE" measure start-proselint "$RUNS_SMALL" 1 0 "${PROSELINT[@]}" "$(C 1k)"

# 2. linearity (and the 1 MB comparison for proselint).
measure unspin-1m "$RUNS_SMALL" 1 1 "${ONE[@]}" "$(C 1m)"
measure unspin-10m "$RUNS_BIG" 0 1 "${ONE[@]}" "$(C 10m)"

# 3. the main table: 20 MB.
measure unspin-20m "$RUNS_BIG" 0 1 "${ONE[@]}" "$(C 20m)"
if [ "$JOBS" = 1 ]; then
  measure unspinj2-20m "$RUNS_BIG" 0 1 "${TWO[@]}" "$(C 20m)"
else
  unavailable unspinj2-20m "n/a (no -j yet)"
fi
measure wc-20m "$RUNS_SMALL" 1 1 wc -w "$(C 20m)"
if have codespell; then measure codespell-20m "$RUNS_BIG" 0 1 codespell "$(C 20m)"
else unavailable codespell-20m "codespell not available"; fi
if have hunspell && [ -e /usr/share/hunspell/en_US.dic ]; then
  measure hunspell-20m "$RUNS_BIG" 0 1 hunspell -l -d en_US "$(C 20m)"
else unavailable hunspell-20m "hunspell or hunspell-en-us not available"; fi
if have diction; then measure diction-20m "$RUNS_BIG" 0 1 diction "$(C 20m)"
else unavailable diction-20m "diction not available"; fi
if have proselint; then PREPARE="rm -rf $PL_CACHE" measure proselint-1m "$RUNS_PROSELINT" 0 1 "${PROSELINT[@]}" "$(C 1m)"
else unavailable proselint-1m "Debian package python3-proselint unavailable"; fi

# 4. many small files: the walk of files-1m/ (corpus-1m.txt in files of
#    about 1 KB), where the cost per file shows, not the cost per byte.
FILES=$OUT/files-1m
measure many-unspin "$RUNS_SMALL" 1 1 "${ONE[@]}" "$FILES"
measure many-wc "$RUNS_SMALL" 1 1 wc -w "$FILES"/*.txt
echo "wc -w $FILES/*.txt" > "$RES/many-wc.cmd" # the report shows the glob
have codespell && measure many-codespell "$RUNS_SMALL" 1 1 codespell "$FILES"

# 5. 100 MB, for linearity.
measure unspin-100m "$RUNS_HUGE" 0 1 "${ONE[@]}" "$(C 100m)"

# 6. where the time goes: perf on the 10 MB input (software clock: this
#    machine has no hardware counters).
if have perf; then
  say "perf record on $(C 10m)"
  if perf record -e cpu-clock -F 999 -o "$OUT/perf.data" -- "${ONE[@]}" "$(C 10m)" > /dev/null 2>> "$LOG"; [ -s "$OUT/perf.data" ]; then
    perf report -i "$OUT/perf.data" --no-children -F overhead,sym,dso -t '|' --stdio 2>> "$LOG" > "$RES/perf.txt"
    echo "perf record -e cpu-clock -F 999 -o $OUT/perf.data -- ${ONE[*]} $(C 10m) >/dev/null; perf report -i $OUT/perf.data --no-children -F overhead,sym,dso --stdio" > "$RES/perf.cmd"
  else
    note "perf record failed; no profile"
  fi
else
  note "perf not installed; no profile"
fi

cut -d ' ' -f 1-3 /proc/loadavg > "$RES/load-end"
echo $(( $(date +%s) - T0 )) > "$RES/elapsed"
python3 tools/bench/report.py --results "$RES" --output "$MD" --timeout "$TB" \
  --hyperfine "${HYPERFINE:+1}" || exit 2
say "wrote $MD ($(cat "$RES/elapsed") s of measuring)"
