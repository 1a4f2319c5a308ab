#!/usr/bin/env python3
"""cv-eval.py - article-level k-fold cross-validation on the training pairs.

Usage (from the repository root, with ./unspin built):

    python3 tools/cv-eval.py [--folds 5] [--work DIR] [--reuse] [-v]
                             [--min-confidence X ...] [--unspin ./unspin]
                             [--coverage]

Training on train and measuring on train says how well the table fits, not
how well it generalises: the substitution table is mostly made of what was
seen there.  This script groups train-pairs.jsonl by article (the id prefix
before the last '-'), splits the articles into K folds (sorted, round
robin: deterministic), and for each fold builds the table from the other
folds' pairs only (tools/build-dict.py --exclude-articles), then runs
unspin with that table (--data-dir pointing at a copy of dicts/ and rules/
with the fold's subst.tsv) on the held-out fold:

  - spin and mt pairs: WER reduction and edit precision, with the scorer's
    own definitions (../shared/eval/score.py is imported, not copied);
  - the original side of the held-out pairs (deduplicated), and of the
    articles that have only paraphrase pairs, as clean text: edits per
    1,000 words (false alarms).

An edit the scorer counts wrong is also classed (-v prints NEAR or BAD,
the summary counts the NEAR ones): NEAR when its words are the original's
words at that place (or, for a deletion, the spinner's insertion) and
only a neighbour left spun spoils the scorer's one-word context; BAD
when the words themselves are wrong.  The scorer is not changed by this:
its precision stays the figure; the class says what would raise it
(fixing more neighbours, or choosing better words).

--coverage says, instead of running unspin, how much of the spinner's
work the fold tables could undo at all: each substitution in the held-out
spin pairs (a word of an equal-length block, else the block, up to three
words a side) is `pair` when the fold's table has its spun side with that
original, `spun-only` when it has the spun side with other originals only,
`absent` when it has no entry for the spun side, `other` for insertions,
deletions, longer blocks and punctuation; counted in words (the larger
side), as WER counts them.  Inflections are matched by stripping -s, -es,
-ed, -ing, so the split is approximate.  The decoder can only restore the
`pair` part.

Each finding is also judged alone, for spin pairs: applied by itself to
its sentence, does it lower the word error rate against the original
(right), leave it (a wrong word for a spun one), or raise it (a false
alarm)?  This finding precision does not depend on the neighbours, as
the scorer's edit precision does.

Figures are pooled over the folds (sums of errors, edits and words), not
averaged.  --reuse keeps the fold tables in --work from an earlier run (to
measure changes to the decoder without rebuilding the tables); without it
they are rebuilt.  Several --min-confidence values give a precision /
reduction curve from the same tables.  The hand entries and rules were
written with the training pairs in view, so the figures still flatter a
little: they bound held-out performance from above.
"""

import argparse
import difflib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def article(row):
    return str(row["id"]).rsplit("-", 1)[0]


def run_unspin(cmd, text, tmp):
    src = os.path.join(tmp, "in.txt")
    dst = os.path.join(tmp, "out.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(text)
    r = subprocess.run(cmd + ["-i", src, "-o", dst], capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit("cv-eval: unspin failed (%d): %s" %
                 (r.returncode, r.stderr.decode("utf-8", "replace")))
    with open(dst, encoding="utf-8") as f:
        return f.read()


def run_docs(cmd, docs, field, tmp):
    """As score.py: one run per document, paragraphs joined by blank
    lines; returns (row, output paragraph) pairs."""
    out = []
    for d in docs:
        text = "\n\n".join(r[field] for r in d)
        paras = run_unspin(cmd, text, tmp).split("\n\n")
        if len(paras) != len(d):
            sys.exit("cv-eval: unspin changed the paragraph structure")
        out += list(zip(d, paras))
    return out


def aligned(ref, hy):
    """Positions of hy that the alignment with ref keeps as they are."""
    sm = difflib.SequenceMatcher(None, ref, hy, autojunk=False)
    return {j for tag, _, _, j1, j2 in sm.get_opcodes() if tag == "equal"
            for j in range(j1, j2)}


def stem(w):
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            return w[:-len(suf)]
    return w


def stems(words):
    return " ".join(stem(w) for w in words)


def coverage(sc, rows, folds, dirs):
    """Print how the held-out substitutions stand in the fold tables."""
    count = {"pair": 0, "spun-only": 0, "absent": 0, "other": 0}
    for k, held in enumerate(folds):
        table = {}
        with open(os.path.join(dirs[k], "dicts", "en", "subst.tsv"),
                  encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                table.setdefault(stems(cols[0].split()), set()).add(
                    stems(cols[1].split()))
        for r in rows:
            if article(r) not in held or r["kind"] != "spin":
                continue
            sp = sc.norm([x[0] for x in sc.toks(r["spun"])])
            ref = sc.norm([x[0] for x in sc.toks(r["original"])])
            for tag, i1, i2, j1, j2 in sc.opcodes(sp, ref):
                if tag == "replace" and i2 - i1 == j2 - j1:
                    units = [(sp[i:i + 1], ref[j1 + i - i1:j1 + i - i1 + 1])
                             for i in range(i1, i2)]
                else:
                    units = [(sp[i1:i2], ref[j1:j2])]
                for a, b in units:
                    n = max(len(a), len(b))
                    if (tag != "replace" or len(a) > 3 or len(b) > 3 or
                            not any(w[:1].isalpha() for w in a + b)):
                        count["other"] += n
                    elif stems(a) not in table:
                        count["absent"] += n
                    elif stems(b) in table[stems(a)]:
                        count["pair"] += n
                    else:
                        count["spun-only"] += n
    total = sum(count.values())
    print("cv coverage of the held-out substitutions (words): " + ", ".join(
        "%s %d (%.3f)" % (c, v, v / total) for c, v in count.items()))


def judge_findings(sc, cmd, docs, field, tmp):
    """Run unspin -f json (cmd: the command line so far) on each document
    (field "spun" of pairs, or "text" of clean rows) and yield each
    finding (its JSON object) with a verdict: applied by itself to its
    sentence, does it lower the word error rate against the original
    ("right"), leave it ("wrong": a wrong word for a spun one) or raise it
    ("false")?  On clean text every finding is false."""
    for d in docs:
        text = "\n\n".join(r[field] for r in d)
        src = os.path.join(tmp, "in.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(text)
        p = subprocess.run(cmd + ["-f", "json", src], capture_output=True)
        if p.returncode not in (0, 1):
            sys.exit("cv-eval: unspin failed (%d): %s" % (
                p.returncode, p.stderr.decode("utf-8", "replace")))
        raw = text.encode("utf-8")
        starts, pos = [], 0
        for r in d:
            starts.append(pos)
            pos += len(r[field]) + 2
        for f in json.loads(p.stdout)["findings"]:
            if field != "spun":
                yield f, "false"
                continue
            s0 = len(raw[:f["start"]].decode("utf-8"))
            s1 = len(raw[:f["end"]].decode("utf-8"))
            i = max(i for i in range(len(d)) if starts[i] <= s0)
            r = d[i]
            s0, s1 = s0 - starts[i], s1 - starts[i]
            ref = sc.norm([x[0] for x in sc.toks(r["original"])])
            sp = sc.norm([x[0] for x in sc.toks(r["spun"])])
            alone = r["spun"][:s0] + f["replacement"] + r["spun"][s1:]
            hy = sc.norm([x[0] for x in sc.toks(alone)])
            before, after = sc.wer_ops(ref, sp), sc.wer_ops(ref, hy)
            yield f, ("right" if after < before else
                      "false" if after > before else "wrong")


def group(rows, key):
    docs = {}
    for r in rows:
        docs.setdefault(key(r), []).append(r)
    return list(docs.values())


def fold_tables(pairs, nfolds, work, reuse):
    """The training pairs, the folds (article ids), the paraphrase-only
    articles dealt to each fold, and per fold a data directory whose
    table is built without the fold's articles (kept with reuse)."""
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    rows = [json.loads(l) for l in open(pairs, encoding="utf-8")
            if l.strip()]
    arts = sorted(set(article(r) for r in rows
                      if r["kind"] in ("spin", "mt")))
    folds = [arts[i::nfolds] for i in range(nfolds)]
    # articles with only paraphrase pairs never shape a table: their
    # originals are more clean text, dealt round robin to the folds
    para = sorted(set(article(r) for r in rows) - set(arts))
    extra = [para[i::nfolds] for i in range(nfolds)]
    os.makedirs(work, exist_ok=True)
    dirs = []
    for k, held in enumerate(folds):
        d = os.path.join(work, "fold%d" % k)
        table = os.path.join(d, "dicts", "en", "subst.tsv")
        dirs.append(d)
        if reuse and os.path.exists(table):
            continue
        if os.path.exists(d):
            shutil.rmtree(d)
        os.makedirs(os.path.join(d, "dicts", "en"))
        for f in ("irregular.tsv", "hand.tsv"):
            shutil.copy(os.path.join(repo, "dicts", "en", f),
                        os.path.join(d, "dicts", "en", f))
        os.symlink(os.path.join(repo, "dicts", "en", "model.bin"),
                   os.path.join(d, "dicts", "en", "model.bin"))
        shutil.copytree(os.path.join(repo, "rules"), os.path.join(d, "rules"))
        print("fold %d: building the table without %s" % (k, ",".join(held)),
              file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(here, "build-dict.py"),
                        "--pairs", pairs, "--quiet",
                        "--exclude-articles", ",".join(held),
                        "--out", table], check=True)
    return rows, folds, extra, dirs


def held_out_docs(rows, held, extra, kind):
    """The held-out documents of one fold: for "spin" and "mt", the pairs
    of each copy; for "clean", the originals of the held-out pairs and of
    the fold's paraphrase-only articles, deduplicated, as {"doc", "text"}
    rows grouped by article."""
    mine = [r for r in rows if article(r) in held]
    if kind != "clean":
        part = [r for r in mine if r["kind"] == kind]
        return group(part, lambda r: (article(r), r.get("spun_url", "")))
    seen, clean = set(), []
    for r in mine + [r for r in rows if article(r) in extra]:
        key = (r["original_url"], r["original"])
        if key not in seen:
            seen.add(key)
            clean.append({"doc": article(r), "text": r["original"]})
    return group(clean, lambda r: r["doc"])


def fold_arguments(description):
    """An argument parser with the options of the fold tables and the
    program (shared with tools/calibrate.py)."""
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    shared = os.path.join(os.path.dirname(repo), "shared")
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--pairs", default=os.path.join(
        shared, "eval", "train-pairs.jsonl"))
    ap.add_argument("--scorer", default=os.path.join(
        shared, "eval", "score.py"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(
        tempfile.gettempdir(), "unspin-cv"))
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--unspin", default=os.path.join(repo, "unspin"))
    return ap


def main():
    ap = fold_arguments(__doc__.split("\n")[0])
    ap.add_argument("--min-confidence", type=float, action="append")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--coverage", action="store_true")
    args = ap.parse_args()
    sc = load_scorer(args.scorer)

    rows, folds, extra, dirs = fold_tables(args.pairs, args.folds,
                                           args.work, args.reuse)
    calibrated = all(os.path.exists(os.path.join(
        d, "dicts", "en", "calibration.tsv")) for d in dirs)
    print("cv: %d folds in %s, confidence %s" % (
        len(dirs), args.work, "calibrated per fold (tools/calibrate.py)"
        if calibrated else "uncalibrated (the posterior)"))
    if args.coverage:
        coverage(sc, rows, folds, dirs)
        return
    bars = args.min_confidence or [None]
    tmp = tempfile.mkdtemp()
    try:
        for bar in bars:
            tot = {}
            for kind in ("spin", "mt", "clean"):
                tot[kind] = dict(words=0, before=0, after=0, good=0, bad=0,
                                 near=0, edits=0, f_right=0, f_wrong=0,
                                 f_false=0)
            for k, held in enumerate(folds):
                cmd = [args.unspin, "--data-dir", dirs[k]]
                if bar is not None:
                    cmd += ["--min-confidence", str(bar)]
                for kind in ("spin", "mt"):
                    docs = held_out_docs(rows, held, extra[k], kind)
                    t = tot[kind]
                    if kind == "spin":
                        for f, verdict in judge_findings(sc, cmd, docs,
                                                         "spun", tmp):
                            if f["applied"]:
                                t["f_" + verdict] += 1
                    for r, o in run_docs(cmd, docs, "spun", tmp):
                        ref = sc.norm([x[0] for x in sc.toks(r["original"])])
                        sp = sc.norm([x[0] for x in sc.toks(r["spun"])])
                        hy = sc.norm([x[0] for x in sc.toks(o)])
                        t["words"] += len(ref)
                        t["before"] += sc.wer_ops(ref, sp)
                        t["after"] += sc.wer_ops(ref, hy)
                        kept = aligned(ref, hy)
                        spun_kept = aligned(ref, sp)
                        for _, i1, i2, j1, j2 in sc.opcodes(sp, hy):
                            got = " ".join(hy[max(0, j1 - 1):j2 + 1])
                            if got in " ".join(ref):
                                t["good"] += 1
                            else:
                                t["bad"] += 1
                                # the scorer wants the neighbours right
                                # too; say whether the words themselves
                                # are the original's (a spun neighbour
                                # left as it was) or plainly wrong
                                if j1 < j2:
                                    near = all(j in kept
                                               for j in range(j1, j2))
                                else:   # a deletion: of the spinner's words?
                                    near = not any(i in spun_kept
                                                   for i in range(i1, i2))
                                t["near"] += near
                                if args.verbose:
                                    print("%s %s: %-20s -> %-20s | %s" % (
                                        "NEAR" if near else "BAD ",
                                        r["id"], " ".join(sp[i1:i2]),
                                        " ".join(hy[j1:j2]) + "  [" + got + "]",
                                        " ".join(ref[max(0, i1 - 5):i2 + 5])))
                # originals of the held-out pairs as clean text
                t = tot["clean"]
                for r, o in run_docs(cmd, held_out_docs(rows, held, extra[k],
                                                        "clean"),
                                     "text", tmp):
                    a = sc.norm([x[0] for x in sc.toks(r["text"])])
                    b = sc.norm([x[0] for x in sc.toks(o)])
                    ops = sc.opcodes(a, b)
                    t["words"] += len(a)
                    t["edits"] += len(ops)
                    if args.verbose:
                        for _, i1, i2, j1, j2 in ops:
                            print("FALSE %s: %-20s -> %-20s | %s" % (
                                r["doc"], " ".join(a[i1:i2]),
                                " ".join(b[j1:j2]),
                                " ".join(a[max(0, i1 - 5):i2 + 5])))
            label = "default" if bar is None else "%.2f" % bar
            for kind in ("spin", "mt"):
                t = tot[kind]
                red = 1 - t["after"] / t["before"] if t["before"] else 0.0
                n = t["good"] + t["bad"]
                prec = t["good"] / n if n else 1.0
                print("cv bar=%s %s: %d words, WER %.3f -> %.3f, reduction "
                      "%.3f, edit precision %.3f (%d/%d; of the wrong, %d "
                      "are the original's words beside a spun neighbour)" % (
                          label, kind, t["words"], t["before"] / t["words"],
                          t["after"] / t["words"], red, prec, t["good"], n,
                          t["near"]))
            t = tot["spin"]
            n = t["f_right"] + t["f_wrong"] + t["f_false"]
            print("cv bar=%s spin findings judged alone: %d, lower the WER "
                  "%d (finding precision %.3f), wrong word %d, false alarm "
                  "%d" % (label, n, t["f_right"],
                          t["f_right"] / n if n else 1.0, t["f_wrong"],
                          t["f_false"]))
            t = tot["clean"]
            print("cv bar=%s originals: %d words, %d edits, %.2f per 1000" % (
                label, t["words"], t["edits"],
                1000.0 * t["edits"] / t["words"]))
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
