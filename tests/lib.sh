# tests/lib.sh - the shell tests' harness: counters, checks and the summary
# line.  A script sets $top (the repository) and sources this file, which
#  - sets $BIN, the program under test ($UNSPIN_BIN, or the tree's), and
#    $UNSPIN, the command that runs it (under $VALGRIND when set);
#  - makes a temporary directory $tmp (its physical path), moves into it
#    and removes it on exit, after calling cleanup(): a script that leaves
#    something rm cannot undo (a read-only folder, a tmux server) defines
#    its own cleanup() after sourcing this.
# A check's output goes to ./out and ./err there.

export LC_ALL=C.UTF-8
BIN=${UNSPIN_BIN:-$top/unspin}
UNSPIN="${VALGRIND:-} $BIN"
cleanup() { :; }
tmp=$(mktemp -d) || exit 2
trap 'cleanup; rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd -P) || exit 2
cd "$tmp" || exit 2

pass=0
fail=0
skip=0

ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "not ok: $*"; }
skipped() { skip=$((skip + 1)); echo "skip: $*"; }

# expect_code CODES DESCRIPTION command...: CODES is one exit status, or
# several as "0|1".  With $T set (seconds) the command runs under timeout.
expect_code() {
  want=$1 desc=$2
  shift 2
  if [ -n "${T:-}" ]; then
    timeout -k 5 "$T" "$@" >out 2>err
  else
    "$@" >out 2>err
  fi
  got=$?
  case "|$want|" in
  *"|$got|"*) ok ;;
  *)
    not_ok "$desc: exit $got, expected $want"
    [ -n "${T:-}" ] && [ "$got" -eq 124 ] && echo "    (timed out after $T s)"
    sed 's/^/    stdout: /' out | head -n 10
    sed 's/^/    stderr: /' err | head -n 10
    ;;
  esac
}

expect_eq() { # DESCRIPTION GOT WANT
  if [ "$2" = "$3" ]; then ok; else
    not_ok "$1"
    echo "    expected: $3"
    echo "    got:      $2"
  fi
}

same_file() { # DESCRIPTION FILE1 FILE2
  if cmp -s "$2" "$3"; then ok; else
    not_ok "$1: $2 and $3 differ"
    diff "$2" "$3" | head -n 10 | sed 's/^/    /'
  fi
}

# summary NAME: the last line a script prints; its exit status
summary() {
  echo "$1: $pass passed, $fail failed, $skip skipped"
  [ "$fail" -eq 0 ]
}
