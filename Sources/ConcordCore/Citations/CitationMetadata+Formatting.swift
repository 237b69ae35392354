extension CitationMetadata {
    /// This metadata as one reference in `style`, as `ReferenceFormatter.format(_:style:fallbackTitle:markup:)`
    /// gives it.
    public func formatted(
        as style: CitationStyle, fallbackTitle: String? = nil, markup: ReferenceMarkup = .plain
    ) -> String {
        ReferenceFormatter.format(self, style: style, fallbackTitle: fallbackTitle, markup: markup)
    }
}
