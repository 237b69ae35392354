import ConcordText

/// A document's duplicate links (the data of its link record).
struct LinkRecord: Hashable, Sendable {
    var links: [DuplicateLink] = []

    /// The documents linked to, sorted.
    var partners: [String] { Array(Set(links.map(\.other))).sorted() }
}

/// How a link record is stored (its passages' groups are in its record's summary, `RecordSummary.groups`): the
/// links in `ValueSlot.links`, in compact binary, since some documents share thousands of spans and duplicate
/// detection reads and writes these records over and over. The value: `CL4` and a zero byte, then unsigned LEB128
/// numbers and length-prefixed UTF-8 strings: the partner documents (count, ids), the links (count; per link its
/// span, words, partner index, the partner's span and words, matched words).
extension LinkRecord {
    static let magic: [UInt8] = Array("CL4".utf8) + [0]

    /// The stored value (the links).
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
            output.number(link.span.start)
            output.number(link.span.end)
            output.number(link.words.lowerBound)
            output.number(link.words.upperBound)
            output.number(index[link.other] ?? 0)
            output.number(link.otherSpan.start)
            output.number(link.otherSpan.end)
            output.number(link.otherWords.lowerBound)
            output.number(link.otherWords.upperBound)
            output.number(link.matched)
        }
        return output.bytes
    }

    /// The record whose links `encoded()` wrote as `bytes`.
    ///
    /// - Throws: `ConcordError.indexUnreadable` for bytes it did not write.
    init(decoding bytes: [UInt8]) throws {
        var input = try ByteReader(bytes, magic: Self.magic, record: "a duplicate-link record")
        var partners: [String] = []
        for _ in 0..<(try input.count()) { partners.append(try input.string()) }
        let linkCount = try input.count()
        links.reserveCapacity(linkCount)
        /// A range of word indices, its end never before its start.
        func wordRange(_ input: inout ByteReader) throws -> Range<Int> {
            let first = try input.number()
            return first..<max(first, try input.number())
        }
        for _ in 0..<linkCount {
            let span = TextSpan(start: try input.number(), end: try input.number())
            let words = try wordRange(&input)
            let partner = try input.number()
            guard partner < partners.count else { throw input.damaged }
            let otherSpan = TextSpan(start: try input.number(), end: try input.number())
            let otherWords = try wordRange(&input)
            links.append(DuplicateLink(
                span: span, words: words, other: partners[partner], otherSpan: otherSpan, otherWords: otherWords,
                matched: try input.number()))
        }
    }
}

