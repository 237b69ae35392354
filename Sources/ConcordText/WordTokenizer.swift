import ConcordBase
import Foundation

/// A word of a document, as the duplicate finder sees it: a deterministic key of its normalized form and where
/// it stands in the extracted text.
public struct Word: Hashable, Sendable, BitwiseCopyable {
    /// What the tokenizer knows about a word's surroundings.
    public struct Flags: OptionSet, Hashable, Sendable {
        /// The flag bits.
        public let rawValue: UInt8
        /// Flags from their bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The word is the last of a sentence (a terminal `.`, `!` or `?` followed by a new sentence, a blank
        /// line, or the end of the text).
        public static let endsSentence = Flags(rawValue: 1 << 0)
        /// A blank line (or the start of the tokenized range) stands before the word.
        public static let startsBlock = Flags(rawValue: 1 << 1)
        /// The word lies inside a skipped span (boilerplate); it never matches and never makes a fingerprint.
        public static let boilerplate = Flags(rawValue: 1 << 2)
    }

    /// FNV-1a 64 of the UTF-8 of the word's normalized form (see `WordTokenizer`); equal forms, equal keys,
    /// in every process.
    public var key: UInt64
    /// The span's start, and its length (low 24 bits) with the flags (high 8): 16 bytes a word, not 32, so
    /// duplicate detection holds twice the documents' words in the same memory.
    private var start: UInt32
    private var lengthAndFlags: UInt32

    /// The longest span a word keeps (16,777,215 scalars): a longer run of letters (no text has one) keeps its
    /// first scalars.
    public static let maxLength = Int(UInt32(1) << 24 - 1)

    /// Where the word stands in the extracted text: from its first to its last letter or digit, so a word
    /// broken at a line end spans the hyphen and the line break.
    public var span: TextSpan {
        get {
            let start = Int(start)
            return TextSpan(start: start, end: start + Int(lengthAndFlags & 0xFF_FFFF))
        }
        set {
            // Offsets past 4 G scalars do not occur: the text they would stand in takes 16 GB as scalars.
            start = UInt32(clamping: newValue.start)
            lengthAndFlags = lengthAndFlags & 0xFF00_0000 | UInt32(min(newValue.end - newValue.start, Self.maxLength))
        }
    }

    /// Sentence, block and boilerplate marks.
    public var flags: Flags {
        get { Flags(rawValue: UInt8(truncatingIfNeeded: lengthAndFlags >> 24)) }
        set { lengthAndFlags = lengthAndFlags & 0xFF_FFFF | UInt32(newValue.rawValue) << 24 }
    }

    /// A word with its key, span and flags (tests and callers with their own tokenization).
    public init(key: UInt64, span: TextSpan, flags: Flags = []) {
        self.key = key
        self.start = 0
        self.lengthAndFlags = UInt32(flags.rawValue) << 24
        self.span = span
    }
}

/// Splits extracted text into `Word`s keyed by their normalized form, for fingerprints and alignment.
///
/// Normalization of a word (the same in every document, so copies agree however they were typeset):
/// - letters are lowercased; a word with any non-ASCII scalar goes through NFKC first (full-width forms,
///   ligatures and composed accents fold together);
/// - apostrophes (`'`, `’`, `‘`, `ʼ`) and hyphens (`-`, `‐`, `‑`, soft hyphen) inside a word join it but add
///   nothing to its form: `China’s` = `China's` = `chinas`, `Indo-Pacific` = `indopacific`, and a word
///   hyphenated at a line end (`bal-⏎listic`) is the same word as `ballistic`. A hyphen joins letters only:
///   `1990-2000` is two words, as `1990–2000` is;
/// - every other punctuation mark, dashes (`–`, `—`) and quotes included, separates words and is dropped;
/// - each Han ideograph, hiragana or katakana scalar is a word of its own (those scripts have no spaces).
///
/// Offsets are Unicode scalars into the extracted text. The hot path hashes ASCII scalars directly; Foundation
/// is used only for words holding non-ASCII scalars.
public struct WordTokenizer: Sendable {
    /// What happens to the words inside skipped spans.
    public enum SkippedWords: Sendable, Hashable {
        /// They are left out of the sequence, so the words around them become neighbours.
        case excluded
        /// They stay in the sequence, marked `.boilerplate`.
        case flagged
    }

    /// Creates a tokenizer.
    public init() {}

    /// The words of `text` within `range` (the whole text when nil).
    ///
    /// - Parameters:
    ///   - skipping: spans whose words are boilerplate (captions, bylines, page headers); a word belongs to a
    ///     span when its first scalar does. Any order, overlaps allowed.
    ///   - skipped: whether those words are left out or kept and flagged.
    public func words(
        in text: ScalarText, range: TextSpan? = nil, skipping: [TextSpan] = [], skipped: SkippedWords = .excluded
    ) -> [Word] {
        let scalars = text.scalars
        let lower = max(0, min(range?.start ?? 0, scalars.count))
        let upper = max(lower, min(range?.end ?? scalars.count, scalars.count))
        let skips = skipping.filter { !$0.isEmpty }.sorted()
        var skipIndex = 0

        var words: [Word] = []
        words.reserveCapacity((upper - lower) / 6)

        // Between words: what the gap held, to mark sentence ends and blocks.
        var sawTerminal = false  // a . ! ? in the gap
        var sawSpaceAfterTerminal = false
        var newlines = 0  // consecutive line breaks with only white space between
        var blankLine = true  // the range start counts as a block start
        // The previous word, to ask whether it is an abbreviation only when a period follows it.
        var previousWord: Range<Int>?
        var previousKey: UInt64 = 0
        var previousWasIdeograph = false
        // Keys of the non-ASCII words met so far, by their scalars as written: NFKC through Foundation costs far
        // more than a look-up, and such words repeat (a CJK text is mostly a few thousand ideographs).
        var nonASCIIKeys: [String: UInt64] = [:]

        var i = lower
        while i < upper {
            let scalar = scalars[i]
            let kind = Self.classify(scalar)
            switch kind {
            case .separator, .joiner:
                let v = scalar.value
                if v == 0x0A {
                    newlines += 1
                    if newlines >= 2 { blankLine = true }
                    if sawTerminal { sawSpaceAfterTerminal = true }
                } else if scalar.isWhiteSpace {
                    if sawTerminal { sawSpaceAfterTerminal = true }
                } else {
                    newlines = 0
                    if Self.isTerminal(scalar) { sawTerminal = true }
                }
                i += 1
                continue
            case .ideograph, .word:
                break
            }

            // A word starts at i.
            let start = i
            var end = i + 1
            var hash = WordKey.offset
            var ascii = true
            if kind == .ideograph {
                ascii = false
            } else {
                var j = i
                scan: while j < upper {
                    let s = scalars[j]
                    let v = s.value
                    if v < 0x80 {
                        if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                            hash = WordKey.mix(hash, UInt8(truncatingIfNeeded: v))
                            j += 1
                            end = j
                            continue
                        }
                        if v >= 0x41 && v <= 0x5A {
                            hash = WordKey.mix(hash, UInt8(truncatingIfNeeded: v + 0x20))
                            j += 1
                            end = j
                            continue
                        }
                    }
                    switch Self.classify(s) {
                    case .word:
                        ascii = false
                        j += 1
                        end = j
                    case .joiner:
                        guard let next = Self.continuation(afterJoinerAt: j, in: scalars, upper: upper) else {
                            break scan
                        }
                        j = next
                    case .separator, .ideograph:
                        break scan
                    }
                }
            }
            if !ascii {
                let written = String(String.UnicodeScalarView(scalars[start..<end]))
                if let known = nonASCIIKeys[written] {
                    hash = known
                } else {
                    hash = Self.normalizedKey(scalars[start..<end])
                    nonASCIIKeys[written] = hash
                }
            }

            // Settle the gap before this word: it decides the previous word's sentence end.
            var flags: Word.Flags = []
            if blankLine { flags.insert(.startsBlock) }
            if let last = words.indices.last {
                if blankLine {
                    words[last].flags.insert(.endsSentence)
                } else if sawTerminal && sawSpaceAfterTerminal && !Self.startsLowercase(scalars[start])
                    && !(previousWord.map { Self.isAbbreviation(scalars[$0], key: previousKey) } ?? false)
                {
                    words[last].flags.insert(.endsSentence)
                } else if sawTerminal && previousWasIdeograph && kind == .ideograph {
                    words[last].flags.insert(.endsSentence)
                }
            }
            while skipIndex < skips.count && skips[skipIndex].end <= start { skipIndex += 1 }
            var isSkipped = false
            var k = skipIndex
            while k < skips.count && skips[k].start <= start {
                if skips[k].end > start {
                    isSkipped = true
                    break
                }
                k += 1
            }
            let word = Word(key: hash, span: TextSpan(start: start, end: end), flags: flags)
            if isSkipped {
                if skipped == .flagged {
                    var flagged = word
                    flagged.flags.insert(.boilerplate)
                    words.append(flagged)
                }
            } else {
                words.append(word)
            }
            if !isSkipped || skipped == .flagged {
                previousWord = start..<end
                previousKey = hash
                previousWasIdeograph = kind == .ideograph
                sawTerminal = false
                sawSpaceAfterTerminal = false
                newlines = 0
                blankLine = false
            }
            i = end
        }
        if let last = words.indices.last { words[last].flags.insert(.endsSentence) }
        return words
    }

    /// The normalized form of `word`, as a string (for tests and diagnostics; the key is computed without it).
    public func normalizedForm(of word: Word, in text: ScalarText) -> String {
        let slice = text.scalars[max(0, word.span.start)..<min(text.count, word.span.end)]
        return Self.normalizedString(slice)
    }

    // MARK: - Scalars

    enum ScalarKind { case word, ideograph, joiner, separator }

    static func classify(_ scalar: Unicode.Scalar) -> ScalarKind {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x61 && v <= 0x7A || v >= 0x41 && v <= 0x5A || v >= 0x30 && v <= 0x39 { return .word }
            if v == 0x27 || v == 0x2D { return .joiner }
            return .separator
        }
        switch v {
        case 0x2019, 0x2018, 0x02BC, 0x2010, 0x2011, 0x00AD: return .joiner
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .ideograph  // kana
        default: break
        }
        let properties = scalar.properties
        if properties.isIdeographic { return .ideograph }
        if properties.isAlphabetic { return .word }
        switch properties.generalCategory {
        case .decimalNumber, .otherNumber, .letterNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return .word
        default:
            return .separator
        }
    }

    static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF0E: return true
        default: return false
        }
    }

    static func startsLowercase(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return scalar.properties.isLowercase
    }

    /// Where a word goes on after the joiner at `index`, or nil when the joiner ends it.
    ///
    /// A joiner followed by a letter or digit continues the word. A hyphen at a line end (spaces, one line
    /// break, spaces) followed by a letter or digit also continues it: the hyphen only broke the line.
    static func continuation(afterJoinerAt index: Int, in scalars: [Unicode.Scalar], upper: Int) -> Int? {
        let next = index + 1
        guard next < upper else { return nil }
        guard isHyphen(scalars[index]) else { return classify(scalars[next]) == .word ? next : nil }
        // A hyphen joins letters only: number ranges (`1990-2000`, often an en dash elsewhere) stay apart.
        guard index > 0, isLetter(scalars[index - 1]) else { return nil }
        if isLetter(scalars[next]) { return next }
        var k = next
        var breaks = 0
        while k < upper {
            let v = scalars[k].value
            if v == 0x0A {
                breaks += 1
                if breaks > 1 { return nil }
            } else if v == 0x20 || v == 0x09 || v == 0x0D {
                // spaces around the line break
            } else {
                break
            }
            k += 1
        }
        guard breaks == 1, k < upper, isLetter(scalars[k]) else { return nil }
        return k
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A || v >= 0x41 && v <= 0x5A }
        return scalar.properties.isAlphabetic
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010, 0x2011, 0x00AD: return true
        default: return false
        }
    }

    /// The normalized form of the scalars of one word (joiners and line breaks inside it dropped).
    static func normalizedString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        for scalar in scalars where classify(scalar) == .word || classify(scalar) == .ideograph {
            view.append(scalar)
        }
        let raw = String(view)
        if raw.unicodeScalars.allSatisfy({ $0.isASCII }) { return raw.lowercased() }
        return raw.precomposedStringWithCompatibilityMapping.lowercased()
    }

    static func normalizedKey(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64 {
        WordKey.of(normalizedString(scalars))
    }

    /// Words after which a period does not end a sentence: single letters (initials, `U.S.`) and common
    /// abbreviations.
    static func isAbbreviation(_ scalars: ArraySlice<Unicode.Scalar>, key: UInt64) -> Bool {
        if scalars.count == 1, let only = scalars.first { return only.properties.isAlphabetic }
        return abbreviationKeys.contains(key)
    }

    static let abbreviationKeys: Set<UInt64> = Set(
        [
            "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "eg", "ie", "cf", "no", "nos", "fig",
            "figs", "vol", "pp", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "inc", "ltd", "co",
            "corp", "dept", "est", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec", "al",
        ].map(WordKey.of))
}

/// The fixed word hash: FNV-1a 64 over UTF-8 bytes (never Swift's per-process seeded `Hasher`).
public enum WordKey {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// FNV-1a 64 of the UTF-8 of `form`; `WordTokenizer` gives every word the key of its normalized form.
    public static func of(_ form: String) -> UInt64 {
        var hash = offset
        for byte in form.utf8 { hash = mix(hash, byte) }
        return hash
    }
}
