import ConcordText

/// One source of a quote, cited: its formatted reference, where the quote stands, and a link to it (SPEC "HTTP",
/// `/cite`). JSON keys: `document`, `passage`, `reference`, `reference_html`, `locator`, `quote`, `span`,
/// `lines`, `url`, `original`.
public struct Citation: Codable, Hashable, Sendable {
    /// The document's id.
    public var document: String
    /// The passage's id.
    public var passage: String
    /// The reference in the set's style; for BibTeX, RIS and CSL-JSON the record's text.
    public var reference: String
    /// The reference with HTML escaping and `<i>` italics, for APA, Chicago and MLA; `nil` for the record formats.
    public var referenceHTML: String?
    /// Where the quote stands: "para. 12, lines 40–44".
    public var locator: String
    /// The quote exactly as it stands in this source.
    public var quote: String
    /// Where the quote stands, in Unicode scalars of the document's extracted text.
    public var span: TextSpan
    /// The first and last line (1-based) of the quote; JSON `[first, last]`.
    public var lines: ClosedRange<Int>
    /// The source's URL with a text fragment selecting the quote (``TextFragment``); `nil` without a URL.
    public var url: String?
    /// Whether this source is the original of the quote (not a republication).
    public var original: Bool

    enum CodingKeys: String, CodingKey {
        case document, passage, reference, locator, quote, span, lines, url, original
        case referenceHTML = "reference_html"
    }

    /// Creates a citation with every field given.
    public init(
        document: String, passage: String, reference: String, referenceHTML: String? = nil, locator: String,
        quote: String, span: TextSpan, lines: ClosedRange<Int>, url: String?, original: Bool
    ) {
        self.document = document
        self.passage = passage
        self.reference = reference
        self.referenceHTML = referenceHTML
        self.locator = locator
        self.quote = quote
        self.span = span
        self.lines = lines
        self.url = url
        self.original = original
    }

    /// Cites `source` in `style`.
    ///
    /// - Parameters:
    ///   - source: where the quote stands; its document id is the fallback title and the CSL-JSON item id.
    ///   - style: the style of ``reference``.
    ///   - isOriginal: whether the source is the original of the quote.
    ///   - citationKey: the BibTeX key to use instead of the computed one (to keep keys in a set unique).
    public init(source: CitationSource, style: CitationStyle, isOriginal: Bool, citationKey: String? = nil) {
        let locator = source.locator
        let original = isOriginal ? nil : source.originalMetadata
        switch style {
        case .apa, .chicago, .mla:
            reference = ReferenceFormatter.format(
                source.metadata, style: style, fallbackTitle: source.documentID, originalOf: original)
            referenceHTML = ReferenceFormatter.format(
                source.metadata, style: style, fallbackTitle: source.documentID, markup: .html, originalOf: original)
        case .bibtex:
            reference =
                BibTeXEntry(
                    source.metadata, fallbackTitle: source.documentID, original: original, locator: locator,
                    quote: source.quote, key: citationKey
                ).rendered
            referenceHTML = nil
        case .ris:
            reference =
                RISRecord(
                    source.metadata, fallbackTitle: source.documentID, original: original, locator: locator,
                    quote: source.quote
                ).rendered
            referenceHTML = nil
        case .cslJSON:
            reference = CSLItem(source.metadata, id: source.documentID, original: original).rendered
            referenceHTML = nil
        }
        document = source.documentID
        passage = source.passageID
        self.locator = locator
        quote = source.quote
        span = source.span
        lines = source.lines
        url = ReferenceItem.clean(source.metadata.url).map { TextFragment.link(to: source.quote, in: $0) }
        self.original = isOriginal
    }
}
