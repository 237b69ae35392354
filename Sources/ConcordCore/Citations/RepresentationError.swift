/// No representation of a citation fits what the client asked for; the server answers 406 Not Acceptable
/// (for an `Accept` header) or 400 (for an unknown `format=` value) with ``message``.
public struct RepresentationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the unsatisfiable request came from.
    public enum Kind: String, Hashable, Sendable {
        /// Nothing in the `Accept` header is supported (or everything supported has `q=0`).
        case notAcceptable = "not_acceptable"
        /// The `format=` value names no supported format.
        case unknownFormat = "unknown_format"
    }

    /// Where the unsatisfiable request came from.
    public var kind: Kind
    /// What the client sent: the `Accept` header or the `format=` value, verbatim.
    public var requested: String
    /// What would have worked: media types for ``Kind/notAcceptable``, format names for ``Kind/unknownFormat``.
    public var supported: [String]

    /// Creates the error.
    public init(kind: Kind, requested: String, supported: [String]) {
        self.kind = kind
        self.requested = requested
        self.supported = supported
    }

    /// A message fit to print or to send as the error body, listing what is supported.
    public var message: String {
        switch kind {
        case .notAcceptable:
            "no supported citation format in Accept: \(requested); supported: \(supported.joined(separator: ", "))"
        case .unknownFormat:
            "unknown citation format '\(requested)'; supported: \(supported.joined(separator: ", "))"
        }
    }

    /// The message.
    public var description: String { message }
}
