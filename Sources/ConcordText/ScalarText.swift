/// A text indexed by Unicode scalar, so slicing by `TextSpan` is O(length) rather than a walk from the start.
public struct ScalarText: Sendable {
    /// The scalars of the text, in order.
    public let scalars: [Unicode.Scalar]

    /// Indexes `text` once.
    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The number of scalars.
    public var count: Int { scalars.count }

    /// The characters of `span`, exactly as they stand; the span is clamped to the text.
    public subscript(span: TextSpan) -> String {
        let start = max(0, min(span.start, scalars.count))
        let end = max(start, min(span.end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
