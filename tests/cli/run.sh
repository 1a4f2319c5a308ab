#!/bin/sh
# CLI checks (after jq's shtest and git's test_expect_code): exit status,
# stdin, errors and their messages, -o, --check, and the round trip through
# patch(1) and git apply.  Runs in a temporary directory removed on exit.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"

# expect_file_eq DESCRIPTION FILE EXPECTED-TEXT

spun='Reports from the city said airstrikes helped push again the fighters.'
fixed='Reports from the city said airstrikes helped push back the fighters.'

expect_code 0 "--version" $UNSPIN --version
expect_eq "--version output" "$(cat out)" "unspin $(sed -n 's/^#define UNSPIN_VERSION "\(.*\)"/\1/p' "$top/src/unspin.h")"
expect_code 0 "--help" $UNSPIN --help
expect_code 2 "unknown option" $UNSPIN --frobnicate
expect_eq "unknown option hint" "$(tail -n 1 err)" "Try 'unspin --help' for more information."
expect_code 2 "unknown format" $UNSPIN -f yaml
expect_eq "unknown format message" "$(head -n 1 err)" "unspin: error: unknown format 'yaml'"
expect_code 2 "bad --min-confidence" $UNSPIN --min-confidence 2 x

# missing and unreadable files
expect_code 2 "missing file" $UNSPIN nope.txt
expect_eq "missing file message" "$(cat err)" "unspin: error: cannot open 'nope.txt': No such file or directory"
mkdir adir
# a directory is walked (tests/cli/batch.sh); an empty one holds nothing
expect_code 0 "empty directory as input" $UNSPIN adir
expect_eq "empty directory summary" "$(cat err)" "unspin: 0 files, 0 findings, 0 fixed"

# stdin, '-' and files
printf 'The city council met on Tuesday.\n' >clean.txt
printf '%s\n' "$spun" >spun.txt
expect_code 0 "clean text on stdin" sh -c "$UNSPIN <clean.txt"
expect_eq "clean text prints nothing" "$(cat out)" ""
expect_code 1 "spun text on stdin" sh -c "$UNSPIN - <spun.txt"
expect_code 1 "spun text with -i" $UNSPIN -i spun.txt
expect_code 0 "empty file" sh -c ": >empty.txt; $UNSPIN empty.txt"
printf '  \n\n\t\n' >blank.txt
expect_code 0 "whitespace only" $UNSPIN blank.txt

# -f text and -o
expect_code 1 "-f text" $UNSPIN -f text spun.txt
expect_eq "-f text output" "$(cat out)" "$fixed"
expect_code 1 "-o" $UNSPIN -i spun.txt -o fixed.txt
expect_eq "-o writes the corrected text" "$(cat fixed.txt)" "$fixed"
expect_eq "-o alone prints nothing" "$(cat out)" ""
expect_code 2 "-o into a directory" $UNSPIN -i spun.txt -o adir
expect_code 2 "-o with two inputs" $UNSPIN -o x.txt spun.txt clean.txt

# --check and lines
expect_code 1 "--check finds" $UNSPIN --check spun.txt
expect_eq "--check lines" "$(cat out)" "spun.txt:1:51: EN-SPIN-BACK: 'again' -> 'back'"
expect_code 0 "--check clean" $UNSPIN --check clean.txt
expect_code 1 "--score" $UNSPIN --score spun.txt
case $(cat out) in "spun.txt: spin estimate "*", 1 findings, 11 words; news 1") ok ;; *) not_ok "--score line: $(cat out)" ;; esac

# invalid UTF-8 of each kind: an error naming file, line and column
for bad in '\200' '\300\257' '\355\240\200' '\364\220\200\200' '\342\202'; do
  printf "ok\nab$bad" >bad.txt
  expect_code 2 "invalid UTF-8 $bad" $UNSPIN bad.txt
  case $(cat err) in "unspin: bad.txt:2:3: error: invalid UTF-8 byte 0x"*) ok ;; *) not_ok "invalid UTF-8 $bad message: $(cat err)" ;; esac
done
printf 'a\000b' >nul.txt
expect_code 2 "NUL byte" $UNSPIN nul.txt
case $(cat err) in "unspin: nul.txt:1:2: error: NUL byte"*) ok ;; *) not_ok "NUL message: $(cat err)" ;; esac

# bytes outside the changed spans survive: CRLF, BOM, curly quotes, spacing
printf '\357\273\277“Quote,”  he said.\r\nThey helped  push again the  fighters.\r\n' >crlf.txt
printf '\357\273\277“Quote,”  he said.\r\nThey helped  push back the  fighters.\r\n' >crlf.want
expect_code 1 "CRLF and BOM" $UNSPIN -o crlf.got crlf.txt
if cmp -s crlf.got crlf.want; then ok; else not_ok "CRLF/BOM not preserved"; od -c crlf.got | head; fi

# case pattern of the replaced text
printf 'They PUSH AGAIN THE rebels. Push again the rebels.\n' >case.txt
expect_code 1 "case" $UNSPIN -f text case.txt
expect_eq "case pattern" "$(cat out)" "They PUSH BACK THE rebels. Push back the rebels."

# round trip: the printed diff applied with patch -p1 and git apply gives
# exactly the -o output, also without a final newline
for f in spun.txt crlf.txt; do
  mkdir -p rt/a && cp "$f" rt/a/
  (cd rt/a && $UNSPIN "$f" >../d.patch; $UNSPIN -o ../want "$f")
  (cd rt/a && patch -s -p1 <../d.patch) && cmp -s "rt/a/$f" rt/want && ok || not_ok "patch round trip $f"
  rm -rf rt
done
cp "$top/samples/taliban-qala-i-naw-spun.txt" sample.txt
$UNSPIN sample.txt >sample.patch
$UNSPIN -o sample.want sample.txt
mkdir g && cp sample.txt g/ && (cd g && git init -q && git apply ../sample.patch) && cmp -s g/sample.txt sample.want && ok || not_ok "git apply round trip on the sample"
cp sample.txt p.txt && patch -s p.txt <sample.patch && cmp -s p.txt sample.want && ok || not_ok "patch round trip on the sample"

# JSON parses and carries offsets
expect_code 1 "json" $UNSPIN -f json spun.txt
python3 -c 'import json,sys; d=json.load(open("out")); f=d["findings"][0]; t=open("spun.txt","rb").read(); assert t[f["start"]:f["end"]].decode()==f["spun"], f' && ok || not_ok "json offsets"

# word-diff: plain when not a terminal or with --color=never, ANSI with always
expect_code 1 "word-diff" $UNSPIN -f word-diff spun.txt
expect_eq "word-diff line" "$(tail -n 1 out)" "Reports from the city said airstrikes helped push [-again-]{+back+} the fighters."
expect_code 1 "word-diff --color=always" $UNSPIN -f word-diff --color=always spun.txt
case $(cat out) in *"$(printf '\033[31m[-again-]')"*) ok ;; *) not_ok "--color=always has no colour" ;; esac
expect_code 1 "word-diff --color=never" $UNSPIN -f word-diff --color=never spun.txt
case $(cat out) in *"$(printf '\033')"*) not_ok "--color=never has colour" ;; *) ok ;; esac
expect_code 2 "bad --color" $UNSPIN --color=sometimes spun.txt

# SARIF 2.1.0 with a fix whose byte region is the spun text
expect_code 1 "sarif" $UNSPIN -f sarif spun.txt
python3 - out spun.txt <<'PY' && ok || not_ok "sarif structure"
import json, sys
log = json.load(open(sys.argv[1]))
t = open(sys.argv[2], "rb").read()
assert log["version"] == "2.1.0"
run = log["runs"][0]
assert run["tool"]["driver"]["name"] == "unspin"
r = run["results"][0]
reg = r["locations"][0]["physicalLocation"]["region"]
rep = r["fixes"][0]["artifactChanges"][0]["replacements"][0]
assert t[reg["byteOffset"]:reg["byteOffset"] + reg["byteLength"]] == b"again"
assert rep["insertedContent"]["text"] == "back"
assert r["ruleId"] in [x["id"] for x in run["tool"]["driver"]["rules"]]
PY

# a closed output pipe is not a crash
$UNSPIN "$top/samples/taliban-qala-i-naw-spun.txt" | head -c 1 >/dev/null
ok

summary cli
