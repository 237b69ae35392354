public import ConcordText
internal import Xapian

/// A span shared with another document, as duplicate detection found it (stored on document records).
struct DuplicateLink: Codable, Hashable, Sendable {
    /// The span in this document.
    var span: TextSpan
    /// The other document and its span.
    var other: String
    var otherSpan: TextSpan
}

/// What concord stores about one source document (the data of its document record).
struct DocumentRecord: Codable, Sendable {
    var id: String
    var path: String
    var relativePath: String
    var format: DocumentFormat
    var hash: String
    var metadata: CitationMetadata
    var language: String
    var sequence: Int
    var bytes: Int
    var text: String
    var passages: [Passage]
    /// Spans of boilerplate blocks, kept out of duplicate detection.
    var boilerplate: [TextSpan]
    /// Spans shared with other documents (duplicate detection's input to groups).
    var links: [DuplicateLink]
}

extension DocumentRecord {
    enum CodingKeys: String, CodingKey {
        case id, path, relativePath, format, hash, metadata, language, sequence, bytes, text, passages, boilerplate, links
    }

    /// Passages are stored without their text, which is `text[span]`: the text is stored once.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(path, forKey: .path)
        try container.encode(relativePath, forKey: .relativePath)
        try container.encode(format, forKey: .format)
        try container.encode(hash, forKey: .hash)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(language, forKey: .language)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(text, forKey: .text)
        try container.encode(passages.map { passage in
            var stored = passage
            stored.text = ""
            return stored
        }, forKey: .passages)
        try container.encode(boilerplate, forKey: .boilerplate)
        try container.encode(links, forKey: .links)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        path = try container.decode(String.self, forKey: .path)
        relativePath = try container.decode(String.self, forKey: .relativePath)
        format = try container.decode(DocumentFormat.self, forKey: .format)
        hash = try container.decode(String.self, forKey: .hash)
        metadata = try container.decode(CitationMetadata.self, forKey: .metadata)
        language = try container.decode(String.self, forKey: .language)
        sequence = try container.decode(Int.self, forKey: .sequence)
        bytes = try container.decode(Int.self, forKey: .bytes)
        text = try container.decode(String.self, forKey: .text)
        passages = try container.decode([Passage].self, forKey: .passages)
        boilerplate = try container.decode([TextSpan].self, forKey: .boilerplate)
        links = try container.decode([DuplicateLink].self, forKey: .links)
        let scalars = ScalarText(text)
        for index in passages.indices { passages[index].text = scalars[passages[index].span] }
    }
}

extension DocumentRecord {
    /// The record of document `id` in `database`, or nil when it is not indexed.
    static func load(_ id: String, from database: Database) throws -> DocumentRecord? {
        guard let docid = try database.postings(for: Prefix.documentID + id).first else { return nil }
        let document = try database.document(docid)
        var record = try StoredJSON.decode(DocumentRecord.self, from: try document.data())
        // The writer gives the sequence when it adds the record, as a value.
        let sequence = try document.value(ValueSlot.sequence.rawValue)
        if !sequence.isEmpty { record.sequence = Int(Sortable.unserialise(sequence)) }
        return record
    }

    /// Orders the copies of a text, original first (SPEC "Normalization and duplicates"): the earliest
    /// `issued` date (undated documents last), then the first ingested.
    var originalRank: (issued: Int, sequence: Int) {
        let issued = metadata.issued.flatMap { parts -> Int? in
            parts.year.map { $0 * 10_000 + (parts.month ?? 0) * 100 + (parts.day ?? 0) }
        } ?? Int.max
        return (issued, sequence)
    }
}

extension HitDocument {
    /// The summary of a document that search hits carry.
    init(id: String, metadata: CitationMetadata) {
        let names = metadata.author.compactMap { name -> String? in
            if let literal = name.literal { return literal }
            let parts = [name.given, name.family].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
        let issued = metadata.issued.flatMap { parts -> String? in
            guard let year = parts.year else { return nil }
            var text = String(format: "%04d", year)
            if let month = parts.month {
                text += String(format: "-%02d", month)
                if let day = parts.day { text += String(format: "-%02d", day) }
            }
            return text
        }
        self.init(
            id: id, title: metadata.title, author: names.isEmpty ? nil : names.joined(separator: ", "),
            source: metadata.containerTitle ?? metadata.publisher, issued: issued)
    }
}
