#!/usr/bin/python3
"""Diagnostic for the dedup bench: the pairwise duplicate links concord keeps inside its document records
(the input its duplicate groups are built from), read straight from the index with python3-xapian, written
as score.py's found pairs. Depends on concord's internal storage (record data as JSON with "links");
prints {"links": N} or {"links": null} when the index does not look like that.

Usage: concord_links.py INDEX OUT.jsonl
"""
import json
import sys

import xapian

db = xapian.Database(sys.argv[1])
seen = set()
with open(sys.argv[2], "w") as out:
    for docid in range(1, db.get_lastdocid() + 1):
        try:
            data = db.get_document(docid).get_data()
        except xapian.DocNotFoundError:
            continue
        if not data.startswith(b"{"):
            continue
        try:
            record = json.loads(data)
        except ValueError:
            continue
        for link in record.get("links") or []:
            a = (record["id"], link["span"]["start"], link["span"]["end"])
            b = (link["other"], link["otherSpan"]["start"], link["otherSpan"]["end"])
            key = tuple(sorted((a, b)))
            if key in seen:
                continue
            seen.add(key)
            out.write(json.dumps({"a": dict(zip(("document", "start", "end"), a)),
                                  "b": dict(zip(("document", "start", "end"), b))}) + "\n")
print(json.dumps({"links": len(seen) if seen else None}))
