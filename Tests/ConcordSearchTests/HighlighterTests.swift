import Foundation
import Testing

@testable import ConcordSearch

/// Snippets mark the words whose stems the query holds (passages are indexed with stems only, which Xapian's own
/// snippets do not see), escape the rest, and show the part of a long passage where the matches are.
@Suite struct HighlighterTests {
    @Test func everyFormOfAStemIsMarked() {
        let highlighter = Highlighter(terms: ["cach", "strait"], prefixes: [])
        #expect(highlighter.snippet(of: "The caching layer caches pages in the page cache.")
            == "The <mark>caching</mark> layer <mark>caches</mark> pages in the page <mark>cache</mark>.")
        #expect(highlighter.snippet(of: "Straits, and the Taiwan Strait’s waters") == "<mark>Straits</mark>, and the Taiwan <mark>Strait’s</mark> waters")
    }

    @Test func wildcardsMarkWordsWithTheirPrefix() {
        let highlighter = Highlighter(terms: [], prefixes: ["memor"])
        #expect(highlighter.snippet(of: "Memory, memorial and remembering") == "<mark>Memory</mark>, <mark>memorial</mark> and remembering")
    }

    @Test func markupIsEscapedAndWhiteSpaceFolded() {
        let highlighter = Highlighter(terms: ["nato"], prefixes: [])
        #expect(highlighter.snippet(of: "<script>\n\n  NATO & \"allies\"")
            == "&lt;script&gt; <mark>NATO</mark> &amp; &quot;allies&quot;")
    }

    @Test func longPassagesShowTheStretchWithTheMatches() {
        let filler = Array(repeating: "lorem ipsum dolor", count: 40).joined(separator: " ")
        let text = filler + " the Taiwan Strait matters here. " + filler
        let snippet = Highlighter(terms: ["taiwan", "strait"], prefixes: []).snippet(of: text, length: 120)
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.contains("<mark>Taiwan</mark> <mark>Strait</mark>"))
        let visible = snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(visible.count <= 126)
        #expect(Highlighter(terms: ["absent"], prefixes: []).snippet(of: text, length: 120).hasPrefix("lorem ipsum"))
    }

    @Test func ideographsOfTheQueryAreMarked() {
        let highlighter = Highlighter(terms: ["台", "台湾", "湾"], prefixes: [])
        #expect(highlighter.snippet(of: "我们在台湾") == "我们在<mark>台</mark><mark>湾</mark>")
    }

    /// `folded` matches white space by its bytes; it must agree with Unicode's White_Space for every scalar.
    @Test func foldingKnowsEveryWhiteSpaceScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), value != 0 else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            let expected = scalar.properties.isWhitespace ? Array("a b".utf8) : Array(text.utf8)
            #expect(Highlighter.folded(text) == expected, "U+\(String(value, radix: 16, uppercase: true))")
        }
        #expect(Highlighter.folded("\u{3000} a\u{A0}\u{2003}\n b \u{85}") == Array("a b".utf8))
        #expect(Highlighter.folded(" \t\n ").isEmpty)
    }

    @Test func longNonASCIIPassagesAreCutByCharacters() {
        let filler = Array(repeating: "Größe über Straße", count: 30).joined(separator: " ")
        let text = filler + " die Taiwan-Straße hier. " + filler
        let snippet = Highlighter(terms: ["taiwan"], prefixes: []).snippet(of: text, length: 100)
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.contains("<mark>Taiwan</mark>"))
        let visible = snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(visible.count <= 106 && visible.count >= 80)
    }
}
