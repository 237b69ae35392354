#!/usr/bin/env python3
"""The ingest benchmark's real-text corpus, and nested subsets of it.

    corpus.py build CORPUS         every .html/.htm/.txt/.rst/.pod file (or its .gz) that the Debian packages
                                   linux-doc-6.1, python3.11-doc, perl-doc and debian-policy install, of at
                                   least 500 bytes (after decompression), copied as .html or .txt under
                                   CORPUS/PACKAGE/PATH; CORPUS/manifest.tsv lists them (path, bytes). Done once:
                                   CORPUS/.complete marks a finished corpus.
    corpus.py subset CORPUS DIR MB the files of a fixed shuffle (seed 1) of the corpus, taken in order until MB
                                   megabytes (10^6 bytes), hard-linked into DIR (DIR.complete marks it done); subsets are nested (the 10 MB
                                   one is the start of the 50 MB one). Prints "files bytes".
"""

import gzip
import os
import random
import shutil
import subprocess
import sys

PACKAGES = ["linux-doc-6.1", "python3.11-doc", "perl-doc", "debian-policy"]
KINDS = {".html": ".html", ".htm": ".html", ".txt": ".txt", ".rst": ".txt", ".pod": ".txt"}
MIN_BYTES = 500


def build(corpus):
    if os.path.exists(os.path.join(corpus, ".complete")):
        return
    if os.path.exists(corpus):
        shutil.rmtree(corpus)
    rows = []
    for package in PACKAGES:
        listing = subprocess.run(["dpkg", "-L", package], check=True, capture_output=True, text=True).stdout
        for path in sorted(set(listing.split("\n"))):
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            base, compressed = (path[:-3], True) if path.endswith(".gz") else (path, False)
            stem, ext = os.path.splitext(base)
            if ext.lower() not in KINDS:
                continue
            data = gzip.open(path).read() if compressed else open(path, "rb").read()
            if len(data) < MIN_BYTES:
                continue
            relative = os.path.join(package, stem.lstrip("/") + ("-" + ext[1:] if ext.lower() in (".rst", ".pod") else "") + KINDS[ext.lower()])
            target = os.path.join(corpus, relative)
            if os.path.exists(target):  # e.g. x.txt and x.txt.gz: keep the first
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
            rows.append((relative, len(data)))
    with open(os.path.join(corpus, "manifest.tsv"), "w") as handle:
        for relative, size in rows:
            handle.write(f"{relative}\t{size}\n")
    open(os.path.join(corpus, ".complete"), "w").close()


def subset(corpus, directory, megabytes):
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(corpus, "manifest.tsv"))]
    random.Random(1).shuffle(rows)
    limit = megabytes * 1_000_000
    chosen, total = [], 0
    for relative, size in rows:
        if total >= limit:
            break
        chosen.append(relative)
        total += int(size)
    stamp = directory.rstrip("/") + ".complete"
    if not os.path.exists(stamp):
        if os.path.exists(directory):
            shutil.rmtree(directory)
        for relative in chosen:
            target = os.path.join(directory, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(os.path.join(corpus, relative), target)
        open(stamp, "w").close()
    print(len(chosen), total)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        build(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "subset":
        subset(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        sys.exit(__doc__)
