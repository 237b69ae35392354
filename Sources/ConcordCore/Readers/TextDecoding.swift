/// Turns a text file's bytes into a `String`, stating which encoding it took.
///
/// The rules, in order:
/// 1. A byte-order mark decides: UTF-8 (the mark is dropped from the text), UTF-16 little or big endian.
/// 2. Binary data is refused: a NUL byte, or more than 10% control characters in the first 8 KB.
/// 3. Valid UTF-8 is UTF-8.
/// 4. Otherwise the bytes are read as Windows-1252 (a superset of Latin-1's printable range) only if they
///    look like text in it: no C0 control character other than tab, line feed, carriage return and form
///    feed, none of the five bytes Windows-1252 leaves undefined, and at most 30% of bytes above 0x7F.
/// 5. Anything else is reported as undecodable.
///
/// Offsets into the result count scalars of the text after the byte-order mark is removed.
enum TextDecoding {
    /// The encoding a text was decoded from.
    enum Encoding: String, Sendable {
        case utf8, utf16LittleEndian, utf16BigEndian, windows1252
    }

    /// How much of the start of a file the binary check looks at.
    static let sniffLength = 8 * 1024

    /// Decodes `bytes`; `declaredLegacy` (an HTML page declaring a Latin-1/Windows-1252 charset) lets
    /// invalid UTF-8 be read as Windows-1252 without the "looks like text" test.
    static func decode(_ bytes: [UInt8], declaredLegacy: Bool = false) throws(ReadError) -> (String, Encoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes[3...]
            try refuseBinary(body)
            guard let text = String(validating: body, as: UTF8.self) else {
                throw ReadError(.undecodable, "invalid UTF-8 after a UTF-8 byte-order mark")
            }
            return (text, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try decodeUTF16(bytes[2...], bigEndian: false), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try decodeUTF16(bytes[2...], bigEndian: true), .utf16BigEndian) }
        try refuseBinary(bytes[...])
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if declaredLegacy || looksLikeWindows1252(bytes) { return (windows1252(bytes), .windows1252) }
        throw ReadError(.undecodable, "not valid UTF-8, and not text in Windows-1252 either")
    }

    /// Throws `binary file` when the first 8 KB hold a NUL byte or more than 10% control characters.
    static func refuseBinary(_ bytes: ArraySlice<UInt8>) throws(ReadError) {
        let sample = bytes.prefix(sniffLength)
        var controls = 0
        for byte in sample {
            if byte == 0 { throw ReadError(.binary, "binary file") }
            if isDisallowedControl(byte) { controls += 1 }
        }
        if controls * 10 > sample.count { throw ReadError(.binary, "binary file") }
    }

    /// C0 controls other than tab, line feed, carriage return and form feed, and DEL.
    static func isDisallowedControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C) || byte == 0x7F
    }

    private static func decodeUTF16(_ body: ArraySlice<UInt8>, bigEndian: Bool) throws(ReadError) -> String {
        guard body.count % 2 == 0 else { throw ReadError(.undecodable, "invalid UTF-16 (odd number of bytes)") }
        var units = [UInt16]()
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let first = UInt16(body[index])
            let second = UInt16(body[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw ReadError(.undecodable, "invalid UTF-16 (unpaired surrogate)")
        }
        var controls = 0
        var sampled = 0
        for scalar in text.unicodeScalars.prefix(sniffLength / 2) {
            sampled += 1
            if scalar.value == 0 { throw ReadError(.binary, "binary file") }
            if scalar.value < 0x80 && isDisallowedControl(UInt8(scalar.value)) { controls += 1 }
        }
        if controls * 10 > sampled { throw ReadError(.binary, "binary file") }
        return text
    }

    private static func looksLikeWindows1252(_ bytes: [UInt8]) -> Bool {
        var high = 0
        for byte in bytes {
            if isDisallowedControl(byte) { return false }
            if windows1252Undefined.contains(byte) { return false }
            if byte >= 0x80 { high += 1 }
        }
        return high * 10 <= bytes.count * 3
    }

    /// Decodes every byte as Windows-1252; its five undefined bytes become the C1 controls of the same value.
    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(windows1252Scalar(byte))
        }
        return String(scalars)
    }

    /// The Windows-1252 character of `byte`.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte <= 0x9F, let scalar = Unicode.Scalar(windows1252High[Int(byte - 0x80)]) {
            return scalar
        }
        return Unicode.Scalar(byte)
    }

    static let windows1252Undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// Code points of bytes 0x80–0x9F; undefined bytes map to themselves.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
