public import ConcordBase

/// A document as a search hit names it.
public struct HitDocument: Codable, Hashable, Sendable {
    public var id: String
    public var title: String?
    /// The authors, "Given Family" each, joined with ", ".
    public var author: String?
    /// Container title or publisher.
    public var source: String?
    /// The issued date as ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD).
    public var issued: String?

    public init(id: String, title: String? = nil, author: String? = nil, source: String? = nil, issued: String? = nil) {
        self.id = id
        self.title = title
        self.author = author
        self.source = source
        self.issued = issued
    }

    /// Every field, null when unknown: clients of `--json` and the HTTP API read a fixed set of keys (SPEC).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(author, forKey: .author)
        try container.encode(source, forKey: .source)
        try container.encode(issued, forKey: .issued)
    }
}

/// Another copy of a hit's passage, in another document.
public struct DuplicateReference: Codable, Hashable, Sendable {
    public var passage: String
    public var document: String
    public var span: TextSpan
    public var lines: [Int]
}

/// One search hit: a passage (SPEC "HTTP", `hits`).
public struct SearchHit: Codable, Hashable, Sendable {
    public var passage: String
    public var document: HitDocument
    public var span: TextSpan
    public var lines: [Int]
    /// A display snippet; matched terms wrapped in `<mark>`…`</mark>`, the rest HTML-escaped.
    public var snippet: String
    public var score: Double
    /// The other copies of this passage (its duplicate group), original first.
    public var duplicates: [DuplicateReference]
}

/// The answer to a search.
public struct SearchResults: Codable, Hashable, Sendable {
    public var query: String
    /// Matches in all (Xapian's estimate, duplicate groups folded unless `all`).
    public var total: Int
    public var hits: [SearchHit]
    /// A spelling correction of the query, when the index suggests one.
    public var suggestion: String?
}

/// What the passage documents store: the passage and the summary of its document, so a hit needs no
/// second lookup.
package struct StoredPassage: Codable {
    package var passage: Passage
    package var source: HitDocument

    package init(passage: Passage, source: HitDocument) {
        self.passage = passage
        self.source = source
    }
}
