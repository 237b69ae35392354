internal import CXapian

/// A Xapian database opened for reading: on disk, remote (xapian-tcpsrv), or several combined as shards.
///
/// Not thread-safe: give each thread or task its own, or lend one at a time under a lock.
public class Database {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Opens the database at `path` read-only.
    ///
    /// - Throws: `.databaseNotFound` when nothing is there, `.databaseOpening`/`.databaseCorrupt`/`.databaseVersion`
    ///   when what is there is not a readable database.
    public init(path: String) throws(XapianError) {
        // Designated, not convenience: WritableDatabase must not inherit a read-only `init(path:)`.
        let pointer = try checked { cx_database_open(path, $0) }
        self.pointer = try handle(pointer)
    }

    /// Opens a database served by `xapian-tcpsrv` at `host`:`port` (Xapian's remote backend).
    ///
    /// - Parameters:
    ///   - timeout: seconds to wait for any reply before a `.networkTimeout`.
    ///   - connectTimeout: seconds to wait for the connection.
    public static func remote(host: String, port: Int, timeout: Double = 10, connectTimeout: Double = 10)
        throws(XapianError) -> Database
    {
        guard (1...65535).contains(port) else {
            throw XapianError(kind: .invalidArgument, typeName: "InvalidArgumentError", message: "bad port \(port)")
        }
        let pointer = try checked {
            cx_database_open_remote(host, UInt32(port), UInt32(timeout * 1000), UInt32(connectTimeout * 1000), $0)
        }
        return Database(pointer: try handle(pointer))
    }

    /// One database searching all of `shards` together, as Xapian combines databases.
    public static func combining(_ shards: [Database]) throws(XapianError) -> Database {
        let pointer = try handle(try checked { cx_database_new_empty($0) })
        let combined = Database(pointer: pointer)
        for shard in shards {
            _ = try checked { cx_database_add_shard(pointer, shard.pointer, $0) }
        }
        return combined
    }

    deinit {
        cx_database_free(pointer)
    }

    /// The number of shards this database combines (1 for a single database). A document of shard `k` (0-based)
    /// with id `d` there has id `(d - 1) * shardCount + k + 1` here.
    public func shardCount() throws(XapianError) -> Int {
        Int(try checked { cx_database_shard_count(pointer, $0) })
    }

    /// The number of documents.
    public func documentCount() throws(XapianError) -> Int {
        Int(try checked { cx_database_doc_count(pointer, $0) })
    }

    /// The highest document id used so far.
    public func lastDocumentID() throws(XapianError) -> UInt32 {
        try checked { cx_database_last_docid(pointer, $0) }
    }

    /// The average document length, in terms.
    public func averageLength() throws(XapianError) -> Double {
        try checked { cx_database_average_length(pointer, $0) }
    }

    /// The number of documents indexed by `term`.
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        try withBytes(term) { bytes throws(XapianError) in Int(try checked { cx_database_term_frequency(pointer, bytes, $0) }) }
    }

    /// Whether any document is indexed by `term`.
    public func termExists(_ term: String) throws(XapianError) -> Bool {
        try withBytes(term) { bytes throws(XapianError) in try checked { cx_database_term_exists(pointer, bytes, $0) } }
    }

    /// The ids of the documents indexed by `term`, ascending.
    public func postings(for term: String) throws(XapianError) -> [UInt32] {
        let list = try withBytes(term) { bytes throws(XapianError) in
            try handle(try checked { cx_database_postings(pointer, bytes, $0) })
        }
        defer { cx_docids_free(list) }
        return ids(of: list)
    }

    /// The positions of `term` in document `id`, ascending; empty when the document has none of it.
    public func positions(of term: String, in id: UInt32) throws(XapianError) -> [UInt32] {
        let list = try withBytes(term) { bytes throws(XapianError) in
            try handle(try checked { cx_database_positions(pointer, id, bytes, $0) })
        }
        defer { cx_docids_free(list) }
        return ids(of: list)
    }

    /// The terms starting with `prefix`, ascending; at most `limit` when given.
    public func allTerms(prefix: String = "", limit: Int? = nil) throws(XapianError) -> [String] {
        let list = try withBytes(prefix) { bytes throws(XapianError) in
            try handle(try checked { cx_database_all_terms(pointer, bytes, max(0, limit ?? 0), $0) })
        }
        defer { cx_strings_free(list) }
        return (0..<cx_strings_count(list)).map { borrowedString(cx_strings_at(list, $0)) }
    }

    /// Every document holding a value in `slot`, with that value as a string, by ascending document id: one
    /// pass over the slot's value stream, far cheaper than reading the documents one by one.
    public func stringValues(in slot: UInt32) throws(XapianError) -> [(document: UInt32, value: String)] {
        let list = try handle(try checked { cx_database_slot_values(pointer, slot, $0) })
        defer { cx_slot_values_free(list) }
        return (0..<cx_slot_values_count(list)).map {
            (cx_slot_values_docid_at(list, $0), borrowedString(cx_slot_values_at(list, $0)))
        }
    }

    /// Calls `body` with every document holding a value in `slot` and that value's bytes (valid only during the
    /// call), by ascending document id: one pass over the slot's value stream, with no array made per value.
    public func forEachValue(
        in slot: UInt32, _ body: (_ document: UInt32, _ value: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let list = try handle(try checked { cx_database_slot_values(pointer, slot, $0) })
        defer { cx_slot_values_free(list) }
        for index in 0..<cx_slot_values_count(list) {
            let value = cx_slot_values_at(list, index)
            let bytes = UnsafeRawBufferPointer(start: value.data, count: value.length)
            try body(cx_slot_values_docid_at(list, index), bytes)
        }
    }

    /// The document with id `id`.
    ///
    /// - Throws: `.documentNotFound` when there is none.
    public func document(_ id: UInt32) throws(XapianError) -> Document {
        Document(pointer: try handle(try checked { cx_database_document(pointer, id, $0) }))
    }

    /// The document with id `id`, not checked to exist (no read until its data or a value is asked for): for
    /// ids the index itself gave, where a missing document reads as empty data and empty values.
    public func document(assumingValid id: UInt32) throws(XapianError) -> Document {
        Document(pointer: try handle(try checked { cx_database_document_assuming_valid(pointer, id, $0) }))
    }

    /// The user metadata stored under `key` (empty when unset).
    public func metadata(_ key: String) throws(XapianError) -> String {
        try withBytes(key) { bytes throws(XapianError) in consumeString(try checked { cx_database_metadata(pointer, bytes, $0) }) }
    }

    /// The best spelling correction of `word` from the spelling data, or nil when there is none.
    public func spellingSuggestion(for word: String, maxEditDistance: Int = 2) throws(XapianError) -> String? {
        let suggestion = try withBytes(word) { bytes throws(XapianError) in
            consumeString(try checked { cx_database_spelling_suggestion(pointer, bytes, UInt32(max(0, maxEditDistance)), $0) })
        }
        return suggestion.isEmpty ? nil : suggestion
    }

    /// Reopens the database at its latest committed revision.
    ///
    /// - Returns: whether anything changed. Call it after a `.databaseModified` error, then retry once.
    @discardableResult
    public func reopen() throws(XapianError) -> Bool {
        var changed = false
        _ = try checked { cx_database_reopen(pointer, &changed, $0) }
        return changed
    }

    /// `read(self)`, run once more after reopening at the latest commit when a writer's commits since this
    /// reader's revision reused what it was reading (a `.databaseModified` error).
    public func reading<Result>(_ read: (Database) throws -> Result) throws -> Result {
        do {
            return try read(self)
        } catch let error as XapianError where error.kind == .databaseModified {
            try reopen()
            return try read(self)
        }
    }

    /// Closes the database; later calls throw `.databaseClosed`. A writable database is not committed first.
    public func close() throws(XapianError) {
        _ = try checked { cx_database_close(pointer, $0) }
    }
}

/// A database opened for writing. Every read of `Database` works on it too.
///
/// Xapian's destructor commits but swallows errors, so call `commit()` to hear about failures.
public final class WritableDatabase: Database {
    /// How to open a database for writing.
    public enum OpenAction: Sendable {
        /// Open it, creating it when missing.
        case createOrOpen
        /// Create it, replacing any database there.
        case createOrOverwrite
        /// Create it; fail when one exists.
        case create
        /// Open it; fail when missing.
        case open

        var raw: cx_open_action {
            switch self {
            case .createOrOpen: CX_CREATE_OR_OPEN
            case .createOrOverwrite: CX_CREATE_OR_OVERWRITE
            case .create: CX_CREATE
            case .open: CX_OPEN
            }
        }
    }

    /// Opens or creates the database at `path`.
    ///
    /// - Throws: `.databaseLock` when another writer holds it.
    public init(path: String, action: OpenAction = .createOrOpen) throws(XapianError) {
        let pointer = try checked { cx_database_open_writable(path, action.raw, $0) }
        super.init(pointer: try handle(pointer))
    }

    private override init(pointer: OpaquePointer) {
        super.init(pointer: pointer)
    }

    /// A new database held in memory only (for tests and scratch work).
    public static func inMemory() throws(XapianError) -> WritableDatabase {
        WritableDatabase(pointer: try handle(try checked { cx_database_new_in_memory($0) }))
    }

    /// Makes every change so far durable.
    public func commit() throws(XapianError) {
        _ = try checked { cx_database_commit(pointer, $0) }
    }

    /// Starts a transaction: its changes become visible together at `commitTransaction()` or vanish at
    /// `cancelTransaction()`. A flushed transaction commits pending changes first and on its own commit.
    public func beginTransaction(flushed: Bool = true) throws(XapianError) {
        _ = try checked { cx_database_begin_transaction(pointer, flushed, $0) }
    }

    /// Ends the transaction, keeping its changes.
    public func commitTransaction() throws(XapianError) {
        _ = try checked { cx_database_commit_transaction(pointer, $0) }
    }

    /// Ends the transaction, dropping its changes.
    public func cancelTransaction() throws(XapianError) {
        _ = try checked { cx_database_cancel_transaction(pointer, $0) }
    }

    /// Runs `body` in a flushed transaction: committed when it returns, cancelled when it throws.
    public func transaction<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
        try beginTransaction(flushed: true)
        do {
            let result = try body()
            try commitTransaction()
            return result
        } catch {
            try? cancelTransaction()
            throw error
        }
    }

    /// Adds `document`, returning its new id.
    @discardableResult
    public func addDocument(_ document: Document) throws(XapianError) -> UInt32 {
        try checked { cx_database_add_document(pointer, document.pointer, $0) }
    }

    /// Replaces the documents indexed by `idTerm` with `document` (adding it when there are none).
    ///
    /// `document` should carry `idTerm`, so writing it twice changes nothing.
    @discardableResult
    public func replaceDocument(idTerm: String, with document: Document) throws(XapianError) -> UInt32 {
        try withBytes(idTerm) { bytes throws(XapianError) in
            try checked { cx_database_replace_document(pointer, bytes, document.pointer, $0) }
        }
    }

    /// Stores `document` as document `id`: it replaces the document there, or is added under that id.
    public func replaceDocument(_ id: UInt32, with document: Document) throws(XapianError) {
        _ = try checked { cx_database_replace_document_at(pointer, id, document.pointer, $0) }
    }

    /// Deletes document `id`.
    ///
    /// - Throws: `.documentNotFound` when there is none.
    public func deleteDocument(_ id: UInt32) throws(XapianError) {
        _ = try checked { cx_database_delete_document_at(pointer, id, $0) }
    }

    /// Deletes every document indexed by `idTerm` (none is fine).
    public func deleteDocuments(idTerm: String) throws(XapianError) {
        _ = try withBytes(idTerm) { bytes throws(XapianError) in try checked { cx_database_delete_document(pointer, bytes, $0) } }
    }

    /// Stores user metadata `value` under `key` (an empty value deletes it).
    public func setMetadata(_ key: String, _ value: String) throws(XapianError) {
        _ = try withBytes(key) { keyBytes throws(XapianError) in
            try withBytes(value) { valueBytes throws(XapianError) in
                try checked { cx_database_set_metadata(pointer, keyBytes, valueBytes, $0) }
            }
        }
    }

    /// Adds `word` to the spelling data.
    public func addSpelling(_ word: String, frequency: Int = 1) throws(XapianError) {
        _ = try withBytes(word) { bytes throws(XapianError) in
            try checked { cx_database_add_spelling(pointer, bytes, UInt32(max(1, frequency)), $0) }
        }
    }
}

extension WritableDatabase {
    /// Has malloc serve large blocks from memory already freed rather than from fresh pages, which the kernel
    /// zeroes on every first touch (`cx_malloc_reuse_freed_memory`): for a process that writes an index, whose
    /// blocks, like its caller's buffers, are allocated and freed by the thousand. Process-wide; call it once,
    /// early.
    public static func reuseFreedMemory() {
        cx_malloc_reuse_freed_memory()
    }

    /// Gives back to the system the memory malloc holds free, which `reuseFreedMemory()` has it keep otherwise:
    /// for a process about to go on to work of another shape, which would not reuse it but add to it.
    public static func releaseFreeMemory() {
        cx_malloc_release_free_memory()
    }
}

/// The ids `list` holds, copied in one go.
private func ids(of list: OpaquePointer) -> [UInt32] {
    let count = cx_docids_count(list)
    guard count > 0, let data = cx_docids_data(list) else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
}
