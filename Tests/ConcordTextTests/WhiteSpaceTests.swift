import ConcordBase
import Testing

/// `isWhiteSpace`, the white space every module tests characters with, against Unicode's property tables.
@Suite struct WhiteSpaceTests {
    @Test func whiteSpaceIsUnicodesWhiteSpaceEveryScalar() {
        let differing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init)
            .filter { $0.isWhiteSpace != $0.properties.isWhitespace }
        #expect(differing.isEmpty, "\(differing.map { "U+" + String($0.value, radix: 16) })")
    }
}
