import ConcordText
import Foundation
import Testing

@testable import ConcordCore

/// Renders a fixed set of cases in every format and, when `CONCORD_CITATION_DUMP` names a path, writes them
/// there as JSON for `scripts/check-citations.py`, which parses them with real BibTeX, RIS and CSL consumers.
@Suite struct CitationDumpTests {
    struct Case: Encodable {
        var name: String
        var metadata: CitationMetadata
        var fallbackTitle: String?
        var expectedKey: String
        var expectedBibtexType: String
        var expectedRISType: String
        var expectedCSLType: String
        var rendered: [String: String]

        enum CodingKeys: String, CodingKey {
            case name, metadata, rendered
            case fallbackTitle = "fallback_title"
            case expectedKey = "expected_key"
            case expectedBibtexType = "expected_bibtex_type"
            case expectedRISType = "expected_ris_type"
            case expectedCSLType = "expected_csl_type"
        }
    }

    struct SetCase: Encodable {
        var name: String
        var rendered: [String: String]
    }

    struct Dump: Encodable {
        var cases: [Case]
        var sets: [SetCase]
    }

    static let inputs: [(String, CitationMetadata, String?, String, String, String, String)] = [
        ("full", CitationFixtures.full, nil, "sacks2024nato", "online", "ELEC", "webpage"),
        ("author-only", CitationFixtures.authorOnly, nil, "sacks", "misc", "GEN", "document"),
        ("nothing", CitationFixtures.nothing, nil, "untitled", "misc", "GEN", "document"),
        ("nothing-with-document-id", CitationFixtures.nothing, "000-memo-txt", "memo", "misc", "GEN", "document"),
        (
            "journal-two-authors", CitationFixtures.journal, nil, "sacks2023deterrence", "article", "JOUR",
            "article-journal"
        ),
        (
            "newspaper-three-authors", CitationFixtures.newspaper, nil, "sacks2024alliances", "article", "NEWS",
            "article-newspaper"
        ),
        ("report-literal-author", CitationFixtures.report, nil, "council2024nato", "misc", "GEN", "document"),
        ("latex-specials", CitationFixtures.special, nil, "odegard2022rd", "online", "ELEC", "webpage"),
    ]

    static func dump() -> Dump {
        let cases = inputs.map { name, metadata, fallback, key, bibtexType, risType, cslType in
            Case(
                name: name, metadata: metadata, fallbackTitle: fallback, expectedKey: key,
                expectedBibtexType: bibtexType, expectedRISType: risType, expectedCSLType: cslType,
                rendered: Dictionary(
                    uniqueKeysWithValues: CitationStyle.allCases.map {
                        ($0.rawValue, ReferenceFormatter.format(metadata, style: $0, fallbackTitle: fallback))
                    }))
        }
        let original = CitationSource(
            documentID: "000-memo-txt", passageID: "000-memo-txt-p12", metadata: CitationFixtures.report,
            quote: "NATO has no\nrole in the region", span: TextSpan(start: 812, end: 841), lines: 40...44,
            paragraph: 12)
        let copy = CitationSource(
            documentID: "001-web-html", passageID: "001-web-html-p7", metadata: CitationFixtures.full,
            quote: "NATO has no role in the region", span: TextSpan(start: 1204, end: 1234), lines: 18...18,
            paragraph: 7)
        let sets = [
            SetCase(
                name: "original-and-republication",
                rendered: Dictionary(
                    uniqueKeysWithValues: CitationStyle.allCases.map {
                        (
                            $0.rawValue,
                            CitationSet(citing: original, republications: [copy], quote: "q", style: $0).rendered()
                        )
                    }))
        ]
        return Dump(cases: cases, sets: sets)
    }

    @Test func casesRenderAndAreDumpedWhenAsked() throws {
        let dump = Self.dump()
        for item in dump.cases {
            #expect(item.rendered.count == CitationStyle.allCases.count)
            #expect(item.rendered.values.allSatisfy { !$0.isEmpty })
            #expect(BibTeXEntry.citationKey(for: item.metadata, fallbackTitle: item.fallbackTitle) == item.expectedKey)
        }
        guard let path = ProcessInfo.processInfo.environment["CONCORD_CITATION_DUMP"], !path.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(dump).write(to: URL(fileURLWithPath: path))
    }
}
