/// Maps each scalar of a normalized text back to the span of the extracted text that produced it.
///
/// Normalization steps append to the map as they emit output (`append(from:)`), so every normalized scalar
/// knows its origin; `original(_:)` turns a normalized span into the exact original span.
///
/// Most normalized scalars each come from the one scalar after the previous one's, so the map keeps runs of
/// those rather than two offsets a scalar (which cost more to build than normalizing did): a run of scalars that
/// came one for one from consecutive original scalars, or one scalar that came from a span of another length.
/// Appending always extends the last run when it can, so one mapping has one form and equal maps compare equal.
public struct OffsetMap: Sendable, Hashable {
    private struct Run: Sendable, Hashable {
        /// The first normalized scalar of the run.
        var start: Int32
        /// Where the first scalar came from.
        var origin: Int32
        /// The normalized scalars of the run; 1 for a scalar from a span of another length.
        var length: Int32
        /// The end of the span a lone scalar came from; -1 for a run of scalars that came one for one.
        var originEnd: Int32

        var oneForOne: Bool { originEnd < 0 }
    }

    // Offsets are 32-bit: documents above 2^31 scalars are refused by readers.
    private var runs: [Run] = []

    /// The number of normalized scalars mapped.
    public private(set) var count = 0

    public init() {}

    /// Records that the next normalized scalar came from `origin` in the extracted text.
    public mutating func append(from origin: TextSpan) {
        defer { count += 1 }
        if origin.length == 1 {
            if let last = runs.last, last.oneForOne, Int(last.origin) + Int(last.length) == origin.start {
                runs[runs.count - 1].length += 1
            } else {
                runs.append(Run(start: Int32(count), origin: Int32(origin.start), length: 1, originEnd: -1))
            }
        } else {
            runs.append(Run(start: Int32(count), origin: Int32(origin.start), length: 1, originEnd: Int32(origin.end)))
        }
    }

    /// Reserves room for `count` scalars (a run holds many; this reserves for a few runs in every hundred).
    public mutating func reserveCapacity(_ count: Int) {
        runs.reserveCapacity(count / 32 + 1)
    }

    /// The span of the extracted text that produced the normalized scalars `normalized`.
    ///
    /// An empty span maps to the empty span at the origin of its position.
    public func original(_ normalized: TextSpan) -> TextSpan {
        guard count > 0 else { return TextSpan(start: 0, end: 0) }
        let first = max(0, min(normalized.start, count - 1))
        if normalized.isEmpty {
            let at = normalized.start >= count ? end(of: count - 1) : start(of: first)
            return TextSpan(start: at, end: at)
        }
        let last = max(first, min(normalized.end - 1, count - 1))
        let start = start(of: first)
        return TextSpan(start: start, end: max(start, end(of: last)))
    }

    /// Appends `other`'s origins after these.
    public mutating func append(contentsOf other: OffsetMap) {
        runs.reserveCapacity(runs.count + other.runs.count)
        for var run in other.runs {
            if run.oneForOne, let last = runs.last, last.oneForOne, last.origin + last.length == run.origin {
                runs[runs.count - 1].length += run.length
                continue
            }
            run.start += Int32(count)
            runs.append(run)
        }
        count += other.count
    }

    /// The original offset where normalized scalar `index` came from.
    public func originalOffset(of index: Int) -> Int {
        guard count > 0 else { return 0 }
        if index >= count { return end(of: count - 1) }
        return start(of: max(0, index))
    }

    /// Where normalized scalar `index` (within the map) starts in the original.
    private func start(of index: Int) -> Int {
        let run = runs[run(holding: index)]
        return Int(run.origin) + (run.oneForOne ? index - Int(run.start) : 0)
    }

    /// Where normalized scalar `index` (within the map) ends in the original.
    private func end(of index: Int) -> Int {
        let run = runs[run(holding: index)]
        return run.oneForOne ? Int(run.origin) + index - Int(run.start) + 1 : Int(run.originEnd)
    }

    /// The index of the run that holds normalized scalar `index` (within the map).
    private func run(holding index: Int) -> Int {
        let after = runs.partitioningIndex(where: { Int($0.start) > index })
        return max(0, after - 1)
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
