#!/bin/sh
# CLI checks for markup input and suppressions (issue 4): --markup and its
# default by extension, findings only in prose, the diff and -o keeping
# every tag byte for byte, <!-- unspin-disable -->, --ignore and
# .unspinignore at the repository root.  The inputs are tests/cli/markup/
# (our own sentences).  Runs in a temporary directory removed on exit.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"

# every tag, comment and code line of a file, in order: what must not change
markup_of() {
  grep -o '<[^>]*>' "$1"
  grep -n '^    \|^```\|^echo\|](\|`' "$1" | sed 's/\[[^]]*\]//'
}

cp "$top/tests/cli/markup/page.html" "$top/tests/cli/markup/notes.md" .

# --- HTML: only the prose -----------------------------------------------
expect_code 1 "html findings" $UNSPIN -f lines page.html
expect_eq "html: prose only, not attributes, style, pre, code, URLs or the disabled region" "$(cat out)" \
"page.html:10:31: EN-SPIN-WHERE-ING: 'the place' -> 'where'
page.html:11:29: EN-SPIN-BACK: 'again' -> 'back'
page.html:12:86: EN-SPIN-AT-LEAST: 'At the very least' -> 'At least'
page.html:13:15: EN-SPIN-CTX: 'stated' -> 'said'"
# read as text, the same file has findings inside the markup too
expect_code 1 "html read as text" $UNSPIN -f lines --markup=text page.html
if [ "$(wc -l <out)" -gt 4 ] && grep -q '^page.html:5:' out; then ok; else
  not_ok "--markup=text checks the attributes"; fi

# the diff applies and keeps every tag; -o writes the same text
mkdir -p work && cp page.html work/page.html
expect_code 1 "html diff" $UNSPIN page.html
cp out page.diff
(cd work && patch -p1 -s <../page.diff) && ok || not_ok "patch -p1 applies the html diff"
expect_eq "html: tags unchanged by the diff" "$(markup_of work/page.html)" "$(markup_of page.html)"
expect_code 1 "html -o" $UNSPIN -i page.html -o fixed.html
if cmp -s fixed.html work/page.html; then ok; else not_ok "-o equals the patched html"; fi
expect_eq "html: the fixed prose" "$(sed -n '10,13p' fixed.html)" \
'<p>Officials met in the town, where preventing was widespread.</p>
<p>Soldiers helped <em>push back</em> the rebels from the hills.</p>
<p><a href="https://example.org/push-again-the-rebels" title="push again the rebels">At least</a> ten people were hurt.</p>
<p>The police said on Friday that the roads were closed.</p>'
expect_code 0 "fixed html is clean" $UNSPIN -f lines fixed.html

# -w rewrites the file as -o writes it
cp page.html inplace.html
expect_code 1 "html -w" $UNSPIN -w inplace.html
if cmp -s inplace.html fixed.html; then ok; else not_ok "-w equals -o for html"; fi

# --- Markdown ---------------------------------------------------------
expect_code 1 "markdown findings" $UNSPIN -f lines notes.md
expect_eq "markdown: prose only, not front matter, code, URLs or the disabled region" "$(cat out)" \
"notes.md:6:28: EN-SPIN-WHERE-ING: 'the place' -> 'where'
notes.md:7:24: EN-SPIN-BACK: 'again' -> 'back'
notes.md:9:4: EN-SPIN-AT-LEAST: 'At the very least' -> 'At least'
notes.md:18:14: EN-SPIN-CTX: 'stated' -> 'said'"
mkdir -p work && cp notes.md work/notes.md
expect_code 1 "markdown diff" $UNSPIN notes.md
cp out notes.diff
(cd work && patch -p1 -s <../notes.diff) && ok || not_ok "patch -p1 applies the markdown diff"
expect_eq "markdown: code, links and markers unchanged" "$(markup_of work/notes.md)" "$(markup_of notes.md)"
expect_code 1 "markdown -o" $UNSPIN -i notes.md -o fixed.md
if cmp -s fixed.md work/notes.md; then ok; else not_ok "-o equals the patched markdown"; fi

# --- choosing the markup ---------------------------------------------
cp page.html page.txt
expect_code 1 "other extensions are text" $UNSPIN -f lines page.txt
if grep -q '^page.txt:5:' out; then ok; else not_ok ".txt is read as text"; fi
expect_code 1 "--markup=html overrides the extension" $UNSPIN -f lines --markup=html page.txt
expect_eq "--markup=html finds the html findings" "$(wc -l <out | tr -d ' ')" 4
cp page.html PAGE.HTM
expect_code 1 ".HTM is html" $UNSPIN -f lines PAGE.HTM
expect_eq ".HTM: four findings" "$(wc -l <out | tr -d ' ')" 4
expect_code 1 "stdin is text" sh -c "$UNSPIN -f lines <page.html"
if grep -q '^<stdin>:5:' out; then ok; else not_ok "stdin is read as text"; fi
expect_code 1 "stdin with --markup=html" sh -c "$UNSPIN -f lines --markup=html - <page.html"
expect_eq "stdin as html: four findings" "$(wc -l <out | tr -d ' ')" 4
expect_code 1 "--markup=auto" $UNSPIN -f lines --markup=auto notes.md
expect_code 2 "unknown --markup" $UNSPIN --markup=rtf page.html
expect_eq "unknown --markup message" "$(head -n 1 err)" \
  "unspin: error: --markup takes html, markdown, text or auto, not 'rtf'"

# a directory walk reads each file by its extension
mkdir -p site && cp page.html notes.md site/
expect_code 1 "directory of markup" $UNSPIN -f lines site
expect_eq "directory: html and markdown findings" "$(grep -c . out)" 8
if grep -q ':5:' out || grep -q 'notes.md:2:' out; then
  not_ok "directory: markup left alone"; else ok; fi

# a long file is checked in 512 KB chunks, here on two threads: the chunks
# are cut on the shadow, and no finding lands on markup (lines 5 and 6 of
# each block of six)
if [ -z "${VALGRIND:-}" ]; then
  awk 'BEGIN { for (i = 0; i < 12000; i++) {
    print "<p>Officials met in the town, the place preventing was widespread.</p>"
    print "<p>Soldiers helped <em>push again</em> the rebels from the hills.</p>"
    print "<p>At the very least ten people were hurt.</p>"
    print "<p>The police stated on Friday that the roads were closed.</p>"
    print "<p title=\"push again the rebels\"><a href=\"https://x.org/push-again\">x</a></p>"
    print "<pre>They helped push again the rebels.</pre>" } }' >big.html
  expect_code 1 "long html, -j 2" $UNSPIN -f lines -j 2 big.html
  cp out big.j2
  expect_code 1 "long html, -j 1" $UNSPIN -f lines big.html
  if cmp -s out big.j2; then ok; else not_ok "long html: -j 2 gives what -j 1 gives"; fi
  bad=$(awk -F: '$2 % 6 == 5 || $2 % 6 == 0' out | head -n 3)
  expect_eq "long html: no finding on markup lines" "$bad" ""
  if [ "$(grep -c . out)" -gt 12000 ]; then ok; else
    not_ok "long html: findings in every chunk ($(grep -c . out))"; fi
fi

# --- ignore files -----------------------------------------------------
printf '# phrases we keep\n\nAT THE VERY LEAST\n  the place  \n' >keep.txt
expect_code 1 "--ignore" $UNSPIN -f lines --ignore keep.txt page.html
expect_eq "--ignore drops the findings on its phrases" "$(cat out)" \
"page.html:11:29: EN-SPIN-BACK: 'again' -> 'back'
page.html:13:15: EN-SPIN-CTX: 'stated' -> 'said'"
printf 'police stated\n' >keep2.txt
expect_code 1 "--ignore twice" $UNSPIN -f lines --ignore keep.txt --ignore=keep2.txt page.html
expect_eq "--ignore is repeatable" "$(cat out)" \
"page.html:11:29: EN-SPIN-BACK: 'again' -> 'back'"
printf 'push again\nthe police stated\n' >keep3.txt
expect_code 0 "nothing left" $UNSPIN --check --ignore keep.txt --ignore keep3.txt page.html
expect_eq "nothing left prints nothing" "$(cat out)" ""
# word boundaries: "place" alone is no phrase of the text's "the place"
printf 'lace\n' >keep4.txt
expect_code 1 "a part of a word" $UNSPIN -f lines --ignore keep4.txt page.html
expect_eq "a part of a word ignores nothing" "$(wc -l <out | tr -d ' ')" 4
expect_code 2 "missing --ignore file" $UNSPIN --ignore nope.txt page.html
expect_eq "missing --ignore message" "$(cat err)" \
  "unspin: error: cannot open 'nope.txt': No such file or directory"
printf 'fine\n  ---\n' >bad.txt
expect_code 2 "bad ignore file" $UNSPIN --ignore bad.txt page.html
expect_eq "bad ignore file message" "$(cat err)" \
"unspin: bad.txt:2:3: error: ignore phrase has no word
      ---
      ^^^"
printf 'ok\nbad \303(\n' >bad2.txt
expect_code 2 "ignore file not UTF-8" $UNSPIN --ignore bad2.txt page.html
expect_eq "ignore file UTF-8 message" "$(cat err)" \
  "unspin: bad2.txt:2:5: error: invalid UTF-8 byte 0xC3"

# .unspinignore at the repository root, read from a subdirectory
mkdir -p repo/.git repo/sub/deeper
cp page.html repo/sub/deeper/
printf 'the place\n' >repo/.unspinignore
(cd repo/sub/deeper && $UNSPIN -f lines page.html >../../../out 2>../../../err)
expect_eq ".unspinignore at the root" "$(grep -c . out)" 3
if grep -q "the place" out; then not_ok ".unspinignore drops 'the place'"; else ok; fi
# --ignore replaces the default
(cd repo/sub && $UNSPIN -f lines --ignore ../../keep2.txt deeper/page.html >../../out 2>&1)
expect_eq "--ignore replaces .unspinignore" "$(grep -c . out)" 3
if grep -q "the place" out; then ok; else not_ok "--ignore: .unspinignore not read"; fi
# a .git file (a worktree) marks the root too; a missing default is fine
rm -rf repo/.git && : >repo/.git && rm repo/.unspinignore
(cd repo/sub/deeper && $UNSPIN -f lines page.html >../../../out 2>../../../err)
expect_eq "no .unspinignore: all findings" "$(grep -c . out)" 4
expect_eq "no .unspinignore: no message" "$(cat err)" ""
# no repository: the current directory's
mkdir -p norepo && cp page.html norepo/ && printf 'police stated\n' >norepo/.unspinignore
(cd norepo && $UNSPIN -f lines page.html >../out 2>../err)
expect_eq "no repository: ./.unspinignore" "$(grep -c . out)" 3
printf '!!!\n' >norepo/.unspinignore
(cd norepo && $UNSPIN page.html >../out 2>../err; echo $? >../code)
expect_eq "bad .unspinignore: exit 2" "$(cat code)" 2
if grep -q '\.unspinignore:1:1: error: ignore phrase has no word' err; then ok; else
  not_ok "bad .unspinignore message"; cat err; fi

# pathological markup (1 MB each, skipped under valgrind): unclosed links,
# brackets, backtick runs, declarations, tags, URLs, delimiters, comments,
# raw elements; each must finish well inside the limit (about 0.3 s here)
if [ -z "${VALGRIND:-}" ]; then
  for pat in '[a](' '[' '`` ` ' '<!a ' '<a ' 'http://a)' '*a_ ' '&amp;' \
    '[a](b "' '<!-- ' '<pre>' '> - # '; do
    awk -v p="$pat" 'BEGIN { n = int(1000000 / length(p));
      for (i = 0; i < n; i++) printf "%s", p }' >patho.md
    cp patho.md patho.html
    for f in patho.md patho.html; do
      timeout -k 5 30 $UNSPIN --check "$f" >/dev/null 2>err
      rc=$?
      if [ "$rc" -le 1 ]; then ok; else
        not_ok "pathological '$pat' as $f: exit $rc"; fi
    done
  done
fi

summary markup
