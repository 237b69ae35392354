import ConcordText
import Foundation
internal import Xapian

/// Statistics of an index (`concord stats`).
public struct IndexStats: Codable, Hashable, Sendable {
    public var documents: Int
    public var passages: Int
    public var groups: Int
    /// Bytes the index occupies on disk.
    public var indexBytes: Int
    /// Documents per language code.
    public var languages: [String: Int]

    enum CodingKeys: String, CodingKey {
        case documents, passages, groups, languages
        case indexBytes = "index_bytes"
    }
}

/// A document's metadata and passages (`concord show`, `GET /documents/{id}`).
public struct DocumentInfo: Codable, Hashable, Sendable {
    public var id: String
    public var path: String
    public var format: String
    public var hash: String
    public var language: String
    public var bytes: Int
    /// The document's citation metadata (CSL-JSON fields).
    public var metadata: CitationMetadata
    public var passages: [Passage]
}

/// Two spans that duplicate detection aligned: one copies the other, exactly or with small edits.
public struct DuplicatePair: Codable, Hashable, Sendable {
    public struct Side: Codable, Hashable, Sendable {
        public var document: String
        public var span: TextSpan
        public var lines: [Int]
    }

    public var a: Side
    public var b: Side
    /// Words matched between the two spans.
    public var words: Int
}

/// The one facade both front ends hold: search, citations, duplicates, documents and statistics over one
/// index. Safe to share across threads: each call borrows a reader of its own.
public final class ConcordService: Sendable {
    let pool: ReaderPool
    /// Each search stops matching after this many seconds, returning what it found.
    public let timeLimit: Double

    /// Opens the index at `indexPath`.
    ///
    /// - Throws: `ConcordError.indexMissing` (saying how to create it) or `.indexUnreadable`.
    public init(indexPath: String, timeLimit: Double = 5) throws {
        pool = try ReaderPool(path: indexPath)
        self.timeLimit = timeLimit
    }

    /// The index folder.
    public var indexPath: String { pool.path }

    // MARK: - Documents and passages

    /// The document `id`.
    public func document(_ id: String) throws -> DocumentInfo {
        try pool.withReader { database in
            let record = try Self.record(id, in: database)
            let groups = try Self.passageGroups(of: id, in: database)
            let passages = record.passages.map { passage in
                var passage = passage
                passage.group = groups[passage.id]
                return passage
            }
            return DocumentInfo(
                id: record.id, path: record.path, format: record.format.rawValue, hash: record.hash,
                language: record.language, bytes: record.bytes, metadata: record.metadata, passages: passages)
        }
    }

    /// The text of document `id` as extracted (what every span indexes).
    public func documentText(_ id: String) throws -> String {
        try pool.withReader { try Self.record(id, in: $0).text }
    }

    /// The passage `id`.
    public func passage(_ id: String) throws -> Passage {
        try pool.withReader { database in
            guard let passage = try StoredPassage.load(id, from: database) else {
                throw ConcordError(.notFound, "no passage \(id)")
            }
            return passage
        }
    }

    /// Index statistics.
    public func stats() throws -> IndexStats {
        try pool.withReader { database in
            var languages: [String: Int] = [:]
            for term in try database.allTerms(prefix: Prefix.language) {
                languages[String(term.dropFirst(Prefix.language.count))] = try database.termFrequency(term)
            }
            return IndexStats(
                documents: try database.termFrequency(RecordKind.document.term),
                passages: try RecordKind.passageCount(in: database),
                groups: try database.termFrequency(RecordKind.group.term),
                indexBytes: Self.size(ofFolder: pool.path), languages: languages)
        }
    }

    /// The duplicate groups, optionally only those with a member in `document` and at least `minWords` words.
    public func duplicates(document: String? = nil, minWords: Int? = nil) throws -> [DuplicateGroup] {
        if let minWords, minWords < 1 { throw ConcordError(.badParameter, "min_words must be at least 1") }
        return try pool.withReader { database in
            if let document, try database.postings(for: Prefix.documentID + document).isEmpty {
                throw try Self.noDocument(document, in: database)
            }
            let term = document.map { Prefix.member + $0 } ?? RecordKind.group.term
            var groups: [DuplicateGroup] = []
            var texts = GroupTexts()
            for docid in try database.postings(for: term) {
                let group = try Self.group(at: docid, in: database)
                if group.words >= (minWords ?? 0) { groups.append(try texts.filling(group, from: database)) }
            }
            return groups.sorted { ($0.members.first?.document ?? "", $0.members.first?.span.start ?? 0, $0.id)
                < ($1.members.first?.document ?? "", $1.members.first?.span.start ?? 0, $1.id) }
        }
    }

    /// The aligned span pairs duplicate detection found (`concord dups --pairs`), each once, in document order;
    /// only those with a side in `document` and at least `minWords` matched words when given.
    public func duplicatePairs(document: String? = nil, minWords: Int? = nil) throws -> [DuplicatePair] {
        if let minWords, minWords < 1 { throw ConcordError(.badParameter, "min_words must be at least 1") }
        return try pool.withReader { database in
            if let document, try database.postings(for: Prefix.documentID + document).isEmpty {
                throw try Self.noDocument(document, in: database)
            }
            let ids = try document.map { [$0] }
                ?? database.allTerms(prefix: Prefix.linksID).map { String($0.dropFirst(Prefix.linksID.count)) }
            var lines: [String: LineIndex] = [:]
            func side(_ id: String, _ span: TextSpan) throws -> DuplicatePair.Side {
                if lines[id] == nil, let record = try DocumentRecord.load(id, from: database, passages: false) {
                    lines[id] = LineIndex(ScalarText(record.text))
                }
                return DuplicatePair.Side(document: id, span: span, lines: lines[id]?.lines(of: span) ?? [])
            }
            var pairs: [DuplicatePair] = []
            for id in ids.sorted() {
                for link in try Self.links(of: id, in: database) where link.matched >= (minWords ?? 0) {
                    // Each pair once: from the side whose document id sorts first (or from `document`).
                    guard document != nil || id < link.other else { continue }
                    pairs.append(DuplicatePair(a: try side(id, link.span), b: try side(link.other, link.otherSpan), words: link.matched))
                }
            }
            return pairs
        }
    }

    /// The duplicate links of document `id`.
    func links(of id: String) throws -> [DuplicateLink] {
        try pool.withReader { try Self.links(of: id, in: $0) }
    }

    // MARK: - Helpers

    /// The links document `id`'s link record holds in `database` (none when it has no record).
    static func links(of id: String, in database: Database) throws -> [DuplicateLink] {
        guard let docid = try database.postings(for: Prefix.linksID + id).first else { return [] }
        return try LinkRecord(decoding: try database.document(docid).value(ValueSlot.links.rawValue)).links
    }

    static func record(_ id: String, in database: Database) throws -> DocumentRecord {
        guard let record = try DocumentRecord.load(id, from: database) else { throw try noDocument(id, in: database) }
        return record
    }

    /// The error for a document id the index does not hold; when `id` is a file's path or name whose document it
    /// holds (ids are slugs of paths: `notes/Draft 2.md` is `notes-draft-2-md`), it names that document's id.
    static func noDocument(_ id: String, in database: Database) throws -> ConcordError {
        let slug = DocumentID.slug(relativePath: id)
        if slug != id, !slug.isEmpty, try !database.postings(for: Prefix.documentID + slug).isEmpty {
            return ConcordError(.notFound, "no document \(id); its document id is \(slug)")
        }
        return ConcordError(.notFound, "no document \(id)")
    }

    /// The duplicate group of each passage of document `id` that is in one (its link record).
    static func passageGroups(of id: String, in database: Database) throws -> [String: String] {
        try PassageGroups.load(document: id, from: database).mapValues(\.group)
    }

    /// Group `id`, its members' texts left empty (`GroupTexts`), or nil when there is none.
    static func group(_ id: String, in database: Database) throws -> DuplicateGroup? {
        guard let docid = try database.postings(for: Prefix.groupID + id).first else { return nil }
        return try group(at: docid, in: database)
    }

    /// The group stored in Xapian document `docid`, its members' texts left empty (`GroupTexts`).
    static func group(at docid: UInt32, in database: Database) throws -> DuplicateGroup {
        try StoredJSON.decodeGroup(try database.document(docid).value(ValueSlot.group.rawValue))
    }

    static func size(ofFolder path: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.reduce(0) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0
            return total + size
        }
    }
}

/// Reads the texts of duplicate groups' members from their documents, each document's text once: the index
/// stores a group's members' places, not their texts (`StoredGroup`).
struct GroupTexts {
    private var texts: [String: UTF8Text] = [:]

    /// `group` with each member's text, `text[span]` of its document (empty when the document is gone, which a
    /// run stopped before it rebuilt the groups around a removed document can leave).
    mutating func filling(_ group: DuplicateGroup, from database: Database) throws -> DuplicateGroup {
        var group = group
        for index in group.members.indices {
            let document = group.members[index].document
            if texts[document] == nil {
                texts[document] = UTF8Text(try DocumentRecord.utf8Text(of: document, from: database) ?? [])
            }
            group.members[index].text = texts[document]?[group.members[index].span] ?? ""
        }
        return group
    }

    /// A text as UTF-8, with the offset of every 64th scalar: spans are scalar offsets, and holding the scalars
    /// of every grouped document's text, as a listing of all groups reads them, took four times the memory.
    private struct UTF8Text {
        private let bytes: [UInt8]
        /// The byte offset of scalars 0, 64, 128…
        private let marks: [Int]
        private let count: Int

        init(_ utf8: [UInt8]) {
            // Never anything but valid UTF-8 as stored; else the standard library's repair, as `ScalarText` does.
            let bytes =
                String(validating: utf8, as: UTF8.self) == nil ? Array(String(decoding: utf8, as: UTF8.self).utf8) : utf8
            var marks: [Int] = []
            var count = 0
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                if count & 63 == 0 { marks.append(offset) }
                count += 1
            }
            (self.bytes, self.marks, self.count) = (bytes, marks, count)
        }

        /// The byte offset of scalar `scalar` (0...count).
        private func offset(of scalar: Int) -> Int {
            guard scalar < count else { return bytes.count }
            var offset = marks[scalar >> 6]
            for _ in 0..<(scalar & 63) {
                offset += 1
                while bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            }
            return offset
        }

        /// The characters of `span`, clamped to the text.
        subscript(span: TextSpan) -> String {
            let range = span.clamped(toCount: count)
            return String(decoding: bytes[offset(of: range.lowerBound)..<offset(of: range.upperBound)], as: UTF8.self)
        }
    }
}
