/// A structural unit of a document's extracted text, found by `Segmenter`.
public struct Block: Hashable, Sendable {
    /// What a block is.
    public enum Kind: Hashable, Sendable {
        /// Body text: hard-wrapped lines already grouped into one paragraph.
        case paragraph
        /// A heading; `level` 1 is the top.
        case heading(level: Int)
        /// Recurring or decorative text (captions, page headers and footers, share lines, credits): kept out
        /// of duplicates and ranking.
        case boilerplate
    }

    /// What the block is.
    public var kind: Kind
    /// Where the block stands in the extracted text, trimmed of surrounding white space.
    public var span: TextSpan

    /// Creates a block.
    public init(kind: Kind, span: TextSpan) {
        self.kind = kind
        self.span = span
    }
}

/// What a reader knows about the structure of the text it extracted (from HTML tags or Markdown syntax),
/// handed to `Segmenter` so it need not guess.
public struct BlockHint: Hashable, Sendable {
    /// What the reader says a span is.
    public enum Kind: Hashable, Sendable {
        /// The span is a heading of this level.
        case heading(level: Int)
        /// The span is a paragraph (a block element in HTML).
        case paragraph
        /// The span is boilerplate (navigation, captions, footers).
        case boilerplate
        /// The span is markup (Markdown syntax, front matter): kept in the text, out of the index.
        case markup

        /// A fixed order of the kinds (boilerplate, headings by level, markup, paragraph), for sorting hints
        /// deterministically.
        var order: Int {
            switch self {
            case .boilerplate: 0
            case .heading(let level): 1 + min(max(level, 0), 8)
            case .markup: 10
            case .paragraph: 11
            }
        }
    }

    /// What the span is.
    public var kind: Kind
    /// The span of the extracted text the hint is about.
    public var span: TextSpan

    /// Creates a hint.
    public init(kind: Kind, span: TextSpan) {
        self.kind = kind
        self.span = span
    }
}
