public import ConcordText

/// The formats concord reads.
public enum DocumentFormat: String, Codable, Hashable, Sendable, CaseIterable {
    case text = "txt"
    case markdown = "md"
    case html
    case pdf
}

/// What a reader gets out of one file: the text as extracted, the metadata the file itself carries, and
/// what the markup said about structure.
public struct ExtractedDocument: Sendable {
    /// The text as extracted; every reported span indexes it. For `.txt` and `.md` it is the file's own text.
    public var text: String
    public var format: DocumentFormat
    /// Metadata the file carries itself (front matter, HTML meta tags, PDF info); not the sidecar, not the
    /// heuristics over the text.
    public var metadata: CitationMetadata
    /// Structure the markup made explicit (headings, paragraphs, boilerplate, markup to keep out of the index).
    public var hints: [BlockHint]

    public init(text: String, format: DocumentFormat, metadata: CitationMetadata = CitationMetadata(), hints: [BlockHint] = []) {
        self.text = text
        self.format = format
        self.metadata = metadata
        self.hints = hints
    }
}
