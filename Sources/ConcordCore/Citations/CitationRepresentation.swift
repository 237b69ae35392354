/// What a `/cite` response carries, as chosen by ``ContentNegotiation``.
public enum CitationRepresentation: Hashable, Sendable {
    /// `application/json`: the ``CitationSet`` itself, each reference formatted in the given style.
    case json(referenceStyle: CitationStyle)
    /// The references alone, rendered in `style` (``CitationSet/rendered()``), served as `style.contentType`.
    case rendered(CitationStyle)

    /// The default: the JSON citation set with APA references.
    public static let `default` = CitationRepresentation.json(referenceStyle: .apa)

    /// The style the references are formatted in.
    public var style: CitationStyle {
        switch self {
        case .json(let style), .rendered(let style): style
        }
    }

    /// The `Content-Type` header value of the response body.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .rendered(let style): style.contentType
        }
    }
}
