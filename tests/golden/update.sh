#!/bin/sh
# Rewrite the golden files from the current binary.
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/../.." || exit 2
for fmt in diff word-diff lines json sarif html text; do
  "${UNSPIN_BIN:-./unspin}" -f "$fmt" samples/taliban-qala-i-naw-spun.txt >tests/golden/sample.$fmt
done
"${UNSPIN_BIN:-./unspin}" --help >tests/golden/cli-help.out
echo "golden files rewritten; review with git diff tests/golden"
