/// An RIS record (the tagged format of EndNote, Zotero, Mendeley): `TAG  - value` lines ending in CRLF, from
/// `TY` to `ER`, as the RIS specification and its readers expect.
///
/// `TY` follows the inferred kind of work: `JOUR` (journal article, or an article in another named container),
/// `MGZN`, `NEWS`, `ELEC` (a web page) or `GEN` (a document with neither container nor URL).
public struct RISRecord: Hashable, Sendable {
    /// One tagged line.
    public struct Line: Hashable, Sendable {
        /// A two-character tag such as `TY`, `AU` or `TI`.
        public var tag: String
        /// The value, on one line.
        public var value: String
    }

    /// The record's lines from `TY` to just before `ER`.
    public var lines: [Line]

    /// Builds the record for a document.
    ///
    /// - Parameters:
    ///   - metadata: the document's citation metadata.
    ///   - fallbackTitle: the title when the metadata has none (for example the document id).
    ///   - original: the original's metadata when the document republishes it, written as `OP` (original
    ///     publication).
    ///   - locator: where the quote stands, written with the quote in a second `N1` note.
    ///   - quote: the quoted text.
    public init(
        _ metadata: CitationMetadata, fallbackTitle: String? = nil, original: CitationMetadata? = nil,
        locator: String? = nil, quote: String? = nil
    ) {
        let item = ReferenceItem(metadata)
        var lines: [Line] = []
        func add(_ tag: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append(Line(tag: tag, value: value)) }
        }
        let type: String
        switch item.kind {
        case .journalArticle, .article: type = "JOUR"
        case .magazineArticle: type = "MGZN"
        case .newspaperArticle: type = "NEWS"
        case .webpage: type = "ELEC"
        case .document: type = "GEN"
        }
        add("TY", type)
        for author in item.authors {
            if let literal = author.literal {
                add("AU", literal)
            } else {
                add("AU", [author.family, author.given].compactMap { $0 }.joined(separator: ", "))
            }
        }
        add("TI", item.title ?? ReferenceItem.clean(fallbackTitle))
        add("T2", item.containerTitle)
        if item.kind == .journalArticle { add("JO", item.containerTitle) }
        add("PB", item.publisher)
        if let date = item.issued {
            add("PY", String(date.year))
            // RIS dates: YYYY/MM/DD/other, empty parts kept.
            let month = date.month.map { Self.twoDigits($0) } ?? ""
            let day = date.day.map { Self.twoDigits($0) } ?? ""
            add("DA", "\(date.year)/\(month)/\(day)/")
        }
        add("UR", item.url)
        add("LA", item.language)
        add("N1", item.note)
        if let quote = ReferenceItem.clean(quote) {
            let place = ReferenceItem.clean(locator).map { "\($0): " } ?? ""
            add("N1", "\(place)“\(quote)”")
        } else {
            add("N1", ReferenceItem.clean(locator))
        }
        if let original = original.map(ReferenceItem.init) {
            let parts = [
                original.title, original.containerTitle ?? original.publisher, original.issued.map { String($0.year) },
            ]
            add("OP", parts.compactMap { $0 }.joined(separator: ", "))
        }
        self.lines = lines
    }

    /// The record as text: `TAG  - value` lines and the closing `ER  - `, each ending in CRLF.
    public var rendered: String {
        var text = ""
        for line in lines {
            text += "\(line.tag)  - \(line.value)\r\n"
        }
        text += "ER  - \r\n"
        return text
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
