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

    @Test(arguments: [nil, "g0123456789ab"])
    func storedPassageMatchesFoundation(group: String?) throws {
        for source in [
            HitDocument(id: "doc-txt", title: Self.tricky, author: "A “B”", source: nil, issued: "2024-05"),
            HitDocument(id: "doc-txt"),
        ] {
            let stored = StoredPassage(passage: Self.passage(group: group), source: source)
            let fast = StoredJSON.encode(stored)
            let foundation = Array(try JSONEncoder().encode(stored))
            #expect(try Self.canonical(StoredPassage.self, fast) == Self.canonical(StoredPassage.self, foundation))
            #expect(try StoredJSON.decode(StoredPassage.self, from: fast).passage == stored.passage)
        }
    }

    @Test func recordMatchesFoundationAndKeepsPassageTexts() throws {
        let text = "Title\n\n" + Self.tricky + "\n\nLast paragraph here."
        let scalars = ScalarText(text)
        let spans = [TextSpan(start: 0, end: 5), TextSpan(start: 7, end: 7 + Self.tricky.unicodeScalars.count)]
        let passages = spans.enumerated().map { index, span in
            Passage(
                id: "d.p\(index)", document: "d", span: span, lines: [1, 1], text: scalars[span], heading: [],
                group: index == 1 ? "g1" : nil, paragraph: index + 1, kind: "paragraph")
        }
        let metadata = CitationMetadata(
            title: "T “x”", author: [PersonName(family: "Sacks", given: "David")], containerTitle: nil, publisher: "P",
            issued: DateParts(year: 2024, month: 6), url: "https://example.org/a?b=c", language: "en", note: nil)
        let record = DocumentRecord(
            id: "d", path: "/tmp/d.txt", relativePath: "d.txt", format: .text, hash: "abc", metadata: metadata,
            language: "en", sequence: 7, bytes: 99, text: text, passages: passages, boilerplate: [TextSpan(start: 1, end: 2)],
            links: [DuplicateLink(span: TextSpan(start: 7, end: 9), other: "e", otherSpan: TextSpan(start: 3, end: 5))])
        let fast = try StoredJSON.encode(record)
        let decoded = try StoredJSON.decode(DocumentRecord.self, from: fast)
        #expect(decoded.passages == passages)
        #expect(decoded.text == text && decoded.links == record.links && decoded.metadata == metadata)
        #expect(decoded.boilerplate == record.boilerplate && decoded.sequence == 7 && decoded.format == .text)
        let foundation = Array(try JSONEncoder().encode(record))
        #expect(try Self.canonical(DocumentRecord.self, fast) == Self.canonical(DocumentRecord.self, foundation))
    }
}
