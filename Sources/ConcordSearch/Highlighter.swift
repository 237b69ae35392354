package import Xapian

/// Makes the display snippet of a passage: the part of its text where the query's words stand most, HTML-escaped,
/// with each matching word wrapped in `<mark>`…`</mark>` (SPEC "HTTP", `snippet`).
///
/// Passages are indexed with stemmed terms only (`IndexSchema.stemmingStrategy`), which Xapian's own snippets do not
/// recognise, so words are matched here: a word matches when its stem is one of the query's text terms, when it
/// starts with one of the query's wildcard prefixes, or (Chinese, Japanese, Korean) when it is an ideograph of a
/// query term. Words are cut as Xapian's term generator cuts them: letters, digits and `_`, with apostrophes inside.
/// Display only: spans always come from the index, never from a snippet.
package struct Highlighter {
    /// The query's stemmed text terms.
    let stems: Set<String>
    /// Wildcard prefixes, lowercased.
    let prefixes: [String]
    /// The ideographs of the query's CJK terms.
    let ideographs: Set<Unicode.Scalar>
    let stemmer: Stem?

    /// A highlighter for the text terms `terms` (as the query parser made them) and the wildcard `prefixes`.
    package init(terms: [String], prefixes: [String], language: String = "english") {
        var stems = Set<String>()
        var ideographs = Set<Unicode.Scalar>()
        for term in terms {
            stems.insert(term)
            for scalar in term.unicodeScalars where Self.isIdeograph(scalar) { ideographs.insert(scalar) }
        }
        self.stems = stems
        self.prefixes = prefixes.map { $0.lowercased() }
        self.ideographs = ideographs
        stemmer = try? Stem(language: language)
    }

    /// Whether nothing would ever be marked.
    package var isEmpty: Bool { stems.isEmpty && prefixes.isEmpty && ideographs.isEmpty }

    /// The snippet of `text`: white space folded, at most about `length` characters (cut at words, `…` where
    /// text was left out), matches marked, the rest HTML-escaped.
    package func snippet(of text: String, length: Int = 240) -> String {
        let scalars = Self.folded(text)
        let words = Self.words(in: scalars)
        var matched = [Bool](repeating: false, count: words.count)
        var cache: [String: Bool] = [:]
        for (index, word) in words.enumerated() {
            matched[index] = matches(Array(scalars[word]), cache: &cache)
        }
        let window = Self.window(scalars, words: words, matched: matched, length: length)
        var output = ""
        output.reserveCapacity(window.upperBound - window.lowerBound + 32)
        if window.lowerBound > 0 { output += "…" }
        var cursor = window.lowerBound
        for (index, word) in words.enumerated() where matched[index] {
            guard word.lowerBound >= window.lowerBound, word.upperBound <= window.upperBound else { continue }
            Self.escape(scalars[cursor..<word.lowerBound], into: &output)
            output += "<mark>"
            Self.escape(scalars[word], into: &output)
            output += "</mark>"
            cursor = word.upperBound
        }
        Self.escape(scalars[cursor..<window.upperBound], into: &output)
        if window.upperBound < scalars.count { output += "…" }
        return output
    }

    private func matches(_ word: [Unicode.Scalar], cache: inout [String: Bool]) -> Bool {
        if word.count == 1, Self.isIdeograph(word[0]) { return ideographs.contains(word[0]) }
        var lowered = String.UnicodeScalarView()
        for scalar in word {
            if scalar == "\u{2019}" || scalar == "\u{2018}" {
                lowered.append("'")
            } else if scalar.isASCII {
                lowered.append(scalar.properties.isUppercase ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar)
            } else {
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        let key = String(lowered)
        if let known = cache[key] { return known }
        var result = prefixes.contains { key.hasPrefix($0) }
        if !result && !stems.isEmpty {
            let stem = (try? stemmer?(key)) ?? key
            result = stems.contains(stem) || stems.contains(key)
        }
        cache[key] = result
        return result
    }

    /// The scalars of `text` with every run of white space turned into one space, ends trimmed.
    static func folded(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return result
    }

    /// The ranges of the words of `scalars`: runs of letters, marks, digits and `_`, an apostrophe inside one
    /// joining it; each ideograph a word of its own.
    static func words(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isIdeograph(scalar) {
                result.append(index..<(index + 1))
                index += 1
                continue
            }
            guard isWordScalar(scalar) else {
                index += 1
                continue
            }
            let start = index
            index += 1
            while index < scalars.count {
                if isWordScalar(scalars[index]) && !isIdeograph(scalars[index]) {
                    index += 1
                } else if isApostrophe(scalars[index]), index + 1 < scalars.count, isWordScalar(scalars[index + 1]),
                    !isIdeograph(scalars[index + 1])
                {
                    index += 2
                } else {
                    break
                }
            }
            result.append(start..<index)
        }
        return result
    }

    /// The scalar range to show: the whole text when it fits, else the stretch of about `length` scalars holding
    /// the most matched words (the earliest such), starting and ending at word boundaries.
    static func window(_ scalars: [Unicode.Scalar], words: [Range<Int>], matched: [Bool], length: Int) -> Range<Int> {
        let count = scalars.count
        guard count > length, !words.isEmpty else { return 0..<count }
        var bestStart = 0
        var bestScore = -1
        var high = 0
        var score = 0
        for low in words.indices {
            while high < words.count, words[high].upperBound - words[low].lowerBound <= length {
                if matched[high] { score += 1 }
                high += 1
            }
            // A window starting at the first word reads best when it holds as many matches.
            if score > bestScore {
                bestScore = score
                bestStart = low
            }
            if matched[low] { score -= 1 }
            if high == words.count { break }
        }
        // Start a little before the first match, so it reads in context.
        var first = bestStart
        if let firstMatch = (bestStart..<words.count).first(where: { matched[$0] }), firstMatch == bestStart {
            var back = bestStart
            while back > 0, words[firstMatch].upperBound - words[back - 1].lowerBound <= length / 4 { back -= 1 }
            first = back
        }
        let start = first == 0 ? 0 : words[first].lowerBound
        var last = first
        while last + 1 < words.count, words[last + 1].upperBound - start <= length { last += 1 }
        var end = words[last].upperBound
        if last == words.count - 1 { end = count }
        // Trailing punctuation of the last word shown (a full stop, a closing quote) reads better kept.
        while end < count, end - start < length + 2, scalars[end] != " " { end += 1 }
        return start..<min(end, count)
    }

    static func escape(_ scalars: ArraySlice<Unicode.Scalar>, into output: inout String) {
        for scalar in scalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || value == 0x5F
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark
    }

    @inline(__always)
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}"
    }

    /// Han ideographs and kana: Xapian's CJK n-gram mode makes terms of these one and two at a time.
    @inline(__always)
    package static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
            0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
