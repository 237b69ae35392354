import ConcordTestSupport
import ConcordText
import Testing

/// The offset map keeps runs of scalars that came one for one, and must answer as a map of one span a scalar
/// would.
@Suite struct OffsetMapTests {
    /// The origins of a made-up normalization: stretches copied one for one, scalars from longer spans (a
    /// folded "\r\n", a ligature's source), from empty ones, and jumps over skipped text.
    static func origins(seed: UInt64, count: Int) -> [TextSpan] {
        var numbers = SeededNumbers(seed: seed)
        func next(_ bound: Int) -> Int { numbers.below(bound) }
        var origins: [TextSpan] = []
        var position = 0
        while origins.count < count {
            switch next(10) {
            case 0: origins.append(TextSpan(start: position, end: position + 2 + next(3)))
            case 1: origins.append(TextSpan(start: position, end: position))
            case 2: position += 1 + next(20)
            default: origins.append(TextSpan(start: position, end: position + 1))
            }
            position = origins.last.map { max(position, $0.end) } ?? position
        }
        return origins
    }

    /// What a map of one span a scalar gives for `span`, as `original(_:)` is specified.
    static func expected(_ origins: [TextSpan], _ span: TextSpan) -> TextSpan {
        guard !origins.isEmpty else { return TextSpan(start: 0, end: 0) }
        let first = max(0, min(span.start, origins.count - 1))
        if span.isEmpty {
            let at = span.start >= origins.count ? origins[origins.count - 1].end : origins[first].start
            return TextSpan(start: at, end: at)
        }
        let last = max(first, min(span.end - 1, origins.count - 1))
        return TextSpan(start: origins[first].start, end: max(origins[first].start, origins[last].end))
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func answersAsOneSpanAScalar(seed: UInt64) {
        let origins = Self.origins(seed: seed, count: 300)
        var map = OffsetMap()
        for origin in origins { map.append(from: origin) }
        #expect(map.count == origins.count)
        for start in 0...origins.count + 1 {
            for end in [start, start + 1, start + 7, origins.count, origins.count + 3] where end >= start {
                let span = TextSpan(start: start, end: end)
                #expect(map.original(span) == Self.expected(origins, span), "span \(start)..<\(end)")
            }
            #expect(map.originalOffset(of: start) == Self.expected(origins, TextSpan(start: start, end: start)).start)
        }
    }

    /// A map built in pieces equals (and answers as) the one built whole: appending merges a run that goes on
    /// across the seam.
    @Test func piecesJoinToTheWhole() {
        let origins = Self.origins(seed: 9, count: 200)
        var whole = OffsetMap()
        for origin in origins { whole.append(from: origin) }
        for cut in [0, 1, 57, 120, 199, 200] {
            var head = OffsetMap()
            var tail = OffsetMap()
            for origin in origins[..<cut] { head.append(from: origin) }
            for origin in origins[cut...] { tail.append(from: origin) }
            head.append(contentsOf: tail)
            #expect(head == whole, "cut at \(cut)")
            #expect(head.original(TextSpan(start: 0, end: 200)) == whole.original(TextSpan(start: 0, end: 200)))
        }
    }

    @Test func emptyMapAnswersZero() {
        let map = OffsetMap()
        #expect(map.count == 0)
        #expect(map.original(TextSpan(start: 0, end: 3)) == TextSpan(start: 0, end: 0))
        #expect(map.originalOffset(of: 4) == 0)
    }
}
