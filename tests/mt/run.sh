#!/bin/sh
# The mt pack (issue 7): round-trip translation artifacts in a story of
# ours are repaired (story.txt -> expected.txt); honest prose of ours that
# uses the same words in their own senses (honest.txt) gives no finding;
# the pack is named in the JSON and counted by --score.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"
here="$top/tests/mt"

# 1. the story: every artifact repaired, nothing else touched
$UNSPIN --packs news,mt -f text "$here/story.txt" >got 2>err
rc=$?
if [ "$rc" -eq 1 ] && cmp -s got "$here/expected.txt"; then ok; else
  not_ok "story.txt: exit $rc"
  diff "$here/expected.txt" got | head -n 20
  head -n 5 err
fi

# 2. honest prose: the same words in their own senses
out=$($UNSPIN --packs news,mt -f lines "$here/honest.txt" 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ -z "$out" ]; then ok; else
  not_ok "honest.txt: exit $rc, findings:"
  echo "$out" | head -n 10
fi

# 3. the default packs do not include mt
out=$($UNSPIN -f lines "$here/story.txt" 2>&1)
case "$out" in
  *MT-*) not_ok "mt findings without --packs mt: $out" ;;
  *) ok ;;
esac

# 4. the table's phrases, left to the model, and the pack in the output
printf 'The gunmen fired actual bullets at the crowd.\n' >doc.txt
$UNSPIN --packs news,mt -f json doc.txt >out 2>&1
grep -q '"replacement": "live bullets", "rule": "MT-CALQUE", "source": "hand", "pack": "mt"' out \
  && ok || not_ok "json: $(cat out)"
$UNSPIN --packs news,mt --score "$here/story.txt" >out 2>&1
case $(cat out) in
  *"story.txt: spin estimate "*", 6 findings, "*" words; news 0, mt 6") ok ;;
  *) not_ok "--score per pack: $(cat out)" ;;
esac

summary mt
