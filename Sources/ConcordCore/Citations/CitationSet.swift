/// The citations of a quote: its original first, then its republications (SPEC "HTTP", `/cite`). JSON keys:
/// `quote`, `style`, `original` (absent when concord cannot tell), `republications`.
public struct CitationSet: Codable, Hashable, Sendable {
    /// The quote as asked for (or the passage's text).
    public var quote: String
    /// The style every ``Citation/reference`` is in.
    public var style: CitationStyle
    /// The original's citation, when the quote's original is known.
    public var original: Citation?
    /// The other sources, in the caller's order.
    public var republications: [Citation]

    /// Creates a set with every field given.
    public init(quote: String, style: CitationStyle, original: Citation?, republications: [Citation]) {
        self.quote = quote
        self.style = style
        self.original = original
        self.republications = republications
    }

    /// Cites the sources of a quote in `style`: `original` (when known) and the `republications`.
    ///
    /// A republication whose ``CitationSource/originalMetadata`` is `nil` gets the original's metadata, so its
    /// reference names the original. BibTeX keys are unique within the set: a key already taken gets a
    /// letter (`sacks2024nato`, `sacks2024natoa`, `sacks2024natob`).
    public init(
        citing original: CitationSource?, republications: [CitationSource], quote: String, style: CitationStyle
    ) {
        var taken: Set<String> = []
        func uniqueKey(for source: CitationSource) -> String {
            let base = BibTeXEntry.citationKey(for: source.metadata, fallbackTitle: source.documentID)
            var key = base
            var suffix = 0
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            while taken.contains(key) {
                // a…z, then aa, ab, …: never runs out.
                var n = suffix
                var tail = ""
                repeat {
                    tail = String(letters[n % 26]) + tail
                    n = n / 26 - 1
                } while n >= 0
                key = base + tail
                suffix += 1
            }
            taken.insert(key)
            return key
        }
        self.quote = quote
        self.style = style
        self.original = original.map {
            Citation(source: $0, style: style, isOriginal: true, citationKey: uniqueKey(for: $0))
        }
        self.republications = republications.map { source in
            var source = source
            if source.originalMetadata == nil, let original { source.originalMetadata = original.metadata }
            return Citation(source: source, style: style, isOriginal: false, citationKey: uniqueKey(for: source))
        }
    }

    /// The citations, original first.
    public var citations: [Citation] { (original.map { [$0] } ?? []) + republications }

    /// The references alone, as the body of a ``CitationRepresentation/rendered(_:)`` response in ``style``:
    /// for APA, Chicago and MLA one reference per line; BibTeX entries separated by blank lines; RIS records
    /// one after another; a CSL-JSON array of items. Ends with a newline.
    public func rendered() -> String {
        let references = citations.map(\.reference)
        switch style {
        case .apa, .chicago, .mla:
            return references.map { $0 + "\n" }.joined()
        case .bibtex:
            return references.joined(separator: "\n\n") + "\n"
        case .ris:
            return references.joined(separator: "\r\n")
        case .cslJSON:
            guard !references.isEmpty else { return "[]\n" }
            let indented = references.map { reference in
                reference.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
                    .joined(separator: "\n")
            }
            return "[\n" + indented.joined(separator: ",\n") + "\n]\n"
        }
    }
}
