#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConcordBase
import Synchronization
package import Xapian

/// Lends read-only databases over one index, one per caller at a time; Xapian objects are not thread-safe,
/// so a `Database` is never shared between two requests.
package final class ReaderPool: Sendable {
    package let path: String
    // Idle readers. A reader lent out belongs to its borrower alone until returned.
    private let idle: Mutex<[UnsafeReader]>

    /// A `Database` passed between threads under `idle`'s lock: only one borrower holds it at a time.
    private struct UnsafeReader: @unchecked Sendable {
        let database: Database
    }

    /// Checks that an index exists at `path` and opens one reader.
    ///
    /// - Throws: `ConcordError.indexMissing` naming the path and how to create the index, or
    ///   `.indexUnreadable` when what is there is not a concord index.
    package init(path: String) throws {
        self.path = path
        let first = try Self.open(path)
        idle = Mutex([UnsafeReader(database: first)])
    }

    package static func open(_ path: String) throws -> Database {
        var status = stat()
        let isFolder = stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        guard isFolder, access(path + "/iamglass", F_OK) == 0 else {
            // A folder that may not be looked into holds an index, for all anyone can tell.
            if isFolder, errno != ENOENT {
                throw ConcordError(.indexUnreadable, "cannot read the index at \(path): \(SystemError.message(errno))")
            }
            throw ConcordError(
                .indexMissing,
                "no index at \(path); create it with `concord ingest FOLDER --index \(path)` (or set CONCORD_INDEX)")
        }
        do {
            let database = try Database(path: path)
            let schema = try database.metadata(MetadataKey.schema)
            if !schema.isEmpty && schema != IndexSchema.version {
                throw ConcordError(
                    .indexUnreadable,
                    "the index at \(path) was written by another version of concord (schema \(schema)); "
                        + "ingest your documents again into a new folder and use that")
            }
            return database
        } catch let error as XapianError {
            throw ConcordError(.indexUnreadable, "cannot open the index at \(path): \(error)")
        }
    }

    /// Runs `body` with a reader of its own. When an ingest committed meanwhile (Xapian's
    /// DatabaseModifiedError), the reader is reopened and `body` retried once.
    package func withReader<T>(_ body: (Database) throws -> T) throws -> T {
        let reader = try idle.withLock { $0.popLast() } ?? UnsafeReader(database: Self.open(path))
        defer { idle.withLock { $0.append(reader) } }
        // Each request sees the latest commit; an ingest may have committed since this reader's last use.
        _ = try? reader.database.reopen()
        return try reader.database.reading(body)
    }

    /// Reopens every idle reader at the latest commit.
    package func refresh() {
        idle.withLock { readers in
            for reader in readers { _ = try? reader.database.reopen() }
        }
    }
}
