#!/bin/sh
# CLI checks of -f html that need no browser: one page per run with a
# section per file, exit status, errors, -o alongside, stdin, --check and a
# failed write.  tests/html/run.sh checks the page itself in Chromium.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"

# expect_count DESCRIPTION FILE STRING N: STRING occurs N times in FILE
expect_count() {
  got=$(grep -o -F -e "$3" "$2" | wc -l)
  [ "$got" -eq "$4" ] || not_ok "$1: '$3' $got times, expected $4"
}

printf 'Reports said airstrikes helped push again the fighters.\n' >a.txt
printf 'It was at the very least a start, the officials stated.\n' >b.txt
printf 'The city council met on Tuesday.\n' >clean.txt

expect_code 1 "three files" $UNSPIN -f html a.txt b.txt clean.txt
expect_count "three files: one page" out '<!DOCTYPE html>' 1
expect_count "three files: one script" out '<script>' 1
expect_count "three files: a section each" out '<section class="doc"' 3
expect_count "three files: title" out '<title>unspin review: 3 files</title>' 1
sed -n 's|^<h2>\(.*\)</h2>$|\1|p' out >order
printf 'a.txt\nb.txt\nclean.txt\n' | cmp -s - order ||
  not_ok "three files: sections in order: $(cat order)"
expect_count "three files: the summary" err "unspin: 3 files, " 1

# threads and directory walks make the same one page
cp out one.html
expect_code 1 "-j 2" $UNSPIN -f html -j 2 a.txt b.txt clean.txt
cmp -s out one.html || not_ok "-j 2: another page than -j 1"
mkdir d && cp a.txt b.txt clean.txt d/
expect_code 1 "a directory" $UNSPIN -f html d
expect_count "a directory: a section each" out '<section class="doc"' 3
expect_count "a directory: named by path" out '<h2>d/b.txt</h2>' 1

expect_code 0 "clean file" $UNSPIN -f html clean.txt
expect_count "clean file: no marks" out '<mark ' 0
expect_count "clean file: one section" out '<section class="doc"' 1

# an unreadable file: an error, and the page holds the others
expect_code 2 "missing file" $UNSPIN -f html nope.txt a.txt
expect_count "missing file: one section" out '<section class="doc"' 1
expect_count "missing file: message" err "cannot open 'nope.txt'" 1
expect_code 2 "only a missing file" $UNSPIN -f html nope.txt
[ -s out ] && not_ok "only a missing file: output not empty"

# -o writes what -o alone writes; the page still goes to stdout
expect_code 1 "-o alone" $UNSPIN -o alone.txt a.txt
expect_code 1 "-f html -o" $UNSPIN -f html -o both.txt a.txt
cmp -s alone.txt both.txt || not_ok "-f html -o: corrected text differs"
expect_count "-f html -o: page on stdout" out '<section class="doc"' 1

expect_code 1 "stdin" sh -c "$UNSPIN -f html <a.txt"
expect_count "stdin: named" out 'data-path="&lt;stdin&gt;"' 1

# findings below the bar are on the page, rejected
expect_code 0 "high bar" $UNSPIN -f html --min-confidence 1 a.txt
expect_count "high bar: shown, rejected" out '<mark class="f off"' 1
expect_count "high bar: none accepted" out '<b class="n-accepted">0</b>' 1

expect_code 1 "--check wins" $UNSPIN --check -f html a.txt
expect_count "--check wins: lines, no page" out '<' 0

if [ -w /dev/full ]; then
  expect_code 2 "write error" sh -c "$UNSPIN -f html a.txt >/dev/full"
  expect_count "write error: message" err 'writing output failed' 1
fi

summary "html cli"
