import ConcordText

/// One place a quoted text stands: a passage of a document, with the document's metadata, as the search and
/// duplicate layers find it. ``CitationSet`` turns sources into ``Citation``s.
public struct CitationSource: Codable, Hashable, Sendable {
    /// The document's id.
    public var documentID: String
    /// The id of the passage holding the quote.
    public var passageID: String
    /// The document's citation metadata.
    public var metadata: CitationMetadata
    /// The quote exactly as it stands in this source: `text[span]` of its extracted text.
    public var quote: String
    /// Where the quote stands, in Unicode scalars of the extracted text.
    public var span: TextSpan
    /// The first and last line (1-based) the quote covers; JSON `[first, last]`.
    public var lines: ClosedRange<Int>
    /// The 1-based number of the paragraph holding the quote, when known.
    public var paragraph: Int?
    /// The original's metadata when this source republishes another; ``CitationSet`` fills it in for its
    /// republications when left `nil`.
    public var originalMetadata: CitationMetadata?

    enum CodingKeys: String, CodingKey {
        case metadata, quote, span, lines, paragraph
        case documentID = "document_id"
        case passageID = "passage_id"
        case originalMetadata = "original_metadata"
    }

    /// Creates a source.
    public init(
        documentID: String, passageID: String, metadata: CitationMetadata, quote: String, span: TextSpan,
        lines: ClosedRange<Int>, paragraph: Int? = nil, originalMetadata: CitationMetadata? = nil
    ) {
        self.documentID = documentID
        self.passageID = passageID
        self.metadata = metadata
        self.quote = quote
        self.span = span
        self.lines = lines
        self.paragraph = paragraph
        self.originalMetadata = originalMetadata
    }

    /// Where the quote stands, for a reader: "para. 12, lines 40–44", "para. 3, line 7", or the lines alone
    /// when the paragraph is unknown.
    public var locator: String {
        let lineText =
            lines.lowerBound == lines.upperBound
            ? "line \(lines.lowerBound)" : "lines \(lines.lowerBound)–\(lines.upperBound)"
        guard let paragraph else { return lineText }
        return "para. \(paragraph), \(lineText)"
    }
}
