#!/usr/bin/env python3
"""concord's TREC run for the relevance bench: each query through `concord search --json --limit L` (with
`--all` when given: copies unfolded), each document's first hit kept in rank order (a folded duplicate's
documents follow the hit's own document when --duplicates), cut to 100 documents; the run's score is
1000 - rank, so the scorer keeps concord's order.

Usage: concord_run.py CONCORD INDEX QUERIES.tsv RUN LIMIT [--all] [--duplicates]   (prints a JSON summary)
"""
import json
import subprocess
import sys
import time

concord, index, queries, run, limit = sys.argv[1:6]
with_duplicates = "--duplicates" in sys.argv[6:]
unfold = ["--all"] if "--all" in sys.argv[6:] else []
exits = {}
errors = []
docs_per_query = []
began = time.perf_counter()
with open(run, "w") as out:
    for line in open(queries, encoding="utf-8"):
        qid, text = line.rstrip("\n").split("\t", 1)
        proc = subprocess.run([concord, "search", text, "--index", index, "--json", "--limit", limit] + unfold,
                              capture_output=True, text=True)
        exits[proc.returncode] = exits.get(proc.returncode, 0) + 1
        if proc.returncode not in (0, 1):
            errors.append({"qid": qid, "query": text, "exit": proc.returncode, "stderr": proc.stderr.strip()[:300]})
            continue
        ranked = []
        seen = set()
        for row in proc.stdout.splitlines():
            if not row.strip():
                continue
            hit = json.loads(row)
            if hit.get("type") == "summary":
                continue
            ids = [hit["document"]["id"]]
            if with_duplicates:
                ids += [d["document"]["id"] if isinstance(d.get("document"), dict) else d.get("document")
                        for d in hit.get("duplicates") or []]
            for docid in ids:
                if docid and docid not in seen:
                    seen.add(docid)
                    ranked.append(docid)
        ranked = ranked[:100]
        docs_per_query.append(len(ranked))
        for rank, docid in enumerate(ranked, 1):
            out.write(f"{qid} Q0 {docid} {rank} {1000 - rank} concord\n")
print(json.dumps({"exits": exits, "errors": errors, "seconds": round(time.perf_counter() - began, 1),
                  "mean_documents": round(sum(docs_per_query) / max(1, len(docs_per_query)), 1)}))
