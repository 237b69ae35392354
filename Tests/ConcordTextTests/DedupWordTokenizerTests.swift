import Testing

@testable import ConcordText

/// The words of `text`, whole.
func dedupWords(_ text: String, skipping: [TextSpan] = [], skipped: WordTokenizer.SkippedWords = .excluded) -> [Word] {
    WordTokenizer().words(in: ScalarText(text), skipping: skipping, skipped: skipped)
}

/// The normalized forms of the words of `text`.
func dedupForms(_ text: String) -> [String] {
    let scalars = ScalarText(text)
    let tokenizer = WordTokenizer()
    return tokenizer.words(in: scalars).map { tokenizer.normalizedForm(of: $0, in: scalars) }
}

@Suite struct DedupWordTokenizerTests {
    @Test func keysAreFNV1aOfTheNormalizedFormInEveryProcess() {
        let words = dedupWords("NATO China’s")
        #expect(words.map(\.key) == [0xc467_b3ba_8e1a_e5b9, 0xd283_4cc0_e712_b1d9])
        #expect(words[0].key == WordKey.of("nato"))
        #expect(dedupForms("NATO China’s") == ["nato", "chinas"])
    }

    @Test(
        "quote, apostrophe and case styles give the same keys",
        arguments: [
            ("China’s “ambitions” aren't new", "CHINA'S \"ambitions\" aren’t new"),
            ("‘China’s growing influence’", "'China's growing influence'"),
            ("the members’ views", "the members' views"),
        ])
    func quoteStylesAgree(_ pair: (String, String)) {
        #expect(dedupWords(pair.0).map(\.key) == dedupWords(pair.1).map(\.key))
    }

    @Test(
        "dashes separate words whatever their style",
        arguments: [
            "war—and peace", "war -- and peace", "war – and peace", "war - and peace", "war — and peace",
        ])
    func dashesSeparate(_ text: String) {
        #expect(dedupForms(text) == ["war", "and", "peace"])
    }

    @Test(
        "hyphenated words are one word, wherever the line breaks",
        arguments: [
            "Indo-Pacific", "Indo‑Pacific", "Indo-\nPacific", "Indo-\n  Pacific", "IndoPacific", "indo-pacific",
        ])
    func hyphenatedWordsAgree(_ text: String) {
        #expect(dedupForms(text) == ["indopacific"])
    }

    @Test func lineEndHyphenIsRejoinedAndTheSpanCoversBothHalves() throws {
        let text = "its bal-\nlistic missiles"
        let words = dedupWords(text)
        #expect(words.map(\.key) == dedupWords("its ballistic missiles").map(\.key))
        #expect(ScalarText(text)[words[1].span] == "bal-\nlistic")
    }

    @Test func aHyphenBeforeABlankLineOrASpaceEndsTheWord() {
        #expect(dedupForms("pre- and post-war") == ["pre", "and", "postwar"])
        #expect(dedupForms("end-\n\nstart") == ["end", "start"])
        #expect(dedupForms("1990-2000, COVID-19") == dedupForms("1990–2000, COVID 19"))
    }

    @Test func compatibilityFormsFoldTogether() {
        #expect(dedupForms("ＮＡＴＯ ﬁnance café") == dedupForms("nato finance cafe\u{301}"))
        #expect(dedupForms("Ärger ÉCOLE") == ["ärger", "école"])
    }

    @Test func repeatedNonASCIIWordsKeepTheKeysOfTheirNormalForms() {
        // A non-ASCII word's key is computed once per text; repeats, canonically equal spellings among them, are
        // looked up by the word as written.
        let text = "café cafe\u{301} café ＮＡＴＯ 北约 北约 Ärger ärger ÄRGER"
        let scalars = ScalarText(text)
        let tokenizer = WordTokenizer()
        let words = tokenizer.words(in: scalars)
        #expect(words.count == 11)
        #expect(words.map(\.key) == words.map { WordKey.of(tokenizer.normalizedForm(of: $0, in: scalars)) })
        #expect(Set(words[0...2].map(\.key)).count == 1)
        #expect(words[3].key == WordKey.of("nato"))
        #expect(words[4].key == words[6].key && words[5].key == words[7].key && words[4].key != words[5].key)
        #expect(Set(words[8...10].map(\.key)).count == 1)
    }

    @Test func hanAndKanaScalarsAreWordsOfTheirOwn() {
        #expect(dedupForms("北约东扩 NATO") == ["北", "约", "东", "扩", "nato"])
    }

    @Test func punctuationIsDroppedAndSpansQuoteTheOriginal() {
        let text = " “Where NATO goes, war is most likely.” ($10 trillion)"
        let scalars = ScalarText(text)
        let words = dedupWords(text)
        #expect(
            words.map { scalars[$0.span] } == [
                "Where", "NATO", "goes", "war", "is", "most", "likely", "10", "trillion",
            ])
    }

    @Test func sentenceEndsAndBlocksAreMarked() {
        let text =
            "Mr. Smith met U.S. officials. They agreed! Then e.g. this\nline goes on.\n\nNew Heading\n\nBody text"
        let words = dedupWords(text)
        let ends = words.filter { $0.flags.contains(.endsSentence) }.map { ScalarText(text)[$0.span] }
        #expect(ends == ["officials", "agreed", "on", "Heading", "text"])
        let blocks = words.filter { $0.flags.contains(.startsBlock) }.map { ScalarText(text)[$0.span] }
        #expect(blocks == ["Mr", "New", "Body"])
    }

    @Test func wordsInSkippedSpansAreExcludedOrFlagged() {
        let text = "one two\n\nPhoto: Reuters\n\nthree four"
        let caption = TextSpan(start: 9, end: 23)
        #expect(ScalarText(text)[caption] == "Photo: Reuters")
        #expect(dedupWords(text, skipping: [caption]).map(\.key) == dedupWords("one two three four").map(\.key))
        let flagged = dedupWords(text, skipping: [caption], skipped: .flagged)
        #expect(flagged.count == 6)
        #expect(flagged.map { $0.flags.contains(.boilerplate) } == [false, false, true, true, false, false])
    }

    @Test func aRangeLimitsTheWords() {
        let text = ScalarText("alpha beta gamma delta")
        let words = WordTokenizer().words(in: text, range: TextSpan(start: 6, end: 16))
        #expect(words.map { text[$0.span] } == ["beta", "gamma"])
        #expect(words.first?.flags.contains(.startsBlock) == true)
    }

    @Test func aWordHoldsItsSpanAndFlagsApartInSixteenBytes() {
        #expect(MemoryLayout<Word>.stride == 16)
        var word = Word(key: 7, span: TextSpan(start: 4_000_000_000, end: 4_000_000_012), flags: [.endsSentence])
        #expect(word.span == TextSpan(start: 4_000_000_000, end: 4_000_000_012))
        word.flags.insert(.boilerplate)
        #expect(word.flags == [.endsSentence, .boilerplate])
        #expect(word.span.end == 4_000_000_012)
        word.span = TextSpan(start: 3, end: 9)
        #expect(word.span == TextSpan(start: 3, end: 9) && word.flags == [.endsSentence, .boilerplate])
        // A run of letters longer than a word can hold keeps its first scalars.
        word.span = TextSpan(start: 10, end: 10 + Word.maxLength + 5)
        #expect(word.span == TextSpan(start: 10, end: 10 + Word.maxLength))
        #expect(word.flags == [.endsSentence, .boilerplate])
        let same = Word(key: 7, span: TextSpan(start: 10, end: 10 + Word.maxLength), flags: [.endsSentence, .boilerplate])
        #expect(word == same)
    }
}
