#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Array where Element == UInt8 {
    /// Whether these bytes hold `needle` as a run: libc's `memchr` finds each place its first byte stands,
    /// `memcmp` compares the rest there. The phrase lists that tell boilerplate from text are searched for in
    /// every paragraph and every class name, and a loop over the bytes one by one took most of that time.
    public func contains(bytes needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= count else { return false }
        return withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress, let wanted = needle.baseAddress else { return false }
                let last = base + (haystack.count - needle.count)
                var cursor = base
                while cursor <= last {
                    guard let found = memchr(cursor, Int32(first), last - cursor + 1) else { return false }
                    let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(at, wanted, needle.count) == 0 { return true }
                    cursor = at + 1
                }
                return false
            }
        }
    }
}

extension UInt8 {
    /// The byte with an ASCII capital lowered (`A`...`Z` to `a`...`z`), any other byte as it is.
    @inlinable
    public var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self + 32 : self }
}

extension Array where Element == UInt8 {
    /// Appends `value` in decimal and then `separator`.
    public mutating func appendDecimal(_ value: Int, then separator: UInt8) {
        appendDecimal(value)
        append(separator)
    }

    /// Appends `value` in decimal, as `String(value)` spells it, without making that string.
    public mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var index = count - 1
        repeat {
            self[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
    }
}
