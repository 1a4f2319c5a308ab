#!/usr/bin/env python3
"""Build the benchmark corpus for `make bench` (tools/bench/bench.sh).

One deterministic stream of news-like articles is written, and the input
files are its prefixes, each cut at a paragraph (or word) boundary so that
every file is valid UTF-8 and ends with a newline:

    corpus-1k.txt    ~1 KB    start-up time
    corpus-1m.txt    ~1 MB    proselint, linearity
    corpus-10m.txt   ~10 MB   linearity, perf profile
    corpus-20m.txt   ~20 MB   the main table (unspin and peers)
    corpus-100m.txt  ~100 MB  linearity
    files-1m/        corpus-1m.txt cut at paragraph breaks into files of
                     about 1 KB: a walk of many small files (a pre-commit
                     run over a repository, scraped pages one per file)

Sources: the clean paragraphs of SHARED/eval/dev-clean.jsonl (grouped into
their articles) and the spun sample samples/taliban-qala-i-naw-spun.txt.
Each round shuffles the clean articles (fixed seed) and mixes in spun
articles (runs of consecutive paragraphs of the sample, at least three) until
about SPUN_SHARE of the round's bytes are spun.  Without SHARED only the
sample is used (so the corpus is all spun text); the script says so.

Prints one line per file: name, bytes, source.  Re-running with the same
inputs leaves existing files alone (a stamp file records what built them).
"""
import argparse
import hashlib
import json
import os
import random
import sys

SEED = 6            # project issue 6
SPUN_SHARE = 0.20   # share of bytes that come from spun articles
MB = 1000 * 1000
SIZES = [("1k", 1000), ("1m", 1 * MB), ("10m", 10 * MB), ("20m", 20 * MB),
         ("100m", 100 * MB)]
GENERATOR_VERSION = "2"  # 2: files-1m/


def paragraphs(text):
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def load(shared, sample):
    with open(sample, encoding="utf-8") as f:
        spun = paragraphs(f.read())
    clean = []
    dev = os.path.join(shared, "eval", "dev-clean.jsonl") if shared else None
    if dev and os.path.isfile(dev):
        docs = {}
        order = []
        with open(dev, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if r["doc"] not in docs:
                    docs[r["doc"]] = []
                    order.append(r["doc"])
                docs[r["doc"]].append(r["text"].strip())
        clean = [docs[d] for d in order]
    return clean, spun, dev if clean else None


def stream(clean, spun, total):
    """Yield encoded articles until `total` bytes have been produced."""
    rng = random.Random(SEED)
    produced = 0
    while produced < total:
        articles = []
        if clean:
            clean_bytes = 0
            for doc in clean:
                a = "\n\n".join(doc)
                clean_bytes += len(a.encode("utf-8"))
                articles.append(a)
            target = clean_bytes * SPUN_SHARE / (1 - SPUN_SHARE)
        else:
            target = 1 * MB
        spun_bytes = 0
        while spun_bytes < target:
            n = rng.randint(min(3, len(spun)), len(spun))
            start = rng.randint(0, len(spun) - n)
            a = "\n\n".join(spun[start:start + n])
            spun_bytes += len(a.encode("utf-8"))
            articles.append(a)
        rng.shuffle(articles)
        for a in articles:
            b = (a + "\n\n").encode("utf-8")
            produced += len(b)
            yield b
            if produced >= total:
                return


def cut(data, size):
    """Prefix of data of at most `size` bytes, ending at a paragraph break,
    else a line break, else a space (never inside a UTF-8 sequence)."""
    if len(data) <= size:
        return data
    head = data[:size]
    for sep in (b"\n\n", b"\n", b" "):
        i = head.rfind(sep)
        if i >= size * 0.8 or (sep == b" " and i > 0):
            return head[:i].rstrip() + b"\n"
    return head[: head.rfind(b" ")] + b"\n"


SMALL_FILE = 1000    # files-1m/: paragraphs are gathered up to this many bytes


def split_files(data, outdir):
    """data cut at paragraph breaks into files of about SMALL_FILE bytes,
    written as outdir/NNNN.txt (a fresh folder); returns their count."""
    tmp = outdir + ".tmp"
    if os.path.isdir(tmp):
        for name in os.listdir(tmp):
            os.remove(os.path.join(tmp, name))
    else:
        os.makedirs(tmp)
    n, cur = 0, b""
    paras = data.split(b"\n\n")
    for i, p in enumerate(paras):
        cur += p.strip(b"\n") + b"\n\n"
        if len(cur) >= SMALL_FILE or i == len(paras) - 1:
            with open(os.path.join(tmp, "%04d.txt" % n), "wb") as f:
                f.write(cur.rstrip(b"\n") + b"\n")
            n, cur = n + 1, b""
    if os.path.isdir(outdir):
        for name in os.listdir(outdir):
            os.remove(os.path.join(outdir, name))
        os.rmdir(outdir)
    os.rename(tmp, outdir)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--sample", default="samples/taliban-qala-i-naw-spun.txt")
    ap.add_argument("--out", default="build/bench")
    args = ap.parse_args()

    clean, spun, dev = load(args.shared, args.sample)
    source = ("%s (%d clean articles) + %s (spun, ~%d%% of bytes)"
              % (dev, len(clean), args.sample, round(SPUN_SHARE * 100)) if clean else
              "%s only (%s/eval/dev-clean.jsonl not found: all text is spun)"
              % (args.sample, args.shared))

    h = hashlib.sha256(GENERATOR_VERSION.encode())
    for p in ([dev] if dev else []) + [args.sample, __file__]:
        with open(p, "rb") as f:
            h.update(f.read())
    stamp = h.hexdigest()
    os.makedirs(args.out, exist_ok=True)
    stamp_path = os.path.join(args.out, "corpus.stamp")
    names = [os.path.join(args.out, "corpus-%s.txt" % n) for n, _ in SIZES]
    files_dir = os.path.join(args.out, "files-1m")
    fresh = (os.path.isfile(stamp_path) and all(os.path.isfile(p) for p in names)
             and os.path.isdir(files_dir)
             and open(stamp_path).read().split("\n")[0] == stamp)
    if not fresh:
        total = max(s for _, s in SIZES) + 64 * 1024
        data = b"".join(stream(clean, spun, total))
        for (_, size), path in zip(SIZES, names):
            tmp = path + ".tmp"
            with open(tmp, "wb") as f:
                f.write(cut(data, size))
            os.replace(tmp, path)
        with open(names[SIZES.index(("1m", 1 * MB))], "rb") as f:
            split_files(f.read(), files_dir)
        with open(stamp_path, "w") as f:
            f.write(stamp + "\n" + source + "\n")
    for (n, _), path in zip(SIZES, names):
        print("%s\t%d\t%s" % (n, os.path.getsize(path), path))
    nfiles = len(os.listdir(files_dir))
    print("files\t%d\t%d\t%s" % (nfiles, sum(os.path.getsize(os.path.join(
        files_dir, x)) for x in os.listdir(files_dir)), files_dir))
    print("source\t%s" % source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
