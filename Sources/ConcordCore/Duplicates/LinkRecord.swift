import ConcordText

/// A document's duplicate links (the data of its link record) and the duplicate group of each of its passages (in
/// its record's summary).
struct LinkRecord: Hashable, Sendable {
    var links: [DuplicateLink] = []
    /// Passage id → its group, for the passages in a group.
    var groups: [String: PassageGroups.Assignment] = [:]

    /// The documents linked to, sorted.
    var partners: [String] { Array(Set(links.map(\.other))).sorted() }
}

/// How a link record is stored (its groups go into the document's record summary, `RecordSummary.groups`): the
/// links as the data, in compact binary, since some documents share thousands of spans and duplicate detection
/// reads and writes these records over and over. The data: `CL4` and a zero byte, then unsigned LEB128 numbers and length-prefixed
/// UTF-8 strings: the partner documents (count, ids), the links (count; per link its span, words, partner
/// index, the partner's span and words, matched words).
extension LinkRecord {
    static let magic: [UInt8] = Array("CL4".utf8) + [0]

    /// The data (the links).
    func encoded() -> [UInt8] {
        var output = ByteWriter()
        output.bytes.append(contentsOf: Self.magic)
        let partners = self.partners
        var index: [String: Int] = [:]
        for (position, partner) in partners.enumerated() { index[partner] = position }
        output.number(partners.count)
        for partner in partners { output.string(partner) }
        output.number(links.count)
        for link in links {
            for value in [link.span.start, link.span.end, link.words.first ?? 0, link.words.last ?? 0, index[link.other] ?? 0,
                link.otherSpan.start, link.otherSpan.end, link.otherWords.first ?? 0, link.otherWords.last ?? 0, link.matched]
            {
                output.number(value)
            }
        }
        return output.bytes
    }

    /// The record whose links `encoded()` wrote as `bytes`, with `groups`.
    ///
    /// - Throws: `ConcordError.indexUnreadable` for bytes it did not write.
    init(decoding bytes: [UInt8], groups: [String: PassageGroups.Assignment] = [:]) throws {
        var input = try ByteReader(bytes, magic: Self.magic, record: "a duplicate-link record")
        self.groups = groups
        var partners: [String] = []
        for _ in 0..<(try input.count()) { partners.append(try input.string()) }
        let linkCount = try input.count()
        links.reserveCapacity(linkCount)
        for _ in 0..<linkCount {
            var values: [Int] = []
            for _ in 0..<10 { values.append(try input.number()) }
            guard values[4] < partners.count else { throw input.damaged }
            links.append(DuplicateLink(
                span: TextSpan(start: values[0], end: values[1]), words: [values[2], values[3]], other: partners[values[4]],
                otherSpan: TextSpan(start: values[5], end: values[6]), otherWords: [values[7], values[8]],
                matched: values[9]))
        }
    }
}

