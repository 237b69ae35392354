import ConcordText

/// Cuts the linked regions of a set of documents into pieces that hold the same text, and groups the pieces that
/// copy one another (`DuplicateIndex`, "Groups").
///
/// Positions are word indices into each document's duplicate-detection words. A link joins a range of one
/// document to a range of another. Every range boundary is a cut in its document; a cut inside a linked range is
/// carried over the link to the proportional place of the other range, moved to a sentence boundary within
/// `snap` words when there is one, unless the other document already has a cut within `tolerance` words there;
/// this repeats until no cut is added (or `maxRounds`). The stretches between consecutive cuts that lie inside
/// a linked range are the pieces; two pieces are linked when a link carries one onto the other (overlapping
/// by half of the shorter). Linked pieces, transitively, form a group; a group's adjacent pieces in one document
/// are one member.
struct GroupBuilder {
    struct Piece: Hashable {
        var document: String
        var range: Range<Int>
    }

    var pairs: [(a: Piece, b: Piece)]
    /// Per document, the word indices where a sentence or block starts.
    var boundaries: [String: [Int]]
    var minWords: Int
    var maxDocuments: Int
    var tolerance = 2
    var snap = 3
    var maxRounds = 6

    init(pairs: [(a: Piece, b: Piece)], words: [String: [Word]], minWords: Int, maxDocuments: Int) {
        self.pairs = pairs
        self.minWords = minWords
        self.maxDocuments = maxDocuments
        var boundaries: [String: [Int]] = [:]
        for (id, list) in words {
            var starts: [Int] = []
            for index in list.indices
            where index == 0 || list[index - 1].flags.contains(.endsSentence) || list[index].flags.contains(.startsBlock) {
                starts.append(index)
            }
            starts.append(list.count)
            boundaries[id] = starts
        }
        self.boundaries = boundaries
    }

    /// The groups: each a list of members (one or more per document), in no particular order.
    func groups() -> [[Piece]] {
        var cuts: [String: [Int]] = [:]
        for pair in pairs {
            for piece in [pair.a, pair.b] {
                Self.insert(piece.range.lowerBound, into: &cuts[piece.document, default: []])
                Self.insert(piece.range.upperBound, into: &cuts[piece.document, default: []])
            }
        }
        // Carry cuts over the links until they agree.
        for _ in 0..<maxRounds {
            var changed = false
            for pair in pairs {
                for (from, to) in [(pair.a, pair.b), (pair.b, pair.a)] {
                    let inside = (cuts[from.document] ?? []).filter { $0 > from.range.lowerBound && $0 < from.range.upperBound }
                    for cut in inside {
                        var target = Self.project(cut, from: from.range, to: to.range)
                        guard target > to.range.lowerBound, target < to.range.upperBound else { continue }
                        if let near = Self.nearest(target, in: cuts[to.document] ?? []), abs(near - target) <= tolerance {
                            continue
                        }
                        if let sentence = Self.nearest(target, in: boundaries[to.document] ?? []), abs(sentence - target) <= snap,
                            sentence > to.range.lowerBound, sentence < to.range.upperBound
                        {
                            target = sentence
                        }
                        if Self.insert(target, into: &cuts[to.document, default: []]) { changed = true }
                    }
                }
            }
            if !changed { break }
        }

        // Pieces: stretches between cuts inside a linked range.
        var ranges: [String: [Range<Int>]] = [:]
        for pair in pairs {
            ranges[pair.a.document, default: []].append(pair.a.range)
            ranges[pair.b.document, default: []].append(pair.b.range)
        }
        var pieces: [Piece] = []
        var piecesOf: [String: [Int]] = [:]
        for (document, list) in cuts.sorted(by: { $0.key < $1.key }) {
            let covered = ranges[document] ?? []
            for (low, high) in zip(list, list.dropFirst()) where high > low {
                let middle = (low + high) / 2
                guard covered.contains(where: { $0.contains(middle) }) else { continue }
                piecesOf[document, default: []].append(pieces.count)
                pieces.append(Piece(document: document, range: low..<high))
            }
        }

        // Union-find over pieces a link carries onto one another.
        var parent = Array(pieces.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for pair in pairs {
            let theirs = (piecesOf[pair.b.document] ?? []).filter { pair.b.range.contains(pieces[$0].range.lowerBound) }
            for mine in piecesOf[pair.a.document] ?? [] where pair.a.range.contains(pieces[mine].range.lowerBound) {
                let start = Self.project(pieces[mine].range.lowerBound, from: pair.a.range, to: pair.b.range)
                let end = Self.project(pieces[mine].range.upperBound, from: pair.a.range, to: pair.b.range)
                for other in theirs {
                    let range = pieces[other].range
                    let overlap = min(range.upperBound, end) - max(range.lowerBound, start)
                    guard overlap > 0, overlap * 2 >= min(range.count, max(1, end - start)) else { continue }
                    let (x, y) = (find(mine), find(other))
                    if x != y { parent[max(x, y)] = min(x, y) }
                }
            }
        }

        var sets: [Int: [Int]] = [:]
        for index in pieces.indices { sets[find(index), default: []].append(index) }
        var result: [[Piece]] = []
        for (_, members) in sets.sorted(by: { $0.key < $1.key }) {
            var byDocument: [String: [Range<Int>]] = [:]
            for index in members { byDocument[pieces[index].document, default: []].append(pieces[index].range) }
            guard byDocument.count >= 2, byDocument.count <= maxDocuments else { continue }
            var group: [Piece] = []
            for (document, list) in byDocument.sorted(by: { $0.key < $1.key }) {
                for range in Self.joined(list) where range.count >= minWords {
                    group.append(Piece(document: document, range: range))
                }
            }
            if Set(group.map(\.document)).count >= 2 { result.append(group) }
        }
        return result
    }

    /// `position` of range `from` carried to the proportional place of range `to`.
    static func project(_ position: Int, from: Range<Int>, to: Range<Int>) -> Int {
        guard from.count > 0 else { return to.lowerBound }
        let fraction = Double(position - from.lowerBound) / Double(from.count)
        return to.lowerBound + Int((fraction * Double(to.count)).rounded())
    }

    /// The element of sorted `list` nearest to `value`.
    static func nearest(_ value: Int, in list: [Int]) -> Int? {
        guard !list.isEmpty else { return nil }
        let index = insertionPoint(value, in: list)
        var best: Int?
        for candidate in [index - 1, index] where candidate >= 0 && candidate < list.count {
            if best == nil || abs(list[candidate] - value) < abs(best! - value) { best = list[candidate] }
        }
        return best
    }

    /// Inserts `value` into sorted `list` unless it is there; whether it was inserted.
    @discardableResult
    static func insert(_ value: Int, into list: inout [Int]) -> Bool {
        let index = insertionPoint(value, in: list)
        if index < list.count && list[index] == value { return false }
        list.insert(value, at: index)
        return true
    }

    private static func insertionPoint(_ value: Int, in list: [Int]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `ranges` with touching or overlapping ones joined, in order.
    static func joined(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
