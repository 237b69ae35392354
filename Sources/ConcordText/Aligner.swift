/// Two regions of two word sequences that hold the same text, exactly or with small edits.
public struct AlignedSpanPair: Hashable, Sendable {
    /// Word indices into the first sequence.
    public var a: Range<Int>
    /// Word indices into the second sequence.
    public var b: Range<Int>
    /// Words matched one to one between the two regions.
    public var matchedWords: Int
    /// Dice similarity of the regions, 2·matched / (|a| + |b|): 1 for an exact copy.
    public var score: Double

    /// A pair of regions; `score` is computed from the counts.
    public init(a: Range<Int>, b: Range<Int>, matchedWords: Int) {
        self.a = a
        self.b = b
        self.matchedWords = matchedWords
        let total = a.count + b.count
        score = total == 0 ? 0 : Double(2 * matchedWords) / Double(total)
    }
}

/// Finds the passages two documents share, as aligned word regions, by seed and extend.
///
/// 1. Seeds: every n-gram (`seedLength` words) of B that also occurs in A, found through a hash table of
///    A's n-grams, so the work is linear in the two lengths plus the number of seeds. N-grams repeated more
///    than `maxSeedOccurrences` times in A are skipped (lists, refrains).
/// 2. Extend each seed not yet inside a region, both ways: exact matches are taken; at a mismatch the
///    cheapest jump of at most `maxGap` words on each side that lands on two matching words in a row is taken
///    (a word changed, added or dropped); the region ends where its running score (+2 per matched word, −1
///    per skipped word) was highest. A gap of more than `maxGap` words (a dropped sentence, an inserted
///    paragraph) ends it, so reordered paragraphs and dropped sentences give separate regions.
/// 3. Keep regions with at least `minWords` matched words and Dice density at least `minDensity`, then snap
///    them to sentence boundaries they nearly reach (`snappedToSentences`).
public struct Aligner: Sendable {
    /// How the aligner seeds, tolerates edits and filters.
    public struct Configuration: Sendable, Hashable {
        /// Words per exact seed.
        public var seedLength: Int = 4
        /// The most words skipped on either side in one jump between matches.
        public var maxGap: Int = 4
        /// The least Dice density, 2·matched / (|a| + |b|), of a reported region.
        public var minDensity: Double = 0.7
        /// The least matched words of a reported region (SPEC `--min-words`, default 8).
        public var minWords: Int = 8
        /// Seeds whose n-gram occurs more often than this in the first sequence are ignored.
        public var maxSeedOccurrences: Int = 32
        /// How many words away a sentence boundary may be for a region to be snapped to it.
        public var sentenceSlack: Int = 2
        /// How far the running score may fall below its best before extension stops.
        public var dropOff: Int = 12

        /// A configuration; out-of-range values are clamped (seeds of at least 2 words, at least 1 word).
        public init(
            seedLength: Int = 4, maxGap: Int = 4, minDensity: Double = 0.7, minWords: Int = 8,
            maxSeedOccurrences: Int = 32, sentenceSlack: Int = 2, dropOff: Int = 12
        ) {
            self.seedLength = max(2, seedLength)
            self.maxGap = max(0, maxGap)
            self.minDensity = minDensity
            self.minWords = max(1, minWords)
            self.maxSeedOccurrences = max(1, maxSeedOccurrences)
            self.sentenceSlack = max(0, sentenceSlack)
            self.dropOff = max(1, dropOff)
        }
    }

    /// A position where both sequences hold the same n-gram.
    public struct Seed: Hashable, Sendable {
        /// The same seed with the two sequences' roles exchanged.
        public var swapped: Seed { Seed(a: b, b: a) }

        /// Word index of the n-gram in the first sequence.
        public var a: Int
        /// Word index of the n-gram in the second sequence.
        public var b: Int
        /// A seed at word `a` of the first sequence and word `b` of the second.
        public init(a: Int, b: Int) {
            self.a = a
            self.b = b
        }
    }

    /// The configuration in use.
    public var configuration: Configuration {
        didSet { jumps = Self.jumps(maxGap: configuration.maxGap) }
    }
    /// The jumps `landing` tries, in its order (`jumps(maxGap:)`).
    private var jumps: [Landing]

    /// An aligner with the given rules (by default: seeds of 4 words, gaps of up to 4, density 0.7, 8 words).
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        jumps = Self.jumps(maxGap: configuration.maxGap)
    }

    /// The regions `a` and `b` share, ordered by their position in `a`, each snapped to sentences.
    public func align(_ a: [Word], _ b: [Word]) -> [AlignedSpanPair] {
        align(a, b, seeds: seeds(a, b))
    }

    /// The regions `a` and `b` share, extended from the given seeds (for instance the word indices of the
    /// fingerprints both documents hold). A seed whose n-gram differs in the two sequences is ignored.
    ///
    /// Winnowed fingerprints are sparse, so near copies whose exact runs are short may be missed; with whole
    /// documents at hand, `align(_:_:)` seeds on every shared n-gram.
    public func align(_ a: [Word], _ b: [Word], seeds: [Seed]) -> [AlignedSpanPair] {
        let pair = WordPair(a: a, b: b)
        let n = configuration.seedLength
        // The seeds that fit both sequences, by (b, a): sorted as one number each, which costs far less.
        var keys: [UInt64] = []
        keys.reserveCapacity(seeds.count)
        for seed in seeds where seed.a >= 0 && seed.b >= 0 && seed.a + n <= a.count && seed.b + n <= b.count {
            keys.append(UInt64(seed.b) << 32 | UInt64(seed.a))
        }
        keys.sort()
        var regions: [AlignedSpanPair] = []
        var active: [Int] = []  // indices of regions whose b range may still contain later seeds
        for key in keys {
            let seed = Seed(a: Int(key & 0xFFFF_FFFF), b: Int(key >> 32))
            active.removeAll { regions[$0].b.upperBound <= seed.b }
            if active.contains(where: { regions[$0].a.contains(seed.a) && regions[$0].b.contains(seed.b) }) {
                continue
            }
            guard (0..<n).allSatisfy({ pair.matches(seed.a + $0, seed.b + $0) }) else { continue }
            let region = extend(seed, in: pair)
            regions.append(region)
            active.append(regions.count - 1)
        }
        let merged = merge(regions, in: pair)
        var result: [AlignedSpanPair] = []
        for region in merged {
            let snapped = snappedToSentences(region, a, b)
            if snapped.matchedWords >= configuration.minWords && snapped.score >= configuration.minDensity {
                result.append(snapped)
            }
        }
        result.sort { ($0.a.lowerBound, $0.b.lowerBound) < ($1.a.lowerBound, $1.b.lowerBound) }
        return result
    }

    /// Every position where `a` and `b` share an n-gram of `seedLength` words, skipping n-grams that touch
    /// boilerplate or occur more than `maxSeedOccurrences` times in either sequence. The rule is the same both
    /// ways: the seeds of (b, a) are those of (a, b), each turned around (`Seed.swapped`).
    public func seeds(_ a: [Word], _ b: [Word]) -> [Seed] {
        seeds(seedTable(of: a), seedTable(of: b))
    }

    /// `seeds(_:_:)` for sequences whose tables are at hand (a table built once serves many comparisons).
    public func seeds(_ a: SeedTable, _ b: SeedTable) -> [Seed] {
        a.seeds(against: b, maxOccurrences: configuration.maxSeedOccurrences)
    }

    /// A sequence's sampled seed n-grams, sorted by hash, so the seeds of two sequences come from one merge of
    /// their tables, with no hashing per pair (`seeds(against:maxOccurrences:)`).
    ///
    /// Only n-grams whose hash is 0 modulo `sampling` are kept: the same ones in every sequence, so two copies
    /// keep the same seeds, and any shared exact run of about `sampling` + `seedLength` words or more holds one;
    /// extension from a seed then takes in the rest of the region, edits included. With whole documents compared
    /// many times over, this is where alignment spends its time.
    public struct SeedTable: Sendable {
        /// (hash, position), ascending.
        public let hashes: [UInt64]
        public let positions: [Int32]
        /// A bit per slot, set where some hash's top bits point (`mayHold`): 8 to 16 bits per hash, so a hash the
        /// table does not hold is told apart, without a search, at least 7 times in 8.
        private let filter: [UInt64]
        /// 64 − log2 of the filter's bits.
        private let filterShift: UInt64

        /// The table of `words`' n-grams of `seedLength` words, one in `sampling` kept (by hash).
        public init(_ words: [Word], seedLength: Int, sampling: UInt64) {
            // (hash, position) as one number, sorted as numbers: the same order, at a fraction of the cost.
            var pairs: [UInt128] = []
            let all = Fingerprinter.shingleHashes(of: words, n: seedLength)
            pairs.reserveCapacity(all.count / Int(max(1, sampling)) + 1)
            for (index, hash) in all.enumerated() where hash != Fingerprinter.invalid && hash % max(1, sampling) == 0 {
                pairs.append(UInt128(hash) << 32 | UInt128(UInt32(truncatingIfNeeded: index)))
            }
            pairs.sort()
            self.init(
                hashes: pairs.map { UInt64(truncatingIfNeeded: $0 >> 32) },
                positions: pairs.map { Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: $0)) })
        }

        /// The table whose `hashes` and `positions` are those given: another table's, kept elsewhere meanwhile.
        public init(hashes: [UInt64], positions: [Int32]) {
            precondition(hashes.count == positions.count, "a seed table has a position for each hash")
            self.hashes = hashes
            self.positions = positions
            var bitsLog2: UInt64 = 6
            while (1 << bitsLog2) < hashes.count * 8 && bitsLog2 < 32 { bitsLog2 += 1 }
            filterShift = 64 - bitsLog2
            var filter = [UInt64](repeating: 0, count: 1 << (bitsLog2 - 6))
            for hash in hashes {
                let slot = hash >> filterShift
                filter[Int(slot >> 6)] |= 1 << (slot & 63)
            }
            self.filter = filter
        }

        /// Bytes held.
        public var bytes: Int { hashes.count * 12 + filter.count * 8 }

        /// False when the table surely does not hold `hash`; true when it may.
        @inline(__always)
        func mayHold(_ hash: UInt64) -> Bool {
            let slot = hash >> filterShift
            return filter[Int(slot >> 6)] & (1 << (slot & 63)) != 0
        }

        /// The seeds of this sequence (a) against `other` (b): every pair of positions holding the same sampled
        /// n-gram, n-grams found more than `maxOccurrences` times in either sequence skipped. Symmetric: the seeds
        /// of (b, a) are these, swapped (in another order).
        ///
        /// The smaller table's hashes are looked up in the larger one: most are not there, and its filter says
        /// so; the others are found by galloping forward, as both go in ascending order.
        public func seeds(against other: SeedTable, maxOccurrences: Int) -> [Seed] {
            let swapped = other.hashes.count < hashes.count
            let (probe, table) = swapped ? (other, self) : (self, other)
            var result: [Seed] = []
            var i = 0
            var j = 0
            while i < probe.hashes.count && j < table.hashes.count {
                let x = probe.hashes[i]
                var iEnd = i + 1
                while iEnd < probe.hashes.count && probe.hashes[iEnd] == x { iEnd += 1 }
                defer { i = iEnd }
                guard table.mayHold(x) else { continue }
                j = Self.gallop(table.hashes, from: j, to: x)
                guard j < table.hashes.count, table.hashes[j] == x else { continue }
                var jEnd = j + 1
                while jEnd < table.hashes.count && table.hashes[jEnd] == x { jEnd += 1 }
                if iEnd - i <= maxOccurrences && jEnd - j <= maxOccurrences {
                    for p in i..<iEnd {
                        for q in j..<jEnd {
                            let (mine, theirs) = (Int(probe.positions[p]), Int(table.positions[q]))
                            result.append(swapped ? Seed(a: theirs, b: mine) : Seed(a: mine, b: theirs))
                        }
                    }
                }
                j = jEnd
            }
            return result
        }

        /// The first index from `start` on where `sorted` holds `target` or more (its count if none): steps
        /// doubling, then a binary search, so a small table merged with a large one skips most of it.
        static func gallop(_ sorted: [UInt64], from start: Int, to target: UInt64) -> Int {
            var low = start
            var step = 1
            var high = start
            while high < sorted.count && sorted[high] < target {
                low = high + 1
                high += step
                step *= 2
            }
            high = min(high, sorted.count)
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < target { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// The seed table of `words` (`SeedTable`), sampling one n-gram in `sampling`.
    public func seedTable(of words: [Word], sampling: UInt64 = 1) -> SeedTable {
        SeedTable(words, seedLength: configuration.seedLength, sampling: sampling)
    }

    /// `pair` with each side moved to the sentence boundaries it nearly reaches, without taking in text
    /// that only one side has.
    ///
    /// A start within `sentenceSlack` words after the start of its sentence on both sides moves back to
    /// those starts; an end within `sentenceSlack` words of its sentence's end on both sides moves on to those
    /// ends. Conversely a region that starts with at most `sentenceSlack` words of a sentence's tail on both
    /// sides (or ends with the first few words of a new sentence) drops them. A change that would leave
    /// fewer than `minWords` matched words is not made. `matchedWords` and `score` are recounted.
    public func snappedToSentences(_ pair: AlignedSpanPair, _ a: [Word], _ b: [Word]) -> AlignedSpanPair {
        guard !pair.a.isEmpty, !pair.b.isEmpty, pair.a.upperBound <= a.count, pair.b.upperBound <= b.count else {
            return pair
        }
        let words = WordPair(a: a, b: b)
        let slack = configuration.sentenceSlack
        var lowerA = pair.a.lowerBound
        var lowerB = pair.b.lowerBound
        var upperA = pair.a.upperBound
        var upperB = pair.b.upperBound

        // Start: extend back to the sentence start, or drop a short tail of the previous sentence.
        let backA = lowerA - Self.sentenceStart(before: lowerA, in: a)
        let backB = lowerB - Self.sentenceStart(before: lowerB, in: b)
        if backA <= slack && backB <= slack && backA + backB > 0 {
            lowerA -= backA
            lowerB -= backB
        } else {
            let tailA = Self.sentenceEnd(from: lowerA, in: a) - lowerA
            let tailB = Self.sentenceEnd(from: lowerB, in: b) - lowerB
            if backA > 0 && backB > 0 && tailA <= slack && tailB <= slack && lowerA + tailA < upperA
                && lowerB + tailB < upperB
            {
                let trimmed = count(words, lowerA + tailA..<upperA, lowerB + tailB..<upperB)
                if trimmed.matchedWords >= configuration.minWords {
                    lowerA += tailA
                    lowerB += tailB
                }
            }
        }
        // End: extend on to the sentence end, or drop the first words of a next sentence.
        let onA = Self.sentenceEnd(from: upperA - 1, in: a) - upperA
        let onB = Self.sentenceEnd(from: upperB - 1, in: b) - upperB
        if onA <= slack && onB <= slack && onA + onB > 0 {
            upperA += onA
            upperB += onB
        } else {
            let headA = upperA - Self.sentenceStart(before: upperA - 1, in: a)
            let headB = upperB - Self.sentenceStart(before: upperB - 1, in: b)
            if onA > 0 && onB > 0 && headA <= slack && headB <= slack && upperA - headA > lowerA
                && upperB - headB > lowerB
            {
                let trimmed = count(words, lowerA..<upperA - headA, lowerB..<upperB - headB)
                if trimmed.matchedWords >= configuration.minWords {
                    upperA -= headA
                    upperB -= headB
                }
            }
        }
        return count(words, lowerA..<upperA, lowerB..<upperB)
    }

    /// The text spans of a pair's regions: from the first word's first scalar to the last word's last.
    public static func spans(of pair: AlignedSpanPair, _ a: [Word], _ b: [Word]) -> (a: TextSpan, b: TextSpan) {
        (span(of: pair.a, in: a), span(of: pair.b, in: b))
    }

    /// The text span of the words `range` of `words` (empty at 0 for an empty or invalid range).
    public static func span(of range: Range<Int>, in words: [Word]) -> TextSpan {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= words.count else {
            return TextSpan(start: 0, end: 0)
        }
        return TextSpan(start: words[range.lowerBound].span.start, end: words[range.upperBound - 1].span.end)
    }

    // MARK: - Sentences

    /// The index of the first word of the sentence holding word `index`.
    static func sentenceStart(before index: Int, in words: [Word]) -> Int {
        var k = index
        while k > 0 && !words[k - 1].flags.contains(.endsSentence) { k -= 1 }
        return k
    }

    /// One past the last word of the sentence holding word `index`.
    static func sentenceEnd(from index: Int, in words: [Word]) -> Int {
        var k = index
        while k < words.count && !words[k].flags.contains(.endsSentence) { k += 1 }
        return min(words.count, k + 1)
    }

    // MARK: - Extension

    /// Where a jump over a small gap lands.
    private struct Landing: Sendable {
        var skipA: Int
        var skipB: Int
    }

    /// The region grown from `seed` in both directions.
    private func extend(_ seed: Seed, in pair: WordPair) -> AlignedSpanPair {
        let n = configuration.seedLength
        let forward = extendOneWay(pair, fromA: seed.a + n, fromB: seed.b + n, step: 1)
        let backward = extendOneWay(pair, fromA: seed.a, fromB: seed.b, step: -1)
        return AlignedSpanPair(
            a: backward.a..<forward.a, b: backward.b..<forward.b,
            matchedWords: n + forward.matched + backward.matched)
    }

    /// Extends from the boundary `(fromA, fromB)` in direction `step`. Going forward the boundary is the
    /// next word to examine; going backward, one past it. Returns the best boundary and the words matched.
    private func extendOneWay(_ pair: WordPair, fromA: Int, fromB: Int, step: Int) -> (a: Int, b: Int, matched: Int) {
        var i = fromA
        var j = fromB
        // The word at boundary offset k: forward, i + k; backward, i − 1 − k.
        func at(_ boundary: Int, _ k: Int) -> Int { step > 0 ? boundary + k : boundary - 1 - k }
        func matches(_ ka: Int, _ kb: Int) -> Bool { pair.matches(at(i, ka), at(j, kb)) }

        var score = 0
        var best = (a: i, b: j, matched: 0, score: 0)
        var matched = 0
        while true {
            while matches(0, 0) {
                i += step
                j += step
                matched += 1
                score += 2
            }
            if score > best.score {
                best = (i, j, matched, score)
            }
            if best.score - score > configuration.dropOff { break }
            // A jump that passes a paragraph break on both sides while skipping words on both sides joins two
            // paragraphs on weak evidence (a sentence's tail to a byline): allowed only for a one-word edit.
            // Words inserted on one side only (a caption, a subheading between copied paragraphs) are fine.
            func allowed(_ skipA: Int, _ skipB: Int) -> Bool {
                skipA == 0 || skipB == 0 || (skipA <= 1 && skipB <= 1)
                    || !(pair.crossesBlock(fromA: i, skip: skipA, step: step)
                        && pair.crossesBlock(fromB: j, skip: skipB, step: step))
            }
            guard let landing = landing(matches, allowed: allowed) else { break }
            score -= landing.skipA + landing.skipB
            i += step * landing.skipA
            j += step * landing.skipB
        }
        return (best.a, best.b, best.matched)
    }

    /// The cheapest jump (fewest words skipped; on ties the most even) of at most `maxGap` words on each side
    /// after which two words in a row match.
    @inline(__always)
    private func landing(_ matches: (Int, Int) -> Bool, allowed: (Int, Int) -> Bool = { _, _ in true }) -> Landing? {
        for jump in jumps where matches(jump.skipA, jump.skipB) && matches(jump.skipA + 1, jump.skipB + 1) {
            if allowed(jump.skipA, jump.skipB) { return jump }
        }
        return nil
    }

    /// Every jump of at most `maxGap` words on each side, cheapest first (fewest words skipped), and of those
    /// the most even first (`skipA` from half the cost outwards, the lesser first): the order `landing` tries
    /// them in, worked out once rather than at every mismatch, where extension spends much of its time.
    private static func jumps(maxGap gap: Int) -> [Landing] {
        guard gap > 0 else { return [] }
        var jumps: [Landing] = []
        for cost in 1...(2 * gap) {
            let middle = cost / 2
            for offset in 0...(2 * cost) {
                let delta = (offset + 1) / 2 * (offset % 2 == 0 ? 1 : -1)
                let skipA = middle + delta
                let skipB = cost - skipA
                if skipA >= 0, skipB >= 0, skipA <= gap, skipB <= gap { jumps.append(Landing(skipA: skipA, skipB: skipB)) }
            }
        }
        return jumps
    }

    /// Matched words of `ra` and `rb` walked from their starts with the extension's rules.
    private func count(_ pair: WordPair, _ ra: Range<Int>, _ rb: Range<Int>) -> AlignedSpanPair {
        let bounded = WordPair(a: pair.a, b: pair.b, limitA: ra.upperBound, limitB: rb.upperBound)
        var i = ra.lowerBound
        var j = rb.lowerBound
        var matched = 0
        while i < ra.upperBound && j < rb.upperBound {
            if bounded.matches(i, j) {
                matched += 1
                i += 1
                j += 1
                continue
            }
            let (ci, cj) = (i, j)
            guard let jump = landing({ bounded.matches(ci + $0, cj + $1) }) ?? lastWords(bounded, ci, cj, ra, rb)
            else { break }
            i += jump.skipA
            j += jump.skipB
        }
        return AlignedSpanPair(a: ra, b: rb, matchedWords: matched)
    }

    /// A jump onto a single matching pair among the last words of both ranges (a region may end on one
    /// matching word after snapping).
    private func lastWords(_ pair: WordPair, _ i: Int, _ j: Int, _ ra: Range<Int>, _ rb: Range<Int>) -> Landing? {
        let gap = configuration.maxGap
        for skipA in 0...gap where i + skipA < ra.upperBound {
            for skipB in 0...gap where j + skipB < rb.upperBound && skipA + skipB > 0 {
                if pair.matches(i + skipA, j + skipB) { return Landing(skipA: skipA, skipB: skipB) }
            }
        }
        return nil
    }

    // MARK: - Merging

    /// Regions sorted and fused where they overlap or touch on both sides in the same order.
    private func merge(_ regions: [AlignedSpanPair], in pair: WordPair) -> [AlignedSpanPair] {
        let sorted = regions.sorted { ($0.a.lowerBound, $0.b.lowerBound) < ($1.a.lowerBound, $1.b.lowerBound) }
        var result: [AlignedSpanPair] = []
        // result[..<live] ends more than maxGap words in A before the region at hand starts: it fuses with none
        // of it nor of the regions after it, which start no earlier (and a region's end only grows by fusing).
        var live = 0
        for region in sorted {
            while live < result.count && result[live].a.upperBound + configuration.maxGap < region.a.lowerBound {
                live += 1
            }
            if let index = result[live...].lastIndex(where: { Self.fusible($0, region, gap: configuration.maxGap) }) {
                let current = result[index]
                let ra = min(current.a.lowerBound, region.a.lowerBound)..<max(current.a.upperBound, region.a.upperBound)
                let rb = min(current.b.lowerBound, region.b.lowerBound)..<max(current.b.upperBound, region.b.upperBound)
                if ra == current.a && rb == current.b { continue }
                let recount = count(pair, ra, rb)
                result[index] = AlignedSpanPair(
                    a: ra, b: rb, matchedWords: max(recount.matchedWords, current.matchedWords, region.matchedWords))
            } else {
                result.append(region)
            }
        }
        return result
    }

    /// Whether `y` (starting no earlier in A) continues `x` in both sequences: it starts no earlier in B either,
    /// and where they meet they overlap or leave gaps of at most `gap` words, on the same diagonal give or take
    /// `gap`. Regions that merely touch at a common word (a paragraph moved elsewhere that ends with "The",
    /// as the next one starts) lie on far-apart diagonals and stay apart.
    private static func fusible(_ x: AlignedSpanPair, _ y: AlignedSpanPair, gap: Int) -> Bool {
        guard y.b.lowerBound >= x.b.lowerBound else { return false }
        let gapA = y.a.lowerBound - x.a.upperBound
        let gapB = y.b.lowerBound - x.b.upperBound
        guard gapA <= gap, gapB <= gap else { return false }
        let endDiagonal = x.b.upperBound - x.a.upperBound
        let startDiagonal = y.b.lowerBound - y.a.lowerBound
        return abs(endDiagonal - startDiagonal) <= gap
    }
}

/// Two word sequences compared word by word: keys equal, neither word boilerplate, both inside the limits.
private struct WordPair {
    let a: [Word]
    let b: [Word]
    let limitA: Int
    let limitB: Int

    init(a: [Word], b: [Word], limitA: Int? = nil, limitB: Int? = nil) {
        self.a = a
        self.b = b
        self.limitA = min(limitA ?? a.count, a.count)
        self.limitB = min(limitB ?? b.count, b.count)
    }

    /// Whether a jump from boundary `i` of `a` over `skip` words, onto the next word, passes a block start.
    func crossesBlock(fromA i: Int, skip: Int, step: Int) -> Bool {
        Self.crossesBlock(a, from: i, skip: skip, step: step)
    }

    /// Whether a jump from boundary `j` of `b` over `skip` words, onto the next word, passes a block start.
    func crossesBlock(fromB j: Int, skip: Int, step: Int) -> Bool {
        Self.crossesBlock(b, from: j, skip: skip, step: step)
    }

    // Forward, boundary i is the next word: the jump passes words i...i+skip. Backward, boundary i is one past
    // the next word and the last matched word is i: the gaps between words i−skip−1...i, i.e. the starts of
    // words i−skip...i.
    private static func crossesBlock(_ words: [Word], from i: Int, skip: Int, step: Int) -> Bool {
        let range = step > 0 ? i...(i + skip) : (i - skip)...i
        for k in range where k >= 0 && k < words.count && words[k].flags.contains(.startsBlock) {
            return true
        }
        return false
    }

    @inline(__always)
    func matches(_ i: Int, _ j: Int) -> Bool {
        guard i >= 0, j >= 0, i < limitA, j < limitB else { return false }
        let x = a[i]
        let y = b[j]
        return x.key == y.key && !x.flags.contains(.boilerplate) && !y.flags.contains(.boilerplate)
    }
}
