extension Unicode.Scalar {
    /// Whether this is white space as Unicode's White_Space property has it (`properties.isWhitespace`): these 25
    /// code points, a set Unicode keeps stable. Spelled out, as looking the property up in Unicode's tables for
    /// every character of every text cost more than counting words does.
    @inlinable
    public var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
