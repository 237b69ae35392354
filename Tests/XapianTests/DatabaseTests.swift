import ConcordTestSupport
import Foundation
import Testing
import Xapian

@Suite struct DatabaseTests {
    @Test func replaceAndDeleteByIdTerm() throws {
        let folder = try TemporaryDirectory("xapian-db")
        let database = try WritableDatabase(path: folder.path("db"))
        try SampleDatabase.fill(database)
        try SampleDatabase.fill(database)  // idempotent: same id terms replace
        #expect(try database.documentCount() == SampleDatabase.entries.count)

        var changed = SampleDatabase.entries[3]
        changed.title = "Artillery"
        changed.body = "Entirely different words about artillery."
        let generator = try TermGenerator()
        try database.replaceDocument(idTerm: "Qd", with: try SampleDatabase.document(for: changed, generator: generator))
        try database.commit()
        #expect(try SampleDatabase.search("munitions", in: database).isEmpty)
        #expect(try SampleDatabase.search("artillery", in: database) == ["d"])

        try database.deleteDocuments(idTerm: "Qd")
        try database.commit()
        #expect(try database.documentCount() == SampleDatabase.entries.count - 1)
        #expect(try !database.termExists("Qd"))
    }

    @Test func cancelledTransactionLeavesNoTrace() throws {
        let folder = try TemporaryDirectory("xapian-tx")
        let database = try WritableDatabase(path: folder.path("db"))
        try SampleDatabase.fill(database)
        let before = try database.documentCount()

        try database.beginTransaction()
        try database.deleteDocuments(idTerm: "Qa")
        try database.setMetadata("state", "half")
        try database.cancelTransaction()
        #expect(try database.documentCount() == before)
        #expect(try database.metadata("state") == "")

        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.transaction { () throws(Abort) in
                try? database.deleteDocuments(idTerm: "Qb")
                throw Abort()
            }
        }
        let reader = try Database(path: folder.path("db"))
        #expect(try reader.documentCount() == before)
        #expect(try reader.termExists("Qb"))
    }

    @Test func metadataRoundTrip() throws {
        let folder = try TemporaryDirectory("xapian-meta")
        let database = try WritableDatabase(path: folder.path("db"))
        try database.setMetadata("schema", "concord/1 ✓")
        try database.commit()
        let reader = try Database(path: folder.path("db"))
        #expect(try reader.metadata("schema") == "concord/1 ✓")
        #expect(try reader.metadata("missing") == "")
    }

    @Test func documentTermsValuesAndData() throws {
        let database = try WritableDatabase.inMemory()
        let document = try Document()
        try document.addTerm("alpha", wdf: 2)
        try document.addPosting("beta", at: 3)
        try document.addBooleanTerm("XTAG")
        try document.setValue(Sortable.serialise(42.5), slot: 3)
        try document.setData([0, 1, 2, 0])
        let id = try database.addDocument(document)
        let stored = try database.document(id)
        #expect(try stored.terms() == ["XTAG", "alpha", "beta"])
        #expect(try stored.data() == [0, 1, 2, 0])
        let values = try stored.values()
        #expect(values.count == 1 && values[0].slot == 3)
        #expect(Sortable.unserialise(try stored.value(3)) == 42.5)
        #expect(Sortable.serialise(-1).lexicographicallyPrecedes(Sortable.serialise(2)))
        #expect(try database.postings(for: "alpha") == [id])
        #expect(try database.allTerms(prefix: "X") == ["XTAG"])
        #expect(try database.termFrequency("beta") == 1)
        #expect(try database.averageLength() > 0)
        #expect(try database.lastDocumentID() == id)
    }

    @Test func valuesClearedAndSetAnewReplaceOnlyTheValues() throws {
        let folder = try TemporaryDirectory("xapian-values")
        let database = try WritableDatabase(path: folder.path("db"))
        let document = try Document()
        try document.addPosting("alpha", at: 1)
        try document.addBooleanTerm("QD1")
        try document.setData([7, 8, 9])
        for slot: UInt32 in [1, 4, 8] { try document.setValue("old \(slot)", slot: slot) }
        let id = try database.addDocument(document)
        try database.commit()

        let stored = try database.document(assumingValid: id)
        try stored.clearValues()
        try stored.setValue("kept 1", slot: 1)
        try stored.setValue("new 8", slot: 8)
        try database.replaceDocument(id, with: stored)
        try database.commit()

        let reader = try Database(path: folder.path("db"))
        let read = try reader.document(id)
        #expect(try read.values().map { "\($0.slot) " + String(decoding: $0.value, as: UTF8.self) } == ["1 kept 1", "8 new 8"])
        #expect(try read.terms() == ["QD1", "alpha"])
        #expect(try read.data() == [7, 8, 9])
        #expect(try reader.postings(for: "alpha") == [id])
    }

    @Test func valuesOfASlotComeByDocumentFromOnePass() throws {
        let database = try WritableDatabase.inMemory()
        for value in ["one", "", "three"] {
            let document = try Document()
            if !value.isEmpty { try document.setValue(value, slot: 4) }
            try document.setValue("other", slot: 2)
            _ = try database.addDocument(document)
        }
        let values = try database.stringValues(in: 4)
        #expect(values.map(\.document) == [1, 3])
        #expect(values.map(\.value) == ["one", "three"])
        #expect(try database.stringValues(in: 9).isEmpty)
        var bytes: [(UInt32, [UInt8])] = []
        try database.forEachValue(in: 4) { bytes.append(($0, Array($1))) }
        #expect(bytes.map(\.0) == [1, 3])
        #expect(bytes.map(\.1) == [Array("one".utf8), Array("three".utf8)])
        try database.forEachValue(in: 9) { _, _ in Issue.record("slot 9 holds no value") }
    }

    @Test func documentAssumedValidReadsLikeTheCheckedOneAndAMissingOneReadsEmpty() throws {
        let folder = try TemporaryDirectory("xapian-assume-valid")
        let writer = try WritableDatabase(path: folder.path("db"))
        let document = try Document()
        try document.setValue([7, 8, 9], slot: 5)
        try document.setData(Array("record".utf8))
        let id = try writer.addDocument(document)
        try writer.commit()
        let reader = try Database(path: folder.path("db"))
        #expect(try reader.document(assumingValid: id).value(5) == [7, 8, 9])
        #expect(try reader.document(assumingValid: id).data() == Array("record".utf8))
        let missing = #expect(throws: XapianError.self) { _ = try reader.document(id + 1) }
        #expect(missing?.kind == .documentNotFound)
        #expect(try reader.document(assumingValid: id + 1).value(5).isEmpty)
    }

    @Test func readerSeesCommitsAfterReopen() throws {
        let folder = try TemporaryDirectory("xapian-reopen")
        let writer = try WritableDatabase(path: folder.path("db"))
        try SampleDatabase.fill(writer, with: Array(SampleDatabase.entries.prefix(2)))
        let reader = try Database(path: folder.path("db"))
        #expect(try reader.documentCount() == 2)
        try SampleDatabase.fill(writer)
        #expect(try reader.reopen())
        #expect(try reader.documentCount() == SampleDatabase.entries.count)
        try reader.close()
        let closed = #expect(throws: XapianError.self) { _ = try reader.postings(for: "Qa") }
        #expect(closed?.kind == .databaseClosed)
    }

    @Test func readingRetriesOnceAtTheLatestCommitWhenCommitsReusedWhatItWasReading() throws {
        let folder = try TemporaryDirectory("xapian-modified")
        let writer = try WritableDatabase(path: folder.path("db"))
        func write(round: Int) throws {
            for number in 1...2_000 {
                let document = try Document()
                try document.addBooleanTerm("Q\(number)")
                try document.addBooleanTerm("XR\(round)")
                try document.setData(Array("round \(round) document \(number) ".utf8) + [UInt8](repeating: 65, count: 200))
                try writer.replaceDocument(idTerm: "Q\(number)", with: document)
            }
            try writer.commit()
        }
        try write(round: 0)
        let reader = try Database(path: folder.path("db"))
        #expect(try reader.document(1).data().starts(with: Array("round 0 ".utf8)))
        // Three commits that rewrite every document: the blocks the reader's revision had are freed and reused.
        for round in 1...3 { try write(round: round) }
        let error = #expect(throws: XapianError.self) {
            for number in 1...2_000 { _ = try reader.postings(for: "Q\(number)") }
        }
        #expect(error?.kind == .databaseModified)
        let data = try reader.reading { try $0.document($0.postings(for: "Q1500")[0]).data() }
        #expect(data.starts(with: Array("round 3 document 1500 ".utf8)))
    }

    @Test func missingDatabaseThrowsNamingTheClass() throws {
        let folder = try TemporaryDirectory("xapian-missing")
        let error = #expect(throws: XapianError.self) { _ = try Database(path: folder.path("nothing-here")) }
        #expect(error?.kind == .databaseNotFound || error?.kind == .databaseOpening)
        #expect(error?.typeName.hasSuffix("Error") == true)
    }

    @Test func corruptDatabaseThrows() throws {
        let folder = try TemporaryDirectory("xapian-corrupt")
        let path = folder.path("db")
        let database = try WritableDatabase(path: path)
        try SampleDatabase.fill(database)
        try database.close()
        // Overwrite every table file with garbage, keeping the names.
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.hasSuffix(".glass") {
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path + "/" + name))
        }
        try Data("not a version file".utf8).write(to: URL(fileURLWithPath: path + "/iamglass"))
        let error = #expect(throws: XapianError.self) {
            let reader = try Database(path: path)
            _ = try SampleDatabase.search("strait", in: reader)
        }
        #expect(error.map { [.databaseCorrupt, .databaseVersion, .databaseOpening, .database].contains($0.kind) } == true)
    }

    @Test func secondWriterGetsALockError() throws {
        let folder = try TemporaryDirectory("xapian-lock")
        let first = try WritableDatabase(path: folder.path("db"))
        let error = #expect(throws: XapianError.self) { _ = try WritableDatabase(path: folder.path("db")) }
        #expect(error?.kind == .databaseLock)
        withExtendedLifetime(first) {}
    }

    @Test func writingToAReadOnlyHandleIsRejected() throws {
        let stemmerless = #expect(throws: XapianError.self) { _ = try TermGenerator(language: "klingon") }
        #expect(stemmerless?.kind == .invalidArgument)
    }

    @Test func shardsRankLikeOneDatabase() throws {
        let folder = try TemporaryDirectory("xapian-shards")
        let whole = try WritableDatabase(path: folder.path("whole"))
        try SampleDatabase.fill(whole)
        let first = try WritableDatabase(path: folder.path("first"))
        let second = try WritableDatabase(path: folder.path("second"))
        try SampleDatabase.fill(first, with: Array(SampleDatabase.entries.prefix(2)))
        try SampleDatabase.fill(second, with: Array(SampleDatabase.entries.dropFirst(2)))
        let combined = try Database.combining([try Database(path: folder.path("first")), try Database(path: folder.path("second"))])
        #expect(try combined.documentCount() == SampleDatabase.entries.count)
        for query in ["strait", "taiwan strait", "munitions OR deterrence", "\"taiwan strait\""] {
            #expect(try SampleDatabase.search(query, in: combined) == SampleDatabase.search(query, in: whole))
        }
    }
}
