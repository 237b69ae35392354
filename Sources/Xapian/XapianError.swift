// Xapian: a small Swift-native API over libxapian (through CXapian): databases (disk, memory, remote,
// shards), documents, term generation, query parsing, matching and snippets. It knows nothing of concord.
// Handle classes own one CXapian handle each, free it in deinit, and are not Sendable: Xapian objects are not
// thread-safe, so each has one owner at a time.
internal import CXapian

/// A failure reported by Xapian, carrying Xapian's own error class and message.
public struct XapianError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Xapian error classes callers tell apart.
    public enum Kind: Sendable, Equatable {
        case databaseNotFound, databaseLock, databaseModified, databaseCorrupt, databaseVersion
        case databaseOpening, databaseCreate, databaseClosed, database
        case documentNotFound, queryParser, wildcard, networkTimeout, network, featureUnavailable
        case invalidArgument, invalidOperation, unimplemented, range, serialisation, `internal`, outOfMemory, other
    }

    /// Which class of error this is.
    public var kind: Kind
    /// Xapian's class name, verbatim (e.g. "DatabaseModifiedError").
    public var typeName: String
    /// Xapian's message.
    public var message: String

    public init(kind: Kind, typeName: String, message: String) {
        self.kind = kind
        self.typeName = typeName
        self.message = message
    }

    public var description: String { message.isEmpty ? typeName : "\(typeName): \(message)" }
}

extension XapianError.Kind {
    init(_ kind: cx_error_kind) {
        switch kind {
        case CX_DATABASE_NOT_FOUND: self = .databaseNotFound
        case CX_DATABASE_LOCK: self = .databaseLock
        case CX_DATABASE_MODIFIED: self = .databaseModified
        case CX_DATABASE_CORRUPT: self = .databaseCorrupt
        case CX_DATABASE_VERSION: self = .databaseVersion
        case CX_DATABASE_OPENING: self = .databaseOpening
        case CX_DATABASE_CREATE: self = .databaseCreate
        case CX_DATABASE_CLOSED: self = .databaseClosed
        case CX_DATABASE: self = .database
        case CX_DOC_NOT_FOUND: self = .documentNotFound
        case CX_QUERY_PARSER: self = .queryParser
        case CX_WILDCARD: self = .wildcard
        case CX_NETWORK_TIMEOUT: self = .networkTimeout
        case CX_NETWORK: self = .network
        case CX_FEATURE_UNAVAILABLE: self = .featureUnavailable
        case CX_INVALID_ARGUMENT: self = .invalidArgument
        case CX_INVALID_OPERATION: self = .invalidOperation
        case CX_UNIMPLEMENTED: self = .unimplemented
        case CX_RANGE: self = .range
        case CX_SERIALISATION: self = .serialisation
        case CX_INTERNAL: self = .`internal`
        case CX_OUT_OF_MEMORY: self = .outOfMemory
        default: self = .other
        }
    }
}

/// Calls `body` with a fresh `cx_error`, throwing it when the call filled it.
@inline(__always)
func checked<T>(_ body: (UnsafeMutablePointer<cx_error>) -> T) throws(XapianError) -> T {
    var error = cx_error(kind: CX_OK, type_name: nil, message: nil)
    let result = body(&error)
    if error.kind != CX_OK {
        defer { cx_error_clear(&error) }
        throw XapianError(
            kind: XapianError.Kind(error.kind),
            typeName: error.type_name.map { String(cString: $0) } ?? "Error",
            message: error.message.map { String(cString: $0) } ?? "")
    }
    return result
}

/// Calls `body` with `text`'s UTF-8 as `cx_bytes`, without copying a native string.
@inline(__always)
func withBytes<T>(_ text: String, _ body: (cx_bytes) throws(XapianError) -> T) throws(XapianError) -> T {
    var text = text
    let result: Result<T, XapianError> = text.withUTF8 { buffer in
        let bytes = cx_bytes(
            data: UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self), length: buffer.count)
        do throws(XapianError) { return .success(try body(bytes)) } catch { return .failure(error) }
    }
    return try result.get()
}

/// Calls `body` with `bytes` as `cx_bytes`.
@inline(__always)
func withBytes<T>(_ bytes: [UInt8], _ body: (cx_bytes) throws(XapianError) -> T) throws(XapianError) -> T {
    let result: Result<T, XapianError> = bytes.withUnsafeBufferPointer { buffer in
        let raw = cx_bytes(
            data: UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self), length: buffer.count)
        do throws(XapianError) { return .success(try body(raw)) } catch { return .failure(error) }
    }
    return try result.get()
}

/// Copies owned bytes into a String and frees them.
@inline(__always)
func consumeString(_ bytes: cx_bytes) -> String {
    defer { cx_bytes_free(bytes) }
    guard let data = bytes.data, bytes.length > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: data, count: bytes.length), as: UTF8.self)
}

/// Copies owned bytes into an array and frees them.
@inline(__always)
func consumeBytes(_ bytes: cx_bytes) -> [UInt8] {
    defer { cx_bytes_free(bytes) }
    guard let data = bytes.data, bytes.length > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: data, count: bytes.length))
}

/// Copies borrowed bytes into a String.
@inline(__always)
func borrowedString(_ bytes: cx_bytes) -> String {
    guard let data = bytes.data, bytes.length > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: data, count: bytes.length), as: UTF8.self)
}

/// Copies borrowed bytes into an array.
@inline(__always)
func borrowedBytes(_ bytes: cx_bytes) -> [UInt8] {
    guard let data = bytes.data, bytes.length > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: data, count: bytes.length))
}

/// Unwraps a handle a successful call returned; a nil without an error is Xapian running out of memory.
@inline(__always)
func handle<T>(_ pointer: T?) throws(XapianError) -> T {
    guard let pointer else { throw XapianError(kind: .outOfMemory, typeName: "std::bad_alloc", message: "no handle") }
    return pointer
}
