// ConcordSearch is the search path: the index schema, the search model, the ranking and what `concord search`
// prints. It imports no Foundation, so the `concord` binary that runs searches starts in a few milliseconds;
// ConcordCore (ingest, citations, the HTTP server's service) builds on it.
public import ConcordBase
package import Xapian

/// Runs searches over one index (SPEC "Query language", `concord search`, `GET /search`).
///
/// Ranking is by document, then by passage: documents are ranked by BM25 over their whole text (a passage
/// alone is too short for BM25's term statistics to rank its source well), then the matching passages of
/// the top documents by the document's weight plus a tenth of the passage's own, at most
/// `passagesPerDocument` of each document unless only one document matches or the request asks for all.
/// Duplicate groups are folded by Xapian's collapse on the group slot (unless the request asks for all), and
/// every hit lists the other copies of its passage. `total` counts matching passages, copies folded.
package enum Searcher {
    /// Passages shown per document when several documents match.
    package static let passagesPerDocument = 3
    /// How much a passage's own BM25 weight adds to its document's.
    static let passageWeight = 0.1

    package static func search(_ request: SearchRequest, in database: Database, timeLimit: Double) throws -> SearchResults {
        let parser = try QueryLanguage.parser(for: database)
        let parsed = try parser.parse(request.query, features: QueryLanguage.features)
        let suggestion = try parser.correctedQuery().flatMap { $0 == request.query ? nil : $0 }
        let wanted = request.offset + request.limit
        var depth = wanted
        while true {
            let documents = try rankDocuments(parsed, in: database, depth: depth, timeLimit: timeLimit)
            let capped = request.foldDuplicates && documents.estimated > 1
            let ranked = try rankPassages(
                parsed, of: documents, in: database, fold: request.foldDuplicates, capped: capped, timeLimit: timeLimit)
            // Folded copies can leave fewer hits than documents: look deeper while there are more documents.
            if ranked.passages.count >= wanted || documents.items.count < depth || depth >= 10_000 {
                let page = ranked.passages.dropFirst(request.offset).prefix(request.limit)
                let hits = try page.map { try hit($0, matches: ranked.snippets, in: database) }
                let total = try countPassages(parsed, in: database, fold: request.foldDuplicates)
                return SearchResults(
                    query: request.query, total: max(total, request.offset + hits.count), hits: hits, suggestion: suggestion)
            }
            depth *= 4
        }
    }

    // MARK: - Documents

    private struct RankedDocuments {
        /// Document id and BM25 weight, best first.
        var items: [(id: String, weight: Double)]
        var estimated: Int
        /// The document-level matches: their query terms make snippets for passages found by fallback.
        var matches: MSet
    }

    private static func rankDocuments(_ parsed: Query, in database: Database, depth: Int, timeLimit: Double) throws
        -> RankedDocuments
    {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.filter, [parsed, try Query(term: RecordKind.document.term)]))
        try enquire.setBM25(k1: 1.2, b: 0.75)
        try enquire.setTimeLimit(timeLimit)
        let matches = try enquire.matches(offset: 0, limit: depth, checkAtLeast: depth + 1)
        var items: [(id: String, weight: Double)] = []
        items.reserveCapacity(matches.endIndex)
        for index in matches.indices {
            let id = try matches.document(at: index).stringValue(ValueSlot.documentID.rawValue)
            items.append((id, try matches.item(at: index).weight))
        }
        return RankedDocuments(items: items, estimated: matches.matchesEstimated, matches: matches)
    }

    // MARK: - Passages

    private struct RankedPassage {
        var docid: UInt32
        var document: String
        var score: Double
    }

    private struct RankedPassages {
        var passages: [RankedPassage]
        /// The MSet whose query terms highlight snippets.
        var snippets: MSet
    }

    private static func rankPassages(
        _ parsed: Query, of documents: RankedDocuments, in database: Database, fold: Bool, capped: Bool, timeLimit: Double
    ) throws -> RankedPassages {
        guard !documents.items.isEmpty else { return RankedPassages(passages: [], snippets: documents.matches) }
        var documentWeight: [String: (rank: Int, weight: Double)] = [:]
        for (rank, item) in documents.items.enumerated() { documentWeight[item.id] = (rank, item.weight) }
        let scope = try Query(.or, documents.items.map { try Query(term: Prefix.document + $0.id) })
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.filter, [parsed, try Query(.and, [try Query(term: RecordKind.passage.term), scope])]))
        try enquire.setBM25(k1: 1.2, b: 0.75)
        try enquire.setTimeLimit(timeLimit)
        if fold { try enquire.setCollapseKey(slot: ValueSlot.group.rawValue) }
        let limit = min(documents.items.count * (passagesPerDocument + 2) + 20, 20_000)
        let matches = try enquire.matches(offset: 0, limit: limit)

        var passages: [RankedPassage] = []
        var perDocument: [String: Int] = [:]
        for index in matches.indices {
            let item = try matches.item(at: index)
            let document = try matches.document(at: index).stringValue(ValueSlot.documentID.rawValue)
            guard let owner = documentWeight[document] else { continue }
            passages.append(RankedPassage(
                docid: item.documentID, document: document, score: owner.weight + passageWeight * item.weight))
        }
        passages.sort { a, b in
            a.score != b.score ? a.score > b.score
                : (documentWeight[a.document]?.rank ?? 0, a.docid) < (documentWeight[b.document]?.rank ?? 0, b.docid)
        }
        if capped {
            passages = passages.filter { passage in
                perDocument[passage.document, default: 0] += 1
                return perDocument[passage.document, default: 0] <= passagesPerDocument
            }
        }
        // A document can match as a whole without any one passage matching (`a AND b` across paragraphs):
        // it is shown by its first passage, ranked by its own weight.
        let shown = Set(passages.map(\.document))
        var fallback: [RankedPassage] = []
        for item in documents.items where !shown.contains(item.id) {
            guard let first = try firstPassage(of: item.id, in: database) else { continue }
            if try !fold || !isFoldedCopy(first, in: database) {
                fallback.append(RankedPassage(docid: first, document: item.id, score: item.weight))
            }
        }
        if !fallback.isEmpty {
            passages = (passages + fallback).sorted { a, b in
                a.score != b.score ? a.score > b.score : a.docid < b.docid
            }
        }
        return RankedPassages(passages: passages, snippets: matches.endIndex > 0 ? matches : documents.matches)
    }

    /// The first passage of document `id` (boolean matches come in document-id order, which is passage order).
    private static func firstPassage(of id: String, in database: Database) throws -> UInt32? {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.and, [try Query(term: Prefix.document + id), try Query(term: RecordKind.passage.term)]))
        let matches = try enquire.matches(limit: 1)
        return matches.isEmpty ? nil : try matches.item(at: 0).documentID
    }

    /// Whether passage `docid` belongs to a duplicate group, whose copy the collapsed matches already show.
    private static func isFoldedCopy(_ docid: UInt32, in database: Database) throws -> Bool {
        !(try database.document(docid).value(ValueSlot.group.rawValue)).isEmpty
    }

    /// Xapian's estimate of the passages matching `parsed`, copies folded when `fold`.
    private static func countPassages(_ parsed: Query, in database: Database, fold: Bool) throws -> Int {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.filter, [parsed, try Query(term: RecordKind.passage.term)]))
        if fold { try enquire.setCollapseKey(slot: ValueSlot.group.rawValue) }
        return try enquire.matches(offset: 0, limit: 0, checkAtLeast: 1000).matchesEstimated
    }

    // MARK: - Hits

    private static func hit(_ ranked: RankedPassage, matches: MSet, in database: Database) throws -> SearchHit {
        let stored = try JSONCoding.decode(StoredPassage.self, from: try database.document(ranked.docid).data())
        let passage = stored.passage
        var duplicates: [DuplicateReference] = []
        if let groupID = passage.group, let group = try group(groupID, in: database) {
            duplicates = group.members
                .filter { $0.document != passage.document }
                .map { DuplicateReference(passage: $0.passage, document: $0.document, span: $0.span, lines: $0.lines) }
        }
        let snippet = try matches.snippet(
            of: QueryLanguage.displayText(passage.text), length: 240, highlight: ("<mark>", "</mark>"), omit: "…",
            options: [.backgroundModel, .exhaustive, .cjkNGrams])
        return SearchHit(
            passage: passage.id, document: stored.source, span: passage.span, lines: passage.lines, snippet: snippet,
            score: (ranked.score * 1000).rounded() / 1000, duplicates: duplicates)
    }

    /// The duplicate group `id`, when it exists.
    package static func group(_ id: String, in database: Database) throws -> DuplicateGroup? {
        guard let docid = try database.postings(for: Prefix.groupID + id).first else { return nil }
        return try JSONCoding.decode(DuplicateGroup.self, from: try database.document(docid).data())
    }
}

/// concord's query language over Xapian's parser (SPEC "Query language").
package enum QueryLanguage {
    package static let features: QueryParser.Features = [
        .boolean, .phrase, .loveHate, .wildcard, .pureNot, .spellingCorrection, .cjkNGrams,
    ]

    package static func parser(for database: Database) throws -> QueryParser {
        let parser = try QueryParser(language: "english")
        try parser.setDatabase(database)
        try parser.setStemmingStrategy(.some)
        try parser.setStopWords(IndexSchema.englishStopWords)
        try parser.addPrefix("title", Prefix.title)
        try parser.addPrefix("author", Prefix.author)
        try parser.addPrefix("source", Prefix.source)
        try parser.addBooleanPrefix("doc", Prefix.document)
        try parser.addDateRange(slot: ValueSlot.issued.rawValue, field: IndexSchema.dateField)
        return parser
    }

    /// A passage's text as one line for snippets (display only).
    package static func displayText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
