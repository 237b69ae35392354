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

/// Phrases looked for in a text in one pass over its bytes, rather than one search per phrase: a phrase is
/// compared only where the text holds its first three bytes, which a table of bits (by a hash of those bytes)
/// tells apart from most other places. The boilerplate phrases are looked for in almost every paragraph.
public struct PhraseSet: Sendable {
    private let phrases: [[UInt8]]
    /// A bit per hash of three bytes, set for each phrase's first three.
    private let starts: [UInt64]

    private static let bits = 4096

    public init(_ phrases: [String]) {
        let bytes = phrases.map { Array($0.utf8) }
        var starts = [UInt64](repeating: 0, count: Self.bits / 64)
        for phrase in bytes where phrase.count >= 3 {
            let hash = Self.hash(phrase[0], phrase[1], phrase[2])
            starts[hash >> 6] |= 1 << UInt64(hash & 63)
        }
        self.phrases = bytes
        self.starts = starts
    }

    @inline(__always)
    private static func hash(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        (Int(a) &* 961 &+ Int(b) &* 31 &+ Int(c)) & (bits - 1)
    }

    /// Whether `bytes` hold one of the phrases as a run.
    public func occurs(in bytes: [UInt8]) -> Bool {
        // Phrases too short for the table are looked for one by one.
        for phrase in phrases where phrase.count < 3 && bytes.contains(bytes: phrase) { return true }
        guard bytes.count >= 3 else { return false }
        return bytes.withUnsafeBufferPointer { text in
            for index in 0...(text.count - 3) {
                let hash = Self.hash(text[index], text[index + 1], text[index + 2])
                guard starts[hash >> 6] & (1 << UInt64(hash & 63)) != 0 else { continue }
                for phrase in phrases where phrase.count >= 3 && phrase.count <= text.count - index {
                    var matched = 0
                    while matched < phrase.count && phrase[matched] == text[index + matched] { matched += 1 }
                    if matched == phrase.count { return true }
                }
            }
            return false
        }
    }
}

extension Sequence where Element == UInt8 {
    /// The 32-bit FNV-1a hash of these bytes: stored passages are checked by it, and spelling words found by it.
    @inlinable
    public var fnv1a32: UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in self { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}
