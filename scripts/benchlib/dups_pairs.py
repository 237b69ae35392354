#!/usr/bin/env python3
"""`concord dups --json` groups -> score.py's found-pair JSONL.

Usage: dups_pairs.py GROUPS.jsonl OUT.jsonl [--original-only]
Every pair of members of a group that lie in two different documents (score.py's truth also holds the
pairs between two copies of one original, marked derived); with --original-only, only original-copy pairs.
Prints {"groups", "members", "pairs"}.
"""
import itertools
import json
import sys

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
