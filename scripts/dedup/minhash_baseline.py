#!/usr/bin/env python3
"""Baseline duplicate-passage finder: datasketch MinHashLSH over paragraphs.

Each .txt document under CORPUS is split into paragraphs (blank-line separated blocks; hard-wrapped lines
joined, line-end hyphens rejoined, quotes folded, lowercased, punctuation dropped). Paragraphs with fewer
than --min-words words are left out. Each paragraph gets a MinHash of its 5-word shingles (128
permutations) in one MinHashLSH (threshold 0.5); each is then queried, and every candidate in another
document is written as a found pair of paragraph spans, in score.py's JSONL shape:

    {"a": {"document": "orig/0001.txt", "start": S, "end": E}, "b": {...}, "jaccard": J}

Prints passages/second (MinHash, insert and query together; reading and splitting not counted, as
neither is for concord), the pairs found and the peak RSS (getrusage).

Usage: minhash_baseline.py CORPUS OUT.jsonl [--threshold 0.5] [--perm 128] [--min-words 8] [--json]
"""

import argparse
import json
import os
import re
import resource
import sys
import time

try:
    from datasketch import MinHash, MinHashLSH
except ImportError:
    sys.exit("minhash_baseline.py: needs datasketch: pip install datasketch")

BLOCK = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.S)
WORD = re.compile(r"\w+")


def paragraphs(text):
    """(start, end, normalized words) of each blank-line separated block."""
    for match in BLOCK.finditer(text):
        block = match.group()
        block = re.sub(r"(?<=[A-Za-z])-\n\s*(?=[A-Za-z])", "", block)
        block = block.replace("’", "'").replace("‘", "'").lower().replace("'", "")
        yield match.start(), match.end(), WORD.findall(block)


def shingles(words, n=5):
    if len(words) < n:
        return {" ".join(words)}
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--perm", type=int, default=128)
    parser.add_argument("--min-words", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    passages = []  # (document, start, end, shingles)
    for root, _, files in os.walk(args.corpus):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            relative = os.path.relpath(path, args.corpus)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            for start, end, words in paragraphs(text):
                if len(words) >= args.min_words:
                    passages.append((relative, start, end, shingles(words)))
    passages.sort(key=lambda p: (p[0], p[1]))

    began = time.perf_counter()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.perm)
    hashes = []
    for index, (_, _, _, grams) in enumerate(passages):
        minhash = MinHash(num_perm=args.perm)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        hashes.append(minhash)
        lsh.insert(index, minhash)
    pairs = set()
    for index, minhash in enumerate(hashes):
        for other in lsh.query(minhash):
            if other != index and passages[other][0] != passages[index][0]:
                pairs.add((min(index, other), max(index, other)))
    elapsed = time.perf_counter() - began

    with open(args.out, "w", encoding="utf-8") as handle:
        for i, j in sorted(pairs):
            a, b = passages[i], passages[j]
            handle.write(json.dumps({
                "a": {"document": a[0], "start": a[1], "end": a[2]},
                "b": {"document": b[0], "start": b[1], "end": b[2]},
                "jaccard": round(hashes[i].jaccard(hashes[j]), 3),
            }) + "\n")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"passages": len(passages), "seconds": round(elapsed, 3),
              "passages_per_second": round(len(passages) / elapsed, 1) if elapsed else None,
              "pairs": len(pairs), "peak_rss_mib": round(peak_kib / 1024, 1)}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:<22}{value}")


if __name__ == "__main__":
    main()
