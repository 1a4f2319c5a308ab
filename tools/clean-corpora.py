#!/usr/bin/env python3
"""clean-corpora.py - the clean news of ../shared/data as score.py input.

usage: tools/clean-corpora.py SHARED-DIR OUT-DIR

Writes OUT-DIR/NAME.jsonl, one {"doc", "text"} line per paragraph, for
the corpora beside the dev set that no spinner touched:
  gum-wikinews   Wikinews news and interviews of the GUM corpus
  ose-adv        OneStopEnglish, Guardian articles (advanced level)
  ose-int        the same articles rewritten by people (intermediate)
  ose-ele        ... and simplified further (elementary)
The files hold one article after each "### NAME" line.  Neither the
table nor the model learned from them, so their false alarms (score.py
clean) are a second reading of the dev-clean figure on other writers,
and the rewrites one of legitimate paraphrase (make eval prints them).
Prints the names written; a corpus that is missing is skipped.
Python 3 standard library only."""
import gzip
import json
import os
import sys

CORPORA = [
    ("gum-wikinews", "data/news-gum-wikinews/gum_wikinews_news_interviews.txt"),
    ("ose-adv", "data/news-onestopenglish/onestopenglish_adv.txt.gz"),
    ("ose-int", "data/news-onestopenglish/onestopenglish_int.txt.gz"),
    ("ose-ele", "data/news-onestopenglish/onestopenglish_ele.txt.gz"),
]


def articles(path):
    """(name, [paragraph, ...]) for each "### NAME" section of path."""
    opener = gzip.open if path.endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("### "):
                out.append((line[4:].split("\t")[0], []))
            elif line.strip() and out:
                out[-1][1].append(line)
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    shared, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for name, rel in CORPORA:
        src = os.path.join(shared, rel)
        if not os.path.exists(src):
            continue
        dst = os.path.join(outdir, name + ".jsonl")
        tmp = dst + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            for doc, paras in articles(src):
                for p in paras:
                    f.write(json.dumps({"doc": doc, "text": p}) + "\n")
        os.replace(tmp, dst)
        print(name)


if __name__ == "__main__":
    main()
