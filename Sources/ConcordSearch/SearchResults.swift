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

/// What a passage's Xapian document stores (`ValueSlot.passage`): `[start,end,firstLine,lastLine,paragraph,kind,
/// [heading…]]` as JSON (kind 0 for a paragraph, 1 for boilerplate), a NUL byte, then the passage's text. Its id,
/// document and source are known to whoever looks it up (the id term, the document's record); its group is a
/// value of its own.
package enum StoredPassage {
    package static func encode(_ passage: Passage) -> [UInt8] {
        var header = "[\(passage.span.start),\(passage.span.end),\(passage.lines.first ?? 1),\(passage.lines.last ?? 1),"
        header += "\(passage.paragraph),\(passage.kind == "boilerplate" ? 1 : 0),["
        for (index, heading) in passage.heading.enumerated() {
            if index > 0 { header += "," }
            JSONWriter.writeString(heading, to: &header)
        }
        header += "]]"
        var bytes = Array(header.utf8)
        bytes.append(0)
        bytes.append(contentsOf: passage.text.utf8)
        return bytes
    }

    /// The passage `id` of document `document` from its stored bytes; `group` nil.
    package static func decode(_ bytes: [UInt8], id: String, document: String) throws -> Passage {
        guard let separator = bytes.firstIndex(of: 0),
            case .array(let fields) = try JSONParser.parse(Array(bytes[..<separator])), fields.count == 7,
            case .array(let headingValues) = fields[6]
        else { throw ConcordError(.indexUnreadable, "the stored passage \(id) is damaged") }
        let numbers = fields.prefix(6).map { field -> Int in
            if case .number(let text) = field { Int(text) ?? 0 } else { 0 }
        }
        let heading = headingValues.compactMap { value -> String? in if case .string(let text) = value { text } else { nil } }
        return Passage(
            id: id, document: document, span: TextSpan(start: numbers[0], end: max(numbers[0], numbers[1])),
            lines: [numbers[2], numbers[3]], text: String(decoding: bytes[(separator + 1)...], as: UTF8.self),
            heading: heading, group: nil, paragraph: numbers[4], kind: numbers[5] == 1 ? "boilerplate" : "paragraph")
    }

    /// The document id of passage id `id` ("DOCID.pN").
    package static func document(ofPassage id: String) -> String? {
        guard let dot = id.lastIndex(of: "."), id[id.index(after: dot)...].hasPrefix("p") else { return nil }
        return String(id[..<dot])
    }
}
