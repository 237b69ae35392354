import ConcordSearch
import Testing
import Xapian

@testable import ConcordCore

/// The records an ingest keeps for duplicate detection stay within their limit, one per document.
@Suite struct WrittenRecordsTests {
    /// A record whose values are a summary of `summary` bytes and one other value of `other` bytes.
    func record(_ docid: UInt32, summary: Int, other: Int) throws -> WrittenRecord {
        let document = try Document()
        try document.setValue([UInt8](repeating: 1, count: summary), slot: ValueSlot.summary.rawValue)
        try document.setValue([UInt8](repeating: 2, count: other), slot: ValueSlot.path.rawValue)
        return try WrittenRecord(document, at: docid)
    }

    @Test func recordsPastTheLimitAreNotKeptAndAReplacedOneFreesItsRoom() throws {
        let (a, b) = (try record(1, summary: 40, other: 100), try record(2, summary: 40, other: 100))
        #expect(a.summary.count == 40 && a.values.map(\.slot) == [ValueSlot.path.rawValue])
        var kept = WrittenRecords(limit: a.bytes + b.bytes - 1)
        kept.keep(a, of: "a")
        kept.keep(b, of: "b")  // does not fit beside a
        kept.keep(try record(3, summary: 40, other: 100), of: "a")  // replaces a, in its room
        var taken = kept.take()
        #expect(taken.keys.sorted() == ["a"] && taken["a"]?.docid == 3)
        #expect(kept.take().isEmpty)

        kept.keep(a, of: "a")
        kept.forget("a")
        kept.keep(b, of: "b")  // fits once a is gone
        taken = kept.take()
        #expect(taken.keys.sorted() == ["b"])
    }
}
