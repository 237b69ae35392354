import Foundation
import Testing

@testable import ConcordSearch

/// The Foundation-free JSON reader and writer the search path uses, checked against Foundation's.
@Suite("JSON without Foundation")
struct JSONTests {
    @Test("parses what JSONSerialization parses, to the same values")
    func parsesLikeFoundation() throws {
        let texts = [
            #"{"a":1,"b":[null],"c":"x\"y\\z\/w","d":-0.5e3,"e":{}}"#,
            #"["\u00e9\ud83d\ude00", "tab\there", "line\nbreak", "", 0, 12345678901234]"#,
            #"  {"nested": [[[]], {"k": [1, 2.25, -3]}]}  "#,
            #""plain""#, "3.14", "null",
        ]
        for text in texts {
            let ours = try JSONParser.parse(Array(text.utf8))
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(ours == Self.value(of: theirs), "\(text)")
        }
    }

    @Test("bytes as lowercase hex, two digits each")
    func hexIsLowercaseTwoDigitsAByte() {
        #expect(Hex.lowercase([0x00, 0x0F, 0xA0, 0xFF, 0x5C]) == "000fa0ff5c")
        #expect(Hex.lowercase([UInt8]()) == "")
        #expect(Hex.lowercase(CollectionOfOne(0x1F)) == "1f")
    }

    @Test("literals")
    func literals() throws {
        #expect(try JSONParser.parse(Array("[true, false, null]".utf8)) == .array([.bool(true), .bool(false), .null]))
        #expect(try JSONCoding.decode([Bool?].self, from: Array("[true, null]".utf8)) == [true, nil])
    }

    @Test("rejects malformed JSON with where and why", arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"",
        "tru", "[1] 2", "\"control \u{01} char\"", "{\"a\":1,}",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test("rejects invalid UTF-8 and runaway nesting")
    func rejectsBytes() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(String(repeating: "[", count: 10_000).utf8)) }
    }

    @Test("writes what Foundation's encoder writes for search hits, byte for byte")
    func hitsEncodeLikeFoundation() throws {
        let hit = SearchHit(
            passage: "doc-txt.p3", document: HitDocument(id: "doc-txt", title: "Ünïcode — \"quoted\" / slash", author: nil),
            span: TextSpan(start: 10, end: 42), lines: [3, 4], snippet: "a <mark>b</mark>\tc\u{1}",
            score: 12.345, duplicates: [DuplicateReference(passage: "o.p1", document: "o", span: TextSpan(start: 0, end: 5), lines: [1, 1])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = String(decoding: try encoder.encode(hit), as: UTF8.self)
        #expect(try JSONCoding.string(hit) == foundation)
        #expect(hit.json == foundation)
        var bare = hit
        bare.duplicates = []
        bare.document = HitDocument(id: "x")
        bare.score = 0.5
        #expect(bare.json == String(decoding: try encoder.encode(bare), as: UTF8.self))
        for suggestion in [nil, "nato \"x\""] {
            let results = SearchResults(query: "q/“x”", total: 12, hits: [hit, bare], suggestion: suggestion)
            #expect(results.json == String(decoding: try encoder.encode(results), as: UTF8.self))
        }
    }

    @Test("decodes what Foundation's encoder wrote, and round-trips")
    func roundTrip() throws {
        let group = DuplicateGroup(
            id: "g1", members: [
                GroupMember(passage: "a.p1", document: "a", span: TextSpan(start: 1, end: 9), lines: [1, 2], text: "x “y”\n", original: true),
                GroupMember(passage: "b.p2", document: "b", span: TextSpan(start: 3, end: 11), lines: [4, 4], text: "x \"y\"", original: false),
            ], original: "a", words: 8)
        let bytes = Array(try JSONEncoder().encode(group))
        #expect(try JSONCoding.decode(DuplicateGroup.self, from: bytes) == group)
        #expect(try JSONCoding.decode(DuplicateGroup.self, from: Array(try JSONCoding.string(group).utf8)) == group)
    }

    @Test("a missing key or a wrong type is a DecodingError, not a crash")
    func decodingErrors() {
        #expect(throws: DecodingError.self) { try JSONCoding.decode(TextSpan.self, from: Array(#"{"start":1}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONCoding.decode(TextSpan.self, from: Array(#"{"start":"1","end":2}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONCoding.decode(TextSpan.self, from: Array(#"{"start":1.5,"end":2}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONCoding.decode([Int].self, from: Array(#"{"a":1}"#.utf8)) }
    }

    @Test("search output: snippets unescaped, matches marked off a terminal")
    func snippetRendering() {
        let plain = SearchOutput.render(snippet: "a &lt;b&gt; <mark>Taiwan</mark> &amp; &#39;x&#39; &unknown;", style: .plain)
        #expect(plain == "a <b> *Taiwan* & 'x' &unknown;")
        let colored = SearchOutput.render(snippet: "<mark>x</mark>", style: TerminalStyle(enabled: true))
        #expect(colored == "\u{1B}[1;31mx\u{1B}[0m")
    }

    /// A JSONSerialization value as a `JSONValue`.
    static func value(of object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let number as NSNumber: return .number(String(number.doubleValue))
        case let text as String: return .string(text)
        case let array as [Any]: return .array(array.map(value(of:)))
        case let dictionary as [String: Any]: return .object(dictionary.map { ($0.key, value(of: $0.value)) })
        default: return .null
        }
    }
}

@Suite("JSON members skipped")
struct JSONSkippingTests {
    @Test("skipped string members read as empty, others and nested ones as they are")
    func skipsNamedStrings() throws {
        let text = #"{"text":"long \"escaped\" \\ text","keep":"x","nested":[{"text":"y","n":1}],"number":{"text":5}}"#
        let value = try JSONParser.parse(Array(text.utf8), skipping: ["text"])
        #expect(value["text"] == .string("") && value["keep"] == .string("x"))
        #expect(value["nested"] == .array([.object([("text", .string("")), ("n", .number("1"))])]))
        #expect(value["number"] == .object([("text", .number("5"))]))
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(#"{"text":"unterminated}"#.utf8), skipping: ["text"]) }
    }
}
