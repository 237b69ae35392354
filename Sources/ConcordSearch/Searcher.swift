// ConcordSearch is the search path: the index schema, the search model, the ranking and what `concord search`
// prints. It imports no Foundation, so the `concord` binary that runs searches starts in a few milliseconds;
// ConcordCore (ingest, citations, the HTTP server's service) builds on it.
public import ConcordBase
package import Xapian

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs searches over one index (SPEC "Query language", `concord search`, `GET /search`).
///
/// Ranking is by document, then by passage. Documents are ranked by BM25 over their whole text, indexed once
/// on the document record (a passage alone is too short for BM25's statistics to rank its source well). A
/// document's passages are then scored by the query terms standing in them (the record's term positions,
/// mapped to passages by `PassagePositions`): hits come in document order, each document's passages best
/// first, and a hit's `score` is its document's BM25 weight. At most `passagesPerDocument` passages of a document are shown unless only one document
/// matches or the request asks for all. The copies of a passage shown earlier (its duplicate group) are
/// folded into that hit unless the request asks for all; every hit lists the other copies of its passage.
/// `total` is Xapian's estimate of the matching documents.
package enum Searcher {
    /// Passages shown per document when several documents match.
    package static let passagesPerDocument = 3

    package static func search(_ request: SearchRequest, in database: Database, timeLimit: Double) throws -> SearchResults {
        let parser = try QueryLanguage.parser(for: database)
        let parsed = try parser.parse(request.query, features: QueryLanguage.features)
        let suggestion = try parser.correctedQuery().flatMap { $0 == request.query ? nil : $0 }
        let wanted = request.offset + request.limit
        var depth = wanted
        while true {
            let documents = try rankDocuments(parsed, in: database, depth: depth, timeLimit: timeLimit)
            let capped = request.foldDuplicates && documents.estimated > 1
            let passages = try rankPassages(parsed, of: documents.items, in: database, fold: request.foldDuplicates, capped: capped)
            // Folded copies can leave fewer hits than documents: look deeper while there are more documents.
            if passages.count >= wanted || documents.items.count < depth || depth >= 10_000 {
                let page = passages.dropFirst(request.offset).prefix(request.limit)
                let hits = try page.map { try hit($0, matches: documents.matches, in: database) }
                return SearchResults(
                    query: request.query, total: max(documents.estimated, request.offset + hits.count), hits: hits,
                    suggestion: suggestion)
            }
            depth *= 4
        }
    }

    // MARK: - Documents

    private struct RankedDocument {
        /// The record's Xapian document id.
        var docid: UInt32
        var id: String
        var weight: Double
    }

    private struct RankedDocuments {
        /// Best first.
        var items: [RankedDocument]
        var estimated: Int
        /// The matches themselves: their query terms highlight snippets.
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
        var items: [RankedDocument] = []
        items.reserveCapacity(matches.endIndex)
        for index in matches.indices {
            let item = try matches.item(at: index)
            let id = try matches.document(at: index).stringValue(ValueSlot.documentID.rawValue)
            items.append(RankedDocument(docid: item.documentID, id: id, weight: item.weight))
        }
        return RankedDocuments(items: items, estimated: matches.matchesEstimated, matches: matches)
    }

    // MARK: - Passages

    private struct RankedPassage {
        /// The passage's Xapian document id.
        var docid: UInt32
        /// Its document's BM25 weight (the hit's `score`).
        var score: Double
        /// Its document's rank, then its own score among that document's passages.
        var order: (document: Int, passage: Double)
    }

    /// The passages to show for `documents`, best first: each document's best scored passages (or its first
    /// passage when none holds a query term: its matches are in fields, or a wildcard matched), then copies
    /// of a passage already shown folded away unless `fold` is false.
    private static func rankPassages(
        _ parsed: Query, of documents: [RankedDocument], in database: Database, fold: Bool, capped: Bool
    ) throws -> [RankedPassage] {
        let terms = try textTerms(of: parsed, in: database)
        var candidates: [RankedPassage] = []
        for (rank, document) in documents.enumerated() {
            var chosen = try scorePassages(of: document.docid, terms: terms, in: database)
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.ordinal < $1.ordinal }
            if capped { chosen = Array(chosen.prefix(passagesPerDocument)) }
            if chosen.isEmpty {
                if let first = try firstPassage(of: document.id, in: database) {
                    candidates.append(RankedPassage(docid: first, score: document.weight, order: (rank, 0)))
                }
                continue
            }
            for passage in chosen {
                let idTerm = Prefix.passageID + Passage.id(document: document.id, ordinal: passage.ordinal)
                guard let docid = try database.postings(for: idTerm).first else { continue }
                candidates.append(RankedPassage(docid: docid, score: document.weight, order: (rank, -passage.score)))
            }
        }
        candidates.sort { ($0.order.document, $0.order.passage, $0.docid) < ($1.order.document, $1.order.passage, $1.docid) }
        guard fold else { return candidates }
        var shownGroups = Set<[UInt8]>()
        return try candidates.filter { candidate in
            let group = try database.document(candidate.docid).value(ValueSlot.group.rawValue)
            return group.isEmpty || shownGroups.insert(group).inserted
        }
    }

    /// A query term that can stand in passage text, weighted by its rarity among documents, with the
    /// positional terms that stand for it in the text.
    private struct TextTerm {
        /// Terms with positions: the term itself, or for a stemmed `Z` term (stored without positions) the
        /// words of the index that stem to it.
        var positional: [String]
        var weight: Double
    }

    /// The free-text terms of `parsed`: field terms (`Staiwan`, `Asacks`) and boolean filters left out.
    private static func textTerms(of parsed: Query, in database: Database) throws -> [TextTerm] {
        let documents = Double(max(1, try database.termFrequency(RecordKind.document.term)))
        var result: [TextTerm] = []
        for term in try parsed.terms() {
            guard let first = term.utf8.first else { continue }
            let stemmed = first == UInt8(ascii: "Z") && term.utf8.count > 1
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) && !stemmed { continue }
            let frequency = Double(try database.termFrequency(term))
            guard frequency > 0 else { continue }
            var positional = [term]
            if stemmed {
                let stem = String(term.dropFirst())
                positional = try database.allTerms(prefix: stem, limit: stemVariantLimit).filter { word in
                    try word == stem || Stemmer.stem(word, language: "english") == stem
                }
            }
            result.append(TextTerm(positional: positional, weight: log(1 + documents / frequency)))
        }
        return result
    }

    /// The most index words looked at for the words a stem stands for.
    static let stemVariantLimit = 256

    private struct ScoredPassage {
        var ordinal: Int
        var score: Double
    }

    /// The passages of record `docid` that hold query terms, each scored: per term, its weight × tf / (tf + 1).
    private static func scorePassages(of docid: UInt32, terms: [TextTerm], in database: Database) throws -> [ScoredPassage] {
        guard !terms.isEmpty else { return [] }
        let positions = PassagePositions(decoding: try database.document(docid).value(ValueSlot.passagePositions.rawValue))
        guard !positions.ordinals.isEmpty else { return [] }
        var scores = [Double](repeating: 0, count: positions.ordinals.count)
        var counts = [Int](repeating: 0, count: positions.ordinals.count)
        for term in terms {
            for index in counts.indices { counts[index] = 0 }
            for word in term.positional {
                for position in try database.positions(of: word, in: docid) {
                    if let index = positions.passageIndex(at: Int(position)) { counts[index] += 1 }
                }
            }
            for index in counts.indices where counts[index] > 0 {
                let frequency = Double(counts[index])
                scores[index] += term.weight * frequency / (frequency + 1)
            }
        }
        return scores.indices.compactMap { index in
            scores[index] > 0 ? ScoredPassage(ordinal: positions.ordinals[index], score: scores[index]) : nil
        }
    }

    /// The Xapian document id of document `id`'s first passage: passages are written in order, and boolean
    /// matches come in document-id order.
    private static func firstPassage(of id: String, in database: Database) throws -> UInt32? {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.and, [try Query(term: Prefix.document + id), try Query(term: RecordKind.passage.term)]))
        let matches = try enquire.matches(limit: 1)
        return matches.isEmpty ? nil : try matches.item(at: 0).documentID
    }

    // MARK: - Hits

    private static func hit(_ ranked: RankedPassage, matches: MSet, in database: Database) throws -> SearchHit {
        let stored = try JSONCoding.decode(StoredPassage.self, from: try database.document(ranked.docid).data())
        let passage = stored.passage
        var duplicates: [DuplicateReference] = []
        if let groupID = passage.group {
            duplicates = try copies(inGroup: groupID, in: database).filter { $0.document != passage.document }
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

    /// The members of group `id` as references, read straight from the stored JSON: a hit needs no member
    /// texts, and a group can have hundreds of members, so this skips the texts and the `Codable` machinery.
    /// A member that does not read as one is left out (the stored JSON is concord's own).
    static func copies(inGroup id: String, in database: Database) throws -> [DuplicateReference] {
        guard let docid = try database.postings(for: Prefix.groupID + id).first else { return [] }
        let value = try JSONParser.parse(try database.document(docid).data(), skipping: ["text"])
        guard case .array(let members)? = value["members"] else { return [] }
        func integer(_ value: JSONValue?) -> Int? {
            if case .number(let text)? = value { return Int(text) }
            return nil
        }
        return members.compactMap { member in
            guard case .string(let passage)? = member["passage"], case .string(let document)? = member["document"],
                let start = integer(member["span"]?["start"]), let end = integer(member["span"]?["end"]), end >= start,
                case .array(let lines)? = member["lines"]
            else { return nil }
            return DuplicateReference(
                passage: passage, document: document, span: TextSpan(start: start, end: end),
                lines: lines.compactMap { integer($0) })
        }
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
