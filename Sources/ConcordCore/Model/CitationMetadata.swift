// ConcordCore is the product: the index schema, readers, ingest, search, duplicates and citations, behind
// `ConcordService`, the one facade both front ends (CLI and HTTP) hold. It imports Xapian internally so no
// Xapian type appears in its public API.

/// A person's name as CSL-JSON writes it: `family` and `given`, or one `literal` (an organisation, or a name
/// that cannot be split).
public struct PersonName: Codable, Hashable, Sendable {
    public var family: String?
    public var given: String?
    public var literal: String?

    public init(family: String? = nil, given: String? = nil, literal: String? = nil) {
        self.family = family
        self.given = given
        self.literal = literal
    }
}

/// A CSL-JSON date: `date-parts` [[year, month?, day?]].
public struct DateParts: Codable, Hashable, Sendable {
    public var dateParts: [[Int]]

    enum CodingKeys: String, CodingKey { case dateParts = "date-parts" }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        var parts = [year]
        if let month {
            parts.append(month)
            if let day { parts.append(day) }
        }
        dateParts = [parts]
    }

    public init(dateParts: [[Int]]) { self.dateParts = dateParts }

    public var year: Int? { dateParts.first?.first }
    public var month: Int? { dateParts.first.flatMap { $0.count > 1 ? $0[1] : nil } }
    public var day: Int? { dateParts.first.flatMap { $0.count > 2 ? $0[2] : nil } }

    /// "2024-05-30", "2024-05" or "2024", as far as the date goes; nil without a year.
    public var iso: String? {
        guard let year else { return nil }
        let parts = [month, day].prefix { $0 != nil }.compactMap { $0 }
        return parts.reduce(String(format: "%04d", year)) { $0 + String(format: "-%02d", $1) }
    }
}

/// Citation metadata of a document, in CSL-JSON's vocabulary (SPEC "Documents, passages, locations").
///
/// A field found nowhere stays `nil` (or empty for `author`); nothing is invented.
public struct CitationMetadata: Codable, Hashable, Sendable {
    public var title: String?
    public var author: [PersonName]
    public var containerTitle: String?
    public var publisher: String?
    public var issued: DateParts?
    public var url: String?
    public var language: String?
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case title, author, publisher, issued, language, note
        case containerTitle = "container-title"
        case url = "URL"
    }

    public init(
        title: String? = nil, author: [PersonName] = [], containerTitle: String? = nil, publisher: String? = nil,
        issued: DateParts? = nil, url: String? = nil, language: String? = nil, note: String? = nil
    ) {
        self.title = title
        self.author = author
        self.containerTitle = containerTitle
        self.publisher = publisher
        self.issued = issued
        self.url = url
        self.language = language
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        author = try c.decodeIfPresent([PersonName].self, forKey: .author) ?? []
        containerTitle = try c.decodeIfPresent(String.self, forKey: .containerTitle)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        issued = try c.decodeIfPresent(DateParts.self, forKey: .issued)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        if !author.isEmpty { try c.encode(author, forKey: .author) }
        try c.encodeIfPresent(containerTitle, forKey: .containerTitle)
        try c.encodeIfPresent(publisher, forKey: .publisher)
        try c.encodeIfPresent(issued, forKey: .issued)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(note, forKey: .note)
    }

    /// Fills each empty field of `self` from `other`: earlier sources win (SPEC's order of sources).
    public func filling(from other: CitationMetadata) -> CitationMetadata {
        var merged = self
        merged.title = title ?? other.title
        merged.author = author.isEmpty ? other.author : author
        merged.containerTitle = containerTitle ?? other.containerTitle
        merged.publisher = publisher ?? other.publisher
        merged.issued = issued ?? other.issued
        merged.url = url ?? other.url
        merged.language = language ?? other.language
        merged.note = note ?? other.note
        return merged
    }
}
