/// One selected hash of a word n-gram, with where the n-gram starts.
public struct Fingerprint: Hashable, Sendable {
    /// The n-gram's hash (deterministic: fixed mixing of the word keys, see `Fingerprinter`).
    public var hash: UInt64
    /// The index, in the word sequence fingerprinted, of the n-gram's first word.
    public var wordIndex: Int

    /// A fingerprint of the n-gram starting at `wordIndex`.
    public init(hash: UInt64, wordIndex: Int) {
        self.hash = hash
        self.wordIndex = wordIndex
    }

    /// The fingerprint as a term body: the top 40 bits of `hash` in 8 lowercase Crockford base32 characters
    /// (`0-9a-z` without `i l o u`). Put a prefix of capitals before it to store it as a boolean term. 40 bits
    /// keep chance collisions rare (a few among millions of fingerprints, which alignment then rules out) in
    /// terms short enough for the index to store cheaply.
    public var term: String { Self.term(for: hash) }

    /// The 8-character term body of `hash` (its top 40 bits; the low 24 bits are dropped).
    public static func term(for hash: UInt64) -> String {
        var bytes = [UInt8](repeating: 0, count: termLength)
        var value = hash >> 24
        for index in stride(from: termLength - 1, through: 0, by: -1) {
            bytes[index] = alphabet[Int(value & 31)]
            value >>= 5
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The top 40 bits (low 24 bits zero) of the hash a term body encodes, or nil if `term` is not one.
    public static func hash(fromTerm term: some StringProtocol) -> UInt64? {
        let utf8 = Array(term.utf8)
        guard utf8.count == termLength else { return nil }
        var value: UInt64 = 0
        for byte in utf8 {
            guard let digit = alphabet.firstIndex(of: byte) else { return nil }
            value = value << 5 | UInt64(digit)
        }
        return value << 24
    }

    /// Characters in a term body.
    public static let termLength = 8
    private static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
}

/// Winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003) over hashes of word n-grams.
///
/// Every window of `window` consecutive n-gram hashes contributes its minimum (the rightmost on ties), each
/// position once. Hence any run of at least `guaranteedRunLength` = n + window − 1 identical words in two
/// documents yields at least one fingerprint in both, while only about 2/(window+1) of the positions are kept.
///
/// The default n = 5, window = 16 gives the guarantee at 20 words and keeps about 12 % of positions: 5-word
/// shingles are specific enough that unrelated texts seldom share one except for boilerplate (which the
/// document-frequency cap removes). Fingerprints only find candidate documents; the aligner then finds every
/// shared span of `--min-words` (default 8) words between two candidates, so a copy is missed only when the two
/// documents share nothing but runs shorter than 20 words (a sentence or two copied, with nothing else). Each
/// fingerprint is a term of the index, nearly always unique, and those terms were the largest part of what
/// writing the index cost: window 4 (the guarantee at 8) keeps 40 %, window 8 (at 12) 22 %.
/// N-grams touching a `.boilerplate` word make no fingerprint.
public struct Fingerprinter: Sendable, Hashable {
    /// Words per n-gram.
    public var n: Int
    /// Winnowing window, in n-grams.
    public var window: Int

    /// Creates a fingerprinter; `n` and `window` are clamped to at least 1.
    public init(n: Int = 5, window: Int = 16) {
        self.n = max(1, n)
        self.window = max(1, window)
    }

    /// The shortest run of shared words certain to share a fingerprint: n + window − 1.
    public var guaranteedRunLength: Int { n + window - 1 }

    /// The winnowed fingerprints of `words`, in word order.
    public func fingerprints(of words: [Word]) -> [Fingerprint] {
        let hashes = Self.shingleHashes(of: words, n: n)
        guard !hashes.isEmpty else { return [] }
        var result: [Fingerprint] = []
        result.reserveCapacity(hashes.count * 2 / (window + 1) + 1)
        var lastSelected = -1
        let windows = max(1, hashes.count - window + 1)
        for start in 0..<windows {
            let end = min(hashes.count, start + window)
            var best = start
            for index in start..<end where hashes[index] <= hashes[best] {
                best = index
            }
            if best != lastSelected && hashes[best] != Self.invalid {
                result.append(Fingerprint(hash: hashes[best], wordIndex: best))
                lastSelected = best
            }
        }
        return result
    }

    /// Marks an n-gram that makes no fingerprint (it touches boilerplate).
    static let invalid = UInt64.max

    /// The hash of the n-gram starting at each word index (`words.count − n + 1` of them), `UInt64.max` for
    /// n-grams that touch a boilerplate word.
    static func shingleHashes(of words: [Word], n: Int) -> [UInt64] {
        guard words.count >= n, n > 0 else { return [] }
        var hashes = [UInt64](repeating: 0, count: words.count - n + 1)
        var lastBoilerplate = -1  // index of the latest boilerplate word seen
        for index in 0..<(n - 1) where words[index].flags.contains(.boilerplate) { lastBoilerplate = index }
        for start in 0..<hashes.count {
            let last = start + n - 1
            if words[last].flags.contains(.boilerplate) { lastBoilerplate = last }
            if lastBoilerplate >= start {
                hashes[start] = invalid
                continue
            }
            var hash: UInt64 = 0x243f_6a88_85a3_08d3
            for k in start...last { hash = mix(hash ^ words[k].key) }
            hashes[start] = hash == invalid ? invalid - 1 : hash
        }
        return hashes
    }

    /// The splitmix64 finalizer: a fixed, well-spread 64-bit mix.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
