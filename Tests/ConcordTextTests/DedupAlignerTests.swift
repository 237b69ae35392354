import Testing

@testable import ConcordText

/// The aligned regions of two texts, quoted from each (default aligner unless given).
func dedupAlign(
    _ a: String, _ b: String, skippingA: [TextSpan] = [], skippingB: [TextSpan] = [],
    aligner: Aligner = Aligner()
) -> [DedupQuotedPair] {
    let textA = ScalarText(a)
    let textB = ScalarText(b)
    let wordsA = WordTokenizer().words(in: textA, skipping: skippingA)
    let wordsB = WordTokenizer().words(in: textB, skipping: skippingB)
    return aligner.align(wordsA, wordsB).map { pair in
        let spans = Aligner.spans(of: pair, wordsA, wordsB)
        return DedupQuotedPair(a: textA[spans.a], b: textB[spans.b])
    }
}

/// The text of both sides of an aligned pair.
struct DedupQuotedPair: Hashable, CustomStringConvertible {
    var a: String
    var b: String
    var description: String { "A: \(a)\nB: \(b)" }
}

/// Original sentences for the hand-made pairs (each well over 8 words).
enum DedupSample {
    static let s1 = "The committee approved the new budget after a long debate about military spending."
    static let s2 = "Critics argued that the plan would leave the navy without enough ships in the Pacific."
    static let s3 = "Supporters replied that the shipyards could not build faster even with more money."
    static let s4 = "The final vote took place late on Thursday night with most members present."
    static let s5 = "Several delegates asked for a review of the procurement rules before the next session."
    static let s6 = "The minister promised to publish the full report before the end of the year."

    static let p1 = "\(s1) \(s2)"
    static let p2 = "\(s3) \(s4)"
    static let p3 = "\(s5) \(s6)"
    static let original = "\(p1)\n\n\(p2)\n\n\(p3)\n"
}

@Suite struct DedupAlignerTests {
    typealias S = DedupSample

    @Test func anExactCopyIsOneRegion() {
        let found = dedupAlign(S.original, "Intro words here.\n\n" + S.original)
        #expect(found == [DedupQuotedPair(a: String(S.original.dropLast(2)), b: String(S.original.dropLast(2)))])
    }

    @Test func reflowedAndHardWrappedTextIsAnExactCopy() {
        let wrapped = """
             The committee approved the new budget after a long debate
            about military spending. Critics argued that the plan would
            leave the navy without enough ships in the Pacific.
            """
        let found = dedupAlign(S.p1, wrapped)
        #expect(found.count == 1)
        #expect(found.first?.a == String(S.p1.dropLast()))
        #expect(found.first?.b.hasPrefix("The committee") == true)
        #expect(found.first?.b.hasSuffix("in the Pacific") == true)
    }

    @Test func lineEndHyphenationAndQuoteStylesStillMatchExactly() throws {
        let a =
            "Officials said “the North’s ballistic missiles” — now tested monthly — threaten the whole Indo-Pacific region."
        let b =
            "Officials said \"the North's bal-\nlistic missiles\" -- now tested monthly -- threaten the whole Indo-\nPacific region."
        let found = dedupAlign(a, b)
        try #require(found.count == 1)
        #expect(found[0].a.hasPrefix("Officials") && found[0].a.hasSuffix("region"))
        #expect(found[0].b.hasPrefix("Officials") && found[0].b.hasSuffix("region"))
        let words = WordTokenizer().words(in: ScalarText(a))
        let pair = Aligner().align(words, WordTokenizer().words(in: ScalarText(b)))
        #expect(pair.first?.score == 1)
    }

    @Test func aShortCaptionOrBylineBetweenCopiedParagraphsIsBridged() {
        let b = "\(S.p1)\n\nPhoto: Reuters\n\n\(S.p2)\n\nBy Jane Doe\n\n\(S.p3)\n"
        let found = dedupAlign(S.original, b)
        #expect(found.count == 1)
        #expect(found.first?.a == String(S.original.dropLast(2)))
        #expect(found.first?.b == String(b.dropLast(2)))
    }

    @Test func aLongCaptionMarkedAsBoilerplateIsSkipped() {
        let caption = "Delegates leave the chamber after the vote on Thursday night. Photo: Parliament press office"
        let b = "\(S.p1)\n\n\(caption)\n\n\(S.p2)\n"
        let start = b.unicodeScalars.count - S.p2.unicodeScalars.count - 3 - caption.unicodeScalars.count
        let span = TextSpan(start: start, end: start + caption.unicodeScalars.count)
        #expect(ScalarText(b)[span] == caption)
        #expect(dedupAlign(S.original, b).count == 2)  // without the hint, the caption splits the copy
        let found = dedupAlign(S.original, b, skippingB: [span])
        #expect(found.count == 1)
        #expect(found.first?.a == "\(S.p1)\n\n\(S.p2)".dropLast().description)
    }

    @Test(
        "a few words changed, added or dropped inside a sentence",
        arguments: [
            // changed
            (S.s2, "Critics argued that the proposal would leave the fleet without enough ships in the Pacific."),
            // added
            (
                S.s2,
                "Critics loudly argued that the plan would leave the US navy without nearly enough ships in the Pacific."
            ),
            // dropped
            (S.s2, "Critics argued the plan would leave the navy without ships in the Pacific."),
        ])
    func smallEditsInsideASentence(_ pair: (String, String)) throws {
        let a = "\(S.s1) \(pair.0) \(S.s3)"
        let b = "Unrelated opening words of the page. \(pair.1) Something else entirely follows here now."
        let found = dedupAlign(a, b)
        try #require(found.count == 1)
        #expect(found[0].a == String(pair.0.dropLast()))
        #expect(found[0].b == String(pair.1.dropLast()))
    }

    @Test func anEditedFirstWordStillGivesTheWholeSentence() {
        let a = "Other text of the first document is here. \(S.s1) More text follows in the original."
        let b = "A committee approved the new budget after a long debate about military spending. Different end."
        let found = dedupAlign(a, b)
        #expect(
            found == [
                DedupQuotedPair(
                    a: String(S.s1.dropLast()),
                    b: "A committee approved the new budget after a long debate about military spending")
            ])
    }

    @Test func aSharedSentenceInsideALongerParagraphIsReportedAsThatSentence() {
        let a = "Earlier sentences talk about weather and roads. \(S.s3) Later sentences are about food."
        let b = "Some other paragraph begins with its own claim about ports. \(S.s3) It ends with a note on trade."
        let found = dedupAlign(a, b)
        #expect(found == [DedupQuotedPair(a: String(S.s3.dropLast()), b: String(S.s3.dropLast()))])
    }

    @Test func aDroppedSentenceSplitsTheCopy() {
        let b = "\(S.s1) \(S.s2) \(S.s4) \(S.s5)"
        let found = dedupAlign(S.original, b)
        #expect(
            found == [
                DedupQuotedPair(a: String(S.p1.dropLast()), b: String(S.p1.dropLast())),
                DedupQuotedPair(
                    a: "\(S.s4)\n\n\(S.s5)".dropLast().description, b: "\(S.s4) \(S.s5)".dropLast().description),
            ])
    }

    @Test func reorderedParagraphsAreFoundAtTheirNewPlaces() {
        let b = "A New Title For The Piece\n\n\(S.p3)\n\nA subheading\n\n\(S.p1)\n\n\(S.p2)\n"
        let found = dedupAlign(S.original, b)
        #expect(
            found == [
                DedupQuotedPair(
                    a: "\(S.p1)\n\n\(S.p2)".dropLast().description, b: "\(S.p1)\n\n\(S.p2)".dropLast().description),
                DedupQuotedPair(a: String(S.p3.dropLast()), b: String(S.p3.dropLast())),
            ])
    }

    @Test func reorderedParagraphsThatAllStartWithTheSameWordStayApart() {
        // Each copied paragraph runs on into the next one's "The" in both texts: that word must not fuse them.
        let p1 = "The installation notes are long, but most of them only matter to people building from source."
        let p2 = "The lid driver tries to deliver the events the firmware triggers to user space as they come."
        let p3 = "The section gives a brief overview of the objects involved in creating a network interface."
        let a = "\(p1)\n\n\(p2)\n\n\(p3)\n"
        let b = "Title\n\n\(p2)\n\n\(p1)\n\n\(p3)\n"
        let found = dedupAlign(a, b)
        #expect(found.map(\.a) == [p1, p2, p3].map { String($0.dropLast()) })
        #expect(found.map(\.b) == [p1, p2, p3].map { String($0.dropLast()) })
    }

    @Test func aLongSubheadingSeparatesTheParagraphsItStandsBetween() {
        let b = "\(S.p1)\n\nWhat The Shipyards Say About Their Capacity\n\n\(S.p2)\n"
        let found = dedupAlign(S.original, b)
        #expect(found.map(\.a) == [String(S.p1.dropLast()), String(S.p2.dropLast())])
    }

    @Test(
        "nothing is aligned between texts that share no passage",
        arguments: [
            // same topic, different words
            (
                "NATO members disagree about how far the alliance should look beyond Europe, and some capitals warn "
                    + "that commitments in Asia would stretch forces that are already thin.",
                "Several European governments think the alliance has enough to do at home; others see a role for it "
                    + "in the Pacific, where tensions with Beijing keep rising."
            ),
            // shared boilerplate only (short), and common phrases
            (
                "Share this article on Facebook and Twitter. In the United States, at the same time, prices rose.",
                "Share this article on Facebook and Twitter. At the same time, in the United States, wages fell."
            ),
            // the same words in another order
            (
                "the navy ships budget committee approved debate spending military long new after about",
                "about after new long military spending debate approved committee budget ships navy the"
            ),
        ])
    func negativePairs(_ pair: (String, String)) {
        #expect(dedupAlign(pair.0, pair.1).isEmpty)
    }

    @Test func sharedBoilerplateIsIgnoredWhenMarked() {
        let footer =
            "This article was first published by the Council on Foreign Relations under a Creative Commons license."
        let a = "A report on shipbuilding in the Pacific region.\n\n\(footer)"
        let b = "Notes on farming subsidies and rural roads.\n\n\(footer)"
        #expect(dedupAlign(a, b).count == 1)
        let spanA = TextSpan(start: a.unicodeScalars.count - footer.unicodeScalars.count, end: a.unicodeScalars.count)
        let spanB = TextSpan(start: b.unicodeScalars.count - footer.unicodeScalars.count, end: b.unicodeScalars.count)
        #expect(dedupAlign(a, b, skippingA: [spanA], skippingB: [spanB]).isEmpty)
    }

    @Test func minWordsIsConfigurable() {
        let a = "Yesterday the council said the harbour will close next week for repairs, officials added."
        let b = "Residents learned their harbour will close next week for repairs, and shops worry."
        #expect(dedupAlign(a, b).isEmpty)  // 7 shared words
        let six = Aligner(configuration: Aligner.Configuration(minWords: 6))
        #expect(dedupAlign(a, b, aligner: six).map(\.a) == ["harbour will close next week for repairs"])
    }

    @Test func seedsFromFingerprintsFindTheSameExactCopy() {
        let a = WordTokenizer().words(in: ScalarText(S.original))
        let b = WordTokenizer().words(in: ScalarText("Intro.\n\n" + S.p2))
        let fingerprinter = Fingerprinter(n: 4, window: 5)
        let inB = Dictionary(
            fingerprinter.fingerprints(of: b).map { ($0.hash, $0.wordIndex) }, uniquingKeysWith: { first, _ in first })
        let seeds = fingerprinter.fingerprints(of: a).compactMap { print in
            inB[print.hash].map { Aligner.Seed(a: print.wordIndex, b: $0) }
        }
        #expect(!seeds.isEmpty)
        #expect(Aligner().align(a, b, seeds: seeds) == Aligner().align(a, b))
    }

    @Test func workIsLinearInSharedSeedsNotQuadratic() {
        // A long text against itself: one region, found from one seed (later seeds fall inside it).
        let text = String(repeating: S.original + "\n", count: 1).appending(
            (0..<400).map { "Line \($0) of filler with words number \($0 * 7) and \($0 * 13) here." }
                .joined(separator: " "))
        let words = WordTokenizer().words(in: ScalarText(text))
        let found = Aligner().align(words, words)
        #expect(found.count == 1)
        #expect(found.first?.a == 0..<words.count)
    }

    @Test(arguments: [(3, 40, 200), (5, 300, 20), (8, 2_000, 2_000), (40, 25, 3_000), (2, 100, 2_000), (2, 20, 300), (3, 2, 50)])
    func seedsAreEverySharedNGramOnceEitherWayRound(vocabulary: Int, countA: Int, countB: Int) {
        // Small vocabularies repeat n-grams (some past the cap); unequal lengths make either table the smaller.
        var state: UInt64 = UInt64(vocabulary * 1_000_003 + countA * 7 + countB)
        func words(_ count: Int) -> [Word] {
            (0..<count).map { index in
                state = Fingerprinter.mix(state)
                let flags: Word.Flags = state % 97 == 0 ? .boilerplate : []
                return Word(key: state % UInt64(vocabulary), span: TextSpan(start: index, end: index + 1), flags: flags)
            }
        }
        let a = words(countA)
        let b = words(countB)
        let aligner = Aligner()
        let n = aligner.configuration.seedLength
        let cap = aligner.configuration.maxSeedOccurrences
        let hashesA = Fingerprinter.shingleHashes(of: a, n: n)
        let hashesB = Fingerprinter.shingleHashes(of: b, n: n)
        var countsA: [UInt64: Int] = [:]
        var countsB: [UInt64: Int] = [:]
        for hash in hashesA { countsA[hash, default: 0] += 1 }
        for hash in hashesB { countsB[hash, default: 0] += 1 }
        var expected = Set<Aligner.Seed>()
        for (i, x) in hashesA.enumerated() where x != Fingerprinter.invalid && countsA[x, default: 0] <= cap {
            for (j, y) in hashesB.enumerated() where y == x && countsB[y, default: 0] <= cap {
                expected.insert(Aligner.Seed(a: i, b: j))
            }
        }
        let forward = aligner.seeds(a, b)
        let backward = aligner.seeds(b, a)
        #expect(forward.count == expected.count)
        #expect(Set(forward) == expected)
        #expect(Set(backward.map(\.swapped)) == expected)
    }
}
