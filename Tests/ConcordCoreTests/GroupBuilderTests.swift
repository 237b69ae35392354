import ConcordText
import Testing

@testable import ConcordCore

/// Groups hold pieces with the same text: a passage copied whole by one document and in part by another makes a
/// group for the shared part and one for the rest.
@Suite struct GroupBuilderTests {
    typealias Piece = GroupBuilder.Piece

    /// A text of sentences of the given word counts, and where each sentence starts (and the text ends).
    static func text(sentences: [Int], offset: Int = 0) -> Text {
        var text = ""
        var starts: [Int] = []
        for (number, length) in sentences.enumerated() {
            if !text.isEmpty { text += " " }
            starts.append(text.unicodeScalars.count)
            text += (0..<length).map { "w\(number + offset)x\($0)" }.joined(separator: " ") + "."
        }
        starts.append(text.unicodeScalars.count)
        return Text(
            text: ScalarClasses(Array(text.unicodeScalars)), starts: starts,
            boundaries: GroupBuilder.sentenceStarts(of: text.unicodeScalars))
    }

    /// A text as groups are built from it, and where its sentences start as built.
    struct Text {
        var text: ScalarClasses
        var starts: [Int]
        /// `GroupBuilder.sentenceStarts(of:)`.
        var boundaries: [GroupBuilder.Offset]
    }

    /// A builder over `pairs` between `texts`: the documents numbered in name order, as duplicate detection
    /// numbers them, the links in the order of `pairs`.
    static func builder(
        _ pairs: [(a: Piece, b: Piece)], _ texts: [String: Text], maxDocuments: Int = 64
    ) -> GroupBuilder {
        typealias Side = GroupBuilder.Side
        let documents = Array(Set(pairs.flatMap { [$0.a.document, $0.b.document] })).sorted()
        let number = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1, $0) })
        let links = pairs.compactMap { pair -> (a: Side, b: Side)? in
            guard let a = number[pair.a.document], let b = number[pair.b.document] else { return nil }
            return (Side(document: a, range: pair.a.range), Side(document: b, range: pair.b.range))
        }
        return GroupBuilder(
            documents: documents, links: links, texts: documents.map { texts[$0]?.text },
            boundaries: documents.map { texts[$0]?.boundaries ?? [] }, minWords: 8, maxDocuments: maxDocuments)
    }

    static func piece(_ document: String, _ range: Range<Int>) -> Piece { Piece(document: document, range: range) }

    static func sorted(_ groups: [[Piece]]) -> [[Piece]] {
        groups.map { $0.sorted { ($0.document, $0.range.lowerBound) < ($1.document, $1.range.lowerBound) } }
            .sorted { ($0[0].document, $0[0].range.lowerBound) < ($1[0].document, $1[0].range.lowerBound) }
    }

    /// Sentences `first..<last` of a text with starts `starts`, as a range (the space after the last left out).
    static func sentences(_ starts: [Int], _ first: Int, _ last: Int) -> Range<Int> {
        starts[first]..<(last == starts.count - 1 ? starts[last] : starts[last] - 1)
    }

    @Test func overlappingCopiesSplitIntoTheirSharedParts() {
        // The original has six sentences of ten words; one copy takes sentences 1–4, another 3–6.
        let o = Self.text(sentences: Array(repeating: 10, count: 6))
        let r1 = Self.text(sentences: Array(repeating: 10, count: 4))
        let r2 = Self.text(sentences: Array(repeating: 10, count: 4), offset: 2)
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("o", Self.sentences(o.starts, 0, 4)), Self.piece("r1", Self.sentences(r1.starts, 0, 4))),
            (Self.piece("o", Self.sentences(o.starts, 2, 6)), Self.piece("r2", Self.sentences(r2.starts, 0, 4))),
            (Self.piece("r1", Self.sentences(r1.starts, 2, 4)), Self.piece("r2", Self.sentences(r2.starts, 0, 2))),
        ]
        let builder = Self.builder(pairs, ["o": o, "r1": r1, "r2": r2])
        let groups = Self.sorted(builder.groups()).map { $0.map { ($0.document, $0.range.lowerBound) } }
        #expect(groups.count == 3)
        #expect(groups.map { $0.map(\.0) } == [["o", "r1"], ["o", "r1", "r2"], ["o", "r2"]])
        #expect(groups[1].map(\.1) == [o.starts[2], r1.starts[2], r2.starts[0]])
        #expect(groups[2].map(\.1) == [o.starts[4], r2.starts[2]])
    }

    @Test func cutsLandOnTheSentenceStartsOfAnEditedCopy() {
        // The copy has words added in its second sentence: the cut after sentence 2 lands on its third sentence.
        let o = Self.text(sentences: [10, 10, 10, 10])
        let r1 = Self.text(sentences: [10, 13, 10, 10])
        let r2 = Self.text(sentences: [10, 10], offset: 2)
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("o", Self.sentences(o.starts, 0, 4)), Self.piece("r1", Self.sentences(r1.starts, 0, 4))),
            (Self.piece("o", Self.sentences(o.starts, 2, 4)), Self.piece("r2", Self.sentences(r2.starts, 0, 2))),
        ]
        let builder = Self.builder(pairs, ["o": o, "r1": r1, "r2": r2])
        let groups = Self.sorted(builder.groups())
        #expect(groups.count == 2)
        #expect(groups.first?.first { $0.document == "r1" }?.range.upperBound ?? 0 >= r1.starts[2] - 1)
        #expect(groups.last?.first { $0.document == "r1" }?.range.lowerBound == r1.starts[2])
        #expect(groups.last?.map(\.document) == ["o", "r1", "r2"])
    }

    @Test func piecesShorterThanTheMinimumAndCrowdedGroupsAreLeftOut() {
        let a = Self.text(sentences: [4, 10])
        let b = Self.text(sentences: [4, 10])
        let c = Self.text(sentences: [10], offset: 1)
        // b shares both sentences with a; c only the second: the first is a four-word piece.
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("a", Self.sentences(a.starts, 0, 2)), Self.piece("b", Self.sentences(b.starts, 0, 2))),
            (Self.piece("a", Self.sentences(a.starts, 1, 2)), Self.piece("c", Self.sentences(c.starts, 0, 1))),
        ]
        let texts = ["a": a, "b": b, "c": c]
        let groups = Self.sorted(Self.builder(pairs, texts).groups())
        #expect(groups.map { $0.map(\.document) } == [["a", "b", "c"]])
        #expect(groups.first?.first?.range.lowerBound == a.starts[1])
        #expect(Self.builder(pairs, texts, maxDocuments: 2).groups().isEmpty)
    }

    @Test func aChainOfCopiesIsOneGroup() {
        let t = Self.text(sentences: [12])
        let whole = 0..<t.text.count
        let pairs: [(a: Piece, b: Piece)] = [
            (Self.piece("a", whole), Self.piece("b", whole)), (Self.piece("b", whole), Self.piece("c", whole)),
        ]
        let groups = Self.builder(pairs, ["a": t, "b": t, "c": t]).groups()
        #expect(Self.sorted(groups) == [[Self.piece("a", whole), Self.piece("b", whole), Self.piece("c", whole)]])
    }

    @Test func sentenceStartsFollowTerminalsAndLineBreaks() {
        let text = Array("One two. “Three” four! (Five)\nsix e.g. seven".unicodeScalars)
        let starts = GroupBuilder.sentenceStarts(of: text)
        let words = starts.dropFirst().dropLast().map(Int.init).map { index in
            String(String.UnicodeScalarView(text[index..<min(text.count, index + 3)]))
        }
        #expect(words == ["“Th", "(Fi", "six", "sev"])
    }
}
