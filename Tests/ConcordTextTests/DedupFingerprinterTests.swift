import Testing

@testable import ConcordText

/// A deterministic pseudo-random word sequence (xorshift), for property tests.
func dedupRandomWords(count: Int, seed: UInt64, vocabulary: UInt64 = 500) -> [Word] {
    var state = seed | 1
    return (0..<count).map { index in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Word(key: WordKey.of("w\(state % vocabulary)"), span: TextSpan(start: index, end: index + 1))
    }
}

@Suite struct DedupFingerprinterTests {
    @Test func defaultsGuaranteeRunsOfTwentyWords() {
        let fingerprinter = Fingerprinter()
        #expect(fingerprinter.n == 5 && fingerprinter.window == 16)
        #expect(fingerprinter.guaranteedRunLength == 20)
        #expect(Fingerprinter(n: 5, window: 4).guaranteedRunLength == 8)
    }

    @Test("any shared run of n + w − 1 words shares a fingerprint", arguments: 0..<40)
    func winnowingGuarantee(_ trial: Int) {
        let fingerprinter = Fingerprinter()
        let run = dedupRandomWords(count: fingerprinter.guaranteedRunLength, seed: UInt64(trial) &* 7919 &+ 3)
        let a =
            dedupRandomWords(count: 40 + trial, seed: UInt64(trial) &+ 101) + run
            + dedupRandomWords(count: 30, seed: UInt64(trial) &+ 202)
        let b =
            dedupRandomWords(count: 3 * trial, seed: UInt64(trial) &+ 303) + run
            + dedupRandomWords(count: 17, seed: UInt64(trial) &+ 404)
        let shared = Set(fingerprinter.fingerprints(of: a).map(\.hash))
            .intersection(fingerprinter.fingerprints(of: b).map(\.hash))
        #expect(!shared.isEmpty)
    }

    @Test func fingerprintsAreDeterministicAndPointAtTheirNGram() {
        let words = dedupWords("the quick brown fox jumps over the lazy dog and runs far away from home")
        let first = Fingerprinter().fingerprints(of: words)
        #expect(first == Fingerprinter().fingerprints(of: words))
        #expect(!first.isEmpty)
        let again = dedupWords("Something else. The quick brown fox jumps over the lazy dog and runs")
        let hashes = Set(Fingerprinter().fingerprints(of: again).map(\.hash))
        for fingerprint in first where hashes.contains(fingerprint.hash) {
            #expect(fingerprint.wordIndex + 5 <= words.count)
        }
    }

    @Test func aboutTwoInWPlusOnePositionsAreKept() {
        let words = dedupRandomWords(count: 20_000, seed: 42, vocabulary: 100_000)
        let density = Double(Fingerprinter().fingerprints(of: words).count) / Double(words.count)
        #expect(density > 0.10 && density < 0.14)  // 2 / (16 + 1) = 0.12
        let dense = Double(Fingerprinter(n: 5, window: 4).fingerprints(of: words).count) / Double(words.count)
        #expect(dense > 0.35 && dense < 0.45)  // 2 / (4 + 1) = 0.4
    }

    @Test func shortSequences() {
        #expect(Fingerprinter().fingerprints(of: dedupWords("four words only here")).isEmpty)
        #expect(Fingerprinter().fingerprints(of: dedupWords("exactly five words are here")).count == 1)
    }

    @Test func boilerplateWordsMakeNoFingerprint() {
        let text = "one two three four five six seven eight nine ten eleven twelve"
        let flagged = dedupWords(text, skipping: [TextSpan(start: 0, end: 100)], skipped: .flagged)
        #expect(Fingerprinter().fingerprints(of: flagged).isEmpty)
    }

    @Test("keys are packed distinct and ascending, 5 bytes each, and read back whole")
    func keysPackAndUnpack() {
        let hashes: [UInt64] = [
            0xFFFF_FFFF_FFFF_FFFF, 0x0123_4567_89AB_CDEF, 0, 0x0123_4567_8900_0000, 1 << 24, 0xC467_B3BA_8E1A_E5B9,
        ]
        let fingerprints = hashes.enumerated().map { Fingerprint(hash: $0.element, wordIndex: $0.offset) }
        #expect(Fingerprint(hash: 0xC467_B3BA_8E1A_E5B9, wordIndex: 0).key == 0xC4_67B3_BA8E)
        let packed = Fingerprint.packed(fingerprints)
        // 0x0123456789abcdef and 0x0123456789000000 share their top 40 bits: one key; 0 and 1 (hash 1 << 24) differ.
        #expect(packed.count == 5 * 5)
        #expect(Array(packed.prefix(10)) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        var keys: [UInt64] = []
        packed.withUnsafeBytes { Fingerprint.forEachKey(packed: $0) { keys.append($0) } }
        #expect(keys == Set(fingerprints.map(\.key)).sorted())
        // A value cut short reads as the whole keys it holds.
        keys = []
        packed.dropLast(2).withUnsafeBytes { Fingerprint.forEachKey(packed: $0) { keys.append($0) } }
        #expect(keys.count == 4)
        #expect(Fingerprint.packed([]).isEmpty)
    }
}
