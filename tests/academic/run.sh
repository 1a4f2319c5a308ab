#!/bin/sh
# The academic pack (issue 7): every kept fingerprint, placed in a sentence
# of ours, is found and repaired (one unspin run over generated documents);
# scientific prose of ours gives no finding; the screener's guards (with,
# without, near) decide; packs are chosen with --packs and counted by
# --score and the JSON output.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYTHON:-python3}
. "$top/tests/lib.sh"

# findings PACKS TEXT: the lines output for TEXT (a one-line document)
findings() {
  printf '%s\n' "$2" >doc.txt
  $UNSPIN --packs "$1" -f lines doc.txt 2>&1
}

# expect_fix DESC TEXT WANT: --packs academic turns TEXT into WANT
expect_fix() {
  printf '%s\n' "$2" >doc.txt
  got=$($UNSPIN --packs academic -f text doc.txt 2>&1)
  if [ "$got" = "$3" ]; then ok; else
    not_ok "$1"
    echo "    expected: $3"
    echo "    got:      $got"
  fi
}

# 1. every fingerprint, in one run
if $PYTHON "$top/tests/academic/cases.py" "$top" cases >/dev/null; then
  (cd cases && $UNSPIN --packs academic -f text $(cat files)) >got 2>err
  rc=$?
  if [ "$rc" -ne 1 ]; then
    not_ok "fingerprints: exit $rc, expected 1"
    head -n 5 err
  elif ! cmp -s cases/expected got; then
    not_ok "fingerprints: $(diff cases/expected got | grep -c '^>') sentences not repaired as expected"
    diff cases/expected got | head -n 20
  else
    ok
  fi
else
  not_ok "cases.py failed"
fi

# 2. our own scientific prose: nothing, with both packs
out=$($UNSPIN --packs news,academic -f lines "$top/tests/academic/prose.txt" 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ -z "$out" ]; then ok; else
  not_ok "prose.txt: exit $rc, findings:"
  echo "$out" | head -n 10
fi

# 3. guards: each holds or fails inside the document
expect_fix "telltale" "Our large neural organization failed." \
  "Our large neural network failed."
expect_fix "with: the correct term is used elsewhere" \
  "We used profound learning. Deep learning is popular." \
  "We used deep learning. Deep learning is popular."
expect_fix "with: the correct term is not used" \
  "It was a profound learning experience." \
  "It was a profound learning experience."
expect_fix "with: the correct term in another paragraph counts" \
  "$(printf 'We used profound learning.\n\nMore on deep learning later.')" \
  "$(printf 'We used deep learning.\n\nMore on deep learning later.')"
expect_fix "without: the excluded phrase is absent" \
  "The attractive stirrer ran all night." \
  "The magnetic stirrer ran all night."
expect_fix "without: the excluded phrase is present" \
  "The attractive stirrer ran all night. Like poles are repulsive." \
  "The attractive stirrer ran all night. Like poles are repulsive."
expect_fix "near: the term within 20 words" \
  "Bunching of the points is a kind of clustering." \
  "Clustering of the points is a kind of clustering."
expect_fix "near: the term more than 20 words away" \
  "Bunching of the points, as the authors of the earlier survey pointed out in their own words many years ago in a long and careful review, is clustering." \
  "Bunching of the points, as the authors of the earlier survey pointed out in their own words many years ago in a long and careful review, is clustering."

# a document-level guard is looked up once per document, not per match:
# 50,000 guarded matches in 250,000 words stay linear
$PYTHON -c "print('The bosom and the breast. ' * 50000)" >many.txt
timeout 120 $UNSPIN --packs academic --score many.txt >out 2>&1
rc=$?
case "$rc:$(cat out)" in
  "1:many.txt: spin estimate "*", 50000 findings, 250000 words; academic 50000") ok ;;
  *) not_ok "50,000 guarded matches: exit $rc: $(head -c 200 out)" ;;
esac

# 4. packs: the default is news; the JSON and --score say which pack
out=$(findings news "Our neural organization failed.")
[ -z "$out" ] && ok || not_ok "--packs news found '$out'"
case $(findings academic "Our neural organization failed.") in
  "doc.txt:1:5: ACADEMIC-TORTURED: 'neural organization' -> 'neural network'") ok ;;
  *) not_ok "--packs academic: $(findings academic 'Our neural organization failed.')" ;;
esac
printf 'Our neural organization failed.\n' >doc.txt
$UNSPIN --packs news,academic -f json doc.txt >out 2>&1
grep -q '"rule": "ACADEMIC-TORTURED", "source": "pps-csv", "pack": "academic"' out \
  && ok || not_ok "json lacks the pack: $(cat out)"
$UNSPIN --packs news,academic --score doc.txt >out 2>&1
case $(cat out) in
  "doc.txt: spin estimate "*", 1 findings, 4 words; news 0, academic 1") ok ;;
  *) not_ok "--score per pack: $(cat out)" ;;
esac
$UNSPIN --packs academic,nonsense doc.txt >out 2>err
rc=$?
if [ "$rc" -eq 2 ] && grep -q "unknown pack 'nonsense'" err; then ok; else
  not_ok "unknown pack: exit $rc: $(cat err)"
fi

summary academic
