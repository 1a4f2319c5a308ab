#!/usr/bin/env python3
"""ROC AUC of `unspin --score` separating spun copies (dev pairs grouped by
copy, spin and mt) from clean articles (dev-clean, dev-human-rewrites).
First by the document spin estimate alone (the default news pack); then,
for the translated copies, by what an editor sees with --packs news,mt:
the mt pack's findings first, the estimate breaking ties.
usage: tools/triage-auc.py [SHARED-DIR]

Document fluency as a sign of translation, measured (session 10) and not
built: per document, the mean log10 P(word | two before) of the model,
the mean unigram log10 P, their difference (how well words fit their
context) and the share of words the model does not know, computed with
a scratch program over ngram_prob() (not kept).  Against its own
original, a translated copy is not told apart by any of them: AUC 0.42 -
0.62 on the dev set's 14 translated copies and 0.48 - 0.58 on the
training set's 13 (a spun copy against its original: context fit AUC
0.98 on dev, 0.91 on training, which the spin estimate already
exceeds).  A round trip through a good translator gives fluent English;
against dev-clean the same figures would mostly measure the difference
between the sources, not translation."""
import collections, json, os, subprocess, sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
ev = os.path.join(shared, "eval")


def docs(path, field, key, keep=lambda r: True):
    d = collections.OrderedDict()
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if keep(r):
            d.setdefault(key(r), []).append(r[field])
    return ["\n\n".join(v) for v in d.values()]


def estimate(text, packs=None):
    """The spin estimate; with packs, (the mt pack's findings, estimate)."""
    cmd = ["./unspin", "--score", "-"]
    if packs:
        cmd[1:1] = ["--packs", packs]
    p = subprocess.run(cmd, input=text.encode(), capture_output=True)
    line = p.stdout.decode()
    est = float(line.split("spin estimate ")[1].split(",")[0])
    if not packs:
        return est
    return (int(line.split(" mt ")[1].split(",")[0]), est)


pos = {k: docs(os.path.join(ev, "dev-pairs.jsonl"), "spun",
               lambda r: (r["id"].rsplit("-", 1)[0], r["spun_url"]),
               lambda r, k=k: r["kind"] == k) for k in ("spin", "mt")}
neg = []
for name in ("dev-clean.jsonl", "dev-human-rewrites.jsonl"):
    neg += docs(os.path.join(ev, name), "text", lambda r: r.get("doc", r["id"]))
ns = [estimate(t) for t in neg]


def auc(ps, ns):
    wins = sum((p > n) + 0.5 * (p == n) for p in ps for n in ns)
    return wins / (len(ps) * len(ns))


for k, texts in pos.items():
    ps = [estimate(t) for t in texts]
    print(f"{k}: {len(ps)} copies vs {len(ns)} clean articles: AUC {auc(ps, ns):.3f}"
          f" (median estimate {sorted(ps)[len(ps)//2]:.3f} vs {sorted(ns)[len(ns)//2]:.3f})")

ps = [estimate(t, "news,mt") for t in pos["mt"]]
nm = [estimate(t, "news,mt") for t in neg]
print(f"mt, ranked by mt-pack findings then estimate (--packs news,mt): AUC "
      f"{auc(ps, nm):.3f} ({sum(p[0] > 0 for p in ps)} of {len(ps)} copies "
      f"and {sum(n[0] > 0 for n in nm)} of {len(nm)} clean articles "
      f"with mt findings)")
