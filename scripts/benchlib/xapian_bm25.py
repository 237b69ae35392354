#!/usr/bin/python3
"""Plain Xapian BM25 baseline for the relevance bench (Debian's python3-xapian, so /usr/bin/python3).

Indexes title + text of each document of docs.jsonl (TermGenerator, english stemmer), runs each query of
queries.tsv (QueryParser, english stemmer, STEM_SOME, default op OR, default flags) with
BM25Weight(1.2, 0, 1, 0.75, 0.5), top 100, and writes a TREC run.

Usage: xapian_bm25.py DOCS.jsonl QUERIES.tsv DBDIR RUN
"""
import json
import sys

import xapian

docs, queries, dbdir, run = sys.argv[1:5]
db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
stemmer = xapian.Stem("english")
generator = xapian.TermGenerator()
generator.set_stemmer(stemmer)
for line in open(docs, encoding="utf-8"):
    record = json.loads(line)
    document = xapian.Document()
    generator.set_document(document)
    generator.index_text(record["title"])
    generator.increase_termpos()
    generator.index_text(record["text"])
    document.set_data(record["id"])
    document.add_boolean_term("Q" + record["id"])
    db.replace_document("Q" + record["id"], document)
db.commit()

parser = xapian.QueryParser()
parser.set_stemmer(stemmer)
parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
parser.set_default_op(xapian.Query.OP_OR)
parser.set_database(db)
enquire = xapian.Enquire(db)
enquire.set_weighting_scheme(xapian.BM25Weight(1.2, 0, 1, 0.75, 0.5))
failed = 0
with open(run, "w") as out:
    for line in open(queries, encoding="utf-8"):
        qid, text = line.rstrip("\n").split("\t", 1)
        try:
            query = parser.parse_query(text)
        except xapian.QueryParserError:
            failed += 1
            continue
        enquire.set_query(query)
        for rank, match in enumerate(enquire.get_mset(0, 100), 1):
            out.write(f"{qid} Q0 {match.document.get_data().decode()} {rank} {match.weight:.6f} xapian-bm25\n")
print(json.dumps({"parse_errors": failed}))
