/// Bytes as lowercase hexadecimal, two digits a byte (content hashes, group ids, JSON's `\u00XX` escapes).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` in lowercase hex: `[0x0f, 0xa0]` is `0fa0`.
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
