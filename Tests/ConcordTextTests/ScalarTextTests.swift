import ConcordText
import Testing

/// A text read from UTF-8 bytes holds what the standard library decodes from them, valid or not.
@Suite struct ScalarTextTests {
    static func fromString(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        ScalarText(String(decoding: bytes, as: UTF8.self)).scalars
    }

    @Test func validTextDecodesAsTheStandardLibraryDoes() {
        for text in ["", "plain ascii", "é — “quotes” ünïcödé", "漢字かな", "🙂 emoji 𝄞 and \u{10FFFF}", "a\u{0}b\r\n"] {
            let bytes = Array(text.utf8)
            #expect(ScalarText(utf8: bytes[...]).scalars == Array(text.unicodeScalars))
        }
    }

    @Test func invalidBytesAreRepairedAsTheStandardLibraryRepairsThem() {
        let cases: [[UInt8]] = [
            [0x61, 0xFF, 0x62],  // a byte that never starts a scalar
            [0xC0, 0x80],  // overlong NUL
            [0xE0, 0x80, 0x80],  // overlong
            [0xED, 0xA0, 0x80],  // a surrogate
            [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
            [0x61, 0xE2, 0x82],  // cut short at the end
            [0xE2, 0x28, 0xA1],  // a continuation missing
            [0x80, 0x80, 0x61],  // stray continuations
        ]
        for bytes in cases {
            #expect(ScalarText(utf8: bytes[...]).scalars == Self.fromString(bytes))
        }
        // A slice that does not start at zero.
        let padded: [UInt8] = [0x78, 0x78] + Array("ü".utf8)
        #expect(ScalarText(utf8: padded[2...]).scalars == ["ü"])
    }

    @Test(
        "classes in two bits a scalar tell white space and count words as the scalars do",
        arguments: [
            "Caf\u{E9} cr\u{E8}me, na\u{EF}ve.\nSecond line", "\u{4E2D}\u{6587}text \u{2014} dash \u{2019}s 12\u{3000}\u{3042}b",
            "Emoji \u{1F600} and \u{10348} beyond\u{A0}the plane \u{2028}-- --x", "",
        ])
    func classesCountWordsAsTheScalarsDo(_ example: String) {
        let text = ScalarText(example)
        let classes = ScalarClasses(text.scalars)
        #expect(classes.count == text.count)
        #expect(classes.bytes == (text.count + 3) / 4)
        for index in -1...text.count {
            #expect(classes.isWhiteSpace(index) == (text.scalars.indices.contains(index) && text.scalars[index].isWhiteSpace))
        }
        // Every span, and spans reaching past either end.
        for start in -2...text.count {
            for end in start...(text.count + 2) {
                let span = TextSpan(start: start, end: end)
                #expect(classes.wordCount(in: span) == Segmenter.wordCount(text.scalars, in: span))
            }
        }
    }

    @Test func aSpanIsClampedToTheText() {
        #expect(TextSpan(start: 2, end: 5).clamped(toCount: 10) == 2..<5)
        #expect(TextSpan(start: 8, end: 15).clamped(toCount: 10) == 8..<10)
        #expect(TextSpan(start: 12, end: 15).clamped(toCount: 10) == 10..<10)
        #expect(TextSpan(start: -3, end: 2).clamped(toCount: 10) == 0..<2)
        #expect(TextSpan(start: -3, end: -1).clamped(toCount: 10) == 0..<0)
    }
}
