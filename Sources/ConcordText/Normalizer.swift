// Foundation (not FoundationEssentials) because NFKC, `precomposedStringWithCompatibilityMapping`, lives only
// there on Linux; it is called on non-ASCII clusters only.
import ConcordBase
import Foundation

/// Normalizes spans of extracted text for matching and indexing (SPEC "Normalization and duplicates"), recording
/// for every emitted scalar the original span it came from.
///
/// Steps, all in one pass over the scalars:
/// - Unicode NFKC, one cluster (a base scalar and the marks after it) at a time, so each output scalar maps to
///   the cluster that produced it;
/// - quotes and dashes unified: `’ ‘ ‚ ‛ ′ ʼ` → `'`, `“ ” „ ‟ ″` → `"`, `‐ ‑ ‒ – — ― −` → `-`;
/// - soft hyphens, zero-width characters and control characters dropped;
/// - a hyphen at a line end rejoined with the next line: without the hyphen when the next fragment starts
///   lowercase ("bal-\nlistic" → "ballistic"), with it when it starts uppercase or the first part is a word that
///   is normally hyphenated ("Indo-\nPacific" → "Indo-Pacific", "self-\nreliance" → "self-reliance");
/// - every run of white space, line breaks included, folded into one space; the result trimmed.
///
/// Normalized text is for matching, never for quoting: quote `text[map.original(span)]` instead.
public struct Normalizer: Sendable {
    /// First parts of compounds that keep their hyphen when a line break splits them, even before a lowercase
    /// fragment (compared lowercased).
    public var hyphenatedPrefixes: Set<String>

    /// The default `hyphenatedPrefixes`: prefixes written with a hyphen in English far more often than not.
    public static let defaultHyphenatedPrefixes: Set<String> = [
        "all", "cross", "dual", "ex", "full", "half", "high", "long", "low", "quasi", "self", "semi", "short", "so",
        "state", "vice", "well", "first", "second", "third", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten",
    ]

    /// Creates a normalizer.
    public init(hyphenatedPrefixes: Set<String> = Normalizer.defaultHyphenatedPrefixes) {
        self.hyphenatedPrefixes = hyphenatedPrefixes
    }

    /// Normalizes a whole text.
    public func normalize(_ text: String) -> NormalizedText {
        let scalars = ScalarText(text)
        return normalize(scalars, span: TextSpan(start: 0, end: scalars.count))
    }

    /// Normalizes `span` of `text`, leaving out the scalars of `skipping` (markup, such as Markdown syntax).
    ///
    /// A skipped span emits nothing, not even a space: `**bold**` with both `**` skipped gives `bold`. Spans
    /// outside the text are clamped to it. The map of the result gives, for each normalized scalar, the original
    /// scalars it came from, offsets into `text` (not into `span`).
    public func normalize(_ text: ScalarText, span: TextSpan, skipping: [TextSpan] = []) -> NormalizedText {
        let scalars = text.scalars
        let clamped = span.clamped(toCount: scalars.count)
        let (start, end) = (clamped.lowerBound, clamped.upperBound)
        var run = Run(scalars: scalars, end: end, skips: Normalizer.merged(skipping), prefixes: hyphenatedPrefixes)
        run.output.reserveCapacity(end - start)
        run.map.reserveCapacity(end - start)
        run.normalize(from: start)
        return NormalizedText(text: Normalizer.string(from: run.output), map: run.map)
    }

    /// The string of `scalars`, encoded to UTF-8 in one buffer (faster than appending scalar by scalar).
    static func string(from scalars: [Unicode.Scalar]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count + scalars.count / 8)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sorted, non-empty, non-overlapping spans covering the same scalars as `spans`.
    static func merged(_ spans: [TextSpan]) -> [TextSpan] {
        let sorted = spans.filter { !$0.isEmpty }.sorted()
        var result: [TextSpan] = []
        result.reserveCapacity(sorted.count)
        for span in sorted {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1] = TextSpan(start: last.start, end: max(last.end, span.end))
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// The ASCII replacement of a quote or dash, or `nil` when `scalar` is not one.
    @inline(__always)
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036: return "\""
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return "-"
        default: return nil
        }
    }

    /// Whether `scalar` is dropped outright: soft hyphen, zero-width and invisible formatting characters, controls.
    @inline(__always)
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        case 0x80...0x84, 0x86...0x9F: return true
        default: return false
        }
    }

    /// Whether `scalar` continues the cluster before it (a combining mark or a Hangul vowel or final jamo), so
    /// NFKC must see both together.
    @inline(__always)
    static func extendsCluster(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x300 else { return false }
        if (0x1160...0x11FF).contains(value) { return true }
        let properties = scalar.properties
        if properties.canonicalCombiningClass != .notReordered { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether a lone scalar is its own NFKC form and needs no folding, so Foundation need not be asked: Latin-1
    /// and Latin Extended letters (less the compatibility ligatures and digraphs), Cyrillic, kana, Han and Hangul
    /// syllables.
    @inline(__always)
    static func isStable(_ value: UInt32) -> Bool {
        switch value {
        case 0x0132, 0x0133, 0x013F, 0x0140, 0x0149, 0x017F, 0x01C4...0x01CC, 0x01F1...0x01F3:
            return false
        case 0x00C0...0x024F, 0x0400...0x04FF, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF,
            0xAC00...0xD7A3:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is a hyphen that can end a line inside a word (not an en or em dash).
    @inline(__always)
    static func isLineEndHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2D || scalar.value == 0x2010 || scalar.value == 0x2011
    }
}

extension Normalizer {
    /// The state of one normalization: the output so far, its map, and a pending space.
    fileprivate struct Run {
        let scalars: [Unicode.Scalar]
        let end: Int
        let skips: [TextSpan]
        let prefixes: Set<String>
        var output: [Unicode.Scalar] = []
        var map = OffsetMap()
        /// The white space seen since the last emitted scalar, emitted as one space before the next one.
        var pendingSpace: TextSpan?
        /// NFKC results of single scalars met in this run, so a text with many "é" asks Foundation once.
        var singleCache: [UInt32: [Unicode.Scalar]] = [:]
        var skipIndex = 0

        init(scalars: [Unicode.Scalar], end: Int, skips: [TextSpan], prefixes: Set<String>) {
            self.scalars = scalars
            self.end = end
            self.skips = skips
            self.prefixes = prefixes
        }

        mutating func normalize(from start: Int) {
            var index = start
            while index < end {
                if let skipEnd = skipEnd(at: index) {
                    index = skipEnd
                    continue
                }
                let scalar = scalars[index]
                let value = scalar.value
                if value < 0x80 {
                    let next = index + 1
                    if next < end, scalars[next].value >= 0x300, Normalizer.extendsCluster(scalars[next]) {
                        index = normalizeCluster(from: index)
                        continue
                    }
                    switch value {
                    case 0x09...0x0D, 0x20:
                        addSpace(TextSpan(start: index, end: index + 1))
                    case 0x2D:
                        if let resume = rejoinHyphen(at: index, soft: false) {
                            index = resume
                            continue
                        }
                        emit(scalar, from: TextSpan(start: index, end: index + 1))
                    case 0x00...0x1F, 0x7F:
                        break
                    default:
                        emit(scalar, from: TextSpan(start: index, end: index + 1))
                    }
                    index += 1
                    continue
                }
                if value == 0x00AD {
                    index = rejoinHyphen(at: index, soft: true) ?? index + 1
                    continue
                }
                if Normalizer.isDropped(scalar) {
                    index += 1
                    continue
                }
                if let folded = Normalizer.folded(scalar) {
                    if Normalizer.isLineEndHyphen(scalar), let resume = rejoinHyphen(at: index, soft: false) {
                        index = resume
                        continue
                    }
                    emit(folded, from: TextSpan(start: index, end: index + 1))
                    index += 1
                    continue
                }
                if scalar.isWhiteSpace {
                    addSpace(TextSpan(start: index, end: index + 1))
                    index += 1
                    continue
                }
                index = normalizeCluster(from: index)
            }
        }

        /// The end of the skipped span holding `index`, if any.
        mutating func skipEnd(at index: Int) -> Int? {
            while skipIndex < skips.count, skips[skipIndex].end <= index { skipIndex += 1 }
            guard skipIndex < skips.count, skips[skipIndex].start <= index else { return nil }
            return min(end, skips[skipIndex].end)
        }

        /// Whether `index` lies in a skipped span, without moving the cursor (for look-ahead).
        func isSkipped(_ index: Int) -> Bool {
            var k = skipIndex
            while k < skips.count, skips[k].end <= index { k += 1 }
            return k < skips.count && skips[k].start <= index
        }

        /// Emits the NFKC form of the cluster starting at `start`; returns the index after the cluster.
        mutating func normalizeCluster(from start: Int) -> Int {
            var clusterEnd = start + 1
            while clusterEnd < end, Normalizer.extendsCluster(scalars[clusterEnd]), !isSkipped(clusterEnd) {
                clusterEnd += 1
            }
            let origin = TextSpan(start: start, end: clusterEnd)
            let input = scalars[start..<clusterEnd]
            let result: [Unicode.Scalar]
            if clusterEnd == start + 1 {
                let key = scalars[start].value
                if Normalizer.isStable(key) {
                    emit(scalars[start], from: origin)
                    return clusterEnd
                }
                if let cached = singleCache[key] {
                    result = cached
                } else {
                    result = Run.nfkc(input)
                    singleCache[key] = result
                }
            } else {
                result = Run.nfkc(input)
            }
            // Unchanged clusters keep a one-to-one map; changed ones map every output scalar to the whole cluster.
            let unchanged = result.elementsEqual(input)
            for (offset, output) in result.enumerated() {
                let from = unchanged ? TextSpan(start: start + offset, end: start + offset + 1) : origin
                if let folded = Normalizer.folded(output) {
                    emit(folded, from: from)
                } else if output.isWhiteSpace {
                    addSpace(from)
                } else if output.value < 0x20 || Normalizer.isDropped(output) {
                    continue
                } else {
                    emit(output, from: from)
                }
            }
            return clusterEnd
        }

        static func nfkc(_ input: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: input)
            return Array(String(view).precomposedStringWithCompatibilityMapping.unicodeScalars)
        }

        /// Rejoins a word split by the hyphen at `index` and a line break; returns where to resume, or `nil`
        /// when the hyphen does not end a line inside a word. A soft hyphen (`soft`) is always dropped.
        mutating func rejoinHyphen(at index: Int, soft: Bool) -> Int? {
            guard pendingSpace == nil, let previous = output.last, previous.properties.isAlphabetic else {
                return nil
            }
            var cursor = index + 1
            while cursor < end, isHorizontalSpace(scalars[cursor]), !isSkipped(cursor) { cursor += 1 }
            guard cursor < end, LineIndex.isLineBreak(scalars[cursor]) else { return nil }
            cursor += LineIndex.lineBreakLength(in: scalars, at: cursor)
            while cursor < end, isHorizontalSpace(scalars[cursor]), !isSkipped(cursor) { cursor += 1 }
            guard cursor < end, !isSkipped(cursor) else { return nil }
            let next = scalars[cursor]
            guard next.properties.isAlphabetic else { return nil }
            if !soft && (!next.properties.isLowercase || prefixes.contains(wordBeforeOutputEnd())) {
                emit("-", from: TextSpan(start: index, end: index + 1))
            }
            return cursor
        }

        /// The lowercased letters at the end of the output (the first part of a hyphenated word).
        func wordBeforeOutputEnd() -> String {
            var start = output.count
            while start > 0, output[start - 1].properties.isAlphabetic { start -= 1 }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: output[start...])
            return String(view).lowercased()
        }

        func isHorizontalSpace(_ scalar: Unicode.Scalar) -> Bool {
            !LineIndex.isLineBreak(scalar) && scalar.isWhiteSpace
        }

        mutating func addSpace(_ origin: TextSpan) {
            // Leading white space is trimmed: a space is only ever emitted between two emitted scalars.
            guard !output.isEmpty else { return }
            pendingSpace = pendingSpace.map { $0.union(origin) } ?? origin
        }

        mutating func emit(_ scalar: Unicode.Scalar, from origin: TextSpan) {
            if let space = pendingSpace {
                output.append(" ")
                map.append(from: space)
                pendingSpace = nil
            }
            output.append(scalar)
            map.append(from: origin)
        }
    }
}
