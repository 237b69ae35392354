import ConcordBase

/// A validated search (SPEC "Query language"); both front ends build one and hand it to `ConcordService`.
public struct SearchRequest: Sendable, Hashable {
    /// The largest `limit` accepted.
    public static let maxLimit = 1000
    /// The longest query accepted, in Unicode scalars.
    public static let maxQueryLength = 1024

    public var query: String
    public var limit: Int
    public var offset: Int
    /// Fold each duplicate group into one hit (false: `--all`).
    public var foldDuplicates: Bool

    /// - Throws: `ConcordError.badParameter` for an empty or overlong query, or `limit`/`offset` out of range.
    public init(query: String, limit: Int = 10, offset: Int = 0, foldDuplicates: Bool = true) throws {
        // Scalars, not characters: grapheme breaking is most of what a short search would spend here.
        var scalars = Substring(query).unicodeScalars
        while let first = scalars.first, first.isWhiteSpace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhiteSpace { scalars.removeLast() }
        let trimmed = String(scalars)
        guard !trimmed.isEmpty else { throw ConcordError(.badParameter, "the query is empty") }
        guard scalars.count <= Self.maxQueryLength else {
            throw ConcordError(.badParameter, "the query is longer than \(Self.maxQueryLength) characters")
        }
        guard (1...Self.maxLimit).contains(limit) else {
            throw ConcordError(.badParameter, "limit must be between 1 and \(Self.maxLimit), not \(limit)")
        }
        guard offset >= 0, offset <= 100_000 else {
            throw ConcordError(.badParameter, "offset must be between 0 and 100000, not \(offset)")
        }
        self.query = trimmed
        self.limit = limit
        self.offset = offset
        self.foldDuplicates = foldDuplicates
    }
}

