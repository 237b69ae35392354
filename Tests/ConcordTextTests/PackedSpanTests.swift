import ConcordBase
import Testing

/// Spans and ranges held in 8 bytes give back what they were given, and clamp what 32 bits cannot hold.
@Suite struct PackedSpanTests {
    @Test func spansAndRangesComeBackAsGiven() {
        #expect(MemoryLayout<PackedSpan>.stride == 8)
        for span in [TextSpan(start: 0, end: 0), TextSpan(start: 5, end: 90), TextSpan(start: 1_000_000, end: 4_294_967_295)] {
            #expect(PackedSpan(span).span == span)
            #expect(PackedSpan(span.start..<span.end).range == span.start..<span.end)
        }
        #expect(PackedSpan(TextSpan(start: 3, end: 8)) == PackedSpan(3..<8))
        #expect(PackedSpan(3..<8) != PackedSpan(3..<9))
    }

    @Test func whatThirtyTwoBitsCannotHoldIsClamped() {
        #expect(PackedSpan(4_294_967_290..<5_000_000_000).range == 4_294_967_290..<4_294_967_295)
        #expect(PackedSpan(5_000_000_000..<6_000_000_000).range == 4_294_967_295..<4_294_967_295)
        #expect(PackedSpan(-4 ..< -1).range == 0..<0)
    }
}
