import Foundation

/// Reads one file into an `ExtractedDocument`: its text as extracted, the metadata the file carries, and the
/// structure its markup states.
///
/// Readers are small values; `read(_:)` is synchronous and throws `ReadError` for a file that cannot be read or
/// decoded (the ingest reports it with the path and goes on).
public protocol DocumentReader: Sendable {
    /// The document in `file`; throws `ReadError`.
    func read(_ file: URL) throws -> ExtractedDocument
}
