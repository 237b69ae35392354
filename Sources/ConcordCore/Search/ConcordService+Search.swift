import ConcordText
import Foundation
internal import Xapian

extension ConcordService {
    /// Runs a search: BM25 over passages, duplicate groups folded by Xapian's collapse unless the request
    /// unfolds them, snippets with `<mark>` around matches, and a spelling suggestion when there is one.
    ///
    /// - Throws: `ConcordError.badQuery` for a query the parser rejects.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        try translated {
            try pool.withReader { database in
                let parser = try QueryLanguage.parser(for: database)
                let parsed = try parser.parse(request.query, features: QueryLanguage.features)
                let suggestion = try parser.correctedQuery()
                let query = try Query(.filter, [parsed, try Query(term: RecordKind.passage.term)])
                let enquire = try Enquire(database: database)
                try enquire.setQuery(query)
                try enquire.setBM25(k1: 1.2, b: 0.75)
                try enquire.setTimeLimit(timeLimit)
                if request.foldDuplicates { try enquire.setCollapseKey(slot: ValueSlot.group.rawValue) }
                let matches = try enquire.matches(
                    offset: request.offset, limit: request.limit, checkAtLeast: request.offset + request.limit + 1)
                var groups: [String: DuplicateGroup?] = [:]
                var hits: [SearchHit] = []
                for index in matches.indices {
                    let item = try matches.item(at: index)
                    let stored = try StoredJSON.decode(StoredPassage.self, from: try matches.document(at: index).data())
                    let passage = stored.passage
                    var duplicates: [DuplicateReference] = []
                    if let groupID = passage.group {
                        if groups[groupID] == nil { groups[groupID] = try Self.group(groupID, in: database) }
                        if let group = groups[groupID] ?? nil {
                            duplicates = group.members
                                .filter { $0.document != passage.document }
                                .map { DuplicateReference(passage: $0.passage, document: $0.document, span: $0.span, lines: $0.lines) }
                        }
                    }
                    let snippet = try matches.snippet(
                        of: QueryLanguage.displayText(passage.text), length: 240, highlight: ("<mark>", "</mark>"),
                        omit: "…", options: [.backgroundModel, .exhaustive, .cjkNGrams])
                    hits.append(SearchHit(
                        passage: passage.id, document: stored.source, span: passage.span, lines: passage.lines,
                        snippet: snippet, score: (item.weight * 1000).rounded() / 1000, duplicates: duplicates))
                }
                return SearchResults(
                    query: request.query, total: max(matches.matchesEstimated, request.offset + hits.count), hits: hits,
                    suggestion: suggestion.flatMap { $0 == request.query ? nil : $0 })
            }
        }
    }
}

/// concord's query language over Xapian's parser (SPEC "Query language").
enum QueryLanguage {
    static let features: QueryParser.Features = [
        .boolean, .phrase, .loveHate, .wildcard, .pureNot, .spellingCorrection, .cjkNGrams,
    ]

    static func parser(for database: Database) throws -> QueryParser {
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
    static func displayText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
