import ConcordText
import Foundation
import Testing

@testable import ConcordCore

/// The hand-written encoders of stored passages and records write what Foundation's encoder writes, as
/// `JSONDecoder` reads it back.
@Suite struct StoredJSONTests {
    static let tricky = "“Quoted” \"text\" \\ back/slash\ttab\nline \u{1} control — ünïcödé 🙂 漢字"

    static func passage(group: String?, text: String = tricky) -> Passage {
        Passage(
            id: "doc-txt.p3", document: "doc-txt", span: TextSpan(start: 5, end: 5 + text.unicodeScalars.count),
            lines: [2, 4], text: text, heading: ["Part “one”", "Sub\\section"], group: group, paragraph: 3,
            kind: "paragraph")
    }

    /// Both encodings, decoded and encoded again by Foundation with sorted keys: equal bytes mean equal values.
    static func canonical<T: Codable>(_ type: T.Type, _ bytes: [UInt8]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(try JSONDecoder().decode(type, from: Data(bytes))), as: UTF8.self)
    }

    @Test func storedPassageRoundTrips() throws {
        for heading in [["Part “one”", "Sub\\section"], []] {
            var passage = Self.passage(group: nil)
            passage.heading = heading
            let bytes = StoredPassage.encode(passage, ordinal: 3)
            #expect(try StoredPassage.decode(bytes, id: passage.id, document: passage.document) == passage)
            #expect(try StoredPassage.decode(bytes, id: passage.id, document: passage.document, ordinal: 3) == passage)
            // Found by its place among Xapian documents, another passage is told apart.
            #expect(try StoredPassage.decode(bytes, id: passage.id, document: passage.document, ordinal: 4) == nil)
            #expect(try StoredPassage.decode(bytes, id: passage.id, document: "other-txt", ordinal: 3) == nil)
        }
        var boilerplate = Self.passage(group: nil, text: "Photo: PLA")
        boilerplate.kind = "boilerplate"
        #expect(try StoredPassage.decode(StoredPassage.encode(boilerplate, ordinal: 0), id: boilerplate.id, document: "doc-txt") == boilerplate)
        #expect(StoredPassage.ordinal(ofPassage: "a.b-txt.p12") == 12)
        #expect(StoredPassage.document(ofPassage: "a.b-txt.p12") == "a.b-txt")
        #expect(StoredPassage.document(ofPassage: "no-ordinal") == nil)
        #expect(throws: ConcordError.self) { try StoredPassage.decode(Array("[1,2]".utf8), id: "x.p0", document: "x") }
    }

    @Test func recordRoundTripsWithItsTextAndPassages() throws {
        let text = "Title\n\n" + Self.tricky + "\n\nLast paragraph here."
        let scalars = ScalarText(text)
        let spans = [TextSpan(start: 0, end: 5), TextSpan(start: 7, end: 7 + Self.tricky.unicodeScalars.count)]
        let passages = spans.enumerated().map { index, span in
            Passage(
                id: "d.p\(index)", document: "d", span: span, lines: [1, 1], text: scalars[span],
                heading: index == 1 ? ["A “heading”", "B\\"] : [], group: nil, paragraph: index + 1,
                kind: index == 0 ? "boilerplate" : "paragraph")
        }
        let metadata = CitationMetadata(
            title: "T “x”", author: [PersonName(family: "Sacks", given: "David")], containerTitle: nil, publisher: "P",
            issued: DateParts(year: 2024, month: 6), url: "https://example.org/a?b=c", language: "en", note: nil)
        let record = DocumentRecord(
            id: "d", path: "/tmp/d.txt", relativePath: "d.txt", format: .text, hash: "abc", metadata: metadata,
            language: "en", sequence: 7, bytes: 99, text: text, passages: passages, boilerplate: [TextSpan(start: 1, end: 2)])
        let decoded = try DocumentRecord.decode(try record.stored())
        #expect(decoded.passages == passages)
        #expect(decoded.text == text && decoded.metadata == metadata)
        #expect(decoded.boilerplate == record.boilerplate && decoded.sequence == 7 && decoded.format == .text)
        let withoutPassages = try DocumentRecord.decode(try record.stored(), passages: false)
        #expect(withoutPassages.passages.isEmpty && withoutPassages.text == text)
        // The hand-written header is what Foundation's encoder writes.
        let fast = try StoredJSON.encode(record)
        let foundation = Array(try JSONEncoder().encode(record))
        #expect(try Self.canonical(DocumentRecord.self, fast) == Self.canonical(DocumentRecord.self, foundation))
        #expect(throws: ConcordError.self) { try DocumentRecord.decode(.init(data: Array("{}".utf8), text: [])) }
        // What alignment reads of it: the text and the boilerplate, with one span, several or none.
        for boilerplate in [[TextSpan(start: 1, end: 2)], [TextSpan(start: 0, end: 5), TextSpan(start: 9, end: 30)], []] {
            var variant = record
            variant.boilerplate = boilerplate
            let read = try DocumentRecord.alignment(decoding: try variant.stored(), id: "d")
            #expect(read.text.scalars == ScalarText(text).scalars && read.boilerplate == boilerplate)
        }
        #expect(throws: ConcordError.self) { try DocumentRecord.alignment(decoding: .init(data: Array("{}".utf8), text: []), id: "d") }
    }

    @Test func recordSummaryRoundTrips() throws {
        var positions = PassagePositions()
        positions.append(ordinal: 0, start: 1)
        positions.append(ordinal: 2, start: 40)
        let summary = RecordSummary(
            id: "doc “x”-txt", source: HitDocument(id: "doc “x”-txt", title: Self.tricky, issued: "2024"), passageCount: 3,
            passageBase: 1_073_741_900, positions: positions, groups: [2: .init(group: "g0123456789ab", overlap: 120)])
        #expect(try RecordSummary(decoding: summary.encoded()) == summary)
        #expect(summary.passageDocumentID(0, record: 10, shards: 1) == 1_073_741_900)
        #expect(summary.passageDocumentID(2, record: 10, shards: 1) == 1_073_741_902)
        // Two shards: record 10 is shard 1's document 5; its passage 1 is shard 1's document base + 1.
        #expect(summary.passageDocumentID(1, record: 10, shards: 2) == UInt32(2_147_483_802))
        #expect(summary.passageDocumentID(3, record: 10, shards: 1) == nil)
        var unwritten = summary
        unwritten.passageBase = 0
        #expect(unwritten.passageDocumentID(0, record: 10, shards: 1) == nil)
        #expect(throws: ConcordError.self) { try RecordSummary(decoding: Array("RS1".utf8) + [0, 5]) }
    }

    @Test func groupIsStoredWithoutItsMembersTextsAsFoundationWouldStoreIt() throws {
        let group = DuplicateGroup(
            id: "g0123456789ab",
            members: [
                GroupMember(passage: "a.p1", document: "a", span: TextSpan(start: 3, end: 9), lines: [1, 2], text: Self.tricky, original: true),
                GroupMember(passage: "b.p4", document: "b", span: TextSpan(start: 30, end: 36), lines: [7, 7], text: "plain", original: false),
            ], original: "a", words: 12)
        let fast = StoredJSON.encode(group)
        let foundation = Array(try JSONEncoder().encode(StoredGroup(group)))
        #expect(try Self.canonical(StoredGroup.self, fast) == Self.canonical(StoredGroup.self, foundation))
        #expect(!String(decoding: fast, as: UTF8.self).contains("plain"))
        var emptied = group
        for index in emptied.members.indices { emptied.members[index].text = "" }
        #expect(try StoredJSON.decodeGroup(fast) == emptied)
    }

    @Test func linkRecordRoundTripsAndRefusesDamage() throws {
        // Held by the million during detection: its numbers in 32 bits, beside the other document's id.
        #expect(MemoryLayout<DuplicateLink>.stride == 56)
        var record = LinkRecord()
        record.links = [
            DuplicateLink(span: TextSpan(start: 0, end: 90), words: 0..<15, other: "b-txt", otherSpan: TextSpan(start: 1_000_000, end: 1_000_090), otherWords: 200_000..<200_015, matched: 15),
            DuplicateLink(span: TextSpan(start: 100, end: 190), words: 17..<31, other: "c “d”", otherSpan: TextSpan(start: 5, end: 95), otherWords: 1..<15, matched: 13),
        ]
        let bytes = record.encoded()
        #expect(try LinkRecord(decoding: bytes) == record)
        #expect(try LinkRecord(decoding: LinkRecord().encoded()) == LinkRecord())
        for damaged in [Array(bytes.prefix(bytes.count - 3)), Array("CL1".utf8), [UInt8](repeating: 0xFF, count: 20), Array("{}".utf8), Array("CL3".utf8) + [0, 0]] {
            #expect(throws: ConcordError.self) { try LinkRecord(decoding: damaged) }
        }
    }

    /// Duplicate groups read only the spans of a record's passages (`PassageTable.spans`): the same spans, in the
    /// same order, as the whole passages decoded, and damage is refused alike.
    @Test func passageSpansAreThoseOfTheDecodedPassages() throws {
        let rows = [
            (0, 40, "paragraph", ["A"]), (41, 41, "boilerplate", []), (42, 1_000_090, "paragraph", ["A", "B “c”"]),
        ]
        let passages = rows.enumerated().map { ordinal, row in
            Passage(
                id: Passage.id(document: "doc-txt", ordinal: ordinal), document: "doc-txt",
                span: TextSpan(start: row.0, end: row.1), lines: [ordinal + 1, ordinal + 2], text: "", heading: row.3,
                group: nil, paragraph: ordinal, kind: row.2)
        }
        let bytes = PassageTable.encode(passages)
        let decoded = try PassageTable.decode(bytes, document: "doc-txt") { _ in "" }
        #expect(decoded == passages)
        #expect(try PassageTable.spans(bytes, document: "doc-txt") == passages.map(\.span))
        #expect(try PassageTable.spans(PassageTable.encode([]), document: "doc-txt") == [])
        // A row with a number missing, and no rows at all.
        let short = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "[41,41,", with: "[41,").utf8)
        for damaged in [short, Array("{\"headings\":[]}".utf8)] {
            #expect(throws: ConcordError.self) { try PassageTable.decode(damaged, document: "doc-txt") { _ in "" } }
            #expect(throws: ConcordError.self) { try PassageTable.spans(damaged, document: "doc-txt") }
        }
    }
}
