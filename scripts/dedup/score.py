#!/usr/bin/env python3
"""Precision, recall and F1 of found duplicate span pairs against generate.py's truth.jsonl.

Both files hold one pair a line: {"a": {"document", "start", "end"}, "b": {...}} (Unicode-scalar offsets,
end exclusive). A document is named by its path relative to the corpus folder ("orig/0001.txt") or by
concord's document id, the slug of that path ("orig-0001-txt": lowercase, runs of characters other than
a-z and 0-9 turned into "-"); both are compared as slugs.

A found pair matches a true pair when, on each side, the two spans are in the same document and overlap by
at least half of the true span's length and at least half of the found span's length. Pairs are unordered:
(a, b) is (b, a). Precision counts found pairs (duplicates removed) that match some true pair; recall counts
true pairs matched by some found pair. Recall is also given for exact copies (edits = 0) and near copies
(edits > 0) when the truth records edits.

Usage: score.py TRUTH FOUND [--json]
"""

import argparse
import json
import re
import sys
from collections import defaultdict


def slug(document):
    return re.sub(r"[^a-z0-9]+", "-", str(document).lower()).strip("-")


def side(record):
    return slug(record["document"]), int(record["start"]), int(record["end"])


def load(path):
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
                pairs.append((side(record["a"]), side(record["b"]), record.get("edits")))
            except (ValueError, KeyError, TypeError) as error:
                sys.exit(f"score.py: {path}:{number}: not a span pair ({error})")
    return pairs


def sides_match(true, found):
    if true[0] != found[0]:
        return False
    overlap = min(true[2], found[2]) - max(true[1], found[1])
    return overlap > 0 and overlap >= 0.5 * (true[2] - true[1]) and overlap >= 0.5 * (found[2] - found[1])


def pair_matches(true, found):
    (ta, tb), (fa, fb) = true, found
    return (sides_match(ta, fa) and sides_match(tb, fb)) or (sides_match(ta, fb) and sides_match(tb, fa))


def canonical(pair):
    a, b = pair
    return (a, b) if a <= b else (b, a)


def score(truth, found):
    found_pairs = sorted({canonical((a, b)) for a, b, _ in found})
    by_documents = defaultdict(list)  # (doc, doc) sorted -> indices of true pairs
    for index, (a, b, _) in enumerate(truth):
        by_documents[tuple(sorted((a[0], b[0])))].append(index)
    matched_truth = set()
    correct = 0
    for pair in found_pairs:
        hits = [i for i in by_documents.get(tuple(sorted((pair[0][0], pair[1][0]))), [])
                if pair_matches((truth[i][0], truth[i][1]), pair)]
        if hits:
            correct += 1
            matched_truth.update(hits)
    precision = correct / len(found_pairs) if found_pairs else 0.0
    recall = len(matched_truth) / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"true_pairs": len(truth), "found_pairs": len(found_pairs), "correct_found": correct,
              "matched_true": len(matched_truth), "precision": precision, "recall": recall, "f1": f1}
    for label, keep in (("exact", lambda e: e == 0), ("near", lambda e: e is not None and e > 0)):
        subset = [i for i, (_, _, edits) in enumerate(truth) if keep(edits)]
        if subset:
            result[f"recall_{label}"] = sum(1 for i in subset if i in matched_truth) / len(subset)
            result[f"true_{label}"] = len(subset)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth")
    parser.add_argument("found")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    result = score(load(args.truth), load(args.found))
    if args.json:
        print(json.dumps(result))
        return
    print(f"{'true pairs':<16}{result['true_pairs']:>8}")
    print(f"{'found pairs':<16}{result['found_pairs']:>8}")
    print(f"{'precision':<16}{result['precision']:>8.3f}")
    print(f"{'recall':<16}{result['recall']:>8.3f}")
    for label in ("exact", "near"):
        if f"recall_{label}" in result:
            print(f"{'  ' + label:<16}{result[f'recall_{label}']:>8.3f}  ({result[f'true_{label}']} pairs)")
    print(f"{'F1':<16}{result['f1']:>8.3f}")


if __name__ == "__main__":
    main()
