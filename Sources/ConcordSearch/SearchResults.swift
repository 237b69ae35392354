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

    package init(passage: String, document: String, span: TextSpan, lines: [Int]) {
        self.passage = passage
        self.document = document
        self.span = span
        self.lines = lines
    }
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

extension SearchHit {
    /// The hit as compact JSON, keys sorted: what `JSONCoding` (and Foundation's encoder) write for it, written
    /// directly, since `concord search --json` prints it for every hit and starts in milliseconds.
    package var json: String {
        var output = "{\"document\":{"
        func field(_ name: String, _ value: String?, first: Bool = false) {
            output += (first ? "\"" : ",\"") + name + "\":"
            if let value { JSONWriter.writeString(value, to: &output) } else { output += "null" }
        }
        field("author", document.author, first: true)
        field("id", document.id)
        field("issued", document.issued)
        field("source", document.source)
        field("title", document.title)
        output += "},\"duplicates\":["
        for (index, copy) in duplicates.enumerated() {
            if index > 0 { output += "," }
            output += "{\"document\":"
            JSONWriter.writeString(copy.document, to: &output)
            output += ",\"lines\":[" + copy.lines.map(String.init).joined(separator: ",") + "],\"passage\":"
            JSONWriter.writeString(copy.passage, to: &output)
            output += ",\"span\":{\"end\":\(copy.span.end),\"start\":\(copy.span.start)}}"
        }
        output += "],\"lines\":[" + lines.map(String.init).joined(separator: ",") + "],\"passage\":"
        JSONWriter.writeString(passage, to: &output)
        output += ",\"score\":" + JSONWriter.number(score) + ",\"snippet\":"
        JSONWriter.writeString(snippet, to: &output)
        output += ",\"span\":{\"end\":\(span.end),\"start\":\(span.start)}}"
        return output
    }
}

/// The answer to a search.
public struct SearchResults: Codable, Hashable, Sendable {
    public var query: String
    /// Matches in all (Xapian's estimate, duplicate groups folded unless `all`).
    public var total: Int
    public var hits: [SearchHit]
    /// A spelling correction of the query, when the index suggests one.
    public var suggestion: String?

    /// The results as compact JSON, keys sorted, no suggestion key without one: what `OutputJSON` writes for
    /// them, written directly (`GET /search` serves it for every request).
    public var json: String {
        var output = "{\"hits\":["
        for (index, hit) in hits.enumerated() {
            if index > 0 { output += "," }
            output += hit.json
        }
        output += "],\"query\":"
        JSONWriter.writeString(query, to: &output)
        if let suggestion {
            output += ",\"suggestion\":"
            JSONWriter.writeString(suggestion, to: &output)
        }
        output += ",\"total\":\(total)}"
        return output
    }
}

/// What a passage's Xapian document stores (`ValueSlot.passage`): `[start,end,firstLine,lastLine,paragraph,kind,
/// ordinal,check,[heading…]]` as JSON (kind 0 for a paragraph, 1 for boilerplate; check a hash of the document
/// id, so a passage found by its position among Xapian documents is known to be the one sought), a NUL byte,
/// then the passage's text. Its id, document and source are known to whoever looks it up; its group is in its
/// record's summary.
extension Passage {
    /// Appends where the passage stands, the numbers a stored passage and a record's passage table both open
    /// with: `start,end,firstLine,lastLine,paragraph,kind` (kind 1 for boilerplate, 0 for a paragraph).
    package func appendPlace(to bytes: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        bytes.appendDecimal(span.start, then: comma)
        bytes.appendDecimal(span.end, then: comma)
        bytes.appendDecimal(lines.first ?? 1, then: comma)
        bytes.appendDecimal(lines.last ?? 1, then: comma)
        bytes.appendDecimal(paragraph, then: comma)
        bytes.appendDecimal(kind == "boilerplate" ? 1 : 0)
    }
}

package enum StoredPassage {
    package static func encode(_ passage: Passage, ordinal: Int) -> [UInt8] {
        // As bytes from the start: one is written for every passage of every document ingested.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + passage.text.utf8.count)
        bytes.append(UInt8(ascii: "["))
        let comma = UInt8(ascii: ",")
        passage.appendPlace(to: &bytes)
        bytes.append(comma)
        bytes.appendDecimal(ordinal, then: comma)
        bytes.appendDecimal(Int(check(passage.document)), then: comma)
        var headings = "["
        for (index, heading) in passage.heading.enumerated() {
            if index > 0 { headings += "," }
            JSONWriter.writeString(heading, to: &headings)
        }
        headings += "]]"
        bytes.append(contentsOf: headings.utf8)
        bytes.append(0)
        bytes.append(contentsOf: passage.text.utf8)
        return bytes
    }

    /// A 32-bit FNV-1a hash of `document`.
    package static func check(_ document: String) -> UInt32 { document.utf8.fnv1a32 }

    /// The passage `id` (ordinal `ordinal`) of document `document` from its stored bytes, or nil when they hold
    /// another passage; `group` nil.
    package static func decode(_ bytes: [UInt8], id: String, document: String, ordinal: Int? = nil) throws -> Passage? {
        guard let separator = bytes.firstIndex(of: 0),
            case .array(let fields) = try JSONParser.parse(Array(bytes[..<separator])), fields.count == 9,
            case .array(let headingValues) = fields[8]
        else { throw ConcordError(.indexUnreadable, "the stored passage \(id) is damaged") }
        let numbers = fields.prefix(8).map { field -> Int in
            if case .number(let text) = field { Int(text) ?? 0 } else { 0 }
        }
        if let ordinal, numbers[6] != ordinal || numbers[7] != Int(check(document)) { return nil }
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

    /// The ordinal of passage id `id` ("DOCID.pN").
    package static func ordinal(ofPassage id: String) -> Int? {
        guard let dot = id.lastIndex(of: ".") else { return nil }
        let rest = id[id.index(after: dot)...]
        guard rest.hasPrefix("p") else { return nil }
        return Int(rest.dropFirst())
    }
}
