/// A text indexed by Unicode scalar, so slicing by `TextSpan` is O(length) rather than a walk from the start.
public struct ScalarText: Sendable {
    /// The scalars of the text, in order.
    public let scalars: [Unicode.Scalar]

    /// Indexes `text` once.
    public init(_ text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Indexes the text whose UTF-8 is `bytes`: the same as from `String(decoding: bytes, as: UTF8.self)`, without
    /// making the string (a document's text is read this way for every document duplicate detection looks at).
    public init(utf8 bytes: ArraySlice<UInt8>) {
        if let decoded = Self.decodeValidUTF8(bytes) {
            self.init(scalars: decoded)
        } else {
            // Invalid UTF-8: the standard library's repair (U+FFFD for each maximal invalid subpart).
            self.init(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The scalars of `bytes`, or nil when they are not valid UTF-8.
    private static func decodeValidUTF8(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        bytes.withContiguousStorageIfAvailable { buffer -> [Unicode.Scalar]? in
            var result: [Unicode.Scalar] = []
            result.reserveCapacity(buffer.count)
            var index = 0
            let count = buffer.count
            while index < count {
                let lead = UInt32(buffer[index])
                if lead < 0x80 {
                    result.append(Unicode.Scalar(UInt8(lead)))
                    index += 1
                    continue
                }
                let length: Int
                let minimum: UInt32
                var value: UInt32
                switch lead {
                case 0xC2...0xDF: (length, minimum, value) = (2, 0x80, lead & 0x1F)
                case 0xE0...0xEF: (length, minimum, value) = (3, 0x800, lead & 0x0F)
                case 0xF0...0xF4: (length, minimum, value) = (4, 0x10000, lead & 0x07)
                default: return nil
                }
                guard index + length <= count else { return nil }
                for offset in 1..<length {
                    let byte = UInt32(buffer[index + offset])
                    guard byte & 0xC0 == 0x80 else { return nil }
                    value = value << 6 | (byte & 0x3F)
                }
                guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
                result.append(scalar)
                index += length
            }
            return result
        } ?? nil
    }

    /// The number of scalars.
    public var count: Int { scalars.count }

    /// The characters of `span`, exactly as they stand; the span is clamped to the text.
    public subscript(span: TextSpan) -> String {
        Self.string(scalars[span.clamped(toCount: scalars.count)])
    }

    /// The string of `scalars`, encoded as UTF-8 directly (appending scalars to a `String` one by one costs
    /// several times more, and passages are cut out of every document).
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        string(of: scalars)
    }

    static func string<Scalars: Collection<Unicode.Scalar>>(of scalars: Scalars) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var index = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    buffer[index] = UInt8(value)
                    index += 1
                } else if value < 0x800 {
                    buffer[index] = UInt8(0xC0 | (value >> 6))
                    buffer[index + 1] = UInt8(0x80 | (value & 0x3F))
                    index += 2
                } else if value < 0x10000 {
                    buffer[index] = UInt8(0xE0 | (value >> 12))
                    buffer[index + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
                    buffer[index + 2] = UInt8(0x80 | (value & 0x3F))
                    index += 3
                } else {
                    buffer[index] = UInt8(0xF0 | (value >> 18))
                    buffer[index + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
                    buffer[index + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
                    buffer[index + 3] = UInt8(0x80 | (value & 0x3F))
                    index += 4
                }
            }
            return index
        }
    }
}

/// What duplicate groups need to know of a text, in two bits a scalar: which scalars are white space, and how
/// many words a span holds. A large component's documents are all held at once while its groups are built, and
/// their texts themselves are not needed there (a group stores its members' places, not their texts).
public struct ScalarClasses: Sendable {
    /// What `Segmenter.wordCount(_:in:)` tells scalars apart by, in the order it asks.
    private enum Class: UInt8 {
        case other = 0
        case whiteSpace = 1
        case ideographic = 2
        case alphanumeric = 3
    }

    /// Four scalars a byte, the first in the lowest two bits.
    private let packed: [UInt8]
    public let count: Int

    /// The classes of `scalars`.
    public init(_ scalars: [Unicode.Scalar]) {
        var packed = [UInt8](repeating: 0, count: (scalars.count + 3) / 4)
        for index in scalars.indices {
            let scalar = scalars[index]
            let kind: Class =
                if scalar.isWhiteSpace {
                    .whiteSpace
                } else if scalar.value >= 0x2E80, Segmenter.isIdeographic(scalar) {
                    .ideographic
                } else if Segmenter.isAlphanumeric(scalar) {
                    .alphanumeric
                } else {
                    .other
                }
            packed[index >> 2] |= kind.rawValue << UInt8((index & 3) * 2)
        }
        self.packed = packed
        count = scalars.count
    }

    @inline(__always)
    private func kind(_ index: Int) -> UInt8 { (packed[index >> 2] >> UInt8((index & 3) * 2)) & 3 }

    /// Whether the scalar at `index` is white space (false outside the text).
    public func isWhiteSpace(_ index: Int) -> Bool {
        index >= 0 && index < count && kind(index) == Class.whiteSpace.rawValue
    }

    /// `Segmenter.wordCount(_:in:)` of the text's scalars.
    public func wordCount(in span: TextSpan) -> Int {
        let clamped = span.clamped(toCount: count)
        var count = 0
        var tokenHasWord = false
        for index in clamped {
            switch kind(index) {
            case Class.whiteSpace.rawValue:
                if tokenHasWord { count += 1 }
                tokenHasWord = false
            case Class.ideographic.rawValue:
                if tokenHasWord { count += 1 }
                tokenHasWord = false
                count += 1
            case Class.alphanumeric.rawValue:
                tokenHasWord = true
            default:
                break
            }
        }
        if tokenHasWord { count += 1 }
        return count
    }

    /// Bytes held.
    public var bytes: Int { packed.count }
}
