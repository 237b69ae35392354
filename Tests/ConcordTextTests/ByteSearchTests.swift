import ConcordBase
import ConcordTestSupport
import Testing

/// `contains(bytes:)`, the byte search the boilerplate phrase lists go through, against a search by slices.
@Suite struct ByteSearchTests {
    @Test func findsARunWhereverASearchBySlicesDoes() {
        var numbers = SeededNumbers(seed: 11)
        // A three-letter alphabet, so runs repeat and almost match often.
        for length in 0..<30 {
            let haystack = (0..<length).map { _ in UInt8(0x61 + numbers.below(3)) }
            for needleLength in 1...5 {
                for _ in 0..<8 {
                    let needle = (0..<needleLength).map { _ in UInt8(0x61 + numbers.below(3)) }
                    let expected = needle.count <= haystack.count
                        && (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
                    #expect(haystack.contains(bytes: needle) == expected, "\(haystack) \(needle)")
                }
            }
        }
    }

    @Test func phraseSetFindsWhatSearchingEachPhraseFinds() {
        var numbers = SeededNumbers(seed: 13)
        for _ in 0..<300 {
            // Phrases of one to six letters of a three-letter alphabet: many share their first three bytes.
            let phrases = (0..<(1 + numbers.below(5))).map { _ in
                let letters = (0..<(1 + numbers.below(6))).map { _ in UInt8(0x61 + numbers.below(3)) }
                return String(decoding: letters, as: UTF8.self)
            }
            let set = PhraseSet(phrases)
            for length in [0, 1, 2, 3, 7, 20] {
                let text = (0..<length).map { _ in UInt8(0x61 + numbers.below(3)) }
                let expected = phrases.contains { text.contains(bytes: Array($0.utf8)) }
                #expect(set.occurs(in: text) == expected, "\(phrases) in \(String(decoding: text, as: UTF8.self))")
            }
        }
        let footers = PhraseSet(["first published", "can be reached"])
        #expect(footers.occurs(in: Array("this article was first published by the outlet".utf8)))
        #expect(footers.occurs(in: Array("she can be reached".utf8)))
        #expect(!footers.occurs(in: Array("first publishe".utf8)))
        #expect(!PhraseSet([]).occurs(in: Array("anything".utf8)))
    }

    @Test func edges() {
        let text = Array("first published in".utf8)
        #expect(text.contains(bytes: Array("first".utf8)))
        #expect(text.contains(bytes: Array(" in".utf8)))
        #expect(text.contains(bytes: text))
        #expect(!text.contains(bytes: text + [0x20]))
        #expect(text.contains(bytes: []))
        #expect(![UInt8]().contains(bytes: [0x61]))
        #expect(!Array("first publishe".utf8).contains(bytes: Array("published".utf8)))
    }

    @Test func decimalsAreSpelledAsStringSpellsThem() {
        var values = [0, 1, 9, 10, 99, 100, 1_000_090, -1, -10, Int.max, Int.min, Int(UInt32.max)]
        var numbers = SeededNumbers(seed: 7)
        for _ in 0..<200 {
            let magnitude = numbers.below(Int.max) >> numbers.below(62)
            values.append(numbers.below(2) == 0 ? magnitude : -magnitude)
        }
        for value in values {
            var bytes = Array("x".utf8)
            bytes.appendDecimal(value)
            #expect(String(decoding: bytes, as: UTF8.self) == "x\(value)")
        }
    }
}
