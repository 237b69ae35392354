import ConcordBase

/// Finds the blocks of an extracted text (paragraphs, headings, boilerplate) and cuts it into passages
/// (SPEC "Documents, passages, locations").
///
/// Paragraphs are runs of non-blank lines; in hard-wrapped text (lines of about the same width, as `pdftotext`
/// gives) a run is split further where a line ends a sentence and the next is indented or the line is clearly
/// short, and in unwrapped text (one paragraph per line) every line is a paragraph. Blank lines always separate.
/// Headings are Markdown `#` lines, short ALL-CAPS lines, the first line of the text when it stands alone (the
/// title), and short lines without final punctuation standing alone between blank lines. Boilerplate is found by
/// content (captions such as "… Photo: PLA", "first published … by …" footers, "The views and opinions
/// expressed …" disclaimers, share lines, bylines and author bios, contact lines) and by repetition (page numbers,
/// running headers and footers). `BlockHint`s from a reader override the guesses for the spans they cover.
///
/// Everything is deterministic: the same text and hints give the same blocks and passages in the same order.
public struct Segmenter: Sendable {
    /// Paragraphs with more words than this are split at sentence boundaries into passages of about this size.
    public var maxPassageWords: Int
    /// The normalizer that produces each passage's normalized text.
    public var normalizer: Normalizer

    /// Creates a segmenter; `maxPassageWords` is clamped to at least 1.
    public init(maxPassageWords: Int = 120, normalizer: Normalizer = Normalizer()) {
        self.maxPassageWords = max(1, maxPassageWords)
        self.normalizer = normalizer
    }

    /// The blocks of `text`, in text order, each span trimmed of surrounding white space.
    ///
    /// Blocks with no letter or digit (rules such as `---` or `* * *`, or spans made only of markup) are left out.
    public func blocks(in text: ScalarText, hints: [BlockHint] = []) -> [Block] {
        segment(text, hints: hints).map { Block(kind: $0.kind, span: $0.span) }
    }

    /// The passages of `text`: one per paragraph or boilerplate block, long ones split at sentence boundaries, in
    /// text order; `ordinal` is the position in the returned array.
    ///
    /// A run of short paragraphs (each under `shortParagraphWords` words: list items, table rows, lines of code)
    /// under the same heading is kept together as one passage of up to `mergedPassageWords` words, and so is a
    /// run of short boilerplate blocks on one page: such lines read, cite and rank as one unit, and a passage per
    /// line would multiply the index for nothing.
    public func passages(in text: ScalarText, hints: [BlockHint] = []) -> [PassageDraft] {
        segmentation(of: text, hints: hints).passages
    }

    /// The blocks and the passages of `text` (as `blocks(in:hints:)` and `passages(in:hints:)` give them), from
    /// one segmentation.
    public func segmentation(of text: ScalarText, hints: [BlockHint] = []) -> (blocks: [Block], passages: [PassageDraft]) {
        let candidates = segment(text, hints: hints)
        let blocks = candidates.map { Block(kind: $0.kind, span: $0.span) }
        let lineIndex = LineIndex(text)
        let markup = Segmenter.markupSpans(hints)
        var headings: [(level: Int, text: String)] = []
        var drafts: [PassageDraft] = []
        var paragraph = 0
        // A run of short blocks of one kind being gathered into one passage.
        var run: (span: TextSpan, words: Int, paragraph: Int, kind: PassageDraft.Kind, normalized: NormalizedText)?
        func closeRun() {
            guard let open = run else { return }
            drafts.append(
                PassageDraft(
                    ordinal: drafts.count, span: open.span, lines: lineIndex.lines(of: open.span),
                    headingPath: headings.map(\.text), paragraph: open.paragraph, kind: open.kind,
                    normalized: open.normalized))
            run = nil
        }
        for candidate in candidates {
            let kind: PassageDraft.Kind
            switch candidate.kind {
            case .heading(let level):
                closeRun()
                while let last = headings.last, last.level >= level { headings.removeLast() }
                let title = headingText(candidate, in: text, markup: markup)
                if !title.isEmpty { headings.append((level, title)) }
                continue
            case .paragraph:
                kind = .paragraph
            case .boilerplate:
                kind = .boilerplate
            }
            paragraph += 1
            if candidate.words < shortParagraphWords {
                let gap = TextSpan(start: run?.span.end ?? 0, end: candidate.span.start)
                if let open = run, open.kind == kind, open.words + candidate.words <= mergedPassageWords,
                    !Segmenter.containsPageBreak(text.scalars, in: gap)
                {
                    var normalized = open.normalized
                    normalized.append("\n", from: gap, then: candidate.normalized)
                    run = (open.span.union(candidate.span), open.words + candidate.words, open.paragraph, kind, normalized)
                } else {
                    closeRun()
                    run = (candidate.span, candidate.words, paragraph, kind, candidate.normalized)
                }
                continue
            }
            closeRun()
            let path = headings.map(\.text)
            let parts = split(candidate, in: text)
            for part in parts {
                let normalized =
                    parts.count == 1
                    ? candidate.normalized
                    : normalizer.normalize(text, span: part, skipping: Segmenter.spans(of: markup, overlapping: part))
                drafts.append(
                    PassageDraft(
                        ordinal: drafts.count, span: part, lines: lineIndex.lines(of: part), headingPath: path,
                        paragraph: paragraph, kind: kind, normalized: normalized))
            }
        }
        closeRun()
        return (blocks, drafts)
    }

    /// Paragraphs with fewer words than this are short: runs of them make one passage.
    public var shortParagraphWords = 12
    /// The most words a passage gathered from short paragraphs holds.
    public var mergedPassageWords = 60

    /// Whether a form feed (a page break) stands in `span` of `scalars`.
    static func containsPageBreak(_ scalars: [Unicode.Scalar], in span: TextSpan) -> Bool {
        let end = min(span.end, scalars.count)
        var index = max(0, span.start)
        while index < end {
            if scalars[index] == "\u{0C}" { return true }
            index += 1
        }
        return false
    }

    /// The passages of `text` (indexed once here).
    public func passages(in text: String, hints: [BlockHint] = []) -> [PassageDraft] {
        passages(in: ScalarText(text), hints: hints)
    }

    /// The text of a heading block as it stands, white space folded, Markdown `#` markers and markup left out.
    public func headingText(of block: Block, in text: ScalarText, hints: [BlockHint] = []) -> String {
        let candidate = Candidate(
            span: block.span, kind: block.kind, normalized: NormalizedText(text: "", map: OffsetMap()))
        return headingText(candidate, in: text, markup: Segmenter.markupSpans(hints))
    }

    /// Cuts a candidate into passage spans: itself, or sentence-aligned parts when it is over `maxPassageWords`
    /// (its `words`, as `classify` counted them). A long sentence stays whole up to `longestSentence` words;
    /// a longer one is cut between words (`wordParts`), so a text with no sentence ends (a log, a word list, a
    /// transcript without punctuation) is not one passage of all its words.
    func split(_ candidate: Candidate, in text: ScalarText) -> [TextSpan] {
        guard candidate.words > maxPassageWords else { return [candidate.span] }
        var pieces: [TextSpan] = []
        var counts: [Int] = []
        for sentence in self.sentences(in: candidate.span, of: text) {
            let count = Segmenter.wordCount(text.scalars, in: sentence)
            guard count > longestSentence else {
                pieces.append(sentence)
                counts.append(count)
                continue
            }
            for part in wordParts(of: sentence, words: count, in: text.scalars) {
                pieces.append(part)
                counts.append(Segmenter.wordCount(text.scalars, in: part))
            }
        }
        guard pieces.count > 1 else { return [candidate.span] }
        let total = counts.reduce(0, +)
        let partCount = (total + maxPassageWords - 1) / maxPassageWords
        let target = Double(total) / Double(max(1, partCount))
        var parts: [TextSpan] = []
        var current: TextSpan?
        var words = 0
        for (sentence, count) in zip(pieces, counts) {
            if let open = current {
                // Close the part before this sentence when it would overflow, or when stopping here lands closer
                // to the balanced target than going on.
                let overflows = words + count > maxPassageWords
                let closer = abs(Double(words) - target) <= abs(Double(words + count) - target)
                if overflows || closer {
                    parts.append(open)
                    current = sentence
                    words = count
                    continue
                }
                current = open.union(sentence)
                words += count
            } else {
                current = sentence
                words = count
            }
        }
        if let open = current { parts.append(open) }
        return parts
    }

    /// The most words a sentence may hold and stay one passage: four times `maxPassageWords`.
    var longestSentence: Int { maxPassageWords.multipliedReportingOverflow(by: 4).overflow ? .max : maxPassageWords * 4 }

    /// `span`, of `words` words (`wordCount`), cut between words into parts of at most `maxPassageWords`, as
    /// even as can be; each part runs from its first to its last scalar that is not white space.
    func wordParts(of span: TextSpan, words: Int, in scalars: [Unicode.Scalar]) -> [TextSpan] {
        let partCount = (words + maxPassageWords - 1) / maxPassageWords
        guard partCount > 1 else { return [span] }
        let size = (words + partCount - 1) / partCount
        // A part ends where a word may, once it holds `size` words.
        var cuts: [Int] = []
        _ = Segmenter.countWords(scalars, in: span) { index, count in
            if count >= size * (cuts.count + 1), cuts.count < partCount - 1 { cuts.append(index) }
        }
        let range = span.clamped(toCount: scalars.count)
        var parts: [TextSpan] = []
        var start = range.lowerBound
        for cut in cuts + [range.upperBound] {
            var (first, end) = (start, cut)
            while first < end, scalars[first].isWhiteSpace { first += 1 }
            while end > first, scalars[end - 1].isWhiteSpace { end -= 1 }
            if first < end { parts.append(TextSpan(start: first, end: end)) }
            start = cut
        }
        return parts
    }

    func headingText(_ candidate: Candidate, in text: ScalarText, markup: [TextSpan]) -> String {
        let scalars = text.scalars
        var start = max(0, min(candidate.span.start, scalars.count))
        var end = max(start, min(candidate.span.end, scalars.count))
        // A Markdown ATX heading: leave out the opening and closing runs of `#`.
        if start < end, scalars[start] == "#" {
            while start < end, scalars[start] == "#" { start += 1 }
            var close = end
            while close > start, scalars[close - 1] == "#" { close -= 1 }
            if close < end, close > start, scalars[close - 1].isWhiteSpace { end = close }
        }
        let skips = Segmenter.spans(of: markup, overlapping: TextSpan(start: start, end: end))
        var skipIndex = 0
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        var index = start
        while index < end {
            while skipIndex < skips.count, skips[skipIndex].end <= index { skipIndex += 1 }
            if skipIndex < skips.count, skips[skipIndex].start <= index {
                index = skips[skipIndex].end
                continue
            }
            let scalar = scalars[index]
            if scalar.isWhiteSpace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            }
            index += 1
        }
        return String(output)
    }
}

extension Segmenter {
    /// A block being found: its span, kind so far, and normalized text (kept for the passage).
    struct Candidate {
        var span: TextSpan
        var kind: Block.Kind
        var normalized: NormalizedText
        /// How many lines it spans.
        var lineCount = 1
        /// Whether blank lines (or the text's ends) stand right before and after it.
        var standsAlone = false
        /// The `#` count of a Markdown heading line.
        var markdownLevel: Int?
        /// The kind a reader's hint gave it, which no guess overrides.
        var hinted: BlockHint.Kind?
        /// Whether it is page furniture (a page number, a running header or footer).
        var furniture = false
        /// The number of words of its span (`wordCount`), as `classify` counts them.
        var words = 0

        init(span: TextSpan, kind: Block.Kind, normalized: NormalizedText) {
            self.span = span
            self.kind = kind
            self.normalized = normalized
        }
    }

    /// The markup spans of `hints`, sorted and merged.
    static func markupSpans(_ hints: [BlockHint]) -> [TextSpan] {
        Normalizer.merged(hints.compactMap { $0.kind == .markup ? $0.span : nil })
    }

    /// The spans of the sorted, disjoint `spans` that overlap `range`, found by binary search.
    static func spans(of spans: [TextSpan], overlapping range: TextSpan) -> [TextSpan] {
        guard !spans.isEmpty else { return [] }
        var result: [TextSpan] = []
        var index = spans.partitioningIndex { $0.end > range.start }
        while index < spans.count, spans[index].start < range.end {
            result.append(spans[index])
            index += 1
        }
        return result
    }

    /// The number of words in `span` of `scalars`: white-space separated tokens holding a letter or digit, each
    /// Han, kana or other CJK ideograph counting as a word of its own.
    public static func wordCount(_ scalars: [Unicode.Scalar], in span: TextSpan) -> Int {
        countWords(scalars, in: span) { _, _ in }
    }

    /// `wordCount(_:in:)`, telling `boundary` each place a word may end, with the words counted up to it: each
    /// white-space scalar's index, and the index after each ideograph.
    @inline(__always)
    static func countWords(
        _ scalars: [Unicode.Scalar], in span: TextSpan, boundary: (_ index: Int, _ count: Int) -> Void
    ) -> Int {
        let clamped = span.clamped(toCount: scalars.count)
        let end = clamped.upperBound
        var index = clamped.lowerBound
        var count = 0
        var tokenHasWord = false
        while index < end {
            let scalar = scalars[index]
            index += 1
            if scalar.isWhiteSpace {
                if tokenHasWord { count += 1 }
                tokenHasWord = false
                boundary(index - 1, count)
            } else if scalar.value >= 0x2E80, isIdeographic(scalar) {
                if tokenHasWord { count += 1 }
                tokenHasWord = false
                count += 1
                boundary(index, count)
            } else if !tokenHasWord, isAlphanumeric(scalar) {
                tokenHasWord = true
            }
        }
        if tokenHasWord { count += 1 }
        return count
    }

    @inline(__always)
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// Han ideographs, kana, and the CJK punctuation-free letters written without spaces between words.
    static func isIdeographic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
            0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
