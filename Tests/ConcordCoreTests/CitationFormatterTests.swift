import Foundation
import Testing

@testable import ConcordCore

@Suite struct CitationFormatterTests {
    typealias F = CitationFixtures

    // MARK: - Full metadata, an author only, nothing

    @Test func fullMetadataInEachBibliographyStyle() {
        #expect(
            ReferenceFormatter.format(F.full, style: .apa)
                == "Sacks, D. (2024, May 30). Does NATO have a role in the Indo-Pacific region? China Factor. "
                + "https://example.org/nato")
        #expect(
            ReferenceFormatter.format(F.full, style: .chicago)
                == "Sacks, David. 2024. “Does NATO Have a Role in the Indo-Pacific Region?” China Factor, "
                + "May 30, 2024. https://example.org/nato.")
        #expect(
            ReferenceFormatter.format(F.full, style: .mla)
                == "Sacks, David. “Does NATO Have a Role in the Indo-Pacific Region?” China Factor, 30 May 2024, "
                + "https://example.org/nato.")
    }

    @Test func htmlMarkupItalicizesAndEscapes() {
        #expect(
            ReferenceFormatter.format(F.full, style: .apa, markup: .html)
                == "Sacks, D. (2024, May 30). <i>Does NATO have a role in the Indo-Pacific region?</i> China Factor. "
                + "https://example.org/nato")
        #expect(
            ReferenceFormatter.format(F.journal, style: .mla, markup: .html)
                == "Sacks, David, and Jane Doe. “Deterrence in Asia.” <i>Journal of Strategic Studies</i>, 1 Feb. 2023."
        )
        let ampersand = CitationMetadata(title: "Guns & <butter>")
        #expect(
            ReferenceFormatter.format(ampersand, style: .apa, markup: .html)
                == "<i>Guns &amp; &lt;butter&gt;</i>. (n.d.).")
    }

    @Test func anAuthorAloneGivesAMinimalReference() {
        #expect(ReferenceFormatter.format(F.authorOnly, style: .apa) == "Sacks, D. (n.d.).")
        #expect(ReferenceFormatter.format(F.authorOnly, style: .chicago) == "Sacks, David. n.d.")
        #expect(ReferenceFormatter.format(F.authorOnly, style: .mla) == "Sacks, David.")
    }

    @Test func nothingAtAllFallsBackToTheCallersTitle() {
        #expect(ReferenceFormatter.format(F.nothing, style: .apa, fallbackTitle: "000-memo") == "000-memo. (n.d.).")
        #expect(ReferenceFormatter.format(F.nothing, style: .chicago, fallbackTitle: "000-memo") == "000-memo. n.d.")
        #expect(ReferenceFormatter.format(F.nothing, style: .mla, fallbackTitle: "000-memo") == "000-memo.")
        #expect(ReferenceFormatter.format(F.nothing, style: .apa) == "[Untitled]. (n.d.).")
        #expect(ReferenceFormatter.format(F.nothing, style: .mla) == "[Untitled].")
    }

    @Test func theFallbackNeverReplacesARealTitle() {
        #expect(!ReferenceFormatter.format(F.full, style: .apa, fallbackTitle: "000-memo").contains("000-memo"))
    }

    // MARK: - Kinds of work

    @Test func journalArticlesGiveTheYearAloneAndItalicizeTheJournal() {
        #expect(
            ReferenceFormatter.format(F.journal, style: .apa)
                == "Sacks, D., & Doe, J. (2023). Deterrence in Asia. Journal of Strategic Studies.")
        #expect(
            ReferenceFormatter.format(F.journal, style: .apa, markup: .html)
                == "Sacks, D., &amp; Doe, J. (2023). Deterrence in Asia. <i>Journal of Strategic Studies</i>.")
        #expect(
            ReferenceFormatter.format(F.journal, style: .chicago)
                == "Sacks, David, and Jane Doe. 2023. “Deterrence in Asia.” Journal of Strategic Studies.")
    }

    @Test func newspaperArticlesRepeatTheFullDate() {
        #expect(
            ReferenceFormatter.format(F.newspaper, style: .apa)
                == "Sacks, D., Doe, J., & Roe, R. R. (2024, September 12). Alliances shift in the Pacific. "
                + "The Washington Post. https://example.org/post")
        #expect(
            ReferenceFormatter.format(F.newspaper, style: .chicago, markup: .html)
                == "Sacks, David, Jane Doe, and Richard R. Roe. 2024. “Alliances Shift in the Pacific.” "
                + "<i>The Washington Post</i>, September 12, 2024. https://example.org/post.")
        #expect(
            ReferenceFormatter.format(F.newspaper, style: .mla)
                == "Sacks, David, et al. “Alliances Shift in the Pacific.” The Washington Post, 12 Sept. 2024, "
                + "https://example.org/post.")
    }

    @Test func reportsByOrganisationsOmitAPublisherThatIsTheAuthor() {
        #expect(
            ReferenceFormatter.format(F.report, style: .apa)
                == "Council on Foreign Relations. (2024). NATO and the Indo-Pacific.")
        #expect(
            ReferenceFormatter.format(F.report, style: .chicago)
                == "Council on Foreign Relations. 2024. NATO and the Indo-Pacific.")
        #expect(
            ReferenceFormatter.format(F.report, style: .mla, markup: .html)
                == "<i>NATO and the Indo-Pacific</i>. Council on Foreign Relations, 2024.")
        let published = CitationMetadata(title: "Annual report", author: [F.sacks], publisher: "RAND")
        #expect(ReferenceFormatter.format(published, style: .apa) == "Sacks, D. (n.d.). Annual report. RAND.")
        #expect(ReferenceFormatter.format(published, style: .mla) == "Sacks, David. Annual Report. RAND.")
    }

    @Test func withoutAnAuthorTheTitleLeads() {
        var untitledAuthor = F.full
        untitledAuthor.author = []
        #expect(
            ReferenceFormatter.format(untitledAuthor, style: .apa)
                == "Does NATO have a role in the Indo-Pacific region? (2024, May 30). China Factor. https://example.org/nato"
        )
        #expect(
            ReferenceFormatter.format(untitledAuthor, style: .chicago)
                == "“Does NATO Have a Role in the Indo-Pacific Region?” 2024. China Factor, May 30, 2024. "
                + "https://example.org/nato.")
        #expect(
            ReferenceFormatter.format(untitledAuthor, style: .mla)
                == "“Does NATO Have a Role in the Indo-Pacific Region?” China Factor, 30 May 2024, https://example.org/nato."
        )
    }

    // MARK: - Authors

    @Test(
        "authors in APA",
        arguments: [
            ([CitationFixtures.sacks], "Sacks, D."),
            ([CitationFixtures.sacks, CitationFixtures.doe], "Sacks, D., & Doe, J."),
            ([CitationFixtures.sacks, CitationFixtures.doe, CitationFixtures.roe], "Sacks, D., Doe, J., & Roe, R. R."),
            ([CitationFixtures.cfr], "Council on Foreign Relations."),
            ([CitationFixtures.cfr, CitationFixtures.sacks], "Council on Foreign Relations, & Sacks, D."),
            ([PersonName(family: "Sartre", given: "Jean-Paul")], "Sartre, J.-P."),
            ([PersonName(family: "Tolkien", given: "J.R.R.")], "Tolkien, J. R. R."),
            ([PersonName(family: "Smith", given: "Mary Ann")], "Smith, M. A."),
            ([PersonName(family: "Madonna")], "Madonna."),
            ([PersonName(given: "Plato")], "Plato."),
        ])
    func apaAuthors(_ authors: [PersonName], _ expected: String) {
        let reference = ReferenceFormatter.format(CitationMetadata(author: authors), style: .apa)
        #expect(reference == expected + " (n.d.).")
    }

    @Test(
        "authors in Chicago and MLA",
        arguments: [
            ([CitationFixtures.sacks], "Sacks, David.", "Sacks, David."),
            (
                [CitationFixtures.sacks, CitationFixtures.doe], "Sacks, David, and Jane Doe.",
                "Sacks, David, and Jane Doe."
            ),
            (
                [CitationFixtures.sacks, CitationFixtures.doe, CitationFixtures.roe],
                "Sacks, David, Jane Doe, and Richard R. Roe.", "Sacks, David, et al."
            ),
            ([CitationFixtures.cfr], "Council on Foreign Relations.", "Council on Foreign Relations."),
        ])
    func chicagoAndMLAAuthors(_ authors: [PersonName], _ chicago: String, _ mla: String) {
        let metadata = CitationMetadata(author: authors)
        #expect(ReferenceFormatter.format(metadata, style: .chicago) == chicago + " n.d.")
        #expect(ReferenceFormatter.format(metadata, style: .mla) == mla)
    }

    @Test func manyAuthorsAreShortenedAsEachStyleSays() {
        let many = (1...22).map { PersonName(family: "Author\($0)", given: "A") }
        let apa = ReferenceFormatter.format(CitationMetadata(author: many), style: .apa)
        #expect(apa.hasPrefix("Author1, A., Author2, A.,"))
        #expect(apa.contains("Author19, A., . . . Author22, A. (n.d.)."))
        #expect(!apa.contains("Author20"))
        let chicago = ReferenceFormatter.format(CitationMetadata(author: many), style: .chicago)
        #expect(chicago == "Author1, A, A Author2, A Author3, A Author4, A Author5, A Author6, A Author7, et al. n.d.")
    }

    // MARK: - Punctuation

    @Test(
        "a title's own end mark is not doubled",
        arguments: [CitationStyle.apa, .chicago, .mla])
    func titleEndMarks(_ style: CitationStyle) {
        for title in ["Is this the end?", "Stop now!", "U.S. policy in Asia, etc."] {
            let reference = ReferenceFormatter.format(
                CitationMetadata(title: title, author: [F.sacks], issued: DateParts(year: 2020)), style: style)
            #expect(reference.lowercased().contains(title.lowercased()), "\(reference)")
            #expect(!reference.contains("?."), "\(reference)")
            #expect(!reference.contains("!."), "\(reference)")
            #expect(!reference.contains(".."), "\(reference)")
            #expect(!reference.contains("?”."), "\(reference)")
        }
    }

    @Test(
        "missing fields leave no trace",
        arguments: CitationStyle.allCases.filter(\.isBibliographyStyle))
    func missingFieldsLeaveNoTrace(_ style: CitationStyle) {
        let cases = [
            F.full, F.authorOnly, F.nothing, F.journal, F.report,
            CitationMetadata(title: "T"), CitationMetadata(containerTitle: "Site"),
            CitationMetadata(url: "https://x.org"),
            CitationMetadata(issued: DateParts(year: 2024, month: 13, day: 40)),
            CitationMetadata(
                title: "  Spaced \n  title  ", author: [PersonName(family: " ", given: ""), PersonName()],
                containerTitle: "",
                publisher: " ", url: ""),
        ]
        for metadata in cases {
            for markup in [ReferenceMarkup.plain, .html] {
                let reference = ReferenceFormatter.format(metadata, style: style, markup: markup)
                for bad in ["()", "..", "  ", ",,", ", .", " ,", " .", "undefined", "nil", "Optional", "“”", "<i></i>"]
                {
                    #expect(!reference.contains(bad), "\(reference) contains \(bad)")
                }
                #expect(!reference.isEmpty)
                #expect(reference == reference.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
    }

    @Test func whitespaceInMetadataIsFolded() {
        let messy = CitationMetadata(
            title: "  Does NATO\n   have a role?  ", author: [PersonName(family: " Sacks ", given: "David\n")])
        #expect(ReferenceFormatter.format(messy, style: .apa) == "Sacks, D. (n.d.). Does NATO have a role?")
    }

    @Test func impossibleDatePartsAreCutOff() {
        let metadata = CitationMetadata(title: "T", issued: DateParts(year: 2024, month: 13, day: 2))
        #expect(ReferenceFormatter.format(metadata, style: .apa) == "T. (2024).")
        #expect(ReferenceFormatter.format(metadata, style: .mla) == "T. 2024.")
    }

    @Test func republicationsNameTheirOriginal() {
        let original = CitationMetadata(
            title: "NATO memo", containerTitle: "China Factor", issued: DateParts(year: 2023, month: 4, day: 2))
        var republished = F.full
        republished.containerTitle = "The Diplomat"
        #expect(
            ReferenceFormatter.format(republished, style: .apa, originalOf: original)
                .hasSuffix("https://example.org/nato (Original work published 2023)"))
        #expect(
            ReferenceFormatter.format(republished, style: .chicago, originalOf: original)
                .hasSuffix("https://example.org/nato. Originally published in China Factor, April 2, 2023."))
        #expect(
            ReferenceFormatter.format(republished, style: .mla, originalOf: original)
                .hasSuffix("https://example.org/nato. Originally published in China Factor, 2 Apr. 2023."))
    }

    @Test(
        "Chicago and MLA titles are in headline style",
        arguments: [
            ("does NATO have a role in the indo-pacific region?", "Does NATO Have a Role in the Indo-Pacific Region?"),
            ("the iPhone and the state: a history of the web", "The iPhone and the State: A History of the Web"),
            ("what it is for", "What It Is For"),
        ])
    func headlineStyle(_ title: String, _ expected: String) {
        let reference = ReferenceFormatter.format(CitationMetadata(title: title), style: .mla)
        #expect(reference.hasPrefix(expected))
    }

    @Test func onlyEnglishTitlesAndNeverFallbacksAreRecapitalized() {
        let german = CitationMetadata(title: "die neue ordnung", language: "de")
        #expect(ReferenceFormatter.format(german, style: .chicago) == "die neue ordnung. n.d.")
        #expect(
            ReferenceFormatter.format(CitationFixtures.nothing, style: .chicago, fallbackTitle: "000-memo-txt")
                == "000-memo-txt. n.d.")
    }

    @Test func formattedReadsAsAPhrase() {
        #expect(F.full.formatted(as: .apa) == ReferenceFormatter.format(F.full, style: .apa))
    }
}
