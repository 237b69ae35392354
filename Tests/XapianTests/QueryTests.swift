import ConcordTestSupport
import Foundation
import Testing
import Xapian

@Suite struct QueryTests {
    let folder: TemporaryDirectory
    let database: WritableDatabase

    init() throws {
        folder = try TemporaryDirectory("xapian-query")
        database = try WritableDatabase(path: folder.path("db"), action: .create)
        try SampleDatabase.fill(database)
    }

    @Test func phraseMatchesOnlyAdjacentWords() throws {
        #expect(Set(try SampleDatabase.search("\"taiwan strait\"", in: database)) == ["a", "b"])
        #expect(Set(try SampleDatabase.search("taiwan strait", in: database)) == ["a", "b", "c"])
    }

    @Test func booleanOperatorsAndLoveHate() throws {
        #expect(Set(try SampleDatabase.search("taiwan AND NOT patrols", in: database)) == ["c"])
        #expect(Set(try SampleDatabase.search("munitions OR deterrence", in: database)) == ["d", "e"])
        #expect(Set(try SampleDatabase.search("+strait -trade", in: database)) == ["a", "b"])
    }

    @Test func fieldPrefixAndBooleanFilter() throws {
        #expect(Set(try SampleDatabase.search("title:munitions", in: database)) == ["d"])
        #expect(Set(try SampleDatabase.search("strait source:cfr", in: database)) == ["a", "c"])
    }

    @Test func queryTermsAreTheParsedTermsStemmedOrNot() throws {
        let parsed = try SampleDatabase.parser(for: database).parse("Taiwan patrols title:munitions")
        let terms = try parsed.terms()
        #expect(terms.contains("taiwan") && terms.contains("Zpatrol") && terms.contains("ZSmunit"))
        #expect(terms == terms.sorted())
    }

    @Test func positionsOfATermInADocument() throws {
        let docid = try #require(try database.postings(for: SampleDatabase.idPrefix + "a").first)
        // The title with its prefix (positions 1-4), again without (5-8), a gap of 100, then the body.
        #expect(try database.positions(of: "Snato", in: docid) == [1])
        #expect(try database.positions(of: "nato", in: docid) == [5])
        #expect(try database.positions(of: "taiwan", in: docid) == [113])
        #expect(try database.positions(of: "absent", in: docid).isEmpty)
        // Stemmed terms carry no positions (STEM_SOME): their words do.
        #expect(try database.positions(of: "Zpatrol", in: docid).isEmpty)
        #expect(try database.positions(of: "patrols", in: docid) == [116])
    }

    @Test func stemmerStemsLikeTheIndex() throws {
        #expect(try Stemmer.stem("patrols", language: "english") == "patrol")
        #expect(try Stemmer.stem("patrols", language: "none") == "patrols")
        #expect(throws: XapianError.self) { try Stemmer.stem("x", language: "klingon") }
    }

    /// The term generator remembers the stems it made, per thread (`RememberingStem` in the shim): what it
    /// indexes must still be Xapian's stem of each word, for words seen again, for more words than it
    /// remembers (so some share a place and push one another out), in two languages and on several threads.
    @Test func rememberedStemsAreXapiansStems() async throws {
        let bases = ["connection", "running", "happily", "generalizations", "nationalities", "cats", "arguing"]
        // Made-up beginnings before the base, so the stemmer still sees the base's ending.
        let words = (0..<1_500).flatMap { number in bases.map { MadeUpWords.letters(number) + $0 } }
        let text = words.joined(separator: " ")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (task, language) in ["english", "french", "english", "german"].enumerated() {
                group.addTask {
                    let stem = try Stem(language: language)
                    let expected = Set(try words.map { try stem($0) })
                    for round in 0..<2 {
                        let generator = try TermGenerator(language: language)
                        try generator.setStemmingStrategy(.all)
                        let document = try Document()
                        try generator.setDocument(document)
                        // Twice: the second time every word has been seen, and then some have been pushed out.
                        try generator.indexText(text)
                        try generator.indexText(text)
                        #expect(Set(try document.terms()) == expected, "task \(task), round \(round)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func wildcardExpandsFromTheDatabase() throws {
        #expect(Set(try SampleDatabase.search("munit*", in: database)) == ["d"])
    }

    @Test func dateRangeFiltersOnTheDateSlot() throws {
        #expect(Set(try SampleDatabase.search("strait date:2024-01-01..2024-12-31", in: database)) == ["a", "b"])
        #expect(Set(try SampleDatabase.search("date:2022-01-01..2022-12-31", in: database)) == ["e"])
    }

    /// A year, or a year and month, reaches from its first day when it begins a range to its last when it ends one.
    @Test func dateRangesTakeYearsAndMonths() throws {
        #expect(Set(try SampleDatabase.search("date:2024..2024", in: database)) == ["a", "b", "d"])
        #expect(Set(try SampleDatabase.search("date:2024-05..2024-05", in: database)) == ["a"])
        #expect(Set(try SampleDatabase.search("date:2024-06..2024-09", in: database)) == ["b"])
        #expect(Set(try SampleDatabase.search("date:..2022", in: database)) == ["e"])
        #expect(Set(try SampleDatabase.search("date:2023..", in: database)) == ["a", "b", "c", "d"])
        #expect(try SampleDatabase.search("date:2022-02..2022-02", in: database).isEmpty)
        #expect(Set(try SampleDatabase.search("date:2022-03..2022-03", in: database)) == ["e"])
        #expect(Set(try SampleDatabase.search("date:2024-05..2024-06-01", in: database)) == ["a", "b"])
    }

    @Test func stemmingMatchesInflections() throws {
        #expect(Set(try SampleDatabase.search("patrol", in: database)) == ["a", "b"])
    }

    @Test func collapseFoldsDocumentsSharingAValue() throws {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try SampleDatabase.parser(for: database).parse("\"taiwan strait\""))
        try enquire.setCollapseKey(slot: SampleDatabase.groupSlot)
        let matches = try enquire.matches(limit: 10)
        #expect(matches.count == 1)
        #expect(matches[0].collapseCount == 1)
        #expect(matches[0].collapseKey == Array("g1".utf8))
    }

    @Test func snippetHighlightsTheMatchedTerms() throws {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try SampleDatabase.parser(for: database).parse("munitions"))
        let matches = try enquire.matches(limit: 1)
        let snippet = try matches.snippet(
            of: SampleDatabase.entries[3].body, length: 200, highlight: ("[", "]"), omit: "…")
        #expect(snippet.contains("[munitions]"))
    }

    @Test func rankingReportsRankWeightAndPercent() throws {
        let enquire = try Enquire(database: database)
        try enquire.setBM25(k1: 1.2, b: 0.75)
        try enquire.setTimeLimit(1.0)
        try enquire.setQuery(try SampleDatabase.parser(for: database).parse("strait"))
        let matches = try enquire.matches(limit: 10, checkAtLeast: 10)
        #expect(matches.matchesEstimated == 3)
        #expect(matches.map(\.rank) == [0, 1, 2])
        #expect(matches[0].weight >= matches[1].weight)
        #expect(matches[0].percent == 100)
    }

    @Test func sortByValue() throws {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query.matchAll())
        try enquire.sortByValue(slot: SampleDatabase.dateSlot, descending: false, thenRelevance: false)
        let matches = try enquire.matches(limit: 10)
        let ids = try (0..<matches.count).map { String(decoding: try matches.document(at: $0).data(), as: UTF8.self) }
        #expect(ids == ["e", "c", "a", "b", "d"])
    }

    @Test func queriesBuiltByHand() throws {
        let filter = try Query(.filter, [try Query(term: "strait"), try Query(term: SampleDatabase.sourcePrefix + "cfr")])
        #expect(filter.description.contains("FILTER"))
        let enquire = try Enquire(database: database)
        try enquire.setQuery(filter)
        #expect(try enquire.matches(limit: 10).count == 2)
        let range = try Query.valueRange(slot: SampleDatabase.dateSlot, from: Array("2024".utf8), to: Array("2025".utf8))
        try enquire.setQuery(range)
        #expect(try enquire.matches(limit: 10).count == 3)
        #expect(try Query.matchNothing().isEmpty)
    }

    @Test func spellingSuggestionFromIndexedWords() throws {
        #expect(try database.spellingSuggestion(for: "munitons") == "munitions")
        let parser = try SampleDatabase.parser(for: database)
        _ = try parser.parse("balistic missiles", features: [.standard, .spellingCorrection])
        #expect(try parser.correctedQuery() == "ballistic missiles")
    }

    @Test func rejectedQueryThrowsQueryParserError() throws {
        let parser = try SampleDatabase.parser(for: database)
        let error = #expect(throws: XapianError.self) {
            _ = try parser.parse("date:2024-01-01..garbage")
        }
        #expect(error?.kind == .queryParser)
        #expect(error?.typeName == "QueryParserError")
    }

    @Test func cjkTextIsFoundByATwoCharacterQuery() throws {
        let cjk = try WritableDatabase.inMemory()
        let generator = try TermGenerator(language: "none")
        try generator.setCJKNGrams(true)
        for (id, text) in [("zh", "北约在印度太平洋地区的作用"), ("en", "NATO in the Indo-Pacific")] {
            let document = try Document()
            try generator.setDocument(document)
            try generator.indexText(text)
            try document.setData(Array(id.utf8))
            try cjk.addDocument(document)
        }
        let parser = try QueryParser(language: "none")
        let enquire = try Enquire(database: cjk)
        try enquire.setQuery(try parser.parse("太平", features: [.standard, .cjkNGrams]))
        let matches = try enquire.matches(limit: 10)
        #expect(matches.count == 1)
        #expect(try matches.document(at: 0).data() == Array("zh".utf8))
    }
}
