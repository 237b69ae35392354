import ConcordTestSupport
import Testing

@testable import ConcordText

/// The passages that the web republication (001) takes from the memo (000), found by reading both by hand.
///
/// Each pair quotes the region each side holds, from its first to its last shared word (001 has no-break spaces,
/// written `\u{A0}`). Decisions on the
/// borderline cases:
/// - "In April 2024, China’s state-run media published an article that argued, “Where NATO goes, war is most
///   likely.”" against "In April, China’s state-run Xinhua News Agency published an article that argued NATO
///   was “fanning flames beyond its scope” and “where NATO goes, war is most likely.”": the first half is a
///   near copy of 9 words (one word dropped, one replaced by three), so it is a pair; the quote (7 words) stands
///   after 8 inserted words, more than the 4-word gap tolerance, and alone is shorter than 8 words, so it is not.
/// - "peace and stability in the Taiwan Strait and" is 8 identical words inside two rewritten sentences: a pair.
///   The same words with "across" for "in" also open the quotation of the Stoltenberg–Kishida statement
///   (9 of 10 words): a pair too, so that memo passage has two copies in 001.
/// - The author notes share "Asia Studies Fellow at the Council on Foreign Relations" (8 words matched); a pair
///   for the aligner, which knows nothing of bylines (concord passes bylines marked as boilerplate as skipped
///   spans, and then it goes).
/// - Shared runs of 7 words or fewer are not pairs: "shave off up to $10 trillion from global GDP",
///   "countries in the Indo-Pacific to bolster European security", "to include countries in the region",
///   "deterrence in the Indo-Pacific and preventing", "References to China have since become".
enum DedupExamplePairs {
    static let expected: [DedupQuotedPair] = [
        DedupQuotedPair(
            a: "At the Madrid Summit 2022, NATO adopted a new Strategic Concept",
            b: "At the Madrid Summit later that year, it adopted a new\u{A0}Strategic Concept"),
        DedupQuotedPair(
            a: "China’s\n“ambitions and coercive policies challenge our interests, security and values",
            b: "China’s] ambitions and coercive policies challenge our interests, security, and values"),
        DedupQuotedPair(
            a: "leaders\nfrom Australia, Japan, New Zealand, and South Korea (known as the Indo-Pacific Four, or",
            b: "leaders from Australia, Japan, New Zealand, and South Korea, which was informally known as the "
                + "Asia-Pacific Four or"),
        DedupQuotedPair(
            a: "to make difficult trade-offs that would compel its NATO allies to shoulder\nmore of the burden in "
                + "deterring Russia",
            b: "to make difficult trade-offs that would compel its NATO allies to shoulder more of the burden in "
                + "deterring Russia"),
        DedupQuotedPair(
            a: "begin to reckon with the\npotential that a conflict in the Indo-Pacific could force the United "
                + "States to shift military assets from Europe\nto the Pacific, pushing NATO members to shoulder the "
                + "burden of conventional deterrence and defense in\nEurope. As a practical matter, this would entail "
                + "NATO members boosting defense spending, rebuilding\ndefense industrial bases, and conducting "
                + "operational planning",
            b: "begin to reckon with the potential that a conflict in the Indo-Pacific could force Washington to "
                + "shift military assets from Europe to the Pacific.\n\nThis would push European members to shoulder "
                + "the burden of deterrence and defense.\u{A0}\n\nAs a practical matter, this would entail NATO urgently "
                + "boosting defense spending, rebuilding their defense industrial bases, and conducting operational "
                + "planning"),
        DedupQuotedPair(
            a: "the importance of peace and stability in the Taiwan Strait",
            b: "The importance of peace and stability across the Taiwan Strait"),
        DedupQuotedPair(
            a: "peace and stability in the Taiwan Strait and",
            b: "peace and stability in the Taiwan Strait and"),
        DedupQuotedPair(
            a: "narrative that the alliance is fomenting conflict in the region",
            b: "narrative that the alliance is fomenting conflict in the region"),
        DedupQuotedPair(
            a: "In April 2024,\nChina’s state-run media published an article that argued",
            b: "In April, China’s state-run Xinhua News Agency\u{A0}published\u{A0}an article that argued"),
        DedupQuotedPair(
            a: "to link a greater NATO presence in the Indo-Pacific with the growing likelihood of",
            b: "to link a greater NATO presence in the region with the growing likelihood of"),
        DedupQuotedPair(
            a: "its secretary-general should regularly meet with senior Chinese\nofficials and explain",
            b: "its secretary-general should regularly meet with senior Chinese foreign policy officials and explain"),
        DedupQuotedPair(
            a: "Asia Studies Fellow at the Council on Foreign Relations",
            b: "Asia studies at the Council on Foreign Relations"),
    ]
}

@Suite struct DedupExampleCorpusTests {
    struct Documents {
        var textA: ScalarText
        var textB: ScalarText
        var wordsA: [Word]
        var wordsB: [Word]
        var pairs: [AlignedSpanPair]

        init() throws {
            textA = ScalarText(try ExampleCorpus.text(ExampleCorpus.fileNames[0]))
            textB = ScalarText(try ExampleCorpus.text(ExampleCorpus.fileNames[1]))
            wordsA = WordTokenizer().words(in: textA)
            wordsB = WordTokenizer().words(in: textB)
            pairs = Aligner().align(wordsA, wordsB)
        }

        func quoted(_ pair: AlignedSpanPair) -> DedupQuotedPair {
            let spans = Aligner.spans(of: pair, wordsA, wordsB)
            return DedupQuotedPair(a: textA[spans.a], b: textB[spans.b])
        }
    }

    @Test("every passage 001 takes from 000 is found, on the right span of both", arguments: DedupExamplePairs.expected)
    func expectedPairIsFound(_ expected: DedupQuotedPair) throws {
        let documents = try Documents()
        #expect(documents.pairs.map(documents.quoted).contains(expected))
    }

    @Test func nothingElseIsFound() throws {
        let documents = try Documents()
        let found = documents.pairs.map(documents.quoted)
        #expect(found == DedupExamplePairs.expected)
    }

    @Test func everyPairIsLongEnoughAndDense() throws {
        let documents = try Documents()
        for pair in documents.pairs {
            #expect(pair.matchedWords >= 8)
            #expect(pair.a.count >= 8 && pair.b.count >= 8)
            #expect(pair.score >= 0.7)
        }
    }

    @Test func theDocumentsShareFingerprintsForEachLongExactPair() throws {
        let documents = try Documents()
        let fingerprinter = Fingerprinter()
        let inB = Set(fingerprinter.fingerprints(of: documents.wordsB).map(\.hash))
        let shared = fingerprinter.fingerprints(of: documents.wordsA).filter { inB.contains($0.hash) }
        // Candidates come from the index through shared fingerprints: every exact run of at least the guaranteed
        // length gives one, and the two documents share several, so each finds the other.
        for pair in documents.pairs where pair.matchedWords >= fingerprinter.guaranteedRunLength && pair.score == 1 {
            #expect(shared.contains { pair.a.contains($0.wordIndex) })
        }
        #expect(shared.count >= 3)
    }

    @Test func alignmentIsSymmetric() throws {
        let documents = try Documents()
        let swapped = Aligner().align(documents.wordsB, documents.wordsA)
        let back = Set(
            swapped.map { AlignedSpanPair(a: $0.b, b: $0.a, matchedWords: $0.matchedWords) }.map { [$0.a, $0.b] })
        let forth = Set(documents.pairs.map { [$0.a, $0.b] })
        #expect(back == forth)
    }
}
