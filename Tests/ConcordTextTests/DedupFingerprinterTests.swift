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

    @Test(
        "terms are 8 base32 characters that give back the top 40 bits",
        arguments: [
            UInt64(0), 1, 0xFFFF_FFFF_FFFF_FFFF, 0x0123_4567_89AB_CDEF, 0xC467_B3BA_8E1A_E5B9,
        ])
    func termRoundTrip(_ hash: UInt64) throws {
        let term = Fingerprint.term(for: hash)
        #expect(term.count == 8)
        #expect(term.allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) })
        #expect(try #require(Fingerprint.hash(fromTerm: term)) == hash & ~0xFF_FFFF)
    }

    @Test func termsAreFixed() {
        #expect(Fingerprint.term(for: 0xC467_B3BA_8E1A_E5B9) == "rhkv7eme")
        #expect(Fingerprint.hash(fromTerm: "not-term") == nil)
        #expect(Fingerprint.hash(fromTerm: "short") == nil)
    }
}
