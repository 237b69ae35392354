import ConcordBase
package import Xapian

/// What a search needs of a document record, in one value (`ValueSlot.summary`), so a ranked document costs one
/// value read: its id, what a hit says of it, where its passages' words stand among its term positions, its
/// passage count and where its passages' Xapian documents start (they follow one another, in order), and the
/// duplicate group of each passage in one (duplicate detection rewrites this value, never the record's terms or
/// data).
///
/// The value: `RS1` and a zero byte, then unsigned LEB128 numbers and length-prefixed UTF-8 strings: the id, the
/// hit's document fields (title, author, source, issued: each a presence flag, then the string), the passage count, the Xapian id of the first passage (in the record's own shard; 0 when not yet written), the passage positions (count, then ordinal and first
/// position each), the groups (count, then per passage its ordinal, its group's id, how many scalars of the
/// passage the group covers, and the group document's Xapian id).
package struct RecordSummary: Sendable, Equatable {
    package var id: String
    package var source: HitDocument
    package var passageCount: Int
    /// The Xapian id, in the record's shard, of passage 0 (the others follow); 0 until the writer sets it.
    package var passageBase: UInt32
    package var positions: PassagePositions
    /// Passage ordinal → its group.
    package var groups: [Int: PassageGroups.Assignment]

    package init(
        id: String, source: HitDocument, passageCount: Int, passageBase: UInt32 = 0, positions: PassagePositions,
        groups: [Int: PassageGroups.Assignment] = [:]
    ) {
        self.id = id
        self.source = source
        self.passageCount = passageCount
        self.passageBase = passageBase
        self.positions = positions
        self.groups = groups
    }

    static let magic: [UInt8] = Array("RS1".utf8) + [0]

    package func encoded() -> [UInt8] {
        var output = ByteWriter()
        output.bytes.append(contentsOf: Self.magic)
        output.string(id)
        for field in [source.title, source.author, source.source, source.issued] {
            output.number(field == nil ? 0 : 1)
            if let field { output.string(field) }
        }
        output.number(passageCount)
        output.number(Int(passageBase))
        output.number(positions.ordinals.count)
        for (ordinal, start) in zip(positions.ordinals, positions.starts) {
            output.number(ordinal)
            output.number(start)
        }
        output.number(groups.count)
        for (ordinal, assignment) in groups.sorted(by: { $0.key < $1.key }) {
            output.number(ordinal)
            output.string(assignment.group)
            output.number(assignment.overlap)
            output.number(Int(assignment.document))
        }
        return output.bytes
    }

    /// The summary `encoded()` wrote.
    ///
    /// - Throws: `ConcordError.indexUnreadable` for bytes it did not write.
    package init(decoding bytes: [UInt8]) throws {
        var input = try ByteReader(bytes, magic: Self.magic, record: "a document record")
        id = try input.string()
        var fields: [String?] = []
        for _ in 0..<4 { fields.append(try input.number() == 0 ? nil : try input.string()) }
        source = HitDocument(id: id, title: fields[0], author: fields[1], source: fields[2], issued: fields[3])
        passageCount = try input.number()
        passageBase = UInt32(clamping: try input.number())
        positions = PassagePositions()
        for _ in 0..<(try input.count()) {
            let ordinal = try input.number()
            positions.append(ordinal: ordinal, start: try input.number())
        }
        groups = [:]
        for _ in 0..<(try input.count()) {
            let ordinal = try input.number()
            let group = try input.string()
            let overlap = try input.number()
            groups[ordinal] = PassageGroups.Assignment(
                group: group, overlap: overlap, document: UInt32(clamping: try input.number()))
        }
    }

    /// The summary of the record `docid`.
    package static func load(record docid: UInt32, from database: Database) throws -> RecordSummary {
        try RecordSummary(decoding: try database.document(assumingValid: docid).value(ValueSlot.summary.rawValue))
    }

    /// The Xapian document id of passage `ordinal`, given this record's id `docid` in a database of `shards`
    /// shards (Xapian numbers a combined database's documents shard by shard in turn).
    package func passageDocumentID(_ ordinal: Int, record docid: UInt32, shards: Int) -> UInt32? {
        guard passageBase > 0, ordinal >= 0, ordinal < passageCount, docid > 0 else { return nil }
        let shards = max(1, shards)
        let shard = (Int(docid) - 1) % shards
        let global = (Int(passageBase) + ordinal - 1) * shards + shard + 1
        return global <= Int(UInt32.max) ? UInt32(global) : nil
    }
}
