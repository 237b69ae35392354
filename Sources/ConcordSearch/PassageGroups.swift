import ConcordBase
package import Xapian

/// The duplicate group of each passage of a document that is in one, kept in its record's summary
/// (`RecordSummary.groups`), which duplicate detection rewrites: passages' own Xapian documents carry no group,
/// so they are never rewritten.
package enum PassageGroups {
    /// A passage's group, and how many scalars of the passage the group's member there covers (the passage
    /// points at the group that covers most of it).
    package struct Assignment: Hashable, Sendable {
        package var group: String
        package var overlap: Int
        /// The group document's Xapian id when written (0 when not known): a hit reads the group's members
        /// there without looking the group's id term up.
        package var document: UInt32

        package init(group: String, overlap: Int, document: UInt32 = 0) {
            self.group = group
            self.overlap = overlap
            self.document = document
        }
    }

    /// Passage id → its group for document `document` (empty when it is in no group or not indexed).
    package static func load(document: String, from database: Database) throws -> [String: Assignment] {
        guard let docid = try database.postings(for: Prefix.documentID + document).first else { return [:] }
        return byPassage(try RecordSummary.load(record: docid, from: database), document: document)
    }

    /// Passage id → its group, from `summary`, the summary of document `document`'s record.
    package static func byPassage(_ summary: RecordSummary, document: String) -> [String: Assignment] {
        var result: [String: Assignment] = [:]
        for (ordinal, assignment) in summary.groups { result[Passage.id(document: document, ordinal: ordinal)] = assignment }
        return result
    }
}

package struct ByteWriter {
    package var bytes: [UInt8] = []

    package init() {}

    package mutating func number(_ value: Int) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    package mutating func string(_ text: String) {
        number(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }
}

package struct ByteReader {
    package let bytes: [UInt8]
    package var position = 0
    /// What a malformed read throws, naming what is read.
    package let damaged: ConcordError

    /// A reader of `bytes` after their leading `magic`; `record` names what they are ("a duplicate-link record").
    ///
    /// - Throws: `damaged` when `bytes` do not start with `magic`.
    package init(_ bytes: [UInt8], magic: [UInt8], record: String) throws {
        self.bytes = bytes
        damaged = ConcordError(.indexUnreadable, "\(record) of the index is damaged")
        guard bytes.starts(with: magic) else { throw damaged }
        position = magic.count
    }

    package mutating func number() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 63 else { throw damaged }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw damaged }
        return Int(value)
    }

    /// A count of items that follow, each at least a byte long.
    package mutating func count() throws -> Int {
        let value = try number()
        guard value <= bytes.count - position else { throw damaged }
        return value
    }

    package mutating func string() throws -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }
}
