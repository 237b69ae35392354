import Testing

@testable import ConcordText

@Suite struct NormalizerTests {
    let normalizer = Normalizer()

    /// Normalizes all of `string`.
    func normalize(_ string: String, skipping: [TextSpan] = []) -> (ScalarText, NormalizedText) {
        let text = ScalarText(string)
        return (text, normalizer.normalize(text, span: TextSpan(start: 0, end: text.count), skipping: skipping))
    }

    /// The normalized span of the first occurrence of `needle` in `normalized`.
    func span(of needle: String, in normalized: NormalizedText) throws -> TextSpan {
        let haystack = Array(normalized.text.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        let start = try #require(
            (0...(haystack.count - pattern.count)).first { Array(haystack[$0..<($0 + pattern.count)]) == pattern })
        return TextSpan(start: start, end: start + pattern.count)
    }

    /// Every normalized scalar maps into `bounds`, and origins never go backwards.
    func expectMonotoneMap(_ normalized: NormalizedText, within bounds: TextSpan) {
        #expect(normalized.map.count == normalized.text.unicodeScalars.count)
        var previous = bounds.start
        for index in 0..<normalized.map.count {
            let origin = normalized.map.original(TextSpan(start: index, end: index + 1))
            #expect(origin.start >= previous)
            #expect(origin.start >= bounds.start && origin.end <= bounds.end && !origin.isEmpty)
            previous = origin.start
        }
    }

    @Test func curlyQuotesFoldWithoutMovingOffsets() throws {
        let (text, normalized) = normalize("‘China’s’ “growing” ‚x‛ 5′ 6″")
        #expect(normalized.text == "'China's' \"growing\" 'x' 5' 6\"")
        #expect(normalized.map.count == text.count)
        for index in 0..<text.count {
            #expect(
                normalized.map.original(TextSpan(start: index, end: index + 1))
                    == TextSpan(start: index, end: index + 1))
        }
    }

    @Test func dashesUnify() {
        let (_, normalized) = normalize("2019–2020 — yes ‒ no ― −5 non‑breaking ‐ hyphen")
        #expect(normalized.text == "2019-2020 - yes - no - -5 non-breaking - hyphen")
    }

    @Test func ligaturesExpandAndMapToTheLigature() throws {
        let (text, normalized) = normalize("ﬁnd the ﬂow")
        #expect(normalized.text == "find the flow")
        #expect(normalized.map.original(TextSpan(start: 0, end: 1)) == TextSpan(start: 0, end: 1))
        #expect(normalized.map.original(TextSpan(start: 1, end: 2)) == TextSpan(start: 0, end: 1))
        #expect(normalized.map.original(TextSpan(start: 0, end: 4)) == TextSpan(start: 0, end: 3))
        let flow = try span(of: "flow", in: normalized)
        #expect(text[normalized.map.original(flow)] == "ﬂow")
    }

    @Test func crlfIsOneSpaceCoveringBothScalars() {
        let (text, normalized) = normalize("first\r\nsecond\rthird\u{2028}fourth")
        #expect(normalized.text == "first second third fourth")
        #expect(normalized.map.original(TextSpan(start: 5, end: 6)) == TextSpan(start: 5, end: 7))
        #expect(text[normalized.map.original(TextSpan(start: 0, end: 12))] == "first\r\nsecond")
    }

    @Test func hardWrappedLinesJoinAndSpacesFold() {
        let (_, normalized) = normalize("  NATO has begun to signal\n its growing   worry\t\tabout\n\nChina.  ")
        #expect(normalized.text == "NATO has begun to signal its growing worry about China.")
    }

    @Test(arguments: [
        ("bal-\nlistic missiles", "ballistic missiles"),
        ("bal-  \r\n   listic", "ballistic"),
        ("Indo-\nPacific security", "Indo-Pacific security"),
        ("self-\nreliance", "self-reliance"),
        ("dual-\nuse items", "dual-use items"),
        ("bal\u{AD}\nlistic", "ballistic"),
        ("bal\u{AD}listic", "ballistic"),
        ("dual-use items", "dual-use items"),
        ("pre-\n1990", "pre- 1990"),
        ("end -\nnext", "end - next"),
        ("bal-\n\nlistic", "bal- listic"),
        ("co‐\noperation", "cooperation"),
    ])
    func lineEndHyphensRejoin(_ input: String, _ expected: String) {
        let (text, normalized) = normalize(input)
        #expect(normalized.text == expected)
        expectMonotoneMap(normalized, within: TextSpan(start: 0, end: text.count))
    }

    @Test func rejoinedWordQuotesTheWrappedOriginal() throws {
        let (text, normalized) = normalize("North Korea’s ballistic and bal-\nlistic missile")
        let word = try span(of: "ballistic missile", in: normalized)
        #expect(text[normalized.map.original(word)] == "bal-\nlistic missile")
    }

    @Test func skippedSpansEmitNothing() throws {
        let source = "## Title with **bold** and [a link](https://x.org)"
        let scalars = Array(source.unicodeScalars)
        func at(_ needle: String, from: Int = 0) -> Int {
            let pattern = Array(needle.unicodeScalars)
            return (from...(scalars.count - pattern.count)).first {
                Array(scalars[$0..<($0 + pattern.count)]) == pattern
            } ?? -1
        }
        let bold = at("**")
        let boldEnd = at("**", from: bold + 2)
        let open = at("[")
        let close = at("](")
        let skips = [
            TextSpan(start: 0, end: 3), TextSpan(start: bold, end: bold + 2),
            TextSpan(start: boldEnd, end: boldEnd + 2),
            TextSpan(start: open, end: open + 1), TextSpan(start: close, end: scalars.count),
        ]
        let (text, normalized) = normalize(source, skipping: skips)
        #expect(normalized.text == "Title with bold and a link")
        let boldWord = try span(of: "bold", in: normalized)
        #expect(text[normalized.map.original(boldWord)] == "bold")
        expectMonotoneMap(normalized, within: TextSpan(start: 0, end: text.count))
    }

    @Test func emptyAndWhiteSpaceOnlyInputsNormalizeToNothing() {
        for input in ["", "   ", "\n\r\n\t \u{2029}\u{00A0}", "\u{200B}\u{FEFF}"] {
            let (_, normalized) = normalize(input)
            #expect(normalized.text.isEmpty)
            #expect(normalized.map.count == 0)
            #expect(normalized.map.original(TextSpan(start: 0, end: 0)) == TextSpan(start: 0, end: 0))
        }
    }

    @Test func combiningCharactersComposeAndMapToTheirCluster() throws {
        let (text, normalized) = normalize("cafe\u{301} re\u{301}sume\u{301}")
        #expect(normalized.text == "café résumé")
        #expect(normalized.text.unicodeScalars.count == 11)
        #expect(normalized.map.original(TextSpan(start: 3, end: 4)) == TextSpan(start: 3, end: 5))
        let resume = try span(of: "résumé", in: normalized)
        #expect(text[normalized.map.original(resume)] == "re\u{301}sume\u{301}")
        expectMonotoneMap(normalized, within: TextSpan(start: 0, end: text.count))
    }

    @Test func precomposedTextIsUnchangedOneToOne() {
        let (text, normalized) = normalize("Communiqué été Ελλάδα Россия")
        #expect(normalized.text == "Communiqué été Ελλάδα Россия")
        for index in 0..<text.count {
            #expect(
                normalized.map.original(TextSpan(start: index, end: index + 1))
                    == TextSpan(start: index, end: index + 1))
        }
    }

    @Test func astralScalarsKeepTheirOffsets() throws {
        let (text, normalized) = normalize("I 😀 like 𝐀𝐁 and 👍🏽 ok")
        #expect(normalized.text == "I 😀 like AB and 👍🏽 ok")
        #expect(normalized.map.original(TextSpan(start: 2, end: 3)) == TextSpan(start: 2, end: 3))
        let letters = try span(of: "AB", in: normalized)
        #expect(text[normalized.map.original(letters)] == "𝐀𝐁")
        let thumbs = try span(of: "👍🏽", in: normalized)
        #expect(text[normalized.map.original(thumbs)] == "👍🏽")
        expectMonotoneMap(normalized, within: TextSpan(start: 0, end: text.count))
    }

    @Test func compatibilityFormsFold() {
        let (_, normalized) = normalize("ＡＢＣ１２３ x\u{00A0}y ½ …")
        #expect(normalized.text == "ABC123 x y 1⁄2 ...")
    }

    @Test func invisibleCharactersAreDropped() {
        let (text, normalized) = normalize("zero\u{200B}width\u{FEFF} soft\u{AD}ware\u{0007}")
        #expect(normalized.text == "zerowidth software")
        expectMonotoneMap(normalized, within: TextSpan(start: 0, end: text.count))
    }

    @Test func aSubSpanMapsIntoTheWholeText() throws {
        let text = ScalarText("Heading\n\nThe “first” para-\ngraph.\n")
        let normalized = normalizer.normalize(text, span: TextSpan(start: 9, end: text.count))
        #expect(normalized.text == "The \"first\" paragraph.")
        #expect(
            normalized.map.original(TextSpan(start: 0, end: normalized.map.count))
                == TextSpan(start: 9, end: text.count - 1))
        let word = try span(of: "paragraph", in: normalized)
        #expect(text[normalized.map.original(word)] == "para-\ngraph")
    }

    @Test func spansOutsideTheTextAreClamped() {
        let text = ScalarText("short")
        #expect(normalizer.normalize(text, span: TextSpan(start: 2, end: 99)).text == "ort")
        #expect(normalizer.normalize(text, span: TextSpan(start: 50, end: 99)).text == "")
    }
}
