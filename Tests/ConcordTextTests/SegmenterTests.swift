import Testing

@testable import ConcordText

/// Segmentation of small texts: sentences, long paragraphs, hints, boilerplate rules.
@Suite struct SegmenterTests {
    func sentences(_ string: String) -> [String] {
        let text = ScalarText(string)
        return Segmenter().sentences(in: TextSpan(start: 0, end: text.count), of: text).map { text[$0] }
    }

    @Test func sentencesSplitAtFinalPunctuationBeforeACapital() {
        #expect(
            sentences("It rained. Then it stopped!  Did it? Yes… And then “Quiet.” (Really.) Done")
                == ["It rained.", "Then it stopped!", "Did it?", "Yes…", "And then “Quiet.”", "(Really.)", "Done"])
    }

    @Test func abbreviationsAndInitialsDoNotEndSentences() {
        #expect(
            sentences(
                "Mr. Smith met Dr. Jones at St. Paul’s. The U.S. Army agreed, e.g. Ms. Lee said so. J. R. R. Tolkien wrote No. 5 in Jan. Then he left."
            ) == [
                "Mr. Smith met Dr. Jones at St. Paul’s.", "The U.S. Army agreed, e.g. Ms. Lee said so.",
                "J. R. R. Tolkien wrote No. 5 in Jan. Then he left.",
            ])
    }

    @Test func lowercaseOrDigitsAfterAPeriodContinueTheSentence() {
        #expect(
            sentences("It costs 3.5 dollars. and more. 42 is the answer. Right.") == [
                "It costs 3.5 dollars. and more. 42 is the answer.", "Right.",
            ])
    }

    @Test func sentencesCrossHardWrappedLines() {
        #expect(
            sentences("  War in\nEurope since World\nWar ll.\n These dynamics will.  ") == [
                "War in\nEurope since World\nWar ll.", "These dynamics will.",
            ])
    }

    @Test func ideographicFullStopsEndSentences() {
        #expect(sentences("我们去北京。你好！好吗？") == ["我们去北京。", "你好！", "好吗？"])
    }

    @Test func emptyAndBlankSpansHaveNoSentences() {
        #expect(sentences("").isEmpty)
        #expect(sentences(" \n\t ").isEmpty)
    }

    @Test func longParagraphsSplitAtSentenceBoundaries() throws {
        let sentence = "Alpha beta gamma delta epsilon zeta eta theta iota kappa."
        let paragraph = Array(repeating: sentence, count: 30).joined(separator: " ")
        let source = "Intro line one.\n\n" + paragraph + "\n\nClosing words here."
        let text = ScalarText(source)
        let passages = Segmenter(maxPassageWords: 120).passages(in: text)
        #expect(passages.count == 5)
        #expect(passages.map(\.paragraph) == [1, 2, 2, 2, 3])
        #expect(passages.map(\.ordinal) == [0, 1, 2, 3, 4])
        let parts = passages[1...3]
        for part in parts {
            let words = Segmenter.wordCount(text.scalars, in: part.span)
            #expect(words <= 120 && words >= 90)
            #expect(text[part.span].hasPrefix("Alpha") && text[part.span].hasSuffix("kappa."))
            #expect(part.normalized.map.original(TextSpan(start: 0, end: part.normalized.map.count)) == part.span)
        }
        // The parts cover the paragraph: nothing but white space between them.
        let first = try #require(parts.first)
        let last = try #require(parts.last)
        #expect(text[TextSpan(start: first.span.start, end: last.span.end)] == paragraph)
        // A paragraph under the limit stays whole.
        #expect(Segmenter(maxPassageWords: 400).passages(in: text).count == 3)
    }

    @Test func aLongSentenceStaysWhole() {
        let source = Array(repeating: "word", count: 200).joined(separator: " ") + "."
        let passages = Segmenter(maxPassageWords: 50).passages(in: source)
        #expect(passages.count == 1)
    }

    /// Past four times the passage length, words with no sentence end are cut between words, evenly.
    @Test func wordsWithoutSentenceEndsAreCutBetweenWords() throws {
        let words = (0..<301).map { "w\($0)" }
        let source = "Intro line one.\n\n" + words.joined(separator: "  ") + "\n\nA short end. Then more."
        let text = ScalarText(source)
        let passages = Segmenter(maxPassageWords: 50).passages(in: text)
        let parts = passages.filter { $0.paragraph == 2 }
        #expect(parts.count == 7)
        #expect(parts.map { Segmenter.wordCount(text.scalars, in: $0.span) } == [43, 43, 43, 43, 43, 43, 43])
        // Each part starts and ends on a word, and together they hold every word in order.
        #expect(parts.flatMap { text[$0.span].split(separator: " ", omittingEmptySubsequences: true).map(String.init) } == words)
        for part in parts {
            #expect(!text[part.span].hasPrefix(" ") && !text[part.span].hasSuffix(" "))
            #expect(part.normalized.map.original(TextSpan(start: 0, end: part.normalized.map.count)) == part.span)
        }
        #expect(passages.map(\.ordinal) == Array(0..<passages.count))
    }

    /// Ideographs count a word each, and a run of them with no full stop is cut between two of them.
    @Test func ideographsWithoutFullStopsAreCut() {
        let run = String(repeating: "我们去北京你好", count: 40)  // 280 ideographs
        let text = ScalarText(run)
        let passages = Segmenter(maxPassageWords: 50).passages(in: text)
        #expect(passages.count == 6)
        #expect(passages.map { text[$0.span] }.joined() == run)
        #expect(passages.allSatisfy { Segmenter.wordCount(text.scalars, in: $0.span) <= 50 })
    }

    /// A sentence longer than the passage, with others around it, stays whole and passages fill around it.
    @Test func aLongSentenceAmongShortOnesIsItsOwnPassage() {
        let long = "Words " + Array(repeating: "word", count: 149).joined(separator: " ") + "."
        let short = "A short one here."
        let source = [short, long, short, short].joined(separator: " ")
        let text = ScalarText(source)
        let passages = Segmenter(maxPassageWords: 50).passages(in: text)
        #expect(passages.map { text[$0.span] } == [short, long, short + " " + short])
    }

    @Test func markdownHeadingsNestAndMarkupIsSkipped() throws {
        let source =
            "# Report\n\nIntro with **bold** words.\n\n## Part one\n\nFirst part text.\n\n### Detail\n\nDeep text.\n\n## Part two\n\nSecond part text.\n"
        let text = ScalarText(source)
        let scalars = text.scalars
        var markup: [BlockHint] = []
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "*", scalars[index + 1] == "*" {
                markup.append(BlockHint(kind: .markup, span: TextSpan(start: index, end: index + 2)))
                index += 2
            } else {
                index += 1
            }
        }
        let passages = Segmenter().passages(in: text, hints: markup)
        #expect(
            passages.map(\.normalized.text) == [
                "Intro with bold words.", "First part text.", "Deep text.", "Second part text.",
            ])
        #expect(
            passages.map(\.headingPath) == [
                ["Report"], ["Report", "Part one"], ["Report", "Part one", "Detail"], ["Report", "Part two"],
            ])
        #expect(text[passages[0].span] == "Intro with **bold** words.")
    }

    @Test func hintsOverrideGuesses() throws {
        let source = "Short line\n\nA caption that is not obvious\n\nBody text. Photo: PLA\n\nThe end of it."
        let text = ScalarText(source)
        func span(_ needle: String) -> TextSpan {
            let pattern = Array(needle.unicodeScalars)
            let start =
                (0...(text.count - pattern.count)).first { Array(text.scalars[$0..<($0 + pattern.count)]) == pattern }
                ?? 0
            return TextSpan(start: start, end: start + pattern.count)
        }
        let hints = [
            BlockHint(kind: .paragraph, span: span("Short line")),
            BlockHint(kind: .boilerplate, span: span("A caption that is not obvious")),
            BlockHint(kind: .heading(level: 3), span: span("The end of it.")),
        ]
        let blocks = Segmenter().blocks(in: text, hints: hints)
        #expect(blocks.map(\.kind) == [.paragraph, .boilerplate, .boilerplate, .heading(level: 3)])
        #expect(
            blocks.map { text[$0.span] } == [
                "Short line", "A caption that is not obvious", "Body text. Photo: PLA", "The end of it.",
            ])
    }

    @Test func pageFurnitureIsBoilerplate() {
        var pages: [String] = []
        for page in 1...4 {
            pages.append(
                "Council on Foreign Relations\n\nBody text of page \(page) runs on for a while and then it stops here.\n\n\(page)\n"
            )
        }
        let text = ScalarText(pages.joined(separator: "\u{0C}"))
        let passages = Segmenter().passages(in: text)
        let kinds = passages.map { (text[$0.span], $0.kind) }
        #expect(kinds.filter { $0.1 == .paragraph }.map(\.0).allSatisfy { $0.hasPrefix("Body text") })
        #expect(kinds.filter { $0.1 == .paragraph }.count == 4)
        #expect(kinds.filter { $0.1 == .boilerplate }.count == 8)
    }

    @Test(arguments: [
        "Share this:", "Follow us on Twitter", "Image: Reuters / Jane Doe", "Soldiers on parade. Source: Xinhua",
        "This article was originally published by The Conversation.", "Read the original article here.",
        "The views expressed here are the author’s own.", "Jane Doe can be reached at jane@example.org.",
    ])
    func boilerplateWording(_ line: String) {
        let source =
            "Opening paragraph of the text, which is body text.\n\n\(line)\n\nClosing paragraph of the text, also body text."
        let kinds = Segmenter().passages(in: source).map(\.kind)
        #expect(kinds == [.paragraph, .boilerplate, .paragraph])
    }

    @Test(arguments: [
        "He cited one source: the ministry of defence in Taipei.", "The question is simple: will it hold?",
        "In 2019, NATO mentioned China in an official statement for the first time.",
    ])
    func bodyTextIsNotBoilerplate(_ line: String) {
        let source =
            "Opening paragraph of the text, which is body text and long enough to stand alone as one.\n\n\(line)\n\n"
            + "Closing paragraph of the text, also body text, and as long as the opening one was."
        let kinds = Segmenter().passages(in: source).map(\.kind)
        #expect(kinds == [.paragraph, .paragraph, .paragraph])
    }

    @Test func rulesAndBlankTextsMakeNoBlocks() {
        #expect(Segmenter().blocks(in: ScalarText("")).isEmpty)
        #expect(Segmenter().blocks(in: ScalarText(" \n\n \t\r\n")).isEmpty)
        #expect(Segmenter().blocks(in: ScalarText("Text one.\n\n---\n\n* * *\n\nText two.")).count == 2)
    }

    @Test func unwrappedTextMakesEachLineAParagraph() {
        let long = Array(repeating: "This line is long enough to show the text is not hard-wrapped at all.", count: 3)
            .joined(separator: " ")
        let source = "\(long)\n\(long)\n\(long)"
        #expect(Segmenter().passages(in: source).count == 3)
    }

    /// Credits after a colon are captions; a colon after any other word is not looked at closer.
    @Test(arguments: [
        ("china's drills. photo: pla", true),
        ("the chamber after the vote. file photo: parliament press office", true),
        ("delegates at the summit. image credit  :  jane doe / reuters", true),
        ("figures for 2023. source: imf", true),
        ("the report cites a source: the imf", false),
        ("note: this option is deprecated", false),
        ("the results. éphoto: pla", false),
        ("photo by jane doe", true),
        ("a summary without a colon", false),
    ])
    func captions(_ lowered: String, _ expected: Bool) {
        #expect(Segmenter.isCaption(lowered, bytes: Array(lowered.utf8)) == expected)
    }
}
