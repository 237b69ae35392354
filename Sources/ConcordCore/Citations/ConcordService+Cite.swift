import ConcordText
import Foundation
internal import Xapian

/// What to cite: a quote, or a passage by id.
public struct CiteRequest: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case quote(String)
        case passage(String)
    }

    /// The longest quote accepted, in characters.
    public static let maxQuoteLength = 4000

    public var target: Target
    public var style: CitationStyle

    /// - Throws: `ConcordError.badParameter` for an empty or overlong quote or passage id.
    public init(quote: String, style: CitationStyle = .apa) throws {
        let trimmed = quote.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ConcordError(.badParameter, "the quote is empty") }
        guard trimmed.count <= Self.maxQuoteLength else {
            throw ConcordError(.badParameter, "the quote is longer than \(Self.maxQuoteLength) characters")
        }
        target = .quote(trimmed)
        self.style = style
    }

    public init(passage: String, style: CitationStyle = .apa) throws {
        guard !passage.isEmpty else { throw ConcordError(.badParameter, "the passage id is empty") }
        target = .passage(passage)
        self.style = style
    }
}

extension ConcordService {
    /// Where a quote (or a passage's text) comes from: one citation per source, the original first (earliest
    /// `issued` date, else first ingested), then its republications.
    ///
    /// Quotes match with the tolerance of duplicate detection: normalization (quotes, dashes, case, line
    /// breaks, hyphenation) and a few words changed, added or dropped.
    ///
    /// - Throws: `ConcordError.notFound` when no passage holds the quote or the passage id is unknown.
    public func cite(_ request: CiteRequest) throws -> CitationSet {
        try translated {
            try pool.withReader { database in
                var finder = QuoteFinder(database: database)
                let sources: [QuoteFinder.Found]
                let quote: String
                switch request.target {
                case .quote(let text):
                    quote = text
                    sources = try finder.find(text)
                case .passage(let id):
                    (quote, sources) = try finder.sources(ofPassage: id)
                }
                guard let first = sources.first else {
                    throw ConcordError(.notFound, "no indexed passage contains this quote")
                }
                let rest = sources.dropFirst().map(\.source)
                return CitationSet(citing: first.source, republications: Array(rest), quote: quote, style: request.style)
            }
        }
    }
}

/// Finds the passages holding a quote, one best match per document, ordered original first.
struct QuoteFinder {
    struct Found {
        var source: CitationSource
        var matched: Int
        var issued: Int
        var sequence: Int
    }

    let database: Database
    private let tokenizer = WordTokenizer()
    private var records: [String: DocumentRecord] = [:]

    init(database: Database) {
        self.database = database
    }

    /// Sources whose text holds `quote` (at least 80% of its words, aligned in order, close together).
    mutating func find(_ quote: String) throws -> [Found] {
        let quoteText = ScalarText(quote)
        let quoteWords = tokenizer.words(in: quoteText)
        guard !quoteWords.isEmpty else { throw ConcordError(.badParameter, "the quote has no words") }
        // Candidates: the documents ranking best for the quote's words, without query syntax.
        let words = quoteWords.map { quoteText[$0.span] }.joined(separator: " ")
        let parsed = try QueryLanguage.parse(words, features: [], in: database)
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query(.filter, [parsed.query, try Query(term: RecordKind.document.term)]))
        let matches = try enquire.matches(limit: 40)
        var configuration = Aligner.Configuration()
        configuration.minWords = max(1, min(8, quoteWords.count))
        configuration.seedLength = max(1, min(configuration.seedLength, quoteWords.count))
        let aligner = Aligner(configuration: configuration)
        let quoteSeeds = aligner.seedTable(of: quoteWords)
        let needed = max(1, Int((Double(quoteWords.count) * 0.8).rounded(.up)))

        var best: [String: Found] = [:]
        for index in matches.indices {
            let id = try matches.document(at: index).stringValue(ValueSlot.documentID.rawValue)
            guard best[id] == nil, let record = try record(id) else { continue }
            let text = ScalarText(record.text)
            let documentWords = tokenizer.words(in: text)
            // An edited copy may align as several regions (a word changed splits it): regions close together
            // in the document count together.
            let pairs = aligner.align(quoteWords, documentWords, seeds: aligner.seeds(quoteSeeds, aligner.seedTable(of: documentWords)))
                .sorted { $0.b.lowerBound < $1.b.lowerBound }
            var clusters: [[AlignedSpanPair]] = []
            for pair in pairs {
                if let last = clusters.last?.last, pair.b.lowerBound - last.b.upperBound <= quoteWords.count {
                    clusters[clusters.count - 1].append(pair)
                } else {
                    clusters.append([pair])
                }
            }
            guard let cluster = clusters.max(by: { $0.reduce(0) { $0 + $1.matchedWords } < $1.reduce(0) { $0 + $1.matchedWords } }),
                let first = cluster.first?.b.lowerBound, let last = cluster.map(\.b.upperBound).max()
            else { continue }
            let matched = cluster.reduce(0) { $0 + $1.matchedWords }
            guard matched >= needed else { continue }
            let span = Aligner.span(of: first..<last, in: documentWords)
            guard let passage = record.passages.max(by: { $0.span.overlap(with: span) < $1.span.overlap(with: span) }) else { continue }
            best[id] = found(record: record, passage: passage, span: span, text: text, matched: matched)
        }
        return ordered(Array(best.values))
    }

    /// The passage `id` and the other members of its duplicate group.
    mutating func sources(ofPassage id: String) throws -> (String, [Found]) {
        guard let passage = try StoredPassage.load(id, from: database) else {
            throw ConcordError(.notFound, "no passage \(id)")
        }
        guard let record = try record(passage.document) else { throw ConcordError(.notFound, "no passage \(id)") }
        var sources = [found(record: record, passage: passage, span: passage.span, text: ScalarText(record.text), matched: 0)]
        if let groupID = passage.group, let group = try ConcordService.group(groupID, in: database) {
            var cited: Set<String> = [passage.document]
            // One citation per source: the first member of each other document.
            for member in group.members where cited.insert(member.document).inserted {
                guard let other = try self.record(member.document),
                    let memberPassage = other.passages.first(where: { $0.id == member.passage }) ?? other.passages.first
                else { continue }
                sources.append(found(
                    record: other, passage: memberPassage, span: member.span, text: ScalarText(other.text), matched: 0))
            }
        }
        return (passage.text, ordered(sources))
    }

    private func found(record: DocumentRecord, passage: Passage, span: TextSpan, text: ScalarText, matched: Int) -> Found {
        let lines = LineIndex(text).lines(of: span)
        let source = CitationSource(
            documentID: record.id, passageID: passage.id, metadata: record.metadata, quote: text[span], span: span,
            lines: (lines.first ?? 1)...(lines.last ?? lines.first ?? 1), paragraph: passage.paragraph)
        let rank = record.originalRank
        return Found(source: source, matched: matched, issued: rank.issued, sequence: rank.sequence)
    }

    private func ordered(_ found: [Found]) -> [Found] {
        found.sorted { ($0.issued, $0.sequence, $0.source.documentID) < ($1.issued, $1.sequence, $1.source.documentID) }
    }

    private mutating func record(_ id: String) throws -> DocumentRecord? {
        if let cached = records[id] { return cached }
        let record = try DocumentRecord.load(id, from: database)
        records[id] = record
        return record
    }
}
