import ConcordText
import Testing

@testable import ConcordCore

/// Groups hold pieces with the same text: a passage copied whole by one document and in part by another makes a
/// group for the shared part and one for the rest.
@Suite struct GroupBuilderTests {
    typealias Piece = GroupBuilder.Piece

    /// Words of sentences of the given lengths, each sentence's last word marked as ending it.
    static func words(sentences: [Int]) -> [Word] {
        var result: [Word] = []
        for length in sentences {
            for k in 0..<length {
                let index = result.count
                result.append(Word(
                    key: UInt64(index), span: TextSpan(start: index * 6, end: index * 6 + 5),
                    flags: k == length - 1 ? .endsSentence : []))
            }
        }
        return result
    }

    static func piece(_ document: String, _ range: Range<Int>) -> Piece { Piece(document: document, range: range) }

    static func sorted(_ groups: [[Piece]]) -> [[Piece]] {
        groups.map { $0.sorted { ($0.document, $0.range.lowerBound) < ($1.document, $1.range.lowerBound) } }
            .sorted { ($0[0].document, $0[0].range.lowerBound) < ($1[0].document, $1[0].range.lowerBound) }
    }

    @Test func overlappingCopiesSplitIntoTheirSharedParts() {
        // The original has six sentences of ten words; one copy takes sentences 1–4, another 3–6.
        let words = [
            "o": Self.words(sentences: Array(repeating: 10, count: 6)),
            "r1": Self.words(sentences: Array(repeating: 10, count: 4)),
            "r2": Self.words(sentences: Array(repeating: 10, count: 4)),
        ]
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("o", 0..<40), Self.piece("r1", 0..<40)),
            (Self.piece("o", 20..<60), Self.piece("r2", 0..<40)),
            (Self.piece("r1", 20..<40), Self.piece("r2", 0..<20)),
        ]
        let groups = Self.sorted(GroupBuilder(pairs: pairs, words: words, minWords: 8, maxDocuments: 64).groups())
        #expect(groups == [
            [Self.piece("o", 0..<20), Self.piece("r1", 0..<20)],
            [Self.piece("o", 20..<40), Self.piece("r1", 20..<40), Self.piece("r2", 0..<20)],
            [Self.piece("o", 40..<60), Self.piece("r2", 20..<40)],
        ])
    }

    @Test func cutsLandOnTheSentenceBoundariesOfAnEditedCopy() {
        // The copy has a word added in its second sentence: the cut after sentence 2 lands one word later there.
        let words = [
            "o": Self.words(sentences: [10, 10, 10, 10]),
            "r1": Self.words(sentences: [10, 11, 10, 10]),
            "r2": Self.words(sentences: [10, 10]),
        ]
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("o", 0..<40), Self.piece("r1", 0..<41)),
            (Self.piece("o", 20..<40), Self.piece("r2", 0..<20)),
        ]
        let groups = Self.sorted(GroupBuilder(pairs: pairs, words: words, minWords: 8, maxDocuments: 64).groups())
        #expect(groups == [
            [Self.piece("o", 0..<20), Self.piece("r1", 0..<21)],
            [Self.piece("o", 20..<40), Self.piece("r1", 21..<41), Self.piece("r2", 0..<20)],
        ])
    }

    @Test func piecesShorterThanTheMinimumAndCrowdedGroupsAreLeftOut() {
        let words = [
            "a": Self.words(sentences: [4, 10]), "b": Self.words(sentences: [4, 10]), "c": Self.words(sentences: [10]),
        ]
        // b shares both sentences with a; c only the second: the first is a four-word piece.
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("a", 0..<14), Self.piece("b", 0..<14)),
            (Self.piece("a", 4..<14), Self.piece("c", 0..<10)),
        ]
        let groups = Self.sorted(GroupBuilder(pairs: pairs, words: words, minWords: 8, maxDocuments: 64).groups())
        #expect(groups == [[Self.piece("a", 4..<14), Self.piece("b", 4..<14), Self.piece("c", 0..<10)]])
        #expect(GroupBuilder(pairs: pairs, words: words, minWords: 8, maxDocuments: 2).groups().isEmpty)
    }

    @Test func aChainOfCopiesIsOneGroup() {
        let words = ["a": Self.words(sentences: [12]), "b": Self.words(sentences: [12]), "c": Self.words(sentences: [12])]
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("a", 0..<12), Self.piece("b", 0..<12)), (Self.piece("b", 0..<12), Self.piece("c", 0..<12)),
        ]
        let groups = GroupBuilder(pairs: pairs, words: words, minWords: 8, maxDocuments: 64).groups()
        #expect(Self.sorted(groups) == [[Self.piece("a", 0..<12), Self.piece("b", 0..<12), Self.piece("c", 0..<12)]])
    }
}
