#!/usr/bin/env python3
"""`concord dups --json` groups, or `concord dups --pairs --json` pairs -> score.py's found-pair JSONL.

Usage: dups_pairs.py GROUPS.jsonl OUT.jsonl [--original-only]
       dups_pairs.py --aligned PAIRS.jsonl OUT.jsonl
Groups: every pair of members of a group that lie in two different documents (score.py's truth also holds the
pairs between two copies of one original, marked derived); with --original-only, only original-copy pairs.
Aligned pairs are written as they are. Prints {"groups", "members", "pairs"} (or {"pairs"}).
"""
import itertools
import json
import sys

if sys.argv[1] == "--aligned":
    count = 0
    with open(sys.argv[3], "w") as out:
        for line in open(sys.argv[2], encoding="utf-8"):
            if not line.strip():
                continue
            pair = json.loads(line)
            out.write(json.dumps({side: {"document": pair[side]["document"], "start": pair[side]["span"]["start"],
                                         "end": pair[side]["span"]["end"]} for side in ("a", "b")}) + "\n")
            count += 1
    print(json.dumps({"pairs": count}))
    sys.exit(0)

source, target = sys.argv[1], sys.argv[2]
original_only = "--original-only" in sys.argv[3:]


def document(member):
    d = member["document"]
    return d["id"] if isinstance(d, dict) else d


groups = members = pairs = 0
with open(target, "w") as out:
    for line in open(source, encoding="utf-8"):
        if not line.strip():
            continue
        group = json.loads(line)
        if group.get("type") == "summary":
            continue
        groups += 1
        ms = group["members"]
        members += len(ms)
        for a, b in itertools.combinations(ms, 2):
            if document(a) == document(b):
                continue
            if original_only and not (a.get("original") or b.get("original")):
                continue
            out.write(json.dumps({"a": {"document": document(a), "start": a["span"]["start"], "end": a["span"]["end"]},
                                  "b": {"document": document(b), "start": b["span"]["start"], "end": b["span"]["end"]}}) + "\n")
            pairs += 1
print(json.dumps({"groups": groups, "members": members, "pairs": pairs}))
