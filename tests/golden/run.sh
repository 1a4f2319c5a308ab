#!/bin/sh
# Golden tests: whole-program output for the sample article in every format
# must match the files here byte for byte.  `make golden-update` rewrites
# them; review the change with git diff.
set -u
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/../.." || exit 2
sample=samples/taliban-qala-i-naw-spun.txt
status=0
for fmt in diff word-diff lines json sarif html text; do
  expected=tests/golden/sample.$fmt
  got=$(mktemp)
  $VALGRIND "${UNSPIN_BIN:-./unspin}" -f "$fmt" "$sample" >"$got"
  rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "golden: unspin -f $fmt exited $rc"
    status=1
  elif ! cmp -s "$expected" "$got"; then
    echo "golden: -f $fmt differs from $expected:"
    diff -u "$expected" "$got" | head -n 40
    status=1
  fi
  rm -f "$got"
done
got=$(mktemp)
"${UNSPIN_BIN:-./unspin}" --help >"$got"
if ! cmp -s tests/golden/cli-help.out "$got"; then
  echo "golden: --help differs from tests/golden/cli-help.out:"
  diff -u tests/golden/cli-help.out "$got"
  status=1
fi
rm -f "$got"
exit $status
