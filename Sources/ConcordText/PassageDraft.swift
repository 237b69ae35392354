/// A passage as segmentation finds it: a paragraph (or a sentence-aligned part of a long one) with its location,
/// the headings above it and its normalized text. The core turns drafts into stored passages.
public struct PassageDraft: Hashable, Sendable {
    /// What a passage is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Body text: indexed, ranked and compared for duplicates.
        case paragraph
        /// Captions, footers, disclaimers, share lines, page furniture, bylines: still a passage (it can be shown
        /// and searched weakly) but kept out of duplicates and ranking.
        case boilerplate
    }

    /// The 0-based position of the passage in its document; the same text always gives the same ordinals, so
    /// passage ids derived from document id and ordinal are stable while the document is unchanged.
    public var ordinal: Int
    /// Where the passage stands in the extracted text, trimmed of white space; `text[span]` quotes it exactly.
    public var span: TextSpan
    /// The first and last 1-based lines of `span`, `[first, last]`.
    public var lines: [Int]
    /// The texts of the headings above the passage, outermost first, as they stand in the text with white space
    /// folded (Markdown `#` markers left out).
    public var headingPath: [String]
    /// The 1-based number of the paragraph the passage belongs to, counting paragraph and boilerplate blocks
    /// (not headings); the parts of a split paragraph share it.
    public var paragraph: Int
    /// Whether the passage is body text or boilerplate.
    public var kind: Kind
    /// The normalized text of `span`, for matching and indexing, with its map back into the extracted text.
    public var normalized: NormalizedText

    /// Creates a draft.
    public init(
        ordinal: Int, span: TextSpan, lines: [Int], headingPath: [String], paragraph: Int, kind: Kind,
        normalized: NormalizedText
    ) {
        self.ordinal = ordinal
        self.span = span
        self.lines = lines
        self.headingPath = headingPath
        self.paragraph = paragraph
        self.kind = kind
        self.normalized = normalized
    }
}
