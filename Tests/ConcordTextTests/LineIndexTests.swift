import Testing

@testable import ConcordText

@Suite struct LineIndexTests {
    @Test func everyLineBreakKindCountsOnce() {
        let index = LineIndex("a\nb\r\nc\rd\u{2028}e\u{2029}f")
        #expect(index.lineCount == 6)
        // Offsets: a0 \n1 b2 \r3 \n4 c5 \r6 d7 LS8 e9 PS10 f11
        #expect(index.line(at: 0) == 1)
        #expect(index.line(at: 1) == 1)
        #expect(index.line(at: 2) == 2)
        #expect(index.line(at: 4) == 2)
        #expect(index.line(at: 5) == 3)
        #expect(index.line(at: 7) == 4)
        #expect(index.line(at: 9) == 5)
        #expect(index.line(at: 11) == 6)
    }

    @Test func spansGiveFirstAndLastLine() {
        let index = LineIndex("one\ntwo\nthree\n")
        #expect(index.lines(of: TextSpan(start: 0, end: 3)) == [1, 1])
        #expect(index.lines(of: TextSpan(start: 0, end: 4)) == [1, 1])
        #expect(index.lines(of: TextSpan(start: 0, end: 5)) == [1, 2])
        #expect(index.lines(of: TextSpan(start: 8, end: 13)) == [3, 3])
        #expect(index.lines(of: TextSpan(start: 6, end: 6)) == [2, 2])
    }

    @Test func outOfRangeOffsetsAreClamped() {
        let index = LineIndex("x\ny")
        #expect(index.line(at: -5) == 1)
        #expect(index.line(at: 100) == 2)
        #expect(LineIndex("").lines(of: TextSpan(start: 0, end: 0)) == [1, 1])
    }

    @Test func astralScalarsCountOnceEach() {
        let text = "😀😀\n🎉"
        let index = LineIndex(ScalarText(text))
        #expect(index.line(at: 2) == 1)
        #expect(index.line(at: 3) == 2)
        #expect(index.span(ofLine: 2) == TextSpan(start: 3, end: 4))
        #expect(index.span(ofLine: 3) == nil)
    }
}
