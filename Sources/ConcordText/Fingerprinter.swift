/// One selected hash of a word n-gram, with where the n-gram starts.
public struct Fingerprint: Hashable, Sendable, BitwiseCopyable {
    /// The n-gram's hash (deterministic: fixed mixing of the word keys, see `Fingerprinter`).
    public var hash: UInt64
    /// The index, in the word sequence fingerprinted, of the n-gram's first word.
    public var wordIndex: Int

    /// A fingerprint of the n-gram starting at `wordIndex`.
    public init(hash: UInt64, wordIndex: Int) {
        self.hash = hash
        self.wordIndex = wordIndex
    }

    /// The fingerprint as stored, and as documents are compared by it: the top 40 bits of `hash`. 40 bits keep
    /// chance collisions rare (a few among millions of fingerprints, which alignment then rules out) in 5 bytes.
    public var key: UInt64 { hash >> 24 }

    /// Bytes a key takes in `packed(_:)`.
    public static let packedKeyLength = 5

    /// The distinct keys of `fingerprints`, ascending, in `packedKeyLength` bytes each (big-endian): how a
    /// document record stores its fingerprints.
    public static func packed(_ fingerprints: [Fingerprint]) -> [UInt8] {
        let keys = Set(fingerprints.lazy.map(\.key)).sorted()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keys.count * packedKeyLength)
        for key in keys {
            for shift in stride(from: (packedKeyLength - 1) * 8, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: key >> UInt64(shift)))
            }
        }
        return bytes
    }

    /// Calls `body` with each key `packed(_:)` stored in `bytes`, in order (bytes short of a whole key at the end
    /// are ignored).
    public static func forEachKey(packed bytes: UnsafeRawBufferPointer, _ body: (UInt64) throws -> Void) rethrows {
        var index = 0
        while index + packedKeyLength <= bytes.count {
            var key: UInt64 = 0
            for offset in 0..<packedKeyLength { key = key << 8 | UInt64(bytes[index + offset]) }
            try body(key)
            index += packedKeyLength
        }
    }
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
/// documents share nothing but runs shorter than 20 words (a sentence or two copied, with nothing else). A
/// smaller window lowers that length but keeps more fingerprints, each stored on its record and read by every
/// search for candidates, and can only add candidate pairs to align: window 4 (the guarantee at 8) keeps 40 %,
/// window 8 (at 12) 22 %.
///
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
