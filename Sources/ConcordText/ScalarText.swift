/// A text indexed by Unicode scalar, so slicing by `TextSpan` is O(length) rather than a walk from the start.
public struct ScalarText: Sendable {
    /// The scalars of the text, in order.
    public let scalars: [Unicode.Scalar]

    /// Indexes `text` once.
    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The number of scalars.
    public var count: Int { scalars.count }

    /// The characters of `span`, exactly as they stand; the span is clamped to the text.
    public subscript(span: TextSpan) -> String {
        let start = max(0, min(span.start, scalars.count))
        let end = max(start, min(span.end, scalars.count))
        return Self.string(scalars[start..<end])
    }

    /// The string of `scalars`, encoded as UTF-8 directly (appending scalars to a `String` one by one costs
    /// several times more, and passages are cut out of every document).
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
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
