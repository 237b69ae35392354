public import ConcordBase

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
    package static func id(document: String, ordinal: Int) -> String { "\(document).p\(ordinal)" }
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

    package init(passage: String, document: String, span: TextSpan, lines: [Int], text: String, original: Bool) {
        self.passage = passage
        self.document = document
        self.span = span
        self.lines = lines
        self.text = text
        self.original = original
    }
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

    package init(id: String, members: [GroupMember], original: String, words: Int) {
        self.id = id
        self.members = members
        self.original = original
        self.words = words
    }
}

