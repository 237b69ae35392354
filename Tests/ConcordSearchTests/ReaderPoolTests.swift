import ConcordTestSupport
import Testing
import Xapian

@testable import ConcordSearch

/// Opening an index for searching: what is missing or foreign is a clear error naming the path.
@Suite("Opening an index")
struct ReaderPoolTests {
    @Test("a missing folder, or one that is no Xapian index, says how to create the index")
    func missingIndex() throws {
        let folder = try TemporaryDirectory()
        for path in [folder.path("nothing-here"), folder.url.path] {
            let error = try #require(throws: ConcordError.self) { try ReaderPool(path: path) }
            #expect(error.code == .indexMissing)
            #expect(error.message.contains(path) && error.message.contains("concord ingest"))
        }
    }

    @Test("an index of another schema version is refused, not searched wrongly")
    func otherSchema() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("old")
        let database = try WritableDatabase(path: path)
        try database.setMetadata(MetadataKey.schema, "1")
        try database.commit()
        try database.close()
        let error = try #require(throws: ConcordError.self) { try ReaderPool(path: path) }
        #expect(error.code == .indexUnreadable)
        #expect(error.message.contains("another version of concord (schema 1)"))
    }

    @Test("an index of this schema opens and lends readers")
    func currentSchema() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("current")
        let database = try WritableDatabase(path: path)
        try database.setMetadata(MetadataKey.schema, IndexSchema.version)
        try database.commit()
        try database.close()
        let pool = try ReaderPool(path: path)
        #expect(try pool.withReader { try $0.documentCount() } == 0)
    }
}
