/// Why a file could not be read: one error type for every reader and for sidecars.
///
/// `reason` is a stable, lower-case message fit to print after the path (`report.pdf: no text layer (scanned
/// PDF?)`); `kind` is what callers and tests match on.
public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure a reader reports.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The file does not exist.
        case missing
        /// The file exists but cannot be opened or read (permissions, a folder, a device).
        case unreadable
        /// The file is larger than the reader's size limit.
        case tooLarge
        /// The file holds no text (zero bytes, only white space, or no text content).
        case empty
        /// The file holds binary data (NUL bytes or many control characters).
        case binary
        /// The bytes are not text in any encoding the reader accepts.
        case undecodable
        /// A PDF without extractable text (scanned pages).
        case noTextLayer
        /// The external tool a reader needs (`pdftotext`) is not installed.
        case toolMissing
        /// The external tool failed, timed out, or could not be started.
        case toolFailed
        /// A metadata sidecar (`FILE.meta.json`) is malformed or unreadable.
        case badSidecar
        /// No reader handles the file's extension.
        case unsupported
    }

    /// What went wrong.
    public var kind: Kind
    /// A message fit to print after the path.
    public var reason: String

    /// Creates an error of `kind` with a printable `reason`.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}

extension ReadError {
    /// "file too large (N MB, limit M MB)", in the unit that keeps the numbers readable.
    static func tooLarge(size: Int, limit: Int) -> ReadError {
        ReadError(.tooLarge, "file too large (\(formatSize(size)), limit \(formatSize(limit)))")
    }

    /// A byte count for people: "70 MB", "2.5 MB", "12 KB", "100 bytes" (binary units, as the limit is set).
    static func formatSize(_ bytes: Int) -> String {
        func trimmed(_ value: Double) -> String {
            let text = value >= 10 ? String(Int(value.rounded())) : String(Double((value * 10).rounded()) / 10)
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        if bytes >= 1 << 20 { return "\(trimmed(Double(bytes) / Double(1 << 20))) MB" }
        if bytes >= 1 << 10 { return "\(trimmed(Double(bytes) / Double(1 << 10))) KB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
