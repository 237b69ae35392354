/// Maps each scalar of a normalized text back to the span of the extracted text that produced it.
///
/// Normalization steps append to the map as they emit output (`OffsetMap.Builder`), so every normalized
/// scalar knows its origin; `original(_:)` turns a normalized span into the exact original span.
public struct OffsetMap: Sendable, Hashable {
    // Origins per normalized scalar, as 32-bit offsets: documents above 2^31 scalars are refused by readers.
    private var starts: [Int32]
    private var ends: [Int32]

    /// The number of normalized scalars mapped.
    public var count: Int { starts.count }

    public init() {
        starts = []
        ends = []
    }

    /// Records that the next normalized scalar came from `origin` in the extracted text.
    public mutating func append(from origin: TextSpan) {
        starts.append(Int32(origin.start))
        ends.append(Int32(origin.end))
    }

    /// Reserves room for `count` scalars.
    public mutating func reserveCapacity(_ count: Int) {
        starts.reserveCapacity(count)
        ends.reserveCapacity(count)
    }

    /// The span of the extracted text that produced the normalized scalars `normalized`.
    ///
    /// An empty span maps to the empty span at the origin of its position.
    public func original(_ normalized: TextSpan) -> TextSpan {
        guard !starts.isEmpty else { return TextSpan(start: 0, end: 0) }
        let first = max(0, min(normalized.start, starts.count - 1))
        if normalized.isEmpty {
            let at = normalized.start >= starts.count ? Int(ends[starts.count - 1]) : Int(starts[first])
            return TextSpan(start: at, end: at)
        }
        let last = max(first, min(normalized.end - 1, ends.count - 1))
        return TextSpan(start: Int(starts[first]), end: max(Int(starts[first]), Int(ends[last])))
    }

    /// Appends `other`'s origins after these.
    public mutating func append(contentsOf other: OffsetMap) {
        starts.append(contentsOf: other.starts)
        ends.append(contentsOf: other.ends)
    }

    /// The original offset where normalized scalar `index` came from.
    public func originalOffset(of index: Int) -> Int {
        guard !starts.isEmpty else { return 0 }
        if index >= starts.count { return Int(ends[starts.count - 1]) }
        return Int(starts[max(0, index)])
    }
}

/// A normalized text with the map back to its origin.
public struct NormalizedText: Sendable, Hashable {
    /// The normalized text (for matching and indexing, never for quoting).
    public var text: String
    /// Where each scalar of `text` came from.
    public var map: OffsetMap

    public init(text: String, map: OffsetMap) {
        self.text = text
        self.map = map
    }

    /// Appends `separator` (standing for the extracted text's `gap`) and then `other`.
    public mutating func append(_ separator: Unicode.Scalar, from gap: TextSpan, then other: NormalizedText) {
        text.unicodeScalars.append(separator)
        map.append(from: gap)
        text += other.text
        map.append(contentsOf: other.map)
    }
}
