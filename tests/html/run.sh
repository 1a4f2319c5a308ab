#!/bin/sh
# Browser tests of the HTML review page (unspin -f html): headless Chromium
# driven through chromedriver's W3C WebDriver API by tests/html/browser.py
# (python3 standard library only).  Without chromium, chromedriver or
# python3 this suite is skipped (exit 77), not failed; `make deps-test`
# installs chromium and chromium-driver, as CI does.
set -u
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/../.." || exit 2
for prog in "${CHROMIUM:-chromium}" "${CHROMEDRIVER:-chromedriver}" python3; do
  if ! command -v "$prog" >/dev/null 2>&1; then
    echo "SKIP: '$prog' not found; install chromium and chromium-driver" \
      "(make deps-test) to run the browser tests"
    exit 77
  fi
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
python3 tests/html/browser.py check "${UNSPIN_BIN:-./unspin}" "$tmp"
