#!/usr/bin/env python3
"""Build a seeded text-reuse corpus for the duplicate-passage benchmark.

Real English paragraphs come from documentation that Debian packages install
(install them first; the script says which are missing):

    apt-get install -y --no-install-recommends debian-policy python3.11-doc perl-doc linux-doc-6.1

The corpus has three kinds of documents:

- orig/NNNN.txt   originals: 3-6 real paragraphs, some hard-wrapped like PDF text;
- repub/NNNN.txt  republications: passages copied from 1-3 originals with the transformations a web
                  republication makes (reflow and hard-wrap at ~72 columns, hyphenation at line ends,
                  curly/straight quotes and dashes, captions and bylines, a few words changed, added or
                  dropped inside sentences, sentences dropped between copied ones, paragraphs reordered,
                  a new title and subheadings) and fresh paragraphs of their own;
- other/NNNN.txt  distractors: real paragraphs nobody copies.

Each document has a sidecar FILE.meta.json (CSL-JSON: title, issued; originals are issued before the
republications that copy them). truth.jsonl holds one line per true span pair:

    {"a": {"document": "orig/0001.txt", "start": S, "end": E},
     "b": {"document": "repub/0003.txt", "start": S, "end": E}, "edits": K, "sentences": N}

Offsets are Unicode scalars (Python str indices) into the written text, end exclusive. A true pair is a
maximal run of original sentences copied in order, of at least 8 words (concord's default --min-words);
only inserted short elements (a caption, byline or subheading of at most 4 words) may stand between them.
A dropped sentence, a reordered paragraph or a fresh paragraph ends the run.

Two republications that copy overlapping sentences of one original also share them: truth.jsonl holds
those pairs too, marked "derived": true (their edits are both copies' edits together).

Every paragraph is used once, at most 20 come from one source file (reference pages repeat templated
sentences), and a paragraph sharing any 7-word run with one already taken is left out, so documents
share text only where the generator copied it.

Usage: generate.py N OUTDIR [--seed 7]
"""

import argparse
import glob
import gzip
import html
import json
import os
import random
import re
import sys

SOURCES = {
    "python3.11-doc": "/usr/share/doc/python3.11/html/_sources/**/*.rst.txt",
    "linux-doc-6.1": "/usr/share/doc/linux-doc-6.1/Documentation/**/*.rst.gz",
    "perl-doc": "/usr/share/perl/5.*/pod/*.pod",
    "debian-policy": "/usr/share/doc/debian-policy/**/*.html",
}

MIN_WORDS = 8
PER_FILE = 20  # paragraphs taken from one file: reference pages repeat templated sentences
WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Mr.", "Dr.", "vs.", "cf.", "Fig.", "No.")


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read()


def clean_rst(block):
    block = re.sub(r":[a-zA-Z:+-]+:`([^`<]*?)\s*(?:<[^`>]*>)?`", r"\1", block)
    block = re.sub(r"`([^`<]*?)\s*<[^`>]*>`_+", r"\1", block)
    block = re.sub(r"``([^`]*)``", r"\1", block)
    block = re.sub(r"`([^`]*)`_*", r"\1", block)
    block = re.sub(r"\*\*([^*]+)\*\*", r"\1", block)
    block = re.sub(r"\*([^*\s][^*]*)\*", r"\1", block)
    block = re.sub(r"\[[0-9#*]+\]_", "", block)
    return block.replace("\\", "").replace("::", ":")


def clean_pod(block):
    block = re.sub(r"E<gt>", ">", block)
    block = re.sub(r"E<lt>", "<", block)
    for _ in range(3):
        block = re.sub(r"L<([^<>|]*)\|[^<>]*>", r"\1", block)
        block = re.sub(r"[A-Z]<< (.*?) >>", r"\1", block)
        block = re.sub(r"[A-Z]<([^<>]*)>", r"\1", block)
    return block


def clean_html(block):
    return html.unescape(re.sub(r"<[^>]+>", "", block))


def blocks(path):
    """Plain prose blocks of a documentation file, lines joined."""
    text = read(path)
    if path.endswith(".html"):
        raw = re.findall(r"<p>(.*?)</p>", text, flags=re.S)
        return [" ".join(clean_html(p).split()) for p in raw]
    result = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.split("\n")
        if any(not line or line[0] in " \t=.:*-#+|>~^`0123456789" for line in lines):
            continue
        joined = " ".join(line.strip() for line in lines)
        joined = clean_pod(joined) if path.endswith(".pod") else clean_rst(joined)
        result.append(" ".join(joined.split()))
    return result


def is_prose(paragraph):
    words = paragraph.split()
    if not 20 <= len(words) <= 250:
        return False
    if any(ch in paragraph for ch in "<>{}[]$@=|\\") or "http" in paragraph:
        return False
    alpha = sum(1 for w in words if re.fullmatch(r"\(?[A-Za-z][A-Za-z'’-]*[,.;:!?]?\)?[,.;:]?", w))
    return alpha / len(words) >= 0.75 and len(split_sentences(paragraph)) >= 2 and paragraph[-1] in ".!?"


def split_sentences(paragraph):
    parts = SENTENCE_END.split(paragraph)
    merged = []
    for part in parts:
        if merged and merged[-1].endswith(ABBREVIATIONS):
            merged[-1] += " " + part
        else:
            merged.append(part)
    return [p for p in merged if p]


def shingles(paragraph, n=8):
    words = [w.lower().replace("’", "'").replace("-", "") for w in WORD.findall(paragraph)]
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def collect_paragraphs(needed, rng):
    missing = [name for name, pattern in SOURCES.items() if not glob.glob(pattern, recursive=True)]
    if missing:
        sys.exit("generate.py: install the text sources first: apt-get install -y --no-install-recommends "
                 + " ".join(missing))
    files = sorted(path for pattern in SOURCES.values() for path in glob.glob(pattern, recursive=True)
                   if os.path.isfile(path))
    rng.shuffle(files)
    seen = set()
    paragraphs = []
    for path in files:
        taken = 0
        for paragraph in blocks(path):
            if taken >= PER_FILE or not is_prose(paragraph):
                continue
            grams = shingles(paragraph, 7)
            if grams & seen:
                continue
            seen |= grams
            paragraphs.append(paragraph)
            taken += 1
        if len(paragraphs) >= needed:
            break
    if len(paragraphs) < needed:
        sys.exit(f"generate.py: only {len(paragraphs)} paragraphs found, {needed} needed")
    return paragraphs


# --- transformations ----------------------------------------------------------------------------------

FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena"]
LAST = ["Moreau", "Novak", "Okafor", "Park", "Quinn", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber"]
AGENCIES = ["Reuters", "AFP", "Wikimedia Commons", "Getty Images", "Staff", "Pixabay", "AP"]
FILLERS = ["really", "also", "often", "still", "indeed", "now", "usually", "clearly", "simply", "only"]


def edit_sentence(sentence, rng, count):
    """A few words changed, added or dropped inside the sentence (never the first or last two words)."""
    words = sentence.split(" ")
    done = 0
    for _ in range(count):
        if len(words) < 8:
            break
        at = rng.randrange(2, len(words) - 2)
        kind = rng.choice(["change", "add", "drop"])
        if kind == "change":
            words[at] = rng.choice(FILLERS + ["the", "a", "this", "some", "many", "each"])
        elif kind == "add":
            words.insert(at, rng.choice(FILLERS))
        else:
            del words[at]
        done += 1
    return " ".join(words), done


def curly(text):
    text = re.sub(r'"(?=\w)', "“", text)
    text = text.replace('"', "”")
    text = re.sub(r"(?<=\w)'", "’", text)
    text = text.replace("'", "‘")
    return text.replace(" -- ", " — ").replace("--", "—")


def straight(text):
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("—", "--"), ("–", "-")):
        text = text.replace(a, b)
    return text


def wrap(paragraph, rng, width, hyphenate):
    """Hard-wrap at about `width` columns, sometimes hyphenating a long word at the line end.

    Returns the wrapped text and `position`, where position[i] is the index in the wrapped text of
    character i of the paragraph (and position[len] its end).
    """
    out = []
    position = [0] * (len(paragraph) + 1)
    column = 0
    i = 0
    length = 0
    for match in re.finditer(r"\S+", paragraph):
        word = match.group()
        start = match.start()
        gap = paragraph[i:start]
        if column > 0 and column + 1 + len(word) > width:
            alpha = re.fullmatch(r"[a-z]{8,}", word)
            room = width - column - 2
            if hyphenate and alpha and room >= 3 and rng.random() < 0.5:
                cut = min(room, len(word) - 3)
                for k in range(i, start):
                    position[k] = length
                out.append(" ")
                length += 1
                for k in range(cut):
                    position[start + k] = length + k
                out.append(word[:cut] + "-\n")
                length += cut + 2
                for k in range(cut, len(word)):
                    position[start + k] = length + k - cut
                out.append(word[cut:])
                length += len(word) - cut
                column = len(word) - cut
                i = match.end()
                continue
            for k in range(i, start):
                position[k] = length
            out.append("\n")
            length += 1
            column = 0
        else:
            for k in range(i, start):
                position[k] = length + (k - i)
            out.append(gap)
            length += len(gap)
            column += len(gap)
        for k in range(len(word)):
            position[start + k] = length + k
        out.append(word)
        length += len(word)
        column += len(word)
        i = match.end()
    position[len(paragraph)] = length
    return "".join(out), position


class Writer:
    """Assembles a document from paragraphs, remembering where tagged sentences land."""

    def __init__(self):
        self.parts = []
        self.length = 0
        self.marks = []  # (tag, start, end)

    def paragraph(self, sentences, rng, hard_wrap, hyphenate):
        """sentences: list of (text, tag or None); joined with single spaces."""
        text = ""
        spans = []
        for sentence, tag in sentences:
            if text:
                text += " "
            spans.append((tag, len(text), len(text) + len(sentence)))
            text += sentence
        position = None
        if hard_wrap:
            text, position = wrap(text, rng, rng.randint(68, 80), hyphenate)
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        for tag, start, end in spans:
            if tag is not None:
                if position:
                    start, end = position[start], position[end - 1] + 1
                self.marks.append((tag, self.length + start, self.length + end))
        self.parts.append(text)
        self.length += len(text)

    def text(self):
        return "".join(self.parts) + "\n"


def title_from(paragraph, rng):
    words = [w for w in WORD.findall(paragraph) if len(w) > 3]
    rng.shuffle(words)
    return " ".join(w.capitalize() for w in words[: rng.randint(3, 6)])


def short_heading(rng, pool):
    return " ".join(w.capitalize() for w in rng.sample(pool, rng.randint(2, 4)))


def derived_pairs(copies, originals, min_words=MIN_WORDS):
    """Pairs between two republications whose runs copy overlapping sentences of the same original."""
    by_source = {}
    for source, relative, run in copies:
        by_source.setdefault(source, []).append((relative, run))
    pairs = []
    for source, runs in sorted(by_source.items()):
        paragraphs = originals[source]["paragraphs"]
        for x in range(len(runs)):
            for y in range(x + 1, len(runs)):
                (doc_x, run_x), (doc_y, run_y) = runs[x], runs[y]
                if doc_x == doc_y:
                    continue
                in_y = {(p, k): (edits, start, end) for p, k, edits, start, end in run_y}
                shared = [(p, k, edits, start, end) for p, k, edits, start, end in run_x if (p, k) in in_y]
                if sum(len(paragraphs[p][k].split()) for p, k, _, _, _ in shared) < min_words:
                    continue
                first, last = shared[0], shared[-1]
                pairs.append({
                    "a": {"document": doc_x, "start": first[3], "end": last[4]},
                    "b": {"document": doc_y, "start": in_y[first[:2]][1], "end": in_y[last[:2]][2]},
                    "edits": sum(e for _, _, e, _, _ in shared) + sum(in_y[(p, k)][0] for p, k, _, _, _ in shared),
                    "sentences": len(shared),
                    "derived": True,
                })
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of documents (e.g. 200 or 5000)")
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    n_orig = max(1, int(args.count * 0.4))
    n_repub = max(1, int(args.count * 0.4))
    n_other = max(0, args.count - n_orig - n_repub)
    needed = int((n_orig * 4.5 + n_other * 4 + n_repub) * 1.15) + 10
    pool = collect_paragraphs(needed, rng)
    rng.shuffle(pool)
    heading_words = sorted({w.lower() for p in pool[:200] for w in WORD.findall(p) if len(w) > 4 and w.isalpha()})

    os.makedirs(args.outdir, exist_ok=True)
    for sub in ("orig", "repub", "other"):
        os.makedirs(os.path.join(args.outdir, sub), exist_ok=True)

    def take():
        if not pool:
            sys.exit("generate.py: ran out of source paragraphs; ask for fewer documents")
        return pool.pop()

    def write(relative, text, title, day):
        path = os.path.join(args.outdir, relative)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        year, rest = divmod(day, 360)
        meta = {"title": title, "issued": {"date-parts": [[2000 + year, rest // 30 + 1, rest % 30 + 1]]}}
        with open(path + ".meta.json", "w", encoding="utf-8") as handle:
            json.dump(meta, handle, ensure_ascii=False)
            handle.write("\n")

    # Originals: paragraphs of sentences; text and sentence spans kept for the copies.
    originals = []
    originals_text = []
    for index in range(n_orig):
        relative = f"orig/{index + 1:04d}.txt"
        paragraphs = [split_sentences(take()) for _ in range(rng.randint(3, 6))]
        writer = Writer()
        title = title_from(" ".join(paragraphs[0]), rng)
        hard = rng.random() < 0.4
        if rng.random() < 0.6:
            writer.paragraph([(title, None)], rng, False, False)
        for p, sentences in enumerate(paragraphs):
            writer.paragraph([(s, (p, k)) for k, s in enumerate(sentences)], rng, hard, hard and rng.random() < 0.5)
        spans = {tag: (start, end) for tag, start, end in writer.marks}
        write(relative, writer.text(), title, rng.randint(0, 1500))
        originals_text.append(writer.text())
        originals.append({"path": relative, "paragraphs": paragraphs, "spans": spans})

    for index in range(n_other):
        relative = f"other/{index + 1:04d}.txt"
        writer = Writer()
        paragraphs = [split_sentences(take()) for _ in range(rng.randint(3, 5))]
        title = title_from(" ".join(paragraphs[0]), rng)
        writer.paragraph([(title, None)], rng, False, False)
        hard = rng.random() < 0.4
        for sentences in paragraphs:
            writer.paragraph([(s, None) for s in sentences], rng, hard, hard)
        write(relative, writer.text(), title, rng.randint(0, 3000))

    truth = []
    copies = []  # (source, republication, [(paragraph, sentence, edits, start, end)]) per true run
    for index in range(n_repub):
        relative = f"repub/{index + 1:04d}.txt"
        sources = rng.sample(range(n_orig), min(n_orig, rng.choice([1, 1, 2, 2, 3])))
        # Units: copied paragraphs [(source, paragraph, [(sentence index, text, edits)])] or fresh ones.
        units = []
        for source in sources:
            paragraphs = originals[source]["paragraphs"]
            first = rng.randrange(len(paragraphs))
            last = min(len(paragraphs), first + rng.randint(1, 4))
            for p in range(first, last):
                sentences = paragraphs[p]
                kept = []
                for k, sentence in enumerate(sentences):
                    interior = 0 < k < len(sentences) - 1
                    if interior and len(sentence.split()) >= 10 and rng.random() < 0.15:
                        continue  # dropped between shared ones
                    edits = 0
                    if rng.random() < 0.3:
                        sentence, edits = edit_sentence(sentence, rng, rng.randint(1, 2))
                    kept.append((k, sentence, edits))
                units.append(("copy", source, p, kept))
        for _ in range(rng.randint(0, 2)):
            units.insert(rng.randrange(len(units) + 1), ("fresh", take()))
        if rng.random() < 0.3:
            rng.shuffle(units)  # paragraphs reordered

        style = rng.choice([curly, straight, lambda s: s])
        hard = rng.random() < 0.5
        hyphenate = hard and rng.random() < 0.7
        writer = Writer()
        title = short_heading(rng, heading_words) + " " + rng.choice(["Explained", "Revisited", "Today", "Now"])
        writer.paragraph([(title, None)], rng, False, False)
        if rng.random() < 0.5:
            writer.paragraph([(f"By {rng.choice(FIRST)} {rng.choice(LAST)}", None)], rng, False, False)
        for number, unit in enumerate(units):
            if number > 0 and rng.random() < 0.25:
                kind = rng.random()
                if kind < 0.4:
                    insert = f"Photo: {rng.choice(AGENCIES)}"
                elif kind < 0.6:
                    insert = f"By {rng.choice(FIRST)} {rng.choice(LAST)}"
                else:
                    insert = short_heading(rng, heading_words)
                writer.paragraph([(insert, None)], rng, False, False)
            if unit[0] == "fresh":
                writer.paragraph([(style(s), None) for s in split_sentences(unit[1])], rng, hard, hyphenate)
                continue
            _, source, p, kept = unit
            sentences = [(style(text), (source, p, k, edits)) for k, text, edits in kept]
            writer.paragraph(sentences, rng, hard, hyphenate)
        text = writer.text()

        # Runs: consecutive original sentences, adjacent in the republication except for short inserts.
        marks = [(tag, start, end) for tag, start, end in writer.marks]
        run = []

        def close(run):
            if not run:
                return
            source, p0, k0, _ = run[0][0]
            _, p1, k1, _ = run[-1][0]
            spans = originals[source]["spans"]
            a_start, a_end = spans[(p0, k0)][0], spans[(p1, k1)][1]
            copies.append((source, relative, [(tag[1], tag[2], tag[3], start, end) for tag, start, end in run]))
            if len(WORD.findall(originals_text[source][a_start:a_end])) < MIN_WORDS:
                return  # shorter than concord's default --min-words: not a duplicate
            truth.append({
                "a": {"document": originals[source]["path"], "start": a_start, "end": a_end},
                "b": {"document": relative, "start": run[0][1], "end": run[-1][2]},
                "edits": sum(tag[3] for tag, _, _ in run),
                "sentences": len(run),
            })

        previous_end = None
        for tag, start, end in marks:
            if run:
                source, p, k, _ = run[-1][0]
                paragraphs = originals[source]["paragraphs"]
                follows = tag[0] == source and (
                    (tag[1] == p and tag[2] == k + 1)
                    or (tag[1] == p + 1 and tag[2] == 0 and k == len(paragraphs[p]) - 1))
                between = text[previous_end:start]
                inserted = len(WORD.findall(between))
                if not follows or inserted > 4:
                    close(run)
                    run = []
            run.append((tag, start, end))
            previous_end = end
        close(run)
        issued = max(int(json.load(open(os.path.join(args.outdir, originals[s]["path"] + ".meta.json")))
                         ["issued"]["date-parts"][0][0]) for s in sources)
        write(relative, text, title, (issued - 2000 + 1) * 360 + rng.randint(0, 700))

    truth.extend(derived_pairs(copies, originals))
    with open(os.path.join(args.outdir, "truth.jsonl"), "w", encoding="utf-8") as handle:
        for pair in truth:
            handle.write(json.dumps(pair, ensure_ascii=False) + "\n")
    derived = sum(1 for pair in truth if pair.get("derived"))
    print(f"{args.count} documents ({n_orig} originals, {n_repub} republications, {n_other} distractors), "
          f"{len(truth)} true pairs ({derived} between republications) -> {args.outdir}")


if __name__ == "__main__":
    main()
