import ConcordTestSupport
import Foundation
import Testing

@testable import ConcordCore

@Suite struct SidecarTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("concord-sidecar")
    }

    @Test func sidecarSitsBesideTheFile() {
        let file = URL(fileURLWithPath: "/data/report.txt")
        #expect(Sidecar.url(for: file).path == "/data/report.txt.meta.json")
    }

    @Test func noSidecarIsNil() throws {
        let file = try folder.write("plain.txt", "text")
        #expect(try Sidecar.load(for: file) == nil)
    }

    @Test func readsCSLJSONFields() throws {
        let file = try folder.write("report.txt", "text")
        try folder.write(
            "report.txt.meta.json",
            """
            {"title": "Report", "author": [{"family": "Sacks", "given": "David"}, {"literal": "CFR Staff"}],
             "container-title": "China Factor", "publisher": "CFR", "issued": {"date-parts": [[2024, 5, 30]]},
             "URL": "https://example.org/r", "language": "en", "note": "A note", "type": "article", "id": "x"}
            """)
        let metadata = try #require(try Sidecar.load(for: file))
        #expect(metadata.title == "Report")
        #expect(metadata.author == [PersonName(family: "Sacks", given: "David"), PersonName(literal: "CFR Staff")])
        #expect(metadata.containerTitle == "China Factor")
        #expect(metadata.publisher == "CFR")
        #expect(metadata.issued == DateParts(year: 2024, month: 5, day: 30))
        #expect(metadata.url == "https://example.org/r")
        #expect(metadata.language == "en")
        #expect(metadata.note == "A note")
    }

    @Test(
        "issued as date-parts, raw, a string or a year",
        arguments: [
            (#"{"date-parts": [["2024", "5"]]}"#, DateParts(year: 2024, month: 5)),
            (#"{"raw": "2024-05-30"}"#, DateParts(year: 2024, month: 5, day: 30)),
            (#""2024-05-30""#, DateParts(year: 2024, month: 5, day: 30)),
            ("2021", DateParts(year: 2021)),
        ])
    func issuedForms(json: String, expected: DateParts) throws {
        let metadata = try Sidecar.decode(Data(#"{"issued": \#(json)}"#.utf8), name: "x.meta.json")
        #expect(metadata.issued == expected)
    }

    @Test func authorAsOneString() throws {
        let metadata = try Sidecar.decode(Data(#"{"author": "David Sacks"}"#.utf8), name: "x.meta.json")
        #expect(metadata.author == [PersonName(family: "Sacks", given: "David")])
    }

    @Test func badJSONNamesTheSidecar() throws {
        let file = try folder.write("bad.txt", "text")
        try folder.write("bad.txt.meta.json", "{\"title\": \"unterminated")
        let error = try #require(throws: ReadError.self) { try Sidecar.load(for: file) }
        #expect(error.kind == .badSidecar)
        #expect(error.reason.hasPrefix("bad sidecar bad.txt.meta.json: invalid JSON"))
    }

    @Test func wrongFieldTypesAreErrors() throws {
        let file = try folder.write("typed.txt", "text")
        try folder.write("typed.txt.meta.json", #"{"title": 42}"#)
        #expect(throws: ReadError(.badSidecar, #"bad sidecar typed.txt.meta.json: "title" must be a string"#)) {
            try Sidecar.load(for: file)
        }
        let date = try #require(throws: ReadError.self) {
            try Sidecar.decode(Data(#"{"issued": {"season": 1}}"#.utf8), name: "d.meta.json")
        }
        #expect(date.reason.contains("\"issued\""))
        #expect(throws: ReadError.self) { try Sidecar.decode(Data("[1, 2]".utf8), name: "a.meta.json") }
    }

    @Test("the corpus sidecars hold only what the texts say", arguments: ExampleCorpus.fileNames)
    func corpusSidecars(name: String) throws {
        let metadata = try #require(try Sidecar.load(for: Repository.corpus.appendingPathComponent(name)))
        #expect(metadata.author == [PersonName(family: "Sacks", given: "David")])
        #expect(metadata.issued == nil)
        #expect(metadata.publisher == nil)
        #expect(metadata.language == "en")
        if name.hasPrefix("000") {
            #expect(metadata.title == nil)
        } else {
            #expect(metadata.title == "Does NATO have a role in the Indo-Pacific region?")
            #expect(metadata.containerTitle == "China Factor")
            #expect(
                metadata.note?.contains("was first published on May 30 by the Council on Foreign Relations") == true)
        }
    }
}

@Suite struct DatePartsTests {
    /// As far as the date goes, months and days in two digits.
    @Test func isoGoesAsFarAsTheDate() {
        #expect(DateParts(year: 2021, month: 5, day: 3).iso == "2021-05-03")
        #expect(DateParts(year: 2021, month: 5).iso == "2021-05")
        #expect(DateParts(year: 987).iso == "0987")
        #expect(DateParts(dateParts: [[]]).iso == nil)
        #expect(DateParts(dateParts: []).iso == nil)
    }
}
