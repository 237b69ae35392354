import ConcordTestSupport
import Foundation
import Xapian

/// A small on-disk database built through the wrapper, as concord's schema would: body text with positions,
/// a title field, a boolean source filter, a date slot (YYYYMMDD) and a group slot for collapsing.
struct SampleDatabase {
    static let titlePrefix = "S"
    static let sourcePrefix = "XSRC"
    static let idPrefix = "Q"
    static let dateSlot: UInt32 = 0
    static let groupSlot: UInt32 = 1

    struct Entry {
        var id: String
        var title: String
        var body: String
        var source: String
        var date: String  // YYYYMMDD
        var group: String = ""
    }

    static let entries: [Entry] = [
        Entry(id: "a", title: "NATO in the Pacific", body: "Tension rises in the Taiwan Strait as patrols increase.",
              source: "cfr", date: "20240530", group: "g1"),
        Entry(id: "b", title: "Republished: NATO in the Pacific", body: "Tension rises in the Taiwan Strait as patrols increase.",
              source: "chinafactor", date: "20240601", group: "g1"),
        Entry(id: "c", title: "Strait talk", body: "The strait of Taiwan is narrow; talks on trade continued.",
              source: "cfr", date: "20230115"),
        Entry(id: "d", title: "Munitions", body: "North Korea shipped munitions and ballistic missiles to Russia.",
              source: "other", date: "20241010"),
        Entry(id: "e", title: "Deterrence", body: "Deterrence in Europe depends on defense spending and industry.",
              source: "other", date: "20220301"),
    ]

    /// Writes `entries` into `database` and commits.
    static func fill(_ database: WritableDatabase, with entries: [Entry] = entries) throws {
        let generator = try TermGenerator(language: "english")
        try generator.setSpellingDatabase(database)
        for entry in entries {
            try database.replaceDocument(idTerm: idPrefix + entry.id, with: try document(for: entry, generator: generator))
        }
        try database.commit()
    }

    static func document(for entry: Entry, generator: TermGenerator) throws -> Document {
        let document = try Document()
        try generator.setDocument(document)
        try generator.indexText(entry.title, prefix: titlePrefix)
        try generator.indexText(entry.title)
        try generator.increaseTermPosition()
        try generator.indexText(entry.body)
        try document.addBooleanTerm(idPrefix + entry.id)
        try document.addBooleanTerm(sourcePrefix + entry.source)
        try document.setValue(entry.date, slot: dateSlot)
        if !entry.group.isEmpty { try document.setValue(entry.group, slot: groupSlot) }
        try document.setData(Array(entry.id.utf8))
        return document
    }

    static func parser(for database: Database) throws -> QueryParser {
        let parser = try QueryParser(language: "english")
        try parser.setDatabase(database)
        try parser.addPrefix("title", titlePrefix)
        try parser.addBooleanPrefix("source", sourcePrefix)
        try parser.addDateRange(slot: dateSlot, field: "date:")
        return parser
    }

    /// The ids of the documents matching `query`, best first.
    static func search(_ query: String, in database: Database, collapse: Bool = false, limit: Int = 10) throws -> [String] {
        let parser = try parser(for: database)
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try parser.parse(query, features: [.standard, .wildcard]))
        if collapse { try enquire.setCollapseKey(slot: groupSlot) }
        let matches = try enquire.matches(limit: limit)
        return try (0..<matches.count).map { String(decoding: try matches.document(at: $0).data(), as: UTF8.self) }
    }
}
