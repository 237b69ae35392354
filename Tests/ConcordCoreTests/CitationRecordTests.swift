import Foundation
import Testing

@testable import ConcordCore

@Suite struct CitationRecordTests {
    typealias F = CitationFixtures

    // MARK: - BibTeX

    @Test func bibtexForFullMetadata() {
        #expect(
            ReferenceFormatter.format(F.full, style: .bibtex) == """
                @online{sacks2024nato,
                  author = {Sacks, David},
                  title = {Does {NATO} have a role in the {Indo-Pacific} region?},
                  organization = {China Factor},
                  date = {2024-05-30},
                  year = {2024},
                  url = {https://example.org/nato},
                  langid = {english}
                }
                """)
    }

    @Test func bibtexForAnAuthorOnlyAndForNothing() {
        #expect(
            ReferenceFormatter.format(F.authorOnly, style: .bibtex) == """
                @misc{sacks,
                  author = {Sacks, David}
                }
                """)
        #expect(ReferenceFormatter.format(F.nothing, style: .bibtex) == "@misc{untitled,\n}")
        #expect(
            ReferenceFormatter.format(F.nothing, style: .bibtex, fallbackTitle: "000-memo") == """
                @misc{memo,
                  title = {000-memo}
                }
                """)
    }

    @Test func bibtexEntryTypeFollowsTheKindOfWork() {
        #expect(BibTeXEntry(F.journal).type == "article")
        #expect(
            BibTeXEntry(F.journal).fields.contains(
                BibTeXEntry.Field(name: "journal", value: "Journal of Strategic Studies")))
        #expect(BibTeXEntry(F.newspaper).type == "article")
        #expect(BibTeXEntry(F.newspaper).fields.contains(BibTeXEntry.Field(name: "entrysubtype", value: "newspaper")))
        #expect(BibTeXEntry(F.full).type == "online")
        #expect(BibTeXEntry(F.report).type == "misc")
    }

    @Test func bibtexAuthorsJoinWithAndAndBraceLiterals() {
        let entry = BibTeXEntry(
            CitationMetadata(author: [F.sacks, F.cfr, PersonName(family: "van der Berg", given: "Anna")]))
        #expect(
            entry.fields.first
                == BibTeXEntry.Field(
                    name: "author", value: "Sacks, David and {Council on Foreign Relations} and {van der Berg}, Anna"))
    }

    @Test func bibtexEscapesLaTeXSpecials() {
        #expect(
            BibTeXEntry.escape(##"& % $ # _ { } ~ ^ \"##)
                == ##"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}"##)
        let entry = BibTeXEntry(F.special)
        let fields = Dictionary(entry.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(
            fields["title"]
                == ##"{R\&D} at 50\% off: \$5 for \#1 user\_name \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{} done"##
        )
        #expect(fields["publisher"] == ##"Smith \& Sons"##)
        #expect(fields["author"] == "Ødegård, Øystein")
        // url is verbatim in biblatex: not escaped.
        #expect(fields["url"] == "https://example.org/a_b?c=1&d=%20#frag")
    }

    @Test(
        "citation keys are stable and ASCII",
        arguments: [
            (CitationFixtures.full, "sacks2024nato"),
            (CitationFixtures.journal, "sacks2023deterrence"),
            (CitationFixtures.report, "council2024nato"),
            (CitationFixtures.special, "odegard2022rd"),
            (CitationFixtures.authorOnly, "sacks"),
            (CitationFixtures.nothing, "untitled"),
            (CitationMetadata(title: "The Taiwan Strait"), "taiwan"),
            (CitationMetadata(title: "Why?", issued: DateParts(year: 2020)), "2020"),
            (CitationMetadata(title: "台湾海峡", author: [PersonName(family: "王", given: "小明")]), "untitled"),
            (
                CitationMetadata(author: [PersonName(family: "Müller-Lüdenscheidt")], issued: DateParts(year: 1999)),
                "mullerludenscheidt1999"
            ),
        ])
    func citationKeys(_ metadata: CitationMetadata, _ key: String) {
        #expect(BibTeXEntry.citationKey(for: metadata) == key)
        #expect(BibTeXEntry.citationKey(for: metadata) == BibTeXEntry.citationKey(for: metadata))
        #expect(key.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func citationKeyFallsBackToTheDocumentID() {
        #expect(BibTeXEntry.citationKey(for: F.nothing, fallbackTitle: "001-china-factor-html") == "china")
        #expect(BibTeXEntry.citationKey(for: F.full, fallbackTitle: "001-china-factor-html") == "sacks2024nato")
    }

    @Test func bibtexCarriesTheQuoteAndTheOriginal() {
        let entry = BibTeXEntry(
            F.full, original: F.report, locator: "para. 12, lines 40–44", quote: "deter China", key: "sacks2024natoa")
        #expect(entry.key == "sacks2024natoa")
        let fields = Dictionary(entry.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(fields["addendum"] == "para. 12, lines 40–44: “deter China”")
        #expect(fields["origtitle"] == "{NATO} and the {Indo-Pacific}")
        #expect(fields["origdate"] == "2024")
        #expect(fields["origpublisher"] == "Council on Foreign Relations")
        #expect(fields["urldate"] == nil)
    }

    // MARK: - RIS

    @Test func risForFullMetadata() {
        #expect(
            ReferenceFormatter.format(F.full, style: .ris)
                == "TY  - ELEC\r\nAU  - Sacks, David\r\nTI  - Does NATO have a role in the Indo-Pacific region?\r\n"
                + "T2  - China Factor\r\nPY  - 2024\r\nDA  - 2024/05/30/\r\nUR  - https://example.org/nato\r\n"
                + "LA  - en\r\nER  - \r\n")
    }

    @Test func risForAnAuthorOnlyAndForNothing() {
        #expect(ReferenceFormatter.format(F.authorOnly, style: .ris) == "TY  - GEN\r\nAU  - Sacks, David\r\nER  - \r\n")
        #expect(ReferenceFormatter.format(F.nothing, style: .ris) == "TY  - GEN\r\nER  - \r\n")
    }

    @Test func risTypesAndJournalNames() {
        let journal = RISRecord(F.journal).rendered
        #expect(journal.hasPrefix("TY  - JOUR\r\n"))
        #expect(journal.contains("AU  - Sacks, David\r\nAU  - Doe, Jane\r\n"))
        #expect(journal.contains("T2  - Journal of Strategic Studies\r\nJO  - Journal of Strategic Studies\r\n"))
        #expect(journal.contains("DA  - 2023/02/01/\r\n"))
        #expect(RISRecord(F.newspaper).rendered.hasPrefix("TY  - NEWS\r\n"))
        #expect(RISRecord(F.report).rendered.contains("AU  - Council on Foreign Relations\r\n"))
        let record = RISRecord(F.full, original: F.report, locator: "para. 2, line 3", quote: "x")
        #expect(
            record.rendered.contains(
                "N1  - para. 2, line 3: “x”\r\nOP  - NATO and the Indo-Pacific, Council on Foreign Relations, 2024\r\nER  - \r\n"
            ))
    }

    @Test func everyRISLineIsTaggedAndCRLFTerminated() {
        for metadata in [F.full, F.journal, F.newspaper, F.report, F.special, F.nothing] {
            let text = RISRecord(metadata).rendered
            #expect(text.hasSuffix("\r\n"))
            let lines = text.components(separatedBy: "\r\n").dropLast()
            for line in lines {
                #expect(line.range(of: ##"^[A-Z][A-Z0-9]  - "##, options: .regularExpression) != nil, "\(line)")
                #expect(!line.contains("\n"))
            }
            #expect(lines.last == "ER  - ")
        }
    }

    // MARK: - CSL-JSON

    private func object(_ text: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(json as? [String: Any])
    }

    @Test func cslJSONForFullMetadata() throws {
        let item = try object(ReferenceFormatter.format(F.full, style: .cslJSON))
        #expect(Set(item.keys) == ["id", "type", "title", "author", "container-title", "issued", "URL", "language"])
        #expect(item["id"] as? String == "sacks2024nato")
        #expect(item["type"] as? String == "webpage")
        #expect(item["URL"] as? String == "https://example.org/nato")
        #expect((item["issued"] as? [String: Any])?["date-parts"] as? [[Int]] == [[2024, 5, 30]])
        #expect((item["author"] as? [[String: String]]) == [["family": "Sacks", "given": "David"]])
    }

    @Test func cslJSONForAnAuthorOnlyAndForNothing() throws {
        let author = try object(ReferenceFormatter.format(F.authorOnly, style: .cslJSON))
        #expect(Set(author.keys) == ["id", "type", "author"])
        #expect(author["type"] as? String == "document")
        let nothing = try object(ReferenceFormatter.format(F.nothing, style: .cslJSON))
        #expect(Set(nothing.keys) == ["id", "type"])
    }

    @Test func cslJSONTypesFollowTheKindOfWork() {
        #expect(CSLItem(F.journal, id: "a").type == "article-journal")
        #expect(CSLItem(F.newspaper, id: "a").type == "article-newspaper")
        #expect(
            CSLItem(CitationMetadata(title: "T", containerTitle: "Foreign Affairs"), id: "a").type == "article-magazine"
        )
        #expect(CSLItem(CitationMetadata(title: "T", containerTitle: "Some Site"), id: "a").type == "article")
        #expect(CSLItem(F.full, id: "a").type == "webpage")
        #expect(CSLItem(F.report, id: "a").type == "document")
    }

    @Test func cslJSONRepublicationCarriesItsOriginal() throws {
        let item = try object(CSLItem(F.full, id: "001", original: F.report).rendered)
        #expect(item["original-title"] as? String == "NATO and the Indo-Pacific")
        #expect(item["original-publisher"] as? String == "Council on Foreign Relations")
        #expect((item["original-date"] as? [String: Any])?["date-parts"] as? [[Int]] == [[2024]])
        #expect((item["original-author"] as? [[String: String]]) == [["literal": "Council on Foreign Relations"]])
    }

    @Test func cslItemRoundTrips() throws {
        let item = CSLItem(F.full, id: "001", original: F.journal)
        let decoded = try JSONDecoder().decode(CSLItem.self, from: Data(item.rendered.utf8))
        #expect(decoded == item)
    }
}
