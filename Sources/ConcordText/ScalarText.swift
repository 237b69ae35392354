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

/// A text's scalars as `ScalarText` holds them, in less memory: one byte each when none lies above U+00FF, two
/// when none lies beyond the Basic Multilingual Plane (nearly every text), four otherwise. For texts held by the
/// thousand, as duplicate groups are built.
public struct CompactScalarText: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case latin1([UInt8])
        case basic([UInt16])
        case full([Unicode.Scalar])
    }

    private let storage: Storage

    /// `text`'s scalars, in as few bytes each as they all fit.
    public init(_ text: ScalarText) {
        let highest = text.scalars.reduce(UInt32(0)) { Swift.max($0, $1.value) }
        if highest < 0x100 {
            storage = .latin1(text.scalars.map { UInt8(truncatingIfNeeded: $0.value) })
        } else if highest < 0x1_0000 {
            storage = .basic(text.scalars.map { UInt16(truncatingIfNeeded: $0.value) })
        } else {
            storage = .full(text.scalars)
        }
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .latin1(let units): units.count
        case .basic(let units): units.count
        case .full(let scalars): scalars.count
        }
    }

    public subscript(index: Int) -> Unicode.Scalar {
        switch storage {
        case .latin1(let units): Unicode.Scalar(units[index])
        // Never a surrogate: the units were scalars.
        case .basic(let units): Unicode.Scalar(units[index]) ?? "\u{FFFD}"
        case .full(let scalars): scalars[index]
        }
    }

    /// The characters of `span`, exactly as they stand; the span is clamped to the text.
    public subscript(span: TextSpan) -> String {
        ScalarText.string(of: self[span.clamped(toCount: count)])
    }

    /// Bytes held.
    public var bytes: Int {
        switch storage {
        case .latin1(let units): units.count
        case .basic(let units): units.count * 2
        case .full(let scalars): scalars.count * 4
        }
    }

    /// `Segmenter.wordCount(_:in:)` of these scalars.
    public func wordCount(in span: TextSpan) -> Int {
        Segmenter.wordCount(of: self, in: span)
    }
}
