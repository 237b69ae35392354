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
        let terms = try textTerms(of: parsed, query: request.query, in: database)
        let wanted = request.offset + request.limit
        var depth = wanted
        while true {
            let documents = try rankDocuments(parsed, in: database, depth: depth, timeLimit: timeLimit)
            let capped = request.foldDuplicates && documents.estimated > 1
            let passages = try rankPassages(of: documents.items, terms: terms, in: database, fold: request.foldDuplicates, capped: capped)
            // Folded copies can leave fewer hits than documents: look deeper while there are more documents.
            if passages.count >= wanted || documents.items.count < depth || depth >= 10_000 {
                let page = passages.dropFirst(request.offset).prefix(request.limit)
                let highlighter = Highlighter(terms: terms.flatMap(\.positional), prefixes: terms.compactMap(\.wildcard))
                let hits = try page.map { ranked in
                    let document = documents.items[ranked.document]
                    return try hit(ranked, of: document.id, source: document.source(in: database), highlighter: highlighter, in: database)
                }
                return SearchResults(
                    query: request.query, total: max(documents.estimated, request.offset + hits.count), hits: hits,
                    suggestion: try suggestion(for: request.query, terms: terms, found: hits.count, in: database))
            }
            depth *= 4
        }
    }

    /// A spelling correction of `query`, looked for only when a word of it is unknown to the index or nothing
    /// matched (Xapian's correction costs a look-up per word in the spelling table).
    private static func suggestion(for query: String, terms: [TextTerm], found: Int, in database: Database) throws
        -> String?
    {
        guard found == 0 || terms.contains(where: \.unknown) else { return nil }
        let parser = try QueryLanguage.parser(for: database)
        _ = try parser.parse(query, features: QueryLanguage.features.union(.spellingCorrection))
        return try parser.correctedQuery().flatMap { $0 == query ? nil : $0 }
    }

    // MARK: - Documents

    private struct RankedDocument {
        /// The record's Xapian document id.
        var docid: UInt32
        var id: String
        var weight: Double

        func source(in database: Database) throws -> HitDocument { try HitDocument.load(record: docid, from: database) }
    }

    private struct RankedDocuments {
        /// Best first.
        var items: [RankedDocument]
        var estimated: Int
    }

    private static func rankDocuments(_ parsed: Query, in database: Database, depth: Int, timeLimit: Double) throws
        -> RankedDocuments
    {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.filter, [parsed, try Query(term: RecordKind.document.term)]))
        try enquire.setBM25(k1: 1.2, b: 0.75)
        // Xapian runs its time limit on a timer thread: a search from the shell, which ends anyway, sets none.
        if timeLimit > 0 { try enquire.setTimeLimit(timeLimit) }
        let matches = try enquire.matches(offset: 0, limit: depth, checkAtLeast: depth + 1)
        var items: [RankedDocument] = []
        items.reserveCapacity(matches.endIndex)
        for index in matches.indices {
            let item = try matches.item(at: index)
            let id = try matches.document(at: index).stringValue(ValueSlot.documentID.rawValue)
            items.append(RankedDocument(docid: item.documentID, id: id, weight: item.weight))
        }
        return RankedDocuments(items: items, estimated: matches.matchesEstimated)
    }

    // MARK: - Passages

    private struct RankedPassage {
        /// The passage's Xapian document id.
        var docid: UInt32
        /// Its id, and its document's rank among the documents.
        var id: String
        var document: Int
        /// Its duplicate group.
        var group: String? = nil
        /// Its document's BM25 weight (the hit's `score`).
        var score: Double
        /// Its document's rank, then its own score among that document's passages.
        var order: (document: Int, passage: Double)
    }

    /// The passages to show for `documents`, best first: each document's best scored passages (or its first
    /// passage when none holds a query term: its matches are in fields), then copies of a passage already shown
    /// folded away unless `fold` is false.
    private static func rankPassages(
        of documents: [RankedDocument], terms: [TextTerm], in database: Database, fold: Bool, capped: Bool
    ) throws -> [RankedPassage] {
        var candidates: [RankedPassage] = []
        var groups: [Int: [String: String]] = [:]
        for (rank, document) in documents.enumerated() {
            groups[rank] = try PassageGroups.load(document: document.id, from: database)
            var chosen = try scorePassages(of: document.docid, terms: terms, in: database)
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.ordinal < $1.ordinal }
            if capped { chosen = Array(chosen.prefix(passagesPerDocument)) }
            if chosen.isEmpty {
                if let first = try firstPassage(of: document.id, in: database) {
                    candidates.append(RankedPassage(
                        docid: first, id: Passage.id(document: document.id, ordinal: 0), document: rank,
                        score: document.weight, order: (rank, 0)))
                }
                continue
            }
            for passage in chosen {
                let id = Passage.id(document: document.id, ordinal: passage.ordinal)
                guard let docid = try database.postings(for: Prefix.passageID + id).first else { continue }
                candidates.append(RankedPassage(
                    docid: docid, id: id, document: rank, score: document.weight, order: (rank, -passage.score)))
            }
        }
        candidates.sort { ($0.order.document, $0.order.passage, $0.docid) < ($1.order.document, $1.order.passage, $1.docid) }
        for index in candidates.indices {
            candidates[index].group = groups[candidates[index].document]?[candidates[index].id]
        }
        guard fold else { return candidates }
        var shownGroups = Set<String>()
        return candidates.filter { candidate in
            guard let group = candidate.group else { return true }
            return shownGroups.insert(group).inserted
        }
    }

    /// A query term that can stand in passage text, weighted by its rarity among documents, with the indexed
    /// terms that stand for it in the text.
    struct TextTerm {
        /// Terms with positions: the (stemmed) term itself, or a wildcard's expansions.
        var positional: [String]
        var weight: Double
        /// The lowercased prefix of a wildcard (`memor*`).
        var wildcard: String?
        /// Whether no document holds the term: the query may be misspelled.
        var unknown = false
    }

    /// The free-text terms of `parsed`: field terms (`Staiwan`, `Asacks`) and boolean filters left out; the
    /// wildcards of `query` expanded over the index (Xapian does not list a wildcard's terms).
    static func textTerms(of parsed: Query, query: String, in database: Database) throws -> [TextTerm] {
        let documents = Double(max(1, try database.termFrequency(RecordKind.document.term)))
        var result: [TextTerm] = []
        for term in try parsed.terms() {
            guard let first = term.utf8.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { continue }
            let frequency = Double(try database.termFrequency(term))
            guard frequency > 0 else {
                result.append(TextTerm(positional: [], weight: 0, unknown: true))
                continue
            }
            result.append(TextTerm(positional: [term], weight: log(1 + documents / frequency)))
        }
        for prefix in wildcardPrefixes(in: query) {
            let expansions = try database.allTerms(prefix: prefix, limit: wildcardExpansionLimit)
            guard !expansions.isEmpty else { continue }
            var frequency = 0
            for term in expansions { frequency = max(frequency, try database.termFrequency(term)) }
            result.append(TextTerm(
                positional: expansions, weight: log(1 + documents / Double(max(1, frequency))), wildcard: prefix))
        }
        return result
    }

    /// The most index terms a wildcard stands for when locating passages.
    static let wildcardExpansionLimit = 100

    /// The lowercased prefixes of the free-text wildcards of `query` (`memor*`; not `title:memor*`).
    static func wildcardPrefixes(in query: String) -> [String] {
        var result: [String] = []
        for token in query.split(whereSeparator: { $0.isWhitespace }) {
            let word = token.drop(while: { "+-(\"".contains($0) })
            guard word.hasSuffix("*"), !word.contains(":") else { continue }
            let prefix = word.dropLast().prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            if !prefix.isEmpty, prefix.count == word.count - 1 { result.append(prefix.lowercased()) }
        }
        return result
    }

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

    private static func hit(
        _ ranked: RankedPassage, of document: String, source: HitDocument, highlighter: Highlighter, in database: Database
    ) throws -> SearchHit {
        var passage = try StoredPassage.load(ranked.docid, id: ranked.id, document: document, from: database)
        passage.group = ranked.group
        var duplicates: [DuplicateReference] = []
        if let groupID = passage.group {
            duplicates = try copies(inGroup: groupID, in: database).filter { $0.document != passage.document }
        }
        return SearchHit(
            passage: passage.id, document: source, span: passage.span, lines: passage.lines,
            snippet: highlighter.snippet(of: passage.text, length: 240),
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
        .boolean, .phrase, .loveHate, .wildcard, .pureNot, .cjkNGrams,
    ]

    package static func parser(for database: Database) throws -> QueryParser {
        let parser = try QueryParser(language: "english")
        try parser.setDatabase(database)
        try parser.setStemmingStrategy(IndexSchema.stemming)
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

extension StoredPassage {
    /// The passage in Xapian document `docid`, which is passage `id` of document `document`; its group is not
    /// read (`PassageGroups`).
    package static func load(_ docid: UInt32, id: String, document: String, from database: Database) throws -> Passage {
        try decode(try database.document(docid).value(ValueSlot.passage.rawValue), id: id, document: document)
    }

    /// The passage `id` with its duplicate group, or nil when the index has none.
    package static func load(_ id: String, from database: Database) throws -> Passage? {
        guard let document = document(ofPassage: id),
            let docid = try database.postings(for: Prefix.passageID + id).first
        else { return nil }
        var passage = try load(docid, id: id, document: document, from: database)
        passage.group = try PassageGroups.load(document: document, from: database)[id]
        return passage
    }
}

extension HitDocument {
    /// The summary stored on document record `docid` (`ValueSlot.summary`).
    package static func load(record docid: UInt32, from database: Database) throws -> HitDocument {
        try JSONCoding.decode(HitDocument.self, from: try database.document(docid).value(ValueSlot.summary.rawValue))
    }
}
