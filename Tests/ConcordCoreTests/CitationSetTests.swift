import ConcordText
import Foundation
import Testing

@testable import ConcordCore

@Suite struct CitationSetTests {
    typealias F = CitationFixtures

    static let memo = CitationSource(
        documentID: "000-memo-txt", passageID: "000-memo-txt-p12", metadata: F.report,
        quote: "NATO has no\nrole in the region", span: TextSpan(start: 812, end: 841), lines: 40...44, paragraph: 12)
    static let web = CitationSource(
        documentID: "001-web-html", passageID: "001-web-html-p7", metadata: F.full,
        quote: "NATO has no role in the region", span: TextSpan(start: 1204, end: 1234), lines: 18...18, paragraph: 7)

    @Test func locatorsNameParagraphAndLines() {
        #expect(Self.memo.locator == "para. 12, lines 40–44")
        #expect(Self.web.locator == "para. 7, line 18")
        var noParagraph = Self.web
        noParagraph.paragraph = nil
        #expect(noParagraph.locator == "line 18")
    }

    @Test func theOriginalComesFirst() throws {
        let set = CitationSet(citing: Self.memo, republications: [Self.web], quote: "NATO has no role", style: .apa)
        let original = try #require(set.original)
        #expect(original.original)
        #expect(original.document == "000-memo-txt")
        #expect(set.republications.map(\.original) == [false])
        #expect(set.citations.map(\.document) == ["000-memo-txt", "001-web-html"])
        #expect(original.reference == "Council on Foreign Relations. (2024). NATO and the Indo-Pacific.")
        #expect(original.referenceHTML == "Council on Foreign Relations. (2024). <i>NATO and the Indo-Pacific</i>.")
        #expect(original.url == nil)
        #expect(original.locator == "para. 12, lines 40–44")
        #expect(original.quote == "NATO has no\nrole in the region")
    }

    @Test func aSourceWithAURLLinksToTheQuote() {
        let set = CitationSet(citing: Self.memo, republications: [Self.web], quote: "NATO has no role", style: .mla)
        #expect(
            set.republications.first?.url
                == "https://example.org/nato#:~:text=NATO%20has%20no%20role%20in%20the%20region")
    }

    @Test func republicationsNameTheOriginal() throws {
        let set = CitationSet(citing: Self.memo, republications: [Self.web], quote: "q", style: .cslJSON)
        let reference = try #require(set.republications.first?.reference)
        let item = try #require(try JSONSerialization.jsonObject(with: Data(reference.utf8)) as? [String: Any])
        #expect(item["id"] as? String == "001-web-html")
        #expect(item["original-title"] as? String == "NATO and the Indo-Pacific")
        #expect(item["original-publisher"] as? String == "Council on Foreign Relations")
        let originalItem = try #require(
            try JSONSerialization.jsonObject(with: Data((set.original?.reference ?? "").utf8)) as? [String: Any])
        #expect(originalItem["original-title"] == nil)
        let apa = CitationSet(citing: Self.memo, republications: [Self.web], quote: "q", style: .apa)
        // Same year: APA's "(Original work published …)" would say nothing new.
        #expect(apa.republications.first?.reference.contains("Original work") == false)
        let chicago = CitationSet(citing: Self.memo, republications: [Self.web], quote: "q", style: .chicago)
        #expect(
            chicago.republications.first?.reference.hasSuffix(
                "Originally published in Council on Foreign Relations, 2024.") == true)
    }

    @Test func bibtexKeysAreUniqueWithinASet() {
        var copy = Self.web
        copy.documentID = "002-copy-html"
        var another = Self.web
        another.documentID = "003-copy-html"
        let set = CitationSet(citing: Self.web, republications: [copy, another], quote: "q", style: .bibtex)
        let keys = set.citations.map { $0.reference.prefix(while: { $0 != "," }) }
        #expect(keys == ["@online{sacks2024nato", "@online{sacks2024natoa", "@online{sacks2024natob"])
    }

    @Test func withoutAKnownOriginalEverySourceIsARepublication() {
        let set = CitationSet(citing: nil, republications: [Self.web], quote: "q", style: .apa)
        #expect(set.original == nil)
        #expect(set.citations.count == 1)
    }

    @Test func jsonUsesSPECsKeys() throws {
        let set = CitationSet(citing: Self.memo, republications: [Self.web], quote: "NATO has no role", style: .cslJSON)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(set)) as? [String: Any])
        #expect(Set(json.keys) == ["quote", "style", "original", "republications"])
        #expect(json["style"] as? String == "csl-json")
        let original = try #require(json["original"] as? [String: Any])
        #expect(
            Set(original.keys) == ["document", "passage", "reference", "locator", "quote", "span", "lines", "original"])
        #expect(original["lines"] as? [Int] == [40, 44])
        #expect((original["span"] as? [String: Int]) == ["start": 812, "end": 841])
        let republication = try #require((json["republications"] as? [[String: Any]])?.first)
        #expect(republication["url"] is String)
        #expect(republication["original"] as? Bool == false)

        let decoded = try JSONDecoder().decode(CitationSet.self, from: encoder.encode(set))
        #expect(decoded == set)
        let apa = CitationSet(citing: Self.memo, republications: [], quote: "q", style: .apa)
        let apaJSON = try #require(try JSONSerialization.jsonObject(with: encoder.encode(apa)) as? [String: Any])
        #expect((apaJSON["original"] as? [String: Any])?["reference_html"] is String)
    }

    @Test func sourcesUseSnakeCaseKeys() throws {
        var source = Self.web
        source.originalMetadata = F.report
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(source)) as? [String: Any])
        #expect(
            Set(json.keys) == [
                "document_id", "passage_id", "metadata", "quote", "span", "lines", "paragraph", "original_metadata",
            ])
        #expect(try JSONDecoder().decode(CitationSource.self, from: JSONEncoder().encode(source)) == source)
    }

    @Test func renderedBodiesHoldEveryReference() throws {
        let sources = (original: Self.memo, republications: [Self.web])
        let apa = CitationSet(citing: sources.original, republications: sources.republications, quote: "q", style: .apa)
        #expect(apa.rendered().split(separator: "\n").count == 2)
        #expect(apa.rendered().hasSuffix("\n"))
        let ris = CitationSet(citing: sources.original, republications: sources.republications, quote: "q", style: .ris)
        #expect(ris.rendered().components(separatedBy: "ER  - \r\n").count == 3)
        let bibtex = CitationSet(
            citing: sources.original, republications: sources.republications, quote: "q", style: .bibtex)
        #expect(bibtex.rendered().contains("}\n\n@online{"))
        let csl = CitationSet(
            citing: sources.original, republications: sources.republications, quote: "q", style: .cslJSON)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(csl.rendered().utf8)) as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["000-memo-txt", "001-web-html"])
        let empty = CitationSet(citing: nil, republications: [], quote: "q", style: .cslJSON)
        #expect(empty.rendered() == "[]\n")
    }
}
