import ConcordBase

/// Sentence boundaries, for splitting long paragraphs and for duplicate detection.
extension Segmenter {
    /// Abbreviations (lowercased, without their final period) after which a period does not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "jr", "sr", "vs", "gen", "col", "lt", "sgt", "capt",
        "cmdr", "adm", "maj", "sen", "rep", "gov", "rev", "hon", "pres", "mt", "ft", "fig", "figs", "vol", "vols",
        "pp", "cf", "al", "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "art", "sec", "ch", "ed", "eds", "ave", "blvd", "rd",
    ]

    /// The sentences of `span` of `text`: spans trimmed of white space, in order, covering every non-white scalar
    /// of `span`.
    ///
    /// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) followed by white
    /// space and an uppercase letter or an opening quote or bracket; or at `。`, `！`, `？` whatever follows.
    /// A period after a known abbreviation (Mr. Dr. St. No. e.g. i.e. U.S. …) or a single capital initial ends
    /// nothing.
    public func sentences(in span: TextSpan, of text: ScalarText) -> [TextSpan] {
        let scalars = text.scalars
        let clamped = span.clamped(toCount: scalars.count)
        let end = clamped.upperBound
        var index = clamped.lowerBound
        var result: [TextSpan] = []
        var sentenceStart: Int?
        while index < end {
            let scalar = scalars[index]
            if scalar.isWhiteSpace {
                index += 1
                continue
            }
            if sentenceStart == nil { sentenceStart = index }
            guard let boundary = Segmenter.sentenceEnd(at: index, in: scalars, end: end) else {
                index += 1
                continue
            }
            if let start = sentenceStart { result.append(TextSpan(start: start, end: boundary)) }
            sentenceStart = nil
            index = boundary
        }
        if let start = sentenceStart {
            var last = end
            while last > start, scalars[last - 1].isWhiteSpace { last -= 1 }
            result.append(TextSpan(start: start, end: last))
        }
        return result
    }

    /// Where the sentence ends when the scalar at `index` is its final punctuation (the offset after the
    /// punctuation and any closers), or `nil`.
    static func sentenceEnd(at index: Int, in scalars: [Unicode.Scalar], end: Int) -> Int? {
        let scalar = scalars[index]
        let ideographic: Bool
        switch scalar {
        case ".", "!", "?", "…": ideographic = false
        case "。", "！", "？": ideographic = true
        default: return nil
        }
        var after = index + 1
        // Runs such as "?!" or "..." end together.
        while after < end, [".", "!", "?", "…", "。", "！", "？"].contains(scalars[after]) { after += 1 }
        while after < end, isCloser(scalars[after]) { after += 1 }
        if ideographic { return after < end ? after : nil }
        guard after < end, scalars[after].isWhiteSpace else { return nil }
        var next = after
        while next < end, scalars[next].isWhiteSpace { next += 1 }
        guard next < end else { return nil }
        let lead = scalars[next]
        guard lead.properties.isUppercase || isOpener(lead) else { return nil }
        if scalar == ".", scalars[index + 1] != ".", isAbbreviation(before: index, in: scalars) {
            return nil
        }
        return after
    }

    /// Whether the word ending just before the period at `period` is an abbreviation or an initial.
    static func isAbbreviation(before period: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var start = period
        while start > 0, !scalars[start - 1].isWhiteSpace, !isOpener(scalars[start - 1]) { start -= 1 }
        let word = scalars[start..<period]
        guard !word.isEmpty else { return false }
        // Dotted forms: U.S., e.g., i.e., a.m.
        if word.contains(".") { return word.allSatisfy { $0 == "." || $0.properties.isAlphabetic } }
        if word.count == 1, let only = word.first, only.properties.isUppercase { return true }
        guard word.count <= 6 else { return false }
        let lowered = String(String.UnicodeScalarView(word)).lowercased()
        return abbreviations.contains(lowered)
    }
}
