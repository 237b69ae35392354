import ConcordBase

/// The 1-based line numbers of a text, built once so each lookup is a binary search.
///
/// A line ends at `\n`, `\r\n` (one break), a lone `\r`, U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR.
/// A break belongs to the line it ends; the text after the last break is the last line (possibly empty).
public struct LineIndex: Sendable, Hashable {
    /// Scalar offset of the first scalar of each line; `lineStarts[0] == 0`. In 32 bits (a text's scalars are
    /// counted in far fewer): duplicate detection holds the index of every document of a large group of copies
    /// at once.
    private let lineStarts: [UInt32]
    /// The number of scalars of the indexed text.
    public let scalarCount: Int

    /// Indexes the lines of `text`.
    public init(_ text: ScalarText) {
        self.init(scalars: text.scalars)
    }

    /// Indexes the lines of `text`.
    public init(_ text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    /// Indexes the lines of `scalars`.
    public init(scalars: [Unicode.Scalar]) {
        var starts: [UInt32] = [0]
        var index = 0
        let count = scalars.count
        while index < count {
            let breakLength = LineIndex.lineBreakLength(in: scalars, at: index)
            if breakLength > 0 {
                index += breakLength
                starts.append(UInt32(clamping: index))
            } else {
                index += 1
            }
        }
        lineStarts = starts
        scalarCount = count
    }

    /// The number of lines (at least 1, even for an empty text).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line holding the scalar at `offset`; offsets outside the text are clamped to it.
    public func line(at offset: Int) -> Int {
        let target = max(0, min(offset, scalarCount))
        // Last line start <= target: the first start > target, counted from 1.
        return max(1, lineStarts.partitioningIndex { Int($0) > target })
    }

    /// The first and last 1-based lines that `span` touches, as `[first, last]` (SPEC: `lines`).
    ///
    /// An empty span gives the line it stands on twice.
    public func lines(of span: TextSpan) -> [Int] {
        let first = line(at: span.start)
        let last = span.isEmpty ? first : max(first, line(at: span.end - 1))
        return [first, last]
    }

    /// The span of 1-based line `number`, including the line break that ends it; `nil` when there is no such line.
    public func span(ofLine number: Int) -> TextSpan? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = Int(lineStarts[number - 1])
        let nextStart = number < lineStarts.count ? Int(lineStarts[number]) : scalarCount
        return TextSpan(start: start, end: max(start, nextStart))
    }

    /// The length of the line break starting at `index` (0 when there is none): 2 for `\r\n`, else 1.
    static func lineBreakLength(in scalars: [Unicode.Scalar], at index: Int) -> Int {
        switch scalars[index].value {
        case 0x0A, 0x2028, 0x2029:
            return 1
        case 0x0D:
            return index + 1 < scalars.count && scalars[index + 1].value == 0x0A ? 2 : 1
        default:
            return 0
        }
    }

    /// Whether `scalar` is one of the line breaks `LineIndex` counts.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
