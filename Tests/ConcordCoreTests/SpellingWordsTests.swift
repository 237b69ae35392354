import ConcordTestSupport
import Testing

@testable import ConcordCore

/// The words a document gives the spelling table: each once, lowercased, letters only, 2 to 24 of them.
@Suite struct SpellingWordsTests {
    func words(_ texts: String...) -> [String] {
        var collected = SpellingWords()
        for text in texts { collected.collect(text) }
        return collected.words
    }

    @Test func eachWordOnceLowercased() {
        let found = words("The cat saw THE Cat; the cat-flap.", "Then the cat left.")
        #expect(found.count == Set(found).count)
        #expect(Set(found) == ["the", "cat", "saw", "flap", "then", "left"])
    }

    @Test func lettersOnlyAndTwoToTwentyFourOfThem() {
        let long = String(repeating: "x", count: 25)
        let longest = String(repeating: "y", count: 24)
        #expect(Set(words("a bb 3d x9z \(long) \(longest) café's")) == ["bb", longest, "café"])
    }

    /// Words beyond ASCII are lowercased once collected: two spellings of one word, and a word that lowercases to
    /// an ASCII one already found (the Kelvin sign), give one word each.
    @Test func wordsBeyondASCIIAreLoweredAndMerged() {
        let found = words("Ärger ärger ÄRGER kelvin \u{212A}elvin Straße")
        #expect(found.count == Set(found).count)
        #expect(Set(found) == ["ärger", "kelvin", "straße"])
    }

    /// More distinct words than the first table holds, each seen twice: all kept, none twice.
    @Test func manyWordsGrowTheTable() {
        let all = (0..<5_000).map { "w" + MadeUpWords.letters($0) }
        let text = all.joined(separator: " ")
        let found = words(text, text.uppercased())
        #expect(found.count == all.count)
        #expect(Set(found) == Set(all))
    }
}
