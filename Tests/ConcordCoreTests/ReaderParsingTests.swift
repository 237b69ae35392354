import Foundation
import Testing

@testable import ConcordCore

@Suite struct ReaderParsingTests {
    @Test(
        "dates as metadata writes them",
        arguments: [
            ("2024", DateParts(year: 2024)), ("2024-05", DateParts(year: 2024, month: 5)),
            ("2024-05-30", DateParts(year: 2024, month: 5, day: 30)),
            ("2024/5/3", DateParts(year: 2024, month: 5, day: 3)),
            ("2024-05-30T10:00:00Z", DateParts(year: 2024, month: 5, day: 30)),
            ("D:20240530120000+02'00'", DateParts(year: 2024, month: 5, day: 30)),
            ("Thu May 30 12:00:00 2024 UTC", DateParts(year: 2024, month: 5, day: 30)),
            ("May 30, 2024", DateParts(year: 2024, month: 5, day: 30)),
            ("30 May 2024", DateParts(year: 2024, month: 5, day: 30)),
        ])
    func dates(raw: String, expected: DateParts) {
        #expect(DateParts.readerParsed(from: raw) == expected)
    }

    @Test(arguments: ["", "soon", "2024-13-01", "2024-02-40"])
    func notDates(raw: String) {
        #expect(DateParts.readerParsed(from: raw) == nil)
    }

    @Test(
        "names as metadata writes them",
        arguments: [
            ("David Sacks", PersonName(family: "Sacks", given: "David")),
            ("Sacks, David", PersonName(family: "Sacks", given: "David")),
            ("Ludwig van Beethoven", PersonName(family: "van Beethoven", given: "Ludwig")),
            ("Martin Luther King Jr.", PersonName(family: "King Jr.", given: "Martin Luther")),
            ("Council on Foreign Relations", PersonName(literal: "Council on Foreign Relations")),
            ("Reuters", PersonName(literal: "Reuters")),
        ])
    func names(raw: String, expected: PersonName) {
        #expect(PersonName.readerParsed(from: raw) == expected)
    }

    @Test func urlsAreNotNames() {
        #expect(PersonName.readerParsed(from: "https://example.org/author/x") == nil)
    }

    @Test func windows1252FallbackNeedsTextLikeBytes() throws {
        #expect(try TextDecoding.decode([0x63, 0x61, 0x66, 0xE9]).1 == .windows1252)
        #expect(throws: ReadError.self) { try TextDecoding.decode([0x61, 0x81, 0x62, 0x63, 0x64]) }
        #expect(try TextDecoding.decode(Array("plain".utf8)).1 == .utf8)
    }
}
