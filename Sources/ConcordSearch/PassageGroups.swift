public import ConcordBase
package import Xapian

/// The duplicate group of each passage of a document that is in one, as its link record stores it (first, so it
/// is read without the document's links: `LinkRecord` in the core writes the rest). Passages' own Xapian
/// documents carry no group, so duplicate detection never rewrites them.
package enum PassageGroups {
    /// The start of a link record's data.
    package static let magic: [UInt8] = Array("CL3".utf8) + [0]

    /// A passage's group, and how many scalars of the passage the group's member there covers (the passage
    /// points at the group that covers most of it).
    package struct Assignment: Hashable, Sendable {
        package var group: String
        package var overlap: Int

        package init(group: String, overlap: Int) {
            self.group = group
            self.overlap = overlap
        }
    }

    /// Passage id → group id for document `document` (empty when it is in no group).
    package static func load(document: String, from database: Database) throws -> [String: String] {
        guard let docid = try database.postings(for: Prefix.linksID + document).first else { return [:] }
        var input = ByteReader(bytes: try database.document(docid).data())
        return try read(&input).mapValues(\.group)
    }

    /// Reads the magic and the groups (passage id, group id, overlap each), leaving `input` after them.
    package static func read(_ input: inout ByteReader) throws -> [String: Assignment] {
        guard input.bytes.starts(with: magic) else { throw ByteReader.damaged }
        input.position = magic.count
        var groups: [String: Assignment] = [:]
        for _ in 0..<(try input.count()) {
            let passage = try input.string()
            let group = try input.string()
            groups[passage] = Assignment(group: group, overlap: try input.number())
        }
        return groups
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
    package static let damaged = ConcordError(.indexUnreadable, "a duplicate-link record of the index is damaged")
    package let bytes: [UInt8]
    package var position = 0

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    package mutating func number() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 63 else { throw Self.damaged }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw Self.damaged }
        return Int(value)
    }

    /// A count of items that follow, each at least a byte long.
    package mutating func count() throws -> Int {
        let value = try number()
        guard value <= bytes.count - position else { throw Self.damaged }
        return value
    }

    package mutating func string() throws -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }
}
