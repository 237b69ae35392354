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

    static func encode(_ stored: StoredPassage) -> [UInt8] {
        var output = "{\"passage\":"
        write(stored.passage, withText: true, to: &output)
        output += ",\"source\":"
        write(stored.source, to: &output)
        output += "}"
        return Array(output.utf8)
    }

    /// A record: passages without their text (`DocumentRecord.init(from:)` takes it from the record's text).
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
        output += ",\"links\":["
        for (index, link) in record.links.enumerated() {
            if index > 0 { output += "," }
            output += "{\"other\":"
            JSONWriter.writeString(link.other, to: &output)
            output += ",\"otherSpan\":"
            write(link.otherSpan, to: &output)
            output += ",\"span\":"
            write(link.span, to: &output)
            output += "}"
        }
        output += "],\"metadata\":"
        output += String(decoding: try encode(record.metadata), as: UTF8.self)
        output += ",\"passages\":["
        for (index, passage) in record.passages.enumerated() {
            if index > 0 { output += "," }
            write(passage, withText: false, to: &output)
        }
        output += "],\"path\":"
        JSONWriter.writeString(record.path, to: &output)
        output += ",\"relativePath\":"
        JSONWriter.writeString(record.relativePath, to: &output)
        output += ",\"sequence\":\(record.sequence),\"text\":"
        JSONWriter.writeString(record.text, to: &output)
        output += "}"
        return Array(output.utf8)
    }

    private static func write(_ span: TextSpan, to output: inout String) {
        output += "{\"end\":\(span.end),\"start\":\(span.start)}"
    }

    private static func write(_ passage: Passage, withText: Bool, to output: inout String) {
        output += "{\"document\":"
        JSONWriter.writeString(passage.document, to: &output)
        if let group = passage.group {
            output += ",\"group\":"
            JSONWriter.writeString(group, to: &output)
        }
        output += ",\"heading\":["
        for (index, heading) in passage.heading.enumerated() {
            if index > 0 { output += "," }
            JSONWriter.writeString(heading, to: &output)
        }
        output += "],\"id\":"
        JSONWriter.writeString(passage.id, to: &output)
        output += ",\"kind\":"
        JSONWriter.writeString(passage.kind, to: &output)
        output += ",\"lines\":[" + passage.lines.map(String.init).joined(separator: ",") + "]"
        output += ",\"paragraph\":\(passage.paragraph),\"span\":"
        write(passage.span, to: &output)
        output += ",\"text\":"
        JSONWriter.writeString(withText ? passage.text : "", to: &output)
        output += "}"
    }

    private static func write(_ document: HitDocument, to output: inout String) {
        func field(_ name: String, _ value: String?, first: Bool = false) {
            output += (first ? "\"" : ",\"") + name + "\":"
            if let value { JSONWriter.writeString(value, to: &output) } else { output += "null" }
        }
        output += "{"
        field("author", document.author, first: true)
        field("id", document.id)
        field("issued", document.issued)
        field("source", document.source)
        field("title", document.title)
        output += "}"
    }
}
