import ConcordText
internal import Xapian

/// A span shared with another document, as duplicate detection aligned it (stored on link records, on both
/// documents' sides).
///
/// Its spans, word ranges and count are kept in 32 bits (`PackedSpan`): 56 bytes a link, not 88. Detection holds
/// the links of the documents it aligns, a million and more on the 250 MB bench subset.
struct DuplicateLink: Hashable, Sendable {
    /// The other document.
    var other: String
    private var packedSpan: PackedSpan
    private var packedWords: PackedSpan
    private var packedOtherSpan: PackedSpan
    private var packedOtherWords: PackedSpan
    private var matchedWords: UInt32

    init(span: TextSpan, words: Range<Int>, other: String, otherSpan: TextSpan, otherWords: Range<Int>, matched: Int) {
        self.other = other
        (packedSpan, packedWords) = (PackedSpan(span), PackedSpan(words))
        (packedOtherSpan, packedOtherWords) = (PackedSpan(otherSpan), PackedSpan(otherWords))
        matchedWords = UInt32(clamping: matched)
    }

    /// The span in this document.
    var span: TextSpan { packedSpan.span }
    /// The same as word indices (first, end exclusive) into this document's duplicate-detection words
    /// (`WordTokenizer`, boilerplate left out).
    var words: Range<Int> { packedWords.range }
    /// The other document's span and words.
    var otherSpan: TextSpan { packedOtherSpan.span }
    var otherWords: Range<Int> { packedOtherWords.range }
    /// Words matched between the two spans (the rest were changed, added or dropped).
    var matched: Int { Int(matchedWords) }
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
    /// The text as extracted; stored in a value of its own (`stored()`).
    var text: String
    /// The passages, their groups left out (duplicate detection keeps those on the passages' own documents).
    var passages: [Passage]
    /// Spans of boilerplate blocks, kept out of duplicate detection.
    var boilerplate: [TextSpan]
}

extension DocumentRecord {
    enum CodingKeys: String, CodingKey {
        case id, path, relativePath, format, hash, metadata, language, sequence, bytes, boilerplate
    }

    /// The header: everything but the text and the passages (`stored()` puts those after it).
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
        try container.encode(boilerplate, forKey: .boilerplate)
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
        text = ""
        passages = []
        boilerplate = try container.decode([TextSpan].self, forKey: .boilerplate)
    }

    /// What the record's Xapian document stores of it.
    struct Stored {
        /// Its data: the header as JSON, a NUL byte (which JSON never holds raw), then the passages
        /// (`PassageTable`). Loading a record parses no escaped text, and what needs no passages skips them.
        var data: [UInt8]
        /// The text as UTF-8, in `ValueSlot.text` (of the first passage's document): Xapian compresses a
        /// document's data with zlib, on the one writer's thread, and the text is most of a record; values it
        /// stores as they are, and duplicate detection, which reads every text back, then inflates nothing either.
        var text: [UInt8]
    }

    func stored() throws -> Stored {
        var data = try StoredJSON.encode(self)
        data.append(0)
        data.append(contentsOf: PassageTable.encode(passages))
        return Stored(data: data, text: Array(text.utf8))
    }

    /// A record from what `stored()` gave, with its passages (and their texts) unless `passages` is false.
    static func decode(_ stored: Stored, passages: Bool = true) throws -> DocumentRecord {
        let parts = try Parts(stored.data)
        var record = try StoredJSON.decode(DocumentRecord.self, from: Array(parts.header))
        record.text = String(decoding: stored.text, as: UTF8.self)
        if passages {
            let scalars = ScalarText(record.text)
            record.passages = try PassageTable.decode(Array(parts.passages), document: record.id) { scalars[$0] }
        }
        return record
    }

    /// The two parts of a record's data (`Stored.data`): the header's JSON and the passages.
    struct Parts {
        var header: ArraySlice<UInt8>
        var passages: ArraySlice<UInt8>

        init(_ data: [UInt8]) throws {
            guard let separator = data.firstIndex(of: 0) else {
                throw ConcordError(.indexUnreadable, "a document record of the index is damaged")
            }
            (header, passages) = (data[..<separator], data[(separator + 1)...])
        }
    }
}

/// A document's passages as its record stores them: `{"headings":[[…],…],"passages":[[start,end,firstLine,
/// lastLine,paragraph,kind,heading],…]}`, kind 0 for a paragraph and 1 for boilerplate, heading an index into
/// `headings` (each heading path stored once). Ids and texts are not stored: a passage's id is its document's
/// and its position, its text `text[span]`.
enum PassageTable {
    static func encode(_ passages: [Passage]) -> [UInt8] {
        var headings: [[String]] = []
        var headingIndex: [[String]: Int] = [:]
        // The rows as bytes from the start: a record has a row for each of its passages.
        var rows: [UInt8] = []
        rows.reserveCapacity(passages.count * 24)
        for (index, passage) in passages.enumerated() {
            let heading: Int
            if let known = headingIndex[passage.heading] {
                heading = known
            } else {
                heading = headings.count
                headingIndex[passage.heading] = heading
                headings.append(passage.heading)
            }
            if index > 0 { rows.append(UInt8(ascii: ",")) }
            rows.append(UInt8(ascii: "["))
            passage.appendPlace(to: &rows)
            rows.append(UInt8(ascii: ","))
            rows.appendDecimal(heading, then: UInt8(ascii: "]"))
        }
        var output = "{\"headings\":["
        for (index, path) in headings.enumerated() {
            if index > 0 { output += "," }
            output += "["
            for (k, heading) in path.enumerated() {
                if k > 0 { output += "," }
                JSONWriter.writeString(heading, to: &output)
            }
            output += "]"
        }
        output += "],\"passages\":["
        var bytes = Array(output.utf8)
        bytes.append(contentsOf: rows)
        bytes.append(contentsOf: "]}".utf8)
        return bytes
    }

    static func decode(_ bytes: [UInt8], document: String, text: (TextSpan) -> String) throws -> [Passage] {
        // The headings as JSON; the rows by hand (`rows`).
        guard let split = PassageTable.find(Self.rowsMarker, in: bytes),
            case .array(let headingRows)? = try JSONParser.parse(Array(bytes[..<split]) + [UInt8(ascii: "}")])["headings"]
        else { throw Self.damaged(document) }
        let headings: [[String]] = headingRows.map { row in
            guard case .array(let items) = row else { return [] }
            return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        }
        var passages: [Passage] = []
        try rows(of: bytes, from: split + Self.rowsMarker.count, document: document) { numbers in
            let span = TextSpan(start: numbers[0], end: max(numbers[0], numbers[1]))
            passages.append(Passage(
                id: Passage.id(document: document, ordinal: passages.count), document: document, span: span,
                lines: [numbers[2], numbers[3]], text: text(span),
                heading: headings.indices.contains(numbers[6]) ? headings[numbers[6]] : [], group: nil,
                paragraph: numbers[4],
                kind: numbers[5] == 1 ? PassageDraft.Kind.boilerplate.rawValue : PassageDraft.Kind.paragraph.rawValue))
        }
        return passages
    }

    /// The spans of the passages `decode(_:document:text:)` reads from `bytes`, in order, and nothing else:
    /// what duplicate groups need of a document's passages, without making a `Passage` (its id, lines and
    /// heading path) for each.
    static func spans(_ bytes: [UInt8], document: String) throws -> [TextSpan] {
        guard let split = PassageTable.find(Self.rowsMarker, in: bytes) else { throw Self.damaged(document) }
        var spans: [TextSpan] = []
        try rows(of: bytes, from: split + Self.rowsMarker.count, document: document) { numbers in
            spans.append(TextSpan(start: numbers[0], end: max(numbers[0], numbers[1])))
        }
        return spans
    }

    /// What precedes the rows.
    private static let rowsMarker = Array(",\"passages\":[".utf8)

    private static func damaged(_ document: String) -> ConcordError {
        ConcordError(.indexUnreadable, "the passages of document \(document) are damaged in the index")
    }

    /// Gives `body` the seven numbers of each row from `start` on, in order. Read by hand: numbers only, and
    /// there can be thousands.
    private static func rows(
        of bytes: [UInt8], from start: Int, document: String, _ body: ([Int]) throws -> Void
    ) throws {
        var numbers: [Int] = []
        var index = start
        var value = 0
        var inNumber = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                inNumber = true
                continue
            }
            if inNumber {
                numbers.append(value)
                value = 0
                inNumber = false
            }
            guard byte == UInt8(ascii: "]") else { continue }
            if numbers.isEmpty { break }  // the end of the rows
            guard numbers.count == 7 else { throw damaged(document) }
            try body(numbers)
            numbers.removeAll(keepingCapacity: true)
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count, let first = needle.first else { return nil }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension DocumentRecord {
    /// The record of document `id` in `database`, or nil when it is not indexed.
    static func load(_ id: String, from database: Database, passages: Bool = true) throws -> DocumentRecord? {
        guard let (docid, document) = try recordDocument(id, in: database) else { return nil }
        var record = try DocumentRecord.decode(try stored(document, at: docid, in: database), passages: passages)
        // The writer gives the sequence when it adds the record, as a value.
        let sequence = try document.value(ValueSlot.sequence.rawValue)
        if !sequence.isEmpty { record.sequence = Int(Sortable.unserialise(sequence)) }
        return record
    }

    /// The Xapian document holding the record of document `id`, and its id, or nil when it is not indexed.
    private static func recordDocument(_ id: String, in database: Database) throws -> (UInt32, Document)? {
        guard let docid = try database.postings(for: Prefix.documentID + id).first else { return nil }
        return (docid, try database.document(docid))
    }

    /// What alignment needs of document `id`: its text and boilerplate spans, read without decoding the rest of
    /// the record (the header starts with the boilerplate, `StoredJSON.encode(_:)`).
    static func alignment(_ id: String, from database: Database) throws -> (text: ScalarText, boilerplate: [TextSpan])? {
        guard let (docid, document) = try recordDocument(id, in: database) else { return nil }
        return try alignment(decoding: try stored(document, at: docid, in: database), id: id)
    }

    /// What the record's Xapian document `document` (id `docid`) stores (`stored()`).
    private static func stored(_ document: Document, at docid: UInt32, in database: Database) throws -> Stored {
        Stored(data: try document.data(), text: try text(of: document, at: docid, in: database))
    }

    /// The text of the record's Xapian document `document` (id `docid`), as UTF-8: on its first passage's
    /// document, found as searches find passages (`RecordSummary.passageDocumentID`, right over shards too).
    private static func text(of document: Document, at docid: UInt32, in database: Database) throws -> [UInt8] {
        let summary = try RecordSummary(decoding: try document.value(ValueSlot.summary.rawValue))
        let first = summary.passageDocumentID(0, record: docid, shards: try database.shardCount())
        let holder = try first.map { try database.document($0) } ?? document
        return try holder.value(ValueSlot.text.rawValue)
    }

    /// The text of document `id` alone, as UTF-8, without decoding its record, or nil when it is not indexed.
    static func utf8Text(of id: String, from database: Database) throws -> [UInt8]? {
        guard let (docid, document) = try recordDocument(id, in: database) else { return nil }
        return try text(of: document, at: docid, in: database)
    }

    /// The text and boilerplate spans of the record stored as `stored` (`stored()`).
    static func alignment(decoding stored: Stored, id: String) throws -> (text: ScalarText, boilerplate: [TextSpan]) {
        let parts = try Parts(stored.data)
        let opening = Array("{\"boilerplate\":[".utf8)
        var header = Array(parts.header)
        if header.starts(with: opening), let close = header.firstIndex(of: UInt8(ascii: "]")) {
            header = Array(header[...close]) + [UInt8(ascii: "}")]
        }
        guard case .array(let rows)? = try JSONParser.parse(header)["boilerplate"] else {
            throw ConcordError(.indexUnreadable, "the record of document \(id) is damaged in the index")
        }
        let boilerplate = rows.compactMap { row -> TextSpan? in
            guard case .number(let start)? = row["start"], case .number(let end)? = row["end"],
                let low = Int(start), let high = Int(end), low >= 0, high >= low
            else { return nil }
            return TextSpan(start: low, end: high)
        }
        return (ScalarText(utf8: stored.text[...]), boilerplate)
    }

    /// What duplicate groups need of document `id`: its text, passages (without texts), original rank (as
    /// `originalRank`) and ingest sequence, read without decoding the rest of the record.
    static func grouping(_ id: String, from database: Database) throws
        -> (text: ScalarText, spans: [TextSpan], rank: (issued: Int, sequence: Int))?
    {
        guard let (docid, document) = try recordDocument(id, in: database) else { return nil }
        let stored = try stored(document, at: docid, in: database)
        let parts = try Parts(stored.data)
        let header = try JSONParser.parse(Array(parts.header), skipping: ["path", "relativePath", "hash", "boilerplate"])
        var issued = Int.max
        if case .array(let rows)? = header["metadata"]?["issued"]?["date-parts"], case .array(let parts)? = rows.first {
            let numbers = parts.map { part -> Int? in
                switch part {
                case .number(let text): Int(text)
                case .string(let text): Int(text)
                default: nil
                }
            }
            issued = Self.issuedRank(
                year: numbers.first ?? nil, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
        }
        let sequenceValue = try document.value(ValueSlot.sequence.rawValue)
        let sequence = sequenceValue.isEmpty ? 0 : Int(Sortable.unserialise(sequenceValue))
        let spans = try PassageTable.spans(Array(parts.passages), document: id)
        return (ScalarText(utf8: stored.text[...]), spans, (issued, sequence))
    }

    /// The passages of document `id`, without their texts (nor the rest of the record).
    static func passages(of id: String, from database: Database) throws -> [Passage] {
        guard let (_, document) = try recordDocument(id, in: database) else { return [] }
        return try PassageTable.decode(Array(try Parts(try document.data()).passages), document: id) { _ in "" }
    }

    /// Orders the copies of a text, original first (SPEC "Normalization and duplicates"): the earliest
    /// `issued` date (undated documents last), then the first ingested.
    var originalRank: (issued: Int, sequence: Int) {
        (Self.issuedRank(year: metadata.issued?.year, month: metadata.issued?.month, day: metadata.issued?.day), sequence)
    }

    /// The date part of `originalRank`: YYYYMMDD as a number (a missing month or day 0), `Int.max` undated.
    static func issuedRank(year: Int?, month: Int?, day: Int?) -> Int {
        guard let year else { return Int.max }
        return year * 10_000 + (month ?? 0) * 100 + (day ?? 0)
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
        self.init(
            id: id, title: metadata.title, author: names.isEmpty ? nil : names.joined(separator: ", "),
            source: metadata.containerTitle ?? metadata.publisher, issued: metadata.issued?.iso)
    }
}
