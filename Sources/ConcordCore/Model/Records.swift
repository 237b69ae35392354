public import ConcordText
internal import Xapian

/// A passage as concord reports it (`concord show --json`, `GET /passages/{id}`).
public struct Passage: Codable, Hashable, Sendable {
    /// Stable while its document is unchanged: the document id, "." and the passage's ordinal ("…-txt.p3").
    public var id: String
    /// The id of its document.
    public var document: String
    /// Where it stands in the document's extracted text.
    public var span: TextSpan
    /// Its first and last line, 1-based.
    public var lines: [Int]
    /// Exactly `text[span]` of the document.
    public var text: String
    /// The headings above it, outermost first.
    public var heading: [String]
    /// Its duplicate group, if any.
    public var group: String?
    /// Its paragraph number in the document, 1-based.
    public var paragraph: Int
    /// "paragraph" or "boilerplate".
    public var kind: String

    public init(
        id: String, document: String, span: TextSpan, lines: [Int], text: String, heading: [String],
        group: String?, paragraph: Int, kind: String
    ) {
        self.id = id
        self.document = document
        self.span = span
        self.lines = lines
        self.text = text
        self.heading = heading
        self.group = group
        self.paragraph = paragraph
        self.kind = kind
    }

    /// The passage id of ordinal `ordinal` in document `document`.
    static func id(document: String, ordinal: Int) -> String { "\(document).p\(ordinal)" }
}

/// A span shared with another document, as duplicate detection found it (stored on document records).
struct DuplicateLink: Codable, Hashable, Sendable {
    /// The span in this document.
    var span: TextSpan
    /// The other document and its span.
    var other: String
    var otherSpan: TextSpan
}

/// What concord stores about one source document (the data of its document record).
struct DocumentRecord: Codable, Sendable {
    var id: String
    var path: String
    var relativePath: String
    var format: DocumentFormat
    var hash: String
    var metadata: CitationMetadata
    var language: String
    var sequence: Int
    var bytes: Int
    var text: String
    var passages: [Passage]
    /// Spans of boilerplate blocks, kept out of duplicate detection.
    var boilerplate: [TextSpan]
    /// Spans shared with other documents (duplicate detection's input to groups).
    var links: [DuplicateLink]
}

/// A member of a duplicate group: a span of one document.
public struct GroupMember: Codable, Hashable, Sendable {
    /// The passage that holds most of the span.
    public var passage: String
    public var document: String
    public var span: TextSpan
    public var lines: [Int]
    /// Exactly the document's `text[span]`.
    public var text: String
    /// Whether this member is the group's original.
    public var original: Bool
}

/// A set of spans, in two or more documents, that copy one another.
public struct DuplicateGroup: Codable, Hashable, Sendable {
    public var id: String
    /// The original first, then the copies in document order.
    public var members: [GroupMember]
    /// The id of the original's document.
    public var original: String
    /// The length of the shortest member, in words.
    public var words: Int
}

extension DocumentRecord {
    /// The record of document `id` in `database`, or nil when it is not indexed.
    static func load(_ id: String, from database: Database) throws -> DocumentRecord? {
        guard let docid = try database.postings(for: Prefix.documentID + id).first else { return nil }
        return try StoredJSON.decode(DocumentRecord.self, from: try database.document(docid).data())
    }

    /// Orders the copies of a text, original first (SPEC "Normalization and duplicates"): the earliest
    /// `issued` date (undated documents last), then the first ingested.
    var originalRank: (issued: Int, sequence: Int) {
        let issued = metadata.issued.flatMap { parts -> Int? in
            parts.year.map { $0 * 10_000 + (parts.month ?? 0) * 100 + (parts.day ?? 0) }
        } ?? Int.max
        return (issued, sequence)
    }
}
