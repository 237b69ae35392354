import Foundation

/// A CSL-JSON item (citation-style-language/schema, `csl-data.json`), as citeproc processors and Zotero read it.
///
/// A republication carries its original in `original-title`, `original-author`, `original-publisher` and
/// `original-date` (SPEC "HTTP"). `type` follows the inferred kind of work: `article-journal`,
/// `article-magazine`, `article-newspaper`, `article`, `webpage` or `document`.
public struct CSLItem: Codable, Hashable, Sendable {
    /// The item's id: concord's document id inside a citation set.
    public var id: String
    /// The CSL item type.
    public var type: String
    /// `title`.
    public var title: String?
    /// `author`; omitted from the JSON when empty.
    public var author: [PersonName]
    /// `container-title`: the periodical or website.
    public var containerTitle: String?
    /// `publisher`.
    public var publisher: String?
    /// `issued`.
    public var issued: DateParts?
    /// `URL`, without a text fragment.
    public var url: String?
    /// `language`, a BCP 47 tag.
    public var language: String?
    /// `note`.
    public var note: String?
    /// `original-title`: the title of the work this one republishes.
    public var originalTitle: String?
    /// `original-author`; omitted from the JSON when empty.
    public var originalAuthor: [PersonName]
    /// `original-publisher`: where the original appeared (its container, else its publisher).
    public var originalPublisher: String?
    /// `original-date`.
    public var originalDate: DateParts?

    enum CodingKeys: String, CodingKey {
        case id, type, title, author, publisher, issued, language, note
        case containerTitle = "container-title"
        case url = "URL"
        case originalTitle = "original-title"
        case originalAuthor = "original-author"
        case originalPublisher = "original-publisher"
        case originalDate = "original-date"
    }

    /// Builds the item for a document; blank fields are dropped and impossible date parts cut off.
    ///
    /// - Parameters:
    ///   - metadata: the document's citation metadata.
    ///   - id: the item's id.
    ///   - original: the original's metadata when the document republishes it.
    public init(_ metadata: CitationMetadata, id: String, original: CitationMetadata? = nil) {
        let item = ReferenceItem(metadata)
        self.id = id
        switch item.kind {
        case .journalArticle: type = "article-journal"
        case .magazineArticle: type = "article-magazine"
        case .newspaperArticle: type = "article-newspaper"
        case .article: type = "article"
        case .webpage: type = "webpage"
        case .document: type = "document"
        }
        title = item.title
        author = item.authors.map(Self.personName)
        containerTitle = item.containerTitle
        publisher = item.publisher
        issued = item.issued.map(Self.dateParts)
        url = item.url
        language = item.language
        note = item.note
        let originalItem = original.map(ReferenceItem.init)
        originalTitle = originalItem?.title
        originalAuthor = originalItem?.authors.map(Self.personName) ?? []
        originalPublisher = originalItem.flatMap { $0.containerTitle ?? $0.publisher }
        originalDate = originalItem?.issued.map(Self.dateParts)
    }

    /// Decodes an item; a numeric `id` becomes its decimal string.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? c.decode(String.self, forKey: .id) {
            id = text
        } else {
            id = String(try c.decode(Int.self, forKey: .id))
        }
        type = try c.decode(String.self, forKey: .type)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        author = try c.decodeIfPresent([PersonName].self, forKey: .author) ?? []
        containerTitle = try c.decodeIfPresent(String.self, forKey: .containerTitle)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        issued = try c.decodeIfPresent(DateParts.self, forKey: .issued)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        originalTitle = try c.decodeIfPresent(String.self, forKey: .originalTitle)
        originalAuthor = try c.decodeIfPresent([PersonName].self, forKey: .originalAuthor) ?? []
        originalPublisher = try c.decodeIfPresent(String.self, forKey: .originalPublisher)
        originalDate = try c.decodeIfPresent(DateParts.self, forKey: .originalDate)
    }

    /// Encodes the item, leaving out absent fields and empty name lists.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(title, forKey: .title)
        if !author.isEmpty { try c.encode(author, forKey: .author) }
        try c.encodeIfPresent(containerTitle, forKey: .containerTitle)
        try c.encodeIfPresent(publisher, forKey: .publisher)
        try c.encodeIfPresent(issued, forKey: .issued)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(originalTitle, forKey: .originalTitle)
        if !originalAuthor.isEmpty { try c.encode(originalAuthor, forKey: .originalAuthor) }
        try c.encodeIfPresent(originalPublisher, forKey: .originalPublisher)
        try c.encodeIfPresent(originalDate, forKey: .originalDate)
    }

    /// The item as pretty-printed JSON with sorted keys (one object, not an array).
    public var rendered: String { Self.render(self) }

    /// Items as a CSL-JSON array, the body of an `application/vnd.citationstyles.csl+json` response.
    public static func renderArray(_ items: [CSLItem]) -> String { render(items) }

    private static func render(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and arrays of them cannot fail; an empty object is the safe answer if it did.
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{}"
        }
        return text
    }

    private static func personName(_ name: ReferenceItem.Name) -> PersonName {
        PersonName(family: name.family, given: name.given, literal: name.literal)
    }

    private static func dateParts(_ date: ReferenceItem.Date) -> DateParts {
        DateParts(year: date.year, month: date.month, day: date.day)
    }
}
