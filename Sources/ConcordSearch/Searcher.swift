// ConcordSearch is the search path: the index schema, the search model, the ranking and what `concord search`
// prints. It imports no Foundation, so the `concord` binary that runs searches starts in a few milliseconds;
// ConcordCore (ingest, citations, the HTTP server's service) builds on it.
import ConcordBase
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
        let parsed = try QueryLanguage.parse(request.query, features: QueryLanguage.features, in: database)
        let terms = try textTerms(of: parsed.query, query: request.query, in: database)
        let shards = try database.shardCount()
        let wanted = request.offset + request.limit
        // Documents are taken in rank order, a batch at a time, until their passages (copies of one shown
        // earlier folded away) fill the page: no work for documents past it.
        var collector = PassageCollector(fold: request.foldDuplicates)
        var documents: [RankedDocument] = []
        var estimated = 0
        // Folded copies can leave fewer hits than documents: a first batch of twice the page spares most
        // searches a second match, and only the documents taken are read.
        var batch = max(2 * wanted, 20)
        var capped = false
        while collector.passages.count < wanted {
            let found = try rankDocuments(parsed.query, in: database, offset: documents.count, limit: batch, timeLimit: timeLimit)
            if documents.isEmpty {
                estimated = found.estimated
                capped = request.foldDuplicates && found.estimated > 1
            }
            for var document in found.items {
                document.summary = try RecordSummary.load(record: document.docid, from: database)
                documents.append(document)
                collector.add(
                    documents.count - 1, document,
                    passages: try rankPassages(of: document, terms: terms, shards: shards, in: database, capped: capped))
                if collector.passages.count >= wanted { break }
            }
            if found.items.count < batch || documents.count >= 10_000 { break }
            batch *= 2
        }
        let page = collector.passages.dropFirst(request.offset).prefix(request.limit)
        let highlighter = Highlighter(terms: terms.flatMap(\.positional), prefixes: terms.compactMap(\.wildcard))
        let hits = try page.map { ranked in
            let document = documents[ranked.document]
            return try hit(ranked, of: document.id, source: document.summary.source, highlighter: highlighter, in: database)
        }
        return SearchResults(
            query: request.query, total: max(estimated, request.offset + hits.count), hits: hits,
            suggestion: try suggestion(for: request.query, parsed: parsed, terms: terms, found: hits.count, in: database))
    }

    /// The hits so far, in order, copies of a passage already shown folded away unless `fold` is false.
    private struct PassageCollector {
        let fold: Bool
        private(set) var passages: [RankedPassage] = []
        private var shownGroups = Set<String>()

        init(fold: Bool) {
            self.fold = fold
        }

        /// Adds the passages of the document of rank `rank` (best first), with their groups.
        mutating func add(_ rank: Int, _ document: RankedDocument, passages ranked: [RankedPassage]) {
            for var passage in ranked {
                passage.document = rank
                let assignment = document.summary.groups[passage.ordinal]
                passage.group = assignment?.group
                passage.groupDocument = assignment?.document ?? 0
                if fold, let group = passage.group, !shownGroups.insert(group).inserted { continue }
                passages.append(passage)
            }
        }
    }

    /// A spelling correction of `query`, looked for only when a word of it is unknown to the index or nothing
    /// matched (Xapian's correction costs a look-up per word in the spelling table). A word is unknown when every
    /// parse of the query (one a language, `QueryLanguage.parse`) has a term the index lacks.
    private static func suggestion(
        for query: String, parsed: QueryLanguage.Parsed, terms: [TextTerm], found: Int, in database: Database
    ) throws -> String? {
        let unknown = parsed.parses.count == 1
            ? terms.contains(where: \.unknown)
            : try parsed.parses.allSatisfy { try textTerms(of: $0, query: "", in: database).contains(where: \.unknown) }
        guard found == 0 || unknown else { return nil }
        let parser = try QueryLanguage.parser(for: database)
        _ = try parser.parse(query, features: QueryLanguage.features.union(.spellingCorrection))
        return try parser.correctedQuery().flatMap { $0 == query ? nil : $0 }
    }

    // MARK: - Documents

    private struct RankedDocument {
        /// The record's Xapian document id.
        var docid: UInt32
        var weight: Double
        /// Read when the document is taken.
        var summary = RecordSummary(id: "", source: HitDocument(id: ""), passageCount: 0, positions: PassagePositions())
        var id: String { summary.id }
    }

    private struct RankedDocuments {
        /// Best first.
        var items: [RankedDocument]
        var estimated: Int
    }

    private static func rankDocuments(_ parsed: Query, in database: Database, offset: Int, limit: Int, timeLimit: Double)
        throws -> RankedDocuments
    {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.filter, [parsed, try Query(term: RecordKind.document.term)]))
        try enquire.setBM25(k1: 1.2, b: 0.75)
        // Xapian runs its time limit on a timer thread: a search from the shell, which ends anyway, sets none.
        if timeLimit > 0 { try enquire.setTimeLimit(timeLimit) }
        let matches = try enquire.matches(offset: offset, limit: limit, checkAtLeast: offset + limit + 1)
        var items: [RankedDocument] = []
        items.reserveCapacity(matches.endIndex)
        for index in matches.indices {
            let item = try matches.item(at: index)
            items.append(RankedDocument(docid: item.documentID, weight: item.weight))
        }
        return RankedDocuments(items: items, estimated: matches.matchesEstimated)
    }

    // MARK: - Passages

    private struct RankedPassage {
        /// The passage's Xapian document id, as its record's place says (`RecordSummary.passageDocumentID`).
        var docid: UInt32?
        /// Its id and ordinal, and its document's rank among the documents.
        var id: String
        var ordinal: Int
        var document: Int
        /// Its document's BM25 weight (the hit's `score`).
        var score: Double
        /// Its duplicate group, and the group's Xapian document (0 when not known).
        var group: String? = nil
        var groupDocument: UInt32 = 0
    }

    /// The passages of `document` to show, best first: its best scored passages (at most `passagesPerDocument`
    /// when `capped`), or its first passage when none holds a query term (its matches are in fields).
    private static func rankPassages(
        of document: RankedDocument, terms: [TextTerm], shards: Int, in database: Database, capped: Bool
    ) throws -> [RankedPassage] {
        var chosen = try scorePassages(of: document, terms: terms, in: database)
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.ordinal < $1.ordinal }
        if capped { chosen = Array(chosen.prefix(passagesPerDocument)) }
        // A document whose matches are all in fields (or whose passages hold no indexed word) shows its first.
        if chosen.isEmpty && document.summary.passageCount > 0 { chosen = [ScoredPassage(ordinal: 0, score: 0)] }
        return chosen.map { passage in
            RankedPassage(
                docid: document.summary.passageDocumentID(passage.ordinal, record: document.docid, shards: shards),
                id: Passage.id(document: document.id, ordinal: passage.ordinal), ordinal: passage.ordinal, document: 0,
                score: document.weight)
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
    private static func scorePassages(of document: RankedDocument, terms: [TextTerm], in database: Database) throws
        -> [ScoredPassage]
    {
        guard !terms.isEmpty else { return [] }
        let docid = document.docid
        let positions = document.summary.positions
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

    // MARK: - Hits

    private static func hit(
        _ ranked: RankedPassage, of document: String, source: HitDocument, highlighter: Highlighter, in database: Database
    ) throws -> SearchHit {
        var passage = try StoredPassage.load(ranked.docid, id: ranked.id, document: document, ordinal: ranked.ordinal, from: database)
        passage.group = ranked.group
        var duplicates: [DuplicateReference] = []
        if let groupID = passage.group {
            duplicates = try copies(inGroup: groupID, at: ranked.groupDocument, in: database)
                .filter { $0.document != passage.document }
        }
        return SearchHit(
            passage: passage.id, document: source, span: passage.span, lines: passage.lines,
            snippet: highlighter.snippet(of: passage.text, length: 240),
            score: (ranked.score * 1000).rounded() / 1000, duplicates: duplicates)
    }

    /// The members of group `id` as references (`GroupReferences`, a value of the group's document): a hit needs
    /// no member texts, and a group can have tens of members.
    static func copies(inGroup id: String, at known: UInt32 = 0, in database: Database) throws -> [DuplicateReference] {
        // The group's document where the summary says it is (checked by its members' reading back), else by its id.
        if known > 0, let value = try? database.document(assumingValid: known).value(ValueSlot.groupMembers.rawValue),
            let members = try? GroupReferences.decode(value, group: id)
        {
            return members
        }
        guard let docid = try database.postings(for: Prefix.groupID + id).first,
            let members = try GroupReferences.decode(try database.document(assumingValid: docid).value(ValueSlot.groupMembers.rawValue), group: id)
        else { return [] }
        return members
    }
}

/// The members of a duplicate group as references, in the group document's `ValueSlot.groupMembers`: `GR2` and
/// a zero byte, then unsigned LEB128 numbers and length-prefixed UTF-8 strings: the group's id, the count, then per
/// member its passage id, document id, span (start, end) and lines (first, last).
package enum GroupReferences {
    static let magic: [UInt8] = Array("GR2".utf8) + [0]

    package static func encode(_ members: [DuplicateReference], group: String) -> [UInt8] {
        var output = ByteWriter()
        output.bytes.append(contentsOf: magic)
        output.string(group)
        output.number(members.count)
        for member in members {
            output.string(member.passage)
            output.string(member.document)
            output.number(member.span.start)
            output.number(member.span.end)
            output.number(member.lines.first ?? 1)
            output.number(member.lines.last ?? 1)
        }
        return output.bytes
    }

    /// The members `encode` wrote for group `group`, or nil when the value is another group's.
    package static func decode(_ value: [UInt8], group: String) throws -> [DuplicateReference]? {
        try decode(value) { $0 == group }
    }

    /// The group and members `encode` wrote.
    package static func decode(_ value: [UInt8]) throws -> (group: String, members: [DuplicateReference]) {
        var group = ""
        let members = try decode(value) { group = $0; return true }
        return (group, members ?? [])
    }

    /// The members, when `wanted` accepts the group's id (read first).
    private static func decode(_ value: [UInt8], wanted: (String) -> Bool) throws -> [DuplicateReference]? {
        var input = try ByteReader(value, magic: magic, record: "a duplicate group")
        guard wanted(try input.string()) else { return nil }
        var members: [DuplicateReference] = []
        for _ in 0..<(try input.count()) {
            let passage = try input.string()
            let document = try input.string()
            let start = try input.number()
            let end = try input.number()
            let first = try input.number()
            let last = try input.number()
            members.append(DuplicateReference(
                passage: passage, document: document, span: TextSpan(start: start, end: max(start, end)), lines: [first, last]))
        }
        return members
    }
}

/// concord's query language over Xapian's parser (SPEC "Query language").
package enum QueryLanguage {
    package static let features: QueryParser.Features = [
        .boolean, .phrase, .loveHate, .wildcard, .pureNot, .cjkNGrams,
    ]

    /// The parsed query and each of its parses: one with each stemmer the index's documents were indexed with
    /// (English first), matched by any of them.
    package struct Parsed {
        package var query: Query
        package var parses: [Query]
    }

    /// `query` parsed with each stemmer the index's documents were indexed with, English first: a document's words
    /// are stemmed in its language (`IndexSchema.stemmer(forLanguage:)`), so a French word stemmed as English
    /// would miss the French documents that hold it. The parses are combined by OP_MAX, so a document matches when
    /// one of them does, and weighs what its best one gives (not their sum, where stems agree).
    package static func parse(_ query: String, features: QueryParser.Features, in database: Database) throws -> Parsed {
        var parses: [Query] = []
        for stemmer in try stemmers(in: database) {
            parses.append(try parser(for: database, stemmer: stemmer).parse(query, features: features))
        }
        return Parsed(query: parses.count == 1 ? parses[0] : try Query(.max, parses), parses: parses)
    }

    /// The stemmers of the languages the index's documents are in, English first and always.
    static func stemmers(in database: Database) throws -> [String] {
        var stemmers = ["english"]
        for term in try database.allTerms(prefix: Prefix.language) {
            let stemmer = IndexSchema.stemmer(forLanguage: String(term.dropFirst(Prefix.language.count)))
            if !stemmers.contains(stemmer) { stemmers.append(stemmer) }
        }
        return stemmers
    }

    /// A parser whose words are stemmed by `stemmer` (English stop words for English).
    package static func parser(for database: Database, stemmer: String = "english") throws -> QueryParser {
        let parser = try QueryParser(language: stemmer)
        try parser.setDatabase(database)
        try parser.setStemmingStrategy(IndexSchema.stemming)
        if stemmer == "english" { try parser.setStopWords(IndexSchema.englishStopWords) }
        try parser.addPrefix("title", Prefix.title)
        try parser.addPrefix("author", Prefix.author)
        try parser.addPrefix("source", Prefix.source)
        try parser.addBooleanPrefix("doc", Prefix.document)
        try parser.addDateRange(slot: ValueSlot.issued.rawValue, field: IndexSchema.dateField)
        return parser
    }
}

extension StoredPassage {
    /// Passage `id` (ordinal `ordinal`) of document `document`, read at Xapian document `docid`
    /// (`RecordSummary.passageDocumentID`); its group is not read (`RecordSummary.groups`).
    ///
    /// - Throws: `ConcordError.indexUnreadable` when that document holds another passage or none.
    package static func load(
        _ docid: UInt32?, id: String, document: String, ordinal: Int, from database: Database
    ) throws -> Passage {
        let missing = ConcordError(.indexUnreadable, "the passage \(id) is missing from the index")
        guard let docid else { throw missing }
        // Errors go up as they are: a reader that an ingest's commit left behind is reopened and asked again.
        let value = try database.document(assumingValid: docid).value(ValueSlot.passage.rawValue)
        guard !value.isEmpty, let passage = try decode(value, id: id, document: document, ordinal: ordinal) else {
            throw missing
        }
        return passage
    }

    /// The passage `id` with its duplicate group, or nil when the index has none: found through its document's
    /// record, whose summary says where the document's passages start and which groups they are in.
    package static func load(_ id: String, from database: Database) throws -> Passage? {
        guard let document = document(ofPassage: id), let ordinal = ordinal(ofPassage: id),
            Passage.id(document: document, ordinal: ordinal) == id,
            let record = try database.postings(for: Prefix.documentID + document).first
        else { return nil }
        let summary = try RecordSummary.load(record: record, from: database)
        guard let docid = summary.passageDocumentID(ordinal, record: record, shards: try database.shardCount()) else {
            return nil
        }
        var passage = try load(docid, id: id, document: document, ordinal: ordinal, from: database)
        passage.group = summary.groups[ordinal]?.group
        return passage
    }
}
