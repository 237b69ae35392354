internal import Xapian

/// Makes the display snippet of a passage: the part of its text where the query's words stand most, HTML-escaped,
/// with each matching word wrapped in `<mark>`…`</mark>` (SPEC "HTTP", `snippet`).
///
/// Passages are indexed with stemmed terms only (`IndexSchema.stemming`), which Xapian's own snippets do not
/// recognise, so words are matched here: a word matches when its stem is one of the query's text terms, when it
/// starts with one of the query's wildcard prefixes, or (Chinese, Japanese, Korean) when it is an ideograph of a
/// query term. Words are cut as Xapian's term generator cuts them: letters, digits and `_`, with apostrophes inside.
/// The text is worked on as UTF-8 bytes, ASCII on a fast path: every hit makes one. Display only: spans always
/// come from the index, never from a snippet.
package struct Highlighter {
    /// The query's stemmed text terms.
    let stems: Set<String>
    /// Wildcard prefixes, lowercased.
    let prefixes: [String]
    /// The ideographs of the query's CJK terms.
    let ideographs: Set<Unicode.Scalar>
    /// The first one to three bytes of each stem, packed (`packed`): a word that starts otherwise is not stemmed
    /// (a stem keeps the start of its word), which spares most words a call to the stemmer. A query has a few
    /// terms: a short list, scanned.
    let stemStarts: [UInt32]
    /// Whether a stem starts with the byte: most words of a passage start otherwise and are settled by this alone.
    let stemFirstBytes: [Bool]
    let stemmer: Stem?

    /// A highlighter for the text terms `terms` (as the query parser made them) and the wildcard `prefixes`.
    package init(terms: [String], prefixes: [String], language: String = "english") {
        var stems = Set<String>()
        var ideographs = Set<Unicode.Scalar>()
        var starts = Set<UInt32>()
        var firstBytes = [Bool](repeating: false, count: 256)
        for term in terms {
            stems.insert(term)
            for scalar in term.unicodeScalars where Self.isIdeograph(scalar) { ideographs.insert(scalar) }
            let bytes = Array(term.utf8)
            for length in 1...max(1, min(3, bytes.count)) { starts.insert(Self.packed(bytes.prefix(length))) }
            firstBytes[Int(bytes.first ?? 0)] = true
        }
        self.stems = stems
        self.prefixes = prefixes.map { $0.lowercased() }
        self.ideographs = ideographs
        stemStarts = starts.sorted()
        stemFirstBytes = firstBytes
        stemmer = try? Stem(language: language)
    }

    /// The snippet of `text`: white space folded, at most about `length` characters (cut at words, `…` where
    /// text was left out), matches marked, the rest HTML-escaped.
    package func snippet(of text: String, length: Int = 240) -> String {
        let bytes = Self.folded(text)
        let words = Self.words(in: bytes)
        var cache: [UInt64: Bool] = [:]
        let matched = words.map { matches(bytes[$0], cache: &cache) }
        var window = 0..<bytes.count
        // A text of at most `length` bytes has at most `length` characters: shown whole.
        if bytes.count > length {
            // Scalar offsets of byte offsets, for measuring the window in characters; none for ASCII, where the two
            // are the same.
            var scalarsBefore: [Int]? = nil
            if !bytes.allSatisfy({ $0 < 0x80 }) {
                var offsets = [Int](repeating: 0, count: bytes.count + 1)
                var count = 0
                for (index, byte) in bytes.enumerated() {
                    offsets[index] = count
                    if byte & 0xC0 != 0x80 { count += 1 }
                }
                offsets[bytes.count] = count
                scalarsBefore = offsets
            }
            window = Self.window(bytes, scalarsBefore: scalarsBefore, words: words, matched: matched, length: length)
        }
        var output: [UInt8] = []
        output.reserveCapacity(window.count + 64)
        if window.lowerBound > 0 { output.append(contentsOf: Self.ellipsis) }
        var cursor = window.lowerBound
        for (index, word) in words.enumerated() where matched[index] {
            guard word.lowerBound >= window.lowerBound, word.upperBound <= window.upperBound else { continue }
            Self.escape(bytes[cursor..<word.lowerBound], into: &output)
            output.append(contentsOf: Self.open)
            Self.escape(bytes[word], into: &output)
            output.append(contentsOf: Self.close)
            cursor = word.upperBound
        }
        Self.escape(bytes[cursor..<window.upperBound], into: &output)
        if window.upperBound < bytes.count { output.append(contentsOf: Self.ellipsis) }
        return String(decoding: output, as: UTF8.self)
    }

    private static let ellipsis = Array("…".utf8)
    private static let open = Array("<mark>".utf8)
    private static let close = Array("</mark>".utf8)

    private func matches(_ word: ArraySlice<UInt8>, cache: inout [UInt64: Bool]) -> Bool {
        let ascii = word.allSatisfy { $0 < 0x80 }
        if !ascii, let scalar = Self.scalar(at: word.startIndex, in: word), scalar.length == word.count,
            Self.isIdeograph(scalar.value)
        {
            return ideographs.contains(scalar.value)
        }
        // ASCII words (most) are settled without building a string: by how they start when no wildcard could
        // match them, else by a hash of their lowercase bytes.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        if ascii {
            if prefixes.isEmpty {
                let first = word[word.startIndex]
                guard stemFirstBytes[Int(first.asciiLowercased)],
                    stemStarts.contains(Self.packed(word.prefix(3), lowercase: true))
                else { return false }
            }
            for byte in word { hash = (hash ^ UInt64(byte.asciiLowercased)) &* 0x100_0000_01B3 }
            if let known = cache[hash] { return known }
        }
        let key = Self.lowercased(word)
        if !ascii {
            for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            if let known = cache[hash] { return known }
        }
        let form = String(decoding: key, as: UTF8.self)
        var result = prefixes.contains { form.hasPrefix($0) }
        if !result && !stems.isEmpty && stemStarts.contains(Self.packed(key.prefix(3))) {
            let stem = (try? stemmer?(form)) ?? form
            result = stems.contains(stem) || stems.contains(form)
        }
        cache[hash] = result
        return result
    }

    /// Up to three bytes (lowercased ASCII when `lowercase`) and their count in one number.
    static func packed(_ bytes: some Collection<UInt8>, lowercase: Bool = false) -> UInt32 {
        var value = UInt32(bytes.count)
        for byte in bytes.prefix(3) {
            value = value << 8 | UInt32(lowercase ? byte.asciiLowercased : byte)
        }
        return value
    }

    /// `word` lowercased, with curly apostrophes as `'` (as Xapian's term generator has them).
    static func lowercased(_ word: ArraySlice<UInt8>) -> [UInt8] {
        if word.allSatisfy({ $0 < 0x80 }) {
            return word.map(\.asciiLowercased)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: word, as: UTF8.self).unicodeScalars {
            if scalar == "\u{2019}" || scalar == "\u{2018}" {
                scalars.append("'")
            } else {
                scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return Array(String(scalars).utf8)
    }

    /// The UTF-8 of `text` with every run of white space (Unicode's White_Space) turned into one space, ends
    /// trimmed: one pass over the bytes, in place.
    static func folded(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        let count = bytes.count
        let kept = bytes.withUnsafeMutableBufferPointer { buffer in
            var write = 0
            var read = 0
            var pendingSpace = false
            while read < count {
                let space = whiteSpaceLength(at: read, in: UnsafeBufferPointer(buffer))
                if space > 0 {
                    pendingSpace = write > 0
                    read += space
                    continue
                }
                if pendingSpace {
                    buffer[write] = 0x20
                    write += 1
                    pendingSpace = false
                }
                buffer[write] = buffer[read]
                write += 1
                read += 1
            }
            return write
        }
        if kept < count { bytes.removeLast(count - kept) }
        return bytes
    }

    /// The length in bytes of the white-space scalar whose UTF-8 starts at `index`, or 0. White_Space outside
    /// ASCII is U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000; their bytes
    /// are matched here rather than decoded (a continuation byte never starts one).
    @inline(__always)
    static func whiteSpaceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        guard byte >= 0xC2, byte <= 0xE3, index + 1 < bytes.count else { return 0 }
        let second = bytes[index + 1]
        if byte == 0xC2 { return second == 0x85 || second == 0xA0 ? 2 : 0 }
        guard index + 2 < bytes.count else { return 0 }
        let third = bytes[index + 2]
        switch (byte, second) {
        case (0xE1, 0x9A): return third == 0x80 ? 3 : 0
        case (0xE2, 0x80): return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
        case (0xE2, 0x81): return third == 0x9F ? 3 : 0
        case (0xE3, 0x80): return third == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The byte ranges of the words of `bytes`: runs of letters, marks, digits and `_`, an apostrophe inside one
    /// joining it; each ideograph a word of its own.
    static func words(in bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(bytes.count / 5)
        /// 1 a word scalar, 2 an ideograph, 3 an apostrophe, 0 anything else; and the scalar's length in bytes.
        @inline(__always)
        func kind(at position: Int) -> (kind: Int, length: Int) {
            let byte = bytes[position]
            if byte < 0x80 { return (asciiKind[Int(byte)], 1) }
            guard let scalar = scalar(at: position, in: bytes[...]) else { return (0, 1) }
            if isIdeograph(scalar.value) { return (2, scalar.length) }
            if scalar.value == "\u{2019}" || scalar.value == "\u{2018}" { return (3, scalar.length) }
            return (isWordScalar(scalar.value) ? 1 : 0, scalar.length)
        }
        var index = 0
        let count = bytes.count
        while index < count {
            // The ASCII separators between words, skipped without classifying scalars.
            let byte = bytes[index]
            if byte < 0x80 && asciiKind[Int(byte)] != 1 {
                index += 1
                continue
            }
            let (first, length) = kind(at: index)
            if first == 2 {
                result.append(index..<(index + length))
                index += length
                continue
            }
            guard first == 1 else {
                index += length
                continue
            }
            let start = index
            index += length
            while index < count {
                let next = bytes[index]
                if next < 0x80 {
                    let ascii = asciiKind[Int(next)]
                    if ascii == 1 {
                        index += 1
                        continue
                    }
                    if ascii == 3, index + 1 < count, kind(at: index + 1).kind == 1 {
                        index += 1
                        continue
                    }
                    break
                }
                let (nextKind, nextLength) = kind(at: index)
                if nextKind == 1 {
                    index += nextLength
                } else if nextKind == 3, index + nextLength < count, kind(at: index + nextLength).kind == 1 {
                    index += nextLength
                } else {
                    break
                }
            }
            result.append(start..<index)
        }
        return result
    }

    /// The kind (as `words(in:)` has them) of each ASCII byte: letters, digits and `_` 1, the apostrophe 3.
    private static let asciiKind: [Int] = (0..<128).map { byte in
        if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F { return 1 }
        return byte == 0x27 ? 3 : 0
    }

    /// The byte range to show: the whole text when it fits, else the stretch of about `length` characters holding
    /// the most matched words (the earliest such), starting and ending at word boundaries.
    static func window(
        _ bytes: [UInt8], scalarsBefore: [Int]?, words: [Range<Int>], matched: [Bool], length: Int
    ) -> Range<Int> {
        let count = bytes.count
        func span(_ from: Int, _ to: Int) -> Int {
            guard let scalarsBefore else { return to - from }
            return scalarsBefore[to] - scalarsBefore[from]
        }
        guard span(0, count) > length, !words.isEmpty else { return 0..<count }
        var bestStart = 0
        var bestScore = -1
        var high = 0
        var score = 0
        for low in words.indices {
            while high < words.count, span(words[low].lowerBound, words[high].upperBound) <= length {
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
        if matched[bestStart] {
            var back = bestStart
            while back > 0, span(words[back - 1].lowerBound, words[bestStart].upperBound) <= length / 4 { back -= 1 }
            first = back
        }
        let start = first == 0 ? 0 : words[first].lowerBound
        var last = first
        while last + 1 < words.count, span(start, words[last + 1].upperBound) <= length { last += 1 }
        var end = words[last].upperBound
        if last == words.count - 1 { end = count }
        // Trailing punctuation of the last word shown (a full stop, a closing quote) reads better kept.
        while end < count, span(start, end) < length + 2, bytes[end] != 0x20 { end += 1 }
        // Never cut inside a character.
        while end < count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return start..<min(end, count)
    }

    /// Appends `bytes` to `output`, HTML-escaped: the runs between the characters to escape go in whole.
    static func escape(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var run = bytes.startIndex
        for index in bytes.indices {
            let entity: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            default: continue
            }
            output.append(contentsOf: bytes[run..<index])
            entity.withUTF8Buffer { output.append(contentsOf: $0) }
            run = index + 1
        }
        output.append(contentsOf: bytes[run...])
    }

    /// The scalar whose UTF-8 starts at `index`, and its length; nil for a byte that starts none.
    static func scalar(at index: Int, in bytes: ArraySlice<UInt8>) -> (value: Unicode.Scalar, length: Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.endIndex else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark
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
