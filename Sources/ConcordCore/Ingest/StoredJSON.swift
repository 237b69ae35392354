import ConcordText
import Foundation

/// The one JSON setup for stored records. Passages and document records, written for every document ingested,
/// are encoded by hand (Foundation's encoder was a third of the time spent preparing documents); what they
/// write is what `JSONDecoder` reads back, as the tests check against `JSONEncoder`.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// A record's header: without its text and passages (`DocumentRecord.stored()` puts them after).
    static func encode(_ record: DocumentRecord) throws -> [UInt8] {
        var output = "{\"boilerplate\":["
        for (index, span) in record.boilerplate.enumerated() {
            if index > 0 { output += "," }
            write(span, to: &output)
        }
        output += "],\"bytes\":\(record.bytes),\"format\":"
        JSONWriter.writeString(record.format.rawValue, to: &output)
        output += ",\"hash\":"
        JSONWriter.writeString(record.hash, to: &output)
        output += ",\"id\":"
        JSONWriter.writeString(record.id, to: &output)
        output += ",\"language\":"
        JSONWriter.writeString(record.language, to: &output)
        output += ",\"metadata\":"
        output += String(decoding: try encode(record.metadata), as: UTF8.self)
        output += ",\"path\":"
        JSONWriter.writeString(record.path, to: &output)
        output += ",\"relativePath\":"
        JSONWriter.writeString(record.relativePath, to: &output)
        output += ",\"sequence\":\(record.sequence)}"
        return Array(output.utf8)
    }

    /// A duplicate group as stored, without its members' texts, as `JSONEncoder` with sorted keys writes its
    /// `StoredGroup` (groups are written for every component duplicate detection touches).
    static func encode(_ group: DuplicateGroup) -> [UInt8] {
        var output = "{\"id\":"
        output.reserveCapacity(group.members.reduce(256) { $0 + $1.document.utf8.count * 2 + 96 })
        JSONWriter.writeString(group.id, to: &output)
        output += ",\"members\":["
        for (index, member) in group.members.enumerated() {
            if index > 0 { output += "," }
            output += "{\"document\":"
            JSONWriter.writeString(member.document, to: &output)
            output += ",\"lines\":["
            for (index, line) in member.lines.enumerated() {
                if index > 0 { output += "," }
                output += String(line)
            }
            output += "]"
            output += ",\"original\":\(member.original),\"passage\":"
            JSONWriter.writeString(member.passage, to: &output)
            output += ",\"span\":"
            write(member.span, to: &output)
            output += "}"
        }
        output += "],\"original\":"
        JSONWriter.writeString(group.original, to: &output)
        output += ",\"words\":\(group.words)}"
        return Array(output.utf8)
    }

    /// The group `encode(_:)` stored as `bytes`, its members' texts empty (`GroupTexts` fills them).
    static func decodeGroup(_ bytes: [UInt8]) throws -> DuplicateGroup {
        try decode(StoredGroup.self, from: bytes).group
    }

    private static func write(_ span: TextSpan, to output: inout String) {
        output += "{\"end\":\(span.end),\"start\":\(span.start)}"
    }
}

/// A duplicate group as the index stores it: its members' places, not their texts, which their documents hold
/// (`GroupTexts` reads them back).
struct StoredGroup: Codable {
    struct Member: Codable {
        var passage: String
        var document: String
        var span: TextSpan
        var lines: [Int]
        var original: Bool
    }

    var id: String
    var members: [Member]
    var original: String
    var words: Int

    init(_ group: DuplicateGroup) {
        id = group.id
        members = group.members.map {
            Member(passage: $0.passage, document: $0.document, span: $0.span, lines: $0.lines, original: $0.original)
        }
        original = group.original
        words = group.words
    }

    /// The group, its members' texts empty.
    var group: DuplicateGroup {
        DuplicateGroup(
            id: id,
            members: members.map {
                GroupMember(
                    passage: $0.passage, document: $0.document, span: $0.span, lines: $0.lines, text: "", original: $0.original)
            },
            original: original, words: words)
    }
}
