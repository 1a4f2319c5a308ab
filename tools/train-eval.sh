#!/bin/sh
# Measure on the TRAINING pairs, for tuning: the dev set is for reporting.
# Scores spin and mt restoration on train-pairs.jsonl, and false alarms on
# the original (clean) side of the same pairs, grouped by article.
# usage: tools/train-eval.sh [UNSPIN-COMMAND-TEMPLATE]
set -eu
SHARED=${SHARED:-../shared}
CMD=${1:-"./unspin -i {in} -o {out}"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$SHARED/eval/train-pairs.jsonl" "$tmp/train-clean.jsonl" <<'PY'
import json, sys
seen = set()
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        key = (r["original_url"], r["original"])
        if key in seen:
            continue
        seen.add(key)
        out.write(json.dumps({"doc": r["id"].rsplit("-", 1)[0], "text": r["original"]}) + "\n")
PY
for k in spin mt; do
  printf '%s ' "train-$k"
  python3 "$SHARED/eval/score.py" pairs --pairs "$SHARED/eval/train-pairs.jsonl" --kind $k --cmd "$CMD" | tail -n 1
done
printf 'train-originals '
python3 "$SHARED/eval/score.py" clean --clean "$tmp/train-clean.jsonl" --cmd "$CMD" | tail -n 1
