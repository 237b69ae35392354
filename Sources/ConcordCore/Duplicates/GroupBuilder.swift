import ConcordBase
import ConcordText

/// Cuts the linked regions of a set of documents into pieces that hold the same text, and groups the pieces that
/// copy one another (`DuplicateIndex`, "Groups").
///
/// Positions are Unicode-scalar offsets into each document's text. A link joins a span of one document to a
/// span of another. Every span boundary is a cut in its document; a cut inside a linked span is carried over the
/// link to the proportional place of the other span, moved to a sentence start within `snap` scalars when there
/// is one, unless the other document already has a cut within `tolerance` scalars there; this repeats until no
/// cut is added (or `maxRounds`). The stretches between consecutive cuts that lie inside
/// a linked range are the pieces; two pieces are linked when a link carries one onto the other (overlapping
/// by half of the shorter). Linked pieces, transitively, form a group; a group's adjacent pieces in one document
/// are one member, kept when it holds at least `minWords` words.
struct GroupBuilder {
    /// A member of a group: a range of a document, by name.
    struct Piece: Hashable {
        var document: String
        var range: Range<Int>
    }

    /// A scalar offset as cuts and sentence starts are held: in 32 bits, clamped, as `PackedSpan` holds spans.
    typealias Offset = UInt32

    /// A linked span, or a piece while groups are built: its document by number (an index into `documents`).
    /// Twelve bytes (`PackedSpan`): a large component has hundreds of thousands of links and more pieces
    /// (520,125 links for the largest of the 250 MB bench subset).
    struct Side {
        private var number: Int32
        private var packed: PackedSpan

        init(document: Int, range: Range<Int>) {
            number = Int32(clamping: document)
            packed = PackedSpan(range)
        }

        var document: Int { Int(number) }
        var range: Range<Int> { packed.range }
    }

    /// The documents by number (what follows looks them up for every link and cut), numbered in name order.
    var documents: [String]
    /// The links, each a pair of spans that hold the same text, in an order that does not depend on timing: the
    /// order of the links and of the documents decides which of two cuts close together is kept, so the same
    /// links make the same groups in every run.
    var links: [(a: Side, b: Side)]
    /// By document number, what its text is made of (white space and words); nil when it is not at hand (its
    /// pieces are then left out).
    var texts: [ScalarClasses?]
    /// By document number, the offsets where a sentence or paragraph starts (`sentenceStarts(of:)`).
    var boundaries: [[Offset]]
    var minWords: Int
    var maxDocuments: Int
    var tolerance = 12
    var snap = 24
    var maxRounds = 6

    /// The offsets of `scalars` where a sentence starts: the first letter or digit (or the opening quote or bracket
    /// before it) after a `.`, `!` or `?` (closing quotes and brackets after it allowed) and white space, or after
    /// a line break; and the end.
    static func sentenceStarts<Scalars: Collection<Unicode.Scalar>>(of scalars: Scalars) -> [Offset] {
        var starts: [Offset] = [0]
        var afterTerminal = false
        var sawSpace = false
        var sawBreak = false
        var opener: Int?
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case ".", "!", "?":
                afterTerminal = true
                sawSpace = false
                opener = nil
            case "(", "[", "\u{201C}", "\u{2018}", "\u{AB}":
                if sawSpace { opener = opener ?? index }
            case "\"" where sawSpace:
                opener = opener ?? index
            case "\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{BB}":
                if sawSpace { afterTerminal = false }
            case "\n":
                sawBreak = true
                sawSpace = true
            case " ", "\t", "\r", "\u{0C}", "\u{A0}":
                sawSpace = true
            default:
                if sawSpace && (afterTerminal || sawBreak) && Self.isLetterOrDigit(scalar) {
                    starts.append(Offset(clamping: opener ?? index))
                }
                afterTerminal = false
                sawSpace = false
                sawBreak = false
                opener = nil
            }
        }
        starts.append(Offset(clamping: scalars.count))
        return starts
    }

    /// `range` of `scalars` without the white space at its ends (members are trimmed so).
    static func trimmed(_ range: Range<Int>, in scalars: ScalarClasses) -> Range<Int> {
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end, scalars.isWhiteSpace(start) { start += 1 }
        while end > start, scalars.isWhiteSpace(end - 1) { end -= 1 }
        return start..<end
    }

    /// Whether `scalar` is alphabetic or numeric (ASCII without a look-up of its properties).
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A || v >= 0x41 && v <= 0x5A || v >= 0x30 && v <= 0x39 }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The groups: each a list of members (one or more per document), in no particular order.
    func groups() -> [[Piece]] {
        var cuts = [[Offset]](repeating: [], count: documents.count)
        for link in links {
            for side in [link.a, link.b] {
                Self.insert(side.range.lowerBound, into: &cuts[side.document])
                Self.insert(side.range.upperBound, into: &cuts[side.document])
            }
        }
        // Carry cuts over the links until they agree. A link carried over again from a document whose cuts have
        // not changed since adds nothing (each cut it carried found a cut near its target, or made the one it
        // would make again, and cuts are only ever added), so it is skipped: the same cuts, in fewer passes.
        var version = [Int32](repeating: 0, count: documents.count)
        var carried = [Int32](repeating: -1, count: links.count * 2)
        for _ in 0..<maxRounds {
            var changed = false
            for (linkIndex, link) in links.enumerated() {
                for direction in 0..<2 {
                    let (from, to) = direction == 0 ? (link.a, link.b) : (link.b, link.a)
                    guard carried[linkIndex * 2 + direction] != version[from.document] else { continue }
                    carried[linkIndex * 2 + direction] = version[from.document]
                    // The cuts inside the span carried from (a copy of that document's cuts only when cuts are
                    // added to the same document, which a link between two documents never does).
                    let list = cuts[from.document]
                    let first = Self.insertionPoint(from.range.lowerBound + 1, in: list)
                    var end = first
                    while end < list.count, Int(list[end]) < from.range.upperBound { end += 1 }
                    for cut in list[first..<end] {
                        var target = Self.project(Int(cut), from: from.range, to: to.range)
                        guard target > to.range.lowerBound, target < to.range.upperBound else { continue }
                        if let near = Self.nearest(target, in: cuts[to.document]), abs(near - target) <= tolerance {
                            continue
                        }
                        if let sentence = Self.nearest(target, in: boundaries[to.document]),
                            abs(sentence - target) <= snap, sentence > to.range.lowerBound, sentence < to.range.upperBound
                        {
                            target = sentence
                        } else if let text = texts[to.document] {
                            target = Self.wordStart(near: target, in: text, within: to.range)
                        }
                        if Self.insert(target, into: &cuts[to.document]) {
                            changed = true
                            version[to.document] += 1
                        }
                    }
                }
            }
            if !changed { break }
        }

        // Pieces: stretches between cuts inside a linked range, in order within each document.
        var ranges = [[Range<Int>]](repeating: [], count: documents.count)
        for link in links {
            ranges[link.a.document].append(link.a.range)
            ranges[link.b.document].append(link.b.range)
        }
        var pieces: [Side] = []
        // Piece numbers in 32 bits, as are the sets below.
        var piecesByDocument = [[Int32]](repeating: [], count: documents.count)
        for (document, list) in cuts.enumerated() {
            let covered = Self.joined(ranges[document])
            var cover = 0
            for (low, high) in zip(list.lazy.map(Int.init), list.dropFirst().lazy.map(Int.init)) where high > low {
                let middle = (low + high) / 2
                while cover < covered.count, covered[cover].upperBound <= middle { cover += 1 }
                guard cover < covered.count, covered[cover].contains(middle) else { continue }
                piecesByDocument[document].append(Int32(pieces.count))
                pieces.append(Side(document: document, range: low..<high))
            }
        }

        // Union-find over pieces a link carries onto one another.
        var parent = pieces.indices.map { Int32($0) }
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        /// The pieces of `document` starting inside `range`, by binary search (they are in order).
        func piecesOf(_ document: Int, startingIn range: Range<Int>) -> ArraySlice<Int32> {
            let list = piecesByDocument[document]
            let low = list.partitioningIndex { pieces[Int($0)].range.lowerBound >= range.lowerBound }
            var end = low
            while end < list.count, pieces[Int(list[end])].range.lowerBound < range.upperBound { end += 1 }
            return list[low..<end]
        }
        for link in links {
            let theirs = piecesOf(link.b.document, startingIn: link.b.range)
            // Both lists are in text order, and so are the projections: one pass over the two.
            var first = theirs.startIndex
            for mine in piecesOf(link.a.document, startingIn: link.a.range) {
                let start = Self.project(pieces[Int(mine)].range.lowerBound, from: link.a.range, to: link.b.range)
                let end = Self.project(pieces[Int(mine)].range.upperBound, from: link.a.range, to: link.b.range)
                while first < theirs.endIndex, pieces[Int(theirs[first])].range.upperBound <= start { first += 1 }
                var index = first
                while index < theirs.endIndex {
                    let other = theirs[index]
                    let range = pieces[Int(other)].range
                    if range.lowerBound >= end { break }
                    index += 1
                    let overlap = min(range.upperBound, end) - max(range.lowerBound, start)
                    guard overlap > 0, overlap * 2 >= min(range.count, max(1, end - start)) else { continue }
                    let (x, y) = (find(mine), find(other))
                    if x != y { parent[Int(max(x, y))] = min(x, y) }
                }
            }
        }

        // The sets, each as a run of piece indices in order of their roots (a table of arrays, one per set and
        // most sets a single piece, cost a large component more than all the rest of this).
        let roots = pieces.indices.map { find(Int32($0)) }
        let order = pieces.indices.map { Int32($0) }.sorted { (roots[Int($0)], $0) < (roots[Int($1)], $1) }
        var result: [[Piece]] = []
        var runStart = 0
        while runStart < order.count {
            var runEnd = runStart + 1
            while runEnd < order.count, roots[Int(order[runEnd])] == roots[Int(order[runStart])] { runEnd += 1 }
            let members = order[runStart..<runEnd]
            runStart = runEnd
            guard members.count >= 2 else { continue }
            var byDocument: [Int: [Range<Int>]] = [:]
            for index in members.lazy.map(Int.init) {
                byDocument[pieces[index].document, default: []].append(pieces[index].range)
            }
            guard byDocument.count >= 2, byDocument.count <= maxDocuments else { continue }
            var group: [Piece] = []
            for (document, list) in byDocument.sorted(by: { $0.key < $1.key }) {
                guard let text = texts[document] else { continue }
                for joined in Self.joined(list) {
                    let range = Self.trimmed(joined, in: text)
                    guard text.wordCount(in: TextSpan(start: range.lowerBound, end: range.upperBound)) >= minWords
                    else { continue }
                    group.append(Piece(document: documents[document], range: range))
                }
            }
            if Set(group.map(\.document)).count >= 2 { result.append(group) }
        }
        return result
    }

    /// The start of the word nearest to `position` (within a few scalars) inside `range`, or `position`.
    static func wordStart(near position: Int, in scalars: ScalarClasses, within range: Range<Int>) -> Int {
        func isStart(_ index: Int) -> Bool {
            index > range.lowerBound && index < range.upperBound && index < scalars.count
                && scalars.isWhiteSpace(index - 1) && !scalars.isWhiteSpace(index)
        }
        for distance in 0...12 {
            if isStart(position - distance) { return position - distance }
            if isStart(position + distance) { return position + distance }
        }
        return position
    }

    /// `position` of range `from` carried to the proportional place of range `to`.
    static func project(_ position: Int, from: Range<Int>, to: Range<Int>) -> Int {
        guard from.count > 0 else { return to.lowerBound }
        let fraction = Double(position - from.lowerBound) / Double(from.count)
        return to.lowerBound + Int((fraction * Double(to.count)).rounded())
    }

    /// The element of sorted `list` nearest to `value` (the lower of two as near).
    static func nearest(_ value: Int, in list: [Offset]) -> Int? {
        guard !list.isEmpty else { return nil }
        let index = insertionPoint(value, in: list)
        if index == 0 { return Int(list[0]) }
        if index == list.count { return Int(list[index - 1]) }
        let (below, above) = (Int(list[index - 1]), Int(list[index]))
        return abs(above - value) < abs(below - value) ? above : below
    }

    /// Inserts `value` into sorted `list` unless it is there; whether it was inserted.
    @discardableResult
    static func insert(_ value: Int, into list: inout [Offset]) -> Bool {
        let value = Offset(clamping: value)
        let index = list.partitioningIndex { $0 >= value }
        if index < list.count && list[index] == value { return false }
        list.insert(value, at: index)
        return true
    }

    static func insertionPoint(_ value: Int, in list: [Offset]) -> Int {
        list.partitioningIndex { Int($0) >= value }
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
