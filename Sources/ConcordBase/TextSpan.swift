// ConcordText owns pure text processing: spans and lines, normalization with an offset map back to the
// extracted text, segmentation into blocks and passages, word tokens, fingerprints and alignment.
// It does no I/O and knows nothing of Xapian.

/// Unicode-scalar offsets into a document's extracted text; `end` is exclusive.
///
/// Every location concord reports (passages, hits, duplicate spans, citations) is a `TextSpan` into the text
/// as extracted, so quoting `text[start..<end]` gives back the original characters.
public struct TextSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The first scalar of the span.
    public var start: Int
    /// One past the last scalar of the span.
    public var end: Int

    /// Creates a span; `end` must not be before `start`.
    public init(start: Int, end: Int) {
        precondition(end >= start, "a span cannot end before it starts")
        self.start = start
        self.end = end
    }

    /// The number of scalars in the span.
    public var length: Int { end - start }
    /// Whether the span holds no scalar.
    public var isEmpty: Bool { end == start }

    /// The smallest span covering both.
    public func union(_ other: TextSpan) -> TextSpan {
        TextSpan(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// The offsets of the span that lie in a text of `count` scalars (an empty range at the text's end when it
    /// starts past it).
    public func clamped(toCount count: Int) -> Range<Int> {
        let end = Swift.max(0, Swift.min(self.end, count))
        return Swift.max(0, Swift.min(start, end))..<end
    }

    /// The number of scalars both spans cover.
    public func overlap(with other: TextSpan) -> Int {
        Swift.max(0, Swift.min(end, other.end) - Swift.max(start, other.start))
    }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public var description: String { "\(start)..<\(end)" }
}

/// A span, or any range of offsets, in 8 bytes rather than 16: its ends in 32 bits, clamped (no text comes near
/// 4 G scalars). For what duplicate detection holds by the hundred thousand at once: links, passages, pieces.
public struct PackedSpan: Hashable, Sendable {
    private let start: UInt32
    private let end: UInt32

    /// `range`, its ends clamped to 32 bits.
    public init(_ range: Range<Int>) {
        start = UInt32(clamping: range.lowerBound)
        end = Swift.max(start, UInt32(clamping: range.upperBound))
    }

    /// `span`, its ends clamped to 32 bits.
    public init(_ span: TextSpan) {
        self.init(span.start..<span.end)
    }

    public var range: Range<Int> { Int(start)..<Int(end) }
    public var span: TextSpan { TextSpan(start: Int(start), end: Int(end)) }
}
