/// An error a user can cause or fix, with a stable `code` and a message fit to print.
///
/// Xapian's errors are translated into these in ConcordCore and nowhere else.
public struct ConcordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes (also the HTTP error `code`).
    public enum Code: String, Sendable, Codable {
        case badQuery = "bad_query"
        case badParameter = "bad_parameter"
        case notFound = "not_found"
        case indexMissing = "index_missing"
        case indexUnreadable = "index_unreadable"
        case indexBusy = "index_busy"
        case ingestFailed = "ingest_failed"
        case notAcceptable = "not_acceptable"
        case timeout = "timeout"
        case `internal` = "internal"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
